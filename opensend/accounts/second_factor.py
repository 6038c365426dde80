"""The staff second factor: an authenticator app (TOTP), recovery codes, and who must use them.

A user who has a confirmed authenticator must prove it (a code from the app or a recovery code)
before anything else, whatever `OPENSEND_REQUIRE_STAFF_MFA` says; where that setting is on,
staff without one must set one up first. Every change is audited and the user is told by email.
"""

import time
from base64 import b32encode
from os import urandom

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from opensend.accounts.permissions import access_for
from opensend.accounts.signals import second_factor_changed
from opensend.audit.models import Action
from opensend.audit.services import audit_record
from opensend.core.types import Actor

RECOVERY_CODE_COUNT = 10
RECOVERY_DEVICE_NAME = "Recovery codes"
AUTHENTICATOR_NAME = "Authenticator app"
REAUTH_SESSION_KEY = "opensend_password_confirmed_at"
REAUTH_SECONDS = 10 * 60
NEW_CODES_SESSION_KEY = "opensend_new_recovery_codes"

VERIFY = "verify"  # has an authenticator: must enter a code
SET_UP = "set-up"  # staff, MFA required, no authenticator yet: must set one up


def has_authenticator(user: Actor) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def is_verified(user: Actor) -> bool:
    check = getattr(user, "is_verified", None)
    return bool(check and check())


def pending_step(user: Actor) -> str | None:
    """What a signed-in user must still do before they may see anything: VERIFY, SET_UP or None."""
    if not getattr(user, "is_authenticated", False) or is_verified(user):
        return None
    if has_authenticator(user):
        return VERIFY
    if settings.OPENSEND_REQUIRE_STAFF_MFA and access_for(user).is_staff_member:
        return SET_UP
    return None


# Confirming the password again before changing the second factor.


def password_recently_confirmed(request: HttpRequest) -> bool:
    confirmed_at = request.session.get(REAUTH_SESSION_KEY)
    return isinstance(confirmed_at, int | float) and time.time() - confirmed_at < REAUTH_SECONDS


def mark_password_confirmed(request: HttpRequest) -> None:
    request.session[REAUTH_SESSION_KEY] = int(time.time())


def forget_password_confirmed(request: HttpRequest) -> None:
    request.session.pop(REAUTH_SESSION_KEY, None)


# The authenticator app.


def pending_authenticator(user: Actor) -> TOTPDevice:
    """The unconfirmed device whose key the set-up page shows (made once, then reused)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, confirmed=False, name=AUTHENTICATOR_NAME)
    return device


def verify_authenticator_code(user: Actor, token: str) -> TOTPDevice | None:
    """The confirmed authenticator this code is right for (django-otp throttles wrong codes)."""
    for device in TOTPDevice.objects.filter(user=user, confirmed=True):
        if device.verify_token(token):
            return device
    return None


@transaction.atomic
def authenticator_confirm(request: HttpRequest, device: TOTPDevice, token: str) -> list[str] | None:
    """Pair the pending device if the code is right: it replaces any earlier authenticator.

    Marks the session verified with it, makes new recovery codes (returned, to show once),
    audits the change and emails the user. Returns None if the code is wrong.
    """
    user = request.user
    if not device.verify_token(token):
        return None
    replaced = TOTPDevice.objects.filter(user=user, confirmed=True).exclude(pk=device.pk)
    replacing = replaced.exists()
    replaced.delete()
    TOTPDevice.objects.filter(user=user, confirmed=False).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.name = AUTHENTICATOR_NAME
    device.save(update_fields=["confirmed", "name"])
    otp_login(request, device)
    codes = _replace_recovery_codes(user)
    what = (
        "The authenticator app for your OpenSEND account was replaced"
        if replacing
        else "An authenticator app was set up for your OpenSEND account"
    )
    _record(actor=user, user=user, summary=what + " (and new recovery codes made)")
    _tell(actor=user, user=user, what=what)
    forget_password_confirmed(request)
    return codes


# Recovery codes.


def _new_code() -> str:
    # 60 random bits in 12 base32 letters and digits, shown in three groups of four.
    return b32encode(urandom(10)).decode()[:12].lower()


def format_code(code: str) -> str:
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))


def normalise_code(text: str) -> str:
    return "".join(ch for ch in text.lower() if ch.isalnum())


def _replace_recovery_codes(user: Actor) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_DEVICE_NAME, confirmed=True)
    codes = [_new_code() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return [format_code(code) for code in codes]


def recovery_codes_left(user: Actor) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


@transaction.atomic
def recovery_codes_regenerate(request: HttpRequest) -> list[str]:
    """New recovery codes (the old ones stop working) for a verified session."""
    user = request.user
    if not is_verified(user) or not has_authenticator(user):
        raise PermissionError("Recovery codes need a verified session.")
    codes = _replace_recovery_codes(user)
    what = "New recovery codes were made for your OpenSEND account"
    _record(actor=user, user=user, summary=what)
    _tell(actor=user, user=user, what=what)
    return codes


@transaction.atomic
def recovery_code_use(request: HttpRequest, text: str) -> bool:
    """Sign the session in with a recovery code (each works once). False if it is wrong."""
    user = request.user
    code = normalise_code(text)
    for device in StaticDevice.objects.filter(user=user, confirmed=True):
        if device.verify_token(code):
            otp_login(request, device)
            what = "A recovery code was used to sign in to your OpenSEND account"
            _record(actor=user, user=user, summary=what)
            _tell(actor=user, user=user, what=what)
            return True
    return False


# An administrator resets someone's second factor (a lost phone and no recovery codes).


@transaction.atomic
def second_factor_reset(*, actor: Actor, user: Actor, reason: str) -> None:
    if actor.pk == user.pk:
        raise PermissionError("Ask another administrator to reset your own second factor.")
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    _record(
        actor=actor,
        user=user,
        summary=f"Second factor reset by an administrator: {reason}",
        changes={"authenticator": ["set up", "removed"], "recovery codes": ["set", "removed"]},
    )
    _tell(
        actor=actor,
        user=user,
        what=(
            f"An administrator ({actor.get_full_name() or actor.email}) removed the "
            "authenticator app and recovery codes from your OpenSEND account. You will be "
            "asked to set up a new authenticator app when you next sign in"
        ),
    )


def _record(
    *, actor: Actor, user: Actor, summary: str, changes: dict[str, list[str]] | None = None
) -> None:
    audit_record(actor=actor, action=Action.UPDATE, obj=user, summary=summary, changes=changes)


def _tell(*, actor: Actor, user: Actor, what: str) -> None:
    """Tell the user by email (the notify app listens: accounts sits below notify)."""
    second_factor_changed.send(sender=_tell, actor=actor, user=user, what=what)
