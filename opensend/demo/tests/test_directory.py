"""The demo area's Local Offer: hundreds of services across the taxonomy and districts, some
stale, some with feedback, the settings among them; the same seed gives the same rows; the Open
Referral API publishes them within the profile's schemas."""

import pytest
from django.db import transaction

from opensend.demo.directory import build_demo_directory
from opensend.directory.models import (
    Feedback,
    SearchWithoutResults,
    Service,
    ServiceChange,
    TaxonomyTerm,
)
from opensend.directory.querysets import a_year_before
from opensend.directory.tests.test_oruk_conformance import assert_valid
from testsupport.demo import TODAY, demo_area

pytestmark = pytest.mark.django_db


def _snapshot() -> list[tuple]:
    return list(
        Service.objects.order_by("name", "assured_date", "email").values_list(
            "name",
            "assured_date",
            "minimum_age",
            "maximum_age",
            "at_locations__location__postal_code",
        )
    )


def test_the_demo_local_offer(client):
    demo_area(50, stop_after="people")
    with transaction.atomic():
        made = build_demo_directory(seed=7, today=TODAY)
        first = _snapshot()
        transaction.set_rollback(True)
    assert build_demo_directory(seed=7, today=TODAY) == made
    assert _snapshot() == first  # same seed, same rows
    assert made == Service.objects.count() >= 300
    used = set(TaxonomyTerm.objects.filter(attributes__isnull=False).values_list("code", flat=True))
    for code in (
        "type-short-breaks",
        "type-activities",
        "type-salt",
        "type-ot",
        "type-physio",
        "type-sendiass",
        "type-pfa",
        "type-waiting-well",
        "type-education",
        "need-asd",
    ):
        assert code in used, code
    stale = Service.objects.stale(TODAY).count()
    assert 0.1 * made < stale < 0.5 * made
    assert Service.objects.filter(setting__isnull=False).exists()
    assert Feedback.objects.filter(kind="problem").exists()
    # A year of answers, problems dealt with and searches for the Local Offer KPIs (insights).
    assert Feedback.objects.filter(kind="problem", resolved_at__isnull=False).exists()
    assert Feedback.objects.filter(created_at__date__lt=a_year_before(TODAY)).count() == 0
    assert SearchWithoutResults.objects.count() == 24
    assert Service.objects.filter(
        name__startswith="Autism-friendly", assured_date__gte=a_year_before(TODAY)
    ).exists()
    showcase = Service.objects.get(name="Autism-friendly Saturday Swimming")
    assert showcase.leaflet is not None and showcase.leaflet.document_type == "application/pdf"
    assert showcase.logo is not None and showcase.logo.document_type == "image/png"
    assert (
        f'alt="{showcase.organization.name} logo: a white wave on blue"'
        in client.get(f"/local-offer/services/{showcase.id}/").content.decode()
    )
    assert (
        "Download the leaflet: Saturday swimming leaflet.pdf (PDF,"
        in client.get(f"/local-offer/services/{showcase.id}/").content.decode()
    )
    assert ServiceChange.objects.filter(document__isnull=False, status="pending").exists()
    page = client.get("/openreferral/services", {"per_page": 100}).json()
    assert page["total_items"] == made
    for row in page["contents"]:
        assert_valid("service_list.json", row)
    some = page["contents"][5]["id"]
    assert_valid("service.json", client.get(f"/openreferral/services/{some}").json())
    search = client.get(
        "/local-offer/", {"need": "need-asd", "age": "9", "postcode": "AT9 1AA", "miles": "5"}
    )
    assert search.status_code == 200
    assert search.context["page_obj"].paginator.count > 0
