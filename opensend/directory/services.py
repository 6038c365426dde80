"""Every write to the directory: keyword-only, atomic.

The directory holds no child's record, so its writes are not child audits; changes made by
signed-in people are still written to the audit trail (who changed which entry). Public feedback
and searches without results are anonymous by design: no name, address or session is kept.
"""

from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from opensend.audit.models import Action
from opensend.audit.services import audit_record
from opensend.core.types import Actor
from opensend.core.uploads import (
    DOC,
    DOCX,
    JPEG,
    ODT,
    PDF,
    PNG,
    CheckedUpload,
    attach_document,
    delete_stored,
)
from opensend.directory import access, short_breaks
from opensend.directory.models import (
    EDITABLE_FIELDS,
    Attribute,
    ChangeStatus,
    DocumentKind,
    Feedback,
    FeedbackKind,
    Location,
    Organization,
    SearchWithoutResults,
    Service,
    ServiceAtLocation,
    ServiceChange,
    ServiceDocument,
    ShortBreaksCriteria,
    Taxonomy,
    TaxonomyTerm,
)
from opensend.directory.taxonomy import (
    NEED_TERM_FOR_SEN_TYPE,
    TAXONOMIES,
    taxonomy_uuid,
    term_uuid,
)
from opensend.people.models import Setting

FEEDBACK_MAX_CHARS = 1200
# What a logo and a leaflet may be (core.uploads checks the content, whatever the name says).
DOCUMENT_TYPES: dict[str, set[str]] = {
    DocumentKind.LOGO: {JPEG.content_type, PNG.content_type},
    DocumentKind.LEAFLET: {PDF.content_type, DOC.content_type, DOCX.content_type, ODT.content_type},
}
DOCUMENT_TYPES_TEXT: dict[str, str] = {
    DocumentKind.LOGO: "A logo must be a JPEG or PNG image",
    DocumentKind.LEAFLET: "A leaflet must be a PDF, Word document or OpenDocument text",
}


@transaction.atomic
def taxonomy_ensure() -> dict[str, TaxonomyTerm]:
    """Create or update the SEND taxonomy (fixed ids); returns every term by code."""
    terms: dict[str, TaxonomyTerm] = {}
    for definition in TAXONOMIES:
        taxonomy, _ = Taxonomy.objects.update_or_create(
            id=taxonomy_uuid(definition.code),
            defaults={"name": definition.name, "description": definition.description},
        )
        for term in definition.terms:
            terms[term.code], _ = TaxonomyTerm.objects.update_or_create(
                id=term_uuid(term.code),
                defaults={
                    "code": term.code,
                    "name": term.name,
                    "description": term.description,
                    "taxonomy": taxonomy,
                    "parent": terms.get(term.parent),
                },
            )
    return terms


def _setting_description(setting: Setting) -> str:
    kind = setting.get_kind_display()
    needs = ", ".join(str(n) for n in setting.need_types.all())
    text = f"{kind} ({setting.get_phase_display().lower()})."
    if needs:
        text += f" Specialist provision for: {needs}."
    if setting.places:
        text += f" {setting.places} places."
    return text


@transaction.atomic
def service_entries_from_settings(*, council_name: str) -> int:
    """Present every open in-area setting from the people app as a directory entry.

    Nothing is typed twice: the entry's name, address, phone, email, needs and URN come from the
    setting every time this runs (after a setting changes, or nightly), and the entry stays
    linked to it (`Service.setting`). Returns how many entries were made or refreshed."""
    terms = taxonomy_ensure()
    education = terms["type-education"]
    council, _ = Organization.objects.get_or_create(
        name=council_name,
        defaults={"description": f"{council_name}: schools, colleges and settings in the area."},
    )
    count = 0
    settings = (
        Setting.objects.open()
        .filter(local_authority="")
        .select_related("locality")
        .prefetch_related("need_types")
    )
    for setting in settings:
        service, _ = Service.objects.update_or_create(
            setting=setting,
            defaults={
                "organization": council,
                "name": setting.name,
                "description": _setting_description(setting),
                "email": setting.email,
                "application_process": (
                    "Places are offered through school admissions or, for a child with an EHC "
                    "plan, through the plan. Ask the school or the SEND team."
                ),
                "access_route": "either",
            },
        )
        location, _ = Location.objects.update_or_create(
            external_identifier=setting.urn or f"setting-{setting.pk}",
            external_identifier_type="URN" if setting.urn else "OpenSEND setting",
            defaults={
                "name": setting.name,
                "address_1": setting.address.splitlines()[0] if setting.address else "",
                "city": setting.address.splitlines()[-1] if "\n" in setting.address else "",
                "postal_code": setting.postcode,
            },
        )
        ServiceAtLocation.objects.get_or_create(service=service, location=location)
        if setting.phone:
            service.phones.update_or_create(
                description="Main number", defaults={"number": setting.phone, "type": "voice"}
            )
        wanted = {education.pk} | {
            terms[NEED_TERM_FOR_SEN_TYPE[n.code]].pk
            for n in setting.need_types.all()
            if n.code in NEED_TERM_FOR_SEN_TYPE
        }
        for term_id in wanted:
            Attribute.objects.get_or_create(service=service, taxonomy_term_id=term_id)
        count += 1
    return count


