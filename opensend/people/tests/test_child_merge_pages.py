"""The merge pages (issue 12, item 5): choose, compare, confirm, merge; the merge's record and
its reversal; who may open them; bad input is a 400, never a 500."""

import pytest
from django.urls import reverse
from django.utils.html import escape

from opensend.people import merging, services
from opensend.people.models import Child, ChildMerge
from testsupport.factories.people import ChildFactory
from testsupport.journeys import parent_request

pytestmark = pytest.mark.django_db


@pytest.fixture
def duplicate(world):
    kept = world.caseload_child
    return ChildFactory(
        given_name=kept.given_name,
        family_name=kept.family_name,
        date_of_birth=kept.date_of_birth,
        upn="",
        senar_team=world.team,
        address="2 New Road",
    )


def _choices(world, duplicate, *, keep, address_from):
    """Every detail the records disagree on from `keep`, but the address from `address_from`."""
    choices = {"keep": str(keep.pk)}
    for name in merging.differing_fields(world.caseload_child, duplicate):
        choices[f"value_{name}"] = str(keep.pk)
    choices["value_address"] = str(address_from.pk)
    return choices


def _compare_url(world, duplicate):
    return reverse("people:child_merge_compare", args=[world.caseload_child.pk, duplicate.pk])


def test_the_child_page_offers_a_merge_to_managers_only(world):
    url = reverse("people:child_detail", args=[world.caseload_child.pk])
    merge_url = reverse("people:child_merge_start", args=[world.caseload_child.pk])
    assert merge_url in world.client_for("team_manager").get(url).content.decode()
    assert merge_url not in world.client_for("caseworker").get(url).content.decode()


def test_the_likely_duplicates_are_offered_and_search_finds_others(world, duplicate):
    client = world.client_for("team_manager")
    url = reverse("people:child_merge_start", args=[world.caseload_child.pk])
    page = client.get(url).content.decode()
    assert _compare_url(world, duplicate) in page
    found = client.get(url, {"name": world.team_child.family_name}).content.decode()
    assert (
        reverse("people:child_merge_compare", args=[world.caseload_child.pk, world.team_child.pk])
        in found
    )
    assert client.get(url, {"upn": "not a upn"}).status_code == 400


def test_compare_confirm_and_merge(world, duplicate):
    client = world.client_for("team_manager")
    kept = world.caseload_child
    request = parent_request(world, child=duplicate)
    url = _compare_url(world, duplicate)

    page = client.get(url)
    assert page.status_code == 200
    body = page.content.decode()
    assert "2 New Road" in body and escape(kept.family_name) in body
    assert 'name="value_address"' in body

    choices = _choices(world, duplicate, keep=kept, address_from=duplicate)
    missing = client.post(url, {"step": "review", "keep": str(kept.pk)})
    assert missing.status_code == 400
    assert "Select which address to keep" in missing.content.decode()

    check = client.post(url, {**choices, "step": "review"})
    assert check.status_code == 200
    assert "Check before you merge" in check.content.decode()
    assert "cannot undo this yourself" in check.content.decode()
    assert not ChildMerge.objects.exists()

    change = client.post(url, {**choices, "step": "change"})
    assert change.status_code == 200 and 'name="value_address"' in change.content.decode()

    done = client.post(url, {**choices, "step": "merge"})
    assert done.status_code == 302
    assert done["Location"] == reverse("people:child_detail", args=[kept.pk])
    request.refresh_from_db()
    assert request.child == kept
    kept.refresh_from_db()
    assert kept.address == "2 New Road"

    merge = ChildMerge.objects.get()
    kept_page = client.get(done["Location"]).content.decode()
    assert "Merged records" in kept_page
    assert reverse("people:merge_detail", args=[merge.pk]) in kept_page
    away_page = client.get(reverse("people:child_detail", args=[duplicate.pk])).content.decode()
    assert "This record was merged into" in away_page
    assert reverse("people:child_detail", args=[kept.pk]) in away_page


