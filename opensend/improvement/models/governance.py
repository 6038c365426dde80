"""Improvement governance (DESIGN §2.11, docs/improvement.md): where the improvement work comes
from (inspections, progress reviews, commissioner and peer reports), the areas of weakness they
name with their sign-off, the recommendations they make with every dated update kept, and the
risk register. No child's details are held here. Nothing is deleted."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from opensend.core.models import NeverDeleted


class SourceKind(models.TextChoices):
    INSPECTION_2018 = "inspection_2018", "Local area SEND inspection (2016 to 2022 framework)"
    INSPECTION_2023 = "inspection_2023", "Area SEND inspection (2023 framework)"
    MONITORING = "monitoring", "Revisit or monitoring inspection"
    PROGRESS_REVIEW = "progress_review", "Progress review (DfE and NHS England)"
    COMMISSIONER = "commissioner", "Commissioner's report"
    PEER_REVIEW = "peer_review", "Peer review"


INSPECTION_KINDS = frozenset(
    {SourceKind.INSPECTION_2018, SourceKind.INSPECTION_2023, SourceKind.MONITORING}
)


class Outcome2023(models.TextChoices):
    """The three outcomes of an area SEND inspection under the 2023 framework (Ofsted and CQC,
    "Area SEND inspections: framework and handbook"), in short."""

    POSITIVE = "positive", "Typically positive experiences and outcomes"
    INCONSISTENT = "inconsistent", "Inconsistent experiences and outcomes"
    SYSTEMIC = "systemic", "Widespread and/or systemic failings"


class Source(NeverDeleted):
    """One inspection, review or report that gives the area improvement work."""

    kind = models.CharField(max_length=20, choices=SourceKind.choices)
    title = models.CharField(max_length=200)
    author = models.CharField(
        max_length=200, help_text="Who wrote it, for example Ofsted and CQC, or the Commissioner"
    )
    published_on = models.DateField()
    judgement = models.TextField(
        blank=True, help_text="The outcome or judgement, in the inspectors' words"
    )
    outcome = models.CharField(
        max_length=20,
        choices=Outcome2023.choices,
        blank=True,
        help_text="Which of the three outcomes (2023 framework inspections only)",
    )
    summary = models.TextField(blank=True)
    link = models.URLField(blank=True)
    monitoring_due_on = models.DateField(null=True, blank=True)
    next_inspection_due_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-published_on", "pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_inspection(self) -> bool:
        return self.kind in INSPECTION_KINDS

    @property
    def needs_priority_action_plan(self) -> bool:
        """The lowest of the 2023 framework's outcomes needs a priority action plan."""
        return self.kind == SourceKind.INSPECTION_2023 and self.outcome == Outcome2023.SYSTEMIC


class Partner(models.TextChoices):
    COUNCIL = "council", "The council"
    HEALTH = "health", "The health board (ICB)"
    JOINT = "joint", "The council and the health board together"


class SignOff(models.TextChoices):
    OPEN = "open", "Not signed off"
    SIGNED_OFF = "signed_off", "Signed off"


class Area(NeverDeleted):
    """An area of significant weakness (2018 framework) or for improvement (2023 framework)."""

    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="areas")
    number = models.PositiveSmallIntegerField()
    text = models.TextField()
    owner = models.CharField(max_length=20, choices=Partner.choices)
    sign_off = models.CharField(max_length=20, choices=SignOff.choices, default=SignOff.OPEN)
    signed_off_on = models.DateField(null=True, blank=True)
    signed_off_by = models.CharField(max_length=200, blank=True)
    withdrawn_on = models.DateField(null=True, blank=True)
    withdrawn_reason = models.TextField(blank=True, help_text="Why it was withdrawn (kept)")
    # What answers it: its evidence library gathers the evidence of these (docs/improvement.md).
    actions = models.ManyToManyField("improvement.PlanAction", blank=True, related_name="areas")
    recommendations = models.ManyToManyField(
        "improvement.Recommendation", blank=True, related_name="areas"
    )

    class Meta:
        ordering = ["source", "number"]
        constraints = [
            models.UniqueConstraint(fields=["source", "number"], name="one_area_number_a_source")
        ]

    def __str__(self) -> str:
        return f"Area {self.number}"


class RecordedEntry(models.Model):
    """A history row: who recorded it and when. Rows are added, never changed."""

    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True


class AreaSignOffChange(RecordedEntry):
    """Each change of an area's sign-off, kept (a signed-off area keeps its history)."""

    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="sign_off_changes")
    sign_off = models.CharField(max_length=20, choices=SignOff.choices)
    on = models.DateField()
    body = models.CharField(max_length=200, blank=True)
    reason = models.TextField()

    class Meta:
        ordering = ["-recorded_at", "-pk"]


