"""Every read of the directory that a page or the Open Referral API makes.

The directory is public: nothing here holds a child's record, so reads are not audited and no one
needs to sign in. Only active entries are shown; a missing or withdrawn entry is the same 404.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.db.models import (
    Case,
    Exists,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import Lower
from django.http import Http404

from opensend.core.uploads import KINDS_BY_TYPE, size_text
from opensend.directory import geography, short_breaks
from opensend.directory.describe import summary_lines
from opensend.directory.models import (
    FIELD_LABELS,
    WEEKDAY_ORDER,
    ChangeStatus,
    Feedback,
    FeedbackKind,
    ImportRun,
    Schedule,
    SearchWithoutResults,
    Service,
    ServiceAtLocation,
    ServiceChange,
    ServiceDocument,
    ShortBreaksCriteria,
    TaxonomyTerm,
)
from opensend.directory.querysets import a_year_before

NOT_FOUND = "No service found"


# The public search's "Time of day": when a session starts (at or after, before), and its label.
TIMES_OF_DAY: dict[str, tuple[time | None, time | None, str]] = {
    "morning": (None, time(12), "Mornings (starting before 12 noon)"),
    "afternoon": (time(12), time(17), "Afternoons and after school (starting 12 noon to 5pm)"),
    "evening": (time(17), None, "Evenings (starting at 5pm or later)"),
}


@dataclass(frozen=True)
class SearchCriteria:
    words: str = ""
    need: str = ""  # a need term's code
    service_type: str = ""  # a service-type term's code
    age: int | None = None
    place: geography.Place | None = None
    within_miles: float | None = None
    cost: str = ""  # "free", "paid" or ""
    day: str = ""  # MO ... SU
    time_of_day: str = ""  # a key of TIMES_OF_DAY
    open_at: datetime | None = None  # "open now": the moment to test

    def as_filters(self) -> dict[str, object]:
        return {
            "need": self.need,
            "type": self.service_type,
            "age": self.age,
            "postcode": self.place.postcode if self.place else "",
            "miles": self.within_miles if self.place else None,
            "cost": self.cost,
            "day": self.day,
            "time": self.time_of_day,
            "open_now": bool(self.open_at),
        }


@dataclass
class ServiceResult:
    service: Service
    miles: float | None
    stale: bool
    summary: list[str] = field(default_factory=list)


def _public_with_details() -> QuerySet[Service]:
    return (
        Service.objects.public()
        .select_related("organization")
        .prefetch_related(
            "cost_options",
            Prefetch("schedules", queryset=Schedule.objects.order_by("opens_at")),
            Prefetch("attributes__taxonomy_term"),
            Prefetch(
                "at_locations",
                queryset=ServiceAtLocation.objects.select_related("location").prefetch_related(
                    "location__accessibility"
                ),
            ),
        )
    )


def _filtered(criteria: SearchCriteria) -> QuerySet[Service]:
    qs = Service.objects.public().matching(criteria.words)
    if criteria.need:
        qs = qs.with_term(code=criteria.need)
    if criteria.service_type:
        qs = qs.with_term(code=criteria.service_type)
    if criteria.age is not None:
        qs = qs.for_age(criteria.age)
    if criteria.cost == "free":
        qs = qs.free()
    elif criteria.cost == "paid":
        qs = qs.paid()
    if criteria.day or criteria.time_of_day:
        # One schedule on that day starting at that time of day, not one for each.
        start, before, _ = TIMES_OF_DAY.get(criteria.time_of_day, (None, None, ""))
        qs = qs.starting(day=criteria.day, at_or_after=start, before=before)
    if criteria.open_at is not None:
        qs = qs.open_at(WEEKDAY_ORDER[criteria.open_at.weekday()], criteria.open_at.time())
    return qs


def _distances(service_ids: list[UUID], criteria: SearchCriteria) -> dict[UUID, float]:
    """The nearest location of each service to the place, within the distance asked for."""
    place, miles = criteria.place, criteria.within_miles
    if place is None:
        return {}
    rows = ServiceAtLocation.objects.filter(
        service_id__in=service_ids,
        location__latitude__isnull=False,
        location__longitude__isnull=False,
    )
    if miles is not None:
        lat_min, lat_max, lon_min, lon_max = geography.bounding_box(place, miles)
        rows = rows.filter(
            location__latitude__range=(lat_min, lat_max),
            location__longitude__range=(lon_min, lon_max),
        )
    nearest: dict[UUID, float] = {}
    for service_id, lat, lon in rows.values_list(
        "service_id", "location__latitude", "location__longitude"
    ):
        if lat is None or lon is None:  # filtered out above; for the type checker
            continue
        d = geography.miles_between(place.latitude, place.longitude, lat, lon)
        if (miles is None or d <= miles) and d < nearest.get(service_id, float("inf")):
            nearest[service_id] = d
    return nearest


def _near(qs: QuerySet[Service], criteria: SearchCriteria) -> QuerySet[Service]:
    """Only services with a location in the box around the place (a cheap SQL pre-filter: the
    exact distance is worked out for these candidates alone)."""
    place, miles = criteria.place, criteria.within_miles
    if place is None or miles is None:
        return qs
    lat_min, lat_max, lon_min, lon_max = geography.bounding_box(place, miles)
    in_box = ServiceAtLocation.objects.filter(
        service=OuterRef("pk"),
        location__latitude__range=(lat_min, lat_max),
        location__longitude__range=(lon_min, lon_max),
    )
    return qs.filter(Exists(in_box))


def service_search(
    *, criteria: SearchCriteria, today: date
) -> tuple[Sequence[UUID], dict[UUID, float]]:
    """The ids of matching public services in ranked order, and each one's distance in miles.

    Ranked: the words in the name first, then nearest (when a postcode is given), then entries
    reviewed in the last 12 months before stale ones, then by name. Without a postcode the
    ranking is all SQL (one query reading only ids); with a distance, a bounding box in SQL
    leaves only the candidates to measure."""
    cutoff = a_year_before(today)
    stale = Case(
        When(Q(assured_date__isnull=True) | Q(assured_date__lt=cutoff), then=Value(1)),
        default=Value(0),
        output_field=IntegerField(),
    )
    if criteria.place is None:
        # `relevance` is annotated by ServiceQuerySet.matching (the plugin cannot see it).
        ranked = (
            _filtered(criteria)
            .annotate(stale_rank=stale)
            .order_by("-relevance", "stale_rank", Lower("name"), "id")
        )
        # One scan for the ids (a count and a page would be two); sorting stays in SQL.
        return list(ranked.values_list("id", flat=True)), {}
    fields = ("id", "relevance", "assured_date", "name")
    rows = list(_near(_filtered(criteria), criteria).values_list(*fields))  # type: ignore[misc]
    distances = _distances([r[0] for r in rows], criteria)
    if criteria.within_miles is not None:
        rows = [r for r in rows if r[0] in distances]

    def rank(row: tuple) -> tuple:
        service_id, relevance, assured, name = row
        stale = assured is None or assured < cutoff
        return (-relevance, distances.get(service_id, 0.0), stale, name.lower(), str(service_id))

    rows.sort(key=rank)
    return [r[0] for r in rows], distances


def service_results(
    *, ids: list[UUID], distances: dict[UUID, float], today: date
) -> list[ServiceResult]:
    """One page of results, in the order of `ids`, each with its plain summary."""
    # Only what a result shows: its organisation and the summary's costs and times.
    listed = (
        Service.objects.public()
        .filter(id__in=ids)
        .select_related("organization")
        .prefetch_related(
            "cost_options", Prefetch("schedules", queryset=Schedule.objects.order_by("opens_at"))
        )
    )
    by_id = {s.id: s for s in listed}
    cutoff = a_year_before(today)
    results = []
    for service_id in ids:
        service = by_id.get(service_id)
        if service is None:
            continue
        stale = service.assured_date is None or service.assured_date < cutoff
        results.append(
            ServiceResult(
                service=service,
                miles=distances.get(service_id),
                stale=stale,
                summary=summary_lines(service, distances.get(service_id)),
            )
        )
    return results


def service_get_public(*, service_id: UUID) -> Service:
    try:
        return (
            _public_with_details()
            .prefetch_related("phones", "contacts__phones", "languages", "service_areas", "funding")
            .get(id=service_id)
        )
    except Service.DoesNotExist:
        raise Http404(NOT_FOUND) from None


def terms_for_choice(taxonomy_code_prefix: str) -> list[tuple[str, str]]:
    """(code, name) of the terms whose code starts with this prefix ("need-", "type-")."""
    return list(
        TaxonomyTerm.objects.filter(code__startswith=taxonomy_code_prefix)
        .order_by("name")
        .values_list("code", "name")
    )


def term_exists(code: str) -> bool:
    """Whether the area's taxonomy has this term (a link that filters by it would be a 400)."""
    return TaxonomyTerm.objects.filter(code=code).exists()


