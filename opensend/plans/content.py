"""A plan's content as plain data: sections A–K in order, for snapshots, checks and comparison.

`plan_content(plan)` is what an issued `PlanVersion` stores. `content_compare(a, b)` lines two
snapshots up section by section so a reader can see what changed between versions.
"""

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import QuerySet

from opensend.accounts.models import Membership
from opensend.casework.models import AdviceRequest
from opensend.plans.formatting import money
from opensend.plans.models import EHCPlan

SECTIONS: list[tuple[str, str]] = [
    ("A", "Views, interests and aspirations"),
    ("B", "Special educational needs"),
    ("C", "Health needs related to special educational needs"),
    ("D", "Social care needs related to special educational needs"),
    ("E", "Outcomes"),
    ("F", "Special educational provision"),
    ("G", "Health provision"),
    ("H1", "Social care provision under section 2 of the CSDPA 1970"),
    ("H2", "Other social care provision"),
    ("I", "Placement"),
    ("J", "Personal budget"),
    ("K", "Advice and information"),
]
SECTION_TITLES = dict(SECTIONS)
SECTION_A_FIELDS = [
    ("about_me", "About me"),
    ("what_matters", "What is important to me"),
    ("aspirations", "My hopes and aspirations for the future"),
    ("communication", "How to communicate with me"),
]


_EDUCATION_KINDS = ("education", "ep", "pfa", "other")
# Which advice a caseworker draws on for each section, and which part of it (reg 12(1)).
SECTION_ADVICE: dict[str, tuple[tuple[str, ...], str]] = {
    "B": (_EDUCATION_KINDS, "needs"),
    "C": (("health",), "needs"),
    "D": (("social_care",), "needs"),
    "E": (("education", "ep", "health", "social_care", "pfa", "other"), "outcomes"),
    "F": (_EDUCATION_KINDS, "provision"),
    "G": (("health",), "provision"),
    "H1": (("social_care",), "provision"),
    "H2": (("social_care",), "provision"),
}


@dataclass(frozen=True)
class AdviceExtract:
    """The part of one piece of advice that bears on one section, shown beside it."""

    advice: AdviceRequest
    text: str
    no_needs: bool


def advice_beside_sections(advice: list[AdviceRequest]) -> dict[str, list[AdviceExtract]]:
    """For each section B–H, the advice received that speaks to it (text, "no needs", or a
    document to read), so the plan is written with the advice open beside it."""
    beside: dict[str, list[AdviceExtract]] = {}
    for code, (kinds, part) in SECTION_ADVICE.items():
        beside[code] = [
            AdviceExtract(item, getattr(item, part), item.no_needs and part == "needs")
            for item in advice
            if item.kind in kinds
            and (getattr(item, part) or item.document or (item.no_needs and part == "needs"))
        ]
    return beside


def plan_advice(plan: EHCPlan) -> QuerySet[AdviceRequest]:
    """Section K: the advice received for the plan's assessment (listed, never copied)."""
    if plan.request_id is None:
        return AdviceRequest.objects.none()
    return (
        AdviceRequest.objects.filter(
            request_id=plan.request_id, received_on__isnull=False, withdrawn_on__isnull=True
        )
        .select_related("organisation")
        .order_by("received_on", "pk")
    )


@dataclass(frozen=True)
class AdviceListed:
    """One piece of advice as section K lists it: once, however many times it was corrected
    (`AdviceVersion`) or reused, with who gave it and the day it was first received."""

    advice: AdviceRequest  # the copy on this plan's assessment: links go here
    kind: str
    organisation: str
    adviser: str  # the person who gave it, when they belong to that organisation
    received_on: date
    reused_on: date | None  # the day it was reused for this assessment, if it was


def plan_advice_listed(plan: EHCPlan) -> list[AdviceListed]:
    """Section K: each piece of advice once. Advice reused from an earlier request (or twice in
    one) is the same advice: it is listed under its first receipt, by whoever first gave it."""
    listed: list[AdviceListed] = []
    seen: set[int] = set()
    rows = plan_advice(plan).select_related(
        "submitted_by", "reused_from__organisation", "reused_from__submitted_by"
    )
    for item in rows:
        original = _first_given(item)
        if original.pk in seen:
            continue
        seen.add(original.pk)
        received_on = original.received_on or item.received_on
        if received_on is None:  # pragma: no cover - plan_advice lists received advice only
            continue
        listed.append(
            AdviceListed(
                advice=item,
                kind=item.get_kind_display(),
                organisation=str(original.organisation),
                adviser=_adviser(original),
                received_on=received_on,
                reused_on=item.received_on if original.pk != item.pk else None,
            )
        )
    return listed


def _first_given(advice: AdviceRequest) -> AdviceRequest:
    """Follow `reused_from` back to the advice as it was first given."""
    seen = {advice.pk}
    while advice.reused_from is not None and advice.reused_from_id not in seen:
        advice = advice.reused_from
        seen.add(advice.pk)
    return advice


