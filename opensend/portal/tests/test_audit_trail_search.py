"""The audit trail speaks plain English and is searched by child name, by person and by date."""

import html

import pytest
from django.urls import reverse

from opensend.audit.models import Action, AuditEvent
from opensend.audit.services import audit_record
from opensend.audit.wording import Words, describe_event, words_for
from opensend.people import services as people_services


def test_a_change_to_a_childs_record_names_the_fields_in_plain_words():
    words = Words(thing="record", fields=("address",), is_own_record=True)
    sentence = describe_event(
        action="update", words=words, actor_name="Simran Mistry", child_name="Shane Gill"
    )
    assert sentence == "Simran Mistry changed Shane Gill's address"


@pytest.mark.parametrize(
    ("action", "words", "child", "label", "expected"),
    [
        (
            "view",
            Words("record", (), True),
            "Shane Gill",
            "",
            "Amir Khan viewed Shane Gill's record",
        ),
        (
            "list",
            Words("record", (), True),
            "Shane Gill",
            "",
            "Amir Khan saw Shane Gill's record in a list of search results",
        ),
        (
            "create",
            Words("record", (), True),
            "Shane Gill",
            "",
            "Amir Khan added Shane Gill's record",
        ),
        (
            "close",
            Words("record", (), True),
            "Chris Jones",
            "",
            "Amir Khan closed Chris Jones' record",
        ),
        (
            "update",
            Words("record", ("first name", "date of birth", "address"), True),
            "Shane Gill",
            "",
            "Amir Khan changed Shane Gill's first name, date of birth and address",
        ),
        (
            "create",
            Words("family relationship", (), False),
            "Shane Gill",
            "",
            "Amir Khan added a family relationship to Shane Gill's record",
        ),
        (
            "create",
            Words("EHC plan", (), False),
            "Shane Gill",
            "",
            "Amir Khan added an EHC plan to Shane Gill's record",
        ),
        (
            "update",
            Words("assessment request", ("status",), False),
            "Shane Gill",
            "",
            "Amir Khan changed the status on Shane Gill's assessment request",
        ),
        (
            "update",
            Words("account", ("password",), True),
            "",
            "Nia Okafor",
            "Amir Khan changed Nia Okafor's password",
        ),
        (
            "close",
            Words("membership", (), False),
            "",
            "Nia Okafor – SENCO at Oak School",
            "Amir Khan closed the membership “Nia Okafor – SENCO at Oak School”",
        ),
        ("export", Words("setting", (), False), "", "", "Amir Khan exported a setting"),
    ],
)
def test_each_action_reads_as_a_sentence(action, words, child, label, expected):
    sentence = describe_event(
        action=action, words=words, actor_name="Amir Khan", child_name=child, object_label=label
    )
    assert sentence == expected


def test_no_one_named_is_the_system():
    words = Words("record", (), True)
    assert describe_event(action="view", words=words, actor_name="", child_name="Shane Gill") == (
        "The system viewed Shane Gill's record"
    )


@pytest.mark.django_db
def test_words_come_from_the_models_verbose_names_not_class_names():
    child = words_for("people.child", ["given_name", "date_of_birth", "is_looked_after"])
    assert child == Words("record", ("first name", "date of birth", "looked after"), True)
    relationship = words_for("people.familyrelationship", ["lives_with_child"])
    assert relationship.thing == "family relationship"
    assert relationship.fields == ("lives with child",)
    assert words_for("accounts.user", ["password"]).thing == "account"
    unknown = words_for("nowhere.thing", ["some_field"])
    assert unknown == Words("thing", ("some field",), False)


@pytest.fixture
def trail(world):
    """A caseworker changes a child's address and a health worker reads another child's record."""
    caseworker = world.users["caseworker"]
    caseworker.first_name, caseworker.last_name = "Simran", "Mistry"
    caseworker.save()
    child = world.caseload_child
    child.given_name, child.family_name, child.preferred_name = "Shane", "Gill", ""
    child.save()
    people_services.child_update(actor=caseworker, child=child, address="1 New Street")
    health = world.users["health"]
    health.first_name, health.last_name = "Amir", "Khan"
    health.save()
    audit_record(
        actor=health, action=Action.VIEW, obj=world.team_child, child_id=world.team_child.pk
    )
    return world


