"""The steps of an amendment, in one table: each step's form, service, words and who may take
it (`allowed`), and when its button shows on the amendment's page (`offer`).

Only the SEND team amends a plan, and only while the amendment is open. The proposals are sent
once; the family's comments, the issue and the decision not to amend follow them (the services
say so, with a 400, if they come first), so those buttons show once the proposals are sent.
"""

from datetime import date

from django.utils import timezone

from opensend.core.steps import calls
from opensend.core.types import Actor
from opensend.reviews.access import manages_reviews
from opensend.reviews.amendments import selectors, services
from opensend.reviews.amendments.clocks import amendment_clocks, late_against
from opensend.reviews.amendments.forms import (
    AmendmentRepresentationForm,
    CloseForm,
    IssueAmendedForm,
    ProposeForm,
)
from opensend.reviews.models import Amendment
from opensend.reviews.workflow import record_workflow, step_factory


def _open(amendment: Amendment, _user: Actor) -> bool:
    return amendment.is_open


def _proposed(amendment: Amendment) -> bool:
    return amendment.proposed_on is not None


def _late_text(amendment: Amendment, on: date) -> str:
    late = late_against(amendment_clocks(amendment), on)
    return "; ".join(c.title for c in late)


def _issue_intro(amendment: Amendment) -> str:
    late = _late_text(amendment, timezone.localdate()) if amendment.is_open else ""
    return f"Issuing today is late against: {late}." if late else ""


def _issued(amendment: Amendment) -> str:
    text = f"Amended plan issued as version {amendment.issued_version}."
    missed = _late_text(amendment, amendment.issued_on or timezone.localdate())
    return text + (f" It was late against: {missed}." if missed else "")


step = step_factory("amendment_")

AMENDMENT_STEPS = record_workflow(
    "amendment",
    selectors.amendment_get_for_user,
    caption=lambda amendment: f"Amending the plan for {amendment.child.full_name}",
    who=manages_reviews,
    steps=(
        step(
            "propose",
            "Send the proposals",
            heading="Send the proposed changes",
            form=lambda data, a: ProposeForm(data),
            service=calls(services.amendment_propose, "amendment"),
            success="Proposals sent. The family has 15 days to comment.",
            allowed=lambda a, _user: a.is_open and a.proposed_on is None,
        ),
        step(
            "representations",
            "Record the family's comments",
            heading="The family's comments on the proposed changes",
            form=lambda data, a: AmendmentRepresentationForm(data),
            service=calls(services.amendment_representation_record, "amendment"),
            success="Comments recorded",
            allowed=_open,
            offer=_proposed,
            secondary=True,
        ),
        step(
            "issue",
            "Issue the amended plan",
            heading="Issue the amended plan",
            form=lambda data, a: IssueAmendedForm(
                data, initial={"named_setting": a.plan.named_setting_id}
            ),
            service=calls(services.amendment_issue, "amendment"),
            success=_issued,
            allowed=_open,
            intro_for=_issue_intro,
            offer=_proposed,
        ),
        step(
            "not_amended",
            "Decide not to amend",
            heading="Decide not to amend the plan",
            form=lambda data, a: CloseForm(data),
            service=calls(
                services.amendment_not_amended,
                "amendment",
                closed_on="decided_on",
                reason="reasons",
            ),
            success="Recorded. The family has been told.",
            allowed=_open,
            offer=_proposed,
            secondary=True,
        ),
        step(
            "withdraw",
            "Withdraw",
            heading="Withdraw the amendment",
            form=lambda data, a: CloseForm(data),
            service=calls(services.amendment_withdraw, "amendment", closed_on="withdrawn_on"),
            success="Amendment withdrawn",
            allowed=_open,
        ),
    ),
)
