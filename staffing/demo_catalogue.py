# ruff: noqa: E501  (Vietnamese prose data: long string literals are kept whole where they read better)
"""Demo catalogues: the positions of every staffed demo organisation (instantiated from the
framework catalogue, plus sector-specific custom positions), their descriptions in every workflow
state, the staff's assignments to them and the rank each person holds.

The builders are pure: ``build_catalogues`` takes the organisation and staff specs and the
reference data as plain values (``seed_references()`` for the data the positions migration ships,
``load_references()`` for what the database holds), so it runs without a database and gives the
same result for the same seed. ``upsert_catalogues`` writes it with bulk operations, upserting by
natural keys — (organisation, code), (position, version), (staff, kind, position, start date) —
and leaves rows that already hold the wanted values untouched, so a second run changes nothing.
"""

from __future__ import annotations

import math
import random
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from portal.text import fold, nfc
from positions.seed.framework import (
    LEADER_CONDITIONS,
    LEADER_QUALITIES,
    LEADER_STANDARD,
    OFFICE_CONDITIONS,
    OFFICER_QUALITIES,
)
from staffing.demo import (
    DEMO_EMPLOYEE_PREFIX,
    DEMO_MINISTRY_CODE,
    DEMO_ORG_A_CODE,
    DEMO_REFERENCE_DATE,
    LADDERS,
    OrgSpec,
    StaffSpec,
)

DEMO_POSITION_PREFIX = "VT"  # demo positions are VT01, VT02 … in each demo organisation
ASSIGNMENT_EPOCH = date(2020, 1, 1)  # positions held since the first position schemes (Decree 62/2020)
TZ = ZoneInfo("Asia/Ho_Chi_Minh")

# Who writes and who decides (usernames of staffing.demo.DEMO_USERS). Approval follows
# positions.services.can_approve: the organisation admin of the parent body, else a national admin.
AUTHOR_A, APPROVER_A, AUTHOR_OTHERS, APPROVER_OTHERS = "hr_a", "orgadmin_a", "admin", "admin"

# Salary groups from lowest to highest (a person's ladder is matched to a rank's salary group).
SALARY_ORDER = ["B", "A0", "A1", "A2.2", "A2.1", "A3.2", "A3.1"]

CV = ("01.003", "01.002")  # chuyên viên .. chuyên viên chính
CVC_CC = ("01.002", "01.001")  # chuyên viên chính .. chuyên viên cao cấp
CC_ONLY = ("01.001", "01.001")
NO_RANK = (None, None)

# --------------------------------------------------------------------------- reference data


@dataclass(frozen=True)
class RankRef:
    code: str
    field: str
    level: int
    salary_group: str
    low: Decimal | None
    high: Decimal | None


@dataclass(frozen=True)
class FrameworkRef:
    code: str
    name: str
    group: str
    subgroup: str
    min_rank: str | None
    max_rank: str | None
    sample: dict


def seed_references() -> tuple[dict[str, FrameworkRef], dict[str, RankRef]]:
    """The framework catalogue and ranks as the positions migration ships them (no database)."""
    from positions.seed import nfc as seed_nfc
    from positions.seed.framework import FRAMEWORK_POSITIONS
    from positions.seed.ranks import rank_rows

    framework = {}
    for row in FRAMEWORK_POSITIONS:
        row = seed_nfc(row)
        framework[row["code"]] = FrameworkRef(
            row["code"], row["name"], row["group"], row["subgroup"], row["min_rank"], row["max_rank"], row["sample"]
        )
    ranks = {
        r["code"]: RankRef(
            r["code"], r["field"], r["level"], r["salary_group"], r["coefficient_min"], r["coefficient_max"]
        )
        for r in rank_rows()
    }
    return framework, ranks


def load_references() -> tuple[dict[str, FrameworkRef], dict[str, RankRef]]:
    """The framework catalogue and ranks as the database holds them (two queries)."""
    from positions.models import FrameworkPosition, Rank

    ranks = {
        r.code: RankRef(r.code, r.field, r.level, r.salary_group, r.coefficient_min, r.coefficient_max)
        for r in Rank.objects.all()
    }
    code_of = {pk: code for code, pk in Rank.objects.values_list("code", "pk")}
    framework = {
        f.code: FrameworkRef(
            f.code,
            f.name,
            f.group.code,
            f.subgroup,
            code_of.get(f.min_rank_id),
            code_of.get(f.max_rank_id),
            f.sample or {},
        )
        for f in FrameworkPosition.objects.filter(active=True).select_related("group")
    }
    return framework, ranks


# --------------------------------------------------------------------------- custom positions


@dataclass(frozen=True)
class Custom:
    """A position of an organisation's own (not in the framework catalogue)."""

    name: str
    area: str  # what the job is about, as it reads inside a sentence
    training_field: str
    ranks: tuple[str | None, str | None] = ("01.003", "01.002")  # chuyên viên .. chuyên viên chính
    weight: int = 6  # share of the organisation's people
    kind: str = "manage"  # manage | practice | leader: which description template
    group: str = "CMNV"
    subgroup: str = "CN"
    training_level: str = "Đại học trở lên"


# fmt: off
# Sector-specific positions of each department (and of the ministry), placed in the divisions
# whose name contains one of the keywords.
DEPARTMENT_POSTS: dict[str, list[tuple[tuple[str, ...], Custom]]] = {
    "Văn phòng Ủy ban nhân dân tỉnh": [
        (("Kinh tế",), Custom("Nghiên cứu, tổng hợp về kinh tế", "nghiên cứu, tổng hợp về kinh tế – xã hội", "Kinh tế, Quản lý kinh tế")),
        (("Khoa giáo",), Custom("Nghiên cứu, tổng hợp về khoa giáo – văn xã", "nghiên cứu, tổng hợp về giáo dục, y tế, văn hoá, xã hội", "Khoa học xã hội, Quản lý nhà nước")),
    ],
    "Sở Nội vụ": [
        (("biên chế",), Custom("Quản lý tổ chức bộ máy, biên chế", "quản lý tổ chức bộ máy, biên chế", "Luật, Quản lý nhà nước, Hành chính học")),
        (("Công chức",), Custom("Quản lý công chức, viên chức", "quản lý công chức, viên chức", "Luật, Quản trị nhân lực, Hành chính học")),
    ],
    "Sở Tài chính": [
        (("ngân sách",), Custom("Quản lý ngân sách nhà nước", "quản lý ngân sách nhà nước", "Tài chính – Ngân hàng, Kinh tế")),
        (("giá",), Custom("Quản lý giá và tài sản công", "quản lý giá và tài sản công", "Tài chính, Kinh tế, Kế toán")),
    ],
    "Sở Tư pháp": [
        (("văn bản quy phạm",), Custom("Xây dựng và kiểm tra văn bản quy phạm pháp luật", "xây dựng, thẩm định và kiểm tra văn bản quy phạm pháp luật", "Luật")),
        (("Hành chính tư pháp",), Custom("Quản lý hành chính tư pháp", "quản lý hộ tịch, quốc tịch, chứng thực và lý lịch tư pháp", "Luật")),
    ],
    "Sở Y tế": [
        (("Nghiệp vụ Y",), Custom("Quản lý hành nghề y", "quản lý hành nghề khám bệnh, chữa bệnh", "Y khoa, Y tế công cộng")),
        (("Dược",), Custom("Quản lý dược", "quản lý dược, mỹ phẩm", "Dược học")),
    ],
    "Sở Giáo dục và Đào tạo": [
        (("chất lượng",), Custom("Quản lý chất lượng giáo dục", "khảo thí và kiểm định chất lượng giáo dục", "Khoa học giáo dục, Sư phạm")),
        (("phổ thông",), Custom("Quản lý giáo dục phổ thông", "quản lý chuyên môn giáo dục phổ thông", "Sư phạm, Quản lý giáo dục")),
    ],
    "Sở Xây dựng": [
        (("Quy hoạch",), Custom("Quản lý quy hoạch – kiến trúc", "quản lý quy hoạch xây dựng và kiến trúc", "Kiến trúc, Quy hoạch vùng và đô thị")),
        (("hạ tầng",), Custom("Quản lý kết cấu hạ tầng giao thông", "quản lý kết cấu hạ tầng giao thông", "Kỹ thuật xây dựng công trình giao thông")),
    ],
    "Sở Nông nghiệp và Môi trường": [
        (("đất đai",), Custom("Quản lý đất đai", "quản lý đất đai", "Quản lý đất đai, Địa chính")),
        (("Kiểm lâm",), Custom("Bảo vệ và phát triển rừng", "quản lý, bảo vệ và phát triển rừng", "Lâm nghiệp, Quản lý tài nguyên rừng")),
    ],
    "Sở Khoa học và Công nghệ": [
        (("khoa học",), Custom("Quản lý khoa học và công nghệ", "quản lý hoạt động khoa học và công nghệ", "Khoa học tự nhiên, Kỹ thuật")),
        (("Chuyển đổi số",), Custom("Quản lý chuyển đổi số", "quản lý chuyển đổi số và chính quyền số", "Công nghệ thông tin")),
    ],
    "Sở Văn hoá, Thể thao và Du lịch": [
        (("văn hoá",), Custom("Quản lý văn hoá và gia đình", "quản lý văn hoá, di sản và gia đình", "Văn hoá học, Quản lý văn hoá")),
        (("du lịch",), Custom("Quản lý du lịch", "quản lý du lịch", "Du lịch, Quản trị dịch vụ du lịch và lữ hành")),
    ],
    "Sở Công Thương": [
        (("thương mại",), Custom("Quản lý thương mại", "quản lý thương mại, xuất nhập khẩu", "Kinh tế, Thương mại")),
        (("công nghiệp", "năng lượng"), Custom("Quản lý công nghiệp và năng lượng", "quản lý công nghiệp và năng lượng", "Kỹ thuật điện, Kỹ thuật công nghiệp")),
    ],
    "Thanh tra tỉnh": [
        (("Nghiệp vụ",), Custom("Thanh tra viên", "thanh tra, giải quyết khiếu nại, tố cáo", "Luật, Kinh tế", ("04.025", "04.023"))),
        (("Nghiệp vụ 3",), Custom("Tiếp công dân, xử lý đơn thư", "tiếp công dân, xử lý đơn thư", "Luật", weight=3)),
    ],
    "Bộ Nội vụ": [
        (("Biên chế",), Custom("Quản lý tổ chức bộ máy, biên chế", "quản lý tổ chức bộ máy, biên chế", "Luật, Quản lý nhà nước")),
        (("Công chức",), Custom("Quản lý công chức, viên chức", "quản lý công chức, viên chức", "Luật, Quản trị nhân lực")),
        (("Chính quyền",), Custom("Quản lý chính quyền địa phương", "quản lý chính quyền địa phương", "Luật, Hành chính học")),
        (("Việc làm",), Custom("Quản lý việc làm", "quản lý nhà nước về việc làm", "Kinh tế lao động, Quản trị nhân lực")),
    ],
}