@transaction.atomic
def feedback_record(*, service: Service, kind: str, details: str = "") -> Feedback:
    """Anonymous feedback on an entry. Raises ValueError with a message for bad input."""
    if kind not in FeedbackKind.values:
        raise ValueError("Choose an answer")
    details = details.strip()
    if kind == FeedbackKind.PROBLEM and not details:
        raise ValueError("Tell us what is wrong with this page")
    if len(details) > FEEDBACK_MAX_CHARS:
        raise ValueError(f"Use {FEEDBACK_MAX_CHARS} characters or fewer")
    return Feedback.objects.create(service=service, kind=kind, details=details)


def search_without_results_record(*, words: str, filters: dict[str, Any]) -> None:
    """Keep a search that found nothing (no one's identity), so the council sees the gaps."""
    SearchWithoutResults.objects.create(
        words=words[:200], filters={k: str(v)[:60] for k, v in filters.items() if v}
    )


@transaction.atomic
def service_review(*, actor: Actor, service: Service, today: date) -> Service:
    """An owner or editor confirms the entry is right today: its "last reviewed" date."""
    access.require_keeper(actor, service.organization.owner_id)
    service.assured_date = today
    service.assurer_email = getattr(actor, "email", "") or ""
    service.save(update_fields=["assured_date", "assurer_email", "last_modified", "updated_at"])
    audit_record(actor=actor, action=Action.UPDATE, obj=service, summary="Reviewed the entry")
    return service


def _field_values(service: Service) -> dict[str, Any]:
    return {name: getattr(service, name) for name in EDITABLE_FIELDS}


def _apply(service: Service, values: dict[str, Any], *, checked_on: date, by: Actor) -> None:
    for name, value in values.items():
        setattr(service, name, value)
    service.assured_date = checked_on
    service.assurer_email = getattr(by, "email", "") or ""
    service.full_clean(exclude=["organization", "setting"])
    service.save()


@transaction.atomic
def service_change_propose(
    *, actor: Actor, service: Service, values: dict[str, Any], today: date
) -> ServiceChange | None:
    """A change to an entry. A council editor's is made at once (and returns None); a
    provider's waits for approval (returns the change). Raises ValueError if nothing changed."""
    access.require_keeper(actor, service.organization.owner_id)
    before = _field_values(service)
    changed = {k: v for k, v in values.items() if k in EDITABLE_FIELDS and before[k] != v}
    if not changed:
        raise ValueError("You have not changed anything")
    if access.is_council_editor(actor):
        _apply(service, changed, checked_on=today, by=actor)
        audit_record(
            actor=actor,
            action=Action.UPDATE,
            obj=service,
            changes=_jsonable(changed),
            summary="Changed the Local Offer entry",
        )
        return None
    change = ServiceChange.objects.create(
        service=service,
        before=_jsonable({k: before[k] for k in changed}),
        proposed=_jsonable(changed),
        proposed_by=actor,
    )
    audit_record(
        actor=actor,
        action=Action.CREATE,
        obj=service,
        changes=change.proposed,
        summary="Proposed a change to the Local Offer entry",
    )
    return change


def _jsonable(values: dict[str, Any]) -> dict[str, Any]:
    return {k: (v if v is None or isinstance(v, int | str) else str(v)) for k, v in values.items()}


