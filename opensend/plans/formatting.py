"""How the plan writes things out for people: money, the one place it is formatted.

Every amount in the plan (the PDF, the plan pages, the version comparison) goes through `money`,
in templates as `{% load plan_format %}{{ amount|money }}`.
"""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

PENNY = Decimal("0.01")


def money(amount: Decimal | int | float | str | None) -> str:
    """Pounds as a council writes them: "£2,400", and pence only when there are some:
    "£2,400.50". Empty for no amount; the text back unchanged if it is not a number."""
    if amount is None or amount == "":
        return ""
    try:
        value = Decimal(str(amount)).quantize(PENNY, rounding=ROUND_HALF_UP)
    except (InvalidOperation, ValueError):
        return str(amount)
    sign = "-" if value < 0 else ""
    value = abs(value)
    if value == value.to_integral_value():
        return f"{sign}£{int(value):,}"
    return f"{sign}£{value:,.2f}"
