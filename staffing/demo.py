"""Demo data: a province with departments, divisions, public service units and communes, a
ministry, about 2,000 staff with three years of ratings and sick days, and the demo users; each
staffed organisation's position catalogue with descriptions in every workflow state, everyone's
assignments and ranks (``staffing.demo_catalogue``), and the quotas of 2015 and 2021–2026
(``staffing.demo_quotas``).

Everything is deterministic (a fixed random seed, codes derived from positions in fixed lists), so
``seed_demo`` run twice leaves exactly the same data. The builders (``build_org_specs``,
``build_staff_specs``, ``NameGenerator``, ``build_catalogues``, ``build_quota_specs``) are pure;
``seed_demo_data`` writes them in one transaction, upserting by natural keys. Organisation codes
have the shape of agency electronic IDs (``000.00.00.H22``) but are demo codes, not the official
ones.
"""

from __future__ import annotations

import calendar
import csv
import random
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import portal
from portal.text import fold, nfc
from staffing.retirement import ND135_2020, retirement_date

# --------------------------------------------------------------------------- constants

DEMO_SEED = 20250701
DEMO_PASSWORD = "vtvl-demo-2026"  # noqa: S105 - published demo password, DEBUG only
DEMO_REFERENCE_DATE = date(2026, 7, 1)  # "today" of the demo data: ages, service years, exits
DEMO_REFORM_DATE = date(2025, 7, 1)  # two-level local government, new communes
DEMO_MERGE_DATE = date(2025, 3, 1)  # departments and ministries merged on 1/3/2025
DEMO_RECORD_YEARS = (2023, 2024, 2025)
DEMO_STAFF_COUNT = 2000
DEMO_COMMUNE_COUNT = 20
DEMO_EMPLOYEE_PREFIX = "DEMO"

DEMO_PROVINCE_ADMIN_CODE = "22"  # Tỉnh Quảng Ninh (54 communes, wards and special zones)
DEMO_PROVINCE_CODE = "000.00.00.H22"
DEMO_ORG_A_CODE = "000.00.02.H22"  # Sở Nội vụ — "org A" of the personas
DEMO_ORG_B_CODE = "000.00.03.H22"  # Sở Tài chính — "org B", a sibling of A
DEMO_MINISTRY_CODE = "000.00.00.G09"  # Bộ Nội vụ

ADMIN_UNITS_CSV = Path(portal.__file__).resolve().parent / "data" / "vn_admin_units_2025.csv"


@dataclass(frozen=True)
class DemoUser:
    username: str
    full_name: str
    role: str
    org_code: str | None
    is_staff: bool = False
    is_superuser: bool = False


DEMO_USERS = (
    DemoUser("admin", "Trần Quốc Bảo", "national_admin", None, is_staff=True, is_superuser=True),
    DemoUser("hr_a", "Nguyễn Thị Thu Hằng", "hr_officer", DEMO_ORG_A_CODE),
    DemoUser("manager_a", "Lê Văn Thắng", "manager", DEMO_ORG_A_CODE),
    DemoUser("hr_b", "Phạm Minh Tuấn", "hr_officer", DEMO_ORG_B_CODE),
    DemoUser("orgadmin_a", "Đỗ Thị Lan Anh", "org_admin", DEMO_ORG_A_CODE, is_staff=True),
)

# --------------------------------------------------------------------------- organisations

# Staff profiles: how an organisation's people split into categories, and its share of women.
PROFILES = {
    "admin": ({"CC": 90, "HD": 10}, 0.45),
    "ministry": ({"CC": 92, "HD": 8}, 0.50),
    "sncl": ({"VC": 75, "VCTC": 12, "HD": 13}, 0.60),
    "self_funded": ({"VC": 35, "VCTC": 55, "HD": 10}, 0.62),
    "commune": ({"CB": 38, "CC": 52, "HD": 10}, 0.40),
}


@dataclass(frozen=True)
class OrgSpec:
    code: str
    name: str
    kind: str
    parent_code: str | None
    admin_unit_code: str = ""
    short_name: str = ""
    valid_from: date | None = None
    profile: str = "admin"
    weight: int = 0  # relative number of staff; 0 = none


