"""The public Local Offer: anyone can search and read entries without signing in; bad input is a
400 with a message, never a 500."""

import datetime
import uuid
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from opensend.directory.models import Feedback, FeedbackKind, SearchWithoutResults
from testsupport.factories.directory import a_service

pytestmark = pytest.mark.django_db

SEARCH = reverse("directory:search")


def names(response) -> list[str]:
    return [r.service.name for r in response.context["results"]]


@pytest.fixture
def offer():
    """A small directory: near and far, free and paid, Saturday and weekday."""
    return {
        "swim": a_service(
            name="Autism-friendly swimming",
            terms=("need-asd", "type-activities"),
            ages=(5, 16),
            district="AT9",
            days="SA",
            opens=datetime.time(10),
            closes=datetime.time(12),
            accessibility="Quiet changing room",
            phone="0121 496 0123",
        ),
        "drama": a_service(
            name="Drama club",
            terms=("need-asd", "type-activities"),
            ages=(8, 14),
            district="AT8",
            days="SA",
            price=Decimal("5.00"),
        ),
        "far": a_service(
            name="Saturday sensory club",
            terms=("need-asd", "type-activities"),
            ages=(4, 11),
            district="AT2",
            days="SA",
        ),
        "teen": a_service(
            name="Youth club",
            terms=("type-activities",),
            ages=(13, 19),
            district="AT9",
            days="WE",
        ),
        "salt": a_service(name="Speech therapy drop-in", terms=("type-salt",), ages=(0, 18)),
    }


def test_anyone_can_search_without_signing_in(client, offer):
    response = client.get(SEARCH)
    assert response.status_code == 200
    assert "Find help and activities" in response.content.decode()
    assert len(names(response)) == 5


def test_words_find_names_descriptions_and_terms_whatever_the_case(client, offer):
    assert names(client.get(SEARCH, {"words": "SWIMMING"})) == ["Autism-friendly swimming"]
    # "therapy" is in a term's name (speech and language therapy) and the service's name.
    assert "Speech therapy drop-in" in names(client.get(SEARCH, {"words": "therapy"}))


def test_a_parent_term_finds_its_children(client, offer):
    found = names(client.get(SEARCH, {"service_type": "type-therapies"}))
    assert found == ["Speech therapy drop-in"]


def test_the_autism_friendly_free_saturday_activity_for_a_9_year_old_within_5_miles(client, offer):
    response = client.get(
        SEARCH,
        {
            "need": "need-asd",
            "service_type": "type-activities",
            "age": "9",
            "postcode": "AT9 2BB",
            "miles": "5",
            "cost": "free",
            "day": "SA",
        },
    )
    assert response.status_code == 200
    assert names(response) == ["Autism-friendly swimming"]
    page = response.content.decode()
    assert "Ages 5 to 16 · Free · Saturdays · 0.0 miles away" in page


def test_nearest_first_and_paid_only(client, offer):
    found = names(client.get(SEARCH, {"postcode": "AT9", "need": "need-asd"}))
    assert found[0] == "Autism-friendly swimming"
    assert found[1:] == ["Saturday sensory club", "Drama club"]  # AT2 8.2 miles, AT8 8.5
    assert names(client.get(SEARCH, {"cost": "paid"})) == ["Drama club"]


@time_machine.travel(datetime.datetime(2026, 12, 5, 11, 0, tzinfo=datetime.UTC), tick=False)
def test_open_now_means_running_at_this_moment(client, offer):
    # 5 December 2026 is a Saturday; 11am in London. Only the swimming has times that cover it.
    assert names(client.get(SEARCH, {"open_now": "on"})) == ["Autism-friendly swimming"]


def test_time_of_day_is_when_a_session_starts_on_the_day_chosen(client, offer):
    a_service(name="After-school club", days="WE", opens=datetime.time(15, 30))
    a_service(name="Saturday disco", days="SA", opens=datetime.time(18), closes=datetime.time(20))
    a_service(name="Stay and play", days="MO", opens=datetime.time(9, 30))

    def found(**params) -> set[str]:
        response = client.get(SEARCH, params)
        assert response.status_code == 200
        return set(names(response))

    assert found(time="morning") == {"Autism-friendly swimming", "Stay and play"}
    assert found(time="afternoon") == {"After-school club"}
    assert found(time="evening") == {"Saturday disco"}
    assert found(time="morning", day="SA") == {"Autism-friendly swimming"}
    assert found(time="evening", day="WE") == set()  # the disco is on Saturdays
    page = client.get(SEARCH, {"time": "afternoon"}).content.decode()
    assert "Afternoons and after school (starting 12 noon to 5pm)" in page


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"time": "midnight"}, "Select a valid choice"),
        ({"postcode": "nonsense"}, "Enter a postcode, like AT3 4XY"),
        ({"postcode": "ZZ1 1ZZ"}, "We do not know that postcode"),
        ({"miles": "5"}, "Enter your postcode to search by distance"),
        ({"age": "40"}, "25"),
        ({"age": "nine"}, "must be a whole number"),
        ({"day": "XX"}, "Select a valid choice"),
    ],
)
def test_bad_search_input_says_what_to_fix(client, offer, params, message):
    response = client.get(SEARCH, params)
    assert response.status_code == 400
    assert message in response.content.decode()


