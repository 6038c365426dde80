"""Staff pages for the child record and the settings list. Thin: selectors read, services write."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from opensend.accounts.decorators import require_capability
from opensend.accounts.permissions import Capability, access_for
from opensend.accounts.roles import FAMILY_ROLES
from opensend.audit.services import audit_record_list
from opensend.core.views_helpers import (
    apply_service_errors,
    form_data,
    paginate,
    querystring_without_page,
)
from opensend.people import (
    family_details,
    merging,
    selectors,
    services,
    sharing,
    young_person_contact,
)
from opensend.people.forms import (
    ChildForm,
    ChildMergeForm,
    ChildSearchForm,
    CloseRecordForm,
    ConfirmForm,
    FamilyMemberForm,
    MergeSearchForm,
    SettingForm,
    SettingSearchForm,
)
from opensend.people.models import Child, ChildMerge, Setting


@require_capability(Capability.VIEW_CHILDREN)
def child_list(request: HttpRequest) -> HttpResponse:
    access = access_for(request.user)
    if access.roles & FAMILY_ROLES and not access.is_staff_member:
        # A family's home lists their children in family words; this list shows staff codes.
        return redirect("portal:home")
    form = ChildSearchForm(request.GET or None)
    children = selectors.child_list_for_user(user=request.user)
    status = 200
    similar = False
    if form.is_bound:
        if form.is_valid():
            search = {
                "name": form.cleaned_data["name"],
                "date_of_birth": form.cleaned_data["date_of_birth"],
                "upn": form.cleaned_data["upn"],
                "include_closed": form.cleaned_data["include_closed"],
            }
            children = selectors.child_list_for_user(user=request.user, **search)
            if search["name"] and not children.exists():
                children = selectors.child_similar_for_user(user=request.user, **search)
                similar = True
        else:
            status = 400
    page = paginate(request, children)
    audit_record_list(actor=request.user, objects=page.object_list, summary="Search results")
    return render(
        request,
        "people/child_list.html",
        {
            "form": form,
            "page_obj": page,
            "querystring": querystring_without_page(request),
            "today": timezone.localdate(),
            "similar": similar,
        },
        status=status,
    )


def child_page_context(request: HttpRequest, child_id: int) -> dict[str, Any]:
    """What the child's page shows from this app: the record, age, year group, settings. The
    page itself (with where the child is on the journey) is served by `portal.child_page`."""
    child = selectors.child_get_for_user(user=request.user, child_id=child_id)
    today = timezone.localdate()
    return {
        "child": child,
        "today": today,
        "age": child.age_on(today),
        "nc_year": child.nc_year_on(today),
        "current_enrolments": selectors.current_enrolments(child),
        "merges": selectors.child_merges(child),
        "holds_own_rights": sharing.holds_own_rights(child, on=today),
        "parent_sharing": sharing.current_choice(child),
        "young_person_contact": young_person_contact.current_contact(child),
        "corrections": family_details.corrections_open(child),
        # Where a merged-away record sends people: linked only for those who may open it.
        "merged_into_visible": bool(child.merged_into_id)
        and Child.objects.visible_to(request.user).filter(pk=child.merged_into_id).exists(),
    }


@require_capability(Capability.CREATE_CHILDREN)
@require_http_methods(["GET", "POST"])
def child_create(request: HttpRequest) -> HttpResponse:
    form = ChildForm(request.POST or None)
    context: dict[str, object] = {"form": form}
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        duplicates, unseen = selectors.child_likely_duplicates(
            user=request.user,
            given_name=data["given_name"],
            family_name=data["family_name"],
            date_of_birth=data["date_of_birth"],
            upn=data.get("upn", ""),
            nhs_number=data.get("nhs_number", ""),
        )
        if (duplicates or unseen) and request.POST.get("not_a_duplicate") != "yes":
            # Warn before saving: one child, one record (the seeds' "tell the story again").
            audit_record_list(actor=request.user, objects=duplicates, summary="Possible duplicates")
            context.update(duplicates=duplicates, unseen_duplicates=unseen)
            return render(request, "people/child_form.html", context)
        try:
            child = services.child_create(actor=request.user, **data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, f"Record created for {child.full_name}")
            return redirect("people:child_detail", child_id=child.pk)
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "people/child_form.html", context, status=status)


@require_capability(Capability.EDIT_CHILDREN)
@require_http_methods(["GET", "POST"])
def child_edit(request: HttpRequest, child_id: int) -> HttpResponse:
    child = selectors.child_get_for_user(user=request.user, child_id=child_id)
    form = ChildForm(request.POST or None, instance=child)
    if request.method == "POST" and form.is_valid():
        try:
            services.child_update(actor=request.user, child=child, **form.cleaned_data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, "Changes saved")
            return redirect("people:child_detail", child_id=child.pk)
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "people/child_form.html", {"form": form, "child": child}, status=status)


@require_capability(Capability.CLOSE_CHILDREN)
@require_http_methods(["GET", "POST"])
def child_close(request: HttpRequest, child_id: int) -> HttpResponse:
    child = selectors.child_get_for_user(user=request.user, child_id=child_id)
    form = CloseRecordForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.child_close(
                actor=request.user, child=child, reason=form.cleaned_data["reason"]
            )
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, "Record closed")
            return redirect("people:child_detail", child_id=child.pk)
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "people/child_close.html", {"form": form, "child": child}, status=status)


@require_capability(Capability.EDIT_CHILDREN)
@require_http_methods(["GET", "POST"])
def family_member_add(request: HttpRequest, child_id: int) -> HttpResponse:
    child = selectors.child_get_for_user(user=request.user, child_id=child_id)
    form = FamilyMemberForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            services.family_member_add(actor=request.user, child=child, **data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, "Family member added")
            return redirect("people:child_detail", child_id=child.pk)
    status = 400 if form.is_bound and form.errors else 200
    return render(
        request, "people/family_member_form.html", {"form": form, "child": child}, status=status
    )


@require_capability(Capability.VIEW_SETTINGS)
def setting_list(request: HttpRequest) -> HttpResponse:
    form = SettingSearchForm(request.GET or None)
    filters = {}
    if form.is_valid():
        data = form.cleaned_data
        locality = data.get("locality")
        filters = {
            "name": data["name"],
            "kind": data["kind"],
            "phase": data["phase"],
            "need": data["need"],
            "locality_id": locality.pk if locality else None,
        }
    settings_qs = selectors.setting_list_for_user(user=request.user, **filters)
    return render(
        request,
        "people/setting_list.html",
        {
            "form": form,
            "page_obj": paginate(request, settings_qs),
            "querystring": querystring_without_page(request),
        },
    )


@require_capability(Capability.VIEW_SETTINGS)
def setting_detail(request: HttpRequest, setting_id: int) -> HttpResponse:
    setting = selectors.setting_get_for_user(user=request.user, setting_id=setting_id)
    return render(
        request,
        "people/setting_detail.html",
        {
            "setting": setting,
            "pupils_on_roll": selectors.setting_pupil_count(setting),
        },
    )


@require_GET
def setting_public(request: HttpRequest, setting_id: int) -> HttpResponse:
    """A school's or college's public page (name, address, phase, contact): open to anyone, and
    what families and young people are linked to, since the staff page is not theirs to see."""
    setting = selectors.setting_get_public(setting_id=setting_id)
    return render(request, "people/setting_public.html", {"setting": setting})


@require_capability(Capability.EDIT_SETTINGS)
@require_http_methods(["GET", "POST"])
def setting_create(request: HttpRequest) -> HttpResponse:
    return _setting_form(request, setting=None)


@require_capability(Capability.EDIT_SETTINGS)
@require_http_methods(["GET", "POST"])
def setting_edit(request: HttpRequest, setting_id: int) -> HttpResponse:
    setting = selectors.setting_get_for_user(user=request.user, setting_id=setting_id)
    return _setting_form(request, setting=setting)


def _setting_form(request: HttpRequest, *, setting: Setting | None) -> HttpResponse:
    form = SettingForm(request.POST or None, instance=setting)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        need_types = [n.code for n in data.pop("need_types")]
        try:
            if setting is None:
                saved = services.setting_create(actor=request.user, need_types=need_types, **data)
            else:
                saved = services.setting_update(
                    actor=request.user, setting=setting, need_types=need_types, **data
                )
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, f"{saved.name} saved")
            return redirect("people:setting_detail", setting_id=saved.pk)
    status = 400 if form.is_bound and form.errors else 200
    return render(
        request, "people/setting_form.html", {"form": form, "setting": setting}, status=status
    )


# Two records for one child (issue 12, item 5): choose the other record, compare, confirm.


@require_capability(Capability.MERGE_CHILDREN)
@require_GET
def child_merge_start(request: HttpRequest, child_id: int) -> HttpResponse:
    """Choose the other record: the likely duplicates, or a search."""
    child = selectors.child_get_for_user(user=request.user, child_id=child_id)
    form = MergeSearchForm(request.GET or None)
    found: list[Child] = []
    status = 200
    if form.is_bound:
        if form.is_valid():
            search = {k: form.cleaned_data[k] for k in ("name", "date_of_birth", "upn")}
            found = list(selectors.child_list_for_user(user=request.user, **search)[:50])
            if search["name"] and not found:
                found = list(selectors.child_similar_for_user(user=request.user, **search)[:50])
            found = [c for c in found if c.pk != child.pk]
        else:
            status = 400
    problems = merging.record_problems(child)
    if problems:
        status = 400
    duplicates = selectors.child_duplicates_of(user=request.user, child=child)
    audit_record_list(actor=request.user, objects=duplicates, summary="Possible duplicates")
    audit_record_list(actor=request.user, objects=found, summary="Search results")
    return render(
        request,
        "people/child_merge_start.html",
        {
            "child": child,
            "form": form,
            "found": _candidates(child, found),
            "duplicates": _candidates(child, duplicates),
            "problems": problems,
        },
        status=status,
    )


def _candidates(child: Child, others: list[Child]) -> list[tuple[Child, list[str]]]:
    """Each record offered for merging, with why it cannot be (then it is not linked)."""
    return [(other, merging.merge_problems(kept=child, merged=other)) for other in others]


@require_capability(Capability.MERGE_CHILDREN)
@require_http_methods(["GET", "POST"])
def child_merge_compare(request: HttpRequest, child_id: int, other_id: int) -> HttpResponse:
    """Both records side by side; which to keep and whose details; then confirm and merge."""
    child = selectors.child_get_for_user(user=request.user, child_id=child_id)
    other = selectors.child_get_for_user(user=request.user, child_id=other_id)
    context: dict[str, Any] = {
        "child": child,
        "other": other,
        "rows": merging.compare(child, other),
    }
    problems = merging.merge_problems(kept=child, merged=other)
    if problems:
        context["problems"] = problems
        return render(request, "people/child_merge_compare.html", context, status=400)
    form = ChildMergeForm(form_data(request), first=child, second=other)
    context["form"] = form
    step = request.POST.get("step", "")
    if request.method == "POST" and form.is_valid() and step in ("review", "merge"):
        args = form.merge_args()
        if step == "merge":
            try:
                merge = services.child_merge(actor=request.user, **args)
            except ValidationError as exc:
                apply_service_errors(form, exc)
            else:
                messages.success(
                    request, f"Record {merge.merged_id} merged into this record. It is now closed."
                )
                return redirect("people:child_detail", child_id=merge.kept_id)
        else:
            kept, merged = args["kept"], args["merged"]
            context.update(
                kept=kept,
                merged=merged,
                taken=[
                    (merging.field_label(n), merging.shown_value(merged, n))
                    for n in args["take_from_merged"]
                ],
                moving=[
                    (link.name, count)
                    for link in merging.child_links()
                    if (count := link.rows(merged).count())
                ],
            )
            return render(request, "people/child_merge_confirm.html", context)
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "people/child_merge_compare.html", context, status=status)


def _merge_context(request: HttpRequest, merge: ChildMerge) -> dict[str, Any]:
    both = [merge.kept_id, merge.merged_id]
    return {
        "merge": merge,
        "visible": set(
            Child.objects.visible_to(request.user).filter(pk__in=both).values_list("pk", flat=True)
        ),
        "moved": merging.describe(merge.moved),
        "left_behind": merging.describe(merge.left_behind),
        "overwritten": [
            (
                merging.field_label(merging.child_field(name).name),
                merging.shown_raw(name, before),
                merging.shown_raw(name, after),
            )
            for name, (before, after) in merge.overwritten.items()
        ],
    }


@require_capability(Capability.MERGE_CHILDREN)
@require_GET
def merge_detail(request: HttpRequest, merge_id: int) -> HttpResponse:
    merge = selectors.merge_get_for_user(user=request.user, merge_id=merge_id)
    return render(request, "people/merge_detail.html", _merge_context(request, merge))


@require_capability(Capability.REVERSE_MERGES)
@require_http_methods(["GET", "POST"])
def merge_reverse(request: HttpRequest, merge_id: int) -> HttpResponse:
    merge = selectors.merge_get_for_user(user=request.user, merge_id=merge_id)
    form = ConfirmForm(form_data(request))
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            services.child_merge_reverse(actor=request.user, merge=merge)
        except ValidationError as exc:
            apply_service_errors(form, exc)
            status = 400
        else:
            messages.success(request, f"Merge reversed. Record {merge.merged_id} is open again.")
            return redirect("people:merge_detail", merge_id=merge.pk)
    elif merge.is_reversed:
        form = ConfirmForm({})
        form.is_valid()
        form.add_error(None, "This merge has already been reversed")
        status = 400
    context = _merge_context(request, merge) | {"form": form}
    return render(request, "people/merge_reverse.html", context, status=status)
