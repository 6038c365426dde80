"""`make bench`: time the busiest pages against a synthetic area and write the figures to a file.

Builds (once, cached in var/bench-area-v2-<scale>.sqlite3) a demo area with about <scale> children
with plans, then requests each
scenario repeatedly through Django's test client as a signed-in user, recording p50/p95 wall time and
the number of SQL queries per request. Each scenario also gets its SQL floor: the statements
the page ran, replayed on the raw database cursor (no ORM, no template), so `floor_ratio`
(p50 / floor) says how much of the page is Python rather than database work on any machine, and
`growth` (p50 at the largest scale / p50 at the smallest, in one run) how it scales. Results:
benchmarks/results/latest.json, a list of objects with `scenario`, `database`, `scale`, `plans`,
`p50_ms`, `p95_ms`, `queries`, `sql_floor_ms`, `floor_ratio` and `growth` (null at the smallest
scale, or when one scale was run).

Two more kinds of row (issue 15): `sen2_export`, the SEN2 return's XML download for the next
census (built from every record, each child's export audited), timed BENCH_EXPORT_REPEATS times;
and `dashboard_query:<kpi>`, each dashboard figure's query, whose `sql_floor_ms` is a bare
`COUNT(*) ... GROUP BY` over the same rows in the same run (benchmarks/dashboard_queries.py).

    make bench                        # default scales: 25000 and 100000 children with plans
    BENCH_SCALES=25000 make bench     # one scale
    BENCH_SCENARIOS=board_pack_page,board_pack_pdf make bench   # only these scenarios

The Local Offer (issue 16) is timed on its own directory of BENCH_DIRECTORY_SERVICES (default
5,000) services, the demo area's directory generator at that size (cached in
var/bench-directory-v1-<services>.sqlite3): the public search, the Open Referral UK `/services`
page and `/service_at_locations` near a postcode (targets: p95 under 100, 100 and 150 ms). Its
rows have `scale` = the number of services and `plans` null.

    python benchmarks/run.py --directory 5000   # only the directory scenarios; prints JSON
"""

import json
import os
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
RESULTS = ROOT / "benchmarks" / "results" / "latest.json"
REPEATS = int(os.environ.get("BENCH_REPEATS", "30"))
FLOOR_REPEATS = int(os.environ.get("BENCH_FLOOR_REPEATS", "10"))
# The SEN2 export reads every record: a few runs are enough.
EXPORT_REPEATS = int(os.environ.get("BENCH_EXPORT_REPEATS", "3"))
PLAN_SHARE = 0.71  # measured: about 71 % of demo children have a plan (final or ceased)


def _database(name: str) -> None:
    """Django set up on the cached SQLite file var/<name>.sqlite3, migrated."""
    db = ROOT / "var" / f"{name}.sqlite3"
    db.parent.mkdir(exist_ok=True)
    os.environ["DATABASE_URL"] = f"sqlite:///{db}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "opensend.settings.dev")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _setup(scale: int) -> None:
    _database(f"bench-area-v2-{scale}")
    from django.core.management import call_command

    # About three in four demo children have a plan: build enough children for `scale` plans.
    call_command(
        "demo_area", children=round(scale / PLAN_SHARE), seed=1, if_empty=True, verbosity=0
    )


def _measure(client, url: str, repeats: int = REPEATS) -> tuple[float, float, int, float]:  # type: ignore[no-untyped-def]
    """p50 and p95 wall time, queries per request and the SQL floor (all in ms)."""
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    timings = []
    queries: list[str] = []
    for _ in range(repeats):
        # The query log keeps at most 9,000 statements; once full, CaptureQueriesContext counts
        # nothing (the later scenarios showed 0 queries). Start each request with it empty.
        reset_queries()
        with CaptureQueriesContext(connection) as ctx:
            start = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - start) * 1000)
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}")
        queries = [q["sql"] for q in ctx.captured_queries]
    timings.sort()
    p95 = timings[min(len(timings) - 1, int(len(timings) * 0.95))]
    floor = _sql_floor(queries, min(repeats, FLOOR_REPEATS))
    return statistics.median(timings), p95, len(queries), floor


_TRANSACTION_CONTROL = ("SAVEPOINT", "RELEASE", "ROLLBACK", "BEGIN", "COMMIT")
_BATCH = re.compile(r"(\d+|\?) times: ")


def _sql_floor(statements: list[str], repeats: int = FLOOR_REPEATS) -> float:
    """The page's own statements replayed on the raw cursor, rows fetched: the median total over
    BENCH_FLOOR_REPEATS replays, inside a transaction rolled back (audit inserts included, then
    undone). Statements are as Django logged them, parameters inlined. A batch insert
    (`executemany`, as `audit_record_list` writes a list's audit rows) is logged as "N times:
    INSERT ..." with no parameters to replay: it is left out of the floor."""
    from django.db import connection, transaction

    replays = []
    for _ in range(repeats):
        with transaction.atomic():
            with connection.cursor() as cursor:
                raw = cursor.cursor  # below Django's wrapper: no debug logging, no ORM
                start = time.perf_counter()
                for sql in statements:
                    if sql.lstrip().upper().startswith(_TRANSACTION_CONTROL) or _BATCH.match(sql):
                        continue
                    raw.execute(sql)
                    if raw.description is not None:
                        raw.fetchall()
                replays.append((time.perf_counter() - start) * 1000)
            transaction.set_rollback(True)
    return statistics.median(replays)


