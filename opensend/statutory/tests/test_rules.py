"""The rule table: every promised id exists, cites its law and explains itself."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from opensend import statutory
from opensend.statutory import (
    RULES,
    ClockStatus,
    Rule,
    StatutoryException,
    Unit,
    UnknownRule,
    age_on,
    deadline,
    due,
    explain,
    get_rule,
)

EXPECTED_IDS = {
    "decide_whether_to_assess",
    "provide_advice",
    "notify_decision_not_to_issue",
    "draft_plan_representations",
    "issue_final_plan",
    "first_annual_review",
    "next_annual_review",
    "review_invitations",
    "review_family_views",
    "review_report",
    "review_decision",
    "amendment_representations",
    "issue_amended_plan",
    "amended_plan_outer_limit",
    "phase_transfer_review",
    "post16_phase_transfer_review",
    "post16_midyear_transfer_review",
    "contact_mediation_adviser",
    "mediation_certificate",
    "hold_mediation",
    "appeal_to_tribunal",
    "appeal_after_mediation_certificate",
    "order_assess_notify",
    "order_assess_not_to_issue",
    "order_assess_final_plan",
    "order_make_plan_draft",
    "order_make_plan_final",
    "order_amend_plan",
    "order_amend_section_i",
    "mediation_agreement_non_appealable",
    "early_years_review",
    "consultation_response",
    "unopposed_assess_notify",
    "unopposed_assess_not_to_issue",
    "unopposed_assess_final_plan",
    "unopposed_amend_plan",
    "decide_whether_to_reassess",
    "issue_reassessed_plan",
    "notify_health_of_mediation",
    "hold_health_mediation",
    "mediation_agreement_notify_council",
}
ADVISORY_IDS = {"early_years_review", "consultation_response"}


def test_every_promised_rule_exists_and_no_others() -> None:
    assert set(RULES) == EXPECTED_IDS


@pytest.mark.parametrize("rule_id", sorted(EXPECTED_IDS))
def test_rule_is_well_formed(rule_id: str) -> None:
    rule = get_rule(rule_id)
    assert rule.id == rule_id
    assert rule.title
    assert rule.title[0].isupper()
    assert rule.trigger.startswith("the ")
    assert rule.citation
    assert rule.plain_english.endswith(".")
    assert rule.statutory is (rule_id not in ADVISORY_IDS)


@pytest.mark.parametrize("rule_id", sorted(EXPECTED_IDS))
def test_explain_includes_the_citation(rule_id: str) -> None:
    text = explain(rule_id)
    assert get_rule(rule_id).citation in text
    assert text.endswith(").")
    assert ".." not in text


def test_explain_matches_the_example_in_the_brief() -> None:
    assert explain("decide_whether_to_assess") == (
        "We must decide whether to carry out an EHC needs assessment within 6 weeks of receiving "
        "the request (SEND Regulations 2014, reg 5(1); SEND Code of Practice 9.14)."
    )


@pytest.mark.parametrize(
    ("rule_id", "words"),
    [
        ("phase_transfer_review", "by 14 February (the law says before 15 February)"),
        ("post16_phase_transfer_review", "by 30 March (the law says before 31 March)"),
    ],
)
def test_phase_transfers_say_what_the_law_says(rule_id: str, words: str) -> None:
    assert words in explain(rule_id)


def test_advisory_rules_say_they_are_advice() -> None:
    for rule_id in ADVISORY_IDS:
        assert "advice, not a legal time limit" in explain(rule_id)


def test_unknown_rule_is_a_clear_key_and_value_error() -> None:
    with pytest.raises(UnknownRule) as caught:
        due("decide_wether_to_assess", date(2025, 1, 6))
    assert isinstance(caught.value, KeyError)
    assert isinstance(caught.value, ValueError)
    assert "decide_wether_to_assess" in str(caught.value)
    assert "RULES" in str(caught.value)
    with pytest.raises(KeyError):
        explain("nope")
    with pytest.raises(ValueError, match="Unknown statutory rule"):
        deadline("nope", date(2025, 1, 6))


def test_assessment_exceptions_follow_regs_5_10_and_13() -> None:
    e = StatutoryException
    # Reg 5(4) has three grounds: (a) school or post-16 closure, (b) personal, (c) absence.
    decision = get_rule("decide_whether_to_assess")
    assert [g.code for g in decision.exceptions] == [
        e.SCHOOL_CLOSURE,
        e.PERSONAL_CIRCUMSTANCES,
        e.ABSENT_FROM_AREA,
    ]
    assert [g.citation.rsplit(" ", 1)[-1] for g in decision.exceptions] == [
        "5(4)(a)",
        "5(4)(b)",
        "5(4)(c)",
    ]
    # Reg 10(4)(a)-(d) add the early years provider's closure; reg 13(3) and 27(3) use them.
    four = [e.SCHOOL_CLOSURE, e.EARLY_YEARS_CLOSURE, e.PERSONAL_CIRCUMSTANCES, e.ABSENT_FROM_AREA]
    for rule_id, reg in [
        ("notify_decision_not_to_issue", "reg 10(4)"),
        ("issue_final_plan", "reg 13(3), applying reg 10(4)"),
        ("issue_reassessed_plan", "reg 27(3)"),
    ]:
        rule = get_rule(rule_id)
        assert [g.code for g in rule.exceptions] == four
        assert [g.citation for g in rule.exceptions] == [
            f"SEND Regulations 2014, {reg}({letter})" for letter in "abcd"
        ]
    # Reg 8(2)(a)-(c): exceptional circumstances, absence of 4 weeks, a missed appointment.
    advice = get_rule("provide_advice")
    assert [g.code for g in advice.exceptions] == [
        e.PERSONAL_CIRCUMSTANCES,
        e.ABSENT_FROM_AREA,
        e.MISSED_APPOINTMENT,
    ]
    assert advice.exceptions[2].citation.endswith("reg 8(2)(c)")


def test_order_exceptions_include_representations_on_the_plan() -> None:
    rule = get_rule("order_make_plan_final")
    assert [g.code for g in rule.exceptions] == [
        StatutoryException.PERSONAL_CIRCUMSTANCES,
        StatutoryException.ABSENT_FROM_AREA_2_WEEKS,
        StatutoryException.REPRESENTATIONS_ON_CONTENT,
        StatutoryException.SCHOOL_CLOSURE,
    ]
    assert rule.exceptions[2].citation.endswith("reg 44(3)(c)")


def test_order_rules_have_the_reg_44_3_exceptions() -> None:
    for rule_id in EXPECTED_IDS:
        rule = get_rule(rule_id)
        if rule_id.startswith("order_"):
            assert StatutoryException.ABSENT_FROM_AREA_2_WEEKS in rule.exception_codes
            assert all("reg 44(3)" in ground.citation for ground in rule.exceptions)
            assert "reg 44(2)" in rule.citation


def test_every_exception_code_has_plain_words() -> None:
    for code in StatutoryException:
        assert code.label
        assert code.label[0].isupper()


@pytest.mark.parametrize(
    ("unit", "limit", "fixed_date"),
    [
        (Unit.FIXED_DATE, 0, None),  # a fixed-date rule without its date
        (Unit.DAYS, 1, (2, 14)),  # a date on a rule that counts days
    ],
)
def test_fixed_date_rules_need_a_fixed_date(unit, limit, fixed_date) -> None:
    with pytest.raises(ValueError, match="fixed_date"):
        Rule(
            id="x",
            title="X",
            trigger="the day",
            limit=limit,
            unit=unit,
            citation="c",
            plain_english="p.",
            fixed_date=fixed_date,
        )


def test_rules_cannot_be_changed_at_runtime() -> None:
    with pytest.raises(TypeError):
        RULES["new"] = get_rule("provide_advice")  # type: ignore[index]
    rule = get_rule("provide_advice")
    with pytest.raises(AttributeError):
        rule.limit = 99  # type: ignore[misc]


def test_deadline_record() -> None:
    clock = deadline("issue_final_plan", date(2025, 12, 1))
    assert clock.due_on == date(2026, 4, 20)
    assert clock.rule is get_rule("issue_final_plan")
    assert clock.status(date(2026, 1, 1)) is ClockStatus.ON_TRACK
    assert clock.status(date(2026, 4, 10)) is ClockStatus.AT_RISK
    assert clock.status(date(2026, 4, 21)) is ClockStatus.OVERDUE
    assert clock.status(date(2026, 3, 1), at_risk_days=60) is ClockStatus.AT_RISK
    assert clock.days_left(date(2026, 4, 19)) == 1
    text = clock.explain()
    assert text.startswith(explain("issue_final_plan"))
    assert "Monday 1 December 2025" in text
    assert "Monday 20 April 2026" in text


def test_clock_status_labels() -> None:
    assert [s.label for s in ClockStatus] == ["Overdue", "Due soon", "On track"]


def test_long_date_is_locale_free() -> None:
    assert statutory.long_date(date(2027, 12, 25)) == "Saturday 25 December 2027"


def test_nc_year_labels() -> None:
    label = statutory.national_curriculum_year_label
    assert [label(n) for n in (-3, -2, -1, 0, 1, 11, 13)] == [
        "Early years (under nursery age)",
        "Nursery (N1)",
        "Nursery (N2)",
        "Reception",
        "Year 1",
        "Year 11",
        "Year 13",
    ]


def test_nc_year_refuses_a_date_before_birth() -> None:
    with pytest.raises(ValueError, match="before the date of birth"):
        statutory.national_curriculum_year(date(2020, 1, 1), date(2019, 1, 1))


def test_public_api_is_exported() -> None:
    for name in statutory.__all__:
        assert hasattr(statutory, name), name


def test_docs_list_every_rule() -> None:
    docs = Path(__file__).resolve().parents[3] / "docs" / "statutory-rules.md"
    if not docs.exists():  # pragma: no cover - the docs live outside an installed package
        pytest.skip("docs/statutory-rules.md is not next to the package")
    text = docs.read_text(encoding="utf-8")
    for rule_id in RULES:
        assert f"`{rule_id}`" in text, f"{rule_id} is missing from docs/statutory-rules.md"


@pytest.mark.parametrize(
    ("dob", "on", "expected"),
    [
        (date(2010, 5, 1), date(2026, 4, 30), 15),
        (date(2010, 5, 1), date(2026, 5, 1), 16),
        (date(2008, 2, 29), date(2026, 2, 28), 17),
        (date(2008, 2, 29), date(2026, 3, 1), 18),
        (date(2026, 1, 1), date(2026, 1, 1), 0),
    ],
)
def test_age_on(dob: date, on: date, expected: int) -> None:
    assert age_on(dob, on) == expected


def test_age_on_rejects_a_date_before_birth() -> None:
    with pytest.raises(ValueError, match="before the date of birth"):
        age_on(date(2020, 1, 2), date(2020, 1, 1))


@pytest.mark.parametrize(
    ("dob", "ends"),
    [
        # Turns 16 in May 2024: school age ends on the last Friday of June 2024.
        (date(2008, 5, 10), date(2024, 6, 28)),
        # Turns 16 in August, after that Friday: still the June of that school year (s.8(3)(a)).
        (date(2008, 8, 20), date(2024, 6, 28)),
        # Turns 16 in September: the June after (s.8(3)(c)).
        (date(2008, 9, 1), date(2025, 6, 27)),
        # A leap-day birthday; June 2028 ends on a Friday, the 30th.
        (date(2012, 2, 29), date(2028, 6, 30)),
    ],
)
def test_compulsory_school_age_ends_on_the_last_friday_in_june(dob: date, ends: date) -> None:
    from opensend.statutory import compulsory_school_age_ends

    assert compulsory_school_age_ends(dob) == ends
    assert ends.weekday() == 4


def test_a_young_person_is_over_compulsory_school_age_and_under_25() -> None:
    from opensend.statutory import is_young_person

    dob = date(2008, 5, 10)
    assert not is_young_person(dob, date(2024, 6, 28))
    assert is_young_person(dob, date(2024, 6, 29))
    assert is_young_person(dob, date(2033, 5, 9))
    assert not is_young_person(dob, date(2033, 5, 10))
    assert not is_young_person(date(2011, 1, 1), date(2026, 12, 4))


def test_the_draft_plan_must_go_15_days_before_the_final_plan_is_due():
    received = date(2026, 1, 5)
    final_due = statutory.due("issue_final_plan", received)  # Monday 25 May 2026
    latest = statutory.draft_plan_latest(final_due)
    assert latest == date(2026, 5, 10)
    # Sent that day, the family's 15 days (that day included) end the day before the final is due.
    assert statutory.due("draft_plan_representations", latest) == date(2026, 5, 24)
