"""Long lists: a queryset is counted only up to the cap, and the page says "more than"."""

import pytest
from django.urls import reverse

from opensend.core.pagination import COUNT_CAP, CappedPaginator
from opensend.people.models import Child
from testsupport.factories.people import ChildFactory


class SmallCap(CappedPaginator):
    cap = 3


@pytest.mark.django_db
def test_a_queryset_is_counted_only_up_to_the_cap(django_assert_num_queries):
    ChildFactory.create_batch(5)
    paginator = SmallCap(Child.objects.order_by("pk"), 2)
    with django_assert_num_queries(1) as captured:
        assert paginator.count == 4  # cap + 1: enough to know there are more
    assert "LIMIT 4" in captured.captured_queries[0]["sql"]
    assert paginator.capped
    assert paginator.count_text == "more than 3"
    assert paginator.num_pages == 2


@pytest.mark.django_db
def test_at_or_under_the_cap_the_count_is_exact():
    ChildFactory.create_batch(3)
    paginator = SmallCap(Child.objects.order_by("pk"), 2)
    assert paginator.count == 3
    assert not paginator.capped
    assert paginator.count_text == "3"


def test_a_list_in_memory_keeps_its_exact_length():
    paginator = SmallCap(list(range(1500)), 25)
    assert paginator.count == 1500
    assert paginator.count_text == "1,500"
    assert COUNT_CAP == 1000


def test_the_child_search_says_more_than_and_how_to_narrow_it(world, monkeypatch):
    monkeypatch.setattr(CappedPaginator, "cap", 1)
    ChildFactory.create_batch(2, senar_team=world.caseload_child.senar_team)
    response = world.client_for("caseworker").get(reverse("people:child_list"))
    text = response.content.decode()
    assert response.status_code == 200
    assert "more than 1 records" in text
    assert "Only the first 1 are shown" in text
    assert "Add more of the name" in text
