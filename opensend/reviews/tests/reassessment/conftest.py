"""The shared world plus a family (testsupport/families.py)."""

from testsupport.families import world

__all__ = ["world"]
