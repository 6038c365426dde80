"""The SEN2 return page and its downloads (XML for DfE, CSV for checking in Excel). Thin: the
`sen2` package builds, checks and writes the return.

Person-level: administrators, SENAR team managers and performance analysts only
(`Capability.PREPARE_SEN2`); everyone else, board members included, gets 403. The page lists
the children whose records need fixing (each one written to the audit trail as listed), and
each download writes one export line per child in the return.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from opensend import statutory
from opensend.accounts.permissions import Capability, user_can
from opensend.audit.models import Action
from opensend.audit.services import audit_record_list
from opensend.core.downloads import bytes_response
from opensend.core.types import Actor
from opensend.insights.models import Sen2Collection
from opensend.insights.sen2 import build, checks, tables, xml
from opensend.people.models import Child

View = Callable[..., HttpResponse]


def can_prepare_sen2(user: Actor) -> bool:
    return user_can(user, Capability.PREPARE_SEN2)


def _may_prepare(view: View) -> View:
    @login_required
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not can_prepare_sen2(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return require_GET(wrapped)


class UnknownYearError(Exception):
    pass


def collection_for(year: str | None) -> Sen2Collection:
    """The year asked for, or (none asked) the next census on or after today, else the latest."""
    years = Sen2Collection.objects.all()
    if not year:
        upcoming = years.filter(census_date__gte=timezone.localdate()).order_by("census_date")
        found = upcoming.first() or years.first()
        if found is None:
            raise UnknownYearError("No SEN2 collection year is set up yet")
        return found
    if not year.isdigit() or len(year) != 4:
        raise UnknownYearError("Choose a collection year, like 2027")
    try:
        return years.get(year=int(year))
    except Sen2Collection.DoesNotExist:
        known = ", ".join(str(y) for y in years.values_list("year", flat=True))
        raise UnknownYearError(
            f"There is no SEN2 collection for {year}. Choose one of: {known}"
        ) from None


def _bad_year(request: HttpRequest, message: str) -> HttpResponse:
    context = {"message": message, "years": Sen2Collection.objects.all()}
    return render(request, "insights/sen2_bad_year.html", context, status=400)


def _linked(problems: list[checks.Problem], user: Actor) -> list[dict[str, Any]]:
    ids = {p.child.pk for p in problems if p.child is not None}
    openable = set(Child.objects.visible_to(user).filter(pk__in=ids).values_list("pk", flat=True))
    return [
        {"problem": p, "link": p.child is not None and p.child.pk in openable} for p in problems
    ]


@_may_prepare
def sen2_return(request: HttpRequest) -> HttpResponse:
    try:
        collection = collection_for(request.GET.get("year"))
    except UnknownYearError as bad:
        return _bad_year(request, str(bad))
    result = build.build(collection)
    problems = checks.problems(result)
    named = {p.child.pk: p.child for p in problems if p.child is not None}
    audit_record_list(
        actor=request.user,
        objects=named.values(),
        summary=f"SEN2 {collection.year}: records to fix before submitting",
    )
    return render(
        request,
        "insights/sen2.html",
        {
            "collection": collection,
            "years": Sen2Collection.objects.all(),
            "census_long": statutory.long_date(collection.census_date),
            "start_long": statutory.long_date(result.period.start),
            "end_long": statutory.long_date(result.period.end),
            "counts": tables.section_counts(result),
            "problems": _linked(problems, request.user),
            "schema_errors": xml.schema_errors(xml.to_bytes(result.message)),
        },
    )


@_may_prepare
def sen2_download(request: HttpRequest, fmt: str) -> HttpResponse:
    try:
        collection = collection_for(request.GET.get("year"))
    except UnknownYearError as bad:
        return HttpResponse(str(bad), status=400, content_type="text/plain; charset=utf-8")
    result = build.build(collection)
    audit_record_list(
        actor=request.user,
        objects=[entry.child for entry in result.persons],
        summary=f"SEN2 {collection.year} return ({fmt.upper()})",
        action=Action.EXPORT,
    )
    name = f"sen2-{collection.year}-{collection.census_date.isoformat()}"
    if fmt == "xml":
        return bytes_response(
            xml.to_bytes(result.message), filename=f"{name}.xml", content_type="application/xml"
        )
    return bytes_response(tables.csv_bytes(result), filename=f"{name}.csv", content_type="text/csv")
