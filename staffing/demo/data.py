# ruff: noqa: E501  (Vietnamese prose data: long string literals are kept whole where they read better)
"""The demo's data tables: the organisation tree and its staff profiles, Vietnamese names, salary
ladders and ratings, the positions each kind of organisation gets (framework codes and
sector-specific custom positions), and the texts of the descriptions (custom samples, return
comments, the edits of a second version, how descriptions stand in the workflow).

Tables only; the builders that read them are ``orgs``, ``people``, ``catalogue`` and
``descriptions``.
"""

from decimal import Decimal

from positions.seed.framework import (
    LEADER_CONDITIONS,
    LEADER_QUALITIES,
    LEADER_STANDARD,
    OFFICE_CONDITIONS,
    OFFICER_QUALITIES,
)
from staffing.demo.specs import Custom

# --------------------------------------------------------------------------- organisations

# Staff profiles: how an organisation's people split into categories, and its share of women.
PROFILES = {
    "admin": ({"CC": 90, "HD": 10}, 0.45),
    "ministry": ({"CC": 92, "HD": 8}, 0.50),
    "sncl": ({"VC": 75, "VCTC": 12, "HD": 13}, 0.60),
    "self_funded": ({"VC": 35, "VCTC": 55, "HD": 10}, 0.62),
    "commune": ({"CB": 38, "CC": 52, "HD": 10}, 0.40),
}

