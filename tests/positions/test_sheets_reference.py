"""The national admin's reference sheets on the import engine: ``ranks``, ``competencies`` and
``framework`` (good files, every rule with row/column/value, nothing written on error, export →
re-import unchanged, organisation scope and non-national users refused, constant query counts)."""

import io
from decimal import Decimal

import openpyxl
import pytest
from auditlog.models import LogEntry
from django.db import connection
from django.test.utils import CaptureQueriesContext

from imports.errors import ImportFailure
from imports.exporting import export_bytes
from imports.jobs import create_job, run_import
from positions.models import Competency, CompetencyLevel, FrameworkPosition, Rank
from tests.builders import csv_bytes, make_position, manage, write_file, xlsx_bytes

pytestmark = pytest.mark.django_db

RANK_HEADER = [
    "Mã",
    "Tên",
    "Loại",
    "Lĩnh vực",
    "Nhóm lương",
    "Hạng",
    "Bậc so sánh",
    "Hệ số thấp nhất",
    "Hệ số cao nhất",
    "Căn cứ pháp lý",
    "Đang áp dụng",
]
COMPETENCY_HEADER = ["Mã", "Nhóm năng lực", "Tên", "Định nghĩa", "Thứ tự", *(f"Cấp độ {n}" for n in range(1, 6))]
FRAMEWORK_HEADER = [
    "Mã vị trí khung",
    "Tên vị trí việc làm",
    "Nhóm",
    "Nhóm phụ",
    "Ngạch/chức danh tối thiểu",
    "Ngạch/chức danh tối đa",
    "Đang áp dụng",
]


def run(kind, rows, name="file.csv", **kwargs):
    data = rows if isinstance(rows, bytes) else csv_bytes(rows)
    return run_import(kind=kind, data=data, file_name=name, **kwargs)


def errors_of(result) -> list[tuple]:
    return [(e.row, e.column, e.value, e.message) for e in result.errors]


def snapshot():
    return (
        sorted(Rank.objects.values_list("code", "name", "kind", "grade", "level", "coefficient_min", "active")),
        sorted(Competency.objects.values_list("code", "name", "kind", "order", "active")),
        sorted(CompetencyLevel.objects.values_list("competency__code", "level", "descriptor")),
        sorted(FrameworkPosition.objects.values_list("code", "name", "group__code", "min_rank__code", "active")),
    )


def assert_rejected(kind, rows, **kwargs):
    before, logs = snapshot(), LogEntry.objects.count()
    result = run(kind, rows, **kwargs)
    assert result.error_count > 0 and not result.written
    assert snapshot() == before
    assert LogEntry.objects.exclude(content_type__model="importjob").count() == logs
    return result


# --------------------------------------------------------------------------- ranks


def test_ranks_good_file_creates_and_updates(ref):
    result = run(
        "ranks",
        [
            RANK_HEADER,
            ["V.99.01.01", "Thử nghiệm viên hạng I", "CDNN", "Thử nghiệm", "A3.1", "Hạng I", "5", "6,2", "8", "", "x"],
            ["99.001", "Ngạch thử", "Ngạch công chức", "Thử nghiệm", "A1", "", "3", "2.34", "4.98", "ND361-2025", ""],
            ["01.003", "Chuyên viên", "NGACH", "Hành chính", "A1", "", "3", "2,34", "4,98", "", "Có"],
        ],
    )
    assert errors_of(result) == []
    assert (result.created, result.written) == (2, True)
    title = Rank.objects.get(code="V.99.01.01")
    assert (title.kind, title.grade, title.level, title.coefficient_min, title.active) == (
        "CDNN",
        "I",
        5,
        Decimal("6.20"),
        True,
    )
    rank = Rank.objects.select_related("legal_basis").get(code="99.001")
    assert (rank.kind, rank.grade, rank.active, rank.legal_basis.code) == ("NGACH", "", False, "ND361-2025")
    assert LogEntry.objects.filter(object_pk=str(title.pk), content_type__model="rank").exists()


