"""The demo area: what people who sign in to a demo notice."""

from datetime import date
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction

from opensend import statutory
from opensend.accounts.models import Membership, Organisation, User
from opensend.accounts.roles import Role
from opensend.demo.generator import DEMO_LOGINS, DEMO_PASSWORD, LOGIN_BY_ROLE
from opensend.people.codes import SettingKind
from opensend.people.identifiers import nhs_number_problem, upn_problem
from opensend.people.models import (
    Child,
    Enrolment,
    FamilyMember,
    FamilyRelationship,
    Setting,
)
from testsupport.demo import TODAY, demo_area

pytestmark = pytest.mark.django_db


@pytest.fixture
def area():
    return demo_area(300)


def login(role: Role) -> User:
    return User.objects.get(email=LOGIN_BY_ROLE[role].email)


def test_every_role_has_a_demo_login_with_the_shared_password(area):
    assert {d.role for d in DEMO_LOGINS} == set(Role)
    for demo in DEMO_LOGINS:
        user = User.objects.get(email=demo.email)
        assert user.check_password(DEMO_PASSWORD), demo.email
    admin = login(Role.ADMIN)
    assert admin.is_staff
    assert admin.is_superuser
    assert not login(Role.CASEWORKER).is_staff


def test_the_area_has_every_kind_of_setting_and_children_aged_0_to_25(area):
    assert set(Setting.objects.values_list("kind", flat=True)) == set(SettingKind.values)
    assert area.children == Child.objects.count() == 300
    for dob in Child.objects.values_list("date_of_birth", flat=True):
        assert dob <= TODAY
        assert 0 <= statutory.age_on(dob, TODAY) <= 25
    upns = [u for u in Child.objects.values_list("upn", flat=True) if u]
    assert len(upns) > 150
    assert len(upns) == len(set(upns))
    assert [u for u in upns if upn_problem(u)] == []
    nhs_numbers = [n for n in Child.objects.values_list("nhs_number", flat=True) if n]
    assert nhs_numbers
    assert [n for n in nhs_numbers if nhs_number_problem(n)] == []
    assert not Setting.objects.filter(kind="out_of_area", local_authority="").exists()
    assert not Setting.objects.exclude(kind="out_of_area").filter(locality=None).exists()


def test_each_login_sees_what_their_role_should(area):
    senco = login(Role.SENCO)
    pupils = Child.objects.visible_to(senco)
    assert pupils.exists()
    setting = Membership.objects.get(user=senco).organisation.setting
    on_roll = Enrolment.objects.filter(
        ended_on=None, setting__in=[setting, *setting.resource_bases.all()]
    )
    assert set(pupils.values_list("pk", flat=True)) == set(on_roll.values_list("child", flat=True))

    parent = login(Role.PARENT)
    own = FamilyRelationship.objects.filter(family_member__user=parent).values_list(
        "child", flat=True
    )
    seen = set(Child.objects.visible_to(parent).values_list("pk", flat=True))
    assert seen == set(own)
    assert len(seen) == 2
    ages = [c.age_on(TODAY) for c in Child.objects.filter(pk__in=seen)]
    assert any(5 <= age <= 15 for age in ages)

    young_person = login(Role.YOUNG_PERSON)
    record = Child.objects.get(user=young_person)
    assert 17 <= record.age_on(TODAY) <= 20
    assert list(Child.objects.visible_to(young_person)) == [record]

    for role in (Role.BOARD_MEMBER, Role.ANALYST, Role.LOCAL_OFFER_EDITOR):
        assert not Child.objects.visible_to(login(role)).exists(), role
    for role in (Role.EDUCATIONAL_PSYCHOLOGIST, Role.HEALTH, Role.SOCIAL_CARE, Role.TEAM_MANAGER):
        assert Child.objects.visible_to(login(role)).exists(), role
    assert Child.objects.visible_to(login(Role.ADMIN)).count() == 300


def test_the_demo_caseworker_has_a_caseload_in_their_team(area):
    caseworker = login(Role.CASEWORKER)
    team = Membership.objects.get(user=caseworker, role=Role.CASEWORKER).team
    caseload = Child.objects.filter(caseworker=caseworker)
    assert caseload.exists()
    assert set(caseload.values_list("senar_team", flat=True)) == {team.pk}
    assert set(caseload.values_list("locality", flat=True)) == {team.locality_id}


