"""What the benchmarks share: Django on a PostgreSQL database of their own (created, dropped and
analysed here), plain psycopg2 connections, the log line with the load average, memory readings,
medians, and a monitor of the locks other backends hold (pg_locks), whose reader reads
staffing_staff.

A helper module (the leading underscore keeps ``make bench`` from running it): the benchmarks
import it as ``_bench`` (their own directory is first on sys.path).
"""

from __future__ import annotations

import os
import resource
import statistics
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
MB = 1024 * 1024


# --------------------------------------------------------------------------- Django


def setup_django(url: str) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    os.environ.setdefault("DJANGO_DEBUG", "1")  # settings need a secret key otherwise
    os.environ["DJANGO_CONN_MAX_AGE"] = "0"
    import django
    from django.conf import settings

    django.setup()
    # As in production: DEBUG off, so that Django does not keep every SQL statement (with its
    # parameters: one of them is an array of 100,000 codes) in connection.queries.
    settings.DEBUG = False


# --------------------------------------------------------------------------- seeding


def create_organizations(specs) -> dict:
    """Bulk-create a tree of organisations from ``(code, name, kind, parent code)`` rows, one level
    per round, parents first (PostgreSQL returns the ids): ``{code: Organization}``."""
    from portal.models import Organization
    from portal.text import fold

    specs = list(specs)
    by_code: dict = {}
    while len(by_code) < len(specs):
        batch = []
        for code, name, kind, parent in specs:
            if code in by_code or (parent is not None and parent not in by_code):
                continue
            parent_obj = by_code.get(parent) if parent else None
            path = Organization.build_path(parent_obj.path if parent_obj else None, code)
            batch.append(
                Organization(
                    code=code,
                    name=name,
                    kind=kind,
                    parent=parent_obj,
                    path=path,
                    depth=path.count("/") - 2,
                    search_key=fold(name)[:255],
                )
            )
        for obj in Organization.objects.bulk_create(batch, batch_size=2000):
            by_code[obj.code] = obj
    return by_code


# --------------------------------------------------------------------------- database


def database_url(args, default: str) -> str:
    """``--database-url``, else BENCH_DATABASE_URL or DATABASE_URL when it names a PostgreSQL
    database whose name starts with vtvl_bench (so a benchmark never drops your database), else
    ``default``."""
    if args.database_url:
        return args.database_url
    for var in ("BENCH_DATABASE_URL", "DATABASE_URL"):
        url = os.environ.get(var, "")
        if url.startswith("postgres") and db_name(url).startswith("vtvl_bench"):
            return url
    return default


def db_name(url: str) -> str:
    return urlsplit(url).path.lstrip("/")


def admin_connect(url: str):
    import psycopg2

    parts = urlsplit(url)
    conn = psycopg2.connect(urlunsplit(parts._replace(path="/postgres")))
    conn.autocommit = True
    return conn


def connect(url: str):
    import psycopg2

    conn = psycopg2.connect(url)
    conn.autocommit = True
    return conn


def recreate_database(url: str) -> None:
    name = db_name(url)
    conn = admin_connect(url)
    with conn.cursor() as cur:
        cur.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cur.execute(f'CREATE DATABASE "{name}"')
    conn.close()


def drop_database(url: str) -> None:
    conn = admin_connect(url)
    with conn.cursor() as cur:
        cur.execute(f'DROP DATABASE IF EXISTS "{db_name(url)}" WITH (FORCE)')
    conn.close()


def analyze(url: str) -> None:
    conn = connect(url)
    with conn.cursor() as cur:
        cur.execute("VACUUM ANALYZE")
    conn.close()


# --------------------------------------------------------------------------- measuring


_T0 = time.perf_counter()


def log(message: str) -> None:
    load = os.getloadavg()
    print(f"[{time.perf_counter() - _T0:6.1f} s, load {load[0]:.2f}] {message}", flush=True)


def rss_mb() -> float:
    with open("/proc/self/status") as handle:
        for line in handle:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def max_rss_mb() -> float:
    """The peak RSS of this process. ``getrusage``'s ru_maxrss would be wrong in a child: Linux
    carries it over from the parent across fork and exec (a child started by a parent of
    600 MB reports at least 600 MB), so the kernel's per-address-space peak (VmHWM, reset by
    exec) is read instead, falling back to ru_maxrss where /proc is missing."""
    try:
        with open("/proc/self/status") as handle:
            for line in handle:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


# --------------------------------------------------------------------------- lock check

