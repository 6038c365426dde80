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
        demo = {role: LOGIN_BY_ROLE[role].email for role in Role}
        add = self._staff
        add(
            users,
            members,
            Role.EDUCATIONAL_PSYCHOLOGIST,
            self.ep_service,
            title="Educational psychologist",
            email=demo[Role.EDUCATIONAL_PSYCHOLOGIST],
        )
        for _ in range(max(2, self.n // 800)):
            add(
                users,
                members,
                Role.EDUCATIONAL_PSYCHOLOGIST,
                self.ep_service,
                title="Educational psychologist",
            )
        add(
            users,
            members,
            Role.HEALTH,
            self.health_trust,
            title="Speech and language therapist",
            email=demo[Role.HEALTH],
        )
        add(users, members, Role.HEALTH, self.icb, title="Designated Medical Officer (DMO)")
        add(users, members, Role.HEALTH, self.icb, title="Designated Clinical Officer (DCO)")
        therapists = (
            "Occupational therapist",
            "Physiotherapist",
            "Community paediatrician",
            "Speech and language therapist",
            "Specialist nurse",
        )
        for i in range(max(5, self.n // 600)):
            add(users, members, Role.HEALTH, self.health_trust, title=therapists[i % 5])
        add(
            users,
            members,
            Role.SOCIAL_CARE,
            self.childrens_trust,
            title="Social worker, children with disabilities team",
            email=demo[Role.SOCIAL_CARE],
        )
        add(
            users,
            members,
            Role.SOCIAL_CARE,
            self.childrens_trust,
            title="Designated Social Care Officer (DSCO)",
        )
        for _ in range(max(2, self.n // 1000)):
            add(users, members, Role.SOCIAL_CARE, self.childrens_trust, title="Social worker")
        add(
            users,
            members,
            Role.LOCAL_OFFER_EDITOR,
            self.council,
            title="Local Offer officer",
            email=demo[Role.LOCAL_OFFER_EDITOR],
        )
        for provider in self.providers:
            add(users, members, Role.LOCAL_OFFER_EDITOR, provider, title="Service manager")
        add(
            users,
            members,
            Role.BOARD_MEMBER,
            self.council,
            title="Improvement Board member",
            email=demo[Role.BOARD_MEMBER],
        )
        add(
            users,
            members,
            Role.ANALYST,
            self.council,
            title="Performance analyst",
            email=demo[Role.ANALYST],
        )
        admin = add(
            users,
            members,
            Role.ADMIN,
            self.council,
            title="System administrator",
            email=demo[Role.ADMIN],
        )
        admin.is_staff = admin.is_superuser = True
