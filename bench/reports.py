"""Benchmark of the report pages on the national demo data, PostgreSQL (issue 8, "Performance").

    .venv/bin/python bench/reports.py [--provinces N] [--repeat 5] [--keep-db | --reuse-db]
    make bench BENCH=reports

What it does, in one run:

1. Creates its own PostgreSQL database (``--database-url``, else ``BENCH_DATABASE_URL``, else
   ``DATABASE_URL`` when its name starts with ``vtvl_bench``, else
   ``postgres://postgres@127.0.0.1:5432/vtvl_bench_reports``; the name must start with
   ``vtvl_bench``: it is dropped first and at the end unless ``--keep-db``; ``--reuse-db`` keeps
   an existing one, whose seed then finds the data already there), migrates it and seeds the
   national demo with ``seed_demo --scale national`` (``staffing.demo.national_seed``: 34
   provinces, 17 ministries, 20,589 organisations, 1,000,000 staff; ``--provinces N`` builds the
   first N provinces and the 17 ministries for a quick run — Hà Nội, the province measured, is
   always the first and has its full-scale 747 units and 52,558 staff), then ``VACUUM ANALYZE``.
2. Measures, with Django's test Client in this process (DEBUG off, as in production), the
   server time of each page (median of ``--repeat`` requests after one warm-up request) and
   its SQL statements (count and time, ``CaptureQueriesContext``), on the demo's "today"
   (as_of 2026-07-01, the reduction rule set in force then: KL40-2022):
   - as Hà Nội's manager (``qg_manager_h01``): the reduction dashboard
     ``/reports/reductions/?org=QG.H01`` and the home page ``/`` (its dashboard panel), the
     retirement forecast ``/reports/retirement/?org=QG.H01&from=2026&to=2035``;
   - the same pages for a small subtree (the manager of Bộ Nội vụ, 11 units, 2,296 staff): the
     query counts must be the same (constant in units and staff);
   - the national roll-up: the national admin's page without ``?org=`` (the national view, measured
     as a page) and its report function ``reduction_report(org=None)`` with its retirement forecast
     over every current root (34 provinces and 17 ministries) at once — a constant number of
     statements whatever the number of roots;
   - the report functions alone (``reduction_report``, ``retirement_forecast``) for Hà Nội, to
     tell the query and Python time from the template's.
3. The baselines, measured in the same run (median of ``--repeat`` runs after a warm-up, each
   ``execute`` + ``fetchall`` through Django's connection):
   - dashboard and home page: one hand-written aggregate of the subtree's quotas by
     organisation, category and year over the rule set's years (``SELECT o.code, q.category,
     q.year, sum(q.assigned) … WHERE o.path LIKE '/QG.H01/%' AND q.year BETWEEN 2021 AND 2026
     GROUP BY 1, 2, 3``); the dashboard also reads the subtree's working staff for its
     retirement cards: that aggregate (by category, sex, birth year and month) is printed for
     information;
   - national roll-up: the same quota aggregate over every organisation;
   - forecast: one hand-written SELECT of the subtree's working staff born in the months whose
     Decree 135 retirement falls in 2026–2035 (per sex), with their birth dates, names, units.
4. Prints ms, queries, the baseline, the ratio and whether each target is met (province
   dashboard ≤ 300 ms, national roll-up ≤ 2 s, province forecast ≤ 500 ms, each ≤ 1.5× its
   baseline, constant query counts), and checks the figures against the baselines (the
   dashboard's base quota per category = the province's own quota of the base year; the
   forecast's people = the baseline's rows retiring in the range): a wrong figure exits 1. The
   figures also go to ``bench/out/reports-<label>.json``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import sys
import time
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _bench import (  # noqa: E402
    OUT,
    analyze,
    database_url,
    db_name,
    drop_database,
    log,
    median,
    recreate_database,
    setup_django,
)

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/vtvl_bench_reports"
AS_OF = dt.date(2026, 7, 1)  # the demo's "today" (staffing.demo.constants.DEMO_REFERENCE_DATE)
YEAR_FROM, YEAR_TO = 2026, 2035
PROVINCE = "QG.H01"  # Hà Nội
SMALL = "QG.G01"  # Bộ Nội vụ
TARGETS_MS = {"dashboard": 300, "national": 2000, "forecast": 500}
TARGET_RATIO = 1.5


# --------------------------------------------------------------------------- database


def database_exists(url: str) -> bool:
    from _bench import admin_connect

    conn = admin_connect(url)
    with conn.cursor() as cur:
        cur.execute("SELECT 1 FROM pg_database WHERE datname = %s", [db_name(url)])
        found = cur.fetchone() is not None
    conn.close()
    return found


def seed(provinces: int | None) -> dict:
    from django.core.management import call_command

    from staffing.demo.national import NationalScale
    from staffing.demo.national_seed import seed_national_data

    call_command("migrate", verbosity=0, interactive=False)
    started = time.perf_counter()
    summary = seed_national_data(NationalScale(provinces=provinces), progress=log)
    seconds = time.perf_counter() - started
    print(summary.as_text(), flush=True)
    return {
        "written": summary.written,
        "seconds": round(seconds, 1),
        "steps": {k: round(v, 1) for k, v in summary.seconds.items()},
        "organisations": sum(summary.organisations.values()) + summary.former,
        "staff": summary.staff,
        "working": summary.working,
        "quotas": summary.quotas,
    }


# --------------------------------------------------------------------------- measuring


def timed(fn, repeat: int) -> tuple[float, object, list[dict]]:
    """Median ms of ``repeat`` calls after a warm-up call, the last result and its statements."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    fn()
    times, result, captured = [], None, []
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as ctx:
            started = time.perf_counter()
            result = fn()
            times.append((time.perf_counter() - started) * 1000)
        captured = ctx.captured_queries
    return median(times), result, captured


