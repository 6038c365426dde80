"""The EHC journey: a request for assessment, the decisions on it, the advice gathered for it.

`AssessmentRequest` is the case: every step hangs off it and is recorded as a `CaseStep` (who, when,
why). Due dates are never stored as typed-in values: they come from `opensend.statutory` (see
`casework.clocks`); `next_due_on` is a copy of the earliest open one, kept so queues can sort fast.
"""

from django.conf import settings
from django.db import models

from opensend.core.models import NeverDeleted, RecordedException, RecordedStep, TimeStampedModel
from opensend.core.uploads import RandomName


class RequestSource(models.TextChoices):
    PARENT = "parent", "Parent or carer"
    YOUNG_PERSON = "young_person", "Young person"
    SETTING = "setting", "School, college or early years setting"
    OTHER = "other", "Someone else (for example health or social care)"


class Stage(models.TextChoices):
    REQUESTED = "requested", "Deciding whether to assess"
    NOT_ASSESSING = "not_assessing", "Decided not to assess"
    ASSESSING = "assessing", "Assessing"
    NOT_ISSUING = "not_issuing", "Decided not to issue a plan"
    DRAFTING = "drafting", "Writing the draft plan"
    DRAFT_ISSUED = "draft_issued", "Draft plan issued"
    FINAL_ISSUED = "final_issued", "Final plan issued"
    WITHDRAWN = "withdrawn", "Withdrawn"


OPEN_STAGES = [
    Stage.REQUESTED,
    Stage.ASSESSING,
    Stage.DRAFTING,
    Stage.DRAFT_ISSUED,
]


class AssessmentRequestQuerySet(models.QuerySet["AssessmentRequest"]):
    def open(self) -> "AssessmentRequestQuerySet":
        return self.filter(stage__in=OPEN_STAGES)


class AssessmentRequest(NeverDeleted):
    """A request for an EHC needs assessment, and the case that follows it to a final plan."""

    NEVER_DELETED = "Requests are never deleted: withdraw them with a reason instead."

    child = models.ForeignKey(
        "people.Child", on_delete=models.PROTECT, related_name="assessment_requests"
    )
    received_on = models.DateField(help_text="The statutory clocks start from this date.")
    source = models.CharField(max_length=20, choices=RequestSource.choices)
    requested_by_setting = models.ForeignKey(
        "people.Setting",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assessment_requests",
    )
    requester_name = models.CharField(max_length=200, blank=True)
    # SEN support evidence (from a setting, or what the family tells us)
    needs_summary = models.TextField("the child's needs", blank=True)
    support_tried = models.TextField("support already tried", blank=True)
    outcomes_so_far = models.TextField("what difference the support made", blank=True)
    advice_so_far = models.TextField("advice already given", blank=True)
    people_who_know = models.TextField(
        "people who know the child well",
        blank=True,
        help_text="Named by the family when they ask: teachers, doctors, therapists.",
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The parent, young person or SENCO who made the request online, if they did.",
    )
    agreed_on = models.DateField(
        "agreement recorded on",
        null=True,
        blank=True,
        help_text=(
            "The day the requester agreed that we may contact the people who know the child "
            "(a family request), or confirmed the family knows of and agrees to it (a setting's "
            "request, CoP 9.8)."
        ),
    )
    caseworker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assessment_requests",
    )
    stage = models.CharField(max_length=20, choices=Stage.choices, default=Stage.REQUESTED)
    is_repeat = models.BooleanField(
        default=False,
        help_text="Another request for this child was received in the 6 months before.",
    )
    acknowledged_on = models.DateField(null=True, blank=True)
    assess_decision_on = models.DateField(
        null=True, blank=True, help_text="The day we decided whether to assess (either way)."
    )
    issue_decision_on = models.DateField(
        null=True, blank=True, help_text="The day we decided whether to issue a plan (either way)."
    )
    draft_issued_on = models.DateField(null=True, blank=True)
    final_issued_on = models.DateField(null=True, blank=True)
    closed_on = models.DateField(null=True, blank=True)
    closed_reason = models.TextField(blank=True)
    next_due_on = models.DateField(null=True, blank=True, db_index=True)
    next_due_rule = models.CharField(max_length=60, blank=True)

    objects = AssessmentRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-received_on", "-pk"]
        indexes = [
            models.Index(fields=["caseworker", "stage", "next_due_on"]),
            models.Index(fields=["stage", "next_due_on"]),
        ]

    def __str__(self) -> str:
        return f"Request for {self.child} received {self.received_on:%-d %B %Y}"

    @property
    def is_open(self) -> bool:
        return self.stage in OPEN_STAGES


