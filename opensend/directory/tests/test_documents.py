"""Logos and leaflets: uploaded through the safe upload service, approved like any other
provider change, then shown on the public page (the leaflet as a download with its type and
size, the logo with its description)."""

import json

import pytest
from django.test import Client
from django.urls import reverse

from opensend.accounts.roles import OrganisationKind, Role
from opensend.audit.models import AuditEvent
from opensend.directory.models import ChangeStatus, ServiceChange, ServiceDocument
from opensend.directory.tests.test_oruk_conformance import assert_valid
from testsupport import samples
from testsupport.factories.accounts import OrganisationFactory, sign_in_fully, staff_member
from testsupport.factories.directory import a_service
from testsupport.roles import ROLES

pytestmark = pytest.mark.django_db


@pytest.fixture
def provider(world):
    org = OrganisationFactory(name="Rainbow Trust", kind=OrganisationKind.PROVIDER)
    user = staff_member(org, Role.LOCAL_OFFER_EDITOR)
    ours = a_service(name="Rainbow Swimming")
    ours.organization.owner = org
    ours.organization.save()
    return {"client": sign_in_fully(Client(), user), "ours": ours, "theirs": a_service()}


def post_file(client, service, kind, name, content, alt_text=""):
    return client.post(
        reverse("directory:document_upload", args=[service.id]),
        {"kind": kind, "document": samples.upload(name, content), "alt_text": alt_text},
    )


