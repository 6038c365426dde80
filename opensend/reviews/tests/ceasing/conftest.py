"""The shared world plus a family, its caseworker `cw` and a final `plan` (testsupport/families.py)."""

from testsupport.families import cw, plan, world

__all__ = ["cw", "plan", "world"]
