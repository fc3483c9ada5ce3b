"""The national demo's data tables (``seed_demo --scale national``): the 2025 province mergers,
the position templates of each kind of unit, the departments, units and communes' offices of a
province, and the ministries with their departments and units. Plain data; the builder is
``staffing.demo.national``."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

# The 2025 mergers (Resolution 202/2025/QH15): new province code -> the former provinces (code, name).
MERGED_FROM: dict[str, tuple[tuple[str, str], ...]] = {
    "08": (("08", "Tỉnh Tuyên Quang"), ("02", "Tỉnh Hà Giang")),
    "15": (("10", "Tỉnh Lào Cai"), ("15", "Tỉnh Yên Bái")),
    "19": (("19", "Tỉnh Thái Nguyên"), ("06", "Tỉnh Bắc Kạn")),
    "24": (("27", "Tỉnh Bắc Ninh"), ("24", "Tỉnh Bắc Giang")),
    "25": (("25", "Tỉnh Phú Thọ"), ("26", "Tỉnh Vĩnh Phúc"), ("17", "Tỉnh Hòa Bình")),
    "31": (("31", "Thành phố Hải Phòng"), ("30", "Tỉnh Hải Dương")),
    "33": (("33", "Tỉnh Hưng Yên"), ("34", "Tỉnh Thái Bình")),
    "37": (("37", "Tỉnh Ninh Bình"), ("35", "Tỉnh Hà Nam"), ("36", "Tỉnh Nam Định")),
    "44": (("45", "Tỉnh Quảng Trị"), ("44", "Tỉnh Quảng Bình")),
    "48": (("48", "Thành phố Đà Nẵng"), ("49", "Tỉnh Quảng Nam")),
    "51": (("51", "Tỉnh Quảng Ngãi"), ("62", "Tỉnh Kon Tum")),
    "52": (("64", "Tỉnh Gia Lai"), ("52", "Tỉnh Bình Định")),
    "56": (("56", "Tỉnh Khánh Hòa"), ("58", "Tỉnh Ninh Thuận")),
    "66": (("66", "Tỉnh Đắk Lắk"), ("54", "Tỉnh Phú Yên")),
    "68": (("68", "Tỉnh Lâm Đồng"), ("67", "Tỉnh Đắk Nông"), ("60", "Tỉnh Bình Thuận")),
    "75": (("75", "Tỉnh Đồng Nai"), ("70", "Tỉnh Bình Phước")),
    "79": (("79", "Thành phố Hồ Chí Minh"), ("74", "Tỉnh Bình Dương"), ("77", "Tỉnh Bà Rịa – Vũng Tàu")),
    "80": (("72", "Tỉnh Tây Ninh"), ("80", "Tỉnh Long An")),
    "82": (("87", "Tỉnh Đồng Tháp"), ("82", "Tỉnh Tiền Giang")),
    "86": (("86", "Tỉnh Vĩnh Long"), ("83", "Tỉnh Bến Tre"), ("84", "Tỉnh Trà Vinh")),
    "91": (("89", "Tỉnh An Giang"), ("91", "Tỉnh Kiên Giang")),
    "92": (("92", "Thành phố Cần Thơ"), ("94", "Tỉnh Sóc Trăng"), ("93", "Tỉnh Hậu Giang")),
    "96": (("96", "Tỉnh Cà Mau"), ("95", "Tỉnh Bạc Liêu")),
}
# Build order: a subset (--provinces N) takes the first N: the largest city (unmerged), a
# province formed from 2 and one formed from 3, then the others by code.
FIRST_PROVINCES = ("01", "31", "37")
# Staff per commune relative to an ordinary province (cities have larger units).
PROVINCE_SIZE = {"01": 1.7, "79": 1.4, "31": 1.3, "48": 1.3, "92": 1.2, "46": 1.2, "75": 1.2}

# --------------------------------------------------------------------------- position templates


@dataclass(frozen=True)
class Post:
    """A position of a unit's catalogue: ``slots`` people in order (leaders), else a ``weight``
    share of the rest. ``category`` "unit" = the unit's own (CC, VC or VCTC)."""

    name: str
    group: str  # LDQL | CMNV | HTPV
    subgroup: str = ""
    framework: str | None = None
    ranks: tuple[tuple[str, int], ...] = ()  # (rank code, weight), lowest rank first
    slots: int = 0
    weight: int = 0
    category: str = "unit"  # unit | CB | HD
    allowance: Decimal | None = None  # hệ số phụ cấp chức vụ lãnh đạo of a leader
    training: str | None = None  # required training level; None: đại học, none for HTPV


