"""Short breaks and personal budgets explained: "Could my child get this?", as structured rules.

The law and guidance the rules follow:

- The Breaks for Carers of Disabled Children Regulations 2011 (SI 2011/707), made under the
  Children Act 1989 Schedule 2 paragraph 6(1)(c): the council must provide a range of short breaks
  (day care, overnight care, activities outside the home, evenings, weekends and holidays) and
  publish a short breaks services statement with any eligibility criteria (reg 5).
- Short breaks for carers of disabled children, DfE advice for local authorities (March 2011):
  eligibility criteria must not be applied "mechanistically" without considering a family's
  needs. So the checker never says "no": it says which kind of short break fits and how to ask.
- Children Act 1989 s17 (children in need, including disabled children) and s17A (direct
  payments): a social care assessment decides targeted and specialist short breaks, which a
  family may take as a direct payment.
- Children and Families Act 2014 s49 and the SEND Code of Practice 9.95: a family whose child
  has an EHC plan, or for whom one is being prepared, may ask for a personal budget.

The council's own criteria (its short breaks services statement) are `Criteria`: the council's
Local Offer editors change them on a page (`directory.models.ShortBreaksCriteria`, one version
per change, with who and when); until they do, `DEFAULT_CRITERIA` applies. The checker's reasons
quote the criteria in force. Pure Python: no Django.
"""

from dataclasses import dataclass, field
from datetime import date

# "Child" in the Children Act 1989 means a person under 18 (s105(1)): short breaks under the 2011
# Regulations are for disabled children, so no council criteria can go past 17.
OLDEST_POSSIBLE_AGE = 17


@dataclass(frozen=True)
class Criteria:
    """The council's short breaks criteria, as the checker uses them."""

    max_age: int = 17  # the oldest age for short breaks
    open_access_min_age: int = 4  # the youngest age for the clubs and play schemes anyone books
    diagnosis_needed: bool = False  # whether those clubs ask for a diagnosis first
    how_to_apply: str = ""  # how to ask for an assessment, in the council's words
    statement_url: str = ""  # the published short breaks services statement
    changed_on: date | None = None  # when this version was made (None: the built-in default)


DEFAULT_CRITERIA = Criteria()


def criteria_problems(criteria: Criteria) -> dict[str, str]:
    """What is wrong with a proposed set of criteria, by field (empty: they can be used)."""
    problems: dict[str, str] = {}
    if not 0 <= criteria.max_age <= OLDEST_POSSIBLE_AGE:
        problems["max_age"] = (
            f"The oldest age must be {OLDEST_POSSIBLE_AGE} or under: short breaks are for "
            "children, and a child is under 18 (Children Act 1989 s105)"
        )
    if criteria.open_access_min_age > criteria.max_age:
        problems["open_access_min_age"] = (
            "The youngest age for clubs and play schemes must not be above the oldest age"
        )
    return problems


LIKELY = "likely"
ASK = "ask"
NOT_THIS = "not_this"


@dataclass(frozen=True)
class Answers:
    age: int
    lives_in_area: bool
    disability_or_send: str  # "yes", "no" or "not_sure"
    ehc_plan: str  # "yes", "being_assessed" or "no"
    needs_more_help: bool  # the family needs more than clubs and play schemes


@dataclass
class Finding:
    title: str
    outcome: str  # LIKELY, ASK or NOT_THIS
    because: list[str] = field(default_factory=list)
    next_step: str = ""
    source: str = ""


def check(answers: Answers, criteria: Criteria = DEFAULT_CRITERIA) -> list[Finding]:
    """What this family could get, each with why and what to do next (never a flat no),
    under the council's criteria in force."""
    return [
        _open_access(answers, criteria),
        _assessed(answers, criteria),
        _personal_budget(answers),
    ]


def _open_access(a: Answers, c: Criteria) -> Finding:
    finding = Finding(
        title="Short breaks you can book yourself",
        outcome=LIKELY,
        source="Breaks for Carers of Disabled Children Regulations 2011, and our short breaks "
        "statement",
        next_step="Search the Local Offer for short breaks and contact them to book.",
    )
    if not a.lives_in_area:
        finding.outcome = NOT_THIS
        finding.because.append(
            "These are for families who live in our area. Ask the council where you live."
        )
    if a.age > c.max_age:
        finding.outcome = NOT_THIS
        finding.because.append(
            f"Our short breaks are for children up to age {c.max_age}. Look at preparing for "
            "adulthood services."
        )
    elif a.age < c.open_access_min_age:
        finding.outcome = NOT_THIS
        finding.because.append(
            f"Clubs and play schemes start at age {c.open_access_min_age}. "
            "Early years settings and family support can help before then."
        )
    if a.disability_or_send == "no":
        finding.outcome = NOT_THIS
        finding.because.append("These are for children with a disability or SEND.")
    elif a.disability_or_send == "not_sure":
        if finding.outcome == LIKELY:
            finding.outcome = ASK
        finding.because.append(
            "Our clubs ask for a diagnosis first. Ask your GP, school or health visitor, and "
            "ask the club what they need."
            if c.diagnosis_needed
            else "You do not need a diagnosis. Ask the club if they can meet your child's needs."
        )
    if finding.outcome == LIKELY:
        finding.because.append(
            "Your child is the right age, lives in the area and has a disability or SEND."
        )
    return finding


def _assessed(a: Answers, c: Criteria) -> Finding:
    finding = Finding(
        title="Short breaks after an assessment (including overnight breaks)",
        outcome=ASK,
        source="Children Act 1989 s17 and s17A; DfE short breaks advice (2011)",
        next_step=c.how_to_apply
        or "Ask the Disabled Children's Team for an assessment. You can ask to have "
        "the support as a direct payment.",
    )
    if a.age > c.max_age or a.disability_or_send == "no":
        finding.outcome = NOT_THIS
        finding.because.append(f"These are for disabled children up to age {c.max_age}.")
    elif not a.needs_more_help:
        finding.because.append(
            "You said clubs and play schemes are enough for now. You can ask for an "
            "assessment at any time if that changes."
        )
    else:
        finding.because.append(
            "You said your family needs more help. An assessment looks at your child's needs "
            "and yours as a carer. We never decide from a checklist alone."
        )
    if not a.lives_in_area:
        finding.outcome = NOT_THIS
        finding.because.append("The council where you live does this assessment.")
    return finding


def _personal_budget(a: Answers) -> Finding:
    finding = Finding(
        title="A personal budget",
        outcome=NOT_THIS,
        source="Children and Families Act 2014 s49; SEND Code of Practice 9.95",
        next_step="Ask your SEND caseworker for a personal budget when the plan is written or "
        "reviewed.",
    )
    if a.ehc_plan == "yes":
        finding.outcome = LIKELY
        finding.because.append("Your child has an EHC plan, so you can ask for a personal budget.")
    elif a.ehc_plan == "being_assessed":
        finding.outcome = LIKELY
        finding.because.append(
            "A plan is being prepared for your child, so you can ask for a personal budget now."
        )
    else:
        finding.because.append(
            "A personal budget is for a child with an EHC plan, or one being prepared. Short "
            "breaks after an assessment can still be a direct payment."
        )
        finding.next_step = "SENDIASS can explain EHC needs assessments for free."
    return finding
