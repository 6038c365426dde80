"""`make bench`: time the busiest pages against a synthetic area and write the figures to a file.

Builds (once, cached in var/bench-area-v2-<scale>.sqlite3) a demo area with about <scale> children
with plans, then requests each
scenario repeatedly through Django's test client as a signed-in user, recording p50/p95 wall time and
the number of SQL queries per request. Results: benchmarks/results/latest.json, a list of objects with
`scenario`, `database`, `scale`, `p50_ms`, `p95_ms`, `queries`.

    make bench                        # default scales: 25000 and 100000 children with plans
    BENCH_SCALES=25000 make bench     # one scale
"""

import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
RESULTS = ROOT / "benchmarks" / "results" / "latest.json"
REPEATS = int(os.environ.get("BENCH_REPEATS", "30"))
PLAN_SHARE = 0.71  # measured: about 71 % of demo children have a plan (final or ceased)


def _setup(scale: int) -> None:
    db = ROOT / "var" / f"bench-area-v2-{scale}.sqlite3"
    db.parent.mkdir(exist_ok=True)
    os.environ["DATABASE_URL"] = f"sqlite:///{db}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "opensend.settings.dev")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    # About three in four demo children have a plan: build enough children for `scale` plans.
    call_command(
        "demo_area", children=round(scale / PLAN_SHARE), seed=1, if_empty=True, verbosity=0
    )


def _measure(client, url: str) -> tuple[float, float, int]:  # type: ignore[no-untyped-def]
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    timings = []
    queries = 0
    for _ in range(REPEATS):
        with CaptureQueriesContext(connection) as ctx:
            start = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - start) * 1000)
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}")
        queries = len(ctx.captured_queries)
    timings.sort()
    p95 = timings[min(len(timings) - 1, int(len(timings) * 0.95))]
    return statistics.median(timings), p95, queries


def measure_scale(scale: int) -> list[dict[str, object]]:
    """Build (or reuse) the area for one scale and time every scenario against it."""
    _setup(scale)
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    from opensend.accounts.models import User
    from opensend.casework.models import AssessmentRequest, Stage
    from opensend.people.models import Child
    from opensend.plans.models import EHCPlan

    caseworker = User.objects.get(email="caseworker@demo.opensend.test")
    manager = User.objects.get(email="manager@demo.opensend.test")
    child = Child.objects.visible_to(caseworker).order_by("pk").first()
    case = (
        AssessmentRequest.objects.filter(stage=Stage.ASSESSING, caseworker=caseworker)
        .order_by("pk")
        .first()
    ) or AssessmentRequest.objects.order_by("pk").first()
    client = Client(HTTP_HOST="localhost")
    client.force_login(caseworker)
    manager_client = Client(HTTP_HOST="localhost")
    manager_client.force_login(manager)
    scenarios = {
        "child_search_page": (client, "/people/children/?name=a"),
        "child_record_page": (client, f"/people/children/{child.pk}/"),
        "api_children_list": (client, "/api/v1/children/"),
        "caseload_page": (client, "/casework/"),
        "case_timeline_page": (client, f"/casework/cases/{case.pk}/"),
        "team_page": (manager_client, "/casework/team/"),
        "review_queue_page": (client, reverse("reviews:queue")),
        "transfer_planner_page": (client, reverse("reviews:transfer_planner")),
    }
    plans = EHCPlan.objects.count()
    results: list[dict[str, object]] = []
    for name, (who, url) in scenarios.items():
        p50, p95, queries = _measure(who, url)
        results.append(
            {
                "scenario": name,
                "database": connection.vendor,
                "scale": scale,
                "plans": plans,
                "p50_ms": round(p50, 1),
                "p95_ms": round(p95, 1),
                "queries": queries,
            }
        )
        print(
            f"{name:<22} {plans:>7} plans  p50 {p50:7.1f} ms  p95 {p95:7.1f} ms  {queries} queries",
            file=sys.stderr,
        )
    return results


def main() -> None:
    if len(sys.argv) == 3 and sys.argv[1] == "--scale":
        # One scale per process: Django settings (the database) are fixed once set up.
        print(json.dumps(measure_scale(int(sys.argv[2]))))
        return
    scales = [int(s) for s in os.environ.get("BENCH_SCALES", "25000,100000").split(",")]
    results = []
    for scale in scales:
        out = subprocess.run(
            [sys.executable, __file__, "--scale", str(scale)],
            check=True,
            capture_output=True,
            text=True,
        )
        sys.stderr.write(out.stderr)
        results += json.loads(out.stdout.strip().splitlines()[-1])
    RESULTS.write_text(json.dumps(results, indent=2) + "\n")
    print(f"Wrote {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
