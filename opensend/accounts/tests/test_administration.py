"""Administration inside the application: inviting users, their roles, deactivating and
reactivating accounts. Services, pages, permissions, bad input and the invitation link."""

import re

import pytest
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from opensend.accounts import services
from opensend.accounts.models import Invitation, User
from opensend.accounts.roles import OrganisationKind, Role
from opensend.audit.models import Action, AuditEvent
from opensend.notify.models import OutboxMessage
from testsupport.factories import PASSWORD
from testsupport.factories.accounts import OrganisationFactory

pytestmark = pytest.mark.django_db
SITE = "http://testserver/"
NEW_PASSWORD = "a long new passphrase 42"
LINK = re.compile(r"http://testserver/account/invitation/[^/\s]+/")


def invite(world, **overrides):
    fields = {
        "actor": world.users["admin"],
        "email": "New.Senco@School.example",
        "first_name": "Nia",
        "last_name": "Okafor",
        "role": Role.SENCO,
        "organisation": school(world),
        "job_title": "SENCO",
        "site_url": SITE,
    }
    return services.user_invite(**{**fields, **overrides})


def school(world):
    return world.setting.organisation


def link_in_email(email):
    message = OutboxMessage.objects.filter(to_address=email).order_by("-pk").first()
    assert message is not None, f"No email to {email}"
    return LINK.search(message.body).group(0)


def path_of(link):
    return link.removeprefix("http://testserver")


# Services


def test_an_invitation_makes_an_account_without_a_password_a_role_and_an_email(world):
    invitation = invite(world)
    user = invitation.user
    assert user.email == "new.senco@school.example"
    assert not user.has_usable_password()
    [membership] = user.memberships.current()
    assert (membership.role, membership.organisation, membership.job_title) == (
        Role.SENCO,
        school(world),
        "SENCO",
    )
    message = OutboxMessage.objects.get(to_address=user.email)
    assert "set your password here" in message.body
    assert LINK.search(message.body)
    assert world.users["admin"].get_full_name() in message.body
    token = LINK.search(message.body).group(0).rstrip("/").rsplit("/", 1)[1]
    # Only the signed token is in the email; nothing stores it.
    assert token not in str(Invitation.objects.filter(pk=invitation.pk).values().get())
    audited = AuditEvent.objects.filter(actor=world.users["admin"]).values_list(
        "object_type", "action", "summary"
    )
    assert (
        "accounts.user",
        Action.CREATE,
        f"Account made for {user.email} and an invitation sent",
    ) in audited
    assert any(t == "accounts.membership" and "given the role SENCO" in s for t, _, s in audited)
    assert any(t == "accounts.invitation" and "emailed" in s for t, _, s in audited)


def test_a_senar_role_needs_a_team_of_that_organisation(world):
    with pytest.raises(ValidationError) as refused:
        invite(world, role=Role.CASEWORKER, organisation=world.council, email="a@council.example")
    assert "team" in refused.value.error_dict
    other_council = OrganisationFactory(kind=OrganisationKind.COUNCIL)
    with pytest.raises(ValidationError) as wrong_team:
        invite(world, role=Role.CASEWORKER, organisation=other_council, team=world.team)
    assert "not part of" in str(wrong_team.value)
    assert not User.objects.filter(email="a@council.example").exists()
    done = invite(world, role=Role.CASEWORKER, organisation=world.council, team=world.team)
    assert done.user.memberships.get().team == world.team


def test_an_email_already_in_use_is_refused(world):
    with pytest.raises(ValidationError) as refused:
        invite(world, email="CASEWORKER@test.opensend.test")
    assert "already has an account" in str(refused.value)


def test_only_administrators_invite(world):
    with pytest.raises(PermissionDenied):
        invite(world, actor=world.users["team_manager"])


def test_the_link_sets_the_password_once(world):
    invitation = invite(world)
    token = services.invitation_token(invitation)
    assert services.invitation_from_token(token) == invitation
    services.invitation_accept(invitation=invitation, password=NEW_PASSWORD)
    invitation.user.refresh_from_db()
    assert invitation.user.check_password(NEW_PASSWORD)
    assert services.invitation_from_token(token) is None  # used
    assert AuditEvent.objects.filter(
        actor=invitation.user, summary="Password set from the invitation email"
    ).exists()


