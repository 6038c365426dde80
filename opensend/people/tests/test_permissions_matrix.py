"""Who sees which child: every role against the child pages and API (DESIGN §1)."""

import re

import pytest
from django.urls import reverse
from django.utils.html import escape

from testsupport.roles import SENAR_ONLY

pytestmark = pytest.mark.django_db

# role -> the World children they must see (everyone else must get the same 404)
EXPECTED = {
    "caseworker": {"caseload_child", "team_child"},
    "team_manager": {"caseload_child", "team_child"},
    "senco": {"caseload_child"},
    "health": {"caseload_child"},
    "social_care": set(),
    "educational_psychologist": set(),
    "parent": {"parents_child"},
    "young_person": {"young_person"},
    "board_member": set(),
    "analyst": set(),
    "local_offer_editor": set(),
    "admin": {"caseload_child", "team_child", "other_child", "parents_child", "young_person"},
}
CHILDREN = ["caseload_child", "team_child", "other_child", "parents_child", "young_person"]
NO_CHILD_RECORDS = {"board_member", "analyst", "local_offer_editor"}


@pytest.mark.parametrize("role", sorted(EXPECTED))
def test_child_page_is_visible_only_to_those_allowed(world, role):
    client = world.client_for(role)
    for name in CHILDREN:
        child = getattr(world, name)
        response = client.get(reverse("people:child_detail", args=[child.pk]))
        if name in EXPECTED[role]:
            assert response.status_code == 200, (role, name)
            assert escape(child.family_name) in response.content.decode()
        elif role in NO_CHILD_RECORDS:
            assert response.status_code == 403, (role, name)
        else:
            assert response.status_code == 404, (role, name)


@pytest.mark.parametrize("role", sorted(EXPECTED))
def test_child_api_matches_the_pages(world, role):
    client = world.client_for(role)
    listed = client.get("/api/v1/children/")
    if role in NO_CHILD_RECORDS:
        assert listed.status_code == 403
        assert listed["Content-Type"] == "application/problem+json"
        return
    assert listed.status_code == 200
    seen_ids = {row["id"] for row in listed.json()["results"]}
    assert seen_ids == {getattr(world, name).pk for name in EXPECTED[role]}
    for name in CHILDREN:
        child = getattr(world, name)
        response = client.get(f"/api/v1/children/{child.pk}/")
        assert response.status_code == (200 if name in EXPECTED[role] else 404), (role, name)


def test_missing_and_forbidden_look_the_same(world):
    client = world.client_for("senco")
    forbidden = client.get(reverse("people:child_detail", args=[world.other_child.pk]))
    missing = client.get(reverse("people:child_detail", args=[999_999]))
    assert forbidden.status_code == missing.status_code == 404

    def page(response):  # the same page, but for per-request tokens and the session clock
        return re.sub(rb'(nonce|value|data-seconds-left)="[^"]*"', b"", response.content)

    assert page(forbidden) == page(missing)


def test_signed_out_people_are_sent_to_sign_in(world):
    from django.test import Client

    response = Client().get(reverse("people:child_detail", args=[world.caseload_child.pk]))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]
    assert Client().get("/api/v1/children/").status_code in (401, 403)


@pytest.mark.parametrize(("role", "status"), SENAR_ONLY)
def test_only_senar_and_admins_create_records(world, role, status):
    assert world.client_for(role).get(reverse("people:child_create")).status_code == status


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("admin", 200),
        ("caseworker", 403),
        ("team_manager", 403),
        ("parent", 403),
        ("board_member", 403),
    ],
)
def test_only_admins_search_the_audit_trail(world, role, status):
    assert world.client_for(role).get(reverse("audit:event_list")).status_code == status


def test_closed_membership_loses_access(world):
    from django.utils import timezone

    membership = world.users["senco"].memberships.get()
    membership.closed_at = timezone.now()
    membership.save()
    client = world.client_for("senco")
    response = client.get(reverse("people:child_detail", args=[world.caseload_child.pk]))
    assert response.status_code == 403


# Merging two records for one child: managers and admins; reversing a merge: admins only.
MAY_MERGE = {"team_manager", "admin"}


@pytest.mark.parametrize("role", sorted(EXPECTED))
def test_only_managers_and_admins_open_the_merge_pages(world, role):
    from opensend.people import services
    from testsupport.factories.people import ChildFactory

    duplicate = ChildFactory(senar_team=world.team)
    merge = services.child_merge(
        actor=world.users["admin"], kept=world.team_child, merged=duplicate
    )
    client = world.client_for(role)
    child = world.caseload_child
    pages = {
        reverse("people:child_merge_start", args=[child.pk]): MAY_MERGE,
        reverse("people:child_merge_compare", args=[child.pk, world.team_child.pk]): MAY_MERGE,
        reverse("people:merge_detail", args=[merge.pk]): MAY_MERGE,
        reverse("people:merge_reverse", args=[merge.pk]): {"admin"},
    }
    for url, allowed in pages.items():
        status = client.get(url).status_code
        assert status == (200 if role in allowed else 403), (role, url, status)
