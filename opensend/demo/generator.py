"""Build a synthetic local area, "Anytown", for demos, tests and benchmarks.

Everything here is invented: names come from Faker (en_GB) and fixed word lists, postcodes use the
"AT" area (there is no such UK postcode area), phone numbers are Ofcom's drama ranges, NHS numbers
use the 999 test range, UPNs use the demo LA code 999, URNs are 9xxxxx and UKPRNs 19xxxxxx.
The same seed always gives the same area.

Rows are written with ``bulk_create`` and no audit entries: loading demo data is a system action,
not a person changing a record (see docs/demo-area.md).
"""

from __future__ import annotations

import math
import random
from bisect import bisect
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from itertools import accumulate
from typing import Any, cast

from django.contrib.auth.hashers import make_password
from django.db import models, transaction
from django.test.utils import override_settings
from faker import Faker
from tqdm import tqdm

from opensend import statutory
from opensend.accounts.models import Membership, Organisation, Team, User
from opensend.accounts.roles import OrganisationKind, Role
from opensend.demo.cases import build_demo_cases
from opensend.demo.disputes import build_demo_disputes
from opensend.demo.plans import build_demo_plans
from opensend.demo.reviews import build_demo_reviews
from opensend.demo.transfers import build_demo_transfers_and_cessations
from opensend.people.codes import (
    AccessibleFormat,
    Channel,
    EstablishmentType,
    Ethnicity,
    OfstedGrade,
    Phase,
    Relationship,
    SENType,
    SettingKind,
    Sex,
)
from opensend.people.identifiers import make_upn, nhs_number_problem
from opensend.people.models import (
    Child,
    Consent,
    Enrolment,
    FamilyMember,
    FamilyRelationship,
    Locality,
    NeedType,
    ProfessionalInvolvement,
    Setting,
)

DEMO_PASSWORD = "opensend-demo"  # noqa: S105 - a published demo password, never for real use
DEMO_DOMAIN = "demo.opensend.test"
DEMO_LA_CODE = "999"
AREA = "Anytown"
MIN_CHILDREN = 50
BATCH = 2000
# At this many children (a large city's EHC plans) the area has its full set of settings.
FULL_SCALE_CHILDREN = 12_000

LOCALITIES = ("North", "South", "East", "West", "Central")
POSTCODE_DISTRICTS = {
    "North": (1, 2),
    "South": (3, 4),
    "East": (5, 6),
    "West": (7, 8),
    "Central": (9,),
}
NEIGHBOURING_LAS = ("Northshire", "Eastvale", "Westmoor", "Southbridge", "Riverford")

# ----------------------------------------------------------------------------- demo logins


@dataclass(frozen=True)
class DemoLogin:
    email: str
    role: Role
    sees: str


def _login(local: str, role: Role, sees: str) -> DemoLogin:
    return DemoLogin(f"{local}@{DEMO_DOMAIN}", role, sees)


DEMO_LOGINS: tuple[DemoLogin, ...] = (
    _login("caseworker", Role.CASEWORKER, "their caseload and their team's cases"),
    _login("manager", Role.TEAM_MANAGER, "their team's cases"),
    _login("ep", Role.EDUCATIONAL_PSYCHOLOGIST, "children the EP service works with"),
    _login("health", Role.HEALTH, "children the community health trust works with"),
    _login("socialcare", Role.SOCIAL_CARE, "children the children's trust works with"),
    _login("senco", Role.SENCO, "pupils on roll at their school"),
    _login("parent", Role.PARENT, "their own two children"),
    _login("youngperson", Role.YOUNG_PERSON, "their own record"),
    _login("editor", Role.LOCAL_OFFER_EDITOR, "Local Offer entries; no child records"),
    _login("board", Role.BOARD_MEMBER, "aggregates only; no child records"),
    _login("analyst", Role.ANALYST, "KPIs and pseudonymised exports; no child records"),
    _login("admin", Role.ADMIN, "everything (configuration and all records)"),
)
LOGIN_BY_ROLE = {login.role: login for login in DEMO_LOGINS}


@dataclass(frozen=True)
class LoginRow:
    email: str
    password: str
    role: str
    sees: str
    child_records: int | None  # None when the login is not in the database


