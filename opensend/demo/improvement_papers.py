# ruff: noqa: E501 - the papers' wording is kept in whole sentences
"""The demo improvement programme's papers (split from demo/improvement.py): the 13 areas of
weakness, the Commissioner's three reports' recommendations, the risks and the workstreams
with their measures, paraphrased from the public Birmingham papers in the seeds."""

from datetime import date
from decimal import Decimal

from opensend.improvement.models import (
    Partner,
)

COUNCIL, HEALTH, JOINT = Partner.COUNCIL, Partner.HEALTH, Partner.JOINT

# The 13 areas of significant weakness, paraphrased; (text, owner, signed off by, on).
AREAS: list[tuple[str, str, str, date | None]] = [
    (
        "No overarching approach or joined-up strategy for improving provision and outcomes "
        "for children and young people with SEND",
        JOINT,
        "DfE and NHS England 24-month progress review",
        date(2024, 2, 6),
    ),
    (
        "Leaders do not understand the local area's strengths and weaknesses well enough",
        JOINT,
        "",
        None,
    ),
    ("Weak joint commissioning across education, health and care", JOINT, "", None),
    ("Co-production with parents and carers is underdeveloped", JOINT, "", None),
    (
        "EHC plans are late: too few are issued within 20 weeks",
        COUNCIL,
        "Ofsted and CQC revisit",
        date(2021, 7, 13),
    ),
    ("The quality of EHC plans is poor and advice from partners is variable", JOINT, "", None),
    ("Health contributions to EHC needs assessments are weak and late", HEALTH, "", None),
    ("Long waits for neurodevelopmental assessment and therapies", HEALTH, "", None),
    ("The Local Offer is hard to find and out of date", COUNCIL, "", None),
    (
        "Annual reviews are not held or acted on in time",
        COUNCIL,
        "Ofsted and CQC monitoring visit",
        date(2023, 12, 6),
    ),
    ("Preparation for adulthood is weak across education, health and care", JOINT, "", None),
    ("Too many children with SEND are excluded or miss school", COUNCIL, "", None),
    ("Communication with families is poor and complaints are not learned from", JOINT, "", None),
]

