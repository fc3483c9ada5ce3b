"""Builders for the tests: plain functions (and their constants) that create rows, files and
other test data with defaults. Test modules and conftest files import them from here; conftest
files hold only fixtures, which call these builders.

Rows are written directly (no services), so a test sees exactly the data it set up: e.g. a
national admin built here has the role and nothing else (``is_superuser`` stays False).
"""

from __future__ import annotations

import csv
import datetime
import io
import itertools
import re
import struct
import zipfile
from contextlib import redirect_stderr, redirect_stdout
from decimal import Decimal
from types import SimpleNamespace
from unittest.mock import patch

from auditlog.models import LogEntry
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.contrib.sessions.backends.db import SessionStore
from django.core.management import execute_from_command_line
from openpyxl import Workbook

from imports.jobs import run_import
from portal.models import ADMIN_ROLES, Membership, Organization, OrgKind, Role
from positions.models import (
    Competency,
    CompetencyKind,
    CompetencyLevel,
    DescriptionCompetency,
    DescriptionStatus,
    DescriptionTask,
    FrameworkPosition,
    Position,
    PositionDescription,
    PositionGroup,
    Rank,
    RankKind,
)
from staffing.models import AnnualRecord, Assignment, AssignmentKind, Quota, Sex, Staff, StaffCategory, StaffStatus

PASSWORD = "vtvl-test-2026"  # noqa: S105 - the personas' password
NEW_PASSWORD = "lá-cờ-đỏ-sao-vàng-42"  # noqa: S105 - a valid password for a user a test creates
FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
LONG_AGO = datetime.date(2020, 1, 1)  # the default start of an assignment

_seq = itertools.count(1)


# --------------------------------------------------------------------------- organisations and users


def make_org(code: str, name: str, kind: str = OrgKind.PHONG, parent: Organization | None = None, **fields):
    return Organization.objects.create(code=code, name=name, kind=kind, parent=parent, **fields)


def make_user(
    username: str,
    role: str | None = None,
    org: Organization | None = None,
    *,
    password: str = PASSWORD,
    is_staff: bool | None = None,
    **fields,
):
    """A user with an optional role at ``org`` (no org for a national admin). Admin roles get
    ``is_staff`` (they use the Django admin); nobody gets ``is_superuser``."""
    user = get_user_model()(username=username, is_staff=bool(role in ADMIN_ROLES if is_staff is None else is_staff))
    for name, value in fields.items():
        setattr(user, name, value)
    user.set_password(password)
    user.save()
    if role:
        add_role(user, role, org)
    return user


def add_role(user, role: str, org: Organization | None = None) -> Membership:
    return Membership.objects.create(user=user, role=role, organization=None if role == Role.NATIONAL_ADMIN else org)


def logged_in_session(user) -> str:
    """The key of a session as ``Client.force_login`` leaves it, without its 18 queries."""
    session = SessionStore()
    session[SESSION_KEY] = user._meta.pk.value_to_string(user)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session["vtvl_two_factor"] = ""  # what portal.auth's user_logged_in receiver stores: no 2nd step
    session.create()
    return session.session_key


# --------------------------------------------------------------------------- the persona tree

PERSONAS = ("national", "admin_a", "hr_a", "manager_a", "hr_b", "nobody")


