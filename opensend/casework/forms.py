"""Forms for each step of the EHC journey (GOV.UK components via crispy-forms-gds)."""

from typing import Any

from django import forms
from django.utils import timezone

from opensend.accounts.models import Organisation, User
from opensend.accounts.roles import SENAR_ROLES
from opensend.casework.models import ADVICE_FROM, AdviceKind, AssessmentRequest, PanelCase
from opensend.casework.selectors import caseworker_loads
from opensend.casework.services.exceptions import EXCEPTION_LABELS
from opensend.core.forms import GovukDateField, GovukForm
from opensend.core.uploads import DocumentField

YES_NO = [("yes", "Yes"), ("no", "No")]


class PanelOwnDecisionForm(GovukForm):
    """The panel's decision on a placement or funding."""

    decision = forms.ChoiceField(
        label="What did the panel decide?",
        choices=[
            (PanelCase.Decision.AGREED, "Agreed"),
            (PanelCase.Decision.NOT_AGREED, "Not agreed"),
            (PanelCase.Decision.DEFER, "Deferred for more information"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what the panel decided"},
    )
    decided_on = GovukDateField(label="Date of the decision")
    reasons = forms.CharField(
        label="Reasons",
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Enter the reasons for the decision"},
    )


class DecisionForm(GovukForm):
    """Whether to assess, or whether to issue a plan: yes or no, the date, and the reasons."""

    decision = forms.ChoiceField(
        choices=YES_NO, widget=forms.RadioSelect, error_messages={"required": "Choose yes or no"}
    )
    decided_on = GovukDateField(label="Date of the decision")
    reasons = forms.CharField(
        label="Reasons",
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Enter the reasons for the decision"},
    )

    def __init__(self, *args: Any, question: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["decision"].label = question


class _OrganisationChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    """Open organisations by kind, each labelled with its kind so the right body is chosen."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(queryset=Organisation.objects.none(), **kwargs)

    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name} ({obj.get_kind_display()})"


class AdviceRequestForm(GovukForm):
    kind = forms.ChoiceField(
        label="Kind of advice", choices=AdviceKind.choices, widget=forms.RadioSelect
    )
    organisation = _OrganisationChoiceField(label="Organisation to ask")
    requested_on = GovukDateField(label="Date the advice was requested")
    questions = forms.CharField(
        label="What you are asking (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["organisation"]
        if isinstance(field, forms.ModelChoiceField):
            field.queryset = Organisation.objects.open().order_by("kind", "name")


class AllAdviceForm(GovukForm):
    """Ask every statutory adviser not yet asked in one step: for each kind, a tick and the
    organisation, pre-filled from what we know of the child (casework.selectors.advisers_for).
    One date and one set of questions for all of them."""

    requested_on = GovukDateField(label="Date the advice is requested")
    questions = forms.CharField(
        label="What you are asking (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Sent to every organisation you ask",
    )

    def __init__(self, *args: Any, suggestions: dict[str, Any], today: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.kinds = list(suggestions)
        self.fields["requested_on"].initial = today
        for kind, organisation in suggestions.items():
            label = AdviceKind(kind).label
            self.fields[f"ask_{kind}"] = forms.BooleanField(
                label=f"Ask for {label[0].lower()}{label[1:]}",
                required=False,
                initial=organisation is not None,
            )
            field = _OrganisationChoiceField(
                label=f"Who to ask for {AdviceKind(kind).label.split(' (')[0].lower()} advice",
                required=False,
                initial=organisation.pk if organisation else None,
            )
            field.queryset = Organisation.objects.open().filter(kind__in=ADVICE_FROM[kind])
            self.fields[f"{kind}_organisation"] = field
        self.order_fields([*(f for k in self.kinds for f in (f"ask_{k}", f"{k}_organisation"))])
        self.refresh_helper()  # the rows were added after GovukFormMixin set up the form

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for kind in self.kinds:
            if data.get(f"ask_{kind}") and not data.get(f"{kind}_organisation"):
                self.add_error(f"{kind}_organisation", "Choose who to ask, or untick this advice")
        if not any(data.get(f"ask_{kind}") for kind in self.kinds) and not self.errors:
            self.add_error(None, "Tick at least one kind of advice to ask for")
        return data


class AdviceSubmitForm(GovukForm):
    needs = forms.CharField(
        label="Needs you have identified", required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
    outcomes = forms.CharField(
        label="Outcomes to work towards", required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    provision = forms.CharField(
        label="Provision you recommend",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Be specific: what, who, how often, for how long",
    )
    no_needs = forms.BooleanField(
        label="I found no needs in my area for this child",
        required=False,
        help_text=(
            "For example, no health needs related to their special educational needs. "
            "The plan will say so instead of leaving the section empty."
        ),
    )
    document = DocumentField(label="Or upload your advice as a document (optional)", required=False)

    @classmethod
    def initial_from(cls, advice: Any) -> dict[str, Any]:
        """The advice as it stands (a saved draft, or the version being corrected)."""
        return {
            "needs": advice.needs,
            "outcomes": advice.outcomes,
            "provision": advice.provision,
            "no_needs": advice.no_needs,
        }


class AdviceCorrectForm(AdviceSubmitForm):
    reason = forms.CharField(
        label="What did you change, and why?",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="The caseworker and the family see this with the new version",
    )


class AdviceWithdrawForm(GovukForm):
    reason = forms.CharField(
        label="Why is this advice no longer needed?",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="We tell the organisation this when we withdraw the request",
    )


class ExceptionForm(GovukForm):
    ground = forms.ChoiceField(
        label="Why the time limit does not apply",
        choices=list(EXCEPTION_LABELS.items()),
        widget=forms.RadioSelect,
    )
    starts_on = GovukDateField(label="From")
    ends_on = GovukDateField(label="Until (optional)", required=False)
    evidence = forms.CharField(
        label="Evidence",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="What happened, and how we know",
    )


class WithdrawForm(GovukForm):
    on = GovukDateField(label="Date the request was withdrawn")
    reason = forms.CharField(
        label="Why was it withdrawn?", widget=forms.Textarea(attrs={"rows": 3})
    )


class AcknowledgeForm(GovukForm):
    on = GovukDateField(label="Date the request was acknowledged")


class _CaseworkerChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    """SENAR staff, each labelled with their open assessments and how many are overdue, so a
    manager sees the load before choosing."""

    loads: dict[int, tuple[int, int]]

    def label_from_instance(self, obj: Any) -> str:
        open_cases, overdue = self.loads.get(obj.pk, (0, 0))
        return (
            f"{obj}: {open_cases} open {'case' if open_cases == 1 else 'cases'}, {overdue} overdue"
        )


class AssignForm(GovukForm):
    caseworker = _CaseworkerChoiceField(
        label="Caseworker",
        queryset=User.objects.none(),
        help_text="Each name shows their open EHC needs assessments and how many are overdue",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["caseworker"]
        if isinstance(field, _CaseworkerChoiceField):
            field.queryset = User.objects.filter(
                memberships__role__in=list(SENAR_ROLES), memberships__closed_at__isnull=True
            ).distinct()
            field.loads = caseworker_loads(on=timezone.localdate())


class FamilyViewsForm(GovukForm):
    about_me = forms.CharField(
        label="About me",
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="What people like and admire about me; my interests",
    )
    what_matters = forms.CharField(
        label="What is important to me", required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    aspirations = forms.CharField(
        label="My hopes and aspirations for the future",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    communication = forms.CharField(
        label="How to communicate with me", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    given_by = forms.CharField(
        label="Whose views are these?",
        max_length=200,
        help_text="For example: Sam, with help from his mum",
    )


class PanelForm(GovukForm):
    held_on = GovukDateField(label="Date of the panel")
    name = forms.CharField(label="Name", max_length=120, initial="SEND panel")


class PanelMemberForm(GovukForm):
    name = forms.CharField(label="Member's name", max_length=200)
    organisation = forms.ModelChoiceField(
        label="Organisation (optional)", queryset=Organisation.objects.none(), required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["organisation"]
        if isinstance(field, forms.ModelChoiceField):
            field.queryset = Organisation.objects.open()


class _RequestChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.child.full_name}: received {obj.received_on:%-d %B %Y}"


class PanelCaseForm(GovukForm):
    request = _RequestChoiceField(label="Case to list", queryset=AssessmentRequest.objects.none())
    question = forms.ChoiceField(
        label="What is the panel asked to decide?",
        choices=PanelCase.Question.choices,
        initial=PanelCase.Question.ASSESS,
        widget=forms.RadioSelect,
    )
    details = forms.CharField(
        label="What is asked (for a placement or funding)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example: a place at Oak Special School, or £2,400 a year top-up",
    )

    def __init__(self, *args: Any, candidates: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["request"]
        if isinstance(field, forms.ModelChoiceField):
            field.queryset = candidates