# (number, text, paragraph, owner, status, update, evidence, restates (report index, number))
Rec = tuple[str, str, str, str, str, str, str, tuple[tuple[int, str], ...]]
DCF = "Director for Children and Families"
FIRST: list[Rec] = [
    (
        "1",
        "Retain the intervention as it is: the statutory direction, the Commissioner, the Improvement Board and the Accelerated Progress Plan",
        "112",
        DCF,
        "complete",
        "All have been retained.",
        "Board terms of reference and the statutory direction, kept in the evidence library",
        (),
    ),
    (
        "2",
        "Welcome and endorse the work to build a stronger corporate infrastructure under the Chief Executive",
        "113",
        "Chief Executive",
        "complete",
        "Ongoing with new leadership in place.",
        "Corporate improvement plan approved by Cabinet",
        (),
    ),
    (
        "3",
        "Note the political leadership for children and SEND that is helping drive improvement",
        "114",
        "",
        "not_applicable",
        "Ongoing with new leadership in place.",
        "",
        (),
    ),
    (
        "4",
        "Keep the continuing political concerns under close scrutiny and support the Monitoring Officer's work",
        "115",
        "City Solicitor",
        "in_progress",
        "Work ongoing.",
        "",
        (),
    ),
    (
        "5",
        "Support and sustain the children's leadership and partnerships, towards a child friendly city",
        "116",
        DCF,
        "complete",
        "Accepted onto a child friendly city programme; the Children and Young People's Plan launched.",
        "Programme acceptance letter and the published plan",
        (),
    ),
    (
        "6",
        "Drive forward a clear joint commissioning framework for health and care, monitored by the Board",
        "117",
        DCF,
        "in_progress",
        "Work under way on a joint commissioning framework with the health board; first proposals drafted.",
        "",
        (),
    ),
    (
        "7",
        "Give a stronger focus to schools and agree a new SEND strategy between the council and schools",
        "118",
        DCF,
        "in_progress",
        "SEND and inclusion strategies co-produced with schools launched; progress slower than wanted.",
        "",
        (),
    ),
    (
        "8",
        "The Department for Education to commit to the national SEND and AP Improvement Plan and school inclusion",
        "119",
        "Department for Education",
        "in_progress",
        "DfE adviser to report back to the Board.",
        "",
        (),
    ),
    (
        "9",
        "Agree the reforms to SENDIASS as the Commissioner directed",
        "120",
        DCF,
        "complete",
        "Cabinet noted the improvements in SENDIASS; the service stays in house.",
        "Cabinet decision and the independent review's follow-up",
        (),
    ),
    (
        "10",
        "Promote co-production and communication by all agencies, and support the Parent Carer Forum in its complex role",
        "121",
        DCF,
        "ongoing",
        "The Board recognises and supports the Parent Carer Forum; a working together strategy endorsed with parents.",
        "",
        (),
    ),
]
SECOND: list[Rec] = [
    (
        "12",
        "Quicken the pace of reform and show measurable impact for families",
        "31",
        DCF,
        "in_progress",
        "Impact measures added to the plan and reported to every Board.",
        "",
        (),
    ),
    (
        "13",
        "Show clear corporate and political support for the SEND improvement",
        "32",
        "Chief Executive",
        "ongoing",
        "Leader and Chief Executive attend the Board.",
        "",
        (),
    ),
    (
        "14",
        "Recruit permanently to the new SENAR posts and reduce reliance on agency staff",
        "33",
        "Head of SENAR",
        "complete",
        "Permanent head of SENAR in post; agency use substantially reversed.",
        "Staffing return to the Board: agency share down from 45% to 12%",
        (),
    ),
    (
        "15",
        "Resolve the short breaks tensions affecting families",
        "34",
        "Children's Trust",
        "in_progress",
        "Designated social care officer in post to bridge SEND and social care.",
        "",
        (),
    ),
    (
        "16",
        "Carry out a thorough business process review so corporate processes and systems support, not hinder, services",
        "40",
        "Chief Executive",
        "in_progress",
        "Ongoing with new leadership in place.",
        "",
        ((0, "2"),),
    ),
    (
        "17",
        "Review and refresh the member-officer culture with external support",
        "43",
        "City Solicitor",
        "ongoing",
        "Ongoing with new leadership in place.",
        "",
        ((0, "4"),),
    ),
    (
        "18",
        "The Department for Education to conclude its review of the 2014 reforms, including stable funding and assessing schools' inclusion",
        "45",
        "Department for Education",
        "in_progress",
        "DfE adviser to report back to the Board.",
        "",
        ((0, "8"),),
    ),
]
THIRD: list[Rec] = [
    (
        "1",
        "Keep the established architecture of the intervention: the statutory direction, the Commissioner and the Improvement Board",
        "49",
        DCF,
        "complete",
        "Accepted and governance remains in place.",
        "Board minutes confirming the arrangements",
        ((0, "1"),),
    ),
    (
        "2",
        "Keep the link with the Best Value intervention through a shared Commissioner, under review",
        "50",
        DCF,
        "complete",
        "Accepted and governance remains in place.",
        "Joint terms of reference of the two interventions",
        (),
    ),
    (
        "3",
        "Keep the Board and the Improvement Plan as the cornerstones, with the Board overseeing SEND and alternative provision",
        "51",
        DCF,
        "ongoing",
        "The Board renamed the SEND and AP Improvement Board, with a refreshed membership.",
        "",
        (),
    ),
    (
        "4",
        "The Board to receive updates from the Best Value work on governance and corporate reform",
        "52, linked to 40 and 43",
        DCF,
        "ongoing",
        "The Commissioner updates every Board.",
        "",
        ((1, "16"), (1, "17")),
    ),
    (
        "5",
        "The Board to oversee this report's recommendations, including the outstanding actions from earlier reports",
        "53",
        DCF,
        "in_progress",
        "To be discussed at the Executive Board.",
        "",
        (),
    ),
    (
        "6",
        "Include an update from the DfE on national SEND reform",
        "54",
        "DfE SEND adviser",
        "in_progress",
        "DfE invited to update future Boards.",
        "",
        ((1, "18"),),
    ),
    (
        "7",
        "Continue to champion co-production, including the Parent Carer Forum on the Board",
        "55",
        DCF,
        "in_progress",
        "The Board received co-production training; co-production remains a priority in the plan.",
        "",
        ((0, "10"),),
    ),
]
REPORTS = [
    ("SEND Commissioner's first report", date(2022, 2, 1), FIRST, date(2022, 10, 1)),
    ("SEND Commissioner's second report", date(2023, 2, 1), SECOND, date(2023, 10, 1)),
    ("SEND Commissioner's third report", date(2024, 2, 1), THIRD, date(2024, 10, 1)),
]
REVIEW_AT = "At each SEND and AP Improvement Board"

