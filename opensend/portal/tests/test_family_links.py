"""Linking a parent's account to a child: the identity check, no duplicate family records, the
audit line with the child's id, and the page (search, choose, confirm; bad input is a 400)."""

import html

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from opensend.audit.models import AuditEvent
from opensend.people.codes import Relationship
from opensend.people.models import Child, FamilyMember
from opensend.portal.family_links import family_account_link, young_person_account_link
from testsupport.factories.accounts import UserFactory
from testsupport.factories.people import (
    ChildFactory,
    FamilyMemberFactory,
    FamilyRelationshipFactory,
)

pytestmark = pytest.mark.django_db


def text(response):
    """The page as text (names may hold an apostrophe, as O'Brien)."""
    return html.unescape(response.content.decode())


def link(world, user, child, **overrides):
    fields = {
        "actor": world.users["admin"],
        "user": user,
        "child": child,
        "relationship": Relationship.MOTHER,
        "has_parental_responsibility": True,
        "identity_checked": True,
    }
    return family_account_link(**{**fields, **overrides})


def test_a_new_parent_account_gets_a_family_record_and_sees_the_child(world):
    parent = UserFactory(email="jo@home.example", first_name="Jo", last_name="Bloggs")
    child = world.other_child
    assert not Child.objects.visible_to(parent).filter(pk=child.pk).exists()
    relationship = link(world, parent, child)
    member = FamilyMember.objects.get(user=parent)
    assert (member.given_name, member.family_name, member.email) == ("Jo", "Bloggs", parent.email)
    assert relationship.family_member == member and relationship.child == child
    parent = type(parent).objects.get(pk=parent.pk)  # fresh permissions
    assert Child.objects.visible_to(parent).filter(pk=child.pk).exists()
    check = AuditEvent.objects.get(
        object_type="people.familymember", object_id=str(member.pk), summary__contains="checked"
    )
    assert check.child_id == child.pk and check.actor == world.users["admin"]
    assert "checked their identity and their link to the child" in check.summary


def test_the_childs_existing_record_of_that_person_is_used_not_a_second_one(world):
    child = world.other_child
    known = FamilyMemberFactory(email="Sam@Home.example", user=None)
    FamilyRelationshipFactory(child=child, family_member=known, relationship=Relationship.FATHER)
    account = UserFactory(email="sam@home.example")
    relationship = link(world, account, child, relationship=Relationship.OTHER)
    known.refresh_from_db()
    assert known.user == account
    assert relationship.family_member == known
    assert relationship.relationship == Relationship.FATHER  # what was recorded stays
    assert FamilyMember.objects.filter(email__iexact="sam@home.example").count() == 1


def test_a_second_child_reuses_their_family_record_and_a_repeat_is_refused(world):
    parent = world.users["parent"]
    member = parent.family_member
    link(world, parent, world.other_child)
    assert set(member.children.all()) == {world.parents_child, world.other_child}
    with pytest.raises(ValidationError, match="already linked"):
        link(world, parent, world.parents_child)


def test_the_identity_check_is_required_and_only_administrators_link(world):
    parent = UserFactory()
    with pytest.raises(ValidationError):
        link(world, parent, world.other_child, identity_checked=False)
    with pytest.raises(PermissionDenied):
        link(world, parent, world.other_child, actor=world.users["caseworker"])
    with pytest.raises(ValidationError, match="young person"):
        link(world, world.users["young_person"], world.other_child)
    assert not FamilyMember.objects.filter(user=parent).exists()


