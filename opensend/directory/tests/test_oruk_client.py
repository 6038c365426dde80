"""The independent Open Referral UK client (testsupport/oruk_client.py, written from the published
profile and the validator's behaviour, importing nothing of OpenSEND) run against the demo area's
Local Offer API; and that it catches what a wrong API would get wrong."""

import datetime
import re
from urllib.parse import urlsplit

import pytest

from opensend.demo.directory import build_demo_directory
from testsupport.demo import TODAY
from testsupport.factories.directory import a_service
from testsupport.oruk_client import Answer, check, profile_version

pytestmark = pytest.mark.django_db
BASE = "http://testserver/openreferral"


def django_fetch(client, change=None):
    """The client's `fetch` through the Django test client (no network); `change` alters an
    answer's JSON body, to show the client notices."""

    def fetch(url: str) -> Answer:
        parts = urlsplit(url)
        response = client.get(f"{parts.path}?{parts.query}" if parts.query else parts.path)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        headers = {name.lower(): value for name, value in response.items()}
        if change is not None and headers.get("content-type", "").endswith("json"):
            body = change(parts.path, body)
        return Answer(response.status_code, headers, body)

    return fetch


def test_the_demo_areas_api_passes_the_independent_client(client):
    made = build_demo_directory(seed=7, today=TODAY)  # the demo area's Local Offer stage
    # Every page of /services; the first 40 of each `{id}` endpoint (all of them from the
    # command line, scripts/oruk_check.py), to keep the test quick.
    report = check(BASE, django_fetch(client), details=40)
    assert report.ok, report.text()
    assert report.checked["/services/{id} opened"] == 40
    assert report.checked["/service_at_locations/{id} opened"] == 40
    assert report.checked["/taxonomy_terms/{id} opened"] == 30
    assert report.checked["pages"] > made // 50
    assert report.checked["filter checks"] > 50
    assert report.checked["bad requests"] == 10


@pytest.fixture
def small_directory():
    for n, district in enumerate(("AT9", "AT8", "AT1")):
        a_service(
            name=f"Saturday club {n}",
            terms=("need-asd", "type-activities"),
            ages=(5 + n, 16),
            district=district,
            days="SA",
            opens=datetime.time(10),
            closes=datetime.time(12),
        )


def test_the_client_notices_a_page_that_does_not_add_up(client, small_directory):
    def wrong_total(path: str, body: bytes) -> bytes:
        return re.sub(rb'"total_pages":\d+', b'"total_pages":7', body)

    report = check(BASE, django_fetch(client, wrong_total), details=2)
    assert any("total_pages is 7, expected" in p for p in report.problems), report.text()


def test_the_client_notices_an_answer_outside_the_schema(client, small_directory):
    def no_status(path: str, body: bytes) -> bytes:
        return body.replace(b'"status":"active"', b'"status":7') if "/services/" in path else body

    report = check(BASE, django_fetch(client, no_status), details=2)
    assert any("['status']: 7 is not of type 'string'" in p for p in report.problems)


@pytest.mark.parametrize(
    ("raw", "version"),
    [("HSDS-UK-3.0", 3.0), ("3.0", 3.0), ("V3", 3.0), ("hsds-uk-1.0", 1.0), ("three", None)],
)
def test_the_version_is_read_as_the_validator_reads_it(raw, version):
    assert profile_version(raw) == version
