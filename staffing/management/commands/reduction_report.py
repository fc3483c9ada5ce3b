"""``python manage.py reduction_report --org CODE --rule-set CODE [--as-of YYYY-MM-DD]
[--format json|xlsx] [--output PATH]``: the headcount-reduction position of a subtree
(docs/commands.md, reduction_report: the JSON is a contract). The same report function and
workbook as the dashboard (/reports/reductions/). Exit 2 for an unknown organisation or rule
set, a bad date, a date outside the rule set's period, xlsx without --output, a file that
cannot be written."""

import json

from django.core.management.base import BaseCommand
from django.utils import timezone

from staffing.exporting import workbook
from staffing.management.output import emit, fail, find_organization
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
            raise fail("--format xlsx cần --output PATH (tệp .xlsx sẽ ghi).")
        organization = find_organization(org)  # exit 2 naming the code and the top-level organisations
        try:
            day = parse_as_of(as_of, timezone.localdate())
            report = reduction_report(org=organization, rule_set_code=rule_set.strip(), as_of=day, forecast=False)
        except RuleSetError as exc:
            raise fail(exc.message) from None
        if format == "xlsx":
            data = workbook(reduction_sheets(report))
        else:
            data = (json.dumps(report_json(report), ensure_ascii=False) + "\n").encode()
        emit(self, data, output, f"Đã ghi {output}: {len(report.rows)} dòng.")