class RequestDocument(TimeStampedModel):
    """SEN support evidence sent with a request (for example a setting's support plan and
    reviews, or a report the family holds), stored through the safe upload service."""

    request = models.ForeignKey(
        AssessmentRequest, on_delete=models.PROTECT, related_name="documents"
    )
    document = models.FileField(upload_to=RandomName("requests"), max_length=200)
    document_name = models.CharField("document file name", max_length=100)
    document_type = models.CharField("document type", max_length=100)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.document_name


class StepKind(models.TextChoices):
    RECEIVED = "received", "Request received"
    ACKNOWLEDGED = "acknowledged", "Request acknowledged"
    ASSIGNED = "assigned", "Caseworker assigned"
    PANEL_LISTED = "panel_listed", "Listed for panel"
    PANEL_DECIDED = "panel_decided", "Panel decision recorded"
    DECIDED_TO_ASSESS = "decided_to_assess", "Decided to assess"
    DECIDED_NOT_TO_ASSESS = "decided_not_to_assess", "Decided not to assess"
    ADVICE_REQUESTED = "advice_requested", "Advice requested"
    ADVICE_RECEIVED = "advice_received", "Advice received"
    ADVICE_ESCALATED = "advice_escalated", "Late advice escalated"
    ADVICE_REUSED = "advice_reused", "Existing advice reused"
    ADVICE_CORRECTED = "advice_corrected", "Advice corrected by the adviser"
    ADVICE_WITHDRAWN = "advice_withdrawn", "Advice request withdrawn"
    EXCEPTION_RECORDED = "exception_recorded", "Exception to a time limit recorded"
    DECIDED_TO_ISSUE = "decided_to_issue", "Decided to issue a plan"
    DECIDED_NOT_TO_ISSUE = "decided_not_to_issue", "Decided not to issue a plan"
    DRAFT_ISSUED = "draft_issued", "Draft plan issued"
    FINAL_ISSUED = "final_issued", "Final plan issued"
    WITHDRAWN = "withdrawn", "Request withdrawn"


class CaseStep(RecordedStep):
    """One thing that happened on a case: what, on which day, recorded by whom, and why."""

    request = models.ForeignKey(AssessmentRequest, on_delete=models.PROTECT, related_name="steps")
    kind = models.CharField(max_length=30, choices=StepKind.choices)

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.occurred_on}"


class Panel(TimeStampedModel):
    """A multi-agency panel meeting that decides whether to assess (and other questions)."""

    held_on = models.DateField()
    name = models.CharField(max_length=120, default="SEND panel")
    chair = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-held_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.name}, {self.held_on:%d %B %Y}"


