"""Importing a directory (council editors): check a file or the feed (the dry run), see what
would be created, updated or rejected and why, then import it. Thin: the work is in
`directory.imports` (reading) and `directory.import_services` (the plan and the writes)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from opensend.directory import access, import_services, imports, selectors
from opensend.directory.forms import ImportForm


@login_required
@require_http_methods(["GET", "POST"])
def import_start(request: HttpRequest) -> HttpResponse:
    if not access.is_council_editor(request.user):
        raise PermissionDenied
    feed_url = imports.configured_feed_url()
    form = ImportForm(request.POST or None, request.FILES or None, feed_url=feed_url)
    if request.method == "POST" and form.is_valid():
        try:
            if form.cleaned_data["source"] == "feed":
                text, source, kind = imports.fetch_feed(feed_url), feed_url, "oruk"
            else:
                upload = form.cleaned_data["file"]
                text = imports.decode(upload.read(imports.MAX_IMPORT_BYTES + 1))
                source, kind = upload.name, imports.guess_kind(upload.name, text)
            run = import_services.import_check(
                actor=request.user,
                kind=kind,
                source=source,
                text=text,
                replace_local_changes=form.cleaned_data["replace_local_changes"],
            )
        except imports.ImportFileError as error:
            form.add_error(
                "file" if form.cleaned_data["source"] == "file" else "source", str(error)
            )
        else:
            return redirect(reverse("directory:import_run", args=[run.pk]))
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "directory/import_start.html",
        {"form": form, "runs": selectors.import_runs(user=request.user)},
        status=status,
    )


@login_required
def import_run(request: HttpRequest, run_id: int) -> HttpResponse:
    """The report: what the import would do (checked) or did (imported), row by row."""
    run = selectors.import_run_get(user=request.user, run_id=run_id)
    rows = run.report.get("rows", [])
    groups = [
        (action, label, [r for r in rows if r["action"] == action])
        for action, label in import_services.ACTION_LABELS.items()
    ]
    return render(
        request,
        "directory/import_run.html",
        {"run": run, "groups": groups, "counts": run.report.get("counts", {})},
    )


@login_required
@require_POST
def import_confirm(request: HttpRequest, run_id: int) -> HttpResponse:
    run = selectors.import_run_get(user=request.user, run_id=run_id)
    try:
        run = import_services.import_apply(actor=request.user, run=run)
    except ValidationError as error:
        # The plan checks what the model checks; should an entry still fail, nothing is written.
        messages.error(request, f"Nothing was imported: {'; '.join(error.messages)}")
        return redirect(reverse("directory:import_run", args=[run.pk]))
    except (ValueError, imports.ImportFileError) as error:
        messages.error(request, str(error))
        return redirect(reverse("directory:import_run", args=[run.pk]))
    counts = run.report["counts"]
    messages.success(
        request,
        f"Imported: {counts['create']} new, {counts['update']} updated; "
        f"{counts['conflict']} not updated because they were changed here, "
        f"{counts['reject']} could not be imported",
    )
    return redirect(reverse("directory:import_run", args=[run.pk]))
