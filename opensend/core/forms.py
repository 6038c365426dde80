"""One place that renders Django forms as GOV.UK components (crispy-forms-gds).

Views and templates never hand-build error summaries: `{% error_summary form %}` and
`{% crispy form %}` do it from the form's helper.
"""

from datetime import date
from typing import Any

from crispy_forms_gds.fields import DateInputField
from crispy_forms_gds.helper import FormHelper
from django import forms
from django.core.exceptions import ValidationError

_DJANGO_REQUIRED = forms.Field.default_error_messages["required"]
_DJANGO_BLANK = "---------"


def _lower_first(label: str) -> str:
    """ "Date of birth" -> "date of birth", but "UPN" and "NHS number" keep their capitals."""
    return label if label[:2].isupper() else label[0].lower() + label[1:]


def plain_error_messages(field: forms.Field, name: str) -> None:
    """Replace Django's stock messages with ones that say what to do, as GOV.UK asks.

    "This field is required." becomes "Enter your email address" or "Select the primary need";
    a too-long answer says how long it may be; a choice list never shows "---------". A message a
    form sets itself is kept.
    """
    label = str(field.label or name.replace("_", " ").capitalize())
    label = label.removesuffix(" (optional)")
    if field.error_messages.get("required") == _DJANGO_REQUIRED:
        choosing = isinstance(
            field, forms.ChoiceField | forms.ModelChoiceField | forms.BooleanField
        )
        verb = "Choose" if isinstance(field, forms.FileField) else "Select" if choosing else "Enter"
        field.error_messages["required"] = f"{verb} {_lower_first(label)}"
    if isinstance(field, forms.CharField) and field.max_length:
        field.error_messages.setdefault(
            "max_length", f"{label} must be {field.max_length} characters or fewer"
        )
    if isinstance(field, forms.EmailField) and field.error_messages.get("invalid") in (
        None,
        "Enter a valid email address.",
    ):
        field.error_messages["invalid"] = (
            "Enter an email address in the correct format, like name@example.com"
        )
    if isinstance(field, forms.IntegerField):
        field.error_messages["invalid"] = f"{label} must be a whole number"
    if isinstance(field, forms.ModelChoiceField) and field.empty_label == _DJANGO_BLANK:
        field.empty_label = "Choose one"
    elif isinstance(field, forms.ChoiceField):
        choices = list(field.choices)  # type: ignore[arg-type]
        if any(value == "" and text == _DJANGO_BLANK for value, text in choices):
            field.choices = [
                (value, "Choose one" if value == "" and text == _DJANGO_BLANK else text)
                for value, text in choices
            ]


class GovukFormMixin:
    """Give every form a crispy helper that renders GOV.UK markup without its own <form> tag,
    and messages written for the person filling it in."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[call-arg]
        self.refresh_helper()

    def refresh_helper(self) -> None:
        """(Re)build the helper from the fields as they are now. A form that adds or removes
        fields in its own __init__ calls this afterwards, or the layout names fields that are
        no longer there (a KeyError when the page is drawn)."""
        for name, field in self.fields.items():  # type: ignore[attr-defined]
            plain_error_messages(field, name)
        self.helper = FormHelper(self)
        self.helper.form_tag = False
        # Templates add {% csrf_token %} to POST forms; a GET search must not put it in the URL.
        self.helper.disable_csrf = True


class GovukForm(GovukFormMixin, forms.Form):
    pass


class GovukModelForm(GovukFormMixin, forms.ModelForm):
    pass


class GovukDateField(DateInputField):
    """A GOV.UK date input (day, month, year) whose errors say what to fix."""

    def __init__(self, *, label: str, hint: str = "", **kwargs: Any) -> None:
        kwargs.setdefault("require_all_fields", False)
        super().__init__(label=label, help_text=hint, **kwargs)
        self.error_messages["required"] = f"Enter {label[0].lower()}{label[1:]}"
        self.error_messages["incomplete"] = f"{label} must include a day, month and year"
        self.error_messages["invalid"] = f"{label} must be a real date"

    def compress(self, data_list: Any) -> date | None:
        try:
            return super().compress(data_list)
        except (OverflowError, ValueError) as exc:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from exc

    def clean(self, value: Any) -> date | None:
        try:
            result = super().clean(value)
        except ValidationError as exc:
            # Keep "enter a day" style messages; anything else (31 February, letters) is invalid.
            codes = {getattr(e, "code", None) for e in exc.error_list}
            if codes & {"required", "incomplete"}:
                raise
            raise ValidationError(self.error_messages["invalid"], code="invalid") from exc
        if result is not None and not (1900 <= result.year <= 2200):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return result
