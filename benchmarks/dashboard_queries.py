"""Each dashboard figure's query timed against a bare count of the same rows (issue 15, item 4).

For every KPI on the dashboard, `figures.headline` over the whole area for the dashboard's default
period (the figure a board member or analyst sees, every kind of record the KPI counts included)
is timed `BENCH_QUERY_REPEATS` times. Its **bare scan** is, for each kind of record the KPI counts,
the same rows (the KPI's own queryset, with its WHERE clause and the annotations that clause uses)
counted with a plain `COUNT(*) ... GROUP BY` on the date that puts a record in a period, with none
of the KPI's conditional counts, due-date CASEs, EXISTS subqueries or cuts, timed the same way in
the same run. The row written has the scenario `dashboard_query:<slug>`, the figure's p50 and p95,
its SQL statements, the bare scan's p50 as `sql_floor_ms` and `floor_ratio` = p50 / bare scan (the
issue's "within 3x the bare scan" target); `growth` as for the pages.

Run inside a set-up Django (benchmarks/run.py calls `measure` after building the area).
"""

import os
import statistics
import time
from collections.abc import Callable
from typing import Any

REPEATS = int(os.environ.get("BENCH_QUERY_REPEATS", "10"))


def _timed(action: Callable[[], Any]) -> tuple[float, float]:
    """p50 and p95 wall time of `action` in ms over REPEATS runs."""
    timings = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        action()
        timings.append((time.perf_counter() - start) * 1000)
    timings.sort()
    return statistics.median(timings), timings[min(len(timings) - 1, int(len(timings) * 0.95))]


def _bare_scan(item: Any, start: Any, end: Any) -> Callable[[], None]:
    """COUNT(*) GROUP BY the period date over each kind of the KPI's rows."""
    from django.db.models import Count, Q

    from opensend.insights.figures import record_kinds

    counted = item.count(start, end)
    querysets = []
    for _part_item, part, _scope in record_kinds(item, counted, Q()):
        field = part.period or part.end_field or part.start_field or "pk"
        querysets.append(part.rows.order_by().values(field).annotate(_n=Count("*")))

    def scan() -> None:
        for qs in querysets:
            list(qs.all())  # a fresh query each time (a QuerySet caches its rows)

    return scan


def measure(*, scale: int, plans: int, database: str) -> list[dict[str, object]]:
    """One result row per dashboard KPI, in benchmarks/run.py's format."""
    from django.db import connection, reset_queries
    from django.db.models import Q
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from opensend.insights import figures, kpis, timeliness

    start, end = timeliness.default_period(timezone.localdate())
    rows: list[dict[str, object]] = []
    for item in kpis.KPIS.values():

        def headline(item: Any = item) -> None:
            figures.headline(item, start=start, end=end, scope=Q())

        reset_queries()
        with CaptureQueriesContext(connection) as ctx:
            headline()
        p50, p95 = _timed(headline)
        bare, _ = _timed(_bare_scan(item, start, end))
        rows.append(
            {
                "scenario": f"dashboard_query:{item.slug}",
                "database": database,
                "scale": scale,
                "plans": plans,
                "p50_ms": round(p50, 1),
                "p95_ms": round(p95, 1),
                "queries": len(ctx.captured_queries),
                "sql_floor_ms": round(bare, 2),
                "floor_ratio": round(p50 / bare, 1) if bare else None,
                "growth": None,
            }
        )
    return rows