def test_a_new_invitation_or_cancelling_ends_the_old_link(world):
    first = invite(world)
    old = services.invitation_token(first)
    second = services.invitation_resend(actor=world.users["admin"], user=first.user, site_url=SITE)
    assert services.invitation_from_token(old) is None
    assert services.invitation_from_token(services.invitation_token(second)) == second
    services.invitation_cancel(actor=world.users["admin"], user=first.user, reason="Wrong person")
    assert services.invitation_from_token(services.invitation_token(second)) is None
    assert AuditEvent.objects.filter(
        object_type="accounts.invitation", action=Action.CLOSE, summary__contains="Wrong person"
    ).exists()


def test_an_old_or_forged_link_does_not_work(world, settings):
    invitation = invite(world)
    token = services.invitation_token(invitation)
    assert services.invitation_from_token(token + "x") is None
    assert services.invitation_from_token("not-a-token") is None
    forged = signing.dumps([invitation.pk, 0], salt="something else", compress=False)
    assert services.invitation_from_token(forged) is None
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now())
    assert services.invitation_from_token(token) is None


def test_deactivating_stops_sign_in_and_reactivating_allows_it(world):
    target, admin = world.users["caseworker"], world.users["admin"]
    client = world.client_for("caseworker")
    own_page = reverse("accounts:security")
    assert client.get(own_page).status_code == 200
    services.user_deactivate(actor=admin, user=target, reason="Left the council")
    ended = client.get(own_page)  # their open session ends
    assert ended.status_code == 302 and ended["Location"].startswith(reverse("accounts:login"))
    refused = Client().post(
        reverse("accounts:login"), {"username": target.email, "password": PASSWORD}
    )
    assert refused.status_code == 400
    assert "Enter a correct email address and password" in refused.content.decode()
    services.user_reactivate(actor=admin, user=target, reason="Came back")
    signed_in = Client().post(
        reverse("accounts:login"), {"username": target.email, "password": PASSWORD}
    )
    assert signed_in.status_code == 302
    summaries = list(
        AuditEvent.objects.filter(object_type="accounts.user", object_id=str(target.pk))
        .order_by("pk")
        .values_list("summary", flat=True)
    )
    assert summaries[-2:] == [
        "Account deactivated: Left the council",
        "Account reactivated: Came back",
    ]


def test_you_cannot_deactivate_yourself_or_end_your_own_admin_role(world):
    admin = world.users["admin"]
    with pytest.raises(ValidationError, match="your own account"):
        services.user_deactivate(actor=admin, user=admin, reason="x")
    with pytest.raises(ValidationError, match="your own administrator role"):
        services.membership_end(actor=admin, membership=admin.memberships.get(), reason="Testing")


def test_roles_are_given_and_ended_never_twice(world):
    admin, target = world.users["admin"], world.users["health"]
    membership = services.membership_add(
        actor=admin, user=target, organisation=world.council, role=Role.ANALYST
    )
    with pytest.raises(ValidationError, match="already have this role"):
        services.membership_add(
            actor=admin, user=target, organisation=world.council, role=Role.ANALYST
        )
    with pytest.raises(ValidationError) as family:
        services.membership_add(
            actor=admin, user=target, organisation=world.council, role=Role.PARENT
        )
    assert "Link their account to the child" in str(family.value)
    services.membership_end(actor=admin, membership=membership, reason="Moved job")
    membership.refresh_from_db()
    assert membership.is_closed and membership.closed_by == admin
    assert membership.closed_reason == "Moved job"
    with pytest.raises(ValidationError, match="already ended"):
        services.membership_end(actor=admin, membership=membership, reason="Again")


# Pages


def test_the_user_list_leads_to_each_users_page_and_the_invite_page(world):
    admin = world.client_for("admin")
    listing = admin.get(reverse("accounts:user_list")).content.decode()
    assert reverse("accounts:user_invite") in listing
    assert reverse("accounts:user_detail", args=[world.users["senco"].pk]) in listing
    assert f"SENCO at {world.setting.organisation.name}" in listing
    home = admin.get(reverse("portal:home")).content.decode()
    assert "Users and invitations" in home and reverse("accounts:user_list") in home
    page = admin.get(reverse("accounts:user_detail", args=[world.users["senco"].pk]))
    body = page.content.decode()
    assert page.status_code == 200
    assert "SENCO" in body and world.setting.organisation.name in body
    assert reverse("accounts:user_list") in body  # the way back
    for name in ["membership_add", "user_deactivate", "user_second_factor_reset"]:
        assert reverse(f"accounts:{name}", args=[world.users["senco"].pk]) in body
    assert reverse("portal:user_link_child", args=[world.users["senco"].pk]) in body


