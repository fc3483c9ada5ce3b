"""The ``positions`` sheet on the import engine (docs/import-format.md), on SQLite and PostgreSQL.

Tree (tests/conftest.py): P 000.00.00.H17 ⊃ A 000.00.01.H17 ⊃ {A1, A2, A3}, P ⊃ B 000.00.02.H17;
M 000.00.00.G12 another root. Reference rows come from the ``ref`` fixture (groups LDQL/CMNV/HTPV,
ranks 01.002–01.005 and 06.031, framework position TKHUNG-VT).
"""

import io
import unicodedata

import openpyxl
import pytest
from auditlog.models import LogEntry
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from imports.exporting import export_bytes
from imports.jobs import run_import
from positions.models import DescriptionStatus, Position, PositionDescription
from tests.builders import csv_bytes, xlsx_bytes

pytestmark = pytest.mark.django_db

P, A, B, A1 = "000.00.00.H17", "000.00.01.H17", "000.00.02.H17", "000.01.01.H17"
HEADER = [
    "Mã đơn vị",
    "Mã vị trí",
    "Tên vị trí việc làm",
    "Nhóm",
    "Nhóm phụ",
    "Ngạch/chức danh tối thiểu",
    "Ngạch/chức danh tối đa",
    "Số người cần",
    "Mã vị trí khung",
]
SHORT = ["organization_code", "code", "name", "group", "headcount"]
# The columns of issue 9: optional, so a file with HEADER only (the format before them) imports as before.
TRAINING = ["Trình độ đào tạo yêu cầu", "Chuyên ngành đào tạo yêu cầu"]


def run(rows, name="positions.csv", **kwargs):
    data = rows if isinstance(rows, bytes) else csv_bytes(rows)
    return run_import(kind="positions", data=data, file_name=name, **kwargs)


def errors_of(result) -> list[tuple]:
    return [(e.row, e.column, e.message) for e in result.errors]


def snapshot():
    return sorted(
        Position.objects.values_list(
            "organization__code", "code", "name", "group__code", "subgroup", "min_rank__code", "max_rank__code"
        )
    ), PositionDescription.objects.count()


def rejected(rows, **kwargs):
    before, logs = snapshot(), LogEntry.objects.exclude(content_type__model="importjob").count()
    result = run(rows, **kwargs)
    assert result.error_count > 0 and not result.written
    assert snapshot() == before
    assert LogEntry.objects.exclude(content_type__model="importjob").count() == logs
    return result


def position(org_code, code):
    return Position.objects.select_related("group", "min_rank", "max_rank", "framework").get(
        organization__code=org_code, code=code
    )


# --------------------------------------------------------------------------- creating and updating


def test_creates_positions_with_an_empty_draft_each(tree, ref, people):
    result = run_import(
        kind="positions",
        data=csv_bytes(
            [
                HEADER,
                [A, "VT01", "Văn thư", "CMNV", "Dùng chung", "01.004", "01.003", "2", "TKHUNG-VT"],
                [A, "LD01", "Giám đốc Sở", "lãnh đạo, quản lý", "", "", "", "1", ""],
                [A1, "HT01", "Lái xe", "htpv", "", "", "", "0", ""],
            ]
        ),
        file_name="p.csv",
        user=people.admin_a,
    )
    assert errors_of(result) == [] and (result.created, result.updated, result.unchanged) == (3, 0, 0)
    vt = position(A, "VT01")
    assert (vt.name, vt.group.code, vt.subgroup, vt.min_rank.code, vt.max_rank.code) == (
        "Văn thư",
        "CMNV",
        "DC",
        "01.004",
        "01.003",
    )
    assert vt.headcount == 2 and vt.framework == ref.framework and vt.search_key == "van thu"
    assert position(A, "LD01").group.code == "LDQL" and position(A1, "HT01").headcount == 0
    drafts = PositionDescription.objects.filter(position__organization__code__in=[A, A1])
    assert (
        sorted(drafts.values_list("version", "status", "objective", "created_by"))
        == [(1, DescriptionStatus.DRAFT, "", people.admin_a.pk)] * 3
    )
    created = LogEntry.objects.get(content_type__model="position", object_pk=str(vt.pk))
    assert created.changes["name"] == [None, "Văn thư"] and created.changes["min_rank"] == [None, "01.004"]


def test_imported_positions_show_in_the_catalogue_as_drafts(tree, ref, login):
    run([SHORT, [A, "VT01", "Văn thư", "CMNV", "1"]])
    draft = PositionDescription.objects.get(position__code="VT01", position__organization=tree.A)
    page = login("hr_a").get(reverse("positions:catalogue", args=[A]))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Văn thư" in html and 'data-status="draft"' in html
    assert reverse("positions:description_edit", args=[draft.pk]) in html
    detail = login("hr_a").get(reverse("positions:position_detail", args=[draft.position_id]))
    assert reverse("positions:description_edit", args=[draft.pk]) in detail.content.decode()