def make_persona_tree() -> SimpleNamespace:
    """The organisations, users (``PERSONAS``) and staff every test module shares, drawn in
    tests/conftest.py (the ``tree``, ``people`` and ``staff`` fixtures)."""
    p = make_org("000.00.00.H17", "Thành phố Đà Nẵng", OrgKind.TINH, admin_unit_code="48")
    a = make_org("000.00.01.H17", "Sở Nội vụ", OrgKind.SO, parent=p, short_name="SNV")
    b = make_org("000.00.02.H17", "Sở Tài chính", OrgKind.SO, parent=p)
    a1 = make_org("000.01.01.H17", "Phòng Tổ chức, biên chế", OrgKind.PHONG, parent=a)
    a2 = make_org("000.02.01.H17", "Văn phòng Sở", OrgKind.PHONG, parent=a)
    a3 = make_org("000.03.01.H17", "Phường Hải Châu", OrgKind.XA, parent=a, admin_unit_code="20194")
    m = make_org("000.00.00.G12", "Bộ Nội vụ", OrgKind.BO)
    users = {
        "national": make_user("national", Role.NATIONAL_ADMIN),
        "admin_a": make_user("admin_a", Role.ORG_ADMIN, a, first_name="Lê", last_name="Quản Trị"),
        "hr_a": make_user("hr_a", Role.HR_OFFICER, a),
        "manager_a": make_user("manager_a", Role.MANAGER, a),
        "hr_b": make_user("hr_b", Role.HR_OFFICER, b),
        "nobody": make_user("nobody"),
    }
    staff = [
        make_staff(a, "Nguyễn Văn An"),
        make_staff(a, "Trần Thị Bình"),
        make_staff(a, "Lê Văn Cường", status=StaffStatus.RETIRED),
        make_staff(a1, "Phạm Thị Dung"),
        make_staff(a1, "Hoàng Văn Em"),
        make_staff(a1, "Đặng Thị Giang"),
        make_staff(b, "Vũ Văn Hải"),
    ]
    return SimpleNamespace(
        orgs={"P": p, "A": a, "B": b, "A1": a1, "A2": a2, "A3": a3, "M": m}, users=users, staff=staff
    )


# --------------------------------------------------------------------------- staff


def make_staff(
    org: Organization,
    full_name: str = "Nguyễn Văn An",
    *,
    status: str = StaffStatus.WORKING,
    category: str = StaffCategory.CC,
    sex: str = Sex.MALE,
    date_of_birth: datetime.date = datetime.date(1980, 5, 17),
    **fields,
) -> Staff:
    n = next(_seq)
    fields.setdefault("employee_code", f"T{n:06d}")
    if status != StaffStatus.WORKING:
        fields.setdefault("exit_date", datetime.date(2025, 7, 1))
    return Staff.objects.create(
        organization=org,
        full_name=full_name,
        status=status,
        category=category,
        sex=sex,
        date_of_birth=date_of_birth,
        **fields,
    )


# --------------------------------------------------------------------------- positions


def position_group(code: str = "CMNV") -> PositionGroup:
    """A position group by code (seeded by the positions migration, created here if absent)."""
    return PositionGroup.objects.get_or_create(
        code=code, defaults={"name": {"CMNV": "Chuyên môn, nghiệp vụ"}.get(code, code), "order": 2}
    )[0]


def make_position(org, code="VT01", name="Văn thư", *, group: PositionGroup | None = None, **fields) -> Position:
    """A position of ``org`` (group CMNV unless given; headcount, ranks … as ``fields``)."""
    return Position.objects.create(organization=org, code=code, name=name, group=group or position_group(), **fields)


def make_description(
    position, *, version=1, status=DescriptionStatus.DRAFT, tasks=("Nhiệm vụ một",), levels=(), **fields
) -> PositionDescription:
    """A version of ``position``'s description with ``tasks`` (texts, in order) and ``levels``
    ((competency, level) pairs)."""
    description = PositionDescription.objects.create(position=position, version=version, status=status, **fields)
    DescriptionTask.objects.bulk_create(
        DescriptionTask(description=description, order=i, task=t) for i, t in enumerate(tasks, start=1)
    )
    DescriptionCompetency.objects.bulk_create(
        DescriptionCompetency(description=description, competency=c, level=lv) for c, lv in levels
    )
    return description


REFERENCE_GROUPS = [
    ("LDQL", "Lãnh đạo, quản lý", 1, False),
    ("CMNV", "Chuyên môn, nghiệp vụ", 2, True),
    ("HTPV", "Hỗ trợ, phục vụ", 3, False),
]
REFERENCE_RANKS = [
    ("01.002", "Chuyên viên chính", "Hành chính", 4),
    ("01.003", "Chuyên viên", "Hành chính", 3),
    ("01.004", "Cán sự", "Hành chính", 2),
    ("01.005", "Nhân viên", "Hành chính", 1),
    ("06.031", "Kế toán viên", "Kế toán", 3),
]
REFERENCE_COMPETENCIES = [
    ("TNL-C1", CompetencyKind.GENERAL, "Soạn thảo văn bản (thử)", 1),
    ("TNL-C2", CompetencyKind.GENERAL, "Giao tiếp, ứng xử (thử)", 2),
    ("TNL-P1", CompetencyKind.PROFESSIONAL, "Quản lý hồ sơ, tài liệu (thử)", 1),
    ("TNL-M1", CompetencyKind.MANAGEMENT, "Điều hành đơn vị (thử)", 1),
]