def test_a_page_beyond_the_last_shows_the_last(client, offer):
    response = client.get(SEARCH, {"words": "club", "page": "99"})
    assert response.status_code == 200


def test_a_search_that_finds_nothing_is_kept_without_who_searched(client, offer):
    response = client.get(SEARCH, {"words": "trampolining", "age": "9"})
    assert "Nothing matched your search" in response.content.decode()
    kept = SearchWithoutResults.objects.get()
    assert kept.words == "trampolining"
    assert kept.filters["age"] == "9"


def test_a_service_page_has_everything_a_family_needs(client, offer):
    response = client.get(reverse("directory:service", args=[offer["swim"].id]))
    page = response.content.decode()
    assert response.status_code == 200
    for text in (
        "Who it is for",
        "Ages 5 to 16",
        "autism",
        "How to get it",
        "You can contact them yourself",
        "Cost",
        "Free",
        "Saturdays, 10am to 12pm",
        "1 High Street",
        "Quiet changing room",
        "0121 496 0123",
        "Last checked",
        "Printable version of this page",
        "Report a problem with this page",
    ):
        assert text in page, text


def test_the_printable_page_and_unknown_services(client, offer):
    printable = client.get(reverse("directory:service_print", args=[offer["swim"].id]))
    assert printable.status_code == 200
    assert "directory-print.css" in printable.content.decode()
    assert client.get(reverse("directory:service", args=[uuid.uuid4()])).status_code == 404
    assert client.get("/local-offer/services/not-a-uuid/").status_code == 404


def test_was_this_useful(client, offer):
    url = reverse("directory:useful", args=[offer["swim"].id])
    assert client.post(url, {"useful": "yes"}).status_code == 302
    assert Feedback.objects.get().kind == FeedbackKind.USEFUL
    bad = client.post(url, {})
    assert bad.status_code == 400
    assert "Choose yes or no" in bad.content.decode()
    assert client.get(url).status_code == 405


def test_report_a_problem(client, offer):
    url = reverse("directory:problem", args=[offer["swim"].id])
    assert client.get(url).status_code == 200
    empty = client.post(url, {"details": " "})
    assert empty.status_code == 400
    assert "What is wrong with this page" in empty.content.decode()
    assert client.post(url, {"details": "The phone number is wrong"}).status_code == 302
    assert Feedback.objects.get().details == "The phone number is wrong"


def test_the_easy_read_page(client, offer):
    response = client.get(reverse("directory:service_easy_read", args=[offer["swim"].id]))
    page = response.content.decode()
    assert response.status_code == 200
    for text in (
        "Who is it for?",
        "It is free.",
        "Saturdays, 10am to 12pm.",
        "You can ask them yourself.",
    ):
        assert text in page, text
    assert (
        client.get(reverse("directory:service_easy_read", args=[uuid.uuid4()])).status_code == 404
    )


def test_an_exact_name_match_comes_first_then_names_then_other_fields(client):
    a_service(name="Autism-friendly swimming", description="Saturdays")
    a_service(name="Swimming", description="Lessons")
    a_service(name="Art club", description="Painting, and swimming in summer")
    a_service(name="Swimming lessons", description="For beginners")
    found = names(client.get(SEARCH, {"words": "swimming"}))
    # The name itself first; then the words in a name, by name; then a match somewhere else.
    assert found == ["Swimming", "Autism-friendly swimming", "Swimming lessons", "Art club"]


@pytest.mark.parametrize("how_many", [5, 50])
def test_a_search_reads_the_same_number_of_queries_however_many_services(
    client, django_assert_num_queries, how_many
):
    for n in range(how_many):
        a_service(name=f"Sensory club {n}", days="SA", price=Decimal("2.00"))
    client.get(SEARCH, {"words": "club"})  # the taxonomy and first-request reads, once
    with django_assert_num_queries(6):
        response = client.get(SEARCH, {"words": "club"})
    assert len(names(response)) == min(how_many, 20)
    with django_assert_num_queries(6):
        response = client.get(SEARCH, {"words": "sensory", "page": "2"})
    assert len(names(response)) == min(how_many, 20)  # page 2, or the last page there is
