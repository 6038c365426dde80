"""The demo area's families (parents and carers, some with two children in the service), the
professionals involved with each child, and consents."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import cast

from opensend import statutory
from opensend.accounts.models import Organisation, User
from opensend.accounts.roles import Role
from opensend.demo.children import ChildrenSteps
from opensend.demo.logins import LOGIN_BY_ROLE
from opensend.demo.vocabulary import PICK_CARER, PICK_CHANNEL, PICK_FORMAT
from opensend.people.codes import (
    Channel,
    Relationship,
    SENType,
)
from opensend.people.models import (
    Child,
    Consent,
    FamilyMember,
    FamilyRelationship,
    ProfessionalInvolvement,
)


def _same_home(child: Child, sibling: Child) -> None:
    """A brother or sister in the same family: same surname, home and languages."""
    for name in (
        "family_name",
        "ethnicity",
        "home_language",
        "needs_interpreter",
        "address",
        "postcode",
        "locality_id",
        "caseworker_id",
        "senar_team_id",
    ):
        setattr(child, name, getattr(sibling, name))


@dataclass
class _Family:
    members: list[FamilyMember]
    roles: list[tuple[str, bool, bool, bool]]  # relationship, PR, lives with, main contact


class FamilySteps(ChildrenSteps):
    # -- families -----------------------------------------------------------------------------

    def _plan_families(self) -> None:
        """Parents and carers for each child; some families have two children in the service."""
        self.families: list[_Family] = []
        self.family_of: list[int] = []
        first_child: list[int] = []  # the first child of each family
        demo_first, demo_second = self._demo_pair()
        last_in_locality: dict[int, int] = {}
        for i, child in enumerate(self.children):
            share = None
            if i == demo_second:
                share = self.family_of[demo_first]
            elif i != demo_first and not child.is_looked_after and self.rng.random() < 0.07:
                share = last_in_locality.get(cast(int, child.locality_id))
            if share is not None:
                _same_home(child, self.children[first_child[share]])
                self.family_of.append(share)
                continue
            self.families.append(self._family(i, child, demo=i == demo_first))
            first_child.append(i)
            self.family_of.append(len(self.families) - 1)
            if i != demo_first and not child.is_looked_after:
                last_in_locality[cast(int, child.locality_id)] = len(self.families) - 1

    def _demo_pair(self) -> tuple[int, int]:
        """The demo parent's two children: a school-age child and a younger or older sibling."""
        first = next(
            i
            for i, c in enumerate(self.children)
            if 5 <= statutory.age_on(c.date_of_birth, self.today) <= 15
            and not c.is_looked_after
            and c.user_id is None
        )
        second = next(
            i
            for i, c in enumerate(self.children)
            if i > first
            and c.locality_id == self.children[first].locality_id
            and not c.is_looked_after
            and c.user_id is None
            and statutory.age_on(c.date_of_birth, self.today) <= 18
        )
        return first, second

    def _family(self, i: int, child: Child, *, demo: bool) -> _Family:
        rng = self.rng
        male, female, _family = self._pool(self.pools[i])
        mother = self._member(rng.choice(female), child, demo=demo)
        if child.is_looked_after:
            carer_given, carer_family = self._person()
            carer = self._member(carer_given, child, family_name=carer_family)
            return _Family(
                [carer, mother],
                [
                    (Relationship.FOSTER_CARER, False, True, True),
                    (Relationship.MOTHER, True, False, False),
                ],
            )
        kind = Relationship.MOTHER if demo else PICK_CARER(rng)
        members = [mother]
        roles = [(kind, True, True, True)]
        if demo or rng.random() < 0.55:
            members.append(self._member(rng.choice(male), child, main=False))
            lives = demo or rng.random() < 0.75
            roles.append((Relationship.FATHER, True, lives, False))
        return _Family(members, roles)

    def _member(
        self,
        given: str,
        child: Child,
        *,
        demo: bool = False,
        main: bool = True,
        family_name: str = "",
    ) -> FamilyMember:
        rng = self.rng
        family_name = family_name or child.family_name
        email = ""
        if demo:
            email = LOGIN_BY_ROLE[Role.PARENT].email
        elif rng.random() < 0.85:
            local = "".join(
                ch for ch in f"{given}.{family_name}".lower() if ch.isalpha() or ch == "."
            )
            email = f"{local}{self._next('family')}@example.com"
        channel = PICK_CHANNEL(rng)
        language = child.home_language if main or rng.random() < 0.8 else "English"
        return FamilyMember(
            given_name=given,
            family_name=family_name,
            email=email,
            phone=self._mobile() if rng.random() < 0.9 else "",
            address=child.address,
            postcode=child.postcode,
            preferred_channel=Channel.EMAIL if demo else channel,
            language=language,
            needs_interpreter=child.needs_interpreter and language != "English",
            accessible_format=PICK_FORMAT(rng),
        )

    def _save_families(self) -> None:
        parent = User(
            email=LOGIN_BY_ROLE[Role.PARENT].email,
            first_name="",
            last_name="",
            password=self.password,
        )
        members = [m for family in self.families for m in family.members]
        demo_member = next(m for m in members if m.email == parent.email)
        parent.first_name, parent.last_name = demo_member.given_name, demo_member.family_name
        self._save(User, [parent], "users")
        demo_member.user_id = parent.pk
        self._save_with_progress(FamilyMember, members, "family_members", self.n / len(members) / 3)
        links = [
            FamilyRelationship(
                child_id=child.pk,
                family_member_id=member.pk,
                relationship=kind,
                has_parental_responsibility=responsibility,
                lives_with_child=lives,
                is_main_contact=main,
            )
            for child, f in zip(self.children, self.family_of, strict=True)
            for member, (kind, responsibility, lives, main) in zip(
                self.families[f].members, self.families[f].roles, strict=True
            )
        ]
        self._save_with_progress(
            FamilyRelationship, links, "family_relationships", self.n / len(links) / 3
        )

    # -- professionals and consent ------------------------------------------------------------

    HEALTH_WORK: dict[str, str] = {
        SENType.SLCN: "Speech and language therapy",
        SENType.PD: "Physiotherapy and occupational therapy",
        SENType.HI: "Audiology",
        SENType.VI: "Orthoptics and sensory support",
        SENType.MSI: "Sensory support",
        SENType.PMLD: "Complex needs nursing",
        SENType.DS: "Community paediatrics",
        SENType.ASD: "Neurodevelopmental pathway",
    }

    HEALTH_CHANCE: dict[str, float] = {SENType.SLCN: 0.5, SENType.ASD: 0.25}

    def _started(self, child: Child) -> date:
        earliest = max(child.date_of_birth, self.today - timedelta(days=3 * 365))
        return earliest + timedelta(days=self.rng.randint(0, (self.today - earliest).days))

    def _involvements(self) -> None:
        rng = self.rng
        rows = []
        for child in self.children:
            work = self.HEALTH_WORK.get(child.primary_need)
            if work and rng.random() < self.HEALTH_CHANCE.get(child.primary_need, 0.9):
                rows.append(self._involvement(child, self.health_trust, work))
            if child.is_looked_after:
                rows.append(self._involvement(child, self.childrens_trust, "Children in care"))
            elif child.is_child_in_need or (
                child.primary_need == SENType.PMLD and rng.random() < 0.5
            ):
                work = "Children with disabilities team"
                rows.append(self._involvement(child, self.childrens_trust, work))
            if rng.random() < 0.15:
                work = rng.choice(["EHC needs assessment advice", "Consultation with school"])
                rows.append(self._involvement(child, self.ep_service, work))
        for org, work in (
            (self.health_trust, "Community paediatrics"),
            (self.childrens_trust, "Early help"),
            (self.ep_service, "Consultation with school"),
        ):
            if not any(r.organisation_id == org.pk for r in rows):
                rows.append(self._involvement(self.children[0], org, work))
        self._save_with_progress(
            ProfessionalInvolvement, rows, "involvements", self.n / len(rows) / 2
        )

    def _involvement(self, child: Child, org: Organisation, work: str) -> ProfessionalInvolvement:
        return ProfessionalInvolvement(
            child_id=child.pk,
            organisation_id=org.pk,
            description=work,
            started_on=self._started(child),
        )

    def _consents(self) -> None:
        rng = self.rng
        purposes = list(Consent.Purpose)
        rows: list[Consent] = []
        for child, f in zip(self.children, self.family_of, strict=True):
            if rng.random() > 0.35:
                continue
            adult = statutory.age_on(child.date_of_birth, self.today) >= 16
            main = self.families[f].members[0]
            given_by = (
                f"{child.given_name} {child.family_name} (young person)"
                if adult
                else (f"{main.given_name} {main.family_name}")
            )
            rows.extend(
                Consent(
                    child_id=child.pk,
                    purpose=purpose,
                    given_by=given_by,
                    given_on=self._started(child),
                )
                for purpose in rng.sample(purposes, rng.choice((1, 1, 2, 3)))
            )
        self._save_with_progress(Consent, rows, "consents", self.n / max(1, len(rows)) / 2)
