"""Benchmark of the organisation pages' counts on PostgreSQL (issue 17, "the home page takes 12 s").

    .venv/bin/python bench/org_counts.py [--staff 100000] [--repeat 5]
    make bench BENCH=org_counts DATABASE_URL=postgres://postgres@127.0.0.1:5432/vtvl_bench_counts

What it does, in one run:

1. Creates its own PostgreSQL database (``--database-url``, else ``BENCH_DATABASE_URL``, else
   ``DATABASE_URL``, else ``postgres://postgres@127.0.0.1:5432/vtvl_bench_counts``; the name
   must start with ``vtvl_bench``: it is dropped first and at the end unless ``--keep-db``),
   migrates it and seeds a province-like tree of 200 units: one province (TINH) with 120
   direct children (20 departments (SO) and, as since the 2025 reform, 100 communes (XA)), the
   departments holding 79 offices and public service units (PHONG, SNCL), plus a small second
   root (a ministry with 4 units and no staff); then ``--staff`` people (default 100,000) with
   one COPY, spread over the province's units (a public service unit weighs 6, a commune 3),
   90% of them working (DLV), the others left with an exit date, and yearly records (ratings) of
   the last three years for 6 people in 7; then ``VACUUM ANALYZE``.
2. Measures, with Django's test Client in this process (DEBUG off, as in production), the
   server time of each page (median of ``--repeat`` requests after one warm-up request), its
   number of SQL statements and their total time, and the statements that read staffing_staff,
   which it runs again under ``EXPLAIN (ANALYZE, FORMAT JSON)`` to report their plans' shape:
   the scans of staffing_staff with their loop counts, the staff rows they read (Σ actual rows
   × loops) and whether a scan runs in a SubPlan (once per row of the outer query):
   - as the province's org admin: ``/`` (home: the province's summary and the admin's panels),
     ``/orgs/`` (the tree: the province), ``/orgs/<province>/`` (summary + its 120 children), the
     children endpoint ``/orgs/<province>/children/`` and, for a department, its children endpoint;
   - as the province's HR officer: ``/`` (the summary and the HR officer's panels: descriptions by
     status, records lacking data — one more aggregate of the province's staff — latest imports);
   - as a national admin: ``/`` (no organisation: the queues and the reference data), ``/orgs/``
     (both roots) and ``/orgs/<province>/children/``;
   - for reference, ``/staff/`` (the first page of the staff list) as the org admin.
3. The baseline, measured in the same run: one hand-written SQL aggregate of the working staff
   of the province grouped by organisation path (``SELECT o.path, count(*) FROM staffing_staff
   s JOIN portal_organization o ON o.id = s.organization_id WHERE o.path LIKE '<province>%'
   AND s.status = 'DLV' GROUP BY o.path``), median of ``--repeat`` runs: what counting the
   subtree's staff once costs. Every page is printed as ms, queries and its ratio to it.
4. Checks the numbers the pages show against the baseline rolled up by path (the province's
   staff count on the home page, the organisation page and the tree, each of its children's in
   the children endpoint), so that a faster page that counts wrong fails the run (exit 1).

``--label`` names the code measured (e.g. ``HEAD`` when run in a worktree of the old code); the
figures also go to ``bench/out/org_counts-<label>.json``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import itertools
import json
import os
import random
import re
import sys
import time
import warnings
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/vtvl_bench_counts"

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _bench import create_organizations, database_url, db_name, median  # noqa: E402

SEED = 20261127
WORKING_SHARE = 0.9

PROVINCE = ("000.00.00.H48", "Ủy ban nhân dân Thành phố Đà Nẵng")
DEPARTMENTS = [
    "Văn phòng Ủy ban nhân dân",
    "Sở Nội vụ",
    "Sở Tài chính",
    "Sở Tư pháp",
    "Sở Xây dựng",
    "Sở Y tế",
    "Sở Giáo dục và Đào tạo",
    "Sở Công Thương",
    "Sở Nông nghiệp và Môi trường",
    "Sở Khoa học và Công nghệ",
    "Sở Văn hóa, Thể thao và Du lịch",
    "Sở Ngoại vụ",
    "Sở Dân tộc và Tôn giáo",
    "Thanh tra thành phố",
    "Ban Quản lý các khu công nghiệp",
    "Đài Phát thanh và Truyền hình",
    "Trường Cao đẳng Y tế",
    "Bệnh viện Đa khoa thành phố",
    "Trung tâm Kiểm soát bệnh tật",
    "Ban Dân tộc",
]
UNITS = [
    ("PHONG", "Văn phòng"),
    ("PHONG", "Phòng Tổ chức cán bộ"),
    ("PHONG", "Phòng Kế hoạch – Tài chính"),
    ("SNCL", "Trung tâm Dịch vụ công"),
    ("SNCL", "Trường Trung học phổ thông"),
    ("SNCL", "Trung tâm Y tế khu vực"),
]
COMMUNES = 100
DEPARTMENT_UNITS = 79  # 1 province + 20 departments + 100 communes + 79 = 200 units
MINISTRY = ("000.00.00.G12", "Bộ Nội vụ")
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ"]
MIDDLE = ["Văn", "Thị", "Hữu", "Minh", "Thanh", "Ngọc", "Đức", "Thu"]
GIVEN = ["An", "Bình", "Cường", "Dung", "Em", "Giang", "Hải", "Khoa", "Lan", "Mai", "Nam", "Oanh", "Phúc", "Quân"]
LEFT = ["NH", "TV", "CCT", "TGBC"]
CATEGORIES = ["CB", "CC", "VC", "VCTC", "HD"]


STARTED = time.perf_counter()


def log(message: str) -> None:
    print(f"[{time.perf_counter() - STARTED:6.1f} s] {message}", flush=True)


# --------------------------------------------------------------------------- database


def admin_execute(url: str, *statements: str) -> None:
    import psycopg2

    conn = psycopg2.connect(urlunsplit(urlsplit(url)._replace(path="/postgres")))
    conn.autocommit = True
    with conn.cursor() as cur:
        for statement in statements:
            cur.execute(statement)
    conn.close()


def setup_django(url: str) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    os.environ.setdefault("DJANGO_DEBUG", "1")  # settings need a secret key otherwise
    os.environ["DJANGO_CONN_MAX_AGE"] = "0"
    import django
    from django.conf import settings

    django.setup()
    warnings.filterwarnings("ignore", message="No directory at")  # whitenoise: no collectstatic here
    settings.DEBUG = False  # as in production (CaptureQueriesContext still sees the statements)
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


# --------------------------------------------------------------------------- seed


def province_specs(number: int) -> list[tuple[str, str, str, str | None, int]]:
    """(code, name, kind, parent code, staff weight) of a province's 200 units, parents first.
    Since the 2025 reform communes sit right under the province, so the province has 120 direct
    children (20 departments, 100 communes); the departments hold the other 79 units (offices
    and public service units). Province 1 is Đà Nẵng (H48), the others are made up (Tnn)."""
    sfx = "H48" if number == 1 else f"T{number:02d}"
    pcode = f"000.00.00.{sfx}"
    pname = PROVINCE[1] if number == 1 else f"Ủy ban nhân dân tỉnh số {number}"
    specs = [(pcode, pname, "TINH", None, 1)]
    departments = []
    for d, dname in enumerate(DEPARTMENTS, start=1):
        dcode = f"000.00.{d:02d}.{sfx}"
        departments.append((dcode, dname))
        specs.append((dcode, dname, "SO", pcode, 2))
    for c in range(1, COMMUNES + 1):
        specs.append((f"{pcode}.{c:03d}", f"{'Phường' if c % 3 else 'Xã'} số {c}", "XA", pcode, 3))
    for u in range(DEPARTMENT_UNITS):
        dcode, dname = departments[u % len(departments)]
        kind, uname = UNITS[u % len(UNITS)]
        code = f"000.{u // len(departments) + 1:02d}.{dcode[7:9]}.{sfx}"
        specs.append((code, f"{uname} – {dname}", kind, dcode, 6 if kind == "SNCL" else 1))
    return specs


def org_specs(provinces: int) -> list[tuple[str, str, str, str | None, int]]:
    """The provinces' units, then a small ministry (5 units, no staff)."""
    specs = [spec for number in range(1, provinces + 1) for spec in province_specs(number)]
    mcode, mname = MINISTRY
    specs.append((mcode, mname, "BO", None, 0))
    for i in range(1, 5):
        specs.append((f"{mcode}.{i}", f"Vụ số {i}", "PHONG", mcode, 0))
    return specs


