"""The child or young person's one record ("tell it once"), their family, and settings."""

from datetime import date

from django.conf import settings
from django.db import models

from opensend import statutory
from opensend.core.models import ClosableModel, NeverDeleted, TimeStampedModel
from opensend.people.codes import (
    AccessibleFormat,
    Channel,
    EstablishmentType,
    Ethnicity,
    OfstedGrade,
    Phase,
    Relationship,
    SENType,
    SettingKind,
    Sex,
)
from opensend.people.querysets import ChildQuerySet, SettingQuerySet
from opensend.people.validators import validate_nhs_number, validate_uln, validate_upn


class Locality(models.Model):
    """An area of the council (e.g. North, South) used for teams, settings and planning."""

    name = models.CharField(max_length=80, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "localities"

    def __str__(self) -> str:
        return self.name


class NeedType(models.Model):
    """A DfE SEN type, as a row so settings can say which needs they serve."""

    code = models.CharField(max_length=4, primary_key=True, choices=SENType.choices)

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return self.get_code_display()


class Setting(ClosableModel):
    """A school, college, early years setting, resource base or other provider of education."""

    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=30, choices=SettingKind.choices)
    phase = models.CharField(max_length=20, choices=Phase.choices)
    establishment_type = models.CharField(max_length=30, choices=EstablishmentType.choices)
    urn = models.CharField("URN", max_length=8, blank=True, db_index=True)
    ukprn = models.CharField("UKPRN", max_length=8, blank=True, db_index=True)
    host_setting = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="resource_bases",
        help_text="For a resource base: the mainstream school that hosts it.",
    )
    need_types = models.ManyToManyField(NeedType, blank=True, related_name="settings")
    places = models.PositiveIntegerField(null=True, blank=True)
    locality = models.ForeignKey(
        Locality, null=True, blank=True, on_delete=models.PROTECT, related_name="settings"
    )
    local_authority = models.CharField(
        "local authority", max_length=80, blank=True, help_text="Only for settings out of area."
    )
    ofsted_grade = models.CharField(max_length=1, choices=OfstedGrade.choices, blank=True)
    address = models.TextField(blank=True)
    postcode = models.CharField(max_length=10, blank=True)
    phone = models.CharField(max_length=30, blank=True)
    email = models.EmailField(blank=True)

    objects = SettingQuerySet.as_manager()  # type: ignore[assignment,misc]

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["urn"], condition=~models.Q(urn=""), name="setting_urn_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.name


# The fields of a child's record a person may set (the form, the API and the services agree).
CHILD_FIELDS = [
    "given_name",
    "family_name",
    "preferred_name",
    "date_of_birth",
    "sex",
    "ethnicity",
    "upn",
    "uln",
    "nhs_number",
    "home_language",
    "needs_interpreter",
    "is_looked_after",
    "is_child_in_need",
    "primary_need",
    "secondary_need",
    "address",
    "postcode",
    "locality",
    "caseworker",
    "senar_team",
]

# A parent's or carer's own details (the form, the API and the services agree).
FAMILY_MEMBER_FIELDS = [
    "given_name",
    "family_name",
    "email",
    "phone",
    "address",
    "postcode",
    "preferred_channel",
    "language",
    "needs_interpreter",
    "accessible_format",
]
# What a parent or carer may change about themselves (people.family_details): all but their name.
FAMILY_MEMBER_OWN_FIELDS = [
    f for f in FAMILY_MEMBER_FIELDS if f not in ("given_name", "family_name")
]

# The fields of a setting's record staff may set (need types are set apart: many-to-many).
SETTING_FIELDS = [
    "name",
    "kind",
    "phase",
    "establishment_type",
    "urn",
    "ukprn",
    "host_setting",
    "places",
    "locality",
    "local_authority",
    "ofsted_grade",
    "address",
    "postcode",
    "phone",
    "email",
]


