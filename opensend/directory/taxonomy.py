"""The SEND taxonomy of the Local Offer, as HSDS taxonomies and taxonomy terms.

Three taxonomies: the needs a service is for (the DfE SEN types of the school census and SEN2,
"SEN type" code set, with the same codes), age groups (the phases of the SEND Code of Practice
0-25: early years, school age, preparing for adulthood from Year 9 / age 14, CoP 8.1), and
service types, including short breaks (the Breaks for Carers of Disabled Children Regulations
2011), therapies, activities, the SEND information, advice and support service (CoP 2.17),
preparing for adulthood (CoP chapter 8) and "waiting well" support for families waiting for a
therapy or a neurodevelopmental assessment.

Identifiers are UUIDs made from the code (uuid5), so every copy of OpenSEND publishes the same id
for the same term and a re-run changes nothing.
"""

import uuid
from dataclasses import dataclass

# A fixed namespace for OpenSEND's taxonomy ids (uuid5 of "opensend.directory").
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://opensend.example/directory/taxonomy")


@dataclass(frozen=True)
class Term:
    code: str
    name: str
    description: str
    parent: str = ""


@dataclass(frozen=True)
class TaxonomyDefinition:
    code: str
    name: str
    description: str
    terms: tuple[Term, ...]


NEEDS = TaxonomyDefinition(
    "send-needs",
    "SEND needs",
    "The special educational needs and disabilities a service is for (DfE SEN types).",
    (
        Term("need-asd", "Autism", "Autistic children and young people (ASD)."),
        Term(
            "need-slcn",
            "Speech, language and communication",
            "Children who find talking, understanding or being understood hard (SLCN).",
        ),
        Term(
            "need-semh",
            "Social, emotional and mental health",
            "Children with worries, low mood, ADHD or behaviour that others find hard (SEMH).",
        ),
        Term("need-mld", "Moderate learning difficulty", "Children who learn more slowly (MLD)."),
        Term(
            "need-sld", "Severe learning difficulty", "Children with severe learning needs (SLD)."
        ),
        Term(
            "need-pmld",
            "Profound and multiple learning difficulty",
            "Children with profound and multiple learning difficulties (PMLD).",
        ),
        Term(
            "need-spld",
            "Specific learning difficulty",
            "Dyslexia, dyscalculia or dyspraxia (SpLD).",
        ),
        Term("need-hi", "Hearing impairment", "Deaf children and those with hearing loss (HI)."),
        Term("need-vi", "Vision impairment", "Blind or partially sighted children (VI)."),
        Term("need-msi", "Multi-sensory impairment", "Children with both sight and hearing loss."),
        Term("need-pd", "Physical disability", "Children with a physical disability (PD)."),
        Term("need-oth", "Other needs", "Other special educational needs (OTH)."),
    ),
)

AGE_GROUPS = TaxonomyDefinition(
    "age-groups",
    "Age groups",
    "Who a service is for by age (SEND Code of Practice 0 to 25).",
    (
        Term("age-0-4", "Early years (0 to 4)", "Babies and children under 5."),
        Term("age-5-11", "Primary age (5 to 11)", "Children of primary school age."),
        Term("age-11-16", "Secondary age (11 to 16)", "Young people of secondary school age."),
        Term(
            "age-16-25",
            "Young adults (16 to 25)",
            "Young people preparing for adulthood, up to 25.",
        ),
    ),
)

SERVICE_TYPES = TaxonomyDefinition(
    "send-service-types",
    "SEND service types",
    "What kind of help a service gives.",
    (
        Term(
            "type-short-breaks",
            "Short breaks",
            "Time away for a disabled child and a rest for"
            " their carers: clubs, play schemes, overnight stays.",
        ),
        Term(
            "type-activities",
            "Activities and clubs",
            "Things to do: sport, play, arts, youth clubs and holiday activities.",
        ),
        Term("type-therapies", "Therapies", "Help from a therapist."),
        Term(
            "type-salt",
            "Speech and language therapy",
            "Help with talking, understanding and swallowing.",
            parent="type-therapies",
        ),
        Term(
            "type-ot",
            "Occupational therapy",
            "Help with everyday skills and sensory needs.",
            parent="type-therapies",
        ),
        Term("type-physio", "Physiotherapy", "Help with movement.", parent="type-therapies"),
        Term(
            "type-sendiass",
            "SEND information, advice and support (SENDIASS)",
            "Free, impartial"
            " and confidential advice about SEND for children, young people and parents.",
        ),
        Term(
            "type-pfa",
            "Preparing for adulthood",
            "Help towards work, living more independently,"
            " being healthy and friends and community (from Year 9).",
        ),
        Term(
            "type-waiting-well",
            "Support while you wait",
            "Help for families waiting for a"
            " therapy or a neurodevelopmental (autism or ADHD) assessment.",
        ),
        Term(
            "type-education",
            "Schools and education",
            "Schools, colleges, early years and resource bases.",
        ),
        Term("type-health", "Health services", "NHS and health services for children."),
        Term(
            "type-social-care",
            "Social care",
            "Help from social care for disabled children and their families.",
        ),
        Term(
            "type-family-support",
            "Family support",
            "Parent groups, courses and support for the whole family.",
        ),
        Term(
            "type-travel",
            "Travel and transport",
            "Travel training and help getting to school or college.",
        ),
    ),
)

TAXONOMIES = (NEEDS, AGE_GROUPS, SERVICE_TYPES)


def term_uuid(code: str) -> uuid.UUID:
    return uuid.uuid5(NAMESPACE, f"term:{code}")


def taxonomy_uuid(code: str) -> uuid.UUID:
    return uuid.uuid5(NAMESPACE, f"taxonomy:{code}")


# The DfE SEN type codes (people.codes.SENType) that each need term stands for.
NEED_TERM_FOR_SEN_TYPE = {
    "ASD": "need-asd",
    "SLCN": "need-slcn",
    "SEMH": "need-semh",
    "MLD": "need-mld",
    "SLD": "need-sld",
    "PMLD": "need-pmld",
    "SPLD": "need-spld",
    "HI": "need-hi",
    "VI": "need-vi",
    "MSI": "need-msi",
    "PD": "need-pd",
    "OTH": "need-oth",
    "DS": "need-oth",
}

# The age range each age-group term covers (years, inclusive).
AGE_GROUP_RANGES = {
    "age-0-4": (0, 4),
    "age-5-11": (5, 11),
    "age-11-16": (11, 16),
    "age-16-25": (16, 25),
}
