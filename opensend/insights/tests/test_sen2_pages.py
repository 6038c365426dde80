"""The SEN2 page and downloads: who may open them, bad input, and the audit of every download."""

import pytest
from django.urls import reverse
from lxml import etree

from opensend.audit.models import Action, AuditEvent
from opensend.insights.sen2 import xml
from opensend.people.models import Child
from testsupport import journeys
from testsupport.downloads import assert_safe_headers
from testsupport.roles import ROLES
from testsupport.sen2 import sen2_collection

PAGE = reverse("insights:sen2_return")
XML = reverse("insights:sen2_download", args=["xml"])
CSV = reverse("insights:sen2_download", args=["csv"])
MAY_PREPARE = {"team_manager", "admin", "analyst"}


@pytest.fixture(autouse=True)
def _collections(db):
    sen2_collection(2027)


@pytest.fixture
def plan(world):
    Child.objects.filter(pk=world.caseload_child.pk).update(postcode="AB1 2CD")
    return journeys.final_plan(world)


@pytest.mark.parametrize("role", ROLES)
def test_only_managers_analysts_and_administrators_may_open_the_return(world, role):
    client = world.client_for(role)
    expected = 200 if role in MAY_PREPARE else 403
    for url in (f"{PAGE}?year=2027", f"{XML}?year=2027", f"{CSV}?year=2027"):
        assert client.get(url).status_code == expected, (role, url)


def test_signed_out_visitors_are_sent_to_sign_in(client, db):
    response = client.get(PAGE)
    assert response.status_code == 302
    assert "login" in response["Location"] or "sign-in" in response["Location"]


@pytest.mark.parametrize(
    ("year", "message"),
    [
        ("2031", "There is no SEN2 collection for 2031. Choose one of: 2027, 2026, 2025"),
        ("20x7", "Choose a collection year, like 2027"),
        ("1", "Choose a collection year, like 2027"),
    ],
)
def test_an_unknown_year_is_a_400_that_says_why(world, year, message):
    client = world.client_for("analyst")
    page = client.get(PAGE, {"year": year})
    assert page.status_code == 400
    assert message in page.content.decode()
    download = client.get(XML, {"year": year})
    assert (download.status_code, download.content.decode()) == (400, message)


def test_the_dashboard_links_to_the_return_for_those_who_may_prepare_it(world):
    dashboard = reverse("insights:dashboard")
    assert PAGE in world.client_for("analyst").get(dashboard).content.decode()
    assert PAGE not in world.client_for("board_member").get(dashboard).content.decode()
    assert PAGE not in world.client_for("caseworker").get(dashboard).content.decode()


def test_the_page_counts_each_section_and_links_problems_to_the_child(world, plan):
    Child.objects.filter(pk=world.caseload_child.pk).update(secondary_need="ASD")
    response = world.client_for("team_manager").get(PAGE, {"year": "2027"})
    text = response.content.decode()
    assert "21 January 2027" in text
    assert "The same need is recorded as primary and secondary" in text
    assert reverse("people:child_detail", args=[world.caseload_child.pk]) in text
    counts = dict(response.context["counts"])
    assert counts["Plans in force on the census date (ActivePlans)"] == 1
    listed = AuditEvent.objects.filter(action=Action.LIST, child_id=world.caseload_child.pk)
    assert listed.filter(actor=world.users["team_manager"]).exists()


def test_an_analyst_sees_the_problem_but_no_link_to_a_record_they_may_not_open(world, plan):
    Child.objects.filter(pk=world.caseload_child.pk).update(secondary_need="ASD")
    text = world.client_for("analyst").get(PAGE, {"year": "2027"}).content.decode()
    assert "ask their team to fix it" in text
    assert reverse("people:child_detail", args=[world.caseload_child.pk]) not in text


def test_the_xml_download_validates_and_is_audited_as_an_export_of_each_child(world, plan):
    response = world.client_for("analyst").get(XML, {"year": "2027"})
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith(
        'attachment; filename="sen2-2027-2027-01-21.xml"'
    )
    assert_safe_headers(response)
    assert xml.schema_errors(response.content) == []
    assert (
        etree.fromstring(response.content).findtext("Persons/Person/UPN")
        == world.caseload_child.upn
    )
    exports = AuditEvent.objects.filter(action=Action.EXPORT)
    assert [(e.actor, e.child_id) for e in exports] == [
        (world.users["analyst"], world.caseload_child.pk)
    ]
    assert "SEN2 2027 return (XML)" in exports.get().summary


def test_the_csv_download_has_the_same_rows(world, plan):
    response = world.client_for("admin").get(CSV, {"year": "2027"})
    lines = response.content.decode().splitlines()
    assert lines[0].startswith("OpenSEND record,Surname,Forename")
    assert len(lines) == 2
    assert AuditEvent.objects.filter(action=Action.EXPORT, summary__contains="(CSV)").count() == 1
