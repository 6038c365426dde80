"""Directory rows as Open Referral UK 3.0 JSON (the UK profile of HSDS 3.0).

Shapes follow the profile's compiled schemas (kept in `oruk_schema/`): `service_list.json` for a
row of `/services`, `service.json` for `/services/{id}` (fully nested), `service_at_location_list`
and `service_at_location` for `/service_at_locations`, `taxonomy.json` and `taxonomy_term.json`.

A field with no value is left out rather than sent as null or "" (the schemas type every field as
a string, number or array, and an empty "url" is not a URI). What families need that the strict
profile drops is added under HSDS 3.0's own names, never by changing a profile field:
`eligibility_description`, `application_process`, `fees_description` on a service, `phones`
(HSDS phone), `name` and `code` on a language, `term_time_only` on a schedule.

Logos and leaflets. HSDS 3.0 has a `logo` ("A URL to an image associated with the organization
which can be presented alongside its name") on the organisation only, and no field for a
leaflet. An organisation's own logo address is its `logo`; an entry's approved logo is the
service's `logo` (the same name and meaning, for the service), and its approved leaflet is an
entry of `additional_urls` (HSDS 3.1's list of `url` objects with `id`, `label`, `url`,
`service_id`) on the fully nested service. Both are absolute addresses of the public download
(`directory:service_file`), which serves only an approved file of a public entry. They need the
request to make the address absolute (`link`); without one (an export) they are left out.
"""

import uuid
from collections.abc import Callable
from typing import Any

from django.urls import reverse

from opensend.core.uploads import KINDS_BY_TYPE, size_text
from opensend.directory.models import (
    Location,
    Organization,
    Schedule,
    Service,
    ServiceAtLocation,
    Taxonomy,
    TaxonomyTerm,
)
from opensend.directory.taxonomy import NAMESPACE

# Makes a path absolute: `request.build_absolute_uri`.
Link = Callable[[str], str] | None

HSDS_VERSION = "3.0"
PROFILE_URL = "https://github.com/OpenReferralUK/uk-profile"


def _clean(row: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in row.items() if v not in (None, "")}


def _derived_id(kind: str, pk: Any) -> str:
    """An id for a row we keep inside another (a location's address): stable, a UUID."""
    return str(uuid.uuid5(NAMESPACE, f"{kind}:{pk}"))


def organization(org: Organization) -> dict[str, Any]:
    return _clean(
        {
            "id": str(org.id),
            "name": org.name,
            "description": org.description or org.name,
            "email": org.email,
            "website": org.website,
            "logo": org.logo,
            "uri": org.uri,
            "parent_organization_id": (
                str(org.parent_organization_id) if org.parent_organization_id else None
            ),
        }
    )


def _file_url(service: Service, document_id: int, link: Callable[[str], str]) -> str:
    return link(reverse("directory:service_file", args=[service.id, document_id]))


def _leaflet(service: Service, link: Link) -> list[dict[str, Any]]:
    """The approved leaflet as an HSDS 3.1 `url` object (what it is, its type and size)."""
    leaflet = service.leaflet
    if leaflet is None or link is None:
        return []
    kind = KINDS_BY_TYPE.get(leaflet.document_type)
    about = f"{kind.label if kind else 'File'}, {size_text(leaflet.size)}"
    return [
        {
            "id": _derived_id("leaflet", leaflet.pk),
            "label": f"Leaflet: {leaflet.document_name} ({about})",
            "url": _file_url(service, leaflet.pk, link),
            "service_id": str(service.id),
        }
    ]


def service_row(service: Service, link: Link = None) -> dict[str, Any]:
    """The one-to-one fields of a service (and its organisation), as in `/services`."""
    logo = _file_url(service, service.logo_id, link) if service.logo_id and link else None
    return _clean(
        {
            "id": str(service.id),
            "organization_id": str(service.organization_id),
            "name": service.name,
            "description": service.description,
            "url": service.url,
            "email": service.email,
            "status": service.status,
            "accreditations": service.accreditations,
            "minimum_age": service.minimum_age,
            "maximum_age": service.maximum_age,
            "assured_date": service.assured_date.isoformat() if service.assured_date else None,
            "assurer_email": service.assurer_email,
            "alert": service.alert,
            "last_modified": service.last_modified.isoformat(),
            "organization": organization(service.organization),
            # Additional HSDS 3.0 fields the UK profile does not carry.
            "eligibility_description": service.eligibility_description,
            "application_process": service.application_process,
            "fees_description": service.fees_description,
            "logo": logo,
        }
    )


def taxonomy_term(term: TaxonomyTerm) -> dict[str, Any]:
    return _clean(
        {
            "id": str(term.id),
            "name": term.name,
            "description": term.description,
            "parent_id": str(term.parent_id) if term.parent_id else None,
            "taxonomy": term.taxonomy.name,
            "taxonomy_id": str(term.taxonomy_id),
            "term_uri": term.term_uri,
            "term": term.code,
        }
    )


def taxonomy(tax: Taxonomy) -> dict[str, Any]:
    return _clean(
        {
            "id": str(tax.id),
            "name": tax.name,
            "description": tax.description,
            "uri": tax.uri,
            "version": tax.version,
        }
    )


