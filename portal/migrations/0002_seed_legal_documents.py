"""Seed the legal documents that VTVL Portal's rule sets rest on (docs/rules.md).

The five rule-set codes the commands take (ND135-2020, NQ39-2015, KL40-2022, BNV10989-2025,
ND154-2025) must keep exactly these codes. Rows are upserted by ``code`` so the migration can be
re-applied; unapplying it deletes the rows it seeded. Where a date was not checked against the
text of the document, ``verified`` is False and ``note`` says what needs checking; a national
admin corrects the row in the admin.
"""

import unicodedata
from datetime import date

from django.db import migrations

UNVERIFIED_DATE = "Ngày ban hành/hiệu lực chưa được đối chiếu với văn bản gốc — cần kiểm tra."

LEGAL_DOCUMENTS = [
    # ---- rule sets the commands take by code
    {
        "code": "ND135-2020",
        "number": "135/2020/NĐ-CP",
        "issued_on": date(2020, 11, 18),
        "issuer": "Chính phủ",
        "title": "Quy định về tuổi nghỉ hưu",
        "effective_from": date(2021, 1, 1),
        "effective_to": None,
        "verified": True,
        "note": "Bộ quy tắc tuổi nghỉ hưu (lộ trình tăng tuổi nghỉ hưu từ 01/01/2021).",
    },
    {
        "code": "NQ39-2015",
        "number": "39-NQ/TW",
        "issued_on": date(2015, 4, 17),
        "issuer": "Bộ Chính trị",
        "title": "Về tinh giản biên chế và cơ cấu lại đội ngũ cán bộ, công chức, viên chức",
        "effective_from": date(2015, 4, 17),
        "effective_to": None,
        "verified": True,
        "note": "Mục tiêu tinh giản giai đoạn 2015–2021: tối thiểu 10% biên chế được giao năm 2015.",
    },
    {
        "code": "KL40-2022",
        "number": "40-KL/TW",
        "issued_on": date(2022, 7, 18),
        "issuer": "Bộ Chính trị",
        "title": "Về nâng cao hiệu quả công tác quản lý biên chế của hệ thống chính trị giai đoạn 2022–2026",
        "effective_from": date(2022, 7, 18),
        "effective_to": None,
        "verified": True,
        "note": (
            "Mục tiêu giai đoạn 2022–2026: tối thiểu 5% biên chế cán bộ, công chức và 10% biên chế viên chức "
            "hưởng lương từ ngân sách so với biên chế được giao năm 2021."
        ),
    },
    {
        "code": "BNV10989-2025",
        "number": "10989/BNV",
        "issued_on": date(2025, 11, 24),
        "issuer": "Bộ Nội vụ",
        "title": "Về việc đề xuất biên chế giai đoạn 2026–2031 (nguyên tắc, định hướng tinh giản biên chế)",
        "effective_from": date(2025, 11, 24),
        "effective_to": None,
        "verified": False,
        "note": (
            "Cần kiểm tra: số, ngày ban hành và trích yếu chưa được đối chiếu với văn bản gốc "
            "(ngày ghi tạm theo tin báo chí ngày 24/11/2025). Định hướng giai đoạn 2026–2031: bộ hợp nhất "
            "giảm 15%, không hợp nhất giảm 5%; tỉnh không hợp nhất giảm 5%, hợp nhất từ 2 tỉnh giảm 15%, "
            "từ 3 tỉnh giảm 20%."
        ),
    },
    {
        "code": "ND154-2025",
        "number": "154/2025/NĐ-CP",
        "issued_on": date(2025, 6, 15),
        "issuer": "Chính phủ",
        "title": "Quy định về tinh giản biên chế",
        "effective_from": date(2025, 6, 16),
        "effective_to": date(2030, 12, 31),
        "verified": True,
        "note": "Thay thế Nghị định 29/2023/NĐ-CP. Áp dụng từ 16/06/2025 đến hết 31/12/2030.",
    },
    # ---- other legal bases named in docs/rules.md
    {
        "code": "QD20-2020",
        "number": "20/2020/QĐ-TTg",
        "issued_on": date(2020, 7, 22),
        "issuer": "Thủ tướng Chính phủ",
        "title": (
            "Về mã định danh điện tử của các cơ quan, tổ chức phục vụ kết nối, chia sẻ dữ liệu "
            "với các bộ, ngành, địa phương"
        ),
        "effective_from": date(2020, 9, 15),
        "effective_to": None,
        "verified": False,
        "note": UNVERIFIED_DATE + " Đã được sửa đổi năm 2025 (chưa ghi số văn bản sửa đổi).",
    },
    {
        "code": "QD19-2025",
        "number": "19/2025/QĐ-TTg",
        "issued_on": date(2025, 6, 30),
        "issuer": "Thủ tướng Chính phủ",
        "title": "Ban hành Bảng danh mục và mã số các đơn vị hành chính Việt Nam",
        "effective_from": date(2025, 7, 1),
        "effective_to": None,
        "verified": False,
        "note": UNVERIFIED_DATE + " Mã tỉnh 2 chữ số, mã xã 5 chữ số, áp dụng từ 01/07/2025.",
    },
    {
        "code": "ND62-2020",
        "number": "62/2020/NĐ-CP",
        "issued_on": date(2020, 6, 1),
        "issuer": "Chính phủ",
        "title": "Về vị trí việc làm và biên chế công chức",
        "effective_from": date(2020, 7, 20),
        "effective_to": None,
        "verified": False,
        "note": UNVERIFIED_DATE + " Phần vị trí việc làm công chức nay theo Nghị định 361/2025/NĐ-CP.",
    },
    {
        "code": "ND106-2020",
        "number": "106/2020/NĐ-CP",
        "issued_on": date(2020, 9, 10),
        "issuer": "Chính phủ",
        "title": "Về vị trí việc làm và số lượng người làm việc trong đơn vị sự nghiệp công lập",
        "effective_from": date(2020, 11, 1),
        "effective_to": None,
        "verified": False,
        "note": UNVERIFIED_DATE,
    },
    {
        "code": "TT12-2022",
        "number": "12/2022/TT-BNV",
        "issued_on": date(2022, 12, 30),
        "issuer": "Bộ Nội vụ",
        "title": (
            "Hướng dẫn về vị trí việc làm công chức lãnh đạo, quản lý; nghiệp vụ chuyên môn dùng chung; "
            "hỗ trợ, phục vụ trong cơ quan, tổ chức hành chính và vị trí việc làm chức danh nghề nghiệp "
            "chuyên môn dùng chung; hỗ trợ, phục vụ trong đơn vị sự nghiệp công lập"
        ),
        "effective_from": date(2023, 2, 15),
        "effective_to": None,
        "verified": False,
        "note": UNVERIFIED_DATE,
    },
    {
        "code": "LUAT80-2025",
        "number": "80/2025/QH15",
        "issued_on": date(2025, 6, 24),
        "issuer": "Quốc hội",
        "title": "Luật Cán bộ, công chức",
        "effective_from": date(2025, 7, 1),
        "effective_to": None,
        "verified": True,
        "note": "",
    },
    {
        "code": "ND361-2025",
        "number": "361/2025/NĐ-CP",
        "issued_on": date(2025, 12, 31),
        "issuer": "Chính phủ",
        "title": "Quy định về vị trí việc làm công chức",
        "effective_from": date(2025, 12, 31),
        "effective_to": None,
        "verified": False,
        "note": (
            "Ngày ban hành chưa được đối chiếu với văn bản gốc (ghi tạm bằng ngày có hiệu lực 31/12/2025). "
            "Các cơ quan phải phê duyệt lại vị trí việc làm chậm nhất ngày 01/07/2026."
        ),
    },
    {
        "code": "ND90-2020",
        "number": "90/2020/NĐ-CP",
        "issued_on": date(2020, 8, 13),
        "issuer": "Chính phủ",
        "title": "Về đánh giá, xếp loại chất lượng cán bộ, công chức, viên chức",
        "effective_from": date(2020, 8, 13),
        "effective_to": None,
        "verified": False,
        "note": UNVERIFIED_DATE + " Đối với công chức, từ 01/01/2026 áp dụng Nghị định 335/2025/NĐ-CP.",
    },
    {
        "code": "ND48-2023",
        "number": "48/2023/NĐ-CP",
        "issued_on": date(2023, 7, 17),
        "issuer": "Chính phủ",
        "title": (
            "Sửa đổi, bổ sung một số điều của Nghị định số 90/2020/NĐ-CP về đánh giá, xếp loại chất lượng "
            "cán bộ, công chức, viên chức"
        ),
        "effective_from": date(2023, 7, 17),
        "effective_to": None,
        "verified": False,
        "note": UNVERIFIED_DATE,
    },
    {
        "code": "ND335-2025",
        "number": "335/2025/NĐ-CP",
        "issued_on": date(2025, 12, 21),
        "issuer": "Chính phủ",
        "title": "Quy định về đánh giá, xếp loại chất lượng đối với cơ quan hành chính nhà nước và công chức",
        "effective_from": date(2026, 1, 1),
        "effective_to": None,
        "verified": True,
        "note": (
            "Chấm điểm công chức: từ 90 điểm xuất sắc; 70 đến dưới 90 tốt; 50 đến dưới 70 hoàn thành; "
            "dưới 50 không hoàn thành."
        ),
    },
    {
        "code": "ND111-2022",
        "number": "111/2022/NĐ-CP",
        "issued_on": date(2022, 12, 30),
        "issuer": "Chính phủ",
        "title": "Về hợp đồng đối với một số loại công việc trong cơ quan hành chính và đơn vị sự nghiệp công lập",
        "effective_from": date(2022, 12, 30),
        "effective_to": None,
        "verified": False,
        "note": UNVERIFIED_DATE,
    },
    {
        "code": "ND27-2026",
        "number": "27/2026/NĐ-CP",
        "issued_on": date(2026, 1, 19),
        "issuer": "Chính phủ",
        "title": "Quy định về Cơ sở dữ liệu quốc gia về cán bộ, công chức, viên chức",
        "effective_from": date(2026, 7, 1),
        "effective_to": None,
        "verified": False,
        "note": (
            "Ngày ban hành 19/01/2026 và hiệu lực 01/07/2026 theo thông tin phổ biến pháp luật; trích yếu chưa "
            "được đối chiếu với văn bản gốc. Số định danh cá nhân là mã hồ sơ điện tử của cán bộ, công chức, "
            "viên chức."
        ),
    },
    {
        "code": "ND29-2023",
        "number": "29/2023/NĐ-CP",
        "issued_on": date(2023, 6, 3),
        "issuer": "Chính phủ",
        "title": "Quy định về tinh giản biên chế",
        "effective_from": date(2023, 7, 20),
        "effective_to": date(2025, 6, 15),
        "verified": True,
        "note": "Được thay thế bởi Nghị định 154/2025/NĐ-CP từ 16/06/2025.",
    },
]


def _nfc(value):
    return unicodedata.normalize("NFC", value) if isinstance(value, str) else value


def seed(apps, schema_editor):
    LegalDocument = apps.get_model("portal", "LegalDocument")
    for row in LEGAL_DOCUMENTS:
        values = {k: _nfc(v) for k, v in row.items() if k != "code"}
        LegalDocument.objects.update_or_create(code=row["code"], defaults=values)


def unseed(apps, schema_editor):
    LegalDocument = apps.get_model("portal", "LegalDocument")
    LegalDocument.objects.filter(code__in=[row["code"] for row in LEGAL_DOCUMENTS]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(seed, unseed),
    ]
