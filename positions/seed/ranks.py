"""Civil-service ranks (ngạch công chức) and viên chức professional titles (chức danh nghề
nghiệp, ``V.xx.yy.zz``, hạng I–IV).

``level`` orders ranks inside one field so that a position's minimum rank has level ≤ its
maximum's: for ranks, cao cấp 5 > chính 4 > (chuyên viên, kế toán viên …) 3 > cán sự /
trung cấp 2 > nhân viên 1; for professional titles, hạng I 5, II 4, III 3, IV 2.

Coefficient ranges are those of the salary groups of Decree 204/2004/NĐ-CP (bảng 2, bảng 3).
No legal document for the rank circulars (e.g. 02/2021/TT-BNV, 29/2022/TT-BTC) is seeded yet,
so ``legal_basis`` stays empty; a national admin links it once the document is added.
"""

from decimal import Decimal

SALARY_GROUPS = {
    "A3.1": (Decimal("6.20"), Decimal("8.00")),
    "A3.2": (Decimal("5.75"), Decimal("7.55")),
    "A2.1": (Decimal("4.40"), Decimal("6.78")),
    "A2.2": (Decimal("4.00"), Decimal("6.38")),
    "A1": (Decimal("2.34"), Decimal("4.98")),
    "A0": (Decimal("2.10"), Decimal("4.89")),
    "B": (Decimal("1.86"), Decimal("4.06")),
}

GRADE_LEVEL = {"I": 5, "II": 4, "III": 3, "IV": 2}

# Civil-service ranks: (code, name, field, salary group, level).
CIVIL_SERVICE_RANKS = [
    # Hành chính (docs/rules.md §3 table).
    ("01.001", "Chuyên viên cao cấp", "Hành chính", "A3.1", 5),
    ("01.002", "Chuyên viên chính", "Hành chính", "A2.1", 4),
    ("01.003", "Chuyên viên", "Hành chính", "A1", 3),
    ("01.004", "Cán sự", "Hành chính", "A0", 2),
    ("01.005", "Nhân viên", "Hành chính", "B", 1),
    # Văn thư (Thông tư 02/2021/TT-BNV).
    ("02.006", "Văn thư viên chính", "Văn thư", "A2.1", 4),
    ("02.007", "Văn thư viên", "Văn thư", "A1", 3),
    ("02.008", "Văn thư viên trung cấp", "Văn thư", "A0", 2),
    # Thanh tra (Thông tư 02/2021/TT-BNV).
    ("04.023", "Thanh tra viên cao cấp", "Thanh tra", "A3.1", 5),
    ("04.024", "Thanh tra viên chính", "Thanh tra", "A2.1", 4),
    ("04.025", "Thanh tra viên", "Thanh tra", "A1", 3),
    # Kế toán (Thông tư 29/2022/TT-BTC, trước đó 77/2019/TT-BTC).
    ("06.029", "Kế toán viên cao cấp", "Kế toán", "A3.1", 5),
    ("06.030", "Kế toán viên chính", "Kế toán", "A2.1", 4),
    ("06.031", "Kế toán viên", "Kế toán", "A1", 3),
    ("06.032", "Kế toán viên trung cấp", "Kế toán", "A0", 2),
]

