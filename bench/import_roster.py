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
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import hashlib
import io
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import threading
import time
import unicodedata
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/vtvl_bench"
GENERATOR_VERSION = 4  # bump when the generated data changes (invalidates the cached files)
SEED = 20260401
TODAY = dt.date.today()
YEARS = (2022, 2023, 2024, 2025)
MB = 1024 * 1024

TARGETS = {
    "xlsx_vs_copy": 3.0,  # pipeline_xlsx / copy ≤ 3
    "die_vs_pipeline": 60.0,  # default DIE per-row time / pipeline per-row time ≥ 60
    "reimport_vs_first": 1.0,  # reimport / first import ≤ 1
    "peak_mb": 500.0,  # peak memory ≤ 500 MB
}

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


# --------------------------------------------------------------------------- database


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


def reset_staff(url: str) -> None:
    """Empty the tables an import writes (staff, yearly records, assignments, audit log, jobs)."""
    conn = connect(url)
    tables = ("staffing_assignment", "staffing_annualrecord", "staffing_staff", "auditlog_logentry", "portal_importjob")
    with conn.cursor() as cur:
        cur.execute(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE")
        for table in tables:
            cur.execute(f"VACUUM ANALYZE {table}")
    conn.close()


def analyze(url: str) -> None:
    conn = connect(url)
    with conn.cursor() as cur:
        cur.execute("VACUUM ANALYZE")
    conn.close()


# --------------------------------------------------------------------------- reference data

PROVINCES = [
    ("01", "Thành phố Hà Nội"),
    ("22", "Tỉnh Quảng Ninh"),
    ("31", "Thành phố Hải Phòng"),
    ("40", "Tỉnh Nghệ An"),
    ("46", "Thành phố Huế"),
    ("48", "Thành phố Đà Nẵng"),
    ("56", "Tỉnh Khánh Hòa"),
    ("68", "Tỉnh Lâm Đồng"),
    ("92", "Thành phố Cần Thơ"),
    ("91", "Tỉnh An Giang"),
]
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
    "Thanh tra tỉnh",
    "Ban Quản lý các khu công nghiệp",
    "Đài Phát thanh và Truyền hình",
    "Trường Cao đẳng Y tế",
    "Bệnh viện Đa khoa tỉnh",
    "Trung tâm Kiểm soát bệnh tật",
]
UNITS = [
    ("PHONG", "Văn phòng"),
    ("PHONG", "Phòng Tổ chức cán bộ"),
    ("PHONG", "Phòng Kế hoạch – Tài chính"),
    ("PHONG", "Thanh tra"),
    ("PHONG", "Chi cục Văn thư – Lưu trữ"),
    ("SNCL", "Trung tâm Dịch vụ công"),
    ("SNCL", "Trường Trung học phổ thông Lê Quý Đôn"),
    ("SNCL", "Trường Tiểu học Nguyễn Du"),
    ("SNCL", "Trung tâm Y tế khu vực"),
]
POSITIONS = [
    ("LDQL", "", "Giám đốc"),
    ("LDQL", "", "Phó Giám đốc"),
    ("LDQL", "", "Trưởng phòng"),
    ("LDQL", "", "Phó Trưởng phòng"),
    ("CMNV", "CN", "Chuyên viên về tổ chức bộ máy"),
    ("CMNV", "CN", "Chuyên viên về quản lý công chức, viên chức"),
    ("CMNV", "CN", "Chuyên viên về cải cách hành chính"),
    ("CMNV", "CN", "Thanh tra viên"),
    ("CMNV", "CN", "Giáo viên trung học phổ thông"),
    ("CMNV", "CN", "Bác sĩ đa khoa"),
    ("CMNV", "CN", "Chuyên viên về công nghệ thông tin"),
    ("CMNV", "DC", "Chuyên viên về kế hoạch, tài chính"),
    ("CMNV", "DC", "Kế toán viên"),
    ("CMNV", "DC", "Văn thư viên"),
    ("CMNV", "DC", "Lưu trữ viên"),
    ("CMNV", "DC", "Chuyên viên pháp chế"),
    ("HTPV", "", "Nhân viên hành chính"),
    ("HTPV", "", "Lái xe"),
    ("HTPV", "", "Bảo vệ"),
    ("HTPV", "", "Nhân viên phục vụ"),
]
ORG_COUNT = 1000
POSITIONS_PER_ORG = len(POSITIONS)  # 20 → 20,000 positions


