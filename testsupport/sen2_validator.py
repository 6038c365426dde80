"""An independent check of a SEN2 person-level XML return, written for the tests from DfE's
published definitions, not from OpenSEND's code (issue 15: "the demo area's return is checked by
an independent SEN2 validator written from DfE's published definitions").

It shares nothing with `opensend.insights.sen2`: it reads the XML with the standard library's
ElementTree (not lxml, not our XSD) and writes its own code sets and rules:

- the UPN check letter, by DfE's algorithm for unique pupil numbers (characters 2 to 13 weighted
  2 to 13, the sum modulo 23 picking a letter from ABCDEFGHJKLMNPQRTUVWXYZ), and the UPN and ULN
  formats (13 characters; 10 digits);
- DfE's code sets: SEN types (with DS, Down syndrome, from 2025), request outcomes Y N A W H,
  review outcomes M A C, cease reasons 1 to 9, RequestSource 1 to 5 (the 2026 categories), the
  header's declarations Y N R, the LA code of 3 digits, URN of 6 digits and UKPRN of 8;
- the structure's rules: an Assessment only after a request outcome Y, a NamedPlan only after an
  assessment outcome Y, a decision dated when decided (Y or N), no date after the census date
  (reference date), each SEN need rank and placement rank used once with a first, a placement's
  leaving date not before its entry date, a cease date with its reason and not before the plan
  started, and each placement named by URN, UKPRN or a SENSetting code.

`problems(xml_bytes)` gives one sentence per problem (empty when the return passes).
"""

import re
import xml.etree.ElementTree as ET
from datetime import date

UPN_LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ"  # DfE: I, O and S are never check letters
SEN_TYPES = {
    "SPLD", "MLD", "SLD", "PMLD", "SEMH", "SLCN", "HI", "VI", "MSI", "PD", "ASD", "DS", "OTH",
}  # fmt: skip
OUTCOMES = {"Y", "N", "A", "W", "H"}
REVIEW_OUTCOMES = {"M", "A", "C"}
CEASE_REASONS = {str(n) for n in range(1, 10)}
REQUEST_SOURCES = {"1", "2", "3", "4", "5"}
DECLARATIONS = {"Y", "N", "R"}


def upn_check_letter(upn: str) -> str:
    """DfE's check letter for the 12 characters after it (a letter in the last place counts as
    its position in UPN_LETTERS, as for temporary UPNs)."""
    total = 0
    for weight, char in enumerate(upn[1:13], start=2):
        total += weight * (int(char) if char.isdigit() else UPN_LETTERS.index(char))
    return UPN_LETTERS[total % 23]


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _ranks(nodes: list[ET.Element], tag: str) -> list[str]:
    return [node.findtext(tag) or "" for node in nodes]


def _check_ranks(ranks: list[str], what: str, who: str, found: list[str]) -> None:
    if len(set(ranks)) != len(ranks):
        found.append(f"{who}: a {what} rank is used twice")
    if ranks and "1" not in ranks:
        found.append(f"{who}: no {what} has rank 1")


def _check_setting(node: ET.Element, who: str, found: list[str]) -> None:
    urn, ukprn, setting = (node.findtext(t) for t in ("URN", "UKPRN", "SENSetting"))
    if not (urn or ukprn or setting):
        found.append(f"{who}: a placement has no URN, UKPRN or SENSetting")
    if urn and not re.fullmatch(r"\d{6}", urn):
        found.append(f"{who}: URN {urn} is not 6 digits")
    if ukprn and not re.fullmatch(r"\d{8}", ukprn):
        found.append(f"{who}: UKPRN {ukprn} is not 8 digits")


def _check_person(person: ET.Element, census: date, found: list[str]) -> None:
    who = f"{person.findtext('Forename')} {person.findtext('Surname')}"
    born = _day(person.findtext("PersonBirthDate"))
    if born is None or born > census:
        found.append(f"{who}: the date of birth is missing or after the census date")
    upn = person.findtext("UPN")
    if upn is not None:
        if not re.fullmatch(r"[A-Z]\d{11}[0-9A-Z]", upn):
            found.append(f"{who}: UPN {upn} is not a letter, 11 digits and a digit or letter")
        elif upn[0] != upn_check_letter(upn):
            found.append(f"{who}: UPN {upn} has the wrong check letter")
    uln = person.findtext("UniqueLearnerNumber")
    if uln is not None and not re.fullmatch(r"\d{10}", uln):
        found.append(f"{who}: ULN {uln} is not 10 digits")
    requests = person.findall("Requests")
    if not requests:
        found.append(f"{who}: no request")
    for request in requests:
        _check_request(request, who, census, found)


