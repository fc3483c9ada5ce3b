"""The roster of _roster_data.py as the files the staff import benchmark imports: CSV as an HR
office writes it (UTF-8 with BOM, dd/mm/yyyy, Nam/Nữ) and XLSX as Excel writes it (shared strings,
typed dates and numbers), generated once per fingerprint under bench/out/.
"""

from __future__ import annotations

import csv
import datetime as dt
import time
from decimal import Decimal
from pathlib import Path

from _bench import OUT, log
from _roster_data import HEADERS, NAMES, Roster, updated


def _dmy(day: dt.date | None) -> str:
    return "" if day is None else f"{day.day:02d}/{day.month:02d}/{day.year}"


SEX_LABEL = {"M": "Nam", "F": "Nữ"}


def csv_cells(record: dict) -> list[str]:
    """A row as an HR office's CSV has it: text, dates dd/mm/yyyy, Nam/Nữ, x for yes."""
    out = []
    for name in NAMES:
        value = record[name]
        if name == "date_of_birth":
            out.append(str(value.year) if record["birth_year_only"] else _dmy(value))
        elif name in ("recruitment_date", "exit_date"):
            out.append(_dmy(value))
        elif name == "sex":
            out.append(SEX_LABEL[value])
        elif name in ("heavy_work", "redundant"):
            out.append("x" if value else "")
        elif name == "concurrent_position_codes":
            out.append(";".join(value))
        else:
            out.append("" if value is None else str(value))
    return out


def xlsx_cells(record: dict) -> list:
    """A row as Excel stores it: codes and names as (shared) strings, dates as dates, numbers
    as numbers, empty cells absent."""
    out = []
    for name in NAMES:
        value = record[name]
        if name == "date_of_birth" and record["birth_year_only"]:
            out.append(str(value.year))
        elif name == "sex":
            out.append(SEX_LABEL[value])
        elif name in ("heavy_work", "redundant"):
            out.append("x" if value else None)
        elif name == "concurrent_position_codes":
            out.append(";".join(value) or None)
        elif isinstance(value, Decimal):
            out.append(float(value))
        else:
            out.append(None if value in (None, "") else value)
    return out


