import datetime

import factory

from opensend.people.codes import Phase, SENType, SettingKind
from opensend.people.identifiers import make_upn
from opensend.people.models import (
    Child,
    Enrolment,
    FamilyMember,
    FamilyRelationship,
    Locality,
    ProfessionalInvolvement,
    Setting,
)
from testsupport.factories.names import plain


class LocalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Locality
        django_get_or_create = ("name",)

    name = factory.Iterator(["North", "South", "East", "West", "Central"])


class SettingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Setting

    name = factory.Sequence(lambda n: f"Test Primary School {n}")
    kind = SettingKind.MAINSTREAM_SCHOOL
    phase = Phase.PRIMARY
    establishment_type = "academy"
    urn = factory.Sequence(lambda n: f"{100000 + n}")
    locality = factory.SubFactory(LocalityFactory)


class ChildFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Child

    given_name = plain("first_name")
    family_name = plain("last_name")
    date_of_birth = datetime.date(2015, 3, 27)
    upn = factory.Sequence(lambda n: make_upn("999", "2001", 15, n))
    primary_need = SENType.ASD


class FamilyMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FamilyMember

    given_name = plain("first_name")
    family_name = plain("last_name")
    email = factory.Sequence(lambda n: f"parent{n}@family.opensend.test")


class FamilyRelationshipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FamilyRelationship

    child = factory.SubFactory(ChildFactory)
    family_member = factory.SubFactory(FamilyMemberFactory)
    relationship = "mother"


class EnrolmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Enrolment

    child = factory.SubFactory(ChildFactory)
    setting = factory.SubFactory(SettingFactory)
    started_on = datetime.date(2022, 9, 1)


class InvolvementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProfessionalInvolvement

    child = factory.SubFactory(ChildFactory)
    started_on = datetime.date(2024, 1, 10)


# What a family member who wants letters has: no email or phone, a postal address.
BY_LETTER = {
    "email": "",
    "phone": "",
    "preferred_channel": "letter",
    "address": "1 High Street\nAnytown",
    "postcode": "AN1 1AA",
}


def family_member_of(child, *, relationship="mother", **member_fields):
    """A new family member (`member_fields` for FamilyMemberFactory) linked to `child` as
    `relationship`, with parental responsibility."""
    member = FamilyMemberFactory(**member_fields)
    FamilyRelationshipFactory(child=child, family_member=member, relationship=relationship)
    return member
