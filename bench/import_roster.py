"""Benchmark of the staff import pipeline on PostgreSQL (issue 4, "Performance").

    .venv/bin/python bench/import_roster.py [--rows 100000] [--repeat 1] [--die-rows 10000]
    make bench                       # the same with the defaults (see README, "Benchmarks")

What it does, in one run:

1. Creates its own PostgreSQL database (``--database-url``, default
   ``postgres://postgres@127.0.0.1:5432/vtvl_bench``; the name must start with ``vtvl_bench``,
   it is dropped first and at the end unless ``--keep-db``), migrates it and bulk-creates
   1,000 organisations (10 provinces → 190 departments → 800 units) and 20,000 positions.
2. Generates a staff roster of N rows with realistic Vietnamese data (NFC names, dd/mm/yyyy
   dates, categories, ranks with salary steps and coefficients inside the rank's range,
   insurance years, 4 rating and 4 sick-day year columns, flags, status mostly DLV, 5% with a
   concurrent position), as an XLSX written like Excel writes it (shared strings, typed dates
   and numbers, written directly as SpreadsheetML; cached under ``bench/out/``) and as a CSV
   (UTF-8 with BOM).
3. Times, each step in a fresh Python subprocess (so that the peak RSS is per step):
   - ``pipeline_xlsx``: ``run_import(kind="staff")`` of the XLSX into an empty staff table
     (read + safety checks + parse + validate + diff + write + audit log + commit);
   - ``reimport_xlsx``: the same XLSX again, unchanged (nothing to write);
   - ``update_csv``: a CSV of the first ``--update-rows`` people (default 20,000), every one
     changed (insurance years, a third of the ratings)
     while a second connection reads the table (the lock check, below) — informative;
   - ``pipeline_csv``: the CSV into an empty staff table;
   - ``die_default``: the first ``--die-rows`` rows through a plain django-import-export
     ``ModelResource`` for Staff with default options (columns named as the model fields,
     foreign keys by id), ``import_data(dataset, dry_run=False)``; extrapolated per row;
   - ``copy``: a bare ``COPY`` of the same N rows (the canonical values as text, CSV format,
     from an in-memory buffer with psycopg2 ``copy_expert``) into an equivalent table: the
     file's 27 columns typed like the model (codes and names varchar, dates date, decimals
     numeric, flags boolean), NOT NULL where Staff has it, an identity primary key and
     UNIQUE (employee_code) and UNIQUE (personal_id) as on staffing_staff; no foreign keys
     (the file has codes, not ids) and no CHECK constraints. ``copy_noindex`` (the same
     without the two unique indexes) is shown for information.
4. Lock check: during every pipeline step a thread polls ``pg_locks`` every 50 ms for the
   locks the importing backend holds on the portal's tables (a lock held for less than that
   can be missed); during ``update_csv``, once the writer holds
   its RowExclusiveLock on staffing_staff (it is inside its write transaction), another
   connection runs ``SELECT count(*) FROM staffing_staff`` and reads a row the import is
   updating, every 0.2 s until the write commits, and reports the latencies and whether the
   row was seen locked by the writer (its xmax is the writer's transaction id).
5. Prints a table (rows, seconds, rows/s, tracemalloc peak, peak RSS and RSS growth of the
   step's process; see ``max_rss_mb``), the time of the pipeline's phases, the reading and
   write floors, and the targets with PASS/MISS. Exits 0 unless something crashed or an
   import was rejected (the generated data must import cleanly).

Timings on a shared machine are noisy: ``--repeat R`` repeats the timed steps and reports the
median; the load average is printed with every step.

This file holds the steps and the run; its helpers (``make bench`` skips files starting with an
underscore) are ``_bench.py`` (the database, Django, the log line, memory readings, the lock
monitor), ``_roster_data.py`` (the organisations, positions and the generated roster),
``_roster_files.py`` (the roster's XLSX and CSV files) and ``_roster_report.py`` (the table and
the targets).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import json
import os
import subprocess
import sys
import time
from pathlib import Path

from _bench import (
    MB,
    OUT,
    ROOT,
    LockMonitor,
    analyze,
    connect,
    db_name,
    drop_database,
    log,
    max_rss_mb,
    recreate_database,
    rss_mb,
    setup_django,
)
from _roster_data import COLUMNS, NAMES, YEARS, Roster, create_reference_data, load_ranks
from _roster_files import ensure_files
from _roster_report import report

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/vtvl_bench"

# --------------------------------------------------------------------------- the steps (child processes)


def _time_phases(phases: dict) -> None:
    """Wall-clock time of the pipeline's phases, by wrapping the engine's and the staff sheet's
    functions in this (child) process only."""
    import functools

    from django.db.backends.base.base import BaseDatabaseWrapper

    from imports import engine, readers
    from imports.registry import get_sheet

    sheet = get_sheet("staff")

    def wrap(owner, name: str, label: str) -> None:
        original = getattr(owner, name, None)
        if original is None:
            return

        @functools.wraps(original)
        def timed(*args, **kwargs):
            started = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                phases[label] = phases.get(label, 0.0) + time.perf_counter() - started

        setattr(owner, name, timed)

    wrap(readers, "read_table", "open (checks + calamine)")
    wrap(engine, "parse_rows", "read + parse")
    wrap(sheet, "load_context", "load maps")
    wrap(sheet, "validate", "validate")
    wrap(sheet, "diff", "diff")
    wrap(sheet, "write", "write")
    wrap(engine, "_audit", "audit log")
    wrap(BaseDatabaseWrapper, "_commit", "commit (FK checks)")


def child_import(args) -> dict:
    """One ``run_import`` (in its own process): time, phases, counts, memory."""
    from django.db import connection

    from imports.jobs import run_import

    data = Path(args.file).read_bytes()
    connection.ensure_connection()
    phases: dict[str, float] = {}
    if not args.trace:
        _time_phases(phases)
    rss_before = rss_mb()
    if args.trace:
        import tracemalloc

        tracemalloc.start()
    profiler = None
    if args.profile_out:
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()
    started = time.perf_counter()
    result = run_import(kind="staff", data=data, file_name=Path(args.file).name)
    seconds = time.perf_counter() - started
    if profiler is not None:
        profiler.disable()
        profiler.dump_stats(args.profile_out)
    peak = None
    if args.trace:
        import tracemalloc

        peak = tracemalloc.get_traced_memory()[1] / MB
        tracemalloc.stop()
    return {
        "seconds": seconds,
        "created": result.created,
        "updated": result.updated,
        "unchanged": result.unchanged,
        "errors": result.error_count,
        "first_errors": [e.line() for e in result.errors[:10]],
        "fatal": result.fatal,
        "tracemalloc_mb": peak,
        "rss_before_mb": rss_before,
        "max_rss_mb": max_rss_mb(),
        "phases": phases,
    }


def child_breakdown(args) -> dict:
    """The floor of reading the XLSX: python-calamine alone (open, parse, every row as Python
    values) and our safety checks alone (zip, XML prologs, used range; no calamine)."""
    import zipfile

    import python_calamine

    from imports import readers

    data = Path(args.file).read_bytes()
    out = {}
    started = time.perf_counter()
    book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    out["rows"] = sum(1 for _row in book.get_sheet_by_index(0).iter_rows())
    out["calamine_only"] = time.perf_counter() - started
    del book
    archive = zipfile.ZipFile(io.BytesIO(data))
    names = {info.filename: info for info in archive.infolist()}
    started = time.perf_counter()
    sheet_part = readers._first_sheet_part(data, names, "roster.xlsx")
    for info in names.values():
        if info.filename.endswith((".xml", ".rels", ".vml")):
            extent = readers._ExtentScan() if info.filename == sheet_part else None
            readers._check_xml_part(data, info, "roster.xlsx", extent)
            if extent is not None:
                extent.check("roster.xlsx")
    out["safety_checks"] = time.perf_counter() - started
    return out


def child_die(args) -> dict:
    """The same rows through a plain django-import-export ModelResource, default options."""
    import tablib
    from import_export import resources

    from portal.models import Organization
    from positions.models import Rank
    from staffing.models import Staff

    class StaffResource(resources.ModelResource):
        class Meta:
            model = Staff

    roster = Roster(args.rows, load_ranks())
    org_ids = dict(Organization.objects.values_list("code", "id"))
    rank_ids = dict(Rank.objects.values_list("code", "id"))
    fields = [
        "employee_code",
        "personal_id",
        "full_name",
        "date_of_birth",
        "birth_year_only",
        "sex",
        "category",
        "organization",
        "rank",
        "salary_step",
        "salary_coefficient",
        "recruitment_date",
        "insurance_years",
        "heavy_work",
        "redundant",
        "deferral",
        "status",
        "exit_date",
    ]
    dataset = tablib.Dataset(headers=fields)

    def text(value):
        if value is None:
            return ""
        if isinstance(value, bool):
            return "1" if value else "0"
        if isinstance(value, dt.date):
            return value.isoformat()
        return str(value)

    for i in range(args.die_rows):
        r = roster.row(i)
        values = dict(r)
        values["organization"] = org_ids[r["organization_code"]]
        values["rank"] = rank_ids[r["rank_code"]] if r["rank_code"] else None
        # A default resource turns an empty personal ID into "" (CharField with blank=True), and
        # the second "" breaks UNIQUE: the default resource cannot import a roster with blank
        # IDs at all, so here every row gets one.
        values["personal_id"] = r["personal_id"] or f"9{i:011d}"
        dataset.append([text(values[f]) for f in fields])
    resource = StaffResource()
    rss_before = rss_mb()
    started = time.perf_counter()
    result = resource.import_data(dataset, dry_run=False)
    seconds = time.perf_counter() - started
    errors = []
    if result.has_errors():
        errors = [str(e.error) for e in result.base_errors[:3]]
        for _line, row_errors in result.row_errors()[:3]:
            errors += [str(e.error) for e in row_errors[:1]]
    if result.has_validation_errors():
        errors += [str(r.error_dict)[:300] for r in result.invalid_rows[:3]]
    return {
        "seconds": seconds,
        "rows": args.die_rows,
        "created": result.totals.get("new", 0),
        "errors": len(errors),
        "first_errors": errors,
        "staff_count": Staff.objects.count(),
        "rss_before_mb": rss_before,
        "max_rss_mb": max_rss_mb(),
    }


def run_child(mode: str, url: str, extra: list[str], monitor: LockMonitor | None = None) -> dict:
    cmd = [sys.executable, __file__, "--child", mode, "--database-url", url, *extra]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True, cwd=ROOT)
    if monitor is not None:
        monitor.start()
    out, _err = proc.communicate()
    if monitor is not None:
        monitor.stop()
    if proc.returncode != 0:
        raise SystemExit(f"benchmark step {mode} {' '.join(extra)} crashed (exit {proc.returncode})")
    for line in reversed(out.splitlines()):
        if line.startswith("RESULT "):
            return json.loads(line[7:])
    raise SystemExit(f"benchmark step {mode} printed no result:\n{out}")


# --------------------------------------------------------------------------- COPY baseline

COPY_TYPES = {
    "employee_code": "varchar(30) NOT NULL",
    "personal_id": "varchar(12)",
    "full_name": "varchar(120) NOT NULL",
    "date_of_birth": "date NOT NULL",
    "sex": "varchar(1) NOT NULL",
    "category": "varchar(4) NOT NULL",
    "organization_code": "varchar(35) NOT NULL",
    "position_code": "varchar(30)",
    "concurrent_position_codes": "text NOT NULL",
    "rank_code": "varchar(20)",
    "salary_step": "smallint",
    "salary_coefficient": "numeric(4,2)",
    "recruitment_date": "date",
    "insurance_years": "numeric(4,1)",
    **{f"rating_{y}": "varchar(6) NOT NULL" for y in YEARS},
    **{f"sick_days_{y}": "smallint" for y in YEARS},
    "heavy_work": "boolean NOT NULL",
    "redundant": "boolean NOT NULL",
    "deferral": "varchar(2) NOT NULL",
    "status": "varchar(4) NOT NULL",
    "exit_date": "date",
}


def copy_text(roster: Roster) -> str:
    """The canonical values as COPY's CSV: NULL unquoted-empty, every other value quoted."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=csv.QUOTE_NOTNULL, lineterminator="\n")
    for record in roster:
        row = []
        for name in NAMES:
            value = record[name]
            if name == "concurrent_position_codes":
                value = ";".join(value)
            elif isinstance(value, dt.date):
                value = value.isoformat()
            elif isinstance(value, bool):
                value = "t" if value else "f"
            row.append(value)
        writer.writerow(row)
    return buffer.getvalue()


