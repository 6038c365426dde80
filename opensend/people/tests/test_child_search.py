"""Finding the right child: names as people write them, dates in any form, identifiers, typos."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils.html import escape

from opensend.people.models import Child
from opensend.people.search_terms import name_similarity, parse_child_search, parse_date
from testsupport.factories.people import ChildFactory


@pytest.mark.parametrize(
    "text",
    [
        "27/3/2015",
        "27/03/2015",
        "27-03-2015",
        "27.3.2015",
        "2015-03-27",
        "27 March 2015",
        "27 Mar 2015",
        "27 3 2015",
        "27/03/15",
    ],
)
def test_a_date_of_birth_in_any_common_form(text):
    assert parse_date(text) == date(2015, 3, 27)


@pytest.mark.parametrize("text", ["31/2/2015", "2015", "March", "13/13/2013", ""])
def test_not_a_date(text):
    assert parse_date(text) is None


def test_surname_comma_forename():
    terms = parse_child_search("Gill, Shane")
    assert (terms.family_name, terms.given_name, terms.names) == ("Gill", "Shane", ())


def test_names_dates_and_identifiers_in_one_box():
    terms = parse_child_search("shane gill 27 March 2015")
    assert terms.names == ("shane", "gill")
    assert terms.date_of_birth == date(2015, 3, 27)
    upn = ChildFactory.build().upn
    assert parse_child_search(upn.lower()).upn == upn
    assert parse_child_search("943 476 5919").nhs_number == "9434765919"


def test_a_number_that_is_no_identifier_matches_nothing_rather_than_everything():
    terms = parse_child_search("Gill 12345")
    assert terms.unread == ("12345",)


def test_similarity_tolerates_small_typos_only():
    assert name_similarity("Shane", "Shain") >= 0.75
    assert name_similarity("Mistry", "mistri") >= 0.75
    assert name_similarity("Mary-Jane", "jnae") >= 0.75  # swapped letters
    assert name_similarity("Mary-Jane", "Robert") < 0.75
    assert name_similarity("Mary-Jane", "Jayne") >= 0.75
    assert name_similarity("Tom", "Sam") < 0.75
    assert name_similarity(None, "x") == 0.0


@pytest.fixture
def children(db):
    return {
        "shane": ChildFactory(given_name="Shane", family_name="Gill", nhs_number="9434765919"),
        "simran": ChildFactory(
            given_name="Simran", family_name="Mistry", date_of_birth=date(2016, 7, 1)
        ),
        "gillian": ChildFactory(given_name="Gillian", family_name="Shaw"),
    }


def _found(**search):
    return set(Child.objects.search(**search).values_list("given_name", flat=True))


def test_search_reads_surname_first_when_there_is_a_comma(children):
    assert _found(name="Gill, Shane") == {"Shane"}
    assert _found(name="gill") == {"Shane", "Gillian"}
    assert _found(name="Gill,") == {"Shane"}


def test_search_by_partial_name_date_and_nhs_number(children):
    assert _found(name="sim mis") == {"Simran"}
    assert _found(name="1/7/2016") == {"Simran"}
    assert _found(name="Simran 2 July 2016") == set()
    assert _found(name="943 476 5919") == {"Shane"}
    upn = children["gillian"].upn
    assert _found(name=upn) == {"Gillian"}


def test_similar_names_find_small_typos(children):
    found = set(Child.objects.similar_names(name="Shain Gil").values_list("given_name", flat=True))
    assert "Shane" in found
    assert "Simran" not in found
    assert not Child.objects.similar_names(name="Zebedee").exists()
    assert not Child.objects.similar_names(name="").exists()


def test_the_page_offers_close_names_when_nothing_matches(world):
    child = world.caseload_child
    child.family_name = "Pemberton"  # long enough for a one-letter slip to stay close
    child.save()
    typo = "Pembertan"
    response = world.client_for("caseworker").get(reverse("people:child_list"), {"name": typo})
    page = response.content.decode()
    assert response.status_code == 200
    assert "No exact matches" in page
    assert escape(child.family_name) in page


def test_close_names_respect_who_may_see_the_child(world):
    hidden = ChildFactory(given_name="Zachariah", family_name="Quintrell")
    response = world.client_for("senco").get(reverse("people:child_list"), {"name": "Quintrel"})
    assert hidden.family_name not in response.content.decode()


@pytest.mark.parametrize(
    ("typed", "kept"),
    [("b1 1aa", "B1 1AA"), ("SW1A2AA", "SW1A 2AA"), (" m60  9hp ", "M60 9HP")],
)
def test_postcodes_are_tidied(typed, kept):
    from opensend.people.identifiers import normalise_postcode, postcode_problem

    assert postcode_problem(typed) is None
    assert normalise_postcode(typed) == kept


@pytest.mark.parametrize("typed", ["12345", "B1", "QQ1 1AAA", "not a postcode"])
def test_a_bad_postcode_is_refused_with_a_clear_message(world, typed):
    from django.core.exceptions import ValidationError

    from opensend.people import services

    with pytest.raises(ValidationError) as caught:
        services.child_update(
            actor=world.users["caseworker"], child=world.caseload_child, postcode=typed
        )
    assert caught.value.message_dict["postcode"] == ["Enter a real postcode, like B1 1AA"]


def _new_child(**overrides):
    data = {
        "given_name": "Ava",
        "family_name": "Testperson",
        "date_of_birth_0": "3",
        "date_of_birth_1": "4",
        "date_of_birth_2": "2016",
        "sex": "F",
        "ethnicity": "WBRI",
        "home_language": "English",
        "primary_need": "SLCN",
    }
    return {**data, **overrides}


def test_creating_a_likely_duplicate_warns_before_saving(world):
    client = world.client_for("caseworker")
    first = client.post(reverse("people:child_create"), _new_child())
    assert first.status_code == 302
    again = client.post(reverse("people:child_create"), _new_child(given_name="Avah"))
    page = again.content.decode()
    assert again.status_code == 200
    assert "This child may already have a record" in page
    assert "Ava Testperson" in page
    assert Child.objects.filter(family_name="Testperson").count() == 1
    confirmed = client.post(
        reverse("people:child_create"), _new_child(given_name="Avah", not_a_duplicate="yes")
    )
    assert confirmed.status_code == 302
    assert Child.objects.filter(family_name="Testperson").count() == 2


def test_the_same_upn_is_caught_and_records_the_user_cannot_open_are_only_counted(world):
    other = ChildFactory(given_name="Hidden", family_name="Person")
    response = world.client_for("caseworker").post(
        reverse("people:child_create"), _new_child(upn=other.upn)
    )
    page = response.content.decode()
    assert "1 other record that you cannot open" in page
    assert "Hidden" not in page


def test_a_different_child_is_created_without_a_warning(world):
    response = world.client_for("caseworker").post(
        reverse("people:child_create"), _new_child(family_name="Unlikelyname")
    )
    assert response.status_code == 302
