"""The Local Offer directory, shaped as Open Referral UK 3.0 (the UK profile of HSDS 3.0).

One table per HSDS table the profile uses, named and with fields as the standard names them, and
UUID identifiers as the standard expects ("Each service must have a unique identifier", format
uuid: https://github.com/OpenReferralUK/uk-profile, schema/compiled/service.json). Where families
need more than the strict profile keeps (phone numbers, eligibility and fees text, how to apply,
language names) the field keeps its HSDS 3.0 name (e.g. `eligibility_description`,
`application_process`) and the API publishes it as an additional field.

Taxonomy terms are linked to services by `Attribute` rows (HSDS 3.0 "attribute": a link between
an entity and a taxonomy term). The SEND taxonomy (needs, age groups, service types) is in
`taxonomy.py`.
"""

import uuid

from django.conf import settings
from django.db import models

from opensend.core.models import TimeStampedModel
from opensend.directory.querysets import ServiceQuerySet


class UUIDModel(TimeStampedModel):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)

    class Meta:
        abstract = True


class Organization(UUIDModel):
    """HSDS organization: who provides services (a charity, the council, a school)."""

    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    email = models.EmailField(blank=True)
    website = models.URLField(blank=True)
    logo = models.URLField(blank=True)
    uri = models.URLField(blank=True)
    parent_organization = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    # Whose Local Offer editors keep these entries (a provider's, or the council's): their
    # changes go to a council editor for approval before they are public.
    owner = models.ForeignKey(
        "accounts.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="directory_organisations",
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Taxonomy(UUIDModel):
    """HSDS taxonomy: a named vocabulary of terms (our SEND taxonomy has three)."""

    name = models.CharField(max_length=120)
    description = models.TextField()
    uri = models.URLField(blank=True)
    version = models.CharField(max_length=20, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "taxonomies"

    def __str__(self) -> str:
        return self.name


class TaxonomyTerm(UUIDModel):
    """HSDS taxonomy_term: one term (e.g. "Autism", "Short breaks", "Ages 5 to 11")."""

    code = models.SlugField(max_length=60, unique=True, help_text="Our own stable key.")
    name = models.CharField(max_length=120)
    description = models.TextField()
    taxonomy = models.ForeignKey(Taxonomy, on_delete=models.PROTECT, related_name="terms")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    term_uri = models.URLField(blank=True)

    class Meta:
        ordering = ["taxonomy__name", "name"]

    def __str__(self) -> str:
        return self.name


class ServiceStatus(models.TextChoices):
    ACTIVE = "active", "Active"
    INACTIVE = "inactive", "Inactive"
    DEFUNCT = "defunct", "Defunct"
    TEMPORARILY_CLOSED = "temporarily closed", "Temporarily closed"


class AccessRoute(models.TextChoices):
    """How a family gets the service (published in `application_process`)."""

    SELF_REFERRAL = "self", "You can contact them yourself"
    REFERRAL = "referral", "A professional must refer you"
    EITHER = "either", "Contact them yourself or ask a professional to refer you"


class Service(UUIDModel):
    """HSDS service: what an organisation offers families."""

    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="services"
    )
    name = models.CharField(max_length=200)
    description = models.TextField()
    url = models.URLField(blank=True)
    email = models.EmailField(blank=True)
    status = models.CharField(
        max_length=20, choices=ServiceStatus.choices, default=ServiceStatus.ACTIVE
    )
    # HSDS 3.0 field names kept for what the UK profile drops (published as additional fields).
    eligibility_description = models.TextField(blank=True)
    application_process = models.TextField(blank=True)
    access_route = models.CharField(
        max_length=10, choices=AccessRoute.choices, default=AccessRoute.SELF_REFERRAL
    )
    fees_description = models.TextField(blank=True)
    accreditations = models.TextField(blank=True)
    minimum_age = models.PositiveSmallIntegerField(null=True, blank=True)
    maximum_age = models.PositiveSmallIntegerField(null=True, blank=True)
    # "The date that the information about the service was last checked" (assured_date): what
    # families see as "last reviewed"; more than 12 months ago is stale.
    assured_date = models.DateField(null=True, blank=True)
    assurer_email = models.EmailField(blank=True)
    # When its keepers were last reminded to check it (directory.reminders).
    reminded_on = models.DateField(null=True, blank=True)
    alert = models.TextField(blank=True)
    last_modified = models.DateTimeField(auto_now=True, db_index=True)
    # A school, college or other setting from the people app is presented through its entry here:
    # its name, address and contact details come from the setting (directory.services
    # service_entries_from_settings), never typed twice.
    setting = models.OneToOneField(
        "people.Setting",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="directory_entry",
    )
    terms = models.ManyToManyField(  # type: ignore[var-annotated]
        TaxonomyTerm, through="Attribute", related_name="services", blank=True
    )
    # Where the entry came from when it was imported (directory.imports): the import that last
    # wrote it, its id or row in that source, and when (a later local edit is then newer).
    import_run = models.ForeignKey(
        "directory.ImportRun", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    source_ref = models.CharField(max_length=200, blank=True)
    imported_at = models.DateTimeField(null=True, blank=True)
    # The approved logo and leaflet (directory.models_upkeep.ServiceDocument).
    logo = models.ForeignKey(
        "directory.ServiceDocument",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    leaflet = models.ForeignKey(
        "directory.ServiceDocument",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = ServiceQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Attribute(UUIDModel):
    """HSDS attribute: links a service to a taxonomy term."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="attributes")
    taxonomy_term = models.ForeignKey(
        TaxonomyTerm, on_delete=models.PROTECT, related_name="attributes"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["service", "taxonomy_term"], name="directory_attribute_unique"
            )
        ]


class LocationType(models.TextChoices):
    PHYSICAL = "physical", "A place you can visit"
    VIRTUAL = "virtual", "Online or by phone"
    POSTAL = "postal", "A postal address"


class Location(UUIDModel):
    """HSDS location, with its one physical address (HSDS address) kept on the row."""

    location_type = models.CharField(
        max_length=10, choices=LocationType.choices, default=LocationType.PHYSICAL
    )
    name = models.CharField(max_length=200, blank=True)
    description = models.TextField(blank=True)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    external_identifier = models.CharField(max_length=40, blank=True)
    external_identifier_type = models.CharField(max_length=40, blank=True)
    address_1 = models.CharField(max_length=200, blank=True)
    city = models.CharField(max_length=100, blank=True)
    state_province = models.CharField(max_length=100, blank=True)
    postal_code = models.CharField(max_length=10, blank=True)
    country = models.CharField(max_length=2, default="GB")

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name or self.address_1


class ServiceAtLocation(UUIDModel):
    """HSDS service_at_location: a service delivered at a location."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="at_locations")
    location = models.ForeignKey(Location, on_delete=models.PROTECT, related_name="at_locations")
    description = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["service", "location"], name="directory_sal_unique")
        ]

    def __str__(self) -> str:
        return f"{self.service} at {self.location}"


class Accessibility(UUIDModel):
    """HSDS accessibility: what a location offers (step-free access, a quiet room...)."""

    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="accessibility")
    description = models.TextField()
    details = models.TextField(blank=True)
    url = models.URLField(blank=True)

    class Meta:
        verbose_name_plural = "accessibility"


class Contact(UUIDModel):
    """HSDS contact: a named person or team for a service."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(max_length=120, blank=True)
    title = models.CharField(max_length=120, blank=True)
    department = models.CharField(max_length=120, blank=True)
    email = models.EmailField(blank=True)


class Phone(UUIDModel):
    """HSDS phone: a number for a service or one of its contacts."""

    service = models.ForeignKey(
        Service, null=True, blank=True, on_delete=models.CASCADE, related_name="phones"
    )
    contact = models.ForeignKey(
        Contact, null=True, blank=True, on_delete=models.CASCADE, related_name="phones"
    )
    number = models.CharField(max_length=30)
    type = models.CharField(max_length=20, blank=True, help_text="text, voice, fax, sms...")
    description = models.CharField(max_length=200, blank=True)


class Weekday(models.TextChoices):
    """RFC 5545 day codes, as HSDS schedule `byday` uses them."""

    MO = "MO", "Monday"
    TU = "TU", "Tuesday"
    WE = "WE", "Wednesday"
    TH = "TH", "Thursday"
    FR = "FR", "Friday"
    SA = "SA", "Saturday"
    SU = "SU", "Sunday"


WEEKDAY_ORDER = [d.value for d in Weekday]


class Schedule(UUIDModel):
    """HSDS schedule: when a service runs, as an RFC 5545 weekly rule (freq WEEKLY, byday)."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="schedules")
    service_at_location = models.ForeignKey(
        ServiceAtLocation, null=True, blank=True, on_delete=models.CASCADE, related_name="schedules"
    )
    freq = models.CharField(max_length=10, default="WEEKLY")
    interval = models.PositiveSmallIntegerField(default=1)
    byday = models.CharField(max_length=30, help_text="Comma-separated day codes, e.g. MO,WE,SA.")
    opens_at = models.TimeField(null=True, blank=True)
    closes_at = models.TimeField(null=True, blank=True)
    valid_from = models.DateField(null=True, blank=True)
    valid_to = models.DateField(null=True, blank=True)
    # Term time only: our extension, also said in `description` for other HSDS readers.
    term_time_only = models.BooleanField(default=False)
    description = models.TextField(blank=True)
    attending_type = models.CharField(max_length=20, blank=True, help_text="in person, online...")
    notes = models.TextField(blank=True)

    @property
    def days(self) -> list[str]:
        return [d for d in self.byday.split(",") if d in WEEKDAY_ORDER]


class CostOption(UUIDModel):
    """HSDS cost_option: what a service costs (amount 0, or none at all, means free)."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="cost_options")
    option = models.CharField(max_length=200, blank=True)
    amount = models.DecimalField(max_digits=8, decimal_places=2, null=True, blank=True)
    currency = models.CharField(max_length=3, default="GBP")
    amount_description = models.CharField(max_length=200, blank=True)
    valid_from = models.DateField(null=True, blank=True)
    valid_to = models.DateField(null=True, blank=True)


class ServiceArea(UUIDModel):
    """HSDS service_area: where the service is offered (our localities, or the whole area)."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="service_areas")
    name = models.CharField(max_length=120)
    description = models.TextField(blank=True)
    extent = models.TextField(blank=True)
    extent_type = models.CharField(max_length=20, blank=True)
    uri = models.URLField(blank=True)


class Language(UUIDModel):
    """HSDS language: a language the service is offered in."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="languages")
    name = models.CharField(max_length=60)
    code = models.CharField(max_length=10, blank=True, help_text="ISO 639 code, e.g. en, pa.")
    note = models.CharField(max_length=200, blank=True)


class Funding(UUIDModel):
    """HSDS funding: where the service's money comes from."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="funding")
    source = models.CharField(max_length=200)


class FeedbackKind(models.TextChoices):
    USEFUL = "useful", "This page was useful"
    NOT_USEFUL = "not_useful", "This page was not useful"
    PROBLEM = "problem", "A problem with this page"


class Feedback(TimeStampedModel):
    """What a visitor said about an entry: "Was this useful?" or "Report a problem". Anonymous:
    no name, email or address is kept. Counts feed the Local Offer KPIs."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="feedback")
    kind = models.CharField(max_length=12, choices=FeedbackKind.choices)
    details = models.TextField(blank=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    # What the owner or editor did about a reported problem.
    response = models.TextField(blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]


class SearchWithoutResults(TimeStampedModel):
    """A public search that found nothing: the gaps in the offer the council should see.
    Only the words and filters are kept, never who searched (no address, no session)."""

    words = models.CharField(max_length=200, blank=True)
    filters = models.JSONField(default=dict)

    class Meta:
        ordering = ["-created_at"]
        verbose_name_plural = "searches without results"


class ChangeStatus(models.TextChoices):
    PENDING = "pending", "Waiting for approval"
    APPROVED = "approved", "Approved"
    REJECTED = "rejected", "Not approved"


# The fields of an entry a provider may change, with their labels on the form and in the diff
# an editor approves (the form, the diff and the approval agree).
FIELD_LABELS = {
    "name": "Name of the service",
    "description": "What it is",
    "eligibility_description": "Who it is for",
    "application_process": "How to get it",
    "access_route": "Can families contact you themselves?",
    "minimum_age": "Youngest age (years)",
    "maximum_age": "Oldest age (years)",
    "email": "Email address",
    "url": "Website",
    "alert": "Notice for families (for example, closed for the holidays)",
}
EDITABLE_FIELDS = list(FIELD_LABELS)


class ServiceChange(TimeStampedModel):
    """A provider's change to an entry, kept apart until a council editor approves it (then it
    is applied and the entry counts as checked today) or refuses it with a reason."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="changes")
    before = models.JSONField(help_text="The fields as they were when the change was proposed.")
    proposed = models.JSONField(help_text="The fields the provider changed, with new values.")
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="directory_changes"
    )
    status = models.CharField(
        max_length=10, choices=ChangeStatus.choices, default=ChangeStatus.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    reason = models.TextField(blank=True)
    # A new logo or leaflet, shown to the editor with the change and made public on approval.
    document = models.ForeignKey(
        "directory.ServiceDocument",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        ordering = ["created_at", "pk"]


# Imports, uploaded files and the short breaks criteria are kept in their own module.
from opensend.directory.models_upkeep import (  # noqa: E402, F401
    DocumentKind,
    ImportRun,
    ServiceDocument,
    ShortBreaksCriteria,
)