# Viên chức professional titles: (code, name, field, grade, salary group).
PROFESSIONAL_TITLES = [
    # Lưu trữ (Thông tư 07/2022/TT-BNV).
    ("V.01.02.01", "Lưu trữ viên chính (hạng II)", "Lưu trữ", "II", "A2.1"),
    ("V.01.02.02", "Lưu trữ viên (hạng III)", "Lưu trữ", "III", "A1"),
    # Giáo dục mầm non (Thông tư 01/2021/TT-BGDĐT).
    ("V.07.02.24", "Giáo viên mầm non hạng I", "Giáo dục mầm non", "I", "A2.2"),
    ("V.07.02.25", "Giáo viên mầm non hạng II", "Giáo dục mầm non", "II", "A1"),
    ("V.07.02.26", "Giáo viên mầm non hạng III", "Giáo dục mầm non", "III", "A0"),
    # Giáo dục tiểu học (Thông tư 02/2021/TT-BGDĐT).
    ("V.07.03.27", "Giáo viên tiểu học hạng I", "Giáo dục tiểu học", "I", "A2.1"),
    ("V.07.03.28", "Giáo viên tiểu học hạng II", "Giáo dục tiểu học", "II", "A2.2"),
    ("V.07.03.29", "Giáo viên tiểu học hạng III", "Giáo dục tiểu học", "III", "A1"),
    # Giáo dục trung học cơ sở (Thông tư 03/2021/TT-BGDĐT).
    ("V.07.04.30", "Giáo viên trung học cơ sở hạng I", "Giáo dục trung học cơ sở", "I", "A2.1"),
    ("V.07.04.31", "Giáo viên trung học cơ sở hạng II", "Giáo dục trung học cơ sở", "II", "A2.2"),
    ("V.07.04.32", "Giáo viên trung học cơ sở hạng III", "Giáo dục trung học cơ sở", "III", "A1"),
    # Giáo dục trung học phổ thông (Thông tư 04/2021/TT-BGDĐT).
    ("V.07.05.13", "Giáo viên trung học phổ thông hạng I", "Giáo dục trung học phổ thông", "I", "A2.1"),
    ("V.07.05.14", "Giáo viên trung học phổ thông hạng II", "Giáo dục trung học phổ thông", "II", "A2.2"),
    ("V.07.05.15", "Giáo viên trung học phổ thông hạng III", "Giáo dục trung học phổ thông", "III", "A1"),
    # Y tế – bác sĩ (Thông tư liên tịch 10/2015/TTLT-BYT-BNV).
    ("V.08.01.01", "Bác sĩ cao cấp (hạng I)", "Y tế", "I", "A3.1"),
    ("V.08.01.02", "Bác sĩ chính (hạng II)", "Y tế", "II", "A2.1"),
    ("V.08.01.03", "Bác sĩ (hạng III)", "Y tế", "III", "A1"),
    # An toàn thông tin, công nghệ thông tin (Thông tư 08/2022/TT-BTTTT).
    ("V.11.05.09", "An toàn thông tin hạng I", "An toàn thông tin", "I", "A3.1"),
    ("V.11.05.10", "An toàn thông tin hạng II", "An toàn thông tin", "II", "A2.1"),
    ("V.11.05.11", "An toàn thông tin hạng III", "An toàn thông tin", "III", "A1"),
    ("V.11.05.12", "An toàn thông tin hạng IV", "An toàn thông tin", "IV", "A0"),
    ("V.11.06.12", "Công nghệ thông tin hạng I", "Công nghệ thông tin", "I", "A3.1"),
    ("V.11.06.13", "Công nghệ thông tin hạng II", "Công nghệ thông tin", "II", "A2.1"),
    ("V.11.06.14", "Công nghệ thông tin hạng III", "Công nghệ thông tin", "III", "A1"),
    ("V.11.06.15", "Công nghệ thông tin hạng IV", "Công nghệ thông tin", "IV", "A0"),
]

# Left out on purpose, to be added by a national admin once checked against the text:
NOTES = [
    "V.01.02.03 Lưu trữ viên trung cấp (hạng IV): nhóm lương (A0 hay B) chưa đối chiếu Thông tư 07/2022/TT-BNV.",
    "Ngạch công chức lưu trữ (02.0xx) và thủ quỹ (06.035?): mã ngạch chưa đối chiếu văn bản.",
    "Y sĩ, điều dưỡng, dược (V.08.03.xx, V.08.05.xx, V.08.08.xx): mã và nhóm lương chưa đối chiếu.",
    "Chức danh giáo viên theo Luật Nhà giáo 2025 (từ 01/01/2026) có thể thay đổi: kiểm tra khi có văn bản hướng dẫn.",
    "Ngạch thanh tra theo Luật Thanh tra 2025: kiểm tra lại tên, mã ngạch khi có văn bản hướng dẫn.",
]


def rank_rows():
    """All rows as dicts of Rank field values (``legal_basis`` left to the loader)."""
    rows = []
    for code, name, field, salary_group, level in CIVIL_SERVICE_RANKS:
        low, high = SALARY_GROUPS[salary_group]
        rows.append(
            {
                "code": code,
                "name": name,
                "kind": "NGACH",
                "field": field,
                "salary_group": salary_group,
                "grade": "",
                "level": level,
                "coefficient_min": low,
                "coefficient_max": high,
            }
        )
    for code, name, field, grade, salary_group in PROFESSIONAL_TITLES:
        low, high = SALARY_GROUPS[salary_group]
        rows.append(
            {
                "code": code,
                "name": name,
                "kind": "CDNN",
                "field": field,
                "salary_group": salary_group,
                "grade": grade,
                "level": GRADE_LEVEL[grade],
                "coefficient_min": low,
                "coefficient_max": high,
            }
        )
    return rows
