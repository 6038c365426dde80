"""Forms for the child record, family members and settings (rendered as GOV.UK components)."""

from typing import Any

from crispy_forms_gds.helper import FormHelper
from django import forms

from opensend.accounts.models import Team, User
from opensend.accounts.roles import SENAR_ROLES
from opensend.core.forms import GovukDateField, GovukForm, GovukModelForm, plain_error_messages
from opensend.people import merging
from opensend.people.codes import AccessibleFormat, Phase, Relationship, SENType, SettingKind
from opensend.people.identifiers import upn_problem
from opensend.people.models import (
    CHILD_FIELDS,
    FAMILY_MEMBER_FIELDS,
    FAMILY_MEMBER_OWN_FIELDS,
    SETTING_FIELDS,
    Child,
    FamilyMember,
    Locality,
    NeedType,
    Setting,
    YoungPersonContact,
)


class ChildSearchForm(GovukForm):
    name = forms.CharField(
        label="Name, date of birth, UPN or NHS number",
        required=False,
        max_length=100,
        help_text="For example, Gill, Shane or Shane Gill 27/3/2015",
    )
    date_of_birth = GovukDateField(
        label="Date of birth", hint="For example, 27 3 2015", required=False
    )
    upn = forms.CharField(
        label="Unique pupil number (UPN)",
        required=False,
        max_length=13,
        widget=forms.TextInput(attrs={"spellcheck": "false"}),
    )
    include_closed = forms.BooleanField(label="Include closed records", required=False)

    def clean_upn(self) -> str:
        upn: str = self.cleaned_data["upn"].strip().upper()
        problem = upn_problem(upn) if upn else None
        if problem:
            raise forms.ValidationError(problem)
        return upn


def _limit_choices(form: forms.BaseForm, name: str, queryset: Any) -> None:
    field = form.fields[name]
    if not isinstance(field, forms.ModelChoiceField):
        raise TypeError(f"{name} is not a choice of records")
    field.queryset = queryset


def _staff_choices() -> Any:
    return User.objects.filter(
        memberships__role__in=list(SENAR_ROLES), memberships__closed_at__isnull=True
    ).distinct()


