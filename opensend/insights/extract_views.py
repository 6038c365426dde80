"""The pseudonymised extract download (`extracts` makes the rows). Administrators and performance
analysts only (`Capability.PSEUDONYMISED_EXTRACTS`); everyone else gets 403. The extract names
no child, but each one is still a child's record: each download writes one export line per child
in it to the audit trail."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from opensend import statutory
from opensend.accounts.permissions import Capability, user_can
from opensend.audit.models import Action
from opensend.audit.services import audit_record_list
from opensend.core.downloads import DOWNLOAD_HEADERS
from opensend.insights import exports, extracts
from opensend.insights.dashboard import _period_or_error

ABOUT_CODES = (
    "Decisions: Y yes, N no, W withdrawn before the decision, A not decided by the end of the "
    "period (the Department for Education's SEN2 codes)"
)


@login_required
@require_GET
def pseudonymised_extract(request: HttpRequest) -> HttpResponse:
    if not user_can(request.user, Capability.PSEUDONYMISED_EXTRACTS):
        raise PermissionDenied
    _form, start, end, error = _period_or_error(request)
    if error:
        return HttpResponse(error, status=400, content_type="text/plain; charset=utf-8")
    cases = extracts.cases_in(start, end)
    audit_record_list(
        actor=request.user,
        objects={case.child_id: case.child for case in cases}.values(),
        summary=f"Pseudonymised extract of requests {start.isoformat()} to {end.isoformat()}",
        action=Action.EXPORT,
    )
    about = [
        ["Pseudonymised extract: requests for EHC needs assessment"],
        ["Period", f"{statutory.long_date(start)} to {statutory.long_date(end)}"],
        ["Pseudonyms", "Stable within this file only; a new download gives new pseudonyms"],
        ["Left out", "Names, dates of birth, addresses and postcodes, UPN, ULN, NHS numbers"],
        [ABOUT_CODES],
    ]
    response = exports.csv_response(
        f"pseudonymised-requests-{start.isoformat()}-to-{end.isoformat()}",
        about,
        extracts.HEADER,
        extracts.extract_rows(cases, start=start, end=end),
    )
    for header, value in DOWNLOAD_HEADERS.items():
        response[header] = value
    return response
