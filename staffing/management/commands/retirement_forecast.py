"""``python manage.py retirement_forecast --org CODE --from YYYY --to YYYY [--format json|xlsx]
[--output PATH]``: the working staff of the organisation's subtree who reach retirement age in
the years from..to, under the rule set in force today (docs/commands.md, the JSON contract; the
same report as the web page, ``staffing.reports.forecast``). Exit 2, with a Vietnamese message,
for a missing or unknown organisation, a bad year or range, an unknown format, xlsx without
--output, no rule set in force, or a file that cannot be written."""

import json

from django.core.management.base import BaseCommand

from staffing.management.output import check_format, emit, fail, find_organization
from staffing.reports.forecast import ForecastError, parse_year, retirement_forecast
from staffing.reports.forecast_exports import forecast_xlsx


class Command(BaseCommand):
    help = (
        "Dự báo nghỉ hưu: cán bộ đang làm việc của đơn vị và các đơn vị trực thuộc đến tuổi nghỉ hưu "
        "trong các năm từ --from đến --to (JSON, hoặc XLSX với --output)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--org", help="Mã đơn vị (gồm cả các đơn vị trực thuộc)")
        parser.add_argument("--from", dest="year_from", metavar="YYYY", help="Từ năm")
        parser.add_argument("--to", dest="year_to", metavar="YYYY", help="Đến năm")
        parser.add_argument("--format", dest="fmt", default="json", help="json (mặc định) hoặc xlsx")
        parser.add_argument("--output", help="Ghi ra tệp này thay vì ra màn hình (bắt buộc với xlsx)")

    def handle(self, *args, org=None, year_from=None, year_to=None, fmt="json", output=None, **options):
        fmt = check_format(fmt, output)
        organization = find_organization(org)
        for value, name in ((year_from, "--from"), (year_to, "--to")):
            if not (value or "").strip():
                raise fail(f"Hãy cho biết năm: {name} YYYY (ví dụ --from 2026 --to 2035).")
        try:
            years = [parse_year(value or "", label) for value, label in ((year_from, "--from"), (year_to, "--to"))]
            fc = retirement_forecast(org=organization, year_from=years[0], year_to=years[1])
        except ForecastError as exc:
            raise fail(exc.message) from None
        content = forecast_xlsx(fc) if fmt == "xlsx" else (json.dumps(fc.as_json(), ensure_ascii=False) + "\n").encode()
        emit(self, content, output, f"Đã ghi {output}: {fc.total} người.")
