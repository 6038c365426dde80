"""Forms for each step of a complaint, mediation case or appeal (GOV.UK components)."""

from typing import Any

from django import forms

from opensend import statutory
from opensend.casework.models import AssessmentRequest
from opensend.core.forms import GovukDateField, GovukForm
from opensend.disputes.codes import (
    NOT_OPPOSED_KINDS,
    ORDER_KINDS_FOR_AGREEMENTS,
    AppealOutcome,
    AppealType,
    ComplaintOutcome,
    MediationEnd,
    OrderType,
)
from opensend.disputes.models import MediationCase
from opensend.people.models import Child

YES_NO = [("yes", "Yes"), ("no", "No")]
REPLY_OUTCOMES = [c for c in ComplaintOutcome.choices if c[0] != ComplaintOutcome.WITHDRAWN]


class _AssessmentRequestField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return f"EHC needs assessment: request received {obj.received_on:%d %B %Y}"


class _MediationChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        issued = obj.certificate_issued_on
        certificate = f", certificate {issued:%d %B %Y}" if issued else ""
        return f"{obj.about} (decision {obj.decision_notice_on:%d %B %Y}{certificate})"


class _ReviewChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        decided = f"{obj.decided_on:%d %B %Y}" if obj.decided_on else "date not recorded"
        return f"Annual review: {obj.get_decision_display().lower()} (decided {decided})"


def _limit(form: forms.Form, name: str, queryset: Any) -> None:
    field = form.fields[name]
    if isinstance(field, forms.ModelChoiceField):
        field.queryset = queryset


