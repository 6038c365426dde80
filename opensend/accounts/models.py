"""Users, the organisations they work for, SENAR teams, and who holds which role where."""

from datetime import datetime
from typing import ClassVar

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models

from opensend.accounts.roles import OrganisationKind, Role
from opensend.core.models import ClosableModel, TimeStampedModel


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra: object) -> "User":
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra: object) -> "User":
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra)


class User(AbstractUser):
    """Anyone who signs in: staff of any organisation, parents and carers, young people.

    People sign in with their email address; there is no separate username.
    """

    username = None  # type: ignore[assignment,misc]
    email = models.EmailField("email address", unique=True)
    phone = models.CharField(max_length=30, blank=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    objects = UserManager()  # type: ignore[assignment,misc]

    class Meta:
        ordering = ["last_name", "first_name"]

    def __str__(self) -> str:
        return self.get_full_name() or self.email


class Organisation(ClosableModel):
    """The council, an NHS body, social care, a school or college, the EP service, a provider."""

    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=OrganisationKind.choices)
    setting = models.OneToOneField(
        "people.Setting",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="organisation",
        help_text="For a school, college or early years setting: its record in the settings list.",
    )
    ods_code = models.CharField("ODS code", max_length=10, blank=True)
    email = models.EmailField(blank=True)
    lead_email = models.EmailField(
        blank=True, help_text="Who hears when this organisation's statutory advice is late."
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Team(ClosableModel):
    """A SENAR team: caseworkers and their manager, usually covering one locality."""

    name = models.CharField(max_length=120)
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="teams")
    locality = models.ForeignKey(
        "people.Locality", null=True, blank=True, on_delete=models.PROTECT, related_name="teams"
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class MembershipQuerySet(models.QuerySet["Membership"]):
    def current(self) -> "MembershipQuerySet":
        return self.filter(closed_at__isnull=True)


class Membership(ClosableModel):
    """A person holding a role in an organisation (and, for SENAR staff, a team)."""

    user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="memberships")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="memberships"
    )
    role = models.CharField(max_length=30, choices=Role.choices)
    team = models.ForeignKey(
        Team, null=True, blank=True, on_delete=models.PROTECT, related_name="memberships"
    )
    job_title = models.CharField(max_length=120, blank=True)

    objects = MembershipQuerySet.as_manager()  # type: ignore[assignment,misc]

    class Meta:
        ordering = ["organisation__name", "role"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation", "role"],
                condition=models.Q(closed_at__isnull=True),
                name="one_current_membership_per_role",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} at {self.organisation}"


class InvitationQuerySet(models.QuerySet["Invitation"]):
    def open(self) -> "InvitationQuerySet":
        """Sent, not yet used and not cancelled (it may still have expired: see `is_expired`)."""
        return self.filter(accepted_at__isnull=True, cancelled_at__isnull=True)


class Invitation(models.Model):
    """An email inviting someone to set their password. The link's token is signed, never
    stored: it names this row and when it was sent, and stops working once the row is used,
    cancelled or replaced by a newer invitation, or when `expires_at` passes."""

    user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="invitations")
    invited_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    sent_at = models.DateTimeField("sent")
    expires_at = models.DateTimeField("expires")
    accepted_at = models.DateTimeField("password set", null=True, blank=True)
    cancelled_at = models.DateTimeField("cancelled", null=True, blank=True)
    cancelled_because = models.CharField(max_length=200, blank=True)

    objects = InvitationQuerySet.as_manager()  # type: ignore[assignment,misc]

    class Meta:
        ordering = ["-sent_at", "-id"]

    def __str__(self) -> str:
        return f"Invitation to {self.user}"


class SignInLinkQuerySet(models.QuerySet["SignInLink"]):
    def usable(self, *, now: "datetime") -> "SignInLinkQuerySet":
        """Sent to someone who may use it, not yet used, not yet expired."""
        return self.filter(user__isnull=False, used_at__isnull=True, expires_at__gt=now)


class SignInLink(models.Model):
    """A one-time link that signs a parent, carer or young person in (docs/family-portal.md).

    Only a digest of the link's secret is kept, so the table cannot sign anyone in. A request for
    an address with no family account is kept too (with no user), so the limits on how often
    links may be asked for count it the same way and the page says the same thing either way.
    The address asked for is kept as a keyed digest, never in plain text."""

    user = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="sign_in_links"
    )
    address_digest = models.CharField(max_length=64, db_index=True)
    token_digest = models.CharField(max_length=64, unique=True)
    requested_at = models.DateTimeField(db_index=True)
    requested_from = models.GenericIPAddressField(null=True, blank=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    next_url = models.CharField(max_length=500, blank=True)

    objects = SignInLinkQuerySet.as_manager()  # type: ignore[assignment,misc]

    class Meta:
        ordering = ["-requested_at", "-id"]

    def __str__(self) -> str:
        return f"Sign-in link for {self.user or 'no account'}"


class OneLoginIdentity(models.Model):
    """The GOV.UK One Login account (its stable `sub`) that signs a family account in
    (accounts.one_login). Made on the person's first sign-in with One Login, when its verified
    email address matched their family account exactly; after that only the `sub` counts, so
    changing the email address at One Login changes nothing here."""

    user = models.OneToOneField(User, on_delete=models.PROTECT, related_name="one_login")
    sub = models.CharField("One Login subject identifier", max_length=255, unique=True)
    linked_at = models.DateTimeField("linked")
    last_signed_in_at = models.DateTimeField("last signed in", null=True, blank=True)

    class Meta:
        verbose_name = "GOV.UK One Login identity"
        verbose_name_plural = "GOV.UK One Login identities"

    def __str__(self) -> str:
        return f"GOV.UK One Login for {self.user}"


__all__ = [
    "Invitation",
    "Membership",
    "OneLoginIdentity",
    "Organisation",
    "SignInLink",
    "Team",
    "TimeStampedModel",
    "User",
]
