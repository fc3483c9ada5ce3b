"""``seed_demo_data``: build the whole demo with the pure builders and write it in one
transaction (audit log off), then count what the database holds; ``DemoSummary.as_text`` is
what ``seed_demo`` prints."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from auditlog.context import disable_auditlog
from django.db import transaction

from staffing.demo.catalogue import build_catalogues
from staffing.demo.constants import (
    DEMO_EMPLOYEE_PREFIX,
    DEMO_MINISTRY_CODE,
    DEMO_PASSWORD,
    DEMO_PROVINCE_CODE,
    DEMO_RECORD_YEARS,
    DEMO_SEED,
    DEMO_STAFF_COUNT,
)
from staffing.demo.database import (
    CatalogueCounts,
    upsert_catalogues,
    upsert_orgs,
    upsert_quotas,
    upsert_staff,
    upsert_users,
)
from staffing.demo.orgs import build_org_specs, load_admin_units
from staffing.demo.people import build_staff_specs
from staffing.demo.quotas import build_quota_specs
from staffing.demo.references import load_references
from staffing.demo.streamlining import mark_candidates, train_and_pay
from staffing.models import AnnualRecord, Staff, StaffStatus


@dataclass
class DemoSummary:
    org_counts: Counter
    staff: int
    working: int
    records: int
    created_staff: int
    updated_staff: int
    province: str
    ministry: str
    users: list[tuple[str, str, str]]  # username, full name, role with organisation
    positions: int = 0
    descriptions: Counter = field(default_factory=Counter)  # status -> versions
    assignments: int = 0
    concurrent: int = 0
    quotas: int = 0
    changes: Counter = field(default_factory=Counter)  # "positions+" created, "~" updated, "-" deleted

    def as_text(self) -> str:
        def n(value: int) -> str:
            return f"{value:,}".replace(",", ".")

        c, d, ch = self.org_counts, self.descriptions, self.changes
        lines = [
            "Đã tạo dữ liệu mẫu.",
            f"  Tỉnh: {self.province}; bộ: {self.ministry}.",
            f"  Đơn vị: {n(c['TINH'])} tỉnh, {n(c['SO'])} sở/ban, {n(c['PHONG'])} phòng/vụ/cục, "
            f"{n(c['SNCL'])} đơn vị sự nghiệp, {n(c['XA'])} xã/phường/đặc khu, {n(c['BO'])} bộ.",
            f"  Cán bộ: {n(self.staff)} (đang làm việc {n(self.working)}; thêm mới {n(self.created_staff)}, "
            f"cập nhật {n(self.updated_staff)}); {n(self.records)} bản ghi đánh giá, nghỉ ốm "
            f"{DEMO_RECORD_YEARS[0]}–{DEMO_RECORD_YEARS[-1]}.",
            f"  Vị trí việc làm: {n(self.positions)}; bản mô tả: {n(d['approved'])} đã phê duyệt, "
            f"{n(d['draft'])} bản nháp, {n(d['submitted'])} chờ phê duyệt, {n(d['returned'])} bị trả lại.",
            f"  Phân công: {n(self.assignments)} (kiêm nhiệm {n(self.concurrent)}); biên chế được giao: "
            f"{n(self.quotas)} dòng (năm 2015, 2021–2026).",
            "  Thay đổi lần này: "
            + "; ".join(
                f"{label} +{n(ch[key + '+'])} ~{n(ch[key + '~'])} -{n(ch[key + '-'])}"
                for key, label in (
                    ("positions", "vị trí"),
                    ("descriptions", "bản mô tả"),
                    ("assignments", "phân công"),
                    ("quotas", "biên chế"),
                )
            )
            + ".",
            f"  Tài khoản (mật khẩu: {DEMO_PASSWORD}):",
        ]
        lines += [f"    {username:<11} {full_name} — {role}" for username, full_name, role in self.users]
        return "\n".join(lines)


def seed_demo_data(*, total_staff: int = DEMO_STAFF_COUNT, seed: int = DEMO_SEED) -> DemoSummary:
    """Create or refresh all demo data in one transaction; idempotent."""
    org_specs = build_org_specs(load_admin_units(), seed=seed)
    people = mark_candidates(build_staff_specs(org_specs, total=total_staff, seed=seed), org_specs)
    quotas = build_quota_specs(org_specs, people, seed=seed)
    counts = CatalogueCounts()
    with transaction.atomic(), disable_auditlog():
        framework, ranks = load_references()
        catalogues = train_and_pay(
            build_catalogues(org_specs, people, framework, ranks, seed=seed), org_specs, seed=seed
        )
        orgs = upsert_orgs(org_specs)
        created, updated = upsert_staff(catalogues.people, orgs)
        users = upsert_users(orgs)
        upsert_catalogues(catalogues, orgs, counts)
        counts.changed.update(upsert_quotas(quotas, orgs))
    demo_staff = Staff.objects.filter(employee_code__startswith=DEMO_EMPLOYEE_PREFIX)
    return DemoSummary(
        org_counts=Counter(spec.kind for spec in org_specs),
        staff=demo_staff.count(),
        working=demo_staff.filter(status=StaffStatus.WORKING).count(),
        records=AnnualRecord.objects.filter(staff__in=demo_staff).count(),
        created_staff=created,
        updated_staff=updated,
        province=orgs[DEMO_PROVINCE_CODE].name,
        ministry=orgs[DEMO_MINISTRY_CODE].name,
        users=users,
        positions=counts.positions,
        descriptions=counts.descriptions,
        assignments=counts.assignments,
        concurrent=counts.concurrent,
        quotas=len(quotas),
        changes=counts.changed,
    )
