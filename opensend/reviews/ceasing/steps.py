"""The steps of a cease decision, in one table: each step's form, service, words and who may
take it (`allowed`), and when its button shows on the decision's page (`offer`).

Only the SEND team works a cease decision, and only while it is open. The consultation is
recorded once; closing it ("keep the plan") waits for any appeal's outcome. Deciding, recording
an appeal and ceasing come in the law's order (the services say so, with a 400 and the reason,
when they come early), so their buttons show only when they are due: the notice after the
consultation, an appeal after the notice, ceasing once nothing blocks it.
"""

from typing import Any

from django.utils import timezone

from opensend.accounts.permissions import Capability, user_can
from opensend.core.steps import calls
from opensend.core.types import Actor
from opensend.disputes.models import Appeal, AppealType
from opensend.reviews.access import manages_reviews
from opensend.reviews.ceasing import selectors, services
from opensend.reviews.ceasing.forms import (
    CessationAppealLinkForm,
    CessationAppealLodgeForm,
    CessationCeaseForm,
    CessationCloseForm,
    CessationConsultationForm,
    CessationDecideForm,
)
from opensend.reviews.codes import CessationStatus
from opensend.reviews.models import Cessation
from opensend.reviews.workflow import record_workflow, step_factory


def may_see_appeal(user: Actor) -> bool:
    """May this user open the appeal a cease decision is linked to (the disputes pages)?"""
    return user_can(user, Capability.MANAGE_DISPUTES)


def _open(cessation: Cessation, _user: Actor) -> bool:
    return cessation.is_open


def _decided(cessation: Cessation) -> bool:
    return cessation.status == CessationStatus.DECIDED


def cease_blocker_shown(cessation: Cessation, user: Actor) -> str:
    """Why the plan cannot be ceased today, for someone who could cease it once decided."""
    if not CESSATION_STEPS.may("cease", cessation, user):
        return ""
    if cessation.status == CessationStatus.PROPOSED:
        return ""
    return services.cease_blocker(cessation, timezone.localdate())


def _appeals_form(data: Any, cessation: Cessation) -> CessationAppealLinkForm:
    appeals = Appeal.objects.filter(child=cessation.child, appeal_type=AppealType.CEASING)
    return CessationAppealLinkForm(data, appeals=appeals)


step = step_factory("cessation_")

CESSATION_STEPS = record_workflow(
    "cessation",
    selectors.cessation_get_for_user,
    caption=lambda cessation: f"Ceasing the plan for {cessation.child.full_name}",
    who=manages_reviews,
    steps=(
        step(
            "consult",
            "Tell and consult the family and setting",
            heading="Tell and consult the family and the setting",
            form=lambda data, c: CessationConsultationForm(data),
            service=calls(services.cessation_consultation_record, "cessation"),
            success="Consultation recorded. The family and the setting have been told.",
            allowed=lambda c, _user: c.is_open and c.family_consulted_on is None,
            intro="The family gets a letter saying we are thinking of stopping the plan, and the "
            "setting an email (SEND Regulations 2014, reg 31(1)).",
        ),
        step(
            "decide",
            "Decide and send the notice",
            heading="Decide to cease and send the notice",
            form=lambda data, c: CessationDecideForm(data),
            service=calls(services.cessation_decide, "cessation"),
            success="Decision recorded. The notice, with the right of appeal, has been sent.",
            allowed=_open,
            intro="The notice gives the reasons, the right to appeal and its deadline, and "
            "information about mediation (SEND Regulations 2014, reg 31(2) and (3)).",
            submit_label="Send the notice",
            offer=lambda c: (
                c.status == CessationStatus.PROPOSED and c.family_consulted_on is not None
            ),
        ),
        step(
            "appeal",
            "Record an appeal",
            heading="The family has appealed",
            form=lambda data, c: CessationAppealLodgeForm(data),
            service=calls(services.cessation_appeal_lodge, "cessation"),
            success="Appeal recorded. The plan is kept while the appeal is decided.",
            allowed=_open,
            intro="The plan stays in place until the Tribunal decides.",
            offer=_decided,
            secondary=True,
        ),
        step(
            "appeal_link",
            "Link an appeal already recorded",
            heading="Link an appeal already recorded",
            form=_appeals_form,
            service=calls(services.cessation_appeal_link, "cessation"),
            success="Appeal linked. The plan is kept while the appeal is decided.",
            allowed=_open,
            offer=_decided,
            secondary=True,
        ),
        step(
            "cease",
            "Cease the plan",
            heading="Cease the plan",
            form=lambda data, c: CessationCeaseForm(data),
            service=calls(services.cessation_cease, "cessation"),
            success="The plan has ceased. The family has been told.",
            allowed=_open,
            intro="Any open review, transfer or amendment of the plan is closed.",
            submit_label="Cease the plan",
            offer=lambda c: (
                c.status != CessationStatus.PROPOSED
                and not services.cease_blocker(c, timezone.localdate())
            ),
        ),
        step(
            "close",
            "Keep the plan",
            heading="Keep the plan",
            form=lambda data, c: CessationCloseForm(data),
            service=calls(services.cessation_close, "cessation"),
            success="Recorded. The plan continues.",
            allowed=lambda c, _user: c.is_open and (c.appeal is None or bool(c.appeal.outcome)),
        ),
    ),
)