def test_a_providers_leaflet_waits_for_approval_then_families_can_download_it(world, provider):
    ours = provider["ours"]
    edit_page = provider["client"].get(reverse("directory:service_edit", args=[ours.id]))
    assert reverse("directory:document_upload", args=[ours.id]) in edit_page.content.decode()
    sent = post_file(provider["client"], ours, "leaflet", "Swim times.pdf", samples.PDF_BYTES)
    assert sent.status_code == 302
    public = reverse("directory:service", args=[ours.id])
    assert "Download the leaflet" not in Client().get(public).content.decode()
    document = ServiceDocument.objects.get()
    assert (
        Client().get(reverse("directory:service_file", args=[ours.id, document.pk])).status_code
        == 404
    )  # not public until approved

    editor = world.client_for("local_offer_editor")
    assert "a new leaflet" in editor.get(reverse("directory:changes")).content.decode()
    change = ServiceChange.objects.get()
    page = editor.get(reverse("directory:change", args=[change.pk])).content.decode()
    assert "Leaflet" in page and "Swim times.pdf" in page
    proposed = editor.get(reverse("directory:document", args=[document.pk]))
    assert proposed.status_code == 200 and proposed["Content-Type"] == "application/pdf"
    assert (
        editor.post(
            reverse("directory:change", args=[change.pk]), {"decision": "approve"}
        ).status_code
        == 302
    )
    assert ServiceChange.objects.get().status == ChangeStatus.APPROVED

    page = Client().get(public).content.decode()
    size = len(samples.PDF_BYTES)
    assert f"Download the leaflet: Swim times.pdf (PDF, {size} bytes)" in page
    printable = Client().get(reverse("directory:service_print", args=[ours.id])).content.decode()
    assert "Download the leaflet: Swim times.pdf" in printable
    easy = Client().get(reverse("directory:service_easy_read", args=[ours.id])).content.decode()
    assert f"Get the leaflet (PDF, {size} bytes)" in easy
    download = Client().get(reverse("directory:service_file", args=[ours.id, document.pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == samples.PDF_BYTES
    assert "attachment" in download["Content-Disposition"]
    assert download["X-Content-Type-Options"] == "nosniff"
    assert AuditEvent.objects.filter(
        object_id=str(ours.id), summary="Proposed a new leaflet for the Local Offer entry"
    ).exists()


def test_an_editors_logo_is_public_at_once_with_its_description(world, provider):
    ours = provider["ours"]
    editor = world.client_for("local_offer_editor")
    response = post_file(
        editor, ours, "logo", "logo.png", samples.PNG_BYTES, alt_text="Rainbow Trust logo"
    )
    assert response.status_code == 302
    assert not ServiceChange.objects.exists()
    document = ServiceDocument.objects.get()
    page = Client().get(reverse("directory:service", args=[ours.id])).content.decode()
    src = reverse("directory:service_file", args=[ours.id, document.pk])
    assert f'src="{src}" alt="Rainbow Trust logo"' in page
    assert Client().get(src)["Content-Type"] == "image/png"


@pytest.mark.parametrize(
    ("kind", "name", "content", "alt", "message"),
    [
        ("logo", "logo.png", samples.PNG_BYTES, "", "Describe the logo for people who cannot"),
        ("leaflet", "leaflet.png", samples.PNG_BYTES, "", "A leaflet must be a PDF"),
        ("logo", "logo.pdf", samples.PDF_BYTES, "Logo", "A logo must be a JPEG or PNG image"),
        ("logo", "logo.svg", samples.SVG_WITH_SCRIPT, "Logo", "The selected file must be"),
        ("leaflet", "leaflet.pdf", samples.HTML_BYTES, "", "The selected file must be"),
        ("leaflet", "empty.pdf", b"", "", "The selected file is empty"),
    ],
)
def test_bad_files_are_refused_with_a_message_and_nothing_kept(
    provider, kind, name, content, alt, message
):
    stored = samples.stored_files("directory")
    response = post_file(provider["client"], provider["ours"], kind, name, content, alt)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not ServiceDocument.objects.exists() and not ServiceChange.objects.exists()
    assert samples.stored_files("directory") == stored


def test_providers_upload_only_to_their_own_entries(world, provider):
    theirs = provider["theirs"]
    url = reverse("directory:document_upload", args=[theirs.id])
    assert provider["client"].get(url).status_code == 404
    assert (
        post_file(provider["client"], theirs, "leaflet", "a.pdf", samples.PDF_BYTES).status_code
        == 404
    )
    editor = world.client_for("local_offer_editor")
    post_file(editor, theirs, "leaflet", "theirs.pdf", samples.PDF_BYTES)
    document = ServiceDocument.objects.get()
    # Another provider's file, and another entry's public address for it, are not found.
    assert (
        provider["client"].get(reverse("directory:document", args=[document.pk])).status_code == 404
    )
    wrong_entry = reverse("directory:service_file", args=[provider["ours"].id, document.pk])
    assert Client().get(wrong_entry).status_code == 404


@pytest.mark.parametrize("role", ROLES)
def test_who_may_upload(world, role):
    service = a_service()
    allowed = role in ("local_offer_editor", "admin")
    response = world.client_for(role).get(reverse("directory:document_upload", args=[service.id]))
    assert response.status_code == (200 if allowed else 403)


def test_the_open_referral_api_links_only_approved_files_of_public_entries(world, provider):
    ours = provider["ours"]
    editor = world.client_for("local_offer_editor")
    post_file(editor, ours, "logo", "logo.png", samples.PNG_BYTES, alt_text="Rainbow Trust logo")
    post_file(editor, ours, "leaflet", "Swim times.pdf", samples.PDF_BYTES)
    logo, leaflet = ServiceDocument.objects.order_by("pk")
    # A provider's newer leaflet waits for approval: the API keeps the approved one.
    post_file(provider["client"], ours, "leaflet", "Draft.pdf", samples.PDF_BYTES)
    waiting = ServiceDocument.objects.latest("pk")

    service = Client().get(f"/openreferral/services/{ours.id}").json()
    assert_valid("service.json", service)
    logo_url = f"http://testserver/local-offer/services/{ours.id}/files/{logo.pk}/"
    assert service["logo"] == logo_url
    [link] = service["additional_urls"]
    assert link["url"] == f"http://testserver/local-offer/services/{ours.id}/files/{leaflet.pk}/"
    assert link["label"] == f"Leaflet: Swim times.pdf (PDF, {len(samples.PDF_BYTES)} bytes)"
    assert link["service_id"] == str(ours.id)
    row = Client().get("/openreferral/services", {"search": "Rainbow"}).json()["contents"][0]
    assert_valid("service_list.json", row)
    assert row["logo"] == logo_url and "additional_urls" not in row
    sal = Client().get(f"/openreferral/service_at_locations/{ours.at_locations.get().id}").json()
    assert sal["service"]["logo"] == logo_url
    assert sal["service"]["additional_urls"] == [link]

    image = Client().get(logo_url)
    assert image.status_code == 200 and image["Content-Type"] == "image/png"
    assert b"".join(image.streaming_content) == samples.PNG_BYTES
    assert image["X-Content-Type-Options"] == "nosniff"
    pdf = Client().get(link["url"])
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    draft = f"/local-offer/services/{ours.id}/files/{waiting.pk}/"
    assert Client().get(draft).status_code == 404  # waiting for approval
    assert "Draft.pdf" not in json.dumps(service)

    ours.status = "inactive"
    ours.save()
    assert Client().get(logo_url).status_code == 404  # the entry is no longer public
    assert Client().get(link["url"]).status_code == 404
    assert Client().get(f"/openreferral/services/{ours.id}").status_code == 404
