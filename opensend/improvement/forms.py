"""The improvement pages' forms (GOV.UK markup through core.forms)."""

from typing import Any

from django import forms

from opensend.core.forms import GovukDateField, GovukForm
from opensend.improvement.models import (
    AgendaItem,
    Outcome2023,
    OutcomeKind,
    Partner,
    Plan,
    PlanAction,
    PlanKind,
    Recommendation,
    RecommendationStatus,
    Represents,
    Risk,
    SignOff,
    Source,
    SourceKind,
    Trend,
)
from opensend.improvement.selectors import IMPACT, LIKELIHOOD

_TEXT = {"rows": 4}


class SourceForm(GovukForm):
    kind = forms.ChoiceField(
        label="What is it?", choices=SourceKind.choices, widget=forms.RadioSelect
    )
    title = forms.CharField(label="Title", max_length=200)
    author = forms.CharField(
        label="Who wrote it", max_length=200, help_text="For example, Ofsted and CQC"
    )
    published_on = GovukDateField(label="Date published", hint="For example, 1 9 2018")
    judgement = forms.CharField(
        label="Judgement or outcome (inspections)",
        required=False,
        widget=forms.Textarea(attrs=_TEXT),
    )
    outcome = forms.ChoiceField(
        label="Outcome (area SEND inspections under the 2023 framework only)",
        required=False,
        choices=[("", "Not a 2023 framework inspection"), *Outcome2023.choices],
        widget=forms.RadioSelect,
    )
    summary = forms.CharField(label="Summary", required=False, widget=forms.Textarea(attrs=_TEXT))
    link = forms.URLField(
        label="Link to the published document", required=False, assume_scheme="https"
    )
    monitoring_due_on = GovukDateField(
        label="Monitoring inspection expected", hint="Inspections only", required=False
    )
    next_inspection_due_on = GovukDateField(
        label="Next full inspection expected", hint="Inspections only", required=False
    )


class AreaForm(GovukForm):
    number = forms.IntegerField(label="Number", min_value=1, max_value=99)
    text = forms.CharField(
        label="The area, in the inspectors' words", widget=forms.Textarea(attrs=_TEXT)
    )
    owner = forms.ChoiceField(
        label="Which partner owns it", choices=Partner.choices, widget=forms.RadioSelect
    )


class SignOffForm(GovukForm):
    sign_off = forms.ChoiceField(
        label="Sign-off", choices=SignOff.choices, widget=forms.RadioSelect
    )
    on = GovukDateField(label="Date of the decision")
    body = forms.CharField(
        label="Who signed it off",
        required=False,
        max_length=200,
        help_text="For example, Ofsted and CQC revisit, or the DfE and NHS England review",
    )
    reason = forms.CharField(
        label="Why (kept with the history)", widget=forms.Textarea(attrs=_TEXT)
    )


class _RecommendationChoices(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.source.title}, recommendation {obj.number}"