def test_keeping_the_other_record(world, duplicate):
    client = world.client_for("team_manager")
    kept = world.caseload_child
    response = client.post(
        _compare_url(world, duplicate),
        {**_choices(world, duplicate, keep=duplicate, address_from=duplicate), "step": "merge"},
    )
    assert response.status_code == 302
    kept.refresh_from_db()
    assert kept.merged_into == duplicate


@pytest.mark.parametrize(
    "bad",
    [
        {"keep": "999999", "step": "merge"},
        {"keep": "x", "step": "review"},
        {"keep": "", "step": "merge"},
        {"step": "merge"},
        {},
    ],
)
def test_bad_choices_are_a_400_and_nothing_is_merged(world, duplicate, bad):
    response = world.client_for("team_manager").post(_compare_url(world, duplicate), bad)
    assert response.status_code == 400
    assert not ChildMerge.objects.exists()


def test_a_refused_merge_says_why_with_a_400(world, duplicate):
    parent_request(world, child=world.caseload_child)
    parent_request(world, child=duplicate)
    client = world.client_for("team_manager")
    url = _compare_url(world, duplicate)
    page = client.get(url)
    assert page.status_code == 400
    assert "Both records have an open request" in page.content.decode()
    posted = client.post(url, {"keep": str(duplicate.pk), "step": "merge"})
    assert posted.status_code == 400
    assert not ChildMerge.objects.exists()


def test_merging_a_record_with_itself_is_a_400(world):
    child = world.caseload_child
    url = reverse("people:child_merge_compare", args=[child.pk, child.pk])
    response = world.client_for("team_manager").get(url)
    assert response.status_code == 400
    assert "cannot merge a record with itself" in response.content.decode()


def test_a_merged_record_cannot_be_merged_again(world, duplicate):
    services.child_merge(
        actor=world.users["team_manager"], kept=world.caseload_child, merged=duplicate
    )
    client = world.client_for("team_manager")
    start = client.get(reverse("people:child_merge_start", args=[duplicate.pk]))
    assert start.status_code == 400
    assert "has already been merged into" in start.content.decode()
    url = reverse("people:child_merge_compare", args=[world.team_child.pk, duplicate.pk])
    assert client.get(url).status_code == 400


@pytest.mark.parametrize("role", ["caseworker", "senco", "parent", "board_member"])
def test_others_may_not_merge(world, duplicate, role):
    client = world.client_for(role)
    start = reverse("people:child_merge_start", args=[world.caseload_child.pk])
    assert client.get(start).status_code == 403
    assert client.get(_compare_url(world, duplicate)).status_code == 403
    response = client.post(
        _compare_url(world, duplicate), {"keep": str(world.caseload_child.pk), "step": "merge"}
    )
    assert response.status_code == 403
    assert not ChildMerge.objects.exists()


def test_a_manager_who_cannot_see_one_of_the_records_gets_a_404(world):
    client = world.client_for("team_manager")
    url = reverse(
        "people:child_merge_compare", args=[world.caseload_child.pk, world.other_child.pk]
    )
    assert client.get(url).status_code == 404
    response = client.post(url, {"keep": str(world.caseload_child.pk), "step": "merge"})
    assert response.status_code == 404
    start = reverse("people:child_merge_start", args=[world.other_child.pk])
    assert client.get(start).status_code == 404
    assert not Child.objects.filter(merged_into__isnull=False).exists()


def test_the_admin_reverses_a_merge_from_its_record(world, duplicate):
    merge = services.child_merge(
        actor=world.users["team_manager"], kept=world.caseload_child, merged=duplicate
    )
    detail = reverse("people:merge_detail", args=[merge.pk])
    reverse_url = reverse("people:merge_reverse", args=[merge.pk])
    manager = world.client_for("team_manager")
    page = manager.get(detail)
    assert page.status_code == 200
    assert reverse_url not in page.content.decode()
    assert manager.get(reverse_url).status_code == 403
    assert manager.post(reverse_url).status_code == 403

    admin = world.client_for("admin")
    assert reverse_url in admin.get(detail).content.decode()
    assert admin.get(reverse_url).status_code == 200
    done = admin.post(reverse_url)
    assert done.status_code == 302
    duplicate.refresh_from_db()
    assert not duplicate.is_closed
    again = admin.post(reverse_url)
    assert again.status_code == 400
    assert "already been reversed" in again.content.decode()
    assert admin.get(reverse_url).status_code == 400


