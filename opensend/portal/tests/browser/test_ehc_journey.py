"""The EHC journey in Chromium: every role does their part, every page is checked with axe-core."""

import datetime
import re

import pytest

from testsupport.browser import error_summary as _error_summary
from testsupport.browser import fill_date_by_legend as _fill_date
from testsupport.browser import follow, go, sign_in, sign_out, submit
from testsupport.samples import PDF_BYTES

pytestmark = pytest.mark.browser


def _today(page, legend: str) -> None:
    today = datetime.date.today()
    _fill_date(page, legend, str(today.day), str(today.month), str(today.year))


def _org(world, role):
    return world.users[role].memberships.get().organisation


def _prepare(world):
    """The parent's child is on roll at the SENCO's school and on the caseworker's caseload."""
    from testsupport.factories.people import EnrolmentFactory

    child = world.parents_child
    child.caseworker = world.users["caseworker"]
    child.senar_team = world.team
    child.save()
    EnrolmentFactory(child=child, setting=world.setting)
    for role in ("educational_psychologist", "health", "social_care"):
        org = _org(world, role)
        org.email = f"{role}@org.opensend.test"
        org.save()
    return child


def _start_case_as_senco(page, live_server, world, child):
    base = live_server.url
    sign_in(page, live_server, world.users["senco"].email)
    go(page, f"{base}/people/children/{child.pk}/")
    follow(page, "Ask for an EHC needs assessment")
    # The SENCO's own form: their setting only (already chosen), no date or source to type.
    assert page.get_by_label(world.setting.name).is_checked()
    assert page.get_by_label("Date the request was received").count() == 0
    submit(page, "Send the request", status=400)  # no SEN support evidence yet
    assert any("Describe the child's needs" in e for e in _error_summary(page))
    page.get_by_label("The child's needs").fill("Finds it hard to understand and use language.")
    page.get_by_label("SEN support already tried").fill(
        "Two terms of small-group language support."
    )
    page.get_by_label("What difference the support made").fill("Some new words, little else.")
    page.get_by_label("SEN support evidence (optional)").set_input_files(
        files=[{"name": "support-plan.pdf", "mimeType": "application/pdf", "buffer": PDF_BYTES}]
    )
    page.get_by_label("knows about this request and agrees to it").check()
    submit(page, "Send the request")
    assert page.get_by_text("Request sent.").is_visible()
    sign_out(page)


def _open_case_as_caseworker(page, live_server, world, child):
    from opensend.casework.models import AssessmentRequest

    case = AssessmentRequest.objects.get(child=child)
    sign_in(page, live_server, world.users["caseworker"].email)
    go(page, f"{live_server.url}/casework/")
    follow(page, child.full_name)
    assert page.url.endswith(f"/casework/cases/{case.pk}/")
    return case


