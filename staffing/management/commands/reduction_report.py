"""``python manage.py reduction_report --org CODE --rule-set CODE [--as-of YYYY-MM-DD]
[--format json|xlsx] [--output PATH]``: the headcount-reduction position of a subtree
(docs/commands.md, reduction_report: the JSON is a contract). The same report function and
workbook as the dashboard (/reports/reductions/). Exit 2 for an unknown organisation or rule
set, a bad date, a date outside the rule set's period, xlsx without --output, a file that
cannot be written."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from staffing.exporting import workbook
from staffing.management.commands.retirement_forecast import find_organization
from staffing.reports.dashboard import parse_as_of, reduction_report, report_json
from staffing.reports.dashboard_exports import reduction_sheets
from staffing.rulesets import RuleSetError


class Command(BaseCommand):
    help = (
        "Báo cáo tinh giản biên chế của một đơn vị và các đơn vị trực thuộc theo một bộ quy tắc "
        "(NQ39-2015, KL40-2022, BNV10989-2025…): biên chế năm gốc, mục tiêu, lộ trình, đã giảm, còn lại."
    )

    def add_arguments(self, parser):
        parser.add_argument("--org", required=True, help="Mã đơn vị (ví dụ 000.00.01.H22)")
        parser.add_argument("--rule-set", required=True, dest="rule_set", help="Mã bộ quy tắc (ví dụ KL40-2022)")
        parser.add_argument("--as-of", dest="as_of", help="Ngày báo cáo YYYY-MM-DD (mặc định: hôm nay)")
        parser.add_argument("--format", choices=["json", "xlsx"], default="json", help="json (mặc định) hoặc xlsx")
        parser.add_argument("--output", help="Tệp sẽ ghi (bắt buộc với --format xlsx); mặc định: đầu ra chuẩn")

    def handle(self, *args, org, rule_set, as_of=None, format="json", output=None, **options):  # noqa: A002
        if format == "xlsx" and not output:
            raise CommandError("--format xlsx cần --output PATH (tệp .xlsx sẽ ghi).", returncode=2)
        organization = find_organization(org)  # exit 2 naming the code and the top-level organisations
        try:
            day = parse_as_of(as_of, timezone.localdate())
            report = reduction_report(org=organization, rule_set_code=rule_set.strip(), as_of=day, forecast=False)
        except RuleSetError as exc:
            raise CommandError(exc.message, returncode=2) from None
        if format == "xlsx":
            data = workbook(reduction_sheets(report))
        else:
            data = (json.dumps(report_json(report), ensure_ascii=False) + "\n").encode()
        if not output:
            self.stdout.write(data.decode(), ending="")
            return
        target = Path(output)
        partial = target.with_name(target.name + ".part")
        try:
            partial.write_bytes(data)
            partial.replace(target)
        except OSError as exc:
            partial.unlink(missing_ok=True)
            raise CommandError(f"Không ghi được tệp “{output}”: {exc.strerror or exc}.", returncode=2) from None
        self.stderr.write(f"Đã ghi {output}: {len(report.rows)} dòng.")
