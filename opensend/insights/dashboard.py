"""The KPI dashboards: the headline page, one page per KPI (definition, trend, England, cuts),
the cases behind a figure, and CSV and Excel downloads. Thin: `kpis` counts, `tables` words the
cells (with the board's small-number rule), `charts` draws, `exports` writes files.

Who sees what is `access.viewer_for`: administrators, analysts and board members see the whole
area (board members with small numbers suppressed), managers their teams' children and
caseworkers their own cases. Only administrators, managers and caseworkers may open the cases
behind a figure, and then only the children they may open anywhere else (`Child.visible_to`);
each child listed is written to the audit trail.
"""

from collections.abc import Callable
from datetime import date
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_GET

from opensend import statutory
from opensend.accounts.permissions import Capability, user_can
from opensend.audit.services import audit_record_list
from opensend.insights import cases as cases_behind
from opensend.insights import charts, exports, kpis, tables
from opensend.insights import figures as figs
from opensend.insights.access import SUPPRESSED, Viewer, viewer_for
from opensend.insights.england import ENGLAND_CONTEXT, england_for
from opensend.insights.timeliness import can_view_timeliness
from opensend.insights.views import PeriodForm, _period
from opensend.people.models import Child

View = Callable[..., HttpResponse]


def _viewer_required(view: View) -> View:
    """Signed in and one of the dashboards' audiences; else 403."""

    @login_required
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        viewer = viewer_for(request.user)
        if viewer is None:
            raise PermissionDenied
        return view(request, viewer, *args, **kwargs)

    return require_GET(wrapped)


def _kpi(slug: str) -> kpis.Kpi:
    try:
        return kpis.KPIS[slug]
    except KeyError:
        raise Http404("No such figure") from None


class BadInputError(Exception):
    """A query string we cannot answer: the message says why (shown with a 400)."""

    def __init__(self, message: str, form: PeriodForm | None = None) -> None:
        super().__init__(message)
        self.form = form


def _cut(request: HttpRequest, item: kpis.Kpi) -> str | None:
    cut = request.GET.get("cut", "")
    if not cut:
        return None
    if cut not in {c.slug for c in figs.cuts_for(item)}:
        raise BadInputError("Choose how to break down the figure from the list")
    return cut


def _inputs(request: HttpRequest, item: kpis.Kpi) -> tuple[PeriodForm, date, date, str | None]:
    """The period and the cut asked for, or BadInputError saying what is wrong."""
    form, start, end, error = _period_or_error(request)
    if error:
        raise BadInputError(error, form)
    return form, start, end, _cut(request, item)


def _bad_input(request: HttpRequest, message: str, form: PeriodForm | None = None) -> HttpResponse:
    return render(
        request,
        "insights/bad_input.html",
        {"message": message, "form": form, "back": reverse("insights:dashboard")},
        status=400,
    )


def _period_or_error(request: HttpRequest) -> tuple[PeriodForm, date, date, str]:
    form, start, end = _period(request)
    if form.is_bound and form.errors:
        message = "; ".join(str(e) for errors in form.errors.values() for e in errors)
        return form, start, end, message
    return form, start, end, ""


def _about(viewer: Viewer, start: date, end: date, title: str) -> list[list[str]]:
    return [
        [title],
        ["Period", f"{statutory.long_date(start)} to {statutory.long_date(end)}"],
        ["Whose records", viewer.description],
        ["Made by", "OpenSEND, from the records (docs/insights.md says how each is counted)"],
    ]


def _england_line(slug: str) -> str:
    return "; ".join(f"{e.value}% {e.measure} ({e.source})" for e in england_for(slug))


# ---------------------------------------------------------------------------- the dashboard


def _cards(viewer: Viewer, start: date, end: date) -> list[dict[str, Any]]:
    cards = []
    found = figs.headlines(kpis.KPIS.values(), start=start, end=end, scope_for=viewer.scope)
    for item in kpis.KPIS.values():
        figure = found[item.slug]
        cards.append(
            {
                "item": item,
                "value": tables.headline_text(item, figure, viewer),
                "words": tables.headline_words(item),
                "records": tables.show_count(figure.total, suppressed=viewer.suppresses(item)),
                "england": england_for(item.slug)[:1],
                "figure": figure,
            }
        )
    return cards


