"""Importing a directory from an Open Referral UK feed or a CSV file: a dry run that writes
nothing and says row by row what would happen, then an atomic, audited import that keeps where
each entry came from and never silently overwrites an entry changed here since."""

import csv
import io
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from opensend.accounts.roles import OrganisationKind, Role
from opensend.audit.models import AuditEvent
from opensend.directory import import_services, oruk
from opensend.directory.models import (
    ImportRun,
    Location,
    Organization,
    Phone,
    Service,
    ServiceChange,
)
from opensend.directory.services import taxonomy_ensure
from testsupport.factories.accounts import OrganisationFactory, sign_in_fully, staff_member
from testsupport.factories.directory import a_service
from testsupport.factories.people import SettingFactory
from testsupport.roles import ROLES

pytestmark = pytest.mark.django_db

IMPORT = reverse("directory:import")


def feed_entry(**fields) -> dict:
    """A service as our own /openreferral/services/{id} publishes it."""
    return {
        "id": "0b6f3a52-1c3e-4a59-9d1c-0d6d7f1e9a01",
        "name": "Sensory Sundays",
        "description": "A quiet sensory session.",
        "organization": {"id": "5d7f1f4c-2a1e-4c59-8a8f-0b1c2d3e4f50", "name": "Calm Charity"},
        "minimum_age": 4,
        "maximum_age": 11,
        "email": "hello@calm.example.org",
        "last_modified": "2026-11-01T09:00:00+00:00",
        "phones": [{"id": "x", "number": "01632 960 123"}],
        "schedules": [{"byday": "SU", "opens_at": "10:00", "closes_at": "12:00"}],
        "cost_options": [{"amount": 0}],
        "attributes": [{"taxonomy_term_id": "unknown", "taxonomy_term": {"id": "unknown"}}],
        "service_at_locations": [
            {
                "location": {
                    "name": "Calm Centre",
                    "latitude": 52.1,
                    "longitude": -1.2,
                    "addresses": [{"address_1": "2 Quiet Lane", "postal_code": "AT3 1AB"}],
                }
            }
        ],
        **fields,
    }


def upload(name: str, content: str | bytes) -> SimpleUploadedFile:
    data = content.encode() if isinstance(content, str) else content
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


def check(client: Client, name: str, content: str | bytes, **extra):
    return client.post(IMPORT, {"source": "file", "file": upload(name, content), **extra})


def snapshot() -> tuple[int, ...]:
    return (
        Service.objects.count(),
        Organization.objects.count(),
        Location.objects.count(),
        Phone.objects.count(),
        AuditEvent.objects.count(),
    )


def test_the_dry_run_shows_what_would_happen_and_writes_nothing(world):
    taxonomy_ensure()
    editor = world.client_for("local_offer_editor")
    ours = a_service(name="Rainbow Swimming")
    feed = [
        feed_entry(),
        feed_entry(id=str(ours.id), name="Rainbow Swimming", description="New words."),
        feed_entry(id="bad-1", name="", email="not an email", minimum_age=12, maximum_age=5),
    ]
    before = snapshot()
    response = check(editor, "feed.json", json.dumps(feed))
    assert response.status_code == 302
    assert snapshot() == before  # nothing in the directory changed
    page = editor.get(response["Location"]).content.decode()
    assert "What this import would do" in page and "Nothing has been changed yet" in page
    assert "Sensory Sundays" in page
    assert "It has no name" in page and "Its email address is not valid" in page
    assert "Its youngest age (12) is above its oldest age (5)" in page
    assert "A need or type of help we do not use was left out: unknown" in page
    run = ImportRun.objects.get()
    assert run.report["counts"] == {
        "create": 1,
        "update": 0,
        "conflict": 1,  # ours was made here and is newer than the feed's version
        "reject": 1,
        "unchanged": 0,
    }