def test_the_page_finds_the_child_and_links_them(world):
    admin = world.client_for("admin")
    parent = UserFactory(email="jo@home.example")
    child = world.other_child
    url = reverse("portal:user_link_child", args=[parent.pk])
    assert admin.get(url).status_code == 200
    found = admin.get(url, {"q": child.family_name})
    body = text(found)
    assert found.status_code == 200 and child.full_name in body
    assert "I have checked this person" in body
    assert reverse("accounts:user_detail", args=[parent.pk]) in body  # the way back
    none = admin.get(url, {"q": "Zzyzzyva"})
    assert "No open records match" in text(none)

    unchecked = admin.post(
        url,
        {
            "q": child.family_name,
            "child": child.pk,
            "relationship": "mother",
            "has_parental_responsibility": "yes",
        },
    )
    assert unchecked.status_code == 400
    body = text(unchecked)
    assert "Confirm you have checked their identity" in body
    assert child.full_name in body  # the choice is still on screen
    done = admin.post(
        url,
        {
            "q": child.family_name,
            "child": child.pk,
            "relationship": "mother",
            "has_parental_responsibility": "yes",
            "identity_checked": "on",
        },
    )
    assert done.status_code == 302
    assert done["Location"] == reverse("accounts:user_detail", args=[parent.pk])
    page = text(admin.get(done["Location"]))
    assert child.full_name in page and "Mother of" in page


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "Select the child"),
        ({"child": "999999"}, "Select one of the children found"),
        ({"child": "abc"}, "Select one of the children found"),
        ({"relationship": "alien"}, "related to the child from the list"),
        ({"has_parental_responsibility": "maybe"}, "Select yes if they have parental"),
    ],
)
def test_bad_input_is_a_400_with_a_message(world, data, message):
    parent = UserFactory()
    response = world.client_for("admin").post(
        reverse("portal:user_link_child", args=[parent.pk]), data
    )
    assert response.status_code == 400
    body = text(response)
    assert "There is a problem" in body
    assert message in body
    assert "This field is required" not in body


def test_a_too_long_search_is_a_400(world):
    parent = UserFactory()
    response = world.client_for("admin").get(
        reverse("portal:user_link_child", args=[parent.pk]), {"q": "x" * 201}
    )
    assert response.status_code == 400
    assert "200 characters or fewer" in text(response)


# A young person's own account


def test_a_young_persons_own_account_is_linked_to_their_record_audited(world):
    account = UserFactory(email="kai@home.example")
    record = ChildFactory(date_of_birth="2007-01-01", upn="", senar_team=world.other_team)
    young_person_account_link(
        actor=world.users["admin"], user=account, child=record, identity_checked=True
    )
    record.refresh_from_db()
    assert record.user == account
    account = type(account).objects.get(pk=account.pk)
    assert list(Child.objects.visible_to(account)) == [record]
    event = AuditEvent.objects.get(
        object_type="people.child", object_id=str(record.pk), summary__contains="own account"
    )
    assert event.child_id == record.pk and "checked their identity" in event.summary
    with pytest.raises(ValidationError, match="already linked"):
        young_person_account_link(
            actor=world.users["admin"], user=account, child=record, identity_checked=True
        )


def test_a_young_persons_link_is_refused_under_16_taken_or_unchecked(world):
    admin, account = world.users["admin"], UserFactory()
    young = ChildFactory(upn="")  # the factory's children are of school age
    with pytest.raises(ValidationError, match="under 16"):
        young_person_account_link(actor=admin, user=account, child=young, identity_checked=True)
    with pytest.raises(ValidationError, match="already has their own account"):
        young_person_account_link(
            actor=admin, user=account, child=world.young_person, identity_checked=True
        )
    older = ChildFactory(date_of_birth="2006-05-05", upn="")
    with pytest.raises(ValidationError):
        young_person_account_link(actor=admin, user=account, child=older, identity_checked=False)
    with pytest.raises(PermissionDenied):
        young_person_account_link(
            actor=world.users["caseworker"], user=account, child=older, identity_checked=True
        )
    older.refresh_from_db()
    assert older.user is None


def test_the_own_record_page_links_and_says_so(world):
    admin = world.client_for("admin")
    account = UserFactory(email="kai@home.example")
    record = ChildFactory(
        given_name="Kai", family_name="Zebedee", date_of_birth="2007-01-01", upn=""
    )
    url = reverse("portal:user_link_own_record", args=[account.pk])
    found = text(admin.get(url, {"q": "Zebedee"}))
    assert "Link them to their own record" in found and record.full_name in found
    unchecked = admin.post(url, {"q": "Zebedee", "child": record.pk})
    assert unchecked.status_code == 400
    assert "Confirm you have checked their identity" in text(unchecked)
    done = admin.post(url, {"q": "Zebedee", "child": record.pk, "identity_checked": "on"})
    assert done.status_code == 302
    page = text(admin.get(done["Location"]))
    assert "This is the young person's own account" in page and record.full_name in page
