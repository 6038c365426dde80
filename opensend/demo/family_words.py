"""What the demo family have told us in their own words (issue 14, item 3 and item 4), the same
for every seed:

- the demo parent's younger child, being assessed, has "all about me" from the parent, with a
  small synthetic PDF ("Ava's drawing" as a one-page document);
- the demo parent's older child, whose plan is being amended after its annual review, has the
  parent's and the child's views given online before the review meeting;
- the demo young person has their own "all about me" in simple words, and has chosen to hear
  from us by text message, in easy read.

Signed in as the parent or the young person, each page shows these; staff see them on the
record and the review."""

from datetime import date

from django.core.files.base import ContentFile

from opensend import statutory
from opensend.accounts.models import User
from opensend.accounts.roles import Role
from opensend.casework.models import AboutMeVersion, AllAboutMe, AllAboutMeFile
from opensend.core.uploads import attach_document, check_upload
from opensend.demo.directory_files import leaflet_pdf
from opensend.demo.logins import LOGIN_BY_ROLE, demo_parent_children
from opensend.people.codes import AccessibleFormat, Channel
from opensend.people.models import Child, YoungPersonContact
from opensend.reviews.codes import ContributionKind
from opensend.reviews.models import AnnualReview, ReviewContribution

YOUNG_PERSON_PHONE = "07700 900417"  # Ofcom's range for drama: never a real number


def build_demo_family_words(*, today: date) -> int:
    """Add the family's words; returns how many things were added."""
    made = 0
    parent = User.objects.filter(email=LOGIN_BY_ROLE[Role.PARENT].email).first()
    ids = demo_parent_children()
    if parent is not None and len(ids) == 2:
        older, younger = Child.objects.in_bulk(ids).values()
        if older.date_of_birth > younger.date_of_birth:
            older, younger = younger, older
        made += _about_me_from_the_parent(parent, younger)
        made += _views_before_the_review(parent, older)
    young = Child.objects.filter(user__email=LOGIN_BY_ROLE[Role.YOUNG_PERSON].email).first()
    if young is not None and young.user is not None:
        made += _young_persons_own(young.user, young)
    return made


def _about_me_from_the_parent(parent: User, child: Child) -> int:
    name = child.preferred_name or child.given_name
    about = AllAboutMe.objects.create(
        child=child,
        version=AboutMeVersion.FAMILY,
        about_me=f"{name} is cheerful and loves drawing animals (synthetic demo text).",
        what_matters=f"{name}'s little brother, our cat, and the same routine every morning.",
        aspirations=f"We hope {name} makes friends at school and learns to read.",
        communication=f"Speak slowly and show {name} a picture of what comes next.",
        updated_by=parent,
    )
    upload = ContentFile(
        leaflet_pdf(f"{name}'s drawing", ["A drawing of our cat (synthetic demo file)."]),
        name=f"{name}'s drawing.pdf",
    )
    drawing = AllAboutMeFile(about=about, uploaded_by=parent)
    attach_document(drawing, check_upload(upload))
    drawing.save()
    return 2


def _views_before_the_review(parent: User, child: Child) -> int:
    review = (
        AnnualReview.objects.filter(child=child, held_on__isnull=False).order_by("-held_on").first()
    )
    if review is None or review.held_on is None:
        return 0
    sent = statutory.add_days(review.held_on, -16)  # before the views-by day, 2 weeks ahead
    name = child.preferred_name or child.given_name
    ReviewContribution.objects.bulk_create(
        [
            ReviewContribution(
                review=review,
                kind=ContributionKind.FAMILY,
                given_by=f"{parent.get_full_name() or parent.email} (parent or carer)",
                received_on=sent,
                text=f"{name} is happier at school, but still finds it hard to talk to other "
                "children. Therapy once a week is not enough (synthetic demo text).",
                recorded_by=parent,
            ),
            ReviewContribution(
                review=review,
                kind=ContributionKind.CHILD,
                given_by=f"{child.full_name} (told to their parent)",
                received_on=sent,
                text="I like my teacher. I want help to join in at break time (synthetic).",
                recorded_by=parent,
            ),
        ]
    )
    return 2


def _young_persons_own(user: User, child: Child) -> int:
    AllAboutMe.objects.create(
        child=child,
        version=AboutMeVersion.YOUNG_PERSON,
        about_me="I am 17. I like music and cooking (synthetic demo text).",
        what_matters="My mum. My friends. Having my headphones when it is noisy.",
        aspirations="I want to go to college and learn to be a chef.",
        communication="Use short sentences. Give me time to answer.",
        updated_by=user,
    )
    YoungPersonContact.objects.create(
        child=child,
        preferred_channel=Channel.SMS,
        phone=YOUNG_PERSON_PHONE,
        language="English",
        accessible_format=AccessibleFormat.EASY_READ,
        chosen_by=user,
    )
    return 2
