import factory

from opensend.accounts.models import Membership, Organisation, Team, User
from opensend.accounts.roles import OrganisationKind, Role
from testsupport.factories import PASSWORD
from testsupport.factories.names import plain


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@test.opensend.test")
    first_name = plain("first_name")
    last_name = plain("last_name")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):  # noqa: N805
        if create:
            obj.save()


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisation {n}")
    kind = OrganisationKind.COUNCIL


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team

    name = factory.Sequence(lambda n: f"SENAR team {n}")
    organisation = factory.SubFactory(OrganisationFactory, kind=OrganisationKind.COUNCIL)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = Role.CASEWORKER


def sign_in_fully(client, user):
    """Sign `client` in as `user` with a verified second factor (set one up for staff if the
    settings require it and they have none), as the sign-in form and code page would."""
    from django.conf import settings
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from opensend.accounts.permissions import access_for

    client.force_login(user)
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None and settings.OPENSEND_REQUIRE_STAFF_MFA and access_for(user).is_staff_member:
        device = TOTPDevice.objects.create(user=user, confirmed=True, name="Authenticator app")
    if device is not None:
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    return client


def staff_member(organisation, role, *, team=None, **user_fields):
    """A user with one membership: `role` in `organisation` (and in `team`, for the SEN team)."""
    user = UserFactory(**user_fields)
    MembershipFactory(user=user, organisation=organisation, role=role, team=team)
    return user


def senco_of(setting, **user_fields):
    """A SENCO at `setting`: a member of the setting's own organisation."""
    organisation = OrganisationFactory(
        name=setting.name, kind=OrganisationKind.SETTING, setting=setting
    )
    return staff_member(organisation, Role.SENCO, **user_fields)
