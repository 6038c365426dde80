"""The API says what it does: schemathesis against /api/schema/, in process, signed in as staff.

Every operation in the schema is called with generated data (bounded: a few examples each, fixed
seed, no deadline) as an administrator who sees the whole small demo area, and every response is
checked against the schema: no 5xx, only documented statuses, content types and bodies that match
(list pages in their envelope, errors as problem details). Then every read is called once more with
the id of a record that exists, so the success bodies are checked too, not only the 404s.
"""

from importlib import import_module
from typing import Any

import pytest
import schemathesis
from django.conf import settings
from django.utils import timezone
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from opensend.wsgi import application

schema = schemathesis.openapi.from_wsgi("/api/schema/", application)

# The session the generated requests carry: made in the fixture below with this fixed key, so
# cases that schemathesis builds ahead of the test (its coverage phase) carry it too.
SESSION_KEY = "apicontract0000000000000000000000"
CSRF_TOKEN = "c" * 32  # DRF's session authentication checks CSRF on writes


SIGNED_IN: dict[str, Any] = {
    "cookies": {"sessionid": SESSION_KEY, "csrftoken": CSRF_TOKEN},
    "headers": {"X-CSRFToken": CSRF_TOKEN},
}


@schema.auth()
class StaffSession:
    def get(self, case: Any, context: Any) -> str:
        return SESSION_KEY

    def set(self, case: Any, data: str, context: Any) -> None:
        case.cookies = {**(case.cookies or {}), "sessionid": data, "csrftoken": CSRF_TOKEN}
        case.headers = {**(case.headers or {}), "X-CSRFToken": CSRF_TOKEN}


@pytest.fixture(autouse=True)
def _keep_the_test_connection() -> Any:
    """Calling the WSGI app directly sends request_started/finished, whose handler closes the
    database connection; on PostgreSQL that is the test's own transaction. Django's test client
    disconnects it for the same reason, so we do too while these tests run."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def staff_session(world: Any) -> Any:
    """A small demo area, and the administrator's session stored under SESSION_KEY."""
    from opensend.demo.generator import build_demo_area

    build_demo_area(children=50, seed=1, today=timezone.localdate(), progress=False)
    _one_complaint_and_mediation(world.users["admin"])
    client = world.client_for("admin")
    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store.update(dict(client.session.items()))
    store._session_key = SESSION_KEY  # the validating setter: a new session under our key
    store.save(must_create=True)
    return world


def _one_complaint_and_mediation(admin: Any) -> None:
    """The smallest demo area has no complaint or mediation case: add one of each."""
    from opensend.disputes import services
    from opensend.people.models import Child

    child = Child.objects.order_by("pk").first()
    today = timezone.localdate()
    services.complaint_create(
        actor=admin,
        summary="The letter came late.",
        complainant_name="A parent",
        child=child,
        received_on=today,
    )
    services.mediation_create(
        actor=admin,
        child=child,
        decision_notice_on=today,
        about="The decision not to assess",
        today=today,
    )


