"""The satisfaction measures, counted from the survey answers: for each stage (and all stages
together) in a period, how many answered, and the share who were satisfied or very satisfied,
felt listened to, and found it clear. Counts only: no names, no words, no child's details, so
any page or report may show them (insights may call `satisfaction_figures` for its KPIs).

A share is worked out from the people who answered that question ("Partly" is not "Yes"). When
fewer than SMALL_NUMBER people answered, the figure carries a note: a few answers can swing a
percentage a long way, and a very small count may let someone guess who answered."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q, QuerySet

from opensend.feedback.models import Agreement, Satisfaction, SurveyAnswer, SurveyStage

SMALL_NUMBER = 10
SMALL_NUMBER_NOTE = (
    f"Fewer than {SMALL_NUMBER} answers: treat this figure with care, and do not publish it "
    "where someone could work out who answered."
)


@dataclass(frozen=True)
class Share:
    yes: int
    asked: int  # how many answered this question

    @property
    def percent(self) -> int | None:
        return round(100 * self.yes / self.asked) if self.asked else None


@dataclass(frozen=True)
class StageFigures:
    stage: str  # a SurveyStage value, or "" for every stage together
    label: str
    answers: int
    satisfied: Share  # satisfied or very satisfied
    listened_to: Share
    clear: Share
    by_phone_or_paper: int

    @property
    def small_number(self) -> bool:
        return self.answers < SMALL_NUMBER


def answers_in_period(starts_on: date, ends_on: date) -> QuerySet[SurveyAnswer]:
    """The answers given from `starts_on` to `ends_on`, both days included."""
    return SurveyAnswer.objects.filter(answered_on__gte=starts_on, answered_on__lte=ends_on)


def _count(answers: QuerySet[SurveyAnswer]) -> dict[str, int]:
    happy = (Satisfaction.SATISFIED, Satisfaction.VERY_SATISFIED)
    return answers.aggregate(
        n_answers=Count("pk"),
        n_satisfied=Count("pk", filter=Q(satisfaction__in=happy)),
        n_rated=Count("pk", filter=Q(satisfaction__isnull=False)),
        n_listened=Count("pk", filter=Q(listened_to=Agreement.YES)),
        n_listened_asked=Count("pk", filter=~Q(listened_to="")),
        n_clear=Count("pk", filter=Q(clear=Agreement.YES)),
        n_clear_asked=Count("pk", filter=~Q(clear="")),
        n_offline=Count("pk", filter=~Q(route="online")),
    )


def _figures(stage: str, label: str, answers: QuerySet[SurveyAnswer]) -> StageFigures:
    c = _count(answers)
    return StageFigures(
        stage=stage,
        label=label,
        answers=c["n_answers"],
        satisfied=Share(c["n_satisfied"], c["n_rated"]),
        listened_to=Share(c["n_listened"], c["n_listened_asked"]),
        clear=Share(c["n_clear"], c["n_clear_asked"]),
        by_phone_or_paper=c["n_offline"],
    )


def satisfaction_figures(*, starts_on: date, ends_on: date) -> list[StageFigures]:
    """One row per stage, then every stage together, for answers given in the period."""
    answers = answers_in_period(starts_on, ends_on)
    rows = [
        _figures(stage.value, stage.label, answers.filter(stage=stage.value))
        for stage in SurveyStage
    ]
    return [*rows, _figures("", "Every stage", answers)]
