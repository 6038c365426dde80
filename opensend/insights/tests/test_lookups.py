"""The due-date lookup gives each row the same date as Django's `Case(When(...))` did: by one
field or a pair, NULL for a row with no answer or a NULL field, and NULL for every row when
there are no answers."""

from datetime import date

import pytest
from django.db.models import Case, DateField, Q, Value, When

from opensend.casework.models import AssessmentRequest
from opensend.insights.lookups import DueDateLookup

pytestmark = pytest.mark.django_db


@pytest.fixture
def requests(world):
    on = [date(2026, 1, 5), date(2026, 1, 6), date(2026, 1, 7)]
    made = [
        AssessmentRequest.objects.create(child=world.caseload_child, received_on=d, source="parent",
                                         assess_decision_on=d if i else None)
        for i, d in enumerate(on)
    ]  # fmt: skip
    return AssessmentRequest.objects.filter(pk__in=[r.pk for r in made]).order_by("received_on")


def dates(qs, expression):
    return list(qs.annotate(due=expression).values_list("due", flat=True))


def test_one_field_gives_the_same_dates_as_a_case(requests):
    answers = {date(2026, 1, 5): date(2026, 2, 16), date(2026, 1, 7): date(2026, 2, 18)}
    case = Case(*[When(received_on=t, then=Value(d)) for t, d in answers.items()],
                default=Value(None), output_field=DateField())  # fmt: skip
    got = dates(requests, DueDateLookup(["received_on"], answers))
    assert got == dates(requests, case) == [date(2026, 2, 16), None, date(2026, 2, 18)]
    # As a condition, as the KPIs use it.
    hit = Q(received_on__lte=DueDateLookup(["received_on"], answers))
    assert requests.filter(hit).count() == 2


def test_a_pair_of_fields_and_a_null_field(requests):
    answers = {(date(2026, 1, 5), date(2026, 1, 5)): date(2026, 3, 1),
               (date(2026, 1, 6), date(2026, 1, 6)): date(2026, 3, 2)}  # fmt: skip
    got = dates(requests, DueDateLookup(["received_on", "assess_decision_on"], answers))
    assert got == [None, date(2026, 3, 2), None]  # the first has no decision date


def test_no_answers_gives_null(requests):
    assert dates(requests, DueDateLookup(["received_on"], {})) == [None, None, None]
