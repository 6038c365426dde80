"""Open Referral UK 3.0 conformance: every endpoint's answers validate against the profile's
published schemas (kept in opensend/directory/oruk_schema with their source and licence),
pagination adds up, filters are honoured, and bad input is a 4xx JSON answer, never a 5xx."""

import datetime
import json
import math
from decimal import Decimal
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry
from referencing.jsonschema import DRAFT202012

from opensend.directory.models import (
    Contact,
    Funding,
    Language,
    Organization,
    Phone,
    ServiceArea,
    Taxonomy,
    TaxonomyTerm,
)
from opensend.directory.taxonomy import taxonomy_uuid, term_uuid
from testsupport.factories.directory import a_service

pytestmark = pytest.mark.django_db

SCHEMAS = Path(__file__).resolve().parents[1] / "oruk_schema"
BASE = "/openreferral"
PAGE_KEYS = {
    "total_items",
    "total_pages",
    "page_number",
    "size",
    "first_page",
    "last_page",
    "empty",
    "contents",
}


def _schema(name: str) -> dict:
    return json.loads((SCHEMAS / name).read_text())


def validator(name: str) -> Draft202012Validator:
    registry = Registry().with_resource(
        "taxonomy_term.json", DRAFT202012.create_resource(_schema("taxonomy_term.json"))
    )
    return Draft202012Validator(_schema(name), registry=registry, format_checker=FormatChecker())


def assert_valid(name: str, body: dict) -> None:
    errors = sorted(validator(name).iter_errors(body), key=lambda e: list(e.path))
    assert not errors, f"{name}: " + "; ".join(f"{list(e.path)}: {e.message}" for e in errors[:5])


@pytest.fixture
def offer():
    swim = a_service(
        name="Autism-friendly Swimming",
        terms=("need-asd", "type-activities", "age-5-11"),
        ages=(5, 16),
        district="AT9",
        days="SA",
        opens=datetime.time(10),
        closes=datetime.time(12),
        accessibility="Quiet changing room",
        phone="0121 496 0123",
        url="https://example.org/swim",
        email="swim@example.org",
        eligibility_description="Autistic children and their brothers and sisters.",
    )
    contact = Contact.objects.create(service=swim, name="Sam Jones", title="Coach")
    Phone.objects.create(contact=contact, number="0121 496 0124")
    Language.objects.create(service=swim, name="Punjabi", code="pa")
    Funding.objects.create(service=swim, source="Short breaks grant")
    ServiceArea.objects.create(service=swim, name="Anytown")
    drama = a_service(
        name="Drama club",
        terms=("need-asd", "type-activities"),
        ages=(8, 14),
        district="AT8",
        days="WE",
        opens=datetime.time(16),
        closes=datetime.time(18),
        price=Decimal("5.50"),
    )
    salt = a_service(name="Speech therapy drop-in", terms=("type-salt",), ages=(0, 18))
    return {"swim": swim, "drama": drama, "salt": salt}


def get(client, path: str, **params):
    response = client.get(f"{BASE}{path}", params)
    assert response.status_code < 500
    assert response["Access-Control-Allow-Origin"] == "*"
    return response


def ok(client, path: str, **params) -> dict:
    response = get(client, path, **params)
    assert response.status_code == 200, response.content
    assert response["ETag"]
    return response.json()


def page_of(client, path: str, item_schema: str, **params) -> dict:
    body = ok(client, path, **params)
    assert set(body) == PAGE_KEYS
    for item in body["contents"]:
        assert_valid(item_schema, item)
    return body


def ids(body: dict) -> set[str]:
    return {row["id"] for row in body["contents"]}


def test_api_details(client):
    body = ok(client, "/")
    assert body["version"] in ("HSDS-UK-3.0", "3.0")
    assert body["profile"].startswith("https://")
    assert body["openapi_url"].endswith("/api/schema/")


