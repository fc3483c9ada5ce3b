"""``python manage.py export_data KIND PATH [--org CODE]``: writes .xlsx or .csv (by PATH's
extension) with the import's headers, formula-escaped, so re-importing it changes nothing.
Exit 2 for an unknown kind, --org or extension, or a path that cannot be written."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from imports.errors import ImportFailure
from imports.exporting import export_to, format_for
from imports.management.commands.import_data import find_scope
from imports.registry import KNOWN_KINDS, get_sheet


class Command(BaseCommand):
    help = "Xuất dữ liệu ra tệp .xlsx hoặc .csv theo mẫu nhập: " + ", ".join(KNOWN_KINDS) + "."

    def add_arguments(self, parser):
        parser.add_argument("kind", help="Loại dữ liệu: " + ", ".join(KNOWN_KINDS))
        parser.add_argument("path", help="Tệp .xlsx hoặc .csv sẽ ghi")
        parser.add_argument("--org", help="Mã đơn vị: chỉ xuất cây đơn vị này (mặc định: toàn cổng)")

    def handle(self, *args, kind, path, org=None, **options):
        try:
            get_sheet(kind)
            fmt = format_for(path)
        except ImportFailure as exc:
            raise CommandError(exc.message, returncode=2) from None
        scope = find_scope(org)
        target = Path(path)
        partial = target.with_name(target.name + ".part")
        try:
            with partial.open("wb") as stream:
                count = export_to(stream, kind=kind, fmt=fmt, scope_org=scope)
            partial.replace(target)
        except OSError as exc:
            partial.unlink(missing_ok=True)
            raise CommandError(f"Không ghi được tệp “{path}”: {exc.strerror or exc}.", returncode=2) from None
        except ImportFailure as exc:  # e.g. a portal-wide reference sheet asked for one organisation
            partial.unlink(missing_ok=True)
            raise CommandError(exc.message, returncode=2) from None
        self.stdout.write(f"exported={count}")
