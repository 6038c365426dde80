"""Importing a directory: the dry run (`import_plan`, which writes nothing to the directory) and
the real run (`import_apply`: atomic, audited, each entry keeping where it came from).

What each entry read from the file would do:

- **create**: no entry of ours matches it (by our id, the id it had in its source, or, without
  an id, the same name at the same organisation);
- **update**: it matches one of ours and differs, and ours has not changed since (see below);
- **unchanged**: it matches and nothing differs;
- **conflict**: ours was changed here after the version being imported: changed since it was
  last imported, or (never imported) changed after the file's "last changed" time or with no
  such time to compare; or a provider's change to it waits for approval. A conflict is not
  written unless the editor chose to replace local changes; the report shows both values;
- **reject**: it cannot be imported, with the reasons (no name, a bad email, an entry that comes
  from a setting's record, twice in the file...).

Only council editors import (an import is not checked by anyone else, so a provider's would
skip the approval their changes need).
"""

import uuid
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from opensend.audit.models import Action
from opensend.audit.services import audit_record
from opensend.core.types import Actor
from opensend.directory import access
from opensend.directory.imports import Incoming, read
from opensend.directory.models import (
    FIELD_LABELS,
    Attribute,
    ChangeStatus,
    CostOption,
    ImportRun,
    Location,
    Organization,
    Phone,
    Schedule,
    Service,
    ServiceAtLocation,
    TaxonomyTerm,
)
from opensend.directory.models_upkeep import ImportStatus

CREATE, UPDATE, UNCHANGED, CONFLICT, REJECT = "create", "update", "unchanged", "conflict", "reject"
ACTION_LABELS = {
    CREATE: "New entries",
    UPDATE: "Entries to update",
    CONFLICT: "Changed here since: not updated",
    REJECT: "Cannot be imported",
    UNCHANGED: "Already the same",
}
LABELS = {
    **FIELD_LABELS,
    "fees_description": "What it costs (words)",
    "status": "Status",
    "assured_date": "Last checked",
    "organisation": "Organisation",
    "address": "Address",
    "phones": "Phone numbers",
    "terms": "Needs and types of help",
    "times": "Times",
    "costs": "Costs",
}


@dataclass
class Planned:
    entry: Incoming
    action: str
    reasons: list[str] = field(default_factory=list)
    changes: list[tuple[str, str, str]] = field(default_factory=list)  # (field, ours, theirs)
    service: Service | None = None
    organisation: Organization | None = None
    term_ids: list[uuid.UUID] | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "label": self.entry.label,
            "name": self.entry.name,
            "action": self.action,
            "reasons": self.reasons + self.entry.notes,
            "changes": [list(c) for c in self.changes],
            "service_id": str(self.service.pk) if self.service else "",
        }


def _check(actor: Actor) -> None:
    if not access.is_council_editor(actor):
        raise PermissionDenied


def report_of(planned: list[Planned]) -> dict[str, Any]:
    counts = {action: 0 for action in ACTION_LABELS}
    for row in planned:
        counts[row.action] += 1
    return {"counts": counts, "rows": [row.as_dict() for row in planned]}


# --------------------------------------------------------------------------------- matching


def _match(entry: Incoming, organisation: Organization | None) -> Service | None:
    qs = Service.objects.select_related("organization", "setting")
    if entry.source_id:
        as_uuid = _as_uuid(entry.source_id)
        found = (qs.filter(pk=as_uuid).first() if as_uuid else None) or qs.filter(
            source_ref=entry.source_id
        ).first()
        if found:
            return found
    if organisation is not None and organisation.pk:
        return qs.filter(organization=organisation, name__iexact=entry.name).first()
    return None


