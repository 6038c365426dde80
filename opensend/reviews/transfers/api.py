"""The phase transfers API (/api/v1/phase-transfers/): read-only, same visibility as the pages.

Each transfer carries its reg 18 deadline (from `opensend.statutory`) and its planner status.
Errors are problem details (the project's handler).
"""

from datetime import date
from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from opensend.accounts.api_endpoints import RecordDetailApi, RecordListApi
from opensend.accounts.permissions import Capability
from opensend.plans.models import Consultation
from opensend.reviews.models import PhaseTransfer
from opensend.reviews.transfers import planner, selectors


class TransferConsultationOutput(serializers.ModelSerializer):  # type: ignore[type-arg]
    class Meta:
        model = Consultation
        fields = ["id", "setting", "sent_on", "responded_on", "can_meet_needs", "response_notes"]


class PhaseTransferOutput(serializers.ModelSerializer):  # type: ignore[type-arg]
    amend_by = serializers.SerializerMethodField(
        help_text="The last day to issue the amended plan naming the new setting (reg 18)."
    )
    progress = serializers.SerializerMethodField(help_text="Where the transfer stands.")
    amendment_issued_on = serializers.DateField(
        source="amendment.issued_on", allow_null=True, read_only=True, default=None
    )

    class Meta:
        model = PhaseTransfer
        fields = [
            "id",
            "plan",
            "child",
            "kind",
            "transfer_on",
            "amend_by",
            "progress",
            "current_setting",
            "preferences_recorded_on",
            "first_preference",
            "second_preference",
            "third_preference",
            "named_setting",
            "amendment",
            "amendment_issued_on",
            "not_transferring_reason",
            "caseworker",
        ]

    def get_amend_by(self, transfer: PhaseTransfer) -> date:
        return selectors.transfer_deadline(transfer)

    @extend_schema_field(
        serializers.ChoiceField(choices=planner.PlannerStatus.CHOICES)  # type: ignore[arg-type]
    )
    def get_progress(self, transfer: PhaseTransfer) -> str:
        return selectors.transfer_status(transfer)


class PhaseTransferDetailOutput(PhaseTransferOutput):
    consultations = serializers.SerializerMethodField()

    class Meta(PhaseTransferOutput.Meta):
        fields = [*PhaseTransferOutput.Meta.fields, "consultations"]

    @extend_schema_field(TransferConsultationOutput(many=True))
    def get_consultations(self, transfer: PhaseTransfer) -> Any:
        return TransferConsultationOutput(
            selectors.transfer_consultations(transfer), many=True
        ).data


class PhaseTransferListApi(RecordListApi):
    capability = Capability.VIEW_REVIEWS
    output = PhaseTransferOutput
    operation_id = "phase_transfers_list"

    def rows(self, user: Any) -> Any:
        """Phase transfers of the children you may see, soonest move first."""
        rows = selectors.transfer_list_for_user(user=user).select_related("amendment")
        return rows.order_by("transfer_on", "pk")


class PhaseTransferDetailApi(RecordDetailApi):
    capability = Capability.VIEW_REVIEWS
    output = PhaseTransferDetailOutput
    operation_id = "phase_transfers_retrieve"

    def record(self, user: Any, *, transfer_id: int) -> Any:
        """One transfer with the consultations sent since it was opened, and their replies."""
        return selectors.transfer_get_for_user(user=user, transfer_id=transfer_id)