def whose(name):
    """A name's possessive: "Shane Gill's", "Chris Jones'"."""
    return name + ("'" if name.endswith("s") else "'s")


def rows(response):
    """The table's rows as text (names may hold an apostrophe, as O'Brien)."""
    return html.unescape(response.content.decode().split("<tbody")[1])


@pytest.mark.django_db
def test_the_page_shows_sentences_and_searches_by_child_name(trail):
    admin = trail.client_for("admin")
    response = admin.get(reverse("audit:event_list"), {"child": "Gill"})
    assert response.status_code == 200
    body = rows(response)
    assert "Simran Mistry changed Shane Gill's address" in body
    assert trail.team_child.full_name not in body
    assert "people.child" not in body  # no model names
    by_surname_and_name = admin.get(reverse("audit:event_list"), {"child": "Shane Gill"})
    assert "changed Shane Gill's address" in rows(by_surname_and_name)


@pytest.mark.django_db
def test_the_page_searches_by_a_persons_name_or_email(trail):
    admin = trail.client_for("admin")
    by_name = rows(admin.get(reverse("audit:event_list"), {"person": "amir khan"}))
    assert f"Amir Khan viewed {whose(trail.team_child.full_name)} record" in by_name
    assert "Simran Mistry" not in by_name
    by_email = rows(admin.get(reverse("audit:event_list"), {"person": "caseworker@test"}))
    assert "Simran Mistry changed" in by_email and "Amir Khan" not in by_email
    nobody = rows(admin.get(reverse("audit:event_list"), {"person": "No Such Person"}))
    assert "No entries match" in nobody


@pytest.mark.django_db
def test_the_page_searches_by_date_range(trail):
    admin = trail.client_for("admin")
    today = AuditEvent.objects.first().occurred_at.date()
    inside = {
        "on_or_after_0": today.day,
        "on_or_after_1": today.month,
        "on_or_after_2": today.year,
        "on_or_before_0": today.day,
        "on_or_before_1": today.month,
        "on_or_before_2": today.year,
    }
    assert "Simran Mistry changed" in rows(admin.get(reverse("audit:event_list"), inside))
    before = {"on_or_before_0": 1, "on_or_before_1": 1, "on_or_before_2": 2001}
    assert "No entries match" in rows(admin.get(reverse("audit:event_list"), before))
    backwards = {
        "on_or_after_0": 2,
        "on_or_after_1": 1,
        "on_or_after_2": 2025,
        "on_or_before_0": 1,
        "on_or_before_1": 1,
        "on_or_before_2": 2025,
    }
    refused = admin.get(reverse("audit:event_list"), backwards)
    assert refused.status_code == 400
    assert "must be the same as or after" in refused.content.decode()


@pytest.mark.django_db
def test_administration_reads_plainly_in_the_trail(world):
    from opensend.accounts import services

    admin_user = world.users["admin"]
    services.user_deactivate(actor=admin_user, user=world.users["analyst"], reason="Left")
    body = rows(world.client_for("admin").get(reverse("audit:event_list"), {"person": "admin@"}))
    analyst = world.users["analyst"].get_full_name()
    assert f"{admin_user.get_full_name()} changed {whose(analyst)} account" in body
    assert "Account deactivated: Left" in body


@pytest.mark.django_db
def test_linking_a_parent_reads_plainly_in_the_trail_under_the_childs_name(world):
    from opensend.portal.family_links import family_account_link
    from testsupport.factories.accounts import UserFactory

    parent = UserFactory(email="jo@home.example")
    child = world.other_child
    family_account_link(
        actor=world.users["admin"],
        user=parent,
        child=child,
        relationship="mother",
        has_parental_responsibility=True,
        identity_checked=True,
    )
    body = rows(
        world.client_for("admin").get(reverse("audit:event_list"), {"child": child.family_name})
    )
    admin = world.users["admin"].get_full_name()
    assert f"{admin} changed the account on {whose(child.full_name)} family member" in body
    assert f"{admin} added a family relationship to {whose(child.full_name)} record" in body
    assert "checked their identity and their link to the child" in body