LOCK_STRENGTH = [
    "AccessShareLock",
    "RowShareLock",
    "RowExclusiveLock",
    "ShareUpdateExclusiveLock",
    "ShareLock",
    "ShareRowExclusiveLock",
    "ExclusiveLock",
    "AccessExclusiveLock",
]


def lock_strength(mode: str) -> int:
    return LOCK_STRENGTH.index(mode) if mode in LOCK_STRENGTH else -1  # e.g. SIReadLock


def strongest_lock(modes) -> str | None:
    modes = [m for m in modes if m]
    return max(modes, key=lock_strength) if modes else None


class LockMonitor:
    """Polls pg_locks for the locks other backends of the bench database hold on its public
    tables; with ``read_code``, runs the reader queries while the writer holds its
    RowExclusiveLock on staffing_staff."""

    def __init__(self, url: str, *, read_code: str | None = None, interval: float = 0.05):
        self.url = url
        self.read_code = read_code
        self.interval = interval
        self.stop_event = threading.Event()
        self.modes: dict[str, set[str]] = {}
        self.reads: list[dict] = []
        self.errors: list[str] = []
        self.thread: threading.Thread | None = None
        self.old_value: str | None = None

    def start(self) -> None:
        self.conn = connect(self.url)
        self.reader = connect(self.url) if self.read_code else None
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.stop_event.set()
        if self.thread is not None:
            self.thread.join()
        self.conn.close()
        if self.reader is not None:
            self.reader.close()

    def _run(self) -> None:
        with self.conn.cursor() as cur:
            cur.execute("SELECT pg_backend_pid()")
            own = {cur.fetchone()[0]}
        if self.reader is not None:
            with self.reader.cursor() as cur:
                cur.execute("SELECT pg_backend_pid()")
                own.add(cur.fetchone()[0])
                # a read that waits for a lock gives up after 1 s and is reported as blocked
                # (count(*) itself takes tens of milliseconds)
                cur.execute("SET lock_timeout = '1s'")
                cur.execute("SET statement_timeout = '20s'")
        last_read = 0.0
        while not self.stop_event.is_set():
            try:
                with self.conn.cursor() as cur:
                    cur.execute(
                        "SELECT l.pid, c.relname, l.mode, l.granted FROM pg_locks l"
                        " JOIN pg_class c ON c.oid = l.relation JOIN pg_namespace n ON n.oid = c.relnamespace"
                        " WHERE l.locktype = 'relation' AND n.nspname = 'public' AND c.relkind IN ('r', 'p')"
                        " AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())"
                    )
                    rows = [r for r in cur.fetchall() if r[0] not in own]
                writer_pid = None
                for pid, relname, mode, granted in rows:
                    if granted:
                        self.modes.setdefault(relname, set()).add(mode)
                        if relname == "staffing_staff" and mode == "RowExclusiveLock":
                            writer_pid = pid
                now = time.perf_counter()
                if self.reader is not None and writer_pid is not None and now - last_read >= 0.2:
                    self._read(writer_pid)
                    last_read = time.perf_counter()
            except Exception as exc:  # noqa: BLE001 - report, never kill the benchmark
                self.errors.append(f"{type(exc).__name__}: {exc}")
                if len(self.errors) > 5:
                    return
            self.stop_event.wait(self.interval)

    def _read(self, writer_pid: int) -> None:
        with self.conn.cursor() as cur:
            cur.execute("SELECT backend_xid::text FROM pg_stat_activity WHERE pid = %s", [writer_pid])
            found = cur.fetchone()
            writer_xid = found[0] if found else None
        with self.reader.cursor() as cur:
            started = time.perf_counter()
            try:
                cur.execute("SELECT count(*) FROM staffing_staff")
                count = cur.fetchone()[0]
                count_ms = (time.perf_counter() - started) * 1000
                started = time.perf_counter()
                cur.execute(
                    "SELECT insurance_years, xmax::text FROM staffing_staff WHERE employee_code = %s", [self.read_code]
                )
                row = cur.fetchone()
                row_ms = (time.perf_counter() - started) * 1000
            except Exception as exc:  # noqa: BLE001 - a lock timeout is the finding
                self.reads.append({"blocked": f"{type(exc).__name__}: {exc}".strip()})
                return
        self.reads.append(
            {
                "count": count,
                "count_ms": count_ms,
                "row_ms": row_ms,
                "row_value": str(row[0]) if row else None,
                "row_locked_by_writer": bool(row and writer_xid and row[1] == writer_xid),
            }
        )