def test_inviting_through_the_page(world):
    admin = world.client_for("admin")
    url = reverse("accounts:user_invite")
    assert admin.get(url).status_code == 200
    response = admin.post(
        url,
        {
            "first_name": "Nia",
            "last_name": "Okafor",
            "email": "nia@school.example",
            "role": Role.SENCO,
            "organisation": school(world).pk,
            "job_title": "",
        },
    )
    user = User.objects.get(email="nia@school.example")
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:user_detail", args=[user.pk])
    page = admin.get(response["Location"]).content.decode()
    assert "Invited, no password yet" in page and "The link works until" in page
    assert "Send the invitation again" in page
    listing = admin.get(reverse("accounts:user_list")).content.decode()
    assert "Invitations not used yet" in listing and "nia@school.example" in listing


def test_inviting_a_parent_goes_on_to_link_them_to_a_child(world):
    response = world.client_for("admin").post(
        reverse("accounts:user_invite"),
        {"first_name": "Jo", "last_name": "Bloggs", "email": "jo@home.example", "role": "parent"},
    )
    user = User.objects.get(email="jo@home.example")
    assert response["Location"] == reverse("portal:user_link_child", args=[user.pk])
    assert not user.memberships.exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "Enter their first name"),
        ({"email": "not an email"}, "Enter an email address in the correct format"),
        ({"organisation": ""}, "Select the organisation they work for"),
        ({"role": "wizard"}, "Select their role from the list"),
        ({"team": "999999"}, "Select a team from the list"),
        ({"role": Role.CASEWORKER, "organisation": "COUNCIL"}, "Select the SEN team they work in"),
        ({"email": "caseworker@test.opensend.test"}, "already has an account"),
        ({"first_name": "x" * 151}, "150 characters or fewer"),
        ({"organisation": "999999"}, "Select an organisation from the list"),
    ],
)
def test_bad_invitations_are_400s_with_a_message(world, data, message):
    full = {
        "first_name": "Nia",
        "last_name": "Okafor",
        "email": "nia@school.example",
        "role": Role.SENCO,
        "organisation": school(world).pk,
    }
    if data.get("organisation") == "COUNCIL":
        data = {**data, "organisation": world.council.pk}
    posted = {**full, **data} if data else {}
    response = world.client_for("admin").post(reverse("accounts:user_invite"), posted)
    assert response.status_code == 400
    body = response.content.decode()
    assert "There is a problem" in body and message in body
    assert "This field is required" not in body