def test_ranks_absent_optional_columns_keep_their_values(ref):
    before = Rank.objects.get(code="01.003")
    result = run("ranks", [["code", "name", "kind", "level"], ["01.003", "Chuyên viên (đổi tên)", "NGACH", "3"]])
    assert (result.updated, result.created) == (1, 0), errors_of(result)
    after = Rank.objects.get(code="01.003")
    assert after.name == "Chuyên viên (đổi tên)"
    assert (after.field, after.coefficient_min, after.active) == (before.field, before.coefficient_min, before.active)
    entry = LogEntry.objects.filter(content_type__model="rank", object_pk=str(after.pk)).latest("timestamp")
    assert entry.changes == {"name": [before.name, "Chuyên viên (đổi tên)"]}


@pytest.mark.parametrize(
    "cells, column, value, message",
    [
        (["1.003", "X", "NGACH", "", "", "", "3", "", ""], "Mã", "1.003", "NN.NNN"),
        (["V.01.02.99", "X", "NGACH", "", "", "", "3", "", ""], "Mã", "V.01.02.99", "phải có dạng NN.NNN"),
        (["99.002", "X", "CDNN", "", "", "II", "3", "", ""], "Mã", "99.002", "V.NN.NN.NN"),
        (["99.002", "X", "NGACH", "", "", "II", "3", "", ""], "Hạng", "II", "không có hạng"),
        (["V.99.02.02", "X", "CDNN", "", "", "", "3", "", ""], "Hạng", "", "phải có hạng"),
        (["V.99.02.02", "X", "CDNN", "", "", "V", "3", "", ""], "Hạng", "V", "không phải là giá trị"),
        (["99.002", "X", "NGACH", "", "", "", "10", "", ""], "Bậc so sánh", "10", "từ 1 đến 9"),
        (["99.002", "X", "NGACH", "", "", "", "0", "", ""], "Bậc so sánh", "0", "từ 1 đến 9"),
        (["99.002", "X", "NGACH", "", "", "", "3", "5", "4,5"], "Hệ số cao nhất", "4.50", "thấp hơn hệ số thấp nhất"),
        (["99.002", "X", "NGACH", "", "", "", "3", "0,5", ""], "Hệ số thấp nhất", "0,5", "ngoài khoảng"),
        (["99.002", "X", "NGACH", "", "", "", "3", "2,345", ""], "Hệ số thấp nhất", "2,345", "quá 2 chữ số"),
        (["99.002", "X", "VC", "", "", "", "3", "", ""], "Loại", "VC", "NGACH"),
        (["99.002", "", "NGACH", "", "", "", "3", "", ""], "Tên", "", "Thiếu giá trị"),
        (["99.002", "X", "NGACH", "", "A9.9.9", "", "3", "", ""], "Nhóm lương", "A9.9.9", "nhóm ngạch lương"),
    ],
)
def test_ranks_bad_rows_name_row_column_value(ref, cells, column, value, message):
    header = RANK_HEADER[:9]
    good = ["99.003", "Ngạch tốt", "NGACH", "", "", "", "2", "", ""]
    result = assert_rejected("ranks", [header, good, cells])
    assert [(e.row, e.column, e.value) for e in result.errors] == [(3, column, value)], errors_of(result)
    assert message in result.errors[0].message


def test_ranks_duplicate_code_and_unknown_legal_document(ref):
    row = ["99.004", "Ngạch", "NGACH", "", "", "", "2", "", "", "TT-KHONG-CO", "Có"]
    result = assert_rejected("ranks", [RANK_HEADER, row, [*row[:9], "", "Có"]])
    found = {(e.row, e.column) for e in result.errors}
    assert found == {(2, "Căn cứ pháp lý"), (3, "Mã")}
    assert "dòng 2 và dòng 3" in " ".join(e.message for e in result.errors)


