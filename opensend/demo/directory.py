"""A synthetic Local Offer for the demo area: hundreds of services across the SEND taxonomy.

Built after the people stage (the area's schools and settings appear as entries through
`directory.services.service_entries_from_settings`, never typed twice). Then organisations
(charities, the NHS trust, the council, SENDIASS) and services of every type in every postcode
district: short breaks, activities and clubs, therapies, support while waiting, preparing for
adulthood, family support, travel; with times, costs, accessibility, languages, contacts, and a
"last checked" date that is sometimes more than a year old (stale), and some feedback. Every name,
phone number (Ofcom's drama ranges) and address is made up. Deterministic from the seed; rows are
bulk-inserted.
"""

import random
from datetime import UTC, date, datetime, time
from decimal import Decimal
from typing import Any, TypeVar

from django.conf import settings

from opensend.accounts.models import Organisation as AccountOrganisation
from opensend.accounts.roles import OrganisationKind
from opensend.demo.directory_files import build_demo_directory_files
from opensend.directory import geography
from opensend.directory.models import (
    Accessibility,
    AccessRoute,
    Attribute,
    Contact,
    CostOption,
    Feedback,
    FeedbackKind,
    Funding,
    Language,
    Location,
    Organization,
    Phone,
    Schedule,
    SearchWithoutResults,
    Service,
    ServiceArea,
    ServiceAtLocation,
)
from opensend.directory.services import service_entries_from_settings, taxonomy_ensure

Row = TypeVar("Row")

SERVICES_PER_DISTRICT = 36  # 9 districts: about 320 services, plus the settings
STALE_SHARE = 0.2

PROVIDER_WORDS = (
    "Rainbow",
    "Riverside",
    "Oak Tree",
    "Kingfisher",
    "Lighthouse",
    "Meadow",
    "Compass",
    "Sunflower",
    "Harbour",
    "Willow",
    "Beacon",
    "Orchard",
)
PROVIDER_KINDS = ("Trust", "CIC", "Charity", "Community Group", "Foundation")
STREETS = (
    "High Street",
    "Park Road",
    "Church Lane",
    "Station Road",
    "Mill Lane",
    "Victoria Road",
    "The Green",
    "Canal Side",
    "Market Square",
    "School Lane",
)
LANGUAGES = (
    ("Punjabi", "pa"),
    ("Urdu", "ur"),
    ("Polish", "pl"),
    ("Bengali", "bn"),
    ("Arabic", "ar"),
    ("British Sign Language", "sgn-gb"),
    ("Somali", "so"),
)
ACCESS_FEATURES = (
    ("Step-free access", "Ramp at the main entrance; lift to every floor."),
    ("Accessible toilet", "With a changing bench and hoist (Changing Places)."),
    ("Quiet room", "A calm space to take a break."),
    ("Hearing loop", "At reception and in the main hall."),
    ("Visual timetable", "Pictures show what happens next."),
    ("Parking", "Blue badge spaces by the door."),
)
DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")

