"""The family satisfaction KPIs (issue 15, item 1; DESIGN §2 "family satisfaction"), from the
answers families give after each stage of the journey (`opensend.feedback`): the share
satisfied or very satisfied, the share who felt listened to, and the share who found it clear.

They count answers with `feedback.figures.answers_in_period` and the same conditions as the
feedback app's page "What families tell us after each stage" (`satisfaction_figures`), so the
two agree. Each answer belongs to a child, so the figures are cut by the child's locality,
need, age, setting and team (and by stage), scoped to a manager's team or a caseworker's own
cases, and the board's small-number rule applies. But answers are personal (`Kpi.personal`):
nobody is shown the names or words behind a figure here; the child's caseworker and SENAR
team read those on the child's record (`feedback.access`).
"""

from datetime import date

from django.db.models import Q

from opensend.feedback.figures import answers_in_period
from opensend.feedback.models import Agreement, Satisfaction
from opensend.insights.kpi_base import Counted, Measure, kpi

SATISFACTION = "What families tell us"

_meta = {
    "measure": Measure.RATE,
    "child": "child",
    "owner": "child__caseworker",
    "start_label": "Answered",
    "end_label": "",
    "extra_cuts": ("journey_stage",),
    "group": SATISFACTION,
    "personal": True,
}


@kpi(
    slug="families-satisfied",
    title="Families satisfied with how it went",
    short="of families' answers satisfied or very satisfied with how it went",
    hit_label="Satisfied or very satisfied",
    **_meta,
)
def families_satisfied(start: date, end: date) -> Counted:
    """Counted: every answer to "How happy are you with how it went?" given in the period,
    after any stage of the journey (our decision about an assessment, the draft plan, the final
    plan, our decision after an annual review), by a parent or carer or the young person,
    online, by phone or on paper. A hit: "Happy" (satisfied) or "Very happy" (very satisfied).
    Answers that skipped the question are not counted. Each person answers once per stage per
    child, so one family may give several answers in a year.

    No names or words: the answers are personal, so there is no list of the cases behind this
    figure; the child's caseworker reads them on the child's record. The same count as the
    feedback page "What families tell us after each stage".

    DfE publishes no national figure; the law asks the council to have regard to families
    "participating as fully as possible in decisions" (Children and Families Act 2014, s19(c)).
    """
    rows = answers_in_period(start, end).filter(satisfaction__isnull=False)
    happy = (Satisfaction.SATISFIED, Satisfaction.VERY_SATISFIED)
    return Counted(
        rows=rows,
        hit=Q(satisfaction__in=happy),
        start_field="answered_on",
        period="answered_on",
    )


@kpi(
    slug="families-listened-to",
    title="Families who felt listened to",
    short="of families' answers that said we listened to them",
    hit_label="Felt listened to",
    **_meta,
)
def families_listened_to(start: date, end: date) -> Counted:
    """Counted: every answer to "Did we listen to you?" given in the period, after any stage
    of the journey, by a parent or carer or the young person, online, by phone or on paper. A
    hit: "Yes". "Partly" is not "Yes". Answers that skipped the question are not counted.

    No names or words: the answers are personal, so there is no list of the cases behind this
    figure. The same count as the feedback page "What families tell us after each stage".
    DfE publishes no national figure.
    """
    rows = answers_in_period(start, end).exclude(listened_to="")
    return Counted(
        rows=rows,
        hit=Q(listened_to=Agreement.YES),
        start_field="answered_on",
        period="answered_on",
    )


@kpi(
    slug="families-found-it-clear",
    title="Families who found it clear",
    short="of families' answers that said it was easy to understand",
    hit_label="Found it clear",
    **_meta,
)
def families_found_it_clear(start: date, end: date) -> Counted:
    """Counted: every answer to "Was it easy to understand?" given in the period, after any
    stage of the journey, by a parent or carer or the young person, online, by phone or on
    paper. A hit: "Yes". "Partly" is not "Yes". Answers that skipped the question are not
    counted.

    No names or words: the answers are personal, so there is no list of the cases behind this
    figure. The same count as the feedback page "What families tell us after each stage".
    DfE publishes no national figure; the law asks the council to have regard to families
    "being provided with the information and support necessary to enable participation in
    those decisions" (Children and Families Act 2014, s19(c)).
    """
    rows = answers_in_period(start, end).exclude(clear="")
    return Counted(
        rows=rows,
        hit=Q(clear=Agreement.YES),
        start_field="answered_on",
        period="answered_on",
    )
