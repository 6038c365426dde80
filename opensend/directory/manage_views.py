"""Keeping the Local Offer current (signed in): providers change their own entries, council
editors approve the changes (with the differences shown) before they are public. Thin: every
read is a selector, every write a service."""

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from opensend.core.downloads import document_response
from opensend.core.views_helpers import form_submitted
from opensend.directory import access, exports, figures, selectors, services
from opensend.directory.forms import (
    AnswerForm,
    DecisionForm,
    DocumentUploadForm,
    ServiceEditForm,
    ShortBreaksCriteriaForm,
)
from opensend.directory.models import Service


def _check(request: HttpRequest) -> None:
    if not access.may_manage(request.user):
        raise PermissionDenied


@login_required
def manage_home(request: HttpRequest) -> HttpResponse:
    _check(request)
    today = timezone.localdate()
    entries = selectors.services_for_manager(user=request.user)
    return render(
        request,
        "directory/manage_home.html",
        {
            "entries": entries[:200],
            "count": entries.count(),
            "stale": Service.objects.stale(today).filter(pk__in=entries.values("pk")).count(),
            "is_editor": access.is_council_editor(request.user),
            "waiting": selectors.changes_waiting(user=request.user).count(),
            "problems": selectors.problems_to_answer(user=request.user).count(),
            "gaps": selectors.searches_without_results(user=request.user),
            "my_changes": selectors.changes_proposed_by(user=request.user),
            "figures": figures.local_offer_figures(user=request.user, today=today),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def service_edit(request: HttpRequest, service_id: UUID) -> HttpResponse:
    _check(request)
    shown = selectors.service_get_for_manager(user=request.user, service_id=service_id)
    form = ServiceEditForm(request.POST or None, instance=shown)
    if request.method == "POST" and form.is_valid():
        # The form has changed `shown` in memory: the service compares with the saved entry.
        saved = Service.objects.select_related("organization").get(pk=shown.pk)
        try:
            change = services.service_change_propose(
                actor=request.user,
                service=saved,
                values={k: form.cleaned_data[k] for k in form.Meta.fields},
                today=timezone.localdate(),
            )
        except ValueError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                "Your change has been sent to the Local Offer team to approve"
                if change
                else "The entry has been changed",
            )
            return redirect(reverse("directory:manage"))
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "directory/service_edit.html",
        {"form": form, "service": shown, "is_editor": access.is_council_editor(request.user)},
        status=status,
    )


