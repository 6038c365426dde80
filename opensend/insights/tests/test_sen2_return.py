"""The SEN2 return built from a world made through the real services (testsupport journeys)."""

import datetime as dt

import pytest
from django.core.management import CommandError, call_command
from lxml import etree

from opensend.insights.models import Sen2Collection
from opensend.insights.sen2 import build, checks, tables, xml
from opensend.people.models import Child
from opensend.plans.models import PlacementType, PlanStatus
from opensend.reviews.models import Cessation, CessationStatus
from testsupport import journeys
from testsupport.demo import demo_area
from testsupport.factories.people import ChildFactory
from testsupport.sen2 import sen2_collection


@pytest.fixture
def collection(db):
    return sen2_collection(2027)


@pytest.fixture
def plan(world):
    Child.objects.filter(pk=world.caseload_child.pk).update(postcode="ab1 2cd")
    return journeys.final_plan(world)


def returned(collection):
    result = build.build(collection)
    return result, etree.fromstring(xml.to_bytes(result.message))


def test_census_dates_are_stored_not_derived(db):
    dates = dict(Sen2Collection.objects.values_list("year", "census_date"))
    assert dates[2025] == dt.date(2025, 1, 16)
    assert dates[2026] == dt.date(2026, 1, 15)
    assert dates[2027] == dt.date(2027, 1, 21)


def test_a_new_plan_is_reported_and_the_xml_validates(world, collection, plan):
    result, root = returned(collection)
    assert xml.schema_errors(xml.to_bytes(result.message)) == []
    assert checks.problems(result) == []
    assert root.findtext("Header/CollectionDetails/ReferenceDate") == "2027-01-21"
    assert root.findtext("Header/Source/LEA") == "999"
    person = root.find("Persons/Person")
    assert person.findtext("UPN") == world.caseload_child.upn
    assert person.findtext("PostCode") == "AB1 2CD"
    request = person.find("Requests")
    assert request.findtext("ReceivedDate") == "2026-06-01"
    assert request.findtext("RequestSource") == "1"  # the parent asked (journeys.parent_request)
    assert request.findtext("RequestOutcome") == "Y"
    assessment = request.find("Assessment")
    assert assessment.findtext("AssessmentOutcome") == "Y"
    assert assessment.findtext("Week20") == "false"
    assert assessment.findtext("NamedPlan/StartDate") == "2026-09-20"
    assert assessment.findtext("NamedPlan/PlanDetail/URN") == world.setting.urn
    active = request.find("ActivePlans")
    assert active.findtext("PlacementDetail/URN") == world.setting.urn
    assert active.findtext("SENneed/SENtype") == "ASD"


def test_the_latest_review_is_reported_with_its_decision(world, collection, plan):
    actor = world.users["caseworker"]
    review = journeys.walk(
        actor, journeys.open_review(plan), to="reported", recommendation="maintain"
    )
    journeys.decide(actor, review, "maintain")
    result, root = returned(collection)
    active = root.find("Persons/Person/Requests/ActivePlans")
    assert active.findtext("ReviewMeeting") == journeys.MEETING.isoformat()
    assert active.findtext("ReviewOutcome") == "M"
    assert active.findtext("LastReview") == journeys.DECIDED.isoformat()
    assert xml.schema_errors(xml.to_bytes(result.message)) == []


def test_a_ceased_plan_has_its_date_and_reason_and_is_not_active(world, collection, plan):
    # Recorded directly: the cessation journey has its own tests in reviews.
    Cessation.objects.create(
        plan=plan,
        child=plan.child,
        reason="4",
        details="Started work",
        status=CessationStatus.CEASED,
        ceased_on=dt.date(2026, 12, 10),
    )
    plan.status = PlanStatus.CEASED
    plan.save()
    result, root = returned(collection)
    named = root.find("Persons/Person/Requests/Assessment/NamedPlan")
    assert (named.findtext("CeaseDate"), named.findtext("CeaseReason")) == ("2026-12-10", "4")
    assert root.find("Persons/Person/Requests/ActivePlans") is None
    assert xml.schema_errors(xml.to_bytes(result.message)) == []


