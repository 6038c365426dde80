""" "All about me" within the family (casework.about_me.family_may_read_version): the young person
sees what their parent wrote about them; the parent sees the young person's own version (and its
files) only where the young person shares their plan and papers with them (people.sharing)."""

import pytest
from django.urls import reverse

from opensend.casework.models import AllAboutMeFile
from opensend.people import sharing
from testsupport.samples import PNG_BYTES, upload
from testsupport.sharing import parent_of_young_person

pytestmark = pytest.mark.django_db


def _page(child):
    return reverse("portal:about_me", args=[child.pk])


@pytest.fixture
def young(world):
    child = parent_of_young_person(world)
    world.client_for("young_person").post(
        _page(child),
        {"about_me": "I like football", "files": [upload("me.png", PNG_BYTES, "image/png")]},
    )
    world.client_for("parent").post(_page(child), {"about_me": "Bethany is kind and funny"})
    return child


def _choose(world, child, *, plan):
    sharing.parent_sharing_choose(
        actor=world.users["young_person"],
        child=child,
        parent_sees_progress=True,
        parent_sees_plan=plan,
    )


def test_the_young_person_sees_what_their_parent_wrote(world, young):
    page = world.client_for("young_person").get(_page(young)).content.decode()
    assert "What your parent or carer wrote about you" in page
    assert "Bethany is kind and funny" in page


def test_a_parent_sees_the_young_persons_words_until_they_keep_them_back(world, young):
    parent = world.client_for("parent")
    file_url = reverse("portal:about_me_file", args=[AllAboutMeFile.objects.get().pk])
    page = parent.get(_page(young)).content.decode()
    assert "I like football" in page and file_url in page
    assert parent.get(file_url).status_code == 200

    _choose(world, young, plan=False)
    assert parent.get(_page(young)).status_code == 404
    assert parent.get(file_url).status_code == 404

    _choose(world, young, plan=True)
    assert "I like football" in parent.get(_page(young)).content.decode()


def test_the_young_person_still_sees_their_parents_words_when_keeping_things_back(world, young):
    _choose(world, young, plan=False)
    page = world.client_for("young_person").get(_page(young)).content.decode()
    assert "Bethany is kind and funny" in page


def test_nobody_outside_the_family_reads_the_young_persons_file(world, young):
    file_url = reverse("portal:about_me_file", args=[AllAboutMeFile.objects.get().pk])
    assert world.client_for("board_member").get(file_url).status_code == 404
    assert world.client_for("analyst").get(file_url).status_code == 404
