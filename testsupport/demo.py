"""The demo area as the tests of its builders make it: on one fixed day, from seed 7, quietly."""

from datetime import date

from opensend.demo.generator import build_demo_area

# A Monday after 14 February: some of next September's phase transfers are already late.
TODAY = date(2026, 3, 2)


def demo_area(children, *, stop_after="disputes", seed=7):
    """The demo area with `children` children on TODAY, built up to the stage `stop_after`."""
    return build_demo_area(
        children=children, seed=seed, today=TODAY, progress=False, stop_after=stop_after
    )