class RecommendationStatus(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    IN_PROGRESS = "in_progress", "In progress"
    ONGOING = "ongoing", "Ongoing"
    COMPLETE = "complete", "Complete"
    NOT_APPLICABLE = "not_applicable", "Not applicable"


class Recommendation(NeverDeleted):
    """A numbered recommendation from a report, with its current status (its updates say why)."""

    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="recommendations")
    number = models.CharField(max_length=10, help_text="As the report numbers it: 4, or 9a")
    sort_key = models.PositiveIntegerField(default=0, editable=False)
    text = models.TextField()
    paragraph = models.CharField(max_length=60, blank=True, help_text="For example (52)")
    owner = models.CharField(max_length=200, blank=True)
    restates = models.ManyToManyField(
        "self", symmetrical=False, blank=True, related_name="restated_by"
    )
    status = models.CharField(
        max_length=20,
        choices=RecommendationStatus.choices,
        default=RecommendationStatus.NOT_STARTED,
    )
    next_review_on = models.DateField(null=True, blank=True)
    next_review_at = models.CharField(
        max_length=200, blank=True, help_text="The meeting that reviews it next"
    )
    withdrawn_on = models.DateField(null=True, blank=True)
    withdrawn_reason = models.TextField(blank=True, help_text="Why it was withdrawn (kept)")

    class Meta:
        ordering = ["source__published_on", "source", "sort_key", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "number"], name="one_recommendation_number_a_source"
            )
        ]

    def __str__(self) -> str:
        return f"Recommendation {self.number}"


class RecommendationUpdate(RecordedEntry):
    """One dated update: what was done, the status it left, and (for complete) the evidence."""

    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.PROTECT, related_name="updates"
    )
    written_on = models.DateField()
    text = models.TextField()
    status = models.CharField(max_length=20, choices=RecommendationStatus.choices)
    evidence = models.TextField(blank=True)

    class Meta:
        ordering = ["-written_on", "-pk"]


class Trend(models.TextChoices):
    RISING = "rising", "Rising"
    STEADY = "steady", "Steady"
    FALLING = "falling", "Falling"


SCORE = [MinValueValidator(1), MaxValueValidator(5)]


class Risk(NeverDeleted):
    """A risk to the improvement programme, scored likelihood × impact (1 to 5 each), before
    controls (inherent) and after them (residual)."""

    reference = models.CharField(max_length=20, unique=True)
    title = models.CharField(max_length=200)
    cause = models.TextField()
    effect = models.TextField()
    inherent_likelihood = models.PositiveSmallIntegerField(validators=SCORE)
    inherent_impact = models.PositiveSmallIntegerField(validators=SCORE)
    residual_likelihood = models.PositiveSmallIntegerField(validators=SCORE)
    residual_impact = models.PositiveSmallIntegerField(validators=SCORE)
    controls = models.TextField()
    actions = models.TextField(blank=True)
    owner = models.CharField(max_length=200)
    review_on = models.DateField()
    trend = models.CharField(max_length=10, choices=Trend.choices, default=Trend.STEADY)
    appetite = models.PositiveSmallIntegerField(
        default=12,
        validators=[MinValueValidator(1), MaxValueValidator(25)],
        help_text="The highest residual score the Board will accept for this risk",
    )
    closed_on = models.DateField(null=True, blank=True)
    closed_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["reference"]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"

    @property
    def inherent_score(self) -> int:
        return self.inherent_likelihood * self.inherent_impact

    @property
    def residual_score(self) -> int:
        return self.residual_likelihood * self.residual_impact


class PlanKind(models.TextChoices):
    WSOA = "wsoa", "Written Statement of Action"
    PRIORITY_ACTION = "priority_action", "Priority action plan"
    ACCELERATED = "accelerated", "Accelerated Progress Plan"
    STRATEGY = "strategy", "SEND strategy"
    REFORM = "reform", "Local SEND reform plan"


class Plan(NeverDeleted):
    """An improvement plan (a WSOA, an Accelerated Progress Plan...) answering a source."""

    kind = models.CharField(max_length=20, choices=PlanKind.choices)
    title = models.CharField(max_length=200)
    source = models.ForeignKey(
        Source, null=True, blank=True, on_delete=models.PROTECT, related_name="plans"
    )
    approved_on = models.DateField(null=True, blank=True)
    closed_on = models.DateField(null=True, blank=True)
    closed_reason = models.TextField(blank=True, help_text="Why it was closed (kept)")

    class Meta:
        ordering = ["-approved_on", "pk"]

    def __str__(self) -> str:
        return self.title


