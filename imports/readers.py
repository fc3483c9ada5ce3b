"""Readers: the uploaded bytes → a stream of rows ``(excel_row_number, [cells])``, header first.

Everything that could hurt the server is checked before the spreadsheet library parses the file:
the size limit, the real type by content (magic bytes, not the file name), the zip's entry count,
unpacked size and compression ratio (zip bomb, including entries whose header lies about their
size), DTDs/entities in every XML part (XXE, billion laughs; defusedxml) and the first
worksheet's used range (calamine allocates rows × columns cells for it, so one stray cell at
``XFD1048576`` would exhaust memory). Only then does python-calamine read the first sheet; rows
are yielded lazily. CSV: UTF-8 with or without BOM, ``,`` or ``;`` detected from the header line.

Limits come from settings (``IMPORT_MAX_*`` in portal/settings.py, documented in .env.example).
Problems raise ``UnreadableFile`` with a Vietnamese message.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import posixpath
import re
import struct
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser
from defusedxml.ElementTree import fromstring as safe_fromstring
from django.conf import settings
from django.template.defaultfilters import filesizeformat

from imports.errors import UnreadableFile
from imports.messages import gettext as _
from imports.messages import literal

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls and password-protected .xlsx
ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
EXCEL_EXTENSIONS = {".xlsx", ".xlsm", ".xltx", ".xls", ".xlsb", ".ods"}
CSV_EXTENSIONS = {".csv", ".txt", ""}
_CHUNK = 1 << 20
_MAX_PROLOG = 1 << 20
_MAX_SMALL_PART = 10 << 20
_NS_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_NS_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_NS_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"


@dataclass
class Table:
    """A file's rows: ``rows`` yields ``(row_number, cells)`` from row 1 (the header);
    ``total`` estimates the number of rows (for progress)."""

    format: str
    rows: Iterator[tuple[int, list]]
    total: int


def extension(file_name: str) -> str:
    return posixpath.splitext((file_name or "").lower().replace("\\", "/"))[1]


def read_table(data: bytes, file_name: str) -> Table:
    """Check and open ``data`` (the uploaded bytes of ``file_name``)."""
    max_size = settings.IMPORT_MAX_FILE_SIZE
    if len(data) > max_size:
        raise UnreadableFile(
            _("Tệp “%(name)s” quá lớn (%(size)s); tối đa %(max)s.")
            % {"name": file_name, "size": filesizeformat(len(data)), "max": filesizeformat(max_size)}
        )
    ext = extension(file_name)
    if not data:
        return Table("csv" if ext in CSV_EXTENSIONS else "xlsx", iter(()), 0)
    if data.startswith(OLE_MAGIC):
        raise UnreadableFile(
            _(
                "Tệp “%(name)s” là tệp Excel 97-2003 (.xls) hoặc tệp Excel có đặt mật khẩu: cổng không đọc được"
                " loại tệp này. Hãy bỏ mật khẩu (nếu có) và lưu lại dưới dạng Excel Workbook (.xlsx)."
            )
            % {"name": file_name}
        )
    if data.startswith(ZIP_MAGIC):
        return _read_xlsx(data, file_name)
    if ext in EXCEL_EXTENSIONS:
        raise UnreadableFile(
            _(
                "Tệp “%(name)s” không phải là tệp Excel .xlsx hợp lệ (nội dung không phải bảng tính)."
                " Hãy mở tệp bằng Excel và lưu lại dưới dạng Excel Workbook (.xlsx) hoặc CSV UTF-8."
            )
            % {"name": file_name}
        )
    if ext not in CSV_EXTENSIONS:
        raise UnreadableFile(
            _("Không nhận loại tệp “%(name)s”: chỉ nhận tệp Excel .xlsx hoặc tệp .csv (UTF-8).") % {"name": file_name}
        )
    return _read_csv(data, file_name)


# --------------------------------------------------------------------------- CSV


def _read_csv(data: bytes, file_name: str) -> Table:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UnreadableFile(
            _(
                "Tệp CSV phải được lưu với mã hoá UTF-8 (tệp “%(name)s” dùng mã hoá khác). Trong Excel chọn"
                " Lưu thành → “CSV UTF-8 (Comma delimited)”, hoặc lưu dưới dạng .xlsx."
            )
            % {"name": file_name}
        ) from None
    newline = text.find("\n")
    first = text if newline < 0 else text[:newline]
    unquoted = re.sub(r'"[^"]*"', "", first)
    delimiter = ";" if unquoted.count(";") > unquoted.count(",") else ","
    total = text.count("\n") + 1
    return Table("csv", _csv_rows(text, delimiter, file_name), total)


def _csv_rows(text: str, delimiter: str, file_name: str):
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    number = 0
    try:
        for number, row in enumerate(reader, start=1):  # noqa: B007 - used after the loop
            yield number, row
    except csv.Error as exc:
        raise UnreadableFile(
            _("Không đọc được tệp CSV “%(name)s” ở dòng %(row)d: %(error)s.")
            % {"name": file_name, "row": number + 1, "error": exc}
        ) from None


# --------------------------------------------------------------------------- XLSX


def _corrupt(file_name: str, detail: str = "") -> UnreadableFile:
    message = _("Tệp “%(name)s” bị hỏng hoặc không phải là tệp Excel .xlsx hợp lệ.") % {"name": file_name}
    return UnreadableFile(
        literal("%(message)s (%(detail)s)") % {"message": message, "detail": detail} if detail else message
    )


def _bomb(file_name: str) -> UnreadableFile:
    return UnreadableFile(
        _(
            "Tệp “%(name)s” bị từ chối: khi giải nén, dung lượng vượt quá giới hạn an toàn (%(max)s) hoặc tỷ lệ"
            " nén bất thường. Hãy lưu lại bảng tính chỉ với dữ liệu cần nhập."
        )
        % {"name": file_name, "max": filesizeformat(settings.IMPORT_MAX_UNPACKED_SIZE)}
    )


def _read_xlsx(data: bytes, file_name: str) -> Table:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError) as exc:
        raise _corrupt(file_name, str(exc)) from None
    if len(infos) > settings.IMPORT_MAX_ZIP_ENTRIES:
        raise _bomb(file_name)
    names = {info.filename: info for info in infos}
    mimetype = names.get("mimetype")
    if mimetype is not None and mimetype.file_size < 200 and b"opendocument" in _read_small(data, mimetype, file_name):
        raise UnreadableFile(
            _(
                "Tệp “%(name)s” là bảng tính OpenDocument (.ods): cổng không đọc được loại tệp này."
                " Hãy lưu lại dưới dạng Excel Workbook (.xlsx)."
            )
            % {"name": file_name}
        )
    if "xl/workbook.bin" in names:
        raise UnreadableFile(
            _("Tệp “%(name)s” là Excel nhị phân (.xlsb): hãy lưu lại dưới dạng Excel Workbook (.xlsx).")
            % {"name": file_name}
        )
    if "xl/workbook.xml" not in names:
        raise _corrupt(file_name, _("không có xl/workbook.xml"))
    total = 0
    for info in infos:
        if info.flag_bits & 0x1:
            raise UnreadableFile(
                _("Tệp “%(name)s” được mã hoá (đặt mật khẩu): hãy bỏ mật khẩu rồi lưu lại dưới dạng .xlsx.")
                % {"name": file_name}
            )
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise _corrupt(file_name, _("kiểu nén không hỗ trợ"))
        total += info.file_size
        if info.file_size > _CHUNK and info.file_size > settings.IMPORT_MAX_ZIP_RATIO * max(info.compress_size, 1):
            raise _bomb(file_name)
    if total > settings.IMPORT_MAX_UNPACKED_SIZE:
        raise _bomb(file_name)

    sheet_part = _first_sheet_part(data, names, file_name)
    serials = _Serial60Scan()
    for info in infos:
        if info.filename.endswith((".xml", ".rels", ".vml")):
            extent = _ExtentScan() if info.filename == sheet_part else None
            _check_xml_part(data, info, file_name, extent, serials if extent is not None else None)
            if extent is not None:
                extent.check(file_name)

    import python_calamine

    try:
        workbook = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
        sheet = workbook.get_sheet_by_index(0)
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as exc:  # calamine's errors, and pyo3's PanicException (a BaseException)
        raise _corrupt(file_name, str(exc)) from None
    return Table("xlsx", _xlsx_rows(sheet, serials.cells), sheet.height or 0)


def _xlsx_rows(sheet, serial60: dict[int, set[int]] | None = None):
    # calamine yields every row from row 1 but its columns start at the first used column.
    start = sheet.start
    pad = [""] * start[1] if start and start[1] else None
    for index, row in enumerate(sheet.iter_rows()):
        row = pad + row if pad else row
        if serial60 and index + 1 in serial60:
            row = _restore_serial60(row, serial60[index + 1])
        yield index + 1, row


# --------------------------------------------------------------------------- 29/02/1900

# Excel counts a 29 February 1900 that never was: serial 60. calamine turns a date cell holding
# it into 28/02/1900 (the day serial 59 is too), so a date nobody wrote would be stored. The
# sheet's XML is scanned for numeric cells holding 60 (60.5 with a time) and those cells are
# handed on as the text Excel shows, "29/02/1900", which the date columns refuse exactly like
# the same value typed as text. (In a 1904-based workbook serial 60 is 01/03/1904: calamine
# returns that date, which is left alone.)
_EXCEL_LEAP_BUG = dt.date(1900, 2, 28)
_V60 = re.compile(rb"<v>\s*60(?:\.[0-9]*)?\s*</v>")
_CELL_REF = re.compile(rb'\sr="([A-Z]{1,3})([0-9]{1,7})"')
_CELL_TYPE = re.compile(rb'\st="([a-zA-Z]+)"')
_SERIAL60_CARRY = 2048


class _Serial60Scan:
    """The numeric cells of a worksheet's XML whose value is 60 (``cells``: row → columns, 1-based
    rows and 0-based columns like the rows ``_xlsx_rows`` yields)."""

    def __init__(self):
        self.carry = b""
        self.cells: dict[int, set[int]] = {}

    def feed(self, chunk: bytes) -> None:
        data = self.carry + chunk if self.carry else chunk
        for m in _V60.finditer(data):
            start = data.rfind(b"<c ", 0, m.start())
            end = data.find(b">", start, m.start()) if start >= 0 else -1
            if end < 0:
                continue
            attrs = data[start + 2 : end]
            ref, kind = _CELL_REF.search(attrs), _CELL_TYPE.search(attrs)
            if ref is None or (kind is not None and kind[1] != b"n"):
                continue
            self.cells.setdefault(int(ref[2]), set()).add(_letters_to_col(ref[1]) - 1)
        self.carry = data[-_SERIAL60_CARRY:]


def _restore_serial60(row: list, columns: set[int]) -> list:
    row = list(row)
    for col in columns:
        value = row[col] if col < len(row) else None
        if isinstance(value, dt.datetime):
            if value.date() == _EXCEL_LEAP_BUG:
                row[col] = "29/02/1900 " + value.strftime("%H:%M")
        elif isinstance(value, dt.date) and value == _EXCEL_LEAP_BUG:
            row[col] = "29/02/1900"
    return row


def _raw_stream(data: bytes, info: zipfile.ZipInfo, file_name: str):
    """The decompressed bytes of one entry in chunks, refusing to produce more than the size the
    zip directory declares (a lying header is how a zip bomb gets past a size check)."""
    offset = info.header_offset
    if data[offset : offset + 4] != b"PK\x03\x04":
        raise _corrupt(file_name, info.filename)
    name_len, extra_len = struct.unpack_from("<HH", data, offset + 26)
    start = offset + 30 + name_len + extra_len
    raw = memoryview(data)[start : start + info.compress_size]
    if info.compress_type == zipfile.ZIP_STORED:
        if len(raw) != info.file_size:
            raise _corrupt(file_name, info.filename)
        for pos in range(0, len(raw), _CHUNK):
            yield bytes(raw[pos : pos + _CHUNK])
        return
    inflater = zlib.decompressobj(-15)
    produced = 0
    try:
        for pos in range(0, len(raw), 1 << 16):
            piece = raw[pos : pos + (1 << 16)]
            while piece:
                out = inflater.decompress(piece, _CHUNK)
                produced += len(out)
                if produced > info.file_size:
                    raise _bomb(file_name)
                if out:
                    yield out
                piece = inflater.unconsumed_tail
        out = inflater.flush()
    except zlib.error as exc:
        raise _corrupt(file_name, f"{info.filename}: {exc}") from None
    produced += len(out)
    if produced > info.file_size:
        raise _bomb(file_name)
    if out:
        yield out


def _read_small(data: bytes, info: zipfile.ZipInfo, file_name: str) -> bytes:
    if info.file_size > _MAX_SMALL_PART:
        raise _corrupt(file_name, info.filename)
    return b"".join(_raw_stream(data, info, file_name))


class _RootReached(Exception):
    pass


class _StopAtRoot:
    def start(self, tag, attrib):
        raise _RootReached

    def end(self, tag):
        pass

    def data(self, text):
        pass

    def close(self):
        pass


def _xxe(file_name: str) -> UnreadableFile:
    return UnreadableFile(
        _(
            "Tệp “%(name)s” bị từ chối: tệp chứa khai báo DTD/thực thể XML (có thể là tấn công XXE hoặc"
            " “billion laughs”). Hãy mở bằng Excel và lưu lại dưới dạng .xlsx."
        )
        % {"name": file_name}
    )


def _check_xml_part(
    data: bytes, info: zipfile.ZipInfo, file_name: str, extent: _ExtentScan | None, serials: _Serial60Scan | None = None
) -> None:
    """Stream one XML part: its prolog through defusedxml (no DTD, no entities; a DTD can only
    come before the root element, so the rest need not be parsed), its real size against the
    declared one, and (for the first worksheet) its used range."""
    parser = DefusedXMLParser(target=_StopAtRoot(), forbid_dtd=True, forbid_entities=True, forbid_external=True)
    in_prolog, seen = True, 0
    for chunk in _raw_stream(data, info, file_name):
        if in_prolog:
            try:
                parser.feed(chunk)
            except _RootReached:
                in_prolog = False
            except DefusedXmlException:
                raise _xxe(file_name) from None
            except SyntaxError as exc:  # ParseError
                raise _corrupt(file_name, f"{info.filename}: {exc}") from None
            seen += len(chunk)
            if in_prolog and seen > _MAX_PROLOG:
                raise _corrupt(file_name, info.filename)
        if extent is not None:
            extent.feed(chunk)
        if serials is not None:
            serials.feed(chunk)
        # otherwise keep draining: _raw_stream checks the real size on every chunk
    if extent is not None:
        extent.finish()


def _first_sheet_part(data: bytes, names: dict, file_name: str) -> str:
    """The zip path of the workbook's first sheet (the one calamine reads as index 0)."""
    try:
        workbook = safe_fromstring(_read_small(data, names["xl/workbook.xml"], file_name), forbid_dtd=True)
        first = workbook.find(f"{_NS_MAIN}sheets/{_NS_MAIN}sheet")
        rels_info = names.get("xl/_rels/workbook.xml.rels")
        if first is None or rels_info is None:
            raise _corrupt(file_name, _("không có trang tính"))
        rel_id = first.get(f"{_NS_REL}id")
        rels = safe_fromstring(_read_small(data, rels_info, file_name), forbid_dtd=True)
    except DefusedXmlException:
        raise _xxe(file_name) from None
    except SyntaxError as exc:
        raise _corrupt(file_name, str(exc)) from None
    for rel in rels.iter(f"{_NS_PKG_REL}Relationship"):
        if rel.get("Id") == rel_id:
            target = rel.get("Target", "")
            path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(f"xl/{target}")
            if path in names:
                return path
    raise _corrupt(file_name, _("không tìm thấy trang tính đầu tiên"))


