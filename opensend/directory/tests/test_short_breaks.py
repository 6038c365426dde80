"""Short breaks and personal budgets explained: the rules say why, and never a flat no."""

import pytest
from django.test import Client
from django.urls import reverse

from opensend.accounts.roles import OrganisationKind, Role
from opensend.audit.models import AuditEvent
from opensend.directory.models import ShortBreaksCriteria
from opensend.directory.short_breaks import ASK, LIKELY, NOT_THIS, Answers, Criteria, check
from testsupport.factories.accounts import OrganisationFactory, sign_in_fully, staff_member
from testsupport.roles import ROLES

CHECKER = reverse("directory:short_breaks")


def answers(**changes) -> Answers:
    base = {
        "age": 9,
        "lives_in_area": True,
        "disability_or_send": "yes",
        "ehc_plan": "no",
        "needs_more_help": False,
    }
    return Answers(**{**base, **changes})


def outcomes(found) -> list[str]:
    return [f.outcome for f in found]


def test_a_disabled_9_year_old_in_the_area_can_book_short_breaks():
    found = check(answers())
    assert outcomes(found) == [LIKELY, ASK, NOT_THIS]
    assert all(f.because and f.next_step and f.source for f in found)


def test_more_help_means_an_assessment_and_a_plan_means_a_personal_budget():
    found = check(answers(needs_more_help=True, ehc_plan="being_assessed"))
    assert "needs more help" in found[1].because[0]
    assert found[2].outcome == LIKELY
    assert "Children and Families Act 2014 s49" in found[2].source


@pytest.mark.parametrize(
    ("changes", "why"),
    [
        ({"age": 19}, "up to age 17"),
        ({"age": 2}, "start at age 4"),
        ({"lives_in_area": False}, "live in our area"),
        ({"disability_or_send": "no"}, "disability or SEND"),
    ],
)
def test_when_open_access_breaks_do_not_fit_it_says_why(changes, why):
    first = check(answers(**changes))[0]
    assert first.outcome == NOT_THIS
    assert any(why in reason for reason in first.because)


def test_not_sure_about_send_means_ask():
    assert check(answers(disability_or_send="not_sure"))[0].outcome == ASK


@pytest.mark.django_db
def test_the_checker_page(client):
    assert client.get(CHECKER).status_code == 200
    response = client.get(
        CHECKER,
        {
            "age": "9",
            "lives_in_area": "yes",
            "disability_or_send": "yes",
            "ehc_plan": "yes",
            "needs_more_help": "no",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Your child could get this" in page
    assert "Find short breaks for a child aged 9" in page
    bad = client.get(CHECKER, {"age": "nine"})
    assert bad.status_code == 400
    assert "There is a problem" in bad.content.decode()


CRITERIA = reverse("directory:short_breaks_criteria")
ASKED = {
    "age": "17",
    "lives_in_area": "yes",
    "disability_or_send": "not_sure",
    "ehc_plan": "no",
    "needs_more_help": "yes",
}


def criteria_form(**changes) -> dict:
    base = {
        "max_age": "17",
        "open_access_min_age": "4",
        "how_to_apply": "",
        "statement_url": "",
        "reason": "The new statement",
    }
    return {**base, **changes}


def test_the_checker_explains_its_answer_from_the_criteria_in_force():
    strict = Criteria(
        max_age=15, open_access_min_age=8, diagnosis_needed=True, how_to_apply="Call us"
    )
    found = check(answers(age=16), strict)
    assert found[0].outcome == NOT_THIS
    assert "Our short breaks are for children up to age 15." in found[0].because[0]
    assert (
        check(answers(age=6), strict)[0]
        .because[0]
        .startswith("Clubs and play schemes start at age 8")
    )
    assert (
        "Our clubs ask for a diagnosis first"
        in check(answers(disability_or_send="not_sure"), strict)[0].because[0]
    )
    assert check(answers(needs_more_help=True), strict)[1].next_step == "Call us"


@pytest.mark.django_db
def test_an_editor_changes_the_criteria_and_the_checker_uses_them(client, world):
    before = client.get(CHECKER, ASKED).content.decode()
    assert "You do not need a diagnosis" in before
    editor = world.client_for("local_offer_editor")
    assert CRITERIA in editor.get(reverse("directory:manage")).content.decode()
    assert "no one has set your own yet" in editor.get(CRITERIA).content.decode()
    response = editor.post(
        CRITERIA,
        criteria_form(
            max_age="16",
            diagnosis_needed="on",
            how_to_apply="Call the Disabled Children's Team on 01632 960 000",
            statement_url="https://council.example.gov.uk/short-breaks-statement",
        ),
    )
    assert response.status_code == 302
    version = ShortBreaksCriteria.objects.get()
    assert version.changed_by == world.users["local_offer_editor"] and version.max_age == 16
    assert AuditEvent.objects.filter(summary="Changed the short breaks criteria").exists()
    page = editor.get(CRITERIA).content.decode()
    assert "The new statement" in page and "short breaks up to 16" in page
    assert 'value="16"' in page  # the form starts from the criteria in force

    after = client.get(CHECKER, ASKED).content.decode()
    assert "Our short breaks are for children up to age 16" in after
    assert "Our clubs ask for a diagnosis first" in after
    assert "Call the Disabled Children&#x27;s Team on 01632 960 000" in after
    assert "https://council.example.gov.uk/short-breaks-statement" in after
    # A second change is a new version; the first is kept.
    editor.post(CRITERIA, criteria_form(reason="Back to 17"))
    assert ShortBreaksCriteria.objects.count() == 2
    assert "up to age 16" not in client.get(CHECKER, ASKED).content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"max_age": "18"}, "The oldest age must be 17 or under"),
        ({"open_access_min_age": "12", "max_age": "10"}, "must not be above the oldest age"),
        ({"reason": ""}, "Say why the criteria are changing"),
        ({"max_age": "old"}, "Oldest age for short breaks (years) must be a whole number"),
        ({"statement_url": "not a link"}, "Enter a web address, like https://"),
    ],
)
def test_bad_criteria_are_refused_and_nothing_changes(world, changes, message):
    editor = world.client_for("local_offer_editor")
    response = editor.post(CRITERIA, criteria_form(**changes))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not ShortBreaksCriteria.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_only_council_editors_change_the_criteria(world, role):
    allowed = role in ("local_offer_editor", "admin")
    client = world.client_for(role)
    assert client.get(CRITERIA).status_code == (200 if allowed else 403)
    assert client.post(CRITERIA, criteria_form()).status_code == (302 if allowed else 403)


@pytest.mark.django_db
def test_providers_do_not_change_the_criteria(world):
    provider = OrganisationFactory(kind=OrganisationKind.PROVIDER)
    client = sign_in_fully(Client(), staff_member(provider, Role.LOCAL_OFFER_EDITOR))
    assert client.post(CRITERIA, criteria_form()).status_code == 403
    assert not ShortBreaksCriteria.objects.exists()
