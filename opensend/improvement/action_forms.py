"""The forms for a plan's actions, their status, milestones and evidence, and meeting papers."""

from typing import Any

from django import forms

from opensend.core.forms import GovukDateField, GovukForm
from opensend.core.uploads import DocumentField
from opensend.improvement.forms import _WHY
from opensend.improvement.models import (
    ActionStatus,
    AgendaItem,
    Milestone,
    MilestoneStatus,
    PlanAction,
)

_TEXT = {"rows": 3}


class _Actions(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj} (workstream {obj.workstream.number})"


class ActionChangeForm(GovukForm):
    title = forms.CharField(label="Action", max_length=300, widget=forms.Textarea(attrs=_TEXT))
    owner = forms.CharField(label="Owner", max_length=200, help_text="A name or a role")
    organisation = forms.CharField(
        label="Organisation", max_length=200, help_text="For example, the council or the ICB"
    )
    starts_on = GovukDateField(label="Start date")
    due_on = GovukDateField(label="Due date")
    depends_on = _Actions(
        label="Actions it depends on",
        queryset=PlanAction.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="It cannot be marked complete until these are complete or withdrawn",
    )
    reason = forms.CharField(
        label="Why it changed (optional)",
        required=False,
        widget=forms.Textarea(attrs=_TEXT),
        help_text="Kept with the action's history when the owner or a date changes",
    )

    def __init__(self, *args: Any, others: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["depends_on"].queryset = others  # type: ignore[attr-defined]
        self.refresh_helper()


class ActionForm(ActionChangeForm):
    reason = None  # type: ignore[assignment]  # nothing has changed yet
    number = forms.CharField(label="Number", max_length=10, help_text="For example, 2.3")
    milestone_3 = forms.CharField(
        label="Milestone at 3 months (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="What should be true 3 months after the start",
    )
    milestone_6 = forms.CharField(
        label="Milestone at 6 months (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    milestone_12 = forms.CharField(
        label="Milestone at 12 months (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    field_order = ["number", "title", "owner", "organisation", "starts_on", "due_on"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        data["milestones"] = {m: data.pop(f"milestone_{m}", "") for m in (3, 6, 12)}
        return data


class _EvidenceFields(GovukForm):
    description = forms.CharField(label="What the evidence shows", max_length=300, required=False)
    link = forms.URLField(
        label="Link to the evidence", required=False, max_length=500, assume_scheme="https"
    )
    document = DocumentField(label="Or upload a document", required=False)


class StatusForm(_EvidenceFields):
    status = forms.ChoiceField(
        label="New status", choices=ActionStatus.choices, widget=forms.RadioSelect
    )
    reason = forms.CharField(
        label="Why has the status changed? (kept with the history)",
        widget=forms.Textarea(attrs=_TEXT),
        error_messages={"required": "Enter why the status has changed"},
    )
    changed_on = GovukDateField(label="Date of the change")
    field_order = ["status", "reason", "changed_on", "description", "link", "document"]


class EvidenceForm(_EvidenceFields):
    milestone: forms.ModelChoiceField = forms.ModelChoiceField(  # type: ignore[type-arg]
        label="Evidence for a milestone (optional)",
        queryset=Milestone.objects.none(),
        required=False,
        empty_label="The action as a whole",
    )

    def __init__(self, *args: Any, milestones: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["description"].required = True
        self.fields["milestone"].queryset = milestones  # type: ignore[attr-defined]
        self.refresh_helper()


class MilestoneForm(GovukForm):
    due_on = GovukDateField(label="Milestone date")
    status = forms.ChoiceField(
        label="Status", choices=MilestoneStatus.choices, widget=forms.RadioSelect
    )
    evidence = forms.CharField(
        label="Evidence",
        required=False,
        widget=forms.Textarea(attrs=_TEXT),
        help_text="Needed to mark it met: what shows it, and where to find it",
    )


class MilestoneAddForm(GovukForm):
    months = forms.TypedChoiceField(
        label="When",
        coerce=int,
        choices=[(m, f"{m} months after the start") for m in (3, 6, 12)],
        widget=forms.RadioSelect,
    )
    description = forms.CharField(
        label="What should be true by then", widget=forms.Textarea(attrs={"rows": 2})
    )
    due_on = GovukDateField(
        label="Milestone date (optional)",
        required=False,
        hint="Leave it empty for 3, 6 or 12 months after the action's start",
    )


class FigureForm(GovukForm):
    value = forms.DecimalField(label="Figure", max_digits=8, decimal_places=1)
    on = GovukDateField(label="Date of the figure")
    source = forms.CharField(
        label="Where it comes from",
        max_length=300,
        help_text="For example, the parent carer forum's survey, spring 2026",
    )


class PaperForm(GovukForm):
    title = forms.CharField(label="Title of the paper", max_length=200)
    item: forms.ModelChoiceField = forms.ModelChoiceField(  # type: ignore[type-arg]
        label="The agenda item it is for",
        queryset=AgendaItem.objects.none(),
        required=False,
        empty_label="The meeting as a whole (for example, the agenda pack)",
    )
    document = DocumentField(label="The paper")

    def __init__(self, *args: Any, items: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = items  # type: ignore[attr-defined]
        self.refresh_helper()


class SwitchToLiveForm(GovukForm):
    """Bind an entered measure to a live KPI from a date (improvement.closing_services)."""

    kpi_key = forms.ChoiceField(
        label="Live KPI from the records",
        error_messages={"required": "Choose the live KPI to bind it to"},
    )
    on = GovukDateField(
        label="From",
        hint="The figures entered before this are kept on the measure's page but no longer used",
    )
    reason = _WHY

    def __init__(self, *args: Any, kpis: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kpi_key"].choices = [("", "Choose a KPI"), *kpis]  # type: ignore[attr-defined]


class SwitchToEnteredForm(GovukForm):
    """Take a live measure's figure from an entered source instead, from a date."""

    on = GovukDateField(
        label="From", hint="From this date the live KPI is no longer read for this measure"
    )
    entered_value = forms.DecimalField(
        label="Figure",
        max_digits=8,
        decimal_places=1,
        error_messages={"required": "Enter the figure"},
    )
    entered_on = GovukDateField(label="Date of the figure", hint="On or after the date above")
    entered_source = forms.CharField(
        label="Where the figure comes from",
        max_length=300,
        help_text="For example, the parent carer forum's survey, spring 2026",
    )
    reason = _WHY