def test_the_invitation_page_sets_a_password_then_the_person_signs_in(world):
    invite(world)
    url = path_of(link_in_email("new.senco@school.example"))
    visitor = Client()
    page = visitor.get(url)
    assert page.status_code == 200 and "Set your password" in page.content.decode()
    assert "no-store" in page["Cache-Control"]
    mismatch = visitor.post(url, {"new_password1": NEW_PASSWORD, "new_password2": "other"})
    assert mismatch.status_code == 400
    assert "The passwords do not match" in mismatch.content.decode()
    weak = visitor.post(url, {"new_password1": "12345678", "new_password2": "12345678"})
    assert weak.status_code == 400 and "There is a problem" in weak.content.decode()
    empty = visitor.post(url, {})
    assert empty.status_code == 400 and "Enter a password" in empty.content.decode()
    done = visitor.post(url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert done.status_code == 302 and done["Location"] == reverse("accounts:login")
    again = visitor.get(url)
    assert again.status_code == 410
    assert "This link does not work" in again.content.decode()
    signed_in = Client().post(
        reverse("accounts:login"),
        {"username": "new.senco@school.example", "password": NEW_PASSWORD},
    )
    assert signed_in.status_code == 302


@override_settings(OPENSEND_REQUIRE_STAFF_MFA=True)
def test_an_invited_member_of_staff_must_set_up_the_second_factor(world):
    invitation = invite(world)
    services.invitation_accept(invitation=invitation, password=NEW_PASSWORD)
    client = Client()
    client.post(
        reverse("accounts:login"), {"username": invitation.user.email, "password": NEW_PASSWORD}
    )
    assert client.get("/")["Location"].startswith(reverse("accounts:mfa_setup"))


@pytest.mark.parametrize("token", ["nonsense", "a" * 300, "1:2:3"])
def test_a_bad_link_is_a_clear_page_not_an_error(world, token):
    response = Client().get(reverse("accounts:invitation_accept", args=[token]))
    assert response.status_code == 410
    assert "ask the person who invited you" in response.content.decode()
    posted = Client().post(
        reverse("accounts:invitation_accept", args=[token]),
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert posted.status_code == 410


def test_a_replaced_or_cancelled_link_shows_the_same_page(world):
    invite(world)
    user = User.objects.get(email="new.senco@school.example")
    old = path_of(link_in_email(user.email))
    admin = world.client_for("admin")
    resent = admin.post(reverse("accounts:invitation_resend", args=[user.pk]))
    assert resent.status_code == 302
    new = path_of(link_in_email(user.email))
    assert new != old
    assert Client().get(old).status_code == 410
    assert Client().get(new).status_code == 200
    cancel = reverse("accounts:invitation_cancel", args=[user.pk])
    assert admin.get(cancel).status_code == 200
    assert admin.post(cancel, {"reason": ""}).status_code == 400
    assert admin.post(cancel, {"reason": "Sent to the wrong person"}).status_code == 302
    assert Client().get(new).status_code == 410
    assert admin.get(cancel).status_code == 404  # nothing left to cancel


def test_resending_to_someone_with_a_password_is_refused_with_a_message(world):
    admin = world.client_for("admin")
    target = world.users["senco"]
    response = admin.post(reverse("accounts:invitation_resend", args=[target.pk]), follow=True)
    assert "already set a password" in response.content.decode()
    assert not Invitation.objects.filter(user=target).exists()


def test_adding_and_ending_a_role_through_the_pages(world):
    admin = world.client_for("admin")
    target = world.users["health"]
    url = reverse("accounts:membership_add", args=[target.pk])
    assert admin.get(url).status_code == 200
    missing = admin.post(url, {})
    assert missing.status_code == 400
    assert "Select the organisation they work for" in missing.content.decode()
    no_team = admin.post(url, {"organisation": world.council.pk, "role": Role.CASEWORKER})
    assert no_team.status_code == 400
    assert "Select the SEN team they work in" in no_team.content.decode()
    added = admin.post(
        url, {"organisation": world.council.pk, "role": Role.CASEWORKER, "team": world.team.pk}
    )
    assert added.status_code == 302
    membership = target.memberships.get(role=Role.CASEWORKER)
    end = reverse("accounts:membership_end", args=[target.pk, membership.pk])
    confirm = admin.get(end)
    assert confirm.status_code == 200 and "End role" in confirm.content.decode()
    assert admin.post(end, {"reason": ""}).status_code == 400
    assert admin.post(end, {"reason": "Trial over"}).status_code == 302
    membership.refresh_from_db()
    assert membership.is_closed
    assert admin.get(end).status_code == 404  # ended already
    page = admin.get(reverse("accounts:user_detail", args=[target.pk])).content.decode()
    assert "Roles that have ended (1)" in page and "Trial over" in page


def test_deactivating_and_reactivating_through_the_pages(world):
    admin = world.client_for("admin")
    target = world.users["analyst"]
    deactivate = reverse("accounts:user_deactivate", args=[target.pk])
    assert "Deactivate account" in admin.get(deactivate).content.decode()
    missing = admin.post(deactivate, {})
    assert missing.status_code == 400
    assert "Enter why you are deactivating the account" in missing.content.decode()
    assert admin.post(deactivate, {"reason": "Left"}).status_code == 302
    target.refresh_from_db()
    assert not target.is_active
    assert admin.get(deactivate).status_code == 404
    page = admin.get(reverse("accounts:user_detail", args=[target.pk])).content.decode()
    assert "Deactivated" in page
    reactivate = reverse("accounts:user_reactivate", args=[target.pk])
    assert admin.post(reactivate, {"reason": "Returned"}).status_code == 302
    target.refresh_from_db()
    assert target.is_active
    assert admin.get(reactivate).status_code == 404
    own = reverse("accounts:user_deactivate", args=[world.users["admin"].pk])
    assert admin.get(own).status_code == 404


def test_a_missing_user_is_a_404(world):
    admin = world.client_for("admin")
    for name in ["user_detail", "membership_add", "user_deactivate", "user_reactivate"]:
        assert admin.get(reverse(f"accounts:{name}", args=[999999])).status_code == 404
    assert admin.post(reverse("accounts:invitation_resend", args=[999999])).status_code == 404


def test_the_second_factor_reset_goes_back_to_the_users_page(world):
    target = world.users["caseworker"]
    response = world.client_for("admin").post(
        reverse("accounts:user_second_factor_reset", args=[target.pk]), {"reason": "Lost phone"}
    )
    assert response["Location"] == reverse("accounts:user_detail", args=[target.pk])
