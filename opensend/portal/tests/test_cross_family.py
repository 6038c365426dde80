"""The cross-family test (issue 14): one parent tries every page, download and API call of the
site with the ids of another family's child and their records, and with altered form fields,
and gets "Page not found" (404) every time, with nothing of the other family in the answer.

Every URL pattern with numbers in it is found from the URL resolver, so a page added later is
tried too. Each is asked twice: with the parent's own family's ids, and with the other family's.
Where the parent may use the page for their own child, the other family's gives 404; where the
page is not for parents at all (staff only: 403 for their own child too), the other family's
gives the same answer as their own, so it says nothing about the other family.
"""

import re
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from opensend.casework.models import (
    AboutMeVersion,
    AdviceRequest,
    AllAboutMe,
    AllAboutMeFile,
    RequestDocument,
)
from opensend.disputes.services import complaint_create
from opensend.notify.models import OutboxMessage
from opensend.people.models import FamilyMember, FamilyRelationship
from opensend.reviews.models import AnnualReview
from testsupport.factories.accounts import UserFactory, sign_in_fully
from testsupport.journeys import ADVICE_ASKED_ON, TODAY, final_plan

pytestmark = pytest.mark.django_db
PARAM = re.compile(r"<(?:int:)?([a-z_]+)>")


def _routes(patterns: list[Any], prefix: str = "") -> list[str]:
    found = []
    for item in patterns:
        route = prefix + str(item.pattern)
        if isinstance(item, URLResolver):
            found += _routes(item.url_patterns, route)
        elif isinstance(item, URLPattern):
            found.append(route)
    return found


def _family(world, child, user):
    """A family with the whole journey: a final plan (its case, draft, comments, consultation,
    versions and first review), advice asked for, a complaint and messages."""
    plan = final_plan(world, child=child)
    case = plan.request
    advice = AdviceRequest.objects.create(  # as if asked during the assessment
        request=case, kind="health", organisation=world.health_org, requested_on=ADVICE_ASKED_ON
    )
    complaint = complaint_create(
        actor=user, summary="Nobody rang us back", child=child, today=TODAY
    )
    review = AnnualReview.objects.filter(plan=plan).first()
    document = RequestDocument(
        request=case, document_name="letter.txt", document_type="text/plain", uploaded_by=user
    )
    document.document.save("letter.txt", ContentFile(b"A letter from the clinic"), save=True)
    advice.document.save("advice.txt", ContentFile(b"Advice"), save=False)
    advice.document_name, advice.document_type = "advice.txt", "text/plain"
    advice.save()
    ids = {
        "child_id": child.pk,
        "plan_id": plan.pk,
        "request_id": case.pk,
        "advice_id": advice.pk,
        "complaint_id": complaint.pk,
        "representation_id": plan.representations.first().pk,
        "consultation_id": plan.consultations.first().pk,
        "need_id": plan.needs.first().pk,
        "outcome_id": plan.outcomes.first().pk,
        "provision_id": plan.provisions.first().pk,
        "message_id": OutboxMessage.objects.filter(child=child).first().pk,
        "version": 1,
        "document_id": document.pk,
    }
    if review is not None:
        ids["review_id"] = review.pk
    about = AllAboutMe.objects.create(
        child=child, version=AboutMeVersion.FAMILY, about_me="Likes trains", updated_by=user
    )
    photo = AllAboutMeFile(
        about=about, document_name="me.txt", document_type="text/plain", uploaded_by=user
    )
    photo.document.save("me.txt", ContentFile(b"All about me"), save=True)
    ids["file_id"] = photo.pk
    return ids


