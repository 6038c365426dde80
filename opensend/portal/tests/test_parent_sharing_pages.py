"""The young person's page for choosing what their parents see (portal.young_person), what the
parent's page then says, and that a parent cannot reach what was hidden by typing its address
(people.sharing applies the rule in the selectors every family page uses)."""

import re
from html import unescape

import pytest
from django.test import Client
from django.urls import get_resolver, reverse
from django.utils import timezone

from opensend.people.models import ParentSharing
from opensend.portal.tests.test_cross_family import _family, _fill, _routes
from testsupport.factories.accounts import sign_in_fully
from testsupport.sharing import fifteen_year_old, parent_of_young_person

pytestmark = pytest.mark.django_db
PAGE = "/you/what-your-parents-see/"


def _text(response) -> str:
    html = response.content.decode()
    return unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)))


def _hide(world, *, progress="no", plan="no"):
    client = world.client_for("young_person")
    data = {"parent_sees_progress": progress, "parent_sees_plan": plan}
    response = client.post(PAGE, data)
    assert response.status_code == 302, response.content.decode()
    return client


def test_the_young_person_reaches_the_choice_from_their_home_page_and_saves_it(world):
    parent_of_young_person(world)
    client = world.client_for("young_person")
    home = client.get(reverse("portal:home"))
    assert PAGE in home.content.decode()
    assert "Choose what your parents or carers can see" in _text(home)
    page = client.get(PAGE)
    assert page.status_code == 200
    text = _text(page)
    assert "your EHC plan and the papers about you" in text
    assert "your child" not in text.lower()

    response = client.post(PAGE, {"parent_sees_progress": "yes", "parent_sees_plan": "no"})
    assert response.status_code == 302
    choice = ParentSharing.objects.get(child=world.young_person, closed_at__isnull=True)
    assert (choice.parent_sees_progress, choice.parent_sees_plan) == (True, False)
    again = client.get(PAGE)
    assert 'value="no" checked' in again.content.decode().replace("\n", " ") or "checked" in (
        again.content.decode()
    )
    assert "What your parents or carers can see" in _text(client.get(reverse("portal:home")))


@pytest.mark.parametrize("data", [{}, {"parent_sees_progress": "maybe", "parent_sees_plan": "no"}])
def test_a_missing_or_made_up_answer_is_a_clear_error(world, data):
    parent_of_young_person(world)
    response = world.client_for("young_person").post(PAGE, data)
    assert response.status_code == 400
    assert "govuk-error-summary" in response.content.decode()
    assert not ParentSharing.objects.exists()


def test_a_young_person_under_16_is_told_their_parents_decide_and_cannot_choose(world):
    child = fifteen_year_old(timezone.localdate())
    client = sign_in_fully(Client(), child.user)
    page = client.get(PAGE)
    assert page.status_code == 200
    assert "the end of the school year in which you turn 16" in _text(page)
    assert 'name="parent_sees_plan"' not in page.content.decode()
    refused = client.post(PAGE, {"parent_sees_progress": "no", "parent_sees_plan": "no"})
    assert refused.status_code == 403
    assert not ParentSharing.objects.exists()


@pytest.mark.parametrize("role", ["parent", "caseworker", "admin"])
def test_nobody_else_opens_the_young_persons_choice(world, role):
    assert world.client_for(role).get(PAGE).status_code == 404


def test_the_parent_is_told_plainly_what_is_hidden(world):
    child = parent_of_young_person(world)
    _family(world, child, world.users["young_person"])
    _hide(world, progress="no", plan="no")
    page = world.client_for("parent").get(reverse("people:child_detail", args=[child.pk]))
    assert page.status_code == 200
    text = _text(page)
    name = child.preferred_name or child.given_name
    assert f"{name} has chosen not to share where things are with you." in text
    assert f"{name} has chosen not to share their EHC plan and the papers about them" in text
    assert "What happens next" not in text
    assert "What has happened" not in text
    html = page.content.decode()
    assert "/plans/" not in html and "/request/" not in html
    # Still listed on the parent's home page, by name.
    home = world.client_for("parent").get(reverse("portal:home")).content.decode()
    assert reverse("people:child_detail", args=[child.pk]) in home


def test_when_only_the_plan_is_hidden_the_parent_still_sees_the_steps(world):
    child = parent_of_young_person(world)
    _family(world, child, world.users["young_person"])
    _hide(world, progress="yes", plan="no")
    page = world.client_for("parent").get(reverse("people:child_detail", args=[child.pk]))
    text = _text(page)
    assert "has chosen not to share their EHC plan" in text
    assert "has chosen not to share where things are" not in text
    assert "What has happened" in text and "We got the request" in text
    assert "/plans/" not in page.content.decode()


def test_the_staff_record_shows_the_young_persons_current_choice(world):
    child = parent_of_young_person(world)
    _hide(world, progress="yes", plan="no")
    page = world.client_for("admin").get(reverse("people:child_detail", args=[child.pk]))
    text = _text(page)
    assert "What the parents see" in text
    assert "Where things are Shared with parents" in text
    assert "Plan and papers Not shared" in text
    assert "by the young person" in text


def test_a_parent_cannot_reach_a_hidden_page_or_download_by_its_address(world):
    child = parent_of_young_person(world)
    ids = _family(world, child, world.users["young_person"])
    parent = world.client_for("parent")
    routes = sorted(
        {r for r in _routes(get_resolver().url_patterns) if "admin/" not in r}
        - {"people/children/<int:child_id>/"}
    )
    opened = [url for url in filter(None, (_fill(r, ids) for r in routes))]
    before = {url for url in opened if parent.get(url).status_code == 200}
    assert any("/pdf" in url or "document" in url for url in before), before
    assert len(before) >= 5

    _hide(world, progress="no", plan="no")
    still = {url: parent.get(url).status_code for url in before}
    assert {url: code for url, code in still.items() if code != 404} == {}
    # The young person still reaches every one of them.
    young = world.client_for("young_person")
    assert {url: young.get(url).status_code for url in before} == dict.fromkeys(before, 200)
