"""Dates come from the rules engine (opensend.statutory), never from sums in the apps."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
APPS = ["casework", "disputes", "plans"]
FORBIDDEN = re.compile(r"\b(timedelta|relativedelta)\(")


def _sources() -> list[Path]:
    files = []
    for app in APPS:
        base = ROOT / app
        if not base.is_dir():
            continue
        for path in base.rglob("*.py"):
            parts = set(path.relative_to(base).parts)
            if parts & {"tests", "migrations"} or path.name.startswith("test_"):
                continue
            files.append(path)
    return files


def test_the_apps_exist():
    assert (ROOT / "casework").is_dir() and (ROOT / "disputes").is_dir()


@pytest.mark.parametrize("path", _sources(), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_date_arithmetic_outside_the_rules_engine(path):
    hits = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if FORBIDDEN.search(line)
    ]
    assert not hits, "Use opensend.statutory for dates:\n" + "\n".join(hits)