def demo_login_rows() -> list[LoginRow]:
    """One row per demo login, with how many child records each can see right now."""
    users = {u.email: u for u in User.objects.filter(email__in=[d.email for d in DEMO_LOGINS])}
    rows = []
    for login in DEMO_LOGINS:
        user = users.get(login.email)
        count = Child.objects.visible_to(user).count() if user is not None else None
        rows.append(LoginRow(login.email, DEMO_PASSWORD, login.role.label, login.sees, count))
    return rows


# ----------------------------------------------------------------------------- proportions

# (kind, phase) -> number of settings at full scale, and the minimum at any scale.
SETTING_PLAN: dict[tuple[str, str], tuple[int, int]] = {
    (SettingKind.MAINSTREAM_SCHOOL, Phase.PRIMARY): (300, 2),
    (SettingKind.MAINSTREAM_SCHOOL, Phase.SECONDARY): (80, 1),
    (SettingKind.MAINSTREAM_SCHOOL, Phase.INFANT): (6, 1),
    (SettingKind.MAINSTREAM_SCHOOL, Phase.JUNIOR): (6, 1),
    (SettingKind.MAINSTREAM_SCHOOL, Phase.ALL_THROUGH): (4, 1),
    (SettingKind.SPECIAL_SCHOOL, Phase.ALL_THROUGH): (27, 2),
    (SettingKind.RESOURCE_BASE, Phase.NOT_APPLICABLE): (42, 1),  # phase copied from the host
    (SettingKind.COLLEGE, Phase.POST16): (10, 1),
    (SettingKind.EARLY_YEARS, Phase.NURSERY): (60, 1),
    (SettingKind.INDEPENDENT, Phase.ALL_THROUGH): (15, 1),
    (SettingKind.ALTERNATIVE_PROVISION, Phase.SECONDARY): (8, 1),
    (SettingKind.OUT_OF_AREA, Phase.NOT_APPLICABLE): (20, 1),
}

AGE_WEIGHTS = (1, 2, 3, 5, 7, 8, 9, 9, 9, 9, 9, 9, 9, 9, 9, 8, 7, 6, 5, 3, 2, 2, 1.5, 1, 1, 0.8)

NEED_WEIGHTS: dict[str, float] = {
    SENType.ASD: 33,
    SENType.SLCN: 21,
    SENType.SEMH: 15,
    SENType.MLD: 10,
    SENType.SLD: 6,
    SENType.PD: 3,
    SENType.SPLD: 3,
    SENType.PMLD: 2,
    SENType.HI: 2,
    SENType.VI: 1,
    SENType.MSI: 0.5,
    SENType.DS: 1,
    SENType.OTH: 2.5,
}
# Chance that a child with this primary need is taught in a special school (about 40% overall).
SPECIAL_CHANCE: dict[str, float] = {
    SENType.PMLD: 0.9,
    SENType.SLD: 0.85,
    SENType.MSI: 0.6,
    SENType.DS: 0.5,
    SENType.ASD: 0.4,
    SENType.SEMH: 0.3,
    SENType.PD: 0.3,
    SENType.MLD: 0.3,
    SENType.HI: 0.2,
    SENType.VI: 0.2,
    SENType.OTH: 0.2,
    SENType.SLCN: 0.15,
    SENType.SPLD: 0.05,
}
SPECIAL_SCHOOL_NEEDS = (
    (SENType.ASD,),
    (SENType.ASD, SENType.SLCN),
    (SENType.SLD, SENType.PMLD),
    (SENType.SLD,),
    (SENType.PMLD, SENType.MSI),
    (SENType.SEMH,),
    (SENType.MLD, SENType.SLCN),
    (SENType.HI, SENType.VI),
    (SENType.PD, SENType.MSI),
    (SENType.MLD, SENType.DS, SENType.SLD),
)
RESOURCE_BASE_NEEDS = (
    SENType.ASD,
    SENType.SLCN,
    SENType.HI,
    SENType.VI,
    SENType.PD,
    SENType.SEMH,
    SENType.MLD,
)

