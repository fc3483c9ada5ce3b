"""``python manage.py merge_organizations --scenario ID [--dry-run]``: apply a saved merge scenario
(docs/commands.md, merge_organizations: the JSON summary is a contract) with the same service as
the page's "Áp dụng" (``staffing.services.merge_organizations``), as the operator (no user scope).
``--dry-run`` does every write, then rolls it back. Exit 1 when the scenario is refused (already
applied, out of date, a check or a write fails: nothing written), 2 when there is no such
scenario or the ID is not a number."""

import json

from django.core.management.base import BaseCommand, CommandError

from staffing.models import MergeScenario
from staffing.services import MergeError, merge_organizations


class Command(BaseCommand):
    help = (
        "Áp dụng một phương án sáp nhập đã lưu: tạo đơn vị mới, chuyển vị trí việc làm, cán bộ, biên chế, "
        "kết thúc hoạt động các đơn vị cũ (--dry-run: chạy thử, không lưu)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--scenario", required=True, help="Số (ID) của phương án sáp nhập")
        parser.add_argument("--dry-run", action="store_true", dest="dry_run", help="Chạy thử: không lưu gì")

    def handle(self, *args, scenario, dry_run=False, **options):
        text = str(scenario).strip()
        if not (text.isascii() and text.isdigit()):
            raise CommandError(f"Số phương án “{text}” không hợp lệ: hãy nhập một số nguyên dương.", returncode=2)
        found = MergeScenario.objects.filter(pk=int(text)).first()
        if found is None:
            raise CommandError(f"Không có phương án sáp nhập số {text}.", returncode=2)
        try:
            plan = merge_organizations(scenario=found, user=None, dry_run=dry_run)
        except MergeError as exc:
            for message in exc.messages:
                self.stderr.write(message)
            raise CommandError("Không áp dụng phương án: không có thay đổi nào được lưu.", returncode=1) from None
        self.stdout.write(json.dumps(plan.summary(dry_run=dry_run), ensure_ascii=False))
        if dry_run:
            self.stderr.write("Chạy thử: mọi thay đổi đã được hoàn tác.")
        else:
            self.stderr.write(f"Đã sáp nhập vào {found.new_code} từ {found.effective_date:%d/%m/%Y}.")
