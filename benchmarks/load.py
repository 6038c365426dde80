"""`make load`: the app under gunicorn, driven over loopback by clients in a separate process.

Starts `gunicorn opensend.wsgi` (workers: the machine's core count + 1) against the chosen
database — `DATABASE_URL` if set (PostgreSQL, say), else the 25,000-plan SQLite area that
`make bench` builds (`var/bench-area-v2-25000.sqlite3`). A second process signs in demo users
of several roles (caseworker, team manager, SENCO) through the sign-in page and runs
`LOAD_CLIENTS` clients (default 8) for `LOAD_SECONDS` (default 60): a read mix of each role's
pages, with one write in twenty (marking the inbox read). It writes requests/s, p50/p95/p99 and
errors per page to benchmarks/results/load-<database>.json.

    make load                         # 60 s, SQLite
    LOAD_SECONDS=20 make load         # shorter
    DATABASE_URL=postgres://... make load
"""

import http.client
import json
import os
import platform
import random
import re
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"
PASSWORD = "opensend-demo"  # noqa: S105 (the synthetic demo area's shared password)
HOST = "127.0.0.1"
ROLES = {
    "caseworker@demo.opensend.test": [
        ("caseload", "/casework/"),
        ("child_search", "/people/children/?name=a"),
        ("api_children", "/api/v1/children/"),
        ("review_queue", "/reviews/"),
        ("inbox", "/notify/inbox/"),
    ],
    "manager@demo.opensend.test": [("team", "/casework/team/"), ("manager_home", "/")],
    "senco@demo.opensend.test": [("senco_home", "/")],
}


class Session:
    """One signed-in user over one keep-alive connection."""

    def __init__(self, port: int, email: str) -> None:
        self.port = port
        self.cookies: dict[str, str] = {}
        self.conn = http.client.HTTPConnection(HOST, port, timeout=30)
        page = self.request("GET", "/account/sign-in/")[1]
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        if token is None:
            raise SystemExit("The sign-in page has no CSRF token")
        body = urlencode(
            {
                "csrfmiddlewaretoken": token.group(1).decode(),
                "username": email,
                "password": PASSWORD,
            }
        )
        status, _ = self.request("POST", "/account/sign-in/", body)
        if status != 302:
            raise SystemExit(f"{email} could not sign in ({status})")

    def request(self, method: str, path: str, body: str | None = None) -> tuple[int, bytes]:
        headers = {
            "Host": "localhost",
            "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()),
        }
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"http://localhost{path}"
            headers["X-CSRFToken"] = self.cookies.get("csrftoken", "")
        try:
            self.conn.request(method, path, body=body, headers=headers)
            response = self.conn.getresponse()
            data = response.read()
        except (OSError, http.client.HTTPException):
            self.conn.close()
            self.conn = http.client.HTTPConnection(HOST, self.port, timeout=30)
            return 599, b""
        for header in response.headers.get_all("Set-Cookie") or []:
            for key, morsel in SimpleCookie(header).items():
                self.cookies[key] = morsel.value
        return response.status, data


