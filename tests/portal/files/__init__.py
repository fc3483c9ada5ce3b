"""Builders for the import tests' files: every file is generated in the test (openpyxl for
XLSX, then zip parts rewritten where a test needs a malicious one), none is checked in."""

from __future__ import annotations

import csv
import io
import re
import struct
import zipfile

from openpyxl import Workbook

ORG_HEADER = ["Mã đơn vị", "Tên đơn vị", "Mã đơn vị cấp trên", "Loại hình", "Mã ĐVHC", "Hiệu lực từ"]
SHEET = "xl/worksheets/sheet1.xml"


def csv_bytes(rows, *, delimiter=",", bom=False, encoding="utf-8") -> bytes:
    text = io.StringIO(newline="")
    csv.writer(text, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return (b"\xef\xbb\xbf" if bom else b"") + text.getvalue().encode(encoding)


def xlsx_bytes(rows, *, title="Sheet", number_formats: dict[str, str] | None = None) -> bytes:
    """A workbook whose first sheet holds ``rows`` (openpyxl: shared strings, typed cells)."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title
    for row in rows:
        sheet.append(list(row))
    for ref, fmt in (number_formats or {}).items():
        sheet[ref].number_format = fmt
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def rezip(data: bytes, parts: dict, *, add: dict | None = None) -> bytes:
    """``data`` with some zip parts rewritten: ``parts`` maps a name to new bytes or to a
    function of the old bytes; ``add`` adds entries."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            change = parts.get(info.filename)
            if change is not None:
                content = change(content) if callable(change) else change
            target.writestr(info.filename, content)
        for name, content in (add or {}).items():
            target.writestr(name, content)
    return out.getvalue()


def set_dimension(ref: str):
    def change(xml: bytes) -> bytes:
        return re.sub(rb"<dimension ref=\"[^\"]*\"\s*/>", f'<dimension ref="{ref}"/>'.encode(), xml)

    return change


def append_to_sheet_data(fragment: str):
    def change(xml: bytes) -> bytes:
        return xml.replace(b"</sheetData>", fragment.encode() + b"</sheetData>")

    return change


def lie_about_size(data: bytes, name: str, declared: int) -> bytes:
    """Patch the local header and the central directory so ``name`` claims ``declared`` bytes
    uncompressed (how a zip bomb gets past a size check that trusts the headers)."""
    raw = bytearray(data)
    encoded = name.encode()
    pos = 0
    while (pos := raw.find(b"PK\x03\x04", pos)) >= 0:
        n, e = struct.unpack_from("<HH", raw, pos + 26)
        if bytes(raw[pos + 30 : pos + 30 + n]) == encoded:
            struct.pack_into("<I", raw, pos + 22, declared)
        pos += 4
    pos = 0
    while (pos := raw.find(b"PK\x01\x02", pos)) >= 0:
        n = struct.unpack_from("<H", raw, pos + 28)[0]
        if bytes(raw[pos + 46 : pos + 46 + n]) == encoded:
            struct.pack_into("<I", raw, pos + 24, declared)
        pos += 4
    return bytes(raw)


def zeros_zip(size: int, name: str = "xl/worksheets/sheet1.xml") -> bytes:
    """An .xlsx-shaped zip with a ``size``-byte entry of zeros (compresses ~1000:1)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        with archive.open(name, "w", force_zip64=True) as entry:
            chunk = b"\0" * (1 << 20)
            for _ in range(size // len(chunk)):
                entry.write(chunk)
    return out.getvalue()


def ods_bytes() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", "<office:document-content/>")
    return out.getvalue()
