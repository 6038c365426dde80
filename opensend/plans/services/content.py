"""A plan's content: needs (sections B, C, D), outcomes (E) and provision (F, G, H1, H2), each
added, changed and removed while the plan is a draft or being amended (writing a draft, not
deleting a record), with the links between them (the golden thread)."""

from collections.abc import Iterable
from typing import Any, Required, TypedDict, Unpack

from django.core.exceptions import ValidationError
from django.db import transaction

from opensend.audit.models import Action
from opensend.audit.services import apply_changes, audit_record, field_changes, snapshot
from opensend.core.types import Actor
from opensend.plans.models import (
    BROAD_AREAS,
    AdulthoodArea,
    EHCPlan,
    Need,
    NeedArea,
    NeedSection,
    Outcome,
    Provision,
    ProvisionSection,
)
from opensend.plans.services._shared import PROVISION_FIELDS, audit_plan, locked_editable

DESCRIPTION_REQUIRED = "Enter a description"
SECTION_REQUIRED = "Choose the section"
AREA_REQUIRED = "Choose the area of need"
BROAD_AREA_ONLY = "Special educational needs use one of the four broad areas of need"
NOT_THIS_PLAN = "Choose from this plan's {what}"
NEED_FIELDS = ["section", "area", "description"]
OUTCOME_FIELDS = ["description", "by_when", "preparing_for_adulthood_area"]
DEFAULT_AREAS: dict[str, str] = {
    NeedSection.C.value: NeedArea.HEALTH.value,
    NeedSection.D.value: NeedArea.SOCIAL_CARE.value,
}


def _clean_need(section: str, area: str, description: str) -> tuple[str, str]:
    errors: dict[str, list[str]] = {}
    if section not in NeedSection.values:
        errors["section"] = [SECTION_REQUIRED]
    if not area:
        area = DEFAULT_AREAS.get(section, "")
    if area not in NeedArea.values:
        errors["area"] = [AREA_REQUIRED]
    elif section == NeedSection.B and area not in BROAD_AREAS:
        errors["area"] = [BROAD_AREA_ONLY]
    if not description.strip():
        errors["description"] = [DESCRIPTION_REQUIRED]
    if errors:
        raise ValidationError(errors)
    return area, description.strip()


@transaction.atomic
def need_add(
    *, actor: Actor, plan: EHCPlan, section: str, description: str, area: str = ""
) -> Need:
    plan = locked_editable(actor, plan)
    area, description = _clean_need(section, area, description)
    need = Need.objects.create(plan=plan, section=section, area=area, description=description)
    audit_record(actor=actor, action=Action.CREATE, obj=need, child_id=plan.child_id)
    return need


@transaction.atomic
def need_update(
    *, actor: Actor, need: Need, section: str, description: str, area: str = ""
) -> Need:
    plan = locked_editable(actor, need.plan)
    area, description = _clean_need(section, area, description)
    before = snapshot(need, NEED_FIELDS)
    need.section, need.area, need.description = section, area, description
    need.save()
    audit_record(
        actor=actor,
        action=Action.UPDATE,
        obj=need,
        child_id=plan.child_id,
        changes=field_changes(need, before, NEED_FIELDS),
    )
    return need


@transaction.atomic
def need_remove(*, actor: Actor, need: Need) -> None:
    """Take a need out of a draft (its links to outcomes go with it)."""
    plan = locked_editable(actor, need.plan)
    audit_plan(actor, plan, summary=f"Removed need: {need}"[:300], changes={"removed": str(need)})
    need.delete()


def _ids_in(plan: EHCPlan, model: Any, ids: Iterable[int], *, what: str, field: str) -> list[Any]:
    wanted = {int(i) for i in ids}
    found = list(model.objects.filter(plan=plan, pk__in=wanted))
    if len(found) != len(wanted):
        raise ValidationError({field: [NOT_THIS_PLAN.format(what=what)]})
    return found


def _link(
    actor: Actor,
    plan: EHCPlan,
    row: Any,
    relation: str,
    linked: list[Any],
    *,
    action: Action,
    changes: dict[str, Any] | None = None,
) -> None:
    """Link a row to the rows it answers (an outcome to needs, provision to outcomes) and audit
    the change with the links it now has."""
    getattr(row, relation).set(linked)
    audit_record(
        actor=actor,
        action=action,
        obj=row,
        child_id=plan.child_id,
        changes={**(changes or {}), relation: [str(x) for x in linked]},
    )


def _clean_outcome(description: str, pfa: str) -> str:
    errors: dict[str, list[str]] = {}
    if not description.strip():
        errors["description"] = [DESCRIPTION_REQUIRED]
    if pfa not in AdulthoodArea.values:
        errors["preparing_for_adulthood_area"] = ["Choose a preparing-for-adulthood area"]
    if errors:
        raise ValidationError(errors)
    return description.strip()


