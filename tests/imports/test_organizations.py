"""Importing and exporting the organisation sheet through the engine (SQLite and PostgreSQL).

The shared ``tree`` fixture: P 000.00.00.H17 (TINH) ⊃ A 000.00.01.H17 ⊃ {A1 000.01.01.H17,
A2 000.02.01.H17, A3 000.03.01.H17}, P ⊃ B 000.00.02.H17; M 000.00.00.G12 another root.
"""

import datetime as dt
import io
import unicodedata

import openpyxl
import pytest
from auditlog.models import LogEntry
from django.db import connection
from django.test.utils import CaptureQueriesContext

from imports.exporting import export_bytes
from imports.jobs import run_import
from imports.models import ImportJob, ImportStatus
from portal.models import Organization
from tests.builders import ORG_HEADER, SHEET, csv_bytes, rezip, set_dimension, xlsx_bytes

pytestmark = pytest.mark.django_db

P, A, B, A1, A2, A3, M = (
    "000.00.00.H17",
    "000.00.01.H17",
    "000.00.02.H17",
    "000.01.01.H17",
    "000.02.01.H17",
    "000.03.01.H17",
    "000.00.00.G12",
)


def run(rows, name="orgs.csv", **kwargs):
    data = rows if isinstance(rows, bytes) else csv_bytes(rows)
    return run_import(kind="organizations", data=data, file_name=name, **kwargs)


def errors_of(result) -> list[tuple]:
    return [(e.row, e.column, e.message) for e in result.errors]


def snapshot():
    return sorted(Organization.objects.values_list("code", "name", "parent__code", "kind", "path", "depth"))


def org(code):
    return Organization.objects.get(code=code)


def assert_rejected_nothing_written(rows, *, name="orgs.csv", **kwargs):
    before, logs = snapshot(), LogEntry.objects.count()
    result = run(rows, name=name, **kwargs)
    assert result.error_count > 0 and not result.written
    assert snapshot() == before
    assert LogEntry.objects.exclude(content_type__model="importjob").count() == logs
    return result


# --------------------------------------------------------------------------- creating and updating


def test_creates_a_tree_in_any_row_order_and_derives_paths(tree):
    result = run(
        [
            ORG_HEADER,
            ["X.2", "Phòng Hành chính", "X.1", "PHONG", "", ""],
            ["X.1", "Sở Y tế", P, "so", "", "01/07/2025"],
            ["X.3", "Trạm y tế xã", "X.2", "Xã, phường, đặc khu", "20194", ""],
        ]
    )
    assert errors_of(result) == []
    assert (result.created, result.updated, result.unchanged, result.written) == (3, 0, 0, True)
    x1, x2, x3 = org("X.1"), org("X.2"), org("X.3")
    assert x1.parent == tree.P and x1.path == f"/{P}/X.1/" and x1.depth == 1
    assert x1.valid_from == dt.date(2025, 7, 1) and x1.kind == "SO"
    assert x2.parent == x1 and x2.path == f"/{P}/X.1/X.2/" and x2.depth == 2
    assert x3.parent == x2 and x3.kind == "XA" and x3.admin_unit_code == "20194" and x3.depth == 3
    assert x1.search_key == "so y te"
    assert Organization.objects.get(pk=tree.P.pk).descendants().count() == 9


def test_updates_only_the_columns_in_the_file_and_counts_unchanged(tree):
    tree.A.valid_from = dt.date(2020, 1, 1)
    tree.A.save()
    result = run(
        [
            ["code", "name", "kind"],
            [A, "Sở Nội vụ thành phố", "SO"],
            [B, "Sở Tài chính", "SO"],
        ]
    )
    assert (result.created, result.updated, result.unchanged) == (0, 1, 1)
    a = org(A)
    assert a.name == "Sở Nội vụ thành phố"
    assert a.valid_from == dt.date(2020, 1, 1)  # not in the file: kept
    assert a.parent == tree.P and a.short_name == "SNV"
    assert a.search_key == "so noi vu thanh pho snv"


def test_moving_a_unit_re_roots_its_subtree(tree):
    result = run([["code", "name", "kind", "parent_code"], [A, "Sở Nội vụ", "SO", M]])
    assert (result.updated, result.unchanged) == (1, 0)
    assert org(A).path == f"/{M}/{A}/"
    assert org(A1).path == f"/{M}/{A}/{A1}/" and org(A1).depth == 2
    assert Organization.objects.filter(path__startswith=f"/{M}/").count() == 5
    assert Organization.objects.filter(path__startswith=f"/{P}/").count() == 2


