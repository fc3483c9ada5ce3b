"""The candidate list's workbook (staffing.reports.candidates_exports), built from the frozen
snapshot JSON: the official columns in order with typed numbers and dates, the header lines (rule
set, regime, base salary, as-of date, what is unverified), the total of the counted people with the
deferred ones after it, the excluded and "cần bổ sung dữ liệu" sheets, formula-escaped text, and
the same cells from a saved snapshot read back from the database as from the live list."""

import datetime as dt
from io import BytesIO

import pytest
from openpyxl import load_workbook

from staffing.models import CandidateSnapshot, Staff, StreamliningExclusion
from staffing.reports.candidates import candidate_list
from staffing.reports.candidates_exports import candidates_xlsx

pytestmark = pytest.mark.django_db

AS_OF = dt.date(2026, 11, 15)
HEADERS = [
    "STT",
    "Mã cán bộ",
    "Họ và tên",
    "Ngày sinh",
    "Giới tính",
    "Vị trí việc làm, đơn vị",
    "Trình độ đào tạo",
    "Ngạch, chức danh",
    "Bậc",
    "Hệ số lương",
    "Hệ số phụ cấp chức vụ",
    "Hệ số phụ cấp khác",
    "Thâm niên vượt khung (%)",
    "Phụ cấp theo % (%)",
    "Tiền lương tháng S (đồng)",
    "Số năm đóng BHXH",
    "Ngày nghỉ hưu",
    "Số tháng nghỉ sớm",
    "Trường hợp",
    "Lý do",
    "Chế độ, chính sách",
    "Trợ cấp theo số năm nghỉ hưu trước tuổi (đồng)",
    "Trợ cấp theo thời gian đóng BHXH (đồng)",
    "Trợ cấp để tìm việc làm (đồng)",
    "Trợ cấp theo số năm đóng BHXH (đồng)",
    "Tổng kinh phí (đồng)",
    "Ghi chú",
]


def sheets(content: bytes) -> dict[str, list[tuple]]:
    wb = load_workbook(BytesIO(content))
    return {ws.title: list(ws.iter_rows(values_only=True)) for ws in wb.worksheets}


def table(rows: list[tuple]) -> tuple[list[tuple], list[tuple]]:
    """(the lines above the header, the header and the rows after it)."""
    at = next(i for i, r in enumerate(rows) if r[0] == "STT")
    return rows[: at - 1], rows[at:]