def run_copy(url: str, text: str, *, indexes: bool) -> float:
    conn = connect(url)
    table = "bench_copy_staff"
    columns = ", ".join(f"{name} {COPY_TYPES[name]}" for name in NAMES)
    with conn.cursor() as cur:
        cur.execute(f"DROP TABLE IF EXISTS {table}")
        cur.execute(f"CREATE TABLE {table} (id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, {columns})")
        if indexes:
            cur.execute(f"ALTER TABLE {table} ADD UNIQUE (employee_code), ADD UNIQUE (personal_id)")
        cur.execute("CHECKPOINT")
    conn.autocommit = False
    started = time.perf_counter()
    with conn.cursor() as cur:
        cur.copy_expert(f"COPY {table} ({', '.join(NAMES)}) FROM STDIN WITH (FORMAT csv)", io.StringIO(text))
    conn.commit()
    seconds = time.perf_counter() - started
    conn.autocommit = True
    with conn.cursor() as cur:
        cur.execute(f"SELECT count(*) FROM {table}")
        count = cur.fetchone()[0]
        cur.execute(f"DROP TABLE {table}")
    conn.close()
    if count != text.count("\n"):
        raise SystemExit(f"COPY wrote {count} rows")
    return seconds


WRITTEN_TABLES = ("staffing_staff", "staffing_assignment", "staffing_annualrecord", "auditlog_logentry")