class RecommendationForm(GovukForm):
    number = forms.CharField(
        label="Number", max_length=10, help_text="As the report numbers it: 4, or 9a"
    )
    text = forms.CharField(label="Recommendation", widget=forms.Textarea(attrs=_TEXT))
    paragraph = forms.CharField(
        label="Paragraph in the report", required=False, max_length=60, help_text="For example, 52"
    )
    owner = forms.CharField(label="Owner", required=False, max_length=200)
    restates = _RecommendationChoices(
        label="Earlier recommendations it restates",
        queryset=Recommendation.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    next_review_on = GovukDateField(label="Next review date", required=False)
    next_review_at = forms.CharField(
        label="Next review meeting",
        required=False,
        max_length=200,
        help_text="For example, the Improvement Board",
    )

    def __init__(self, *args: Any, earlier: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["restates"].queryset = earlier  # type: ignore[attr-defined]
        self.refresh_helper()


class UpdateForm(GovukForm):
    written_on = GovukDateField(label="Date of the update")
    text = forms.CharField(label="Update", widget=forms.Textarea(attrs=_TEXT))
    status = forms.ChoiceField(
        label="Status", choices=RecommendationStatus.choices, widget=forms.RadioSelect
    )
    evidence = forms.CharField(
        label="Evidence",
        required=False,
        widget=forms.Textarea(attrs=_TEXT),
        help_text="Needed to mark it complete: what shows it is done, and where to find it",
    )
    next_review_on = GovukDateField(label="Next review date", required=False)
    next_review_at = forms.CharField(label="Next review meeting", required=False, max_length=200)


class TrackerFilterForm(GovukForm):
    status = forms.ChoiceField(
        label="Status", required=False, choices=[("", "Any status"), *RecommendationStatus.choices]
    )
    owner = forms.ChoiceField(label="Owner", required=False)

    def __init__(self, *args: Any, owners: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].choices = [("", "Any owner"), *((o, o) for o in owners)]  # type: ignore[attr-defined]
        self.refresh_helper()


def _score(label: str, words: dict[int, str]) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label, coerce=int, choices=[(n, f"{n} – {w}") for n, w in words.items()]
    )


class RiskForm(GovukForm):
    reference = forms.CharField(label="Reference", max_length=20, help_text="For example, R7")
    title = forms.CharField(label="Risk", max_length=200)
    cause = forms.CharField(label="Cause", widget=forms.Textarea(attrs=_TEXT))
    effect = forms.CharField(label="Effect", widget=forms.Textarea(attrs=_TEXT))
    inherent_likelihood = _score("Likelihood before controls", LIKELIHOOD)
    inherent_impact = _score("Impact before controls", IMPACT)
    controls = forms.CharField(label="Controls in place", widget=forms.Textarea(attrs=_TEXT))
    residual_likelihood = _score("Likelihood with controls", LIKELIHOOD)
    residual_impact = _score("Impact with controls", IMPACT)
    actions = forms.CharField(
        label="Further actions", required=False, widget=forms.Textarea(attrs=_TEXT)
    )
    owner = forms.CharField(label="Owner", max_length=200)
    review_on = GovukDateField(label="Next review date")
    trend = forms.ChoiceField(label="Trend", choices=Trend.choices, widget=forms.RadioSelect)
    appetite = forms.IntegerField(
        label="Appetite",
        min_value=1,
        max_value=25,
        initial=12,
        help_text="The highest score with controls the Board will accept; above it, the risk "
        "goes in the board pack",
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        inherent = data.get("inherent_likelihood", 0) * data.get("inherent_impact", 0)
        residual = data.get("residual_likelihood", 0) * data.get("residual_impact", 0)
        if inherent and residual and residual > inherent:
            self.add_error(
                "residual_likelihood",
                "The score with controls cannot be higher than the score before them",
            )
        return data


class PlanForm(GovukForm):
    kind = forms.ChoiceField(
        label="What is it?", choices=PlanKind.choices, widget=forms.RadioSelect
    )
    title = forms.CharField(label="Title", max_length=200)
    source = forms.ModelChoiceField(
        label="What it answers",
        queryset=Source.objects.all(),
        required=False,
        empty_label="Nothing recorded",
    )
    approved_on = GovukDateField(label="Date approved", required=False)


class WorkstreamForm(GovukForm):
    number = forms.IntegerField(label="Number", min_value=1, max_value=99)
    title = forms.CharField(label="Title", max_length=200)
    lead = forms.CharField(label="Lead", required=False, max_length=200)


class MeasureForm(GovukForm):
    name = forms.CharField(label="Measure", max_length=200)
    kpi_key = forms.ChoiceField(
        label="Live KPI from the records",
        required=False,
        help_text="Choose one where the records hold the figure; otherwise enter it below",
    )
    entered_value = forms.DecimalField(
        label="Figure (only where no KPI holds it)", required=False, max_digits=8, decimal_places=1
    )
    entered_on = GovukDateField(label="Date of the figure", required=False)
    entered_source = forms.CharField(
        label="Where the figure comes from",
        required=False,
        max_length=300,
        help_text="For example, the parent carer forum's survey, autumn 2025",
    )
    voice_of_families = forms.BooleanField(
        label="This is what families told us (a survey, the parent carer forum)",
        required=False,
        help_text="The board pack shows it under the voice of families",
    )
    baseline = forms.DecimalField(label="Baseline", max_digits=8, decimal_places=1)
    baseline_on = GovukDateField(
        label="Date of the baseline",
        required=False,
        hint="The trajectory runs in a straight line from the baseline on this date to the target",
    )
    target = forms.DecimalField(label="Target", max_digits=8, decimal_places=1)
    target_on = GovukDateField(label="Target date")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("baseline_on"), data.get("target_on")
        if start and end and start >= end:
            self.add_error("baseline_on", "The baseline date must be before the target date")
        return data

    def __init__(self, *args: Any, kpis: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kpi_key"].choices = [("", "None: I will enter the figure"), *kpis]  # type: ignore[attr-defined]
        self.refresh_helper()


class MeetingForm(GovukForm):
    title = forms.CharField(
        label="Meeting", max_length=200, help_text="For example, SEND Improvement Board"
    )
    held_on = GovukDateField(label="Date of the meeting")


class _Named(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        source = getattr(obj, "source", None)
        return f"{source.title}, {obj}" if source is not None else str(obj)


class AgendaItemForm(GovukForm):
    number = forms.IntegerField(label="Item number", min_value=1, max_value=99)
    title = forms.CharField(label="Item", max_length=200)
    paper = forms.CharField(label="Paper", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    plan = _Named(
        label="Plan it discusses", queryset=Plan.objects.all(), required=False, empty_label="None"
    )
    recommendation = _Named(
        label="Recommendation it discusses",
        queryset=Recommendation.objects.select_related("source"),
        required=False,
        empty_label="None",
    )
    risk = _Named(
        label="Risk it discusses", queryset=Risk.objects.all(), required=False, empty_label="None"
    )


class AttendeeForm(GovukForm):
    name = forms.CharField(label="Name or role", max_length=200)
    represents = forms.ChoiceField(
        label="Represents", choices=Represents.choices, widget=forms.RadioSelect
    )
    present = forms.TypedChoiceField(
        label="Did they attend?",
        choices=[("yes", "Attended"), ("no", "Sent apologies")],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
    )


class OutcomeForm(GovukForm):
    kind = forms.ChoiceField(
        label="Decision or action", choices=OutcomeKind.choices, widget=forms.RadioSelect
    )
    text = forms.CharField(
        label="What was decided or must be done", widget=forms.Textarea(attrs=_TEXT)
    )
    item = forms.ModelChoiceField(
        label="Agenda item", queryset=AgendaItem.objects.none(), required=False, empty_label="None"
    )
    owner = forms.CharField(label="Owner (actions)", required=False, max_length=200)
    due_on = GovukDateField(label="Due (actions)", required=False)

    def __init__(self, *args: Any, items: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = items  # type: ignore[attr-defined]
        self.refresh_helper()


_WHY = forms.CharField(
    label="Why (kept in the audit trail)",
    widget=forms.Textarea(attrs=_TEXT),
    error_messages={"required": "Enter why"},
)


class AreaChangeForm(GovukForm):
    text = AreaForm.base_fields["text"]
    owner = AreaForm.base_fields["owner"]
    reason = _WHY


class RecommendationChangeForm(GovukForm):
    text = RecommendationForm.base_fields["text"]
    paragraph = RecommendationForm.base_fields["paragraph"]
    owner = RecommendationForm.base_fields["owner"]
    reason = _WHY


class WithdrawForm(GovukForm):
    on = GovukDateField(label="Date")
    reason = _WHY


class MeasureChangeForm(GovukForm):
    name = MeasureForm.base_fields["name"]
    voice_of_families = MeasureForm.base_fields["voice_of_families"]
    baseline = MeasureForm.base_fields["baseline"]
    baseline_on = MeasureForm.base_fields["baseline_on"]
    target = MeasureForm.base_fields["target"]
    target_on = MeasureForm.base_fields["target_on"]
    reason = _WHY


class PlanChangeForm(PlanForm):
    reason = _WHY


class WorkstreamChangeForm(WorkstreamForm):
    reason = _WHY


class _Actions(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.workstream.plan.title}, action {obj.number}: {obj.title}"


class _Recommendations(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.source.title}, recommendation {obj.number}"


class AreaLinksForm(GovukForm):
    actions = _Actions(
        label="Actions that answer it",
        queryset=PlanAction.objects.select_related("workstream__plan"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    recommendations = _Recommendations(
        label="Recommendations that answer it",
        queryset=Recommendation.objects.filter(withdrawn_on__isnull=True).select_related("source"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    reason = _WHY
