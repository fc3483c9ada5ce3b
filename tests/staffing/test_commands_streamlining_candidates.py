"""``manage.py streamlining_candidates``: exactly the JSON of docs/commands.md (keys, order, ISO
dates, integer VND, sorted by employee code), the XLSX file (written through a .part file), the
empty list of a year without ratings, and exit 2 with a Vietnamese message on standard error for
what cannot run. People: tests.builders.make_streamlining_world (CB001–CB009)."""

import json
from io import BytesIO

import pytest
from openpyxl import load_workbook

from tests.builders import manage

pytestmark = pytest.mark.django_db


def _json(*args):
    code, out, err = manage("streamlining_candidates", *args)
    assert (code, err) == (0, "")
    assert len(out) == 1
    return json.loads(out[0])


def test_the_json_contract(tree, streamlining_world):
    data = _json("--org", tree.A.code, "--year", "2026", "--as-of", "2026-11-15")
    assert list(data) == ["organization", "rule_set", "year", "base_salary", "candidates", "totals"]
    assert (data["organization"], data["rule_set"], data["year"], data["base_salary"]) == (
        tree.A.code,
        "ND154-2025",
        2026,
        2_530_000,
    )
    assert [c["employee_code"] for c in data["candidates"]] == ["CB001", "CB002", "CB003", "CB004"]
    for row in data["candidates"]:
        assert list(row)[:8] == [
            "employee_code",
            "cases",
            "deferred",
            "reasons",
            "retirement_date",
            "months_early",
            "monthly_salary",
            "benefit",
        ]
    one, two, three, four = data["candidates"]
    assert one["benefit"] == {
        "policy": "early_retirement",
        "total": 285_257_500,
        "items": {"per_year_early": 173_937_500, "insurance": 111_320_000},
    }
    assert (one["retirement_date"], one["months_early"], one["monthly_salary"]) == ("2029-04-30", 29, 13_915_000)
    assert two["deferred"] is True and two["cases"] == ["a"]
    assert three["monthly_salary"] is None and three["benefit"] is None
    assert three["benefit_missing"] == "Chưa tính được chế độ: thiếu hệ số lương"
    assert four["cases"] == ["d"] and four["reasons"][0].startswith("(d) Dôi dư do rà soát")
    assert data["totals"] == {"candidates": 3, "deferred": 1, "benefit": 285_257_500 + four["benefit"]["total"]}


def test_the_as_of_date_chooses_the_base_salary(tree, streamlining_world):
    data = _json("--org", tree.A1.code, "--year", "2026", "--as-of", "2026-06-30")
    assert data["base_salary"] == 2_340_000 and data["candidates"][0]["monthly_salary"] == 12_870_000


def test_xlsx_to_a_file(tree, streamlining_world, tmp_path):
    target = tmp_path / "danh-sach.xlsx"
    code, out, err = manage(
        "streamlining_candidates",
        "--org",
        tree.A.code,
        "--year",
        "2026",
        "--as-of",
        "2026-11-15",
        "--format",
        "xlsx",
        "--output",
        target,
    )
    assert (code, out) == (0, [])
    assert err.strip() == f"Đã ghi {target}: 4 người."
    assert not (tmp_path / "danh-sach.xlsx.part").exists()
    wb = load_workbook(BytesIO(target.read_bytes()))
    assert wb.sheetnames == ["Danh sách", "Tổng hợp", "Không đưa vào danh sách", "Cần bổ sung dữ liệu"]
    rows = list(wb["Danh sách"].iter_rows(values_only=True))
    assert rows[0][0] == f"{tree.A.name} ({tree.A.code})"
    assert rows[1][0] == "Danh sách đối tượng tinh giản biên chế năm 2026"
    assert any(r[0] and str(r[0]).startswith("Lương cơ sở: 2.530.000 đồng/tháng") for r in rows)
    header = next(i for i, r in enumerate(rows) if r[0] == "STT")
    assert rows[header + 1][:3] == (1, "CB001", "Nguyễn Văn Một")


def test_a_year_without_ratings_is_an_empty_list_that_says_why(tree, streamlining_world):
    code, out, err = manage("streamlining_candidates", "--org", tree.A.code, "--year", "2029", "--as-of", "2026-11-15")
    assert code == 0
    assert json.loads(out[0])["candidates"] == []
    assert err.startswith("Chưa có xếp loại chất lượng năm 2028, 2029 của cán bộ nào trong Sở Nội vụ")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--year", "2026"], "Hãy cho biết đơn vị: --org MÃ_ĐƠN_VỊ"),
        (["--org", "KHONG-CO", "--year", "2026"], "Không tìm thấy đơn vị có mã “KHONG-CO” (--org)."),
        (["--org", "{A}"], "Hãy cho biết năm xét: --year YYYY"),
        (["--org", "{A}", "--year", "20x6"], "--year “20x6” không phải là một năm"),
        (["--org", "{A}", "--year", "2031"], "Năm xét 2031 không thuộc giai đoạn của bộ quy tắc xét tinh giản"),
        (["--org", "{A}", "--year", "2026", "--as-of", "2026-02-30"], "Ngày báo cáo “2026-02-30” không hợp lệ"),
        (
            ["--org", "{A}", "--year", "2026", "--as-of", "2024-01-01"],
            "Không có mức lương cơ sở áp dụng ngày 01/01/2024.",
        ),
        (["--org", "{A}", "--year", "2026", "--format", "pdf"], "Định dạng “pdf” không hỗ trợ (--format)"),
        (["--org", "{A}", "--year", "2026", "--format", "xlsx"], "Định dạng xlsx cần --output"),
    ],
)
def test_what_cannot_run_exits_2_with_a_vietnamese_message(tree, args, message):
    args = [a.replace("{A}", tree.A.code) for a in args]
    code, out, err = manage("streamlining_candidates", *args)
    assert code == 2 and out == []
    assert err.startswith("CommandError: ") and message in err


def test_an_unwritable_file_exits_2_and_leaves_nothing(tree, streamlining_world, tmp_path):
    target = tmp_path / "khong-co" / "danh-sach.json"
    code, _out, err = manage("streamlining_candidates", "--org", tree.A.code, "--year", "2026", "--output", target)
    assert code == 2 and "Không ghi được tệp" in err
    assert not target.parent.exists()