def test_setting_request_to_final_plan(page, live_server, world):
    from opensend.casework.models import Stage

    base = live_server.url
    child = _prepare(world)
    _start_case_as_senco(page, live_server, world, child)

    # Caseworker: record the family's views once, then take the case to panel.
    case = _open_case_as_caseworker(page, live_server, world, child)
    follow(page, "Record the family's views")
    page.get_by_label("About me").fill("I love trains. I like quiet places.")
    page.get_by_label("My hopes and aspirations for the future").fill("To drive a train.")
    page.get_by_label("Whose views are these?").fill("My mum and me")
    submit(page, "Save")
    go(page, f"{base}/casework/panels/")
    follow(page, "Set up a panel")
    _today(page, "Date of the panel")
    submit(page, "Set up panel")
    page.get_by_label("Member's name").fill("Dr Lee (designated medical officer)")
    submit(page, "Add member")
    page.get_by_label("Case to list").select_option(index=1)
    submit(page, "List this case")
    follow(page, f"Record decision for {child.full_name}")
    page.get_by_role("group", name="Did the panel decide to carry out an assessment?").get_by_label(
        "Yes"
    ).check()
    _today(page, "Date of the decision")
    page.get_by_label("Reasons").fill("Needs are beyond what SEN support can meet.")
    submit(page, "Save")

    # Ask education-adjacent services for advice, each with its own 6-week clock.
    go(page, f"{base}/casework/cases/{case.pk}/")
    for role, kind in [
        ("educational_psychologist", "Educational psychology"),
        ("health", "Health (through the designated medical or clinical officer)"),
        ("social_care", "Social care"),
    ]:
        follow(page, "Ask for advice")
        page.get_by_label(kind).check()
        page.get_by_label("Organisation to ask").select_option(
            label=f"{_org(world, role).name} ({_org(world, role).get_kind_display()})"
        )
        _today(page, "Date the advice was requested")
        submit(page, "Save")
    assert page.get_by_text("Give advice for the assessment").count() >= 3
    sign_out(page)

    # Each adviser sees the family's views and submits structured advice.
    for role in ("educational_psychologist", "health", "social_care"):
        sign_in(page, live_server, world.users[role].email)
        go(page, f"{base}/casework/advice/")
        follow(page, child.full_name)
        assert page.get_by_text("I love trains. I like quiet places.").is_visible()
        page.get_by_label("Needs you have identified").fill(f"{role}: needs identified")
        page.get_by_label("Provision you recommend").fill(
            "Weekly 30-minute sessions, 1:1, all year"
        )
        submit(page, "Submit advice")
        assert page.get_by_text("Advice submitted").is_visible()
        sign_out(page)

    # Caseworker decides to issue a plan.
    sign_in(page, live_server, world.users["caseworker"].email)
    go(page, f"{base}/casework/cases/{case.pk}/")
    follow(page, "Decide whether to issue a plan")
    page.get_by_role("group", name="Will we issue an EHC plan?").get_by_label("Yes").check()
    _today(page, "Date of the decision")
    page.get_by_label("Reasons").fill("The assessment shows a plan is needed.")
    submit(page, "Save")
    case.refresh_from_db()
    assert case.stage == Stage.DRAFTING

    # Caseworker writes the draft: a need, the outcome that answers it, the provision for it.
    submit(page, "Start the draft plan")
    plan = case.plans.get()
    follow(page, "Add a need to section B")
    page.get_by_label("B: Special educational needs").check()
    page.get_by_label("Area of need").select_option(label="Communication and interaction")
    page.get_by_label("Describe the need").fill("Finds it hard to understand spoken instructions.")
    submit(page, "Save")
    follow(page, "Add an outcome")
    page.get_by_label("Describe the outcome").fill(
        "By July, follows two-step instructions in class without adult help."
    )
    page.get_by_label("Finds it hard to understand spoken instructions.").check()
    submit(page, "Save")
    follow(page, "Add provision to section F")
    page.get_by_label("F: Special educational provision").check()
    page.get_by_label("What will be provided").fill("Speech and language therapy programme")
    page.get_by_label("Who provides it").fill("Speech and language therapist")
    page.get_by_label("How often").fill("Once a week")
    page.get_by_label("How long each time").fill("30 minutes")
    outcomes = page.get_by_role("group", name="Which outcomes does it help achieve?")
    outcomes.get_by_role("checkbox").first.check()
    submit(page, "Save")
    follow(page, "Issue the draft plan")
    _today(page, "Date the draft was sent to the family")
    submit(page, "Issue the draft plan")
    case.refresh_from_db()
    assert case.stage == Stage.DRAFT_ISSUED
    sign_out(page)

    # The parent reads the draft, comments and names a preferred school.
    sign_in(page, live_server, world.users["parent"].email)
    go(page, f"{base}/people/children/{child.pk}/")
    # The family's page (portal.family_timeline) says the draft was sent, in family words.
    assert page.get_by_text("draft EHC plan").first.is_visible()
    go(page, f"{base}/plans/{plan.pk}/family/")
    page.get_by_label("What do you think of the draft plan?").fill("Please add help at lunchtime.")
    page.get_by_label(
        "Which school, college or setting would you like us to name? (optional)"
    ).select_option(label=world.setting.name)
    page.get_by_label("I have nothing more to say about the draft plan").check()
    submit(page, "Send your comments")
    sign_out(page)

    # The school is consulted and replies; the caseworker answers the parent's comments.
    from opensend.plans import services as plan_services

    cw = world.users["caseworker"]
    consultation = plan_services.consultation_send(
        actor=cw, plan=plan, setting=world.setting, sent_on=datetime.date.today()
    )
    plan_services.consultation_response_record(
        actor=cw,
        consultation=consultation,
        responded_on=datetime.date.today(),
        can_meet_needs="yes",
    )
    sign_in(page, live_server, cw.email)
    go(page, f"{base}/plans/{plan.pk}/representations/")
    answer_link = page.get_by_role("link", name=re.compile("^Answer the comments from"))
    go(page, base + answer_link.first.get_attribute("href"))
    page.get_by_label("Accepted: the plan has been changed").check()
    submit(page, "Save the answer")

    # Caseworker issues the final plan naming the school.
    go(page, f"{base}/plans/{plan.pk}/")
    follow(page, "Issue the final plan")
    page.get_by_label("Setting to name in section I").select_option(label=world.setting.name)
    _today(page, "Date the final plan is issued")
    submit(page, "Issue the final plan")
    case.refresh_from_db()
    assert case.stage == Stage.FINAL_ISSUED
    pdf = page.request.get(f"{base}/plans/{plan.pk}/pdf/")
    assert pdf.status == 200
    assert pdf.body().startswith(b"%PDF")


def test_refusal_and_an_exception(page, live_server, world):
    from opensend.casework.models import Stage

    base = live_server.url
    child = _prepare(world)
    _start_case_as_senco(page, live_server, world, child)
    case = _open_case_as_caseworker(page, live_server, world, child)

    follow(page, "Record an exception")
    page.get_by_label("Exceptional personal circumstances").check()
    _today(page, "From")
    page.get_by_label("Evidence").fill("Family bereavement; parent asked for two weeks.")
    submit(page, "Save")
    assert page.get_by_text("Family bereavement; parent asked for two weeks.").first.is_visible()

    follow(page, "Decide whether to assess")
    page.get_by_role("group", name="Will we carry out an EHC needs assessment?").get_by_label(
        "No"
    ).check()
    _fill_date(page, "Date of the decision", "1", "1", "2001")
    page.get_by_label("Reasons").fill("Needs can be met at SEN support.")
    submit(page, "Save", status=400)
    assert any("before the request was received" in e for e in _error_summary(page))
    _today(page, "Date of the decision")
    submit(page, "Save")
    case.refresh_from_db()
    assert case.stage == Stage.NOT_ASSESSING
    assert page.get_by_text("their right to appeal").is_visible()
    response = page.request.get(f"{base}/casework/cases/{case.pk}/decision-letter.pdf")
    assert response.status == 200
    assert response.body().startswith(b"%PDF")