class PanelMember(models.Model):
    panel = models.ForeignKey(Panel, on_delete=models.PROTECT, related_name="members")
    name = models.CharField(max_length=200)
    organisation = models.ForeignKey(
        "accounts.Organisation", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    attended = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class PanelCase(models.Model):
    """A case listed at a panel for one question, and what the panel decided about it.

    The statutory decisions (whether to assess, whether to issue a plan) are recorded through
    their services with their clocks; a placement or funding decision is the panel's own."""

    class Question(models.TextChoices):
        ASSESS = "assess", "Whether to carry out an EHC needs assessment"
        ISSUE = "issue", "Whether to issue an EHC plan"
        PLACEMENT = "placement", "The school, college or other placement"
        FUNDING = "funding", "Funding: top-up, a personal budget or other resources"

    class Decision(models.TextChoices):
        PENDING = "", "Not decided yet"
        ASSESS = "assess", "Assess"
        DO_NOT_ASSESS = "do_not_assess", "Do not assess"
        ISSUE = "issue", "Issue a plan"
        DO_NOT_ISSUE = "do_not_issue", "Do not issue a plan"
        AGREED = "agreed", "Agreed"
        NOT_AGREED = "not_agreed", "Not agreed"
        DEFER = "defer", "Defer for more information"

    panel = models.ForeignKey(Panel, on_delete=models.PROTECT, related_name="cases")
    request = models.ForeignKey(
        AssessmentRequest, on_delete=models.PROTECT, related_name="panel_listings"
    )
    question = models.CharField(max_length=20, choices=Question.choices, default=Question.ASSESS)
    details = models.TextField(
        "what is asked", blank=True, help_text="For example the placement or the amount asked for."
    )
    decision = models.CharField(max_length=20, choices=Decision.choices, blank=True)
    reasons = models.TextField(blank=True)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["panel", "request", "question"], name="one_listing_per_question"
            )
        ]

    def __str__(self) -> str:
        return f"{self.request} at {self.panel} ({self.get_question_display().lower()})"


class AdviceKind(models.TextChoices):
    EDUCATION = "education", "Educational advice (school, college or setting)"
    EDUCATIONAL_PSYCHOLOGY = "ep", "Educational psychology"
    HEALTH = "health", "Health (through the designated medical or clinical officer)"
    SOCIAL_CARE = "social_care", "Social care"
    PREPARING_FOR_ADULTHOOD = "pfa", "Preparing for adulthood (Year 9 and above)"
    OTHER = "other", "Other advice"


# Who may be asked for each kind of advice (SEND Regulations 2014, reg 6(1)): educational advice
# from the head teacher or principal, or a person with teaching experience (b); medical advice
# from a health care professional identified by the responsible commissioning body (c);
# psychological advice from an educational psychologist (d); social care advice (e).
# Preparing-for-adulthood (g) and other advice (f, h) may come from anyone the council names.
ADVICE_FROM: dict[str, tuple[str, ...]] = {
    "education": ("setting", "council", "provider"),
    "ep": ("ep_service", "council"),
    "health": ("nhs",),
    "social_care": ("social_care", "council"),
}

# Which plan section an adviser's "no needs in this area" speaks for (reg 12(1)(c), (d)).
NO_NEEDS_SECTION = {"health": "C", "social_care": "D"}