def org_specs() -> list[tuple[str, str, str, str | None]]:
    """(code, name, kind, parent code) of the 1,000 organisations, parents first."""
    specs = []
    for province, pname in PROVINCES:
        specs.append((f"000.00.00.H{province}", f"Ủy ban nhân dân {pname}", "TINH", None))
    departments = []
    for province, pname in PROVINCES:
        for d, dname in enumerate(DEPARTMENTS, start=1):
            code = f"000.00.{d:02d}.H{province}"
            departments.append((code, pname))
            specs.append((code, f"{dname} {pname.split(' ', 1)[1]}", "SO", f"000.00.00.H{province}"))
    remaining = ORG_COUNT - len(specs)
    for i in range(remaining):
        parent, pname = departments[i % len(departments)]
        n = i // len(departments) + 1
        kind, uname = UNITS[(i * 7 + n) % len(UNITS)]
        code = f"000.{n:02d}.{parent[7:9]}.{parent[10:]}"
        specs.append((code, f"{uname} số {n} – {parent[7:9]} {pname}", kind, parent))
    assert len(specs) == ORG_COUNT and len({s[0] for s in specs}) == ORG_COUNT
    return specs


def position_code(index: int) -> str:
    return f"VT{index + 1:02d}"


def create_reference_data() -> dict:
    """Bulk-create the organisations and positions (PostgreSQL returns the ids)."""
    from portal.models import Organization
    from portal.text import fold
    from positions.models import Position, PositionGroup

    specs = org_specs()
    by_code: dict[str, Organization] = {}
    while len(by_code) < len(specs):  # one level of the tree per round, parents first
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
    groups = dict(PositionGroup.objects.values_list("code", "id"))
    positions = []
    for org in by_code.values():
        for i, (group, subgroup, name) in enumerate(POSITIONS):
            positions.append(
                Position(
                    organization_id=org.pk,
                    code=position_code(i),
                    name=name,
                    search_key=fold(name)[:255],
                    group_id=groups[group],
                    subgroup=subgroup,
                    headcount=5,
                    order=i,
                )
            )
    Position.objects.bulk_create(positions, batch_size=5000)
    return {"organizations": Organization.objects.count(), "positions": Position.objects.count()}


def load_ranks() -> list[tuple[str, str, Decimal | None, Decimal | None]]:
    from positions.models import Rank

    return list(Rank.objects.order_by("code").values_list("code", "kind", "coefficient_min", "coefficient_max"))


# --------------------------------------------------------------------------- the roster

FAMILY = [
    ("Nguyễn", 38),
    ("Trần", 11),
    ("Lê", 9),
    ("Phạm", 7),
    ("Hoàng", 5),
    ("Huỳnh", 4),
    ("Phan", 4),
    ("Vũ", 4),
    ("Võ", 3),
    ("Đặng", 2),
    ("Bùi", 2),
    ("Đỗ", 2),
    ("Hồ", 2),
    ("Ngô", 2),
    ("Dương", 1),
    ("Lý", 1),
    ("Đinh", 1),
    ("Trịnh", 1),
    ("Lương", 1),
]
MIDDLE = {
    "M": ["Văn", "Đức", "Minh", "Quốc", "Hữu", "Thanh", "Công", "Xuân", "Ngọc", "Anh", "Tuấn", "Đình"],
    "F": ["Thị", "Thị", "Thị", "Ngọc", "Thu", "Thanh", "Minh", "Kim", "Hồng", "Phương", "Thúy", "Mai"],
}
GIVEN = {
    "M": [
        "An",
        "Bình",
        "Cường",
        "Dũng",
        "Đạt",
        "Đông",
        "Giang",
        "Hải",
        "Hiếu",
        "Hòa",
        "Hùng",
        "Huy",
        "Khánh",
        "Khoa",
        "Kiên",
        "Lâm",
        "Long",
        "Luân",
        "Mạnh",
        "Minh",
        "Nam",
        "Nghĩa",
        "Phong",
        "Phúc",
        "Quân",
        "Quang",
        "Sơn",
        "Tài",
        "Tâm",
        "Thắng",
        "Thành",
        "Thịnh",
        "Toàn",
        "Trung",
        "Tú",
        "Tuấn",
        "Việt",
        "Vinh",
        "Vũ",
    ],
    "F": [
        "Anh",
        "Chi",
        "Dung",
        "Duyên",
        "Giang",
        "Hà",
        "Hạnh",
        "Hằng",
        "Hiền",
        "Hoa",
        "Huệ",
        "Hương",
        "Lan",
        "Liên",
        "Linh",
        "Loan",
        "Ly",
        "Mai",
        "My",
        "Nga",
        "Ngân",
        "Ngọc",
        "Nhung",
        "Oanh",
        "Phương",
        "Quyên",
        "Tâm",
        "Thảo",
        "Thơ",
        "Thủy",
        "Trang",
        "Trinh",
        "Tuyết",
        "Uyên",
        "Vân",
        "Xuân",
        "Yến",
    ],
}
CATEGORIES = (("CC", 35), ("VC", 45), ("CB", 5), ("VCTC", 5), ("HD", 10))
RATINGS = (("HTXSNV", 10), ("HTTNV", 60), ("HTNV", 28), ("KHTNV", 2))
EXITS = ("NH", "TV", "CCT")
PROVINCE_PID = {"01": "001", "22": "022", "31": "031", "40": "040", "46": "046", "48": "048"}