def test_updates_only_the_columns_in_the_file_and_counts_unchanged(tree, ref):
    run([HEADER, [A, "VT01", "Văn thư", "CMNV", "DC", "01.004", "01.003", "2", "TKHUNG-VT"]])
    drafts = PositionDescription.objects.count()
    result = run([SHORT, [A, "VT01", "Văn thư (sửa)", "CMNV", "3"]])
    assert (result.created, result.updated, result.unchanged) == (0, 1, 0)
    vt = position(A, "VT01")
    assert (vt.name, vt.headcount, vt.search_key) == ("Văn thư (sửa)", 3, "van thu (sua)")
    assert (vt.subgroup, vt.min_rank.code, vt.max_rank.code, vt.framework) == ("DC", "01.004", "01.003", ref.framework)
    assert PositionDescription.objects.count() == drafts  # no new draft for an existing position
    again = run([SHORT, [A, "VT01", "Văn thư (sửa)", "CMNV", "3"]])
    assert (again.created, again.updated, again.unchanged) == (0, 0, 1)
    log = LogEntry.objects.filter(content_type__model="position", object_pk=str(vt.pk)).latest("pk")
    assert log.changes == {"name": ["Văn thư", "Văn thư (sửa)"], "headcount": [2, 3]}


def test_same_code_in_two_organisations_is_two_positions(tree, ref):
    result = run([SHORT, [A, "VT01", "Văn thư", "CMNV", "1"], [B, "VT01", "Văn thư", "CMNV", "1"]])
    assert result.created == 2 and Position.objects.filter(code="VT01").count() == 2


def test_subgroup_is_cleared_when_the_group_no_longer_has_one(tree, ref):
    run([HEADER, [A, "VT01", "Văn thư", "CMNV", "DC", "", "", "1", ""]])
    result = run([SHORT, [A, "VT01", "Văn thư", "HTPV", "1"]])
    assert result.updated == 1 and position(A, "VT01").subgroup == ""


def test_nfd_names_and_headers_formula_and_script_text(tree, ref):
    header = [unicodedata.normalize("NFD", "Mã đơn vị"), " MÃ  VỊ TRÍ ", "Tên vị trí việc làm", "nhóm", "Số người cần"]
    names = ["=1+2", "<script>alert(1)</script>", unicodedata.normalize("NFD", "Kế toán viên")]
    result = run([header] + [[A, f"F{i}", n, "CMNV", "1"] for i, n in enumerate(names)])
    assert errors_of(result) == [] and result.created == 3
    assert [position(A, f"F{i}").name for i in range(3)] == ["=1+2", "<script>alert(1)</script>", "Kế toán viên"]
    twin = run([SHORT, [A, "F2", "Kế toán viên", "CMNV", "1"]])
    assert twin.unchanged == 1


# --------------------------------------------------------------------------- bad input


def test_missing_unknown_and_duplicated_columns(tree, ref):
    missing = rejected([["organization_code", "code", "name", "group"], [A, "VT01", "Văn thư", "CMNV"]])
    assert errors_of(missing) == [(1, "Số người cần", "Thiếu cột bắt buộc “Số người cần” (hoặc “headcount”).")]
    unknown = rejected([[*SHORT, "Nhom phu"], [A, "VT01", "Văn thư", "CMNV", "1", "DC"]])
    assert [(r, c) for r, c, _m in errors_of(unknown)] == [(1, "Nhom phu")]
    twice = rejected([[*SHORT, "Mã vị trí"], [A, "VT01", "Văn thư", "CMNV", "1", "VT01"]])
    assert [(r, c) for r, c, _m in errors_of(twice)] == [(1, "Mã vị trí")]


def test_duplicate_key_names_both_rows(tree, ref):
    result = rejected(
        [SHORT, [A, "VT01", "Văn thư", "CMNV", "1"], [A, "VT02", "Lưu trữ", "CMNV", "1"], [A, "VT01", "X", "CMNV", "1"]]
    )
    [(row, column, message)] = errors_of(result)
    assert (row, column) == (4, "code")
    assert "dòng 2" in message and "dòng 4" in message and "VT01" in message


