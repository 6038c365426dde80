"""Chainable filters for the directory: what families search by and what the ORUK API filters by."""

from datetime import date, time
from decimal import Decimal
from typing import Self
from uuid import UUID

from django.apps import apps
from django.db import models
from django.db.models import Case, Exists, IntegerField, OuterRef, Q, Value, When


def a_year_before(today: date) -> date:
    """The same day a year earlier (28 February for 29 February): entries last reviewed before
    this are stale. Not a statutory date: the Local Offer KPI "entries reviewed within 12
    months" (DESIGN §2 KPIs)."""
    try:
        return today.replace(year=today.year - 1)
    except ValueError:
        return today.replace(year=today.year - 1, day=28)


def _model(name: str) -> type[models.Model]:
    # By name, not by import: models.py imports this module.
    return apps.get_model("directory", name)


def a_year_after(day: date) -> date:
    """The same day a year later (28 February for 29 February): when an entry goes stale."""
    try:
        return day.replace(year=day.year + 1)
    except ValueError:
        return day.replace(year=day.year + 1, day=28)


class ServiceQuerySet(models.QuerySet):
    def public(self) -> Self:
        """What the public directory shows: active services."""
        return self.filter(status="active")

    def matching(self, text: str) -> Self:
        """Every word somewhere in the name, description, eligibility, organisation or a term
        (case-insensitive), with a `relevance` score: the name itself first, then name matches."""
        words = [w for w in text.split() if w][:8]
        if not words:
            return self.annotate(relevance=Value(0, output_field=IntegerField()))
        qs = self
        score: list[When] = []
        for word in words:
            qs = qs.filter(
                Q(name__icontains=word)
                | Q(description__icontains=word)
                | Q(eligibility_description__icontains=word)
                | Q(organization__name__icontains=word)
                | Q(Exists(self._term_named(word)))
            )
            score.append(When(name__icontains=word, then=Value(3)))
        phrase = " ".join(words)
        return qs.annotate(
            relevance=Case(
                When(name__iexact=phrase, then=Value(20)),
                When(name__icontains=phrase, then=Value(10)),
                *score,
                default=Value(1),
                output_field=IntegerField(),
            )
        )

    @staticmethod
    def _term_named(word: str) -> models.QuerySet:
        return _model("Attribute")._default_manager.filter(
            service=OuterRef("pk"), taxonomy_term__name__icontains=word
        )

    def with_term(self, *, code: str = "", term_id: UUID | None = None) -> Self:
        attrs = _model("Attribute")._default_manager.filter(service=OuterRef("pk"))
        if code:
            # A parent term (e.g. therapies) also finds its children (speech and language...).
            attrs = attrs.filter(Q(taxonomy_term__code=code) | Q(taxonomy_term__parent__code=code))
        if term_id is not None:
            attrs = attrs.filter(Q(taxonomy_term_id=term_id) | Q(taxonomy_term__parent_id=term_id))
        return self.filter(Exists(attrs))

    def in_taxonomy(self, taxonomy_id: UUID) -> Self:
        return self.filter(
            Exists(
                _model("Attribute")._default_manager.filter(
                    service=OuterRef("pk"), taxonomy_term__taxonomy_id=taxonomy_id
                )
            )
        )

    def for_age(self, age: int) -> Self:
        """Services a child of this age can use (no age limit means any age)."""
        return self.filter(
            Q(minimum_age__isnull=True) | Q(minimum_age__lte=age),
            Q(maximum_age__isnull=True) | Q(maximum_age__gte=age),
        )

    def _paid(self) -> models.QuerySet:
        return _model("CostOption")._default_manager.filter(
            service=OuterRef("pk"), amount__gt=Decimal(0)
        )

    def free(self) -> Self:
        return self.exclude(Exists(self._paid()))

    def paid(self) -> Self:
        return self.filter(Exists(self._paid()))

    def _schedules(
        self,
        *,
        day: str = "",
        opens_from: time | None = None,
        closes_by: time | None = None,
        open_at: time | None = None,
        starts_before: time | None = None,
    ) -> models.QuerySet:
        qs = _model("Schedule")._default_manager.filter(service=OuterRef("pk"))
        if day:
            qs = qs.filter(byday__contains=day)
        if opens_from is not None:
            qs = qs.filter(opens_at__gte=opens_from)
        if closes_by is not None:
            qs = qs.filter(closes_at__lte=closes_by)
        if open_at is not None:
            qs = qs.filter(opens_at__lte=open_at, closes_at__gt=open_at)
        if starts_before is not None:
            qs = qs.filter(opens_at__lt=starts_before)
        return qs

    def in_hours(
        self, *, day: str = "", opens_from: time | None = None, closes_by: time | None = None
    ) -> Self:
        return self.filter(
            Exists(self._schedules(day=day, opens_from=opens_from, closes_by=closes_by))
        )

    def starting(
        self, *, day: str = "", at_or_after: time | None = None, before: time | None = None
    ) -> Self:
        """A schedule on this day (any day if none) that starts in this window (any time)."""
        return self.filter(
            Exists(self._schedules(day=day, opens_from=at_or_after, starts_before=before))
        )

    def open_at(self, day: str, at: time) -> Self:
        return self.filter(Exists(self._schedules(day=day, open_at=at)))

    def stale(self, today: date) -> Self:
        """Not reviewed in the last 12 months (or never)."""
        cutoff = a_year_before(today)
        return self.filter(Q(assured_date__isnull=True) | Q(assured_date__lt=cutoff))
