"""Ready to issue? Every reason the final plan cannot be issued yet, in one list.

The final-issue page shows the list before the caseworker presses the button, and the service
refuses with the same list, so nothing is found out one error at a time. Each blocker says what
to do and links to where it is done. The rules:

- **The family's 15 days.** The council must give the family at least 15 days from the day the
  draft is served to comment and to ask for a setting (SEND Regulations 2014, reg 13(1)(a)). A
  final plan inside those days needs the family's written confirmation that they have nothing more
  to say, recorded with their comments.
- **Every comment answered.** Each comment (or setting asked for) has the council's answer:
  accepted, partly, or not, with reasons (reg 13(1); Code of Practice 9.77–9.78). The family sees
  the answers on their plan page.
- **A setting is named only after consultation.** Before naming the school or college the family
  asked for, the council must consult it (Children and Families Act 2014, s39(2)), and must name
  it unless s39(4) applies; before naming any other, it must consult too (s40). The consultation
  must be on file with its reply, or with its 15 days to reply run out (Code of Practice 9.79).
- **The plan's own checks**: every need answered by an outcome, every outcome by provision, and
  provision that says who, how often and how long, or a recorded reason why it cannot
  (Code of Practice 9.69: provision must be specific and quantified).
"""

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.urls import reverse

from opensend import statutory
from opensend.people.models import Setting
from opensend.plans.checks import blocking
from opensend.plans.clocks import consultation_response_due, representations_due
from opensend.plans.models import EHCPlan
from opensend.plans.selectors import plan_warnings_for

WINDOW_OPEN = (
    "The family has until {due} to comment on the draft. Issue the final plan after that "
    "date, or record their written confirmation that they have nothing more to say"
)
UNANSWERED = "Answer the comments from {who} ({on}): accepted, partly or not, with reasons"
NOT_CONSULTED = (
    "Consult {setting} before naming it in the plan (Children and Families Act 2014, s39 and s40)"
)
AWAITING_REPLY = (
    "{setting} has until {due} to reply to the consultation: wait for its reply or for that "
    "date to pass"
)


@dataclass(frozen=True)
class Blocker:
    """One reason the final plan cannot be issued yet, with where to put it right."""

    code: str
    message: str
    field: str = ""  # the issue form's field it belongs to, if any
    fix_url: str = ""
    fix_text: str = ""


def final_issue_blockers(
    plan: EHCPlan, *, issued_on: date, named_setting: Setting | None
) -> list[Blocker]:
    """Everything that stops `plan` being issued as final on `issued_on` naming `named_setting`."""
    blockers: list[Blocker] = []
    if plan.draft_issued_on is None:
        blockers.append(
            Blocker(
                "draft_not_issued",
                "Send the draft plan to the family first: they have 15 days to comment on it",
                fix_url=reverse("plans:draft_issue", args=[plan.pk]),
                fix_text="Issue the draft plan",
            )
        )
    comments_url = reverse("plans:representations", args=[plan.pk])
    window_end = representations_due(plan)
    representations = list(plan.representations.all())
    confirmed = any(r.nothing_more_to_say for r in representations)
    if window_end is not None and issued_on <= window_end and not confirmed:
        blockers.append(
            Blocker(
                "window_open",
                WINDOW_OPEN.format(due=statutory.long_date(window_end)),
                field="issued_on",
                fix_url=comments_url,
                fix_text="Record the family's comments",
            )
        )
    blockers += [
        Blocker(
            "comment_unanswered",
            UNANSWERED.format(who=r.made_by, on=statutory.long_date(r.made_on)),
            fix_url=reverse("plans:representation_answer", args=[plan.pk, r.pk]),
            fix_text=f"Answer the comments from {r.made_by}",
        )
        for r in representations
        if r.needs_answer
    ]
    if named_setting is not None:
        blockers += consultation_blockers(plan, named_setting, issued_on=issued_on)
    blockers += [
        Blocker(
            w.code,
            w.message,
            fix_url=reverse("plans:plan_detail", args=[plan.pk]) + f"#section-{w.section.lower()}",
            fix_text=f"Go to section {w.section}",
        )
        for w in blocking(plan_warnings_for(plan, on=issued_on), final=True)
    ]
    return blockers


def consultation_blockers(
    plan: EHCPlan, setting: Setting, *, issued_on: date, since: date | None = None
) -> list[Blocker]:
    """Why `setting` cannot be named yet: not consulted (since `since`, when given), or its
    15 days to reply not run out and no reply (CFA 2014 s39(2)-(4), s40). Also used when an
    amendment names a new setting (SEND Regulations 2014, reg 22(1))."""
    consultations = [
        c
        for c in plan.consultations.all()
        if c.setting_id == setting.pk and (since is None or c.sent_on >= since)
    ]
    url = reverse("plans:consultations", args=[plan.pk])
    if any(c.responded_on is not None for c in consultations):
        return []
    if not consultations:
        message = NOT_CONSULTED.format(setting=setting)
        return [Blocker("not_consulted", message, "named_setting", url, f"Consult {setting}")]
    due = max(consultation_response_due(c) for c in consultations)
    if due < issued_on:
        return []
    message = AWAITING_REPLY.format(setting=setting, due=statutory.long_date(due))
    return [Blocker("awaiting_reply", message, "named_setting", url, "Record its reply")]


def blockers_as_errors(blockers: list[Blocker]) -> dict[str, Any]:
    """The blockers as a ValidationError's dict: on the form field each belongs to, or on top."""
    errors: dict[str, list[str]] = {}
    for blocker in blockers:
        errors.setdefault(blocker.field or "__all__", []).append(blocker.message)
    return errors
