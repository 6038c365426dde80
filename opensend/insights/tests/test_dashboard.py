"""The dashboards: who sees what (whole area, team, own cases), the board's small-number rule,
the cases behind a figure (only children the user may open; audited), CSV and Excel downloads,
bad input, and the link from every role's navigation."""

import csv
import io
from datetime import date

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from opensend.audit.models import AuditEvent
from opensend.casework.models import AssessmentRequest
from testsupport.factories.people import FamilyRelationshipFactory
from testsupport.forms import date_fields

pytestmark = pytest.mark.django_db

START, END = date(2026, 1, 1), date(2026, 12, 31)
PERIOD = {**date_fields("start", START), **date_fields("end", END)}
DASHBOARD = reverse("insights:dashboard")
KPI = reverse("insights:kpi", args=["new-plans-20-weeks"])
CASES = reverse("insights:kpi_cases", args=["new-plans-20-weeks"])


def issue(child, issued, *, caseworker=None, received=date(2025, 9, 1)):
    # 20 weeks from 1 September 2025 ends on 19 January 2026.
    return AssessmentRequest.objects.create(
        child=child, received_on=received, source="parent", final_issued_on=issued,
        caseworker=caseworker,
    )  # fmt: skip


@pytest.fixture
def plans(world):
    caseworker = world.users["caseworker"]
    issue(world.caseload_child, date(2026, 1, 19), caseworker=caseworker)  # in time
    issue(world.team_child, date(2026, 2, 1))  # late, same team
    for _ in range(7):  # another team: 7 in time, 10 late
        issue(world.other_child, date(2026, 1, 10))
    for _ in range(10):
        issue(world.other_child, date(2026, 3, 1))
    return world


def headline(client, url=KPI, **params):
    response = client.get(url, {**PERIOD, **params})
    assert response.status_code == 200
    return response, response.content.decode()


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("admin", "42.1%"),  # 8 of 19, whole area
        ("analyst", "42.1%"),
        ("team_manager", "50.0%"),  # 1 of the team's 2
        ("caseworker", "100.0%"),  # their own one case
    ],
)
def test_each_role_sees_the_figures_for_its_records(plans, role, expected):
    _, body = headline(plans.client_for(role))
    assert expected in body


def test_board_members_see_aggregates_with_small_numbers_suppressed(plans):
    client = plans.client_for("board_member")
    _, body = headline(client)
    assert "42.1%" in body  # 19 records, 8 in time, 11 not: nothing small
    assert "/cases/" not in body  # no way to the cases
    assert client.get(CASES, PERIOD).status_code == 403
    # By team: the team with 2 plans is suppressed, the team with 17 is not.
    _, by_team = headline(client, cut="team")
    small = by_team.split(plans.team.name, 1)[1].split("</tr>", 1)[0]
    assert small.count("[c]") == 4  # records, in time, and both percentages
    large = by_team.split(plans.other_team.name, 1)[1].split("</tr>", 1)[0]
    assert "[c]" not in large and "41.2%" in large  # 7 of 17


@pytest.mark.parametrize("role", ["senco", "health", "parent", "young_person", "social_care"])
def test_the_dashboards_are_not_for_other_roles(plans, role):
    client = plans.client_for(role)
    for url in (DASHBOARD, KPI, CASES, reverse("insights:dashboard_download", args=["csv"])):
        assert client.get(url).status_code == 403, url


def test_signed_out_people_are_sent_to_sign_in(client):
    assert client.get(DASHBOARD).status_code == 302


def test_the_dashboard_shows_every_kpi_with_england(plans):
    _, body = headline(plans.client_for("team_manager"), url=DASHBOARD)
    assert "New EHC plans issued within 20 weeks" in body
    assert "Average weeks to issue a new EHC plan" in body
    assert "Phase transfers amended by the deadline" in body
    assert "England: 46.4% excluding exceptions (calendar year 2024)" in body
    assert "<svg" in body and "The numbers in the chart" in body
    assert 'data-testid="chart-summary"' in body


def test_a_manager_drills_down_to_the_cases_they_may_open(plans):
    client = plans.client_for("team_manager")
    response = client.get(CASES, PERIOD)
    body = response.content.decode()
    assert plans.caseload_child.family_name in body
    assert plans.team_child.family_name in body
    assert plans.other_child.family_name not in body
    listed = AuditEvent.objects.filter(actor=plans.users["team_manager"], action="list")
    assert set(listed.values_list("child_id", flat=True)) == {
        plans.caseload_child.pk,
        plans.team_child.pk,
    }


def test_an_administrator_sees_every_case_and_the_count_of_those_hidden_is_told(plans):
    body = plans.client_for("admin").get(CASES, PERIOD).content.decode()
    assert plans.other_child.family_name in body
    assert "not listed" not in body


def test_drilling_into_a_group_of_a_cut(plans):
    client = plans.client_for("admin")
    response = client.get(CASES, {**PERIOD, "cut": "team", "group": plans.team.name})
    body = response.content.decode()
    assert plans.team_child.family_name in body
    assert plans.other_child.family_name not in body