class AdviceRequest(TimeStampedModel):
    """A request for advice to one organisation, with its own 6-week clock (reg 8)."""

    request = models.ForeignKey(
        AssessmentRequest, on_delete=models.PROTECT, related_name="advice_requests"
    )
    kind = models.CharField(max_length=20, choices=AdviceKind.choices)
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="advice_requests"
    )
    requested_on = models.DateField()
    questions = models.TextField("what we are asking", blank=True)
    received_on = models.DateField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    needs = models.TextField("needs identified", blank=True)
    outcomes = models.TextField("outcomes to work towards", blank=True)
    provision = models.TextField("provision recommended", blank=True)
    no_needs = models.BooleanField(
        "no needs in this area",
        default=False,
        help_text="No needs in the adviser's area (health: plan section C; social care: D)",
    )
    document = models.FileField(upload_to=RandomName("advice"), blank=True, max_length=200)
    document_name = models.CharField("document file name", max_length=100, blank=True)
    document_type = models.CharField("document type", max_length=100, blank=True)
    draft_saved_at = models.DateTimeField(null=True, blank=True)
    draft_saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reused_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="reused_by"
    )
    reminder_sent_on = models.DateField(null=True, blank=True)
    escalated_on = models.DateField(null=True, blank=True)
    withdrawn_on = models.DateField(null=True, blank=True)
    withdrawn_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["requested_on", "pk"]
        indexes = [models.Index(fields=["organisation", "received_on"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} advice from {self.organisation}"

    @property
    def is_outstanding(self) -> bool:
        return self.received_on is None and self.withdrawn_on is None

    @property
    def has_draft(self) -> bool:
        """The adviser saved their work without sending it: nobody else sees it yet."""
        return self.received_on is None and self.draft_saved_at is not None


class AdviceVersion(models.Model):
    """One submitted version of a piece of advice, kept when the adviser corrects it, so the
    plan can be traced to the advice as it stood (who sent each version, when, and why it
    changed). The advice request holds the latest version's text."""

    advice = models.ForeignKey(AdviceRequest, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveSmallIntegerField()
    needs = models.TextField(blank=True)
    outcomes = models.TextField(blank=True)
    provision = models.TextField(blank=True)
    no_needs = models.BooleanField(default=False)
    document = models.FileField(upload_to=RandomName("advice"), blank=True, max_length=200)
    document_name = models.CharField(max_length=100, blank=True)
    document_type = models.CharField(max_length=100, blank=True)
    submitted_at = models.DateTimeField()
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    change_reason = models.TextField("what changed and why", blank=True)

    class Meta:
        ordering = ["advice", "number"]
        constraints = [
            models.UniqueConstraint(fields=["advice", "number"], name="one_advice_version_number")
        ]

    def __str__(self) -> str:
        return f"{self.advice}, version {self.number}"


class ClockException(RecordedException):
    """A recorded statutory exception that lifts a time limit on a case (never silently)."""

    request = models.ForeignKey(
        AssessmentRequest, on_delete=models.PROTECT, related_name="clock_exceptions"
    )
    advice_request = models.ForeignKey(
        AdviceRequest,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="clock_exceptions",
        help_text="For a missed appointment (reg 8(2)): the advice it affects.",
    )

    def __str__(self) -> str:
        return f"{self.ground} from {self.starts_on}"


class FamilyViews(TimeStampedModel):
    """Section A, captured once: the child's and family's views, shared with every adviser."""

    request = models.OneToOneField(
        AssessmentRequest, on_delete=models.PROTECT, related_name="family_views"
    )
    about_me = models.TextField("about me")
    what_matters = models.TextField("what is important to me", blank=True)
    aspirations = models.TextField("my hopes and aspirations for the future", blank=True)
    communication = models.TextField("how to communicate with me", blank=True)
    given_by = models.CharField(max_length=200, help_text="Whose words these are")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    def __str__(self) -> str:
        return f"Views for {self.request.child}"


class AboutMeVersion(models.TextChoices):
    """Whose words: the family's (a parent or carer), or the young person's own."""

    FAMILY = "family", "The family's words"
    YOUNG_PERSON = "young_person", "In their own words"


class AllAboutMe(NeverDeleted):
    """ "All about me": section A (views, interests and aspirations) as the family write it, once
    for the child rather than for each request, so it flows into every advice request and the
    plan (issue 14, item 3). One per child for the family and one in the young person's own
    words. Staff read it; they record views themselves in `FamilyViews`."""

    NEVER_DELETED = "What the family told us is never deleted: they change it instead."

    child = models.ForeignKey("people.Child", on_delete=models.PROTECT, related_name="all_about_me")
    version = models.CharField(max_length=20, choices=AboutMeVersion.choices)
    about_me = models.TextField("about me", blank=True)
    what_matters = models.TextField("what is important to me", blank=True)
    aspirations = models.TextField("my hopes and aspirations for the future", blank=True)
    communication = models.TextField("how to communicate with me", blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["child", "version"], name="one_about_me_per_version")
        ]

    def __str__(self) -> str:
        return f"All about me ({self.get_version_display()}) for {self.child}"


class AllAboutMeFile(NeverDeleted):
    """A document, photo or recording added to "all about me", through `core.uploads`. Taken
    away by the family with `removed_at` (kept, never shown again)."""

    NEVER_DELETED = "Files the family sent are never deleted: they are taken away instead."

    about = models.ForeignKey(AllAboutMe, on_delete=models.PROTECT, related_name="files")
    document = models.FileField(upload_to=RandomName("about-me"))
    document_name = models.CharField(max_length=255)
    document_type = models.CharField(max_length=100)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    removed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.document_name