def _chart(item: kpis.Kpi, viewer: Viewer, end: date) -> dict[str, Any]:
    """The trend chart, its table and its sentence, for the 8 quarters up to `end`."""
    points, table = [], []
    for quarter, figure in figs.trend(item, end=end, scope=viewer.scope(item)):
        value, hits, total = tables.headline_value(item, figure)
        hidden = (
            viewer.suppresses(item)
            and tables.show_value(value, hits=hits, total=total, suppressed=True) == SUPPRESSED
        )
        points.append(charts.Point(quarter.label, None if hidden else value))
        table.append(
            {
                "label": quarter.label,
                "cells": tables.cells(item, figure, viewer),
            }
        )
    percent = item.measure not in (kpis.Measure.MEAN_WEEKS, kpis.Measure.COUNT)
    england = england_for(item.slug)[:1]
    reference = england[0].value if england else None
    unit = "%" if percent else "weeks"
    what = tables.headline_words(item).removeprefix("of ")
    if item.measure == kpis.Measure.COUNT:
        unit, what = "", f"the number of {what}"
    return {
        "svg": charts.column_chart(
            points,
            percent=percent,
            reference=reference,
            reference_label=f"England {reference}%" if reference is not None else "",
        ),
        "summary": charts.summary(points, what=what, unit=unit),
        "columns": tables.columns(item),
        "rows": table,
        "england": england,
    }


@_viewer_required
def dashboard(request: HttpRequest, viewer: Viewer) -> HttpResponse:
    form, start, end, error = _period_or_error(request)
    if error:
        return _bad_input(request, error, form)
    cards = _cards(viewer, start, end)
    groups: dict[str, list[dict[str, Any]]] = {}
    for card in cards:
        groups.setdefault(card["item"].group, []).append(card)
    lead = kpis.KPIS["new-plans-20-weeks"]
    return render(
        request,
        "insights/dashboard.html",
        {
            "form": form,
            "viewer": viewer,
            "groups": groups,
            "chart": _chart(lead, viewer, end),
            "lead": lead,
            "start_long": statutory.long_date(start),
            "end_long": statutory.long_date(end),
            "query": request.GET.urlencode(),
            "england_context": ENGLAND_CONTEXT if viewer.suppressed else (),
            "may_timeliness": can_view_timeliness(request.user),
            "may_sen2": user_can(request.user, Capability.PREPARE_SEN2),
            "may_extract": user_can(request.user, Capability.PSEUDONYMISED_EXTRACTS),
        },
    )


def _dashboard_table(viewer: Viewer, start: date, end: date) -> tuple[list[str], list[list[str]]]:
    header = ["Figure", "Headline", "Records", "England", "How it is counted"]
    body = [
        [
            card["item"].title,
            f"{card['value']} {card['words']}",
            card["records"],
            _england_line(card["item"].slug),
            " ".join(card["item"].paragraphs),
        ]
        for card in _cards(viewer, start, end)
    ]
    return header, body


@_viewer_required
def dashboard_download(request: HttpRequest, viewer: Viewer, fmt: str) -> HttpResponse:
    _form, start, end, error = _period_or_error(request)
    if error:
        return HttpResponse(error, status=400, content_type="text/plain; charset=utf-8")
    header, body = _dashboard_table(viewer, start, end)
    about = _about(viewer, start, end, "SEND key performance indicators")
    name = f"send-kpis-{start.isoformat()}-to-{end.isoformat()}"
    if fmt == "xlsx":
        return exports.xlsx_response(name, "KPIs", about, header, body)
    return exports.csv_response(name, about, header, body)


# ---------------------------------------------------------------------------- one KPI


def _breakdown(
    item: kpis.Kpi, viewer: Viewer, start: date, end: date, cut: str | None
) -> list[tables.Row]:
    figures = figs.compute(item, start=start, end=end, scope=viewer.scope(item), cut=cut)
    return tables.rows(item, figures, viewer)