def test_moving_to_root_and_back(tree):
    run([["code", "name", "kind", "parent_code"], [A, "Sở Nội vụ", "SO", ""]])
    assert org(A).parent is None and org(A3).path == f"/{A}/{A3}/" and org(A3).depth == 1
    run([["code", "name", "kind", "parent_code"], [A, "Sở Nội vụ", "SO", P]])
    assert org(A3).path == f"/{P}/{A}/{A3}/"


def test_nfd_name_is_stored_nfc_and_equals_its_nfc_twin(tree):
    nfd = unicodedata.normalize("NFD", "Sở Tài chính")
    assert nfd != "Sở Tài chính"
    result = run([["code", "name", "kind", "parent_code"], [B, nfd, "SO", P]])
    assert (result.updated, result.unchanged) == (0, 1)
    created = run(
        [["code", "name", "kind", "parent_code"], ["N.1", unicodedata.normalize("NFD", "Phường Mỹ An"), "XA", P]]
    )
    assert created.created == 1
    assert org("N.1").name == "Phường Mỹ An" and unicodedata.is_normalized("NFC", org("N.1").name)


def test_nbsp_zero_width_and_control_characters_are_removed(tree):
    result = run(
        [
            ["code", "name", "kind", "parent_code"],
            ["N.1\u200b", "Sở\u00a0Khoa\u200b học\x00 và\x07 Công\u00adnghệ", "SO", f"\ufeff{P}"],
        ]
    )
    assert errors_of(result) == []
    assert org("N.1").name == "Sở Khoa học và Côngnghệ" and org("N.1").parent == tree.P


def test_formula_like_and_script_names_are_stored_as_text(tree):
    names = ['=HYPERLINK("http://x","y")', "+84 236", "-Phòng", "@Phòng", "<script>alert(1)</script>"]
    rows = [["code", "name", "kind", "parent_code"]] + [[f"F.{i}", n, "PHONG", A] for i, n in enumerate(names)]
    assert run(rows).created == 5
    assert [org(f"F.{i}").name for i in range(5)] == names
    exported = export_bytes(kind="organizations", fmt="xlsx")
    assert run(exported, name="f.xlsx").unchanged == Organization.objects.count()


def test_blank_rows_are_skipped_and_counted_trailing_ones_ignored(tree):
    result = run(
        [
            ORG_HEADER,
            ["N.1", "Phòng 1", A, "PHONG", "", ""],
            ["", "", "", "", "", ""],
            ["  ", "\u00a0", "\u200b", "", "", ""],
            ["N.2", "Phòng 2", A, "PHONG", "", ""],
            ["", "", "", "", "", ""],
        ]
    )
    assert (result.created, result.blank) == (2, 2)


def test_lying_dimension_with_200_real_rows_imports_the_200(tree):
    rows = [ORG_HEADER] + [[f"D.{i:03d}", f"Phòng {i}", A, "PHONG", "", ""] for i in range(200)]
    data = rezip(xlsx_bytes(rows), {SHEET: set_dimension("A1:XFD1048576")})
    result = run(data, name="dim.xlsx")
    assert (result.created, result.error_count) == (200, 0)


# --------------------------------------------------------------------------- bad input: nothing written


def test_empty_file(tree):
    assert "trống" in assert_rejected_nothing_written(b"").errors[0].message
    empty_sheet = xlsx_bytes([])
    assert "trống" in assert_rejected_nothing_written(empty_sheet, name="e.xlsx").errors[0].message


def test_header_only(tree):
    result = assert_rejected_nothing_written([ORG_HEADER])
    assert errors_of(result) == [(2, None, "Tệp “orgs.csv” chỉ có dòng tiêu đề, không có dòng dữ liệu nào.")]


def test_missing_required_column(tree):
    result = assert_rejected_nothing_written([["Mã đơn vị", "Tên đơn vị"], ["N.1", "Phòng"]])
    assert errors_of(result) == [(1, "Loại hình", "Thiếu cột bắt buộc “Loại hình” (hoặc “kind”).")]


def test_unknown_column_is_an_error_naming_it(tree):
    result = assert_rejected_nothing_written([["code", "name", "kind", "Tên đơn vj"], ["N.1", "P", "SO", "x"]])
    [(row, column, message)] = errors_of(result)
    assert (row, column) == (1, "Tên đơn vj")
    assert "cột D" in message and "Tên đơn vị (name)" in message


