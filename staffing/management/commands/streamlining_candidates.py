"""``python manage.py streamlining_candidates --org CODE --year YYYY [--as-of YYYY-MM-DD]
[--format json|xlsx] [--output PATH]``: the working staff of the organisation's subtree who fall
under a case of the streamlining rule set for the review year, with the estimated benefit
(docs/commands.md, streamlining_candidates: the JSON is a contract). The same list and workbook as
the web pages (``staffing.reports.candidates``). Exit 2, with a Vietnamese message, for a missing
or unknown organisation, a year that is not a year or outside every rule set, a bad date, an
unknown format, xlsx without --output, no base salary or retirement rule in force, or a file that
cannot be written."""

import json

from django.core.management.base import BaseCommand
from django.utils import timezone

from staffing.management.output import check_format, emit, fail, find_organization
from staffing.reports.candidates import CandidateListError, candidate_list, parse_year
from staffing.reports.candidates_exports import candidates_xlsx
from staffing.reports.dashboard import parse_as_of
from staffing.rulesets import RuleSetError


class Command(BaseCommand):
    help = (
        "Danh sách đối tượng tinh giản biên chế của một đơn vị và các đơn vị trực thuộc cho năm xét "
        "(Nghị định 154/2025): trường hợp, lý do, ngày nghỉ hưu, chế độ và kinh phí dự kiến (JSON, hoặc XLSX "
        "với --output)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--org", help="Mã đơn vị (gồm cả các đơn vị trực thuộc)")
        parser.add_argument("--year", metavar="YYYY", help="Năm xét")
        parser.add_argument("--as-of", dest="as_of", help="Ngày tính YYYY-MM-DD (mặc định: hôm nay)")
        parser.add_argument("--format", dest="fmt", default="json", help="json (mặc định) hoặc xlsx")
        parser.add_argument("--output", help="Ghi ra tệp này thay vì ra màn hình (bắt buộc với xlsx)")

    def handle(self, *args, org=None, year=None, as_of=None, fmt="json", output=None, **options):
        fmt = check_format(fmt, output)
        organization = find_organization(org)
        if not (year or "").strip():
            raise fail("Hãy cho biết năm xét: --year YYYY (ví dụ --year 2026).")
        try:
            review_year = parse_year(year, label="--year")
            day = parse_as_of(as_of, timezone.localdate())
            lst = candidate_list(org=organization, year=review_year, as_of=day)
        except (CandidateListError, RuleSetError) as exc:
            raise fail(exc.message) from None
        if lst.empty_reason:
            self.stderr.write(lst.empty_reason)
        if fmt == "xlsx":
            content = candidates_xlsx(lst.snapshot_data(), lst.snapshot_totals())
        else:
            content = (json.dumps(lst.as_json(), ensure_ascii=False) + "\n").encode()
        emit(self, content, output, f"Đã ghi {output}: {len(lst.candidates)} người.")