def test_the_import_writes_all_new_and_changed_entries_with_where_they_came_from(world):
    taxonomy_ensure()
    editor = world.client_for("local_offer_editor")
    run_page = check(editor, "calm.json", json.dumps({"contents": [feed_entry()]}))["Location"]
    run = ImportRun.objects.get()
    confirmed = editor.post(reverse("directory:import_confirm", args=[run.pk]))
    assert confirmed.status_code == 302
    assert "1 new, 0 updated" in editor.get(run_page).content.decode()
    service = Service.objects.get(name="Sensory Sundays")
    assert str(service.id) == "0b6f3a52-1c3e-4a59-9d1c-0d6d7f1e9a01"  # the feed's id is kept
    assert service.organization.name == "Calm Charity"
    assert (service.minimum_age, service.maximum_age) == (4, 11)
    assert service.import_run == run and service.source_ref == str(service.id)
    assert service.imported_at == service.last_modified
    assert [p.number for p in service.phones.all()] == ["01632 960 123"]
    assert service.schedules.get().byday == "SU"
    assert service.at_locations.get().location.postal_code == "AT3 1AB"
    assert AuditEvent.objects.filter(object_id=str(service.id), action="create").exists()
    entry_page = editor.get(reverse("directory:service_edit", args=[service.id])).content.decode()
    assert f'Imported from <a class="govuk-link" href="{run_page}">calm.json</a>' in entry_page
    run.refresh_from_db()
    assert run.status == "imported" and run.run_by == world.users["local_offer_editor"]
    # The same run cannot be imported twice.
    again = editor.post(reverse("directory:import_confirm", args=[run.pk]), follow=True)
    assert "This file has already been imported" in again.content.decode()
    assert Service.objects.filter(name="Sensory Sundays").count() == 1


def _import(editor: Client, entries: list[dict], **extra) -> ImportRun:
    assert check(editor, "feed.json", json.dumps(entries), **extra).status_code == 302
    run = ImportRun.objects.latest("pk")
    editor.post(reverse("directory:import_confirm", args=[run.pk]))
    run.refresh_from_db()
    return run


def test_an_entry_changed_here_since_it_was_imported_is_a_conflict_not_overwritten(world):
    taxonomy_ensure()
    editor = world.client_for("local_offer_editor")
    _import(editor, [feed_entry()])
    # Re-importing the same feed changes nothing.
    assert _import(editor, [feed_entry()]).report["counts"]["unchanged"] == 1
    service = Service.objects.get(name="Sensory Sundays")
    service.description = "Corrected here by the council."
    service.save()
    newer_feed = [feed_entry(description="The feed's new words.")]
    run = _import(editor, newer_feed)
    assert run.report["counts"]["conflict"] == 1
    service.refresh_from_db()
    assert service.description == "Corrected here by the council."
    page = editor.get(reverse("directory:import_run", args=[run.pk])).content.decode()
    assert "Changed here since: not updated" in page
    assert "since it was imported" in page
    assert "Corrected here by the council." in page and "The feed&#x27;s new words." in page
    # Asked to, the import replaces the local change, and says so.
    replaced = _import(editor, newer_feed, replace_local_changes="on")
    assert replaced.report["counts"]["update"] == 1
    assert "the change made here will be replaced" in replaced.report["rows"][0]["reasons"][0]
    service.refresh_from_db()
    assert service.description == "The feed's new words."


def test_a_providers_waiting_change_is_a_conflict(world):
    taxonomy_ensure()
    editor = world.client_for("local_offer_editor")
    _import(editor, [feed_entry()])
    service = Service.objects.get(name="Sensory Sundays")
    ServiceChange.objects.create(
        service=service, before={}, proposed={"name": "x"}, proposed_by=world.users["admin"]
    )
    run = _import(editor, [feed_entry(description="Other words.")])
    assert run.report["rows"][0]["reasons"] == [
        "A provider's change to this entry is waiting for approval",
        "A need or type of help we do not use was left out: unknown",
    ]


def test_a_csv_download_imports_back_and_its_edits_are_updates(world):
    taxonomy_ensure()
    editor = world.client_for("local_offer_editor")
    a_service(name="Rainbow Swimming", ages=(5, 16), phone="01632 960 000", terms=("need-asd",))
    a_service(name="Tea Club")
    exported = editor.get(reverse("directory:export_csv")).content.decode()
    assert check(editor, "local-offer.csv", exported).status_code == 302
    assert ImportRun.objects.get().report["counts"]["unchanged"] == 2
    rows = list(csv.DictReader(io.StringIO(exported)))
    rows[0]["maximum age"] = "18"
    rows.append({**rows[1], "id": "", "name": "New Club", "email": "bad"})
    rows.append({**rows[1], "id": "", "name": "Brand New Club"})
    rows.append({**rows[1], "id": "", "name": "Far Club", "postcode": "ZZ9 9ZZ"})
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    assert check(editor, "edited.csv", buffer.getvalue()).status_code == 302
    run = ImportRun.objects.latest("pk")
    assert run.report["counts"] == {
        "create": 2,
        "update": 1,
        "conflict": 0,
        "reject": 1,
        "unchanged": 1,
    }
    far = next(r for r in run.report["rows"] if r["name"] == "Far Club")
    assert "Its postcode ZZ9 9ZZ is not one we can place" in far["reasons"][0]
    editor.post(reverse("directory:import_confirm", args=[run.pk]))
    assert Service.objects.get(name="Rainbow Swimming").maximum_age == 18
    assert Service.objects.get(name="Rainbow Swimming").attributes.count() == 1
    new_place = Service.objects.get(name="Brand New Club").at_locations.get().location
    assert new_place.postal_code == "AT9 1AA" and new_place.latitude is not None  # placed
    assert not Service.objects.filter(name="New Club").exists()