def test_duplicated_column_vietnamese_and_alias(tree):
    result = assert_rejected_nothing_written([["Mã đơn vị", "name", "kind", "code"], ["N.1", "P", "SO", "N.1"]])
    [(row, column, message)] = errors_of(result)
    assert (row, column) == (1, "code")
    assert "cột D" in message and "Mã đơn vị" in message and "cột A" in message


def test_nfd_upper_case_and_spaced_headers_are_accepted(tree):
    header = [
        unicodedata.normalize("NFD", "Mã đơn vị"),
        "  TÊN   ĐƠN\u00a0VỊ ",
        "Mã Đơn Vị Cấp Trên",
        "KIND",
        "admin_unit_code",
        unicodedata.normalize("NFD", " hiệu lực từ"),
    ]
    result = run([header, ["N.1", "Phòng", A, "PHONG", "", ""]])
    assert errors_of(result) == [] and result.created == 1


def test_row_with_more_cells_than_headers(tree):
    result = assert_rejected_nothing_written([["code", "name", "kind"], ["N.1", "Phòng", "PHONG", "thừa"]])
    assert errors_of(result) == [(2, "D", "Dòng có dữ liệu “thừa” ở cột D nhưng cột này không có tiêu đề (thừa ô).")]


def test_missing_required_value(tree):
    result = assert_rejected_nothing_written([["code", "name", "kind"], ["N.1", "", "PHONG"]])
    assert errors_of(result) == [(2, "name", "Thiếu giá trị ở cột bắt buộc “name”.")]


def test_duplicate_codes_name_both_rows(tree):
    result = assert_rejected_nothing_written(
        [
            ["code", "name", "kind", "parent_code"],
            ["N.1", "Một", "PHONG", A],
            ["N.2", "Hai", "PHONG", A],
            ["N.1", "Ba", "PHONG", A],
        ]
    )
    [(row, column, message)] = errors_of(result)
    assert (row, column) == (4, "code")
    assert "N.1" in message and "dòng 2" in message and "dòng 4" in message


def test_bad_dates_and_serial_dates(tree):
    header = ["code", "name", "kind", "parent_code", "valid_from"]
    result = assert_rejected_nothing_written(
        [
            header,
            ["N.1", "a", "PHONG", A, "03/25/1990"],
            ["N.2", "b", "PHONG", A, "30/02/2020"],
            ["N.3", "c", "PHONG", A, "01/01/2999"],
        ]
    )
    assert [(r, c) for r, c, _m in errors_of(result)] == [(2, "valid_from"), (3, "valid_from"), (4, "valid_from")]
    assert "03/25/1990" in result.errors[0].message and "dd/mm/yyyy" in result.errors[0].message
    assert "không tồn tại" in result.errors[1].message
    assert "tương lai" in result.errors[2].message
    ok = run([header, ["N.1", "a", "PHONG", A, "45839"]])
    assert ok.created == 1 and org("N.1").valid_from == dt.date(2025, 7, 1)
    ok = run(
        xlsx_bytes([header, ["N.2", "b", "PHONG", A, 45839], ["N.3", "c", "PHONG", A, dt.date(2025, 7, 1)]]),
        name="d.xlsx",
    )
    assert ok.created == 2 and org("N.2").valid_from == org("N.3").valid_from == dt.date(2025, 7, 1)


def test_codes_mangled_into_numbers(tree):
    header = ["code", "name", "kind", "parent_code", "admin_unit_code"]
    result = assert_rejected_nothing_written(
        [
            header,
            ["1.2E+11", "a", "PHONG", A, ""],
            ["1090012345.0", "b", "PHONG", A, ""],
            ["N.3", "c", "XA", A, "20194.0"],
        ]
    )
    assert [(r, c) for r, c, _m in errors_of(result)] == [(2, "code"), (3, "code"), (4, "admin_unit_code")]
    assert all("Excel" in e.message for e in result.errors)
    numeric = assert_rejected_nothing_written(
        xlsx_bytes([header, [1090012345, "a", "PHONG", A, ""], ["N.2", "b", "XA", A, 20194]]), name="n.xlsx"
    )
    assert [(r, c) for r, c, _m in errors_of(numeric)] == [(2, "code"), (3, "admin_unit_code")]
    assert "1090012345.0" in numeric.errors[0].message


