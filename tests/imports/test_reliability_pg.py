"""Import reliability faults with real processes and sessions (issue 11, items 1, 2, 3) on
PostgreSQL: an import process killed with SIGKILL mid-write or mid-validation leaves nothing
written and its job is recovered; a lock held by another session gives "Cơ sở dữ liệu đang bận";
a cancel from another session while the job is written rolls the write back.

The other process needs committed rows: these tests are ``transaction=True`` (the test database
is emptied after each). Run with ``DATABASE_URL=postgres://… pytest --create-db``."""

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from django.db import connection, connections
from django.utils import timezone

from imports import tasks
from imports.errors import ImportBusy
from imports.jobs import cancel_job, confirm_job, create_job, preview_job, run_import
from imports.models import ImportJob, ImportStatus
from imports.registry import get_sheet
from portal.models import Organization, OrgKind, Role
from tests.builders import add_role, csv_bytes, make_org, make_user

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL: another process and session must see the committed rows (SQLite's test"
        " database is in memory) and the lock/statement timeouts are PostgreSQL's",
    ),
    pytest.mark.django_db(transaction=True),
]

ROOT = Path(__file__).resolve().parents[2]
DEAD = "Tiến trình xử lý đã dừng đột ngột; dữ liệu không thay đổi. Hãy nhập lại tệp."
ROWS = 2000

# The import process: the sheet's step (write or validate) does its work, says so, then hangs
# (as a slow step would) until it is killed.
SCRIPT = r"""
import sys, time
import django
django.setup()
from imports import jobs
from imports.models import ImportJob
from imports.registry import get_sheet

job_id, step = sys.argv[1], sys.argv[2]
sheet_class = type(get_sheet("organizations"))
original = getattr(sheet_class, step)

def slow(self, *args, **kwargs):
    out = original(self, *args, **kwargs)
    print("IN-" + step, flush=True)
    time.sleep(300)
    return out

setattr(sheet_class, step, slow)
job = ImportJob.objects.get(pk=job_id)
(jobs.confirm_job if step == "write" else jobs.preview_job)(job)
"""


def big_file(parent) -> bytes:
    return csv_bytes(
        [["code", "name", "parent_code", "kind"]]
        + [[f"K.{i}", f"Phòng {i}", parent.code, OrgKind.PHONG] for i in range(ROWS)]
    )


def db_url() -> str:
    s = connection.settings_dict
    auth = s["USER"] + (f":{s['PASSWORD']}" if s.get("PASSWORD") else "")
    return f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


