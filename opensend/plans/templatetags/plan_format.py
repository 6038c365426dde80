"""Template filters for the plan: `money` ("£2,400", "£2,400.50"), from `plans.formatting`."""

from django import template

from opensend.plans import formatting

register = template.Library()
register.filter("money", formatting.money)