def seed(url: str, staff: int, provinces: int) -> dict:
    from django.contrib.auth import get_user_model
    from django.db import connection, transaction

    from portal.models import Membership, Organization, Role
    from portal.text import fold
    from staffing.models import Staff

    specs = org_specs(provinces)
    with transaction.atomic():
        by_code = create_organizations((c, n, k, p) for c, n, k, p, _w in specs)

        weighted = [(by_code[code].pk, weight) for code, _n, _k, _p, weight in specs if weight]
        org_ids = [pk for pk, _ in weighted]
        cumulative = list(itertools.accumulate(w for _, w in weighted))
        rng = random.Random(SEED)
        generated = {
            "personal_id": None,
            "birth_year_only": False,
            "heavy_work": False,
            "redundant": False,
            "deferral": "",
        }
        fields = [f for f in Staff._meta.concrete_fields if not f.primary_key]
        buffer = io.StringIO()
        for i in range(staff):
            name = f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
            working = rng.random() < WORKING_SHARE
            row = dict(
                generated,
                employee_code=f"CB{i + 1:07d}",
                full_name=name,
                search_key=fold(name),
                date_of_birth=dt.date(1965 + rng.randrange(40), 1 + rng.randrange(12), 1 + rng.randrange(28)),
                sex=rng.choice("MF"),
                category=rng.choice(CATEGORIES),
                organization_id=rng.choices(org_ids, cum_weights=cumulative)[0],
                status="DLV" if working else rng.choice(LEFT),
                exit_date=None if working else dt.date(2024, 1 + rng.randrange(12), 1 + rng.randrange(28)),
            )
            cells = []
            for f in fields:
                value = row[f.attname] if f.attname in row else f.get_default()
                cells.append("\\N" if value is None else str(value).replace("\t", " "))
            buffer.write("\t".join(cells) + "\n")
        buffer.seek(0)
        columns = ", ".join(f'"{f.column}"' for f in fields)
        with connection.cursor() as cur:
            cur.cursor.copy_expert(f"COPY {Staff._meta.db_table} ({columns}) FROM STDIN", buffer)
            # Yearly records of the last three years for 6 people in 7, one in 10 of them without a
            # rating: the HR officer's home counts the working people without last year's rating.
            last = dt.date.today().year - 1
            cur.execute(
                "INSERT INTO staffing_annualrecord (staff_id, year, rating, sick_days)"
                " SELECT s.id, y, CASE WHEN s.id %% 10 = 0 THEN '' ELSE 'HTNV' END, NULL"
                " FROM staffing_staff s, generate_series(%s, %s) AS y WHERE s.id %% 7 <> 0",
                [last - 2, last],
            )

        User = get_user_model()
        admin = User.objects.create_user("bench_admin", password="x", is_staff=True)
        national = User.objects.create_user("bench_national", password="x", is_staff=True)
        hr = User.objects.create_user("bench_hr", password="x")
        Membership.objects.create(user=admin, role=Role.ORG_ADMIN, organization=by_code[PROVINCE[0]])
        Membership.objects.create(user=national, role=Role.NATIONAL_ADMIN)
        Membership.objects.create(user=hr, role=Role.HR_OFFICER, organization=by_code[PROVINCE[0]])
    import psycopg2

    conn = psycopg2.connect(url)
    conn.autocommit = True
    with conn.cursor() as cur:
        cur.execute("VACUUM ANALYZE")
    conn.close()
    return {
        "units": Organization.objects.filter(path__startswith=by_code[PROVINCE[0]].path).count(),
        "organizations": Organization.objects.count(),
        "staff": Staff.objects.count(),
        "working": Staff.objects.filter(status="DLV").count(),
        "province_working": Staff.objects.filter(
            status="DLV", organization__path__startswith=by_code[PROVINCE[0]].path
        ).count(),
    }