def test_ranks_code_mangled_by_excel_is_an_error(ref):
    data = xlsx_bytes([RANK_HEADER[:7], [1.003, "Số", "NGACH", "", "", "", 3]])
    result = assert_rejected("ranks", data, name="ranks.xlsx")
    assert result.errors[0].column == "Mã" and "Excel tự chuyển đổi" in result.errors[0].message


def test_rank_level_change_that_breaks_a_position_range_is_refused(tree, ref):
    """The organisation's position and the fixture's framework position both use 01.004–01.003."""
    make_position(
        tree.A, "VT09", "Văn thư", group=ref.groups["CMNV"], min_rank=ref.ranks["01.004"], max_rank=ref.ranks["01.003"]
    )
    result = assert_rejected("ranks", [["code", "name", "kind", "level"], ["01.004", "Cán sự", "NGACH", "4"]])
    assert [(e.row, e.column, e.value) for e in result.errors] == [(2, "level", "4")]
    assert "“01.004” (bậc 4) cao hơn ngạch tối đa “01.003” (bậc 3) ở 2 vị trí" in result.errors[0].message


# --------------------------------------------------------------------------- competencies


def competency_row(code="TNL-X1", name="Năng lực mới", kind="CHUNG", order="", levels=None):
    return [code, kind, name, "Định nghĩa", order, *(levels or [f"{name} — cấp {n}" for n in range(1, 6)])]


def test_competencies_good_file(ref):
    last = max(Competency.objects.filter(kind="CHUYENMON").values_list("order", flat=True))
    result = run(
        "competencies",
        [
            COMPETENCY_HEADER,
            competency_row(),
            competency_row("TNL-X2", "Năng lực chuyên môn", "Năng lực chuyên môn"),
            competency_row("TNL-C1", "Soạn thảo văn bản (đổi)", order="1"),
        ],
    )
    assert errors_of(result) == []
    assert (result.created, result.updated) == (2, 1)
    new = Competency.objects.get(code="TNL-X2")
    assert (new.kind, new.order) == ("CHUYENMON", last + 1)
    assert list(new.levels.values_list("level", flat=True)) == [1, 2, 3, 4, 5]
    assert CompetencyLevel.objects.get(competency__code="TNL-C1", level=5).descriptor == (
        "Soạn thảo văn bản (đổi) — cấp 5"
    )


def test_competency_update_of_one_level_only(ref):
    competency = ref.competencies["TNL-C2"]
    export = list(csv_rows(export_bytes(kind="competencies", fmt="csv")))
    header, rows = export[0], export[1:]
    row = next(r for r in rows if r[0] == "TNL-C2")
    row[header.index("Cấp độ 4")] = "Cấp độ 4 viết lại"
    result = run("competencies", [header, *rows])
    assert (result.updated, result.created, result.error_count) == (1, 0, 0)
    assert dict(competency.levels.values_list("level", "descriptor"))[4] == "Cấp độ 4 viết lại"
    entry = LogEntry.objects.filter(content_type__model="competency", object_pk=str(competency.pk)).latest("timestamp")
    assert list(entry.changes) == ["level_4"]


def test_competencies_need_every_level(ref):
    result = assert_rejected("competencies", [COMPETENCY_HEADER, competency_row(levels=["a", "b", "c", "d", ""])])
    assert [(e.row, e.column) for e in result.errors] == [(2, "Cấp độ 5")]
    result = assert_rejected("competencies", [COMPETENCY_HEADER[:-1], competency_row()[:-1]])
    assert "Thiếu cột bắt buộc “Cấp độ 5”" in result.errors[0].message


def test_competency_bad_kind_and_code(ref):
    result = assert_rejected("competencies", [COMPETENCY_HEADER, competency_row("tnl x", kind="KHAC")])
    assert {(e.row, e.column, e.value) for e in result.errors} == {(2, "Mã", "tnl x"), (2, "Nhóm năng lực", "KHAC")}


# --------------------------------------------------------------------------- framework