def test_the_import_is_all_or_nothing(world, monkeypatch):
    taxonomy_ensure()
    editor = world.client_for("local_offer_editor")
    second = feed_entry(id="1d2e3f40-0000-4000-8000-000000000002", name="Second")
    check(editor, "feed.json", json.dumps([feed_entry(), second]))
    run = ImportRun.objects.get()
    calls = []
    real = import_services._write_related

    def fail_on_second(service, row):
        calls.append(service)
        if len(calls) == 2:
            raise RuntimeError("the disk is full")
        real(service, row)

    monkeypatch.setattr(import_services, "_write_related", fail_on_second)
    before = snapshot()
    with pytest.raises(RuntimeError):
        import_services.import_apply(actor=world.users["local_offer_editor"], run=run)
    assert snapshot() == before
    run.refresh_from_db()
    assert run.status == "checked"


def test_entries_from_settings_and_twice_in_the_file_are_rejected(world):
    taxonomy_ensure()
    editor = world.client_for("local_offer_editor")
    school = a_service(name="Anytown School", setting=SettingFactory())
    entries = [
        feed_entry(id=str(school.id), name="Anytown School", description="x"),
        feed_entry(),
        feed_entry(),
    ]
    check(editor, "feed.json", json.dumps(entries))
    reasons = [r["reasons"] for r in ImportRun.objects.get().report["rows"]]
    assert "change it there" in reasons[0][0]
    assert reasons[2][0] == "It is in the file twice (also Entry 2)"


def test_values_an_entry_cannot_hold_are_reasons_not_errors_later(world):
    editor = world.client_for("local_offer_editor")
    long_url = "https://example.org/" + "a" * 300
    run = _import(
        editor,
        [
            feed_entry(url=long_url),
            feed_entry(id="", name="Dear", cost_options=[{"amount": 10_000_000}]),
            feed_entry(id="", name="Odd", cost_options=[{"amount": "-1"}]),
            feed_entry(id="", name="Forever", minimum_age="Infinity"),
            feed_entry(id="", name="Never", assured_date="2026-13-45"),
        ],
    )
    assert run.report["counts"]["reject"] == 5
    reasons = [r["reasons"][0] for r in run.report["rows"]]
    assert reasons[0] == "Its website is longer than 200 characters"
    assert reasons[1] == "A cost is not an amount of pounds: 10000000"
    assert reasons[2] == "A cost is not an amount of pounds: -1"
    assert reasons[3] == "Its youngest age is not a number: Infinity"
    assert reasons[4] == "Its last checked date is not a date like 2026-03-31: 2026-13-45"
    assert not Service.objects.exists()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("feed.json", "{not json", "The file is not valid JSON (line 1, column 2)"),
        ("feed.json", '{"hello": 1}', "This is not an Open Referral UK feed"),
        ("feed.json", "[]", "The file has no entries in it"),
        ("list.csv", "title,place\nA,B\n", "it needs &#x27;name&#x27;, &#x27;organisation&#x27;"),
        ("list.csv", b"name\xff\xfe", "The file must be saved as UTF-8 text"),
        ("list.csv", "   ", "The selected file is empty"),
        ("list.csv", "name,organisation,description\nA\x00,B,C\n", "has a NUL character"),
        ("feed.json", "[" * 200_000, "nested too deeply"),
    ],
)
def test_a_bad_file_is_a_clear_400_and_nothing_is_written(world, name, content, message):
    editor = world.client_for("local_offer_editor")
    before = snapshot()
    response = check(editor, name, content)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert snapshot() == before and not ImportRun.objects.exists()


def test_an_escaped_nul_in_a_feed_is_dropped(world):
    editor = world.client_for("local_offer_editor")
    _import(editor, [feed_entry(name="Sensory\u0000 Sundays")])
    assert Service.objects.filter(name="Sensory Sundays").exists()


def test_no_file_chosen(world):
    response = world.client_for("local_offer_editor").post(IMPORT, {"source": "file"})
    assert response.status_code == 400
    assert "Select a file to import" in response.content.decode()