def _row(
    name: str, scale: int, plans: int | None, p50: float, p95: float, queries: int, floor: float
) -> dict[str, object]:
    """One scenario's figures, as benchmarks/results/latest.json keeps them."""
    from django.db import connection

    return {
        "scenario": name,
        "database": connection.vendor,
        "scale": scale,
        "plans": plans,
        "p50_ms": round(p50, 1),
        "p95_ms": round(p95, 1),
        "queries": queries,
        "sql_floor_ms": round(floor, 2),
        "floor_ratio": round(p50 / floor, 1) if floor else None,
        "growth": None,
    }


def measure_scale(scale: int) -> list[dict[str, object]]:
    """Build (or reuse) the area for one scale and time every scenario against it."""
    _setup(scale)
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    from opensend.accounts.models import User
    from opensend.casework.models import AssessmentRequest, Stage
    from opensend.improvement.models import BoardMeeting
    from opensend.people.models import Child
    from opensend.plans.models import EHCPlan

    caseworker = User.objects.get(email="caseworker@demo.opensend.test")
    manager = User.objects.get(email="manager@demo.opensend.test")
    senco = User.objects.get(email="senco@demo.opensend.test")
    child = Child.objects.visible_to(caseworker).order_by("pk").first()
    case = (
        AssessmentRequest.objects.filter(stage=Stage.ASSESSING, caseworker=caseworker)
        .order_by("pk")
        .first()
    ) or AssessmentRequest.objects.filter(caseworker=caseworker).order_by("pk").first()
    client = Client(HTTP_HOST="localhost")
    client.force_login(caseworker)
    manager_client = Client(HTTP_HOST="localhost")
    manager_client.force_login(manager)
    senco_client = Client(HTTP_HOST="localhost")
    senco_client.force_login(senco)
    parent = User.objects.get(email="parent@demo.opensend.test")
    parents_child = Child.objects.visible_to(parent).order_by("pk").first()
    parent_client = Client(HTTP_HOST="localhost")
    parent_client.force_login(parent)
    public_client = Client(HTTP_HOST="localhost")
    scenarios = {
        "child_search_page": (client, "/people/children/?name=a"),
        "child_record_page": (client, f"/people/children/{child.pk}/"),
        "api_children_list": (client, "/api/v1/children/"),
        "caseload_page": (client, reverse("portal:caseload")),
        "case_timeline_page": (client, f"/casework/cases/{case.pk}/"),
        "team_page": (manager_client, reverse("portal:team")),
        "review_queue_page": (client, reverse("reviews:queue")),
        "transfer_planner_page": (client, reverse("reviews:transfer_planner")),
        # Queue and list pages added since the first scenarios (issue 13).
        "team_member_page": (
            manager_client,
            reverse("portal:team_member", args=[caseworker.pk]),
        ),
        "manager_home_page": (manager_client, reverse("portal:home")),
        "senco_home_page": (senco_client, reverse("portal:home")),
        "inbox_page": (client, reverse("notify:inbox")),
        "timeliness_report_page": (manager_client, reverse("insights:timeliness_report")),
        # The family's pages, the messages, the dashboards and the Local Offer (issue 13: every
        # page added since the first scenarios).
        "parent_home_page": (parent_client, reverse("portal:home")),
        "parent_child_page": (parent_client, f"/people/children/{parents_child.pk}/"),
        "family_messages_page": (
            parent_client,
            reverse("messaging:thread", args=[parents_child.pk]),
        ),
        "messages_inbox_page": (client, reverse("messaging:inbox")),
        "insights_dashboard_page": (manager_client, reverse("insights:dashboard")),
        "local_offer_search_page": (public_client, reverse("directory:search") + "?words=speech"),
        # The next meeting's board pack (issue 17: under 5 s at 100,000 plans).
        "board_pack_page": (
            manager_client,
            reverse("improvement:board_pack", args=[BoardMeeting.objects.latest("held_on").pk]),
        ),
        # The same pack as the tagged PDF the Board takes away (WeasyPrint).
        "board_pack_pdf": (
            manager_client,
            reverse("improvement:board_pack_pdf", args=[BoardMeeting.objects.latest("held_on").pk]),
        ),
    }
    # The SEN2 return for the next census, as an analyst downloads it (issue 15: under 10 s).
    sen2 = reverse("insights:sen2_download", kwargs={"fmt": "xml"}) + "?year=2027"
    scenarios["sen2_export"] = (manager_client, sen2)
    # BENCH_SCENARIOS=a,b runs only those (and "dashboard_queries" for the per-KPI rows).
    only = [s for s in os.environ.get("BENCH_SCENARIOS", "").split(",") if s]
    if only:
        scenarios = {name: scenarios[name] for name in only if name in scenarios}
    plans = EHCPlan.objects.count()
    results: list[dict[str, object]] = []
    for name, (who, url) in scenarios.items():
        repeats = EXPORT_REPEATS if name == "sen2_export" else REPEATS
        p50, p95, queries, floor = _measure(who, url, repeats)
        results.append(_row(name, scale, plans, p50, p95, queries, floor))
        print(
            f"{name:<24} {plans:>7} plans  p50 {p50:7.1f} ms  p95 {p95:7.1f} ms  "
            f"{queries:>3} queries  SQL floor {floor:6.1f} ms  ({p50 / max(floor, 0.01):5.1f}x)",
            file=sys.stderr,
        )
    from benchmarks.dashboard_queries import measure as measure_dashboard_queries

    if only and "dashboard_queries" not in only:
        return results
    for row in measure_dashboard_queries(scale=scale, plans=plans, database=connection.vendor):
        results.append(row)
        print(
            f"{row['scenario']:<48} p50 {row['p50_ms']:7.1f} ms  bare scan "
            f"{row['sql_floor_ms']:6.1f} ms  ({row['floor_ratio']}x)",
            file=sys.stderr,
        )
    return results


