"""Forms for each step of ceasing a plan (GOV.UK components)."""

from typing import Any

from django import forms

from opensend.core.forms import GovukDateField, GovukForm
from opensend.disputes.models import Appeal
from opensend.reviews.models import CeaseReason


class CessationStartForm(GovukForm):
    reason = forms.ChoiceField(
        label="Why is the plan no longer needed? (SEN2 cease reason)",
        choices=CeaseReason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the reason for ceasing the plan"},
    )
    details = forms.CharField(
        label="Explain the reason",
        help_text="This goes in the letters to the family and the setting",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Explain why the plan is no longer needed"},
    )


class CessationConsultationForm(GovukForm):
    family_consulted_on = GovukDateField(label="Date we told and consulted the family")
    setting_consulted_on = GovukDateField(
        label="Date we consulted the setting named in the plan", required=False
    )
    consultation_notes = forms.CharField(
        label="What they told us (optional)",
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )


class CessationDecideForm(GovukForm):
    decided_on = GovukDateField(
        label="Date the decision notice was sent",
        hint="The family has 2 months from this date to appeal; the plan is kept until then",
    )


class CessationAppealLodgeForm(GovukForm):
    lodged_on = GovukDateField(label="Date the appeal was lodged")
    tribunal_reference = forms.CharField(
        label="Tribunal reference (optional)", required=False, max_length=40
    )
    grounds = forms.CharField(
        label="Grounds of appeal (optional)",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )


class _AppealChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return f"Appeal lodged {obj.lodged_on:%d %B %Y} (decision {obj.decision_sent_on:%d %B %Y})"


class CessationAppealLinkForm(GovukForm):
    appeal = _AppealChoiceField(
        label="Which appeal?",
        queryset=Appeal.objects.none(),
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the appeal"},
    )

    def __init__(self, *args: Any, appeals: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["appeal"].queryset = appeals  # type: ignore[attr-defined]


class CessationCeaseForm(GovukForm):
    ceased_on = GovukDateField(label="Date the plan ends")


class CessationCloseForm(GovukForm):
    reason = forms.CharField(
        label="Why is the plan not being ceased?",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter why the plan is not being ceased"},
    )