class Workstream(NeverDeleted):
    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="workstreams")
    number = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=200)
    lead = models.CharField(max_length=200, blank=True)
    closed_on = models.DateField(null=True, blank=True)
    closed_reason = models.TextField(blank=True, help_text="Why it was closed (kept)")

    class Meta:
        ordering = ["plan", "number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="one_workstream_number_a_plan")
        ]

    def __str__(self) -> str:
        return f"Workstream {self.number}: {self.title}"


class ImpactMeasure(NeverDeleted):
    """How a workstream shows impact: bound to a live KPI from insights (by its key in
    insights.kpis.KPIS), or, where no record holds it, a figure entered with its source. Never
    both: the database refuses a row that is both or neither."""

    workstream = models.ForeignKey(Workstream, on_delete=models.PROTECT, related_name="measures")
    name = models.CharField(max_length=200)
    kpi_key = models.CharField(max_length=60, blank=True)
    baseline = models.DecimalField(max_digits=8, decimal_places=1)
    target = models.DecimalField(max_digits=8, decimal_places=1)
    target_on = models.DateField()
    entered_value = models.DecimalField(max_digits=8, decimal_places=1, null=True, blank=True)
    entered_on = models.DateField(null=True, blank=True)
    entered_source = models.CharField(max_length=300, blank=True)
    baseline_on = models.DateField(
        null=True, blank=True, help_text="The date of the baseline: the trajectory starts here"
    )
    voice_of_families = models.BooleanField(
        default=False, help_text="What families told us (a survey, the parent carer forum)"
    )
    source_since = models.DateField(
        null=True,
        blank=True,
        help_text="When it was last switched between a live KPI and an entered figure",
    )
    closed_on = models.DateField(null=True, blank=True)
    closed_reason = models.TextField(blank=True, help_text="Why it was closed (kept)")

    class Meta:
        ordering = ["workstream", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(kpi_key__gt="", entered_source="", entered_value__isnull=True)
                    | models.Q(kpi_key="", entered_source__gt="", entered_value__isnull=False)
                ),
                name="impact_measure_kpi_or_entered_never_both",
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_live(self) -> bool:
        return bool(self.kpi_key)


class BoardMeeting(NeverDeleted):
    """A meeting of the Improvement Board: its agenda, who came, what it decided."""

    title = models.CharField(max_length=200)
    held_on = models.DateField()

    class Meta:
        ordering = ["-held_on", "pk"]

    def __str__(self) -> str:
        return self.title


class AgendaItem(NeverDeleted):
    """One item, linked to the plan, recommendation or risk it discusses (if any)."""

    meeting = models.ForeignKey(BoardMeeting, on_delete=models.PROTECT, related_name="items")
    number = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=200)
    paper = models.TextField(blank=True, help_text="The paper's title, or a link to it")
    plan = models.ForeignKey(
        Plan, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recommendation = models.ForeignKey(
        Recommendation, null=True, blank=True, on_delete=models.PROTECT, related_name="agenda_items"
    )
    risk = models.ForeignKey(
        Risk, null=True, blank=True, on_delete=models.PROTECT, related_name="agenda_items"
    )

    class Meta:
        ordering = ["meeting", "number"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "number"], name="one_item_number_a_meeting")
        ]

    def __str__(self) -> str:
        return f"Item {self.number}: {self.title}"


class Represents(models.TextChoices):
    COUNCIL = "council", "The council"
    HEALTH = "health", "Health"
    SOCIAL_CARE = "social_care", "Social care"
    SCHOOLS = "schools", "Schools and colleges"
    PARENT_CARER_FORUM = "parent_carer_forum", "The parent carer forum"
    YOUNG_PEOPLE = "young_people", "Children and young people"
    DFE = "dfe", "DfE or NHS England"
    INDEPENDENT = "independent", "Independent (chair or commissioner)"


class Attendee(NeverDeleted):
    meeting = models.ForeignKey(BoardMeeting, on_delete=models.PROTECT, related_name="attendees")
    name = models.CharField(max_length=200, help_text="A name or a role")
    represents = models.CharField(max_length=30, choices=Represents.choices)
    present = models.BooleanField(default=True)

    class Meta:
        ordering = ["meeting", "represents", "pk"]

    def __str__(self) -> str:
        return self.name


class OutcomeKind(models.TextChoices):
    DECISION = "decision", "Decision"
    ACTION = "action", "Action"


class MeetingOutcome(NeverDeleted):
    """A decision the Board made, or an action arising, against an item where there is one."""

    meeting = models.ForeignKey(BoardMeeting, on_delete=models.PROTECT, related_name="outcomes")
    item = models.ForeignKey(
        AgendaItem, null=True, blank=True, on_delete=models.PROTECT, related_name="outcomes"
    )
    kind = models.CharField(max_length=10, choices=OutcomeKind.choices)
    text = models.TextField()
    owner = models.CharField(max_length=200, blank=True)
    due_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["meeting", "kind", "pk"]
