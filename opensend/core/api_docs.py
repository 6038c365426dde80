"""/api/docs/: the API reference as a plain GOV.UK page, drawn from the OpenAPI schema.

Server-rendered (no Swagger JavaScript), so it works under the strict CSP and with a screen
reader; every endpoint with its method, parameters, request body and responses, and a link to
the raw schema at /api/schema/.
"""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET
from drf_spectacular.generators import SchemaGenerator

_METHODS = ("get", "post", "put", "patch", "delete")


def _ref_name(schema: dict[str, Any] | None) -> str:
    if not schema:
        return ""
    if "$ref" in schema:
        return str(schema["$ref"]).rsplit("/", 1)[1]
    if schema.get("type") == "array":
        return f"list of {_ref_name(schema.get('items')) or schema['items'].get('type', '')}"
    return str(schema.get("type", ""))


def _body(content: dict[str, Any] | None) -> list[dict[str, str]]:
    return [
        {"media_type": media_type, "schema": _ref_name(spec.get("schema"))}
        for media_type, spec in (content or {}).items()
    ]


def _fields(component: dict[str, Any]) -> list[dict[str, Any]]:
    required = set(component.get("required", []))
    return [
        {
            "name": name,
            "type": _ref_name(spec) or ", ".join(_ref_name(s) for s in spec.get("allOf", [])),
            "required": name in required,
            "nullable": bool(spec.get("nullable")),
            "description": spec.get("description", ""),
        }
        for name, spec in component.get("properties", {}).items()
    ]


def api_reference() -> dict[str, Any]:
    """The schema, reshaped for the page: one row per operation, then each component."""
    schema = SchemaGenerator().get_schema(request=None, public=True)
    operations = []
    for path, item in schema["paths"].items():
        for method in _METHODS:
            op = item.get(method)
            if op is None:
                continue
            operations.append(
                {
                    "id": op["operationId"],
                    "method": method.upper(),
                    "path": path,
                    "summary": op.get("summary") or op.get("description", ""),
                    "parameters": [
                        {
                            "name": p["name"],
                            "where": p["in"],
                            "required": p.get("required", False),
                            "type": _ref_name(p.get("schema")),
                            "description": p.get("description", ""),
                        }
                        for p in op.get("parameters", [])
                    ],
                    "request": _body(op.get("requestBody", {}).get("content")),
                    "responses": [
                        {
                            "status": status,
                            "description": spec.get("description", ""),
                            "bodies": _body(spec.get("content")),
                        }
                        for status, spec in op["responses"].items()
                    ],
                }
            )
    components = [
        {"name": name, "fields": _fields(spec), "enum": spec.get("enum")}
        for name, spec in sorted(schema["components"]["schemas"].items())
    ]
    return {"info": schema["info"], "operations": operations, "components": components}


@require_GET
def api_docs(request: HttpRequest) -> HttpResponse:
    return render(request, "core/api_docs.html", api_reference())