def test_framework_good_file(ref):
    before = FrameworkPosition.objects.get(code="TKHUNG-VT").sample
    result = run(
        "framework",
        [
            FRAMEWORK_HEADER,
            ["TKHUNG-LT", "Lưu trữ (khung thử)", "Chuyên môn, nghiệp vụ", "DC", "01.004", "01.003", "Có"],
            ["TKHUNG-LX", "Lái xe", "HTPV", "", "", "", "Có"],
            ["TKHUNG-VT", "Văn thư (khung, đổi tên)", "CMNV", "DC", "01.004", "01.003", "Có"],
        ],
    )
    assert errors_of(result) == []
    assert (result.created, result.updated) == (2, 1)
    new = FrameworkPosition.objects.select_related("group", "min_rank").get(code="TKHUNG-LT")
    assert (new.group.code, new.subgroup, new.min_rank.code, new.sample) == ("CMNV", "DC", "01.004", {})
    assert new.search_key == "luu tru (khung thu)"
    renamed = FrameworkPosition.objects.get(code="TKHUNG-VT")
    assert renamed.search_key == "van thu (khung, doi ten)" and renamed.sample == before


@pytest.mark.parametrize(
    "cells, column, value, message",
    [
        (["F-1", "X", "CMNV", "", "01.002", "01.004", ""], "Ngạch/chức danh tối đa", "01.004", "thấp hơn"),
        (["F-1", "X", "CMNV", "", "09.999", "", ""], "Ngạch/chức danh tối thiểu", "09.999", "chưa có trên cổng"),
        (["F-1", "X", "LDQL", "DC", "", "", ""], "Nhóm phụ", "DC", "Chỉ nhóm chuyên môn"),
        (["F-1", "X", "KHAC", "", "", "", ""], "Nhóm", "KHAC", "không phải là giá trị"),
        (["f 1", "X", "CMNV", "", "", "", ""], "Mã vị trí khung", "f 1", "không hợp lệ"),
    ],
)
def test_framework_bad_rows(ref, cells, column, value, message):
    result = assert_rejected("framework", [FRAMEWORK_HEADER, cells])
    assert [(e.row, e.column, e.value) for e in result.errors] == [(2, column, value)], errors_of(result)
    assert message in result.errors[0].message


# --------------------------------------------------------------------------- export → re-import


def csv_rows(data: bytes):
    import csv

    return csv.reader(io.StringIO(data.decode("utf-8-sig")))


@pytest.mark.parametrize("kind", ["ranks", "competencies", "framework"])
@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_export_then_reimport_changes_nothing(ref, kind, fmt):
    # a multi-line definition and a formula-like name survive the round trip
    Competency.objects.filter(code="TNL-C1").update(definition="Dòng một\nDòng hai", name="=Soạn thảo")
    data = export_bytes(kind=kind, fmt=fmt)
    before, logs = snapshot(), LogEntry.objects.exclude(content_type__model="importjob").count()
    result = run(kind, data, name=f"export.{fmt}")
    assert errors_of(result) == []
    assert (result.created, result.updated) == (0, 0) and result.unchanged > 0
    assert snapshot() == before
    assert LogEntry.objects.exclude(content_type__model="importjob").count() == logs


