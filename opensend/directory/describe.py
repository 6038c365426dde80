"""How a service is put into words for a family: ages, cost, days and times, distance, and the
short summary each search result starts with. Pure functions of a service and the rows
prefetched with it (no queries of their own)."""

from datetime import time
from decimal import Decimal

from opensend.directory.models import WEEKDAY_ORDER, Location, Schedule, Service, Weekday


def age_range_text(service: Service) -> str:
    low, high = service.minimum_age, service.maximum_age
    if low is None and high is None:
        return "Any age"
    if low is None:
        return f"Up to age {high}"
    if high is None:
        return f"Age {low} and over"
    return f"Ages {low} to {high}"


def cost_text(service: Service) -> str:
    amounts = [c.amount for c in service.cost_options.all() if c.amount]
    if not amounts:
        return "Free"
    lowest = min(amounts)
    return f"From £{lowest:.2f}" if lowest % 1 else f"From £{lowest:.0f}"


def is_free(service: Service) -> bool:
    return not any(c.amount and c.amount > Decimal(0) for c in service.cost_options.all())


def days_text(service: Service) -> str:
    days = {d for s in service.schedules.all() for d in s.days}
    if not days:
        return ""
    names = [f"{Weekday(d).label}s" for d in WEEKDAY_ORDER if d in days]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def time_text(at: time | None) -> str:
    if at is None:
        return ""
    hour = at.hour % 12 or 12
    suffix = "am" if at.hour < 12 else "pm"
    return f"{hour}{suffix}" if at.minute == 0 else f"{hour}:{at.minute:02d}{suffix}"


def schedule_text(schedule: Schedule) -> str:
    """ "Saturdays, 10am to 12pm (term time only)"."""
    names = [f"{Weekday(d).label}s" for d in WEEKDAY_ORDER if d in schedule.days]
    text = ", ".join(names) if names else "Days vary"
    if schedule.opens_at and schedule.closes_at:
        text += f", {time_text(schedule.opens_at)} to {time_text(schedule.closes_at)}"
    if schedule.term_time_only:
        text += " (term time only)"
    return text


def miles_text(miles: float) -> str:
    return f"{miles:.1f} miles away"


def summary_lines(service: Service, miles: float | None) -> list[str]:
    """What a family sees first: who it is for, cost, when, how far."""
    lines = [age_range_text(service), cost_text(service)]
    days = days_text(service)
    if days:
        lines.append(days)
    if miles is not None:
        lines.append(miles_text(miles))
    return lines


def locations_of(service: Service) -> list[Location]:
    return [sal.location for sal in service.at_locations.all()]