@transaction.atomic
def outcome_add(
    *,
    actor: Actor,
    plan: EHCPlan,
    description: str,
    by_when: str = "",
    preparing_for_adulthood_area: str = "",
    need_ids: Iterable[int] = (),
) -> Outcome:
    plan = locked_editable(actor, plan)
    description = _clean_outcome(description, preparing_for_adulthood_area)
    needs = _ids_in(plan, Need, need_ids, what="needs", field="need_ids")
    outcome = Outcome.objects.create(
        plan=plan,
        description=description,
        by_when=by_when.strip(),
        preparing_for_adulthood_area=preparing_for_adulthood_area,
    )
    _link(actor, plan, outcome, "needs", needs, action=Action.CREATE)
    return outcome


@transaction.atomic
def outcome_update(
    *,
    actor: Actor,
    outcome: Outcome,
    description: str,
    by_when: str = "",
    preparing_for_adulthood_area: str = "",
    need_ids: Iterable[int] = (),
) -> Outcome:
    plan = locked_editable(actor, outcome.plan)
    description = _clean_outcome(description, preparing_for_adulthood_area)
    needs = _ids_in(plan, Need, need_ids, what="needs", field="need_ids")
    before = snapshot(outcome, OUTCOME_FIELDS)
    outcome.description, outcome.by_when = description, by_when.strip()
    outcome.preparing_for_adulthood_area = preparing_for_adulthood_area
    outcome.save()
    changes = field_changes(outcome, before, OUTCOME_FIELDS)
    _link(actor, plan, outcome, "needs", needs, action=Action.UPDATE, changes=changes)
    return outcome


@transaction.atomic
def outcome_remove(*, actor: Actor, outcome: Outcome) -> None:
    plan = locked_editable(actor, outcome.plan)
    audit_plan(
        actor, plan, summary=f"Removed outcome: {outcome}"[:300], changes={"removed": str(outcome)}
    )
    outcome.delete()


class ProvisionText(TypedDict, total=False):
    """The words of a provision row, as the add and change forms send them."""

    section: Required[str]
    description: Required[str]
    provided_by: str
    frequency: str
    duration: str
    group_size: str
    location: str
    unquantified_reason: str


def _clean_provision(
    section: str,
    description: str,
    provided_by: str = "",
    frequency: str = "",
    duration: str = "",
    group_size: str = "",
    location: str = "",
    unquantified_reason: str = "",
) -> dict[str, str]:
    """A provision's section and text, checked, and the rest of its row trimmed: the values
    both adding and changing a provision store (`PROVISION_FIELDS`)."""
    errors: dict[str, list[str]] = {}
    if section not in ProvisionSection.values:
        errors["section"] = [SECTION_REQUIRED]
    if not description.strip():
        errors["description"] = [DESCRIPTION_REQUIRED]
    if errors:
        raise ValidationError(errors)
    trimmed = (provided_by, frequency, duration, group_size, location, unquantified_reason)
    values = (section, description.strip(), *(value.strip() for value in trimmed))
    return dict(zip(PROVISION_FIELDS, values, strict=True))


@transaction.atomic
def provision_add(
    *,
    actor: Actor,
    plan: EHCPlan,
    outcome_ids: Iterable[int] = (),
    **text: Unpack[ProvisionText],
) -> Provision:
    plan = locked_editable(actor, plan)
    values = _clean_provision(**text)
    outcomes = _ids_in(plan, Outcome, outcome_ids, what="outcomes", field="outcome_ids")
    provision = Provision.objects.create(plan=plan, **values)
    _link(actor, plan, provision, "outcomes", outcomes, action=Action.CREATE)
    return provision


@transaction.atomic
def provision_update(
    *,
    actor: Actor,
    provision: Provision,
    outcome_ids: Iterable[int] = (),
    **text: Unpack[ProvisionText],
) -> Provision:
    plan = locked_editable(actor, provision.plan)
    values = _clean_provision(**text)
    outcomes = _ids_in(plan, Outcome, outcome_ids, what="outcomes", field="outcome_ids")
    changes = apply_changes(provision, values)
    provision.save()
    _link(actor, plan, provision, "outcomes", outcomes, action=Action.UPDATE, changes=changes)
    return provision


@transaction.atomic
def provision_remove(*, actor: Actor, provision: Provision) -> None:
    plan = locked_editable(actor, provision.plan)
    audit_plan(
        actor,
        plan,
        summary=f"Removed provision: {provision}"[:300],
        changes={"removed": str(provision)},
    )
    provision.delete()