def _adviser(advice: AdviceRequest) -> str:
    """The adviser's name, when the person who sent it belongs to the advising organisation (a
    caseworker who recorded advice for someone else is not the adviser)."""
    person = advice.submitted_by
    if person is None:
        return ""
    if not Membership.objects.filter(user=person, organisation_id=advice.organisation_id).exists():
        return ""
    return person.get_full_name()


def plan_content(plan: EHCPlan) -> dict[str, Any]:
    """Every section of the plan as JSON-ready data (ids kept so links can be followed)."""
    needs = list(plan.needs.all())
    outcomes = list(plan.outcomes.all())
    provisions = list(plan.provisions.all())
    return {
        "child": {
            "id": plan.child_id,
            "name": plan.child.full_name,
            "date_of_birth": plan.child.date_of_birth.isoformat(),
        },
        "A": {name: getattr(plan, name) for name, _ in SECTION_A_FIELDS},
        "needs": [
            {
                "id": n.pk,
                "section": n.section,
                "area": n.area,
                "area_label": n.get_area_display(),
                "description": n.description,
            }
            for n in needs
        ],
        "outcomes": [
            {
                "id": o.pk,
                "description": o.description,
                "by_when": o.by_when,
                "preparing_for_adulthood_area": o.preparing_for_adulthood_area,
                "preparing_for_adulthood_label": (
                    o.get_preparing_for_adulthood_area_display()
                    if o.preparing_for_adulthood_area
                    else ""
                ),
                "need_ids": sorted(n.pk for n in o.needs.all()),
            }
            for o in outcomes
        ],
        "provision": [
            {
                "id": p.pk,
                "section": p.section,
                "description": p.description,
                "provided_by": p.provided_by,
                "frequency": p.frequency,
                "duration": p.duration,
                "group_size": p.group_size,
                "location": p.location,
                "unquantified_reason": p.unquantified_reason,
                "outcome_ids": sorted(o.pk for o in p.outcomes.all()),
            }
            for p in provisions
        ],
        "I": {
            "placement_type": plan.placement_type,
            "placement_label": plan.get_placement_type_display() if plan.placement_type else "",
            "named_setting_id": plan.named_setting_id,
            "named_setting": str(plan.named_setting) if plan.named_setting else "",
        },
        "J": {
            "amount": (
                str(plan.personal_budget_amount)
                if plan.personal_budget_amount is not None
                else None
            ),
            "description": plan.personal_budget_description,
        },
        "K": [
            {
                "id": a.advice.pk,
                "kind": a.kind,
                "organisation": a.organisation,
                "received_on": a.received_on.isoformat(),
            }
            for a in plan_advice_listed(plan)
        ],
    }


def _provision_line(p: dict[str, Any]) -> str:
    details = [
        ("who", p.get("provided_by")),
        ("how often", p.get("frequency")),
        ("how long", p.get("duration")),
        ("group", p.get("group_size")),
        ("where", p.get("location")),
    ]
    said = "; ".join(f"{label}: {value}" for label, value in details if value)
    return f"{p['description']} ({said})" if said else p["description"]


def section_lines(content: dict[str, Any], code: str) -> list[str]:
    """One section of a snapshot as lines of text, for side-by-side comparison."""
    if code == "A":
        a = content.get("A", {})
        return [f"{label}: {a[name]}" for name, label in SECTION_A_FIELDS if a.get(name)]
    if code in ("B", "C", "D"):
        return [
            f"{n['area_label']}: {n['description']}"
            for n in content.get("needs", [])
            if n["section"] == code
        ]
    if code == "E":
        lines = []
        for o in content.get("outcomes", []):
            extra = [o["by_when"], o.get("preparing_for_adulthood_label", "")]
            suffix = "; ".join(x for x in extra if x)
            lines.append(f"{o['description']} ({suffix})" if suffix else o["description"])
        return lines
    if code in ("F", "G", "H1", "H2"):
        return [_provision_line(p) for p in content.get("provision", []) if p["section"] == code]
    if code == "I":
        i = content.get("I", {})
        return [x for x in (i.get("placement_label"), i.get("named_setting")) if x]
    if code == "J":
        j = content.get("J", {})
        lines = [money(j["amount"])] if j.get("amount") else []
        return lines + ([j["description"]] if j.get("description") else [])
    if code == "K":
        return [
            f"{k['kind']} from {k['organisation']} ({k['received_on']})"
            for k in content.get("K", [])
        ]
    raise KeyError(code)


@dataclass(frozen=True)
class SectionChange:
    code: str
    title: str
    before: list[str]
    after: list[str]

    @property
    def changed(self) -> bool:
        return self.before != self.after


def content_compare(before: dict[str, Any], after: dict[str, Any]) -> list[SectionChange]:
    """Each section before and after, in plan order."""
    return [
        SectionChange(code, title, section_lines(before, code), section_lines(after, code))
        for code, title in SECTIONS
    ]
