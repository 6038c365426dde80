import re
from datetime import date

import pytest

from opensend.notify.messages import (
    REGISTRY,
    MessageTemplate,
    MissingPersonalisationError,
    UnknownTemplateError,
    get_template,
    render,
)

EHC_JOURNEY = {
    "request_received",
    "decided_to_assess",
    "decided_not_to_assess",
    "advice_requested",
    "advice_overdue_reminder",
    "decided_not_to_issue",
    "draft_plan_issued",
    "final_plan_issued",
    "review_due",
}


def test_the_ehc_journey_templates_are_registered():
    assert set(REGISTRY) >= EHC_JOURNEY


def test_request_received_says_what_happens_next_with_a_date():
    text = render(
        "request_received",
        {
            "recipient_name": "Sam Jones",
            "child_name": "Alex Jones",
            "decision_due": "Monday 12 January 2026",
            "contact_details": "the SEND team",
            "page_link": "https://send.example/people/children/1/",
        },
    )
    assert "We have your request for an EHC needs assessment for Alex Jones." in text.body
    assert (
        "We will tell you by Monday 12 January 2026 whether we will carry out an assessment."
        in text.body
    )
    assert text.subject == "We have your request for an EHC needs assessment for Alex Jones"
    assert "((" not in text.body


def test_dates_are_written_out_in_full():
    text = render(
        "draft_plan_issued",
        {
            "recipient_name": "Sam",
            "child_name": "Alex",
            "representations_due": date(2026, 1, 12),
            "final_plan_due": date(2026, 2, 2),
            "contact_details": "us",
            "page_link": "https://send.example/plans/1/",
        },
    )
    assert "by Monday 12 January 2026" in text.body
    assert text.personalisation["representations_due"] == "Monday 12 January 2026"


def test_a_missing_placeholder_is_named_in_a_clear_error():
    with pytest.raises(MissingPersonalisationError) as excinfo:
        render("request_received", {"recipient_name": "Sam", "child_name": "Alex"})
    message = str(excinfo.value)
    assert "request_received" in message
    assert "((decision_due))" in message and "((contact_details))" in message
    assert excinfo.value.missing == ["decision_due", "page_link", "contact_details"]


def test_blank_values_count_as_missing():
    tpl = MessageTemplate(key="t", subject="Hi ((name))", body="Hello ((name))", description="")
    with pytest.raises(MissingPersonalisationError):
        render(tpl, {"name": "  "})


def test_an_unknown_template_is_a_clear_error():
    with pytest.raises(UnknownTemplateError, match="no message template called 'nope'"):
        get_template("nope")


@pytest.mark.parametrize("key", sorted(EHC_JOURNEY))
def test_every_template_renders_when_given_its_placeholders(key):
    tpl = get_template(key)
    text = render(tpl, dict.fromkeys(tpl.placeholders, "X"))
    assert "((" not in text.subject + text.body
    assert tpl.description


@pytest.mark.parametrize(
    "key", ["decided_not_to_assess", "decided_not_to_issue", "final_plan_issued"]
)
def test_decisions_that_can_be_appealed_say_how(key):
    body = get_template(key).body
    assert "SEND Tribunal" in body and "mediation" in body and "((appeal_due))" in body


def test_refusal_to_assess_points_to_sen_support():
    assert "SEN support" in get_template("decided_not_to_assess").body


def test_family_sentences_are_short():
    """Plain English: no sentence over 30 words in family-facing templates."""
    for tpl in REGISTRY.values():
        if tpl.audience != "family":
            continue
        for sentence in re.split(r"[.:?]\s|\n", tpl.body):
            assert len(sentence.split()) <= 30, (tpl.key, sentence)
