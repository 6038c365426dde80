"""Survey answers (one per person per stage per child) and the "You said, we did" entries.
Nothing is deleted."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from opensend.core.models import NeverDeleted

MAX_COMMENTS_LENGTH = 2000


class SurveyStage(models.TextChoices):
    REQUEST_DECISION = "request_decision", "Our decision about an assessment"
    DRAFT_PLAN = "draft_plan", "The draft plan"
    FINAL_PLAN = "final_plan", "The final plan"
    REVIEW_DECISION = "review_decision", "Our decision after the annual review"


class Agreement(models.TextChoices):
    YES = "yes", "Yes"
    PARTLY = "partly", "Partly"
    NO = "no", "No"


class Satisfaction(models.IntegerChoices):
    VERY_SATISFIED = 5, "Very happy"
    SATISFIED = 4, "Happy"
    NEITHER = 3, "Not happy or unhappy"
    DISSATISFIED = 2, "Unhappy"
    VERY_DISSATISFIED = 1, "Very unhappy"


class AnswerRoute(models.TextChoices):
    ONLINE = "online", "Online"
    PHONE = "phone", "By phone"
    PAPER = "paper", "On paper"


class SurveyAnswer(NeverDeleted):
    """One person's answer about one stage of one child's journey: a parent or carer
    (`family_member`) or the young person themselves (`by_young_person`)."""

    child = models.ForeignKey(
        "people.Child", on_delete=models.PROTECT, related_name="survey_answers"
    )
    stage = models.CharField(max_length=20, choices=SurveyStage.choices)
    family_member = models.ForeignKey(
        "people.FamilyMember",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="survey_answers",
    )
    by_young_person = models.BooleanField(default=False)
    clear = models.CharField(max_length=10, choices=Agreement.choices, blank=True)
    listened_to = models.CharField(max_length=10, choices=Agreement.choices, blank=True)
    satisfaction = models.PositiveSmallIntegerField(
        choices=Satisfaction.choices, null=True, blank=True
    )
    comments = models.TextField(max_length=MAX_COMMENTS_LENGTH, blank=True)
    route = models.CharField(max_length=10, choices=AnswerRoute.choices)
    answered_on = models.DateField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    NEVER_DELETED = "Survey answers are never deleted."

    class Meta:
        ordering = ["-answered_on", "-pk"]
        indexes = [models.Index(fields=["stage", "answered_on"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(family_member__isnull=False, by_young_person=False)
                | Q(family_member__isnull=True, by_young_person=True),
                name="survey_answer_one_respondent",
            ),
            models.UniqueConstraint(
                fields=["child", "stage", "family_member"],
                condition=Q(family_member__isnull=False),
                name="one_answer_per_family_member_stage",
            ),
            models.UniqueConstraint(
                fields=["child", "stage"],
                condition=Q(by_young_person=True),
                name="one_answer_per_young_person_stage",
            ),
        ]

    def __str__(self) -> str:
        return f"Feedback on {self.get_stage_display().lower()} for {self.child}"


class YouSaidWeDid(NeverDeleted):
    """What families told us and what we changed, kept by the council."""

    you_said = models.TextField("what families told us", max_length=1000)
    we_did = models.TextField("what we did", max_length=1000)
    done_on = models.DateField("when we did it")
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    NEVER_DELETED = "You said, we did entries are never deleted."

    class Meta:
        ordering = ["-done_on", "-pk"]
        verbose_name = "you said, we did entry"
        verbose_name_plural = "you said, we did entries"

    def __str__(self) -> str:
        return self.you_said[:60]