# Ethnicity -> (weight %, name pool, {home language: chance})
ETHNICITY_MIX: dict[str, tuple[float, str, dict[str, float]]] = {
    Ethnicity.WBRI: (41, "en", {}),
    Ethnicity.WIRI: (0.6, "en", {}),
    Ethnicity.WIRT: (0.3, "en", {}),
    Ethnicity.WROM: (1, "romanian", {"Romanian": 0.6}),
    Ethnicity.WOTH: (5, "eastern_european", {"Polish": 0.45, "Romanian": 0.25}),
    Ethnicity.MWBC: (4, "en", {}),
    Ethnicity.MWBA: (1, "en", {}),
    Ethnicity.MWAS: (2, "en", {}),
    Ethnicity.MOTH: (3, "en", {}),
    Ethnicity.AIND: (4.5, "indian", {"Punjabi": 0.3}),
    Ethnicity.APKN: (14, "pakistani", {"Urdu": 0.35, "Punjabi": 0.15}),
    Ethnicity.ABAN: (4, "bangladeshi", {"Bengali": 0.5}),
    Ethnicity.AOTH: (2.5, "pakistani", {"Urdu": 0.2}),
    Ethnicity.BCRB: (4, "en", {}),
    Ethnicity.BAFR: (7, "somali", {"Somali": 0.35}),
    Ethnicity.BOTH: (1.5, "en", {}),
    Ethnicity.CHNE: (0.5, "en", {}),
    Ethnicity.OOTH: (2.4, "arabic", {"Arabic": 0.5}),
    Ethnicity.REFU: (0.7, "en", {}),
    Ethnicity.NOBT: (1, "en", {}),
}

# Fixed name lists for heritages Faker's en_GB locale does not cover (male, female, family).
NAME_POOLS: dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {
    "pakistani": (
        (
            "Muhammad",
            "Ali",
            "Hamza",
            "Ibrahim",
            "Yusuf",
            "Zain",
            "Bilal",
            "Ayaan",
            "Rayyan",
            "Umar",
        ),
        ("Aisha", "Fatima", "Maryam", "Zara", "Hafsa", "Inaya", "Amna", "Khadija", "Safa", "Noor"),
        ("Khan", "Hussain", "Akhtar", "Iqbal", "Mahmood", "Shah", "Raza", "Bibi", "Malik", "Butt"),
    ),
    "bangladeshi": (
        ("Rahim", "Arif", "Tanvir", "Sami", "Imran", "Faisal", "Rayhan", "Nabil", "Jamal"),
        ("Nusrat", "Sadia", "Tahmina", "Ruma", "Farzana", "Sumaiya", "Jannat", "Lamia"),
        ("Begum", "Miah", "Uddin", "Ahmed", "Rahman", "Islam", "Chowdhury", "Hoque", "Ali"),
    ),
    "indian": (
        ("Arjun", "Harjit", "Gurpreet", "Rohan", "Dev", "Amrit", "Jaspal", "Kiran", "Sunil"),
        ("Priya", "Simran", "Harleen", "Anika", "Navdeep", "Meera", "Jasleen", "Asha"),
        ("Singh", "Kaur", "Patel", "Sandhu", "Gill", "Sharma", "Bains", "Dhillon", "Mistry"),
    ),
    "somali": (
        ("Abdi", "Mohamed", "Hassan", "Abdullahi", "Liban", "Omar", "Yasin", "Mustafe"),
        ("Hodan", "Amina", "Ifrah", "Sahra", "Ayan", "Hibo", "Nasra", "Ubah"),
        ("Abdi", "Farah", "Mohamed", "Hassan", "Warsame", "Osman", "Nur", "Jama", "Aden"),
    ),
    "arabic": (
        ("Ahmad", "Khalid", "Omar", "Youssef", "Karim", "Tariq", "Sami", "Adam"),
        ("Layla", "Nour", "Salma", "Rania", "Huda", "Yasmin", "Dalia", "Lina"),
        ("Haddad", "Mansour", "Saleh", "Nasser", "Khalil", "Aziz", "Hamdan", "Said"),
    ),
    "eastern_european": (
        ("Jakub", "Kacper", "Szymon", "Filip", "Mateusz", "Andrei", "Piotr", "Tomasz"),
        ("Zofia", "Lena", "Julia", "Maja", "Natalia", "Alicja", "Oliwia", "Hanna"),
        ("Nowak", "Kowalski", "Wisniewski", "Kaminski", "Lewandowski", "Zielinski", "Wojcik"),
    ),
    "romanian": (
        ("Andrei", "Alexandru", "Mihai", "Stefan", "Ionut", "Gabriel", "Darius", "Luca"),
        ("Maria", "Ioana", "Elena", "Andreea", "Bianca", "Daria", "Sofia", "Larisa"),
        ("Popescu", "Ionescu", "Stan", "Dumitru", "Lazar", "Munteanu", "Rusu", "Matei"),
    ),
}