def make_reference_data() -> SimpleNamespace:
    """The reference rows of the positions tests (the ``ref`` fixture): groups, ranks, competencies
    with five levels each and the framework position TKHUNG-VT with a sample. Created with
    get_or_create, so they work with or without the seed migration."""
    groups = {
        code: PositionGroup.objects.get_or_create(
            code=code, defaults={"name": name, "order": order, "has_subgroups": subgroups}
        )[0]
        for code, name, order, subgroups in REFERENCE_GROUPS
    }
    ranks = {
        code: Rank.objects.get_or_create(
            code=code, defaults={"name": name, "kind": RankKind.RANK, "field": field, "level": level}
        )[0]
        for code, name, field, level in REFERENCE_RANKS
    }
    competencies = {}
    for code, kind, name, order in REFERENCE_COMPETENCIES:
        competency = Competency.objects.get_or_create(code=code, defaults={"kind": kind, "name": name, "order": order})[
            0
        ]
        for level in range(1, 6):
            CompetencyLevel.objects.get_or_create(
                competency=competency, level=level, defaults={"descriptor": f"{name} — mô tả cấp độ {level}"}
            )
        competencies[code] = competency
    framework = FrameworkPosition.objects.get_or_create(
        code="TKHUNG-VT",
        defaults={
            "name": "Văn thư (khung thử)",
            "group": groups["CMNV"],
            "subgroup": "DC",
            "min_rank": ranks["01.004"],
            "max_rank": ranks["01.003"],
            "sample": {
                "objective": "<p>Bảo đảm công tác <b>văn thư</b> của cơ quan.</p>",
                "tasks": [
                    {"task": "Tiếp nhận văn bản đến", "outputs": "Sổ đăng ký", "criteria": "Đúng hạn"},
                    {"task": "Phát hành văn bản đi", "outputs": "Văn bản đã phát hành", "criteria": "Không sai sót"},
                ],
                "competencies": [["TNL-C1", 3], ["TNL-P1", 2], ["KHONG-CO", 2]],
            },
        },
    )[0]
    return SimpleNamespace(groups=groups, ranks=ranks, competencies=competencies, framework=framework)


# --------------------------------------------------------------------------- staffing


def make_assignment(staff, position, *, kind=AssignmentKind.PRIMARY, fte="1", start=LONG_AGO, end=None) -> Assignment:
    return Assignment.objects.create(
        staff=staff, position=position, kind=kind, fte=Decimal(fte), start_date=start, end_date=end
    )


def make_quota(org, assigned, *, year=2025, category="CBCC", number="01/QĐ") -> Quota:
    return Quota.objects.create(
        organization=org,
        year=year,
        category=category,
        assigned=assigned,
        decision_number=number,
        decision_date=datetime.date(year - 1, 12, 20),
        issuer="UBND thành phố",
    )


def make_rank(code="T01.003", name="Chuyên viên (thử)", low="2.34", high="4.98", level=3) -> Rank:
    return Rank.objects.get_or_create(
        code=code,
        defaults={
            "name": name,
            "kind": RankKind.RANK,
            "field": "Hành chính",
            "level": level,
            "coefficient_min": Decimal(low),
            "coefficient_max": Decimal(high),
        },
    )[0]


# --------------------------------------------------------------------------- files
# Every file an import test reads is generated in the test (openpyxl for XLSX, then zip parts
# rewritten where a test needs a malicious one); none is checked in.

ORG_HEADER = ["Mã đơn vị", "Tên đơn vị", "Mã đơn vị cấp trên", "Loại hình", "Mã ĐVHC", "Hiệu lực từ"]
SHEET = "xl/worksheets/sheet1.xml"