@pytest.mark.parametrize("role", ROLES)
def test_only_council_editors_import(world, role):
    allowed = role in ("local_offer_editor", "admin")
    client = world.client_for(role)
    assert client.get(IMPORT).status_code == (200 if allowed else 403)


def test_providers_cannot_import_even_for_their_own_organisation(world):
    taxonomy_ensure()
    provider = OrganisationFactory(name="Calm Charity", kind=OrganisationKind.PROVIDER)
    user = staff_member(provider, Role.LOCAL_OFFER_EDITOR)
    client = sign_in_fully(Client(), user)
    assert client.get(IMPORT).status_code == 403
    assert check(client, "feed.json", json.dumps([feed_entry()])).status_code == 403
    editor_run = import_services.import_check(
        actor=world.users["local_offer_editor"], kind="oruk", source="f", text="[{}]"
    )
    assert client.get(reverse("directory:import_run", args=[editor_run.pk])).status_code == 403
    confirm = client.post(reverse("directory:import_confirm", args=[editor_run.pk]))
    assert confirm.status_code == 403
    manage = client.get(reverse("directory:manage")).content.decode()
    assert IMPORT not in manage
    assert (
        IMPORT
        in world.client_for("local_offer_editor").get(reverse("directory:manage")).content.decode()
    )


class _Feed(BaseHTTPRequestHandler):
    pages: dict[str, dict] = {}

    def do_GET(self):
        body = self.pages.get(self.path)
        self.send_response(200 if body is not None else 404)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(json.dumps(body or {"error": "not found"}).encode())

    def log_message(self, *args):
        pass


@pytest.fixture
def local_feed():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Feed)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def test_the_configured_feed_is_read_page_by_page_with_each_service_in_full(
    world, settings, local_feed
):
    taxonomy_ensure()
    source = a_service(name="Feed Swimming", ages=(5, 16), days="SA", terms=("need-asd",))
    full, row = oruk.service_full(source), oruk.service_row(source)
    Service.objects.filter(pk=source.pk).delete()
    base = f"http://127.0.0.1:{local_feed.server_port}/openreferral"
    page = {"contents": [row], "page_number": 1, "last_page": True, "total_items": 1}
    _Feed.pages = {
        "/openreferral/services?page=1&per_page=50": page,
        f"/openreferral/services/{source.id}": full,
    }
    settings.OPENSEND_DIRECTORY_FEED_URL = base
    editor = world.client_for("local_offer_editor")
    form = editor.get(IMPORT).content.decode()
    assert f"The Open Referral UK feed at {base}" in form
    assert editor.post(IMPORT, {"source": "feed"}).status_code == 302
    run = ImportRun.objects.get()
    assert run.source == base and run.report["counts"]["create"] == 1
    editor.post(reverse("directory:import_confirm", args=[run.pk]))
    imported = Service.objects.get(name="Feed Swimming")
    assert imported.id == source.id
    assert imported.attributes.get().taxonomy_term.code == "need-asd"
    assert imported.schedules.get().byday == "SA"

    settings.OPENSEND_DIRECTORY_FEED_URL = f"http://127.0.0.1:{local_feed.server_port}/gone"
    broken = editor.post(IMPORT, {"source": "feed"})
    assert broken.status_code == 400
    assert "The feed could not be read" in broken.content.decode()


def test_the_command_is_a_dry_run_unless_applied(world, tmp_path):
    taxonomy_ensure()
    path = tmp_path / "feed.json"
    path.write_text(json.dumps([feed_entry()]))
    out = io.StringIO()
    before = snapshot()
    call_command("directory_import", str(path), stdout=out)
    assert "Dry run, nothing written" in out.getvalue() and "New entries: 1" in out.getvalue()
    assert snapshot() == before
    with pytest.raises(CommandError, match="--by"):
        call_command("directory_import", str(path), "--apply")
    with pytest.raises(CommandError, match="not a council Local Offer editor"):
        call_command(
            "directory_import", str(path), "--apply", "--by", "caseworker@test.opensend.test"
        )
    bad = tmp_path / "bad.json"
    bad.write_text("[")
    with pytest.raises(CommandError, match="not valid JSON"):
        call_command("directory_import", str(bad))
    call_command(
        "directory_import",
        str(path),
        "--apply",
        "--by",
        "local_offer_editor@test.opensend.test",
        stdout=out,
    )
    assert Service.objects.get(name="Sensory Sundays").import_run.source == str(path)
