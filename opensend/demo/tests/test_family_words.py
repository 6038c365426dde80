"""The demo family's own words (demo.family_words): the parent's "all about me" (with a file) for
the child being assessed, the family's views given before the older child's review, and the
demo young person's own "all about me" and their choice of how we contact them."""

import pytest
from django.test import Client
from django.urls import reverse

from opensend.accounts.models import User
from opensend.accounts.roles import Role
from opensend.casework.models import AboutMeVersion, AllAboutMe
from opensend.demo.generator import LOGIN_BY_ROLE
from opensend.demo.logins import demo_parent_children
from opensend.people import young_person_contact
from opensend.reviews.codes import ContributionKind
from opensend.reviews.models import ReviewContribution
from testsupport.demo import demo_area
from testsupport.factories.accounts import sign_in_fully

pytestmark = pytest.mark.django_db


def _signed_in(role):
    return sign_in_fully(Client(), User.objects.get(email=LOGIN_BY_ROLE[role].email))


def test_the_demo_family_have_told_us_in_their_own_words(settings):
    demo_area(300, stop_after="showcase")
    older_id, younger_id = demo_parent_children()
    parent = _signed_in(Role.PARENT)

    page = parent.get(reverse("portal:about_me", args=[younger_id])).content.decode()
    assert "loves drawing animals" in page
    about = AllAboutMe.objects.get(child_id=younger_id, version=AboutMeVersion.FAMILY)
    drawing = about.files.get()
    assert drawing.document_name.endswith("drawing.pdf")
    assert parent.get(reverse("portal:about_me_file", args=[drawing.pk])).status_code == 200

    views = ReviewContribution.objects.filter(review__child_id=older_id)
    assert {v.kind for v in views} == {ContributionKind.FAMILY, ContributionKind.CHILD}
    review = views.first().review
    assert all(v.received_on < review.held_on for v in views)  # given before the meeting

    young = _signed_in(Role.YOUNG_PERSON)
    child = User.objects.get(email=LOGIN_BY_ROLE[Role.YOUNG_PERSON].email).young_person_record
    own = young.get(reverse("portal:about_me", args=[child.pk])).content.decode()
    assert "I want to go to college and learn to be a chef." in own
    contact = young_person_contact.current_contact(child)
    assert (contact.preferred_channel, contact.accessible_format) == ("sms", "easy_read")
    details = young.get(reverse("portal:your_details")).content.decode()
    assert contact.phone in details
