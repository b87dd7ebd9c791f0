"""`make loadtest`: sustained load on this machine, loopback only, bounded in time.

Starts two gunicorn app servers on 127.0.0.1 (sessions and cache in Redis, REDIS_URL,
default redis://127.0.0.1:6379/0; PostgreSQL from DATABASE_URL, which should hold the
data of `manage.py seed_demo --scale large`), drives 50 simulated users with about a
second of think time for 60 seconds with locust headless (bench/locustfile.py), then
stops the servers (also on failure or Ctrl-C) and prints per page p50 / p95 / p99,
requests per second and errors, each page's p95 against /healthz's from the same run,
and the CPU shares of the load generator and of the servers: on a 2-core machine the
load generator competes with the servers it measures.

Goal (issue 15): p95 <= 200 ms, every page's p95 <= 3x /healthz's, 0 errors.

Knobs (environment): LOADTEST_USERS (50), LOADTEST_SECONDS (60), LOADTEST_WORKERS (gunicorn
workers per server, 2), LOADTEST_PORTS ("8101,8102").
"""

import base64
import csv
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import date
from pathlib import Path

import psutil
import requests
from django_otp.oath import totp

ROOT = Path(__file__).resolve().parent.parent
USERS = int(os.environ.get("LOADTEST_USERS", "50"))
SECONDS = int(os.environ.get("LOADTEST_SECONDS", "60"))
WORKERS = int(os.environ.get("LOADTEST_WORKERS", "2"))
PORTS = [int(port) for port in os.environ.get("LOADTEST_PORTS", "8101,8102").split(",")]
P95_GOAL_MS = 200
HEALTHZ_RATIO_GOAL = 3
BASELINE = "/healthz (baseline)"
PASSWORD = os.environ.get("DEMO_PASSWORD", "second-chance-demo")
TOTP_SECRET = os.environ.get("DEMO_TOTP_SECRET") or "SECONDCHANCEJOBSPORTALDEMO234567"
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def _code() -> str:
    key = base64.b32decode(TOTP_SECRET)
    return f"{totp(key, step=30, digits=6):06d}"


def _sign_in(host: str, username: str) -> dict:
    """Sign in through the pages; returns the session's cookies."""
    browser = requests.Session()
    page = browser.get(f"{host}/accounts/login/", timeout=30)
    token = CSRF.search(page.text).group(1)
    answer = browser.post(
        f"{host}/accounts/login/",
        data={"username": username, "password": PASSWORD, "csrfmiddlewaretoken": token},
        headers={"Referer": f"{host}/accounts/login/"},
        timeout=30,
    )
    if "/two-factor/code/" in answer.url:
        for _attempt in range(3):
            token = CSRF.search(answer.text).group(1)
            answer = browser.post(
                answer.url,
                data={"code": _code(), "csrfmiddlewaretoken": token},
                headers={"Referer": answer.url},
                timeout=30,
            )
            if "/two-factor/code/" not in answer.url:
                break
            time.sleep(31)  # that code was used already: the next one
    check = browser.get(f"{host}/dashboard/", timeout=30, allow_redirects=False)
    if check.status_code != 200:
        raise RuntimeError(f"{username} could not sign in: /dashboard/ {check.status_code}")
    return browser.cookies.get_dict()


def _prepare(host: str, path: Path) -> None:
    """Sign in each demo role and list some job ids, before the timed run."""
    sessions = {
        username: _sign_in(host, username)
        for username in ("participant", "facilitator", "employer", "admin")
    }
    listing = requests.get(f"{host}/api/v1/jobs/", timeout=30).json()
    job_ids = [job["id"] for job in listing.get("results", listing)][:50]
    path.write_text(json.dumps({"sessions": sessions, "job_ids": job_ids}))


def _server_env() -> dict:
    env = os.environ.copy()
    env.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    env.setdefault("REDIS_URL", "redis://127.0.0.1:6379/0")
    env.setdefault("LOG_LEVEL", "WARNING")
    if not env.get("DATABASE_URL", "").startswith("postgres"):
        sys.exit("Set DATABASE_URL to the PostgreSQL database of `seed_demo --scale large`.")
    return env


