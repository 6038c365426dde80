"""Providers change their own entries only; their changes wait for a council editor, who sees
the differences and approves (then it is public and checked today) or refuses with a reason."""

import pytest
from django.test import Client
from django.urls import reverse

from opensend.accounts.roles import OrganisationKind, Role
from opensend.audit.models import AuditEvent
from opensend.directory.models import ChangeStatus, Service, ServiceChange
from testsupport.factories.accounts import OrganisationFactory, sign_in_fully, staff_member
from testsupport.factories.directory import a_service
from testsupport.roles import ROLES

pytestmark = pytest.mark.django_db


@pytest.fixture
def provider(world):
    org = OrganisationFactory(name="Rainbow Trust", kind=OrganisationKind.PROVIDER)
    user = staff_member(org, Role.LOCAL_OFFER_EDITOR, email="provider@test.opensend.test")
    ours = a_service(name="Rainbow Swimming", ages=(5, 16))
    ours.organization.owner = org
    ours.organization.save()
    theirs = a_service(name="Someone else's club")
    return {"user": user, "ours": ours, "theirs": theirs}


def form_data(service: Service, **changes) -> dict:
    data = {
        "name": service.name,
        "description": service.description,
        "eligibility_description": service.eligibility_description,
        "application_process": service.application_process,
        "access_route": service.access_route,
        "minimum_age": service.minimum_age if service.minimum_age is not None else "",
        "maximum_age": service.maximum_age if service.maximum_age is not None else "",
        "email": service.email,
        "url": service.url,
        "alert": service.alert,
    }
    return {**data, **changes}


def test_a_provider_changes_their_entry_and_an_editor_approves_it(client, world, provider):
    ours = provider["ours"]
    sign_in_fully(client, provider["user"])
    home = client.get(reverse("directory:manage"))
    assert "Rainbow Swimming" in home.content.decode()
    assert "Someone else" not in home.content.decode()
    url = reverse("directory:service_edit", args=[ours.id])
    response = client.post(url, form_data(ours, description="Now with a quiet hour."))
    assert response.status_code == 302
    ours.refresh_from_db()
    assert ours.description == "A made-up service for tests."  # not public yet
    change = ServiceChange.objects.get()
    assert change.proposed == {"description": "Now with a quiet hour."}

    editor = world.client_for("local_offer_editor")
    assert (
        "1 change from providers waiting for approval"
        in editor.get(reverse("directory:manage")).content.decode()
    )
    page = editor.get(reverse("directory:change", args=[change.pk])).content.decode()
    assert "A made-up service for tests." in page and "Now with a quiet hour." in page
    assert (
        editor.post(
            reverse("directory:change", args=[change.pk]), {"decision": "approve"}
        ).status_code
        == 302
    )
    ours.refresh_from_db()
    assert ours.description == "Now with a quiet hour."
    assert ours.assurer_email == "local_offer_editor@test.opensend.test"
    assert ServiceChange.objects.get().status == ChangeStatus.APPROVED
    assert AuditEvent.objects.filter(object_id=str(ours.id)).count() == 2


def test_refusing_needs_a_reason(world, provider):
    ours = provider["ours"]
    change = ServiceChange.objects.create(
        service=ours,
        before={"name": ours.name},
        proposed={"name": "Free money"},
        proposed_by=provider["user"],
    )
    editor = world.client_for("local_offer_editor")
    url = reverse("directory:change", args=[change.pk])
    bad = editor.post(url, {"decision": "reject", "reason": ""})
    assert bad.status_code == 400
    assert "Say why the change is not approved" in bad.content.decode()
    assert editor.post(url, {"decision": "reject", "reason": "Not accurate"}).status_code == 302
    change.refresh_from_db()
    assert change.status == ChangeStatus.REJECTED and change.reason == "Not accurate"
    provider_client = sign_in_fully(Client(), provider["user"])
    home = provider_client.get(reverse("directory:manage")).content.decode()
    assert "Not approved" in home and "because: Not accurate" in home
    ours.refresh_from_db()
    assert ours.name == "Rainbow Swimming"


def test_an_editor_changes_an_entry_at_once(world, provider):
    ours = provider["ours"]
    editor = world.client_for("local_offer_editor")
    url = reverse("directory:service_edit", args=[ours.id])
    assert editor.post(url, form_data(ours, alert="Closed in August")).status_code == 302
    ours.refresh_from_db()
    assert ours.alert == "Closed in August"
    assert not ServiceChange.objects.exists()


def test_bad_input_and_other_peoples_entries(client, provider):
    sign_in_fully(client, provider["user"])
    ours, theirs = provider["ours"], provider["theirs"]
    url = reverse("directory:service_edit", args=[ours.id])
    same = client.post(url, form_data(ours))
    assert same.status_code == 400
    assert "You have not changed anything" in same.content.decode()
    ages = client.post(url, form_data(ours, minimum_age=12, maximum_age=5))
    assert ages.status_code == 400
    assert "The oldest age must be" in ages.content.decode()
    bad_url = client.post(url, form_data(ours, url="not a website"))
    assert bad_url.status_code == 400
    assert client.get(reverse("directory:service_edit", args=[theirs.id])).status_code == 404
    assert client.get(reverse("directory:changes")).status_code == 403


