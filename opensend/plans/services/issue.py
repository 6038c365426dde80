"""Issuing the final plan (a numbered `PlanVersion` kept exactly as issued, the case moved on,
the family and professionals told), and putting a plan's content back as a version issued it.

The first review is scheduled by the reviews app in the same transaction
(`reviews.services.final_plan_issue` calls `final_issue`): plans never imports reviews.
"""

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from opensend import statutory
from opensend.accounts.models import Organisation
from opensend.accounts.permissions import Capability, check_capability
from opensend.accounts.roles import OrganisationKind
from opensend.audit.models import Action
from opensend.audit.services import audit_record
from opensend.casework.services import appeal_rights, case_record_final_issued
from opensend.core.dates import today_or_local
from opensend.core.types import Actor
from opensend.core.validation import check_not_future
from opensend.notify.services import notification_send, notification_send_to_address
from opensend.people.models import Setting
from opensend.plans.content import plan_content
from opensend.plans.models import EHCPlan, Need, Outcome, PlanStatus, PlanVersion, Provision
from opensend.plans.readiness import blockers_as_errors, final_issue_blockers
from opensend.plans.services._shared import (
    DRAFT_NOT_ISSUED,
    NO_REQUEST,
    PROVISION_FIELDS,
    SECTION_A,
    audit_plan,
    check_draft,
    check_issuable,
    locked,
)

NAMED_SETTING_REQUIRED = "Choose the school, college or other setting to name in the plan"
FINAL_BEFORE_DRAFT = "The final plan cannot be issued before the draft ({draft})"


@transaction.atomic
def final_issue(
    *,
    actor: Actor,
    plan: EHCPlan,
    issued_on: date,
    named_setting: Setting | None,
    today: date | None = None,
) -> EHCPlan:
    """Issue the final plan: a new numbered version, the case moved on, the family told.

    The plan's first review is scheduled by the reviews app in the same transaction: call
    `reviews.services.final_plan_issue`, which calls this and then `review_schedule_first` (the
    journey's order is casework -> plans -> disputes -> reviews, so plans never imports reviews).
    """
    check_capability(actor, Capability.MANAGE_CASES)
    today = today_or_local(today)
    plan = locked(plan)
    check_draft(plan)
    if plan.request is None:
        raise ValidationError(NO_REQUEST)
    if plan.draft_issued_on is None:
        raise ValidationError(DRAFT_NOT_ISSUED)
    if named_setting is None:
        raise ValidationError({"named_setting": [NAMED_SETTING_REQUIRED]})
    check_not_future(issued_on, today=today, field="issued_on")
    if issued_on < plan.draft_issued_on:
        raise ValidationError(
            {
                "issued_on": [
                    FINAL_BEFORE_DRAFT.format(draft=statutory.long_date(plan.draft_issued_on))
                ]
            }
        )
    blockers = final_issue_blockers(plan, issued_on=issued_on, named_setting=named_setting)
    if blockers:
        raise ValidationError(blockers_as_errors(blockers))
    review_due = first_review_due(plan, issued_on=issued_on)
    plan_version_issue(
        actor=actor,
        plan=plan,
        issued_on=issued_on,
        named_setting=named_setting,
        template="final_plan_for_professionals",
        review_due=review_due,
    )
    case_record_final_issued(actor=actor, case=plan.request, on=issued_on, today=today)
    notification_send(
        actor=actor,
        template="final_plan_issued",
        child=plan.child,
        personalisation={
            "setting_name": named_setting.name,
            "review_due": review_due,
            "page_link": f"/plans/{plan.pk}/",
            **appeal_rights(issued_on),
        },
    )
    return plan


def first_review_due(plan: EHCPlan, *, issued_on: date) -> date:
    """When the first review must be held by (6 months for an under-5, else 12 months)."""
    return statutory.review_due_choice(
        date_of_birth=plan.child.date_of_birth, trigger=issued_on, first=True
    ).due_by