BS = ("V.08.01.03", "V.08.01.01")
THPT = ("V.07.05.15", "V.07.05.13")
LUU_TRU = ("V.01.02.02", "V.01.02.01")
CNTT = ("V.11.06.14", "V.11.06.12")
ATTT = ("V.11.05.11", "V.11.05.09")
COLLEGE = "Cao đẳng trở lên"


def _practice(name, area, training_field, ranks=NO_RANK, weight=6, training_level="Đại học trở lên"):
    return Custom(name, area, training_field, ranks, weight, "practice", training_level=training_level)


_CNTT_POSTS = [
    _practice("Công nghệ thông tin", "vận hành, phát triển các hệ thống thông tin", "Công nghệ thông tin", CNTT, weight=70),
    _practice("An toàn thông tin", "bảo đảm an toàn thông tin cho các hệ thống thông tin", "An toàn thông tin", ATTT, weight=30),
]
# Professional positions of public service units, by a keyword of the unit"s name (first match).
UNIT_POSTS: list[tuple[str, list[Custom]]] = [
    ("Bệnh viện Sản Nhi", [
        _practice("Bác sĩ", "khám bệnh, chữa bệnh sản khoa, nhi khoa", "Y khoa", BS, weight=35),
        _practice("Điều dưỡng", "chăm sóc người bệnh", "Điều dưỡng", weight=35, training_level=COLLEGE),
        _practice("Hộ sinh", "chăm sóc sức khoẻ bà mẹ và trẻ sơ sinh", "Hộ sinh", weight=20, training_level=COLLEGE),
        _practice("Kỹ thuật viên y", "xét nghiệm, chẩn đoán hình ảnh", "Kỹ thuật xét nghiệm y học", weight=10, training_level=COLLEGE),
    ]),
    ("Bệnh viện", [
        _practice("Bác sĩ", "khám bệnh, chữa bệnh", "Y khoa", BS, weight=35),
        _practice("Điều dưỡng", "chăm sóc người bệnh", "Điều dưỡng", weight=45, training_level=COLLEGE),
        _practice("Kỹ thuật viên y", "xét nghiệm, chẩn đoán hình ảnh", "Kỹ thuật xét nghiệm y học", weight=12, training_level=COLLEGE),
        _practice("Dược sĩ", "cung ứng, bảo quản và hướng dẫn sử dụng thuốc", "Dược học", weight=8),
    ]),
    ("Kiểm soát bệnh tật", [
        _practice("Bác sĩ y học dự phòng", "giám sát, phòng, chống dịch bệnh", "Y học dự phòng", weight=40),
        _practice("Kỹ thuật viên xét nghiệm", "xét nghiệm phục vụ giám sát dịch bệnh", "Kỹ thuật xét nghiệm y học", weight=30, training_level=COLLEGE),
        _practice("Y tế công cộng", "truyền thông, nâng cao sức khoẻ cộng đồng", "Y tế công cộng", weight=30),
    ]),
    ("Trung học phổ thông", [
        _practice("Giáo viên trung học phổ thông", "giảng dạy, giáo dục học sinh trung học phổ thông", "Sư phạm", THPT, weight=90),
        _practice("Nhân viên thiết bị, thí nghiệm", "quản lý thiết bị dạy học và phòng thí nghiệm", "Sư phạm, Công nghệ thiết bị trường học", weight=5, training_level=COLLEGE),
        _practice("Nhân viên thư viện", "quản lý thư viện trường học", "Thư viện – Thông tin", weight=5, training_level=COLLEGE),
    ]),
    ("Lưu trữ", [
        _practice("Lưu trữ viên", "thu thập, chỉnh lý, bảo quản tài liệu lưu trữ", "Lưu trữ học", LUU_TRU, weight=75),
        _practice("Số hoá tài liệu lưu trữ", "số hoá và tổ chức khai thác tài liệu lưu trữ", "Lưu trữ học, Công nghệ thông tin", LUU_TRU, weight=25),
    ]),
    ("Công nghệ thông tin", _CNTT_POSTS),
    ("Chuyển đổi số", _CNTT_POSTS),
    ("Phục vụ hành chính công", [
        _practice("Tiếp nhận và trả kết quả thủ tục hành chính", "tiếp nhận hồ sơ, trả kết quả giải quyết thủ tục hành chính", "Luật, Hành chính học", weight=80),
        _practice("Giám sát, đánh giá giải quyết thủ tục hành chính", "giám sát, đánh giá việc giải quyết thủ tục hành chính", "Luật, Quản lý nhà nước", weight=20),
    ]),
    ("Dịch vụ việc làm", [
        _practice("Tư vấn, giới thiệu việc làm", "tư vấn, giới thiệu việc làm cho người lao động", "Công tác xã hội, Quản trị nhân lực", weight=70),
        _practice("Thông tin thị trường lao động", "thu thập, phân tích thông tin thị trường lao động", "Kinh tế lao động, Thống kê", weight=30),
    ]),
    ("Xúc tiến đầu tư", [
        _practice("Xúc tiến đầu tư", "xúc tiến đầu tư, thương mại, du lịch", "Kinh tế đối ngoại, Quản trị kinh doanh", weight=60),
        _practice("Hỗ trợ doanh nghiệp", "hỗ trợ doanh nghiệp nhỏ và vừa", "Kinh tế, Quản trị kinh doanh", weight=40),
    ]),
    ("Trợ giúp pháp lý", [
        _practice("Trợ giúp viên pháp lý", "trợ giúp pháp lý cho người được trợ giúp", "Luật", weight=100),
    ]),
    ("Đấu giá", [
        _practice("Đấu giá viên", "tổ chức đấu giá tài sản", "Luật, Kinh tế", weight=100),
    ]),
    ("Đăng kiểm", [
        _practice("Đăng kiểm viên phương tiện giao thông", "kiểm định an toàn kỹ thuật phương tiện giao thông", "Cơ khí động lực, Kỹ thuật ô tô", weight=100),
    ]),
    ("Khuyến nông", [
        _practice("Khuyến nông viên", "chuyển giao tiến bộ kỹ thuật nông nghiệp", "Nông học, Chăn nuôi, Thuỷ sản", weight=100),
    ]),
    ("Đăng ký đất đai", [
        _practice("Đăng ký đất đai và tài sản gắn liền với đất", "đăng ký, cấp giấy chứng nhận quyền sử dụng đất", "Quản lý đất đai", weight=70),
        _practice("Đo đạc, bản đồ", "đo đạc, chỉnh lý bản đồ địa chính", "Trắc địa – Bản đồ", weight=30),
    ]),
    ("Bảo tàng", [
        _practice("Di sản viên", "nghiên cứu, sưu tầm, bảo quản hiện vật", "Bảo tàng học, Lịch sử", weight=70),
        _practice("Hướng dẫn viên bảo tàng", "hướng dẫn, thuyết minh cho khách tham quan", "Bảo tàng học, Du lịch", weight=30),
    ]),
    ("Thư viện", [
        _practice("Thư viện viên", "phục vụ bạn đọc, xây dựng và bảo quản vốn tài liệu", "Thư viện – Thông tin", weight=100),
    ]),
    ("Thi đấu thể thao", [
        _practice("Huấn luyện viên thể thao", "huấn luyện vận động viên", "Giáo dục thể chất, Huấn luyện thể thao", weight=100),
    ]),
    ("Tạp chí", [
        _practice("Biên tập viên", "biên tập nội dung tạp chí", "Báo chí, Khoa học xã hội", weight=60),
        _practice("Phóng viên", "viết bài, thu thập thông tin", "Báo chí", weight=40),
    ]),
]
UNIT_FALLBACK = [_practice("Viên chức chuyên môn", "nghiệp vụ chuyên môn của đơn vị", "Phù hợp với lĩnh vực hoạt động của đơn vị", weight=100)]

