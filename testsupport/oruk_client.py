"""An independent Open Referral UK 3.0 client, written from the published profile and the way the
Open Referral UK validator (github.com/OpenReferralUK/oruk-validator) tests a feed.

It imports nothing of OpenSEND: it speaks HTTP through a `fetch(url) -> Answer` function (urllib
for a running server, `scripts/oruk_check.py`; the Django test client in tests) and checks the
answers against the profile's own OpenAPI document and JSON schemas, kept unchanged in
`opensend/directory/oruk_schema/` (the validator downloads the same files; the `$ref`s to
raw.githubusercontent.com are served from that folder, so nothing goes to the internet).

What it does, as the validator does:

- reads `/`: `version` ("HSDS-UK-3.0", "V3", "3.0": the validator strips the prefix and reads the
  number) must be 3.x, with `profile` and `openapi_url`;
- tests the collection endpoints of the profile's `paths` first, keeping the ids they list, then
  each `{id}` endpoint with those ids; every answer is validated against the response schema the
  OpenAPI document gives for that path (the validator's rule: a required endpoint that does not
  answer 2xx fails);
- a list is tested on its first, middle and last page, and (beyond the validator) `/services` on
  every page: the page's arithmetic must add up (`total_items`, `total_pages`, `page_number`,
  `size`, `first_page`, `last_page`, `empty`), no id twice, a page past the end empty;

and, from the profile's parameter descriptions: `search` (case-insensitive), `taxonomy_term_id`,
`taxonomy_id`, `minimum_age` ("a minimum age of at least"), `maximum_age` ("equal to or below"),
`day`, `start_time`, `end_time`, combined with AND, `postcode` + `proximity` on
`/service_at_locations`; bad parameters must be a 4xx, never a 5xx; every answer carries
`Access-Control-Allow-Origin`. Links a record gives (a service's `logo`, its `additional_urls`)
must open.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

SCHEMAS = Path(__file__).resolve().parents[1] / "opensend" / "directory" / "oruk_schema"
PUBLISHED = "https://raw.githubusercontent.com/openreferral/uk-profile/main/schema/"
PAGE_FIELDS = ("total_items", "total_pages", "page_number", "size", "first_page", "last_page")
UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
NO_SUCH_ID = "00000000-0000-4000-8000-000000000000"


@dataclass
class Answer:
    status: int
    headers: dict[str, str]  # names in lower case
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)


Fetch = Callable[[str], Answer]


@dataclass
class Report:
    base: str
    problems: list[str] = field(default_factory=list)
    checked: dict[str, int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.problems

    def count(self, what: str, n: int = 1) -> None:
        self.checked[what] = self.checked.get(what, 0) + n

    def text(self) -> str:
        lines = [f"Open Referral UK 3.0 check of {self.base}"]
        lines += [f"  {what}: {n}" for what, n in sorted(self.checked.items())]
        if self.problems:
            lines.append(f"{len(self.problems)} problem(s):")
            lines += [f"  - {p}" for p in self.problems]
        else:
            lines.append("No problems found.")
        return "\n".join(lines)


def profile_version(raw: Any) -> float | None:
    """The validator's reading of `/`'s `version`: "HSDS-UK-3.0", "V3", "3.0" are all 3.0."""
    text = re.sub(r"(?i)^(hsds-uk-|v)", "", str(raw or "").strip())
    try:
        return float(text)
    except ValueError:
        return None


def _registry() -> Registry:
    """Every schema file in the folder, under its published address and its bare name."""
    registry: Registry = Registry()
    for path in SCHEMAS.glob("*.json"):
        contents = json.loads(path.read_text())
        resource = Resource.from_contents(contents, default_specification=DRAFT202012)
        names = [path.name, PUBLISHED + path.name, PUBLISHED + "compiled/" + path.name]
        registry = registry.with_resources((name, resource) for name in names)
    return registry


class Client:
    def __init__(self, base: str, fetch: Fetch, *, details: int | None = None) -> None:
        self.base = base.rstrip("/")
        self.fetch = fetch
        self.details = details  # how many of each `{id}` to open (None: all)
        self.report = Report(base=self.base)
        self.openapi = json.loads((SCHEMAS / "openapi.json").read_text())
        self.registry = _registry()
        self.ids: dict[str, list[str]] = {}
        self.validators: dict[str, Draft202012Validator] = {}

    # ------------------------------------------------------------------ plumbing

    def problem(self, text: str) -> None:
        self.report.problems.append(text)

    def get(self, path: str, **params: Any) -> Answer | None:
        query = urlencode({k: v for k, v in params.items() if v is not None})
        url = f"{self.base}{path}" + (f"?{query}" if query else "")
        answer = self.fetch(url)
        self.report.count("requests")
        where = f"GET {path}" + (f"?{query}" if query else "")
        if answer.status >= 500:
            self.problem(f"{where}: {answer.status} (a server error)")
            return None
        if answer.headers.get("access-control-allow-origin") != "*":
            self.problem(f"{where}: no Access-Control-Allow-Origin: * header")
        return answer

    def get_json(self, path: str, **params: Any) -> Any:
        answer = self.get(path, **params)
        if answer is None:
            return None
        if answer.status != 200:
            self.problem(f"GET {path} {params or ''}: {answer.status}, expected 200")
            return None
        try:
            return answer.json()
        except ValueError:
            self.problem(f"GET {path}: the answer is not JSON")
            return None

    def response_schema(self, path: str) -> dict[str, Any]:
        responses = self.openapi["paths"][path]["get"]["responses"]
        schema = responses["200"]["content"]["application/json"]["schema"]
        # The OpenAPI document's own `#/components/...` references, resolved within it.
        return {**schema, "components": self.openapi["components"]}

    def validate(self, path: str, body: Any, where: str) -> None:
        validator = self.validators.get(path)
        if validator is None:
            validator = self.validators[path] = Draft202012Validator(
                self.response_schema(path), registry=self.registry, format_checker=FormatChecker()
            )
        errors = sorted(validator.iter_errors(body), key=lambda e: list(e.absolute_path))
        self.report.count("answers validated")
        for error in errors[:3]:
            self.problem(f"{where}: {list(error.absolute_path)}: {error.message[:200]}")

    # ------------------------------------------------------------------ the checks

    def run(self) -> Report:
        if not self.api_details():
            return self.report
        paths = [p for p in self.openapi["paths"] if p != "/" and "get" in self.openapi["paths"][p]]
        for path in (p for p in paths if "{" not in p):
            self.collection(path, walk_all=path == "/services")
        for path in (p for p in paths if "{" in p):
            self.details_of(path)
        self.filters()
        self.proximity()
        self.bad_input()
        return self.report

    def api_details(self) -> bool:
        body = self.get_json("/")
        if not isinstance(body, dict):
            self.problem("GET /: no API details")
            return False
        self.validate("/", body, "GET /")
        version = profile_version(body.get("version"))
        if version is None or not 3 <= version < 4:
            self.problem(f"GET /: version {body.get('version')!r} is not Open Referral UK 3")
        for name in ("profile", "openapi_url"):
            if not str(body.get(name, "")).startswith(("http://", "https://")):
                self.problem(f"GET /: {name} is not an address: {body.get(name)!r}")
        return True

    def page(self, path: str, number: int, per_page: int, **params: Any) -> dict | None:
        body = self.get_json(path, page=number, per_page=per_page, **params)
        if not isinstance(body, dict):
            return None
        where = f"GET {path} page {number}" + (f" {params}" if params else "")
        self.validate(path, body, where)
        missing = [k for k in (*PAGE_FIELDS, "empty", "contents") if k not in body]
        if missing:
            self.problem(f"{where}: no {', '.join(missing)}")
            return None
        rows, total = body["contents"], body["total_items"]
        expected = {
            "page_number": number,
            "size": len(rows),
            "total_pages": math.ceil(total / per_page),
            "first_page": number == 1,
            "last_page": number >= math.ceil(total / per_page),
            "empty": not rows,
        }
        for name, value in expected.items():
            if body[name] != value:
                self.problem(f"{where}: {name} is {body[name]!r}, expected {value!r}")
        last = max(math.ceil(total / per_page), 1)
        if number < last and len(rows) != per_page:
            self.problem(f"{where}: {len(rows)} rows on a page before the last, not {per_page}")
        self.report.count("pages")
        return body

    def collection(self, path: str, *, walk_all: bool, per_page: int = 50) -> None:
        first = self.page(path, 1, per_page)
        if first is None:
            return
        total, pages = first["total_items"], first["total_pages"]
        numbers = range(2, pages + 1) if walk_all else sorted({max(pages // 2, 1), pages} - {1})
        seen = [row.get("id") for row in first["contents"]]
        for number in numbers:
            body = self.page(path, number, per_page)
            seen += [row.get("id") for row in body["contents"]] if body else []
        if len(seen) != len(set(seen)):
            self.problem(f"GET {path}: the same id on more than one page")
        if walk_all and len(seen) != total:
            self.problem(f"GET {path}: {len(seen)} rows on its pages, total_items says {total}")
        if total == 0:
            self.problem(f"GET {path}: no rows (the validator warns of an empty feed)")
        past = self.page(path, pages + 1, per_page)
        if past is not None and past["contents"]:
            self.problem(f"GET {path}: a page past the end has rows")
        self.ids[path] = [i for i in seen if isinstance(i, str)]

    def details_of(self, path: str) -> None:
        collection = path.rsplit("/", 1)[0]
        ids = self.ids.get(collection, [])
        for item_id in ids if self.details is None else ids[: self.details]:
            body = self.get_json(path.replace("{id}", item_id))
            if body is None:
                continue
            self.validate(path, body, f"GET {path} ({item_id})")
            if body.get("id") != item_id:
                self.problem(f"GET {path} ({item_id}): its id is {body.get('id')!r}")
            self.links(body, f"GET {path} ({item_id})")
            self.report.count(f"{path} opened")
        missing = self.get(path.replace("{id}", NO_SUCH_ID))
        if missing is not None and missing.status != 404:
            self.problem(f"GET {path} with an unknown id: {missing.status}, expected 404")

    def links(self, service: dict, where: str) -> None:
        """A service's `logo` and `additional_urls` (HSDS names beyond the profile) must open."""
        links = [service["logo"]] if service.get("logo") else []
        links += [u.get("url") for u in service.get("additional_urls") or []]
        if not links:
            return
        root = "{0.scheme}://{0.netloc}".format(urlsplit(self.base))
        for link in links:
            if not isinstance(link, str) or not link.startswith(root):
                self.problem(f"{where}: a link that is not an address on this site: {link!r}")
                continue
            answer = self.fetch(link)
            kind = answer.headers.get("content-type", "")
            if answer.status != 200 or not kind.startswith(("image/", "application/")):
                self.problem(f"{where}: {link} answers {answer.status} {kind}")
            self.report.count("links opened")

    # ------------------------------------------------------------------ filters

    def all_rows(self, path: str, **params: Any) -> list[dict]:
        rows: list[dict] = []
        number = 1
        while True:
            body = self.page(path, number, 200, **params)
            if body is None:
                return rows
            rows += body["contents"]
            if body["last_page"] or not body["contents"]:
                return rows
            number += 1

    def service(self, service_id: str) -> dict:
        body = self.get_json(f"/services/{service_id}")
        return body if isinstance(body, dict) else {}

    def filters(self) -> None:
        everything = {row["id"]: row for row in self.all_rows("/services")}
        if not everything:
            return
        named = sorted(everything.values(), key=lambda r: r["id"])[len(everything) // 2]
        word = max(re.findall(r"[A-Za-z]{4,}", named["name"]) or ["x"], key=len)
        for text in (word.lower(), word.upper()):
            found = {row["id"] for row in self.all_rows("/services", search=text)}
            self.check(named["id"] in found, f"search={text}: misses {named['name']!r}")
        terms = self.all_rows("/taxonomy_terms")
        used = {}  # a term (and its parent) that some service has, from its details
        for row in list(everything.values())[:10]:
            for attribute in self.service(row["id"]).get("attributes", []):
                term = attribute.get("taxonomy_term") or {}
                used.setdefault(term.get("id"), term)
        term = next((t for t in terms if t["id"] in used), None)
        if term is None:
            self.problem("no service has a taxonomy term in /taxonomy_terms")
            return
        with_term = self.filtered("taxonomy_term_id", term["id"], self.has_term(term["id"]))
        self.filtered("taxonomy_id", term["taxonomy_id"], self.in_taxonomy(term["taxonomy_id"]))
        ages = [r["minimum_age"] for r in everything.values() if "minimum_age" in r]
        low = sorted(ages)[len(ages) // 2] if ages else 5
        older = self.filtered("minimum_age", low, lambda s: s.get("minimum_age", -1) >= low)
        self.filtered("maximum_age", 16, lambda s: s.get("maximum_age", 99) <= 16)
        both = {
            r["id"]
            for r in self.all_rows("/services", taxonomy_term_id=term["id"], minimum_age=low)
        }
        self.check(both == with_term & older, "taxonomy_term_id and minimum_age are not ANDed")
        self.filtered("day", "SA", self.open_on("SA"))
        self.filtered("start_time", "10:00", self.open_on(None, start="10:00"))
        self.filtered("end_time", "17:00", self.open_on(None, end="17:00"))

    def check(self, condition: bool, text: str) -> None:
        self.report.count("filter checks")
        if not condition:
            self.problem(text)

    def filtered(self, name: str, value: Any, holds: Callable[[dict], bool]) -> set[str]:
        rows = self.all_rows("/services", **{name: value})
        self.check(bool(rows), f"{name}={value}: no services (nothing to check)")
        for row in rows[:8]:  # the nested details say whether it holds
            detail = self.service(row["id"]) if name not in ("minimum_age", "maximum_age") else row
            self.check(holds(detail), f"{name}={value}: {row.get('name')!r} does not match")
        return {row["id"] for row in rows}

    def has_term(self, term_id: str) -> Callable[[dict], bool]:
        def holds(service: dict) -> bool:
            terms = [a.get("taxonomy_term") or {} for a in service.get("attributes", [])]
            return any(term_id in (t.get("id"), t.get("parent_id")) for t in terms)

        return holds

    def in_taxonomy(self, taxonomy_id: str) -> Callable[[dict], bool]:
        def holds(service: dict) -> bool:
            terms = [a.get("taxonomy_term") or {} for a in service.get("attributes", [])]
            return any(t.get("taxonomy_id") == taxonomy_id for t in terms)

        return holds

    def open_on(
        self, day: str | None, *, start: str | None = None, end: str | None = None
    ) -> Callable[[dict], bool]:
        def holds(service: dict) -> bool:
            for schedule in service.get("schedules", []):
                days = str(schedule.get("byday", "")).split(",")
                if day and day not in days:
                    continue
                if start and not schedule.get("opens_at", "") >= start:
                    continue
                if end and not (schedule.get("closes_at") or "99") <= end:
                    continue
                return True
            return False

        return holds

    def proximity(self) -> None:
        rows = self.all_rows("/service_at_locations")
        postcodes = []
        for row in rows[:10]:
            detail = self.get_json(f"/service_at_locations/{row['id']}") or {}
            addresses = (detail.get("location") or {}).get("addresses", [])
            postcodes += [address.get("postal_code") for address in addresses]
        postcode = next((p for p in postcodes if p), None)
        if postcode is None:
            self.problem("/service_at_locations: no address with a postcode to search near")
            return
        near = self.all_rows("/service_at_locations", postcode=postcode, proximity=2000)
        far = self.all_rows("/service_at_locations", postcode=postcode, proximity=20000)
        self.check(bool(near), f"postcode={postcode}, proximity=2000: nothing near its own place")
        self.check(
            {r["id"] for r in near} <= {r["id"] for r in far},
            f"postcode={postcode}: within 2,000 m is not within 20,000 m",
        )
        for row in near:
            place = row.get("location") or {}
            self.check(
                "latitude" in place and "longitude" in place,
                f"postcode={postcode}: {row['id']} has no map position",
            )

    def bad_input(self) -> None:
        bad = [
            ("/services", {"page": "0"}),
            ("/services", {"per_page": "many"}),
            ("/services", {"minimum_age": "old"}),
            ("/services", {"taxonomy_term_id": "not-an-id"}),
            ("/services", {"day": "Someday"}),
            ("/services", {"start_time": "25:99"}),
            ("/services", {"modified_after": "yesterday"}),
            ("/service_at_locations", {"postcode": "NOT A POSTCODE", "proximity": "1000"}),
            ("/service_at_locations", {"proximity": "far"}),
            ("/taxonomy_terms", {"page": "-1"}),
        ]
        for path, params in bad:
            answer = self.get(path, **params)
            self.report.count("bad requests")
            if answer is not None and not 400 <= answer.status < 500:
                self.problem(f"GET {path} {params}: {answer.status}, expected a 4xx")


def check(base: str, fetch: Fetch, *, details: int | None = None) -> Report:
    """Run every check against the API at `base` (its `/` address); returns the report."""
    return Client(base, fetch, details=details).run()


def urllib_fetch(timeout: float = 30) -> Fetch:
    """Fetch over HTTP with the standard library (for a running server)."""
    from urllib.error import HTTPError
    from urllib.request import Request, urlopen

    def fetch(url: str) -> Answer:
        if not url.startswith(("http://", "https://")):
            raise ValueError(f"Not an http(s) address: {url}")
        # An http(s) address, checked above, given by the person running the check.
        request = Request(url, headers={"Accept": "application/json"})  # noqa: S310
        try:
            with urlopen(request, timeout=timeout) as response:  # noqa: S310
                return Answer(response.status, _lower(response.headers.items()), response.read())
        except HTTPError as error:
            return Answer(error.code, _lower(error.headers.items()), error.read())

    return fetch


def _lower(headers: Iterable[tuple[str, str]]) -> dict[str, str]:
    return {name.lower(): value for name, value in headers}
