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


class GovukFormMixin:
    """Give every form a crispy helper that renders GOV.UK markup without its own <form> tag."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[call-arg]
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
