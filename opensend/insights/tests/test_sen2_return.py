"""The SEN2 return built from a world made through the real services (testsupport journeys)."""

import datetime as dt

import pytest

from opensend.insights.models import Sen2Collection
from opensend.insights.sen2 import build, checks, xml
from testsupport import journeys


@pytest.fixture
def collection(db):
    found = Sen2Collection.objects.get(year=2027)
    found.dmo = found.dco = found.dsco = "N"
    found.save()
    return found


def test_census_dates_are_stored_not_derived(db):
    dates = dict(Sen2Collection.objects.values_list("year", "census_date"))
    assert dates[2025] == dt.date(2025, 1, 16)
    assert dates[2026] == dt.date(2026, 1, 15)
    assert dates[2027] == dt.date(2027, 1, 21)


def test_the_xml_of_a_final_plan_validates_against_the_schema(world, collection):
    world.caseload_child.postcode = "AB1 2CD"
    world.caseload_child.save()
    journeys.final_plan(world)
    result = build.build(collection)
    document = xml.to_bytes(result.message)
    print(document.decode())
    assert xml.schema_errors(document) == []
    assert checks.problems(result) == []
