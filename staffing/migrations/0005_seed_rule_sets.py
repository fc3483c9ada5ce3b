"""Seed the rule sets the reports compute with, as data a national admin edits in the admin:

- the legal documents of the base salary and of the 2025 restructuring regime (ND73-2024,
  ND161-2026, ND178-2024, ND67-2025), next to those of portal's 0002;
- the reduction rule sets NQ39-2015 (2015–2021, base 2015), KL40-2022 (2022–2026, base 2021) and
  BNV10989-2025 (2026–2031 guidance, base 2026, not binding);
- the Decree 135/2020 retirement ages (ND135-2020) for men and women;
- the base salary: 2,340,000 VND from 01/07/2024 (Decree 73/2024) to 30/06/2026, 2,530,000 VND from
  01/07/2026 (Decree 161/2026).

Rows are upserted by their natural keys, so re-applying is harmless; unapplying deletes them.
"""

import unicodedata
from datetime import date
from decimal import Decimal

from django.db import migrations

LEGAL_DOCUMENTS = [
    {
        "code": "ND73-2024",
        "number": "73/2024/NĐ-CP",
        "issued_on": date(2024, 6, 30),
        "issuer": "Chính phủ",
        "title": (
            "Quy định mức lương cơ sở và chế độ tiền thưởng đối với cán bộ, công chức, viên chức "
            "và lực lượng vũ trang"
        ),
        "effective_from": date(2024, 7, 1),
        "effective_to": date(2026, 6, 30),
        "verified": True,
        "note": "Lương cơ sở 2.340.000 đồng/tháng từ 01/07/2024.",
    },
    {
        "code": "ND161-2026",
        "number": "161/2026/NĐ-CP",
        "issued_on": date(2026, 5, 15),
        "issuer": "Chính phủ",
        "title": "Quy định mức lương cơ sở đối với cán bộ, công chức, viên chức và lực lượng vũ trang",
        "effective_from": date(2026, 7, 1),
        "effective_to": None,
        "verified": True,
        "note": "Lương cơ sở 2.530.000 đồng/tháng từ 01/07/2026.",
    },
    {
        "code": "ND178-2024",
        "number": "178/2024/NĐ-CP",
        "issued_on": date(2024, 12, 31),
        "issuer": "Chính phủ",
        "title": (
            "Về chính sách, chế độ đối với cán bộ, công chức, viên chức, người lao động và lực lượng vũ trang "
            "trong thực hiện sắp xếp tổ chức bộ máy của hệ thống chính trị"
        ),
        "effective_from": date(2025, 1, 1),
        "effective_to": None,
        "verified": False,
        "note": (
            "Được sửa đổi, bổ sung bởi Nghị định 67/2025/NĐ-CP. Chế độ áp dụng cho sắp xếp tổ chức bộ máy năm "
            "2025; giữ lại để tính cho sáp nhập và tính lại. Ngày ban hành, hiệu lực cần kiểm tra."
        ),
    },
    {
        "code": "ND67-2025",
        "number": "67/2025/NĐ-CP",
        "issued_on": date(2025, 3, 15),
        "issuer": "Chính phủ",
        "title": "Sửa đổi, bổ sung một số điều của Nghị định số 178/2024/NĐ-CP",
        "effective_from": date(2025, 3, 15),
        "effective_to": None,
        "verified": False,
        "note": "Ngày ban hành/hiệu lực chưa được đối chiếu với văn bản gốc — cần kiểm tra.",
    },
]