SCHOOL_WORDS = (
    "Oakfield",
    "Riverside",
    "Hillcrest",
    "Meadowbank",
    "Brookside",
    "Elmwood",
    "Ashgrove",
    "Beechwood",
    "Cedar Park",
    "Fernhill",
    "Greenway",
    "Hazelwood",
    "Kingsmead",
    "Larchfield",
    "Maple Grove",
    "Northgate",
    "Orchard",
    "Parkside",
    "Queensbury",
    "Rosewood",
    "Springfield",
    "Thornbury",
    "Upton",
    "Valley Road",
    "Willowbrook",
    "Yewtree",
    "Abbey Lane",
    "Birchfield",
    "Chestnut",
    "Dovecote",
    "Eastbrook",
    "Foxhill",
    "Glenfield",
    "Heathside",
    "Ivy Bank",
    "Juniper",
    "Kestrel",
    "Lakeside",
    "Millbrook",
    "Nightingale",
    "Oakwood",
    "Pinewood",
    "Quarry Hill",
    "Redwood",
    "Stonebridge",
    "Tanners",
    "Vicarage",
    "Westfield",
    "Windmill",
    "Sycamore",
    "Holly Bank",
    "Moorside",
    "Castle Vale",
    "Bridgeway",
    "Canal Side",
    "Heron",
)
SAINTS = (
    "St Mary's",
    "St Joseph's",
    "St Peter's",
    "St Anne's",
    "St John's",
    "St Luke's",
    "St Michael's",
    "Holy Trinity",
    "St Chad's",
    "St Thomas's",
)
STREETS = (
    "High",
    "Church",
    "Station",
    "Park",
    "Victoria",
    "Mill",
    "School",
    "Green",
    "Albert",
    "Queens",
    "Kings",
    "Grange",
    "Manor",
    "Chapel",
    "Orchard",
    "Willow",
    "Canal",
    "Coronation",
    "Elm",
    "Beech",
    "Windsor",
    "Stanley",
    "Brook",
    "Meadow",
)
PLACE_QUALIFIERS = ("Park", "Green", "Hill", "Vale", "Fields", "Bridge", "Heath", "Road", "Mill")
RESOURCE_BASE_LABELS = {
    SENType.ASD: "Autism",
    SENType.SLCN: "Speech and Language",
    SENType.HI: "Hearing Impairment",
    SENType.VI: "Vision Impairment",
    SENType.PD: "Physical Disability",
    SENType.SEMH: "Nurture",
    SENType.MLD: "Learning Support",
}
STREET_TYPES = ("Road", "Street", "Lane", "Avenue", "Close", "Drive", "Grove", "Way", "Crescent")
POSTCODE_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"  # the inward-code letters Royal Mail uses


class _Weighted:
    """Pick from fixed weights quickly (cumulative weights worked out once)."""

    def __init__(self, weights: dict) -> None:
        self.keys = list(weights)
        self.cumulative = list(accumulate(_first(weights[k]) for k in self.keys))
        self.total = self.cumulative[-1]

    def __call__(self, rng: random.Random) -> Any:
        return self.keys[bisect(self.cumulative, rng.random() * self.total)]


def _first(value: float | tuple) -> float:
    return value[0] if isinstance(value, tuple) else value


PICK_ETHNICITY = _Weighted(ETHNICITY_MIX)
PICK_NEED = _Weighted(NEED_WEIGHTS)
PICK_AGE = _Weighted(dict(enumerate(AGE_WEIGHTS)))
PICK_LOCALITY = _Weighted({0: 21, 1: 20, 2: 20, 3: 19, 4: 20})
PICK_CHANNEL = _Weighted({Channel.EMAIL: 70, Channel.SMS: 15, Channel.LETTER: 8, Channel.PHONE: 7})
PICK_FORMAT = _Weighted(dict(zip(AccessibleFormat, (92, 2, 4, 0.5, 1, 0.5), strict=True)))
PICK_CARER = _Weighted(
    {
        Relationship.MOTHER: 92,
        Relationship.GRANDPARENT: 3,
        Relationship.KINSHIP_CARER: 3,
        Relationship.SPECIAL_GUARDIAN: 2,
    }
)


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


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