class ChildForm(GovukModelForm):
    date_of_birth = GovukDateField(label="Date of birth", hint="For example, 27 3 2015")

    class Meta:
        model = Child
        fields = CHILD_FIELDS
        labels = {
            "preferred_name": "Preferred name (optional)",
            "upn": "Unique pupil number (UPN) (optional)",
            "uln": "Unique learner number (ULN) (optional)",
            "nhs_number": "NHS number (optional)",
            "needs_interpreter": "The family needs an interpreter",
            "is_looked_after": "Looked after by the council",
            "is_child_in_need": "Child in need",
            "primary_need": "Primary need",
            "secondary_need": "Secondary need (optional)",
            "senar_team": "SENAR team",
        }
        help_texts = {"upn": "13 characters, starting with a letter, for example A123456789012"}
        widgets = {"address": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _limit_choices(self, "caseworker", _staff_choices())
        _limit_choices(self, "senar_team", Team.objects.open())
        for name in ("upn", "nhs_number"):
            self.fields[name].widget.attrs["spellcheck"] = "false"

    def clean_upn(self) -> str:
        return self.cleaned_data["upn"].strip().upper()

    def clean_nhs_number(self) -> str:
        return self.cleaned_data["nhs_number"].replace(" ", "")

    def _post_clean(self) -> None:
        # Validation of the record lives in the service (people.services); the view maps its
        # errors onto this form. Skip the model's full_clean here so it runs once.
        pass


class CloseRecordForm(GovukForm):
    reason = forms.CharField(
        label="Why are you closing this record?",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=1000,
        error_messages={"required": "Enter the reason for closing the record"},
    )


class FamilyMemberForm(GovukModelForm):
    relationship = forms.ChoiceField(
        label="Relationship to the child",
        choices=Relationship.choices,
    )
    has_parental_responsibility = forms.BooleanField(
        label="Has parental responsibility", required=False, initial=True
    )
    lives_with_child = forms.BooleanField(
        label="Lives with the child", required=False, initial=True
    )
    is_main_contact = forms.BooleanField(label="Main contact for the family", required=False)

    class Meta:
        model = FamilyMember
        fields = FAMILY_MEMBER_FIELDS
        labels = {
            "email": "Email address (optional)",
            "phone": "Phone number (optional)",
            "preferred_channel": "How do they want us to contact them?",
            "language": "Language they prefer",
            "needs_interpreter": "Needs an interpreter",
            "accessible_format": "Accessible format for letters",
        }
        widgets = {"address": forms.Textarea(attrs={"rows": 3})}

    field_order = ["relationship", "given_name", "family_name"]


class SettingSearchForm(GovukForm):
    name = forms.CharField(label="Name, URN or UKPRN", required=False, max_length=100)
    kind = forms.ChoiceField(
        label="Type", required=False, choices=[("", "Any type"), *SettingKind.choices]
    )
    phase = forms.ChoiceField(
        label="Phase", required=False, choices=[("", "Any phase"), *Phase.choices]
    )
    need = forms.ChoiceField(
        label="Needs served", required=False, choices=[("", "Any need"), *SENType.choices]
    )
    locality = forms.ModelChoiceField(
        label="Locality",
        required=False,
        queryset=Locality.objects.all(),
        empty_label="Any locality",
    )


class SettingForm(GovukModelForm):
    need_types = forms.ModelMultipleChoiceField(
        label="Needs served",
        queryset=NeedType.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Setting
        # Need types sit after the host setting on the page: what the setting is, then who for.
        fields = [
            *SETTING_FIELDS[: SETTING_FIELDS.index("host_setting") + 1],
            "need_types",
            *SETTING_FIELDS[SETTING_FIELDS.index("host_setting") + 1 :],
        ]
        labels = {
            "urn": "URN (optional)",
            "ukprn": "UKPRN (optional)",
            "places": "Commissioned places (optional)",
            "host_setting": "Host school (resource bases only)",
        }
        widgets = {"address": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _limit_choices(
            self, "host_setting", Setting.objects.open().filter(kind=SettingKind.MAINSTREAM_SCHOOL)
        )

    def clean_urn(self) -> str:
        urn = self.cleaned_data["urn"].strip()
        if urn and not (urn.isdigit() and 6 <= len(urn) <= 7):
            raise forms.ValidationError("A URN must be 6 or 7 numbers")
        return urn

    def clean_ukprn(self) -> str:
        ukprn = self.cleaned_data["ukprn"].strip()
        if ukprn and not (ukprn.isdigit() and len(ukprn) == 8 and ukprn.startswith("1")):
            raise forms.ValidationError("A UKPRN must be 8 numbers starting with 1")
        return ukprn

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("kind") == SettingKind.RESOURCE_BASE and not data.get("host_setting"):
            self.add_error("host_setting", "Choose the school that hosts the resource base")
        if data.get("kind") == SettingKind.OUT_OF_AREA and not data.get("local_authority"):
            self.add_error("local_authority", "Enter the local authority the setting is in")
        return data


class ChildMergeForm(GovukForm):
    """Which of two records to keep, and for each detail they disagree on, whose value to keep."""

    def __init__(self, *args: Any, first: Child, second: Child, **kwargs: Any) -> None:
        self.records = {str(first.pk): first, str(second.pk): second}
        super().__init__(*args, **kwargs)
        self.fields["keep"] = forms.ChoiceField(
            label="Which record do you want to keep?",
            help_text="The other record is closed, and everything on it moves to the one you keep.",
            choices=[
                (pk, f"Record {pk}: {child.full_name}, born {child.date_of_birth:%-d %B %Y}")
                for pk, child in self.records.items()
            ],
            widget=forms.RadioSelect,
            error_messages={"required": "Select the record to keep"},
        )
        for name in merging.differing_fields(first, second):
            label = merging.field_label(name)
            self.fields[f"value_{name}"] = forms.ChoiceField(
                label=f"{label}: which do you want to keep?",
                choices=[
                    (pk, f"{merging.shown_value(child, name)} (from record {pk})")
                    for pk, child in self.records.items()
                ],
                widget=forms.RadioSelect,
                error_messages={"required": f"Select which {_lower(label)} to keep"},
            )
        for name, field in self.fields.items():
            plain_error_messages(field, name)
        self.helper = FormHelper(self)
        self.helper.form_tag = False
        self.helper.disable_csrf = True

    def merge_args(self) -> dict[str, Any]:
        """The service's arguments: kept, merged, and the details to take from the merged."""
        kept_pk = self.cleaned_data["keep"]
        (merged_pk,) = [pk for pk in self.records if pk != kept_pk]
        take = [
            key.removeprefix("value_")
            for key, value in self.cleaned_data.items()
            if key.startswith("value_") and value == merged_pk
        ]
        return {
            "kept": self.records[kept_pk],
            "merged": self.records[merged_pk],
            "take_from_merged": take,
        }


def _lower(label: str) -> str:
    return label if label[:2].isupper() else label[0].lower() + label[1:]


class ConfirmForm(GovukForm):
    """A page with only a button: a form so a refusal shows in the error summary."""


class MergeSearchForm(ChildSearchForm):
    """The child search, for the other record to merge with: open records only."""

    include_closed = None  # type: ignore[assignment]


_YES_NO = [("yes", "Yes"), ("no", "No")]


class ParentSharingForm(GovukForm):
    """A young person's choice of what their parents see (people.sharing)."""

    parent_sees_progress = forms.ChoiceField(
        label="Can your parents or carers see where things are and what happens next?",
        help_text="This is the steps and their dates.",
        choices=_YES_NO,
        widget=forms.RadioSelect,
        error_messages={"required": "Select yes if your parents can see where things are"},
    )
    parent_sees_plan = forms.ChoiceField(
        label="Can your parents or carers see your EHC plan and the papers about you?",
        help_text="This is your plan, drafts and changes to it, reviews, advice and reports.",
        choices=_YES_NO,
        widget=forms.RadioSelect,
        error_messages={"required": "Select yes if your parents can see your plan"},
    )

    def choice(self) -> dict[str, bool]:
        return {name: self.cleaned_data[name] == "yes" for name in self.fields}


class CapacityForm(GovukForm):
    """Staff record whether a young person lacks the capacity to decide what their parents see."""

    lacks_capacity = forms.ChoiceField(
        label="Does the young person lack the capacity to decide this?",
        help_text="Under the Mental Capacity Act 2005. If yes, their parent acts for them "
        "(SEND Regulations 2014, reg 64) and sees everything.",
        choices=_YES_NO,
        widget=forms.RadioSelect,
        error_messages={"required": "Select yes if the young person lacks capacity to decide"},
    )
    notes = forms.CharField(
        label="How was this assessed?",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        error_messages={"required": "Enter how the young person's capacity to decide was assessed"},
    )


class CorrectionCloseForm(GovukForm):
    """Staff say what they did about a family's request to correct details."""

    reply = forms.CharField(
        label="What did you change?",
        help_text="Or say why nothing needed changing. The family is not sent this.",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        error_messages={"required": "Enter what you changed, or why nothing needed changing"},
    )


class CorrectionAskForm(GovukForm):
    """A family asks us to correct a child's details."""

    what = forms.CharField(
        label="What is wrong, and what should it say?",
        help_text="For example: the date of birth should be 3 May 2012.",
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=2000,
        error_messages={"required": "Tell us what is wrong and what it should say"},
    )


class OwnDetailsForm(GovukModelForm):
    """A parent's or carer's own contact details and how they want to hear from us."""

    class Meta:
        model = FamilyMember
        fields = FAMILY_MEMBER_OWN_FIELDS
        labels = {
            "email": "Email address (optional)",
            "phone": "Mobile phone number for texts (optional)",
            "address": "Postal address (optional)",
            "postcode": "Postcode (optional)",
            "preferred_channel": "How do you want to hear from us?",
            "language": "Which language do you want us to use?",
            "needs_interpreter": "I need an interpreter",
            "accessible_format": "Do you need letters in another format?",
        }
        widgets = {
            "address": forms.Textarea(attrs={"rows": 3}),
            "preferred_channel": forms.RadioSelect,
            "accessible_format": forms.RadioSelect,
        }


class YoungPersonContactForm(GovukModelForm):
    """A young person's own choice of how they hear from us (people.young_person_contact)."""

    class Meta:
        model = YoungPersonContact
        fields = [
            "preferred_channel",
            "phone",
            "language",
            "needs_interpreter",
            "accessible_format",
        ]
        labels = {
            "preferred_channel": "How do you want to hear from us?",
            "phone": "Mobile phone number for texts (optional)",
            "language": "Which language do you want us to use?",
            "needs_interpreter": "I need an interpreter",
            "accessible_format": "Do you need letters in another format?",
        }
        widgets = {
            "preferred_channel": forms.RadioSelect,
            "accessible_format": forms.RadioSelect,
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Large print or easy read: the formats we make ourselves for a young person.
        self.fields["accessible_format"].choices = [  # type: ignore[attr-defined]
            (value, label)
            for value, label in AccessibleFormat.choices
            if value in ("", AccessibleFormat.LARGE_PRINT, AccessibleFormat.EASY_READ)
        ]