def page(client, url: str, repeat: int) -> dict:
    def get():
        response = client.get(url)
        if response.status_code != 200:
            raise SystemExit(f"{url}: HTTP {response.status_code}")
        return response

    ms, response, queries = timed(get, repeat)
    return {
        "ms": ms,
        "queries": len(queries),
        "sql_ms": sum(float(q["time"]) for q in queries) * 1000,
        "bytes": len(response.content),
        "html": response.content.decode(),
    }


def function(fn, repeat: int) -> dict:
    ms, result, queries = timed(fn, repeat)
    return {
        "ms": ms,
        "queries": len(queries),
        "sql_ms": sum(float(q["time"]) for q in queries) * 1000,
        "result": result,
    }


def baseline(sql: str, params: list, repeat: int) -> tuple[float, list]:
    from django.db import connection

    def run():
        with connection.cursor() as cur:
            cur.execute(sql, params)
            return cur.fetchall()

    ms, rows, _queries = timed(run, repeat)
    return ms, rows


QUOTA_SQL = (
    "SELECT o.code, q.category, q.year, sum(q.assigned) FROM staffing_quota q"
    " JOIN portal_organization o ON o.id = q.organization_id"
    " WHERE o.path LIKE %s AND q.year BETWEEN %s AND %s GROUP BY o.code, q.category, q.year"
)
STAFF_AGGREGATE_SQL = (
    "SELECT s.category, s.sex, s.birth_year_only, extract(year FROM s.date_of_birth),"
    " extract(month FROM s.date_of_birth), count(*) FROM staffing_staff s"
    " JOIN portal_organization o ON o.id = s.organization_id"
    " WHERE o.path LIKE %s AND s.status = 'DLV' AND s.date_of_birth BETWEEN %s AND %s GROUP BY 1, 2, 3, 4, 5"
)
FORECAST_SQL = (
    "SELECT s.employee_code, s.full_name, o.code, o.name, o.path, s.sex, s.date_of_birth, s.birth_year_only,"
    " s.category, s.heavy_work FROM staffing_staff s JOIN portal_organization o ON o.id = s.organization_id"
    " WHERE o.path LIKE %s AND s.status = 'DLV'"
    " AND ((s.sex = 'M' AND s.date_of_birth BETWEEN %s AND %s) OR (s.sex = 'F' AND s.date_of_birth BETWEEN %s AND %s))"
)


def birth_window(sex: str) -> tuple[dt.date, dt.date]:
    """The first and last day of the birth months whose Decree 135 retirement falls in
    YEAR_FROM..YEAR_TO (computed here from staffing.retirement, not by the page's code)."""
    from staffing.retirement import ND135_2020, retirement_date

    months = [
        (y, m)
        for y in range(YEAR_FROM - 63, YEAR_TO - 54)
        for m in range(1, 13)
        if YEAR_FROM <= retirement_date(ND135_2020, sex, dt.date(y, m, 1)).year <= YEAR_TO
    ]
    (y0, m0), (y1, m1) = months[0], months[-1]
    last = (dt.date(y1 + (m1 == 12), m1 % 12 + 1, 1)) - dt.timedelta(days=1)
    return dt.date(y0, m0, 1), last