def test_a_broken_record_gives_the_pre_submission_errors(world, collection, plan):
    child = world.caseload_child
    wrong_letter = ("B" if child.upn[0] != "B" else "C") + child.upn[1:]
    Child.objects.filter(pk=child.pk).update(upn=wrong_letter, secondary_need="ASD")
    child.enrolments.all().delete()
    result, _root = returned(collection)
    found = {(p.child, p.section) for p in checks.problems(result)}
    messages = " ".join(p.message for p in checks.problems(result))
    assert (child, "Person") in found and f"UPN {wrong_letter}" in messages
    assert (child, "SENneed") in found and "primary and secondary" in messages
    assert (child, "ActivePlans") in found and "No school, college or other placement" in messages
    # and the schema rejects the active plan with no placement
    assert any("PlacementDetail" in e for e in xml.schema_errors(xml.to_bytes(result.message)))


def test_a_plan_naming_another_arrangement_is_reported_as_an_other_setting(world, collection, plan):
    plan.named_setting = None
    plan.placement_type = PlacementType.OTHER
    plan.save()
    world.caseload_child.enrolments.all().delete()
    result, root = returned(collection)
    request = root.find("Persons/Person/Requests")
    detail = request.find("Assessment/NamedPlan/PlanDetail")
    assert detail.findtext("SENSetting") == "OTH"
    assert detail.findtext("SENSettingOther") == PlacementType.OTHER.label
    assert request.findtext("ActivePlans/PlacementDetail/SENSetting") == "OTH"
    assert request.findtext("ActivePlans/PlacementDetail/EntryDate") == "2026-09-20"
    assert xml.schema_errors(xml.to_bytes(result.message)) == []
    assert checks.problems(result) == []


def test_a_plan_made_before_opensend_is_historical_and_a_new_one_without_a_request_is_flagged(
    world, collection, plan
):
    plan.request = None
    plan.save()
    result, root = returned(collection)
    # the request (now with no plan on it) and the plan, reported as historical
    first, historical = root.findall("Persons/Person/Requests")
    assert first.findtext("RequestOutcome") == "Y"
    assert first.find("Assessment/NamedPlan") is None
    assert historical.findtext("RequestOutcome") == "H"
    assert historical.findtext("Assessment/AssessmentOutcome") == "H"
    assert historical.findtext("ActivePlans/SENneed/SENtype") == "ASD"
    assert [p.section for p in checks.problems(result)] == ["Requests"]


def test_the_header_declarations_must_be_set(world, collection, plan):
    collection.dsco = ""
    collection.save()
    result, _root = returned(collection)
    assert [(p.child, p.section) for p in checks.problems(result)] == [(None, "Header")]


def test_children_with_nothing_to_report_are_left_out(world, collection, plan):
    ChildFactory()
    result, _root = returned(collection)
    assert [p.child for p in result.persons] == [world.caseload_child]


def test_the_csv_has_one_row_per_request_with_the_childs_fields(world, collection, plan):
    header, rows = tables.csv_rows(build.build(collection))
    assert header[:3] == ["OpenSEND record", "Surname", "Forename"]
    assert len(rows) == 1
    row = dict(zip(header, rows[0], strict=True))
    assert row["Assessment.NamedPlan.StartDate"] == "2026-09-20"
    assert row["ActivePlans.PlacementDetail1.URN"] == world.setting.urn
    assert row["ActivePlans.SENneed1.SENtype"] == "ASD"


def test_the_command_writes_the_files_and_fails_when_a_check_fails(
    world, collection, plan, tmp_path
):
    output, rows = tmp_path / "sen2.xml", tmp_path / "sen2.csv"
    call_command("sen2_return", "--census-date", "2027-01-21", "--output", output, "--csv", rows)
    assert xml.schema_errors(output.read_bytes()) == []
    assert rows.read_text().startswith("OpenSEND record,")
    Child.objects.filter(pk=world.caseload_child.pk).update(secondary_need="ASD")
    with pytest.raises(SystemExit) as failed:
        call_command("sen2_return", "--census-date", "2027-01-21", "--output", output)
    assert failed.value.code == 1
    with pytest.raises(CommandError, match="Known: 2027-01-21"):
        call_command("sen2_return", "--census-date", "2027-01-20", "--output", output)


def test_the_demo_areas_return_validates(db):
    sen2_collection(2027, declarations="")  # the demo records the council's answers
    demo_area(60, stop_after="reviews")
    result = build.build(Sen2Collection.objects.get(year=2027))
    assert len(result.persons) > 40
    assert xml.schema_errors(xml.to_bytes(result.message)) == []
