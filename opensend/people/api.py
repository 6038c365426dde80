"""The people API (/api/v1/): children, their family members, and settings.

Views only parse input, call selectors and services, and shape output. The same permission
rules as the web pages apply; reads of a child's record are audited.
"""

from typing import Any

from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from opensend import statutory
from opensend.accounts.permissions import Capability, user_can
from opensend.audit.services import audit_record_list
from opensend.core.api_helpers import ERRORS, INPUT_ERRORS, list_schema, paginated
from opensend.people import selectors, services
from opensend.people.codes import Relationship
from opensend.people.models import (
    CHILD_FIELDS,
    FAMILY_MEMBER_FIELDS,
    Child,
    FamilyMember,
    FamilyRelationship,
    Setting,
)


class ChildOutput(serializers.ModelSerializer):
    nc_year = serializers.SerializerMethodField(help_text="National Curriculum year today")
    is_closed = serializers.BooleanField(read_only=True)

    class Meta:
        model = Child
        # What a person may set, less the home address (never sent out through the API),
        # with the id, the year group today and whether the record is closed.
        fields = [
            "id",
            *(name for name in CHILD_FIELDS if name != "address"),
            "nc_year",
            "is_closed",
        ]

    def get_nc_year(self, child: Child) -> int:
        return statutory.national_curriculum_year(child.date_of_birth, timezone.localdate())


class ChildInput(serializers.ModelSerializer):
    class Meta:
        model = Child
        fields = CHILD_FIELDS
        # Model validators run in the service, once, with the same messages as the web form.
        extra_kwargs: dict[str, dict[str, Any]] = {
            name: {"validators": []} for name in ("upn", "uln", "nhs_number")
        }


class ChildSearch(serializers.Serializer):
    name = serializers.CharField(required=False, default="", allow_blank=True, max_length=100)
    date_of_birth = serializers.DateField(required=False, default=None)
    upn = serializers.CharField(required=False, default="", allow_blank=True, max_length=13)
    include_closed = serializers.BooleanField(required=False, default=False)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        # A blank date is not a date (the schema says so); leave the parameter out instead.
        if self.initial_data.get("date_of_birth") == "":
            raise serializers.ValidationError({"date_of_birth": ["Enter a date, or leave it out."]})
        return attrs


class FamilyMemberOutput(serializers.ModelSerializer):
    relationship = serializers.CharField()
    has_parental_responsibility = serializers.BooleanField()
    is_main_contact = serializers.BooleanField()

    class Meta:
        model = FamilyMember
        fields = [
            "id",
            "given_name",
            "family_name",
            "email",
            "phone",
            "preferred_channel",
            "language",
            "needs_interpreter",
            "accessible_format",
            "relationship",
            "has_parental_responsibility",
            "is_main_contact",
        ]


class FamilyMemberInput(serializers.ModelSerializer):
    relationship = serializers.ChoiceField(choices=Relationship.choices)
    has_parental_responsibility = serializers.BooleanField(default=True)
    lives_with_child = serializers.BooleanField(default=True)
    is_main_contact = serializers.BooleanField(default=False)

    class Meta:
        model = FamilyMember
        fields = [
            *FAMILY_MEMBER_FIELDS,
            "relationship",
            "has_parental_responsibility",
            "lives_with_child",
            "is_main_contact",
        ]


class SettingOutput(serializers.ModelSerializer):
    need_types = serializers.SlugRelatedField(  # type: ignore[var-annotated]
        many=True, read_only=True, slug_field="code"
    )
    is_closed = serializers.BooleanField(read_only=True)

    class Meta:
        model = Setting
        fields = [
            "id",
            "name",
            "kind",
            "phase",
            "establishment_type",
            "urn",
            "ukprn",
            "host_setting",
            "need_types",
            "places",
            "locality",
            "local_authority",
            "ofsted_grade",
            "postcode",
            "is_closed",
        ]


class SettingSearch(serializers.Serializer):
    name = serializers.CharField(required=False, default="", allow_blank=True, max_length=100)
    kind = serializers.CharField(required=False, default="", allow_blank=True, max_length=30)
    phase = serializers.CharField(required=False, default="", allow_blank=True, max_length=20)
    need = serializers.CharField(required=False, default="", allow_blank=True, max_length=4)


def _family_rows(child: Child) -> list[Any]:
    rows = []
    for link in FamilyRelationship.objects.filter(child=child).select_related("family_member"):
        member = link.family_member
        member.relationship = link.relationship  # type: ignore[attr-defined]
        member.has_parental_responsibility = link.has_parental_responsibility  # type: ignore[attr-defined]
        member.is_main_contact = link.is_main_contact  # type: ignore[attr-defined]
        rows.append(FamilyMemberOutput(member).data)
    return rows