def test_bad_codes_kinds_and_admin_unit_codes(tree):
    result = assert_rejected_nothing_written(
        [
            ["code", "name", "kind", "parent_code", "admin_unit_code"],
            ["n_1", "a", "PHONG", A, ""],
            ["X" * 36, "b", "PHONG", A, ""],
            ["N.3", "c", "Sở", A, ""],
            ["N.4", "d", "XA", A, "123"],
        ]
    )
    assert [(r, c) for r, c, _m in errors_of(result)] == [(2, "code"), (3, "code"), (4, "kind"), (5, "admin_unit_code")]
    assert "BO (Bộ, cơ quan ngang bộ)" in result.errors[2].message


def test_parent_must_exist_and_not_be_itself(tree):
    result = assert_rejected_nothing_written(
        [["code", "name", "kind", "parent_code"], ["N.1", "a", "PHONG", "KHONG.CO"], ["N.2", "b", "PHONG", "N.2"]]
    )
    assert errors_of(result) == [
        (2, "parent_code", "Đơn vị cấp trên “KHONG.CO” không có trong tệp và chưa có trên cổng."),
        (3, "parent_code", "Đơn vị “N.2” không thể là cấp trên của chính nó."),
    ]


def test_cycles_in_the_file_and_through_the_portal(tree):
    result = assert_rejected_nothing_written(
        [["code", "name", "kind", "parent_code"], ["N.1", "a", "PHONG", "N.2"], ["N.2", "b", "PHONG", "N.1"]]
    )
    assert [(r, c) for r, c, _m in errors_of(result)] == [(2, "parent_code"), (3, "parent_code")]
    assert "vòng lặp" in result.errors[0].message and "N.1 → N.2 → N.1" in result.errors[0].message
    # A under its own child A1 (A1 is only in the portal, not in the file)
    result = assert_rejected_nothing_written([["code", "name", "kind", "parent_code"], [A, "Sở Nội vụ", "SO", A1]])
    assert "vòng lặp" in result.errors[0].message


def test_collects_every_error_not_just_the_first(tree):
    rows = [["code", "name", "kind", "parent_code"]] + [[f"n{i}", "", "??", "KHONG"] for i in range(50)]
    result = assert_rejected_nothing_written(rows)
    assert result.error_count == 150  # code, name and kind of every row (parent unchecked on a bad code)


# --------------------------------------------------------------------------- scope


def test_scope_accepts_rows_inside_the_subtree(tree):
    result = run(
        [["code", "name", "kind", "parent_code"], [A, "Sở Nội vụ (sửa)", "SO", P], ["N.1", "Phòng mới", "PHONG", A1]],
        scope_org=tree.A,
    )
    assert errors_of(result) == [] and (result.created, result.updated) == (1, 1)


def test_scope_code_of_another_subtree_is_refused_without_saying_where(tree):
    result = assert_rejected_nothing_written(
        [["code", "name", "kind", "parent_code"], [B, "Sở Tài chính", "SO", A]], scope_org=tree.A
    )
    [(row, column, message)] = errors_of(result)
    assert (row, column) == (2, "code")
    assert "không thuộc phạm vi Sở Nội vụ" in message
    assert P not in message and "Đà Nẵng" not in message and "Tài chính" not in message


def test_scope_parent_outside_reads_like_a_missing_one(tree):
    outside = assert_rejected_nothing_written(
        [["code", "name", "kind", "parent_code"], ["N.1", "a", "PHONG", B]], scope_org=tree.A
    )
    missing = assert_rejected_nothing_written(
        [["code", "name", "kind", "parent_code"], ["N.1", "a", "PHONG", "KHONG.CO"]], scope_org=tree.A
    )
    assert outside.errors[0].message.replace(B, "X") == missing.errors[0].message.replace("KHONG.CO", "X")


def test_scope_needs_a_parent_and_its_root_cannot_move(tree):
    result = assert_rejected_nothing_written(
        [["code", "name", "kind", "parent_code"], ["N.1", "a", "PHONG", ""], [A, "Sở Nội vụ", "SO", M]],
        scope_org=tree.A,
    )
    assert [(r, c) for r, c, _m in errors_of(result)] == [(2, "parent_code"), (3, "parent_code")]


# --------------------------------------------------------------------------- dry run, audit, queries


def test_dry_run_writes_nothing(tree):
    before, logs, jobs = snapshot(), LogEntry.objects.count(), ImportJob.objects.count()
    result = run(
        [["code", "name", "kind", "parent_code"], ["N.1", "a", "PHONG", A], [B, "Sở Tài chính mới", "SO", P]],
        dry_run=True,
    )
    assert (result.created, result.updated, result.dry_run, result.written) == (1, 1, True, False)
    assert result.summary_line() == "dry run: created=1 updated=1 unchanged=0"
    assert (snapshot(), LogEntry.objects.count(), ImportJob.objects.count()) == (before, logs, jobs)