# file columns: (alias used as the XLSX/CSV header, Vietnamese header)
BASE_COLUMNS = [
    ("employee_code", "Mã cán bộ"),
    ("personal_id", "Số định danh cá nhân"),
    ("full_name", "Họ và tên"),
    ("date_of_birth", "Ngày sinh"),
    ("sex", "Giới tính"),
    ("category", "Loại"),
    ("organization_code", "Mã đơn vị"),
    ("position_code", "Mã vị trí"),
    ("concurrent_position_codes", "Mã vị trí kiêm nhiệm"),
    ("rank_code", "Mã ngạch"),
    ("salary_step", "Bậc lương"),
    ("salary_coefficient", "Hệ số lương"),
    ("recruitment_date", "Ngày tuyển dụng"),
    ("insurance_years", "Số năm đóng BHXH"),
]
TAIL_COLUMNS = [
    ("heavy_work", "Nặng nhọc, độc hại"),
    ("redundant", "Diện dôi dư"),
    ("deferral", "Hoãn xét tinh giản"),
    ("status", "Trạng thái"),
    ("exit_date", "Ngày nghỉ"),
]
YEAR_COLUMNS = [(f"rating_{y}", f"Xếp loại {y}") for y in YEARS] + [(f"sick_days_{y}", f"Nghỉ ốm {y}") for y in YEARS]
COLUMNS = BASE_COLUMNS + YEAR_COLUMNS + TAIL_COLUMNS
NAMES = [name for name, _header in COLUMNS]
HEADERS = [header for _name, header in COLUMNS]  # the files use the Vietnamese headers


def _weighted(pairs):
    values, weights = zip(*pairs, strict=True)
    cumulative, total = [], 0
    for w in weights:
        total += w
        cumulative.append(total)
    return list(values), cumulative