def _start_servers(env: dict, log) -> list[subprocess.Popen]:
    servers = []
    for port in PORTS:
        servers.append(
            subprocess.Popen(  # noqa: S603 (our own command line)
                [
                    sys.executable,
                    "-m",
                    "gunicorn",
                    "portal.wsgi:application",
                    f"--bind=127.0.0.1:{port}",
                    f"--workers={WORKERS}",
                    "--timeout=30",
                    "--graceful-timeout=5",
                    "--log-level=warning",
                ],
                cwd=ROOT,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # its own process group, stopped as one
            )
        )
    return servers


def _wait_ready(port: int, seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5) as reply:
                if reply.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise RuntimeError(f"the server on port {port} did not answer /healthz in {seconds:.0f} s")


def _warm(port: int) -> None:
    """A few requests per worker, so that the first users do not pay the imports."""
    for path in ("/", "/jobs/", "/jobs/?q=cook&zip=64106&radius=10", "/api/v1/jobs/"):
        for _ in range(WORKERS * 2):
            with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=60):
                pass


def _stop(servers: list[subprocess.Popen]) -> None:
    for server in servers:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGTERM)
    deadline = time.monotonic() + 15
    for server in servers:
        try:
            server.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait(timeout=5)


def _cpu_seconds(pid: int) -> float:
    """CPU seconds of a process and its children still running."""
    total = 0.0
    try:
        process = psutil.Process(pid)
        for each in [process, *process.children(recursive=True)]:
            times = each.cpu_times()
            total += times.user + times.system
    except psutil.NoSuchProcess:
        pass
    return total


MACHINE: dict[str, float] = {}


def _database_cpu_seconds() -> float:
    """CPU seconds of every PostgreSQL process on the machine (other databases too)."""
    total = 0.0
    for process in psutil.process_iter(["name"]):
        if process.info["name"] in ("postgres", "postmaster"):
            try:
                times = process.cpu_times()
                total += times.user + times.system
            except psutil.Error:
                continue
    return total


def _run_locust(env: dict, out: Path, servers) -> tuple[float, float, float]:
    """Run locust; returns (wall seconds, locust CPU seconds, servers' CPU seconds)."""
    env = {
        **env,
        "LOADTEST_HOSTS": ",".join(f"http://127.0.0.1:{p}" for p in PORTS),
        "LOADTEST_PREPARED": f"{out}_prepared.json",
    }
    servers_before = sum(_cpu_seconds(s.pid) for s in servers)
    database_before = _database_cpu_seconds()
    psutil.cpu_percent()  # starts the machine-wide measure
    started = time.monotonic()
    locust = psutil.Popen(
        [
            sys.executable,
            "-m",
            "locust",
            "-f",
            str(ROOT / "bench" / "locustfile.py"),
            "--headless",
            f"--users={USERS}",
            f"--spawn-rate={max(1, USERS // 5)}",
            f"--run-time={SECONDS}s",
            "--stop-timeout=5",
            f"--host=http://127.0.0.1:{PORTS[0]}",
            f"--csv={out}",
            "--only-summary",
            "--loglevel=WARNING",
        ],
        cwd=ROOT,
        env=env,
    )
    locust_cpu = 0.0
    try:
        while locust.poll() is None:
            locust_cpu = max(locust_cpu, _cpu_seconds(locust.pid))
            if time.monotonic() - started > SECONDS + 120:
                locust.kill()
                raise RuntimeError("locust did not stop in time")
            time.sleep(0.5)
    finally:
        if locust.poll() is None:
            locust.kill()
    wall = time.monotonic() - started
    servers_cpu = sum(_cpu_seconds(s.pid) for s in servers) - servers_before
    MACHINE["busy"] = psutil.cpu_percent() / 100
    MACHINE["database"] = _database_cpu_seconds() - database_before
    return wall, locust_cpu, servers_cpu