@schema.parametrize()
@hypothesis_settings(
    max_examples=8,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_every_operation_matches_the_schema(case: Any, staff_session: Any) -> None:
    # Not `positive_data_acceptance`: a schema cannot say that an id must exist or that a UPN's
    # check letter must be right, so a 400 for schema-shaped data is still the right answer.
    case.call_and_validate(excluded_checks=[positive_data_acceptance])


# One real record of each kind, for the reads: (path template, parameter, how to find an id).
def _real_ids() -> dict[str, tuple[str, int]]:
    from opensend.casework.models import AdviceRequest, AssessmentRequest
    from opensend.directory.models import (
        Organization,
        Service,
        ServiceAtLocation,
        Taxonomy,
        TaxonomyTerm,
    )
    from opensend.disputes.models import Appeal, Complaint, MediationCase
    from opensend.people.models import Child, Setting
    from opensend.plans.models import EHCPlan
    from opensend.reviews.models import Amendment, AnnualReview, Cessation, PhaseTransfer

    def first(model: Any) -> int | None:
        return model.objects.order_by("pk").values_list("pk", flat=True).first()

    def uuid_of(model: Any) -> Any:
        pk = model.objects.order_by("pk").values_list("pk", flat=True).first()
        return None if pk is None else str(pk)

    found = {
        "/api/v1/children/{child_id}/": ("child_id", first(Child)),
        "/api/v1/children/{child_id}/family-members/": ("child_id", first(Child)),
        "/api/v1/settings/{setting_id}/": ("setting_id", first(Setting)),
        "/api/v1/requests/{request_id}/": ("request_id", first(AssessmentRequest)),
        "/api/v1/requests/{request_id}/timeline/": ("request_id", first(AssessmentRequest)),
        "/api/v1/complaints/{complaint_id}/": ("complaint_id", first(Complaint)),
        "/api/v1/mediation-cases/{mediation_id}/": ("mediation_id", first(MediationCase)),
        "/api/v1/appeals/{appeal_id}/": ("appeal_id", first(Appeal)),
        "/api/v1/plans/{plan_id}/": ("plan_id", first(EHCPlan)),
        "/api/v1/reviews/{review_id}/": ("review_id", first(AnnualReview)),
        "/api/v1/amendments/{amendment_id}/": ("amendment_id", first(Amendment)),
        "/api/v1/cessations/{cessation_id}/": ("cessation_id", first(Cessation)),
        "/api/v1/phase-transfers/{transfer_id}/": ("transfer_id", first(PhaseTransfer)),
        # The Local Offer's Open Referral UK API (public; its ids are UUIDs).
        "/openreferral/services/{service_id}": ("service_id", uuid_of(Service)),
        "/openreferral/service_at_locations/{sal_id}": ("sal_id", uuid_of(ServiceAtLocation)),
        "/openreferral/taxonomies/{taxonomy_id}": ("taxonomy_id", uuid_of(Taxonomy)),
        "/openreferral/taxonomy_terms/{term_id}": ("term_id", uuid_of(TaxonomyTerm)),
        "/openreferral/organizations/{organization_id}": (
            "organization_id",
            uuid_of(Organization),
        ),
    }
    assert AdviceRequest.objects.exists()
    return {path: (name, pk) for path, (name, pk) in found.items() if pk is not None}


def test_every_read_of_a_real_record_matches_the_schema(staff_session: Any) -> None:
    reads = _real_ids()
    documented = {
        path
        for path, methods in schema.raw_schema["paths"].items()
        if "{" in path and "get" in methods
    }
    assert documented == set(reads), "a read with an id is missing here, or has no demo record"
    for path, (name, pk) in reads.items():
        case = schema[path]["GET"].Case(path_parameters={name: pk}, **SIGNED_IN)
        response = case.call_and_validate()
        assert response.status_code == 200, (path, response.text[:300])
    for path in [p for p, methods in schema.raw_schema["paths"].items() if "{" not in p]:
        if "get" not in schema.raw_schema["paths"][path]:
            continue
        case = schema[path]["GET"].Case(**SIGNED_IN)
        response = case.call_and_validate()
        assert response.status_code in (200, 403), (path, response.text[:300])


def test_a_list_is_described_as_the_page_it_is(staff_session: Any) -> None:
    operation = schema.raw_schema["paths"]["/api/v1/children/"]["get"]
    assert "page" in {p["name"] for p in operation["parameters"]}
    ok = operation["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]
    envelope = schema.raw_schema["components"]["schemas"][ok.rsplit("/", 1)[1]]
    assert set(envelope["properties"]) == {"count", "next", "previous", "results"}
    for status in ("403", "404", "400"):
        assert "application/problem+json" in operation["responses"][status]["content"]


def test_not_signed_in_is_a_403_problem_that_says_so(client: Any, db: None) -> None:
    response = client.get("/api/v1/children/")
    assert response.status_code == 403
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["title"] == "You need to sign in"
