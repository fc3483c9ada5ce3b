"""Load benchmark of the main pages on PostgreSQL behind gunicorn (issue 11, "Load").

    .venv/bin/python bench/load.py [--staff 100000] [--seconds 60] [--users 20,50] [--keep-db | --reuse-db]

Loopback only (127.0.0.1), bounded in time and in request count. What it does, in one run:

1. Creates its own PostgreSQL database (``--database-url``, else ``BENCH_DATABASE_URL``, else
   ``DATABASE_URL`` when its name starts with ``vtvl_bench``, else
   ``postgres://postgres@127.0.0.1:5432/vtvl_bench_load``; dropped first and at the end unless
   ``--keep-db``; ``--reuse-db`` keeps an existing seeded one), migrates it and seeds, with
   ``bench/org_counts.py``'s ``seed`` (imported, not copied), a province of 200 units with
   ``--staff`` people (default 100,000), its org admin ``bench_admin`` and a manager
   ``bench_manager`` of the province; then ``VACUUM ANALYZE``.
2. Single user: each main page's server time (median of ``--repeat`` requests after a warm-up)
   and SQL statement count, with Django's test Client in this process (DEBUG off), as the
   province's org admin. Target: every list page ≤ 100 ms at 100,000 staff.
3. Under load: starts ``gunicorn portal.wsgi -w 5`` on a free loopback port (DJANGO_DEBUG=0, a
   random secret key, no SSL redirect), waits for ``/healthz``, logs in virtual users through the
   login form (CSRF token, session cookie; org admins and managers of the province in turn),
   then for each ``--users`` count runs that many threads for ``--seconds``, each looping over
   the main pages (``http.client``), stopping at the time limit or after ``--max-requests``
   requests in all. Prints per page: requests, errors (anything but 200), req/s, p50/p95/p99
   latency; and the overall req/s, against the issue's figures of before the fixes (20 users:
   35.8 req/s p95 780 ms on the 2,000-staff demo; 15.8 req/s p95 2,045 ms with 102,000 staff) and
   its targets (20 users: ≥ 31.6 req/s, p95 ≤ 800 ms; no errors). gunicorn is stopped at the end
   (its process group, also on Ctrl-C or an error). The figures also go to ``bench/out/load.json``.

The client threads run on the same 2 cores as gunicorn and PostgreSQL: the figures are a floor.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from _bench import (  # noqa: E402
    OUT,
    ROOT,
    analyze,
    database_url,
    db_name,
    drop_database,
    log,
    median,
    recreate_database,
    setup_django,
)

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/vtvl_bench_load"
PASSWORD = "bench-load-" + "x" * 8  # noqa: S105 - a throwaway bench database
USERS = (("bench_admin", "org_admin"), ("bench_manager", "manager"))
RECOVERY_CODES = [f"bench{n:04d}" for n in range(1000)]  # bench_admin's second step, one per session
BEFORE = {
    "demo_2000": {"users": 20, "rps": 35.8, "p95": 780},
    "staff_102000": {"users": 20, "rps": 15.8, "p95": 2045},
}
TARGET_MS = 100
TARGET_RPS = 2 * BEFORE["staff_102000"]["rps"]  # 31.6
TARGET_P95 = 800


def pages(province: str) -> list[tuple[str, str, bool]]:
    """(name, path, is a list page)."""
    return [
        ("home", "/", False),
        ("org tree", "/orgs/", True),
        ("org page", f"/orgs/{province}/", True),
        ("positions", "/positions/", True),
        ("catalogue", f"/positions/org/{province}/", True),
        ("staff", "/staff/", True),
        ("quotas", "/staff/quotas/", True),
        ("reports", "/reports/", False),
        ("reductions", "/reports/reductions/", False),
        ("retirement", "/reports/retirement/", False),
    ]


# --------------------------------------------------------------------------- seed


def prepare(args, url: str) -> dict:
    import org_counts
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django_otp.plugins.otp_static.models import StaticDevice, StaticToken

    from portal.models import Membership, Organization, Role
    from staffing.models import Staff

    call_command("migrate", verbosity=0, interactive=False)
    if args.reuse_db and Staff.objects.exists():
        log(f"reusing the seeded database: {Staff.objects.count():,} staff")
    else:
        started = time.perf_counter()
        sizes = org_counts.seed(url, args.staff, 1)
        log(f"seeded {sizes['units']} units, {sizes['staff']:,} staff in {time.perf_counter() - started:.1f} s")
    province = Organization.objects.get(code=org_counts.PROVINCE[0])
    User = get_user_model()
    for username, role in USERS:
        user, _ = User.objects.get_or_create(username=username)
        user.set_password(PASSWORD)
        user.save()
        Membership.objects.get_or_create(user=user, role=Role(role), organization=province)
    # The org admin signs in in two steps (TOTP, required for admins in production): with one
    # recovery code per session (each works once), entered on the verification page.
    admin = User.objects.get(username=USERS[0][0])
    StaticDevice.objects.filter(user=admin).delete()
    device = StaticDevice.objects.create(user=admin, name="bench", confirmed=True)
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in RECOVERY_CODES)
    analyze(url)
    return {
        "province": province.code,
        "units": Organization.objects.filter(path__startswith=province.path).count(),
        "staff": Staff.objects.count(),
        "working": Staff.objects.filter(status="DLV").count(),
    }


# --------------------------------------------------------------------------- single user


def single_user(province: str, repeat: int) -> list[dict]:
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    client = Client()
    client.force_login(get_user_model().objects.get(username=USERS[0][0]))
    client.post("/accounts/2fa/verify/", {"code": RECOVERY_CODES[-1]})  # the second step
    results = []
    for name, path, is_list in pages(province):
        status = client.get(path).status_code  # warm-up
        times, counts, sql_ms = [], [], []
        for _ in range(repeat):
            with CaptureQueriesContext(connection) as ctx:
                started = time.perf_counter()
                client.get(path)
                times.append((time.perf_counter() - started) * 1000)
            counts.append(len(ctx.captured_queries))
            sql_ms.append(sum(float(q["time"]) for q in ctx.captured_queries) * 1000)
        r = {"page": name, "path": path, "list": is_list, "status": status}
        r.update(ms=median(times), queries=max(counts), sql_ms=median(sql_ms))
        results.append(r)
        log(f"single user {path}: HTTP {status}, {r['ms']:.1f} ms, {r['queries']} queries, SQL {r['sql_ms']:.1f} ms")
    return results


# --------------------------------------------------------------------------- gunicorn


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_gunicorn(url: str, port: int, log_path) -> subprocess.Popen:
    env = dict(os.environ)
    env.update(
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(48)[:64],
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DJANGO_SSL_REDIRECT="0",
        DATABASE_URL=url,
    )
    env.pop("DJANGO_TASKS_IMMEDIATE", None)
    # The project's settings, with the static files collected into a directory of this run.
    # Not the manifest storage of production: its collectstatic fails today (chart.umd.min.js
    # names a source map, chart.umd.min.js.map, that static/vendor does not hold); the pages
    # measured are HTML only, so the difference is the hashed names of their static URLs.
    work = tempfile.mkdtemp(prefix="vtvl_bench_load_")
    Path(work, "bench_load_settings.py").write_text(
        "from portal.settings import *  # noqa: F403\n"
        f"STATIC_ROOT = {str(Path(work, 'static'))!r}\n"
        'STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"}}\n'
    )
    env["PYTHONPATH"] = os.pathsep.join([work, str(ROOT)])
    env["DJANGO_SETTINGS_MODULE"] = "bench_load_settings"
    handle = open(log_path, "w")  # noqa: SIM115 - closed with the process
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=handle,
        stderr=subprocess.STDOUT,
    )
    proc = subprocess.Popen(
        [str(ROOT / ".venv" / "bin" / "gunicorn"), "portal.wsgi", "-w", "5", "-b", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
        stdout=handle,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # its own process group: killed as a whole at the end
    )
    proc.log_handle = handle
    proc.work = work
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"gunicorn exited with {proc.returncode}: see {log_path}")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                conn.close()
                return proc
        except OSError:
            pass
        time.sleep(0.3)
    raise SystemExit(f"gunicorn did not answer /healthz within 60 s: see {log_path}")


def stop_gunicorn(proc: subprocess.Popen | None) -> None:
    if proc is None:
        return
    try:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=5)
    except ProcessLookupError:
        pass
    finally:
        proc.log_handle.close()
        shutil.rmtree(proc.work, ignore_errors=True)


# --------------------------------------------------------------------------- virtual users


class VirtualUser:
    """One browser: its session cookies over one keep-alive connection (reopened when the server
    closes it: gunicorn's sync workers answer one request per connection)."""

    def __init__(self, port: int):
        self.port = port
        self.cookies: dict[str, str] = {}
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)

    def request(self, method: str, path: str, body: str | None = None) -> tuple[int, bytes]:
        headers = {"Host": "127.0.0.1", "Connection": "keep-alive"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        for attempt in (1, 2):
            try:
                self.conn.request(method, path, body=body, headers=headers)
                response = self.conn.getresponse()
                content = response.read()
                break
            except (http.client.HTTPException, OSError):
                self.conn.close()
                if attempt == 2:
                    raise
        for header in response.msg.get_all("Set-Cookie") or ():
            name, _, rest = header.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]
        if response.getheader("Connection", "").lower() == "close":
            self.conn.close()
        return response.status, content

    def login(self, username: str, code: str) -> None:
        status, content = self.request("GET", "/accounts/login/")
        found = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', content)
        if status != 200 or not found:
            raise SystemExit(f"login page: HTTP {status}, CSRF token {'found' if found else 'missing'}")
        form = {"csrfmiddlewaretoken": found.group(1).decode(), "username": username, "password": PASSWORD}
        status, _ = self.request("POST", "/accounts/login/", urlencode(form))
        if status != 302 or "sessionid" not in self.cookies:
            raise SystemExit(f"login of {username}: HTTP {status} (expected 302 and a session cookie)")
        status, content = self.request("GET", "/accounts/2fa/verify/")
        if status == 200:  # the second step (an admin): a recovery code
            found = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', content)
            form = {"csrfmiddlewaretoken": found.group(1).decode(), "code": code, "next": "/"}
            status, content = self.request("POST", "/accounts/2fa/verify/", urlencode(form))
            if status != 302:
                raise SystemExit(f"second step of {username}: HTTP {status} (expected 302)")
        status, _ = self.request("GET", "/")
        if status != 200:
            raise SystemExit(f"home page of {username} after signing in: HTTP {status}")