def test_export_xlsx_keeps_codes_as_text(ref):
    sheet = openpyxl.load_workbook(io.BytesIO(export_bytes(kind="ranks", fmt="xlsx"))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == RANK_HEADER
    codes = {row[0] for row in rows[1:]}
    assert {"01.003", "06.031"} <= codes


def test_commands_export_and_import(ref, tmp_path):
    path = tmp_path / "ranks.xlsx"
    code, lines, _err = manage("export_data", "ranks", path)
    assert code == 0 and lines == [f"exported={Rank.objects.count()}"]
    code, lines, _err = manage("import_data", "ranks", path)
    assert code == 0 and lines[-1] == f"created=0 updated=0 unchanged={Rank.objects.count()}"
    bad = write_file(tmp_path, "bad.csv", csv_bytes([RANK_HEADER[:7], ["99.005", "X", "NGACH", "", "", "II", "2"]]))
    code, lines, _err = manage("import_data", "ranks", bad)
    assert code == 1 and lines[-1] == "rejected: 1 errors, nothing written"
    assert lines[0].startswith("row 2, column Hạng: Ngạch công chức không có hạng")


# --------------------------------------------------------------------------- who may import


def test_organisation_scope_is_refused(tree, ref, tmp_path):
    good = csv_bytes([RANK_HEADER[:7], ["99.006", "X", "NGACH", "", "", "", "2"]])
    for dry_run in (True, False):
        with pytest.raises(ImportFailure, match="danh mục dùng chung toàn quốc"):
            run("ranks", good, scope_org=tree.A, dry_run=dry_run)
    path = write_file(tmp_path, "r.csv", good)
    code, _lines, err = manage("import_data", "ranks", path, "--org", tree.A.code)
    assert code == 2 and "danh mục dùng chung toàn quốc" in err
    code, _lines, err = manage("export_data", "framework", tmp_path / "f.xlsx", "--org", tree.A.code)
    assert code == 2 and not (tmp_path / "f.xlsx").exists() and not (tmp_path / "f.xlsx.part").exists()
    assert not Rank.objects.filter(code="99.006").exists()


@pytest.mark.parametrize("persona", ["admin_a", "hr_a", "nobody"])
def test_only_national_admins_import(people, ref, persona):
    good = csv_bytes([RANK_HEADER[:7], ["99.007", "X", "NGACH", "", "", "", "2"]])
    user = getattr(people, persona)
    with pytest.raises(ImportFailure, match="Chỉ quản trị viên cấp quốc gia"):
        run("competencies" if persona == "nobody" else "ranks", good, user=user)
    with pytest.raises(ImportFailure, match="Chỉ quản trị viên cấp quốc gia"):
        create_job(kind="framework", data=good, file_name="f.csv", user=user)
    assert not Rank.objects.filter(code="99.007").exists()
    result = run("ranks", good, user=people.national)
    assert result.created == 1 and result.written


# --------------------------------------------------------------------------- query counts


def rank_rows(n, start=0):
    return [
        [f"98.{i + 1:03d}", f"Ngạch thử {i}", "NGACH", "Thử", "A1", "", "3", "2,34", "4,98"] for i in range(start, n)
    ]


def queries_of(kind, rows):
    with CaptureQueriesContext(connection) as ctx:
        result = run(kind, rows)
    assert result.error_count == 0, errors_of(result)
    return len(ctx.captured_queries)


def test_query_counts_do_not_grow_with_the_file(tree, ref):
    small = queries_of("ranks", [RANK_HEADER[:9], *rank_rows(3)])
    large = queries_of("ranks", [RANK_HEADER[:9], *rank_rows(60, 3)])
    assert small == large
    # updates (and a level change, which checks the positions using the ranks)
    small = queries_of("ranks", [RANK_HEADER[:9], *[[*r[:6], "4", *r[7:]] for r in rank_rows(3)]])
    large = queries_of("ranks", [RANK_HEADER[:9], *[[*r[:6], "4", *r[7:]] for r in rank_rows(60, 3)]])
    assert small == large
    small = queries_of("competencies", [COMPETENCY_HEADER, *[competency_row(f"Q-{i}") for i in range(3)]])
    large = queries_of("competencies", [COMPETENCY_HEADER, *[competency_row(f"Q-{i}") for i in range(3, 60)]])
    assert small == large
    fw = [[f"QF-{i}", f"Vị trí {i}", "CMNV", "DC", "01.004", "01.003", "Có"] for i in range(60)]
    assert queries_of("framework", [FRAMEWORK_HEADER, *fw[:3]]) == queries_of("framework", [FRAMEWORK_HEADER, *fw[3:]])
