"""The import_data / export_data command-line contract (docs/import-format.md §12 "Command line and exit codes"):
exit codes, and the exact lines other systems parse."""

import pytest

from imports.registry import KNOWN_KINDS, registered_kinds
from portal import registry as portal_registry
from portal.models import Organization
from tests.builders import csv_bytes, manage, write_file, xlsx_bytes

pytestmark = pytest.mark.django_db

A = "000.00.01.H17"


def test_exit_0_and_the_counts_line(tree, tmp_path):
    path = write_file(
        tmp_path,
        "orgs.csv",
        csv_bytes(
            [
                ["code", "name", "kind", "parent_code"],
                ["N.1", "Phòng 1", "PHONG", A],
                ["", "", "", ""],
                [A, "Sở Nội vụ", "SO", tree.P.code],
            ]
        ),
    )
    code, lines, _err = manage("import_data", "organizations", path, "--dry-run")
    assert code == 0 and lines[-1] == "dry run: created=1 updated=0 unchanged=1"
    assert not Organization.objects.filter(code="N.1").exists()
    code, lines, _err = manage("import_data", "organizations", path)
    assert code == 0 and lines[-1] == "created=1 updated=0 unchanged=1"
    assert Organization.objects.get(code="N.1").parent == tree.A
    code, lines, _err = manage("import_data", "organizations", path, "--org", A)
    assert code == 0 and lines[-1] == "created=0 updated=0 unchanged=2"


def test_exit_1_one_line_per_error_then_rejected(tree, tmp_path):
    path = write_file(
        tmp_path,
        "bad.xlsx",
        xlsx_bytes(
            [
                ["Mã đơn vị", "Tên đơn vị", "Loại hình", "Hiệu lực từ"],
                ["N.1", "Phòng", "ZZ", "03/25/1990"],
                ["N.2", "", "SO", ""],
            ]
        ),
    )
    before = Organization.objects.count()
    code, lines, _err = manage("import_data", "organizations", path)
    assert code == 1
    assert lines[0].startswith("row 2, column Loại hình: “ZZ” không phải là giá trị được chấp nhận.")
    assert lines[1].startswith("row 2, column Hiệu lực từ: Ngày “03/25/1990” không hợp lệ")
    assert lines[2] == "row 3, column Tên đơn vị: Thiếu giá trị ở cột bắt buộc “Tên đơn vị”."
    assert lines[3:] == ["rejected: 3 errors, nothing written"]
    assert Organization.objects.count() == before


def test_exit_1_on_header_errors_and_out_of_scope_rows(tree, tmp_path):
    path = write_file(tmp_path, "h.csv", csv_bytes([["code", "tên"], ["N.1", "x"]]))
    code, lines, _err = manage("import_data", "organizations", path)
    assert code == 1 and lines[0].startswith("row 1, column tên: Cột “tên” (cột B) không có trong mẫu")
    assert lines[1:] == [
        "row 1, column Tên đơn vị: Thiếu cột bắt buộc “Tên đơn vị” (hoặc “name”).",
        "row 1, column Loại hình: Thiếu cột bắt buộc “Loại hình” (hoặc “kind”).",
        "rejected: 3 errors, nothing written",
    ]
    path = write_file(
        tmp_path, "s.csv", csv_bytes([["code", "name", "kind", "parent_code"], [tree.B.code, "Sở Tài chính", "SO", A]])
    )
    code, lines, _err = manage("import_data", "organizations", path, "--org", A)
    assert code == 1 and lines == [
        f"row 2, column code: Mã đơn vị “{tree.B.code}” không thuộc phạm vi Sở Nội vụ ({A}).",
        "rejected: 1 errors, nothing written",
    ]


def test_exit_2_when_the_command_cannot_run(tree, tmp_path):
    good = write_file(tmp_path, "ok.csv", csv_bytes([["code", "name", "kind"], ["N.1", "x", "SO"]]))
    code, _lines, err = manage("import_data", "nhan_su", good)
    assert code == 2 and "Loại dữ liệu “nhan_su” không hợp lệ" in err
    code, _lines, err = manage("import_data", "organizations", tmp_path / "missing.csv")
    assert code == 2 and "Không đọc được tệp" in err
    exe = write_file(tmp_path, "tool.xlsx", b"MZ\x90\x00" + b"\x00" * 500)
    code, _lines, err = manage("import_data", "organizations", exe)
    assert code == 2 and "không phải là tệp Excel .xlsx hợp lệ" in err
    code, _lines, err = manage(
        "import_data",
        "organizations",
        write_file(tmp_path, "old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 500),
    )
    assert code == 2 and ".xls" in err
    code, _lines, err = manage("import_data", "organizations", good, "--org", "KHONG.CO")
    assert code == 2 and "Không tìm thấy đơn vị có mã “KHONG.CO”" in err
    latin = write_file(tmp_path, "latin.csv", "code,name,kind\nN.1,Café,SO\n".encode("latin-1"))
    code, _lines, err = manage("import_data", "organizations", latin)
    assert code == 2 and "Tệp CSV phải được lưu với mã hoá UTF-8" in err
    assert not Organization.objects.filter(code="N.1").exists()


def test_exit_2_for_a_kind_not_registered(tree, tmp_path, monkeypatch):
    # Every kind of the import format is registered by its app; without the app (here: the
    # staff sheet taken out of the registry) the commands refuse the kind with exit 2.
    assert set(KNOWN_KINDS) <= set(registered_kinds())
    monkeypatch.delitem(portal_registry.sheets, "staff")
    good = write_file(tmp_path, "ok.csv", csv_bytes([["code"], ["x"]]))
    code, _lines, err = manage("import_data", "staff", good)
    assert code == 2 and "chưa hỗ trợ nhập, xuất loại dữ liệu “staff”" in err
    code, _lines, err = manage("export_data", "staff", tmp_path / "x.xlsx")
    assert code == 2 and "chưa hỗ trợ nhập, xuất loại dữ liệu “staff”" in err


@pytest.mark.parametrize("ext", ["xlsx", "csv"])
def test_export_data_then_import_data_is_unchanged(tree, tmp_path, ext):
    path = tmp_path / f"export.{ext}"
    code, lines, _err = manage("export_data", "organizations", path)
    assert code == 0 and lines == [f"exported={Organization.objects.count()}"]
    code, lines, _err = manage("import_data", "organizations", path)
    assert code == 0 and lines[-1] == f"created=0 updated=0 unchanged={Organization.objects.count()}"
    path = tmp_path / f"scoped.{ext}"
    code, lines, _err = manage("export_data", "organizations", path, "--org", A)
    assert code == 0 and lines == ["exported=4"]
    code, lines, _err = manage("import_data", "organizations", path, "--org", A)
    assert code == 0 and lines[-1] == "created=0 updated=0 unchanged=4"


def test_export_data_exit_2(tree, tmp_path):
    code, _lines, err = manage("export_data", "organizations", tmp_path / "x.pdf")
    assert code == 2 and ".xlsx hoặc .csv" in err
    code, _lines, err = manage("export_data", "nhan_su", tmp_path / "x.xlsx")
    assert code == 2
    code, _lines, err = manage("export_data", "organizations", tmp_path / "x.xlsx", "--org", "KHONG.CO")
    assert code == 2 and "KHONG.CO" in err
    code, _lines, err = manage("export_data", "organizations", tmp_path / "no" / "dir" / "x.xlsx")
    assert code == 2 and "Không ghi được tệp" in err
