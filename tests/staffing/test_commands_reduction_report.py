"""``manage.py reduction_report`` (docs/commands.md): the JSON contract (keys, order, types), the
exit codes and Vietnamese messages, the workbook with --format xlsx. Hand-made quotas on the persona
tree (P Đà Nẵng ⊃ A Sở Nội vụ ⊃ A1, A2, A3; P ⊃ B)."""

import datetime as dt
import io
import json

import pytest
from openpyxl import load_workbook

from tests.builders import make_quota, manage

pytestmark = pytest.mark.django_db

ROW_KEYS = [
    "organization",
    "parent",
    "category",
    "base_assigned",
    "percent",
    "target",
    "roadmap",
    "current_assigned",
    "achieved",
    "remaining",
]
TOTAL_KEYS = ["base_assigned", "target", "current_assigned", "achieved", "remaining"]


def quotas(org, by_year, category="CBCC"):
    for year, assigned in by_year.items():
        make_quota(org, assigned, year=year, category=category)


def run_json(*args):
    code, out, err = manage("reduction_report", *args)
    assert code == 0, err
    return json.loads("\n".join(out))


def test_the_example_of_the_contract(tree):
    quotas(tree.A, {2021: 120, 2022: 119, 2024: 117, 2026: 116})
    data = run_json("--org", tree.A.code, "--rule-set", "KL40-2022", "--as-of", "2026-06-30")
    assert data == {
        "organization": tree.A.code,
        "rule_set": "KL40-2022",
        "as_of": "2026-06-30",
        "period": {"from": 2022, "to": 2026},
        "base_year": 2021,
        "rows": [
            {
                "organization": tree.A.code,
                "parent": tree.P.code,
                "category": "CBCC",
                "base_assigned": 120,
                "percent": "5.00",
                "target": 6,
                "roadmap": {"2022": 2, "2023": 1, "2024": 1, "2025": 1, "2026": 1},
                "current_assigned": 116,
                "achieved": 4,
                "remaining": 2,
            }
        ],
        "totals": {
            "CBCC": {"base_assigned": 120, "target": 6, "current_assigned": 116, "achieved": 4, "remaining": 2},
            "VC": {"base_assigned": 0, "target": 0, "current_assigned": 0, "achieved": 0, "remaining": 0},
        },
    }
    assert list(data) == ["organization", "rule_set", "as_of", "period", "base_year", "rows", "totals"]
    assert list(data["rows"][0]) == ROW_KEYS
    assert list(data["rows"][0]["roadmap"]) == ["2022", "2023", "2024", "2025", "2026"]


def test_nested_quotas_one_row_each_ordered_by_code_then_category_totals_from_the_top_rows(tree):
    quotas(tree.A, {2021: 120, 2026: 116})
    quotas(tree.A1, {2021: 41, 2025: 39})  # inside A's quota
    quotas(tree.B, {2021: 100, 2023: 98})
    quotas(tree.A, {2021: 30, 2026: 27}, category="VC")
    quotas(tree.A, {2021: 5, 2026: 4}, category="HD")  # not covered by Conclusion 40
    quotas(tree.A3, {2026: 10})  # no base-year quota: no row
    data = run_json("--org", tree.P.code, "--rule-set", "KL40-2022", "--as-of", "2026-06-30")
    assert [(r["organization"], r["category"]) for r in data["rows"]] == [
        (tree.A.code, "CBCC"),
        (tree.A.code, "VC"),
        (tree.B.code, "CBCC"),
        (tree.A1.code, "CBCC"),
    ]
    a1 = data["rows"][3]
    assert (a1["parent"], a1["target"], a1["current_assigned"], a1["achieved"], a1["remaining"]) == (
        tree.A.code,
        3,  # ⌈41 × 5 / 100⌉ = ⌈2.05⌉
        39,
        2,
        1,
    )
    assert data["totals"]["CBCC"] == {
        "base_assigned": 220,
        "target": 11,
        "current_assigned": 214,
        "achieved": 6,
        "remaining": 5,
    }
    assert data["totals"]["VC"] == {
        "base_assigned": 30,
        "target": 3,
        "current_assigned": 27,
        "achieved": 3,
        "remaining": 0,
    }
    assert list(data["totals"]) == ["CBCC", "VC"] and list(data["totals"]["VC"]) == TOTAL_KEYS
    # With the parent's own quota, the totals are the parent's row.
    quotas(tree.P, {2021: 400, 2026: 380})
    data = run_json("--org", tree.P.code, "--rule-set", "KL40-2022", "--as-of", "2026-06-30")
    assert data["rows"][0]["organization"] == tree.P.code and data["rows"][0]["parent"] is None
    assert data["totals"]["CBCC"]["base_assigned"] == 400 and data["totals"]["CBCC"]["achieved"] == 20


