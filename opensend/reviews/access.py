"""Who may do what in reviews, defined once: the step tables (`steps.py` in each workflow), the
pages and the services all ask these."""

from django.urls import reverse

from opensend.accounts.permissions import Capability, access_for, user_can
from opensend.core.types import Actor
from opensend.reviews.codes import ReviewLead
from opensend.reviews.models import AnnualReview


def manages_reviews(user: Actor) -> bool:
    """The SEND team: works from the review queue, decides, amends, transfers and ceases."""
    return user_can(user, Capability.MANAGE_REVIEWS)


def leads_reviews(user: Actor) -> bool:
    """Who may lead some review: the SEND team, and SENCOs for their setting's reviews."""
    return user_can(user, Capability.LEAD_REVIEWS)


def may_lead(review: AnnualReview, user: Actor) -> bool:
    """May this user do the review's steps (meeting, invitations, views, report)? Caseworkers
    lead any review; a SENCO only a setting-led review at their own setting."""
    if manages_reviews(user):
        return True
    return (
        leads_reviews(user)
        and review.led_by == ReviewLead.SETTING
        and review.setting_id in access_for(user).setting_ids
    )


def reviews_home(user: Actor) -> str:
    """Where a review's page goes back to: the queue for the SEND team, else the workspace."""
    return reverse("reviews:queue" if manages_reviews(user) else "reviews:setting_workspace")


# ---------------------------------------------------------------------------- the plan page


def may_manage_plan(user: Actor) -> bool:
    """May this user work on the plan itself (issue it, change its content while allowed)?"""
    return user_can(user, Capability.MANAGE_CASES)