# (service type code, name patterns, description, ages, access route, chance of a cost)
KINDS: tuple[tuple[str, tuple[str, ...], str, tuple[int, int], str, float], ...] = (
    (
        "type-activities",
        (
            "{w} Swimming Club",
            "{w} Football Club",
            "{w} Drama Group",
            "{w} Youth Club",
            "{w} Art Club",
            "{w} Climbing Sessions",
            "{w} Dance Class",
            "{w} Holiday Club",
        ),
        "Relaxed sessions with small groups, trained staff and time to settle in.",
        (5, 18),
        AccessRoute.SELF_REFERRAL,
        0.5,
    ),
    (
        "type-short-breaks",
        (
            "{w} Saturday Play Scheme",
            "{w} After-school Short Breaks",
            "{w} Overnight Short Breaks",
            "{w} Holiday Play Scheme",
        ),
        "Short breaks give disabled children fun time away and their carers a rest. Staff are "
        "trained in personal care, communication and medication.",
        (4, 18),
        AccessRoute.EITHER,
        0.2,
    ),
    (
        "type-salt",
        ("{w} Speech and Language Drop-in", "{w} Talking Together Group"),
        "Advice and therapy for children who find talking and understanding hard.",
        (0, 18),
        AccessRoute.REFERRAL,
        0.0,
    ),
    (
        "type-ot",
        ("{w} Sensory Clinic", "{w} Occupational Therapy Service"),
        "Help with everyday skills, handwriting, dressing and sensory needs.",
        (0, 18),
        AccessRoute.REFERRAL,
        0.0,
    ),
    (
        "type-physio",
        ("{w} Children's Physiotherapy",),
        "Help with movement, balance and strength.",
        (0, 18),
        AccessRoute.REFERRAL,
        0.0,
    ),
    (
        "type-waiting-well",
        ("{w} Waiting Well Workshops", "{w} Understanding Autism Course", "{w} ADHD Parent Group"),
        "For families waiting for an autism or ADHD assessment, or for therapy: ideas that help "
        "now, and other parents to talk to. You do not need a diagnosis.",
        (0, 18),
        AccessRoute.SELF_REFERRAL,
        0.0,
    ),
    (
        "type-pfa",
        (
            "{w} Supported Internships",
            "{w} Travel Training",
            "{w} Independent Living Skills",
            "{w} Work Experience Club",
        ),
        "Help towards work, living more independently, staying healthy and friends.",
        (14, 25),
        AccessRoute.EITHER,
        0.1,
    ),
    (
        "type-family-support",
        ("{w} Parent Carer Forum", "{w} Siblings Group", "{w} Family Support Workers"),
        "Support for parents, carers, brothers and sisters.",
        (0, 25),
        AccessRoute.SELF_REFERRAL,
        0.0,
    ),
)
NEED_CODES = (
    "need-asd",
    "need-slcn",
    "need-semh",
    "need-mld",
    "need-sld",
    "need-pmld",
    "need-spld",
    "need-hi",
    "need-vi",
    "need-pd",
)
AGE_TERMS = {"age-0-4": (0, 4), "age-5-11": (5, 11), "age-11-16": (11, 16), "age-16-25": (16, 25)}


def _days_ago(today: date, days: int) -> date:
    # Made-up review dates for the demo (not statutory): counted in whole days.
    return date.fromordinal(today.toordinal() - days)


