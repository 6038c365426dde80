"""/api/docs/ is a plain GOV.UK page: axe-clean, no CSP violation, every endpoint listed."""

import pytest

from testsupport.browser import go, sign_in

pytestmark = pytest.mark.browser


def test_api_reference_is_accessible_and_lists_every_endpoint(page, live_server, world):
    sign_in(page, live_server, world.users["caseworker"].email)
    go(page, f"{live_server.url}/api/docs/")  # axe and the console (CSP) are checked by go()
    assert page.get_by_role("heading", name="GET /api/v1/children/", exact=True).is_visible()
    assert page.get_by_role("link", name="/api/schema/").is_visible()
    body = page.content()
    assert "application/problem+json" in body and "PaginatedChildList" in body