def _date_between(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    return start + dt.timedelta(days=rng.randrange(max((end - start).days, 1)))


def _add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


class Roster:
    """The canonical values of the generated rows (one dict per row), deterministic for a seed:
    row i depends only on (seed, i), so any slice can be regenerated alone."""

    def __init__(self, rows: int, ranks, seed: int = SEED):
        self.rows = rows
        self.seed = seed
        self.orgs = [code for code, *_rest in org_specs()]
        self.ranks = {"NGACH": [], "CDNN": []}
        for code, kind, low, high in ranks:
            self.ranks[kind].append((code, low, high))
        self.family = _weighted(FAMILY)
        self.categories = _weighted(CATEGORIES)
        self.ratings = _weighted(RATINGS)

    def fingerprint(self) -> str:
        text = json.dumps([GENERATOR_VERSION, self.rows, self.seed, self.ranks, TODAY.isoformat()], default=str)
        return hashlib.sha256(text.encode()).hexdigest()[:12]

    def row(self, i: int) -> dict:
        rng = random.Random(self.seed * 10_000_019 + i)
        sex = "F" if rng.random() < 0.55 else "M"
        family = rng.choices(self.family[0], cum_weights=self.family[1])[0]
        middle = rng.choice(MIDDLE[sex])
        given = rng.choice(GIVEN[sex])
        if rng.random() < 0.25:
            name = f"{family} {middle} {rng.choice(MIDDLE[sex])} {given}"
        else:
            name = f"{family} {middle} {given}"
        name = unicodedata.normalize("NFC", name)
        category = rng.choices(self.categories[0], cum_weights=self.categories[1])[0]
        leaving = rng.random() < 0.03
        age = rng.randint(22, 59) if not leaving else rng.randint(45, 64)
        birth = _date_between(rng, _add_years(TODAY, -age - 1) + dt.timedelta(days=1), _add_years(TODAY, -age))
        year_only = rng.random() < 0.005
        if year_only:
            birth = dt.date(birth.year, 1, 1)
        recruited = _date_between(rng, _add_years(birth, 21), min(_add_years(birth, 40), TODAY - dt.timedelta(days=30)))
        service = (TODAY - recruited).days / 365.25
        org = self.orgs[rng.randrange(len(self.orgs))]
        primary = rng.randrange(POSITIONS_PER_ORG) if rng.random() < 0.9 else None
        concurrent = ()
        if primary is not None and rng.random() < 0.05:
            other = (primary + rng.randrange(1, POSITIONS_PER_ORG)) % POSITIONS_PER_ORG
            concurrent = (position_code(other),)
        rank = step = coefficient = None
        if category != "HD" or rng.random() < 0.1:
            pool = self.ranks["CDNN"] if category in ("VC", "VCTC") else self.ranks["NGACH"]
            code, low, high = pool[rng.randrange(len(pool))]
            rank = code
            step = rng.randint(1, 9)
            if low is not None and high is not None:
                coefficient = (low + (high - low) * (step - 1) / 8).quantize(Decimal("0.01"))
            else:
                coefficient = Decimal("2.34")
        insurance = Decimal(int(service * 2) / 2).quantize(Decimal("0.1")) if rng.random() < 0.95 else None
        # the 12-digit personal ID: province of birth, century and sex, year of birth, a serial
        century_sex = (0 if sex == "M" else 1) + (2 if birth.year >= 2000 else 0)
        province = PROVINCE_PID.get(org[-2:], "0" + org[-2:])
        record = {
            "employee_code": f"CB{i + 1:07d}",
            "personal_id": (
                f"{province}{century_sex}{birth.year % 100:02d}{i + 1:06d}" if rng.random() < 0.95 else None
            ),
            "full_name": name,
            "date_of_birth": birth,
            "birth_year_only": year_only,
            "sex": sex,
            "category": category,
            "organization_code": org,
            "position_code": position_code(primary) if primary is not None else None,
            "concurrent_position_codes": concurrent,
            "rank_code": rank,
            "salary_step": step,
            "salary_coefficient": coefficient,
            "recruitment_date": recruited,
            "insurance_years": insurance,
            "heavy_work": rng.random() < 0.05,
            "redundant": rng.random() < 0.02,
            "deferral": rng.choice(("TS", "KL")) if rng.random() < 0.02 else "",
            "status": rng.choice(EXITS) if leaving else "DLV",
            "exit_date": _date_between(rng, recruited + dt.timedelta(days=1), TODAY) if leaving else None,
        }
        for year in YEARS:
            if recruited.year < year:
                record[f"rating_{year}"] = rng.choices(self.ratings[0], cum_weights=self.ratings[1])[0]
                record[f"sick_days_{year}"] = min(int(rng.expovariate(0.4)), 60) if rng.random() < 0.9 else None
            else:
                record[f"rating_{year}"] = ""
                record[f"sick_days_{year}"] = None
        return record

    def __iter__(self):
        for i in range(self.rows):
            yield self.row(i)


def updated(record: dict, i: int) -> dict:
    """The row as the ``update_csv`` file has it: every row changes."""
    changed = dict(record)
    years = record["insurance_years"] or Decimal(0)
    changed["insurance_years"] = min(years + Decimal("0.5"), Decimal("70.0"))
    if i % 3 == 0 and record["rating_2025"]:
        changed["rating_2025"] = "HTTNV" if record["rating_2025"] != "HTTNV" else "HTXSNV"
    return changed


def _dmy(day: dt.date | None) -> str:
    return "" if day is None else f"{day.day:02d}/{day.month:02d}/{day.year}"


SEX_LABEL = {"M": "Nam", "F": "Nữ"}


def csv_cells(record: dict) -> list[str]:
    """A row as an HR office's CSV has it: text, dates dd/mm/yyyy, Nam/Nữ, x for yes."""
    out = []
    for name in NAMES:
        value = record[name]
        if name == "date_of_birth":
            out.append(str(value.year) if record["birth_year_only"] else _dmy(value))
        elif name in ("recruitment_date", "exit_date"):
            out.append(_dmy(value))
        elif name == "sex":
            out.append(SEX_LABEL[value])
        elif name in ("heavy_work", "redundant"):
            out.append("x" if value else "")
        elif name == "concurrent_position_codes":
            out.append(";".join(value))
        else:
            out.append("" if value is None else str(value))
    return out


def xlsx_cells(record: dict) -> list:
    """A row as Excel stores it: codes and names as (shared) strings, dates as dates, numbers
    as numbers, empty cells absent."""
    out = []
    for name in NAMES:
        value = record[name]
        if name == "date_of_birth" and record["birth_year_only"]:
            out.append(str(value.year))
        elif name == "sex":
            out.append(SEX_LABEL[value])
        elif name in ("heavy_work", "redundant"):
            out.append("x" if value else None)
        elif name == "concurrent_position_codes":
            out.append(";".join(value) or None)
        elif isinstance(value, Decimal):
            out.append(float(value))
        else:
            out.append(None if value in (None, "") else value)
    return out


def write_csv(path: Path, rows) -> None:
    tmp = path.with_suffix(".tmp")
    with open(tmp, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\r\n")
        writer.writerow(HEADERS)
        for record in rows:
            writer.writerow(csv_cells(record))
    tmp.replace(path)


_XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
_NS = "http://schemas.openxmlformats.org"
_REL = f"{_NS}/officeDocument/2006/relationships"
_XLSX_PARTS = {
    "[Content_Types].xml": (
        f'<Types xmlns="{_NS}/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml"'
        ' ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml"'
        ' ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        '<Override PartName="/xl/styles.xml"'
        ' ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
        '<Override PartName="/xl/sharedStrings.xml"'
        ' ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
        '<Override PartName="/docProps/core.xml"'
        ' ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
        '<Override PartName="/docProps/app.xml"'
        ' ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>'
    ),
    "_rels/.rels": (
        f'<Relationships xmlns="{_NS}/package/2006/relationships">'
        f'<Relationship Id="rId3" Type="{_REL}/extended-properties" Target="docProps/app.xml"/>'
        f'<Relationship Id="rId2" Type="{_NS}/package/2006/relationships/metadata/core-properties"'
        ' Target="docProps/core.xml"/>'
        f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="xl/workbook.xml"/>'
        "</Relationships>"
    ),
    "docProps/app.xml": (
        f'<Properties xmlns="{_NS}/officeDocument/2006/extended-properties"'
        f' xmlns:vt="{_NS}/officeDocument/2006/docPropsVTypes"><Application>Microsoft Excel</Application>'
        "<DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop><AppVersion>16.0300</AppVersion></Properties>"
    ),
    "docProps/core.xml": (
        f'<cp:coreProperties xmlns:cp="{_NS}/package/2006/metadata/core-properties"'
        ' xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"'
        ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:creator>Phòng Tổ chức cán bộ</dc:creator>'
        '<dcterms:created xsi:type="dcterms:W3CDTF">2026-01-05T02:00:00Z</dcterms:created></cp:coreProperties>'
    ),
    "xl/workbook.xml": (
        f'<workbook xmlns="{_NS}/spreadsheetml/2006/main" xmlns:r="{_NS}/officeDocument/2006/relationships">'
        '<fileVersion appName="xl" lastEdited="7" lowestEdited="7" rupBuild="27328"/><workbookPr/>'
        '<bookViews><workbookView xWindow="0" yWindow="0" windowWidth="28800" windowHeight="12300"/></bookViews>'
        '<sheets><sheet name="Danh sách cán bộ" sheetId="1" r:id="rId1"/></sheets><calcPr calcId="191029"/></workbook>'
    ),
    "xl/_rels/workbook.xml.rels": (
        f'<Relationships xmlns="{_NS}/package/2006/relationships">'
        f'<Relationship Id="rId3" Type="{_REL}/sharedStrings" Target="sharedStrings.xml"/>'
        f'<Relationship Id="rId2" Type="{_REL}/styles" Target="styles.xml"/>'
        f'<Relationship Id="rId1" Type="{_REL}/worksheet" Target="worksheets/sheet1.xml"/>'
        "</Relationships>"
    ),
    # style 1: Excel's built-in short date (numFmtId 14), shown dd/mm/yyyy with Vietnamese settings
    "xl/styles.xml": (
        f'<styleSheet xmlns="{_NS}/spreadsheetml/2006/main">'
        '<fonts count="1"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>'
        '<fills count="2"><fill><patternFill patternType="none"/></fill>'
        '<fill><patternFill patternType="gray125"/></fill></fills>'
        '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
        '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
        '<xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>'
        '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>'
    ),
}
_EXCEL_EPOCH = dt.date(1899, 12, 30)


def _xml_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def write_xlsx(path: Path, rows, count: int) -> None:
    """Write ``count`` rows the way Excel does: text in the shared string table (``t="s"`` cells
    holding an index), dates as serial numbers with a date style, numbers as numbers, empty
    cells left out, ``<dimension>`` and ``spans`` as Excel writes them. (openpyxl's write-only
    mode writes inline strings, which Excel never does; its normal mode needs gigabytes here.)"""
    import zipfile

    letters = [("A" if i >= 26 else "") + "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[i % 26] for i in range(len(NAMES))]
    spans = f"1:{len(NAMES)}"
    strings: dict[str, int] = {}
    counted = 0

    def row_text(number: int, cells) -> str:
        nonlocal counted
        out = [f'<row r="{number}" spans="{spans}" x14ac:dyDescent="0.25">']
        for letter, value in zip(letters, cells, strict=True):
            if value is None:
                continue
            if isinstance(value, str):
                counted += 1
                out.append(f'<c r="{letter}{number}" t="s"><v>{strings.setdefault(value, len(strings))}</v></c>')
            elif isinstance(value, dt.date):
                out.append(f'<c r="{letter}{number}" s="1"><v>{(value - _EXCEL_EPOCH).days}</v></c>')
            else:
                out.append(f'<c r="{letter}{number}"><v>{value!r}</v></c>')
        out.append("</row>")
        return "".join(out)

    tmp = path.with_suffix(".tmp")
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        with archive.open("xl/worksheets/sheet1.xml", "w") as handle:
            handle.write(
                (
                    f'{_XML}<worksheet xmlns="{_NS}/spreadsheetml/2006/main"'
                    f' xmlns:r="{_NS}/officeDocument/2006/relationships"'
                    ' xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
                    ' mc:Ignorable="x14ac xr xr2 xr3"'
                    ' xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac"'
                    ' xmlns:xr="http://schemas.microsoft.com/office/spreadsheetml/2014/revision"'
                    ' xmlns:xr2="http://schemas.microsoft.com/office/spreadsheetml/2015/revision2"'
                    ' xmlns:xr3="http://schemas.microsoft.com/office/spreadsheetml/2016/revision3"'
                    ' xr:uid="{00000000-0001-0000-0000-000000000000}">'
                    f'<dimension ref="A1:{letters[-1]}{count + 1}"/>'
                    '<sheetViews><sheetView tabSelected="1" workbookViewId="0"/></sheetViews>'
                    '<sheetFormatPr defaultRowHeight="15" x14ac:dyDescent="0.25"/><sheetData>' + row_text(1, HEADERS)
                ).encode()
            )
            batch = []
            for number, record in enumerate(rows, start=2):
                batch.append(row_text(number, xlsx_cells(record)))
                if len(batch) == 2000:
                    handle.write("".join(batch).encode())
                    batch = []
            batch.append(
                '</sheetData><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>'
                "</worksheet>"
            )
            handle.write("".join(batch).encode())
        shared = [f'{_XML}<sst xmlns="{_NS}/spreadsheetml/2006/main" count="{counted}" uniqueCount="{len(strings)}">']
        shared.extend(f"<si><t>{_xml_escape(text)}</t></si>" for text in strings)
        shared.append("</sst>")
        archive.writestr("xl/sharedStrings.xml", "".join(shared))
        for name, xml in _XLSX_PARTS.items():
            archive.writestr(name, _XML + xml)
    tmp.replace(path)


def ensure_files(roster: Roster, update_rows: int) -> dict[str, Path]:
    """The roster as XLSX, CSV and the changed CSV, generated once per fingerprint."""
    OUT.mkdir(parents=True, exist_ok=True)
    tag = f"{roster.rows}-{roster.fingerprint()}"
    files = {
        "xlsx": OUT / f"roster-{tag}.xlsx",
        "csv": OUT / f"roster-{tag}.csv",
        "update_csv": OUT / f"roster-{tag}-update{update_rows}.csv",
    }
    if not files["csv"].exists():
        started = time.perf_counter()
        write_csv(files["csv"], roster)
        log(f"generated {files['csv'].name} in {time.perf_counter() - started:.1f} s")
    if not files["update_csv"].exists():
        started = time.perf_counter()
        write_csv(files["update_csv"], (updated(roster.row(i), i) for i in range(update_rows)))
        log(f"generated {files['update_csv'].name} in {time.perf_counter() - started:.1f} s")
    if not files["xlsx"].exists():
        started = time.perf_counter()
        write_xlsx(files["xlsx"], roster, roster.rows)
        log(f"generated {files['xlsx'].name} in {time.perf_counter() - started:.1f} s (cached for the next runs)")
    for old in OUT.glob(f"roster-{roster.rows}-*"):  # files of an older generator or day
        if old not in files.values() and old.suffix in (".xlsx", ".csv", ".tmp"):
            old.unlink()
    return files


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


PHASES = (
    "open (checks + calamine)",
    "read + parse",
    "load maps",
    "validate",
    "diff",
    "write",
    "audit log",
    "commit (FK checks)",
)


def child_import(args) -> dict:
    """One ``run_import`` (in its own process): time, phases, counts, memory."""
    from django.db import connection

    from imports.engine import run_import

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


# --------------------------------------------------------------------------- the run


def median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


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


def _strength(mode: str) -> int:
    return LOCK_STRENGTH.index(mode) if mode in LOCK_STRENGTH else -1  # e.g. SIReadLock


def _strongest(modes) -> str | None:
    modes = [m for m in modes if m]
    return max(modes, key=_strength) if modes else None


def report(args, samples, traced, die, monitors, breakdown, floor, sizes) -> None:
    n = args.rows
    sec = {step: median([s["seconds"] for s in runs]) for step, runs in samples.items()}
    print()
    print(
        f"Staff import benchmark: {n:,} rows × {len(COLUMNS)} columns (XLSX {sizes['xlsx']:.1f} MB,"
        f" CSV {sizes['csv']:.1f} MB), PostgreSQL, {os.cpu_count()} CPUs, median of {args.repeat} run(s)"
    )
    print(f"{'step':<15}{'rows':>8}{'seconds':>9}{'rows/s':>9}{'tracemalloc':>12}{'max RSS':>9}{'RSS +':>8}  load")

    def line(step, rows, seconds, trace=None, rss=None, grow=None, load=None):
        print(
            f"{step:<15}{rows:>8,}{seconds:>9.2f}{rows / seconds:>9,.0f}"
            f"{(f'{trace:.0f} MB' if trace else '-'):>12}{(f'{rss:.0f} MB' if rss else '-'):>9}"
            f"{(f'{grow:.0f} MB' if grow is not None else '-'):>8}  {load:.1f}"
        )

    for step in ("pipeline_xlsx", "reimport_xlsx", "update_csv", "pipeline_csv", "copy", "copy_noindex"):
        if step not in samples:
            continue
        runs = samples[step]
        line(
            step,
            runs[0]["rows"],
            sec[step],
            traced["tracemalloc_mb"] if traced and step == "pipeline_xlsx" else None,
            median([s.get("max_rss_mb") for s in runs]),
            median([s["max_rss_mb"] - s["rss_before_mb"] for s in runs if "max_rss_mb" in s]),
            median([s["load"] for s in runs]),
        )
    if floor:
        line("write_floor", n, floor["seconds"], load=floor["load"])
    if die:
        line(
            "die_default",
            die["rows"],
            die["seconds"],
            None,
            die["max_rss_mb"],
            die["max_rss_mb"] - die["rss_before_mb"],
            die["load"],
        )
    if args.repeat > 1:
        print(
            "samples (s): "
            + "; ".join(f"{step} " + " ".join(f"{s['seconds']:.2f}" for s in runs) for step, runs in samples.items())
        )

    print()
    phases = {p: median([s["phases"].get(p) for s in samples["pipeline_xlsx"]]) for p in PHASES}
    print("pipeline_xlsx by phase (s): " + ", ".join(f"{p} {v:.2f}" for p, v in phases.items() if v is not None))
    print(
        f"reading floor (s): calamine alone {breakdown['calamine_only']:.2f} (open, parse, every row as Python values);"
        f" our safety checks alone {breakdown['safety_checks']:.2f}"
    )
    if floor:
        print(
            f"write floor (s): the rows a first import writes, COPY'd again into the same tables in one transaction:"
            f" {floor['seconds']:.2f} = "
            + " + ".join(f"{t} {v:.2f} ({floor['rows'][t]:,} rows)" for t, v in floor["tables"].items())
            + f" + commit {floor['commit']:.2f} (deferred foreign-key checks)"
        )

    print()
    checks = []
    ratio = sec["pipeline_xlsx"] / sec["copy"]
    checks.append(
        ("pipeline_xlsx / copy", f"{ratio:.2f}×", f"≤ {TARGETS['xlsx_vs_copy']:.0f}×", ratio <= TARGETS["xlsx_vs_copy"])
    )
    checks.append(("pipeline_csv / copy", f"{sec['pipeline_csv'] / sec['copy']:.2f}×", "info", None))
    if floor:
        least = floor["seconds"] + breakdown["calamine_only"]
        checks.append(
            ("(write floor + calamine) / copy", f"{least / sec['copy']:.2f}×", "info: the least possible", None)
        )
    if die:
        die_row = die["seconds"] / die["rows"]
        ours = sec["pipeline_xlsx"] / n
        checks.append(
            (
                "default DIE per row / pipeline per row",
                f"{die_row * 1000:.2f} ms / {ours * 1000:.3f} ms = {die_row / ours:.0f}×",
                f"≥ {TARGETS['die_vs_pipeline']:.0f}×",
                die_row / ours >= TARGETS["die_vs_pipeline"],
            )
        )
    re_ratio = sec["reimport_xlsx"] / sec["pipeline_xlsx"]
    checks.append(("reimport / first import", f"{re_ratio:.2f}×", "≤ 1×", re_ratio <= TARGETS["reimport_vs_first"]))
    steps = [s for s in ("pipeline_xlsx", "reimport_xlsx", "update_csv", "pipeline_csv") if s in samples]
    peak_rss = max(r["max_rss_mb"] for s in steps for r in samples[s])
    peak_step = max(steps, key=lambda s: max(r["max_rss_mb"] for r in samples[s]))
    peak_trace = traced["tracemalloc_mb"] if traced else None
    shown = f"max RSS {peak_rss:.0f} MB ({peak_step})" + (f", tracemalloc {peak_trace:.0f} MB" if peak_trace else "")
    ok = max(peak_rss, peak_trace or 0) <= TARGETS["peak_mb"]
    checks.append(("peak memory of an import process", shown, f"≤ {TARGETS['peak_mb']:.0f} MB", ok))

    reads = monitors["update_csv"].reads if "update_csv" in monitors else []
    blocked = [r for r in reads if "blocked" in r]
    done = [r for r in reads if "blocked" not in r]
    text = (
        f"{len(done)} reads during update_csv's write transaction:"
        f" count(*) ≤ {max(r['count_ms'] for r in done):.0f} ms,"
        f" SELECT of a row being updated ≤ {max(r['row_ms'] for r in done):.0f} ms"
        f" (the row was locked by the writer at {sum(r['row_locked_by_writer'] for r in done)} of them,"
        f" and the reader got the committed value at"
        f" {sum(r['row_value'] == monitors['update_csv'].old_value for r in done)})"
        if done
        else "no read happened during the write"
    )
    if blocked:
        text += f"; {len(blocked)} waited for a lock: {blocked[0]['blocked'].splitlines()[0]}"
    checks.append(("readers not blocked", text, "no wait", bool(done) and not blocked))
    held, strong = {}, {}
    for relname in sorted({r for m in monitors.values() for r in m.modes}):
        modes = {mode for m in monitors.values() for mode in m.modes.get(relname, ())}
        held[relname] = _strongest(modes)
        too = [mode for mode in modes if _strength(mode) > _strength("RowExclusiveLock")]
        if too:
            strong[relname] = sorted(too, key=_strength)
    text = ", ".join(f"{rel} {mode}" for rel, mode in held.items()) or "none seen"
    if strong:
        text += f"; stronger: {strong}"
    checks.append(("locks the import holds (pg_locks)", text, "≤ RowExclusiveLock", not strong))

    width = max(len(c[0]) for c in checks)
    for label, value, target, passed in checks:
        verdict = "" if passed is None else ("PASS" if passed else "MISS")
        print(f"  {verdict:<5}{label:<{width}}  {value}  (target: {target})")
    errors = [e for m in monitors.values() for e in m.errors]
    if errors:
        print(f"  lock monitor errors: {errors[:3]}")

    OUT.mkdir(parents=True, exist_ok=True)
    record = {
        "rows": n,
        "repeat": args.repeat,
        "seconds": sec,
        "samples": samples,
        "traced": traced,
        "die": die,
        "reading_floor": breakdown,
        "write_floor": floor,
        "locks": {rel: sorted(m) for mon in monitors.values() for rel, m in mon.modes.items()},
        "reads": reads,
        "checks": [list(c) for c in checks],
        "loadavg_end": os.getloadavg(),
    }
    path = OUT / f"import_roster-{time.strftime('%Y%m%d-%H%M%S')}.json"
    path.write_text(json.dumps(record, indent=1, default=str))
    print(f"\n(details in {path.relative_to(ROOT)})")


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
