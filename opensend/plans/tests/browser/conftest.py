"""Browser fixtures for the plan pages: real Chromium, axe-core on every page, console errors fail.

These mirror `opensend/portal/tests/browser/conftest.py`, which a domain app may not import (the
import-linter contract keeps domain apps off the portal). Lifting both into one shared testing
module would remove the copy.
"""

import os
import re
from collections.abc import Iterator
from importlib import import_module
from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-sync"]
PASSWORD = "correct-horse-battery-staple"  # every factory user's password
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]},
    "resultTypes": ["violations"],
}
_STATUS_MESSAGE = re.compile(r"the server responded with a status of (\d+)")
_axe = Axe()


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        if os.environ.get("OPENSEND_EXPECT_BROWSER") == "1":
            pytest.fail(f"Chromium is required ({CHROMIUM}) but is not installed")
        pytest.skip(f"Chromium is not installed at {CHROMIUM}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def _empty_audit_trail(transactional_db: None) -> Iterator[None]:
    """Let pytest-django empty the append-only audit table after a live-server test."""
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
    context = browser.new_context()
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.expected_status = 200
    problems: list[str] = []

    def on_console(msg: Any) -> None:
        if msg.type != "error":
            return
        status = _STATUS_MESSAGE.search(msg.text)
        if status and int(status.group(1)) == page.expected_status:
            return
        problems.append(f"console error on {page.url}: {msg.text}")

    page.on("console", on_console)
    page.on("pageerror", lambda exc: problems.append(f"JavaScript error on {page.url}: {exc}"))
    yield page
    context.close()
    if problems:
        pytest.fail("The browser reported errors (CSP violations too):\n" + "\n".join(problems))


def check_page(page: Any) -> None:
    results = _axe.run(page, options=AXE_OPTIONS)
    if results.violations_count:
        pytest.fail(f"axe-core found problems on {page.url}:\n{results.generate_report()}")


def _navigate(page: Any, status: int, *, url: str | None = None, click: Any = None) -> Any:
    page.expected_status = status
    try:
        if url is not None:
            response = page.goto(url)
        else:
            with page.expect_navigation() as navigation:
                click.click()
            response = navigation.value
        assert response is not None and response.status == status, (
            f"{page.url} returned {response and response.status}, expected {status}"
        )
        page.wait_for_load_state()
        check_page(page)
    finally:
        page.expected_status = 200
    return response


def go(page: Any, url: str, *, status: int = 200) -> Any:
    return _navigate(page, status, url=url)


def submit(page: Any, button: str, *, status: int = 200) -> Any:
    return _navigate(page, status, click=page.get_by_role("button", name=button, exact=True).first)


def follow(page: Any, link: str, *, status: int = 200) -> Any:
    return _navigate(page, status, click=page.get_by_role("link", name=link, exact=True).first)


def sign_in(page: Any, live_server: Any, email: str) -> Any:
    go(page, f"{live_server.url}/account/sign-in/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    return submit(page, "Sign in")


def sign_out(page: Any) -> Any:
    return submit(page, "Sign out")
