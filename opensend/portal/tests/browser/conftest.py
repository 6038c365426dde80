"""Fixtures and helpers for the browser tests: real Chromium, axe-core on every page, no console errors.

Write tests with `go(page, url)` and `submit(page, "Button text")`: both wait for the new page to
load and then run the accessibility checks, so every page a test sees is checked.
"""

import os
import re
from collections.abc import Iterator
from importlib import import_module
from importlib import import_module
from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe

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
PASSWORD = "correct-horse-battery-staple"
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]},
    "resultTypes": ["violations"],
}
# Chromium logs every 4xx/5xx document as a console error. While a test expects a page with that
# status (a 400 form with errors, a 404, the 429 lockout page) and asserts it, that one message is
# ignored; any other status, and every other console error, fails the test.
_EXPECTED_STATUS = re.compile(
    r"Failed to load resource: the server responded with a status of (\d+)"
)

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


def _new_page(browser: Any, **context_options: Any) -> Iterator[Any]:
    context = browser.new_context(**context_options)
    context.set_default_timeout(10_000)
    page = context.new_page()
    problems: list[str] = []

    def on_console(msg: Any) -> None:
        if msg.type != "error":
            return
        expected = _EXPECTED_STATUS.search(msg.text)
        if expected and int(expected.group(1)) == page.expected_status:
            return
        problems.append(f"console error on {page.url}: {msg.text} ({msg.location.get('url')})")

    page.expected_status = 200  # set by go() and submit() while a 400 or 404 page is expected
    page.on("console", on_console)
    page.on("pageerror", lambda exc: problems.append(f"JavaScript error on {page.url}: {exc}"))
    yield page
    context.close()
    if problems:
        pytest.fail(
            "The browser reported errors (CSP violations show here too):\n" + "\n".join(problems)
        )


@pytest.fixture
def _empty_audit_trail(transactional_db: None) -> Iterator[None]:
    """Let pytest-django empty the database after a live-server test.

    The audit table refuses DELETE (a trigger: see audit migration 0002), and on SQLite the flush
    between transactional tests deletes rows. Lift the trigger for a moment, empty the table, put it back.
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
    yield from _new_page(browser, java_script_enabled=False)


def check_page(page: Any) -> None:
    """Fail if axe-core finds any WCAG 2.2 A or AA violation on the current page."""
    import time

    t0 = time.perf_counter()
    results = _axe.run(page, options=AXE_OPTIONS)
    print(f"AXE {time.perf_counter() - t0:.2f} {page.url}")
    if results.violations_count:
        pytest.fail(
            f"axe-core found accessibility problems on {page.url}:\n{results.generate_report()}"
        )


def expect_status(page: Any, response: Any, status: int) -> None:
    assert response is not None, f"No response for {page.url}"
    assert response.status == status, f"{page.url} returned {response.status}, expected {status}"


def _navigate(page: Any, status: int, goto: str | None = None, click: Any = None) -> Any:
    """Open `goto` or click `click`, then check the status code and the accessibility of the page."""
    page.expected_status = status
    try:
        if goto is not None:
            response = page.goto(goto)
        else:
            with page.expect_navigation() as navigation:
                click.click()
            response = navigation.value  # after redirects: the page we land on
        expect_status(page, response, status)
        page.wait_for_load_state()
        check_page(page)
    finally:
        page.expected_status = 200
    return response


def go(page: Any, url: str, *, status: int = 200) -> Any:
    """Open `url`, check its status code and its accessibility."""
    return _navigate(page, status, goto=url)


def submit(page: Any, button: str, *, status: int = 200) -> Any:
    """Press the button named `button`, wait for the page it leads to, check that page."""
    return _navigate(page, status, click=page.get_by_role("button", name=button, exact=True).first)


def follow(page: Any, link: str, *, status: int = 200) -> Any:
    """Follow the link named `link` and check the page it leads to."""
    return _navigate(page, status, click=page.get_by_role("link", name=link, exact=True).first)


def sign_in(
    page: Any, live_server: Any, email: str, password: str = PASSWORD, *, status: int = 200
) -> Any:
    """Sign in through the real form; returns the response of the page it lands on."""
    if not page.url.endswith("/account/sign-in/"):  # e.g. just signed out: already there, checked
        go(page, f"{live_server.url}/account/sign-in/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password", exact=True).fill(password)
    return submit(page, "Sign in", status=status)


def sign_out(page: Any) -> Any:
    return submit(page, "Sign out")