@pytest.mark.parametrize("role", ROLES)
def test_who_may_keep_entries(world, role):
    allowed = role in ("local_offer_editor", "admin")
    client = world.client_for(role)
    assert client.get(reverse("directory:manage")).status_code == (200 if allowed else 403)
    assert client.get(reverse("directory:changes")).status_code == (200 if allowed else 403)


def test_signed_out_people_are_sent_to_sign_in(client):
    response = client.get(reverse("directory:manage"))
    assert response.status_code == 302
    assert "/account/" in response["Location"]


def test_owners_deal_with_problems_the_public_reported(client, world, provider):
    from opensend.directory.models import Feedback

    ours, theirs = provider["ours"], provider["theirs"]
    mine = Feedback.objects.create(service=ours, kind="problem", details="Phone is wrong")
    Feedback.objects.create(service=theirs, kind="problem", details="Not mine")
    sign_in_fully(client, provider["user"])
    url = reverse("directory:problems")
    page = client.get(url).content.decode()
    assert "Phone is wrong" in page and "Not mine" not in page
    empty = client.post(url, {"feedback": mine.pk, "response": " "})
    assert empty.status_code == 400
    assert "What did you do about it?" in empty.content.decode()
    other = Feedback.objects.get(details="Not mine")
    assert client.post(url, {"feedback": other.pk, "response": "Fixed"}).status_code == 404
    assert client.post(url, {"feedback": "x", "response": "Fixed"}).status_code == 404
    assert client.post(url, {"feedback": mine.pk, "response": "Corrected it"}).status_code == 302
    mine.refresh_from_db()
    assert mine.response == "Corrected it" and mine.resolved_by == provider["user"]
    assert "Phone is wrong" not in client.get(url).content.decode()
    editor = world.client_for("local_offer_editor")
    assert "Not mine" in editor.get(url).content.decode()


def test_keepers_are_reminded_a_month_before_an_entry_goes_stale(provider):
    import datetime

    from django.core.management import call_command

    from opensend.directory.reminders import review_reminders_send
    from opensend.notify.models import OutboxMessage

    today = datetime.date(2026, 12, 3)
    ours = provider["ours"]
    ours.assured_date = datetime.date(2025, 12, 20)  # stale from 20 December 2026
    ours.save()
    fresh = a_service(name="Fresh club", ages=(5, 16))
    fresh.organization.owner = ours.organization.owner
    fresh.organization.save()
    assert review_reminders_send(today=today) == 1
    message = OutboxMessage.objects.get(template="local_offer_check_due")
    assert message.to_address == "provider@test.opensend.test"
    assert "Rainbow Swimming" in message.subject
    assert "20 December 2026" in message.body
    assert f"/local-offer/manage/services/{ours.id}/" in message.body
    assert review_reminders_send(today=today) == 0  # not again within the month
    call_command("directory_reminders", stdout=__import__("io").StringIO())


def test_it_is_all_correct_marks_the_entry_checked(client, world, provider):
    ours, theirs = provider["ours"], provider["theirs"]
    ours.assured_date = None
    ours.save()
    sign_in_fully(client, provider["user"])
    assert client.post(reverse("directory:service_checked", args=[ours.id])).status_code == 302
    ours.refresh_from_db()
    assert ours.assured_date is not None
    assert client.post(reverse("directory:service_checked", args=[theirs.id])).status_code == 404
    assert client.get(reverse("directory:service_checked", args=[ours.id])).status_code == 405


def test_editors_see_what_families_looked_for_and_did_not_find(client, world, provider):
    client.get(reverse("directory:search"), {"words": "trampolining"})
    client.get(reverse("directory:search"), {"words": "trampolining"})
    page = world.client_for("local_offer_editor").get(reverse("directory:manage"))
    assert "trampolining" in page.content.decode()
    sign_in_fully(client, provider["user"])
    assert "trampolining" not in client.get(reverse("directory:manage")).content.decode()


def test_entries_download_as_csv_and_excel(client, world, provider):
    import csv
    import io

    from openpyxl import load_workbook

    provider["ours"].description = "=HYPERLINK(bad)"
    provider["ours"].save()
    sign_in_fully(client, provider["user"])
    response = client.get(reverse("directory:export_csv"))
    assert response["Content-Disposition"].startswith("attachment")
    table = list(csv.reader(io.StringIO(response.content.decode())))
    assert table[0][:2] == ["id", "name"]
    assert [row[1] for row in table[1:]] == ["Rainbow Swimming"]  # only their own
    assert table[1][4] == "'=HYPERLINK(bad)"  # never a formula
    editor = world.client_for("local_offer_editor")
    book = load_workbook(io.BytesIO(editor.get(reverse("directory:export_xlsx")).content))
    assert book.active.max_row == 3  # the header and both entries
    assert world.client_for("caseworker").get(reverse("directory:export_csv")).status_code == 403
