"""The demo area's children and young people, where each learns, their schools' SENCOs and the
demo young person."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta
from typing import cast

from opensend import statutory
from opensend.accounts.models import Membership, User
from opensend.accounts.roles import Role
from opensend.demo.logins import LOGIN_BY_ROLE
from opensend.demo.staff import StaffSteps
from opensend.demo.vocabulary import (
    BATCH,
    DEMO_LA_CODE,
    ETHNICITY_MIX,
    PICK_AGE,
    PICK_ETHNICITY,
    PICK_LOCALITY,
    PICK_NEED,
    SPECIAL_CHANCE,
)
from opensend.people.codes import (
    EstablishmentType,
    Phase,
    SENType,
    SettingKind,
    Sex,
)
from opensend.people.identifiers import make_upn, nhs_number_problem
from opensend.people.models import (
    Child,
    Enrolment,
    Setting,
)


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def _years_after(day: date, years: int) -> date:
    return _years_before(day, -years)


class ChildrenSteps(StaffSteps):
    # -- children -----------------------------------------------------------------------------

    def _plan_children(self) -> None:
        rng = self.rng
        ages = [PICK_AGE(rng) for _ in range(self.n)]
        self.children: list[Child] = []
        self.years: list[int] = []
        self.pools: list[str] = []
        self._nhs_seen: set[str] = set()
        for i, age in enumerate(ages):
            child, pool = self._child(i, age)
            self.children.append(child)
            self.pools.append(pool)
            self.years.append(statutory.national_curriculum_year(child.date_of_birth, self.today))
            if i % BATCH == 0:
                self.bar.update(min(BATCH, self.n - i))

    def _dob(self, age: int) -> date:
        low = _years_before(self.today, age + 1) + timedelta(days=1)
        high = _years_before(self.today, age)
        return low + timedelta(days=self.rng.randint(0, (high - low).days))

    def _child(self, i: int, age: int) -> tuple[Child, str]:
        rng = self.rng
        dob = self._dob(age)
        ethnicity = PICK_ETHNICITY(rng)
        _weight, pool, languages = ETHNICITY_MIX[ethnicity]
        male, female, family = self._pool(pool)
        sex = Sex.MALE if rng.random() < 0.7 else Sex.FEMALE
        language = "English"
        roll = rng.random()
        for lang, chance in languages.items():
            if roll < chance:
                language = lang
                break
            roll -= chance
        primary = PICK_NEED(rng)
        secondary = ""
        if rng.random() < 0.4:
            while secondary in ("", primary):
                secondary = PICK_NEED(rng)
        locality = self.localities[PICK_LOCALITY(rng)]
        caseworkers = self.caseworkers[locality.pk]
        year = statutory.national_curriculum_year(dob, self.today)
        child = Child(
            given_name=rng.choice(male if sex == Sex.MALE else female),
            family_name=rng.choice(family),
            date_of_birth=dob,
            sex=sex,
            ethnicity=ethnicity,
            upn=self._upn(year) if 0 <= year <= 13 else "",
            nhs_number=self._nhs_number() if rng.random() < 0.6 else "",
            home_language=language,
            needs_interpreter=language != "English" and rng.random() < 0.3,
            is_looked_after=rng.random() < 0.01,
            is_child_in_need=rng.random() < 0.05,
            primary_need=primary,
            secondary_need=secondary,
            address=self._address(),
            postcode=self._postcode(locality.name),
            locality_id=locality.pk,
            caseworker_id=caseworkers[i % len(caseworkers)].pk,
            senar_team_id=self.team_by_locality[locality.pk].pk,
        )
        return child, pool

    def _upn(self, year: int) -> str:
        serial = self._next("upn")
        entry_year = statutory.academic_year(self.today) - max(0, year)
        establishment = f"{2000 + serial // 1000:04d}"
        return make_upn(DEMO_LA_CODE, establishment, entry_year, serial)

    def _nhs_number(self) -> str:
        while True:
            body = "999" + "".join(str(self.rng.randint(0, 9)) for _ in range(6))
            total = sum(int(d) * w for d, w in zip(body, range(10, 1, -1), strict=True))
            check = (11 - total % 11) % 11
            number = f"{body}{check}"
            if check != 10 and number not in self._nhs_seen and not nhs_number_problem(number):
                self._nhs_seen.add(number)
                return number

    # -- where each child learns --------------------------------------------------------------

    def _plan_enrolments(self) -> None:
        self.enrolments: list[tuple[int, Setting, date]] = []
        for i, (child, year) in enumerate(zip(self.children, self.years, strict=True)):
            choice = self._place(child, year)
            if choice is not None:
                setting, years_there = choice
                start = statutory.academic_year_start(self.today)
                start = start.replace(year=start.year - max(0, years_there))
                earliest = _years_after(child.date_of_birth, 2)  # nobody starts before two
                self.enrolments.append((i, setting, min(self.today, max(start, earliest))))

    def _pick(self, kind: str, phase: str, locality_id: int | None) -> Setting | None:
        local = self.by_kind_locality.get((kind, phase, locality_id))
        anywhere = self.by_kind.get((kind, phase))
        options = local or anywhere
        return self.rng.choice(options) if options else None

    def _place(self, child: Child, year: int) -> tuple[Setting, int] | None:
        rng = self.rng
        if year < -2:  # under three: a few funded two-year-olds
            if statutory.age_on(child.date_of_birth, self.today) >= 2 and rng.random() < 0.3:
                return self._early_years(child), 0
            return None
        if year < 0:
            return (self._early_years(child), year + 2) if rng.random() < 0.8 else None
        special = rng.random() < SPECIAL_CHANCE[child.primary_need]
        if year <= 11:
            setting = self._school(child, year, special)
            return setting, (year if year <= 6 else year - 7)
        if year <= 13:
            return self._sixteen_to_eighteen(child, year, special)
        return self._nineteen_plus(child, year)

    def _early_years(self, child: Child) -> Setting:
        setting = self._pick(SettingKind.EARLY_YEARS, Phase.NURSERY, child.locality_id)
        assert setting is not None  # noqa: S101 - there is always at least one
        return setting

    def _specialist(self, child: Child, kind: str = SettingKind.SPECIAL_SCHOOL) -> Setting:
        everything = self.by_kind[(kind, Phase.ALL_THROUGH)]
        options = self.by_need.get((kind, child.primary_need)) or everything
        if kind == SettingKind.INDEPENDENT:  # specialist colleges only for those 16 and over
            post16 = child.date_of_birth <= _years_before(self.today, 16)
            options = [
                s
                for s in options
                if (s.establishment_type == EstablishmentType.SPECIALIST_POST16) == post16
            ] or everything
        local = [s for s in options if s.locality_id == child.locality_id]
        return self.rng.choice(local or options)

    def _school(self, child: Child, year: int, special: bool) -> Setting:
        rng = self.rng
        roll = rng.random()
        if special:
            if roll < 0.06:
                return rng.choice(self.by_kind[(SettingKind.OUT_OF_AREA, Phase.ALL_THROUGH)])
            if roll < 0.16 and child.primary_need in (SENType.ASD, SENType.SEMH):
                return self._specialist(child, SettingKind.INDEPENDENT)
            return self._specialist(child)
        if year >= 7 and child.primary_need == SENType.SEMH and roll < 0.12:
            return rng.choice(self.by_kind[(SettingKind.ALTERNATIVE_PROVISION, Phase.SECONDARY)])
        phase = Phase.PRIMARY if year <= 6 else Phase.SECONDARY
        if roll < 0.08:
            bases = [
                s
                for s in self.by_need.get((SettingKind.RESOURCE_BASE, child.primary_need), [])
                if s.phase == phase
            ]
            if bases:
                return rng.choice(bases)
        if roll > 0.97:
            away = self.by_kind.get((SettingKind.OUT_OF_AREA, phase))
            if away:
                return rng.choice(away)
        return self._mainstream_school(child, year, phase)

    def _mainstream_school(self, child: Child, year: int, phase: str) -> Setting:
        roll = self.rng.random()
        if roll < 0.04:
            phase = Phase.ALL_THROUGH
        elif roll < 0.1 and year <= 6:
            phase = Phase.INFANT if year <= 2 else Phase.JUNIOR
        setting = self._pick(SettingKind.MAINSTREAM_SCHOOL, phase, child.locality_id)
        assert setting is not None  # noqa: S101 - at least one of each phase is made
        return setting

    def _sixteen_to_eighteen(self, child: Child, year: int, special: bool) -> tuple | None:
        roll = self.rng.random()
        if special:
            return (self._specialist(child), year - 7) if roll < 0.8 else None
        if roll < 0.6:
            return self.rng.choice(self.by_kind[(SettingKind.COLLEGE, Phase.POST16)]), year - 12
        if roll < 0.85:
            school = self._pick(SettingKind.MAINSTREAM_SCHOOL, Phase.SECONDARY, child.locality_id)
            return school, year - 7
        return None  # not in education, employment or training

    def _nineteen_plus(self, child: Child, year: int) -> tuple | None:
        roll = self.rng.random()
        if roll < 0.45:
            return self.rng.choice(self.by_kind[(SettingKind.COLLEGE, Phase.POST16)]), year - 14
        if roll < 0.55:
            return self._specialist(child, SettingKind.INDEPENDENT), year - 14
        return None  # employment, an apprenticeship or no education

    def _save_enrolments(self) -> None:
        rows = [
            Enrolment(child_id=self.children[i].pk, setting_id=setting.pk, started_on=start)
            for i, setting, start in self.enrolments
        ]
        self._save_with_progress(Enrolment, rows, "enrolments", self.n / max(1, len(rows)) / 3)

    # -- SENCOs, the young person -------------------------------------------------------------

    def _sencos(self) -> None:
        on_roll = Counter(setting.pk for _i, setting, _start in self.enrolments)
        hosts = {s.pk: s.host_setting_id for s in self.settings if s.host_setting_id}
        for setting_id, n in list(on_roll.items()):
            if setting_id in hosts:
                on_roll[hosts[setting_id]] += n
        mainstream = [
            o
            for o in self.setting_orgs
            if o.setting_id
            in {s.pk for s in self.by_kind[(SettingKind.MAINSTREAM_SCHOOL, Phase.PRIMARY)]}
        ]
        demo_org = max(mainstream, key=lambda o: (on_roll[cast(int, o.setting_id)], -o.pk))
        users: list[User] = []
        members: list[Membership] = []
        for org in self.setting_orgs:
            email = LOGIN_BY_ROLE[Role.SENCO].email if org is demo_org else ""
            self._staff(users, members, Role.SENCO, org, title="SENCO", email=email)
        self._save(User, users, "users")
        for m in members:
            m.user_id = m.user.pk
        self._save(Membership, members, "memberships")
        self.senco_setting_id = demo_org.setting_id

    def _young_person(self) -> None:
        """The demo young person: 17 and in a school's sixth form if there is one (they move to
        college next September, demo.young_person), else anyone aged 17 to 20."""
        at_school = {
            i for i, setting, _start in self.enrolments if setting.kind != SettingKind.COLLEGE
        }

        def rank(pair: tuple[int, Child]) -> int:
            i, child = pair
            age = statutory.age_on(child.date_of_birth, self.today)
            return 0 if age == 17 and i in at_school else 1 if age == 17 else 2

        for _i, child in sorted(enumerate(self.children), key=rank):
            age = statutory.age_on(child.date_of_birth, self.today)
            if 17 <= age <= 20 and not child.is_looked_after:
                user = User(
                    email=LOGIN_BY_ROLE[Role.YOUNG_PERSON].email,
                    first_name=child.given_name,
                    last_name=child.family_name,
                    password=self.password,
                )
                self._save(User, [user], "users")
                child.user_id = user.pk
                return
        raise RuntimeError("No child aged 17 to 20 to be the demo young person.")