# --------------------------------------------------------------------------- used range


def _letters_to_col(letters: bytes) -> int:
    col = 0
    for ch in letters:
        col = col * 26 + (ch - 64)
    return col


def _greater(value: str, alphabet: str) -> str:
    """A regex matching the strings of ``alphabet`` digits whose value exceeds ``value`` when
    compared by length, then lexicographically (true for decimal numbers without leading zeros
    and for column letters)."""
    first_nonzero = alphabet[1] if alphabet[0] == "0" else alphabet[0]
    k = len(value)
    alts = [f"[{first_nonzero}-{alphabet[-1]}][{alphabet[0]}-{alphabet[-1]}]{{{k},}}"]
    for i, ch in enumerate(value):
        pos = alphabet.index(ch)
        if pos < len(alphabet) - 1:
            rest = k - i - 1
            tail = f"[{alphabet[0]}-{alphabet[-1]}]{{{rest}}}" if rest else ""
            alts.append(re.escape(value[:i]) + f"[{alphabet[pos + 1]}-{alphabet[-1]}]" + tail)
    return "(?:" + "|".join(alts) + ")"


_DIGITS = "0123456789"
_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_ROW_REF = re.compile(rb'<row r="0*([0-9]+)"')
_CELL_COLS = re.compile(rb'<c r="([A-Z]+)[0-9]')
_CELL_ROWS = re.compile(rb'<c r="[A-Z]+0*([0-9]+)"')
_ANY_TAG = re.compile(rb"<(?:[A-Za-z_][\w.\-]*:)?(row|c)(?=[\s>/])([^>]*)>")
_R_ATTR = re.compile(rb'\br="([A-Z]*)0*([0-9]*)"')