def test_merge_records_are_404_for_those_who_cannot_see_the_children(world):
    other = ChildFactory(senar_team=world.other_team)
    merge = services.child_merge(actor=world.users["admin"], kept=world.other_child, merged=other)
    client = world.client_for("team_manager")
    assert client.get(reverse("people:merge_detail", args=[merge.pk])).status_code == 404
    assert client.get(reverse("people:merge_detail", args=[999999])).status_code == 404
    assert (
        world.client_for("caseworker")
        .get(reverse("people:merge_detail", args=[merge.pk]))
        .status_code
        == 403
    )


def test_a_record_that_cannot_be_merged_is_listed_with_why_not_linked(world, duplicate):
    parent_request(world, child=world.caseload_child)
    parent_request(world, child=duplicate)
    page = world.client_for("team_manager").get(
        reverse("people:child_merge_start", args=[world.caseload_child.pk])
    )
    body = page.content.decode()
    assert f"Record {duplicate.pk}: " in body
    assert "Cannot be merged: Both records have an open request" in body
    assert _compare_url(world, duplicate) not in body


def test_the_merged_away_page_links_to_the_kept_record_only_for_those_who_may_open_it(
    world, duplicate
):
    from opensend.people.models import Child

    merge = services.child_merge(
        actor=world.users["team_manager"], kept=world.caseload_child, merged=duplicate
    )
    away = reverse("people:child_detail", args=[duplicate.pk])
    kept_url = reverse("people:child_detail", args=[world.caseload_child.pk])
    assert kept_url in world.client_for("team_manager").get(away).content.decode()
    # The kept record moves to another team: the manager can still open the merged-away one.
    Child.objects.filter(pk=world.caseload_child.pk).update(
        senar_team=world.other_team, caseworker=None
    )
    body = world.client_for("team_manager").get(away).content.decode()
    assert "This record was merged into" in body
    assert kept_url not in body
    assert "You cannot open that record" in body
    detail = world.client_for("team_manager").get(reverse("people:merge_detail", args=[merge.pk]))
    assert detail.status_code == 200
    assert kept_url not in detail.content.decode()


def test_search_with_closed_records_says_which_were_merged(world, duplicate):
    services.child_merge(
        actor=world.users["team_manager"], kept=world.caseload_child, merged=duplicate
    )
    page = world.client_for("team_manager").get(
        reverse("people:child_list"), {"name": duplicate.family_name, "include_closed": "on"}
    )
    assert f"Merged into record {world.caseload_child.pk}" in page.content.decode()


def test_the_audit_trail_links_to_the_merge(world, duplicate):
    merge = services.child_merge(
        actor=world.users["team_manager"], kept=world.caseload_child, merged=duplicate
    )
    admin = world.client_for("admin")
    page = admin.get(reverse("audit:event_list"), {"child_id": world.caseload_child.pk})
    assert page.status_code == 200
    detail = reverse("people:merge_detail", args=[merge.pk])
    assert detail in page.content.decode()
    assert admin.get(detail).status_code == 200


def test_the_merge_page_shows_overwritten_details_as_people_read_them(world, duplicate):
    from opensend.people.models import Child

    Child.objects.filter(pk=duplicate.pk).update(caseworker=world.users["team_manager"])
    duplicate.refresh_from_db()
    merge = services.child_merge(
        actor=world.users["team_manager"],
        kept=world.caseload_child,
        merged=duplicate,
        take_from_merged=["caseworker", "address"],
    )
    page = world.client_for("team_manager").get(reverse("people:merge_detail", args=[merge.pk]))
    body = page.content.decode()
    assert f"Caseworker: {escape(str(world.users['team_manager']))} (was " in body
    assert f"{escape(str(world.users['caseworker']))})" in body
    assert "Address: 2 New Road (was Not recorded)" in body