def _as_uuid(value: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(value)
    except ValueError:
        return None


def _organisation(entry: Incoming, seen: dict[str, Organization]) -> Organization | None:
    """Ours if it exists (by id, then name); a new unsaved one if the entry names it. The same
    object for every entry of the file that names it (so a new one is made once)."""
    keys = [k for k in (entry.organisation_id, entry.organisation.lower()) if k]
    for key in keys:
        if key in seen:
            return seen[key]
    as_uuid = _as_uuid(entry.organisation_id) if entry.organisation_id else None
    found = Organization.objects.filter(pk=as_uuid).first() if as_uuid else None
    if found is None and entry.organisation:
        found = Organization.objects.filter(name__iexact=entry.organisation).first()
    if found is None and entry.organisation:
        found = Organization(name=entry.organisation, id=as_uuid or uuid.uuid4())
    if found is not None:
        seen.update(dict.fromkeys(keys, found))
    return found


def _terms(entry: Incoming, known: dict[str, TaxonomyTerm]) -> list[uuid.UUID] | None:
    if entry.terms is None:
        return None
    ids: list[uuid.UUID] = []
    for value in entry.terms:
        term = known.get(value)
        if term is None:
            entry.notes.append(f"A need or type of help we do not use was left out: {value}")
        elif term.pk not in ids:
            ids.append(term.pk)
    return ids


# ------------------------------------------------------------------------------ differences


def _show(value: Any) -> str:
    if value is None or value == "":
        return "(none)"
    if isinstance(value, list):
        return "; ".join(str(v) for v in value) or "(none)"
    return str(value)


def _ours(service: Service) -> dict[str, Any]:
    location = next((sal.location for sal in service.at_locations.all()), None)
    return {
        "address": [location.address_1, location.postal_code] if location else ["", ""],
        "phones": sorted(p.number for p in service.phones.all() if p.contact_id is None),
        "terms": sorted(str(a.taxonomy_term_id) for a in service.attributes.all()),
        "times": sorted(_schedule_key(s.__dict__) for s in service.schedules.all()),
        "costs": sorted(str(c.amount) for c in service.cost_options.all() if c.amount),
    }


def _schedule_key(s: dict[str, Any]) -> str:
    opens = s["opens_at"].strftime("%H:%M") if s.get("opens_at") else ""
    closes = s["closes_at"].strftime("%H:%M") if s.get("closes_at") else ""
    return f"{s['byday']} {opens}-{closes}{' term time' if s.get('term_time_only') else ''}"


def _differences(
    service: Service, row: Planned, organisation: Organization | None
) -> list[tuple[str, str, str]]:
    entry = row.entry
    out: list[tuple[str, str, str]] = []
    for name, value in entry.fields.items():
        now = getattr(service, name)
        if (now if now is not None else "") != (value if value is not None else ""):
            out.append((LABELS.get(name, name), _show(now), _show(value)))
    if organisation is not None and organisation.pk != service.organization_id:
        out.append((LABELS["organisation"], service.organization.name, organisation.name))
    ours = _ours(service)
    theirs: dict[str, Any] = {
        "address": [entry.location["address_1"], entry.location["postal_code"]]
        if entry.location
        else None,
        "phones": sorted(entry.phones) if entry.phones is not None else None,
        "terms": sorted(str(t) for t in row.term_ids) if row.term_ids is not None else None,
        "times": sorted(_schedule_key(s) for s in entry.schedules)
        if entry.schedules is not None
        else None,
        "costs": sorted(str(a) for a in entry.amounts if a) if entry.amounts is not None else None,
    }
    for key, value in theirs.items():
        if value is not None and value != ours[key]:
            out.append((LABELS[key], _show(ours[key]), _show(value)))
    return out


def _newer_here(service: Service, entry: Incoming) -> str:
    """Why our entry is newer than what is being imported, or ""."""
    changed = timezone.localtime(service.last_modified)
    if service.changes.filter(status=ChangeStatus.PENDING).exists():
        return "A provider's change to this entry is waiting for approval"
    if service.imported_at is not None:
        if service.last_modified > service.imported_at:
            return f"It was changed here on {changed:%d %B %Y at %H:%M} since it was imported"
        return ""
    if entry.source_modified is None:
        return (
            f"It was made or changed here ({changed:%d %B %Y}) and the file does not say when "
            "its version was last changed"
        )
    if service.last_modified > entry.source_modified:
        return (
            f"It was changed here on {changed:%d %B %Y at %H:%M}, after the imported version "
            f"({timezone.localtime(entry.source_modified):%d %B %Y at %H:%M})"
        )
    return ""


# ------------------------------------------------------------------------------------- plan


def import_plan(entries: list[Incoming], *, replace_local_changes: bool = False) -> list[Planned]:
    """What importing these entries would do, row by row. Reads only: writes nothing."""
    # Terms by our code (a CSV's "terms") and by id (an ORUK feed's taxonomy_term_id).
    known = {key: t for t in TaxonomyTerm.objects.all() for key in (t.code, str(t.pk))}
    seen: dict[str, str] = {}
    new_organisations: dict[str, Organization] = {}
    planned: list[Planned] = []
    for entry in entries:
        row = Planned(entry=entry, action=REJECT, reasons=list(entry.errors))
        planned.append(row)
        if entry.errors:
            continue
        key = entry.source_id or f"{entry.organisation.lower()}|{entry.name.lower()}"
        if key in seen:
            row.reasons.append(f"It is in the file twice (also {seen[key]})")
            continue
        seen[key] = entry.label
        row.organisation = _organisation(entry, new_organisations)
        if row.organisation is None:
            row.reasons.append("Its organisation is not one we know, and the file has no name")
            continue
        row.term_ids = _terms(entry, known)
        service = _match(entry, row.organisation)
        row.service = service
        if service is None:
            row.action = CREATE
            continue
        if service.setting_id is not None:
            row.reasons.append(
                "This entry comes from a school's or setting's record in OpenSEND: change it there"
            )
            continue
        row.changes = _differences(service, row, row.organisation)
        if not row.changes:
            row.action = UNCHANGED
            continue
        newer = _newer_here(service, entry)
        if newer and not replace_local_changes:
            row.action = CONFLICT
            row.reasons.append(newer)
        else:
            row.action = UPDATE
            if newer:
                row.reasons.append(f"{newer}: the change made here will be replaced")
    return planned


# -------------------------------------------------------------------------------- the runs


@transaction.atomic
def import_check(
    *, actor: Actor, kind: str, source: str, text: str, replace_local_changes: bool = False
) -> ImportRun:
    """The dry run: read and plan, and keep what was read so the editor imports exactly what
    they checked. Nothing in the directory changes. Raises ImportFileError for a bad file."""
    _check(actor)
    planned = import_plan(read(kind, text), replace_local_changes=replace_local_changes)
    return ImportRun.objects.create(
        kind=kind,
        source=source[:300],
        content=text,
        replace_local_changes=replace_local_changes,
        run_by=actor,
        report=report_of(planned),
    )


@transaction.atomic
def import_apply(*, actor: Actor, run: ImportRun) -> ImportRun:
    """The real run: plan again (the directory may have changed since the check) and write every
    new entry and update, all or nothing; each written entry is audited and keeps this run, its
    id in the source and when it was imported."""
    _check(actor)
    run = ImportRun.objects.select_for_update().get(pk=run.pk)
    if run.status != ImportStatus.CHECKED:
        raise ValueError("This file has already been imported")
    planned = import_plan(
        read(run.kind, run.content), replace_local_changes=run.replace_local_changes
    )
    for row in planned:
        if row.action in (CREATE, UPDATE):
            row.service = _write(row, run=run, actor=actor)
    run.status = ImportStatus.IMPORTED
    run.imported_at = timezone.now()
    run.run_by = actor
    run.report = report_of(planned)
    run.save()
    audit_record(
        actor=actor,
        action=Action.CREATE,
        obj=run,
        changes=run.report["counts"],
        summary="Imported Local Offer entries",
    )
    return run


def _write(row: Planned, *, run: ImportRun, actor: Actor) -> Service:
    entry, organisation = row.entry, row.organisation
    assert organisation is not None  # noqa: S101 - planned rows to write have one
    if organisation._state.adding:
        organisation.description = organisation.name
        organisation.save()
    service = row.service
    creating = service is None
    if service is None:
        as_uuid = _as_uuid(entry.source_id)
        taken = as_uuid is None or Service.objects.filter(pk=as_uuid).exists()
        service = Service(id=uuid.uuid4() if taken else as_uuid)
    service.organization = organisation
    for name, value in entry.fields.items():
        setattr(service, name, value)
    service.import_run = run
    service.source_ref = entry.source_id
    service.full_clean(exclude=["organization", "setting", "logo", "leaflet", "import_run"])
    service.save()
    _write_related(service, row)
    # The time we took the source's version: a later local edit is newer than it.
    Service.objects.filter(pk=service.pk).update(imported_at=service.last_modified)
    audit_record(
        actor=actor,
        action=Action.CREATE if creating else Action.UPDATE,
        obj=service,
        changes={label: theirs for label, _ours, theirs in row.changes},
        summary=f"Imported the Local Offer entry from {run.source}"[:300],
    )
    return service


def _write_related(service: Service, row: Planned) -> None:
    entry = row.entry
    if entry.location is not None:
        values = {k: v for k, v in entry.location.items() if k not in ("latitude", "longitude")}
        location = Location.objects.filter(**values).first() or Location.objects.create(
            **entry.location
        )
        service.at_locations.exclude(location=location).delete()
        ServiceAtLocation.objects.get_or_create(service=service, location=location)
    if entry.phones is not None:
        service.phones.filter(contact__isnull=True).delete()
        Phone.objects.bulk_create(
            Phone(service=service, number=number, type="voice") for number in entry.phones
        )
    if row.term_ids is not None:
        service.attributes.exclude(taxonomy_term_id__in=row.term_ids).delete()
        for term_id in row.term_ids:
            Attribute.objects.get_or_create(service=service, taxonomy_term_id=term_id)
    if entry.schedules is not None:
        service.schedules.all().delete()
        Schedule.objects.bulk_create(Schedule(service=service, **s) for s in entry.schedules)
    if entry.amounts is not None:
        service.cost_options.all().delete()
        CostOption.objects.bulk_create(
            CostOption(service=service, option="Cost", amount=a) for a in entry.amounts if a
        )
