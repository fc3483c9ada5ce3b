"""Seed the streamlining rule set and the benefit regimes (docs/rules.md §8–9), as data a national
admin edits in the admin:

- the legal document of the sick-leave maxima, the Social Insurance Law 41/2024/QH15
  (``LUAT41-2024``, 29/06/2024, in force 01/07/2025; same values as the 2014 law);
- the benefit regime of Decree 154/2025 (``ND154-2025``, streamlining, 16/06/2025–31/12/2030) and
  of Decree 178/2024 as amended by Decree 67/2025 (``ND178-2024``, the 2025 restructuring regime,
  closed: kept for merges and recalculations), each with its parameters; those not confirmed
  from the legal text are unticked (*cần kiểm tra*);
- the streamlining rule set ``ND154-2025``: review years 2025–2030, window year − 1 and year, the
  sick-leave table 30/40/60 days (< 15, 15–< 30, ≥ 30 insured years), 40/50/70 with heavy work.

The legal dates docs/rules.md lists as corrected (ND106-2020, ND90-2020, ND48-2023, QD20-2020, ND361-2025,
ND27-2026) were corrected by portal 0005; nothing else to fix here.

Rows are created only when absent (by their natural keys), so re-applying is harmless and an
admin's edits are kept; unapplying deletes what this migration seeds.
"""

import unicodedata
from datetime import date
from decimal import Decimal

from django.db import connections, migrations

SOCIAL_INSURANCE_LAW = {
    "code": "LUAT41-2024",
    "number": "41/2024/QH15",
    "issued_on": date(2024, 6, 29),
    "issuer": "Quốc hội",
    "title": "Luật Bảo hiểm xã hội",
    "effective_from": date(2025, 7, 1),
    "effective_to": None,
    "verified": True,
    "note": (
        "Thời gian hưởng chế độ ốm đau tối đa trong một năm: 30 ngày (đóng BHXH dưới 15 năm), 40 ngày (từ đủ "
        "15 năm đến dưới 30 năm), 60 ngày (từ đủ 30 năm); 40, 50, 70 ngày khi làm nghề, công việc nặng nhọc, "
        "độc hại, nguy hiểm hoặc ở nơi đặc biệt khó khăn. Cùng mức với Luật BHXH 2014 (áp dụng trước 01/07/2025)."
    ),
}

# key, value, verified, note
ND154_PARAMETERS = [
    ("early_months_min", "24", True, "Nghỉ hưu trước tuổi từ đủ 2 năm."),
    ("early_months_max", "60", True, "Đến đủ 5 năm."),
    ("min_insurance_years", "15", True, "Đủ thời gian đóng BHXH để hưởng lương hưu."),
    ("period_cap_months", "60", True, ""),
    ("odd_months_half_max", "6", False, "Tháng lẻ 1–6 tháng tính nửa năm, trên 6 tháng tính 1 năm (cần kiểm tra)."),
    ("per_year_early", "5", True, "5 tháng tiền lương cho mỗi năm nghỉ hưu trước tuổi."),
    ("insurance_base_years", "20", True, ""),
    ("insurance_base", "5", True, "5 tháng tiền lương cho 20 năm đầu đóng BHXH."),
    ("insurance_extra", "0.5", True, "0,5 tháng tiền lương cho mỗi năm tiếp theo."),
    ("insurance_short_years", "15", True, ""),
    ("insurance_short", "5", True, "Từ đủ 15 năm đến dưới 20 năm: 5 tháng tiền lương."),
    ("insurance_short_extra", "0", True, ""),
    ("resignation_base", "3", True, "Thôi việc ngay: 3 tháng tiền lương để tìm việc làm."),
    ("resignation_per_year", "1.5", True, "1,5 tháng tiền lương cho mỗi năm đóng BHXH."),
    ("short_early_per_month", "0", False, "Nghỉ hưu trước tuổi dưới 2 năm: không trừ tỷ lệ lương hưu; trợ cấp (cần kiểm tra)."),
]

ND178_PARAMETERS = [
    ("early_months_min", "24", True, ""),
    ("early_months_max", "60", True, ""),
    ("min_insurance_years", "15", False, "Theo Nghị định 67/2025 (cần kiểm tra)."),
    ("period_cap_months", "60", True, ""),
    ("odd_months_half_max", "6", True, "Tháng lẻ 1–6 tháng tính nửa năm, trên 6 tháng tính 1 năm."),
    ("per_year_early", "5", True, ""),
    ("insurance_base_years", "20", True, ""),
    ("insurance_base", "5", True, ""),
    ("insurance_extra", "0.5", True, ""),
    ("insurance_short_years", "15", False, "Nghị định 67/2025: đủ 15 năm đóng BHXH trở lên (cần kiểm tra)."),
    ("insurance_short", "4", False, "Nghị định 67/2025: 4 tháng tiền lương cho 15 năm đầu (cần kiểm tra)."),
    ("insurance_short_extra", "0.5", False, "Nghị định 67/2025: 0,5 tháng cho mỗi năm từ năm thứ 16 (cần kiểm tra)."),
    ("resignation_base", "3", True, ""),
    ("resignation_per_year", "1.5", True, ""),
    ("short_early_per_month", "0", False, "Nghỉ sớm dưới 2 năm (cần kiểm tra)."),
    ("monthly_split_months", "12", True, "Nghỉ trong 12 tháng đầu kể từ quyết định sắp xếp."),
    ("early_monthly", "1.0", True, ""),
    ("early_monthly_late", "0.5", True, "Từ tháng thứ 13."),
    ("long_early_months_max", "120", True, "Nghỉ hưu trước tuổi trên 5 năm đến đủ 10 năm."),
    ("long_monthly", "0.9", True, ""),
    ("long_monthly_late", "0.45", True, "Từ tháng thứ 13."),
    ("long_monthly_months", "60", True, ""),
    ("long_per_year_early", "4", True, ""),
    ("resignation_monthly", "0.8", True, ""),
    ("resignation_monthly_late", "0.4", True, "Từ tháng thứ 13."),
]

