"""The home page's links lead each person to what they can use: a family to the Local Offer
(everything, support while waiting, short breaks), not to the API documentation; a Local Offer
editor to the entries they keep; staff still to the API documentation."""

import pytest
from django.urls import reverse

from opensend.directory.services import taxonomy_ensure

pytestmark = pytest.mark.django_db


def test_a_family_home_leads_to_the_local_offer_and_not_the_api(world):
    taxonomy_ensure()
    page = world.client_for("parent").get("/").content.decode()
    assert "Find help and activities near you (Local Offer)" in page
    assert f'href="{reverse("directory:search")}?service_type=type-waiting-well"' in page
    assert reverse("directory:short_breaks") in page
    assert "API documentation" not in page.split("<footer")[0]
    assert "your child" not in page.lower()
    assert (
        world.client_for("parent")
        .get(f"{reverse('directory:search')}?service_type=type-waiting-well")
        .status_code
        == 200
    )


def test_without_the_taxonomy_a_family_is_not_offered_a_filter_that_would_fail(world):
    page = world.client_for("parent").get("/").content.decode()
    assert "Find help and activities near you (Local Offer)" in page
    assert "Support while you wait" not in page


def test_a_local_offer_editor_home_leads_to_their_entries(world):
    page = world.client_for("local_offer_editor").get("/").content.decode()
    assert "Local Offer entries you keep" in page
    assert reverse("directory:manage") in page


def test_staff_homes_keep_the_api_documentation_and_no_local_offer_editing(world):
    page = world.client_for("board_member").get("/").content.decode()
    assert "API documentation" in page.split("<footer")[0]
    assert "Local Offer entries you keep" not in page


def test_a_family_typing_the_staff_list_address_is_taken_home(world):
    response = world.client_for("parent").get(reverse("people:child_list"))
    assert response.status_code == 302 and response["Location"] == reverse("portal:home")
    assert world.client_for("caseworker").get(reverse("people:child_list")).status_code == 200
