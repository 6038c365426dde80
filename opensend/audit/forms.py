from django import forms

from opensend.audit.models import Action
from opensend.core.forms import GovukDateField, GovukForm


class AuditSearchForm(GovukForm):
    child_id = forms.IntegerField(
        label="Child record number",
        required=False,
        min_value=1,
        max_value=2**62,
        help_text="The number at the end of the child's record address",
    )
    actor_email = forms.EmailField(label="User's email address", required=False)
    action = forms.ChoiceField(
        label="Action", required=False, choices=[("", "Any"), *Action.choices]
    )
    on_or_after = GovukDateField(label="From", required=False)
    on_or_before = GovukDateField(label="To", required=False)

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        start, end = data.get("on_or_after"), data.get("on_or_before")
        if start and end and end < start:
            self.add_error(
                "on_or_before", "The 'to' date must be the same as or after the 'from' date"
            )
        return data