def run_write_floor(url: str) -> dict:
    """The least the database needs for what a first import writes: the rows the pipeline
    just wrote (read back with COPY TO) copied again into the same tables, with their indexes,
    in one transaction, and the commit that runs the deferred foreign-key checks. The tables
    end up as they were, so the next step finds the import's data."""
    conn = connect(url)
    buffers, counts = {}, {}
    with conn.cursor() as cur:
        for table in WRITTEN_TABLES:
            buffer = io.StringIO()
            cur.copy_expert(f"COPY {table} TO STDOUT", buffer)
            buffers[table] = buffer.getvalue()
            counts[table] = buffers[table].count("\n")
        cur.execute(f"TRUNCATE {', '.join(WRITTEN_TABLES)}")
        for table in WRITTEN_TABLES:
            cur.execute(f"VACUUM ANALYZE {table}")
        cur.execute("CHECKPOINT")
    conn.autocommit = False
    out = {"rows": counts, "tables": {}}
    started = time.perf_counter()
    with conn.cursor() as cur:
        for table in WRITTEN_TABLES:
            begun = time.perf_counter()
            cur.copy_expert(f"COPY {table} FROM STDIN", io.StringIO(buffers[table]))
            out["tables"][table] = time.perf_counter() - begun
    begun = time.perf_counter()
    conn.commit()
    out["commit"] = time.perf_counter() - begun
    out["seconds"] = time.perf_counter() - started
    conn.close()
    return out