class _ExtentScan:
    """The used range (rows × columns) calamine will allocate for a worksheet, from its XML.

    Fast path (files written by Excel, LibreOffice, openpyxl…: no namespace prefix, and every
    ``<row>`` and ``<c>`` of ``<sheetData>`` starts with its ``r`` reference): the highest row and
    column so far are known, and one regex per chunk looks only for cell references beyond them
    (rare), which are then measured exactly. Otherwise every ``<row>``/``<c>`` tag is walked, as
    a reader without references would (calamine ignores prefixes, so prefixed tags count too)."""

    def __init__(self):
        self.carry = b""
        self.rows = 0
        self.cols = 0
        self.generic = False
        self.state = "before"  # → "inside" <sheetData> → "after"
        self.cur_row = 0
        self.cur_col = 0
        self._pattern = None
        self._pattern_key = None

    def feed(self, chunk: bytes) -> None:
        data = self.carry + chunk if self.carry else chunk
        cut = data.rfind(b"<")
        if cut >= 0 and data.find(b">", cut) < 0:
            body, self.carry = data[:cut], data[cut:]
            if len(self.carry) > _MAX_PROLOG:
                self.carry = b""
                self.generic = True
        else:
            body, self.carry = data, b""
        if body:
            self._scan(body)

    def finish(self) -> None:
        if self.carry:
            self._scan(self.carry)
            self.carry = b""

    def _scan(self, body: bytes) -> None:
        if self.generic:
            self._scan_generic(body)
            return
        if self.state == "after":
            return
        if self.state == "before":
            start = body.find(b"<sheetData")
            if start < 0:
                if b":sheetData" in body:  # a namespace prefix: walk every tag
                    self.generic = True
                    self._scan_generic(body)
                return
            self.state = "inside"
            body = body[start:]
        end = body.find(b"</sheetData>")
        if end >= 0:
            self.state = "after"
            body = body[:end]
        # inside <sheetData> only <c> starts with "<c" and only <row> with "<row"
        if (
            body.count(b"<c") != body.count(b'<c r="')
            or body.count(b"<row") != body.count(b'<row r="')
            or b":c " in body
            or b":c>" in body
            or b":row" in body
        ):
            self.generic = True
            self._scan_generic(body)
            return
        last_row = body.rfind(b'<row r="')
        if last_row >= 0:
            match = _ROW_REF.match(body, last_row)
            if match:
                self.rows = max(self.rows, int(match[1]))
        key = (self.rows, self.cols)
        if self._pattern_key != key:
            cols = _col_letters(self.cols) if self.cols else ""
            col_gt = _greater(cols, _LETTERS) if cols else "[A-Z]"
            row_gt = _greater(str(self.rows), _DIGITS) if self.rows else "[0-9]"
            self._pattern = re.compile(rf'<c r="(?:{col_gt}[0-9]|[A-Z]+0*{row_gt}")'.encode())
            self._pattern_key = key
        if self._pattern.search(body):
            self._exact(body)

    def _exact(self, body: bytes) -> None:
        letters = set(_CELL_COLS.findall(body))
        if letters:
            self.cols = max(self.cols, max(_letters_to_col(x) for x in letters))
        numbers = _CELL_ROWS.findall(body)
        if numbers:
            self.rows = max(self.rows, max(int(x) for x in numbers))

    def _scan_generic(self, body: bytes) -> None:
        for match in _ANY_TAG.finditer(body):
            ref = _R_ATTR.search(match[2])
            if match[1] == b"row":
                self.cur_row = int(ref[2]) if ref and ref[2] else self.cur_row + 1
                self.cur_col = 0
                self.rows = max(self.rows, self.cur_row)
                continue
            if ref and ref[1]:
                self.cur_col = _letters_to_col(ref[1])
                if ref[2]:
                    self.cur_row = max(self.cur_row, int(ref[2]))
            else:
                self.cur_col += 1
            self.rows = max(self.rows, self.cur_row)
            self.cols = max(self.cols, self.cur_col)

    def check(self, file_name: str) -> None:
        max_cells = settings.IMPORT_MAX_CELLS
        if self.rows * self.cols > max_cells or self.rows > 1_048_576 or self.cols > 16_384:
            raise UnreadableFile(
                _(
                    "Trang tính đầu tiên của tệp “%(name)s” có vùng dữ liệu quá lớn: đến dòng %(rows)s, cột %(col)s"
                    " (%(cells)s ô; tối đa %(max)s ô). Hãy xoá các dòng, cột thừa bên dưới và bên phải dữ liệu"
                    " (kể cả ô trông trống nhưng có công thức hoặc dấu cách) rồi lưu lại."
                )
                % {
                    "name": file_name,
                    "rows": f"{self.rows:,}",
                    "col": _col_letters(min(self.cols, 16_384)),
                    "cells": f"{self.rows * self.cols:,}",
                    "max": f"{max_cells:,}",
                }
            )


def _col_letters(col: int) -> str:
    letters = ""
    while col > 0:
        col, rem = divmod(col - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def column_letter(index: int) -> str:
    """Excel's letter for a 0-based column index (0 → A)."""
    return _col_letters(index + 1)
