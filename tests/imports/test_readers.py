"""The readers refuse dangerous or unsupported files before any parser sees them, and stream
the rows of good CSV/XLSX files as Excel numbers them."""

import datetime as dt

import pytest

from imports.errors import UnreadableFile
from imports.readers import OLE_MAGIC, _ExtentScan, read_table
from tests.builders import (
    SHEET,
    append_to_sheet_data,
    csv_bytes,
    lie_about_size,
    ods_bytes,
    rezip,
    set_dimension,
    xlsx_bytes,
    zeros_zip,
)


def rows_of(data: bytes, name: str) -> list:
    return list(read_table(data, name).rows)


def refused(data: bytes, name: str) -> str:
    with pytest.raises(UnreadableFile) as info:
        rows_of(data, name)
    return info.value.message


# --------------------------------------------------------------------------- CSV


@pytest.mark.parametrize("bom", [False, True])
@pytest.mark.parametrize("delimiter", [",", ";"])
def test_csv_utf8_with_or_without_bom_and_either_delimiter(bom, delimiter):
    data = csv_bytes([["Mã đơn vị", "Tên đơn vị"], ["A", "Sở Nội vụ, Đà Nẵng"]], delimiter=delimiter, bom=bom)
    assert rows_of(data, "x.csv") == [(1, ["Mã đơn vị", "Tên đơn vị"]), (2, ["A", "Sở Nội vụ, Đà Nẵng"])]


def test_csv_in_another_encoding_is_refused_with_a_clear_message():
    data = csv_bytes([["Mã đơn vị", "Tên đơn vị"], ["A", "Sở Nội vụ"]], encoding="utf-16")
    assert "UTF-8" in refused(data, "x.csv")
    latin = "Mã đơn vị,Tên\nA,Café\n".encode().replace("é".encode(), b"\xe9")
    assert "Tệp CSV phải được lưu với mã hoá UTF-8" in refused(latin, "x.csv")


def test_csv_cells_with_nul_are_read():
    assert rows_of(b"a,b\r\nx\x00y,z\r\n", "x.csv")[1] == (2, ["x\x00y", "z"])


def test_empty_file_has_no_rows():
    assert rows_of(b"", "x.csv") == []
    assert rows_of(b"", "x.xlsx") == []


# --------------------------------------------------------------------------- wrong types


def test_exe_renamed_xlsx_is_refused_by_content():
    exe = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 200 + b"This program cannot be run in DOS mode"
    message = refused(exe, "danh_sach.xlsx")
    assert "danh_sach.xlsx" in message and "không phải là tệp Excel .xlsx" in message


def test_xls_and_encrypted_workbooks_are_refused():
    message = refused(OLE_MAGIC + b"\x00" * 504, "cu.xls")
    assert ".xls" in message and "mật khẩu" in message and ".xlsx" in message


def test_ods_is_refused():
    assert ".ods" in refused(ods_bytes(), "bang.ods")


def test_unknown_extension_is_refused():
    assert ".xlsx" in refused(b"hello", "notes.docx")