def test_organisation_outside_the_scope_reads_like_an_unknown_one(tree, ref):
    outside = rejected([SHORT, [B, "VT01", "Văn thư", "CMNV", "1"]], scope_org=tree.A)
    unknown = rejected([SHORT, ["KHONG.CO", "VT01", "Văn thư", "CMNV", "1"]], scope_org=tree.A)
    assert outside.errors[0].column == "organization_code"
    assert outside.errors[0].message.replace(B, "X") == unknown.errors[0].message.replace("KHONG.CO", "X")
    assert "Tài chính" not in outside.errors[0].message and P not in outside.errors[0].message
    inside = run([SHORT, [A1, "VT01", "Văn thư", "CMNV", "1"]], scope_org=tree.A)
    assert inside.created == 1


def test_rank_range_subgroup_framework_and_headcount_rules(tree, ref):
    result = rejected(
        [
            HEADER,
            [A, "V1", "a", "CMNV", "DC", "01.002", "01.004", "1", ""],  # max below min
            [A, "V2", "b", "LDQL", "CN", "", "", "1", ""],  # subgroup outside CMNV
            [A, "V3", "c", "CMNV", "XX", "", "", "1", ""],
            [A, "V4", "d", "CMNV", "", "99.999", "", "1", ""],
            [A, "V5", "e", "CMNV", "", "", "", "-1", ""],
            [A, "V6", "f", "CMNV", "", "", "", "1,5", ""],
            [A, "V7", "g", "QL", "", "", "", "1", ""],
            [A, "V8", "h", "CMNV", "", "", "", "1", "KHUNG-KHONG-CO"],
        ]
    )
    assert [(r, c) for r, c, _m in errors_of(result)] == [
        (2, "Ngạch/chức danh tối đa"),
        (3, "Nhóm phụ"),
        (4, "Nhóm phụ"),
        (5, "Ngạch/chức danh tối thiểu"),
        (6, "Số người cần"),
        (7, "Số người cần"),
        (8, "Nhóm"),
        (9, "Mã vị trí khung"),
    ]
    messages = [m for _r, _c, m in errors_of(result)]
    assert "01.004" in messages[0] and "01.002" in messages[0]
    assert "CMNV" in messages[1]
    assert "LDQL (Lãnh đạo, quản lý)" in messages[6]


def test_max_rank_checked_against_the_stored_minimum(tree, ref):
    run([HEADER, [A, "V1", "a", "CMNV", "", "01.003", "", "1", ""]])
    result = rejected([[*SHORT, "max_rank"], [A, "V1", "a", "CMNV", "1", "01.005"]])
    assert [(r, c) for r, c, _m in errors_of(result)] == [(2, "max_rank")]


def test_mangled_codes_and_blank_rows(tree, ref):
    mangled = rejected(xlsx_bytes([SHORT, [A, 1012, "a", "CMNV", 1], [A, "1.2E+11", "b", "CMNV", 1]]), name="p.xlsx")
    assert [(r, c) for r, c, _m in errors_of(mangled)] == [(2, "code"), (3, "code")]
    assert all("Excel" in e.message for e in mangled.errors)
    ok = run([SHORT, [A, "V1", "a", "CMNV", "1"], ["", "", "", "", ""], [A, "V2", "b", "CMNV", "1"]])
    assert (ok.created, ok.blank) == (2, 1)


# --------------------------------------------------------------------------- export, queries


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_export_then_reimport_changes_nothing(tree, ref, fmt):
    run(
        [
            HEADER,
            [A, "VT01", "=SUM(A1)", "CMNV", "DC", "01.004", "01.003", "2", "TKHUNG-VT"],
            [A, "007", "<b>Lái xe</b>", "HTPV", "", "01.005", "", "1", ""],
            [B, "KT01", "Kế toán", "CMNV", "CN", "06.031", "06.031", "1", ""],
        ]
    )
    run([[*SHORT, *TRAINING], [A, "VT01", "=SUM(A1)", "CMNV", "2", "Cao đẳng trở lên", "=Văn thư, lưu trữ"]])
    assert (position(A, "VT01").required_training_level, position(A, "VT01").min_rank.code) == ("CD", "01.004")
    data = export_bytes(kind="positions", fmt=fmt)
    result = run(data, name=f"export.{fmt}")
    assert errors_of(result) == []
    assert (result.created, result.updated, result.unchanged) == (0, 0, Position.objects.count())
    scoped = export_bytes(kind="positions", fmt=fmt, scope_org=tree.A)
    result = run(scoped, name=f"a.{fmt}", scope_org=tree.A)
    assert errors_of(result) == [] and (result.unchanged, result.updated) == (2, 0)


def test_export_is_formula_escaped_with_the_import_headers(tree, ref):
    run([SHORT, [A, "VT01", "=1+2", "CMNV", "1"]])
    sheet = openpyxl.load_workbook(io.BytesIO(export_bytes(kind="positions", fmt="xlsx", scope_org=tree.A))).active
    assert [c.value for c in sheet[1]] == HEADER + TRAINING
    [row] = [r for r in sheet.iter_rows(min_row=2, values_only=True) if r[1] == "VT01"]
    assert row[2] == "'=1+2" and row[3] == "CMNV"