# (name, merged on 1/3/2025?, divisions, public service units as (name, weight, profile))
DEPARTMENTS = [
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

MINISTRY = (
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

# --------------------------------------------------------------------------- salaries and ratings

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

# Salary groups from lowest to highest (a person's ladder is matched to a rank's salary group).
SALARY_ORDER = ["B", "A0", "A1", "A2.2", "A2.1", "A3.2", "A3.1"]

# --------------------------------------------------------------------------- training and allowances (issue 9)

# A person's training level by the salary group of their rank (contract staff: "HD"), as
# cumulative shares: A1 is 12 % thạc sĩ, 88 % đại học. "" = none recorded (drivers, guards).
TRAINING_BY_SALARY_GROUP = {
    "A3": (("TS", 0.15), ("THS", 0.75), ("DH", 1.0)),
    "A2": (("TS", 0.03), ("THS", 0.40), ("DH", 1.0)),
    "A1": (("THS", 0.12), ("DH", 1.0)),
    "A0": (("DH", 0.30), ("CD", 1.0)),
    "B": (("CD", 0.15), ("TC", 0.85), ("SC", 1.0)),
    "HD": (("CD", 0.10), ("TC", 0.45), ("SC", 0.75), ("", 1.0)),
}
# Fields of people whose position names none of its own (leaders: "phù hợp với lĩnh vực …").
GENERIC_FIELDS = [
    "Luật",
    "Kinh tế",
    "Quản lý nhà nước",
    "Hành chính học",
    "Tài chính – Ngân hàng",
    "Quản trị kinh doanh",
]
# Hệ số phụ cấp chức vụ lãnh đạo by framework position (or custom post): the head and deputies of
# a department (sở), of an office or division, of a public service unit, of a commune's offices and
# its people's committee. A ministry's vụ and cục add 0.40; a minister has none (position salary).
LEADERSHIP_ALLOWANCES = {
    "LDQL-01": Decimal("0.90"),
    "LDQL-02": Decimal("0.70"),
    "LDQL-03": Decimal("0.60"),
    "LDQL-04": Decimal("0.40"),
    "LDQL-05": Decimal("0.60"),
    "LDQL-06": Decimal("0.40"),
    "LDQL-07": Decimal("0.30"),
    "LDQL-08": Decimal("0.20"),
    "Chủ tịch Ủy ban nhân dân": Decimal("0.30"),
    "Phó Chủ tịch Ủy ban nhân dân": Decimal("0.25"),
}
PUBLIC_SERVICE_PERCENT = Decimal(25)  # phụ cấp công vụ of cán bộ and công chức, % of the salary

# --------------------------------------------------------------------------- positions

CVC_CC = ("01.002", "01.001")  # chuyên viên chính .. chuyên viên cao cấp
CC_ONLY = ("01.001", "01.001")
NO_RANK = (None, None)

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
# Professional positions of public service units, by a keyword of the unit's name (first match).
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

# The titles of the head and deputies of the bodies whose framework titles (LDQL-01, LDQL-02) do not fit.
BOARD_TITLES = {
    "Văn phòng Ủy ban nhân dân tỉnh": (
        "Chánh Văn phòng Ủy ban nhân dân tỉnh",
        "Phó Chánh Văn phòng Ủy ban nhân dân tỉnh",
    ),
    "Thanh tra tỉnh": ("Chánh Thanh tra tỉnh", "Phó Chánh Thanh tra tỉnh"),
    "Bộ Nội vụ": ("Bộ trưởng", "Thứ trưởng"),
}

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

# Sample descriptions of custom positions by ``Custom.kind``, in the framework samples' JSON shape;
# ``{area}``, ``{training_field}`` and ``{training_level}`` are filled in from the ``Custom``.
CUSTOM_SAMPLES = {
    "leader": {
        "objective": (
            "<p>Lãnh đạo, chỉ đạo, điều hành hoạt động của Ủy ban nhân dân xã trong phạm vi được giao ({area}); "
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
        "training_field": "{training_field}",
        "experience": "<p>Có thời gian công tác, kinh nghiệm lãnh đạo, quản lý theo tiêu chuẩn chức danh do cấp có thẩm quyền quy định.</p>",
        "personal_qualities": LEADER_QUALITIES,
        "other_requirements": LEADER_STANDARD,
        "competencies": [
            ["NLC01", 4], ["NLC02", 4], ["NLC03", 3], ["NLC04", 4], ["NLC05", 4], ["NLC06", 3],
            ["NLQL01", 3], ["NLQL02", 4], ["NLQL03", 3], ["NLQL04", 3],
        ],
    },
    "practice": {
        "objective": "<p>Thực hiện {area} theo chuyên môn được đào tạo, chuẩn nghề nghiệp và quy định của đơn vị, góp phần nâng cao chất lượng dịch vụ sự nghiệp công.</p>",
        "tasks": [
            {
                "task": "Thực hiện {area} theo quy trình chuyên môn, quy chuẩn nghề nghiệp.",
                "outputs": "Công việc chuyên môn được thực hiện và ghi chép đầy đủ trong hồ sơ, sổ sách.",
                "criteria": "Đúng quy trình; không để xảy ra sai sót chuyên môn; người sử dụng dịch vụ hài lòng.",
            },
            {
                "task": "Tham gia xây dựng kế hoạch, quy trình, tài liệu chuyên môn về {area} của đơn vị.",
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
        "training_level": "{training_level}",
        "training_field": "{training_field}",
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
    },
    "manage": {
        "objective": "<p>Tham mưu, giúp lãnh đạo thực hiện chức năng quản lý nhà nước về {area}; bảo đảm các nhiệm vụ được giao hoàn thành đúng thời hạn, đúng quy định của pháp luật.</p>",
        "tasks": [
            {
                "task": "Nghiên cứu, tham mưu xây dựng văn bản, chương trình, kế hoạch về {area}.",
                "outputs": "Dự thảo văn bản, chương trình, kế hoạch trình lãnh đạo.",
                "criteria": "Đúng thời hạn; nội dung phù hợp quy định pháp luật và tình hình thực tế; được lãnh đạo chấp thuận.",
            },
            {
                "task": "Hướng dẫn, đôn đốc, kiểm tra việc thực hiện các quy định về {area}.",
                "outputs": "Văn bản hướng dẫn; biên bản, báo cáo kết quả kiểm tra.",
                "criteria": "Đúng kế hoạch được duyệt; kiến nghị xử lý cụ thể, có căn cứ.",
            },
            {
                "task": "Tiếp nhận, thẩm định hồ sơ, giải quyết thủ tục hành chính thuộc lĩnh vực {area}.",
                "outputs": "Phiếu trình, kết quả giải quyết thủ tục hành chính.",
                "criteria": "Không có hồ sơ giải quyết quá hạn; đúng quy trình nội bộ đã công bố.",
            },
            {
                "task": "Theo dõi, tổng hợp, báo cáo định kỳ và đột xuất về {area}; cập nhật cơ sở dữ liệu chuyên ngành.",
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
        "relationships_external": "<p>Phối hợp với các cơ quan, đơn vị, Ủy ban nhân dân cấp xã và tổ chức, cá nhân có liên quan trong lĩnh vực {area}.</p>",
        "authority": "<ul><li>Được cung cấp thông tin, tài liệu cần thiết để thực hiện nhiệm vụ.</li><li>Đề xuất, kiến nghị biện pháp xử lý trong lĩnh vực được phân công.</li><li>Từ chối thực hiện yêu cầu trái quy định của pháp luật.</li></ul>",
        "working_conditions": OFFICE_CONDITIONS,
        "training_level": "{training_level}",
        "training_field": "{training_field}",
        "experience": "<p>Có ít nhất 01 năm công tác trong lĩnh vực được giao hoặc lĩnh vực gần.</p>",
        "personal_qualities": OFFICER_QUALITIES,
        "other_requirements": "",
        "competencies": [
            ["NLC01", 3], ["NLC02", 3], ["NLC03", 3], ["NLC04", 2], ["NLC05", 3], ["NLC06", 3], ["NLC07", 2],
            ["NLCM01", 3], ["NLCM02", 3],
        ],
    },
}  # fmt: skip