COMMUNE_LEADERS = [  # elected cán bộ hold no rank
    Custom("Chủ tịch Ủy ban nhân dân", "lãnh đạo, điều hành Ủy ban nhân dân xã", "Luật, Kinh tế, Quản lý nhà nước", NO_RANK, kind="leader", group="LDQL", subgroup=""),
    Custom("Phó Chủ tịch Ủy ban nhân dân", "lãnh đạo, điều hành các lĩnh vực được Chủ tịch phân công", "Luật, Kinh tế, Quản lý nhà nước", NO_RANK, kind="leader", group="LDQL", subgroup=""),
]
COMMUNE_MASS = Custom("Cán bộ Mặt trận Tổ quốc và các đoàn thể", "công tác Mặt trận Tổ quốc và các đoàn thể chính trị – xã hội", "Khoa học xã hội, Công tác xã hội", NO_RANK)
COMMUNE_POSTS = [
    Custom("Chuyên viên về địa chính, xây dựng và môi trường", "quản lý địa chính, xây dựng, đô thị và môi trường trên địa bàn xã", "Quản lý đất đai, Xây dựng", weight=3),
    Custom("Chuyên viên về văn hoá – xã hội", "quản lý văn hoá, giáo dục, y tế, lao động và xã hội trên địa bàn xã", "Khoa học xã hội, Văn hoá", weight=3),
]
# fmt: on

# Framework positions each kind of organisation draws on (codes of positions/seed/framework.py).
OFFICE_COMMON = [
    "CMNV-DC-03", "CMNV-DC-01", "CMNV-DC-11", "CMNV-DC-07", "CMNV-DC-02", "CMNV-DC-04", "CMNV-DC-08",
    "CMNV-DC-10", "CMNV-DC-05", "CMNV-DC-12",
]  # fmt: skip
DIVISION_COMMON = ["CMNV-DC-13", "CMNV-DC-09", "CMNV-DC-12", "CMNV-DC-06", "CMNV-DC-08", "CMNV-DC-05"]
DIVISION_MAIN = [
    ("Kế hoạch – Tài chính", ["CMNV-DC-10", "CMNV-DC-11"]),
    ("Tổ chức", ["CMNV-DC-07"]),
    ("Chuyển đổi số", ["CMNV-DC-05", "CMNV-DC-06"]),
    ("Tổng hợp", ["CMNV-DC-13"]),
]
BOARD_COMMON = ["CMNV-DC-13", "CMNV-DC-09", "CMNV-DC-12", "CMNV-DC-08"]
UNIT_COMMON = ["CMNV-DC-11", "CMNV-DC-01", "CMNV-DC-03", "CMNV-DC-07", "CMNV-DC-05", "CMNV-DC-10", "CMNV-DC-02"]
COMMUNE_COMMON = ["CMNV-DC-01", "CMNV-DC-11", "CMNV-DC-03", "CMNV-DC-05", "CMNV-DC-10"]
SUPPORT = {
    "office": ["HTPV-01", "HTPV-02", "HTPV-03", "HTPV-04", "HTPV-05"],
    "division": ["HTPV-02"],
    "board": ["HTPV-02"],
    "unit": ["HTPV-01", "HTPV-03", "HTPV-02", "HTPV-04"],
    "commune": ["HTPV-03", "HTPV-04", "HTPV-02"],
}

# --------------------------------------------------------------------------- specs


@dataclass
class DescriptionSpec:
    version: int
    status: str
    content: dict  # fields (prose sanitised), "tasks": [(task, outputs, criteria)], "competencies": [(code, level)]
    created_by: str
    created_at: datetime
    updated_at: datetime
    lock_version: int = 0
    submitted_by: str | None = None
    submitted_at: datetime | None = None
    decided_by: str | None = None
    decided_at: datetime | None = None
    return_comment: str = ""
    copied_from: str = ""


@dataclass
class PositionSpec:
    org_code: str
    name: str
    group: str
    subgroup: str
    min_rank: str | None
    max_rank: str | None
    framework: str | None
    role: str  # lead | work | support | pool
    eligible: frozenset[str]
    slots: int = 0  # lead: how many people; work/support/pool: 0
    weight: int = 1  # work/support/pool: share of the remaining people
    custom: Custom | None = None
    code: str = ""
    order: int = 0
    headcount: int = 1
    descriptions: list[DescriptionSpec] = field(default_factory=list)


@dataclass(frozen=True)
class AssignmentSpec:
    employee_code: str
    org_code: str
    position_code: str
    kind: str  # primary | concurrent
    fte: Decimal
    start_date: date
    end_date: date | None


@dataclass
class Catalogues:
    positions: list[PositionSpec]
    assignments: list[AssignmentSpec]
    people: list[StaffSpec]  # the staff specs with rank, step and coefficient from their position


# --------------------------------------------------------------------------- building the catalogues


def _matches(name: str, keywords) -> bool:
    low = name.casefold()
    return any(k.casefold() in low for k in keywords)