def retiring_in_range(rows) -> int:
    from staffing.retirement import ND135_2020, retirement_date

    return sum(
        YEAR_FROM <= retirement_date(ND135_2020, sex, born, year_only=year_only).year <= YEAR_TO
        for _code, _name, _org, _org_name, _path, sex, born, year_only, _cat, _heavy in rows
    )


# --------------------------------------------------------------------------- run


def main_run(args) -> int:
    url = database_url(args, DEFAULT_URL)
    name = db_name(url)
    if not name.startswith("vtvl_bench"):
        raise SystemExit(f"refusing to use database {name!r}: its name must start with vtvl_bench (it is dropped)")
    scale = "all 34 provinces" if args.provinces is None else f"{args.provinces} province(s)"
    log(f"reports benchmark [{args.label}]: national demo ({scale}, 17 ministries), repeat {args.repeat}, {name}")
    started_all = time.perf_counter()
    if not (args.reuse_db and database_exists(url)):
        recreate_database(url)
    setup_django(url)
    warnings.filterwarnings("ignore", message="No directory at")  # whitenoise: no collectstatic here
    from django.conf import settings

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    sizes = seed(args.provinces)
    log(f"seeded in {sizes['seconds']:.0f} s ({'written' if sizes['written'] else 'already there'})")
    analyze(url)
    log("VACUUM ANALYZE done")

    from django.contrib.auth import get_user_model
    from django.test import Client

    from portal.models import Organization
    from staffing import rulesets
    from staffing.demo.national_seed import manager_username
    from staffing.models import Staff
    from staffing.reports.dashboard import reduction_report
    from staffing.reports.forecast import retirement_forecast

    User = get_user_model()
    clients = {}
    for persona, username in (
        ("manager", manager_username(PROVINCE)),
        ("small", manager_username(SMALL)),
        ("national", "qg_admin"),
    ):
        clients[persona] = Client()
        clients[persona].force_login(User.objects.get(username=username))
    province = Organization.objects.get(code=PROVINCE)
    small = Organization.objects.get(code=SMALL)
    units = {o: Organization.objects.filter(path__startswith=o.path).count() for o in (province, small)}
    working = {
        o: Staff.objects.working().filter(organization__path__startswith=o.path).count() for o in (province, small)
    }
    info = rulesets.reduction_rule_set(None, AS_OF)
    base_year = info.rules.base_year
    as_of = AS_OF.isoformat()

    # ---- baselines
    results: dict[str, dict] = {}
    quota_ms, quota_rows = baseline(QUOTA_SQL, [province.path + "%", base_year, AS_OF.year], args.repeat)
    national_ms, national_rows = baseline(QUOTA_SQL, ["/%", base_year, AS_OF.year], args.repeat)
    until = dt.date(info.rules.period_to, 12, 31)
    staff_agg_ms, staff_agg_rows = baseline(
        STAFF_AGGREGATE_SQL, [province.path + "%", dt.date(AS_OF.year - 64, 1, 1), dt.date(until.year - 55, 12, 31)],
        args.repeat,
    )  # fmt: skip
    (m0, m1), (f0, f1) = birth_window("M"), birth_window("F")
    forecast_ms, forecast_rows = baseline(FORECAST_SQL, [province.path + "%", m0, m1, f0, f1], args.repeat)
    log(
        f"baselines: quotas of {PROVINCE} {quota_ms:.1f} ms ({len(quota_rows)} rows), national {national_ms:.1f} ms"
        f" ({len(national_rows)} rows), working staff for the forecast {forecast_ms:.1f} ms ({len(forecast_rows)} rows)"
    )

    # ---- pages
    dashboard_url = f"/reports/reductions/?org={PROVINCE}&as_of={as_of}"
    forecast_url = f"/reports/retirement/?org={PROVINCE}&from={YEAR_FROM}&to={YEAR_TO}&as_of={as_of}"
    measured = [
        ("dashboard", "manager", dashboard_url, quota_ms),
        ("home", "manager", "/", quota_ms),
        ("forecast", "manager", forecast_url, forecast_ms),
        ("dashboard_small", "small", f"/reports/reductions/?org={SMALL}&as_of={as_of}", None),
        ("home_small", "small", "/", None),
        ("forecast_small", "small", forecast_url.replace(PROVINCE, SMALL), None),
        ("national_page", "national", f"/reports/reductions/?as_of={as_of}", None),
    ]
    for key, persona, path, base in measured:
        r = page(clients[persona], path, args.repeat)
        r.update(persona=persona, path=path, baseline_ms=base)
        results[key] = r
        log(f"{persona} {path}: {r['ms']:.1f} ms, {r['queries']} queries ({r['sql_ms']:.1f} ms SQL)")

    # ---- functions
    known = rulesets.reduction_rule_sets()
    roots = list(Organization.objects.filter(depth=0, valid_to=None).order_by("code"))

    def national_rollup():
        """The national page's report: reduction_report(org=None), every current root at once."""
        report = reduction_report(org=None, as_of=AS_OF, rule_sets=rulesets.reduction_rule_sets())
        out = {}
        for category, t in report.totals.items():
            out[category] = {"base": t.base_assigned, "target": t.target, "current": t.current_assigned}
            out[category]["achieved"] = t.achieved
        return out

    results["national"] = function(national_rollup, args.repeat)
    results["national"]["baseline_ms"] = national_ms
    results["dashboard_function"] = function(
        lambda: reduction_report(org=province, as_of=AS_OF, rule_sets=known), args.repeat
    )
    results["forecast_function"] = function(
        lambda: retirement_forecast(org=province, year_from=YEAR_FROM, year_to=YEAR_TO, as_of=AS_OF), args.repeat
    )
    rollup = results["national"]
    log(f"national roll-up over {len(roots)} roots: {rollup['ms']:.1f} ms, {rollup['queries']} queries")

    # ---- checks against the baselines
    problems = []
    own = {(c, y): n for code, c, y, n in quota_rows if code == PROVINCE}
    report = results["dashboard_function"]["result"]
    for category, t in report.totals.items():
        if t.base_assigned and t.base_assigned != own.get((category, base_year)):
            problems.append(
                f"dashboard: base {category} {t.base_assigned}, the baseline has {own.get((category, base_year))}"
            )
    expected = retiring_in_range(forecast_rows)
    got = results["forecast_function"]["result"].total
    if got != expected:
        problems.append(f"forecast: {got} people retiring {YEAR_FROM}-{YEAR_TO}, the baseline's rows give {expected}")
    root_codes = {r.code for r in roots}
    national_base = sum(n for code, c, y, n in national_rows if y == base_year and c == "CBCC" and code in root_codes)
    rolled = results["national"]["result"].get("CBCC", {}).get("base")
    if rolled != national_base:
        problems.append(f"national: base CBCC {rolled}, the roots' own {base_year} quotas add up to {national_base}")

    report_table(
        args, sizes, units, working, results, problems, staff_agg_ms, len(staff_agg_rows), len(roots), info.code
    )
    record = {
        "label": args.label,
        "provinces": args.provinces,
        "repeat": args.repeat,
        "sizes": sizes,
        "units": {o.code: n for o, n in units.items()},
        "working": {o.code: n for o, n in working.items()},
        "results": {k: {x: y for x, y in v.items() if x not in ("html", "result")} for k, v in results.items()},
        "staff_aggregate_ms": staff_agg_ms,
        "problems": problems,
        "load": os.getloadavg(),
    }
    OUT.mkdir(parents=True, exist_ok=True)
    out = OUT / f"reports-{re.sub(r'[^A-Za-z0-9_.-]', '_', args.label)}.json"
    out.write_text(json.dumps(record, indent=1, default=str))
    log(f"done in {time.perf_counter() - started_all:.0f} s (details in {out})")
    if not (args.keep_db or args.reuse_db):
        from django.db import connections

        connections.close_all()
        drop_database(url)
    return 1 if problems else 0


