"""A link crawler for tests: start from a page, follow every same-site link, report closed doors.

"No page shows a link its viewer cannot open": `crawl(client)` opens the home page as that client's
user, follows every same-site `<a href>` with the Django test client (and every redirect), and
returns each linked URL that answered 4xx or 5xx, with the page that linked to it.

It stays bounded: it visits at most `per_pattern` URLs for each *link pattern*, which is the URL
route (`resolve(path).route`, e.g. `plans/<int:plan_id>/`) together with the shape of the query
string (each parameter's name, and its value where that value is not a number). So
`?from=1&to=2` and `?from=3&to=4` are one pattern, while `?from=1&to=current` and
`?from=None&to=2` are two more: a link that goes wrong only for some values still gets opened.

Skipped: other sites, `mailto:`/`tel:`, fragments, static and media files, sign-out, downloads
(`?download`), and anything listed in `skip_prefixes`.

    from testsupport.crawl import crawl, signed_in_client

    result = crawl(signed_in_client(user))
    assert not result.broken, result.report()
"""

from __future__ import annotations

import re
import time
from collections import defaultdict, deque
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any
from urllib.parse import parse_qsl, urldefrag, urljoin, urlsplit

from django.test import Client
from django.urls import Resolver404, resolve, reverse

_NUMBER = re.compile(r"^-?\d+$")
DEFAULT_SKIP_PREFIXES = ("/static/", "/media/", "/django-admin/")


@dataclass(frozen=True)
class BrokenLink:
    source: str  # the page that showed the link (or redirected)
    url: str  # where the link went
    status: int
    detail: str = ""

    def __str__(self) -> str:
        extra = f" ({self.detail})" if self.detail else ""
        return f"{self.source} links to {self.url}: {self.status}{extra}"


@dataclass
class CrawlResult:
    start: str
    visited: dict[str, int] = field(default_factory=dict)  # url -> status
    broken: list[BrokenLink] = field(default_factory=list)
    skipped_by_pattern: int = 0
    seconds: float = 0.0

    def report(self) -> str:
        lines = [f"{len(self.broken)} broken link(s) from {self.start}:"]
        lines += [f"  {b}" for b in self.broken]
        return "\n".join(lines)


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag != "a":
            return
        for name, value in attrs:
            if name == "href" and value is not None:
                self.hrefs.append(value.strip())


def links_in(html: str) -> list[str]:
    """Every `<a href>` in a page, as written."""
    parser = _Links()
    parser.feed(html)
    return parser.hrefs


def link_pattern(url: str) -> tuple[str, tuple[tuple[str, str], ...]] | None:
    """The route and query shape a URL is deduplicated by (None: the path resolves to nothing)."""
    parts = urlsplit(url)
    try:
        match = resolve(parts.path)
    except Resolver404:
        return None
    query = tuple(
        sorted(
            (name, "#" if _NUMBER.match(value) else value)
            for name, value in parse_qsl(parts.query, keep_blank_values=True)
        )
    )
    return (f"{match.namespace}:{match.route}", query)


def _same_site_path(href: str, base: str) -> str | None:
    """The path-and-query of a same-site link, or None for a link the crawler does not follow."""
    if not href or href.startswith(("#", "mailto:", "tel:", "javascript:", "data:")):
        return None
    absolute, _fragment = urldefrag(urljoin(f"http://testserver{base}", href))
    parts = urlsplit(absolute)
    if parts.scheme not in ("http", "https") or parts.netloc != "testserver":
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


def crawl(  # noqa: C901 - one loop, each branch a kind of response
    client: Client,
    start: str = "/",
    *,
    per_pattern: int = 3,
    max_pages: int = 2000,
    skip_prefixes: tuple[str, ...] = DEFAULT_SKIP_PREFIXES,
) -> CrawlResult:
    """Follow every same-site link reachable from `start`; see the module docstring."""
    began = time.monotonic()
    result = CrawlResult(start=start)
    skip = (*skip_prefixes, reverse("accounts:logout"))
    seen: set[str] = set()
    per: dict[Any, int] = defaultdict(int)
    queue: deque[tuple[str, str]] = deque([("(start)", start)])

    def wanted(url: str) -> bool:
        parts = urlsplit(url)
        if parts.path.startswith(skip):
            return False
        return not any(name == "download" for name, _ in parse_qsl(parts.query, True))

    while queue and len(result.visited) < max_pages:
        source, url = queue.popleft()
        if url in seen or not wanted(url):
            continue
        seen.add(url)
        pattern = link_pattern(url)
        if pattern is not None:
            if per[pattern] >= per_pattern:
                result.skipped_by_pattern += 1
                continue
            per[pattern] += 1
        try:
            response = client.get(url)
        except Exception as exc:  # a view that raised: the test client re-raises it
            result.visited[url] = 500
            result.broken.append(BrokenLink(source, url, 500, f"{type(exc).__name__}: {exc}"))
            continue
        status = response.status_code
        result.visited[url] = status
        if status >= 400:
            result.broken.append(BrokenLink(source, url, status))
            continue
        if status in (301, 302, 303, 307, 308):
            target = _same_site_path(response["Location"], url)
            if target is not None:
                queue.append((f"{source} -> {url} (redirect)", target))
            continue
        if "text/html" not in response.get("Content-Type", ""):
            continue
        html = response.content.decode(response.charset or "utf-8", errors="replace")
        for href in links_in(html):
            target = _same_site_path(href, url)
            if target is not None and target not in seen:
                queue.append((url, target))
    result.seconds = time.monotonic() - began
    return result


def signed_in_client(user: Any) -> Client:
    """A test client signed in as `user`, past the staff second factor if one is required.

    A staff user is given a confirmed authenticator (TOTP) device and the session is marked as
    verified with it, as `django_otp.login` does after a right code.
    """
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from opensend.accounts.permissions import access_for

    client = Client()
    client.force_login(user)
    if access_for(user).is_staff_member:
        device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
        if device is None:
            device = TOTPDevice.objects.create(user=user, name="Crawler", confirmed=True)
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    return client