class _CatalogueBuilder:
    def __init__(self, framework: dict[str, FrameworkRef], ranks: dict[str, RankRef]):
        self.framework = framework
        self.ranks = ranks

    # ---- positions from the framework or custom

    def fw(self, code, role, eligible, *, name=None, ranks=None, slots=0, weight=1) -> PositionSpec | None:
        ref = self.framework.get(code)
        if ref is None:  # removed from the framework catalogue by a national admin
            return None
        low, high = ranks if ranks is not None else (ref.min_rank, ref.max_rank)
        return PositionSpec(
            org_code="",
            name=name or ref.name,
            group=ref.group,
            subgroup=ref.subgroup,
            min_rank=low if low in self.ranks else None,
            max_rank=high if high in self.ranks else None,
            framework=code,
            role=role,
            eligible=frozenset(eligible),
            slots=slots,
            weight=weight,
        )

    def custom(self, post: Custom, role, eligible, *, slots=0, weight=None) -> PositionSpec:
        low, high = post.ranks
        return PositionSpec(
            org_code="",
            name=post.name,
            group=post.group,
            subgroup=post.subgroup,
            min_rank=low if low in self.ranks else None,
            max_rank=high if high in self.ranks else None,
            framework=None,
            role=role,
            eligible=frozenset(eligible),
            slots=slots,
            weight=post.weight if weight is None else weight,
            custom=post,
        )

    # ---- one organisation

    def catalogue(self, org: OrgSpec, parent: OrgSpec | None, staff: list[StaffSpec]) -> list[PositionSpec]:
        working = [p for p in staff if p.status == "DLV"]
        cats = Counter(p.category for p in working)
        target = min(15, max(6, math.ceil(len(working) * 0.6)))
        fw, custom = self.fw, self.custom
        ministry = org.code == DEMO_MINISTRY_CODE or (parent is not None and parent.code == DEMO_MINISTRY_CODE)
        lead: list = []
        main: list = []
        common: list[str] = []
        kind = _org_role(org, parent)
        cc = {"CC"}
        if kind == "board":
            head, deputy = {
                "Văn phòng Ủy ban nhân dân tỉnh": (
                    "Chánh Văn phòng Ủy ban nhân dân tỉnh",
                    "Phó Chánh Văn phòng Ủy ban nhân dân tỉnh",
                ),
                "Thanh tra tỉnh": ("Chánh Thanh tra tỉnh", "Phó Chánh Thanh tra tỉnh"),
                "Bộ Nội vụ": ("Bộ trưởng", "Thứ trưởng"),
            }.get(org.name, (None, None))
            ranks = CC_ONLY if org.kind == "BO" else None
            deputies = min(3, max(1, cats["CC"] - 1))
            lead = [
                fw("LDQL-01", "lead", cc, name=head, ranks=ranks, slots=1),
                fw("LDQL-02", "lead", cc, name=deputy, ranks=ranks, slots=deputies),
            ]
            common = BOARD_COMMON
            work_cats = cc
        elif kind in ("office", "division"):
            dept = parent.name if parent else ""
            if ministry:
                title = "Vụ" if org.name.startswith("Vụ") else "Cục" if org.name.startswith("Cục") else ""
                names = (
                    ("Chánh Văn phòng Bộ", "Phó Chánh Văn phòng Bộ")
                    if kind == "office"
                    else (f"{title} trưởng", f"Phó {title} trưởng")
                )
                ranks = CVC_CC
            elif kind == "office":
                names = (None, None) if dept.startswith("Sở") else ("Chánh Văn phòng", "Phó Chánh Văn phòng")
                ranks = None
            elif org.name.startswith("Chi cục"):
                names, ranks = ("Chi cục trưởng", "Phó Chi cục trưởng"), None
            else:
                names = (None, None) if dept.startswith("Sở") else ("Trưởng phòng", "Phó Trưởng phòng")
                ranks = None
            codes = ("LDQL-03", "LDQL-04") if kind == "office" else ("LDQL-05", "LDQL-06")
            deputies = 1 if len(working) < 12 else 2
            lead = [
                fw(codes[0], "lead", cc, name=names[0], ranks=ranks, slots=1),
                fw(codes[1], "lead", cc, name=names[1], ranks=ranks, slots=deputies),
            ]
            if kind == "office":
                main = [fw("CMNV-DC-03", "work", cc, weight=3)]
                common = OFFICE_COMMON
            else:
                main = [
                    custom(post, "work", cc)
                    for keywords, post in DEPARTMENT_POSTS.get(dept, [])
                    if _matches(org.name, keywords)
                ]
                for keyword, codes in DIVISION_MAIN:
                    if _matches(org.name, (keyword,)):
                        main += [fw(code, "work", cc, weight=4) for code in codes]
                        break
                if not main:
                    main = [fw("CMNV-DC-13", "work", cc, weight=6)]
                common = DIVISION_COMMON
            work_cats = cc
        elif kind == "unit":
            posts = next((p for keyword, p in UNIT_POSTS if keyword.casefold() in org.name.casefold()), UNIT_FALLBACK)
            if org.name.startswith("Trường"):
                names = ("Hiệu trưởng", "Phó Hiệu trưởng")
            elif org.name.startswith("Tạp chí"):
                names = ("Tổng Biên tập", "Phó Tổng Biên tập")
            else:
                unit_type = " ".join(org.name.split()[:2])
                names = (f"Giám đốc {unit_type}", f"Phó Giám đốc {unit_type}")
            ranks = posts[0].ranks if posts[0].ranks[0] else (None, None)
            vc = {"VC", "VCTC"}
            deputies = 1 if len(working) < 20 else 2 if len(working) < 60 else 3
            lead = [
                fw("LDQL-05", "lead", vc, name=names[0], ranks=ranks, slots=1),
                fw("LDQL-06", "lead", vc, name=names[1], ranks=ranks, slots=deputies),
            ]
            main = [custom(post, "work", vc) for post in posts]
            common = UNIT_COMMON
            work_cats = vc
        else:  # commune
            cb = {"CB"}
            lead = [
                custom(COMMUNE_LEADERS[0], "lead", cb, slots=1),
                custom(COMMUNE_LEADERS[1], "lead", cb, slots=2),
                fw("LDQL-07", "lead", cc, slots=2),
                fw("LDQL-08", "lead", cc, slots=2),
            ]
            main = [custom(COMMUNE_MASS, "pool", cb, weight=1)] + [custom(p, "work", cc) for p in COMMUNE_POSTS]
            common = COMMUNE_COMMON
            work_cats = cc
        support = [fw(code, "support", {"HD"}, weight=2 if code == "HTPV-03" else 1) for code in SUPPORT[kind]]
        support = [s for s in support if s][: cats["HD"]]
        positions = [p for p in lead + main if p]
        taken = {p.framework for p in positions if p.framework}
        for code in common:
            if len(positions) + len(support) >= target:
                break
            if code not in taken and (spec := fw(code, "work", work_cats)) is not None:
                positions.append(spec)
                taken.add(code)
        for code in SUPPORT[kind]:  # still short of six: the support posts even without contract staff
            if len(positions) + len(support) >= 6:
                break
            if code not in {s.framework for s in support} and (spec := fw(code, "support", {"HD"})) is not None:
                support.append(spec)
        positions += support
        for index, spec in enumerate(positions, start=1):
            spec.org_code = org.code
            spec.code = f"{DEMO_POSITION_PREFIX}{index:02d}"
            spec.order = index
        return positions

    # ---- people to positions

    def assign(
        self, positions: list[PositionSpec], staff: list[StaffSpec], rng: random.Random
    ) -> list[tuple[StaffSpec, PositionSpec, PositionSpec | None, Decimal]]:
        """(person, primary position, concurrent position or None, primary FTE) for everyone."""
        working = sorted(
            (p for p in staff if p.status == "DLV"),
            key=lambda p: (-SALARY_ORDER.index(p.ladder), -p.salary_coefficient, p.employee_code),
        )
        placed: dict[str, PositionSpec] = {}
        remaining = list(working)
        for spec in (p for p in positions if p.role == "lead"):
            chosen = [p for p in remaining if p.category in spec.eligible][: spec.slots]
            for person in chosen:
                placed[person.employee_code] = spec
            remaining = [p for p in remaining if p.employee_code not in placed]
        others = [p for p in positions if p.role != "lead"]
        fallback = [p for p in others if p.role == "work"] or others or positions
        rng.shuffle(remaining)
        # Every non-leadership position first gets one eligible person, then the rest by weight.
        for spec in others:
            person = next((p for p in remaining if p.category in spec.eligible), None)
            if person is not None:
                placed[person.employee_code] = spec
                remaining.remove(person)
        for person in remaining:
            pool = [p for p in others if person.category in p.eligible] or fallback
            placed[person.employee_code] = rng.choices(pool, [p.weight for p in pool])[0]
        result = []
        for person in staff:
            if person.status == "DLV":
                primary = placed[person.employee_code]
                concurrent, fte = None, Decimal(1)
                if person.category not in ("HD", "CB") and rng.random() < 0.05:
                    choices = [p for p in positions if p is not primary and p.role == "work"]
                    if choices:
                        concurrent = rng.choice(choices)
                        fte = rng.choice([Decimal("0.7"), Decimal("0.8"), Decimal("0.5")])
            else:  # someone who left held a post that has been refilled or is vacant now
                pool = [p for p in positions if p.role != "lead" and person.category in p.eligible] or fallback
                primary, concurrent, fte = rng.choice(pool), None, Decimal(1)
            result.append((person, primary, concurrent, fte))
        return result

    # ---- rank and salary from the position

    def rank_for(self, position: PositionSpec, person: StaffSpec) -> RankRef | None:
        if person.category not in ("CC", "VC", "VCTC") or not position.min_rank:
            return None
        low = self.ranks[position.min_rank]
        high = self.ranks[position.max_rank or position.min_rank]
        candidates = sorted(
            (r for r in self.ranks.values() if r.field == low.field and low.level <= r.level <= high.level),
            key=lambda r: (r.level, r.code),
        )
        if not candidates:
            return None
        mine = SALARY_ORDER.index(person.ladder)
        return min(candidates, key=lambda r: (abs(SALARY_ORDER.index(r.salary_group) - mine), r.level))

    def with_rank(self, person: StaffSpec, rank: RankRef | None) -> StaffSpec:
        if rank is None:
            return replace(person, rank_code=None)
        step, coefficient, ladder = person.salary_step, person.salary_coefficient, person.ladder
        inside = (rank.low is None or rank.low <= coefficient) and (rank.high is None or coefficient <= rank.high)
        if rank.salary_group != ladder or not inside:
            first, increment, steps, _years = LADDERS[rank.salary_group]
            step = max(1, min(step, steps))
            coefficient = first + increment * (step - 1)
            ladder = rank.salary_group
        return replace(person, rank_code=rank.code, salary_step=step, salary_coefficient=coefficient, ladder=ladder)


