"""Every role against every journey page and API endpoint (GET), on a case they may or may not see."""

import pytest
from django.urls import reverse

from testsupport.journeys import assessing_case
from testsupport.roles import FAMILY, ROLES, SENAR, assert_api_access

pytestmark = pytest.mark.django_db
ADVISERS = {"health", "social_care", "educational_psychologist", "senco"}
# Health was asked; the SENCO's setting has the child on roll; SENAR staff hold the case.
ADVICE_READERS = {"health", "senco", "caseworker", "team_manager", "admin"}


@pytest.fixture
def case(world):
    """A family's request, decided to assess, with health asked for advice: (case, advice)."""
    return assessing_case(world)


def _expected(role, url_kind):
    if url_kind == "senar":
        return 200 if role in SENAR else 403
    if url_kind == "manager":
        return 200 if role in {"team_manager", "admin"} else 403
    if url_kind == "advice_list":
        return 200 if role in ADVISERS else 403
    if url_kind == "advice_detail":  # the organisation asked, and everyone who may see the child
        return 200 if role in ADVICE_READERS else 404
    if url_kind == "advice_correct":  # only the organisation asked, and only once submitted
        return 404 if role in ADVISERS else 403
    if url_kind == "advice_withdraw":
        return 200 if role in SENAR else 403
    if url_kind == "request_form":  # anyone who may ask and may see the child; 404 otherwise
        return 200 if role in SENAR | {"senco"} else 403 if role not in FAMILY else 404
    if url_kind == "inbox":  # everyone has their own (families' alerts come with the portal)
        return 200
    raise AssertionError(url_kind)


@pytest.mark.parametrize("role", ROLES)
def test_pages(world, case, role):
    case, advice = case
    client = world.client_for(role)
    urls = {
        reverse("portal:caseload"): "senar",
        reverse("portal:team"): "manager",
        reverse("casework:panel_list"): "senar",
        reverse("casework:case_detail", args=[case.pk]): "senar",
        reverse("casework:decide_issue", args=[case.pk]): "senar",
        reverse("casework:advice_request_create", args=[case.pk]): "senar",
        reverse("casework:exception_create", args=[case.pk]): "senar",
        reverse("casework:family_views", args=[case.pk]): "senar",
        reverse("casework:withdraw", args=[case.pk]): "senar",
        reverse("casework:advice_list"): "advice_list",
        reverse("casework:advice_detail", args=[advice.pk]): "advice_detail",
        reverse("casework:advice_correct", args=[advice.pk]): "advice_correct",
        reverse("casework:advice_withdraw", args=[advice.pk]): "advice_withdraw",
        reverse("casework:advice_request_all", args=[case.pk]): "senar",
        reverse("casework:request_create", args=[case.child_id]): "request_form",
        reverse("notify:inbox"): "inbox",
    }
    for url, kind in urls.items():
        assert client.get(url).status_code == _expected(role, kind), (role, url)


@pytest.mark.parametrize("role", ROLES)
def test_api(world, case, role):
    case, advice = case
    client = world.client_for(role)
    senar_urls = [
        "/api/v1/requests/",
        f"/api/v1/requests/{case.pk}/",
        f"/api/v1/requests/{case.pk}/timeline/",
    ]
    assert_api_access(client, role, senar_urls, allowed=role in SENAR)
    advice_list = client.get("/api/v1/advice-requests/")
    assert advice_list.status_code == (200 if role in ADVISERS else 403), role
    if role in ADVISERS:
        ids = [row["id"] for row in advice_list.json()["results"]]
        assert ids == ([advice.pk] if role == "health" else [])


def test_a_caseworker_in_another_team_gets_404(world, case):
    case, _ = case
    client = world.client_for_other_team()
    assert client.get(reverse("casework:case_detail", args=[case.pk])).status_code == 404
    assert client.get(f"/api/v1/requests/{case.pk}/").status_code == 404
    assert client.post(reverse("casework:decide_issue", args=[case.pk]), {}).status_code == 404
