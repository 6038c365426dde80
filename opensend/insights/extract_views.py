"""The pseudonymised extract downloads (`extracts` and `extracts_plans` make the rows): of the
period's requests (the default), plans (`?of=plans`) or annual reviews (`?of=reviews`).
Administrators and performance analysts only (`Capability.PSEUDONYMISED_EXTRACTS`); everyone
else gets 403. The extract names no child, but each one is still a child's record: each download
writes one export line per child in it to the audit trail."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from opensend import statutory
from opensend.accounts.permissions import Capability, user_can
from opensend.audit.models import Action
from opensend.audit.services import audit_record_list
from opensend.core.downloads import DOWNLOAD_HEADERS
from opensend.insights import exports, extracts, extracts_plans
from opensend.insights.dashboard import _period_or_error

ABOUT_CODES = (
    "Decisions: Y yes, N no, W withdrawn before the decision, A not decided by the end of the "
    "period (the Department for Education's SEN2 codes)"
)
CEASE_CODES = "Cease reasons: the Department for Education's SEN2 codes 1 to 9"


@dataclass(frozen=True)
class Extract:
    title: str  # "requests for EHC needs assessment"
    records: Callable[[date, date], list[Any]]
    header: list[str]
    rows: Callable[[list[Any], date, date], list[list[str]]]
    codes: str


EXTRACTS: dict[str, Extract] = {
    "requests": Extract(
        "requests for EHC needs assessment",
        extracts.cases_in,
        extracts.HEADER,
        lambda found, start, end: extracts.extract_rows(found, start=start, end=end),
        ABOUT_CODES,
    ),
    "plans": Extract(
        "EHC plans in force in the period",
        extracts_plans.plans_in,
        extracts_plans.PLAN_HEADER,
        lambda found, _start, end: extracts_plans.plan_rows(found, end=end),
        CEASE_CODES,
    ),
    "reviews": Extract(
        "annual reviews held or due in the period",
        extracts_plans.reviews_in,
        extracts_plans.REVIEW_HEADER,
        lambda found, _start, _end: extracts_plans.review_rows(found),
        "Held by the due date: yes or no; blank when not held",
    ),
}
UNKNOWN_EXTRACT = "Choose an extract of requests, plans or reviews"


def _text(message: str) -> HttpResponse:
    return HttpResponse(message, status=400, content_type="text/plain; charset=utf-8")


@login_required
@require_GET
def pseudonymised_extract(request: HttpRequest) -> HttpResponse:
    if not user_can(request.user, Capability.PSEUDONYMISED_EXTRACTS):
        raise PermissionDenied
    kind = request.GET.get("of", "requests")
    extract = EXTRACTS.get(kind)
    if extract is None:
        return _text(UNKNOWN_EXTRACT)
    _form, start, end, error = _period_or_error(request)
    if error:
        return _text(error)
    found = extract.records(start, end)
    audit_record_list(
        actor=request.user,
        objects={record.child_id: record.child for record in found}.values(),
        summary=f"Pseudonymised extract of {kind} {start.isoformat()} to {end.isoformat()}",
        action=Action.EXPORT,
    )
    about = [
        [f"Pseudonymised extract: {extract.title}"],
        ["Period", f"{statutory.long_date(start)} to {statutory.long_date(end)}"],
        ["Pseudonyms", "Stable within this file only; a new download gives new pseudonyms"],
        [
            "Left out",
            "Names, dates of birth, addresses and postcodes, UPN, ULN, NHS numbers, "
            "names of schools and colleges",
        ],
        [extract.codes],
    ]
    response = exports.csv_response(
        f"pseudonymised-{kind}-{start.isoformat()}-to-{end.isoformat()}",
        about,
        extract.header,
        extract.rows(found, start, end),
    )
    for header, value in DOWNLOAD_HEADERS.items():
        response[header] = value
    return response