CV = (("01.003", 68), ("01.002", 27), ("01.001", 5))  # chuyên viên, chính, cao cấp
CV_LEAD = (("01.003", 20), ("01.002", 65), ("01.001", 15))
CV_TOP = (("01.002", 60), ("01.001", 40))
CLERK = (("02.008", 30), ("02.007", 60), ("02.006", 10))
ACCOUNTANT = (("06.032", 15), ("06.031", 70), ("06.030", 15))
NO_RANK: tuple[tuple[str, int], ...] = ()

SUPPORT = Post("Nhân viên bảo vệ", "HTPV", framework="HTPV-03", weight=1, category="HD")
DRIVER = Post("Lái xe", "HTPV", framework="HTPV-02", weight=1, category="HD")
SERVICE = Post("Nhân viên phục vụ", "HTPV", framework="HTPV-04", weight=1, category="HD")

TEMPLATES: dict[str, tuple[Post, ...]] = {
    "department": (
        Post("Giám đốc Sở", "LDQL", framework="LDQL-01", ranks=CV_TOP, slots=1, allowance=Decimal("0.90")),
        Post("Phó Giám đốc Sở", "LDQL", framework="LDQL-02", ranks=CV_TOP, weight=1, allowance=Decimal("0.70")),
    ),
    "division": (
        Post("Trưởng phòng", "LDQL", framework="LDQL-05", ranks=CV_LEAD, slots=1, allowance=Decimal("0.60")),
        Post("Phó Trưởng phòng", "LDQL", framework="LDQL-06", ranks=CV_LEAD, slots=2, allowance=Decimal("0.40")),
        Post("Chuyên viên nghiệp vụ chuyên ngành", "CMNV", "CN", ranks=CV, weight=8),
        Post("Chuyên viên tổng hợp", "CMNV", "DC", "CMNV-DC-13", CV, weight=3),
        Post("Chuyên viên về hành chính – văn phòng", "CMNV", "DC", "CMNV-DC-03", CV, weight=2),
        Post("Kế toán", "CMNV", "DC", "CMNV-DC-11", ACCOUNTANT, weight=1),
        DRIVER,
    ),
    "centre": (
        Post("Giám đốc", "LDQL", ranks=CV_LEAD, slots=1, allowance=Decimal("0.60")),
        Post("Phó Giám đốc", "LDQL", ranks=CV_LEAD, slots=2, allowance=Decimal("0.40")),
        Post("Viên chức chuyên môn", "CMNV", "CN", ranks=CV, weight=12),
        Post("Văn thư", "CMNV", "DC", "CMNV-DC-01", CLERK, weight=1),
        Post("Kế toán", "CMNV", "DC", "CMNV-DC-11", ACCOUNTANT, weight=1),
        DRIVER,
        SUPPORT,
    ),
    "hospital": (
        Post(
            "Giám đốc bệnh viện",
            "LDQL",
            ranks=(("V.08.01.02", 50), ("V.08.01.01", 50)),
            slots=1,
            allowance=Decimal("0.90"),
        ),
        Post(
            "Phó Giám đốc bệnh viện",
            "LDQL",
            ranks=(("V.08.01.02", 70), ("V.08.01.01", 30)),
            slots=3,
            allowance=Decimal("0.70"),
        ),
        Post("Bác sĩ", "CMNV", "CN", ranks=(("V.08.01.03", 60), ("V.08.01.02", 32), ("V.08.01.01", 8)), weight=10),
        Post("Điều dưỡng, kỹ thuật viên y", "CMNV", "CN", weight=14, training="CD"),
        Post("Chuyên viên về công nghệ thông tin", "CMNV", "DC", "CMNV-DC-05", CV, weight=1),
        Post("Kế toán", "CMNV", "DC", "CMNV-DC-11", ACCOUNTANT, weight=1),
        SUPPORT,
        SERVICE,
    ),
    "high_school": (
        Post("Hiệu trưởng", "LDQL", ranks=(("V.07.05.14", 40), ("V.07.05.13", 60)), slots=1, allowance=Decimal("0.55")),
        Post(
            "Phó Hiệu trưởng",
            "LDQL",
            ranks=(("V.07.05.14", 70), ("V.07.05.13", 30)),
            slots=2,
            allowance=Decimal("0.45"),
        ),
        Post(
            "Giáo viên trung học phổ thông",
            "CMNV",
            "CN",
            ranks=(("V.07.05.15", 45), ("V.07.05.14", 45), ("V.07.05.13", 10)),
            weight=20,
        ),
        Post("Văn thư", "CMNV", "DC", "CMNV-DC-01", CLERK, weight=1),
        Post("Kế toán", "CMNV", "DC", "CMNV-DC-11", ACCOUNTANT, weight=1),
        SUPPORT,
    ),
    "school": (
        Post("Hiệu trưởng", "LDQL", ranks=(("V.07.04.31", 60), ("V.07.04.30", 40)), slots=1, allowance=Decimal("0.35")),
        Post(
            "Phó Hiệu trưởng",
            "LDQL",
            ranks=(("V.07.03.28", 50), ("V.07.04.31", 50)),
            slots=2,
            allowance=Decimal("0.25"),
        ),
        Post(
            "Giáo viên tiểu học",
            "CMNV",
            "CN",
            ranks=(("V.07.03.29", 45), ("V.07.03.28", 45), ("V.07.03.27", 10)),
            weight=11,
        ),
        Post(
            "Giáo viên trung học cơ sở",
            "CMNV",
            "CN",
            ranks=(("V.07.04.32", 45), ("V.07.04.31", 45), ("V.07.04.30", 10)),
            weight=9,
        ),
        Post("Kế toán", "CMNV", "DC", "CMNV-DC-11", ACCOUNTANT, weight=1),
        SUPPORT,
    ),
    "commune": (
        Post("Chủ tịch Ủy ban nhân dân", "LDQL", ranks=CV_LEAD, slots=1, category="CB", allowance=Decimal("0.30")),
        Post("Phó Chủ tịch Ủy ban nhân dân", "LDQL", ranks=CV_LEAD, slots=2, category="CB", allowance=Decimal("0.25")),
        Post("Chủ tịch Hội đồng nhân dân", "LDQL", ranks=CV_LEAD, slots=1, category="CB", allowance=Decimal("0.30")),
        Post("Phó Chủ tịch Hội đồng nhân dân", "LDQL", ranks=CV, weight=1, category="CB", allowance=Decimal("0.25")),
    ),
    "commune_office": (
        Post("Trưởng phòng", "LDQL", framework="LDQL-07", ranks=CV_LEAD, slots=1, allowance=Decimal("0.30")),
        Post("Phó Trưởng phòng", "LDQL", framework="LDQL-08", ranks=CV, slots=1, allowance=Decimal("0.20")),
        Post("Chuyên viên nghiệp vụ chuyên ngành", "CMNV", "CN", ranks=CV, weight=4),
        Post("Chuyên viên về hành chính – văn phòng", "CMNV", "DC", "CMNV-DC-03", CV, weight=2),
        Post("Kế toán", "CMNV", "DC", "CMNV-DC-11", ACCOUNTANT, weight=1),
        SERVICE,
    ),
    "ministry": (
        Post("Bộ trưởng", "LDQL", ranks=(("01.001", 1),), slots=1),
        Post("Thứ trưởng", "LDQL", ranks=(("01.001", 1),), weight=1),
    ),
    "ministry_department": (
        Post("Vụ trưởng, Cục trưởng", "LDQL", ranks=CV_TOP, slots=1, allowance=Decimal("1.00")),
        Post("Phó Vụ trưởng, Phó Cục trưởng", "LDQL", ranks=CV_TOP, slots=3, allowance=Decimal("0.80")),
        Post("Chuyên viên nghiệp vụ chuyên ngành", "CMNV", "CN", ranks=CV_LEAD, weight=10),
        Post("Chuyên viên về tổ chức – nhân sự", "CMNV", "DC", "CMNV-DC-07", CV, weight=1),
        Post("Chuyên viên về pháp chế", "CMNV", "DC", "CMNV-DC-09", CV, weight=1),
        Post("Chuyên viên về kế hoạch – tài chính", "CMNV", "DC", "CMNV-DC-10", CV, weight=1),
        Post("Văn thư", "CMNV", "DC", "CMNV-DC-01", CLERK, weight=1),
        DRIVER,
    ),
}
# The quota category of the people of a unit (quota "unit" category), by the unit's profile.
UNIT_CATEGORY = {"admin": "CC", "ministry": "CC", "commune": "CC", "sncl": "VC", "self_funded": "VCTC"}
FEMALE_SHARE = {"admin": 0.45, "ministry": 0.5, "commune": 0.4, "sncl": 0.66, "self_funded": 0.62}

