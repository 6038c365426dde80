"""The demo area itself: localities, settings of every kind (with their needs) and organisations."""

from __future__ import annotations

from collections import defaultdict

from opensend.accounts.models import Organisation
from opensend.accounts.roles import OrganisationKind
from opensend.demo.builder import BuilderBase
from opensend.demo.vocabulary import (
    AREA,
    DEMO_DOMAIN,
    LOCALITIES,
    NEIGHBOURING_LAS,
    PLACE_QUALIFIERS,
    RESOURCE_BASE_LABELS,
    RESOURCE_BASE_NEEDS,
    SAINTS,
    SCHOOL_WORDS,
    SETTING_PLAN,
    SPECIAL_SCHOOL_NEEDS,
)
from opensend.people.codes import (
    EstablishmentType,
    OfstedGrade,
    Phase,
    SENType,
    SettingKind,
)
from opensend.people.models import (
    Locality,
    NeedType,
    Setting,
)


class AreaSteps(BuilderBase):
    def _localities(self) -> None:
        Locality.objects.bulk_create([Locality(name=n) for n in LOCALITIES], ignore_conflicts=True)
        NeedType.objects.bulk_create([NeedType(code=c) for c in SENType], ignore_conflicts=True)
        by_name = {loc.name: loc for loc in Locality.objects.filter(name__in=LOCALITIES)}
        self.localities = [by_name[n] for n in LOCALITIES]

    # -- settings -----------------------------------------------------------------------------

    def _count(self, key: tuple[str, str]) -> int:
        full, minimum = SETTING_PLAN[key]
        return max(minimum, round(full * self.scale))

    def _settings(self) -> None:
        counts = {key: self._count(key) for key in SETTING_PLAN}
        self._urns = iter(self.rng.sample(range(900_000, 1_000_000), sum(counts.values())))
        self._ukprns = iter(self.rng.sample(range(19_000_000, 20_000_000), 50))
        self._names_used: set[str] = set()
        rows: list[Setting] = []
        needs: list[tuple[str, ...]] = []
        for (kind, phase), n in counts.items():
            if kind == SettingKind.RESOURCE_BASE:
                continue
            for i in range(n):
                setting, setting_needs = self._setting(kind, phase, i)
                rows.append(setting)
                needs.append(setting_needs)
        self._save(Setting, rows, "settings")
        bases, base_needs = self._resource_bases(
            rows, counts[(SettingKind.RESOURCE_BASE, Phase.NOT_APPLICABLE)]
        )
        self._save(Setting, bases, "settings")
        self.settings = rows + bases
        through = Setting.need_types.through
        links = [
            through(setting_id=s.pk, needtype_id=code)
            for s, codes in zip(self.settings, needs + base_needs, strict=True)
            for code in codes
        ]
        self._save(through, links, "setting_needs")
        self._index_settings(needs + base_needs)

    def _place_name(self) -> str:
        word = self.rng.choice(SCHOOL_WORDS)
        if " " in word or self.rng.random() < 0.5:
            return word
        return f"{word} {self.rng.choice(PLACE_QUALIFIERS)}"

    def _unique_name(self, make) -> str:
        """A name no other setting has; like real cities, add the district when it clashes."""
        for attempt in range(100):
            name = make() if attempt < 50 else f"{make()}, {self.rng.choice(SCHOOL_WORDS)}"
            if name not in self._names_used:
                break
        else:
            name = f"{make()} ({len(self._names_used)})"
        self._names_used.add(name)
        return name

    def _setting(self, kind: str, phase: str, i: int) -> tuple[Setting, tuple[str, ...]]:
        rng = self.rng
        locality = self.localities[i % len(self.localities)]
        maker = _SETTING_MAKERS[SettingKind(kind)]
        name, establishment, real_phase, needs, places = maker(self, phase, i)
        in_area = kind != SettingKind.OUT_OF_AREA
        urn = str(next(self._urns))
        ukprn = str(next(self._ukprns)) if kind == SettingKind.COLLEGE else ""
        slug = "".join(ch for ch in name.lower() if ch.isalnum())[:30]
        setting = Setting(
            name=name,
            kind=kind,
            phase=real_phase,
            establishment_type=establishment,
            urn=urn,
            ukprn=ukprn,
            places=places,
            locality=locality if in_area else None,
            local_authority="" if in_area else rng.choice(NEIGHBOURING_LAS),
            ofsted_grade=rng.choices([g.value for g in OfstedGrade], weights=[15, 64, 15, 3, 3])[0],
            address=self._address().replace(AREA, AREA if in_area else "Elsewhere"),
            postcode=self._postcode(locality.name) if in_area else "",
            phone=f"0121 496 0{rng.randint(0, 999):03d}",  # Ofcom's range for drama
            email=f"office@{slug}.{DEMO_DOMAIN}",
        )
        return setting, needs

    def _make_mainstream(self, phase: str, i: int) -> tuple:
        rng = self.rng
        establishment = rng.choices(
            [
                EstablishmentType.ACADEMY,
                EstablishmentType.COMMUNITY,
                EstablishmentType.VOLUNTARY_AIDED,
                EstablishmentType.VOLUNTARY_CONTROLLED,
                EstablishmentType.FOUNDATION,
                EstablishmentType.FREE_SCHOOL,
            ],
            weights=[45, 25, 12, 8, 5, 5],
        )[0]
        label = {
            Phase.PRIMARY: "Primary School",
            Phase.INFANT: "Infant School",
            Phase.JUNIOR: "Junior School",
            Phase.SECONDARY: "School",
            Phase.ALL_THROUGH: "All-Through School",
        }[Phase(phase)]

        def make() -> str:
            if establishment == EstablishmentType.VOLUNTARY_AIDED:
                faith = rng.choice(["Catholic", "Church of England"])
                return f"{rng.choice(SAINTS)} {faith} {label}"
            word = self._place_name()
            if establishment in (EstablishmentType.ACADEMY, EstablishmentType.FREE_SCHOOL):
                ending = "Primary Academy" if phase == Phase.PRIMARY else "Academy"
                return f"{word} {ending}"
            return f"{word} {label}"

        return self._unique_name(make), establishment, phase, (), None

    def _make_special(self, phase: str, i: int) -> tuple:
        needs = SPECIAL_SCHOOL_NEEDS[i % len(SPECIAL_SCHOOL_NEEDS)]
        name = self._unique_name(lambda: f"{self._place_name()} School")
        establishment = self.rng.choice(
            [EstablishmentType.MAINTAINED_SPECIAL, EstablishmentType.ACADEMY]
        )
        return name, establishment, phase, needs, self.rng.randrange(60, 251, 5)

    def _make_college(self, phase: str, i: int) -> tuple:
        if i % 3 == 2:
            name = self._unique_name(lambda: f"{self._place_name()} Sixth Form College")
            return name, EstablishmentType.SIXTH_FORM_COLLEGE, phase, (), None
        name = self._unique_name(lambda: f"{AREA} {self._place_name()} College")
        return name, EstablishmentType.FE_COLLEGE, phase, (), None

    def _make_early_years(self, phase: str, i: int) -> tuple:
        establishment = self.rng.choices(
            [EstablishmentType.PRIVATE_NURSERY, EstablishmentType.MAINTAINED_NURSERY],
            weights=[80, 20],
        )[0]
        ending = (
            "Nursery School"
            if establishment == EstablishmentType.MAINTAINED_NURSERY
            else (self.rng.choice(["Day Nursery", "Pre-School", "Children's Nursery"]))
        )
        name = self._unique_name(lambda: f"{self._place_name()} {ending}")
        return name, establishment, phase, (), None

    def _make_independent(self, phase: str, i: int) -> tuple:
        needs = self.rng.choice([(SENType.ASD,), (SENType.SEMH,), (SENType.ASD, SENType.SEMH)])
        establishment = self.rng.choice(
            [EstablishmentType.INDEPENDENT, EstablishmentType.NON_MAINTAINED_SPECIAL]
        )
        name = self._unique_name(
            lambda: f"{self._place_name()} {self.rng.choice(['House', 'Hall', 'Lodge'])}"
        )
        if i % 4 == 3:
            establishment = EstablishmentType.SPECIALIST_POST16
            name = self._unique_name(lambda: f"{self._place_name()} Specialist College")
        return name, establishment, phase, needs, self.rng.randrange(30, 121, 5)

    def _make_alternative(self, phase: str, i: int) -> tuple:
        name = self._unique_name(lambda: f"{self._place_name()} Learning Centre")
        establishment = self.rng.choice(
            [EstablishmentType.PUPIL_REFERRAL_UNIT, EstablishmentType.ACADEMY]
        )
        return name, establishment, phase, (SENType.SEMH,), self.rng.randrange(30, 91, 5)

    def _make_out_of_area(self, phase: str, i: int) -> tuple:
        if i % 2 == 0:
            needs = SPECIAL_SCHOOL_NEEDS[i % len(SPECIAL_SCHOOL_NEEDS)]
            name = self._unique_name(lambda: f"{self._place_name()} School")
            return name, EstablishmentType.MAINTAINED_SPECIAL, Phase.ALL_THROUGH, needs, 120
        if i % 4 == 1:
            name = self._unique_name(lambda: f"{self._place_name()} Primary School")
            return name, EstablishmentType.ACADEMY, Phase.PRIMARY, (), None
        name = self._unique_name(lambda: f"{self._place_name()} High School")
        return name, EstablishmentType.ACADEMY, Phase.SECONDARY, (), None

    def _resource_bases(
        self, schools: list[Setting], n: int
    ) -> tuple[list[Setting], list[tuple[str, ...]]]:
        hosts = [
            s
            for s in schools
            if s.kind == SettingKind.MAINSTREAM_SCHOOL
            and s.phase in (Phase.PRIMARY, Phase.SECONDARY)
        ]
        bases, needs = [], []
        for host in self.rng.sample(hosts, min(n, len(hosts))):
            codes = tuple(self.rng.sample(RESOURCE_BASE_NEEDS, self.rng.choice([1, 1, 2])))
            label = RESOURCE_BASE_LABELS[codes[0]]
            bases.append(
                Setting(
                    name=f"{host.name} {label} Resource Base",
                    kind=SettingKind.RESOURCE_BASE,
                    phase=host.phase,
                    establishment_type=host.establishment_type,
                    host_setting_id=host.pk,
                    places=self.rng.randint(8, 20),
                    locality=host.locality,
                    address=host.address,
                    postcode=host.postcode,
                    phone=host.phone,
                    email=host.email,
                )
            )
            needs.append(codes)
        return bases, [tuple(str(code) for code in row) for row in needs]

    def _index_settings(self, needs: list[tuple[str, ...]]) -> None:
        """Lists of settings to choose from, by kind/phase and locality, and by need."""
        self.by_kind: dict[tuple[str, str], list[Setting]] = defaultdict(list)
        self.by_kind_locality: dict[tuple[str, str, int | None], list[Setting]] = defaultdict(list)
        self.by_need: dict[tuple[str, str], list[Setting]] = defaultdict(list)
        for setting, codes in zip(self.settings, needs, strict=True):
            key = (setting.kind, setting.phase)
            self.by_kind[key].append(setting)
            self.by_kind_locality[(*key, setting.locality_id)].append(setting)
            for code in codes:
                self.by_need[(setting.kind, code)].append(setting)

    # -- organisations ------------------------------------------------------------------------

    def _organisations(self) -> None:
        org = Organisation
        self.council = org(name=f"{AREA} City Council", kind=OrganisationKind.COUNCIL)
        self.icb = org(name=f"{AREA} Integrated Care Board", kind=OrganisationKind.NHS)
        self.health_trust = org(
            name=f"{AREA} Community Health NHS Trust", kind=OrganisationKind.NHS
        )
        self.childrens_trust = org(
            name=f"{AREA} Children's Trust", kind=OrganisationKind.SOCIAL_CARE
        )
        self.ep_service = org(
            name=f"{AREA} Educational Psychology Service", kind=OrganisationKind.EP_SERVICE
        )
        providers = [
            org(name=f"{AREA} SENDIASS", kind=OrganisationKind.PROVIDER),
            org(name="Brightpath Short Breaks", kind=OrganisationKind.PROVIDER),
            org(name="Sunrise Therapy Services", kind=OrganisationKind.PROVIDER),
        ]
        fixed = [self.council, self.icb, self.health_trust, self.childrens_trust, self.ep_service]
        # One organisation per in-area setting that has a SENCO (resource bases share their host's).
        self.setting_orgs = [
            org(name=s.name, kind=OrganisationKind.SETTING, setting_id=s.pk, email=s.email)
            for s in self.settings
            if s.kind not in (SettingKind.RESOURCE_BASE, SettingKind.OUT_OF_AREA)
        ]
        self._save(Organisation, fixed + providers + self.setting_orgs, "organisations")
        self.providers = providers


_SETTING_MAKERS = {
    SettingKind.MAINSTREAM_SCHOOL: AreaSteps._make_mainstream,
    SettingKind.SPECIAL_SCHOOL: AreaSteps._make_special,
    SettingKind.COLLEGE: AreaSteps._make_college,
    SettingKind.EARLY_YEARS: AreaSteps._make_early_years,
    SettingKind.INDEPENDENT: AreaSteps._make_independent,
    SettingKind.ALTERNATIVE_PROVISION: AreaSteps._make_alternative,
    SettingKind.OUT_OF_AREA: AreaSteps._make_out_of_area,
}