@pytest.mark.parametrize(
    ("path", "schema"),
    [
        ("/services", "service_list.json"),
        ("/service_at_locations", "service_at_location_list.json"),
        ("/taxonomies", "taxonomy.json"),
        ("/taxonomy_terms", "taxonomy_term.json"),
        ("/organizations", "organization_list.json"),
    ],
)
def test_every_list_validates_and_its_pages_add_up(client, offer, path, schema):
    first = page_of(client, path, schema, per_page=2)
    total = first["total_items"]
    assert total > 2
    assert first["total_pages"] == math.ceil(total / 2)
    assert first["first_page"] and not first["last_page"] and first["size"] == 2
    seen: set[str] = set()
    for n in range(1, first["total_pages"] + 1):
        body = page_of(client, path, schema, per_page=2, page=n)
        assert body["page_number"] == n
        seen |= ids(body)
    assert len(seen) == total
    past = page_of(client, path, schema, per_page=2, page=first["total_pages"] + 1)
    assert past["empty"] and past["contents"] == [] and past["size"] == 0


def test_every_detail_validates(client, offer):
    swim = offer["swim"]
    service = ok(client, f"/services/{swim.id}")
    assert_valid("service.json", service)
    assert service["phones"][0]["number"] == "0121 496 0123"  # beyond the strict profile
    assert service["languages"][0]["name"] == "Punjabi"
    assert service["eligibility_description"].startswith("Autistic")
    address = service["service_at_locations"][0]["location"]["addresses"][0]
    assert address["postal_code"] == "AT9 1AA"
    sal = swim.at_locations.get()
    at_location = ok(client, f"/service_at_locations/{sal.id}")
    assert_valid("service_at_location.json", at_location)
    # The profile's OpenAPI document (and so the validator) gives this path the service schema.
    assert_valid("service.json", at_location)
    assert at_location["name"] == "Autism-friendly Swimming"
    assert_valid("taxonomy.json", ok(client, f"/taxonomies/{taxonomy_uuid('send-needs')}"))
    term = ok(client, f"/taxonomy_terms/{term_uuid('need-asd')}")
    assert_valid("taxonomy_term.json", term)
    assert term["taxonomy"] == "SEND needs"
    org = ok(client, f"/organizations/{swim.organization_id}")
    assert_valid("organization_list.json", org)
    assert [s["name"] for s in org["services"]] == ["Autism-friendly Swimming"]


def test_filters_combine_and_are_honoured(client, offer):
    swim, drama, salt = (str(offer[k].id) for k in ("swim", "drama", "salt"))
    assert ids(ok(client, "/services", search="autism-FRIENDLY")) == {swim}
    assert ids(ok(client, "/services", taxonomy_term_id=term_uuid("need-asd"))) == {swim, drama}
    assert ids(ok(client, "/services", taxonomy_term_id=term_uuid("type-therapies"))) == {salt}
    assert ids(ok(client, "/services", taxonomy_id=taxonomy_uuid("age-groups"))) == {swim}
    assert ids(ok(client, "/services", minimum_age=5)) == {swim, drama}
    assert ids(ok(client, "/services", maximum_age=14)) == {drama}
    assert ids(ok(client, "/services", day="SA")) == {swim}
    assert ids(ok(client, "/services", day="Wednesday")) == {drama}
    assert ids(ok(client, "/services", start_time="15:00")) == {drama}
    assert ids(ok(client, "/services", end_time="12:00")) == {swim}
    assert ids(ok(client, "/services", minimum_age=5, day="WE")) == {drama}
    later = (datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=1)).isoformat()
    assert ids(ok(client, "/services", modified_after=later)) == set()


def test_postcode_and_proximity_on_service_at_locations(client, offer):
    near = ok(client, "/service_at_locations", postcode="AT9 9ZZ", proximity=5000)
    assert {row["service_id"] for row in near["contents"]} == {
        str(offer["swim"].id),
        str(offer["salt"].id),
    }
    everything = ok(client, "/service_at_locations", postcode="AT9 9ZZ")
    assert everything["contents"][-1]["service_id"] == str(offer["drama"].id)  # furthest last


