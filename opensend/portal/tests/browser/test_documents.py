"""An adviser uploads their advice as a document (a bad file first: refused on the field), and the
caseworker sees the link on the case page and downloads it."""

import datetime as dt

import pytest

from opensend.casework import services
from testsupport import samples
from testsupport.browser import follow, go, sign_in, sign_out, submit

pytestmark = pytest.mark.browser


def test_adviser_uploads_and_caseworker_downloads(page, live_server, world, tmp_path):
    today = dt.date.today()
    cw = world.users["caseworker"]
    case = services.request_create(
        actor=cw,
        child=world.caseload_child,
        received_on=today - dt.timedelta(days=30),
        source="parent",
    )
    services.assessment_decision_record(
        actor=cw, case=case, assess=True, decided_on=today - dt.timedelta(days=20), reasons="x"
    )
    services.advice_request_send(
        actor=cw,
        case=case,
        kind="health",
        organisation=world.health_org,
        requested_on=today - dt.timedelta(days=19),
    )
    bad = tmp_path / "advice.pdf"
    bad.write_bytes(samples.EXE_BYTES)
    good = tmp_path / "Health advice.pdf"
    good.write_bytes(samples.PDF_BYTES)
    base = live_server.url
    child = world.caseload_child

    sign_in(page, live_server, world.users["health"].email)
    go(page, f"{base}/casework/advice/")
    follow(page, child.full_name)
    page.get_by_label("Needs you have identified").fill("Speech and language needs")
    page.get_by_label("Or upload your advice as a document (optional)").set_input_files(str(bad))
    submit(page, "Submit advice", status=400)
    assert (
        page.locator(".govuk-error-summary").get_by_text("The selected file must be a PDF").count()
    )
    assert page.get_by_label("Needs you have identified").input_value() == (
        "Speech and language needs"
    )
    page.get_by_label("Or upload your advice as a document (optional)").set_input_files(str(good))
    submit(page, "Submit advice")
    assert page.get_by_text("Advice submitted").is_visible()
    sign_out(page)

    sign_in(page, live_server, cw.email)
    go(page, f"{base}/casework/cases/{case.pk}/")
    link = page.get_by_role("link", name="Download Health advice.pdf")
    assert link.is_visible()
    response = page.request.get(base + link.get_attribute("href"))
    assert response.status == 200
    assert response.body() == samples.PDF_BYTES
    assert response.headers["content-disposition"].startswith("attachment;")
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["cache-control"] == "no-store, private"
