"""The data of the staff import benchmark (bench/import_roster.py): the organisation tree and
positions it bulk-creates, and the roster of generated people (canonical values, deterministic
for a seed: row i depends only on (seed, i)). How the roster is written as files is in
_roster_files.py.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import random
import unicodedata
from decimal import Decimal

GENERATOR_VERSION = 4  # bump when the generated data changes (invalidates the cached files)
SEED = 20260401
TODAY = dt.date.today()
YEARS = (2022, 2023, 2024, 2025)

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
    from _bench import create_organizations

    from portal.models import Organization
    from portal.text import fold
    from positions.models import Position, PositionGroup

    by_code = create_organizations(org_specs())
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
