"""Factories for the Local Offer directory, and `a_service(...)`, one call for a whole entry."""

import datetime
from decimal import Decimal
from typing import Any

import factory

from opensend.directory import geography
from opensend.directory.models import (
    Accessibility,
    Attribute,
    CostOption,
    Location,
    Organization,
    Phone,
    Schedule,
    Service,
    ServiceAtLocation,
)
from opensend.directory.services import taxonomy_ensure


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    name = factory.Sequence(lambda n: f"Test Charity {n}")
    description = "A made-up charity for tests."


class ServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Service

    organization = factory.SubFactory(OrganizationFactory)
    name = factory.Sequence(lambda n: f"Test Service {n}")
    description = "A made-up service for tests."
    assured_date = factory.LazyFunction(datetime.date.today)


def a_service(
    *,
    name: str = "",
    terms: tuple[str, ...] = (),
    ages: tuple[int | None, int | None] = (None, None),
    district: str = "AT9",
    days: str = "",
    opens: datetime.time | None = None,
    closes: datetime.time | None = None,
    price: Decimal | None = None,
    accessibility: str = "",
    phone: str = "",
    **fields: Any,
) -> Service:
    """A public service with its location in a postcode district, its times, cost and terms."""
    all_terms = taxonomy_ensure()
    extra = {"name": name} if name else {}
    service = ServiceFactory(minimum_age=ages[0], maximum_age=ages[1], **extra, **fields)
    lat, lon = geography.district_centres()[district]
    location = Location.objects.create(
        name=f"{service.name} centre",
        address_1="1 High Street",
        city="Anytown",
        postal_code=f"{district} 1AA",
        latitude=lat,
        longitude=lon,
    )
    ServiceAtLocation.objects.create(service=service, location=location)
    if accessibility:
        Accessibility.objects.create(location=location, description=accessibility)
    if days:
        Schedule.objects.create(service=service, byday=days, opens_at=opens, closes_at=closes)
    if price is not None:
        CostOption.objects.create(service=service, option="Per session", amount=price)
    if phone:
        Phone.objects.create(service=service, number=phone)
    for code in terms:
        Attribute.objects.create(service=service, taxonomy_term=all_terms[code])
    return service
