"""Families sign in with a one-time link sent to their email address (docs/family-portal.md).

A parent, carer or young person types their email address; if it belongs to an active family
account (a parent or carer linked to a child, or a young person linked to their own record, and
no staff role), we email a link that signs them in. The page says the same thing whether or not
the address has an account, so nobody can use it to find out who has one.

- The link works once and for `OPENSEND_SIGN_IN_LINK_MINUTES` (15). Using it ends every other
  link sent to that person.
- Only a digest of the link's secret is stored (SHA-256 of 32 random bytes), so the table
  cannot sign anyone in. The address asked for is stored as a keyed digest (HMAC with the
  site's secret key), never in plain text.
- At most `OPENSEND_SIGN_IN_LINKS_PER_ADDRESS` (3) links are sent to one address in 15
  minutes; more requests are counted and answered the same way, but nothing more is sent.
  At most `OPENSEND_SIGN_IN_LINKS_PER_IP` (20) requests are accepted from one network address
  in an hour; after that the page asks the person to wait (a 429), whatever the address.
- Staff cannot sign in this way: they use their password and, where required, their second
  factor (`accounts.second_factor`). A family account with an authenticator app still has to
  enter its code after the link.

The email goes out through the notify app, which listens for `sign_in_link_sent`
(`notify.account_messages`), because accounts sits below notify in the dependency order.
"""

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import salted_hmac

from opensend.accounts.models import SignInLink, User
from opensend.accounts.permissions import is_family_only
from opensend.accounts.signals import sign_in_link_sent
from opensend.audit.models import Action
from opensend.audit.services import audit_record

_RATE_WINDOW_SECONDS = 15 * 60
_IP_WINDOW_SECONDS = 60 * 60


def link_minutes() -> int:
    return int(getattr(settings, "OPENSEND_SIGN_IN_LINK_MINUTES", 15))


def links_per_address() -> int:
    return int(getattr(settings, "OPENSEND_SIGN_IN_LINKS_PER_ADDRESS", 3))


def links_per_ip() -> int:
    return int(getattr(settings, "OPENSEND_SIGN_IN_LINKS_PER_IP", 20))


class TooManyRequestsError(Exception):
    """Too many links asked for from one network address: ask them to wait."""


def _seconds_before(now: dt.datetime, seconds: int) -> dt.datetime:
    return dt.datetime.fromtimestamp(now.timestamp() - seconds, tz=dt.UTC)


def _seconds_after(now: dt.datetime, seconds: int) -> dt.datetime:
    return dt.datetime.fromtimestamp(now.timestamp() + seconds, tz=dt.UTC)


def _address_digest(email: str) -> str:
    return salted_hmac("opensend.accounts.sign_in_link", email.strip().lower()).hexdigest()


def _token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def may_sign_in_by_link(user: User) -> bool:
    """An active account that is a family's (a parent or carer, or a young person) and no one
    else's: staff keep their password and second factor."""
    return user.is_active and is_family_only(user)


def _family_account(email: str) -> User | None:
    user = User.objects.filter(email__iexact=email.strip()).first()
    return user if user is not None and may_sign_in_by_link(user) else None


@transaction.atomic
def sign_in_link_request(
    *, email: str, site_url: str, requested_from: str | None, next_url: str = ""
) -> None:
    """Email a sign-in link to `email` if it is a family's account and the limits allow; else
    send nothing. Either way return nothing, so the caller cannot tell which happened. Raises
    TooManyRequestsError when this network address has asked too often."""
    now = timezone.now()
    if requested_from and (
        SignInLink.objects.filter(
            requested_from=requested_from,
            requested_at__gte=_seconds_before(now, _IP_WINDOW_SECONDS),
        ).count()
        >= links_per_ip()
    ):
        raise TooManyRequestsError
    digest = _address_digest(email)
    recent = SignInLink.objects.filter(
        address_digest=digest,
        user__isnull=False,
        requested_at__gte=_seconds_before(now, _RATE_WINDOW_SECONDS),
    ).count()
    user = _family_account(email)
    token = secrets.token_urlsafe(32)
    sending = user is not None and recent < links_per_address()
    link = SignInLink.objects.create(
        user=user if sending else None,
        address_digest=digest,
        token_digest=_token_digest(token),
        requested_at=now,
        requested_from=requested_from or None,
        expires_at=_seconds_after(now, link_minutes() * 60),
        next_url=next_url[:500],
    )
    if not sending or user is None:
        return
    url = site_url.rstrip("/") + reverse("accounts:sign_in_link_use", args=[token])
    audit_record(
        actor=user,
        action=Action.CREATE,
        obj=link,
        summary=f"Sign-in link emailed to {user.email}",
    )
    sign_in_link_sent.send(
        sender=sign_in_link_request, user=user, link=url, expires_at=link.expires_at
    )


@dataclass(frozen=True)
class UsableLink:
    link: SignInLink
    user: User


def sign_in_link_find(token: str) -> UsableLink | None:
    """The unused, unexpired link this token is for, with its person, or None (bad, used,
    expired, or for someone who may no longer sign in this way: the page says the same)."""
    if not token or len(token) > 100:
        return None
    link = (
        SignInLink.objects.usable(now=timezone.now())
        .select_related("user")
        .filter(token_digest=_token_digest(token))
        .first()
    )
    if link is None or link.user is None or not may_sign_in_by_link(link.user):
        return None
    return UsableLink(link=link, user=link.user)


@transaction.atomic
def sign_in_link_use(token: str) -> UsableLink | None:
    """Spend the link (once only, even if two requests race) and end the person's other links.
    Returns the link and person to sign in, or None."""
    found = sign_in_link_find(token)
    if found is None:
        return None
    now = timezone.now()
    link = SignInLink.objects.select_for_update().get(pk=found.link.pk)
    if link.used_at is not None or link.expires_at <= now:
        return None
    link.used_at = now
    link.save(update_fields=["used_at"])
    SignInLink.objects.filter(user=found.user, used_at__isnull=True).exclude(pk=link.pk).update(
        used_at=now
    )
    audit_record(
        actor=found.user,
        action=Action.UPDATE,
        obj=link,
        summary=f"{found.user.email} signed in with an emailed link",
        changes={"link": ["unused", "used"]},
    )
    return UsableLink(link=link, user=found.user)