def _directory_setup(services: int) -> None:
    _database(f"bench-directory-v1-{services}")
    from django.db import transaction
    from django.utils import timezone

    from opensend.demo.directory import build_demo_directory
    from opensend.directory.models import Service

    if not Service.objects.exists():
        with transaction.atomic():
            # The generator's nine districts; its fixed entries (SENDIASS, the showcase) on top.
            build_demo_directory(
                seed=1, today=timezone.localdate(), per_district=max(1, (services - 2) // 9)
            )


def measure_directory(services: int) -> list[dict[str, object]]:
    """The Local Offer's scenarios on a directory of about `services` services (issue 16)."""
    _directory_setup(services)
    from django.test import Client
    from django.urls import reverse

    from opensend.directory.models import Service

    public = Client(HTTP_HOST="localhost")
    search = reverse("directory:search")
    scenarios = {
        "directory_search_words": f"{search}?words=speech",
        "directory_search_filtered": (
            f"{search}?need=need-asd&age=9&postcode=AT9+1AA&miles=5&cost=free&day=SA"
        ),
        "oruk_services_page": "/openreferral/services",
        "oruk_services_filtered": "/openreferral/services?search=club&minimum_age=5&day=SA",
        "oruk_service_at_locations_near": (
            "/openreferral/service_at_locations?postcode=AT9+1AA&proximity=8000"
        ),
    }
    count = Service.objects.count()
    results: list[dict[str, object]] = []
    for name, url in scenarios.items():
        p50, p95, queries, floor = _measure(public, url)
        results.append(_row(name, count, None, p50, p95, queries, floor))
        print(
            f"{name:<32} {count:>6} services  p50 {p50:7.1f} ms  p95 {p95:7.1f} ms  "
            f"{queries:>3} queries  SQL floor {floor:6.1f} ms",
            file=sys.stderr,
        )
    return results


def _add_growth(results: list[dict[str, object]]) -> None:
    """Each scenario's p50 at every larger scale as a multiple of its p50 at its smallest (the
    directory's scenarios run at one size, so theirs stays null)."""
    smallest: dict[str, float] = {}
    least: dict[str, int] = {}
    for row in results:
        name, scale = str(row["scenario"]), int(row["scale"])  # type: ignore[call-overload]
        least[name] = min(least.get(name, scale), scale)
    for row in sorted(results, key=lambda r: int(r["scale"])):  # type: ignore[call-overload]
        base = smallest.setdefault(str(row["scenario"]), float(row["p50_ms"]))  # type: ignore[arg-type]
        if int(row["scale"]) != least[str(row["scenario"])]:  # type: ignore[call-overload]
            row["growth"] = round(float(row["p50_ms"]) / base, 2) if base else None  # type: ignore[arg-type]


def main() -> None:
    if len(sys.argv) == 3 and sys.argv[1] == "--scale":
        # One scale per process: Django settings (the database) are fixed once set up.
        print(json.dumps(measure_scale(int(sys.argv[2]))))
        return
    if len(sys.argv) == 3 and sys.argv[1] == "--directory":
        print(json.dumps(measure_directory(int(sys.argv[2]))))
        return
    scales = [int(s) for s in os.environ.get("BENCH_SCALES", "25000,100000").split(",")]
    runs = [["--scale", str(scale)] for scale in scales]
    runs.append(["--directory", os.environ.get("BENCH_DIRECTORY_SERVICES", "5000")])
    results = []
    for run in runs:
        out = subprocess.run(
            [sys.executable, __file__, *run], check=True, capture_output=True, text=True
        )
        sys.stderr.write(out.stderr)
        results += json.loads(out.stdout.strip().splitlines()[-1])
    _add_growth(results)
    RESULTS.write_text(json.dumps(results, indent=2) + "\n")
    print(f"Wrote {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