# (name, merged on 1/3/2025?, divisions, public service units as (name, weight, profile))
_DEPARTMENTS = [
    (
        "Văn phòng Ủy ban nhân dân tỉnh",
        False,
        ["Phòng Hành chính – Tổ chức", "Phòng Tổng hợp", "Phòng Kinh tế", "Phòng Khoa giáo – Văn xã"],
        [("Trung tâm Phục vụ hành chính công tỉnh", 35, "sncl")],
    ),
    (
        "Sở Nội vụ",
        True,
        [
            "Văn phòng Sở",
            "Phòng Tổ chức, biên chế và tổ chức phi chính phủ",
            "Phòng Công chức, viên chức",
            "Phòng Xây dựng chính quyền",
            "Phòng Lao động, tiền lương và bảo hiểm xã hội",
        ],
        [("Trung tâm Lưu trữ lịch sử", 20, "sncl"), ("Trung tâm Dịch vụ việc làm", 35, "sncl")],
    ),
    (
        "Sở Tài chính",
        True,
        [
            "Văn phòng Sở",
            "Phòng Quản lý ngân sách",
            "Phòng Tài chính doanh nghiệp",
            "Phòng Quản lý giá và công sản",
            "Phòng Quản lý đầu tư",
            "Phòng Đăng ký kinh doanh",
        ],
        [("Trung tâm Xúc tiến đầu tư và Hỗ trợ doanh nghiệp", 25, "sncl")],
    ),
    (
        "Sở Tư pháp",
        False,
        [
            "Văn phòng Sở",
            "Phòng Xây dựng và kiểm tra văn bản quy phạm pháp luật",
            "Phòng Hành chính tư pháp",
            "Phòng Bổ trợ tư pháp",
        ],
        [("Trung tâm Trợ giúp pháp lý nhà nước", 20, "sncl"), ("Trung tâm Dịch vụ đấu giá tài sản", 12, "self_funded")],
    ),
    (
        "Sở Y tế",
        False,
        ["Văn phòng Sở", "Phòng Nghiệp vụ Y", "Phòng Nghiệp vụ Dược", "Phòng Kế hoạch – Tài chính", "Chi cục Dân số"],
        [
            ("Bệnh viện Đa khoa tỉnh", 230, "self_funded"),
            ("Bệnh viện Sản Nhi", 130, "self_funded"),
            ("Trung tâm Kiểm soát bệnh tật tỉnh", 70, "sncl"),
        ],
    ),
    (
        "Sở Giáo dục và Đào tạo",
        False,
        [
            "Văn phòng Sở",
            "Phòng Tổ chức cán bộ",
            "Phòng Kế hoạch – Tài chính",
            "Phòng Giáo dục phổ thông",
            "Phòng Khảo thí và Quản lý chất lượng giáo dục",
        ],
        [
            ("Trường Trung học phổ thông Chuyên Hạ Long", 70, "sncl"),
            ("Trường Trung học phổ thông Hòn Gai", 60, "sncl"),
            ("Trường Trung học phổ thông Cẩm Phả", 60, "sncl"),
            ("Trường Trung học phổ thông Uông Bí", 55, "sncl"),
        ],
    ),
    (
        "Sở Xây dựng",
        True,
        [
            "Văn phòng Sở",
            "Phòng Quy hoạch – Kiến trúc",
            "Phòng Quản lý kết cấu hạ tầng giao thông",
            "Phòng Quản lý nhà và thị trường bất động sản",
        ],
        [("Trung tâm Đăng kiểm phương tiện", 25, "self_funded")],
    ),
    (
        "Sở Nông nghiệp và Môi trường",
        True,
        [
            "Văn phòng Sở",
            "Phòng Kế hoạch – Tài chính",
            "Phòng Quản lý đất đai",
            "Phòng Môi trường",
            "Chi cục Kiểm lâm",
            "Chi cục Thủy sản",
        ],
        [("Trung tâm Khuyến nông", 30, "sncl"), ("Văn phòng Đăng ký đất đai", 45, "self_funded")],
    ),
    (
        "Sở Khoa học và Công nghệ",
        True,
        ["Văn phòng Sở", "Phòng Quản lý khoa học", "Phòng Chuyển đổi số", "Phòng Bưu chính, viễn thông"],
        [("Trung tâm Thông tin và Chuyển đổi số", 25, "sncl")],
    ),
    (
        "Sở Văn hoá, Thể thao và Du lịch",
        False,
        [
            "Văn phòng Sở",
            "Phòng Quản lý văn hoá",
            "Phòng Quản lý thể dục thể thao",
            "Phòng Quản lý du lịch",
            "Phòng Báo chí – Xuất bản",
        ],
        [
            ("Bảo tàng tỉnh", 30, "sncl"),
            ("Thư viện tỉnh", 25, "sncl"),
            ("Trung tâm Huấn luyện và Thi đấu thể thao", 40, "sncl"),
        ],
    ),
    (
        "Sở Công Thương",
        False,
        ["Văn phòng Sở", "Phòng Quản lý thương mại", "Phòng Quản lý công nghiệp", "Phòng Quản lý năng lượng"],
        [],
    ),
    (
        "Thanh tra tỉnh",
        False,
        ["Văn phòng", "Phòng Nghiệp vụ 1", "Phòng Nghiệp vụ 2", "Phòng Nghiệp vụ 3"],
        [],
    ),
]

_MINISTRY = (
    "Bộ Nội vụ",
    [
        "Văn phòng Bộ",
        "Vụ Tổ chức – Biên chế",
        "Vụ Công chức – Viên chức",
        "Vụ Chính quyền địa phương",
        "Cục Việc làm",
    ],
    [("Trung tâm Công nghệ thông tin", 40, "sncl"), ("Tạp chí Tổ chức nhà nước và Lao động", 25, "sncl")],
)