def _org_role(org: OrgSpec, parent: OrgSpec | None) -> str:
    if org.kind in ("SO", "BO"):
        return "board"
    if org.kind == "PHONG":
        return "office" if org.name.startswith("Văn phòng") else "division"
    if org.kind == "SNCL":
        return "unit"
    return "commune"


def build_catalogues(
    orgs: list[OrgSpec],
    people: list[StaffSpec],
    framework: dict[str, FrameworkRef],
    ranks: dict[str, RankRef],
    *,
    seed: int,
) -> Catalogues:
    """Positions with headcounts and descriptions for every organisation with staff, everyone's
    assignments, and the staff specs with the rank of their position."""
    builder = _CatalogueBuilder(framework, ranks)
    by_code = {o.code: o for o in orgs}
    staff_of: dict[str, list[StaffSpec]] = defaultdict(list)
    for person in people:
        staff_of[person.org_code].append(person)
    positions: list[PositionSpec] = []
    assignments: list[AssignmentSpec] = []
    updated: dict[str, StaffSpec] = {}
    for org in orgs:
        staff = staff_of.get(org.code)
        if not staff:
            continue
        rng = random.Random(f"{seed}-catalogue-{org.code}")
        catalogue = builder.catalogue(org, by_code.get(org.parent_code), staff)
        fte_of: Counter = Counter()
        for person, primary, concurrent, fte in builder.assign(catalogue, staff, rng):
            start = max(person.recruitment_date, ASSIGNMENT_EPOCH)
            end = person.exit_date
            if end is not None and end < start:
                start = person.recruitment_date
            assignments.append(AssignmentSpec(person.employee_code, org.code, primary.code, "primary", fte, start, end))
            if concurrent is not None:
                latest = DEMO_REFERENCE_DATE - timedelta(days=30)
                since = min(max(start, date(2024, 1, 1)) + timedelta(days=rng.randint(0, 540)), latest)
                assignments.append(
                    AssignmentSpec(person.employee_code, org.code, concurrent.code, "concurrent", 1 - fte, since, None)
                )
            if person.status == "DLV":
                fte_of[primary.code] += fte
                if concurrent is not None:
                    fte_of[concurrent.code] += 1 - fte
            updated[person.employee_code] = builder.with_rank(person, builder.rank_for(primary, person))
        for spec in catalogue:
            needed = math.ceil(fte_of[spec.code])
            if spec.role == "lead" and spec.slots == 1:
                spec.headcount = 1
            else:
                spec.headcount = max(1, needed + (1 if rng.random() < 0.15 else 0))
        positions += catalogue
    _describe(positions, by_code, framework, seed)
    return Catalogues(positions, assignments, [updated.get(p.employee_code, p) for p in people])


# --------------------------------------------------------------------------- descriptions

RETURN_COMMENTS = [
    "Đề nghị bổ sung tiêu chí đánh giá cho nhiệm vụ 3.",
    "Sản phẩm đầu ra của nhiệm vụ 2 chưa cụ thể, đề nghị nêu rõ sản phẩm và thời hạn.",
    "Đề nghị rà soát lại cấp độ năng lực ngoại ngữ cho phù hợp với yêu cầu của vị trí.",
    "Phạm vi quyền hạn chưa phù hợp với quy chế làm việc của cơ quan, đề nghị chỉnh sửa.",
    "Đề nghị bổ sung yêu cầu về kinh nghiệm công tác và chứng chỉ bồi dưỡng chuyên ngành.",
    "Nhiệm vụ 1 và nhiệm vụ 4 trùng lặp, đề nghị gộp lại và làm rõ tiêu chí đánh giá.",
]
V2_TASK = (
    "Tham gia triển khai chuyển đổi số, số hoá hồ sơ, tài liệu thuộc lĩnh vực được giao.",
    "Hồ sơ, tài liệu được số hoá và cập nhật trên hệ thống thông tin của cơ quan.",
    "Đúng tiến độ kế hoạch chuyển đổi số của cơ quan; dữ liệu đầy đủ, chính xác.",
)
V2_SENTENCE = " Chủ động ứng dụng công nghệ số để nâng cao chất lượng, hiệu quả thực hiện nhiệm vụ."
V2_CRITERIA = " Không có phản ánh, kiến nghị về chất lượng công việc."

# How the descriptions of a position stand: (state, weight). "approved+draft" is an approved v1
# with an open draft v2; the queue of submitted descriptions is kept short (an approver's page).
STATES = [("approved", 75), ("approved+draft", 9), ("draft", 9), ("returned", 5), ("submitted", 2)]
ORG_A_STATES = ["approved", "approved+draft", "submitted", "returned", "draft"]  # then approved

PLAIN_FIELDS = ("training_level", "training_field")
PROSE_FIELDS = (
    "objective",
    "relationships_internal",
    "relationships_external",
    "authority",
    "working_conditions",
    "experience",
    "personal_qualities",
    "other_requirements",
)


def _sanitize(value: str) -> str:
    from positions.services import sanitize_html

    return sanitize_html(nfc_text(value))


def nfc_text(value: str) -> str:
    import unicodedata

    return unicodedata.normalize("NFC", value or "")


def clean_sample(sample: dict) -> dict:
    """A sample description as ``positions.services`` would store it: prose sanitised, plain
    fields trimmed, empty tasks dropped, competencies once each with a level 1–5."""
    content = {name: _sanitize(sample.get(name, "")) for name in PROSE_FIELDS}
    content.update({name: nfc(sample.get(name, "") or "") for name in PLAIN_FIELDS})
    tasks = []
    for t in sample.get("tasks", []):
        row = tuple(_sanitize(t.get(k, "")) for k in ("task", "outputs", "criteria"))
        if row[0].strip():
            tasks.append(row)
    content["tasks"] = tasks
    seen, competencies = set(), []
    for item in sample.get("competencies", []):
        code, level = (item.get("code"), item.get("level")) if isinstance(item, dict) else item
        if code not in seen and 1 <= int(level) <= 5:
            seen.add(code)
            competencies.append((str(code), int(level)))
    content["competencies"] = competencies
    return content