class _ChildLinkedForm(GovukForm):
    """A form that may link to one of the child's assessment requests."""

    assessment_request = _AssessmentRequestField(
        label="Which request is it about? (optional)",
        queryset=AssessmentRequest.objects.none(),
        required=False,
    )

    def __init__(self, *args: Any, child: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if child is None:
            del self.fields["assessment_request"]
            self.refresh_helper()
        else:
            _limit(self, "assessment_request", AssessmentRequest.objects.filter(child=child))


class _DecisionLinkedForm(_ChildLinkedForm):
    """A mediation case or appeal: about a request's decision or an annual review's decision
    (not to amend, to cease, or the amended plan: CFA 2014 s51(2)(e), (f) and (3)(b))."""

    review = _ReviewChoiceField(
        label="Or which annual review decision is it about? (optional)",
        queryset=Child.objects.none(),
        required=False,
    )

    def __init__(self, *args: Any, child: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, child=child, **kwargs)
        if child is None:
            del self.fields["review"]
            self.refresh_helper()
        else:
            decided = child.reviews.exclude(decision="").order_by("-decided_on", "-pk")
            _limit(self, "review", decided)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("assessment_request") and cleaned.get("review"):
            self.add_error("review", "Choose a request or an annual review decision, not both")
        return cleaned


class FamilyComplaintForm(_ChildLinkedForm):
    """What a parent or young person fills in: plain words, no dates to type."""

    about_step = forms.CharField(
        label="Which part of our service is your complaint about? (optional)",
        help_text="For example: the assessment, the EHC plan, the annual review, transport",
        required=False,
        max_length=300,
    )
    summary = forms.CharField(
        label="What is your complaint?",
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": "Tell us what your complaint is"},
    )
    outcome_wanted = forms.CharField(
        label="What would you like us to do? (optional)",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )


class StaffComplaintForm(FamilyComplaintForm):
    received_on = GovukDateField(
        label="Date the complaint was received", hint="The charter clock starts from this date"
    )
    complainant_name = forms.CharField(label="Name of the person complaining", max_length=200)
    complainant_email = forms.EmailField(
        label="Their email address (optional)",
        required=False,
        help_text="We email them when we receive, reply to or escalate the complaint",
    )

    field_order = [
        "received_on",
        "complainant_name",
        "complainant_email",
        "assessment_request",
        "about_step",
        "summary",
        "outcome_wanted",
    ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["about_step"].label = "Which step or service is it about? (optional)"
        self.fields["summary"].label = "What the complaint is about"
        self.fields["outcome_wanted"].label = "What they want to happen (optional)"


class ComplaintRespondForm(GovukForm):
    responded_on = GovukDateField(label="Date we replied")
    outcome = forms.ChoiceField(label="Outcome", choices=REPLY_OUTCOMES, widget=forms.RadioSelect)
    response = forms.CharField(label="Our reply", widget=forms.Textarea(attrs={"rows": 5}))
    remedy = forms.CharField(
        label="Remedy (optional)",
        help_text="What we will do to put things right",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    learning = forms.CharField(
        label="What we have learned (optional)",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )


class ComplaintEscalateForm(GovukForm):
    escalated_on = GovukDateField(
        label="Date the complainant asked to escalate",
        hint="The next stage's charter clock starts from this date",
    )
    reason = forms.CharField(
        label="Why they are not satisfied", widget=forms.Textarea(attrs={"rows": 3})
    )


class ComplaintCloseForm(GovukForm):
    closed_on = GovukDateField(label="Date the complaint was closed")
    outcome = forms.ChoiceField(
        label="Final outcome", choices=ComplaintOutcome.choices, widget=forms.RadioSelect
    )
    reason = forms.CharField(
        label="Notes (required if withdrawn)",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )


class MediationCreateForm(_DecisionLinkedForm):
    decision_notice_on = GovukDateField(
        label="Date of the decision notice",
        hint="The family has 2 months from this date to contact the mediation adviser",
    )
    about = forms.CharField(label="What the disagreement is about", max_length=300)
    adviser_contacted_on = GovukDateField(
        label="Date the family contacted the mediation adviser (if they have)", required=False
    )


class DateForm(GovukForm):
    """One date: the label is set by the view."""

    on = GovukDateField(label="Date")

    def __init__(self, *args: Any, label: str, hint: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["on"]
        field.label = label
        field.help_text = hint
        field.error_messages["required"] = f"Enter {label[0].lower()}{label[1:]}"


class MediationChoiceForm(GovukForm):
    wants_mediation = forms.ChoiceField(
        label="Does the family want mediation?",
        choices=YES_NO,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose yes or no"},
    )
    on = GovukDateField(
        label="Date we were told",
        hint="Yes: mediation must be held within 30 days. No: the certificate is due within "
        "3 working days",
    )


class MediationEndForm(GovukForm):
    result = forms.ChoiceField(
        label="How did it end?", choices=MediationEnd.choices, widget=forms.RadioSelect
    )
    ended_on = GovukDateField(label="Date it ended (or we knew it could not be arranged)")
    agreement_summary = forms.CharField(
        label="What was agreed (if there was an agreement)",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    agreement_non_appealable = forms.BooleanField(
        label="The agreement is about something that cannot be appealed (we must act within "
        "2 weeks)",
        required=False,
    )


class CloseForm(GovukForm):
    closed_on = GovukDateField(label="Date closed")
    reason = forms.CharField(label="Reason", widget=forms.Textarea(attrs={"rows": 3}))


class AppealLodgeForm(_DecisionLinkedForm):
    appeal_type = forms.ChoiceField(
        label="Type of appeal", choices=AppealType.choices, widget=forms.RadioSelect
    )
    sections = forms.CharField(
        label="Sections appealed (for an appeal about the contents of the plan)",
        required=False,
        max_length=20,
        help_text="For example: B, F, I",
    )
    tribunal_reference = forms.CharField(
        label="Tribunal reference (optional)", required=False, max_length=40
    )
    decision_sent_on = GovukDateField(label="Date the decision notice was sent")
    mediation = _MediationChoiceField(
        label="Mediation case (optional)", queryset=MediationCase.objects.none(), required=False
    )
    certificate_issued_on = GovukDateField(
        label="Date the mediation certificate was issued (optional)",
        hint="Leave blank to use the date on the mediation case",
        required=False,
    )
    lodged_on = GovukDateField(label="Date the appeal was lodged")
    grounds = forms.CharField(
        label="Grounds of appeal (optional)",
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )

    def __init__(self, *args: Any, child: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, child=child, **kwargs)
        _limit(self, "mediation", MediationCase.objects.filter(child=child))


class HearingForm(GovukForm):
    hearing_on = GovukDateField(label="Date of the hearing")


class AppealOutcomeForm(GovukForm):
    outcome = forms.ChoiceField(
        label="Outcome", choices=AppealOutcome.choices, widget=forms.RadioSelect
    )
    outcome_on = GovukDateField(label="Date of the decision")
    notes = forms.CharField(
        label="Notes (optional)", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class OrderForm(GovukForm):
    order_type = forms.ChoiceField(
        label="What does the order say we must do?",
        choices=OrderType.choices,
        widget=forms.RadioSelect,
    )
    order_on = GovukDateField(label="Date of the order", hint="The compliance clocks start here")
    details = forms.CharField(
        label="Details (optional)", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class MediationHealthForm(GovukForm):
    health_only = forms.TypedChoiceField(
        label="Is the disagreement only about health care?",
        choices=YES_NO,
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
        help_text=(
            "If it is only about health care, the health commissioning body arranges the "
            "mediation within 30 days of being told."
        ),
    )
    health_body_told_on = GovukDateField(
        label="Date we told the health commissioning body (leave blank if not yet)",
        required=False,
        hint="We must tell them within 3 working days (regulation 36)",
    )


class AgreementTermsForm(GovukForm):
    order_type = forms.ChoiceField(
        label="What does the agreement require us to do?",
        choices=[
            ("", "Nothing with a Tribunal time limit"),
            *[(k, OrderType(k).label) for k in ORDER_KINDS_FOR_AGREEMENTS],
        ],
        required=False,
        widget=forms.RadioSelect,
        help_text="An agreement on something the family could appeal has the time limits of a "
        "Tribunal order, counted from the agreement (regulation 42(2)).",
    )
    other_timescale = forms.CharField(
        label="A different timescale agreed in writing (optional)",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text="Regulation 42(5): the statutory time limits then do not apply.",
    )
    council_told_on = GovukDateField(
        label="Date the health body told us of the agreement (mediation about health only)",
        required=False,
    )


class NotOpposedForm(GovukForm):
    told_on = GovukDateField(
        label="Date we told the Tribunal we will not oppose the appeal",
        hint="The time limits in regulation 45 start here",
    )
    order_type = forms.ChoiceField(
        label="What will we now do?",
        choices=[(k, OrderType(k).label) for k in NOT_OPPOSED_KINDS],
        widget=forms.RadioSelect,
        help_text=(
            "For an appeal against a refusal to make a plan, record the outcome as conceded and "
            "then the Tribunal's order."
        ),
    )
    details = forms.CharField(
        label="Details (optional)", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class OrderStepForm(GovukForm):
    done_on = GovukDateField(label="Date done")
    notes = forms.CharField(
        label="Notes (optional)", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class OrderExceptionForm(GovukForm):
    """A reg 44(3) exception on one step of a Tribunal order."""

    ground = forms.ChoiceField(
        label="Why was it impractical to meet the time limit?",
        choices=[
            (
                ground.code.value,
                f"{statutory.StatutoryException(ground.code).label} ({ground.citation})",
            )
            for ground in statutory.get_rule("order_amend_plan").exceptions
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the reason the time limit does not apply"},
    )
    starts_on = GovukDateField(label="Date the circumstances started")
    ends_on = GovukDateField(label="Date they ended (optional)", required=False)
    evidence = forms.CharField(
        label="Evidence",
        help_text="What happened, and what shows it (for example a letter or a note of a call)",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Describe the evidence for the exception"},
    )