def verdict(ms: float, base: float | None, target: float | None) -> str:
    ratio = ms / base if base else None
    misses = []
    if target is not None and ms > target:
        misses.append(f"> {target:.0f} ms")
    if ratio is not None and ratio > TARGET_RATIO:
        misses.append(f"> {TARGET_RATIO}× base")
    return "yes" if not misses else "NO (" + ", ".join(misses) + ")"


def report_table(args, sizes, units, working, results, problems, staff_agg_ms, staff_agg_rows, roots, rule_set) -> None:
    (province, p_units), (small, s_units) = units.items()
    print()
    print(
        f"Report pages [{args.label}]: national demo ({'34' if args.provinces is None else args.provinces} provinces,"
        f" 17 ministries): {sizes['organisations']:,} organisations, {sizes['staff']:,} staff"
        f" ({sizes['working']:,} working), {sizes['quotas']:,} quota rows; PostgreSQL, {os.cpu_count()} CPUs,"
        f" median of {args.repeat} after a warm-up, load average {os.getloadavg()[0]:.1f}"
    )
    print(
        f"province measured: {province.name} ({province.code}), {p_units:,} units, {working[province]:,} working staff;"
        f" small subtree for the query counts: {small.name} ({small.code}), {s_units} units,"
        f" {working[small]:,} working; as of {AS_OF.isoformat()}, rule set {rule_set}; forecast {YEAR_FROM}-{YEAR_TO}"
    )
    seed_line = f"seed: {sizes['seconds']:.0f} s ({'written' if sizes['written'] else 'already there'}"
    print(seed_line + "; " + ", ".join(f"{k} {v} s" for k, v in sizes["steps"].items()) + ")")
    print()
    header = f"{'what':<50}{'ms':>9}{'queries':>9}{'SQL ms':>9}{'base ms':>9}{'× base':>8}  {'target':<25}met"
    print(header)
    rows = [
        ("province dashboard page /reports/reductions/", "dashboard", TARGETS_MS["dashboard"]),
        ("home page of the province manager /", "home", None),
        (f"national roll-up: reduction_report(org=None), {roots} roots", "national", TARGETS_MS["national"]),
        ("province forecast page /reports/retirement/", "forecast", TARGETS_MS["forecast"]),
    ]
    for label, key, target in rows:
        r = results[key]
        base = r["baseline_ms"]
        target_text = (f"≤ {target} ms, " if target else "") + f"≤ {TARGET_RATIO}× base"
        print(
            f"{label:<50}{r['ms']:>9.1f}{r['queries']:>9}{r['sql_ms']:>9.1f}{base:>9.1f}{r['ms'] / base:>7.1f}×"
            f"  {target_text:<25}{verdict(r['ms'], base, target)}"
        )
    print()
    print("for information:")
    info_rows = [
        ("reduction_report(Hà Nội) alone, with its forecast", "dashboard_function"),
        ("retirement_forecast(Hà Nội) alone", "forecast_function"),
        (f"dashboard page of {small.code}", "dashboard_small"),
        (f"home page of the {small.code} manager", "home_small"),
        (f"forecast page of {small.code}", "forecast_small"),
        ("national admin's /reports/reductions/ (national view)", "national_page"),
    ]
    for label, key in info_rows:
        r = results[key]
        print(f"{label:<50}{r['ms']:>9.1f}{r['queries']:>9}{r['sql_ms']:>9.1f}")
    print(
        f"the dashboard's other read, the subtree's working staff by category, sex and birth month (one aggregate):"
        f" {staff_agg_ms:.1f} ms, {staff_agg_rows} groups"
    )
    print()
    constant = []
    for page_key in ("dashboard", "home", "forecast"):
        big, little = results[page_key]["queries"], results[f"{page_key}_small"]["queries"]
        constant.append(f"{page_key} {big} vs {little} {'=' if big == little else '≠'}")
    same = all(results[k]["queries"] == results[f"{k}_small"]["queries"] for k in ("dashboard", "home", "forecast"))
    print(
        f"query counts, {province.code} ({p_units} units) vs {small.code} ({s_units} units): "
        + ", ".join(constant)
        + f" — constant: {'yes' if same else 'NO'}"
    )
    print(
        "(the national roll-up is the national admin's /reports/reductions/ without ?org=: reduction_report(org=None),"
        f" {results['national']['queries']} statements for {roots} roots, constant in the number of roots)"
    )
    if problems:
        print("\nWRONG FIGURES:\n  " + "\n  ".join(problems))
    else:
        print("figures = the baselines (the dashboard's base quotas, the forecast's people, the national base): OK")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--provinces",
        type=int,
        default=int(os.environ["BENCH_PROVINCES"]) if os.environ.get("BENCH_PROVINCES") else None,
        help="build only the first N provinces (and the 17 ministries); default: all 34 (1,000,000 staff)",
    )
    parser.add_argument("--repeat", type=int, default=int(os.environ.get("BENCH_REPEAT", "5")))
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--label", default=os.environ.get("BENCH_LABEL", "working tree"))
    parser.add_argument("--keep-db", action="store_true", help="keep the database at the end")
    parser.add_argument(
        "--reuse-db", action="store_true", help="keep an existing database (its seed is then already there) and keep it"
    )
    return main_run(parser.parse_args())


if __name__ == "__main__":
    sys.exit(main())