def custom_sample(post: Custom) -> dict:
    """A sample description for a custom position, in the framework samples' JSON shape."""
    area = post.area
    if post.kind == "leader":
        return {
            "objective": (
                f"<p>Lãnh đạo, chỉ đạo, điều hành hoạt động của Ủy ban nhân dân xã trong phạm vi được giao ({area}); "
                "chịu trách nhiệm trước Hội đồng nhân dân xã và Ủy ban nhân dân tỉnh về kết quả thực hiện nhiệm vụ.</p>"
            ),
            "tasks": [
                {
                    "task": "Chỉ đạo xây dựng và tổ chức thực hiện kế hoạch phát triển kinh tế – xã hội, dự toán ngân sách xã trong lĩnh vực được phân công.",
                    "outputs": "Kế hoạch, quyết định, văn bản chỉ đạo, điều hành.",
                    "criteria": "Các chỉ tiêu được giao đạt hoặc vượt kế hoạch; văn bản ban hành đúng thẩm quyền.",
                },
                {
                    "task": "Chỉ đạo giải quyết thủ tục hành chính, tiếp công dân, giải quyết khiếu nại, tố cáo thuộc thẩm quyền.",
                    "outputs": "Kết quả giải quyết; báo cáo tiếp công dân.",
                    "criteria": "Không có hồ sơ quá hạn; không để phát sinh khiếu kiện đông người, vượt cấp.",
                },
                {
                    "task": "Quản lý, phân công, đánh giá công chức và người lao động thuộc lĩnh vực được phân công.",
                    "outputs": "Quyết định phân công; kết quả đánh giá, xếp loại.",
                    "criteria": "Các bộ phận hoàn thành nhiệm vụ; không có vi phạm kỷ luật, công vụ.",
                },
                {
                    "task": "Chỉ đạo công tác phòng, chống thiên tai, bảo đảm quốc phòng, an ninh, trật tự an toàn xã hội trên địa bàn theo phân công.",
                    "outputs": "Phương án, kế hoạch; báo cáo kết quả.",
                    "criteria": "Chủ động ứng phó; không để xảy ra tình huống bị động, bất ngờ.",
                },
            ],
            "relationships_internal": "<p>Chịu sự lãnh đạo của cấp uỷ, giám sát của Hội đồng nhân dân xã; phối hợp với các thành viên Ủy ban nhân dân và các phòng chuyên môn.</p>",
            "relationships_external": "<p>Làm việc với các sở, ngành của tỉnh, Ủy ban Mặt trận Tổ quốc và các đoàn thể, tổ chức, cá nhân trên địa bàn.</p>",
            "authority": "<ul><li>Quyết định các vấn đề thuộc thẩm quyền theo Luật Tổ chức chính quyền địa phương.</li><li>Phân công, điều hành công chức thuộc lĩnh vực phụ trách.</li></ul>",
            "working_conditions": LEADER_CONDITIONS,
            "training_level": "Đại học trở lên",
            "training_field": post.training_field,
            "experience": "<p>Có thời gian công tác, kinh nghiệm lãnh đạo, quản lý theo tiêu chuẩn chức danh do cấp có thẩm quyền quy định.</p>",
            "personal_qualities": LEADER_QUALITIES,
            "other_requirements": LEADER_STANDARD,
            "competencies": [
                ["NLC01", 4], ["NLC02", 4], ["NLC03", 3], ["NLC04", 4], ["NLC05", 4], ["NLC06", 3],
                ["NLQL01", 3], ["NLQL02", 4], ["NLQL03", 3], ["NLQL04", 3],
            ],
        }  # fmt: skip
    if post.kind == "practice":
        return {
            "objective": f"<p>Thực hiện {area} theo chuyên môn được đào tạo, chuẩn nghề nghiệp và quy định của đơn vị, góp phần nâng cao chất lượng dịch vụ sự nghiệp công.</p>",
            "tasks": [
                {
                    "task": f"Thực hiện {area} theo quy trình chuyên môn, quy chuẩn nghề nghiệp.",
                    "outputs": "Công việc chuyên môn được thực hiện và ghi chép đầy đủ trong hồ sơ, sổ sách.",
                    "criteria": "Đúng quy trình; không để xảy ra sai sót chuyên môn; người sử dụng dịch vụ hài lòng.",
                },
                {
                    "task": f"Tham gia xây dựng kế hoạch, quy trình, tài liệu chuyên môn về {area} của đơn vị.",
                    "outputs": "Dự thảo kế hoạch, quy trình, tài liệu chuyên môn.",
                    "criteria": "Đúng tiến độ; nội dung phù hợp quy định chuyên môn.",
                },
                {
                    "task": "Tham gia nghiên cứu khoa học, sáng kiến cải tiến; hướng dẫn, kèm cặp đồng nghiệp mới, người học việc.",
                    "outputs": "Đề tài, sáng kiến; kế hoạch kèm cặp.",
                    "criteria": "Có sáng kiến hoặc đề tài được công nhận; người được kèm cặp đạt yêu cầu.",
                },
                {
                    "task": "Thống kê, báo cáo kết quả thực hiện nhiệm vụ chuyên môn theo quy định.",
                    "outputs": "Báo cáo thống kê định kỳ và đột xuất.",
                    "criteria": "Số liệu đầy đủ, chính xác; gửi đúng hạn.",
                },
                {
                    "task": "Thực hiện các nhiệm vụ khác do lãnh đạo đơn vị phân công.",
                    "outputs": "Kết quả công việc được giao.",
                    "criteria": "Hoàn thành đúng yêu cầu về tiến độ và chất lượng.",
                },
            ],
            "relationships_internal": "<p>Chịu sự quản lý, phân công của lãnh đạo đơn vị và người phụ trách bộ phận; phối hợp với đồng nghiệp trong thực hiện nhiệm vụ chuyên môn.</p>",
            "relationships_external": "<p>Giao tiếp với người sử dụng dịch vụ; phối hợp với cơ quan, đơn vị có liên quan khi được phân công.</p>",
            "authority": "<ul><li>Thực hiện hoạt động chuyên môn theo chức danh nghề nghiệp và phạm vi được phân công.</li><li>Đề xuất cải tiến quy trình, trang thiết bị phục vụ chuyên môn.</li></ul>",
            "working_conditions": "<p>Làm việc tại đơn vị theo giờ hành chính hoặc theo ca, trực theo lịch phân công; được trang bị thiết bị, bảo hộ phù hợp với yêu cầu chuyên môn.</p>",
            "training_level": post.training_level,
            "training_field": post.training_field,
            "experience": "<p>Có chứng chỉ hành nghề hoặc chứng chỉ bồi dưỡng theo tiêu chuẩn chức danh nghề nghiệp khi pháp luật chuyên ngành quy định.</p>",
            "personal_qualities": OFFICER_QUALITIES,
            "other_requirements": "",
            "competencies": [
                ["NLC01", 3],
                ["NLC02", 2],
                ["NLC03", 2],
                ["NLC04", 3],
                ["NLC05", 3],
                ["NLC06", 2],
                ["NLC07", 1],
            ],
        }
    return {
        "objective": f"<p>Tham mưu, giúp lãnh đạo thực hiện chức năng quản lý nhà nước về {area}; bảo đảm các nhiệm vụ được giao hoàn thành đúng thời hạn, đúng quy định của pháp luật.</p>",
        "tasks": [
            {
                "task": f"Nghiên cứu, tham mưu xây dựng văn bản, chương trình, kế hoạch về {area}.",
                "outputs": "Dự thảo văn bản, chương trình, kế hoạch trình lãnh đạo.",
                "criteria": "Đúng thời hạn; nội dung phù hợp quy định pháp luật và tình hình thực tế; được lãnh đạo chấp thuận.",
            },
            {
                "task": f"Hướng dẫn, đôn đốc, kiểm tra việc thực hiện các quy định về {area}.",
                "outputs": "Văn bản hướng dẫn; biên bản, báo cáo kết quả kiểm tra.",
                "criteria": "Đúng kế hoạch được duyệt; kiến nghị xử lý cụ thể, có căn cứ.",
            },
            {
                "task": f"Tiếp nhận, thẩm định hồ sơ, giải quyết thủ tục hành chính thuộc lĩnh vực {area}.",
                "outputs": "Phiếu trình, kết quả giải quyết thủ tục hành chính.",
                "criteria": "Không có hồ sơ giải quyết quá hạn; đúng quy trình nội bộ đã công bố.",
            },
            {
                "task": f"Theo dõi, tổng hợp, báo cáo định kỳ và đột xuất về {area}; cập nhật cơ sở dữ liệu chuyên ngành.",
                "outputs": "Báo cáo; dữ liệu được cập nhật trên hệ thống.",
                "criteria": "Số liệu đầy đủ, chính xác; báo cáo gửi đúng hạn.",
            },
            {
                "task": "Thực hiện các nhiệm vụ khác do lãnh đạo phân công.",
                "outputs": "Kết quả công việc được giao.",
                "criteria": "Hoàn thành đúng yêu cầu về tiến độ và chất lượng.",
            },
        ],
        "relationships_internal": "<p>Chịu sự chỉ đạo, phân công của lãnh đạo phòng; phối hợp với các phòng, đơn vị thuộc cơ quan trong xử lý công việc liên quan.</p>",
        "relationships_external": f"<p>Phối hợp với các cơ quan, đơn vị, Ủy ban nhân dân cấp xã và tổ chức, cá nhân có liên quan trong lĩnh vực {area}.</p>",
        "authority": "<ul><li>Được cung cấp thông tin, tài liệu cần thiết để thực hiện nhiệm vụ.</li><li>Đề xuất, kiến nghị biện pháp xử lý trong lĩnh vực được phân công.</li><li>Từ chối thực hiện yêu cầu trái quy định của pháp luật.</li></ul>",
        "working_conditions": OFFICE_CONDITIONS,
        "training_level": post.training_level,
        "training_field": post.training_field,
        "experience": "<p>Có ít nhất 01 năm công tác trong lĩnh vực được giao hoặc lĩnh vực gần.</p>",
        "personal_qualities": OFFICER_QUALITIES,
        "other_requirements": "",
        "competencies": [
            ["NLC01", 3], ["NLC02", 3], ["NLC03", 3], ["NLC04", 2], ["NLC05", 3], ["NLC06", 3], ["NLC07", 2],
            ["NLCM01", 3], ["NLCM02", 3],
        ],
    }  # fmt: skip