@transaction.atomic
def service_change_decide(
    *, actor: Actor, change: ServiceChange, approve: bool, reason: str = "", today: date
) -> ServiceChange:
    """A council editor approves a provider's change (it is applied, and the entry counts as
    checked today) or refuses it with a reason the provider sees."""
    if not access.is_council_editor(actor) or change.proposed_by_id == getattr(actor, "pk", None):
        raise PermissionDenied
    if change.status != ChangeStatus.PENDING:
        raise ValueError("This change has already been decided")
    if not approve and not reason.strip():
        raise ValueError("Say why the change is not approved")
    service = Service.objects.select_for_update().get(pk=change.service_id)
    if approve:
        if change.document is not None:
            setattr(service, change.document.kind, change.document)
        _apply(service, change.proposed, checked_on=today, by=actor)
    change.status = ChangeStatus.APPROVED if approve else ChangeStatus.REJECTED
    change.decided_by = actor
    change.decided_at = timezone.now()
    change.reason = reason.strip()
    change.save()
    audit_record(
        actor=actor,
        action=Action.UPDATE,
        obj=service,
        changes=change.proposed if approve else {},
        summary="Approved a change to the Local Offer entry"
        if approve
        else "Did not approve a change to the Local Offer entry",
    )
    return change


@transaction.atomic
def feedback_resolve(*, actor: Actor, feedback: Feedback, response: str) -> Feedback:
    """The owner or an editor says what they did about a reported problem."""
    access.require_keeper(actor, feedback.service.organization.owner_id)
    if feedback.resolved_at is not None:
        raise ValueError("This report has already been dealt with")
    response = response.strip()
    if not response:
        raise ValueError("Say what you did about the problem")
    feedback.response = response[:FEEDBACK_MAX_CHARS]
    feedback.resolved_at = timezone.now()
    feedback.resolved_by = actor
    feedback.save(update_fields=["response", "resolved_at", "resolved_by", "updated_at"])
    audit_record(
        actor=actor,
        action=Action.UPDATE,
        obj=feedback.service,
        summary="Dealt with a problem reported on the Local Offer entry",
    )
    return feedback


@transaction.atomic
def service_document_upload(
    *,
    actor: Actor,
    service: Service,
    kind: str,
    checked: CheckedUpload,
    alt_text: str = "",
) -> ServiceChange | None:
    """A logo or leaflet for an entry, already checked by core.uploads.check_upload. A council
    editor's is public at once (returns None); a provider's waits for approval like any other
    change (returns the change). Raises ValueError for the wrong type or a logo with no text."""
    access.require_keeper(actor, service.organization.owner_id)
    if kind not in DOCUMENT_TYPES:
        raise ValueError("Choose a logo or a leaflet")
    if checked.content_type not in DOCUMENT_TYPES[kind]:
        raise ValueError(DOCUMENT_TYPES_TEXT[kind])
    alt_text = alt_text.strip()[:200]
    if kind == DocumentKind.LOGO and not alt_text:
        raise ValueError("Describe the logo for people who cannot see it")
    document = ServiceDocument(
        service=service, kind=kind, alt_text=alt_text, size=checked.size, uploaded_by=actor
    )
    attach_document(document, checked)
    try:
        document.save()
    except Exception:
        delete_stored(document.document)
        raise
    label = document.get_kind_display().lower()
    change = None
    if access.is_council_editor(actor):
        setattr(service, kind, document)
        service.save(update_fields=[kind, "last_modified", "updated_at"])
    else:
        current = getattr(service, kind)
        change = ServiceChange.objects.create(
            service=service,
            before={kind: current.document_name} if current else {},
            proposed={},
            document=document,
            proposed_by=actor,
        )
    audit_record(
        actor=actor,
        action=Action.CREATE if change else Action.UPDATE,
        obj=service,
        changes={"document": checked.name, "kind": kind},
        summary=f"Proposed a new {label} for the Local Offer entry"
        if change
        else f"Added a {label} to the Local Offer entry",
    )
    return change


CRITERIA_FIELDS = (
    "max_age",
    "open_access_min_age",
    "diagnosis_needed",
    "how_to_apply",
    "statement_url",
)


@transaction.atomic
def short_breaks_criteria_change(
    *, actor: Actor, values: dict[str, Any], reason: str
) -> ShortBreaksCriteria:
    """A council editor sets new short breaks criteria: a new version (who, when, why) that the
    "Could my child get this?" checker uses from now on. Raises ValidationError by field."""
    if not access.is_council_editor(actor):
        raise PermissionDenied
    proposed = {name: values[name] for name in CRITERIA_FIELDS}
    problems = short_breaks.criteria_problems(short_breaks.Criteria(**proposed))
    if not reason.strip():
        problems["reason"] = "Say why the criteria are changing"
    if problems:
        raise ValidationError(problems)
    version = ShortBreaksCriteria.objects.create(
        **proposed, reason=reason.strip()[:300], changed_by=actor
    )
    audit_record(
        actor=actor,
        action=Action.CREATE,
        obj=version,
        changes=proposed,
        summary="Changed the short breaks criteria",
    )
    return version