def start_import_process(job, step: str, heartbeat_timeout: int) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "IMPORT_"))}
    env.update(
        DATABASE_URL=db_url(),
        DJANGO_DEBUG="1",
        DJANGO_SETTINGS_MODULE="portal.settings",
        IMPORT_HEARTBEAT_TIMEOUT=str(heartbeat_timeout),
    )
    return subprocess.Popen(  # noqa: S603 - our own script, with this interpreter
        [sys.executable, "-c", SCRIPT, str(job.pk), step],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def wait_for(process: subprocess.Popen, marker: str, timeout: float = 120) -> None:
    found = {}

    def read():
        for line in process.stdout:
            if line.strip() == marker:
                found["yes"] = True
                return

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    reader.join(timeout)
    if not found:
        process.kill()
        pytest.fail(f"the import process never reached {marker}: {process.stderr.read()[-3000:]}")


def scope():
    org = make_org("000.00.01.H17", "Sở Nội vụ", OrgKind.SO)
    return org


@pytest.mark.parametrize("step", ["write", "validate"])
def test_an_import_process_killed_mid_step_writes_nothing_and_its_job_is_recovered(settings, step):
    settings.IMPORT_HEARTBEAT_TIMEOUT = 4
    org = scope()
    before = Organization.objects.count()
    job = create_job(kind="organizations", data=big_file(org), file_name="lon.csv", scope_org=org)
    if step == "write":
        preview_job(job)
        assert job.status == ImportStatus.READY
    process = start_import_process(job, step, heartbeat_timeout=4)
    try:
        wait_for(process, f"IN-{step}")
        time.sleep(2.5)
        job.refresh_from_db()
        active = ImportStatus.RUNNING if step == "write" else ImportStatus.VALIDATING
        assert job.status == active
        # the heartbeat goes on while the step runs (every second with a 4 s limit), even inside
        # the write's transaction, whose rows nobody else sees yet
        assert (timezone.now() - job.updated_at).total_seconds() < 2.5
        assert Organization.objects.count() == before
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
        process.stdout.close()
        process.stderr.close()
    assert process.returncode == -signal.SIGKILL
    job.refresh_from_db()
    assert job.status == active  # nobody has looked yet
    time.sleep(4.5)  # the heartbeat is now older than the limit

    # the next import of the scope recovers it (and is not refused as busy) ...
    small = csv_bytes([["code", "name", "parent_code", "kind"], ["S.1", "Phòng S", org.code, OrgKind.PHONG]])
    assert run_import(kind="organizations", data=small, file_name="nho.csv", scope_org=org).created == 1
    job.refresh_from_db()
    assert (job.status, job.message) == (ImportStatus.FAILED, DEAD)
    assert Organization.objects.count() == before + 1  # only the small file's row
    assert not Organization.objects.filter(code__startswith="K.").exists()

    # ... and its stored file is imported again with one click
    user = make_user("quantri")
    add_role(user, Role.ORG_ADMIN, org)
    again = tasks.rerun(ImportJob.objects.get(pk=job.pk), user=user)
    tasks.validate_import.enqueue(str(again.pk))  # a big file: the worker validates it
    again.refresh_from_db()
    assert again.status == ImportStatus.READY and again.counts["created"] == ROWS
    assert confirm_job(again).written
    assert Organization.objects.filter(code__startswith="K.").count() == ROWS


def test_a_cancel_from_another_session_rolls_the_write_back(monkeypatch):
    org = scope()
    admin = make_user("quantri")
    add_role(admin, Role.ORG_ADMIN, org)
    job = create_job(kind="organizations", data=big_file(org), file_name="lon.csv", scope_org=org, user=admin)
    preview_job(job)
    sheet_class = type(get_sheet("organizations"))
    original = sheet_class.write
    outcome = {}

    def write_then_cancelled(self, *args, **kwargs):
        original(self, *args, **kwargs)  # the rows are written, not committed

        def cancel():  # an admin's request: another connection, committed at once
            try:
                outcome["cancelled"] = cancel_job(ImportJob.objects.get(pk=job.pk), user=admin)
            finally:
                connections.close_all()

        canceller = threading.Thread(target=cancel)
        canceller.start()
        canceller.join(30)

    monkeypatch.setattr(sheet_class, "write", write_then_cancelled)
    result = confirm_job(job)
    job.refresh_from_db()
    assert outcome == {"cancelled": True}
    assert job.status == ImportStatus.CANCELLED and "bị huỷ bởi quantri" in job.message and not result.written
    assert not Organization.objects.filter(code__startswith="K.").exists()


@pytest.mark.parametrize("mode", ["ACCESS EXCLUSIVE", "EXCLUSIVE"])
def test_a_lock_held_by_another_session_gives_the_busy_message_in_time(settings, mode):
    """ACCESS EXCLUSIVE blocks even the reads (the claim's scope check): the confirmation is
    refused with the message (the view shows it); EXCLUSIVE lets the reads through and blocks
    the write: the job goes back to ready with the message. Either way within the lock timeout,
    nothing written, and the same button works once the lock is gone."""
    settings.IMPORT_LOCK_TIMEOUT = 1
    busy = "Cơ sở dữ liệu đang bận, thử lại sau."
    org = scope()
    data = csv_bytes([["code", "name", "parent_code", "kind"], ["S.1", "Phòng S", org.code, OrgKind.PHONG]])
    job = create_job(kind="organizations", data=data, file_name="nho.csv", scope_org=org)
    preview_job(job)
    locked = threading.Event()
    release = threading.Event()

    def hold_lock():
        other = connections.create_connection("default")
        try:
            other.set_autocommit(False)
            with other.cursor() as cursor:
                cursor.execute(f"LOCK TABLE portal_organization IN {mode} MODE")
                locked.set()
                release.wait(60)
            other.rollback()
        finally:
            other.close()

    holder = threading.Thread(target=hold_lock)
    holder.start()
    refused = None
    try:
        assert locked.wait(30)
        started = time.monotonic()
        try:
            tasks.start_confirm(ImportJob.objects.get(pk=job.pk))  # the web request's confirmation
        except ImportBusy as exc:
            refused = exc.message
        elapsed = time.monotonic() - started
    finally:
        release.set()
        holder.join(30)
    job.refresh_from_db()
    assert elapsed < 10 and job.status == ImportStatus.READY
    if mode == "ACCESS EXCLUSIVE":
        assert refused == busy
    else:
        assert refused is None and job.message == busy
    assert not Organization.objects.filter(code="S.1").exists()
    tasks.start_confirm(job)
    job.refresh_from_db()
    assert job.status == ImportStatus.DONE and Organization.objects.filter(code="S.1").exists()


def test_overlapping_claims_at_once_one_wins_the_other_is_busy():
    """Two processes claim a parent and a child scope at the same moment: one runs, the other
    gets the busy message (never a UniqueViolation or a traceback)."""
    org = scope()
    child = make_org("000.00.01.H17.1", "Phòng 1", OrgKind.PHONG, parent=org)
    jobs = []
    for where in (org, child, None):
        data = csv_bytes([["code", "name", "parent_code", "kind"], [f"X.{len(jobs)}", "P", child.code, "PHONG"]])
        job = create_job(kind="organizations", data=data, file_name="a.csv", scope_org=where)
        jobs.append(job)
    barrier = threading.Barrier(len(jobs))
    outcomes = []
    sheet_class = type(get_sheet("organizations"))
    original = sheet_class.validate

    def slow_validate(self, *args, **kwargs):
        time.sleep(1.5)  # the winner keeps its claim while the others try
        return original(self, *args, **kwargs)

    def claim(job):
        try:
            barrier.wait(10)
            preview_job(ImportJob.objects.get(pk=job.pk))
            outcomes.append("ran")
        except Exception as exc:  # noqa: BLE001 - the test records what happened
            outcomes.append(type(exc).__name__)
        finally:
            connections.close_all()

    sheet_class.validate = slow_validate
    try:
        threads = [threading.Thread(target=claim, args=(job,)) for job in jobs]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
    finally:
        sheet_class.validate = original
    assert sorted(outcomes) == ["ImportBusy", "ImportBusy", "ran"]


# The background worker (django-tasks-db's db_worker), as a supervisor runs it; with
# SLOW_STEP set, the sheet's validation hangs once it is done (killed there).
WORKER = r"""
import os, sys, time
import django
django.setup()
from django.core.management import call_command

if os.environ.get("SLOW_STEP"):
    from imports.registry import get_sheet

    sheet_class = type(get_sheet("organizations"))
    original = sheet_class.validate

    def slow(self, *args, **kwargs):
        out = original(self, *args, **kwargs)
        print("IN-validate", flush=True)
        time.sleep(300)
        return out

    sheet_class.validate = slow
call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0.2", "--no-reload")
"""


def worker_env(heartbeat_timeout: int, **extra) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "IMPORT_"))}
    env.update(
        DATABASE_URL=db_url(),
        DJANGO_DEBUG="1",
        DJANGO_SETTINGS_MODULE="portal.settings",
        IMPORT_HEARTBEAT_TIMEOUT=str(heartbeat_timeout),
        **extra,
    )
    return env