def _check_decision(node: ET.Element, tag: str, who: str, found: list[str]) -> str:
    outcome = node.findtext(tag) or ""
    if outcome not in OUTCOMES:
        found.append(f"{who}: {tag} {outcome!r} is not one of Y, N, A, W, H")
    if outcome in ("Y", "N") and node.findtext(f"{tag}Date") is None:
        found.append(f"{who}: {tag} {outcome} has no date")
    return outcome


def _check_request(request: ET.Element, who: str, census: date, found: list[str]) -> None:
    received = _day(request.findtext("ReceivedDate"))
    if received and received > census:
        found.append(f"{who}: a request received after the census date")
    source = request.findtext("RequestSource")
    if source is not None and source not in REQUEST_SOURCES:
        found.append(f"{who}: RequestSource {source} is not one of DfE's 1 to 5")
    outcome = _check_decision(request, "RequestOutcome", who, found)
    decided = _day(request.findtext("RequestOutcomeDate"))
    if decided and received and decided < received:
        found.append(f"{who}: the request was decided before it was received")
    assessment = request.find("Assessment")
    if assessment is not None and outcome not in ("Y", "H"):
        found.append(f"{who}: an assessment after request outcome {outcome}")
    if assessment is not None:
        assessed = _check_decision(assessment, "AssessmentOutcome", who, found)
        plan = assessment.find("NamedPlan")
        if plan is not None:
            if assessed not in ("Y", "H"):
                found.append(f"{who}: a named plan after assessment outcome {assessed}")
            _check_plan(plan, who, found)
    for active in request.findall("ActivePlans"):
        _check_active(active, who, census, found)


def _check_plan(plan: ET.Element, who: str, found: list[str]) -> None:
    started = _day(plan.findtext("StartDate"))
    details = plan.findall("PlanDetail")
    _check_ranks(_ranks(details, "PlacementRank"), "named placement", who, found)
    for detail in details:
        _check_setting(detail, who, found)
    ceased, reason = _day(plan.findtext("CeaseDate")), plan.findtext("CeaseReason")
    if (ceased is None) != (reason is None):
        found.append(f"{who}: a cease date and a cease reason go together")
    if reason is not None and reason not in CEASE_REASONS:
        found.append(f"{who}: cease reason {reason} is not 1 to 9")
    if ceased and started and ceased < started:
        found.append(f"{who}: the plan ceased before it started")


def _check_active(active: ET.Element, who: str, census: date, found: list[str]) -> None:
    needs = active.findall("SENneed")
    _check_ranks(_ranks(needs, "SENtypeRank"), "SEN need", who, found)
    types = [need.findtext("SENtype") for need in needs]
    found.extend(f"{who}: SEN type {t} is not one of DfE's" for t in types if t not in SEN_TYPES)
    placements = active.findall("PlacementDetail")
    _check_ranks(_ranks(placements, "PlacementRank"), "placement", who, found)
    for placement in placements:
        _check_setting(placement, who, found)
        entry, leaving = (_day(placement.findtext(t)) for t in ("EntryDate", "LeavingDate"))
        if entry is None:
            found.append(f"{who}: a placement has no entry date")
        elif leaving and leaving < entry:
            found.append(f"{who}: a placement's leaving date is before its entry date")
    outcome = active.findtext("ReviewOutcome")
    if outcome is not None and outcome not in REVIEW_OUTCOMES:
        found.append(f"{who}: review outcome {outcome} is not M, A or C")
    last = _day(active.findtext("LastReview"))
    if last and last > census:
        found.append(f"{who}: the last review is after the census date")


def problems(xml_bytes: bytes) -> list[str]:
    """Every problem the return has by DfE's definitions, one sentence each."""
    root = ET.fromstring(xml_bytes)  # noqa: S314 - our own test output, not untrusted input
    found: list[str] = []
    header = root.find("Header")
    if root.tag != "Message" or header is None:
        return ["The return is not a Message with a Header"]
    if header.findtext("CollectionDetails/Collection") != "SEN2":
        found.append("The collection is not SEN2")
    census = _day(header.findtext("CollectionDetails/ReferenceDate"))
    if census is None:
        return [*found, "The header has no reference (census) date"]
    if header.findtext("CollectionDetails/Year") != str(census.year):
        found.append("The collection year is not the census date's year")
    if not re.fullmatch(r"\d{3}", header.findtext("Source/LEA") or ""):
        found.append("The LA code is not 3 digits")
    found.extend(
        f"The header's {name} is not Y, N or R"
        for name in ("DMO", "DCO", "DSCO")
        if header.findtext(f"Source/{name}") not in DECLARATIONS
    )
    for person in root.findall("Persons/Person"):
        _check_person(person, census, found)
    return found