def write_csv(path: Path, rows) -> None:
    tmp = path.with_suffix(".tmp")
    with open(tmp, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\r\n")
        writer.writerow(HEADERS)
        for record in rows:
            writer.writerow(csv_cells(record))
    tmp.replace(path)


_XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
_NS = "http://schemas.openxmlformats.org"
_REL = f"{_NS}/officeDocument/2006/relationships"
_XLSX_PARTS = {
    "[Content_Types].xml": (
        f'<Types xmlns="{_NS}/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml"'
        ' ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml"'
        ' ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        '<Override PartName="/xl/styles.xml"'
        ' ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
        '<Override PartName="/xl/sharedStrings.xml"'
        ' ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
        '<Override PartName="/docProps/core.xml"'
        ' ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
        '<Override PartName="/docProps/app.xml"'
        ' ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>'
    ),
    "_rels/.rels": (
        f'<Relationships xmlns="{_NS}/package/2006/relationships">'
        f'<Relationship Id="rId3" Type="{_REL}/extended-properties" Target="docProps/app.xml"/>'
        f'<Relationship Id="rId2" Type="{_NS}/package/2006/relationships/metadata/core-properties"'
        ' Target="docProps/core.xml"/>'
        f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="xl/workbook.xml"/>'
        "</Relationships>"
    ),
    "docProps/app.xml": (
        f'<Properties xmlns="{_NS}/officeDocument/2006/extended-properties"'
        f' xmlns:vt="{_NS}/officeDocument/2006/docPropsVTypes"><Application>Microsoft Excel</Application>'
        "<DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop><AppVersion>16.0300</AppVersion></Properties>"
    ),
    "docProps/core.xml": (
        f'<cp:coreProperties xmlns:cp="{_NS}/package/2006/metadata/core-properties"'
        ' xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"'
        ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:creator>Phòng Tổ chức cán bộ</dc:creator>'
        '<dcterms:created xsi:type="dcterms:W3CDTF">2026-01-05T02:00:00Z</dcterms:created></cp:coreProperties>'
    ),
    "xl/workbook.xml": (
        f'<workbook xmlns="{_NS}/spreadsheetml/2006/main" xmlns:r="{_NS}/officeDocument/2006/relationships">'
        '<fileVersion appName="xl" lastEdited="7" lowestEdited="7" rupBuild="27328"/><workbookPr/>'
        '<bookViews><workbookView xWindow="0" yWindow="0" windowWidth="28800" windowHeight="12300"/></bookViews>'
        '<sheets><sheet name="Danh sách cán bộ" sheetId="1" r:id="rId1"/></sheets><calcPr calcId="191029"/></workbook>'
    ),
    "xl/_rels/workbook.xml.rels": (
        f'<Relationships xmlns="{_NS}/package/2006/relationships">'
        f'<Relationship Id="rId3" Type="{_REL}/sharedStrings" Target="sharedStrings.xml"/>'
        f'<Relationship Id="rId2" Type="{_REL}/styles" Target="styles.xml"/>'
        f'<Relationship Id="rId1" Type="{_REL}/worksheet" Target="worksheets/sheet1.xml"/>'
        "</Relationships>"
    ),
    # style 1: Excel's built-in short date (numFmtId 14), shown dd/mm/yyyy with Vietnamese settings
    "xl/styles.xml": (
        f'<styleSheet xmlns="{_NS}/spreadsheetml/2006/main">'
        '<fonts count="1"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>'
        '<fills count="2"><fill><patternFill patternType="none"/></fill>'
        '<fill><patternFill patternType="gray125"/></fill></fills>'
        '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
        '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
        '<xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>'
        '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>'
    ),
}
_EXCEL_EPOCH = dt.date(1899, 12, 30)


def _xml_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def write_xlsx(path: Path, rows, count: int) -> None:
    """Write ``count`` rows the way Excel does: text in the shared string table (``t="s"`` cells
    holding an index), dates as serial numbers with a date style, numbers as numbers, empty
    cells left out, ``<dimension>`` and ``spans`` as Excel writes them. (openpyxl's write-only
    mode writes inline strings, which Excel never does; its normal mode needs gigabytes here.)"""
    import zipfile

    letters = [("A" if i >= 26 else "") + "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[i % 26] for i in range(len(NAMES))]
    spans = f"1:{len(NAMES)}"
    strings: dict[str, int] = {}
    counted = 0

    def row_text(number: int, cells) -> str:
        nonlocal counted
        out = [f'<row r="{number}" spans="{spans}" x14ac:dyDescent="0.25">']
        for letter, value in zip(letters, cells, strict=True):
            if value is None:
                continue
            if isinstance(value, str):
                counted += 1
                out.append(f'<c r="{letter}{number}" t="s"><v>{strings.setdefault(value, len(strings))}</v></c>')
            elif isinstance(value, dt.date):
                out.append(f'<c r="{letter}{number}" s="1"><v>{(value - _EXCEL_EPOCH).days}</v></c>')
            else:
                out.append(f'<c r="{letter}{number}"><v>{value!r}</v></c>')
        out.append("</row>")
        return "".join(out)

    tmp = path.with_suffix(".tmp")
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        with archive.open("xl/worksheets/sheet1.xml", "w") as handle:
            handle.write(
                (
                    f'{_XML}<worksheet xmlns="{_NS}/spreadsheetml/2006/main"'
                    f' xmlns:r="{_NS}/officeDocument/2006/relationships"'
                    ' xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
                    ' mc:Ignorable="x14ac xr xr2 xr3"'
                    ' xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac"'
                    ' xmlns:xr="http://schemas.microsoft.com/office/spreadsheetml/2014/revision"'
                    ' xmlns:xr2="http://schemas.microsoft.com/office/spreadsheetml/2015/revision2"'
                    ' xmlns:xr3="http://schemas.microsoft.com/office/spreadsheetml/2016/revision3"'
                    ' xr:uid="{00000000-0001-0000-0000-000000000000}">'
                    f'<dimension ref="A1:{letters[-1]}{count + 1}"/>'
                    '<sheetViews><sheetView tabSelected="1" workbookViewId="0"/></sheetViews>'
                    '<sheetFormatPr defaultRowHeight="15" x14ac:dyDescent="0.25"/><sheetData>' + row_text(1, HEADERS)
                ).encode()
            )
            batch = []
            for number, record in enumerate(rows, start=2):
                batch.append(row_text(number, xlsx_cells(record)))
                if len(batch) == 2000:
                    handle.write("".join(batch).encode())
                    batch = []
            batch.append(
                '</sheetData><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>'
                "</worksheet>"
            )
            handle.write("".join(batch).encode())
        shared = [f'{_XML}<sst xmlns="{_NS}/spreadsheetml/2006/main" count="{counted}" uniqueCount="{len(strings)}">']
        shared.extend(f"<si><t>{_xml_escape(text)}</t></si>" for text in strings)
        shared.append("</sst>")
        archive.writestr("xl/sharedStrings.xml", "".join(shared))
        for name, xml in _XLSX_PARTS.items():
            archive.writestr(name, _XML + xml)
    tmp.replace(path)


def ensure_files(roster: Roster, update_rows: int) -> dict[str, Path]:
    """The roster as XLSX, CSV and the changed CSV, generated once per fingerprint."""
    OUT.mkdir(parents=True, exist_ok=True)
    tag = f"{roster.rows}-{roster.fingerprint()}"
    files = {
        "xlsx": OUT / f"roster-{tag}.xlsx",
        "csv": OUT / f"roster-{tag}.csv",
        "update_csv": OUT / f"roster-{tag}-update{update_rows}.csv",
    }
    if not files["csv"].exists():
        started = time.perf_counter()
        write_csv(files["csv"], roster)
        log(f"generated {files['csv'].name} in {time.perf_counter() - started:.1f} s")
    if not files["update_csv"].exists():
        started = time.perf_counter()
        write_csv(files["update_csv"], (updated(roster.row(i), i) for i in range(update_rows)))
        log(f"generated {files['update_csv'].name} in {time.perf_counter() - started:.1f} s")
    if not files["xlsx"].exists():
        started = time.perf_counter()
        write_xlsx(files["xlsx"], roster, roster.rows)
        log(f"generated {files['xlsx'].name} in {time.perf_counter() - started:.1f} s (cached for the next runs)")
    for old in OUT.glob(f"roster-{roster.rows}-*"):  # files of an older generator or day
        if old not in files.values() and old.suffix in (".xlsx", ".csv", ".tmp"):
            old.unlink()
    return files