def _changed(content: dict, rng: random.Random) -> dict:
    """A copy of ``content`` with one small edit, as an officer makes in a new version."""
    new = {**content, "tasks": list(content["tasks"]), "competencies": list(content["competencies"])}
    how = rng.randrange(4)
    if how == 0 and new["objective"].endswith("</p>"):
        new["objective"] = _sanitize(new["objective"][: -len("</p>")] + V2_SENTENCE + "</p>")
    elif how == 1 or not new["tasks"]:
        new["tasks"].append(V2_TASK)
    elif how == 2 and new["competencies"]:
        i = rng.randrange(len(new["competencies"]))
        code, level = new["competencies"][i]
        new["competencies"][i] = (code, level + 1 if level < 5 else level - 1)
    else:
        task, outputs, criteria = new["tasks"][0]
        new["tasks"][0] = (task, outputs, _sanitize(criteria + V2_CRITERIA))
    return new


def _moment(rng: random.Random, start: date, end: date) -> datetime:
    """A working-hours moment between two dates (Asia/Ho_Chi_Minh)."""
    day = start + timedelta(days=rng.randint(0, max((end - start).days, 0)))
    while day.weekday() >= 5:
        day -= timedelta(days=1)
    return datetime.combine(day, time(rng.randint(8, 16), rng.randint(0, 59)), tzinfo=TZ)


def _later(rng: random.Random, after: datetime, low: int, high: int, limit: date) -> datetime:
    start = after.date() + timedelta(days=low)
    moment = _moment(rng, min(start, limit), min(after.date() + timedelta(days=high), limit))
    return max(moment, after + timedelta(minutes=5))


def _in_subtree(code: str, root: str, by_code: dict[str, OrgSpec]) -> bool:
    while code:
        if code == root:
            return True
        code = by_code[code].parent_code
    return False


def _describe(positions: list[PositionSpec], by_code: dict[str, OrgSpec], framework, seed: int) -> None:
    """Descriptions in every workflow state, with coherent authors, approvers and dates."""
    samples: dict[str, dict] = {}
    last = DEMO_REFERENCE_DATE - timedelta(days=2)
    by_org: dict[str, list[PositionSpec]] = defaultdict(list)
    for p in positions:
        by_org[p.org_code].append(p)
    for org_code, catalogue in by_org.items():
        rng = random.Random(f"{seed}-descriptions-{org_code}")
        in_a = _in_subtree(org_code, DEMO_ORG_A_CODE, by_code)
        author = AUTHOR_A if in_a else AUTHOR_OTHERS
        # can_approve: the parent body's organisation admin (orgadmin_a for A's divisions and units).
        approver = APPROVER_A if in_a and org_code != DEMO_ORG_A_CODE else APPROVER_OTHERS
        for index, position in enumerate(catalogue):
            if org_code == DEMO_ORG_A_CODE and index < len(ORG_A_STATES):
                state = ORG_A_STATES[index]
            else:
                state = rng.choices([s for s, _w in STATES], [w for _s, w in STATES])[0]
            if position.framework:
                key = position.framework
                if key not in samples:
                    samples[key] = clean_sample(framework[key].sample)
                copied = f"{key} {framework[key].name}"
            else:
                key = f"custom:{position.custom.name}:{position.custom.area}"
                if key not in samples:
                    samples[key] = clean_sample(custom_sample(position.custom))
                copied = ""
            content = samples[key]
            saves = rng.randint(0, 3)
            if state == "submitted":  # waiting in the approver's queue since May or June
                created = _moment(rng, date(2026, 3, 1), date(2026, 4, 30))
            else:
                created = _moment(rng, date(2025, 9, 1), date(2026, 3, 31))
            v1 = DescriptionSpec(
                version=1,
                status="draft",
                content=content,
                created_by=author,
                created_at=created,
                updated_at=created if saves == 0 else _later(rng, created, 1, 45, last),
                lock_version=saves,
                copied_from=copied,
            )
            if state != "draft":
                v1.submitted_by = author
                v1.submitted_at = _later(rng, v1.updated_at, 1, 20, last)
                v1.lock_version += 1
                v1.updated_at = v1.submitted_at
                if state == "submitted":
                    v1.status = "submitted"
                else:
                    v1.decided_by = approver
                    v1.decided_at = _later(rng, v1.submitted_at, 1, 15, last)
                    v1.updated_at = v1.decided_at
                    v1.lock_version += 1
                    v1.status = "returned" if state == "returned" else "approved"
                    if state == "returned":
                        v1.return_comment = rng.choice(RETURN_COMMENTS)
            position.descriptions = [v1]
            if state == "approved+draft":
                v2_saves = rng.randint(1, 3)
                v2_created = _later(rng, v1.decided_at, 10, 90, last)
                position.descriptions.append(
                    DescriptionSpec(
                        version=2,
                        status="draft",
                        content=_changed(content, rng),
                        created_by=author,
                        created_at=v2_created,
                        updated_at=_later(rng, v2_created, 0, 20, last),
                        lock_version=v2_saves,
                        copied_from="phiên bản 1",
                    )
                )


# --------------------------------------------------------------------------- writing


@dataclass
class CatalogueCounts:
    positions: int = 0
    descriptions: Counter = field(default_factory=Counter)  # status -> count of latest-or-open versions
    assignments: int = 0
    concurrent: int = 0
    changed: Counter = field(default_factory=Counter)  # what this run created/updated/deleted


def _demo_position_codes(org_ids) -> dict:
    from positions.models import Position

    return {
        (org_id, code): pk
        for pk, org_id, code in Position.objects.filter(
            organization_id__in=org_ids, code__regex=rf"^{DEMO_POSITION_PREFIX}[0-9]+$"
        ).values_list("pk", "organization_id", "code")
    }


POSITION_FIELDS = (
    "name",
    "search_key",
    "group_id",
    "subgroup",
    "min_rank_id",
    "max_rank_id",
    "headcount",
    "framework_id",
    "order",
)
DESCRIPTION_FIELDS = (
    PROSE_FIELDS
    + PLAIN_FIELDS
    + (
        "status",
        "lock_version",
        "created_by_id",
        "updated_by_id",
        "submitted_at",
        "submitted_by_id",
        "decided_at",
        "decided_by_id",
        "return_comment",
        "copied_from",
        "created_at",
        "updated_at",
    )
)