@login_required
def changes(request: HttpRequest) -> HttpResponse:
    if not access.is_council_editor(request.user):
        raise PermissionDenied
    return render(
        request,
        "directory/changes.html",
        {"changes": selectors.changes_waiting(user=request.user)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def change_decide(request: HttpRequest, change_id: int) -> HttpResponse:
    if not access.is_council_editor(request.user):
        raise PermissionDenied
    change = selectors.change_get_for_editor(user=request.user, change_id=change_id)
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        approve = request.POST.get("decision") == "approve"
        try:
            services.service_change_decide(
                actor=request.user,
                change=change,
                approve=approve,
                reason=form.cleaned_data["reason"],
                today=timezone.localdate(),
            )
        except ValueError as error:
            form.add_error("reason", str(error))
        else:
            messages.success(
                request,
                "The change is approved and public" if approve else "The change was not approved",
            )
            return redirect(reverse("directory:changes"))
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "directory/change_detail.html",
        {"change": change, "rows": selectors.change_rows(change), "form": form},
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def problems(request: HttpRequest) -> HttpResponse:
    """Problems the public reported on your entries; answer one and it leaves the list."""
    _check(request)
    form = AnswerForm(request.POST or None)
    report = None
    if request.method == "POST":
        try:
            feedback_id = int(request.POST.get("feedback", ""))
        except ValueError:
            feedback_id = 0
        report = selectors.problem_get_for_manager(user=request.user, feedback_id=feedback_id)
        if form.is_valid():
            try:
                services.feedback_resolve(
                    actor=request.user, feedback=report, response=form.cleaned_data["response"]
                )
            except ValueError as error:
                form.add_error("response", str(error))
            else:
                messages.success(request, f"The report on {report.service.name} is dealt with")
                return redirect(reverse("directory:problems"))
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "directory/problems.html",
        {
            "reports": selectors.problems_to_answer(user=request.user)[:100],
            "form": form,
            "error_pk": report.pk if report else None,
        },
        status=status,
    )


@login_required
@require_POST
def service_checked(request: HttpRequest, service_id: UUID) -> HttpResponse:
    """ "It is all correct": the entry counts as checked today."""
    _check(request)
    service = selectors.service_get_for_manager(user=request.user, service_id=service_id)
    services.service_review(actor=request.user, service=service, today=timezone.localdate())
    messages.success(request, f"{service.name} is marked as checked today")
    return redirect(reverse("directory:manage"))


@login_required
@require_GET
def export(request: HttpRequest, kind: str) -> HttpResponse:
    """The entries you keep, as CSV or Excel."""
    _check(request)
    services_qs = selectors.services_for_manager(user=request.user).prefetch_related(
        "at_locations__location", "schedules", "phones", "cost_options", "attributes__taxonomy_term"
    )
    data = exports.rows(services_qs, timezone.localdate())
    if kind == "csv":
        response = HttpResponse(exports.as_csv(data), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(
            exports.as_xlsx(data),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = f'attachment; filename="local-offer.{kind}"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def document_upload(request: HttpRequest, service_id: UUID) -> HttpResponse:
    """A logo or leaflet for an entry: a provider's waits for approval, an editor's is public."""
    _check(request)
    service = selectors.service_get_for_manager(user=request.user, service_id=service_id)
    form = DocumentUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            change = services.service_document_upload(
                actor=request.user,
                service=service,
                kind=form.cleaned_data["kind"],
                checked=form.cleaned_data["document"],
                alt_text=form.cleaned_data["alt_text"],
            )
        except ValueError as error:
            field = "alt_text" if "Describe" in str(error) else "document"
            form.add_error(field, str(error))
        else:
            messages.success(
                request,
                "Your file has been sent to the Local Offer team to approve"
                if change
                else "The file is on the public page",
            )
            return redirect(reverse("directory:service_edit", args=[service.id]))
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "directory/document_upload.html",
        {"form": form, "service": service, "is_editor": access.is_council_editor(request.user)},
        status=status,
    )


@login_required
@require_GET
def document_download(request: HttpRequest, document_id: int) -> FileResponse:
    """A logo or leaflet of an entry you keep, approved or waiting (to check it before it is
    public)."""
    _check(request)
    document = selectors.document_get_for_manager(user=request.user, document_id=document_id)
    return document_response(
        document.document, filename=document.document_name, content_type=document.document_type
    )


@login_required
@require_http_methods(["GET", "POST"])
def short_breaks_criteria(request: HttpRequest) -> HttpResponse:
    """The council's short breaks criteria: change them (a new version) and see every version."""
    versions = selectors.short_breaks_criteria_versions(user=request.user)
    current = selectors.short_breaks_criteria()
    initial = {name: getattr(current, name) for name in services.CRITERIA_FIELDS}
    form = ShortBreaksCriteriaForm(request.POST or None, initial=initial)
    done, _ = form_submitted(
        request,
        form,
        lambda data: services.short_breaks_criteria_change(
            actor=request.user,
            values={name: data[name] for name in services.CRITERIA_FIELDS},
            reason=data["reason"],
        ),
        "The short breaks checker now uses the new criteria",
    )
    if done:
        return redirect(reverse("directory:short_breaks_criteria"))
    return render(
        request,
        "directory/short_breaks_criteria.html",
        {"form": form, "versions": versions[:50], "current": current},
        status=400 if request.method == "POST" else 200,
    )