class _DirectoryMaker:
    def __init__(self, *, seed: int, today: date) -> None:
        self.rng = random.Random(f"directory-{seed}")
        self.today = today
        self.terms = taxonomy_ensure()
        self.rows: dict[type, list[Any]] = {}

    def add(self, row: Row) -> Row:
        self.rows.setdefault(type(row), []).append(row)
        return row

    def organisations(self) -> list[Organization]:
        # The area's service providers (accounts) keep the charities' entries: their Local Offer
        # editors' changes wait for the council's approval.
        owners = list(
            AccountOrganisation.objects.filter(kind=OrganisationKind.PROVIDER).order_by("pk")
        )
        orgs = [
            Organization(
                name=f"{w} {self.rng.choice(PROVIDER_KINDS)}",
                description=f"A made-up local provider for the demo area ({w}).",
                email=f"hello@{w.lower().replace(' ', '')}.example.org",
            )
            for w in PROVIDER_WORDS
        ]
        for n, org in enumerate(orgs):
            org.owner = owners[n % len(owners)] if owners else None
        orgs.append(
            Organization(
                name="Anytown Children's NHS Trust",
                description="Children's community health services.",
            )
        )
        Organization.objects.bulk_create(orgs)
        return orgs

    def sendiass(self) -> None:
        org = Organization.objects.create(
            name="Anytown SENDIASS",
            description="The SEND information, advice and support service: free, impartial and "
            "confidential (SEND Code of Practice 2.17).",
        )
        service = self.add(
            Service(
                organization=org,
                name="Anytown SEND Information, Advice and Support Service",
                description="Free, impartial, confidential advice about SEND for parents, children "
                "and young people: EHC needs assessments, plans, reviews, appeals and school.",
                application_process="Phone, email or use the contact form. You can also ask "
                "anyone who works with your child to refer you.",
                access_route=AccessRoute.SELF_REFERRAL,
                minimum_age=0,
                maximum_age=25,
                assured_date=_days_ago(self.today, 30),
                email="sendiass@example.org",
            )
        )
        self.location(service, "AT9", online=True)
        self.schedule(service, ("MO", "TU", "WE", "TH", "FR"), time(9), time(17))
        self.add(
            Phone(service=service, number="0121 496 0500", type="voice", description="Helpline")
        )
        for code in ("type-sendiass", "type-family-support"):
            self.add(Attribute(service=service, taxonomy_term=self.terms[code]))

    def showcase(self, org: Organization) -> None:
        """One entry the demo script can always find: an autism-friendly, free Saturday activity
        for primary-age children in the centre of town, checked last month."""
        service = self.add(
            Service(
                organization=org,
                name="Autism-friendly Saturday Swimming",
                description="Quiet, relaxed swimming with the lights and music turned down, small "
                "groups and a coach in the water. Brothers and sisters welcome.",
                eligibility_description="Autistic children aged 5 to 16 and their families.",
                application_process="Phone or email to book. Your first session is a visit.",
                access_route=AccessRoute.SELF_REFERRAL,
                minimum_age=5,
                maximum_age=16,
                assured_date=_days_ago(self.today, 28),
                email="swim@example.org",
            )
        )
        self.location(service, "AT9")
        self.schedule(service, ("SA",), time(10), time(12))
        self.add(Phone(service=service, number="0121 496 0321", type="voice"))
        for code in ("type-activities", "need-asd", "age-5-11", "age-11-16"):
            self.add(Attribute(service=service, taxonomy_term=self.terms[code]))

    def location(self, service: Service, district: str, *, online: bool = False) -> None:
        lat, lon = geography.district_centres()[district]
        # Scatter within the district (about a mile), fixed by the seed.
        location = self.add(
            Location(
                name=f"{service.name.split(' ')[0]} Centre, {district}",
                address_1=f"{self.rng.randint(1, 200)} {self.rng.choice(STREETS)}",
                city="Anytown",
                postal_code=self._postcode(district),
                latitude=round(lat + self.rng.uniform(-0.012, 0.012), 5),
                longitude=round(lon + self.rng.uniform(-0.018, 0.018), 5),
                location_type="virtual" if online else "physical",
            )
        )
        self.add(ServiceAtLocation(service=service, location=location))
        for description, details in self.rng.sample(ACCESS_FEATURES, self.rng.randint(1, 4)):
            self.add(Accessibility(location=location, description=description, details=details))

    def _postcode(self, district: str) -> str:
        letters = "ABDEFGHJLNPQRSTUWXYZ"
        tail = self.rng.choice(letters) + self.rng.choice(letters)
        return f"{district} {self.rng.randint(1, 9)}{tail}"

    def schedule(
        self,
        service: Service,
        days: tuple[str, ...],
        opens: time,
        closes: time,
        *,
        term_time: bool = False,
    ) -> None:
        self.add(
            Schedule(
                service=service,
                byday=",".join(days),
                opens_at=opens,
                closes_at=closes,
                term_time_only=term_time,
                description="Term time only" if term_time else "",
            )
        )

    def service(self, org: Organization, district: str, kind: tuple, serial: int) -> None:
        code, patterns, description, (low, high), route, paid_chance = kind
        rng = self.rng
        name = rng.choice(patterns).format(w=f"{district} {rng.choice(PROVIDER_WORDS)}")
        needs = rng.sample(NEED_CODES, rng.randint(1, 3))
        lo = rng.choice([a for a in (0, 4, 5, 8, 11, 14, 16) if low <= a < high] or [low])
        hi = rng.choice([a for a in (11, 16, 18, 19, 25) if lo < a <= high] or [high])
        stale = rng.random() < STALE_SHARE
        reviewed = _days_ago(self.today, rng.randint(380, 900) if stale else rng.randint(0, 330))
        autism_friendly = "need-asd" in needs and code == "type-activities"
        service = self.add(
            Service(
                organization=org,
                name=("Autism-friendly " + name)
                if autism_friendly and rng.random() < 0.6
                else name,
                description=description,
                eligibility_description=f"Children and young people aged {lo} to {hi}.",
                application_process={
                    AccessRoute.SELF_REFERRAL: "Phone or email to book a place.",
                    AccessRoute.REFERRAL: "Ask your GP, health visitor or school to refer you.",
                    AccessRoute.EITHER: "Phone us, or ask a professional to refer you. For short "
                    "breaks through social care, ask the Disabled Children's Team.",
                }[route],
                access_route=route,
                minimum_age=lo,
                maximum_age=hi,
                assured_date=reviewed,
                email=f"service{serial}@example.org",
            )
        )
        self.location(service, district)
        weekend = rng.random() < 0.4
        days = (
            (rng.choice(("SA", "SU")),)
            if weekend
            else tuple(sorted(rng.sample(DAYS[:5], rng.randint(1, 3)), key=DAYS.index))
        )
        opens = time(rng.choice((9, 10, 13, 16)))
        self.schedule(
            service,
            days,
            opens,
            time(opens.hour + rng.choice((1, 2, 3))),
            term_time=not weekend and rng.random() < 0.5,
        )
        if rng.random() < paid_chance:
            self.add(
                CostOption(
                    service=service,
                    option="Per session",
                    amount=Decimal(rng.choice(("2.50", "4.00", "5.00", "8.00"))),
                )
            )
        self.add(Phone(service=service, number=f"0121 496 {rng.randint(0, 999):04d}", type="voice"))
        contact = self.add(Contact(service=service, name="Bookings team", title="Bookings"))
        self.add(Phone(contact=contact, number=f"0121 496 {rng.randint(0, 999):04d}"))
        if rng.random() < 0.25:
            name_, iso = rng.choice(LANGUAGES)
            self.add(Language(service=service, name=name_, code=iso))
        self.add(Language(service=service, name="English", code="en"))
        self.add(ServiceArea(service=service, name=f"Anytown {district}"))
        if rng.random() < 0.3:
            self.add(Funding(service=service, source="Short breaks grant, Anytown City Council"))
        for term in {code, *needs, *self._age_terms(lo, hi)}:
            self.add(Attribute(service=service, taxonomy_term=self.terms[term]))
        if code in ("type-salt", "type-ot", "type-physio"):
            self.add(Attribute(service=service, taxonomy_term=self.terms["type-health"]))
        self.feedback(service, stale)

    def _age_terms(self, lo: int, hi: int) -> list[str]:
        return [t for t, (a, b) in AGE_TERMS.items() if lo <= b and hi >= a]

    def feedback(self, service: Service, stale: bool) -> None:
        rng = self.rng
        for _ in range(rng.randint(0, 3)):
            self.add(
                Feedback(
                    service=service,
                    kind=rng.choice(
                        (FeedbackKind.USEFUL, FeedbackKind.USEFUL, FeedbackKind.NOT_USEFUL)
                    ),
                )
            )
        if stale and rng.random() < 0.4:
            self.add(
                Feedback(
                    service=service,
                    kind=FeedbackKind.PROBLEM,
                    details="The phone number did not work.",
                )
            )

    def history(self) -> None:
        """Spread the answers and problem reports over the last year, deal with most problems
        (some after the 10-day target), and log a few searches that found nothing, so the
        Local Offer KPIs on the dashboard have figures (after `save`: the dates are set on
        creation)."""
        rng = self.rng

        def at(days: int) -> datetime:
            return datetime.combine(_days_ago(self.today, days), time(12), tzinfo=UTC)

        answers = self.rows.get(Feedback, [])
        for item in answers:
            made = rng.randint(1, 330)
            item.created_at = at(made)
            if item.kind == FeedbackKind.PROBLEM and made > 20 and rng.random() < 0.8:
                item.resolved_at = at(made - rng.choice((1, 3, 5, 8, 10, 14, 20)))
                item.response = "We checked the entry with the provider and corrected it."
        Feedback.objects.bulk_update(answers, ["created_at", "resolved_at", "response"])
        words = ("hydrotherapy", "sensory room sunday", "BSL youth club", "respite overnight")
        searches = SearchWithoutResults.objects.bulk_create(
            SearchWithoutResults(words=rng.choice(words)) for _ in range(24)
        )
        for search in searches:
            search.created_at = at(rng.randint(0, 360))
        SearchWithoutResults.objects.bulk_update(searches, ["created_at"])

    def save(self) -> int:
        order = (
            Service,
            Location,
            ServiceAtLocation,
            Accessibility,
            Schedule,
            CostOption,
            Contact,
            Phone,
            Language,
            ServiceArea,
            Funding,
            Attribute,
            Feedback,
        )
        for model in order:
            model.objects.bulk_create(self.rows.get(model, []), batch_size=1000)
        return len(self.rows.get(Service, []))


def build_demo_directory(
    *, seed: int, today: date, per_district: int = SERVICES_PER_DISTRICT
) -> int:
    """The demo area's Local Offer; returns how many services it lists. `per_district` is for
    the benchmark's larger directory (benchmarks/run.py: 5,000 services)."""
    from_settings = service_entries_from_settings(council_name=settings.OPENSEND_COUNCIL_NAME)
    maker = _DirectoryMaker(seed=seed, today=today)
    orgs = maker.organisations()
    maker.sendiass()
    maker.showcase(orgs[0])
    serial = 0
    for district in sorted(geography.district_centres()):
        for _ in range(per_district):
            serial += 1
            kind = KINDS[serial % len(KINDS)]
            org = (
                orgs[-1]
                if kind[0] in ("type-salt", "type-ot", "type-physio")
                else (maker.rng.choice(orgs[:-1]))
            )
            maker.service(org, district, kind, serial)
    made = from_settings + maker.save()
    maker.history()
    build_demo_directory_files()
    return made
