"""Quality checks on a plan's content: the golden thread, quantified provision, the sections.

`plan_warnings` is a pure function of the plan's content (`content.plan_content`) and the
child's National Curriculum year, so the same checks can run on a draft, on an issued version's
snapshot, or in the quality-assurance app. A warning that `blocks` stops the plan being issued.
"""

from dataclasses import dataclass
from datetime import date
from typing import Any

from opensend import statutory

PFA_FROM_YEAR = 9


@dataclass(frozen=True)
class PlanWarning:
    code: str
    message: str
    blocks: bool = False
    section: str = ""
    blocks_final: bool = False  # the draft may go to the family with it; a final plan may not


def _quote(text: str, length: int = 80) -> str:
    text = " ".join(text.split())
    return f"“{text if len(text) <= length else text[: length - 1] + '…'}”"


def plan_warnings(
    content: dict[str, Any],
    *,
    nc_year: int | None = None,
    advised_no_needs: frozenset[str] = frozenset(),
) -> list[PlanWarning]:
    """Everything a caseworker should look at before issuing, in plan order.

    `advised_no_needs`: the sections (C, D) for which the health or social care advice said
    there are no needs, so an empty section is what the advice says, not a gap."""
    needs = content.get("needs", [])
    outcomes = content.get("outcomes", [])
    provision = content.get("provision", [])
    warnings: list[PlanWarning] = []

    if not any(n["section"] == "B" for n in needs):
        warnings.append(
            PlanWarning(
                "no_special_educational_needs",
                "Section B is empty: record the child's special educational needs",
                blocks=True,
                section="B",
            )
        )
    for code, area, label in (("C", "health", "health"), ("D", "social_care", "social care")):
        recorded = any(n["section"] == code for n in needs)
        if not recorded and code not in advised_no_needs:
            warnings.append(
                PlanWarning(
                    f"no_{area}_needs",
                    f"No {label} needs recorded (section {code}): confirm with {label}",
                    section=code,
                )
            )
        elif recorded and code in advised_no_needs:
            warnings.append(
                PlanWarning(
                    f"{area}_needs_against_advice",
                    f"The {label} advice found no {label} needs, but section {code} lists "
                    f"some: check with {label} before issuing",
                    section=code,
                )
            )

    answered = {need_id for o in outcomes for need_id in o["need_ids"]}
    warnings += [
        PlanWarning(
            "need_without_outcome",
            f"No outcome answers the need {_quote(n['description'])}",
            blocks=True,
            section=n["section"],
        )
        for n in needs
        if n["id"] not in answered
    ]
    warnings += [
        PlanWarning(
            "outcome_without_need",
            f"The outcome {_quote(o['description'])} is not linked to any need",
            section="E",
        )
        for o in outcomes
        if not o["need_ids"]
    ]
    delivered = {outcome_id for p in provision for outcome_id in p["outcome_ids"]}
    warnings += [
        PlanWarning(
            "outcome_without_provision",
            f"No provision is linked to the outcome {_quote(o['description'])}",
            blocks=True,
            section="E",
        )
        for o in outcomes
        if o["id"] not in delivered
    ]
    if (
        nc_year is not None
        and nc_year >= PFA_FROM_YEAR
        and not any(o.get("preparing_for_adulthood_area") for o in outcomes)
    ):
        warnings.append(
            PlanWarning(
                "no_preparing_for_adulthood",
                f"The child is in Year {nc_year}: add an outcome about preparing for adulthood",
                section="E",
            )
        )
    for p in provision:
        missing = [
            label
            for label, key in (
                ("who provides it", "provided_by"),
                ("how often", "frequency"),
                ("how long", "duration"),
            )
            if not (p.get(key) or "").strip()
        ]
        if missing and not (p.get("unquantified_reason") or "").strip():
            warnings.append(
                PlanWarning(
                    "provision_not_quantified",
                    f"The provision {_quote(p['description'])} does not say "
                    + _and_list(missing)
                    + ": say it, or record why it cannot be said",
                    section=p["section"],
                    blocks_final=True,
                )
            )
        if not p["outcome_ids"]:
            warnings.append(
                PlanWarning(
                    "provision_without_outcome",
                    f"The provision {_quote(p['description'])} is not linked to any outcome",
                    section=p["section"],
                )
            )
    return warnings


def _and_list(items: list[str]) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} or {items[-1]}"


def child_nc_year(content: dict[str, Any], on: date) -> int | None:
    """The child's year group on `on`, from the date of birth in the content."""
    born = content.get("child", {}).get("date_of_birth")
    if not born:
        return None
    born_on = date.fromisoformat(born)
    return statutory.national_curriculum_year(born_on, on) if on >= born_on else None


def blocking(warnings: list[PlanWarning], *, final: bool = False) -> list[PlanWarning]:
    """The warnings that stop the plan being issued (as a draft, or with `final` as final:
    provision must be specified and quantified in a final plan, Code of Practice 9.69)."""
    return [w for w in warnings if w.blocks or (final and w.blocks_final)]
