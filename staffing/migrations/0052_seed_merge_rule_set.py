"""Seed the merge rules (DOMAIN §6) as data a national admin edits: the surplus of a merged unit is
resolved within 5 years, a leader who loses the post through the merge keeps the leadership
allowance for 6 months. On the legal document of the 2025 restructuring regime (ND178-2024, in
force from 1/1/2025; Resolution 76/2025/UBTVQH15 sets the same 5 years for the 2025 rearrangement
of administrative units) and marked unverified: the numbers are to be checked against the texts.

Upserted by the legal document, so re-applying keeps an admin's edits; unapplying deletes it."""

from django.db import migrations

NOTE = (
    "Thời hạn giải quyết số người dôi dư sau sắp xếp, sáp nhập: 5 năm (Nghị quyết 76/2025/UBTVQH15 đối với "
    "đơn vị hành chính; Kết luận 137-KL/TW). Lãnh đạo thôi giữ chức vụ do sắp xếp được bảo lưu phụ cấp chức vụ "
    "6 tháng (Nghị định 178/2024/NĐ-CP). Cần kiểm tra số liệu với văn bản gốc."
)


def seed(apps, schema_editor):
    LegalDocument = apps.get_model("portal", "LegalDocument")
    MergeRuleSet = apps.get_model("staffing", "MergeRuleSet")
    document = LegalDocument.objects.get(code="ND178-2024")
    MergeRuleSet.objects.get_or_create(
        legal_document=document,
        defaults={"resolution_years": 5, "leader_allowance_months": 6, "verified": False, "note": NOTE},
    )


def unseed(apps, schema_editor):
    apps.get_model("staffing", "MergeRuleSet").objects.filter(legal_document__code="ND178-2024").delete()


class Migration(migrations.Migration):
    dependencies = [("staffing", "0051_merge_rule_set")]

    operations = [migrations.RunPython(seed, unseed)]