# ----------------------------------------------------------------------------- keeping entries


def services_for_manager(*, user: object) -> QuerySet[Service]:
    """The entries this user keeps: every entry for a council editor, else their organisation's
    (whatever their status). Not a child's record: not audited as a read."""
    from opensend.directory import access

    qs = Service.objects.select_related("organization").order_by("name", "id")
    if access.is_council_editor(user):
        return qs
    return qs.filter(organization__owner_id__in=access.owner_organisation_ids(user))


def service_get_for_manager(*, user: object, service_id: UUID) -> Service:
    """An entry this user keeps, else the same 404 as a missing one."""
    try:
        return services_for_manager(user=user).get(id=service_id)
    except Service.DoesNotExist:
        raise Http404(NOT_FOUND) from None


def changes_waiting(*, user: object) -> QuerySet["ServiceChange"]:
    """Providers' changes waiting for approval: all of them for a council editor, else none."""
    from opensend.directory import access

    qs = ServiceChange.objects.filter(status=ChangeStatus.PENDING).select_related(
        "service", "proposed_by"
    )
    return qs if access.is_council_editor(user) else qs.none()


def change_get_for_editor(*, user: object, change_id: int) -> "ServiceChange":
    try:
        return changes_waiting(user=user).get(pk=change_id)
    except ServiceChange.DoesNotExist:
        raise Http404("No change found") from None


