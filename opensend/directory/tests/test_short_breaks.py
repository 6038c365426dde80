"""Short breaks and personal budgets explained: the rules say why, and never a flat no."""

import pytest
from django.urls import reverse

from opensend.directory.short_breaks import ASK, LIKELY, NOT_THIS, Answers, check

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
        ({"age": 19}, "under 18"),
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
