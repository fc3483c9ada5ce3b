"""``python manage.py seed_demo``: demo organisations, staff, users, position catalogues with
descriptions, assignments and quotas (development only). ``--scale national``: the national demo
(34 provinces, 17 ministries, about 20,000 organisations and 1,000,000 staff; PostgreSQL only)."""

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from staffing.demo import DEMO_SEED, DEMO_STAFF_COUNT, seed_demo_data
from staffing.demo.national import NATIONAL_STAFF_COUNT, NationalScale
from staffing.demo.national_seed import NationalSeedError, seed_national_data

NATIONAL_OPTIONS = ("provinces", "ministries", "communes", "staff_per_unit")


class Command(BaseCommand):
    help = (
        "Tạo (hoặc làm mới) dữ liệu mẫu: một tỉnh với các sở, phòng, đơn vị sự nghiệp và xã, một bộ, "
        "khoảng 2.000 cán bộ, các tài khoản mẫu, danh mục vị trí việc làm với bản mô tả ở mọi trạng thái, phân công "
        "vị trí và biên chế được giao các năm 2015, 2021–2026. Với --scale national: 34 tỉnh, thành phố và 17 bộ, "
        "cơ quan ngang bộ, khoảng 20.000 đơn vị và 1.000.000 cán bộ (chỉ trên PostgreSQL). Chạy lại nhiều lần cho "
        "cùng kết quả. Chỉ chạy khi DEBUG bật."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale",
            choices=("province", "national"),
            default="province",
            help="province (mặc định): một tỉnh và một bộ; national: toàn quốc (PostgreSQL).",
        )
        parser.add_argument(
            "--staff",
            type=int,
            default=None,
            help=f"Số cán bộ mẫu (mặc định {DEMO_STAFF_COUNT}; toàn quốc: số của các đơn vị được tạo, "
            f"{NATIONAL_STAFF_COUNT:,} khi tạo tất cả).".replace(",", "."),
        )
        parser.add_argument("--seed", type=int, default=DEMO_SEED, help="Hạt giống ngẫu nhiên (mặc định cố định).")
        national = parser.add_argument_group("toàn quốc (--scale national)")
        national.add_argument("--provinces", type=int, help="Chỉ tạo N tỉnh, thành phố đầu tiên (mặc định: cả 34).")
        national.add_argument("--ministries", type=int, help="Chỉ tạo N bộ, cơ quan ngang bộ đầu tiên (mặc định: 17).")
        national.add_argument("--communes", type=int, help="Tối đa N xã, phường mỗi tỉnh (mặc định: tất cả).")
        national.add_argument(
            "--staff-per-unit", type=int, help="Bình quân N cán bộ mỗi đơn vị có người (cho thử nghiệm nhỏ)."
        )

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                "Lệnh seed_demo chỉ chạy khi DEBUG bật (DJANGO_DEBUG=1): không được tạo dữ liệu mẫu "
                "trên hệ thống đang vận hành.",
                returncode=2,
            )
        if options["scale"] == "national":
            return self.national(options)
        given = [f"--{name.replace('_', '-')}" for name in NATIONAL_OPTIONS if options[name] is not None]
        if given:
            raise CommandError(f"Tuỳ chọn {', '.join(given)} chỉ dùng với --scale national.", returncode=2)
        staff = DEMO_STAFF_COUNT if options["staff"] is None else options["staff"]
        if staff < 1:
            raise CommandError("Số cán bộ mẫu phải lớn hơn 0.", returncode=2)
        started = time.monotonic()
        summary = seed_demo_data(total_staff=staff, seed=options["seed"])
        self.stdout.write(summary.as_text())
        self.stdout.write(self.style.SUCCESS(f"Hoàn tất sau {time.monotonic() - started:.1f} giây."))

    def national(self, options):
        limits = {"provinces": (1, 34), "ministries": (0, 17), "communes": (1, None), "staff_per_unit": (1, 1000)}
        for name, (low, high) in limits.items():
            value = options[name]
            if value is not None and (value < low or (high is not None and value > high)):
                allowed = f"từ {low} đến {high}" if high is not None else f"từ {low} trở lên"
                raise CommandError(
                    f"--{name.replace('_', '-')} {value} không hợp lệ: chỉ nhận {allowed}.", returncode=2
                )
        staff = options["staff"]
        if staff is not None and not 0 <= staff <= NATIONAL_STAFF_COUNT:
            raise CommandError(
                f"--staff {staff} không hợp lệ: toàn quốc nhận từ 0 đến {NATIONAL_STAFF_COUNT:,} cán bộ.".replace(
                    ",", "."
                ),
                returncode=2,
            )
        if staff is not None and options["staff_per_unit"] is not None:
            raise CommandError("Chỉ dùng một trong hai tuỳ chọn --staff và --staff-per-unit.", returncode=2)
        scale = NationalScale(
            provinces=options["provinces"],
            ministries=options["ministries"],
            communes=options["communes"],
            staff=staff,
            staff_per_unit=options["staff_per_unit"],
            seed=options["seed"],
        )
        started = time.monotonic()
        verbose = options["verbosity"] > 1
        try:
            summary = seed_national_data(scale, progress=self.stdout.write if verbose else None)
        except NationalSeedError as error:
            raise CommandError(error.message, returncode=2) from error
        self.stdout.write(summary.as_text())
        self.stdout.write(self.style.SUCCESS(f"Hoàn tất sau {time.monotonic() - started:.1f} giây."))
