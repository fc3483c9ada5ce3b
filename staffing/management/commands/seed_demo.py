"""``python manage.py seed_demo``: demo organisations, staff, users, position catalogues with
descriptions, assignments and quotas (development only)."""

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from staffing.demo import DEMO_SEED, DEMO_STAFF_COUNT, seed_demo_data


class Command(BaseCommand):
    help = (
        "Tạo (hoặc làm mới) dữ liệu mẫu: một tỉnh với các sở, phòng, đơn vị sự nghiệp và xã, một bộ, "
        "khoảng 2.000 cán bộ, các tài khoản mẫu, danh mục vị trí việc làm với bản mô tả ở mọi trạng thái, phân công "
        "vị trí và biên chế được giao các năm 2015, 2021–2026. Chạy lại nhiều lần cho cùng kết quả. "
        "Chỉ chạy khi DEBUG bật."
    )

    def add_arguments(self, parser):
        parser.add_argument("--staff", type=int, default=DEMO_STAFF_COUNT, help="Số cán bộ mẫu (mặc định 2000).")
        parser.add_argument("--seed", type=int, default=DEMO_SEED, help="Hạt giống ngẫu nhiên (mặc định cố định).")

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                "Lệnh seed_demo chỉ chạy khi DEBUG bật (DJANGO_DEBUG=1): không được tạo dữ liệu mẫu "
                "trên hệ thống đang vận hành.",
                returncode=2,
            )
        if options["staff"] < 1:
            raise CommandError("Số cán bộ mẫu phải lớn hơn 0.", returncode=2)
        started = time.monotonic()
        summary = seed_demo_data(total_staff=options["staff"], seed=options["seed"])
        self.stdout.write(summary.as_text())
        self.stdout.write(self.style.SUCCESS(f"Hoàn tất sau {time.monotonic() - started:.1f} giây."))
