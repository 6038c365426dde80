"""The request for an EHC needs assessment, in the form that fits who fills it in.

A request may come from the child's parent, the young person, or a person acting on behalf of
a school or post-16 institution (Children and Families Act 2014, s36(1)). Staff record any
request that arrives (letter, email, phone call) with the day it arrived. A parent or young
person asking online gets a short family form: the request is received the day they send it and
they are the requester, so there is nothing else to fill in. A SENCO asks for their own setting
only, with its SEN support evidence, and confirms the family knows and agrees ("This should
be done with the knowledge and agreement of the parent or young person where possible",
Code of Practice 9.8).
"""

from typing import Any

from django import forms

from opensend.casework.models import RequestSource
from opensend.core.forms import GovukDateField, GovukForm
from opensend.core.uploads import MultipleDocumentField
from opensend.people.models import Child, Setting


def _text(label: str, *, rows: int = 4, required: bool = False, **kwargs: Any) -> forms.CharField:
    return forms.CharField(
        label=label, required=required, widget=forms.Textarea(attrs={"rows": rows}), **kwargs
    )


def _evidence(label: str, hint: str) -> MultipleDocumentField:
    field = MultipleDocumentField(label=label, required=False)
    field.help_text = f"{hint}. {field.help_text}"
    return field


class StaffRequestForm(GovukForm):
    """A request recorded by the SENAR team, from whoever made it, on the day it arrived."""

    received_on = GovukDateField(
        label="Date the request was received", hint="The clocks start from this date"
    )
    source = forms.ChoiceField(
        label="Who made the request?", choices=RequestSource.choices, widget=forms.RadioSelect
    )
    requested_by_setting = forms.ModelChoiceField(
        label="Setting making the request (if a setting)",
        queryset=Setting.objects.none(),
        required=False,
    )
    requester_name = forms.CharField(
        label="Name of the person making the request", required=False, max_length=200
    )
    needs_summary = _text("The child's needs")
    support_tried = _text("SEN support already tried")
    outcomes_so_far = _text("What difference the support made", rows=3)
    advice_so_far = _text("Advice already given by professionals", rows=3)
    people_who_know = _text("People who know the child well (optional)", rows=3)
    evidence = _evidence(
        "Evidence sent with the request (optional)",
        "For example the setting's SEN support plan and reviews, or reports",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["requested_by_setting"]
        if isinstance(field, forms.ModelChoiceField):
            field.queryset = Setting.objects.open()


class SettingRequestForm(GovukForm):
    """A SENCO's request: their own setting, its SEN support evidence, the family's agreement."""

    requested_by_setting = forms.ModelChoiceField(
        label="Your school, college or setting",
        queryset=Setting.objects.none(),
        widget=forms.RadioSelect,
        error_messages={"required": "Choose your school, college or setting"},
    )
    needs_summary = _text(
        "The child's needs",
        required=True,
        error_messages={"required": "Describe the child's needs"},
    )
    support_tried = _text(
        "SEN support already tried",
        required=True,
        help_text="What you have put in place, for how long, and who delivered it",
        error_messages={"required": "Describe the SEN support already tried"},
    )
    outcomes_so_far = _text(
        "What difference the support made",
        rows=3,
        required=True,
        error_messages={"required": "Say what difference the support made"},
    )
    advice_so_far = _text("Advice already given by professionals (optional)", rows=3)
    evidence = _evidence(
        "SEN support evidence (optional)",
        "For example the SEN support plan and its reviews, and specialists' reports",
    )
    family_agrees = forms.BooleanField(
        label="The child's parent, or the young person, knows about this request and agrees to it",
        error_messages={
            "required": "Confirm that the family knows about this request and agrees to it"
        },
    )

    def __init__(self, *args: Any, setting_ids: frozenset[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["requested_by_setting"]
        if isinstance(field, forms.ModelChoiceField):
            field.queryset = Setting.objects.open().filter(pk__in=setting_ids)
            if len(setting_ids) == 1:
                field.initial = next(iter(setting_ids))


class FamilyRequestForm(GovukForm):
    """What a parent or young person is asked: what worries them, what has been tried, who
    knows the child, and their agreement that we may ask those people. Nothing else."""

    needs_summary = _text("", rows=6, required=True)
    support_tried = _text("", rows=4)
    people_who_know = _text("", rows=4)
    evidence = _evidence("Reports or letters you already have (optional)", "")
    agree = forms.BooleanField(label="")

    def __init__(self, *args: Any, child: Child, young_person: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        name = child.preferred_name or child.given_name
        if young_person:
            worry = "What are you finding hard, and what would you like help with?"
            tried = "What help have you had so far? (optional)"
            knows = "Who knows you well? (optional)"
            agree = (
                "I agree that the council may contact the people I have named, and my "
                "school or college, to ask about my needs"
            )
        else:
            worry = f"What worries you about {name}'s learning or development?"
            tried = f"What help has {name} had so far? (optional)"
            knows = f"Who knows {name} well? (optional)"
            agree = (
                f"I agree that the council may contact the people I have named, and "
                f"{name}'s school or setting, to ask about {name}'s needs"
            )
        self.fields["needs_summary"].label = worry
        self.fields["needs_summary"].help_text = "Write it in your own words. A few lines is fine."
        self.fields["needs_summary"].error_messages["required"] = "Tell us what worries you"
        self.fields["support_tried"].label = tried
        self.fields[
            "support_tried"
        ].help_text = (
            "At nursery, school or college, or from anyone else. Say what helped and what did not."
        )
        self.fields["people_who_know"].label = knows
        self.fields["people_who_know"].help_text = (
            "For example a teacher, a doctor, a speech and language therapist or a social "
            "worker. Give their names and how to contact them if you can."
        )
        evidence = self.fields["evidence"]
        evidence.help_text = evidence.help_text.removeprefix(". ")
        self.fields["agree"].label = agree
        self.fields["agree"].error_messages["required"] = (
            "Tick the box to agree that we may ask these people about your request"
        )