def _years_after(day: date, years: int) -> date:
    return _years_before(day, -years)


# ----------------------------------------------------------------------------- result


@dataclass(frozen=True)
class DemoSummary:
    localities: int
    settings: int
    organisations: int
    teams: int
    users: int
    memberships: int
    children: int
    enrolments: int
    family_members: int
    family_relationships: int
    involvements: int
    consents: int
    cases: int = 0
    plans: int = 0
    disputes: int = 0
    reviews: int = 0
    transfers: int = 0
    settings_by_kind: dict[str, int] = field(default_factory=dict)

    def lines(self) -> list[str]:
        kinds = ", ".join(
            f"{n} {SettingKind(k).label.lower()}" for k, n in self.settings_by_kind.items()
        )
        return [
            f"{self.children} children and young people, {self.family_members} family members "
            f"({self.family_relationships} relationships), {self.enrolments} enrolments",
            f"{self.settings} settings: {kinds}",
            f"{self.organisations} organisations, {self.teams} SENAR teams, {self.users} users, "
            f"{self.memberships} memberships",
            f"{self.involvements} professional involvements, {self.consents} consents",
            f"{self.cases} EHC needs assessment cases in every state, {self.plans} EHC plans",
            f"{self.reviews} annual reviews (with amendments), {self.transfers} phase transfers "
            "and cease decisions",
            f"{self.disputes} complaints, mediation cases and appeals",
        ]


# What the area is built from, in order; each stage reads what the earlier ones made.
STAGES = ("people", "cases", "plans", "reviews", "transfers", "disputes")


def build_demo_area(
    *,
    children: int = 3000,
    seed: int = 1,
    today: date,
    progress: bool = True,
    stop_after: str = "disputes",
) -> DemoSummary:
    """Build the whole synthetic area in one transaction and say what was made.

    `stop_after` builds only the first stages (tests of one stage's builder use it)."""
    if stop_after not in STAGES:
        raise ValueError(f"stop_after must be one of {', '.join(STAGES)}")
    wanted = STAGES[: STAGES.index(stop_after) + 1]
    if children < MIN_CHILDREN:
        raise ValueError(f"A demo area needs at least {MIN_CHILDREN} children.")
    builder = _Builder(children=children, seed=seed, today=today, progress=progress)
    # With DEBUG on (make run), Django keeps and formats every SQL statement: at 25,000 children
    # that costs seconds and hundreds of megabytes, so switch the query log off while we build.
    with override_settings(DEBUG=False), transaction.atomic():
        summary = builder.build()
        made: dict[str, Any] = {
            stage: build(seed=seed, today=today)
            for stage, build in _LATER_STAGES.items()
            if stage in wanted
        }
        return replace(summary, **made)


_LATER_STAGES = {
    "cases": build_demo_cases,
    "plans": build_demo_plans,
    "reviews": build_demo_reviews,
    "transfers": build_demo_transfers_and_cessations,
    "disputes": build_demo_disputes,
}


# ----------------------------------------------------------------------------- the builder


@dataclass
class _Family:
    members: list[FamilyMember]
    roles: list[tuple[str, bool, bool, bool]]  # relationship, PR, lives with, main contact