class Child(ClosableModel):
    """A child or young person aged 0 to 25: the one record everyone works from."""

    given_name = models.CharField("first name", max_length=100)
    family_name = models.CharField("last name", max_length=100)
    preferred_name = models.CharField(max_length=100, blank=True)
    date_of_birth = models.DateField()
    sex = models.CharField(max_length=1, choices=Sex.choices, default=Sex.UNKNOWN)
    ethnicity = models.CharField(max_length=4, choices=Ethnicity.choices, default=Ethnicity.NOBT)
    upn = models.CharField(
        "UPN", max_length=13, blank=True, db_index=True, validators=[validate_upn]
    )
    uln = models.CharField("ULN", max_length=10, blank=True, validators=[validate_uln])
    nhs_number = models.CharField(
        "NHS number", max_length=10, blank=True, validators=[validate_nhs_number]
    )
    home_language = models.CharField(max_length=60, default="English")
    needs_interpreter = models.BooleanField(default=False)
    is_looked_after = models.BooleanField("looked after", default=False)
    is_child_in_need = models.BooleanField("child in need", default=False)
    primary_need = models.CharField(max_length=4, choices=SENType.choices, blank=True)
    secondary_need = models.CharField(max_length=4, choices=SENType.choices, blank=True)
    address = models.TextField(blank=True)
    postcode = models.CharField(max_length=10, blank=True)
    locality = models.ForeignKey(
        Locality, null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    caseworker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="caseload",
    )
    senar_team = models.ForeignKey(
        "accounts.Team", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="young_person_record",
        help_text="The young person's own sign-in, once they are 16 or over.",
    )
    merged_into = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="merged_records",
        help_text="Set when this record was a duplicate, merged into the kept record (and closed).",
    )

    objects = ChildQuerySet.as_manager()  # type: ignore[assignment,misc]

    class Meta:
        ordering = ["family_name", "given_name"]
        verbose_name = "child or young person"
        verbose_name_plural = "children and young people"
        indexes = [
            models.Index(fields=["family_name", "given_name"]),
            models.Index(fields=["date_of_birth"]),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.preferred_name or self.given_name} {self.family_name}"

    def age_on(self, on: date) -> int:
        return statutory.age_on(self.date_of_birth, on)

    def nc_year_on(self, on: date) -> int:
        return statutory.national_curriculum_year(self.date_of_birth, on)


class Enrolment(TimeStampedModel):
    """A child on roll at a setting, from a date, until a date (SEN2 placement detail)."""

    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="enrolments")
    setting = models.ForeignKey(Setting, on_delete=models.PROTECT, related_name="enrolments")
    started_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)
    is_main = models.BooleanField(default=True, help_text="Untick for a second (dual) placement.")

    class Meta:
        ordering = ["-started_on"]
        indexes = [models.Index(fields=["setting", "ended_on"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True)
                | models.Q(ended_on__gte=models.F("started_on")),
                name="enrolment_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.child} at {self.setting}"


class FamilyMember(ClosableModel):
    """A parent or carer, recorded once even if they have several children in the service."""

    given_name = models.CharField("first name", max_length=100)
    family_name = models.CharField("last name", max_length=100)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=30, blank=True)
    address = models.TextField(blank=True)
    postcode = models.CharField(max_length=10, blank=True)
    preferred_channel = models.CharField(
        max_length=10, choices=Channel.choices, default=Channel.EMAIL
    )
    language = models.CharField(max_length=60, default="English")
    needs_interpreter = models.BooleanField(default=False)
    accessible_format = models.CharField(
        max_length=20, choices=AccessibleFormat.choices, blank=True
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="family_member",
    )
    children = models.ManyToManyField(  # type: ignore[var-annotated]
        Child, through="FamilyRelationship", related_name="family_members"
    )

    class Meta:
        ordering = ["family_name", "given_name"]

    def __str__(self) -> str:
        return f"{self.given_name} {self.family_name}"


class FamilyRelationship(TimeStampedModel):
    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="relationships")
    family_member = models.ForeignKey(
        FamilyMember, on_delete=models.PROTECT, related_name="relationships"
    )
    relationship = models.CharField(max_length=20, choices=Relationship.choices)
    has_parental_responsibility = models.BooleanField(default=True)
    lives_with_child = models.BooleanField(default=True)
    is_main_contact = models.BooleanField(default=False)

    class Meta:
        ordering = ["-is_main_contact", "family_member__family_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["child", "family_member"], name="one_relationship_per_pair"
            )
        ]

    def __str__(self) -> str:
        return f"{self.family_member} ({self.get_relationship_display()}) of {self.child}"


class ProfessionalInvolvement(ClosableModel):
    """An organisation (health, social care, EP) working with a child: their caseload."""

    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="involvements")
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="involvements"
    )
    description = models.CharField(max_length=200, blank=True)
    started_on = models.DateField()

    class Meta:
        ordering = ["-started_on"]
        indexes = [models.Index(fields=["organisation", "closed_at"])]

    def __str__(self) -> str:
        return f"{self.organisation} with {self.child}"


class Consent(ClosableModel):
    """Consent to share information, given by a parent or the young person, until withdrawn."""

    class Purpose(models.TextChoices):
        SHARE_HEALTH = "share_health", "Share information with health services"
        SHARE_SOCIAL_CARE = "share_social_care", "Share information with social care"
        SHARE_SETTINGS = "share_settings", "Share information with schools and colleges"
        CONTACT_RESEARCH = "research", "Be contacted about research and feedback"

    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="consents")
    purpose = models.CharField(max_length=30, choices=Purpose.choices)
    given_by = models.CharField(max_length=200)
    given_on = models.DateField()

    class Meta:
        ordering = ["-given_on"]

    def __str__(self) -> str:
        return f"{self.get_purpose_display()} ({self.given_by})"


