"""A due date per record as one SQL expression: `CASE <field> WHEN <trigger> THEN <due> ...`.

Each due date is worked out once per distinct trigger in Python, by `opensend.statutory`, and
handed to the database. Built from Django's `Case(When(...), ...)`, a year of triggers is some
hundreds of `When` objects, each a `Q` the ORM resolves and compiles again in every query that
uses it (twice when it is both the hit and part of "hits with an exception"): at 20,000
children that was most of the dashboard's time (issue 13). `DueDateLookup` resolves its column(s)
once and writes the branches straight out as SQL with parameters, so compiling it costs a string
join; the SQL means exactly what the `Case` did (no match, or a NULL field, gives NULL).
"""

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from django.db.models import DateField, Expression, F


class DueDateLookup(Expression):
    """The date `answers[(value of fields...)]` for each row, NULL when there is none. With one
    field, `answers` is keyed by that field's value; with several, by a tuple of their values."""

    def __init__(self, fields: Sequence[str], answers: Mapping[Any, date]) -> None:
        super().__init__(output_field=DateField())
        self.sources: list[Any] = [F(f) for f in fields]
        single = len(fields) == 1
        self.answers = sorted(((k,) if single else tuple(k), v) for k, v in answers.items())

    def get_source_expressions(self) -> list[Any]:
        return self.sources

    def set_source_expressions(self, exprs: Sequence[Any]) -> None:
        self.sources = list(exprs)

    def as_sql(self, compiler: Any, connection: Any, **extra: Any) -> tuple[str, list[Any]]:
        if not self.answers:
            return "NULL", []
        columns = [compiler.compile(source) for source in self.sources]
        adapt = connection.ops.adapt_datefield_value
        params: list[Any] = []
        if len(columns) == 1:
            sql, column_params = columns[0]
            params.extend(column_params)
            branches = " WHEN %s THEN %s" * len(self.answers)
            for (key,), due in self.answers:
                params += [_adapt(key, adapt), adapt(due)]
            return f"CASE {sql}{branches} ELSE NULL END", params
        condition = " AND ".join(f"{sql} = %s" for sql, _ in columns)
        parts = []
        for keys, due in self.answers:
            parts.append(f" WHEN {condition} THEN %s")
            for (_, column_params), key in zip(columns, keys, strict=True):
                params += [*column_params, _adapt(key, adapt)]
            params.append(adapt(due))
        return f"CASE{''.join(parts)} ELSE NULL END", params


def _adapt(value: Any, adapt: Any) -> Any:
    return adapt(value) if isinstance(value, date) else value
