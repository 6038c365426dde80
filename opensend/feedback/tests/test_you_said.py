"""The council keeps a "You said, we did" page that every signed-in family can read."""

import pytest
from django.urls import reverse
from django.utils import timezone

from opensend.audit.models import Action, AuditEvent
from opensend.feedback.models import YouSaidWeDid

LIST = reverse("feedback:you_said")
NEW = reverse("feedback:you_said_create")


def _data(you_said="Letters were hard to read", we_did="We rewrote them", on=None):
    on = on or timezone.localdate()
    return {
        "you_said": you_said,
        "we_did": we_did,
        "done_on_0": on.day,
        "done_on_1": on.month,
        "done_on_2": on.year,
    }


def test_a_manager_adds_and_changes_an_entry_and_families_read_it(world):
    manager = world.client_for("team_manager")
    assert manager.post(NEW, _data()).status_code == 302
    entry = YouSaidWeDid.objects.get()
    edit = reverse("feedback:you_said_update", args=[entry.pk])
    assert edit in manager.get(LIST).content.decode()
    assert manager.post(edit, _data(we_did="We rewrote every letter")).status_code == 302
    entry.refresh_from_db()
    assert entry.we_did == "We rewrote every letter"
    change = AuditEvent.objects.get(action=Action.UPDATE, object_type="feedback.yousaidwedid")
    assert "We rewrote them" in str(change.changes)

    parent = world.client_for("parent")
    assert LIST in parent.get("/").content.decode()  # linked from the family's home page
    page = parent.get(LIST).content.decode()
    assert "Letters were hard to read" in page and "We rewrote every letter" in page
    assert edit not in page and NEW not in page


@pytest.mark.parametrize("role", ["parent", "caseworker", "senco", "board_member", "analyst"])
def test_only_managers_and_administrators_keep_the_page(world, role):
    entry = YouSaidWeDid.objects.create(
        you_said="a", we_did="b", done_on=timezone.localdate(), updated_by=world.users["admin"]
    )
    client = world.client_for(role)
    assert client.get(LIST).status_code == 200
    assert client.post(NEW, _data()).status_code == 404
    edit = reverse("feedback:you_said_update", args=[entry.pk])
    assert client.post(edit, _data(we_did="changed")).status_code == 404
    entry.refresh_from_db()
    assert entry.we_did == "b" and YouSaidWeDid.objects.count() == 1


def test_an_administrator_may_add_one(world):
    assert world.client_for("admin").post(NEW, _data()).status_code == 302


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (_data(you_said=""), "Enter what families told us"),
        (_data(we_did=""), "Enter what we did"),
        (
            {**_data(), "done_on_2": str(timezone.localdate().year + 1)},
            "The date cannot be in the future",
        ),
        ({**_data(), "done_on_0": "40"}, "must be a real date"),
    ],
)
def test_bad_entries_are_refused(world, data, message):
    response = world.client_for("team_manager").post(NEW, data)
    assert response.status_code == 400 and message in response.content.decode()
    assert not YouSaidWeDid.objects.exists()


def test_a_missing_entry_is_not_found(world):
    manager = world.client_for("team_manager")
    assert manager.get(reverse("feedback:you_said_update", args=[999])).status_code == 404


def test_signed_out_people_are_asked_to_sign_in(client):
    assert client.get(LIST).status_code == 302