def csv_bytes(rows, *, delimiter=",", bom=False, encoding="utf-8") -> bytes:
    text = io.StringIO(newline="")
    csv.writer(text, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return (b"\xef\xbb\xbf" if bom else b"") + text.getvalue().encode(encoding)


def xlsx_bytes(rows, *, title="Sheet", number_formats: dict[str, str] | None = None) -> bytes:
    """A workbook whose first sheet holds ``rows`` (openpyxl: shared strings, typed cells)."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title
    for row in rows:
        sheet.append(list(row))
    for ref, fmt in (number_formats or {}).items():
        sheet[ref].number_format = fmt
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def rezip(data: bytes, parts: dict, *, add: dict | None = None) -> bytes:
    """``data`` with some zip parts rewritten: ``parts`` maps a name to new bytes or to a
    function of the old bytes; ``add`` adds entries."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            change = parts.get(info.filename)
            if change is not None:
                content = change(content) if callable(change) else change
            target.writestr(info.filename, content)
        for name, content in (add or {}).items():
            target.writestr(name, content)
    return out.getvalue()


def set_dimension(ref: str):
    def change(xml: bytes) -> bytes:
        return re.sub(rb"<dimension ref=\"[^\"]*\"\s*/>", f'<dimension ref="{ref}"/>'.encode(), xml)

    return change


def append_to_sheet_data(fragment: str):
    def change(xml: bytes) -> bytes:
        return xml.replace(b"</sheetData>", fragment.encode() + b"</sheetData>")

    return change


def lie_about_size(data: bytes, name: str, declared: int) -> bytes:
    """Patch the local header and the central directory so ``name`` claims ``declared`` bytes
    uncompressed (how a zip bomb gets past a size check that trusts the headers)."""
    raw = bytearray(data)
    encoded = name.encode()
    pos = 0
    while (pos := raw.find(b"PK\x03\x04", pos)) >= 0:
        n, e = struct.unpack_from("<HH", raw, pos + 26)
        if bytes(raw[pos + 30 : pos + 30 + n]) == encoded:
            struct.pack_into("<I", raw, pos + 22, declared)
        pos += 4
    pos = 0
    while (pos := raw.find(b"PK\x01\x02", pos)) >= 0:
        n = struct.unpack_from("<H", raw, pos + 28)[0]
        if bytes(raw[pos + 46 : pos + 46 + n]) == encoded:
            struct.pack_into("<I", raw, pos + 24, declared)
        pos += 4
    return bytes(raw)


def zeros_zip(size: int, name: str = "xl/worksheets/sheet1.xml") -> bytes:
    """An .xlsx-shaped zip with a ``size``-byte entry of zeros (compresses ~1000:1)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        with archive.open(name, "w", force_zip64=True) as entry:
            chunk = b"\0" * (1 << 20)
            for _ in range(size // len(chunk)):
                entry.write(chunk)
    return out.getvalue()


def ods_bytes() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", "<office:document-content/>")
    return out.getvalue()


def write_file(tmp_path, name, data: bytes) -> str:
    """``data`` written to ``tmp_path / name``; the path as a string (for a command line)."""
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


# --------------------------------------------------------------------------- the command line


def manage(*args) -> tuple[int, list[str], str]:
    """Run ``manage.py args`` in this process: (exit code, stdout lines, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    code = 0
    # run_from_argv closes every connection when it ends: keep the test's transaction open
    with redirect_stdout(out), redirect_stderr(err), patch("django.core.management.base.connections.close_all"):
        try:
            execute_from_command_line(["manage.py", *map(str, args)])
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 1
    return code, out.getvalue().splitlines(), err.getvalue()


# --------------------------------------------------------------------------- the staff pages


def make_staffing_world(tree, by_name) -> dict:
    """What the staff pages' tests share on the persona tree (``by_name`` as the staffing
    fixture of that name): a position in A (VT01 Văn thư, headcount 2) held by An, one in B
    (KT01 Kế toán) held by Hải, and quotas of A (50) and B (30). Keys: pos_a, pos_b, asg_a,
    asg_b, quota_a, quota_b."""
    pos_a = make_position(tree.A, "VT01", "Văn thư", headcount=2)
    pos_b = make_position(tree.B, "KT01", "Kế toán")
    return {
        "pos_a": pos_a,
        "pos_b": pos_b,
        "asg_a": make_assignment(by_name["An"], pos_a),
        "asg_b": make_assignment(by_name["Hải"], pos_b),
        "quota_a": make_quota(tree.A, 50),
        "quota_b": make_quota(tree.B, 30),
    }


# --------------------------------------------------------------------------- the staff sheet
# The rows, files and checks of the ``staff`` import sheet's tests (tests/staffing/test_sheets_staff*.py).

STAFF_SHEET_BASE = ("employee_code", "full_name", "date_of_birth", "sex", "category", "organization_code")
STAFF_SHEET_HEADERS = [
    "Mã cán bộ",
    "Số định danh cá nhân",
    "Họ và tên",
    "Ngày sinh",
    "Giới tính",
    "Loại",
    "Mã đơn vị",
    "Mã vị trí",
    "Mã vị trí kiêm nhiệm",
    "Mã ngạch",
    "Bậc lương",
    "Hệ số lương",
    "Ngày tuyển dụng",
    "Số năm đóng BHXH",
    "Xếp loại 2024",
    "Xếp loại 2025",
    "Nghỉ ốm 2024",
    "Nghỉ ốm 2025",
    "Nặng nhọc, độc hại",
    "Diện dôi dư",
    "Hoãn xét tinh giản",
    "Trạng thái",
    "Ngày nghỉ",
]


def run_sheet(kind, rows, name=None, **kwargs):
    """``run_import`` of ``rows`` (a list of rows, written as CSV) or of a file's bytes."""
    data = rows if isinstance(rows, bytes) else csv_bytes(rows)
    return run_import(kind=kind, data=data, file_name=name or f"{kind}.csv", **kwargs)


def sheet_errors(result) -> list[tuple]:
    """(row, column, message) of each error of an import result."""
    return [(e.row, e.column, e.message) for e in result.errors]


def error_cells(result) -> list[tuple]:
    """(row, column) of each error of an import result."""
    return [(e.row, e.column) for e in result.errors]


def staff_tables() -> tuple:
    """What a staff import writes, as plain values: people, yearly records, assignments and the
    number of audit entries (the import jobs' own left out)."""
    return (
        sorted(Staff.objects.values_list("employee_code", "full_name", "organization__code", "personal_id", "status")),
        sorted(AnnualRecord.objects.values_list("staff__employee_code", "year", "rating", "sick_days")),
        sorted(Assignment.objects.values_list("staff__employee_code", "position__code", "kind", "fte", "end_date")),
        LogEntry.objects.exclude(content_type__model="importjob").count(),
    )


def run_sheet_rejected(kind, rows, name=None, **kwargs):
    """``run_sheet`` of a file that must be rejected, checked to have written nothing."""
    before = staff_tables()
    result = run_sheet(kind, rows, name, **kwargs)
    assert result.error_count > 0 and not result.written, f"not rejected: {sheet_errors(result)}"
    assert staff_tables() == before, "a rejected file changed the staff tables"
    return result


def staff_row(code, **values) -> dict:
    """A staff sheet row by column name: Nguyễn Văn Nam, born 15/06/1985, male, CC, in A
    (000.00.01.H17) of the persona tree; ``values`` add or replace columns."""
    row = {
        "employee_code": code,
        "full_name": "Nguyễn Văn Nam",
        "date_of_birth": "15/06/1985",
        "sex": "Nam",
        "category": "CC",
        "organization_code": "000.00.01.H17",
    }
    row.update(values)
    return row


def staff_sheet(*people, extra=()) -> list[list]:
    """``staff_row`` dicts as a sheet: the STAFF_SHEET_BASE columns and ``extra``, then a line each."""
    header = [*STAFF_SHEET_BASE, *extra]
    return [header] + [[p.get(h, "") for h in header] for p in people]


def import_staff(*people, extra=(), **kwargs):
    return run_sheet("staff", staff_sheet(*people, extra=extra), **kwargs)


def import_staff_rejected(*people, extra=(), **kwargs):
    return run_sheet_rejected("staff", staff_sheet(*people, extra=extra), **kwargs)


def staff_by_code(code) -> Staff:
    return Staff.objects.select_related("organization", "rank").get(employee_code=code)


def held_positions(code, *, open_only=True) -> list[tuple]:
    """(position code, kind, FTE, start date) of a person's assignments, the open ones unless told."""
    qs = Assignment.objects.filter(staff__employee_code=code)
    if open_only:
        qs = qs.filter(end_date__isnull=True)
    return sorted((a.position.code, a.kind, a.fte, a.start_date) for a in qs.select_related("position"))


def make_sheet_positions(tree) -> dict:
    """Positions: VT01, KT01, LD01 in A; TC01 in A1; KT01 in B (a code A has too); keyed by
    code, B's as "B:KT01"."""
    return {
        "VT01": make_position(tree.A, "VT01", "Văn thư"),
        "KT01": make_position(tree.A, "KT01", "Kế toán"),
        "LD01": make_position(tree.A, "LD01", "Giám đốc"),
        "TC01": make_position(tree.A1, "TC01", "Tổ chức"),
        "B:KT01": make_position(tree.B, "KT01", "Kế toán"),
    }


def full_staff_row(code="CB001", **values) -> list:
    """A line of every STAFF_SHEET_HEADERS column: Trần Thị Lan, VC in A at VT01, rank T01.003
    (``make_rank``), two yearly records; ``values`` (by header) replace cells."""
    row = {
        "Mã cán bộ": code,
        "Số định danh cá nhân": "048085001234",
        "Họ và tên": "Trần Thị Lan",
        "Ngày sinh": "25/03/1985",
        "Giới tính": "Nữ",
        "Loại": "VC",
        "Mã đơn vị": "000.00.01.H17",
        "Mã vị trí": "VT01",
        "Mã vị trí kiêm nhiệm": "",
        "Mã ngạch": "T01.003",
        "Bậc lương": "3",
        "Hệ số lương": "3,00",
        "Ngày tuyển dụng": "01/09/2010",
        "Số năm đóng BHXH": "15,5",
        "Xếp loại 2024": "HTTNV",
        "Xếp loại 2025": "Hoàn thành xuất sắc nhiệm vụ",
        "Nghỉ ốm 2024": "3",
        "Nghỉ ốm 2025": "",
        "Nặng nhọc, độc hại": "x",
        "Diện dôi dư": "Không",
        "Hoãn xét tinh giản": "TS",
        "Trạng thái": "",
        "Ngày nghỉ": "",
    }
    row.update(values)
    return [row[h] for h in STAFF_SHEET_HEADERS]


# --------------------------------------------------------------------------- the audit log


def make_audit_history(org_a: Organization) -> SimpleNamespace:
    """A day of work in org A of the demo data as the audit log records it (the demo is seeded
    without a log): hr_a edits a draft description (a sentence and a task added) and a person;
    orgadmin_a approves a description submitted by a unit below A and imports A's staff with two
    names changed. Returns the description, the person and the import job."""
    from auditlog.context import set_actor

    from imports.exporting import export_bytes
    from imports.models import ImportJob
    from positions import services

    users = get_user_model().objects.in_bulk(["hr_a", "orgadmin_a"], field_name="username")
    hr, admin = users["hr_a"], users["orgadmin_a"]
    with set_actor(hr):
        draft = PositionDescription.objects.filter(status=DescriptionStatus.DRAFT, position__organization=org_a).first()
        content = services.content_of(draft)
        content.fields["objective"] = content.fields["objective"].replace("</p>", " và theo dõi việc thực hiện.</p>", 1)
        content.tasks.append(
            {"task": "<p>Theo dõi, tổng hợp báo cáo định kỳ</p>", "outputs": "<p>Báo cáo quý</p>", "criteria": ""}
        )
        services.save_draft(description=draft, user=hr, expected_lock_version=draft.lock_version, content=content)
        person = Staff.objects.filter(organization=org_a).order_by("employee_code").first()
        person.insurance_years = Decimal("12.5")
        person.heavy_work = not person.heavy_work
        person.save()
    with set_actor(admin):
        submitted = PositionDescription.objects.filter(
            status=DescriptionStatus.SUBMITTED, position__organization__parent=org_a
        ).first()
        services.approve_description(description=submitted, user=admin)
    rows = list(csv.reader(io.StringIO(export_bytes(kind="staff", fmt="csv", scope_org=org_a).decode("utf-8-sig"))))
    for row in rows[1:3]:
        row[rows[0].index("Họ và tên")] += " (sửa)"
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    result = run_import(
        kind="staff", data=out.getvalue().encode(), file_name="can-bo-so-noi-vu.csv", scope_org=org_a, user=admin
    )
    assert not result.errors, result.errors
    return SimpleNamespace(description=draft, person=person, job=ImportJob.objects.get(pk=result.job_id))
