"""The plan document a council would send (issue 12, item 8): every page says whose plan it is,
which version and when, and "Page X of Y"; a final plan names who issued it and ends with the
family's right to mediation and appeal, with the dates from the rules engine; a draft says
DRAFT on every page; money reads "£2,400"; text in any language and emoji survive; section K
lists each piece of advice once.

The PDF's text is read back with pypdf. Each test renders one PDF (about 2 seconds)."""

import datetime as dt
import io
import re
from decimal import Decimal

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from pypdf import PdfReader

from opensend import statutory
from opensend.casework.services import advice as advice_services
from opensend.plans import services as plan_services
from opensend.plans.content import plan_advice_listed, plan_content, section_lines
from opensend.plans.formatting import money
from opensend.plans.models import EHCPlan, PlanStatus, PlanVersion
from opensend.plans.pdf import appeal_rights, plan_html, plan_pdf
from opensend.plans.views.pages import plan_page_context
from opensend.reviews.amendments import services as amendment_services
from testsupport.journeys import (
    FINAL_ON,
    TODAY,
    assessing_case,
    decide_to_issue,
    final_plan,
    write_plan,
)

HEALTH_ADVICE = "Health (through the designated medical or clinical officer) from"
# Polish, Urdu, Arabic, Chinese and emoji, as a family or a provider might write them.
MANY_LANGUAGES = [
    "Zażółć gęślą jaźń, Łódź",
    "بچے کی مدد ہر ہفتے",
    "دعم القراءة",
    "每周言语治疗",
    "👍🎉",
]


def pages_of(body: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(body)).pages]


def fonts_of(body: bytes) -> set[str]:
    names = set()
    for page in PdfReader(io.BytesIO(body)).pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            names.add(str(font.get_object()["/BaseFont"]).split("+", 1)[-1])
    return names


@pytest.mark.parametrize(
    ("amount", "written"),
    [
        (2400, "£2,400"),
        (Decimal("2400.00"), "£2,400"),
        (Decimal("2400.50"), "£2,400.50"),
        ("2400.5", "£2,400.50"),
        (Decimal("1234567.89"), "£1,234,567.89"),
        (Decimal("999"), "£999"),
        (0, "£0"),
        (Decimal("0.05"), "£0.05"),
        (None, ""),
    ],
)
def test_money_has_thousands_separators_and_pence_only_when_there_are_some(amount, written):
    assert money(amount) == written


def test_the_version_comparison_writes_money_the_same_way():
    assert section_lines({"J": {"amount": "2400.00", "description": ""}}, "J") == ["£2,400"]


def test_the_appeal_dates_are_the_rules_engines_even_when_rule_12_moves_them():
    # Issued 15 June 2026: 2 months end in August, so the appeal is in time on the first
    # working day after 31 August (Tribunal Procedure Rules 2008, rule 12).
    issued = dt.date(2026, 6, 15)
    rights = appeal_rights(EHCPlan(status=PlanStatus.FINAL, version=1, issued_on=issued))
    assert rights is not None
    assert rights.appeal_by == statutory.long_date(statutory.appeal_deadline(issued))
    assert statutory.appeal_deadline(issued) == dt.date(2026, 9, 1)
    assert rights.mediation_by == statutory.long_date(
        statutory.due("contact_mediation_adviser", issued)
    )
    assert "Tuesday 1 September 2026" in rights.appeal_moved
    assert appeal_rights(EHCPlan(status=PlanStatus.DRAFT)) is None
    assert appeal_rights(EHCPlan(status=PlanStatus.CEASED, version=1, issued_on=issued)) is None


@pytest.mark.django_db
def test_a_final_plan_carries_who_it_is_for_on_every_page_and_the_right_of_appeal(world):
    caseworker = world.users["caseworker"]
    caseworker.memberships.update(job_title="SEND Casework Officer")
    plan = final_plan(world)
    plan.personal_budget_amount = Decimal("2400.00")
    plan.save()

    version = PlanVersion.objects.get(plan=plan, version=1)
    assert version.issued_by_name == caseworker.get_full_name()
    assert version.issued_by_job_title == "SEND Casework Officer"

    pages = pages_of(plan_pdf(plan, on=TODAY))
    assert len(pages) >= 2
    name, born = plan.child.full_name, f"born {plan.child.date_of_birth:%-d %B %Y}"
    for number, text in enumerate(pages, start=1):
        assert name in text and born in text, number
        assert "Version 1, issued 20 September 2026" in text, number
        assert f"Page {number} of {len(pages)}" in text, number
        assert "DRAFT" not in text, number
    text = "\n".join(pages)
    assert "Issued by" in text and "Date issued" in text
    assert f"{caseworker.get_full_name()}, SEND Casework Officer, for Anytown City Council" in text
    assert "Amount per year: £2,400\n" in text

    # The appeal page, with the rules engine's dates (Tribunal rule 12 already applied).
    rights = pages[-1]
    assert "mediation and appeal" in rights
    appeal_by = statutory.long_date(statutory.appeal_deadline(FINAL_ON))
    mediation_by = statutory.long_date(statutory.due("contact_mediation_adviser", FINAL_ON))
    assert f"Last day to appeal to the SEND Tribunal {appeal_by}" in rights
    assert f"Last day to contact a mediation adviser {mediation_by}" in rights
    assert "SENDIASS" in rights

    # While an amendment is open, the PDF (staff only then) is the working copy: not issued.
    amendment_services.amendment_start(
        actor=caseworker, plan=plan, source="other", summary="Add swimming", today=TODAY
    )
    working = plan_html(plan, on=TODAY)
    assert "NOT ISSUED" in working and "It is not the plan in force" in working


