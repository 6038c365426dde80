"""The reviews API (/api/v1/reviews/): annual reviews, with their clocks (amendments are
`reviews.amendments.api`).

Read-only, with the same visibility as the pages: staff holding `view_reviews` see the reviews
and amendments of children they may see. Errors are problem details (the project's handler).
"""

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import serializers

from opensend.accounts.api_endpoints import RecordDetailApi, RecordListApi
from opensend.accounts.permissions import Capability
from opensend.core.api_helpers import ClockOutput, clock_rows
from opensend.reviews import selectors
from opensend.reviews.annual_clocks import review_clocks
from opensend.reviews.models import AnnualReview, ReviewContribution, ReviewInvitation


class ReviewOutput(serializers.ModelSerializer):  # type: ignore[type-arg]
    class Meta:
        model = AnnualReview
        fields = [
            "id",
            "plan",
            "child",
            "kind",
            "led_by",
            "setting",
            "caseworker",
            "stage",
            "due_by",
            "meeting_on",
            "invitations_sent_on",
            "held_on",
            "report_sent_on",
            "recommendation",
            "decision",
            "decided_on",
            "next_due_on",
        ]


class InvitationOutput(serializers.ModelSerializer):  # type: ignore[type-arg]
    class Meta:
        model = ReviewInvitation
        fields = ["name", "role", "sent_on", "attended"]


class ContributionOutput(serializers.ModelSerializer):  # type: ignore[type-arg]
    has_document = serializers.SerializerMethodField()

    class Meta:
        model = ReviewContribution
        fields = ["kind", "given_by", "received_on", "text", "has_document"]

    def get_has_document(self, contribution: ReviewContribution) -> bool:
        return bool(contribution.document)


class ReviewDetailOutput(ReviewOutput):
    invitations = InvitationOutput(many=True, read_only=True)
    contributions = ContributionOutput(many=True, read_only=True)
    clocks = serializers.SerializerMethodField()

    class Meta(ReviewOutput.Meta):
        fields = [
            *ReviewOutput.Meta.fields,
            "child_views",
            "family_views",
            "progress",
            "adulthood_employment",
            "adulthood_independent_living",
            "adulthood_community",
            "adulthood_health",
            "recommended_changes",
            "decision_reasons",
            "invitations",
            "contributions",
            "clocks",
        ]

    @extend_schema(responses=ClockOutput(many=True))  # type: ignore[misc]
    def get_clocks(self, review: AnnualReview) -> Any:
        return ClockOutput(clock_rows(review_clocks(review)), many=True).data


class ReviewListApi(RecordListApi):
    capability = Capability.VIEW_REVIEWS
    output = ReviewOutput
    operation_id = "reviews_list"

    def rows(self, user: Any) -> Any:
        """Annual reviews of the children you may see, soonest next date first."""
        return selectors.review_list_for_user(user=user).order_by("next_due_on", "pk")


class ReviewDetailApi(RecordDetailApi):
    capability = Capability.VIEW_REVIEWS
    output = ReviewDetailOutput
    operation_id = "reviews_retrieve"

    def record(self, user: Any, *, review_id: int) -> Any:
        """One review with its invitations, views and advice, and every clock."""
        return selectors.review_get_for_user(user=user, review_id=review_id)
