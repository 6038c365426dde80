"""Nothing personal in a cache (issue 10, item 4): every signed-in page, every API response and
every PDF says `Cache-Control: no-store, private`; static files keep their own caching."""

import pytest
from django.urls import reverse

from testsupport.transfers import final_plan

pytestmark = pytest.mark.django_db


def _no_store(response):
    return set(response["Cache-Control"].replace(" ", "").split(",")) >= {"no-store", "private"}


def test_a_child_page_is_not_stored(world):
    response = world.client_for("caseworker").get(
        reverse("people:child_detail", args=[world.caseload_child.pk])
    )
    assert response.status_code == 200
    assert _no_store(response)


def test_the_api_is_not_stored(world):
    client = world.client_for("caseworker")
    for url in ("/api/v1/children/", "/api/v1/plans/"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert _no_store(response), url


def test_an_api_error_is_not_stored(client):
    response = client.get("/api/v1/children/")
    assert response.status_code == 403
    assert _no_store(response)


def test_a_plan_pdf_is_not_stored(world):
    plan = final_plan(world.caseload_child, named_setting=world.setting)
    response = world.client_for("caseworker").get(reverse("plans:pdf", args=[plan.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/pdf")
    assert _no_store(response)


def test_the_sign_in_page_is_not_stored(client):
    assert _no_store(client.get(reverse("accounts:login")))
