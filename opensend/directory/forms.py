"""The public search form and the feedback forms, in plain English."""

from typing import Any

from django import forms

from opensend.core.forms import GovukForm, GovukModelForm
from opensend.core.uploads import DocumentField
from opensend.directory import geography
from opensend.directory.models import (
    EDITABLE_FIELDS,
    FIELD_LABELS,
    Service,
    ShortBreaksCriteria,
    Weekday,
)
from opensend.directory.selectors import TIMES_OF_DAY, terms_for_choice

DISTANCES = [("1", "1 mile"), ("3", "3 miles"), ("5", "5 miles"), ("10", "10 miles")]
COSTS = [("", "Free or paid"), ("free", "Free only"), ("paid", "Paid")]


class ServiceSearchForm(GovukForm):
    words = forms.CharField(
        label="What are you looking for?",
        help_text="For example, swimming, speech therapy or short breaks",
        required=False,
        max_length=100,
    )
    need = forms.ChoiceField(label="Need", required=False)
    service_type = forms.ChoiceField(label="Type of help", required=False)
    age = forms.IntegerField(
        label="Age of the child or young person",
        help_text="In years, from 0 to 25",
        required=False,
        min_value=0,
        max_value=25,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-2"}),
    )
    postcode = forms.CharField(
        label="Postcode",
        help_text="To find help near you, for example AT3 4XY",
        required=False,
        max_length=10,
        widget=forms.TextInput(
            attrs={"class": "govuk-input--width-10", "autocomplete": "postal-code"}
        ),
    )
    miles = forms.ChoiceField(
        label="Distance", required=False, choices=[("", "Any distance"), *DISTANCES]
    )
    cost = forms.ChoiceField(label="Cost", required=False, choices=COSTS)
    day = forms.ChoiceField(
        label="Day", required=False, choices=[("", "Any day"), *Weekday.choices]
    )
    time = forms.ChoiceField(
        label="Time of day",
        required=False,
        choices=[("", "Any time"), *((key, label) for key, (_, _, label) in TIMES_OF_DAY.items())],
    )
    open_now = forms.BooleanField(label="Open now", required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["need"].choices = [("", "Any need"), *terms_for_choice("need-")]  # type: ignore[attr-defined]
        self.fields["service_type"].choices = [  # type: ignore[attr-defined]
            ("", "Any type of help"),
            *terms_for_choice("type-"),
        ]
        self.refresh_helper()

    def clean_postcode(self) -> geography.Place | None:
        typed = self.cleaned_data["postcode"].strip()
        if not typed:
            return None
        try:
            return geography.place_for_postcode(typed)
        except geography.UnknownPostcodeError as error:
            raise forms.ValidationError(str(error)) from None

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("miles") and not data.get("postcode") and "postcode" not in self.errors:
            self.add_error("postcode", "Enter your postcode to search by distance")
        return data


class FeedbackForm(GovukForm):
    details = forms.CharField(
        label="What is wrong with this page?",
        help_text="For example, the phone number does not work or the times are wrong. "
        "Do not include personal details such as your name or your child's name.",
        max_length=1200,
        widget=forms.Textarea(attrs={"rows": 5}),
    )


class ServiceEditForm(GovukModelForm):
    """What a provider or editor may change on an entry (models.EDITABLE_FIELDS)."""

    url = forms.URLField(label="Website", required=False, assume_scheme="https")

    class Meta:
        model = Service
        fields = EDITABLE_FIELDS
        labels = FIELD_LABELS
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "eligibility_description": forms.Textarea(attrs={"rows": 3}),
            "application_process": forms.Textarea(attrs={"rows": 3}),
            "alert": forms.Textarea(attrs={"rows": 2}),
            "access_route": forms.RadioSelect,
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        low, high = data.get("minimum_age"), data.get("maximum_age")
        if low is not None and high is not None and low > high:
            self.add_error(
                "maximum_age", "The oldest age must be the same as or more than the youngest"
            )
        return data


class DecisionForm(GovukForm):
    reason = forms.CharField(
        label="Why is the change not approved?",
        help_text="The provider will see this.",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class AnswerForm(GovukForm):
    response = forms.CharField(
        label="What did you do about it?",
        help_text="For example, corrected the phone number.",
        max_length=1200,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


YES_NO = [("yes", "Yes"), ("no", "No")]


class ShortBreaksForm(GovukForm):
    age = forms.IntegerField(
        label="How old is your child?",
        help_text="In years",
        min_value=0,
        max_value=25,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-2"}),
    )
    lives_in_area = forms.ChoiceField(
        label="Do you live in the council's area?", choices=YES_NO, widget=forms.RadioSelect
    )
    disability_or_send = forms.ChoiceField(
        label="Does your child have a disability or special educational needs (SEND)?",
        choices=[("yes", "Yes"), ("not_sure", "I'm not sure"), ("no", "No")],
        widget=forms.RadioSelect,
    )
    ehc_plan = forms.ChoiceField(
        label="Does your child have an education, health and care (EHC) plan?",
        choices=[
            ("yes", "Yes"),
            ("being_assessed", "One is being prepared (an EHC needs assessment)"),
            ("no", "No"),
        ],
        widget=forms.RadioSelect,
    )
    needs_more_help = forms.ChoiceField(
        label="Does your family need more help than clubs and play schemes give?",
        help_text="For example, someone to care for your child at home, or overnight breaks",
        choices=YES_NO,
        widget=forms.RadioSelect,
    )


class ImportForm(GovukForm):
    """Check a file (or the configured feed) before importing it."""

    source = forms.ChoiceField(
        label="What do you want to import?",
        widget=forms.RadioSelect,
        choices=[("file", "A file from your computer")],
        initial="file",
    )
    file = forms.FileField(
        label="Upload a file",
        help_text="An Open Referral UK feed saved as JSON, or a CSV file with the columns of "
        "our download (name, organisation, description, and any others), smaller than 5 MB",
        required=False,
    )
    replace_local_changes = forms.BooleanField(
        label="Also replace entries that were changed here since (conflicts)",
        help_text="If you leave this, those entries are listed and not changed.",
        required=False,
    )

    def __init__(self, *args: Any, feed_url: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if feed_url:
            self.fields["source"].choices = [  # type: ignore[attr-defined]
                ("file", "A file from your computer"),
                ("feed", f"The Open Referral UK feed at {feed_url}"),
            ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("source") == "file" and not data.get("file"):
            self.add_error("file", "Select a file to import")
        return data


class DocumentUploadForm(GovukForm):
    """A logo or a leaflet for an entry (checked by core.uploads before anything is kept)."""

    kind = forms.ChoiceField(
        label="What are you adding?",
        widget=forms.RadioSelect,
        choices=[
            ("logo", "A logo (JPEG or PNG image)"),
            ("leaflet", "A leaflet (PDF, Word document or OpenDocument text)"),
        ],
    )
    document = DocumentField(label="The logo or leaflet")
    alt_text = forms.CharField(
        label="Describe the logo (for a logo)",
        help_text="For people who cannot see it, for example: Rainbow Trust logo",
        required=False,
        max_length=200,
    )


class ShortBreaksCriteriaForm(GovukModelForm):
    """The council's short breaks criteria, as the "Could my child get this?" checker uses them."""

    statement_url = forms.URLField(
        label="Link to your published short breaks services statement",
        required=False,
        assume_scheme="https",
        error_messages={
            "invalid": "Enter a web address, like https://www.example.gov.uk/short-breaks"
        },
    )

    class Meta:
        model = ShortBreaksCriteria
        fields = [
            "max_age",
            "open_access_min_age",
            "diagnosis_needed",
            "how_to_apply",
            "statement_url",
            "reason",
        ]
        labels = {
            "max_age": "Oldest age for short breaks (years)",
            "open_access_min_age": "Youngest age for clubs and play schemes (years)",
            "diagnosis_needed": "Clubs and play schemes ask for a diagnosis before a child joins",
            "how_to_apply": "How to ask for an assessment",
            "reason": "Why are the criteria changing?",
        }
        help_texts = {
            "max_age": "17 or under: short breaks are for children",
            "how_to_apply": "Families see this as the next step, for example: Call the "
            "Disabled Children's Team on 01632 960 000",
            "reason": "For example: the new short breaks statement agreed in April",
        }
        widgets = {
            "max_age": forms.TextInput(
                attrs={"inputmode": "numeric", "class": "govuk-input--width-2"}
            ),
            "open_access_min_age": forms.TextInput(
                attrs={"inputmode": "numeric", "class": "govuk-input--width-2"}
            ),
            "how_to_apply": forms.Textarea(attrs={"rows": 3}),
        }
        error_messages = {"reason": {"required": "Say why the criteria are changing"}}
