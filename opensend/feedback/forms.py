from typing import Any

from django import forms

from opensend.core.forms import GovukDateField, GovukForm
from opensend.feedback.models import (
    MAX_COMMENTS_LENGTH,
    Agreement,
    AnswerRoute,
    Satisfaction,
    SurveyStage,
)

YOUNG_PERSON = "young_person"


def _optional_choice(label: str, choices: Any) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label, choices=choices, required=False, widget=forms.RadioSelect, empty_value=""
    )


class SurveyForm(GovukForm):
    """The short survey. Every question may be left out."""

    clear = _optional_choice("Was it easy to understand?", Agreement.choices)
    listened_to = _optional_choice("Did we listen to you?", Agreement.choices)
    satisfaction = forms.TypedChoiceField(
        label="How happy are you with how it went?",
        choices=Satisfaction.choices,
        coerce=int,
        required=False,
        empty_value=None,
        widget=forms.RadioSelect,
    )
    comments = forms.CharField(
        label="Is there anything else you want to tell us? (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=MAX_COMMENTS_LENGTH,
        error_messages={
            "max_length": f"What you tell us must be {MAX_COMMENTS_LENGTH:,} characters or fewer"
        },
    )


class RecordedAnswerForm(SurveyForm):
    """Staff type in an answer given by phone or on paper: whose, which stage, how and when."""

    field_order = ["stage", "respondent", "route", "answered_on"]

    def __init__(
        self, *args: Any, stages: list[str], respondents: list[tuple[str, str]], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["stage"] = forms.ChoiceField(
            label="Which stage is it about?",
            choices=[(s, SurveyStage(s).label) for s in stages],
            widget=forms.RadioSelect,
        )
        self.fields["respondent"] = forms.ChoiceField(
            label="Who gave the answer?", choices=respondents, widget=forms.RadioSelect
        )
        self.fields["route"] = forms.ChoiceField(
            label="How did they give it?",
            choices=[c for c in AnswerRoute.choices if c[0] != AnswerRoute.ONLINE],
            widget=forms.RadioSelect,
        )
        self.fields["answered_on"] = GovukDateField(label="Date they gave it")
        self.fields["clear"].label = "Did they find it easy to understand?"
        self.fields["listened_to"].label = "Did they feel listened to?"
        self.fields["satisfaction"].label = "How happy were they with how it went?"
        self.fields["comments"].label = "Anything else they said (optional)"
        self.order_fields(self.field_order)
        self.refresh_helper()


class YouSaidForm(GovukForm):
    you_said = forms.CharField(
        label="What families told us", widget=forms.Textarea(attrs={"rows": 4}), max_length=1000
    )
    we_did = forms.CharField(
        label="What we did", widget=forms.Textarea(attrs={"rows": 4}), max_length=1000
    )
    done_on = GovukDateField(label="When we did it")