def _schedule(schedule: Schedule) -> dict[str, Any]:
    return _clean(
        {
            "id": str(schedule.id),
            "service_id": str(schedule.service_id),
            "service_at_location_id": (
                str(schedule.service_at_location_id) if schedule.service_at_location_id else None
            ),
            "valid_from": schedule.valid_from.isoformat() if schedule.valid_from else None,
            "valid_to": schedule.valid_to.isoformat() if schedule.valid_to else None,
            "freq": schedule.freq,
            "interval": schedule.interval,
            "byday": schedule.byday,
            "opens_at": schedule.opens_at.strftime("%H:%M") if schedule.opens_at else None,
            "closes_at": schedule.closes_at.strftime("%H:%M") if schedule.closes_at else None,
            "description": schedule.description
            or ("Term time only" if schedule.term_time_only else None),
            "attending_type": schedule.attending_type,
            "notes": schedule.notes,
            "term_time_only": schedule.term_time_only,
        }
    )


def location_row(location: Location) -> dict[str, Any]:
    return _clean(
        {
            "id": str(location.id),
            "location_type": location.location_type,
            "name": location.name,
            "description": location.description,
            "latitude": location.latitude,
            "longitude": location.longitude,
            "external_identifier": location.external_identifier,
            "external_identifier_type": location.external_identifier_type,
        }
    )


def location_full(location: Location) -> dict[str, Any]:
    row = location_row(location)
    row["addresses"] = (
        [
            {
                "id": _derived_id("address", location.id),
                "location_id": str(location.id),
                "address_1": location.address_1,
                "city": location.city,
                "state_province": location.state_province,
                "postal_code": location.postal_code,
                "country": location.country,
                "address_type": "physical",
            }
        ]
        if location.address_1 or location.postal_code
        else []
    )
    row["accessibility"] = [
        _clean(
            {
                "id": str(a.id),
                "location_id": str(location.id),
                "description": a.description,
                "details": a.details,
                "url": a.url,
            }
        )
        for a in location.accessibility.all()
    ]
    return row


def _phone(phone: Any) -> dict[str, Any]:
    return _clean(
        {
            "id": str(phone.id),
            "service_id": str(phone.service_id) if phone.service_id else None,
            "contact_id": str(phone.contact_id) if phone.contact_id else None,
            "number": phone.number,
            "type": phone.type,
            "description": phone.description,
        }
    )


def _attribute(attr: Any) -> dict[str, Any]:
    return {
        "id": str(attr.id),
        "link_id": str(attr.service_id),
        "link_type": "service",
        "link_entity": "service",
        "taxonomy_term_id": str(attr.taxonomy_term_id),
        "taxonomy_term": taxonomy_term(attr.taxonomy_term),
    }


def service_full(service: Service, link: Link = None) -> dict[str, Any]:
    """`/services/{id}`: the service with everything about it nested."""
    row = service_row(service, link)
    row["schedules"] = [_schedule(s) for s in service.schedules.all()]
    row["service_areas"] = [
        _clean(
            {
                "id": str(a.id),
                "service_id": str(service.id),
                "name": a.name,
                "description": a.description,
                "extent": a.extent,
                "extent_type": a.extent_type,
                "uri": a.uri,
            }
        )
        for a in service.service_areas.all()
    ]
    row["service_at_locations"] = [
        {
            "id": str(sal.id),
            "service_id": str(service.id),
            "location_id": str(sal.location_id),
            "location": location_full(sal.location),
        }
        for sal in service.at_locations.all()
    ]
    row["languages"] = [
        _clean(
            {
                "id": str(lang.id),
                "service_id": str(service.id),
                "name": lang.name,
                "code": lang.code,
                "note": lang.note,
            }
        )
        for lang in service.languages.all()
    ]
    row["funding"] = [
        {"id": str(f.id), "service_id": str(service.id), "source": f.source}
        for f in service.funding.all()
    ]
    row["cost_options"] = [
        _clean(
            {
                "id": str(c.id),
                "service_id": str(service.id),
                "valid_from": c.valid_from.isoformat() if c.valid_from else None,
                "valid_to": c.valid_to.isoformat() if c.valid_to else None,
                "option": c.option,
                "amount": float(c.amount) if c.amount is not None else None,
                "currency": c.currency,
                "amount_description": c.amount_description,
            }
        )
        for c in service.cost_options.all()
    ]
    row["contacts"] = [
        _clean(
            {
                "id": str(c.id),
                "service_id": str(service.id),
                "name": c.name,
                "title": c.title,
                "department": c.department,
                "email": c.email,
                "phones": [_phone(p) for p in c.phones.all()],
            }
        )
        for c in service.contacts.all()
    ]
    row["attributes"] = [_attribute(a) for a in service.attributes.all()]
    row["phones"] = [_phone(p) for p in service.phones.all()]
    row["additional_urls"] = _leaflet(service, link)
    return row


def service_at_location_row(sal: ServiceAtLocation, link: Link = None) -> dict[str, Any]:
    return {
        "id": str(sal.id),
        "service_id": str(sal.service_id),
        "location_id": str(sal.location_id),
        "location": location_row(sal.location),
        "service": service_row(sal.service, link),
    }


def service_at_location_full(sal: ServiceAtLocation, link: Link = None) -> dict[str, Any]:
    """`/service_at_locations/{id}`. The profile's OpenAPI document gives this path the schema
    of a service (`compiled/service.json`, which requires `name` and `status`), and the
    Open Referral UK validator checks it against that, while `service_at_location.json` has
    neither: so the service's `name` and `status` are here too, and it validates against both."""
    service = service_full(sal.service, link)
    service.pop("service_at_locations", None)
    return {
        "id": str(sal.id),
        "name": sal.service.name,
        "status": sal.service.status,
        "service_id": str(sal.service_id),
        "location_id": str(sal.location_id),
        "location": location_full(sal.location),
        "service": service,
    }