def drive(port: int, seconds: float, clients: int) -> dict[str, object]:
    """The client process: sign in, then run the mix until the time is up."""
    timings: dict[str, list[float]] = {}
    errors: dict[str, int] = {}
    lock = threading.Lock()
    emails = list(ROLES)
    sessions = [Session(port, emails[i % len(emails)]) for i in range(clients)]
    deadline = time.monotonic() + seconds

    def client(n: int, session: Session, email: str) -> None:
        rng = random.Random(n)
        pages = ROLES[email]
        while time.monotonic() < deadline:
            if email.startswith("caseworker") and rng.random() < 0.05:
                name, method, path, body = (
                    "inbox_mark_all_read",
                    "POST",
                    "/notify/inbox/read-all/",
                    urlencode({"csrfmiddlewaretoken": session.cookies.get("csrftoken", "")}),
                )
                ok = (302, 303)
            else:
                name, path = rng.choice(pages)
                method, body, ok = "GET", None, (200,)
            start = time.perf_counter()
            status, _ = session.request(method, path, body)
            took = (time.perf_counter() - start) * 1000
            with lock:
                timings.setdefault(name, []).append(took)
                if status not in ok:
                    errors[name] = errors.get(name, 0) + 1

    threads = [
        threading.Thread(target=client, args=(n, s, emails[n % len(emails)]))
        for n, s in enumerate(sessions)
    ]
    started = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - started
    every = [t for ts in timings.values() for t in ts]
    return {
        "seconds": round(elapsed, 1),
        "clients": clients,
        "requests": len(every),
        "requests_per_s": round(len(every) / elapsed, 1),
        "errors": sum(errors.values()),
        **_percentiles(every),
        "pages": {
            name: {"requests": len(ts), "errors": errors.get(name, 0), **_percentiles(ts)}
            for name, ts in sorted(timings.items())
        },
    }


def _percentiles(values: list[float]) -> dict[str, float]:
    if not values:
        return {"p50_ms": 0.0, "p95_ms": 0.0, "p99_ms": 0.0}
    cuts = (
        statistics.quantiles(values, n=100, method="inclusive") if len(values) > 1 else values * 99
    )
    return {
        "p50_ms": round(statistics.median(values), 1),
        "p95_ms": round(cuts[94], 1),
        "p99_ms": round(cuts[98], 1),
    }


def _free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


def _wait_for(port: int, server: subprocess.Popen[bytes]) -> None:
    for _ in range(300):
        if server.poll() is not None:
            raise SystemExit("gunicorn stopped while starting")
        try:
            with socket.create_connection((HOST, port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("gunicorn did not start")


def main() -> None:
    if len(sys.argv) == 4 and sys.argv[1] == "--drive":
        print(
            json.dumps(drive(int(sys.argv[2]), float(sys.argv[3]), int(os.environ["LOAD_CLIENTS"])))
        )
        return
    seconds = float(os.environ.get("LOAD_SECONDS", "60"))
    clients = int(os.environ.get("LOAD_CLIENTS", "8"))
    workers = int(os.environ.get("LOAD_WORKERS", str((os.cpu_count() or 1) + 1)))
    database_url = os.environ.get("DATABASE_URL", "")
    if not database_url:
        db = ROOT / "var" / "bench-area-v2-25000.sqlite3"
        if not db.exists():
            raise SystemExit("No area to load: run `BENCH_SCALES=25000 make bench` first")
        database_url = f"sqlite:///{db}"
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": os.environ.get("DJANGO_SETTINGS_MODULE", "opensend.settings.dev"),
        "LOAD_CLIENTS": str(clients),
    }
    env.pop("OPENSEND_DEBUG", None)
    port = _free_port()
    load_before = os.getloadavg()[0]  # a busy machine shows here: read the figures with it
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "opensend.wsgi",
            "-w",
            str(workers),
            "-b",
            f"{HOST}:{port}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        _wait_for(port, server)
        out = subprocess.run(
            [sys.executable, __file__, "--drive", str(port), str(seconds)],
            env=env,
            check=True,
            capture_output=True,
            text=True,
        )
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
    result = json.loads(out.stdout.strip().splitlines()[-1])
    vendor = "postgresql" if database_url.startswith("postgres") else "sqlite"
    result = {
        "database": vendor,
        "workers": workers,
        "machine": f"{os.cpu_count()} cores, {platform.machine()}, {platform.system()}",
        "load_average_before": round(load_before, 2),
        **result,
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"load-{vendor}.json"
    path.write_text(json.dumps(result, indent=2) + "\n")
    print(
        f"{vendor}: {result['requests_per_s']} requests/s, p50 {result['p50_ms']} ms, "
        f"p95 {result['p95_ms']} ms, p99 {result['p99_ms']} ms, {result['errors']} errors "
        f"({workers} workers, {clients} clients, {result['seconds']} s)"
    )
    print(f"Wrote {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