# --------------------------------------------------------------------------- measuring


BASELINE_SQL = (
    "SELECT o.path, count(*) FROM staffing_staff s JOIN portal_organization o ON o.id = s.organization_id"
    " WHERE o.path LIKE %s AND s.status = 'DLV' GROUP BY o.path"
)


def baseline(root_path: str, repeat: int) -> tuple[float, dict[str, int]]:
    from django.db import connection

    times = []
    rows = []
    with connection.cursor() as cur:
        for _ in range(repeat + 1):  # the first run warms the cache
            started = time.perf_counter()
            cur.execute(BASELINE_SQL, [root_path + "%"])
            rows = cur.fetchall()
            times.append((time.perf_counter() - started) * 1000)
    return median(times[1:]), dict(rows)


def rolled_up(direct: dict[str, int], path: str) -> int:
    return sum(n for p, n in direct.items() if p.startswith(path))


def plan_summary(sql: str) -> dict:
    """Run ``sql`` under EXPLAIN ANALYZE: its time, the scans of staffing_staff (node type, loops,
    rows per loop), the staff rows they read (Σ rows × loops) and whether one runs in a SubPlan
    (once per row of the outer query)."""
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + sql)
        plan = cur.fetchone()[0]
    if isinstance(plan, str):
        plan = json.loads(plan)
    top = plan[0]
    kind = top["Plan"]["Node Type"]
    kind = {"Hashed": "HashAggregate", "Sorted": "GroupAggregate"}.get(top["Plan"].get("Strategy"), kind)
    found = {"ms": top.get("Execution Time"), "top": kind, "scans": [], "rows": 0, "subplan": False}

    def walk(node, in_subplan):
        in_subplan = in_subplan or node.get("Parent Relationship") in ("SubPlan", "InitPlan")
        if node.get("Relation Name") == "staffing_staff":  # not a Bitmap Index Scan: its heap scan has the rows
            found["scans"].append(f"{node['Node Type']} ×{node['Actual Loops']}")
            found["rows"] += node["Actual Rows"] * node["Actual Loops"]
            found["subplan"] |= in_subplan
        for child in node.get("Plans", ()):
            walk(child, in_subplan)

    walk(top["Plan"], False)
    return found