class _Builder:
    def __init__(self, *, children: int, seed: int, today: date, progress: bool) -> None:
        self.n = children
        self.today = today
        self.rng = random.Random(seed)
        self.fake = Faker("en_GB")
        self.fake.seed_instance(seed)
        self.scale = min(1.0, children / FULL_SCALE_CHILDREN)
        self.password = make_password(DEMO_PASSWORD)  # hashed once, shared by every demo user
        self.bar = tqdm(total=children * 4, unit="child", disable=not progress, leave=False)
        self._serial = Counter[str]()
        self._names_en = self._english_names()
        self.counts = Counter[str]()

    # -- helpers ------------------------------------------------------------------------------

    def _english_names(self) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
        def pool(make, n: int) -> tuple[str, ...]:
            return tuple(dict.fromkeys(make() for _ in range(n)))

        return (
            pool(self.fake.first_name_male, 1500),
            pool(self.fake.first_name_female, 1500),
            pool(self.fake.last_name, 2500),
        )

    def _pool(self, name: str) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
        return NAME_POOLS.get(name, self._names_en)

    def _next(self, key: str) -> int:
        self._serial[key] += 1
        return self._serial[key]

    def _postcode(self, locality: str) -> str:
        district = self.rng.choice(POSTCODE_DISTRICTS[locality])
        letters = self.rng.choice(POSTCODE_LETTERS) + self.rng.choice(POSTCODE_LETTERS)
        return f"AT{district} {self.rng.randint(1, 9)}{letters}"

    def _address(self) -> str:
        street = f"{self.rng.choice(STREETS)} {self.rng.choice(STREET_TYPES)}"
        return f"{self.rng.randint(1, 240)} {street}\n{AREA}"

    def _mobile(self) -> str:
        return f"07700 900{self.rng.randint(0, 999):03d}"  # Ofcom's range for drama

    def _save(self, model: type[models.Model], rows: Sequence[Any], key: str) -> None:
        for start in range(0, len(rows), BATCH):
            model._default_manager.bulk_create(rows[start : start + BATCH])
        self.counts[key] += len(rows)

    def _save_with_progress(
        self, model: type[models.Model], rows: Sequence[Any], key: str, per_child: float
    ) -> None:
        for start in range(0, len(rows), BATCH):
            chunk = rows[start : start + BATCH]
            model._default_manager.bulk_create(chunk)
            self.bar.update(round(len(chunk) * per_child))
        self.counts[key] += len(rows)

    # -- the steps ----------------------------------------------------------------------------

    def build(self) -> DemoSummary:
        self.bar.set_description("Settings and staff")
        self._localities()
        self._settings()
        self._organisations()
        self._teams_and_staff()
        self.bar.set_description("Children")
        self._plan_children()
        self._plan_enrolments()
        self._sencos()
        self._young_person()
        self._plan_families()
        self.bar.set_description("Saving children")
        self._save_with_progress(Child, self.children, "children", 1)
        self.bar.set_description("Families and places")
        self._save_enrolments()
        self._save_families()
        self.bar.set_description("Professionals and consent")
        self._involvements()
        self._consents()
        self.bar.close()
        return self._summary()

    def _summary(self) -> DemoSummary:
        by_kind = Counter(s.kind for s in self.settings)
        return DemoSummary(
            localities=len(self.localities),
            settings=len(self.settings),
            organisations=self.counts["organisations"],
            teams=len(self.teams),
            users=self.counts["users"],
            memberships=self.counts["memberships"],
            children=self.counts["children"],
            enrolments=self.counts["enrolments"],
            family_members=self.counts["family_members"],
            family_relationships=self.counts["family_relationships"],
            involvements=self.counts["involvements"],
            consents=self.counts["consents"],
            settings_by_kind={k.value: by_kind[k.value] for k in SettingKind if by_kind[k.value]},
        )

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

    # -- organisations, teams and staff -------------------------------------------------------

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
        for child in self.children:
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

    def _save_enrolments(self) -> None:
        rows = [
            Enrolment(child_id=self.children[i].pk, setting_id=setting.pk, started_on=start)
            for i, setting, start in self.enrolments
        ]
        self._save_with_progress(Enrolment, rows, "enrolments", self.n / max(1, len(rows)) / 3)

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


_SETTING_MAKERS = {
    SettingKind.MAINSTREAM_SCHOOL: _Builder._make_mainstream,
    SettingKind.SPECIAL_SCHOOL: _Builder._make_special,
    SettingKind.COLLEGE: _Builder._make_college,
    SettingKind.EARLY_YEARS: _Builder._make_early_years,
    SettingKind.INDEPENDENT: _Builder._make_independent,
    SettingKind.ALTERNATIVE_PROVISION: _Builder._make_alternative,
    SettingKind.OUT_OF_AREA: _Builder._make_out_of_area,
}