def test_query_count_does_not_grow_with_rows(tree, ref):
    def rows(n, prefix):
        return [HEADER + TRAINING] + [
            [A, f"{prefix}{i}", f"Vị trí {i}", "CMNV", "DC", "01.004", "01.003", "1", "", "Đại học", "Luật"]
            for i in range(n)
        ]

    run(rows(2, "W"))
    with CaptureQueriesContext(connection) as small:
        assert run(rows(10, "S")).created == 10
    with CaptureQueriesContext(connection) as large:
        assert run(rows(300, "L")).created == 300
    assert len(small) == len(large)
    with CaptureQueriesContext(connection) as updating:
        assert run([SHORT] + [[A, f"L{i}", f"Vị trí {i} (sửa)", "CMNV", "2"] for i in range(300)]).updated == 300
    assert len(updating) <= len(large)


# --------------------------------------------------------------------------- the required training level (issue 9)


def test_required_training_level_as_a_code_a_label_or_or_above(tree, ref):
    result = run(
        [
            [*SHORT, *TRAINING],
            [A, "V1", "a", "CMNV", "1", "DH", "Luật, Quản lý nhà nước"],
            [A, "V2", "b", "CMNV", "1", "cao đẳng", ""],
            [A, "V3", "c", "CMNV", "1", "Thạc sĩ trở lên", "Kinh tế"],
            [A, "V4", "d", "CMNV", "1", "THẠC SỸ", ""],
            [A, "V5", "e", "HTPV", "1", "", ""],
        ]
    )
    assert errors_of(result) == [] and result.created == 5
    stored = {p.code: (p.required_training_level, p.required_training_field) for p in Position.objects.all()}
    assert stored == {
        "V1": ("DH", "Luật, Quản lý nhà nước"),
        "V2": ("CD", ""),
        "V3": ("THS", "Kinh tế"),
        "V4": ("THS", ""),
        "V5": ("", ""),
    }
    log = LogEntry.objects.get(content_type__model="position", object_pk=str(position(A, "V1").pk))
    assert log.changes["required_training_level"] == [None, "DH"]


def test_bad_required_training_level_names_the_value_and_the_levels(tree, ref):
    result = rejected(
        [
            [*SHORT, *TRAINING],
            [A, "V1", "a", "CMNV", "1", "Cử nhân kinh tế", ""],
            [A, "V2", "b", "CMNV", "1", "DH", "x" * 201],
        ]
    )
    assert [(r, c) for r, c, _m in errors_of(result)] == [
        (2, "Trình độ đào tạo yêu cầu"),
        (3, "Chuyên ngành đào tạo yêu cầu"),
    ]
    first, second = (m for _r, _c, m in errors_of(result))
    assert "“Cử nhân kinh tế”" in first and "DH (Đại học)" in first and "TS (Tiến sĩ)" in first
    assert "201" in second and "200" in second


def test_a_file_without_the_training_columns_keeps_the_stored_ones(tree, ref):
    """A file in the format before issue 9 (no training columns) changes nothing of them, on
    SQLite (bulk_update) and on PostgreSQL (COPY into a temporary table, UPDATE … FROM)."""
    run([[*SHORT, *TRAINING], [A, "V1", "a", "CMNV", "1", "DH", "Luật"], [B, "V2", "b", "CMNV", "1", "TC", "Kế toán"]])
    result = run(
        [HEADER, [A, "V1", "a (sửa)", "CMNV", "DC", "", "", "2", ""], [B, "V2", "b", "CMNV", "", "", "", "1", ""]]
    )
    assert errors_of(result) == [] and (result.updated, result.unchanged) == (1, 1)
    v1 = position(A, "V1")
    assert (v1.name, v1.headcount, v1.required_training_level, v1.required_training_field) == (
        "a (sửa)",
        2,
        "DH",
        "Luật",
    )
    assert (position(B, "V2").required_training_level, position(B, "V2").required_training_field) == ("TC", "Kế toán")
    new = run([SHORT, [A, "V3", "c", "CMNV", "1"]])
    assert new.created == 1 and (
        position(A, "V3").required_training_level,
        position(A, "V3").required_training_field,
    ) == (
        "",
        "",
    )
    # an empty cell of a column in the file clears the field
    cleared = run([[*SHORT, *TRAINING], [A, "V1", "a (sửa)", "CMNV", "2", "", ""]])
    assert cleared.updated == 1 and position(A, "V1").required_training_level == ""