def plan_version_issue(
    *,
    actor: Actor,
    plan: EHCPlan,
    issued_on: date,
    named_setting: Setting,
    template: str,
    review_due: date,
) -> PlanVersion:
    """Issue the plan as it stands as the next numbered version, kept exactly as issued, and
    send it to the named setting and the health commissioner. Shared by the first final plan
    and every amended plan (reviews.services.amendment_issue). Call inside a transaction with
    the plan locked (`plan_lock`)."""
    check_issuable(plan, on=issued_on, final=True)
    plan.named_setting = named_setting
    plan.status = PlanStatus.FINAL
    plan.version += 1
    plan.issued_on = issued_on
    plan.save(update_fields=["named_setting", "status", "version", "issued_on", "updated_at"])
    version = PlanVersion.objects.create(
        plan=plan,
        version=plan.version,
        issued_on=issued_on,
        snapshot=plan_content(plan),
        issued_by=actor,
        **authorising_officer(actor),
    )
    audit_record(actor=actor, action=Action.CREATE, obj=version, child_id=plan.child_id)
    _send_final_to_professionals(
        actor,
        plan,
        named_setting=named_setting,
        issued_on=issued_on,
        template=template,
        review_due=review_due,
    )
    return version


def authorising_officer(actor: Actor) -> dict[str, str]:
    """Who issues the plan, as the plan names them: their name and their job title at the
    council on the day (from their current membership, the council's first)."""
    memberships = sorted(
        (m for m in actor.memberships.current().select_related("organisation") if m.job_title),
        key=lambda m: (m.organisation.kind != OrganisationKind.COUNCIL, m.pk),
    )
    return {
        "issued_by_name": (actor.get_full_name() or actor.email)[:200],
        "issued_by_job_title": memberships[0].job_title if memberships else "",
    }


def plan_content_restore(*, actor: Actor, plan: EHCPlan, version: int) -> EHCPlan:
    """Put the plan's content back as it was issued in `version` (an amendment withdrawn or not
    made): section A, needs, outcomes, provision with their links, I and J. Call inside a
    transaction with the plan locked."""
    check_capability(actor, Capability.MANAGE_CASES)
    issued = PlanVersion.objects.filter(plan=plan, version=version).first()
    if issued is None:
        return plan  # nothing kept to go back to (for example, demo data)
    content = issued.snapshot
    for name in SECTION_A:
        setattr(plan, name, content["A"].get(name, ""))
    plan.placement_type = content["I"].get("placement_type", "")
    plan.named_setting_id = content["I"].get("named_setting_id")
    amount = content["J"].get("amount")
    plan.personal_budget_amount = Decimal(amount) if amount is not None else None
    plan.personal_budget_description = content["J"].get("description", "")
    plan.save()
    plan.provisions.all().delete()
    plan.outcomes.all().delete()
    plan.needs.all().delete()
    needs = {
        row["id"]: Need.objects.create(
            plan=plan, section=row["section"], area=row["area"], description=row["description"]
        )
        for row in content["needs"]
    }
    outcomes = {}
    for row in content["outcomes"]:
        outcome = Outcome.objects.create(
            plan=plan,
            description=row["description"],
            by_when=row["by_when"],
            preparing_for_adulthood_area=row["preparing_for_adulthood_area"],
        )
        outcome.needs.set([needs[i] for i in row["need_ids"] if i in needs])
        outcomes[row["id"]] = outcome
    for row in content["provision"]:
        provision = Provision.objects.create(
            plan=plan, **{name: row.get(name, "") for name in PROVISION_FIELDS}
        )
        provision.outcomes.set([outcomes[i] for i in row["outcome_ids"] if i in outcomes])
    audit_plan(actor, plan, summary=f"Content put back as issued in version {version}")
    return plan


def _send_final_to_professionals(
    actor: Actor,
    plan: EHCPlan,
    *,
    named_setting: Setting,
    issued_on: date,
    template: str,
    review_due: date,
) -> None:
    """The named setting and the health commissioner get the final plan too."""
    recipients = [(named_setting.email, named_setting.name)]
    commissioner = (
        Organisation.objects.open().filter(kind=OrganisationKind.NHS).exclude(email="").first()
    )
    if commissioner is not None:
        recipients.append((commissioner.email, commissioner.name))
    for address, name in recipients:
        if not address:
            continue
        notification_send_to_address(
            actor=actor,
            template=template,
            to_address=address,
            recipient_name=name,
            child=plan.child,
            personalisation={
                "issued_on": issued_on,
                "setting_name": named_setting.name,
                "review_due": review_due,
                "plan_link": f"/plans/{plan.pk}/",
            },
        )
