"""Documents added to a review: checked on upload, downloaded only by those who may see the
child (and whoever added it), through the audited download view."""

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse

from opensend.core import uploads
from opensend.reviews import services
from opensend.reviews.models import ReviewContribution
from testsupport import samples
from testsupport.downloads import assert_who_may_download
from testsupport.journeys import TODAY, final_plan, open_review
from testsupport.roles import ROLES, SEE_THE_CHILD
from testsupport.samples import stored_files

pytestmark = pytest.mark.django_db


@pytest.fixture
def review(world):
    return open_review(final_plan(world))


def post_contribution(world, review, document, role="caseworker"):
    data = {
        "kind": "health",
        "given_by": "Dr Patel",
        "received_on_0": str(TODAY.day),
        "received_on_1": str(TODAY.month),
        "received_on_2": str(TODAY.year),
        "text": "Doing well with the therapy plan",
        "document": document,
    }
    return world.client_for(role).post(reverse("reviews:contribution", args=[review.pk]), data)


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("advice.pdf", samples.EXE_BYTES),
        ("picture.svg", samples.SVG_WITH_SCRIPT),
        ("views.txt", samples.HTML_BYTES),
    ],
)
def test_a_bad_file_is_refused_and_nothing_is_kept(world, review, name, content):
    before = stored_files("reviews")
    response = post_contribution(world, review, samples.upload(name, content))
    assert response.status_code == 400
    page = response.content.decode()
    assert uploads.WRONG_TYPE in page
    assert "Doing well with the therapy plan" in page
    assert "Dr Patel" in page
    assert not ReviewContribution.objects.filter(review=review).exists()
    assert stored_files("reviews") == before


def test_a_good_file_is_kept_under_a_random_name_and_linked_from_the_review(world, review):
    before = stored_files("reviews")
    response = post_contribution(
        world, review, samples.upload("../Dr Patel\x07 notes.docx", samples.docx_bytes())
    )
    assert response.status_code == 302
    contribution = ReviewContribution.objects.get(review=review)
    assert contribution.document_name == "Dr Patel notes.docx"
    assert contribution.document_type == uploads.DOCX.content_type
    assert stored_files("reviews") - before == {contribution.document.name}
    assert "Patel" not in contribution.document.name
    page = world.client_for("caseworker").get(reverse("reviews:review_detail", args=[review.pk]))
    url = reverse("reviews:contribution_document", args=[contribution.pk])
    assert url in page.content.decode()
    assert "Download Dr Patel notes.docx" in page.content.decode()


@pytest.fixture
def contribution(world, review):
    return services.review_contribution_add(
        actor=world.users["senco"],
        review=review,
        kind="setting",
        given_by="Ms Lee, SENCO",
        received_on=TODAY,
        document=samples.upload("Ms Lee's notes.pdf", samples.PDF_BYTES),
        today=TODAY,
    )


@pytest.mark.parametrize("role", ROLES)
def test_who_may_download_a_review_document(world, contribution, role):
    url = reverse("reviews:contribution_document", args=[contribution.pk])
    response = assert_who_may_download(
        world,
        role,
        url,
        record=contribution,
        object_type="reviews.reviewcontribution",
        content=samples.PDF_BYTES,
    )
    if role in SEE_THE_CHILD:
        assert response["Content-Disposition"] == (
            "attachment; filename=\"Ms Lee's notes.pdf\"; filename*=UTF-8''Ms%20Lee%27s%20notes.pdf"
        )


def test_a_missing_file_in_storage_is_a_404_not_a_500(world, contribution):
    default_storage.delete(contribution.document.name)
    url = reverse("reviews:contribution_document", args=[contribution.pk])
    assert world.client_for("caseworker").get(url).status_code == 404