class ChildListApi(APIView):
    @list_schema(
        ChildOutput,
        operation_id="children_list",
        parameters=[ChildSearch],
        summary="Children and young people you may see, with search",
    )
    def get(self, request: Request) -> Response:
        if not user_can(request.user, Capability.VIEW_CHILDREN):
            raise PermissionDenied
        search = ChildSearch(data=request.query_params)
        search.is_valid(raise_exception=True)
        children = selectors.child_list_for_user(user=request.user, **search.validated_data)
        return paginated(
            self,
            request,
            children,
            ChildOutput,
            on_page=lambda page: audit_record_list(
                actor=request.user, objects=page, summary="API list"
            ),
        )

    @extend_schema(
        operation_id="children_create",
        request=ChildInput,
        responses={201: ChildOutput, **INPUT_ERRORS},
        summary="Create a child or young person's record",
    )
    def post(self, request: Request) -> Response:
        if not user_can(request.user, Capability.CREATE_CHILDREN):
            raise PermissionDenied
        data = ChildInput(data=request.data)
        data.is_valid(raise_exception=True)
        child = services.child_create(actor=request.user, **data.validated_data)
        return Response(ChildOutput(child).data, status=status.HTTP_201_CREATED)


class ChildDetailApi(APIView):
    @extend_schema(operation_id="children_retrieve", responses={200: ChildOutput, **ERRORS})
    def get(self, request: Request, child_id: int) -> Response:
        if not user_can(request.user, Capability.VIEW_CHILDREN):
            raise PermissionDenied
        child = selectors.child_get_for_user(user=request.user, child_id=child_id)
        return Response(ChildOutput(child).data)

    @extend_schema(
        operation_id="children_partial_update",
        request=ChildInput,
        responses={200: ChildOutput, **INPUT_ERRORS},
    )
    def patch(self, request: Request, child_id: int) -> Response:
        if not user_can(request.user, Capability.EDIT_CHILDREN):
            raise PermissionDenied
        child = selectors.child_get_for_user(user=request.user, child_id=child_id)
        data = ChildInput(child, data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        child = services.child_update(actor=request.user, child=child, **data.validated_data)
        return Response(ChildOutput(child).data)


class ChildFamilyApi(APIView):
    @extend_schema(
        operation_id="children_family_members_list",
        responses={200: FamilyMemberOutput(many=True), **ERRORS},
    )
    def get(self, request: Request, child_id: int) -> Response:
        if not user_can(request.user, Capability.VIEW_CHILDREN):
            raise PermissionDenied
        child = selectors.child_get_for_user(user=request.user, child_id=child_id)
        return Response(_family_rows(child))

    @extend_schema(
        operation_id="children_family_members_create",
        request=FamilyMemberInput,
        responses={201: FamilyMemberOutput(many=True), **INPUT_ERRORS},
    )
    def post(self, request: Request, child_id: int) -> Response:
        if not user_can(request.user, Capability.EDIT_CHILDREN):
            raise PermissionDenied
        child = selectors.child_get_for_user(user=request.user, child_id=child_id)
        data = FamilyMemberInput(data=request.data)
        data.is_valid(raise_exception=True)
        services.family_member_add(actor=request.user, child=child, **data.validated_data)
        return Response(_family_rows(child), status=status.HTTP_201_CREATED)


class SettingListApi(APIView):
    @list_schema(SettingOutput, operation_id="settings_list", parameters=[SettingSearch])
    def get(self, request: Request) -> Response:
        if not user_can(request.user, Capability.VIEW_SETTINGS):
            raise PermissionDenied
        search = SettingSearch(data=request.query_params)
        search.is_valid(raise_exception=True)
        qs = selectors.setting_list_for_user(user=request.user, **search.validated_data)
        return paginated(self, request, qs.prefetch_related("need_types"), SettingOutput)


class SettingDetailApi(APIView):
    @extend_schema(
        operation_id="settings_retrieve",
        parameters=[OpenApiParameter("setting_id", int, OpenApiParameter.PATH)],
        responses={200: SettingOutput, **ERRORS},
    )
    def get(self, request: Request, setting_id: int) -> Response:
        if not user_can(request.user, Capability.VIEW_SETTINGS):
            raise PermissionDenied
        setting = selectors.setting_get_for_user(user=request.user, setting_id=setting_id)
        return Response(SettingOutput(setting).data)