# --------------------------------------------------------------------------- organisation data

# A province's public service units outside its communes, per department name (data.DEPARTMENTS):
# (name, template, staff weight, profile). "tỉnh" in a name becomes "thành phố" in a city.
DEPARTMENT_UNITS: dict[str, tuple[tuple[str, str, int, str], ...]] = {
    "Văn phòng Ủy ban nhân dân tỉnh": (("Trung tâm Phục vụ hành chính công tỉnh", "centre", 35, "sncl"),),
    "Sở Nội vụ": (
        ("Trung tâm Lưu trữ lịch sử", "centre", 20, "sncl"),
        ("Trung tâm Dịch vụ việc làm", "centre", 35, "sncl"),
    ),
    "Sở Tài chính": (("Trung tâm Xúc tiến đầu tư và Hỗ trợ doanh nghiệp", "centre", 25, "sncl"),),
    "Sở Tư pháp": (
        ("Trung tâm Trợ giúp pháp lý nhà nước", "centre", 20, "sncl"),
        ("Trung tâm Dịch vụ đấu giá tài sản", "centre", 12, "self_funded"),
    ),
    "Sở Y tế": (
        ("Bệnh viện Đa khoa tỉnh", "hospital", 520, "self_funded"),
        ("Bệnh viện Sản Nhi", "hospital", 260, "self_funded"),
        ("Trung tâm Kiểm soát bệnh tật tỉnh", "centre", 90, "sncl"),
    ),
    "Sở Xây dựng": (("Trung tâm Đăng kiểm phương tiện", "centre", 25, "self_funded"),),
    "Sở Nông nghiệp và Môi trường": (
        ("Trung tâm Khuyến nông", "centre", 30, "sncl"),
        ("Văn phòng Đăng ký đất đai", "centre", 60, "self_funded"),
    ),
    "Sở Khoa học và Công nghệ": (("Trung tâm Thông tin và Chuyển đổi số", "centre", 25, "sncl"),),
    "Sở Văn hoá, Thể thao và Du lịch": (
        ("Bảo tàng tỉnh", "centre", 30, "sncl"),
        ("Thư viện tỉnh", "centre", 25, "sncl"),
        ("Trung tâm Huấn luyện và Thi đấu thể thao", "centre", 40, "sncl"),
    ),
}
HIGH_SCHOOL_EVERY = 6  # a high school (Sở Giáo dục) for every 6th commune
HEALTH_CENTRE_EVERY = 12  # a regional health centre (Sở Y tế) for every 12th commune
COMMUNE_OFFICES = ("Văn phòng Hội đồng nhân dân và Ủy ban nhân dân", "Phòng Văn hoá – Xã hội")