REGIMES = [
    # code, amended by, purpose, formula, from, to, verified, note, parameters
    (
        "ND154-2025",
        None,
        "TGBC",
        "ND154",
        date(2025, 6, 16),
        date(2030, 12, 31),
        True,
        "Chế độ tinh giản biên chế: nghỉ hưu trước tuổi hoặc thôi việc ngay.",
        ND154_PARAMETERS,
    ),
    (
        "ND178-2024",
        "ND67-2025",
        "SXBM",
        "ND178",
        date(2025, 1, 1),
        date(2025, 12, 31),
        False,
        (
            "Chế độ khi sắp xếp tổ chức bộ máy năm 2025 (báo cáo hoàn thành tháng 01/2026); giữ lại để tính chi phí "
            "sáp nhập và tính lại. Ngày kết thúc áp dụng cần kiểm tra."
        ),
        ND178_PARAMETERS,
    ),
]

SICK_LEAVE = [
    # heavy work, insured years from, below, max days
    (False, "0", "15", 30),
    (False, "15", "30", 40),
    (False, "30", None, 60),
    (True, "0", "15", 40),
    (True, "15", "30", 50),
    (True, "30", None, 70),
]


def _nfc(value):
    return unicodedata.normalize("NFC", value) if isinstance(value, str) else value


def seed(apps, schema_editor):
    LegalDocument = apps.get_model("portal", "LegalDocument")
    BenefitRegime = apps.get_model("staffing", "BenefitRegime")
    BenefitParameter = apps.get_model("staffing", "BenefitParameter")
    StreamliningRuleSet = apps.get_model("staffing", "StreamliningRuleSet")
    SickLeaveMaximum = apps.get_model("staffing", "SickLeaveMaximum")
    law = SOCIAL_INSURANCE_LAW
    LegalDocument.objects.get_or_create(
        code=law["code"], defaults={k: _nfc(v) for k, v in law.items() if k != "code"}
    )
    docs = {d.code: d for d in LegalDocument.objects.all()}
    regimes = {}
    for code, amended, purpose, formula, start, end, verified, note, parameters in REGIMES:
        regime, created = BenefitRegime.objects.get_or_create(
            legal_document=docs[code],
            defaults={
                "amended_by": docs.get(amended) if amended else None,
                "purpose": purpose,
                "formula": formula,
                "effective_from": start,
                "effective_to": end,
                "verified": verified,
                "note": _nfc(note),
            },
        )
        regimes[code] = regime
        if created:
            BenefitParameter.objects.bulk_create(
                BenefitParameter(regime=regime, key=key, value=Decimal(value), verified=ok, note=_nfc(text))
                for key, value, ok, text in parameters
            )
    rule_set, created = StreamliningRuleSet.objects.get_or_create(
        legal_document=docs["ND154-2025"],
        defaults={
            "period_from": 2025,
            "period_to": 2030,
            "years_before": 1,
            "benefit_regime": regimes["ND154-2025"],
            "sick_leave_basis": docs[law["code"]],
            "verified": False,
            "note": _nfc(
                "Điều 2 khoản 1: tám trường hợp a, b, c, d, đ, e, g, h. Nội dung các điểm a–d đã đối chiếu; thứ tự "
                "chữ cái các điểm đ–h theo thứ tự trong nghị định (Điều 17 áp dụng “các điểm a, d, g, h”), cần "
                "kiểm tra với văn bản đăng Công báo. Xét xếp loại và nghỉ ốm của năm trước liền kề và năm xét."
            ),
        },
    )
    if created:
        SickLeaveMaximum.objects.bulk_create(
            SickLeaveMaximum(
                rule_set=rule_set,
                heavy_work=heavy,
                insurance_years_min=Decimal(low),
                insurance_years_below=Decimal(high) if high is not None else None,
                max_days=days,
            )
            for heavy, low, high, days in SICK_LEAVE
        )


def _delete_rows(queryset):
    """Delete without the deletion collector: in a reverse migration it compares the historical
    models of two states and refuses them ("Must be LegalDocument instance"). Only rows nothing
    refers to any more are deleted so."""
    ids = list(queryset.values_list("pk", flat=True))
    if ids:
        table = connections[queryset.db].ops.quote_name(queryset.model._meta.db_table)
        with connections[queryset.db].cursor() as cursor:
            cursor.execute(f"DELETE FROM {table} WHERE id IN ({', '.join(['%s'] * len(ids))})", ids)  # noqa: S608


def unseed(apps, schema_editor):
    codes = [r[0] for r in REGIMES]
    apps.get_model("staffing", "SickLeaveMaximum").objects.filter(rule_set__legal_document__code="ND154-2025").delete()
    apps.get_model("staffing", "StreamliningRuleSet").objects.filter(legal_document__code="ND154-2025").delete()
    apps.get_model("staffing", "BenefitParameter").objects.filter(regime__legal_document__code__in=codes).delete()
    _delete_rows(apps.get_model("staffing", "BenefitRegime").objects.filter(legal_document__code__in=codes))
    _delete_rows(apps.get_model("portal", "LegalDocument").objects.filter(code=SOCIAL_INSURANCE_LAW["code"]))


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0005_correct_legal_dates"),
        ("staffing", "0009_streamlining_rule_sets"),
    ]

    operations = [migrations.RunPython(seed, unseed)]
