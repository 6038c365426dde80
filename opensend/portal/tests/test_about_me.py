""" "All about me", said once: the family (and the young person, in their own words) write it
with files; staff see it on the record, advisers on their advice request, and the draft plan's
section A starts from it without losing what the caseworker wrote. Nobody else reads it."""

import pytest
from django.urls import reverse

from opensend.audit.models import Action, AuditEvent
from opensend.casework import about_me
from opensend.casework.models import AboutMeVersion, AllAboutMe, AllAboutMeFile
from opensend.core.uploads import WRONG_TYPE_WITH_AUDIO
from opensend.plans import services as plan_services
from testsupport.families import parent_of_caseload_child
from testsupport.journeys import assessing_case, drafting_case
from testsupport.samples import EXE_BYTES, HTML_BYTES, PNG_BYTES, upload

MP3_BYTES = b"ID3\x04\x00\x00\x00\x00\x00\x00" + b"\xff\xfb\x90\x64" + b"\x00" * 400
WORDS = {
    "about_me": "Ava loves trains and drawing",
    "what_matters": "Her dog, Biscuit",
    "aspirations": "To work with animals",
    "communication": "",
}


@pytest.fixture
def child(world):
    return parent_of_caseload_child(world)


def _page(child):
    return reverse("portal:about_me", args=[child.pk])


def test_the_parent_writes_it_once_with_a_photo_and_a_recording(world, child):
    parent = world.client_for("parent")
    home_link = parent.get(reverse("people:child_detail", args=[child.pk])).content.decode()
    assert _page(child) in home_link  # reached from the family's page for the child
    page = parent.get(_page(child))
    assert page.status_code == 200
    assert f"All about {child.given_name}" in page.content.decode()

    response = parent.post(
        _page(child),
        {
            **WORDS,
            "files": [
                upload("biscuit.png", PNG_BYTES, "image/png"),
                upload("ava talking.mp3", MP3_BYTES, "audio/mpeg"),
            ],
        },
    )
    assert response.status_code == 302
    saved = AllAboutMe.objects.get(child=child)
    assert saved.version == AboutMeVersion.FAMILY and saved.about_me == WORDS["about_me"]
    files = list(saved.files.all())
    assert [(f.document_name, f.document_type) for f in files] == [
        ("biscuit.png", "image/png"),
        ("ava talking.mp3", "audio/mpeg"),
    ]
    assert AuditEvent.objects.filter(
        action=Action.CREATE, object_type="casework.allaboutme", child_id=child.pk
    ).exists()
    assert (
        AuditEvent.objects.filter(
            action=Action.CREATE, object_type="casework.allaboutmefile", child_id=child.pk
        ).count()
        == 2
    )
    again = parent.get(_page(child)).content.decode()
    assert "Ava loves trains and drawing" in again and "biscuit.png" in again

    download = parent.get(reverse("portal:about_me_file", args=[files[0].pk]))
    assert download.status_code == 200 and b"".join(download.streaming_content) == PNG_BYTES

    # Changing it later keeps one record, audited with what changed.
    parent.post(_page(child), {**WORDS, "about_me": "Ava loves trains"})
    assert AllAboutMe.objects.filter(child=child).count() == 1
    change = AuditEvent.objects.filter(
        action=Action.UPDATE, object_type="casework.allaboutme"
    ).get()
    assert change.changes["about_me"]["to"] == "Ava loves trains"


def test_a_file_taken_away_is_gone_for_everyone(world, child):
    parent = world.client_for("parent")
    parent.post(_page(child), {**WORDS, "files": [upload("a.png", PNG_BYTES, "image/png")]})
    added = AllAboutMeFile.objects.get()
    remove = reverse("portal:about_me_file_remove", args=[child.pk, added.pk])
    assert parent.get(remove).status_code == 405
    assert parent.post(remove).status_code == 302
    added.refresh_from_db()
    assert added.removed_at is not None
    assert "a.png" not in parent.get(_page(child)).content.decode()
    for role in ("parent", "caseworker"):
        url = reverse("portal:about_me_file", args=[added.pk])
        assert world.client_for(role).get(url).status_code == 404
    assert parent.post(remove).status_code == 404  # already taken away


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("page.png", HTML_BYTES, WRONG_TYPE_WITH_AUDIO),
        ("setup.mp3", EXE_BYTES, WRONG_TYPE_WITH_AUDIO),
        ("empty.png", b"", "The selected file is empty"),
    ],
)
def test_a_bad_file_is_refused_and_nothing_is_lost(world, child, name, content, message):
    response = world.client_for("parent").post(
        _page(child), {**WORDS, "files": [upload(name, content, "image/png")]}
    )
    assert response.status_code == 400
    text = response.content.decode().replace("&#x27;", "'")
    assert message in text
    assert "Ava loves trains and drawing" in text  # what they typed is still there
    assert not AllAboutMe.objects.exists() and not AllAboutMeFile.objects.exists()


