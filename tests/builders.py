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
from staffing import benefits
from staffing.candidates import Person, SickLeaveMaximum, StreamliningRules
from staffing.models import (
    AnnualRecord,
    Assignment,
    AssignmentKind,
    Quota,
    Sex,
    Staff,
    StaffCategory,
    StaffStatus,
    StreamliningDecision,
    StreamliningExclusion,
)

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


def editor_post(description, *, tasks, levels=None, lock=None, base="", extra=None, **fields):
    """POST data of the editor: ``tasks`` as (task, outputs, criteria, ORDER, DELETE) tuples in
    form-index order."""
    data = {
        "lock_version": description.lock_version if lock is None else lock,
        "base": base,
        "tasks-TOTAL_FORMS": len(tasks),
        "tasks-INITIAL_FORMS": 0,
        "tasks-MIN_NUM_FORMS": 0,
        "tasks-MAX_NUM_FORMS": 1000,
        "objective": "",
        **fields,
    }
    for i, (task, outputs, criteria, order, delete) in enumerate(tasks):
        data |= {f"tasks-{i}-task": task, f"tasks-{i}-outputs": outputs, f"tasks-{i}-criteria": criteria}
        data[f"tasks-{i}-ORDER"] = order
        if delete:
            data[f"tasks-{i}-DELETE"] = "True"
    for competency, level in (levels or {}).items():
        data[f"c{competency.pk}"] = level
    return data | (extra or {})


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


