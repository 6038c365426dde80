"""Forms for the steps of a re-assessment (GOV.UK components)."""

from django import forms

from opensend.core.forms import GovukDateField, GovukForm

YES_NO = [("yes", "Yes, re-assess"), ("no", "No, not now")]


class ReassessmentRequestForm(GovukForm):
    requested_by = forms.CharField(
        label="Who asked for the re-assessment?",
        max_length=200,
        help_text="For example: the parent, the young person, or the school",
    )
    received_on = GovukDateField(
        label="Date the request was received",
        hint="We must tell the family our decision within 15 days of this date",
    )
    why = forms.CharField(label="Why did they ask?", widget=forms.Textarea(attrs={"rows": 4}))


class ReassessmentDecideForm(GovukForm):
    reassess = forms.TypedChoiceField(
        label="Will we re-assess?",
        choices=YES_NO,
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
    )
    decided_on = GovukDateField(label="Date we told the family")
    reasons = forms.CharField(
        label="Reasons",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="The family sees these words",
    )


class ReassessmentIssuedForm(GovukForm):
    issued_on = GovukDateField(label="Date the amended or new plan was sent")
