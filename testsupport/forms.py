"""Posting GOV.UK form fields from a test, as a browser would."""

from datetime import date


def date_fields(name: str, on: date) -> dict[str, str]:
    """A GOV.UK date input's three fields (day, month, year), as a form posts them."""
    return {f"{name}_0": str(on.day), f"{name}_1": str(on.month), f"{name}_2": str(on.year)}
