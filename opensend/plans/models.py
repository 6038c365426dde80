"""The EHC plan itself: sections A–K, the golden thread, consultation, comments and versions.

A plan is written as a draft (its rows can be added, changed and removed while it is a draft),
served on the family, and issued as a final plan. Each issued final is a numbered
`PlanVersion` holding a snapshot of every section, so old versions are kept and can be
compared. Once final, the content changes only through a new version (reviews and amendments).

Due dates are never stored: a consultation's reply date and the family's comment window come
from `opensend.statutory`.
"""

from django.conf import settings
from django.db import models

from opensend.core.models import NeverDeleted, TimeStampedModel


class PlanStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    FINAL = "final", "Final"
    CEASED = "ceased", "Ceased"


class PlacementType(models.TextChoices):
    MAINSTREAM = "mainstream", "Mainstream school or college"
    RESOURCE_BASE = "resource_base", "Resource base (in a mainstream school)"
    SPECIAL = "special", "Special school"
    INDEPENDENT = "independent", "Independent or non-maintained special school"
    OUT_OF_AREA = "out_of_area", "Out of area"
    POST_16 = "post_16", "Post-16 (college, training or apprenticeship)"
    OTHER = "other", "Other (for example education otherwise than in a school)"


class NeedSection(models.TextChoices):
    B = "B", "B: Special educational needs"
    C = "C", "C: Health needs"
    D = "D", "D: Social care needs"


class NeedArea(models.TextChoices):
    COMMUNICATION = "communication", "Communication and interaction"
    COGNITION = "cognition", "Cognition and learning"
    SEMH = "semh", "Social, emotional and mental health"
    SENSORY_PHYSICAL = "sensory_physical", "Sensory and/or physical"
    HEALTH = "health", "Health"
    SOCIAL_CARE = "social_care", "Social care"


BROAD_AREAS = [
    NeedArea.COMMUNICATION,
    NeedArea.COGNITION,
    NeedArea.SEMH,
    NeedArea.SENSORY_PHYSICAL,
]


class AdulthoodArea(models.TextChoices):
    NONE = "", "Not a preparing-for-adulthood outcome"
    EMPLOYMENT = "employment", "Employment"
    INDEPENDENT_LIVING = "independent_living", "Independent living"
    COMMUNITY = "community", "Friends, relationships and community"
    HEALTH = "health", "Good health"


class ProvisionSection(models.TextChoices):
    F = "F", "F: Special educational provision"
    G = "G", "G: Health provision"
    H1 = "H1", "H1: Social care provision (CSDPA section 2)"
    H2 = "H2", "H2: Other social care provision"


class EHCPlan(NeverDeleted):
    """One child's EHC plan, from the first draft through each issued final version."""

    NEVER_DELETED = "Plans are never deleted: cease them with a reason instead."

    child = models.ForeignKey("people.Child", on_delete=models.PROTECT, related_name="ehc_plans")
    request = models.ForeignKey(
        "casework.AssessmentRequest",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="plans",
        help_text="The assessment that led to the plan (empty for plans made before OpenSEND).",
    )
    status = models.CharField(max_length=10, choices=PlanStatus.choices, default=PlanStatus.DRAFT)
    version = models.PositiveIntegerField(
        default=0, help_text="The latest issued final version (0 while only a draft)."
    )
    draft_issued_on = models.DateField(null=True, blank=True)
    issued_on = models.DateField(
        null=True, blank=True, help_text="The day the latest final version was issued."
    )
    comments_reminder_sent_on = models.DateField(
        null=True,
        blank=True,
        help_text="The day we reminded the family that their time to comment on the draft ends "
        "soon (sent once: `manage.py family_reminders`).",
    )
    # Section A: copied from the family's views when the draft starts, then edited here.
    about_me = models.TextField("about me", blank=True)
    what_matters = models.TextField("what is important to me", blank=True)
    aspirations = models.TextField("my hopes and aspirations for the future", blank=True)
    communication = models.TextField("how to communicate with me", blank=True)
    # Section I: placement.
    placement_type = models.CharField(max_length=20, choices=PlacementType.choices, blank=True)
    named_setting = models.ForeignKey(
        "people.Setting",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="named_in_plans",
    )
    preferred_setting = models.ForeignKey(
        "people.Setting",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="preferred_in_plans",
        help_text="The school or college the family asked for.",
    )
    # Section J: personal budget.
    personal_budget_amount = models.DecimalField(
        max_digits=10, decimal_places=2, null=True, blank=True
    )
    personal_budget_description = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "EHC plan"
        constraints = [
            models.UniqueConstraint(
                fields=["request"],
                condition=models.Q(request__isnull=False),
                name="one_plan_per_request",
            )
        ]
        indexes = [models.Index(fields=["child", "status"])]

    def __str__(self) -> str:
        label = "Draft EHC plan" if self.status == PlanStatus.DRAFT else "EHC plan"
        return f"{label} for {self.child}"

    @property
    def is_draft(self) -> bool:
        return self.status == PlanStatus.DRAFT


