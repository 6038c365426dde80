"""The demo area's staff: SENAR teams, caseworkers and managers, and the other professionals'
users."""

from __future__ import annotations

import math
from typing import cast

from opensend.accounts.models import Membership, Organisation, Team, User
from opensend.accounts.roles import Role
from opensend.demo.area import AreaSteps
from opensend.demo.logins import LOGIN_BY_ROLE
from opensend.demo.vocabulary import DEMO_DOMAIN


class StaffSteps(AreaSteps):
    # -- teams and staff ----------------------------------------------------------------------

    def _person(self) -> tuple[str, str]:
        male, female, family = self._names_en
        heritage = self.rng.random()
        if heritage < 0.25:
            male, female, family = self._pool(
                self.rng.choice(["pakistani", "indian", "somali", "bangladeshi", "arabic"])
            )
        given = self.rng.choice(male if self.rng.random() < 0.3 else female)
        return given, self.rng.choice(family)

    def _user(self, email: str = "", **extra: object) -> User:
        given, family = self._person()
        if not email:
            local = "".join(ch for ch in f"{given}.{family}".lower() if ch.isalpha() or ch == ".")
            email = f"{local}.{self._next('email')}@{DEMO_DOMAIN}"
        return User(
            email=email, first_name=given, last_name=family, password=self.password, **extra
        )

    def _staff(
        self,
        users: list[User],
        members: list[Membership],
        role: Role,
        org: Organisation,
        *,
        title: str,
        team: Team | None = None,
        email: str = "",
    ) -> User:
        user = self._user(email)
        users.append(user)
        members.append(
            Membership(user=user, organisation=org, role=role, team=team, job_title=title)
        )
        return user

    def _teams_and_staff(self) -> None:
        self.teams = [
            Team(name=f"SENAR {loc.name}", organisation=self.council, locality=loc)
            for loc in self.localities
        ]
        self._save(Team, self.teams, "teams")
        users: list[User] = []
        members: list[Membership] = []
        self._senar_staff(users, members)
        self._other_staff(users, members)
        self._save(User, users, "users")
        for m in members:
            m.user_id = m.user.pk
        self._save(Membership, members, "memberships")

    def _senar_staff(self, users: list[User], members: list[Membership]) -> None:
        demo = {role: LOGIN_BY_ROLE[role].email for role in Role}
        self.caseworkers: dict[int, list[User]] = {}
        n_caseworkers = max(5, math.ceil(self.n / 120))
        for i, team in enumerate(self.teams):
            manager_email = demo[Role.TEAM_MANAGER] if i == 0 else ""
            self._staff(
                users,
                members,
                Role.TEAM_MANAGER,
                self.council,
                title="SENAR team manager",
                team=team,
                email=manager_email,
            )
            share = n_caseworkers // len(self.teams) + (i < n_caseworkers % len(self.teams))
            self.caseworkers[cast(int, team.locality_id)] = [
                self._staff(
                    users,
                    members,
                    Role.CASEWORKER,
                    self.council,
                    title="SEND caseworker",
                    team=team,
                    email=demo[Role.CASEWORKER] if i == 0 and j == 0 else "",
                )
                for j in range(max(1, share))
            ]
        self.team_by_locality = {t.locality_id: t for t in self.teams}

    def _other_staff(self, users: list[User], members: list[Membership]) -> None:
        """Everyone outside SENAR, in the order they are made (the demo's ids depend on it): the
        named demo login of each role first, then the others an area of this size has."""
        demo = {role: LOGIN_BY_ROLE[role].email for role in Role}
        therapists = (
            "Occupational therapist",
            "Physiotherapist",
            "Community paediatrician",
            "Speech and language therapist",
            "Specialist nurse",
        )
        ep, health, care = Role.EDUCATIONAL_PSYCHOLOGIST, Role.HEALTH, Role.SOCIAL_CARE
        social_worker = (care, self.childrens_trust, "Social worker", False)
        # (role, organisation, job title, is this role's demo login?)
        rows: list[tuple[Role, Organisation, str, bool]] = [
            (ep, self.ep_service, "Educational psychologist", True),
            *[(ep, self.ep_service, "Educational psychologist", False)] * max(2, self.n // 800),
            (health, self.health_trust, "Speech and language therapist", True),
            (health, self.icb, "Designated Medical Officer (DMO)", False),
            (health, self.icb, "Designated Clinical Officer (DCO)", False),
            *[
                (health, self.health_trust, therapists[i % 5], False)
                for i in range(max(5, self.n // 600))
            ],
            (care, self.childrens_trust, "Social worker, children with disabilities team", True),
            (care, self.childrens_trust, "Designated Social Care Officer (DSCO)", False),
            *[social_worker] * max(2, self.n // 1000),
            (Role.LOCAL_OFFER_EDITOR, self.council, "Local Offer officer", True),
            *[(Role.LOCAL_OFFER_EDITOR, p, "Service manager", False) for p in self.providers],
            (Role.BOARD_MEMBER, self.council, "Improvement Board member", True),
            (Role.ANALYST, self.council, "Performance analyst", True),
            (Role.ADMIN, self.council, "System administrator", True),
        ]
        for role, org, title, login in rows:
            user = self._staff(
                users, members, role, org, title=title, email=demo[role] if login else ""
            )
        user.is_staff = user.is_superuser = True  # the last row: the administrator
