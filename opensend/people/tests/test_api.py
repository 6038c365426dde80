"""The /api/v1/ people endpoints: same rules as the pages, problem details on error."""

import pytest

from opensend.audit.models import AuditEvent
from opensend.people.identifiers import make_upn
from opensend.people.models import Child

pytestmark = pytest.mark.django_db


def new_child(**overrides):
    data = {
        "given_name": "Api",
        "family_name": "Created",
        "date_of_birth": "2014-02-10",
        "upn": make_upn("999", "2001", 14, 3),
        "primary_need": "ASD",
    }
    data.update(overrides)
    return data


def test_create_then_read_with_nc_year(world):
    client = world.client_for("caseworker")
    response = client.post("/api/v1/children/", new_child(), content_type="application/json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["family_name"] == "Created" and isinstance(body["nc_year"], int)
    assert AuditEvent.objects.filter(child_id=body["id"], action="create").exists()


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"upn": "B123456789012"}, "upn"),
        ({"date_of_birth": "2999-01-01"}, "date_of_birth"),
        ({"date_of_birth": "1950-01-01"}, "date_of_birth"),
        ({"date_of_birth": "not a date"}, "date_of_birth"),
        ({"nhs_number": "1234567890"}, "nhs_number"),
        ({"sex": "Q"}, "sex"),
        ({"caseworker": 10**12}, "caseworker"),
    ],
)
def test_bad_input_is_a_problem_document(world, overrides, field):
    client = world.client_for("caseworker")
    response = client.post(
        "/api/v1/children/", new_child(**overrides), content_type="application/json"
    )
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    problem = response.json()
    assert problem["status"] == 400 and field in problem["errors"]
    assert not Child.objects.filter(family_name="Created").exists()


def test_malformed_json_is_a_400(world):
    client = world.client_for("caseworker")
    response = client.post("/api/v1/children/", "{not json", content_type="application/json")
    assert response.status_code == 400
    assert response.json()["title"] == "Your request has a problem"


def test_patch_validates_and_audits(world):
    client = world.client_for("caseworker")
    url = f"/api/v1/children/{world.caseload_child.pk}/"
    bad = client.patch(url, {"date_of_birth": "2999-01-01"}, content_type="application/json")
    assert bad.status_code == 400
    good = client.patch(url, {"preferred_name": "Jay"}, content_type="application/json")
    assert good.status_code == 200 and good.json()["preferred_name"] == "Jay"
    assert AuditEvent.objects.filter(child_id=world.caseload_child.pk, action="update").exists()


def test_senco_cannot_create_or_change(world):
    client = world.client_for("senco")
    assert (
        client.post("/api/v1/children/", new_child(), content_type="application/json").status_code
        == 403
    )
    url = f"/api/v1/children/{world.caseload_child.pk}/"
    assert (
        client.patch(url, {"given_name": "X"}, content_type="application/json").status_code == 403
    )


def test_family_members_endpoint(world):
    client = world.client_for("caseworker")
    url = f"/api/v1/children/{world.caseload_child.pk}/family-members/"
    created = client.post(
        url,
        {
            "given_name": "Pat",
            "family_name": "Carer",
            "relationship": "foster_carer",
            "preferred_channel": "letter",
            "accessible_format": "large_print",
        },
        content_type="application/json",
    )
    assert created.status_code == 201
    rows = client.get(url).json()
    assert (
        rows[0]["relationship"] == "foster_carer" and rows[0]["accessible_format"] == "large_print"
    )
    parent = world.client_for("parent")
    assert parent.get(url).status_code == 404


def test_settings_endpoint_and_filters(world):
    client = world.client_for("senco")
    listed = client.get("/api/v1/settings/", {"kind": "mainstream"}).json()
    assert listed["count"] >= 2
    detail = client.get(f"/api/v1/settings/{world.setting.pk}/")
    assert detail.json()["urn"] == world.setting.urn
    assert client.get("/api/v1/settings/999999/").status_code == 404
    assert world.client_for("parent").get("/api/v1/settings/").status_code == 403


def test_unknown_api_url_is_json(world):
    response = world.client_for("caseworker").get("/api/v1/nothing-here/")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"


def test_schema_and_docs_are_served(world):
    client = world.client_for("caseworker")
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert schema.status_code == 200
    paths = schema.json()["paths"]
    assert "/api/v1/children/" in paths and "/api/v1/settings/{setting_id}/" in paths
    assert client.get("/api/docs/").status_code == 200