class ChildMerge(NeverDeleted):
    """Two records for one child made one (issue 12, item 5): which was kept, which was merged
    away, and exactly what moved, so an administrator can reverse it.

    `moved` and `left_behind` are {"app_label.model.field": [pk, ...]}: the rows re-pointed to the
    kept record, and those left on the merged-away record because the kept record already had
    the same (a parent linked to both). `overwritten` is {field attname: [the kept record's value
    before, the value taken from the merged-away record]}, as JSON values. `row_changes` is
    {"app_label.model": {pk: {attname: value before}}} for rows changed as they moved (a second
    main contact is no longer the main contact)."""

    kept = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="merges_kept")
    merged = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="merges_away")
    merged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    moved = models.JSONField(default=dict, blank=True)
    left_behind = models.JSONField(default=dict, blank=True)
    overwritten = models.JSONField(default=dict, blank=True)
    row_changes = models.JSONField(default=dict, blank=True)
    moved_user_id = models.BigIntegerField(
        null=True, blank=True, help_text="The young person's sign-in, moved to the kept record."
    )
    reversed_at = models.DateTimeField(null=True, blank=True)
    reversed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reversal_notes = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "merge of two child records"

    def __str__(self) -> str:
        return f"Record {self.merged_id} merged into record {self.kept_id}"

    @property
    def is_reversed(self) -> bool:
        return self.reversed_at is not None


class ParentSharing(ClosableModel):
    """What a young person lets their parents see on the family pages (issue 14, item 1;
    docs/family-portal.md). Over compulsory school age the young person holds the rights
    (Children and Families Act 2014, s.83(2); SEND Code of Practice 2015, 8.13), so they choose.

    Each choice is a new row, dated; the one before is closed ("Replaced by a newer choice"), so
    the history stays. Where the young person lacks the mental capacity to decide (Mental Capacity
    Act 2005), staff record that instead: their parent then acts for them (CFA 2014 s.80; SEND
    Regulations 2014, reg 64) and sees everything. `people.sharing` holds the rules."""

    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="parent_sharing")
    parent_sees_progress = models.BooleanField(
        help_text="Where things are and what happens next: the steps and their dates."
    )
    parent_sees_plan = models.BooleanField(
        help_text="The EHC plan, its drafts and changes, reviews, advice and the papers about them."
    )
    lacks_capacity = models.BooleanField(
        default=False,
        help_text="Recorded by staff: the young person lacks capacity to decide (MCA 2005), so "
        "their parent acts for them (reg 64).",
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decided_on = models.DateField()
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["-decided_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["child"],
                condition=models.Q(closed_at__isnull=True),
                name="one_current_parent_sharing_choice",
            )
        ]

    def __str__(self) -> str:
        return f"What {self.child}'s parents see (from {self.decided_on:%d %B %Y})"


class DetailsCorrection(ClosableModel):
    """A family asking us to correct a child's or young person's details (issue 14, item 3). It
    goes to the caseworker as a request: the record is never changed by the family directly.
    Closed, with what was done, once the caseworker has dealt with it."""

    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="corrections")
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    what = models.TextField("what is wrong and what it should say", max_length=2000)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"Correction asked for {self.child} on {self.created_at:%d %B %Y}"


class YoungPersonContact(ClosableModel):
    """How a young person wants to hear from us (issue 14, item 3), chosen by the young person
    on their own "Your details" page. Messages go to them by this choice
    (`notify.services.recipient_for_young_person`): email to their sign-in address, a text to
    `phone`, or a letter to the address on their record.

    Each change is a new row; the one before is closed ("Replaced by newer details"), so the
    history stays, and every change is audited (`people.young_person_contact`)."""

    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="contact_choices")
    preferred_channel = models.CharField(
        max_length=10,
        choices=[(c.value, c.label) for c in Channel if c != Channel.PHONE],
        default=Channel.EMAIL,
    )
    phone = models.CharField(max_length=30, blank=True)
    language = models.CharField(max_length=60, default="English")
    needs_interpreter = models.BooleanField(default=False)
    accessible_format = models.CharField(
        max_length=20, choices=AccessibleFormat.choices, blank=True
    )
    chosen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["child"],
                condition=models.Q(closed_at__isnull=True),
                name="one_current_young_person_contact",
            )
        ]

    def __str__(self) -> str:
        return f"How {self.child} hears from us"