def test_the_official_list(tree, streamlining_world):
    lst = candidate_list(org=tree.A, year=2026, as_of=AS_OF)
    book = sheets(candidates_xlsx(lst.snapshot_data(), lst.snapshot_totals(), heading=["Danh sách số 2"]))
    lines, rows = table(book["Danh sách"])
    assert [line[0] for line in lines[:7]] == [
        f"Sở Nội vụ ({tree.A.code})",
        "Danh sách đối tượng tinh giản biên chế năm 2026",
        "Danh sách số 2",
        "Bộ quy tắc: ND154-2025 — 154/2025/NĐ-CP; xét xếp loại và nghỉ ốm các năm 2025, 2026",
        "Chế độ, chính sách: ND154-2025 — 154/2025/NĐ-CP",
        "Lương cơ sở: 2.530.000 đồng/tháng (ND161-2026, từ 01/07/2026)",
        "Tính đến ngày: 15/11/2026 (người có tên nghỉ từ cuối tháng này); nghỉ hưu theo ND135-2020",
    ]
    assert all(line[0].startswith("Cần kiểm tra: ") for line in lines[7:])
    assert list(rows[0]) == HEADERS
    one = dict(zip(HEADERS, rows[1], strict=True))
    assert one["STT"] == 1 and one["Mã cán bộ"] == "CB001" and one["Họ và tên"] == "Nguyễn Văn Một"
    assert one["Ngày sinh"] == dt.datetime(1967, 4, 10) and one["Giới tính"] == "Nam"
    assert one["Vị trí việc làm, đơn vị"] == tree.A1.name
    assert one["Hệ số lương"] == 5.5 and one["Số năm đóng BHXH"] == 26
    assert one["Ngày nghỉ hưu"] == dt.datetime(2029, 4, 30) and one["Số tháng nghỉ sớm"] == 29
    assert one["Trường hợp"] == "g, h"
    assert one["Lý do"] == (
        "Xếp loại Không hoàn thành nhiệm vụ năm 2025; Nghỉ ốm 45 ngày năm 2026, mức tối đa 40 ngày với 26 năm đóng BHXH"
    )
    assert one["Chế độ, chính sách"] == "Nghỉ hưu trước tuổi (2–5 năm)"
    assert one["Trợ cấp theo số năm nghỉ hưu trước tuổi (đồng)"] == 173_937_500
    assert one["Trợ cấp theo thời gian đóng BHXH (đồng)"] == 111_320_000
    assert one["Tổng kinh phí (đồng)"] == 285_257_500
    three = dict(zip(HEADERS, rows[2], strict=True))
    assert three["Mã cán bộ"] == "CB003" and three["Trình độ đào tạo"] == "Cao đẳng"
    assert three["Vị trí việc làm, đơn vị"] == f"Chuyên viên văn thư — {tree.A2.name}"
    assert three["Tổng kinh phí (đồng)"] is None and three["Ghi chú"] == "Chưa tính được chế độ: thiếu hệ số lương"
    total = dict(zip(HEADERS, rows[4], strict=True))
    assert total["Họ và tên"] == "Tổng cộng: 3 người"
    assert total["Tổng kinh phí (đồng)"] == lst.totals.benefit
    assert total["Trợ cấp theo số năm nghỉ hưu trước tuổi (đồng)"] == sum(
        c.benefit.amounts().get("per_year_early", 0) for c in lst.counted if c.benefit
    )
    assert rows[5][2] == "Hoãn xét tinh giản (không tính vào tổng cộng): 1 người"
    deferred = dict(zip(HEADERS, rows[6], strict=True))
    assert (deferred["STT"], deferred["Mã cán bộ"]) == (4, "CB002")
    assert deferred["Ghi chú"] == "Hoãn xét tinh giản: Mang thai, nghỉ thai sản, nuôi con dưới 36 tháng"
    assert len(rows) == 7

    _lines, excluded = table(book["Không đưa vào danh sách"])
    assert excluded[1][:3] == (1, "CB005", "Hoàng Văn Năm")
    assert excluded[1][6:8] == ("Đã điều động sang đơn vị khác", "hr_a")
    assert isinstance(excluded[1][8], dt.datetime)
    _lines, missing = table(book["Cần bổ sung dữ liệu"])
    assert [(r[1], r[4]) for r in missing[1:]] == [("CB003", "kinh phí"), ("CB006", "h")]
    summary = {r[0]: r[1:] for r in book["Tổng hợp"] if r and r[0]}
    assert summary["Số người thuộc diện tinh giản (tính vào tổng)"][0] == 3
    assert summary["Tổng kinh phí dự kiến (đồng)"][1] == lst.totals.benefit
    assert summary["(g) Xếp loại Không hoàn thành nhiệm vụ"] == (1, 285_257_500)


def test_text_is_formula_escaped(tree, streamlining_world):
    Staff.objects.filter(employee_code="CB001").update(full_name='=HYPERLINK("http://x")')
    StreamliningExclusion.objects.filter(staff__employee_code="CB005").update(reason="=1+1")
    lst = candidate_list(org=tree.A, year=2026, as_of=AS_OF)
    book = sheets(candidates_xlsx(lst.snapshot_data(), lst.snapshot_totals()))
    assert table(book["Danh sách"])[1][1][2] == '\'=HYPERLINK("http://x")'
    assert table(book["Không đưa vào danh sách"])[1][1][6] == "'=1+1"


def test_a_saved_snapshot_exports_as_the_live_list_did(tree, people, streamlining_world):
    lst = candidate_list(org=tree.A, year=2026, as_of=AS_OF)
    live = sheets(candidates_xlsx(lst.snapshot_data(), lst.snapshot_totals()))
    snap = CandidateSnapshot.objects.create(
        organization=tree.A,
        year=2026,
        number=1,
        as_of=AS_OF,
        rule_set_code=lst.rules.code,
        benefit_rule_set_code=lst.regime.code,
        base_salary=lst.base_salary.amount,
        created_by=people.hr_a,
        data=lst.snapshot_data(),
        totals=lst.snapshot_totals(),
    )
    Staff.objects.filter(employee_code="CB001").update(full_name="Đổi tên sau khi lưu", salary_coefficient=1)
    stored = CandidateSnapshot.objects.get(pk=snap.pk)
    assert sheets(candidates_xlsx(stored.data, stored.totals)) == live


def test_a_birth_year_only_is_a_year(tree, streamlining_world):
    Staff.objects.filter(employee_code="CB001").update(birth_year_only=True)
    lst = candidate_list(org=tree.A1, year=2026, as_of=AS_OF)
    assert lst.snapshot_data()["rows"][0]["date_of_birth"] == "1967"
    rows = table(sheets(candidates_xlsx(lst.snapshot_data(), lst.snapshot_totals()))["Danh sách"])[1]
    assert rows[1][3] == 1967