def test_an_empty_or_too_long_form_gets_a_message(world, child):
    parent = world.client_for("parent")
    empty = parent.post(_page(child), {})
    assert empty.status_code == 400 and about_me.NOTHING_WRITTEN in empty.content.decode()
    long = parent.post(_page(child), {"about_me": "x" * (about_me.MAX_LENGTH + 1)})
    assert long.status_code == 400
    assert not AllAboutMe.objects.exists()


def test_the_young_person_writes_their_own_in_simple_words(world):
    client = world.client_for("young_person")
    young = world.young_person
    page = client.get(_page(young)).content.decode()
    assert "All about me" in page and "What I want for my future" in page
    assert "your child" not in page.lower()
    assert client.post(_page(young), {"about_me": "I like football"}).status_code == 302
    assert AllAboutMe.objects.get(child=young).version == AboutMeVersion.YOUNG_PERSON


@pytest.mark.parametrize("role", ["caseworker", "senco", "health", "admin", "young_person"])
def test_only_the_family_writes_it(world, child, role):
    client = world.client_for(role)
    assert client.get(_page(child)).status_code == 404
    assert client.post(_page(child), WORDS).status_code == 404
    assert not AllAboutMe.objects.exists()


def test_staff_see_it_on_the_record_and_nobody_else_reads_the_files(world, child):
    world.client_for("parent").post(
        _page(child), {**WORDS, "files": [upload("a.png", PNG_BYTES, "image/png")]}
    )
    added = AllAboutMeFile.objects.get()
    caseworker = world.client_for("caseworker")
    record = caseworker.get(reverse("people:child_detail", args=[child.pk])).content.decode()
    assert "All about me, in the family's words" in record
    assert "Ava loves trains and drawing" in record
    file_url = reverse("portal:about_me_file", args=[added.pk])
    assert file_url in record
    assert caseworker.get(file_url).status_code == 200
    assert AuditEvent.objects.filter(
        action=Action.EXPORT, object_type="casework.allaboutmefile", actor=world.users["caseworker"]
    ).exists()
    for role in ("young_person", "board_member", "analyst"):
        assert world.client_for(role).get(file_url).status_code == 404
    assert world.client_for_other_team().get(file_url).status_code == 404


def test_the_adviser_reads_it_on_their_advice_request(world, child):
    _case, advice = assessing_case(world)
    world.client_for("parent").post(
        _page(child), {**WORDS, "files": [upload("a.png", PNG_BYTES, "image/png")]}
    )
    added = AllAboutMeFile.objects.get()
    health = world.client_for("health")
    page = health.get(reverse("casework:advice_detail", args=[advice.pk])).content.decode()
    assert "Ava loves trains and drawing" in page
    assert "Please do not ask the family to repeat this" in page
    file_url = reverse("portal:about_me_file", args=[added.pk])
    assert health.get(file_url).status_code == 200

    # The caseworker who sent the request sees it there too.
    sent_page = world.client_for("caseworker").get(
        reverse("casework:advice_detail", args=[advice.pk])
    )
    assert "Ava loves trains and drawing" in sent_page.content.decode()

    # Once the request is withdrawn, their advice request no longer shows it (whether they may
    # still open the child's record is the one visibility rule's answer).
    from opensend.casework.services.advice import advice_withdraw
    from testsupport.journeys import TODAY

    advice_withdraw(
        actor=world.users["caseworker"], advice=advice, reason="Not needed", on=TODAY, today=TODAY
    )
    page = health.get(reverse("casework:advice_detail", args=[advice.pk])).content.decode()
    assert "Ava loves trains and drawing" not in page


def test_the_draft_plan_starts_from_it_and_keeps_what_the_caseworker_wrote(world, child):
    parent = world.client_for("parent")
    parent.post(_page(child), WORDS)
    case = drafting_case(world, child=child)
    cw = world.users["caseworker"]
    plan = plan_services.plan_draft_start(actor=cw, case=case)
    # The views recorded for the request come first; the family's words fill the rest.
    assert plan.about_me == "I love trains and drawing"
    assert plan.what_matters == "Her dog, Biscuit"

    plan_services.plan_section_a_update(
        actor=cw, plan=plan, about_me="Written by the caseworker", what_matters=""
    )
    parent.post(_page(child), {**WORDS, "communication": "Short sentences and pictures"})
    plan.refresh_from_db()
    assert plan.about_me == "Written by the caseworker"  # never overwritten
    assert plan.what_matters == "Her dog, Biscuit"  # empty, filled from the family
    assert plan.communication == "Short sentences and pictures"
    assert AuditEvent.objects.filter(
        object_type="plans.ehcplan", summary__contains="all about me"
    ).exists()


def test_both_versions_go_into_section_a(world):
    young = world.young_person
    world.client_for("young_person").post(_page(young), {"about_me": "I like football"})
    AllAboutMe.objects.create(
        child=young,
        version=AboutMeVersion.FAMILY,
        about_me="Sam is kind",
        updated_by=world.users["parent"],
    )
    assert about_me.section_a_words(young)["about_me"] == (
        "I like football\n\nFrom the family: Sam is kind"
    )
