"""Forms for each step of a phase transfer (GOV.UK components)."""

from typing import Any

from django import forms

from opensend.core.forms import GovukDateField, GovukForm
from opensend.people.models import Setting
from opensend.plans.models import CanMeetNeeds
from opensend.reviews.models import TransferKindChoice

NEXT_SEPTEMBER = ""
OPEN_CHOICES = [
    (NEXT_SEPTEMBER, "The move next September (worked out from their year group and setting)"),
    (TransferKindChoice.POST16_MIDYEAR.value, TransferKindChoice.POST16_MIDYEAR.label),
]


class SettingChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name} ({obj.get_phase_display().lower()})"


def _settings() -> Any:
    return Setting.objects.open().order_by("name")


class TransferOpenForm(GovukForm):
    kind = forms.ChoiceField(
        label="Which move is it?",
        choices=OPEN_CHOICES,
        widget=forms.RadioSelect,
        required=False,
    )
    transfer_on = GovukDateField(
        label="Date of the move (post-16 moves at another time of year only)",
        hint="The amended plan is due 5 months before this date",
        required=False,
    )


class PreferencesForm(GovukForm):
    recorded_on = GovukDateField(label="Date the family told us")
    first_preference = SettingChoiceField(
        label="First preference",
        queryset=Setting.objects.none(),
        error_messages={"required": "Choose the family's first preference"},
    )
    second_preference = SettingChoiceField(
        label="Second preference (optional)", queryset=Setting.objects.none(), required=False
    )
    third_preference = SettingChoiceField(
        label="Third preference (optional)", queryset=Setting.objects.none(), required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("first_preference", "second_preference", "third_preference"):
            self.fields[name].queryset = _settings()  # type: ignore[attr-defined]


class _SettingForm(GovukForm):
    setting = SettingChoiceField(
        label="School or college",
        queryset=Setting.objects.none(),
        error_messages={"required": "Choose the school or college"},
    )

    def __init__(self, *args: Any, preferred: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["setting"].queryset = _settings()  # type: ignore[attr-defined]
        if preferred:
            self.fields["setting"].initial = preferred[0].pk


class ConsultationForm(_SettingForm):
    sent_on = GovukDateField(label="Date we asked", hint="They have 15 days to reply")


class NameSettingForm(_SettingForm):
    pass


class ConsultationResponseForm(GovukForm):
    responded_on = GovukDateField(label="Date they replied")
    can_meet_needs = forms.ChoiceField(
        label="Can they meet the child's needs?",
        choices=[c for c in CanMeetNeeds.choices if c[0]],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether they can meet the needs"},
    )
    response_notes = forms.CharField(
        label="Notes (optional)", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class NotTransferringForm(GovukForm):
    reason = forms.CharField(
        label="Why is the child not moving?",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter the reason"},
    )


class ConfirmForm(GovukForm):
    """No questions: the button is the answer."""
