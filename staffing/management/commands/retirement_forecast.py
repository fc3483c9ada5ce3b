"""``python manage.py retirement_forecast --org CODE --from YYYY --to YYYY [--format json|xlsx]
[--output PATH]``: the working staff of the organisation's subtree who reach retirement age in
the years from..to, under the rule set in force today (docs/commands.md, the JSON contract; the
same report as the web page, ``staffing.reports.forecast``). Exit 2, with a Vietnamese message,
for a missing or unknown organisation, a bad year or range, an unknown format, xlsx without
--output, no rule set in force, or a file that cannot be written."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from portal.models import Organization
from staffing.reports.forecast import ForecastError, parse_year, retirement_forecast
from staffing.reports.forecast_exports import forecast_xlsx

FORMATS = ("json", "xlsx")
ROOTS_SHOWN = 10


def _fail(message: str):
    return CommandError(message, returncode=2)


def find_organization(code: str | None) -> Organization:
    if not (code or "").strip():
        raise _fail("Hãy cho biết đơn vị: --org MÃ_ĐƠN_VỊ (ví dụ --org 000.00.02.H22).")
    org = Organization.objects.filter(code=code.strip()).first()
    if org is None:
        roots = list(Organization.objects.filter(parent=None).order_by("code").values_list("code", "name"))
        shown = ", ".join(f"{c} ({n})" for c, n in roots[:ROOTS_SHOWN]) or "—"
        more = f" và {len(roots) - ROOTS_SHOWN} đơn vị khác" if len(roots) > ROOTS_SHOWN else ""
        raise _fail(f"Không tìm thấy đơn vị có mã “{code}” (--org). Các đơn vị cấp cao nhất hiện có: {shown}{more}.")
    return org


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
        fmt = (fmt or "").strip().lower()
        if fmt not in FORMATS:
            raise _fail(f"Định dạng “{fmt}” không hỗ trợ (--format): chọn json hoặc xlsx.")
        if fmt == "xlsx" and not output:
            raise _fail("Định dạng xlsx cần --output TỆP.xlsx (tệp Excel không ghi ra màn hình).")
        organization = find_organization(org)
        for value, name in ((year_from, "--from"), (year_to, "--to")):
            if not (value or "").strip():
                raise _fail(f"Hãy cho biết năm: {name} YYYY (ví dụ --from 2026 --to 2035).")
        try:
            years = [parse_year(value or "", label) for value, label in ((year_from, "--from"), (year_to, "--to"))]
            fc = retirement_forecast(org=organization, year_from=years[0], year_to=years[1])
        except ForecastError as exc:
            raise _fail(exc.message) from None
        content = forecast_xlsx(fc) if fmt == "xlsx" else (json.dumps(fc.as_json(), ensure_ascii=False) + "\n").encode()
        if not output:
            self.stdout.write(content.decode(), ending="")
            return
        self._write(Path(output), content)
        self.stderr.write(f"Đã ghi {output}: {fc.total} người.")

    def _write(self, target: Path, content: bytes) -> None:
        partial = target.with_name(target.name + ".part")
        try:
            partial.write_bytes(content)
            partial.replace(target)
        except OSError as exc:
            partial.unlink(missing_ok=True)
            raise _fail(f"Không ghi được tệp “{target}”: {exc.strerror or exc}.") from None
