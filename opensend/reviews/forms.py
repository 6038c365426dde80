"""Forms for each step of an annual review (GOV.UK components)."""

from typing import Any

from django import forms

from opensend.core.forms import GovukDateField, GovukForm
from opensend.core.uploads import DocumentField
from opensend.plans.forms import _text
from opensend.reviews.codes import CeaseReason, ContributionKind, ReviewDecision
from opensend.reviews.models import ProgressRating

INVITEE_ROLES = [c for c in ContributionKind.choices if c[0] != ContributionKind.FAMILY]


class MeetingForm(GovukForm):
    meeting_on = GovukDateField(
        label="Date of the review meeting",
        hint="Invitations must go out at least 2 weeks before this date",
    )


class InvitationsForm(GovukForm):
    """The family is always invited; choose the professionals involved and add anyone else."""

    involvement_ids = forms.MultipleChoiceField(
        label="Professionals involved with the child",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="The family is always invited and told the date",
    )
    other_name = forms.CharField(
        label="Anyone else: name (optional)", required=False, max_length=200
    )
    other_email = forms.EmailField(label="Their email address (optional)", required=False)
    other_role = forms.ChoiceField(
        label="Their role", choices=INVITEE_ROLES, required=False, initial=ContributionKind.OTHER
    )
    sent_on = GovukDateField(label="Date the invitations and advice were sent")

    def __init__(self, *args: Any, involvements: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["involvement_ids"]
        if isinstance(field, forms.MultipleChoiceField):
            field.choices = [(str(i.pk), str(i.organisation)) for i in involvements]
        if not involvements:
            del self.fields["involvement_ids"]
            self.refresh_helper()


class ContributionForm(GovukForm):
    kind = forms.ChoiceField(label="Whose views or advice", choices=ContributionKind.choices)
    given_by = forms.CharField(label="Given by", max_length=200)
    received_on = GovukDateField(label="Date received")
    text = _text("Views or advice", rows=6, required=False, hint="Or upload a document below")
    document = DocumentField(label="Upload a document (optional)", required=False)


class HeldForm(GovukForm):
    held_on = GovukDateField(label="Date the meeting was held")
    attended_ids = forms.MultipleChoiceField(
        label="Who came to the meeting",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, invitations: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["attended_ids"]
        if isinstance(field, forms.MultipleChoiceField):
            field.choices = [(str(i.pk), f"{i.name} ({i.get_role_display()})") for i in invitations]

    def clean_attended_ids(self) -> list[int]:
        return [int(i) for i in self.cleaned_data.get("attended_ids") or []]


class ReportForm(GovukForm):
    child_views = _text("The child or young person's views", required=False)
    family_views = _text("The family's views", required=False)
    progress = _text("Progress towards each outcome in the plan", rows=6, required=False)
    adulthood_employment = _text("Preparing for adulthood: employment", required=False)
    adulthood_independent_living = _text(
        "Preparing for adulthood: independent living", required=False
    )
    adulthood_community = _text(
        "Preparing for adulthood: friends, relationships and community", required=False
    )
    adulthood_health = _text("Preparing for adulthood: good health", required=False)
    recommendation = forms.ChoiceField(
        label="What does the meeting recommend?",
        choices=ReviewDecision.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what the meeting recommends"},
    )
    recommended_changes = _text("Changes recommended (if any)", required=False)
    report_sent_on = GovukDateField(label="Date the report was sent to everyone invited")

    def __init__(self, *args: Any, pfa: bool = False, outcomes: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not pfa:
            for name in list(self.fields):
                if name.startswith("adulthood_"):
                    del self.fields[name]
        # One rating and a note for each of the plan's outcomes, before the free text.
        self.outcomes = list(outcomes)
        rows: dict[str, forms.Field] = {}
        for number, outcome in enumerate(self.outcomes, start=1):
            rows[f"outcome_{outcome.pk}_rating"] = forms.ChoiceField(
                label=f"Outcome {number}: {outcome.description}",
                choices=ProgressRating.choices,
                widget=forms.RadioSelect,
                error_messages={"required": f"Choose the progress towards outcome {number}"},
            )
            rows[f"outcome_{outcome.pk}_note"] = _text(
                f"What the meeting said about outcome {number} (optional)", rows=2, required=False
            )
        if rows:
            self.fields = {**rows, **self.fields}
            self.fields["progress"].label = "Anything else about progress (optional)"
        self.refresh_helper()


class DecisionForm(GovukForm):
    decision = forms.ChoiceField(
        label="Decision",
        choices=ReviewDecision.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the decision"},
    )
    reasons = _text("Reasons for the decision")
    amendment_summary = _text(
        "If amending: the changes proposed and why",
        required=False,
        hint="Sent to the family with the decision",
    )
    amendment_evidence = _text("If amending: the evidence for the changes", required=False)
    cease_reason = forms.ChoiceField(
        label="If ceasing: the reason",
        choices=[("", "Choose a reason"), *CeaseReason.choices],
        required=False,
    )
    cease_details = _text("If ceasing: explain why the plan is no longer needed", required=False)
    decided_on = GovukDateField(label="Date of the decision")
