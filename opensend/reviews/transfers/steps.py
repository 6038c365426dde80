"""The steps of a phase transfer, in one table: each step's form, service, words and who may
take it (`allowed`), and when its button shows on the transfer's page (`offer`).

Only the SEND team works a transfer, and only while it is open: not closed as "not
transferring", and before the amendment naming the new setting is started (the amendment then
carries the work). The amendment can be started once a setting is named (the service says so,
with a 400, before that), so its button shows then.
"""

from opensend.core.steps import calls
from opensend.core.types import Actor
from opensend.reviews.access import manages_reviews
from opensend.reviews.models import PhaseTransfer
from opensend.reviews.transfers import selectors, services
from opensend.reviews.transfers.forms import (
    ConfirmForm,
    ConsultationForm,
    NameSettingForm,
    NotTransferringForm,
    PreferencesForm,
)
from opensend.reviews.transfers.planner import transfer_preferences
from opensend.reviews.workflow import record_workflow, step_factory


def may_open_transfers(user: Actor) -> bool:
    """May this user open transfers (one child's, or the planner's cohort)?"""
    return manages_reviews(user)


def transfer_open(transfer: PhaseTransfer, _user: Actor = None) -> bool:
    """Still being worked: not closed, and no amendment started yet."""
    return not transfer.not_transferring_reason and transfer.amendment_id is None


def _preferences_form(data: object, t: PhaseTransfer) -> PreferencesForm:
    initial = {
        "first_preference": t.first_preference_id,
        "second_preference": t.second_preference_id,
        "third_preference": t.third_preference_id,
    }
    return PreferencesForm(data, initial=initial)


step = step_factory("transfer_")

TRANSFER_STEPS = record_workflow(
    "transfer",
    selectors.transfer_get_for_user,
    caption=lambda t: f"{t.child.full_name}: {t.get_kind_display().lower()}",
    who=manages_reviews,
    steps=(
        step(
            "preferences",
            "Record the family's preferences",
            heading="The family's preferred schools or colleges",
            form=_preferences_form,
            service=calls(services.transfer_preferences_record, "transfer"),
            success="Preferences recorded",
            allowed=transfer_open,
        ),
        step(
            "consult",
            "Consult a school or college",
            heading="Ask a school or college if it can meet the child's needs",
            form=lambda data, t: ConsultationForm(data, preferred=transfer_preferences(t)),
            service=calls(services.transfer_consultation_send, "transfer"),
            success="Consultation sent",
            allowed=transfer_open,
            intro="They have 15 days to reply (Children and Families Act 2014, section 39).",
            secondary=True,
        ),
        step(
            "name",
            "Name the new setting",
            heading="Name the new school or college",
            form=lambda data, t: NameSettingForm(data, preferred=transfer_preferences(t)),
            service=calls(services.transfer_setting_name, "transfer"),
            success="Setting named. The family has been told.",
            allowed=transfer_open,
            intro="Next, start the amendment that names it in section I of the plan.",
            secondary=True,
        ),
        step(
            "amend",
            "Start the amendment",
            heading="Start the amendment naming the new setting",
            form=lambda data, t: ConfirmForm(data),
            service=lambda actor, t, _d: services.transfer_amendment_start(actor=actor, transfer=t),
            success="Amendment started. Send the proposals to the family next.",
            allowed=transfer_open,
            intro="The plan's content can then be changed for the new phase. The transfer is "
            "done when the amended plan is issued.",
            submit_label="Start the amendment",
            offer=lambda t: t.named_setting_id is not None,
        ),
        step(
            "not_transferring",
            "The child is not moving",
            heading="The child is not moving",
            form=lambda data, t: NotTransferringForm(data),
            service=calls(services.transfer_not_transferring, "transfer"),
            success="Recorded: not transferring",
            allowed=transfer_open,
        ),
    ),
)