def reset_staff(url: str) -> None:
    """Empty the tables an import writes (staff, yearly records, assignments, audit log, jobs)."""
    conn = connect(url)
    tables = ("staffing_assignment", "staffing_annualrecord", "staffing_staff", "auditlog_logentry", "portal_importjob")
    with conn.cursor() as cur:
        cur.execute(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE")
        for table in tables:
            cur.execute(f"VACUUM ANALYZE {table}")
    conn.close()


# --------------------------------------------------------------------------- the run


def main_run(args) -> int:
    url = args.database_url
    name = db_name(url)
    if not name.startswith("vtvl_bench"):
        raise SystemExit(f"refusing to use database {name!r}: its name must start with vtvl_bench (it is dropped)")
    load_start = os.getloadavg()
    log(f"benchmark: {args.rows:,} rows, repeat {args.repeat}, database {name}, {os.cpu_count()} CPUs")
    started_all = time.perf_counter()

    started = time.perf_counter()
    recreate_database(url)
    setup_django(url)
    from django.core.management import call_command
    from django.db import connections

    call_command("migrate", verbosity=0, interactive=False)
    migrate_s = time.perf_counter() - started
    started = time.perf_counter()
    counts = create_reference_data()
    log(
        f"fresh database: migrate {migrate_s:.1f} s; {counts['organizations']:,} organisations and"
        f" {counts['positions']:,} positions in {time.perf_counter() - started:.1f} s"
    )
    roster = Roster(args.rows, load_ranks())
    connections.close_all()
    analyze(url)
    update_rows = min(args.update_rows, args.rows)
    files = ensure_files(roster, update_rows)
    sizes = {k: p.stat().st_size / MB for k, p in files.items()}
    log(f"files: xlsx {sizes['xlsx']:.1f} MB, csv {sizes['csv']:.1f} MB ({len(COLUMNS)} columns)")

    samples: dict[str, list[dict]] = {}
    monitors: dict[str, LockMonitor] = {}

    def pipeline(step: str, path: Path, expect: dict, *, reader: bool = False, trace: bool = False) -> dict:
        extra = ["--file", str(path)]
        if trace:
            extra.append("--trace")
        if args.profile and not trace:
            extra += ["--profile-out", str(OUT / f"{step}.prof")]
        first = roster.row(0)
        monitor = LockMonitor(url, read_code=first["employee_code"] if reader else None)
        monitor.old_value = str(first["insurance_years"])  # before update_csv adds 0.5
        result = run_child("import", url, extra, monitor)
        monitors.setdefault(step, monitor)
        if result["fatal"] or result["errors"]:
            print("\n".join(result["first_errors"]) or result["fatal"], file=sys.stderr)
            raise SystemExit(f"{step}: the import was rejected ({result['errors']} errors)")
        got = {k: result[k] for k in expect}
        if got != expect:
            raise SystemExit(f"{step}: expected {expect}, got {got}")
        result["load"] = os.getloadavg()[0]
        result["rows"] = result["created"] + result["updated"] + result["unchanged"]
        log(
            f"{step}: {result['seconds']:.2f} s ({result['rows'] / result['seconds']:,.0f} rows/s),"
            f" max RSS {result['max_rss_mb']:.0f} MB (+{result['max_rss_mb'] - result['rss_before_mb']:.0f} MB)"
            + (f", tracemalloc peak {result['tracemalloc_mb']:.0f} MB" if result["tracemalloc_mb"] else "")
        )
        if not trace:
            samples.setdefault(step, []).append(result)
        return result

    n = args.rows
    text = copy_text(roster)
    for round_ in range(args.repeat):
        if args.repeat > 1:
            log(f"round {round_ + 1} of {args.repeat}")
        reset_staff(url)
        pipeline("pipeline_xlsx", files["xlsx"], {"created": n, "updated": 0, "unchanged": 0})
        if round_ == 0:
            floor = run_write_floor(url)
            floor["load"] = os.getloadavg()[0]
            log(
                f"write_floor: {floor['seconds']:.2f} s ("
                + ", ".join(f"{t} {sec:.2f}" for t, sec in floor["tables"].items())
                + f", commit {floor['commit']:.2f})"
            )
        pipeline("reimport_xlsx", files["xlsx"], {"created": 0, "updated": 0, "unchanged": n})
        if round_ == 0:
            pipeline("update_csv", files["update_csv"], {"created": 0, "updated": update_rows}, reader=True)
        reset_staff(url)
        pipeline("pipeline_csv", files["csv"], {"created": n, "updated": 0, "unchanged": 0})
        for indexes, step in ((True, "copy"), (False, "copy_noindex")):
            seconds = run_copy(url, text, indexes=indexes)
            samples.setdefault(step, []).append({"seconds": seconds, "rows": n, "load": os.getloadavg()[0]})
            log(f"{step}: {seconds:.2f} s ({n / seconds:,.0f} rows/s)")

    if not args.no_trace:
        reset_staff(url)
        traced = pipeline("pipeline_xlsx", files["xlsx"], {"created": n}, trace=True)
    else:
        traced = None

    breakdown = run_child("breakdown", url, ["--file", str(files["xlsx"])])
    log(f"calamine alone {breakdown['calamine_only']:.2f} s, safety checks alone {breakdown['safety_checks']:.2f} s")

    die = None
    if args.die_rows:
        reset_staff(url)
        die = run_child("die", url, ["--rows", str(args.rows), "--die-rows", str(args.die_rows)])
        if die["errors"] or die["staff_count"] != args.die_rows:
            print("\n".join(die["first_errors"]), file=sys.stderr)
            raise SystemExit(f"die_default: {die['errors']} errors, {die['staff_count']} staff written")
        die["load"] = os.getloadavg()[0]
        log(
            f"die_default: {args.die_rows:,} rows in {die['seconds']:.1f} s"
            f" ({args.die_rows / die['seconds']:,.0f} rows/s), max RSS {die['max_rss_mb']:.0f} MB"
        )

    report(args, samples, traced, die, monitors, breakdown, floor, sizes)
    load_end = os.getloadavg()
    log(
        f"done in {time.perf_counter() - started_all:.0f} s; load average at start {load_start[0]:.2f}"
        f" {load_start[1]:.2f} {load_start[2]:.2f}, at the end {load_end[0]:.2f} {load_end[1]:.2f} {load_end[2]:.2f}"
    )
    if not args.keep_db:
        drop_database(url)
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=int(os.environ.get("BENCH_ROWS", "100000")))
    parser.add_argument("--repeat", type=int, default=int(os.environ.get("BENCH_REPEAT", "1")))
    parser.add_argument("--die-rows", type=int, default=int(os.environ.get("BENCH_DIE_ROWS", "10000")))
    parser.add_argument("--update-rows", type=int, default=int(os.environ.get("BENCH_UPDATE_ROWS", "20000")))
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL))
    parser.add_argument("--keep-db", action="store_true", help="keep the database at the end")
    parser.add_argument("--no-trace", action="store_true", help="skip the tracemalloc run")
    parser.add_argument("--profile", action="store_true", help="cProfile each pipeline step into bench/out/")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--file", help=argparse.SUPPRESS)
    parser.add_argument("--trace", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--profile-out", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        setup_django(args.database_url)
        handler = {"import": child_import, "die": child_die, "breakdown": child_breakdown}[args.child]
        print("RESULT " + json.dumps(handler(args), default=str), flush=True)
        return 0
    return main_run(args)


if __name__ == "__main__":
    sys.exit(main())
