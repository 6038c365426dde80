"""Worked cases from cases.csv, a table a SEND manager can read and check by hand.

Each row: which function, the rule id or number, one or two dates, the expected answer and why.
Rows whose first cell starts with "#" are section headings.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from opensend import statutory

CASES_FILE = Path(__file__).with_name("cases.csv")


def _load() -> list[dict[str, str]]:
    with CASES_FILE.open(newline="", encoding="utf-8") as handle:
        return [row for row in csv.DictReader(handle) if not row["check"].startswith("#")]


CASES = _load()


def _d(text: str) -> date:
    return date.fromisoformat(text)


def _run(row: dict[str, str]) -> str:
    a = _d(row["date_a"])
    b = _d(row["date_b"]) if row["date_b"] else None
    arg = row["rule_or_n"]
    checks: dict[str, Callable[[], object]] = {
        "due": lambda: statutory.due(arg, a),
        "appeal_deadline": lambda: statutory.appeal_deadline(a, b),
        "add_working_days": lambda: statutory.add_working_days(a, int(arg)),
        "is_working_day": lambda: statutory.is_working_day(a),
        "add_months": lambda: statutory.add_months(a, int(arg)),
        "add_weeks": lambda: statutory.add_weeks(a, int(arg)),
        "add_days": lambda: statutory.add_days(a, int(arg)),
        "national_curriculum_year": lambda: statutory.national_curriculum_year(a, _need(b)),
        "academic_year_start": lambda: statutory.academic_year_start(a),
        "clock_status": lambda: statutory.clock_status(a, _need(b)).label,
        "days_until": lambda: statutory.days_until(a, _need(b)),
        "months_starting_with": lambda: statutory.months_starting_with(a, int(arg)),
        "plan_end_date": lambda: statutory.plan_end_date(a, further_education=arg == "fe"),
        "cease_check": lambda: _cease(arg, a, _need(b)),
        "transfer_kind": lambda: _transfer(arg),
        "transfer_after_move": lambda: _transfer_after_move(arg, a),
    }
    return str(checks[row["check"]]())


def _cease(reason: str, born: date, on: date) -> str:
    """ "allowed", "allowed after a review" or "refused", for a SEN2 reason code."""
    check = statutory.cease_check(reason, born, on)
    if not check.allowed:
        return "refused"
    return "allowed after a review" if check.review_required else "allowed"


def _transfer(arg: str) -> str:
    """``phase year [leaving]``, e.g. "secondary 13": the kind of move, or "none"."""
    phase, year, *flags = arg.split()
    kind = statutory.transfer_kind(phase, int(year), leaving_sixth_form="leaving" in flags)
    return kind.value if kind else "none"


def _transfer_after_move(kind: str, transfer_on: date) -> str:
    deadline = statutory.phase_transfer_deadline(statutory.TransferKind(kind), transfer_on)
    return f"{deadline.amend_by.isoformat()} {'after' if deadline.after_move else 'before'}"


def _need(value: date | None) -> date:
    assert value is not None, "this check needs date_b"
    return value


@pytest.mark.parametrize(
    "row", CASES, ids=[f"{r['check']}:{r['rule_or_n']}:{r['date_a']}" for r in CASES]
)
def test_worked_case(row: dict[str, str]) -> None:
    assert _run(row) == row["expected"], row["why"]


def test_table_is_big_enough_and_covers_every_rule() -> None:
    assert len(CASES) >= 70
    covered = {row["rule_or_n"] for row in CASES if row["check"] == "due"}
    assert covered == set(statutory.RULES)


def test_table_covers_every_helper() -> None:
    checks = {row["check"] for row in CASES}
    assert checks >= {
        "due",
        "appeal_deadline",
        "add_working_days",
        "is_working_day",
        "add_months",
        "add_weeks",
        "add_days",
        "national_curriculum_year",
        "academic_year_start",
        "clock_status",
        "days_until",
        "months_starting_with",
        "plan_end_date",
        "cease_check",
        "transfer_kind",
        "transfer_after_move",
    }