@pytest.fixture
def families(world):
    """The parent's family (world.parents_child) and another family (world.caseload_child,
    with its own parent), each with the whole journey."""
    # Names no page or API field could contain by chance (the leak check looks for them).
    world.caseload_child.given_name, world.caseload_child.family_name = "Zephyrine", "Quillbarrow"
    world.caseload_child.save()
    other_parent = UserFactory(email="other.parent@test.opensend.test")
    member = FamilyMember.objects.create(
        given_name="Orla", family_name="Other", email=other_parent.email, user=other_parent
    )
    FamilyRelationship.objects.create(
        child=world.caseload_child,
        family_member=member,
        relationship="mother",
        has_parental_responsibility=True,
    )
    own = _family(world, world.parents_child, world.users["parent"])
    other = _family(world, world.caseload_child, other_parent)
    return own, other


def _fill(route: str, ids: dict[str, int]) -> str | None:
    names = PARAM.findall(route)
    if not names or any(name not in ids for name in names):
        return None
    return "/" + PARAM.sub(lambda m: str(ids[m.group(1)]), route).replace("^", "")


def _leaks(body: str, world) -> list[str]:
    child = world.caseload_child
    return [
        word
        for word in (child.family_name, child.given_name, "Orla", "Nobody rang us back")
        if word in body
    ]


def test_a_parent_gets_404_for_everything_of_another_family(world, families):
    own_ids, other_ids = families
    client = sign_in_fully(Client(), world.users["parent"])
    tried = []
    problems = []
    for route in sorted(set(_routes(get_resolver().url_patterns))):
        mine, theirs = _fill(route, own_ids), _fill(route, other_ids)
        if mine is None or theirs is None or "admin/" in route:
            continue
        for method in ("get", "post"):
            own_status = getattr(client, method)(mine).status_code
            response = getattr(client, method)(theirs)
            tried.append((method, theirs))
            body = response.content.decode(errors="replace")
            expected = 403 if own_status == 403 else 404
            if own_status == 405:
                expected = 405
            if response.status_code != expected:
                problems.append(
                    f"{method.upper()} {theirs}: {response.status_code}, own {own_status}"
                )
            if _leaks(body, world):
                problems.append(f"{method.upper()} {theirs} shows {_leaks(body, world)}")
    assert len(tried) > 80
    assert not problems, "\n".join(problems)


def test_altered_form_fields_naming_another_familys_child_are_refused(world, families):
    _, other_ids = families
    client = sign_in_fully(Client(), world.users["parent"])
    other_child = other_ids["child_id"]
    # A complaint about the other family's child, by the address or by the form field.
    for response in (
        client.get(f"/disputes/complaints/new/?child={other_child}"),
        client.post(
            "/disputes/complaints/new/",
            {"child": other_child, "summary": "Tell me about them", "outcome_wanted": "x"},
        ),
        client.post(
            f"/disputes/complaints/new/?child={other_child}",
            {"summary": "Tell me about them", "outcome_wanted": "x"},
        ),
    ):
        # Refused, or (the address) ignored: the parent is asked which of their own children.
        assert response.status_code in (302, 400, 404)
        assert str(other_child) not in response.get("Location", "")
        assert not _leaks(response.content.decode(), world)
    from opensend.disputes.models import Complaint

    assert not Complaint.objects.filter(child_id=other_child, summary="Tell me about them")


def test_the_api_gives_404_for_another_familys_records(world, families):
    _, other_ids = families
    client = sign_in_fully(Client(), world.users["parent"])
    routes = [r for r in _routes(get_resolver().url_patterns) if r.startswith("api/")]
    tried = 0
    for route in routes:
        theirs = _fill(route, other_ids)
        if theirs is None:
            continue
        response = client.get(theirs, HTTP_ACCEPT="application/json")
        if response.status_code == 405:  # a write: try it
            response = client.post(theirs, {}, content_type="application/json")
        tried += 1
        assert response.status_code in (403, 404), (theirs, response.status_code)
        assert not _leaks(response.content.decode(), world), theirs
    assert tried >= 5
    # Lists name only the parent's own family.
    for path in ("/api/v1/children/", "/api/v1/plans/", "/api/v1/requests/"):
        response = client.get(path, HTTP_ACCEPT="application/json")
        assert not _leaks(response.content.decode(), world), path