def percentile(values: list[float], share: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def sign_in(index: int, user: VirtualUser) -> None:
    """Virtual users take the org admin and the manager in turn; each session its own code."""
    user.login(USERS[index % len(USERS)][0], RECOVERY_CODES[index])


def run_phase(users: list[VirtualUser], province: str, seconds: float, max_requests: int) -> dict:
    plan = pages(province)
    samples: list[tuple[str, int, float]] = []
    lock = threading.Lock()
    sent = [0]
    stop_at = time.monotonic() + seconds

    def loop(index: int, user: VirtualUser) -> None:
        position = index % len(plan)
        while time.monotonic() < stop_at:
            with lock:
                if sent[0] >= max_requests:
                    return
                sent[0] += 1
            name, path, _ = plan[position]
            position = (position + 1) % len(plan)
            started = time.perf_counter()
            try:
                status, _ = user.request("GET", path)
            except (http.client.HTTPException, OSError):
                status = 0
            elapsed = (time.perf_counter() - started) * 1000
            with lock:
                samples.append((name, status, elapsed))

    started = time.monotonic()
    threads = [threading.Thread(target=loop, args=(i, u), daemon=True) for i, u in enumerate(users)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=seconds + 60)  # a request times out after 30 s
    duration = time.monotonic() - started
    rows = []
    for name, path, _ in plan:
        mine = [s for s in samples if s[0] == name]
        latencies = [s[2] for s in mine]
        rows.append(
            {
                "page": name,
                "path": path,
                "requests": len(mine),
                "errors": sum(1 for s in mine if s[1] != 200),
                "rps": len(mine) / duration,
                "p50": percentile(latencies, 0.50),
                "p95": percentile(latencies, 0.95),
                "p99": percentile(latencies, 0.99),
            }
        )
    latencies = [s[2] for s in samples]
    return {
        "users": len(users),
        "seconds": duration,
        "requests": len(samples),
        "errors": sum(1 for s in samples if s[1] != 200),
        "statuses": sorted({s[1] for s in samples}),
        "rps": len(samples) / duration,
        "p50": percentile(latencies, 0.50),
        "p95": percentile(latencies, 0.95),
        "p99": percentile(latencies, 0.99),
        "pages": rows,
    }


# --------------------------------------------------------------------------- report


def fmt(ms: float | None) -> str:
    return "–" if ms is None else f"{ms:,.0f}"


def report(sizes: dict, single: list[dict], phases: list[dict], args) -> list[str]:
    missed = []
    print()
    print(
        f"Load benchmark: a province of {sizes['units']} units, {sizes['staff']:,} staff ({sizes['working']:,}"
        f" working), PostgreSQL, gunicorn -w 5, {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}"
    )
    print(f"\nSingle user (org admin of the province, median of {args.repeat}; target: list pages ≤ {TARGET_MS} ms)")
    print(f"{'page':<34}{'HTTP':>5}{'ms':>9}{'× target':>9}{'queries':>8}{'SQL ms':>9}")
    for r in single:
        flag = ""
        if r["status"] != 200:
            flag = "  ERROR"
            missed.append(f"single user {r['path']}: HTTP {r['status']}")
        elif r["list"] and r["ms"] > TARGET_MS:
            flag = "  over target"
            missed.append(f"single user {r['path']}: {r['ms']:.0f} ms > {TARGET_MS} ms")
        kind = "" if r["list"] else " (not a list)"
        print(
            f"{r['path'] + kind:<34}{r['status']:>5}{r['ms']:>9.1f}{r['ms'] / TARGET_MS:>8.2f}×"
            f"{r['queries']:>8}{r['sql_ms']:>9.1f}{flag}"
        )
    before = BEFORE["staff_102000"]
    for phase in phases:
        print(
            f"\n{phase['users']} concurrent users, {phase['seconds']:.0f} s: {phase['requests']:,} requests,"
            f" {phase['errors']} errors, {phase['rps']:.1f} req/s, p50 {fmt(phase['p50'])} ms,"
            f" p95 {fmt(phase['p95'])} ms, p99 {fmt(phase['p99'])} ms"
        )
        print(f"{'page':<30}{'requests':>9}{'errors':>7}{'req/s':>8}{'p50 ms':>8}{'p95 ms':>8}{'p99 ms':>8}")
        for r in phase["pages"]:
            print(
                f"{r['path']:<30}{r['requests']:>9}{r['errors']:>7}{r['rps']:>8.1f}"
                f"{fmt(r['p50']):>8}{fmt(r['p95']):>8}{fmt(r['p99']):>8}"
            )
        print(
            f"vs before the fixes (20 users, 102,000 staff: {before['rps']} req/s, p95 {before['p95']:,} ms):"
            f" {phase['rps'] / before['rps']:.2f}× the throughput, p95 {phase['p95'] / before['p95']:.2f}×"
            if phase["p95"]
            else ""
        )
        if phase["errors"]:
            missed.append(f"{phase['users']} users: {phase['errors']} errors (statuses {phase['statuses']})")
        if phase["users"] == 20:
            if phase["rps"] < TARGET_RPS:
                missed.append(f"20 users: {phase['rps']:.1f} req/s < {TARGET_RPS:.1f}")
            if phase["p95"] is None or phase["p95"] > TARGET_P95:
                missed.append(f"20 users: p95 {fmt(phase['p95'])} ms > {TARGET_P95} ms")
    print(
        "\nbefore the fixes (issue 11), 20 users: 35.8 req/s p95 780 ms with the 2,000-staff demo;"
        " 15.8 req/s p95 2,045 ms with 102,000 staff"
    )
    print(
        f"targets: every list page ≤ {TARGET_MS} ms single-user at 100,000 staff; at 20 users ≥ 2× today's"
        f" throughput (≥ {TARGET_RPS:.1f} req/s) and p95 ≤ {TARGET_P95} ms; no errors"
    )
    if sizes["staff"] < 100_000:
        print(f"(this run seeded {sizes['staff']:,} staff, not 100,000: a check of the benchmark, not its figures)")
    print("MISSED:\n  " + "\n  ".join(missed) if missed else "all targets met")
    return missed


# --------------------------------------------------------------------------- main


def main_run(args) -> int:
    url = database_url(args, DEFAULT_URL)
    name = db_name(url)
    if not name.startswith("vtvl_bench"):
        raise SystemExit(f"refusing to use database {name!r}: its name must start with vtvl_bench (it is dropped)")
    users_counts = [int(n) for n in args.users.split(",") if n.strip()]
    log(f"load benchmark: {args.staff:,} staff, {users_counts} users × {args.seconds} s, database {name}")
    if not args.reuse_db:
        recreate_database(url)
    else:
        from _bench import admin_connect

        conn = admin_connect(url)
        with conn.cursor() as cur:
            cur.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
            if cur.fetchone() is None:
                cur.execute(f'CREATE DATABASE "{name}"')
        conn.close()
    proc = None
    try:
        setup_django(url)
        sizes = prepare(args, url)
        single = single_user(sizes["province"], args.repeat)
        from django.db import connections

        connections.close_all()

        port = free_port()
        OUT.mkdir(parents=True, exist_ok=True)
        proc = start_gunicorn(url, port, OUT / "load-gunicorn.log")
        log(f"gunicorn -w 5 ready on 127.0.0.1:{port}")
        virtual = [VirtualUser(port) for _ in range(max(users_counts))]
        with ThreadPoolExecutor(5) as pool:
            list(pool.map(sign_in, range(len(virtual)), virtual))
        log(f"{len(virtual)} virtual users logged in (org admins and managers of the province)")
        phases = []
        for count in users_counts:
            phase = run_phase(virtual[:count], sizes["province"], args.seconds, args.max_requests)
            phases.append(phase)
            log(f"{count} users: {phase['requests']:,} requests, {phase['rps']:.1f} req/s, p95 {fmt(phase['p95'])} ms")
    finally:
        stop_gunicorn(proc)
        if proc is not None:
            log("gunicorn stopped")
    missed = report(sizes, single, phases, args)
    record = {"sizes": sizes, "single_user": single, "phases": phases, "missed": missed, "before": BEFORE}
    (OUT / "load.json").write_text(json.dumps(record, indent=1, default=str))
    if not args.keep_db:
        from django.db import connections

        connections.close_all()
        drop_database(url)
    return 1 if missed else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--staff", type=int, default=int(os.environ.get("BENCH_STAFF", "100000")))
    parser.add_argument("--seconds", type=float, default=60.0, help="length of each load phase (default 60)")
    parser.add_argument("--users", default="20,50", help="concurrent users of each phase (default 20,50)")
    parser.add_argument(
        "--max-requests", type=int, default=50_000, help="at most this many requests per phase (default 50,000)"
    )
    parser.add_argument("--repeat", type=int, default=5, help="single-user requests per page (median)")
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--keep-db", action="store_true", help="keep the database at the end")
    parser.add_argument("--reuse-db", action="store_true", help="keep an existing seeded database (no new seed)")
    return main_run(parser.parse_args())


if __name__ == "__main__":
    sys.exit(main())