# The 17 ministries and ministerial agencies: (name, former bodies it was formed from since
# 1/3/2025, its vụ/cục, its public service units as (name, template, weight, profile)).
COMMON_MINISTRY_DEPARTMENTS = ("Văn phòng Bộ", "Vụ Tổ chức cán bộ", "Vụ Kế hoạch – Tài chính", "Vụ Pháp chế")
MINISTRIES: tuple[tuple[str, tuple[str, ...], tuple[str, ...], tuple[tuple[str, str, int, str], ...]], ...] = (
    (
        "Bộ Nội vụ",
        ("Bộ Nội vụ (trước 01/3/2025)", "Bộ Lao động – Thương binh và Xã hội"),
        ("Vụ Tổ chức – Biên chế", "Vụ Công chức – Viên chức", "Vụ Chính quyền địa phương", "Cục Việc làm"),
        (
            ("Trung tâm Công nghệ thông tin", "centre", 40, "sncl"),
            ("Viện Khoa học tổ chức nhà nước", "centre", 50, "sncl"),
        ),
    ),
    (
        "Bộ Tài chính",
        ("Bộ Tài chính (trước 01/3/2025)", "Bộ Kế hoạch và Đầu tư"),
        ("Vụ Ngân sách nhà nước", "Vụ Đầu tư", "Cục Quản lý công sản", "Cục Phát triển doanh nghiệp"),
        (
            ("Học viện Tài chính", "centre", 450, "self_funded"),
            ("Viện Chiến lược và Chính sách tài chính", "centre", 60, "sncl"),
        ),
    ),
    (
        "Bộ Xây dựng",
        ("Bộ Xây dựng (trước 01/3/2025)", "Bộ Giao thông vận tải"),
        (
            "Vụ Kết cấu hạ tầng",
            "Cục Đường bộ Việt Nam",
            "Cục Hàng hải và Đường thủy Việt Nam",
            "Cục Kinh tế – Quản lý đầu tư xây dựng",
        ),
        (
            ("Trường Đại học Xây dựng Hà Nội", "centre", 500, "self_funded"),
            ("Viện Kiến trúc Quốc gia", "centre", 80, "sncl"),
        ),
    ),
    (
        "Bộ Nông nghiệp và Môi trường",
        ("Bộ Nông nghiệp và Phát triển nông thôn", "Bộ Tài nguyên và Môi trường"),
        (
            "Cục Trồng trọt và Bảo vệ thực vật",
            "Cục Chăn nuôi và Thú y",
            "Cục Quản lý đất đai",
            "Cục Biến đổi khí hậu",
            "Cục Lâm nghiệp và Kiểm lâm",
        ),
        (
            ("Trung tâm Khuyến nông Quốc gia", "centre", 90, "sncl"),
            ("Tổng cục Khí tượng Thủy văn", "centre", 400, "sncl"),
            ("Trường Đại học Thủy lợi", "centre", 450, "self_funded"),
        ),
    ),
    (
        "Bộ Khoa học và Công nghệ",
        ("Bộ Khoa học và Công nghệ (trước 01/3/2025)", "Bộ Thông tin và Truyền thông"),
        ("Vụ Kế hoạch – Tổng hợp", "Cục Chuyển đổi số quốc gia", "Cục Bưu điện Trung ương", "Cục Sở hữu trí tuệ"),
        (
            ("Học viện Công nghệ Bưu chính Viễn thông", "centre", 450, "self_funded"),
            ("Viện Chiến lược Khoa học và Công nghệ", "centre", 70, "sncl"),
        ),
    ),
    (
        "Bộ Dân tộc và Tôn giáo",
        ("Ủy ban Dân tộc", "Ban Tôn giáo Chính phủ"),
        ("Vụ Chính sách dân tộc", "Vụ Tôn giáo", "Vụ Địa phương"),
        (("Học viện Dân tộc", "centre", 120, "sncl"),),
    ),
    (
        "Bộ Quốc phòng",
        (),
        ("Cục Cán bộ", "Cục Kế hoạch và Đầu tư"),
        (("Bệnh viện Trung ương Quân đội 108", "hospital", 900, "self_funded"),),
    ),
    (
        "Bộ Công an",
        (),
        ("Cục Tổ chức cán bộ", "Cục Kế hoạch và Tài chính"),
        (("Bệnh viện 19-8", "hospital", 600, "self_funded"),),
    ),
    (
        "Bộ Ngoại giao",
        (),
        ("Vụ Lễ tân Nhà nước", "Cục Lãnh sự", "Vụ Hợp tác kinh tế đa phương"),
        (("Học viện Ngoại giao", "centre", 220, "self_funded"),),
    ),
    (
        "Bộ Tư pháp",
        (),
        ("Vụ Các vấn đề chung về xây dựng pháp luật", "Cục Quản lý thi hành án dân sự", "Cục Bổ trợ tư pháp"),
        (("Trường Đại học Luật Hà Nội", "centre", 350, "self_funded"),),
    ),
    (
        "Bộ Công Thương",
        (),
        ("Vụ Thị trường trong nước", "Cục Xuất nhập khẩu", "Cục Điện lực"),
        (("Trường Đại học Công nghiệp Hà Nội", "centre", 700, "self_funded"),),
    ),
    (
        "Bộ Văn hoá, Thể thao và Du lịch",
        (),
        ("Cục Di sản văn hóa", "Cục Thể dục thể thao", "Cục Du lịch Quốc gia Việt Nam"),
        (("Bảo tàng Lịch sử quốc gia", "centre", 120, "sncl"), ("Thư viện Quốc gia Việt Nam", "centre", 110, "sncl")),
    ),
    (
        "Bộ Giáo dục và Đào tạo",
        (),
        (
            "Vụ Giáo dục phổ thông",
            "Vụ Giáo dục đại học",
            "Cục Quản lý chất lượng",
            "Cục Nhà giáo và Cán bộ quản lý giáo dục",
        ),
        (
            ("Trường Đại học Sư phạm Hà Nội", "centre", 900, "self_funded"),
            ("Trường Đại học Bách khoa Hà Nội", "centre", 1300, "self_funded"),
            ("Trường Đại học Cần Thơ", "centre", 1000, "self_funded"),
        ),
    ),
    (
        "Bộ Y tế",
        (),
        ("Vụ Kế hoạch – Tài chính y tế", "Cục Quản lý khám, chữa bệnh", "Cục Quản lý Dược", "Cục Phòng bệnh"),
        (
            ("Bệnh viện Bạch Mai", "hospital", 2600, "self_funded"),
            ("Bệnh viện Chợ Rẫy", "hospital", 2400, "self_funded"),
            ("Bệnh viện K", "hospital", 1500, "self_funded"),
            ("Bệnh viện Nhi Trung ương", "hospital", 1400, "self_funded"),
            ("Bệnh viện Trung ương Huế", "hospital", 1600, "self_funded"),
            ("Viện Vệ sinh dịch tễ Trung ương", "centre", 300, "sncl"),
            ("Trường Đại học Y Hà Nội", "centre", 800, "self_funded"),
        ),
    ),
    (
        "Ngân hàng Nhà nước Việt Nam",
        (),
        ("Vụ Chính sách tiền tệ", "Cục Quản lý ngoại hối", "Vụ Thanh toán"),
        (("Học viện Ngân hàng", "centre", 500, "self_funded"),),
    ),
    (
        "Thanh tra Chính phủ",
        (),
        ("Cục Thanh tra khối kinh tế", "Cục Giải quyết khiếu nại, tố cáo", "Cục Phòng, chống tham nhũng"),
        (("Trường Cán bộ thanh tra", "centre", 60, "sncl"),),
    ),
    (
        "Văn phòng Chính phủ",
        (),
        ("Vụ Tổng hợp", "Vụ Kinh tế ngành", "Cục Kiểm soát thủ tục hành chính"),
        (("Trung tâm Thông tin", "centre", 80, "sncl"),),
    ),
)
# Build order of the ministries (--ministries N takes the first N): a merged one first.
FIRST_MINISTRIES = ("Bộ Nội vụ", "Bộ Tư pháp")