# The columns of issue 9 (training, allowances): optional, so a file with only STAFF_SHEET_HEADERS
# (the format before them) still imports and leaves them untouched.
STAFF_SHEET_STREAMLINING = [
    "Hệ số phụ cấp chức vụ lãnh đạo",
    "Hệ số phụ cấp khác",
    "Phụ cấp thâm niên vượt khung (%)",
    "Phụ cấp khác theo tỷ lệ (%)",
    "Trình độ đào tạo",
    "Chuyên ngành đào tạo",
]
# The export's columns besides the year columns, in order.
STAFF_EXPORT_HEADERS = [
    *STAFF_SHEET_HEADERS[:12],
    *STAFF_SHEET_STREAMLINING[:4],
    *STAFF_SHEET_HEADERS[12:14],
    *STAFF_SHEET_STREAMLINING[4:],
    *STAFF_SHEET_HEADERS[18:],
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


# --------------------------------------------------------------------------- streamlining (pure rule sets)
# The seeded values of staffing 0010 as the dataclasses of staffing.benefits and staffing.candidates
# (tests/staffing/test_rulesets_streamlining.py checks the seeded rows load to exactly these), and a
# person of staffing.candidates.

ND154_PARAMETERS = {
    "early_months_min": Decimal(24),
    "early_months_max": Decimal(60),
    "min_insurance_years": Decimal(15),
    "period_cap_months": Decimal(60),
    "odd_months_half_max": Decimal(6),
    "per_year_early": Decimal(5),
    "insurance_base_years": Decimal(20),
    "insurance_base": Decimal(5),
    "insurance_extra": Decimal("0.5"),
    "insurance_short_years": Decimal(15),
    "insurance_short": Decimal(5),
    "insurance_short_extra": Decimal(0),
    "resignation_base": Decimal(3),
    "resignation_per_year": Decimal("1.5"),
    "short_early_per_month": Decimal(0),
}
ND178_PARAMETERS = {
    **ND154_PARAMETERS,
    "insurance_short": Decimal(4),
    "insurance_short_extra": Decimal("0.5"),
    "monthly_split_months": Decimal(12),
    "early_monthly": Decimal(1),
    "early_monthly_late": Decimal("0.5"),
    "long_early_months_max": Decimal(120),
    "long_monthly": Decimal("0.9"),
    "long_monthly_late": Decimal("0.45"),
    "long_monthly_months": Decimal(60),
    "long_per_year_early": Decimal(4),
    "resignation_monthly": Decimal("0.8"),
    "resignation_monthly_late": Decimal("0.4"),
}

ND154 = benefits.BenefitRegime(
    code="ND154-2025",
    formula=benefits.FORMULA_ND154,
    parameters=ND154_PARAMETERS,
    effective_from=datetime.date(2025, 6, 16),
    effective_to=datetime.date(2030, 12, 31),
    unverified=frozenset({"odd_months_half_max", "short_early_per_month"}),
)
ND178 = benefits.BenefitRegime(
    code="ND178-2024",
    formula=benefits.FORMULA_ND178,
    parameters=ND178_PARAMETERS,
    effective_from=datetime.date(2025, 1, 1),
    effective_to=datetime.date(2025, 12, 31),
    unverified=frozenset(
        {"min_insurance_years", "insurance_short_years", "insurance_short", "insurance_short_extra"}
        | {"short_early_per_month"}
    ),
)

SICK_LEAVE = tuple(
    SickLeaveMaximum(Decimal(low), Decimal(high) if high is not None else None, heavy, days)
    for heavy, low, high, days in [
        (False, "0", "15", 30),
        (False, "15", "30", 40),
        (False, "30", None, 60),
        (True, "0", "15", 40),
        (True, "15", "30", 50),
        (True, "30", None, 70),
    ]
)

RULES = StreamliningRules(
    code="ND154-2025",
    period_from=2025,
    period_to=2030,
    regime=ND154,
    sick_leave=SICK_LEAVE,
    years_before=1,
    sick_leave_basis="LUAT41-2024",
)


def person(**fields) -> Person:
    """A working man, CB001 Nguyễn Văn An, born 17/05/1970, coefficient 4.00, 18 insured years,
    no case; ``fields`` replace any of these."""
    values = {
        "employee_code": "CB001",
        "full_name": "Nguyễn Văn An",
        "date_of_birth": datetime.date(1970, 5, 17),
        "sex": "M",
        "category": "CC",
        "org_code": "000.00.01.H17",
        "org_name": "Sở Nội vụ",
        "unit_code": "000.00.01.H17",
        "unit_name": "Sở Nội vụ",
        "salary_coefficient": Decimal("4.00"),
        "insurance_years": Decimal(18),
    }
    values.update(fields)
    return Person(**values)


# --------------------------------------------------------------------------- streamlining (database)
# The candidate list's people on the persona tree (tests/staffing/test_reports_candidates.py,
# test_commands_streamlining_candidates.py), for the review year 2026.


def make_annual_record(staff, year, rating="", sick_days=None) -> AnnualRecord:
    return AnnualRecord.objects.create(staff=staff, year=year, rating=rating, sick_days=sick_days)


def make_streamlining_world(tree, people) -> dict:
    """CB001 (A1) the command's example: g and h; CB002 (A) redundant, deferred TS; CB003 (A2)
    Cao đẳng in a post requiring Đại học (e) with no salary coefficient; CB004 (A) case d decided
    by admin_a; CB005 (A1) redundant, excluded by hr_a; CB006 (A) 45 sick days in 2025 and no
    insured years (h undecided); CB007 (A) rated KHTNV in 2024 only (not a case); CB008 (A)
    retired, redundant; CB009 (B) redundant."""
    s = {}
    s[1] = make_staff(
        tree.A1,
        "Nguyễn Văn Một",
        employee_code="CB001",
        date_of_birth=datetime.date(1967, 4, 10),
        salary_coefficient=Decimal("5.50"),
        insurance_years=Decimal(26),
    )
    make_annual_record(s[1], 2025, "KHTNV", 3)
    make_annual_record(s[1], 2026, "HTNV", 45)
    s[2] = make_staff(
        tree.A,
        "Trần Thị Hai",
        employee_code="CB002",
        sex="F",
        date_of_birth=datetime.date(1990, 2, 1),
        redundant=True,
        deferral="TS",
        salary_coefficient=Decimal("3.00"),
        insurance_years=Decimal(10),
    )
    s[3] = make_staff(tree.A2, "Lê Văn Ba", employee_code="CB003", training_level="CD", insurance_years=Decimal(12))
    post = make_position(tree.A2, "VT01", "Chuyên viên văn thư", required_training_level="DH")
    make_assignment(s[3], post)
    s[4] = make_staff(
        tree.A, "Phạm Văn Bốn", employee_code="CB004", salary_coefficient=Decimal("4.00"), insurance_years=Decimal(20)
    )
    StreamliningDecision.objects.create(
        staff=s[4], year=2026, case="d", note="Quyết định 12/QĐ-SNV rà soát nhân sự", decided_by=people.admin_a
    )
    s[5] = make_staff(
        tree.A1,
        "Hoàng Văn Năm",
        employee_code="CB005",
        redundant=True,
        salary_coefficient=Decimal("3.33"),
        insurance_years=Decimal(8),
    )
    StreamliningExclusion.objects.create(
        staff=s[5], year=2026, reason="Đã điều động sang đơn vị khác", excluded_by=people.hr_a
    )
    s[6] = make_staff(tree.A, "Đỗ Thị Sáu", employee_code="CB006", sex="F", salary_coefficient=Decimal("2.34"))
    make_annual_record(s[6], 2025, "HTTNV", 35)
    s[7] = make_staff(tree.A, "Vũ Văn Bảy", employee_code="CB007", insurance_years=Decimal(5))
    make_annual_record(s[7], 2024, "KHTNV")
    s[8] = make_staff(tree.A, "Đinh Văn Tám", employee_code="CB008", status=StaffStatus.RETIRED, redundant=True)
    s[9] = make_staff(tree.B, "Mai Văn Chín", employee_code="CB009", redundant=True, insurance_years=Decimal(20))
    make_annual_record(s[9], 2026, "KHTNV")
    return s


# --------------------------------------------------------------------------- streamlining pages (issue 9)

STREAMLINING_YEAR = 2026
STREAMLINING_AS_OF = datetime.date(2026, 11, 15)


def make_candidate_world(tree) -> dict:
    """People of the persona tree's A subtree on the 2026 list (as of 15/11/2026), by number:
    1 (A1, CL001) rated KHTNV in 2025 and 45 sick days in 2026 (g, h; early retirement, 26 insured
    years); 2 (A, CL002) redundant and on maternity leave (a, deferred); 3 (A, CL003) redundant
    (a; resignation); 4 (A, CL004) 45 sick days in 2025 and no insured years (h cannot be decided:
    "cần bổ sung dữ liệu"); 5 (A2, CL005) working, no case; 9 (B, CL009) redundant, never on A's
    list. Decisions and exclusions are left to the tests."""
    s = {
        1: make_staff(
            tree.A1,
            "Nguyễn Văn Một",
            employee_code="CL001",
            date_of_birth=datetime.date(1967, 4, 10),
            salary_coefficient=Decimal("5.50"),
            insurance_years=Decimal(26),
        ),
        2: make_staff(
            tree.A,
            "Trần Thị Hai",
            employee_code="CL002",
            sex=Sex.FEMALE,
            date_of_birth=datetime.date(1990, 2, 1),
            redundant=True,
            deferral="TS",
            salary_coefficient=Decimal("3.00"),
            insurance_years=Decimal(10),
        ),
        3: make_staff(
            tree.A,
            "Lê Văn Ba",
            employee_code="CL003",
            date_of_birth=datetime.date(1985, 3, 3),
            redundant=True,
            salary_coefficient=Decimal("3.33"),
            insurance_years=Decimal(12),
        ),
        4: make_staff(tree.A, "Đỗ Thị Bốn", employee_code="CL004", sex=Sex.FEMALE, salary_coefficient=Decimal("2.34")),
        5: make_staff(tree.A2, "Phạm Văn Năm", employee_code="CL005", insurance_years=Decimal(20)),
        9: make_staff(tree.B, "Mai Văn Chín", employee_code="CL009", redundant=True, insurance_years=Decimal(20)),
    }
    make_annual_record(s[1], 2025, "KHTNV", 3)
    make_annual_record(s[1], 2026, "HTNV", 45)
    make_annual_record(s[4], 2025, "HTTNV", 45)
    make_annual_record(s[5], 2025, "HTTNV", 2)
    make_annual_record(s[9], 2026, "KHTNV")
    return s


def make_many_candidates(tree, n: int) -> list[Staff]:
    """``n`` people over A and its three divisions, each redundant or rated KHTNV, some deferred,
    with a decision for every fifth and an exclusion for every sixth (the query-count tests)."""
    units = [tree.A, tree.A1, tree.A2, tree.A3]
    out = []
    for i in range(n):
        s = make_staff(
            units[i % 4],
            f"Người Thứ {i}",
            employee_code=f"M{n:02d}{i:03d}",
            redundant=i % 2 == 0,
            salary_coefficient=Decimal("3.00"),
            insurance_years=Decimal(10 + i % 25),
            deferral="KL" if i % 7 == 0 else "",
        )
        make_annual_record(s, 2025, "KHTNV" if i % 2 else "HTNV", i)
        if i % 5 == 0:
            StreamliningDecision.objects.create(staff=s, year=STREAMLINING_YEAR, case="c", note="Thôi giữ chức vụ")
        if i % 6 == 1:
            StreamliningExclusion.objects.create(staff=s, year=STREAMLINING_YEAR, reason="Lý do riêng")
        out.append(s)
    return out


# --------------------------------------------------------------------------- merges (issue 10)
# A merge of A1 and A2 (two divisions of A in the persona tree) into a new division of A: the
# positions, people, descriptions and quotas of tests/staffing/test_merges_*.py.

MERGE_DATE = datetime.date(2026, 9, 1)
MERGE_CODE = "000.09.01.H17"


def make_merge_world(tree, by_name) -> SimpleNamespace:
    """A1 (Dung head, Em clerk, Giang accountant) and A2 (Khoa head, Lan clerk, Minh legal officer,
    Ngọc clerk, deferred TS) each with a head of division "Trưởng phòng" (LDQL) and a clerk
    (A1 "Văn thư", A2 "VĂN THU": the same name folded); A1's clerk post has an approved v1 and a
    draft v2 of its description; A1 also has "KT01 Kế toán", A2 "PC01 Pháp chế". Quotas (CBCC):
    A 30 (2021) / 25 (2026), A1 6 / 4, A2 5 / 4, A2 3 (2027). Salary data on everyone but Minh."""
    ldql = position_group("LDQL")
    salary = {"salary_coefficient": Decimal("4.00"), "insurance_years": Decimal(20)}
    head1 = make_position(tree.A1, "LD01", "Trưởng phòng", group=ldql, headcount=1)
    clerk1 = make_position(tree.A1, "VT01", "Văn thư", headcount=1)
    accountant = make_position(tree.A1, "KT01", "Kế toán", headcount=1)
    head2 = make_position(tree.A2, "LD01", "Trưởng phòng", group=ldql, headcount=1)
    clerk2 = make_position(tree.A2, "VT02", "VĂN THU", headcount=2)
    legal = make_position(tree.A2, "PC01", "Pháp chế", headcount=1)
    make_description(clerk1, version=1, status=DescriptionStatus.APPROVED, tasks=("Vào sổ văn bản đến",))
    make_description(clerk1, version=2, tasks=("Vào sổ văn bản đến", "Lưu trữ hồ sơ"))
    make_description(legal, version=1, status=DescriptionStatus.APPROVED, tasks=("Thẩm định văn bản",))
    for name in ("Dung", "Em", "Giang"):
        for field, value in salary.items():
            setattr(by_name[name], field, value)
        by_name[name].save()
    by_name["Dung"].leadership_allowance = Decimal("0.50")
    by_name["Dung"].save()
    khoa = make_staff(tree.A2, "Trịnh Văn Khoa", leadership_allowance=Decimal("0.30"), **salary)
    lan = make_staff(tree.A2, "Bùi Thị Lan", sex="F", date_of_birth=datetime.date(1972, 3, 1), **salary)
    minh = make_staff(tree.A2, "Đỗ Văn Minh", date_of_birth=datetime.date(1966, 2, 1))  # retires 2027
    ngoc = make_staff(tree.A2, "Lý Thị Ngọc", sex="F", date_of_birth=datetime.date(1992, 4, 1), deferral="TS", **salary)
    make_assignment(by_name["Dung"], head1)
    make_assignment(by_name["Em"], clerk1)
    make_assignment(by_name["Giang"], accountant)
    make_assignment(khoa, head2)
    make_assignment(lan, clerk2)
    make_assignment(minh, legal)
    make_assignment(ngoc, clerk2, start=datetime.date(2026, 10, 1))  # starts after the merge date
    quotas = [
        make_quota(tree.A, 30, year=2021),
        make_quota(tree.A, 25, year=2026),
        make_quota(tree.A1, 6, year=2021),
        make_quota(tree.A1, 4, year=2026),
        make_quota(tree.A2, 5, year=2021),
        make_quota(tree.A2, 4, year=2026),
        make_quota(tree.A2, 3, year=2027),
    ]
    return SimpleNamespace(
        head1=head1,
        clerk1=clerk1,
        accountant=accountant,
        head2=head2,
        clerk2=clerk2,
        legal=legal,
        khoa=khoa,
        lan=lan,
        minh=minh,
        ngoc=ngoc,
        quotas=quotas,
    )


def merge_scenario_fields(tree, **fields) -> dict:
    """The fields of ``staffing.services.save_scenario`` for merging A1 and A2 into a new division
    of A from MERGE_DATE; ``fields`` replace any of them."""
    values = {
        "title": "Hợp nhất hai phòng",
        "units": [tree.A1, tree.A2],
        "new_code": MERGE_CODE,
        "new_name": "Phòng Tổ chức – Hành chính",
        "new_kind": OrgKind.PHONG,
        "new_parent": tree.A,
        "effective_date": MERGE_DATE,
        "decision_number": "15/QĐ-UBND",
        "decision_date": datetime.date(2026, 8, 20),
        "issuer": "UBND thành phố",
    }
    values.update(fields)
    return values


def live_tables() -> tuple:
    """What a merge may change, as plain values: organisations, positions, staff, assignments,
    quotas, descriptions (to check that a refused merge changed nothing)."""
    return (
        sorted(Organization.objects.values_list("code", "parent__code", "path", "valid_from", "valid_to")),
        sorted(Organization.predecessors.through.objects.values_list("from_organization_id", "to_organization_id")),
        sorted(Position.objects.values_list("pk", "organization__code", "code", "name", "headcount")),
        sorted(Staff.objects.values_list("employee_code", "organization__code", "status")),
        sorted(Assignment.objects.values_list("staff_id", "position_id", "kind", "start_date", "end_date")),
        sorted(Quota.objects.values_list("organization__code", "year", "category", "assigned")),
        sorted(PositionDescription.objects.values_list("position_id", "version", "status")),
    )


# --------------------------------------------------------------------------- organisation pages


def org_children_rows(html: str) -> dict[str, tuple[int, ...]]:
    """code -> the figures of each row of an organisation page's table of its units (its direct
    units, then each labelled counter: the working staff), as the page shows them."""
    found = {}
    for code, row in re.findall(r'<tr class="org-child" data-code="([^"]+)">(.*?)</tr>', html, flags=re.S):
        cells = re.findall(r'<td class="text-end org-child-figure">(.*?)</td>', row, flags=re.S)
        found[code] = tuple(int(re.sub(r"<[^>]+>|\D", "", cell)) for cell in cells)
    return found


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
