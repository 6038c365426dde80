"""Dates come from the rules engine (opensend.statutory), never from sums in these packages."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
PACKAGES = ["reviews/transfers", "reviews/ceasing"]
FILES = ["demo/transfers.py"]
FORBIDDEN = re.compile(r"\b(timedelta|relativedelta)\(")


def _sources() -> list[Path]:
    files = [ROOT / name for name in FILES if (ROOT / name).exists()]
    for package in PACKAGES:
        files += sorted((ROOT / package).rglob("*.py"))
    return files


def test_the_packages_exist():
    assert (ROOT / "reviews" / "transfers").is_dir() and (ROOT / "reviews" / "ceasing").is_dir()


@pytest.mark.parametrize("path", _sources(), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_date_arithmetic_outside_the_rules_engine(path):
    hits = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if FORBIDDEN.search(line)
    ]
    assert not hits, "Use opensend.statutory for dates:\n" + "\n".join(hits)