def test_every_child_has_a_family_member_with_parental_responsibility_or_is_in_care(area):
    for child in Child.objects.prefetch_related("relationships"):
        links = list(child.relationships.all())
        assert 1 <= len(links) <= 2
        assert any(link.has_parental_responsibility for link in links)
        assert sum(link.is_main_contact for link in links) == 1
    assert FamilyMember.objects.filter(user__isnull=False).count() == 1
    assert Organisation.objects.filter(kind="setting").count() == (
        Membership.objects.filter(role=Role.SENCO).count()
    )


def _names(seed: int) -> list[tuple[str, str, date]]:
    with transaction.atomic():
        demo_area(60, seed=seed)
        names = list(
            Child.objects.order_by("pk").values_list("given_name", "family_name", "date_of_birth")
        )
        transaction.set_rollback(True)
    return names


def test_the_same_seed_gives_the_same_people():
    first = _names(seed=3)
    assert not Child.objects.exists()
    assert _names(seed=3) == first
    assert _names(seed=4) != first


def _counts() -> dict[str, int]:
    return {
        m.__name__: m.objects.count()
        for m in (Child, Setting, User, Membership, Enrolment, FamilyMember, FamilyRelationship)
    }


def test_if_empty_changes_nothing_on_a_second_run():
    out = StringIO()
    call_command("demo_area", "--children", "60", "--seed", "7", verbosity=0, stdout=out)
    assert "caseworker@demo.opensend.test" in out.getvalue()
    assert "opensend-demo" in out.getvalue()
    before = _counts()
    again = StringIO()
    call_command("demo_area", "--children", "60", "--if-empty", verbosity=0, stdout=again)
    assert "Demo area already loaded" in again.getvalue()
    assert _counts() == before
    with pytest.raises(CommandError):
        call_command("demo_area", "--children", "60", verbosity=0, stdout=StringIO())


def test_print_logins_only_prints_the_table():
    out = StringIO()
    call_command("demo_area", "--print-logins", stdout=out)
    assert "senco@demo.opensend.test" in out.getvalue()
    assert not Child.objects.exists()


def test_cases_in_every_state_with_clocks_from_the_rules(area):
    from opensend.casework.clocks import clocks_for
    from opensend.casework.models import AssessmentRequest, Stage
    from opensend.casework.selectors import caseload_for_user

    cases = AssessmentRequest.objects.all()
    stages = set(cases.values_list("stage", flat=True))
    assert {
        Stage.REQUESTED,
        Stage.ASSESSING,
        Stage.NOT_ASSESSING,
        Stage.DRAFTING,
        Stage.FINAL_ISSUED,
    } <= stages
    for case in cases.filter(stage__in=[Stage.REQUESTED, Stage.ASSESSING, Stage.DRAFTING]):
        upcoming = min((c for c in clocks_for(case) if c.is_open), key=lambda c: c.due_on)
        assert (case.next_due_on, case.next_due_rule) == (upcoming.due_on, upcoming.rule_id)
    for case in cases.exclude(assess_decision_on=None):
        assert case.received_on <= case.assess_decision_on <= TODAY
    finals = cases.filter(stage=Stage.FINAL_ISSUED)
    assert all(
        c.final_issued_on <= TODAY and c.draft_issued_on <= c.final_issued_on for c in finals
    )
    caseworker = login(Role.CASEWORKER)
    assert caseload_for_user(user=caseworker).exists()


def test_children_with_plans_have_a_golden_thread(area):
    from opensend.plans.models import EHCPlan
    from opensend.plans.selectors import plan_warnings_for

    plans = EHCPlan.objects.all()
    assert plans.count() > 100
    assert not plans.filter(status="draft").exists()
    assert plans.filter(status="final").count() > 100
    for plan in plans.order_by("pk")[:20]:
        assert plan.issued_on <= TODAY
        assert not [w for w in plan_warnings_for(plan, on=TODAY) if w.blocks]