@pytest.mark.parametrize(
    ("path", "params", "field"),
    [
        ("/services", {"page": "0"}, "page"),
        ("/services", {"page": "abc"}, "page"),
        ("/services", {"per_page": "1000"}, "per_page"),
        ("/services", {"taxonomy_term_id": "not-a-uuid"}, "taxonomy_term_id"),
        ("/services", {"taxonomy_id": "1"}, "taxonomy_id"),
        ("/services", {"minimum_age": "old"}, "minimum_age"),
        ("/services", {"maximum_age": "-1"}, "maximum_age"),
        ("/services", {"day": "XX"}, "day"),
        ("/services", {"start_time": "25:00"}, "start_time"),
        ("/services", {"end_time": "noon"}, "end_time"),
        ("/services", {"modified_after": "yesterday"}, "modified_after"),
        ("/service_at_locations", {"postcode": "nonsense"}, "postcode"),
        ("/service_at_locations", {"postcode": "ZZ1 1ZZ", "proximity": "10"}, "postcode"),
        ("/service_at_locations", {"proximity": "1000"}, "proximity"),
        ("/taxonomies", {"per_page": "0"}, "per_page"),
        ("/taxonomy_terms", {"taxonomy_id": "x"}, "taxonomy_id"),
        # PostgreSQL text cannot hold a NUL: found by the schema fuzzing on PostgreSQL in CI
        ("/services", {"search": "swim\x00ming"}, "search"),
        ("/service_at_locations", {"search": "\x00"}, "search"),
        ("/service_at_locations", {"postcode": "AT1\x00"}, "postcode"),
        ("/taxonomy_terms", {"search": "a\x00"}, "search"),
    ],
)
def test_bad_parameters_are_a_400_json_error(client, offer, path, params, field):
    response = get(client, path, **params)
    assert response.status_code == 400
    body = json.loads(response.content)
    assert field in body["errors"]


@pytest.mark.parametrize(
    "path",
    [
        "/services/not-a-uuid",
        "/services/00000000-0000-0000-0000-000000000000",
        "/taxonomies/00000000-0000-0000-0000-000000000000",
        "/taxonomy_terms/x",
        "/service_at_locations/x",
        "/organizations/x",
        "/no-such-endpoint",
    ],
)
def test_unknown_ids_and_paths_are_a_404_json_error(client, path):
    response = get(client, path)
    assert response.status_code == 404
    assert json.loads(response.content)["status"] == 404


def test_etags_answer_not_modified(client, offer):
    first = get(client, "/services")
    again = client.get(f"{BASE}/services", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert again["ETag"] == first["ETag"]
    assert again["Access-Control-Allow-Origin"] == "*"


def test_withdrawn_services_are_not_published(client, offer):
    offer["salt"].status = "inactive"
    offer["salt"].save()
    assert str(offer["salt"].id) not in ids(ok(client, "/services"))
    assert get(client, f"/services/{offer['salt'].id}").status_code == 404


def test_the_api_is_in_the_openapi_document(client):
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    for path in (
        "/openreferral/",
        "/openreferral/services",
        "/openreferral/services/{service_id}",
        "/openreferral/taxonomies",
        "/openreferral/taxonomy_terms/{term_id}",
        "/openreferral/service_at_locations",
        "/openreferral/service_at_locations/{sal_id}",
        "/openreferral/organizations",
    ):
        assert path in schema["paths"], path
    assert not any(p.endswith("/services/") for p in schema["paths"])


def test_taxonomy_fixture_is_whole(offer):
    assert Taxonomy.objects.count() == 3
    assert TaxonomyTerm.objects.filter(code="type-waiting-well").exists()
    assert Organization.objects.count() == 3
