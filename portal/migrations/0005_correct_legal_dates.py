"""Correct four legal documents seeded with wrong dates (0002) and confirm two.

- ND106-2020 took effect on 15/11/2020 (not 01/11/2020);
- ND90-2020 was issued on 13/08/2020 and took effect on 20/08/2020 (not 13/08/2020);
- ND48-2023 was issued on 17/07/2023 and took effect on 15/09/2023 (not 17/07/2023);
- QĐ 20/2020/QĐ-TTg (22/07/2020) was amended by QĐ 09/2025/QĐ-TTg of 14/04/2025;
- ND361-2025 and ND27-2026 (issued 19/01/2026, in force 01/07/2026) are confirmed.

A row is corrected only while it still holds the seeded (wrong) value, so a correction a national
admin has already made in the admin is kept. Unapplying leaves the corrected rows as they are (the
old values were wrong).
"""

from datetime import date

from django.db import migrations

CORRECTIONS = [
    # code, field, seeded (wrong) value, correct value
    ("ND106-2020", "effective_from", date(2020, 11, 1), date(2020, 11, 15)),
    ("ND90-2020", "effective_from", date(2020, 8, 13), date(2020, 8, 20)),
    ("ND48-2023", "effective_from", date(2023, 7, 17), date(2023, 9, 15)),
]
NOTES = {
    # code: (seeded note, corrected note, verified)
    "ND106-2020": (
        "Ngày ban hành/hiệu lực chưa được đối chiếu với văn bản gốc — cần kiểm tra.",
        "Ban hành 10/09/2020, có hiệu lực từ 15/11/2020.",
        True,
    ),
    "ND90-2020": (
        "Ngày ban hành/hiệu lực chưa được đối chiếu với văn bản gốc — cần kiểm tra. Đối với công chức, "
        "từ 01/01/2026 áp dụng Nghị định 335/2025/NĐ-CP.",
        "Ban hành 13/08/2020, có hiệu lực từ 20/08/2020. Đối với công chức, từ 01/01/2026 áp dụng "
        "Nghị định 335/2025/NĐ-CP.",
        True,
    ),
    "ND48-2023": (
        "Ngày ban hành/hiệu lực chưa được đối chiếu với văn bản gốc — cần kiểm tra.",
        "Ban hành 17/07/2023, có hiệu lực từ 15/09/2023.",
        True,
    ),
    "QD20-2020": (
        "Ngày ban hành/hiệu lực chưa được đối chiếu với văn bản gốc — cần kiểm tra. Đã được sửa đổi năm 2025 "
        "(chưa ghi số văn bản sửa đổi).",
        "Ban hành 22/07/2020; ngày hiệu lực chưa được đối chiếu với văn bản gốc — cần kiểm tra. Được sửa đổi, "
        "bổ sung bởi Quyết định 09/2025/QĐ-TTg ngày 14/04/2025.",
        False,
    ),
    "ND361-2025": (
        "Ngày ban hành chưa được đối chiếu với văn bản gốc (ghi tạm bằng ngày có hiệu lực 31/12/2025). "
        "Các cơ quan phải phê duyệt lại vị trí việc làm chậm nhất ngày 01/07/2026.",
        "Có hiệu lực từ 31/12/2025. Các cơ quan phải phê duyệt lại vị trí việc làm chậm nhất ngày 01/07/2026.",
        True,
    ),
    "ND27-2026": (
        "Ngày ban hành 19/01/2026 và hiệu lực 01/07/2026 theo thông tin phổ biến pháp luật; trích yếu chưa "
        "được đối chiếu với văn bản gốc. Số định danh cá nhân là mã hồ sơ điện tử của cán bộ, công chức, "
        "viên chức.",
        "Ban hành 19/01/2026, có hiệu lực từ 01/07/2026. Số định danh cá nhân là mã hồ sơ điện tử của cán bộ, "
        "công chức, viên chức.",
        True,
    ),
}


def correct(apps, schema_editor):
    LegalDocument = apps.get_model("portal", "LegalDocument")
    db = schema_editor.connection.alias
    docs = LegalDocument.objects.using(db)
    for code, field, wrong, right in CORRECTIONS:
        docs.filter(code=code, **{field: wrong}).update(**{field: right})
    for code, (seeded, corrected, verified) in NOTES.items():
        docs.filter(code=code, note=seeded).update(note=corrected, verified=verified)


class Migration(migrations.Migration):
    dependencies = [("portal", "0004_importjob_moved_to_imports")]

    operations = [migrations.RunPython(correct, migrations.RunPython.noop)]