def measure(client, url: str, repeat: int) -> dict:
    """Median server time of ``repeat`` requests (after a warm-up), their statements, and the
    plans of the statements that read staffing_staff."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    response = client.get(url)  # warm-up (and the page's content for the checks)
    if response.status_code != 200:
        raise SystemExit(f"{url}: HTTP {response.status_code}")
    times, sql_ms, staff_ms, counts = [], [], [], []
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as ctx:
            started = time.perf_counter()
            client.get(url)
            times.append((time.perf_counter() - started) * 1000)
        counts.append(len(ctx.captured_queries))
        sql_ms.append(sum(float(q["time"]) for q in ctx.captured_queries) * 1000)
        staff = [q for q in ctx.captured_queries if "staffing_staff" in q["sql"]]
        staff_ms.append(sum(float(q["time"]) for q in staff) * 1000)
    plans = [plan_summary(q["sql"]) for q in staff]
    return {
        "ms": median(times),
        "queries": max(counts),
        "sql_ms": median(sql_ms),
        "staff_statements": len(staff),
        "staff_ms": median(staff_ms),
        "staff_sql": [q["sql"] for q in staff],
        "plans": plans,
        "html": response.content.decode(),
    }


def shown(pattern: str, html: str) -> int | None:
    found = re.search(pattern, html)
    return int(re.sub(r"\D", "", found.group(1))) if found else None


def tree_rows(html: str) -> dict[str, int]:
    """code -> staff count of each tree row (the row's second count)."""
    got = {}
    for item in re.findall(r'<li class="org-node".*?</li>', html, flags=re.S):
        code = re.search(r'data-code="([^"]+)"', item).group(1)
        counts = [int(n) for n in re.findall(r'<span class="org-count"[^>]*>(\d+)</span>', item)]
        got[code] = counts[1]
    return got


def main_run(args) -> int:
    url = database_url(args, DEFAULT_URL)
    name = db_name(url)
    if not name.startswith("vtvl_bench"):
        raise SystemExit(f"refusing to use database {name!r}: its name must start with vtvl_bench (it is dropped)")
    log(f"org counts benchmark [{args.label}]: {args.staff:,} staff, repeat {args.repeat}, database {name}")
    started_all = time.perf_counter()
    admin_execute(url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)', f'CREATE DATABASE "{name}"')
    setup_django(url)
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.test import Client

    from portal.models import Organization

    call_command("migrate", verbosity=0, interactive=False)
    started = time.perf_counter()
    sizes = seed(url, args.staff, args.provinces)
    log(
        f"seeded {args.provinces} province(s) of {sizes['units']} units ({sizes['organizations']:,} organisations),"
        f" {sizes['staff']:,} staff ({sizes['working']:,} working) in {time.perf_counter() - started:.1f} s"
    )
    province = Organization.objects.get(code=PROVINCE[0])
    department = Organization.objects.get(code="000.00.06.H48")  # Sở Y tế

    base_ms, direct = baseline(province.path, args.repeat)
    log(f"baseline (one aggregate of the province's working staff by path): {base_ms:.1f} ms, {len(direct)} rows")
    national_ms, everything = baseline("/", args.repeat)
    log(f"national baseline (the same over every organisation): {national_ms:.1f} ms, {len(everything)} rows")

    User = get_user_model()
    clients = {}
    for persona, username in (("admin", "bench_admin"), ("national", "bench_national"), ("hr", "bench_hr")):
        clients[persona] = Client()
        clients[persona].force_login(User.objects.get(username=username))
    pages = [
        ("admin", "/", "home"),
        ("hr", "/", "home (HR officer)"),
        ("national", "/", "home (national)"),
        ("admin", "/orgs/", "tree"),
        ("admin", f"/orgs/{province.code}/", "organisation page"),
        ("admin", f"/orgs/{province.code}/children/", "children (province)"),
        ("admin", f"/orgs/{department.code}/children/", "children (department)"),
        ("national", "/orgs/", "tree"),
        ("national", f"/orgs/{province.code}/children/", "children (province)"),
        ("admin", "/staff/", "staff list (reference)"),
    ]
    results = []
    for persona, path, what in pages:
        r = measure(clients[persona], path, args.repeat)
        r.update(persona=persona, path=path, what=what)
        results.append(r)
        log(f"{persona} {path}: {r['ms']:.1f} ms, {r['queries']} queries")

    # The numbers shown must be the subtree counts.
    problems = []
    total = rolled_up(direct, province.path)
    by_path = {r["path"]: r for r in results if r["persona"] == "admin"}
    for page, pattern in (
        ("/", r'id="home-staff-count">([\d.,\s]+)<'),
        (f"/orgs/{province.code}/", r'id="org-staff-count">([\d.,\s]+)<'),
    ):
        got = shown(pattern, by_path[page]["html"])
        if got != total:
            problems.append(f"{page}: shows {got} working staff, the baseline counts {total}")
    expect = {o.code: rolled_up(direct, o.path) for o in Organization.objects.filter(parent=province)}
    for r in results:
        if r["path"] == f"/orgs/{province.code}/children/" and tree_rows(r["html"]) != expect:
            problems.append(f"{r['persona']} {r['path']}: the departments' counts differ from the baseline")
    tree = tree_rows(by_path["/orgs/"]["html"])
    if tree.get(province.code) != total:
        problems.append(f"/orgs/: shows {tree.get(province.code)} for the province, the baseline counts {total}")

    for r in results:  # the national tree shows every root: its baseline counts everybody
        r["baseline_ms"] = national_ms if (r["persona"], r["path"]) == ("national", "/orgs/") else base_ms
    report(args, sizes, base_ms, national_ms, results, problems)
    record = {
        "label": args.label,
        "staff": args.staff,
        "repeat": args.repeat,
        "sizes": sizes,
        "baseline_ms": base_ms,
        "national_baseline_ms": national_ms,
        "pages": [{k: v for k, v in r.items() if k != "html"} for r in results],
        "problems": problems,
        "load": os.getloadavg(),
    }
    OUT.mkdir(parents=True, exist_ok=True)
    out = OUT / f"org_counts-{re.sub(r'[^A-Za-z0-9_.-]', '_', args.label)}.json"
    out.write_text(json.dumps(record, indent=1, default=str))
    log(f"done in {time.perf_counter() - started_all:.0f} s; load average {os.getloadavg()[0]:.2f} (details in {out})")
    if not args.keep_db:
        from django.db import connections

        connections.close_all()
        admin_execute(url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    return 1 if problems else 0


def report(args, sizes, base_ms, national_ms, results, problems) -> None:
    print()
    print(
        f"Organisation pages [{args.label}]: {args.provinces} province(s) of {sizes['units']} units"
        f" ({sizes['organizations']:,} organisations), {sizes['staff']:,} staff ({sizes['working']:,} working,"
        f" {sizes['province_working']:,} in the province measured), PostgreSQL, {os.cpu_count()} CPUs,"
        f" median of {args.repeat} request(s), load average {os.getloadavg()[0]:.1f}"
    )
    print(f"baseline: one aggregate of the province's working staff by organisation path, {base_ms:.1f} ms")
    print(f"national baseline (national /orgs/): the same over every organisation, {national_ms:.1f} ms")
    print(
        f"{'user':<9}{'page':<23}{'ms':>9}{'× base':>8}{'queries':>8}{'SQL ms':>9}{'staff SQL':>10}{'ms':>9}"
        f"{'rows read':>12}  plan of the statements reading staffing_staff (EXPLAIN ANALYZE)"
    )
    for r in results:
        plans = r["plans"]
        rows = sum(p["rows"] for p in plans)
        detail = " | ".join(
            f"{p['top']}: " + ", ".join(p["scans"]) + (" in a SubPlan" if p["subplan"] else "") for p in plans
        )
        page = r["path"] if len(r["path"]) < 22 else r["what"]
        print(
            f"{r['persona']:<9}{page:<23}{r['ms']:>9.1f}{r['ms'] / r['baseline_ms']:>7.1f}×"
            f"{r['queries']:>8}{r['sql_ms']:>9.1f}"
            f"{r['staff_statements']:>10}{r['staff_ms']:>9.1f}{rows:>12,.0f}  {detail}"
        )
    print(
        "(ms: server time of the page; SQL ms: its statements; staff SQL: statements reading staffing_staff, their ms;"
        " rows read: Σ actual rows × loops of their staff scans)"
    )
    if problems:
        print("\nWRONG COUNTS:\n  " + "\n  ".join(problems))
    else:
        print("counts shown = the baseline rolled up by path (home, organisation page, tree, children): OK")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--staff", type=int, default=int(os.environ.get("BENCH_STAFF", "100000")))
    parser.add_argument(
        "--provinces",
        type=int,
        default=int(os.environ.get("BENCH_PROVINCES", "1")),
        help="provinces of 200 units each (100 ≈ the national scale: 20,000 units; --staff spreads over all)",
    )
    parser.add_argument("--repeat", type=int, default=int(os.environ.get("BENCH_REPEAT", "5")))
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--label", default=os.environ.get("BENCH_LABEL", "working tree"))
    parser.add_argument("--keep-db", action="store_true", help="keep the database at the end")
    return main_run(parser.parse_args())


if __name__ == "__main__":
    sys.exit(main())