def _short(text: str, length: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= length else f"{text[: length - 1]}…"


class Need(models.Model):
    """A need in section B, C or D: what the child finds hard, in the words of the advice."""

    plan = models.ForeignKey(EHCPlan, on_delete=models.CASCADE, related_name="needs")
    section = models.CharField(max_length=1, choices=NeedSection.choices)
    area = models.CharField(max_length=20, choices=NeedArea.choices)
    description = models.TextField()

    class Meta:
        ordering = ["section", "pk"]

    def __str__(self) -> str:
        return f"{self.section}: {_short(self.description)}"


class Outcome(models.Model):
    """Section E: what the child will achieve, by when, and which needs it answers."""

    plan = models.ForeignKey(EHCPlan, on_delete=models.CASCADE, related_name="outcomes")
    description = models.TextField()
    by_when = models.CharField(max_length=200, blank=True)
    preparing_for_adulthood_area = models.CharField(
        max_length=20, choices=AdulthoodArea.choices, blank=True
    )
    needs = models.ManyToManyField(Need, blank=True, related_name="outcomes")

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return _short(self.description)


class Provision(models.Model):
    """Sections F, G, H1 and H2: what is provided, by whom, how often, how long, where."""

    plan = models.ForeignKey(EHCPlan, on_delete=models.CASCADE, related_name="provisions")
    section = models.CharField(max_length=2, choices=ProvisionSection.choices)
    description = models.TextField("what")
    provided_by = models.CharField("who", max_length=200, blank=True)
    frequency = models.CharField("how often", max_length=100, blank=True)
    duration = models.CharField("how long", max_length=100, blank=True)
    group_size = models.CharField(max_length=60, blank=True)
    location = models.CharField("where", max_length=200, blank=True)
    unquantified_reason = models.TextField(
        "why who, how often or how long is not said",
        blank=True,
        help_text="Provision must be specific and quantified (Code of Practice 9.69): a final "
        "plan may leave one out only with a recorded reason",
    )
    outcomes = models.ManyToManyField(Outcome, blank=True, related_name="provisions")

    class Meta:
        ordering = ["section", "pk"]

    def __str__(self) -> str:
        return f"{self.section}: {_short(self.description)}"

    @property
    def missing_quantities(self) -> list[str]:
        """What the provision does not yet say: who, how often, how long."""
        parts = [
            ("who provides it", self.provided_by),
            ("how often", self.frequency),
            ("how long", self.duration),
        ]
        return [label for label, value in parts if not value.strip()]


class CanMeetNeeds(models.TextChoices):
    UNKNOWN = "", "Not said"
    YES = "yes", "Yes"
    NO = "no", "No"


class Consultation(TimeStampedModel):
    """Asking a school or college whether it can be named in the plan (CFA s39)."""

    plan = models.ForeignKey(EHCPlan, on_delete=models.PROTECT, related_name="consultations")
    setting = models.ForeignKey(
        "people.Setting", on_delete=models.PROTECT, related_name="plan_consultations"
    )
    sent_on = models.DateField()
    responded_on = models.DateField(null=True, blank=True)
    can_meet_needs = models.CharField(max_length=3, choices=CanMeetNeeds.choices, blank=True)
    response_notes = models.TextField(blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["sent_on", "pk"]

    def __str__(self) -> str:
        return f"Consultation with {self.setting}"


class FamilyComments(TimeStampedModel):
    """The family's say on a draft: on a new plan (`Representation`) or on proposals to amend
    one (`reviews.AmendmentRepresentation`), with the setting they asked for. The subclass adds
    what the comments are on."""

    made_on = models.DateField()
    made_by = models.CharField(max_length=200)
    comments = models.TextField(blank=True)
    preferred_setting = models.ForeignKey(
        "people.Setting", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        abstract = True
        ordering = ["made_on", "pk"]

    def __str__(self) -> str:
        return f"Comments from {self.made_by}"


class CommentAnswer(models.TextChoices):
    ACCEPTED = "accepted", "Accepted: the plan has been changed"
    PARTLY = "partly", "Partly accepted"
    NOT_ACCEPTED = "not_accepted", "Not accepted"


class Representation(FamilyComments):
    """The family's comments on the draft plan, and the setting they asked for; the council's
    answer to each (accepted, partly, not, with reasons), which the family sees; and, when the
    family confirms in writing that they have nothing more to say, that confirmation (the only
    way a final plan can be issued inside the 15 days of reg 13(1)(a))."""

    plan = models.ForeignKey(EHCPlan, on_delete=models.PROTECT, related_name="representations")
    nothing_more_to_say = models.BooleanField(
        "the family confirmed in writing that they have nothing more to say", default=False
    )
    answer = models.CharField(max_length=20, choices=CommentAnswer.choices, blank=True)
    answer_reasons = models.TextField("reasons for the answer", blank=True)
    answered_on = models.DateField(null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    @property
    def needs_answer(self) -> bool:
        """Comments (or a setting asked for) that the council has not yet answered."""
        said = bool(self.comments.strip()) or self.preferred_setting_id is not None
        return said and not self.answer


class PlanVersion(models.Model):
    """An issued final plan, kept exactly as issued (every section, as JSON)."""

    plan = models.ForeignKey(EHCPlan, on_delete=models.PROTECT, related_name="versions")
    version = models.PositiveIntegerField()
    issued_on = models.DateField()
    snapshot = models.JSONField()
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # The authorising officer as the plan names them, kept as they were on the day it was issued
    # (a job title can change later; the plan must not).
    issued_by_name = models.CharField("authorising officer", max_length=200, blank=True)
    issued_by_job_title = models.CharField(
        "authorising officer's job title", max_length=120, blank=True
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    is_draft = models.BooleanField(
        default=False, help_text="The draft as served on the family (numbered 0), kept to compare"
    )

    class Meta:
        ordering = ["-version"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "version"], name="one_row_per_plan_version")
        ]

    def __str__(self) -> str:
        if self.is_draft:
            return f"The draft, issued {self.issued_on:%-d %B %Y}"
        return f"Version {self.version}, issued {self.issued_on:%-d %B %Y}"

    def save(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        if not self._state.adding:
            raise RuntimeError("An issued version is kept as issued: it cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        raise RuntimeError("Issued versions are never deleted.")

    @property
    def label(self) -> str:
        return "The draft" if self.is_draft else f"Version {self.version}"