def enqueue_in_database(task_name: str, job) -> None:
    """Queue a task in django-tasks-db's table (this test process runs tasks inline)."""
    script = (
        f"import django; django.setup();from imports.tasks import {task_name}; {task_name}.enqueue({str(job.pk)!r})"
    )
    done = subprocess.run(  # noqa: S603 - our own script, with this interpreter
        [sys.executable, "-c", script], cwd=ROOT, env=worker_env(120), capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr[-3000:]


@pytest.mark.parametrize("how", ["SIGKILL", "SIGTERM twice"])
def test_a_worker_killed_mid_task_is_restarted_and_goes_on(settings, how):
    """kill -9 of db_worker while it validates a big upload (or SIGTERM twice: the worker aborts
    its task with SystemExit): the supervisor starts it again; the restarted worker recovers the
    dead job (its first import task) and does the next one."""
    from django_tasks_db.models import DBTaskResult

    settings.IMPORT_HEARTBEAT_TIMEOUT = 3
    org = scope()
    dead = create_job(kind="organizations", data=big_file(org), file_name="lon.csv", scope_org=org)
    enqueue_in_database("validate_import", dead)
    worker = subprocess.Popen(  # noqa: S603 - our own script, with this interpreter
        [sys.executable, "-c", WORKER],
        cwd=ROOT,
        env=worker_env(3, SLOW_STEP="1"),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        wait_for(worker, "IN-validate")
        if how == "SIGKILL":
            worker.send_signal(signal.SIGKILL)
        else:
            worker.send_signal(signal.SIGTERM)  # graceful: would wait for the task ...
            time.sleep(0.5)
            worker.send_signal(signal.SIGTERM)  # ... the second aborts it (SystemExit)
        worker.wait(timeout=30)
    finally:
        if worker.poll() is None:
            worker.kill()
        worker.stdout.close()
        worker.stderr.close()
    dead.refresh_from_db()
    if how == "SIGKILL":
        assert worker.returncode == -signal.SIGKILL and dead.status == ImportStatus.VALIDATING
        assert DBTaskResult.objects.filter(status="RUNNING").count() == 1  # the killed worker's task
    else:  # the worker records the task as failed and the job is marked at once
        assert worker.returncode in (0, 1) and (dead.status, dead.message) == (ImportStatus.FAILED, DEAD)
    time.sleep(3.5)

    # the next upload (another process) is queued; the restarted worker runs it
    data = csv_bytes([["code", "name", "parent_code", "kind"], ["S.1", "Phòng S", org.code, OrgKind.PHONG]])
    later = create_job(kind="organizations", data=data, file_name="nho.csv", scope_org=org)
    enqueue_in_database("validate_import", later)
    restarted = subprocess.run(  # noqa: S603 - our own script, with this interpreter
        [sys.executable, "-c", WORKER], cwd=ROOT, env=worker_env(3), capture_output=True, text=True, timeout=180
    )
    assert restarted.returncode == 0, restarted.stderr[-3000:]
    dead.refresh_from_db()
    later.refresh_from_db()
    assert (dead.status, dead.message) == (ImportStatus.FAILED, DEAD)
    assert later.status == ImportStatus.READY and later.counts["created"] == 1
    assert not Organization.objects.filter(code__startswith="K.").exists()


# import_data in a process of its own, its validation slowed so that two runs overlap.
COMMAND = r"""
import sys, time
import django
django.setup()
from django.core.management import execute_from_command_line
from imports.registry import get_sheet

sheet_class = type(get_sheet("organizations"))
original = sheet_class.validate

def slow(self, *args, **kwargs):
    time.sleep(4)
    return original(self, *args, **kwargs)

sheet_class.validate = slow
execute_from_command_line(["manage.py", "import_data", *sys.argv[1:]])
"""


def test_two_command_line_imports_of_overlapping_scopes_at_once(tmp_path):
    """``import_data … --org A`` and the same without ``--org``, started together: one imports
    (exit 0), the other gets the busy message (exit 2) — never a UniqueViolation traceback."""
    org = scope()
    path = tmp_path / "o.csv"
    path.write_bytes(csv_bytes([["code", "name", "parent_code", "kind"], ["S.1", "Phòng S", org.code, "PHONG"]]))
    runs = [
        subprocess.Popen(  # noqa: S603 - our own script, with this interpreter
            [sys.executable, "-c", COMMAND, "organizations", str(path), *extra],
            cwd=ROOT,
            env=worker_env(120),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for extra in (("--org", org.code), ())
    ]
    outcomes = [(run.wait(timeout=120), run.stdout.read(), run.stderr.read()) for run in runs]
    for run in runs:
        run.stdout.close()
        run.stderr.close()
    assert sorted(code for code, _out, _err in outcomes) == [0, 2], outcomes
    loser = next(err for code, _out, err in outcomes if code == 2)
    assert "Đang có một lượt nhập dữ liệu khác" in loser and "Traceback" not in loser
    assert Organization.objects.filter(code="S.1").count() == 1


def test_a_statement_over_the_web_limit_gives_the_busy_message(settings, monkeypatch):
    """In a web request no statement of the import runs longer than IMPORT_STATEMENT_TIMEOUT
    (below gunicorn's timeout); the worker has no such limit."""
    settings.IMPORT_STATEMENT_TIMEOUT = 1
    org = scope()
    data = csv_bytes([["code", "name", "parent_code", "kind"], ["S.1", "Phòng S", org.code, OrgKind.PHONG]])
    job = create_job(kind="organizations", data=data, file_name="nho.csv", scope_org=org)
    preview_job(job)
    sheet_class = type(get_sheet("organizations"))
    original = sheet_class.write

    def slow_write(self, *args, **kwargs):
        original(self, *args, **kwargs)
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_sleep(3)")  # a statement stuck behind something

    monkeypatch.setattr(sheet_class, "write", slow_write)
    started = time.monotonic()
    tasks.start_confirm(ImportJob.objects.get(pk=job.pk))
    assert time.monotonic() - started < 2.5
    job.refresh_from_db()
    assert job.status == ImportStatus.READY and job.message == "Cơ sở dữ liệu đang bận, thử lại sau."
    assert not Organization.objects.filter(code="S.1").exists()
    with connection.cursor() as cursor:  # the connection's own limit is back
        cursor.execute("SELECT current_setting('statement_timeout')")
        assert cursor.fetchone()[0] == "0"
    # the worker's confirmation has no statement limit: the same slow write goes through
    ImportJob.objects.filter(pk=job.pk).update(status=ImportStatus.QUEUED)
    tasks.confirm_import.enqueue(str(job.pk))
    job.refresh_from_db()
    assert job.status == ImportStatus.DONE and Organization.objects.filter(code="S.1").exists()