def change_rows(change: "ServiceChange") -> list[tuple[str, object, object]]:
    """(field label, as it was, as proposed) for each field the change touches: the diff."""
    rows: list[tuple[str, object, object]] = [
        (
            FIELD_LABELS.get(name, name),
            change.before.get(name),
            value,
        )
        for name, value in change.proposed.items()
    ]
    document = change.document
    if document is not None:
        new = document.document_name
        if document.alt_text:
            new += f" (described as: {document.alt_text})"
        rows.append((document.get_kind_display(), change.before.get(document.kind), new))
    return rows


def document_text(document: ServiceDocument) -> str:
    """ "PDF, 120 KB": what a family downloads."""
    kind = KINDS_BY_TYPE.get(document.document_type)
    return f"{kind.label if kind else 'File'}, {size_text(document.size)}"


def document_get_public(*, service_id: UUID, document_id: int) -> ServiceDocument:
    """An entry's approved logo or leaflet, if the entry is public; else the same 404."""
    service = service_get_public(service_id=service_id)
    if document_id not in (service.logo_id, service.leaflet_id):
        raise Http404("No such file")
    return ServiceDocument.objects.get(pk=document_id)


def document_get_for_manager(*, user: object, document_id: int) -> ServiceDocument:
    """A logo or leaflet (approved or waiting) of an entry this user keeps; else a 404."""
    try:
        return ServiceDocument.objects.get(
            pk=document_id, service__in=services_for_manager(user=user)
        )
    except ServiceDocument.DoesNotExist:
        raise Http404("No such file") from None


def problems_to_answer(*, user: object) -> QuerySet[Feedback]:
    """Problems the public reported on the entries this user keeps, not yet dealt with."""
    return (
        Feedback.objects.filter(
            kind=FeedbackKind.PROBLEM,
            resolved_at__isnull=True,
            service__in=services_for_manager(user=user).values("pk"),
        )
        .select_related("service")
        .order_by("created_at", "pk")
    )


def problem_get_for_manager(*, user: object, feedback_id: int) -> Feedback:
    try:
        return (
            problems_to_answer(user=user)
            .select_related("service__organization")
            .get(pk=feedback_id)
        )
    except Feedback.DoesNotExist:
        raise Http404("No report found") from None


def searches_without_results(*, user: object, limit: int = 20) -> list[dict[str, object]]:
    """For council editors: what the public looked for and did not find (most asked first)."""
    from django.db.models import Count, Max

    from opensend.directory import access

    if not access.is_council_editor(user):
        return []
    return list(
        SearchWithoutResults.objects.values("words")
        .annotate(times=Count("pk"), last=Max("created_at"))
        .order_by("-times", "-last", "words")[:limit]
    )


def changes_proposed_by(*, user: object, limit: int = 20) -> QuerySet[ServiceChange]:
    """The changes this person proposed, newest first, with what was decided and why."""
    return (
        ServiceChange.objects.filter(proposed_by_id=getattr(user, "pk", None))
        .select_related("service")
        .order_by("-created_at", "-pk")[:limit]
    )


def import_runs(*, user: object, limit: int = 10) -> list[ImportRun]:
    """The latest imports (checked or done), for council editors only."""
    from opensend.directory import access

    if not access.is_council_editor(user):
        return []
    return list(ImportRun.objects.select_related("run_by").defer("content")[:limit])


def import_run_get(*, user: object, run_id: int) -> ImportRun:
    """An import, for a council editor (anyone else: 403, as for the page)."""
    from opensend.directory import access

    if not access.is_council_editor(user):
        raise PermissionDenied
    try:
        return ImportRun.objects.get(pk=run_id)
    except ImportRun.DoesNotExist:
        raise Http404(NOT_FOUND) from None


def short_breaks_criteria() -> short_breaks.Criteria:
    """The council's short breaks criteria in force: the newest version, else the default."""
    latest = ShortBreaksCriteria.objects.first()
    if latest is None:
        return short_breaks.DEFAULT_CRITERIA
    return short_breaks.Criteria(
        max_age=latest.max_age,
        open_access_min_age=latest.open_access_min_age,
        diagnosis_needed=latest.diagnosis_needed,
        how_to_apply=latest.how_to_apply,
        statement_url=latest.statement_url,
        changed_on=latest.created_at.date(),
    )


def short_breaks_criteria_versions(*, user: object) -> QuerySet[ShortBreaksCriteria]:
    """Every version of the criteria, newest first, with who made it (council editors)."""
    from opensend.directory import access

    if not access.is_council_editor(user):
        raise PermissionDenied
    return ShortBreaksCriteria.objects.select_related("changed_by")
