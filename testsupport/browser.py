"""Browser-test fixtures and helpers, shared by every app: real Chromium, axe-core on every page.

Registered once for the whole suite from the root conftest.py (`pytest_plugins`), so one Chromium
serves every browser test.

Write tests with `go(page, url)`, `submit(page, "Button text")` and `follow(page, "Link text")`:
each waits for the page it leads to, checks its status code, then runs axe-core on it, so every
page a test reaches is checked for WCAG 2.2 AA. The `page` fixture fails the test at teardown if
the browser logged any console error or JavaScript error (CSP violations are console errors).
"""

import datetime as dt
import os
import re
from collections.abc import Iterator
from importlib import import_module
from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe

from testsupport.factories import PASSWORD

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]},
    "resultTypes": ["violations"],
}
# Chromium logs every 4xx/5xx document as a console error. While a test expects a page with that
# status (a 400 form with errors, a 404, the 429 lockout page) and asserts it, that one message is
# ignored; any other status, and every other console error, fails the test.
_STATUS_MESSAGE = re.compile(
    r"Failed to load resource: the server responded with a status of (\d+)"
)
_SCRIPT = re.compile(r"<script\b.*?</script>", re.DOTALL | re.IGNORECASE)

_axe = Axe()


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        if os.environ.get("OPENSEND_EXPECT_BROWSER") == "1":
            pytest.fail(f"Chromium is required ({CHROMIUM}) but is not installed")
        pytest.skip(f"Chromium is not installed at {CHROMIUM} (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


def _new_page(browser: Any, *, javascript: bool = True) -> Iterator[Any]:
    context = browser.new_context(java_script_enabled=javascript)
    context.set_default_timeout(10_000)
    page = context.new_page()
    # axe-core cannot run in a page with JavaScript off: check_page() uses this stand-in instead.
    stand_in = None if javascript else browser.new_context()
    page.axe_stand_in = stand_in.new_page() if stand_in else None
    page.expected_status = 200  # changed by go()/submit()/follow() while they expect another
    problems: list[str] = []

    def on_console(msg: Any) -> None:
        if msg.type != "error":
            return
        status = _STATUS_MESSAGE.search(msg.text)
        if status and int(status.group(1)) == page.expected_status:
            return
        problems.append(f"console error on {page.url}: {msg.text} ({msg.location.get('url')})")

    page.on("console", on_console)
    page.on("pageerror", lambda exc: problems.append(f"JavaScript error on {page.url}: {exc}"))
    yield page
    context.close()
    if stand_in is not None:
        stand_in.close()
    if problems:
        pytest.fail(
            "The browser reported errors (CSP violations show here too):\n" + "\n".join(problems)
        )


@pytest.fixture
def _empty_audit_trail(transactional_db: None) -> Iterator[None]:
    """Let pytest-django empty the database after a live-server test.

    The audit table refuses DELETE (a trigger: audit migration 0002), and on SQLite the flush after
    each transactional test deletes rows. Lift the trigger, empty the table, put the trigger back.
    """
    yield
    from django.db import connection

    triggers = import_module("opensend.audit.migrations.0002_append_only_triggers")
    up = {"sqlite": triggers.SQLITE_UP, "postgresql": triggers.POSTGRES_UP}[connection.vendor]
    down = {"sqlite": triggers.SQLITE_DOWN, "postgresql": triggers.POSTGRES_DOWN}[connection.vendor]
    with connection.cursor() as cursor:
        for sql in [*down, "DELETE FROM audit_auditevent", *up]:
            cursor.execute(sql)


@pytest.fixture
def page(browser: Any, live_server: Any, _empty_audit_trail: None) -> Iterator[Any]:
    """A page in a fresh browser context (no cookies) that fails the test on console errors."""
    yield from _new_page(browser)


@pytest.fixture
def page_without_js(browser: Any, live_server: Any, _empty_audit_trail: None) -> Iterator[Any]:
    """As `page`, with JavaScript turned off."""
    yield from _new_page(browser, javascript=False)


def check_page(page: Any) -> None:
    """Fail if axe-core finds any WCAG 2.2 A or AA violation on the current page."""
    checked = page
    if page.axe_stand_in is not None:
        # JavaScript is off here, so axe cannot run: serve this page's HTML, without its scripts
        # (as a browser without JavaScript renders it), at the same address to a page where it can.
        checked = page.axe_stand_in
        html = _SCRIPT.sub("", page.content())
        checked.unroute("**/*")
        checked.route(page.url, lambda route: route.fulfill(body=html, content_type="text/html"))
        checked.goto(page.url)
    results = _axe.run(checked, options=AXE_OPTIONS)
    if results.violations_count:
        pytest.fail(
            f"axe-core found accessibility problems on {page.url}:\n{results.generate_report()}"
        )


def _navigate(page: Any, status: int, *, url: str | None = None, click: Any = None) -> Any:
    """Open `url` or click `click`; check the status and the accessibility of where it leads."""
    page.expected_status = status
    try:
        if url is not None:
            response = page.goto(url)
        else:
            with page.expect_navigation() as navigation:
                click.click()
            response = navigation.value  # after any redirect: the page we land on
        assert response is not None, f"No response for {page.url}"
        assert response.status == status, (
            f"{page.url} returned {response.status}, expected {status}"
        )
        page.wait_for_load_state()
        check_page(page)
    finally:
        page.expected_status = 200
    return response


def go(page: Any, url: str, *, status: int = 200) -> Any:
    """Open `url`, check its status code and its accessibility."""
    return _navigate(page, status, url=url)


def submit(page: Any, button: str, *, status: int = 200) -> Any:
    """Press the button named `button`, then check the page it leads to."""
    return _navigate(page, status, click=page.get_by_role("button", name=button, exact=True).first)


def follow(page: Any, link: str, *, status: int = 200) -> Any:
    """Follow the link named `link`, then check the page it leads to."""
    return _navigate(page, status, click=page.get_by_role("link", name=link, exact=True).first)


def sign_in(
    page: Any, live_server: Any, email: str, password: str = PASSWORD, *, status: int = 200
) -> Any:
    """Sign in through the real form (opened unless already on screen); returns where it lands."""
    if page.get_by_role("button", name="Sign in", exact=True).count() == 0:
        go(page, f"{live_server.url}/account/sign-in/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password", exact=True).fill(password)
    return submit(page, "Sign in", status=status)


def sign_out(page: Any) -> Any:
    """Sign out with the button in the header."""
    return submit(page, "Sign out")


# Forms


def assert_fits(page: Any, width: int) -> None:
    """The page needs no sideways scrolling at this width (WCAG 2.2 reflow, 1.4.10)."""
    scroll = page.evaluate("document.documentElement.scrollWidth")
    assert scroll <= width, f"{page.url} is {scroll}px wide at {width}px"


def fill_date(page: Any, name: str, on: dt.date) -> None:
    """Type a date into a GOV.UK date input in the browser."""
    page.fill(f"input[name={name}_0]", str(on.day))
    page.fill(f"input[name={name}_1]", str(on.month))
    page.fill(f"input[name={name}_2]", str(on.year))


def fill_date_by_legend(page: Any, legend: str, day: str, month: str, year: str) -> None:
    """Type a date into the GOV.UK date input whose fieldset is labelled `legend`."""
    group = page.get_by_role("group", name=legend)
    group.get_by_label("Day").fill(day)
    group.get_by_label("Month").fill(month)
    group.get_by_label("Year").fill(year)


def error_summary(page: Any) -> list[str]:
    """The messages in the GOV.UK error summary (which must be there)."""
    summary = page.locator(".govuk-error-summary")
    assert summary.is_visible()
    assert summary.get_by_role("heading", name="There is a problem").is_visible()
    assert page.title().startswith("Error: ")
    return [text.strip() for text in summary.locator("li").all_inner_texts()]
