"""Pre-submission checks on the SEN2 return, run on the built tree and the records behind it.

Each problem names the child (the page links to their record) and says what to fix in plain
words. They are the checks DfE's guide asks of the data that can be tested from OpenSEND's
records: identifiers (a UPN with a wrong check letter, neither UPN nor ULN), a new plan with no
request, a plan with no start date or no named setting, a cease date before the start, an active
plan with no placement or no need, a repeated need, placement dates out of order, a review
outside the plan's life, no annual review in the year, and the header's declarations unset.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from opensend.insights.sen2.build import Node, PersonEntry, Sen2Return, plan_start
from opensend.people.identifiers import uln_problem, upn_problem
from opensend.people.models import Child
from opensend.plans.models import PlanStatus


@dataclass(frozen=True)
class Problem:
    child: Child | None
    section: str
    message: str


def children(node: Node, tag: str) -> list[Node]:
    value = node[1]
    return [n for n in value if n[0] == tag] if isinstance(value, list) else []


def text(node: Node, tag: str) -> str | None:
    found = children(node, tag)
    return found[0][1] if found and isinstance(found[0][1], str) else None


def day(node: Node, tag: str) -> date | None:
    value = text(node, tag)
    return date.fromisoformat(value) if value else None


def header_problems(result: Sen2Return) -> Iterator[Problem]:
    collection = result.collection
    declarations = {
        "Designated Medical Officer (DMO)": collection.dmo,
        "Designated Clinical Officer (DCO)": collection.dco,
        "Designated Social Care Officer (DSCO)": collection.dsco,
    }
    for label, value in declarations.items():
        if not value:
            yield Problem(
                None,
                "Header",
                f"The header's answer for the {label} is not set for {collection.year}: an "
                "administrator records it on the year's SEN2 collection before submitting",
            )


def person_problems(entry: PersonEntry, census: date) -> Iterator[Problem]:
    child, node = entry.child, entry.node
    upn, uln = text(node, "UPN"), text(node, "UniqueLearnerNumber")
    if not upn and not uln:
        yield Problem(child, "Person", "No UPN or unique learner number (ULN): record one")
    if upn and (problem := upn_problem(upn)):
        yield Problem(child, "Person", f"UPN {upn}: {problem}")
    if uln and (problem := uln_problem(uln)):
        yield Problem(child, "Person", f"ULN {uln}: {problem}")
    if not text(node, "PostCode"):
        yield Problem(child, "Person", "No home postcode")
    if child.date_of_birth > census:
        yield Problem(child, "Person", "The date of birth is after the census date")


def plan_problems(entry: PersonEntry, result: Sen2Return) -> Iterator[Problem]:
    child, period = entry.child, result.period
    for plan in entry.plans:
        start = plan_start(plan)
        if plan.status == PlanStatus.FINAL and start is None:
            yield Problem(child, "NamedPlan", "A final plan has no date it was issued (StartDate)")
        elif plan.request_id is None and period.within(start):
            yield Problem(
                child,
                "Requests",
                "A plan issued in the collection year has no request for assessment on file",
            )


def named_plan_problems(child: Child, named: Node) -> Iterator[Problem]:
    start, ceased = day(named, "StartDate"), day(named, "CeaseDate")
    if not children(named, "PlanDetail"):
        yield Problem(child, "NamedPlan", "The plan names no school, college or other setting")
    if ceased and start and ceased < start:
        yield Problem(child, "NamedPlan", "The plan ceased before it started")


def active_plan_problems(
    child: Child, active: Node, start: date | None, census: date
) -> Iterator[Problem]:
    placements = children(active, "PlacementDetail")
    if not placements:
        yield Problem(
            child, "ActivePlans", "No school, college or other placement on the census date"
        )
    for placement in placements:
        entry, leaving = day(placement, "EntryDate"), day(placement, "LeavingDate")
        if entry and leaving and leaving < entry:
            yield Problem(child, "PlacementDetail", "A placement ends before it starts")
    types = [text(n, "SENtype") for n in children(active, "SENneed")]
    if not types:
        yield Problem(child, "SENneed", "No primary special educational need recorded")
    elif len(types) != len(set(types)):
        yield Problem(child, "SENneed", "The same need is recorded as primary and secondary")
    meeting = day(active, "ReviewMeeting")
    if meeting and start and meeting < start:
        yield Problem(child, "ActivePlans", "The review meeting is before the plan started")
    if start and not meeting and start <= date(census.year - 1, census.month, min(census.day, 28)):
        yield Problem(
            child,
            "ActivePlans",
            "No annual review meeting in the last 12 months: a plan must be reviewed at least "
            "every 12 months (Children and Families Act 2014, section 44(1))",
        )


def _plan_start(request: Node) -> date | None:
    for assessment in children(request, "Assessment"):
        for named in children(assessment, "NamedPlan"):
            return day(named, "StartDate")
    return None


def request_problems(child: Child, request: Node, census: date) -> Iterator[Problem]:
    received, decided = day(request, "ReceivedDate"), day(request, "RequestOutcomeDate")
    if received and decided and decided < received:
        yield Problem(child, "Requests", "The decision whether to assess is before the request")
    for assessment in children(request, "Assessment"):
        for named in children(assessment, "NamedPlan"):
            yield from named_plan_problems(child, named)
    for active in children(request, "ActivePlans"):
        yield from active_plan_problems(child, active, _plan_start(request), census)


def problems(result: Sen2Return) -> list[Problem]:
    census = result.period.census
    found = list(header_problems(result))
    for entry in result.persons:
        found += person_problems(entry, census)
        found += plan_problems(entry, result)
        for request in children(entry.node, "Requests"):
            found += request_problems(entry.child, request, census)
    return found