def test_bad_input_is_a_400_with_a_message(plans):
    client = plans.client_for("admin")
    response = client.get(KPI, {**PERIOD, "cut": "shoe-size"})
    assert response.status_code == 400
    assert "Choose how to break down the figure" in response.content.decode()
    bad_period = {**PERIOD, **date_fields("end", date(2025, 1, 1))}
    response = client.get(DASHBOARD, bad_period)
    assert response.status_code == 400
    assert "end of the period must be on or after its start" in response.content.decode()
    response = client.get(reverse("insights:dashboard_download", args=["csv"]), bad_period)
    assert response.status_code == 400
    assert client.get(reverse("insights:kpi", args=["no-such-kpi"])).status_code == 404


def test_csv_and_excel_downloads(plans):
    client = plans.client_for("team_manager")
    response = client.get(reverse("insights:dashboard_download", args=["csv"]), PERIOD)
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    titles = {row[0]: row for row in rows if row}
    assert titles["New EHC plans issued within 20 weeks"][1].startswith("50.0%")
    response = client.get(reverse("insights:kpi_download", args=["new-plans-20-weeks", "xlsx"]),
                          {**PERIOD, "cut": "team"})  # fmt: skip
    assert response["Content-Disposition"].endswith('.xlsx"')
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert ["SENAR team", "Records", "In time", "With an exception",
            "% including exceptions", "% excluding exceptions"] in values  # fmt: skip
    assert [plans.team.name, 2, 1, 0, "50.0%", "50.0%"] in values


def test_the_boards_downloads_are_suppressed_too(plans):
    client = plans.client_for("board_member")
    response = client.get(reverse("insights:kpi_download", args=["new-plans-20-weeks", "csv"]),
                          {**PERIOD, "cut": "team"})  # fmt: skip
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    [team] = [row for row in rows if row and row[0] == plans.team.name]
    assert team[1:] == ["[c]", "[c]", "0", "[c]", "[c]"]


def test_every_kpi_page_opens(plans):
    from opensend.insights.figures import cuts_for
    from opensend.insights.kpis import KPIS

    client = plans.client_for("admin")
    for slug, item in KPIS.items():
        url = reverse("insights:kpi", args=[slug])
        assert client.get(url, PERIOD).status_code == 200, slug
        for cut in cuts_for(item):
            assert client.get(url, {**PERIOD, "cut": cut.slug}).status_code == 200, (slug, cut)
        cases = reverse("insights:kpi_cases", args=[slug])
        # An area-wide figure (the Local Offer) has no child behind it; families' answers
        # are personal and never listed.
        expected = 404 if item.area_wide or item.personal else 200
        assert client.get(cases, PERIOD).status_code == expected, slug


@pytest.mark.parametrize("role", ["caseworker", "team_manager", "board_member", "analyst"])
def test_the_navigation_links_to_the_dashboard(world, role):
    body = world.client_for(role).get(reverse("insights:dashboard")).content.decode()
    assert f'href="{DASHBOARD}"' in body


def test_the_dashboard_takes_the_same_number_of_queries_for_more_records(plans):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = plans.client_for("admin")

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(DASHBOARD, PERIOD).status_code == 200
        return len(captured)

    before = queries()
    for day in range(1, 25):
        issue(plans.team_child, date(2026, 4, day), received=date(2025, 11, day))
    assert queries() == before


def test_a_long_list_of_cases_shows_the_first_ones_and_says_so(plans, monkeypatch):
    from opensend.insights import cases

    monkeypatch.setattr(cases, "MOST_CASES_LISTED", 3)
    body = plans.client_for("admin").get(CASES, PERIOD).content.decode()
    assert "19 cases you may open. The first 3 are listed" in body
    listed = AuditEvent.objects.filter(actor=plans.users["admin"], action="list")
    assert listed.count() == 3


def _queries_for(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get(DASHBOARD, PERIOD).status_code == 200
    return len(captured)


def test_the_dashboards_queries_do_not_grow_with_rows_or_distinct_dates(plans):
    # Each distinct request date adds a branch to the due-date lookups, not a query (issue 13).
    from opensend.feedback.models import SurveyAnswer

    client = plans.client_for("team_manager")
    before = _queries_for(client)
    for day in range(1, 29):
        issue(plans.team_child, date(2026, 5, day), received=date(2025, 10, day))
        SurveyAnswer.objects.create(
            child=plans.team_child, stage="draft_plan", satisfaction=4, listened_to="yes",
            family_member=FamilyRelationshipFactory(child=plans.team_child).family_member,
            route="online", answered_on=date(2026, 6, day), recorded_by=plans.users["caseworker"],
        )  # fmt: skip
    assert _queries_for(client) == before


@pytest.mark.parametrize("role", ["admin", "team_manager", "caseworker"])
def test_the_dashboards_shared_queries_give_each_kpis_own_figures(plans, role):
    from opensend.insights import figures, kpis
    from opensend.insights.access import viewer_for

    viewer = viewer_for(plans.users[role])
    together = figures.headlines(kpis.KPIS.values(), start=START, end=END, scope_for=viewer.scope)
    for slug, item in kpis.KPIS.items():
        alone = figures.headline(item, start=START, end=END, scope=viewer.scope(item))
        assert together[slug] == alone, slug
