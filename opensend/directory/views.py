"""The public Local Offer pages: search, a service's page, its printable page, feedback.

No one needs to sign in. Bad input gets the page back with a message and a 400, never a 500.
"""

from uuid import UUID

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from opensend.core.downloads import document_response
from opensend.core.views_helpers import querystring_without_page
from opensend.directory import describe, selectors, services, short_breaks
from opensend.directory.forms import FeedbackForm, ServiceSearchForm, ShortBreaksForm
from opensend.directory.models import FeedbackKind

PER_PAGE = 20


def _criteria(form: ServiceSearchForm) -> selectors.SearchCriteria:
    data = form.cleaned_data
    place = data.get("postcode")
    return selectors.SearchCriteria(
        words=data.get("words", ""),
        need=data.get("need", ""),
        service_type=data.get("service_type", ""),
        age=data.get("age"),
        place=place,
        within_miles=float(data["miles"]) if data.get("miles") and place else None,
        cost=data.get("cost", ""),
        day=data.get("day", ""),
        time_of_day=data.get("time", ""),
        open_at=timezone.localtime() if data.get("open_now") else None,
    )


@require_GET
def search(request: HttpRequest) -> HttpResponse:
    searched = any(v for k, v in request.GET.items() if k != "page")
    form = ServiceSearchForm(request.GET if searched else None)
    context: dict[str, object] = {"form": form, "searched": searched}
    if searched and not form.is_valid():
        return render(request, "directory/search.html", context, status=400)
    today = timezone.localdate()
    criteria = _criteria(form) if searched else selectors.SearchCriteria()
    ids, distances = selectors.service_search(criteria=criteria, today=today)
    page = Paginator(ids, PER_PAGE).get_page(request.GET.get("page"))
    if searched and not page.paginator.count:
        services.search_without_results_record(words=criteria.words, filters=criteria.as_filters())
    context.update(
        page_obj=page,
        results=selectors.service_results(
            ids=list(page.object_list), distances=distances, today=today
        ),
        querystring=querystring_without_page(request),
        criteria=criteria,
    )
    return render(request, "directory/search.html", context)


def _service_context(service_id: UUID) -> dict[str, object]:
    service = selectors.service_get_public(service_id=service_id)
    today = timezone.localdate()
    result = selectors.service_results(ids=[service.id], distances={}, today=today)[0]
    terms = [a.taxonomy_term for a in service.attributes.all()]
    return {
        "service": service,
        "leaflet_text": selectors.document_text(service.leaflet) if service.leaflet else "",
        "stale": result.stale,
        "age_range": describe.age_range_text(service),
        "cost": describe.cost_text(service),
        "schedules": [(s, describe.schedule_text(s)) for s in service.schedules.all()],
        "locations": describe.locations_of(service),
        "has_accessibility": any(loc.accessibility.all() for loc in describe.locations_of(service)),
        "needs": [t for t in terms if t.code.startswith("need-")],
        "kinds": [t for t in terms if t.code.startswith("type-")],
    }


@require_GET
def service_detail(request: HttpRequest, service_id: UUID) -> HttpResponse:
    return render(request, "directory/service_detail.html", _service_context(service_id))


@require_GET
def service_file(request: HttpRequest, service_id: UUID, document_id: int) -> FileResponse:
    """An entry's approved logo or leaflet (public, like the page)."""
    document = selectors.document_get_public(service_id=service_id, document_id=document_id)
    return document_response(
        document.document, filename=document.document_name, content_type=document.document_type
    )


@require_GET
def service_print(request: HttpRequest, service_id: UUID) -> HttpResponse:
    return render(request, "directory/service_print.html", _service_context(service_id))


@require_GET
def service_easy_read(request: HttpRequest, service_id: UUID) -> HttpResponse:
    return render(request, "directory/service_easy_read.html", _service_context(service_id))


@require_POST
def feedback_useful(request: HttpRequest, service_id: UUID) -> HttpResponse:
    service = selectors.service_get_public(service_id=service_id)
    answer = request.POST.get("useful", "")
    kind = {"yes": FeedbackKind.USEFUL, "no": FeedbackKind.NOT_USEFUL}.get(answer)
    if kind is None:
        context = _service_context(service_id)
        context["useful_error"] = "Choose yes or no"
        return render(request, "directory/service_detail.html", context, status=400)
    services.feedback_record(service=service, kind=kind)
    messages.success(request, "Thank you for your feedback")
    return redirect(reverse("directory:service", args=[service.id]))


@require_http_methods(["GET", "POST"])
def feedback_problem(request: HttpRequest, service_id: UUID) -> HttpResponse:
    service = selectors.service_get_public(service_id=service_id)
    form = FeedbackForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if form.is_valid():
            services.feedback_record(
                service=service, kind=FeedbackKind.PROBLEM, details=form.cleaned_data["details"]
            )
            messages.success(
                request, "Thank you. We have told the people who look after this page."
            )
            return redirect(reverse("directory:service", args=[service.id]))
        return render(
            request, "directory/problem.html", {"form": form, "service": service}, status=400
        )
    return render(request, "directory/problem.html", {"form": form, "service": service})


@require_GET
def short_breaks_checker(request: HttpRequest) -> HttpResponse:
    """ "Could my child get this?": short breaks and personal budgets, each answer explained."""
    asked = bool(request.GET)
    form = ShortBreaksForm(request.GET if asked else None)
    criteria = selectors.short_breaks_criteria()
    context: dict[str, object] = {"form": form, "criteria": criteria}
    if asked and not form.is_valid():
        return render(request, "directory/short_breaks.html", context, status=400)
    if asked:
        data = form.cleaned_data
        answers = short_breaks.Answers(
            age=data["age"],
            lives_in_area=data["lives_in_area"] == "yes",
            disability_or_send=data["disability_or_send"],
            ehc_plan=data["ehc_plan"],
            needs_more_help=data["needs_more_help"] == "yes",
        )
        context["findings"] = short_breaks.check(answers, criteria)
        context["age"] = answers.age
    return render(request, "directory/short_breaks.html", context)