def test_corrupt_zip_is_refused():
    data = xlsx_bytes([["a"]])
    assert "bị hỏng" in refused(data[: len(data) // 2], "cut.xlsx")


def test_over_size_file_is_refused(settings):
    settings.IMPORT_MAX_FILE_SIZE = 1000
    message = refused(csv_bytes([["a"]] * 400), "big.csv")
    assert "quá lớn" in message and "big.csv" in message


# --------------------------------------------------------------------------- zip bombs and XML attacks


def test_zip_bomb_is_refused_before_decompressing():
    bomb = zeros_zip(100 * 1024 * 1024)
    assert len(bomb) < 1024 * 1024
    assert "giải nén" in refused(bomb, "bomb.xlsx")


def test_zip_with_too_many_entries_is_refused(settings):
    settings.IMPORT_MAX_ZIP_ENTRIES = 5
    data = rezip(xlsx_bytes([["a"]]), {}, add={f"xl/media/{i}.png": b"x" for i in range(10)})
    assert "giải nén" in refused(data, "many.xlsx")


def test_unpacked_size_limit_is_a_setting(settings):
    data = xlsx_bytes([["Mã đơn vị", "Tên đơn vị"], ["A", "x"]])
    assert len(rows_of(data, "ok.xlsx")) == 2
    settings.IMPORT_MAX_UNPACKED_SIZE = 1000  # a workbook's XML parts unpack to several KB
    message = refused(data, "ok.xlsx")
    assert "giải nén" in message and "giới hạn an toàn (1000\xa0byte)" in message


def test_compression_ratio_limit_is_a_setting(settings):
    rows = [["Mã đơn vị", "Tên đơn vị"]] + [[f"C{i}", "x" * 50] for i in range(30_000)]
    data = xlsx_bytes(rows)  # a sheet part over 1 MB that compresses well
    assert len(rows_of(data, "big.xlsx")) == 30_001
    settings.IMPORT_MAX_ZIP_RATIO = 2
    assert "giải nén" in refused(data, "big.xlsx")


def test_entry_lying_about_its_size_is_refused():
    rows = [["Mã đơn vị", "Tên đơn vị"]] + [[f"C{i}", "x" * 50] for i in range(3000)]
    data = lie_about_size(xlsx_bytes(rows), SHEET, 1000)
    assert "giải nén" in refused(data, "liar.xlsx")


BILLION_LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
    '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
    '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1">'
    "<si><t>&lol3;</t></si></sst>"
)
XXE = (
    '<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1">'
    "<si><t>&xxe;</t></si></sst>"
)


@pytest.mark.parametrize("payload", [BILLION_LAUGHS, XXE], ids=["billion-laughs", "xxe"])
def test_dtd_in_shared_strings_is_refused(payload):
    # openpyxl writes inline strings: add a shared-strings part that the sheet's first cell uses
    rels = (
        b'<Relationship Id="rIdSST" Target="sharedStrings.xml" '
        b'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"/>'
        b"</Relationships>"
    )
    data = rezip(
        xlsx_bytes([["Mã đơn vị"], ["A"]]),
        {
            "xl/_rels/workbook.xml.rels": lambda xml: xml.replace(b"</Relationships>", rels),
            SHEET: lambda xml: xml.replace(b'<c r="A1" t="inlineStr"><is><t>', b'<c r="A1" t="s"><v>0</v><is><t>'),
        },
        add={"xl/sharedStrings.xml": payload.encode()},
    )
    assert "XXE" in refused(data, "evil.xlsx")


def test_dtd_in_the_worksheet_is_refused():
    def add_doctype(xml: bytes) -> bytes:
        return xml.replace(b"<worksheet", b'<!DOCTYPE worksheet [<!ENTITY a "b">]><worksheet', 1)

    assert "XXE" in refused(rezip(xlsx_bytes([["a"]]), {SHEET: add_doctype}), "evil.xlsx")


def test_dtd_in_workbook_part_is_refused():
    def add_doctype(xml: bytes) -> bytes:
        return xml.replace(b"<workbook", b'<!DOCTYPE workbook [<!ENTITY a "b">]><workbook', 1)

    data = rezip(xlsx_bytes([["a"]]), {"xl/workbook.xml": add_doctype})
    assert "XXE" in refused(data, "evil.xlsx")


# --------------------------------------------------------------------------- used range


def test_lying_dimension_with_200_real_rows_reads_the_200():
    data = xlsx_bytes([["code", "name"]] + [[f"C{i}", f"n{i}"] for i in range(200)])
    data = rezip(data, {SHEET: set_dimension("A1:XFD1048576")})
    rows = rows_of(data, "dim.xlsx")
    assert len(rows) == 201
    assert rows[-1] == (201, ["C199", "n199"])


def test_stray_cell_far_below_is_refused_before_calamine_allocates_it(settings):
    settings.IMPORT_MAX_CELLS = 10_000
    data = xlsx_bytes([["code", "name"], ["A", "B"]])
    data = rezip(
        data, {SHEET: append_to_sheet_data('<row r="9000"><c r="B9000" t="inlineStr"><is><t></t></is></c></row>')}
    )
    message = refused(data, "far.xlsx")
    assert "vùng dữ liệu quá lớn" in message and "9,000" in message


def test_extent_of_a_cell_at_the_last_excel_cell():
    scan = _ExtentScan()
    xml = (
        b'<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row>'
        b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t></t></is></c></row></sheetData></worksheet>'
    )
    for i in range(0, len(xml), 7):  # references split across chunks
        scan.feed(xml[i : i + 7])
    scan.finish()
    assert (scan.rows, scan.cols) == (1_048_576, 16_384)


def test_extent_of_cells_without_references_and_out_of_order_cells():
    scan = _ExtentScan()
    scan.feed(b"<sheetData><row><c><v>1</v></c><c><v>2</v></c><c><v>3</v></c></row><row><c><v>1</v></c></row>")
    scan.finish()
    assert (scan.rows, scan.cols) == (2, 3)
    scan = _ExtentScan()
    scan.feed(b'<sheetData><row r="2"><c r="XFD2"><v>1</v></c><c r="A2"><v>2</v></c></row>')
    scan.feed(b'<row r="3"><c r="A999999"><v>1</v></c></row></sheetData>')
    scan.finish()
    assert (scan.rows, scan.cols) == (999_999, 16_384)


def test_extent_with_namespace_prefixes():
    scan = _ExtentScan()
    scan.feed(b'<x:sheetData><x:row r="1"><x:c r="C7"><x:v>1</x:v></x:c></x:row></x:sheetData>')
    scan.finish()
    assert (scan.rows, scan.cols) == (7, 3)


# --------------------------------------------------------------------------- XLSX rows


def test_xlsx_rows_keep_excel_numbering_types_and_columns():
    data = xlsx_bytes(
        [["code", "date", "n"], [None, None, None], ["01", dt.date(1990, 3, 25), 12]],
        number_formats={"B3": "DD/MM/YYYY"},
    )
    rows = rows_of(data, "t.xlsx")
    assert rows[0] == (1, ["code", "date", "n"])
    assert rows[2][0] == 3
    assert rows[2][1][0] == "01"
    assert rows[2][1][1] == dt.date(1990, 3, 25)
    assert rows[2][1][2] == 12.0


def test_xlsx_data_starting_in_column_b_keeps_its_columns():
    import io

    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active["B1"] = "code"
    workbook.active["B2"] = "A"
    buffer = io.BytesIO()
    workbook.save(buffer)
    assert rows_of(buffer.getvalue(), "b.xlsx") == [(1, ["", "code"]), (2, ["", "A"])]