@pytest.fixture
def draft_with_advice(world):
    """A draft whose assessment had health advice corrected once (two versions) and reused in
    the same assessment: still one piece of advice. Its provision is written in five scripts."""
    case, health = assessing_case(world)
    adviser = world.users["health"]
    advice_services.advice_submit(
        actor=adviser,
        advice=health,
        needs="Asthma",
        provision="Inhaler in school",
        submitted_on=dt.date(2026, 7, 20),
        today=TODAY,
    )
    advice_services.advice_correct(
        actor=adviser,
        advice=health,
        reason="Spelling",
        needs="Asthma, well controlled",
        provision="Inhaler in school",
        today=TODAY,
    )
    health.refresh_from_db()
    advice_services.advice_reuse(
        actor=world.users["caseworker"],
        case=case,
        previous=health,
        on=dt.date(2026, 7, 25),
        today=TODAY,
    )
    decide_to_issue(world, case)
    actor = world.users["caseworker"]
    plan = write_plan(actor, plan_services.plan_draft_start(actor=actor, case=case))
    plan_services.provision_add(
        actor=actor,
        plan=plan,
        section="F",
        description=" / ".join(MANY_LANGUAGES),
        provided_by="Bilingual teaching assistant",
        frequency="Daily",
        duration="20 minutes",
    )
    plan_services.plan_details_update(
        actor=actor,
        plan=plan,
        placement_type="mainstream",
        personal_budget_amount=Decimal("2400.50"),
        personal_budget_description="",
    )
    plan.refresh_from_db()
    return plan, health


@pytest.mark.django_db
def test_a_draft_says_draft_on_every_page_and_keeps_text_in_any_language(draft_with_advice):
    plan, _ = draft_with_advice
    body = plan_pdf(plan, on=TODAY)
    pages = pages_of(body)
    for number, text in enumerate(pages, start=1):
        assert "DRAFT" in text and "Draft plan, not yet sent" in text, number
        assert plan.child.full_name in text and f"Page {number} of {len(pages)}" in text, number
    large = pages_of(plan_pdf(plan, on=TODAY, large_print=True))
    assert len(large) > len(pages)
    for number, text in enumerate(large, start=1):
        assert "DRAFT" in text and plan.child.full_name in text, number
        assert f"Page {number} of {len(large)}" in text, number
    text = "\n".join(pages)
    assert "Issued by" not in text and "Last day to appeal" not in text
    assert "cannot be appealed yet" in text
    assert "Amount per year: £2,400.50" in text

    # Every character of every script is in the PDF's text, from a font that has it.
    for words in MANY_LANGUAGES:
        assert set(words) <= set(text), words
    assert "Zażółć gęślą jaźń, Łódź" in text and "每周言语治疗" in text.replace("\n", "")
    assert {"Noto-Sans-Arabic", "WenQuanYi-Micro-Hei"} <= fonts_of(body)
    assert any(name.startswith("Symbola") for name in fonts_of(body))

    # Section K: the corrected, reused advice once, by who gave it, on the day first received.
    assert text.count(HEALTH_ADVICE) == 1
    listed = plan_advice_listed(plan)
    assert len(listed) == 1
    assert listed[0].received_on == dt.date(2026, 7, 20)
    assert listed[0].reused_on is None  # the reused copy is the same advice, left out
    assert "received 20 July 2026" in text


@pytest.mark.django_db
def test_the_plan_pages_list_advice_once_and_write_money_the_same_way(world, draft_with_advice):
    plan, health = draft_with_advice
    page = world.client_for("caseworker").get(reverse("plans:plan_detail", args=[plan.pk]))
    html = page.content.decode()
    section_k = html[html.index('id="section-k"') :]
    assert re.findall(r'href="/casework/advice/(\d+)/"', section_k) == [str(health.pk)]
    assert "£2,400.50" in html
    # What a family reads (no links to staff pages): the same list, once.
    family = render_to_string(
        "plans/_plan_body.html", plan_page_context(plan, user=world.users["parent"])
    )
    family_k = family.split('id="section-k"', 1)[1]
    assert family_k.count(HEALTH_ADVICE) == 1 and "received 20 July 2026" in family_k
    # The kept version's section K (what version comparison reads) lists it once too.
    assert [row["id"] for row in plan_content(plan)["K"]] == [health.pk]
