"""Forms for writing and issuing a plan (GOV.UK components via crispy-forms-gds)."""

from typing import Any

from django import forms

from opensend.core.forms import GovukDateField, GovukForm
from opensend.people.models import Setting
from opensend.plans.models import (
    AdulthoodArea,
    CanMeetNeeds,
    CommentAnswer,
    EHCPlan,
    NeedArea,
    NeedSection,
    PlacementType,
    ProvisionSection,
)


def _text(label: str, *, rows: int = 4, required: bool = True, hint: str = "") -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        widget=forms.Textarea(attrs={"rows": rows}),
        help_text=hint,
    )


def _settings_field(label: str, *, required: bool = True, hint: str = "") -> forms.Field:
    return forms.ModelChoiceField(
        label=label,
        queryset=Setting.objects.none(),
        required=required,
        help_text=hint,
        empty_label="Choose a setting",
    )


class _WithSettings(GovukForm):
    setting_fields: tuple[str, ...] = ()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in self.setting_fields:
            field = self.fields[name]
            if isinstance(field, forms.ModelChoiceField):
                field.queryset = Setting.objects.open().order_by("name")


class SectionAForm(GovukForm):
    about_me = _text("About me", rows=5, hint="What people like and admire about me; my interests")
    what_matters = _text("What is important to me", required=False)
    aspirations = _text("My hopes and aspirations for the future", required=False)
    communication = _text("How to communicate with me", rows=3, required=False)


class NeedForm(GovukForm):
    section = forms.ChoiceField(
        label="Which section is this need in?",
        choices=NeedSection.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the section"},
    )
    area = forms.ChoiceField(
        label="Area of need",
        choices=[("", "Choose an area"), *NeedArea.choices],
        required=False,
        help_text="Section B uses the four broad areas. Sections C and D default to health "
        "and social care.",
    )
    description = _text(
        "Describe the need",
        rows=5,
        hint="What the child finds hard, from the advice. Be specific.",
    )


def _choices_field(label: str, hint: str) -> forms.TypedMultipleChoiceField:
    return forms.TypedMultipleChoiceField(
        label=label,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=hint,
    )


class OutcomeForm(GovukForm):
    description = _text(
        "Describe the outcome",
        hint="What the child will be able to do, specific enough to know when it is achieved",
    )
    by_when = forms.CharField(
        label="By when",
        required=False,
        max_length=200,
        help_text="For example, by the end of Key Stage 2",
    )
    preparing_for_adulthood_area = forms.ChoiceField(
        label="Preparing for adulthood area",
        choices=AdulthoodArea.choices,
        required=False,
        help_text="Needed from Year 9",
    )
    need_ids = _choices_field("Which needs does it answer?", "Select all that apply")

    def __init__(self, *args: Any, plan: EHCPlan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["need_ids"]
        if isinstance(field, forms.ChoiceField):
            field.choices = [(n.pk, str(n)) for n in plan.needs.all()]


class ProvisionForm(GovukForm):
    section = forms.ChoiceField(
        label="Which section is this provision in?",
        choices=ProvisionSection.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the section"},
    )
    description = _text("What will be provided", hint="Specific: what is done, and how")
    provided_by = forms.CharField(
        label="Who provides it", required=False, max_length=200, help_text="For example, a SALT"
    )
    frequency = forms.CharField(
        label="How often", required=False, max_length=100, help_text="For example, 3 times a week"
    )
    duration = forms.CharField(
        label="How long each time",
        required=False,
        max_length=100,
        help_text="For example, 30 minutes",
    )
    group_size = forms.CharField(
        label="Group size", required=False, max_length=60, help_text="For example, 1:1"
    )
    location = forms.CharField(label="Where", required=False, max_length=200)
    unquantified_reason = _text(
        "Why some details are not known yet (optional)",
        rows=2,
        required=False,
        hint="If the provider, frequency or length is left blank, say why: a final plan "
        "cannot leave them out without a reason",
    )
    outcome_ids = _choices_field("Which outcomes does it help achieve?", "Select all that apply")

    def __init__(self, *args: Any, plan: EHCPlan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["outcome_ids"]
        if isinstance(field, forms.ChoiceField):
            field.choices = [(o.pk, str(o)) for o in plan.outcomes.all()]


class PlacementForm(GovukForm):
    placement_type = forms.ChoiceField(
        label="Kind of placement (section I)",
        choices=[("", "Not decided yet"), *PlacementType.choices],
        required=False,
    )
    personal_budget_amount = forms.DecimalField(
        label="Personal budget per year, in pounds (section J)",
        required=False,
        min_value=0,
        max_digits=10,
        decimal_places=2,
        error_messages={"invalid": "Enter the amount in pounds, like 1200 or 1200.50"},
    )
    personal_budget_description = _text(
        "What the personal budget pays for, and how it is managed", required=False
    )


class IssueDraftForm(GovukForm):
    issued_on = GovukDateField(
        label="Date the draft was sent to the family",
        hint="The family's 15 days to comment start on this day",
    )


class RepresentationForm(_WithSettings):
    setting_fields = ("preferred_setting",)

    made_on = GovukDateField(label="Date the comments were made")
    made_by = forms.CharField(label="Who made the comments", max_length=200)
    comments = _text("Comments on the draft plan", rows=6, required=False)
    preferred_setting = _settings_field(
        "School, college or setting they asked for (optional)", required=False
    )
    nothing_more_to_say = forms.BooleanField(
        label="The family has confirmed in writing that they have nothing more to say",
        required=False,
        help_text="Only then can the final plan be issued before their 15 days are up",
    )


class RepresentationAnswerForm(GovukForm):
    answer = forms.ChoiceField(
        label="What did you do about these comments?",
        choices=CommentAnswer.choices,
        widget=forms.RadioSelect,
    )
    reasons = _text(
        "Reasons (the family will read these)",
        rows=4,
        required=False,
        hint="Say what changed in the plan, or why it did not",
    )


class FamilyCommentForm(_WithSettings):
    setting_fields = ("preferred_setting",)

    comments = _text(
        "What do you think of the draft plan?",
        rows=8,
        required=False,
        hint="Tell us what is right, what is wrong and what is missing",
    )
    preferred_setting = _settings_field(
        "Which school, college or setting would you like us to name? (optional)",
        required=False,
    )


class DraftCommentForm(FamilyCommentForm):
    """The family's comments on a new plan's draft: they may also say they have finished."""

    nothing_more_to_say = forms.BooleanField(
        label="I have nothing more to say about the draft plan",
        required=False,
        help_text="Tick this if you are happy for the final plan to be sent before your 15 days "
        "are up. Leave it if you may want to say more.",
    )


class ConsultationForm(_WithSettings):
    setting_fields = ("setting",)

    setting = _settings_field("Setting to consult")
    sent_on = GovukDateField(label="Date we sent the draft to the setting")


class ConsultationResponseForm(GovukForm):
    responded_on = GovukDateField(label="Date of the reply")
    can_meet_needs = forms.ChoiceField(
        label="Can the setting meet the child's needs?",
        choices=[c for c in CanMeetNeeds.choices if c[0]] + [("", "They did not say")],
        widget=forms.RadioSelect,
        required=False,
    )
    response_notes = _text("What they said", required=False)


class IssueFinalForm(_WithSettings):
    setting_fields = ("named_setting",)

    named_setting = _settings_field("Setting to name in section I")
    issued_on = GovukDateField(label="Date the final plan is issued")
