"""Forms for each step of an amendment (GOV.UK components)."""

from django import forms

from opensend.core.forms import GovukDateField, GovukForm
from opensend.plans.forms import FamilyCommentForm, _settings_field, _text, _WithSettings
from opensend.reviews.codes import AmendmentSource


class AmendmentStartForm(GovukForm):
    source = forms.ChoiceField(
        label="Why is the plan being amended?",
        choices=[c for c in AmendmentSource.choices if c[0] != AmendmentSource.REVIEW],
        widget=forms.RadioSelect,
    )
    summary = _text("The changes proposed and why")
    evidence = _text("The evidence for the changes", required=False)


class ProposeForm(GovukForm):
    proposed_on = GovukDateField(label="Date the proposed changes were sent to the family")


class AmendmentRepresentationForm(_WithSettings):
    setting_fields = ("preferred_setting",)

    made_on = GovukDateField(label="Date the comments were made")
    made_by = forms.CharField(label="Who made the comments", max_length=200)
    comments = _text("Comments on the proposed changes", rows=6, required=False)
    preferred_setting = _settings_field(
        "School, college or setting they asked for (optional)", required=False
    )
    wants_meeting = forms.BooleanField(label="They asked to meet us", required=False)
    nothing_more_to_say = forms.BooleanField(
        label="The family has confirmed in writing that they have nothing more to say",
        required=False,
        help_text="Only then can the amended plan be issued before their 15 days are up",
    )


class FamilyAmendmentCommentForm(FamilyCommentForm):
    """The family's comments, as on the draft, about the changes we propose."""

    comments = _text(
        "What do you think of the changes we propose?",
        rows=8,
        required=False,
        hint="Tell us what is right, what is wrong and what is missing",
    )
    wants_meeting = forms.BooleanField(
        label="I would like to meet to talk about it", required=False
    )
    nothing_more_to_say = forms.BooleanField(
        label="I have nothing more to say about the changes",
        required=False,
        help_text="Tick this if you are happy for the amended plan to be sent before your 15 "
        "days are up. Leave it if you may want to say more.",
    )


class IssueAmendedForm(_WithSettings):
    setting_fields = ("named_setting",)

    named_setting = _settings_field("Setting to name in section I")
    issued_on = GovukDateField(label="Date the amended plan is issued")


class CloseForm(GovukForm):
    closed_on = GovukDateField(label="Date of the decision")
    reason = _text("Reasons")