def load_admin_units(path: Path = ADMIN_UNITS_CSV) -> list[dict[str, str]]:
    """Rows of the administrative-unit CSV, codes kept as text."""
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return [{k: nfc(v) for k, v in row.items()} for row in csv.DictReader(fh)]


def pick_communes(units: list[dict[str, str]], province_code: str, count: int) -> list[dict[str, str]]:
    """``count`` units of the province: every special zone (đặc khu), the rest spread evenly over
    the province's list ordered by code."""
    rows = sorted((u for u in units if u["province_code"] == province_code), key=lambda u: u["unit_code"])
    if len(rows) < count:
        raise ValueError(f"province {province_code} has only {len(rows)} communes")
    special = [u for u in rows if u["unit_kind"] == "Đặc khu"][:count]
    others = [u for u in rows if u not in special]
    need = count - len(special)
    chosen = special + [others[k * len(others) // need] for k in range(need)]
    return sorted(chosen, key=lambda u: u["unit_code"])


def build_org_specs(units: list[dict[str, str]], *, seed: int = DEMO_SEED) -> list[OrgSpec]:
    """The demo organisation tree, parents before children."""
    rng = random.Random(f"{seed}-orgs")
    province_rows = [u for u in units if u["province_code"] == DEMO_PROVINCE_ADMIN_CODE]
    province = province_rows[0]
    h = f"H{DEMO_PROVINCE_ADMIN_CODE}"
    specs = [
        OrgSpec(
            code=DEMO_PROVINCE_CODE,
            name=province["province_full_name"],
            short_name=province["province_name"],
            kind="TINH",
            parent_code=None,
            admin_unit_code=DEMO_PROVINCE_ADMIN_CODE,
            valid_from=DEMO_REFORM_DATE,
        )
    ]
    for nn, (name, merged, divisions, units_sncl) in enumerate(_DEPARTMENTS, start=1):
        dept_code = f"000.00.{nn:02d}.{h}"
        specs.append(
            OrgSpec(
                code=dept_code,
                name=name,
                kind="SO",
                parent_code=DEMO_PROVINCE_CODE,
                valid_from=DEMO_MERGE_DATE if merged else None,
                weight=rng.randint(3, 5),  # director and deputies
            )
        )
        for mm, div in enumerate(divisions, start=1):
            specs.append(
                OrgSpec(
                    code=f"000.{mm:02d}.{nn:02d}.{h}",
                    name=div,
                    kind="PHONG",
                    parent_code=dept_code,
                    valid_from=DEMO_MERGE_DATE if merged else None,
                    weight=rng.randint(7, 15),
                )
            )
        for mm, (unit, weight, profile) in enumerate(units_sncl, start=21):
            specs.append(
                OrgSpec(
                    code=f"000.{mm:02d}.{nn:02d}.{h}",
                    name=unit,
                    kind="SNCL",
                    parent_code=dept_code,
                    profile=profile,
                    weight=weight,
                )
            )
    for nn, unit in enumerate(pick_communes(units, DEMO_PROVINCE_ADMIN_CODE, DEMO_COMMUNE_COUNT), start=51):
        specs.append(
            OrgSpec(
                code=f"000.00.{nn:02d}.{h}",
                name=unit["unit_full_name"],
                short_name=unit["unit_name"],
                kind="XA",
                parent_code=DEMO_PROVINCE_CODE,
                admin_unit_code=unit["unit_code"],
                valid_from=DEMO_REFORM_DATE,
                profile="commune",
                weight=rng.randint(16, 26),
            )
        )
    ministry_name, ministry_divisions, ministry_units = _MINISTRY
    g = DEMO_MINISTRY_CODE.rsplit(".", 1)[1]
    specs.append(
        OrgSpec(
            code=DEMO_MINISTRY_CODE,
            name=ministry_name,
            kind="BO",
            parent_code=None,
            valid_from=DEMO_MERGE_DATE,
            profile="ministry",
            weight=6,
        )
    )
    for nn, div in enumerate(ministry_divisions, start=1):
        specs.append(
            OrgSpec(
                code=f"000.00.{nn:02d}.{g}",
                name=div,
                kind="PHONG",
                parent_code=DEMO_MINISTRY_CODE,
                valid_from=DEMO_MERGE_DATE,
                profile="ministry",
                weight=rng.randint(22, 36),
            )
        )
    for nn, (unit, weight, profile) in enumerate(ministry_units, start=21):
        specs.append(
            OrgSpec(
                code=f"000.00.{nn:02d}.{g}",
                name=unit,
                kind="SNCL",
                parent_code=DEMO_MINISTRY_CODE,
                profile=profile,
                weight=weight,
            )
        )
    return specs


# --------------------------------------------------------------------------- names

# Family names weighted roughly as in the north of Vietnam (per cent of the population).
FAMILY_NAMES = {
    "Nguyễn": 31.0, "Trần": 10.0, "Lê": 8.5, "Phạm": 7.0, "Hoàng": 5.0, "Vũ": 5.0, "Phan": 3.0,
    "Bùi": 2.5, "Đỗ": 2.5, "Đặng": 2.2, "Ngô": 1.8, "Đinh": 1.5, "Dương": 1.3, "Trịnh": 1.2,
    "Đào": 1.2, "Võ": 1.0, "Hồ": 1.0, "Huỳnh": 0.8, "Mai": 0.8, "Hà": 0.8, "Lương": 0.7,
    "Lý": 0.6, "Cao": 0.6, "Đoàn": 0.6, "Lưu": 0.5, "Nông": 0.5, "Tạ": 0.4, "Chu": 0.4,
    "Lâm": 0.4, "Triệu": 0.4, "Tô": 0.4, "Vương": 0.3,
}  # fmt: skip
MIDDLE_NAMES = {
    "M": {
        "Văn": 30, "Đức": 8, "Minh": 8, "Quang": 6, "Hữu": 5, "Xuân": 4, "Thanh": 4, "Công": 4, "Tiến": 3,
        "Mạnh": 3, "Trọng": 3, "Ngọc": 3, "Duy": 3, "Hoàng": 3, "Anh": 2, "Việt": 2, "Quốc": 3, "Đình": 3,
        "Bá": 1, "Thế": 2, "Trung": 2, "Hải": 2,
    },
    "F": {
        "Thị": 40, "Thu": 6, "Ngọc": 5, "Thanh": 5, "Minh": 3, "Phương": 3, "Hồng": 3, "Thúy": 2, "Kim": 2,
        "Hải": 2, "Thùy": 3, "Mai": 2, "Bích": 2, "Khánh": 2, "Diệu": 1, "Hoài": 1, "Lan": 1, "Quỳnh": 1,
        "Bảo": 1, "Hà": 1,
    },
}  # fmt: skip
SECOND_MIDDLE = ["Thu", "Thanh", "Ngọc", "Kim", "Minh", "Hồng", "Thúy", "Phương", "Lan", "Mai"]
GIVEN_NAMES = {
    "M": [
        "Anh", "Bình", "Cường", "Chiến", "Dũng", "Duy", "Đạt", "Đông", "Giang", "Hải", "Hiếu", "Hiệp", "Hòa",
        "Hoàng", "Hùng", "Hưng", "Huy", "Khánh", "Khoa", "Kiên", "Lâm", "Long", "Lộc", "Mạnh", "Minh", "Nam",
        "Nghĩa", "Phong", "Phúc", "Quang", "Quân", "Sơn", "Tâm", "Thắng", "Thành", "Thịnh", "Tiến", "Toàn",
        "Trung", "Tú", "Tuấn", "Tùng", "Việt", "Vinh", "Khải", "Đức", "Hậu", "Trường", "Thái", "Bảo",
    ],
    "F": [
        "Anh", "Ánh", "Chi", "Dung", "Duyên", "Giang", "Hà", "Hạnh", "Hằng", "Hiền", "Hoa", "Hồng", "Hương",
        "Huyền", "Lan", "Liên", "Linh", "Loan", "Ly", "Mai", "My", "Nga", "Ngân", "Ngọc", "Nhung", "Oanh",
        "Phương", "Quyên", "Quỳnh", "Tâm", "Thảo", "Thơm", "Thủy", "Trang", "Tuyết", "Vân", "Yến", "Nhàn",
        "Thu", "Trâm",
    ],
}  # fmt: skip


class NameGenerator:
    """Realistic Vietnamese full names (family, middle, given), NFC."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self._families = list(FAMILY_NAMES)
        self._family_weights = list(FAMILY_NAMES.values())

    def full_name(self, sex: str, birth_year: int) -> str:
        rng = self.rng
        family = rng.choices(self._families, self._family_weights)[0]
        middles = MIDDLE_NAMES[sex]
        classic = "Văn" if sex == "M" else "Thị"
        # The classic Văn/Thị middle name is more common among older people.
        weights = [w * (1.6 if (m == classic and birth_year < 1980) else 1.0) for m, w in middles.items()]
        middle = rng.choices(list(middles), weights)[0]
        if sex == "F" and middle == "Thị" and rng.random() < 0.25:
            middle = f"Thị {rng.choice(SECOND_MIDDLE)}"
        given = rng.choice(GIVEN_NAMES[sex])
        return nfc(f"{family} {middle} {given}")


# --------------------------------------------------------------------------- people


# Salary ladders: salary group -> (first coefficient, increment, steps, years per step).
LADDERS = {
    "A3.1": (Decimal("6.20"), Decimal("0.36"), 6, 3),
    "A3.2": (Decimal("5.75"), Decimal("0.36"), 6, 3),
    "A2.1": (Decimal("4.40"), Decimal("0.34"), 8, 3),
    "A2.2": (Decimal("4.00"), Decimal("0.34"), 8, 3),
    "A1": (Decimal("2.34"), Decimal("0.33"), 9, 3),
    "A0": (Decimal("2.10"), Decimal("0.31"), 10, 3),
    "B": (Decimal("1.86"), Decimal("0.20"), 12, 2),
}
RATINGS = (("HTXSNV", 10), ("HTTNV", 60), ("HTNV", 28), ("KHTNV", 2))


@dataclass
class StaffSpec:
    employee_code: str
    personal_id: str | None
    full_name: str
    date_of_birth: date
    birth_year_only: bool
    sex: str
    category: str
    org_code: str
    salary_step: int
    salary_coefficient: Decimal
    recruitment_date: date
    insurance_years: Decimal
    heavy_work: bool = False
    redundant: bool = False
    deferral: str = ""
    status: str = "DLV"
    exit_date: date | None = None
    records: list[tuple[int, str, int]] = field(default_factory=list)  # (year, rating, sick days)
    ladder: str = "A1"  # salary group of the coefficient (LADDERS)
    rank_code: str | None = None  # set from the person's position (staffing.demo_catalogue)


def allocate(weights: list[int], total: int) -> list[int]:
    """Split ``total`` in proportion to ``weights`` (largest remainder; sums exactly to total)."""
    whole = sum(weights)
    raw = [w * total / whole for w in weights]
    counts = [int(r) for r in raw]
    order = sorted(range(len(raw)), key=lambda i: (counts[i] - raw[i], i))
    for i in order[: total - sum(counts)]:
        counts[i] += 1
    return counts


def _random_date(rng: random.Random, start: date, end: date) -> date:
    return start + timedelta(days=rng.randint(0, max((end - start).days, 0)))


def _birth_date(rng: random.Random, year: int) -> date:
    month = rng.randint(1, 12)
    return date(year, month, rng.randint(1, calendar.monthrange(year, month)[1]))


def _years_between(start: date, end: date) -> float:
    return (end - start).days / 365.25


class _StaffBuilder:
    def __init__(self, seed: int):
        self.rng = random.Random(f"{seed}-staff")
        self.names = NameGenerator(self.rng)
        self.today = DEMO_REFERENCE_DATE

    def person(self, index: int, org: OrgSpec) -> StaffSpec:
        rng = self.rng
        mix, female_share = PROFILES[org.profile]
        category = rng.choices(list(mix), list(mix.values()))[0]
        sex = "F" if rng.random() < female_share else "M"
        roll = rng.random()
        status = "NH" if roll < 0.015 else "TV" if roll < 0.025 else "CCT" if roll < 0.03 else "DLV"
        year_only = rng.random() < 0.02 and status != "NH"
        dob = self._dob(sex, status)
        if year_only:
            dob = date(dob.year, 1, 1)
            if status == "DLV" and retirement_date(ND135_2020, sex, dob, year_only=True) <= self.today:
                year_only = False  # January would put them past retirement: keep the full date
                dob = self._dob(sex, status)
        recruited = self._recruitment(dob, category)
        exit_date = None
        if status == "NH":
            exit_date = retirement_date(ND135_2020, sex, dob, year_only=year_only)
            if exit_date <= recruited:
                status, exit_date = "DLV", None
        elif status in ("TV", "CCT"):
            earliest = max(recruited + timedelta(days=365), date(2023, 1, 1))
            if earliest >= self.today:
                status = "DLV"
            else:
                exit_date = _random_date(rng, earliest, self.today - timedelta(days=1))
        end = exit_date or self.today
        service = _years_between(recruited, end)
        prior = rng.uniform(0.5, 4.0) if rng.random() < 0.15 else 0.0
        insurance = Decimal(str(round(service + prior, 1)))
        step, coefficient, ladder = self._salary(category, org, service)
        heavy = rng.random() < (0.15 if org.profile == "self_funded" and "Bệnh viện" in org.name else 0.01)
        redundant = rng.random() < (0.05 if org.kind == "XA" else 0.005)
        deferral = ""
        age = _years_between(dob, self.today)
        if status == "DLV":
            if sex == "F" and age < 42 and rng.random() < 0.05:
                deferral = "TS"
            elif rng.random() < 0.004:
                deferral = "KL"
        return StaffSpec(
            employee_code=f"{DEMO_EMPLOYEE_PREFIX}{index:05d}",
            personal_id=self._personal_id(index, sex, dob),
            full_name=self.names.full_name(sex, dob.year),
            date_of_birth=dob,
            birth_year_only=year_only,
            sex=sex,
            category=category,
            org_code=org.code,
            salary_step=step,
            salary_coefficient=coefficient,
            recruitment_date=recruited,
            insurance_years=insurance,
            heavy_work=heavy,
            redundant=redundant,
            deferral=deferral,
            status=status,
            exit_date=exit_date,
            records=self._records(recruited, exit_date),
            ladder=ladder,
        )

    def _dob(self, sex: str, status: str) -> date:
        rng = self.rng
        if status == "NH":  # retired between 2023 and the reference date
            while True:
                dob = _birth_date(rng, rng.randint(1962, 1964 if sex == "M" else 1970))
                if date(2023, 1, 1) <= retirement_date(ND135_2020, sex, dob) < self.today:
                    return dob
        while True:
            dob = _birth_date(rng, 1962 + round(rng.triangular(0, 41, 20)))
            if retirement_date(ND135_2020, sex, dob) > self.today and dob.year <= 2003:
                return dob

    def _recruitment(self, dob: date, category: str) -> date:
        rng = self.rng
        low, high = {"HD": (19, 45), "CB": (24, 40)}.get(category, (22, 33))
        age = rng.uniform(low, high) if rng.random() < 0.9 else rng.uniform(low, high + 7)
        recruited = dob + timedelta(days=round(age * 365.25))
        try:
            adult = date(dob.year + 18, dob.month, dob.day)
        except ValueError:  # born on 29 February
            adult = date(dob.year + 18, 3, 1)
        earliest = adult + timedelta(days=1)
        latest = self.today - timedelta(days=30)
        if recruited > latest:
            recruited = _random_date(rng, min(earliest + timedelta(days=365 * 3), latest), latest)
        return max(recruited, earliest)

    def _salary(self, category: str, org: OrgSpec, service: float) -> tuple[int, Decimal, str]:
        rng = self.rng
        if category == "HD":
            rank, years = "B", service
        elif service >= 25 and org.kind in ("SO", "BO", "PHONG") and rng.random() < 0.08:
            rank, years = "A3.1", service - 20
        elif service >= 12 and rng.random() < 0.35:
            rank, years = "A2.1", service - 9
        elif rng.random() < 0.08:
            rank, years = "A0", service
        else:
            rank, years = "A1", service
        first, increment, steps, per_step = LADDERS[rank]
        step = max(1, min(steps, 1 + int(years // per_step)))
        return step, first + increment * (step - 1), rank

    def _records(self, recruited: date, exit_date: date | None) -> list[tuple[int, str, int]]:
        rng = self.rng
        records = []
        for year in DEMO_RECORD_YEARS:
            if recruited > date(year, 6, 30) or (exit_date and exit_date < date(year, 12, 31)):
                continue
            rating = rng.choices([r for r, _w in RATINGS], [w for _r, w in RATINGS])[0]
            roll = rng.random()
            if roll < 0.55:
                sick = 0
            elif roll < 0.96:
                sick = rng.randint(1, 10)
            elif roll < 0.99:
                sick = rng.randint(11, 29)
            else:
                sick = rng.randint(30, 75)
            records.append((year, rating, sick))
        return records

    def _personal_id(self, index: int, sex: str, dob: date) -> str | None:
        """12 digits: birth-province code, century/sex digit, year of birth, serial (unique per
        index since 7919 is coprime with 10**6)."""
        rng = self.rng
        if rng.random() < 0.04:
            return None  # not yet recorded
        province = "022" if rng.random() < 0.7 else rng.choice(["001", "019", "024", "030", "031", "034", "036"])
        century = (0 if dob.year < 2000 else 2) + (1 if sex == "F" else 0)
        serial = (index * 7919 + 104729) % 1_000_000
        return f"{province}{century}{dob.year % 100:02d}{serial:06d}"


def build_staff_specs(orgs: list[OrgSpec], *, total: int = DEMO_STAFF_COUNT, seed: int = DEMO_SEED) -> list[StaffSpec]:
    """``total`` people spread over the organisations in proportion to their weights."""
    staffed = [o for o in orgs if o.weight]
    builder = _StaffBuilder(seed)
    people: list[StaffSpec] = []
    for org, count in zip(staffed, allocate([o.weight for o in staffed], total), strict=True):
        for _ in range(count):
            people.append(builder.person(len(people) + 1, org))
    return people


# --------------------------------------------------------------------------- writing


@dataclass
class DemoSummary:
    org_counts: Counter
    staff: int
    working: int
    records: int
    created_staff: int
    updated_staff: int
    province: str
    ministry: str
    users: list[tuple[str, str, str]]  # username, full name, role with organisation
    positions: int = 0
    descriptions: Counter = field(default_factory=Counter)  # status -> versions
    assignments: int = 0
    concurrent: int = 0
    quotas: int = 0
    changes: Counter = field(default_factory=Counter)  # "positions+" created, "~" updated, "-" deleted

    def as_text(self) -> str:
        def n(value: int) -> str:
            return f"{value:,}".replace(",", ".")

        c, d, ch = self.org_counts, self.descriptions, self.changes
        lines = [
            "Đã tạo dữ liệu mẫu.",
            f"  Tỉnh: {self.province}; bộ: {self.ministry}.",
            f"  Đơn vị: {n(c['TINH'])} tỉnh, {n(c['SO'])} sở/ban, {n(c['PHONG'])} phòng/vụ/cục, "
            f"{n(c['SNCL'])} đơn vị sự nghiệp, {n(c['XA'])} xã/phường/đặc khu, {n(c['BO'])} bộ.",
            f"  Cán bộ: {n(self.staff)} (đang làm việc {n(self.working)}; thêm mới {n(self.created_staff)}, "
            f"cập nhật {n(self.updated_staff)}); {n(self.records)} bản ghi đánh giá, nghỉ ốm "
            f"{DEMO_RECORD_YEARS[0]}–{DEMO_RECORD_YEARS[-1]}.",
            f"  Vị trí việc làm: {n(self.positions)}; bản mô tả: {n(d['approved'])} đã phê duyệt, "
            f"{n(d['draft'])} bản nháp, {n(d['submitted'])} chờ phê duyệt, {n(d['returned'])} bị trả lại.",
            f"  Phân công: {n(self.assignments)} (kiêm nhiệm {n(self.concurrent)}); biên chế được giao: "
            f"{n(self.quotas)} dòng (năm 2015, 2021–2026).",
            "  Thay đổi lần này: "
            + "; ".join(
                f"{label} +{n(ch[key + '+'])} ~{n(ch[key + '~'])} -{n(ch[key + '-'])}"
                for key, label in (
                    ("positions", "vị trí"),
                    ("descriptions", "bản mô tả"),
                    ("assignments", "phân công"),
                    ("quotas", "biên chế"),
                )
            )
            + ".",
            f"  Tài khoản (mật khẩu: {DEMO_PASSWORD}):",
        ]
        lines += [f"    {username:<11} {full_name} — {role}" for username, full_name, role in self.users]
        return "\n".join(lines)


def _upsert_orgs(specs: list[OrgSpec]):
    from portal.models import Organization

    orgs: dict[str, Organization] = {}
    existing = {o.code: o for o in Organization.objects.filter(code__in=[s.code for s in specs])}
    for spec in specs:
        org = existing.get(spec.code)
        parent_id = orgs[spec.parent_code].pk if spec.parent_code else None
        wanted = (spec.name, spec.short_name, spec.kind, spec.admin_unit_code, parent_id, spec.valid_from, None)
        if org is not None and wanted == (
            org.name,
            org.short_name,
            org.kind,
            org.admin_unit_code,
            org.parent_id,
            org.valid_from,
            org.valid_to,
        ):
            orgs[spec.code] = org  # unchanged: no write
            continue
        org, _created = Organization.objects.update_or_create(
            code=spec.code,
            defaults={
                "name": spec.name,
                "short_name": spec.short_name,
                "kind": spec.kind,
                "admin_unit_code": spec.admin_unit_code,
                "parent": orgs[spec.parent_code] if spec.parent_code else None,
                "valid_from": spec.valid_from,
                "valid_to": None,
            },
        )
        orgs[spec.code] = org
    return orgs


def _upsert_staff(people: list[StaffSpec], orgs) -> tuple[int, int]:
    from positions.models import Rank
    from staffing.models import STAFF_DATA_FIELDS, AnnualRecord, Staff

    rank_ids = dict(Rank.objects.values_list("code", "pk"))
    existing = {s.employee_code: s for s in Staff.objects.filter(employee_code__startswith=DEMO_EMPLOYEE_PREFIX)}
    wanted = {p.employee_code for p in people}
    stale = [code for code in existing if code not in wanted]
    if stale:
        Staff.objects.filter(employee_code__in=stale).delete()
    to_create, to_update = [], []
    for p in people:
        values = {
            "personal_id": p.personal_id,
            "full_name": p.full_name,
            "search_key": fold(p.full_name)[:120],
            "date_of_birth": p.date_of_birth,
            "birth_year_only": p.birth_year_only,
            "sex": p.sex,
            "category": p.category,
            "organization_id": orgs[p.org_code].pk,
            "rank_id": rank_ids.get(p.rank_code),
            "salary_step": p.salary_step,
            "salary_coefficient": p.salary_coefficient,
            "recruitment_date": p.recruitment_date,
            "insurance_years": p.insurance_years,
            "heavy_work": p.heavy_work,
            "redundant": p.redundant,
            "deferral": p.deferral,
            "status": p.status,
            "exit_date": p.exit_date,
        }
        staff = existing.get(p.employee_code)
        if staff is None:
            to_create.append(Staff(employee_code=p.employee_code, **values))
        elif any(getattr(staff, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(staff, name, value)
            to_update.append(staff)
    Staff.objects.bulk_create(to_create, batch_size=500)
    Staff.objects.bulk_update(to_update, STAFF_DATA_FIELDS, batch_size=500)

    ids = dict(Staff.objects.filter(employee_code__in=wanted).values_list("employee_code", "pk"))
    demo_records = AnnualRecord.objects.filter(staff__employee_code__startswith=DEMO_EMPLOYEE_PREFIX)
    current = {(r.staff_id, r.year): r for r in demo_records}
    keep, new_records, changed_records = set(), [], []
    for p in people:
        for year, rating, sick in p.records:
            key = (ids[p.employee_code], year)
            keep.add(key)
            record = current.get(key)
            if record is None:
                new_records.append(AnnualRecord(staff_id=key[0], year=year, rating=rating, sick_days=sick))
            elif (record.rating, record.sick_days) != (rating, sick):
                record.rating, record.sick_days = rating, sick
                changed_records.append(record)
    extra = [r.pk for key, r in current.items() if key not in keep]
    if extra:
        AnnualRecord.objects.filter(pk__in=extra).delete()
    AnnualRecord.objects.bulk_create(new_records, batch_size=1000)
    AnnualRecord.objects.bulk_update(changed_records, ["rating", "sick_days"], batch_size=1000)
    return len(to_create), len(to_update)


def _upsert_users(orgs) -> list[tuple[str, str, str]]:
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import check_password, make_password

    from portal.models import Membership, Role

    User = get_user_model()
    users = {u.username: u for u in User.objects.filter(username__in=[d.username for d in DEMO_USERS])}
    # One hash of the (public) demo password shared by the demo accounts: hashing costs about a
    # second, and a shared, unchanged hash keeps a re-run from rewriting the user rows.
    hashes = {u.password for u in users.values()}
    if len(users) == len(DEMO_USERS) and len(hashes) == 1 and check_password(DEMO_PASSWORD, next(iter(hashes))):
        encoded = next(iter(hashes))
    else:
        encoded = make_password(DEMO_PASSWORD)
    described = []
    for demo in DEMO_USERS:
        first, _sep, last = demo.full_name.rpartition(" ")
        user = users.get(demo.username) or User(username=demo.username)
        user.first_name, user.last_name = first, last
        user.email = f"{demo.username}@vtvl.example"
        user.is_active, user.is_staff, user.is_superuser = True, demo.is_staff, demo.is_superuser
        user.password = encoded
        user.save()
        org = orgs[demo.org_code] if demo.org_code else None
        Membership.objects.filter(user=user).exclude(role=demo.role, organization=org).delete()
        Membership.objects.get_or_create(user=user, role=demo.role, organization=org)
        where = org.name if org else "toàn quốc"
        described.append((demo.username, demo.full_name, f"{Role(demo.role).label} — {where}"))
    try:  # unlock the demo accounts if django-axes locked them out
        from axes.utils import reset

        for demo in DEMO_USERS:
            reset(username=demo.username)
    except ImportError:  # pragma: no cover
        pass
    return described


def seed_demo_data(*, total_staff: int = DEMO_STAFF_COUNT, seed: int = DEMO_SEED) -> DemoSummary:
    """Create or refresh all demo data in one transaction; idempotent."""
    from auditlog.context import disable_auditlog
    from django.db import transaction

    from staffing.demo_catalogue import CatalogueCounts, build_catalogues, load_references, upsert_catalogues
    from staffing.demo_quotas import build_quota_specs, upsert_quotas
    from staffing.models import AnnualRecord, Staff, StaffStatus

    org_specs = build_org_specs(load_admin_units(), seed=seed)
    people = build_staff_specs(org_specs, total=total_staff, seed=seed)
    quotas = build_quota_specs(org_specs, people, seed=seed)
    counts = CatalogueCounts()
    with transaction.atomic(), disable_auditlog():
        framework, ranks = load_references()
        catalogues = build_catalogues(org_specs, people, framework, ranks, seed=seed)
        orgs = _upsert_orgs(org_specs)
        created, updated = _upsert_staff(catalogues.people, orgs)
        users = _upsert_users(orgs)
        upsert_catalogues(catalogues, orgs, counts)
        counts.changed.update(upsert_quotas(quotas, orgs))
    demo_staff = Staff.objects.filter(employee_code__startswith=DEMO_EMPLOYEE_PREFIX)
    return DemoSummary(
        org_counts=Counter(spec.kind for spec in org_specs),
        staff=demo_staff.count(),
        working=demo_staff.filter(status=StaffStatus.WORKING).count(),
        records=AnnualRecord.objects.filter(staff__in=demo_staff).count(),
        created_staff=created,
        updated_staff=updated,
        province=orgs[DEMO_PROVINCE_CODE].name,
        ministry=orgs[DEMO_MINISTRY_CODE].name,
        users=users,
        positions=counts.positions,
        descriptions=counts.descriptions,
        assignments=counts.assignments,
        concurrent=counts.concurrent,
        quotas=len(quotas),
        changes=counts.changed,
    )