REDUCTION_RULE_SETS = [
    # code, period, base year, binding, note, targets (category, percent, kinds, min, max, note)
    (
        "NQ39-2015",
        (2015, 2021),
        2015,
        True,
        "Tối thiểu 10% biên chế được giao năm 2015 (khoảng 1,5–2%/năm).",
        [("CBCC", "10", "", None, None, ""), ("VC", "10", "", None, None, "")],
    ),
    (
        "KL40-2022",
        (2022, 2026),
        2021,
        True,
        (
            "Tối thiểu 5% cán bộ, công chức và 10% viên chức hưởng lương từ ngân sách so với biên chế giao năm "
            "2021. Phần chưa đạt của giai đoạn 2016–2021 phải cộng thêm: cổng chưa tính phần này (cần kiểm tra)."
        ),
        [("CBCC", "5", "", None, None, ""), ("VC", "10", "", None, None, "")],
    ),
    (
        "BNV10989-2025",
        (2026, 2031),
        2026,
        False,
        (
            "Hướng dẫn của Bộ Nội vụ cho đề xuất biên chế giai đoạn 2026–2031, chưa phải quyết định của Bộ Chính "
            "trị (cần kiểm tra khi có văn bản). Địa phương giữ ổn định biên chế giáo dục, y tế."
        ),
        [
            ("CBCC", "15", "BO,CQCP", 2, None, "Bộ, cơ quan sau sắp xếp, hợp nhất"),
            ("CBCC", "5", "BO,CQCP", None, 0, "Bộ, cơ quan không sắp xếp"),
            ("CBCC", "5", "TINH", None, 0, "Tỉnh không sắp xếp"),
            ("CBCC", "15", "TINH", 2, 2, "Tỉnh hình thành từ 2 tỉnh"),
            ("CBCC", "20", "TINH", 3, None, "Tỉnh hình thành từ 3 tỉnh"),
            ("CBCC", "5", "", None, None, "Đơn vị khác: theo mức chung (cần kiểm tra)"),
            ("VC", "10", "", None, None, "Viên chức hưởng lương từ ngân sách: giảm 10% đến hết năm 2026"),
        ],
    ),
]

RETIREMENT_RULES = [
    # legal code, sex, base years, base months, step from, months per year, final years, final months
    ("ND135-2020", "M", 60, 0, 2021, 3, 62, 0),
    ("ND135-2020", "F", 55, 0, 2021, 4, 60, 0),
]

BASE_SALARIES = [
    ("ND73-2024", 2_340_000, date(2024, 7, 1), date(2026, 6, 30)),
    ("ND161-2026", 2_530_000, date(2026, 7, 1), None),
]


def _nfc(value):
    return unicodedata.normalize("NFC", value) if isinstance(value, str) else value


def seed(apps, schema_editor):
    LegalDocument = apps.get_model("portal", "LegalDocument")
    ReductionRuleSet = apps.get_model("staffing", "ReductionRuleSet")
    ReductionTarget = apps.get_model("staffing", "ReductionTarget")
    RetirementAgeRule = apps.get_model("staffing", "RetirementAgeRule")
    BaseSalary = apps.get_model("staffing", "BaseSalary")
    for row in LEGAL_DOCUMENTS:
        values = {k: _nfc(v) for k, v in row.items() if k != "code"}
        LegalDocument.objects.get_or_create(code=row["code"], defaults=values)
    docs = {d.code: d for d in LegalDocument.objects.all()}
    for code, (start, end), base, binding, note, targets in REDUCTION_RULE_SETS:
        rule_set, created = ReductionRuleSet.objects.get_or_create(
            legal_document=docs[code],
            defaults={
                "period_from": start,
                "period_to": end,
                "base_year": base,
                "binding": binding,
                "note": _nfc(note),
            },
        )
        if created:
            ReductionTarget.objects.bulk_create(
                ReductionTarget(
                    rule_set=rule_set,
                    category=category,
                    percent=Decimal(percent),
                    org_kinds=kinds,
                    predecessors_min=low,
                    predecessors_max=high,
                    note=_nfc(target_note),
                )
                for category, percent, kinds, low, high, target_note in targets
            )
    for code, sex, base_y, base_m, step_from, per_year, final_y, final_m in RETIREMENT_RULES:
        RetirementAgeRule.objects.get_or_create(
            legal_document=docs[code],
            sex=sex,
            defaults={
                "base_years": base_y,
                "base_months": base_m,
                "step_from": step_from,
                "months_per_year": per_year,
                "final_years": final_y,
                "final_months": final_m,
                "early_retirement_years": 5,
            },
        )
    for code, amount, start, end in BASE_SALARIES:
        BaseSalary.objects.get_or_create(
            effective_from=start, defaults={"legal_document": docs[code], "amount": amount, "effective_to": end}
        )


def unseed(apps, schema_editor):
    apps.get_model("staffing", "BaseSalary").objects.filter(effective_from__in=[s[2] for s in BASE_SALARIES]).delete()
    apps.get_model("staffing", "RetirementAgeRule").objects.filter(legal_document__code="ND135-2020").delete()
    apps.get_model("staffing", "ReductionRuleSet").objects.filter(
        legal_document__code__in=[r[0] for r in REDUCTION_RULE_SETS]
    ).delete()
    apps.get_model("portal", "LegalDocument").objects.filter(code__in=[d["code"] for d in LEGAL_DOCUMENTS]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0005_correct_legal_dates"),
        ("staffing", "0004_rule_sets"),
    ]

    operations = [migrations.RunPython(seed, unseed)]
