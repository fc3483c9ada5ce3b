"""``python manage.py import_data KIND PATH [--org CODE] [--dry-run]`` (docs/import-format.md).

Exit 0: written (or would be, with --dry-run); the last line is ``created=N updated=N unchanged=N``
(prefixed ``dry run: ``). Exit 1: rejected, nothing written; one line per error
``row R, column C: message`` then ``rejected: N errors, nothing written``. Exit 2: the command
cannot run (unknown kind, unreadable or unsupported file, unknown --org, another import running).
"""

import os
import stat
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from imports.errors import ImportFailure
from imports.jobs import run_import
from imports.registry import KNOWN_KINDS, get_sheet
from portal.models import Organization


def read_limited(file: Path, path: str) -> bytes:
    """The bytes of a regular file of at most ``IMPORT_MAX_FILE_SIZE``. Anything else (a device
    such as /dev/zero, a FIFO, a directory) is refused before reading, and never more than the
    limit plus one byte is read (a file growing meanwhile stays bounded)."""
    limit = settings.IMPORT_MAX_FILE_SIZE
    try:
        # O_NONBLOCK: opening a FIFO without a writer must not hang; a regular file ignores it.
        fd = os.open(file, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise CommandError(f"Không đọc được tệp “{path}”: {exc.strerror or exc}.", returncode=2) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise CommandError(
                f"“{path}” không phải là một tệp thông thường (thiết bị, thư mục hay đường ống):"
                " hãy chỉ ra một tệp .xlsx hoặc .csv.",
                returncode=2,
            )
        if info.st_size > limit:
            return b"\0" * (limit + 1)  # let the reader word the size error
        with os.fdopen(fd, "rb", closefd=False) as stream:
            return stream.read(limit + 1)
    except OSError as exc:
        raise CommandError(f"Không đọc được tệp “{path}”: {exc.strerror or exc}.", returncode=2) from None
    finally:
        os.close(fd)


def find_scope(code: str | None) -> Organization | None:
    if not code:
        return None
    scope = Organization.objects.filter(code=code.strip()).first()
    if scope is None:
        raise CommandError(f"Không tìm thấy đơn vị có mã “{code}” (--org).", returncode=2)
    return scope


class Command(BaseCommand):
    help = "Nhập dữ liệu từ tệp .xlsx hoặc .csv (UTF-8): " + ", ".join(KNOWN_KINDS) + "."

    def add_arguments(self, parser):
        parser.add_argument("kind", help="Loại dữ liệu: " + ", ".join(KNOWN_KINDS))
        parser.add_argument("path", help="Tệp .xlsx hoặc .csv")
        parser.add_argument("--org", help="Mã đơn vị: mọi dòng phải thuộc cây đơn vị này (mặc định: toàn cổng)")
        parser.add_argument("--dry-run", action="store_true", help="Chỉ kiểm tra và đếm, không ghi gì")

    def handle(self, *args, kind, path, org=None, dry_run=False, **options):
        try:
            get_sheet(kind)
        except ImportFailure as exc:
            raise CommandError(exc.message, returncode=2) from None
        scope = find_scope(org)
        file = Path(path)
        data = read_limited(file, path)
        try:
            result = run_import(kind=kind, data=data, file_name=file.name, scope_org=scope, dry_run=dry_run)
        except ImportFailure as exc:
            raise CommandError(exc.message, returncode=2) from None
        if result.error_count:
            for error in result.errors:
                self.stdout.write(error.line())
            hidden = result.error_count - len(result.errors)
            if hidden > 0:
                self.stdout.write(f"(còn {hidden} lỗi nữa không hiển thị)")
            self.stdout.write(f"rejected: {result.error_count} errors, nothing written")
            raise SystemExit(1)
        if result.blank:
            self.stdout.write(f"Đã bỏ qua {result.blank} dòng trống.")
        self.stdout.write(result.summary_line())