def test_audit_log_one_entry_per_change_and_a_summary(tree, people):
    data = csv_bytes(
        [
            ["code", "name", "kind", "parent_code"],
            ["N.1", "Phòng mới", "PHONG", A],
            [B, "Sở Tài chính mới", "SO", P],
            [A, "Sở Nội vụ", "SO", P],
        ]
    )
    result = run_import(kind="organizations", data=data, file_name="org.csv", user=people.admin_a)
    created = LogEntry.objects.get(content_type__model="organization", object_pk=str(org("N.1").pk))
    assert created.action == LogEntry.Action.CREATE and created.actor == people.admin_a
    assert created.changes["name"] == [None, "Phòng mới"] and created.changes["parent"] == [None, A]
    updated = LogEntry.objects.get(content_type__model="organization", object_pk=str(tree.B.pk))
    assert updated.action == LogEntry.Action.UPDATE
    assert updated.changes == {"name": ["Sở Tài chính", "Sở Tài chính mới"]}
    assert not LogEntry.objects.filter(content_type__model="organization", object_pk=str(tree.A.pk)).exists()
    summary = LogEntry.objects.get(content_type__model="importjob")
    job = ImportJob.objects.get(pk=result.job_id)
    assert summary.object_pk == str(job.pk) and summary.actor == people.admin_a
    assert summary.additional_data["file_sha256"] == job.file_sha256 and len(job.file_sha256) == 64
    assert summary.additional_data["counts"] == {"created": 1, "updated": 1, "unchanged": 1, "blank": 0}
    assert job.status == ImportStatus.DONE and job.counts["created"] == 1 and job.finished_at is not None


def test_query_count_does_not_grow_with_rows(tree):
    def rows(n, prefix):
        return [["code", "name", "kind", "parent_code"]] + [
            [f"{prefix}.{i}", f"Phòng {i}", "PHONG", A] for i in range(n)
        ]

    run(rows(2, "W"))  # warm caches (content types)
    with CaptureQueriesContext(connection) as small:
        assert run(rows(10, "S")).created == 10
    with CaptureQueriesContext(connection) as large:
        assert run(rows(200, "L")).created == 200
    assert len(small) == len(large)
    update = [["code", "name", "kind", "parent_code"]] + [[f"L.{i}", f"Phòng {i} mới", "PHONG", A1] for i in range(200)]
    with CaptureQueriesContext(connection) as updating:
        assert run(update).updated == 200
    assert len(updating) <= len(large) + 2


# --------------------------------------------------------------------------- export → re-import


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_export_then_reimport_changes_nothing(tree, fmt):
    run(
        [
            ["code", "name", "kind", "parent_code", "admin_unit_code", "valid_from"],
            ["F.1", "=1+2", "PHONG", A, "", "01/07/2025"],
            ["F.2", "<script>alert(1)</script>", "XA", A, "01234", ""],
            ["F.3", "'=already escaped", "PHONG", "F.1", "", ""],
        ]
    )
    data = export_bytes(kind="organizations", fmt=fmt)
    result = run(data, name=f"export.{fmt}")
    assert errors_of(result) == []
    assert (result.created, result.updated, result.unchanged) == (0, 0, Organization.objects.count())


def test_export_is_formula_escaped_text(tree):
    run([["code", "name", "kind", "parent_code"], ["F.1", "=1+2", "PHONG", A], ["F.2", "@x", "PHONG", A]])
    sheet = openpyxl.load_workbook(io.BytesIO(export_bytes(kind="organizations", fmt="xlsx"))).active
    cells = {row[0].value: row[1] for row in sheet.iter_rows(min_row=2)}
    assert cells["F.1"].value == "'=1+2" and cells["F.1"].data_type == "s"
    assert cells["F.2"].value == "'@x"
    assert [c.value for c in sheet[1]] == ORG_HEADER
    text = export_bytes(kind="organizations", fmt="csv").decode("utf-8-sig")
    assert "F.1,'=1+2," in text and text.startswith(",".join(ORG_HEADER))


def test_scoped_export_and_reimport_with_the_same_scope(tree):
    data = export_bytes(kind="organizations", fmt="xlsx", scope_org=tree.A)
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    assert sorted(r[0].value for r in sheet.iter_rows(min_row=2)) == sorted([A, A1, A2, A3])
    result = run(data, name="a.xlsx", scope_org=tree.A)
    assert errors_of(result) == [] and result.unchanged == 4
