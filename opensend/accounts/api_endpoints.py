"""The read-only list and detail endpoints every journey app offers, written once.

Each app's API said the same four things for each record type: check the capability, ask the
visibility-scoped selector, audit what was read (the detail selectors audit the one record; a
list audits every record on its page), answer in the standard envelope with problem details.
A subclass now names only what differs: the capability, the output serializer, the operation
id and the selector call (`rows` or `record`, whose docstring becomes the endpoint's
description in the schema).

It lives in accounts because it needs both the capabilities (accounts) and the audit trail
(audit), which the shared kernel (core) may not import.
"""

from typing import Any, ClassVar

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from opensend.accounts.permissions import Capability, check_capability
from opensend.audit.services import audit_record_list
from opensend.core.api_helpers import ERRORS, list_schema, paginated

Output = type[serializers.BaseSerializer]  # type: ignore[type-arg]


class RecordListApi(APIView):
    # A paginated list of the records the user may see; subclasses define `rows(user)`.
    capability: ClassVar[Capability]
    output: ClassVar[Output]
    operation_id: ClassVar[str]
    child_id_attr: ClassVar[str] = "child_id"

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        rows = cls.__dict__.get("rows")
        if rows is None:
            return

        def get(self: RecordListApi, request: Request) -> Response:
            check_capability(request.user, cls.capability)
            return paginated(
                self,
                request,
                rows(self, request.user),
                cls.output,
                on_page=lambda page: audit_record_list(
                    actor=request.user,
                    objects=page,
                    child_id_attr=cls.child_id_attr,
                    summary=request.path,
                ),
            )

        get.__doc__ = rows.__doc__
        cls.get = list_schema(cls.output, operation_id=cls.operation_id)(get)  # type: ignore[attr-defined]


class RecordDetailApi(APIView):
    # One record the user may see (the selector raises the one 404 and audits the read);
    # subclasses define `record(user, **url_kwargs)`.
    capability: ClassVar[Capability]
    output: ClassVar[Output]
    operation_id: ClassVar[str]

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        record = cls.__dict__.get("record")
        if record is None:
            return

        def get(self: RecordDetailApi, request: Request, **url_kwargs: int) -> Response:
            check_capability(request.user, cls.capability)
            return Response(cls.output(record(self, request.user, **url_kwargs)).data)

        get.__doc__ = record.__doc__
        schema = extend_schema(operation_id=cls.operation_id, responses={200: cls.output, **ERRORS})
        cls.get = schema(get)  # type: ignore[attr-defined]
