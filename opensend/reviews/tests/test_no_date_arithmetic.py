"""Review and amendment dates come from the rules engine (opensend.statutory), never from sums."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FORBIDDEN = re.compile(r"\b(timedelta|relativedelta)\(")


def _sources() -> list[Path]:
    base = ROOT / "reviews"
    files = [
        path
        for path in base.rglob("*.py")
        if not ({"tests", "migrations"} & set(path.relative_to(base).parts))
        and not path.name.startswith("test_")
    ]
    demo = ROOT / "demo" / "reviews.py"
    return files + ([demo] if demo.exists() else [])


def test_the_app_exists():
    assert (ROOT / "reviews" / "services.py").is_file()
    assert (ROOT / "reviews" / "clocks.py").is_file()


@pytest.mark.parametrize("path", _sources(), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_date_arithmetic_outside_the_rules_engine(path):
    hits = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if FORBIDDEN.search(line)
    ]
    assert not hits, "Use opensend.statutory for dates:\n" + "\n".join(hits)
