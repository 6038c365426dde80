"""What the demo area is made of: its name and localities, the demo password and domain, how many
settings of each kind, and the weights and word lists its people and places are drawn from."""

from __future__ import annotations

import random
from bisect import bisect
from itertools import accumulate
from typing import Any

from opensend.people.codes import (
    AccessibleFormat,
    Channel,
    Ethnicity,
    Phase,
    Relationship,
    SENType,
    SettingKind,
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


# Synthetic advice by kind: (needs, outcomes, provision). Health and social care sometimes
# find no needs in their area, which the plan's checks take into account.
ADVICE_TEXT: dict[str, tuple[str, str, str]] = {
    "education": (
        "Reading age about two years below their age; finds it hard to start written tasks "
        "and to stay with them without an adult nearby.",
        "By the end of the key stage, to read and write independently for 15 minutes.",
        "Daily small-group phonics (20 minutes, teaching assistant); a visual timetable; "
        "task plans broken into steps.",
    ),
    "ep": (
        "Working memory and processing speed well below average; anxiety when tasks change "
        "without warning.",
        "To use two strategies to manage change, and to ask for help when stuck.",
        "Weekly emotional literacy sessions (30 minutes, ELSA trained adult); pre-teaching of "
        "new vocabulary; rest breaks on request.",
    ),
    "health": (
        "Speech sound difficulties affecting how well others understand them.",
        "To be understood by unfamiliar adults in most conversations.",
        "Speech and language therapy: a block of six sessions a term, with a programme "
        "delivered by school staff three times a week.",
    ),
    "social_care": (
        "The family need short breaks to manage at home.",
        "To take part in a club or activity outside school each week.",
        "Short breaks: one overnight stay a month, reviewed every six months.",
    ),
    "pfa": (
        "Needs support to travel and to manage money.",
        "To travel to college independently on a familiar route.",
        "Travel training (one term, weekly) and a money skills course.",
    ),
    "other": (
        "Sensory needs: sensitive to noise.",
        "To stay in class for whole lessons.",
        "Ear defenders and a quiet space, available all day.",
    ),
}