def test_a_unit_without_quota(tree):
    data = run_json("--org", tree.A2.code, "--rule-set", "NQ39-2015", "--as-of", "2019-01-01")
    assert data["rows"] == [] and data["period"] == {"from": 2015, "to": 2021} and data["base_year"] == 2015
    assert data["totals"]["CBCC"] == dict.fromkeys(TOTAL_KEYS, 0)


def test_as_of_defaults_to_today(tree, monkeypatch):
    from django.utils import timezone

    monkeypatch.setattr(timezone, "localdate", lambda *a: dt.date(2024, 5, 6))
    data = run_json("--org", tree.A.code, "--rule-set", "KL40-2022")
    assert data["as_of"] == "2024-05-06"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--org", "000.99.99.H17", "--rule-set", "KL40-2022"],
            "Không tìm thấy đơn vị có mã “000.99.99.H17” (--org). Các đơn vị cấp cao nhất hiện có: 000.00.00.G12",
        ),
        (
            ["--org", "{A}", "--rule-set", "KL40-2030"],
            "Không có bộ quy tắc tinh giản biên chế “KL40-2030”; hiện có: NQ39-2015, KL40-2022, BNV10989-2025.",
        ),
        (["--org", "{A}", "--rule-set", "KL40-2022", "--as-of", "2026-02-30"], "“2026-02-30” không hợp lệ"),
        (["--org", "{A}", "--rule-set", "KL40-2022", "--as-of", "mai"], "Ngày báo cáo “mai” không hợp lệ"),
        (
            ["--org", "{A}", "--rule-set", "KL40-2022", "--as-of", "2021-12-31"],
            "Ngày báo cáo 31/12/2021 nằm ngoài giai đoạn 2022–2026 của bộ quy tắc KL40-2022",
        ),
        (["--org", "{A}", "--rule-set", "KL40-2022", "--format", "xlsx"], "--format xlsx cần --output PATH"),
    ],
)
def test_what_cannot_run_exits_with_2_and_a_vietnamese_message(tree, args, message):
    code, out, err = manage("reduction_report", *[a.replace("{A}", tree.A.code) for a in args])
    assert code == 2 and out == []
    assert err.startswith("CommandError: ") and message in err


def test_a_missing_required_argument_exits_with_2(tree, capsys):
    with pytest.raises(SystemExit) as info:
        from django.core.management import ManagementUtility

        ManagementUtility(["manage.py", "reduction_report", "--org", tree.A.code]).execute()
    assert info.value.code == 2
    assert "--rule-set" in capsys.readouterr().err


def test_json_to_a_file_and_a_path_that_cannot_be_written(tree, tmp_path):
    quotas(tree.A, {2021: 120, 2026: 116})
    target = tmp_path / "bao-cao.json"
    code, out, err = manage(
        "reduction_report", "--org", tree.A.code, "--rule-set", "KL40-2022", "--as-of", "2026-06-30", "--output", target
    )
    assert code == 0 and out == [] and err.strip() == f"Đã ghi {target}: 1 dòng."
    assert json.loads(target.read_text())["rows"][0]["achieved"] == 4
    assert not (tmp_path / "bao-cao.json.part").exists()
    code, _out, err = manage(
        "reduction_report", "--org", tree.A.code, "--rule-set", "KL40-2022", "--output", tmp_path / "no" / "x.json"
    )
    assert code == 2 and "Không ghi được tệp" in err


def test_xlsx_is_the_dashboards_workbook(tree, tmp_path):
    quotas(tree.A, {2021: 120, 2022: 119, 2024: 117, 2026: 116})
    target = tmp_path / "bao-cao.xlsx"
    code, _out, err = manage(
        "reduction_report",
        *("--org", tree.A.code, "--rule-set", "KL40-2022", "--as-of", "2026-06-30", "--format", "xlsx"),
        *("--output", target),
    )
    assert code == 0, err
    book = load_workbook(io.BytesIO(target.read_bytes()))
    assert book.sheetnames == ["Tổng hợp", "Lộ trình", "Theo đơn vị"]
    sheet = book["Tổng hợp"]
    lines = [sheet.cell(r, 1).value for r in range(1, 5)]
    assert lines[0] == f"Sở Nội vụ ({tree.A.code})"
    assert lines[2].startswith("Bộ quy tắc: KL40-2022 — 40-KL/TW") and lines[3] == "Số liệu đến ngày: 30/06/2026"
    header = sheet.freeze_panes  # the first data row is frozen under the header
    assert header == "A7"
    assert [c.value for c in sheet[7]][:8] == ["Cán bộ, công chức", 120, 5, 6, 116, 4, 2, 6]
