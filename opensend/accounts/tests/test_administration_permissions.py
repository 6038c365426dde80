"""Only administrators reach the administration pages: every other role gets 403 on each one,
for reading and for changing, and nothing changes. Signed-out visitors are sent to sign in."""

import pytest
from django.test import Client
from django.urls import reverse

from opensend.audit.models import AuditEvent
from testsupport.roles import ROLES

pytestmark = pytest.mark.django_db

NOT_ADMINS = [role for role in ROLES if role != "admin"]


def admin_pages(world):
    """Every administration page (URL, whether it takes a POST)."""
    target = world.users["health"]
    membership = target.memberships.get()
    return [
        (reverse("accounts:user_list"), False),
        (reverse("accounts:user_invite"), True),
        (reverse("accounts:user_detail", args=[target.pk]), False),
        (reverse("accounts:invitation_resend", args=[target.pk]), True),
        (reverse("accounts:invitation_cancel", args=[target.pk]), True),
        (reverse("accounts:membership_add", args=[target.pk]), True),
        (reverse("accounts:membership_end", args=[target.pk, membership.pk]), True),
        (reverse("accounts:user_deactivate", args=[target.pk]), True),
        (reverse("accounts:user_reactivate", args=[target.pk]), True),
        (reverse("accounts:user_second_factor_reset", args=[target.pk]), True),
        (reverse("portal:user_link_child", args=[target.pk]), True),
        (reverse("portal:user_link_own_record", args=[target.pk]), True),
        (reverse("audit:event_list"), False),
    ]


@pytest.mark.parametrize("role", NOT_ADMINS)
def test_no_one_but_an_administrator_reaches_an_administration_page(world, role):
    client = world.client_for(role)
    before = AuditEvent.objects.exclude(action__in=["view", "list"]).count()
    for url, posts in admin_pages(world):
        if not url.endswith("/resend/"):
            assert client.get(url).status_code == 403, (role, url)
        if posts:
            data = {"reason": "x", "email": "x@example.com", "role": "admin"}
            assert client.post(url, data).status_code == 403, (role, url)
    assert AuditEvent.objects.exclude(action__in=["view", "list"]).count() == before
    world.users["health"].refresh_from_db()
    assert world.users["health"].is_active


def test_an_administrator_reaches_each_page(world):
    admin = world.client_for("admin")
    for url, _posts in admin_pages(world):
        if url.endswith("/resend/"):
            continue
        status = admin.get(url).status_code
        # Nothing to cancel, and an active account is not reactivated: those answer 404.
        expected = 404 if url.endswith(("/invitation/cancel/", "/reactivate/")) else 200
        assert status == expected, url


def test_signed_out_visitors_are_sent_to_sign_in(world):
    for url, _posts in admin_pages(world):
        response = Client().get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("accounts:login"))
