"""Pages of a long list whose count stays cheap at any scale.

A list of 100,000 records does not need its exact size on screen: "more than 1,000" is honest
and tells the user to narrow the search. Counting every row of a large, filtered list was a
large part of the search and queue pages' time at 100,000 plans (issue 13), so a queryset is
counted only up to `COUNT_CAP` + 1 rows (`SELECT COUNT(*) FROM (... LIMIT 1001)`); a list
already in memory keeps its exact length. Pages beyond the cap are not offered.
"""

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.utils.functional import cached_property

COUNT_CAP = 1000


class CappedPaginator(Paginator):
    """Django's paginator, counting a queryset only as far as `COUNT_CAP` + 1 rows."""

    cap = COUNT_CAP

    @cached_property
    def count(self) -> int:
        if isinstance(self.object_list, QuerySet):
            return self.object_list[: self.cap + 1].count()
        return len(self.object_list)

    @property
    def capped(self) -> bool:
        """True when the count stopped at the cap (the list holds more rows than were counted)."""
        return isinstance(self.object_list, QuerySet) and self.count > self.cap

    @property
    def count_text(self) -> str:
        """How many, in words: "1,000" or "more than 1,000"."""
        if self.capped:
            return f"more than {self.cap:,}"
        return f"{self.count:,}"