RISKS = [
    (
        "Not enough caseworkers and educational psychologists",
        "Vacancies and reliance on agency staff",
        "EHC plans issued late; families wait",
        "Head of SENAR",
    ),
    (
        "Health advice returned late",
        "Too few therapists and paediatricians",
        "Assessments miss the 6-week advice limit",
        "Health board SEND lead",
    ),
    (
        "High needs budget overspend",
        "Rising demand and independent placements",
        "Money taken from other improvement work",
        "Director of Finance",
    ),
    (
        "Families lose confidence",
        "Late plans and poor communication",
        "More complaints, mediation and appeals",
        "Director for Children and Families",
    ),
    (
        "Corporate systems slow the service",
        "Recruitment and finance processes",
        "Posts stay empty; actions slip",
        "Chief Executive",
    ),
    (
        "Not enough specialist places",
        "Growth in demand for special school places",
        "Children placed out of area",
        "Head of SEND Sufficiency",
    ),
    (
        "Re-inspection before impact shows",
        "Monitoring inspection due within 18 months",
        "A further Written Statement of Action",
        "Director for Children and Families",
    ),
    (
        "Schools' inclusion varies",
        "Exclusions and part-time timetables",
        "Children with SEND miss school",
        "Head of Inclusion",
    ),
]


Measure = tuple[str, str | None, Decimal | None, str]
# The WSOA's four workstreams, each with its impact measures: (name, KPI key) read live from the
# records, or (name, None, figure, source) entered where no record holds it.
WORKSTREAMS: list[tuple[str, str, list[Measure]]] = [
    (
        "Working Together",
        "Director for Children and Families",
        [
            (
                "Parents who say they are listened to (%)",
                None,
                Decimal("41.0"),
                "Parent carer forum survey, autumn",
            ),
            ("Complaints answered within the charter (%)", "complaints-within-charter", None, ""),
        ],
    ),
    (
        "Journey of the Child",
        "Head of SENAR",
        [
            ("New EHC plans issued within 20 weeks (%)", "new-plans-20-weeks", None, ""),
            ("Average weeks to issue a new plan", "average-weeks-to-issue", None, ""),
            ("Advice returned within 6 weeks (%)", "advice-6-weeks", None, ""),
        ],
    ),
    (
        "Preparation for Adulthood",
        "Head of Inclusion",
        [
            ("Phase transfers amended by the deadline (%)", "phase-transfers-amended", None, ""),
            (
                "Young people with plans in education, employment or training (%)",
                None,
                Decimal("82.0"),
                "Post-16 tracking return",
            ),
        ],
    ),
    (
        "Leadership and Investment",
        "Chief Executive",
        [
            ("Annual reviews held by their due date (%)", "reviews-held-on-time", None, ""),
            (
                "Permanent SENAR posts filled (%)",
                None,
                Decimal("88.0"),
                "Workforce return to the Board",
            ),
        ],
    ),
]
# Baseline and target for each: (baseline, target); times are better lower.
MEASURE_GOALS = {"average-weeks-to-issue": (Decimal("32.0"), Decimal("20.0"))}
DEFAULT_GOAL = (Decimal("45.0"), Decimal("70.0"))