def _report(stats_csv: Path, wall: float, locust_cpu: float, servers_cpu: float) -> bool:
    rows = list(csv.DictReader(stats_csv.open()))
    pages = [row for row in rows if row["Name"] != "Aggregated"]
    total = next(row for row in rows if row["Name"] == "Aggregated")
    baseline = next((row for row in pages if row["Name"] == BASELINE), None)
    base_p95 = float(baseline["95%"]) if baseline else float("nan")
    cores = psutil.cpu_count() or 1
    header = ("page", "requests", "errors", "req/s", "p50 ms", "p95 ms", "p99 ms", "p95/healthz")
    lines = []
    every_page_ok = True
    for row in sorted(pages, key=lambda r: r["Name"]):
        p95 = float(row["95%"]) if row["95%"] != "N/A" else float("inf")
        ratio = p95 / base_p95 if base_p95 else float("inf")
        ok = p95 <= P95_GOAL_MS and ratio <= HEALTHZ_RATIO_GOAL and row["Failure Count"] == "0"
        every_page_ok &= ok
        lines.append(
            (
                row["Name"],
                row["Request Count"],
                row["Failure Count"],
                f"{float(row['Requests/s']):.1f}",
                row["50%"],
                row["95%"],
                row["99%"],
                f"{ratio:.1f}x" + ("" if ok else " (misses)"),
            )
        )
    lines.append(
        (
            "all pages",
            total["Request Count"],
            total["Failure Count"],
            f"{float(total['Requests/s']):.1f}",
            total["50%"],
            total["95%"],
            total["99%"],
            "",
        )
    )
    widths = [max(len(str(line[i])) for line in (header, *lines)) for i in range(len(header))]

    def fmt(cells):
        return "| " + " | ".join(str(c).ljust(w) for c, w in zip(cells, widths, strict=True)) + " |"

    print(f"\nLoad test, {date.today():%Y-%m-%d}: {USERS} users, ~1 s think time, {SECONDS} s, ")
    print(f"{len(PORTS)} gunicorn servers x {WORKERS} workers, {cores} cores\n")
    print(fmt(header))
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for line in lines:
        print(fmt(line))
    overall = (
        total["95%"] != "N/A"
        and float(total["95%"]) <= P95_GOAL_MS
        and total["Failure Count"] == "0"
    )
    meets = overall and every_page_ok
    print(
        f"\nCPU over {wall:.0f} s on {cores} cores: load generator (locust) "
        f"{locust_cpu / wall / cores:.0%} of the machine, app servers "
        f"{servers_cpu / wall / cores:.0%}, PostgreSQL (all its databases) "
        f"{MACHINE['database'] / wall / cores:.0%}, the whole machine busy "
        f"{MACHINE['busy']:.0%}; the load generator runs on the same cores as the servers "
        "it measures, and the machine may be shared with other work."
    )
    print(
        f"Goal: p95 <= {P95_GOAL_MS} ms overall and every page's p95 <= "
        f"{HEALTHZ_RATIO_GOAL}x /healthz's, 0 errors: {'meets' if meets else 'misses'}"
    )
    return meets


def main() -> int:
    env = _server_env()
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "loadtest"
        log_path = Path(tempfile.gettempdir()) / "loadtest-servers.log"
        with log_path.open("w") as log:
            servers = _start_servers(env, log)
            try:
                for port in PORTS:
                    _wait_ready(port)
                    _warm(port)
                print("Servers ready; signing in the demo logins ...", flush=True)
                _prepare(f"http://127.0.0.1:{PORTS[0]}", Path(f"{out}_prepared.json"))
                print(f"{USERS} users for {SECONDS} s (server log: {log_path}) ...", flush=True)
                wall, locust_cpu, servers_cpu = _run_locust(env, out, servers)
            finally:
                _stop(servers)
        _report(Path(f"{out}_stats.csv"), wall, locust_cpu, servers_cpu)
    return 0


if __name__ == "__main__":
    sys.exit(main())