def upsert_catalogues(catalogues: Catalogues, orgs, counts: CatalogueCounts) -> None:
    """Write positions, descriptions (with tasks and competency levels) and assignments."""
    from django.contrib.auth import get_user_model

    from positions.models import (
        Competency,
        DescriptionCompetency,
        DescriptionTask,
        FrameworkPosition,
        Position,
        PositionDescription,
        PositionGroup,
        Rank,
    )
    from staffing.models import Assignment

    groups = dict(PositionGroup.objects.values_list("code", "pk"))
    rank_ids = dict(Rank.objects.values_list("code", "pk"))
    framework_ids = dict(FrameworkPosition.objects.values_list("code", "pk"))
    competency_ids = dict(Competency.objects.values_list("code", "pk"))
    users = dict(
        get_user_model()
        .objects.filter(username__in={AUTHOR_A, APPROVER_A, AUTHOR_OTHERS, APPROVER_OTHERS})
        .values_list("username", "pk")
    )
    org_ids = [o.pk for o in orgs.values()]

    # ---- positions
    existing = {
        (org_id, code): row
        for org_id, code, *row in Position.objects.filter(
            organization_id__in=org_ids, code__regex=rf"^{DEMO_POSITION_PREFIX}[0-9]+$"
        ).values_list("organization_id", "code", "pk", *POSITION_FIELDS)
    }
    wanted, new, changed = {}, [], []
    for spec in catalogues.positions:
        key = (orgs[spec.org_code].pk, spec.code)
        values = (
            spec.name,
            fold(spec.name)[:255],
            groups[spec.group],
            spec.subgroup,
            rank_ids.get(spec.min_rank),
            rank_ids.get(spec.max_rank),
            spec.headcount,
            framework_ids.get(spec.framework),
            spec.order,
        )
        wanted[key] = spec
        row = existing.get(key)
        created = spec.descriptions[0].created_at
        if row is None:
            new.append((key[0], spec.code, *values, created, created))
        elif tuple(row[1:]) != values:
            changed.append(Position(pk=row[0], **dict(zip(POSITION_FIELDS, values, strict=True)), updated_at=created))
    stale = [row[0] for key, row in existing.items() if key not in wanted]
    demo_staff = Assignment.objects.filter(staff__employee_code__startswith=DEMO_EMPLOYEE_PREFIX)
    if stale:
        # Demo staff's assignments go first (they are rebuilt below); a position someone else holds stays.
        demo_staff.filter(position_id__in=stale).delete()
        held = set(Assignment.objects.filter(position_id__in=stale).values_list("position_id", flat=True))
        Position.objects.filter(pk__in=[pk for pk in stale if pk not in held]).delete()
    insert_rows(Position, ("organization_id", "code", *POSITION_FIELDS, "created_at", "updated_at"), new)
    Position.objects.bulk_update(changed, [*POSITION_FIELDS, "updated_at"], batch_size=500)
    counts.changed.update({"positions+": len(new), "positions~": len(changed), "positions-": len(stale)})
    position_ids = _demo_position_codes(org_ids)

    # ---- descriptions
    pids = list(position_ids.values())
    current = {
        (pid, version): (pk, row)
        for pid, version, pk, *row in PositionDescription.objects.filter(position_id__in=pids).values_list(
            "position_id", "version", "pk", *DESCRIPTION_FIELDS
        )
    }
    tasks_of: dict[int, list] = defaultdict(list)
    for description_id, task, outputs, criteria in (
        DescriptionTask.objects.filter(description__position_id__in=pids)
        .values_list("description_id", "task", "outputs", "criteria")
        .order_by("description_id", "order")
    ):
        tasks_of[description_id].append((task, outputs, criteria))
    levels_of: dict[int, list] = defaultdict(list)
    for description_id, competency_id, level in (
        DescriptionCompetency.objects.filter(description__position_id__in=pids)
        .values_list("description_id", "competency_id", "level")
        .order_by("description_id", "pk")
    ):
        levels_of[description_id].append((competency_id, level))

    keep, new_rows, changed_rows = set(), [], []
    new_content, rewrite = [], []  # (new description, tasks, levels); (existing pk, tasks, levels)
    for spec in catalogues.positions:
        pid = position_ids[(orgs[spec.org_code].pk, spec.code)]
        for d in spec.descriptions:
            values = tuple(d.content[f] for f in PROSE_FIELDS + PLAIN_FIELDS) + (
                d.status,
                d.lock_version,
                users.get(d.created_by),
                users.get(d.created_by),
                d.submitted_at,
                users.get(d.submitted_by),
                d.decided_at,
                users.get(d.decided_by),
                d.return_comment,
                d.copied_from,
                d.created_at,
                d.updated_at,
            )
            tasks = list(d.content["tasks"])
            levels = [(competency_ids[c], level) for c, level in d.content["competencies"] if c in competency_ids]
            keep.add((pid, d.version))
            found = current.get((pid, d.version))
            if found is None:
                new_rows.append((pid, d.version, *values))
                new_content.append(((pid, d.version), tasks, levels))
                continue
            pk, row = found
            if tuple(row) != values:
                changed_rows.append(PositionDescription(pk=pk, **dict(zip(DESCRIPTION_FIELDS, values, strict=True))))
            if tasks_of.get(pk, []) != tasks or levels_of.get(pk, []) != levels:
                rewrite.append((pk, tasks, levels))
    extra = [pk for key, (pk, _row) in current.items() if key not in keep]
    if extra:
        PositionDescription.objects.filter(pk__in=extra).delete()
    # A status change could briefly leave two open versions of a position: park the changed rows
    # as approved first, so the one-open-version constraint holds at every step.
    if changed_rows:
        PositionDescription.objects.filter(pk__in=[r.pk for r in changed_rows]).update(status="approved")
        PositionDescription.objects.bulk_update(changed_rows, list(DESCRIPTION_FIELDS), batch_size=300)
    insert_rows(PositionDescription, ("position_id", "version", *DESCRIPTION_FIELDS), new_rows)
    ids = {}
    if new_rows:
        ids = {
            (p, v): pk
            for p, v, pk in PositionDescription.objects.filter(position_id__in=pids).values_list(
                "position_id", "version", "pk"
            )
        }
    counts.changed.update(
        {"descriptions+": len(new_rows), "descriptions~": len(changed_rows), "descriptions-": len(extra)}
    )
    if rewrite:
        stale_ids = [pk for pk, _t, _l in rewrite]
        DescriptionTask.objects.filter(description_id__in=stale_ids).delete()
        DescriptionCompetency.objects.filter(description_id__in=stale_ids).delete()
    rewrite += [(ids[key], tasks, levels) for key, tasks, levels in new_content]
    insert_rows(
        DescriptionTask,
        ("description_id", "order", "task", "outputs", "criteria"),
        [(pk, i, t, o, c) for pk, tasks, _l in rewrite for i, (t, o, c) in enumerate(tasks, start=1)],
    )
    insert_rows(
        DescriptionCompetency,
        ("description_id", "competency_id", "level"),
        [(pk, cid, level) for pk, _t, levels in rewrite for cid, level in levels],
    )

    # ---- assignments
    _upsert_assignments(catalogues, position_ids, orgs, counts)
    counts.positions = len(catalogues.positions)
    counts.descriptions = Counter(d.status for p in catalogues.positions for d in p.descriptions)
    counts.assignments = len(catalogues.assignments)
    counts.concurrent = sum(a.kind == "concurrent" for a in catalogues.assignments)


_CONVERTED = {"DateField", "DateTimeField", "DecimalField"}


def insert_rows(model, names: tuple[str, ...], rows: list[tuple]) -> None:
    """INSERT plain rows (values in the order of ``names``, attnames), many rows per statement.

    Faster than ``bulk_create`` (no model instances, no per-value expression compilation) and it
    keeps the demo's own created_at/updated_at, which ``bulk_create`` would stamp with the wall
    clock. Values must be what the fields store (NFC text, sanitised HTML): only dates, times and
    decimals are adapted for the backend."""
    if not rows:
        return
    from django.db import connection

    fields = [model._meta.get_field(name.removesuffix("_id")) for name in names]
    qn = connection.ops.quote_name
    head = f"INSERT INTO {qn(model._meta.db_table)} ({', '.join(qn(f.column) for f in fields)}) VALUES "  # noqa: S608
    one = "(" + ", ".join(["%s"] * len(fields)) + ")"
    per_statement = min(1000, (connection.features.max_query_params or 65535) // len(fields))
    adapt = [(i, f.get_db_prep_save) for i, f in enumerate(fields) if f.get_internal_type() in _CONVERTED]
    with connection.cursor() as cursor:
        for start in range(0, len(rows), per_statement):
            batch = rows[start : start + per_statement]
            params = []
            for row in batch:
                if adapt:
                    row = list(row)
                    for i, prep in adapt:
                        row[i] = prep(row[i], connection)
                params.extend(row)
            cursor.execute(head + ", ".join([one] * len(batch)), params)


def _upsert_assignments(catalogues: Catalogues, position_ids, orgs, counts: CatalogueCounts) -> None:
    from staffing.models import Assignment, Staff

    staff_ids = dict(
        Staff.objects.filter(employee_code__startswith=DEMO_EMPLOYEE_PREFIX).values_list("employee_code", "pk")
    )
    current = {
        (staff_id, kind, position_id, start): (pk, fte, end)
        for pk, staff_id, kind, position_id, start, fte, end in Assignment.objects.filter(
            staff_id__in=staff_ids.values()
        ).values_list("pk", "staff_id", "kind", "position_id", "start_date", "fte", "end_date")
    }
    keep, new, changed = set(), [], []
    for a in catalogues.assignments:
        key = (staff_ids[a.employee_code], a.kind, position_ids[(orgs[a.org_code].pk, a.position_code)], a.start_date)
        keep.add(key)
        found = current.get(key)
        if found is None:
            new.append((key[0], a.kind, key[2], a.start_date, a.fte, a.end_date))
        elif (found[1], found[2]) != (a.fte, a.end_date):
            changed.append(Assignment(pk=found[0], fte=a.fte, end_date=a.end_date))
    extra = [pk for key, (pk, _f, _e) in current.items() if key not in keep]
    if extra:
        Assignment.objects.filter(pk__in=extra).delete()
    if changed:
        Assignment.objects.bulk_update(changed, ["fte", "end_date"], batch_size=500)
    insert_rows(Assignment, ("staff_id", "kind", "position_id", "start_date", "fte", "end_date"), new)
    counts.changed.update({"assignments+": len(new), "assignments~": len(changed), "assignments-": len(extra)})