@_viewer_required
def kpi_detail(request: HttpRequest, viewer: Viewer, slug: str) -> HttpResponse:
    item = _kpi(slug)
    try:
        form, start, end, cut = _inputs(request, item)
    except BadInputError as bad:
        return _bad_input(request, str(bad), bad.form)
    headline = figs.headline(item, start=start, end=end, scope=viewer.scope(item))
    period_query = {k: str(v) for k, v in request.GET.items() if k != "cut"}
    return render(
        request,
        "insights/kpi.html",
        {
            "item": item,
            "viewer": viewer,
            "may_drill": viewer.drills_into(item),
            "form": form,
            "value": tables.headline_text(item, headline, viewer),
            "words": tables.headline_words(item),
            "headline": tables.rows(item, [headline], viewer)[0],
            "columns": tables.columns(item),
            "england": england_for(item.slug),
            "chart": None if item.snapshot else _chart(item, viewer, end),
            "cuts": figs.cuts_for(item),
            "cut": cut,
            "cut_label": figs.CUTS[cut].label if cut else "",
            "breakdown": _breakdown(item, viewer, start, end, cut)
            if cut or item.measure == kpis.Measure.MIX
            else [],
            "start_long": statutory.long_date(start),
            "end_long": statutory.long_date(end),
            "query": request.GET.urlencode(),
            "period_query": urlencode(period_query),
        },
    )


@_viewer_required
def kpi_download(request: HttpRequest, viewer: Viewer, slug: str, fmt: str) -> HttpResponse:
    item = _kpi(slug)
    try:
        _form, start, end, cut = _inputs(request, item)
    except BadInputError as bad:
        return HttpResponse(str(bad), status=400, content_type="text/plain; charset=utf-8")
    figures = figs.compute(item, start=start, end=end, scope=viewer.scope(item))
    if item.measure != kpis.Measure.MIX:
        figures += (
            figs.compute(item, start=start, end=end, scope=viewer.scope(item), cut=cut)
            if cut
            else []
        )
    rows = tables.rows(item, figures, viewer)
    label = figs.CUTS[cut].label if cut else "Group"
    header = [label, *tables.columns(item)]
    body = [[r.label, *r.cells] for r in rows]
    about = _about(viewer, start, end, item.title)
    if england_for(item.slug):
        about.append(["England", _england_line(item.slug)])
    name = f"{item.slug}-{start.isoformat()}-to-{end.isoformat()}"
    if fmt == "xlsx":
        return exports.xlsx_response(name, item.title, about, header, body)
    return exports.csv_response(name, about, header, body)


# ---------------------------------------------------------------------------- the cases


@_viewer_required
def kpi_cases(request: HttpRequest, viewer: Viewer, slug: str) -> HttpResponse:
    item = _kpi(slug)
    if item.area_wide:
        raise Http404("No child is behind an area-wide figure")
    if item.personal:
        raise Http404("Families' answers are not listed behind a figure")
    if not viewer.drill_down:
        raise PermissionDenied
    try:
        _form, start, end, cut = _inputs(request, item)
    except BadInputError as bad:
        return _bad_input(request, str(bad), bad.form)
    group = request.GET.get("group")
    if cut is None and item.measure != kpis.Measure.MIX:
        group = None
    cases = cases_behind.case_rows(
        item,
        start=start,
        end=end,
        scope=viewer.scope(item),
        visible_children=Child.objects.visible_to(request.user),
        cut=cut,
        group=group,
    )
    audit_record_list(
        actor=request.user,
        objects=[line.child for line in cases.lines],
        summary=f"Listed behind the figure “{item.title}”",
    )
    period_query = {k: str(v) for k, v in request.GET.items() if k not in ("cut", "group")}
    return render(
        request,
        "insights/kpi_cases.html",
        {
            "item": item,
            "lines": cases.lines,
            "hidden": cases.hidden,
            "visible": cases.visible,
            "not_shown": cases.not_shown,
            "group_label": _group_label(item, cut, group, end),
            "start_long": statutory.long_date(start),
            "end_long": statutory.long_date(end),
            "back_query": urlencode({**period_query, **({"cut": cut} if cut else {})}),
        },
    )


def _group_label(item: kpis.Kpi, cut: str | None, group: str | None, end: date) -> str:
    if group is None:
        return ""
    if cut is None:
        labels = dict(item.count(end, end).categories)
        return labels.get(group, group or figs.NOT_RECORDED)
    labels = figs.cut_labels(item, cut, end)
    return f"{figs.CUTS[cut].label}: {labels.get(group, group or figs.NOT_RECORDED)}"
