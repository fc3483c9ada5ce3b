"""Report workbooks (XLSX) of the report pages. The writer (``ReportSheet``, ``workbook``: title
block, frozen header, numbers as numbers, dates as dates, formula-escaped text, write-only mode)
lives in ``portal.exporting`` so that the pages of every layer share it; the report modules take
it from here."""

from portal.exporting import XLSX_TYPE, ReportSheet, workbook

__all__ = ["XLSX_TYPE", "ReportSheet", "workbook"]
