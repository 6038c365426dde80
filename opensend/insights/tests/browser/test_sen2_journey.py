"""An analyst in Chromium: from the dashboard to the SEN2 return, sees the record to fix (named,
not linked: analysts do not open children's records), picks the year and downloads the XML and
the CSV. Every page passes axe-core (WCAG 2.2 AA)."""

from pathlib import Path

import pytest

from opensend.insights.sen2 import xml
from opensend.people.models import Child
from testsupport import journeys
from testsupport.browser import follow, sign_in, submit
from testsupport.sen2 import sen2_collection

pytestmark = pytest.mark.browser


def test_an_analyst_checks_and_downloads_the_sen2_return(page, live_server, world):
    sen2_collection(2027)
    journeys.final_plan(world)
    Child.objects.filter(pk=world.caseload_child.pk).update(postcode="", secondary_need="ASD")
    sign_in(page, live_server, world.users["analyst"].email)
    follow(page, "Performance")
    follow(
        page, "SEN2 return for the Department for Education (check the records, download the XML)"
    )
    page.get_by_label("Collection year").select_option("2027")
    submit(page, "Show this year's return")
    assert page.get_by_text("The same need is recorded as primary and secondary").is_visible()
    assert page.get_by_text("No home postcode").is_visible()

    with page.expect_download() as xml_download:
        page.get_by_role("link", name="Download the return for DfE (XML)").click()
    document = Path(xml_download.value.path()).read_bytes()
    assert b"<ReferenceDate>2027-01-21</ReferenceDate>" in document
    assert xml.schema_errors(document) == []
    with page.expect_download() as csv_download:
        page.get_by_role("link", name="Download the same rows for checking in Excel (CSV)").click()
    assert world.caseload_child.family_name in Path(csv_download.value.path()).read_text()
