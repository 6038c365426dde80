"""Shared pytest fixtures: a small local area with a user for every role."""

import os
from dataclasses import dataclass
from typing import Any

import pytest
from django.db import connection
from django.test import Client

pytest_plugins = ["testsupport.browser"]


@pytest.fixture(autouse=True)
def _expected_database(request: pytest.FixtureRequest) -> None:
    """Fail loudly if `make test-postgres` silently ran on SQLite."""
    expected = os.environ.get("OPENSEND_EXPECT_DATABASE")
    if expected and request.node.get_closest_marker("django_db"):
        assert connection.vendor == expected, f"Expected {expected}, ran on {connection.vendor}"


@dataclass
class World:
    """One local area: who works where, and which children each of them should see."""

    council: Any
    team: Any
    other_team: Any
    users: dict[str, Any]
    setting: Any
    other_setting: Any
    health_org: Any
    caseload_child: Any  # on the caseworker's caseload, at `setting`, known to health
    team_child: Any  # in the caseworker's team, not on their own caseload
    other_child: Any  # another team, another setting: seen by admin only
    parents_child: Any  # the parent's child (also on roll at other_setting)
    young_person: Any  # the young person themselves

    def client_for(self, role: str) -> Client:
        """A client signed in as `role`, past the second factor if the user has one."""
        from testsupport.factories.accounts import sign_in_fully

        return sign_in_fully(Client(), self.users[role])

    def client_for_other_team(self) -> Client:
        """A client signed in as a new caseworker in `other_team`: a council colleague outside
        `team`, so neither `caseload_child` nor `team_child` is theirs to see."""
        from opensend.accounts.roles import Role
        from testsupport.factories.accounts import sign_in_fully, staff_member

        caseworker = staff_member(self.council, Role.CASEWORKER, team=self.other_team)
        return sign_in_fully(Client(), caseworker)


@pytest.fixture
def world(db: None) -> World:
    from opensend.accounts.roles import OrganisationKind, Role
    from testsupport.factories.accounts import (
        OrganisationFactory,
        TeamFactory,
        UserFactory,
        staff_member,
    )
    from testsupport.factories.people import (
        ChildFactory,
        EnrolmentFactory,
        FamilyMemberFactory,
        FamilyRelationshipFactory,
        InvolvementFactory,
        SettingFactory,
    )

    council = OrganisationFactory(name="Anytown City Council", kind=OrganisationKind.COUNCIL)
    team, other_team = TeamFactory(organisation=council), TeamFactory(organisation=council)
    setting, other_setting = SettingFactory(), SettingFactory()
    school_org = OrganisationFactory(
        name=setting.name, kind=OrganisationKind.SETTING, setting=setting
    )
    health_org = OrganisationFactory(name="Anytown NHS Trust", kind=OrganisationKind.NHS)
    care_org = OrganisationFactory(name="Children's Trust", kind=OrganisationKind.SOCIAL_CARE)
    ep_org = OrganisationFactory(name="EP Service", kind=OrganisationKind.EP_SERVICE)

    users: dict[str, Any] = {}
    staff = {
        "caseworker": (council, Role.CASEWORKER, team),
        "team_manager": (council, Role.TEAM_MANAGER, team),
        "senco": (school_org, Role.SENCO, None),
        "health": (health_org, Role.HEALTH, None),
        "social_care": (care_org, Role.SOCIAL_CARE, None),
        "educational_psychologist": (ep_org, Role.EDUCATIONAL_PSYCHOLOGIST, None),
        "board_member": (council, Role.BOARD_MEMBER, None),
        "analyst": (council, Role.ANALYST, None),
        "local_offer_editor": (council, Role.LOCAL_OFFER_EDITOR, None),
        "admin": (council, Role.ADMIN, None),
    }
    for key, (org, role, member_team) in staff.items():
        users[key] = staff_member(org, role, team=member_team, email=f"{key}@test.opensend.test")

    caseload_child = ChildFactory(caseworker=users["caseworker"], senar_team=team)
    team_child = ChildFactory(senar_team=team)
    other_child = ChildFactory(senar_team=other_team)
    parents_child = ChildFactory(senar_team=other_team)
    EnrolmentFactory(child=caseload_child, setting=setting)
    EnrolmentFactory(child=parents_child, setting=other_setting)
    InvolvementFactory(child=caseload_child, organisation=health_org)

    users["parent"] = UserFactory(email="parent@test.opensend.test")
    parent = FamilyMemberFactory(user=users["parent"])
    FamilyRelationshipFactory(child=parents_child, family_member=parent)

    users["young_person"] = UserFactory(email="young.person@test.opensend.test")
    young_person = ChildFactory(
        user=users["young_person"], senar_team=other_team, date_of_birth="2008-06-01", upn=""
    )
    return World(
        council=council,
        team=team,
        other_team=other_team,
        users=users,
        setting=setting,
        other_setting=other_setting,
        health_org=health_org,
        caseload_child=caseload_child,
        team_child=team_child,
        other_child=other_child,
        parents_child=parents_child,
        young_person=young_person,
    )
