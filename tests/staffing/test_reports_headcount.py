"""The headcount reports (staffing.reports.headcount) on hand-made trees: quota against actual
(nested quotas, a division without a quota counted in its parent, excess, no quota, soon vacant),
exits by kind and year, staffing by position group (concurrent positions not counted twice), the
XLSX sheets, and query counts that do not grow with units or staff.

The persona tree (tests/conftest.py): P Đà Nẵng ⊃ A Sở Nội vụ ⊃ A1, A2, A3; B Sở Tài chính. Working
civil servants (CC): An, Bình in A; Dung, Em, Giang in A1; Hải in B; Cường in A retired on
1/7/2025."""

import datetime as dt
import itertools

import pytest

from portal.models import Organization, OrgKind
from positions.models import Subgroup
from staffing.models import AssignmentKind, Sex, Staff, StaffCategory, StaffStatus
from staffing.reports import headcount, headcount_exports
from tests.builders import make_assignment, make_org, make_position, make_quota, make_staff, position_group

pytestmark = pytest.mark.django_db

AS_OF = dt.date(2025, 6, 30)


def cells(report):
    """``{(unit code, category): cell}``."""
    return {(row.unit.code, cell.category): cell for row in report.rows for cell in row.cells}


def codes(report):
    return [row.unit.code for row in report.rows]


# --------------------------------------------------------------------------- quota against actual


def test_a_quota_covers_the_holders_subtree_and_a_division_without_one_counts_in_its_parent(tree):
    make_quota(tree.A, 10)
    make_quota(tree.A1, 4)
    make_staff(tree.A2, "Ngô Văn Khoa")
    make_staff(tree.A2, "Lý Thị Lan")
    report = headcount.quota_vs_actual(org=tree.A, as_of=AS_OF)
    assert report.year == 2025 and report.years == [2025]
    # A2 holds no quota: its two people are in A's count, and A2 has no row of its own.
    assert codes(report) == [tree.A.code, tree.A1.code]
    a, a1 = cells(report)[(tree.A.code, "CBCC")], cells(report)[(tree.A1.code, "CBCC")]
    # A: An, Bình + A1's three + A2's two; the retired Cường is not counted.
    assert (a.assigned, a.actual, a.vacancy, a.state) == (10, 7, 3, "vacant")
    assert (a1.assigned, a1.actual, a1.vacancy, a1.state) == (4, 3, 1, "vacant")
    assert a.decision == headcount.Decision("01/QĐ", dt.date(2024, 12, 20), "UBND thành phố")
    assert report.rows[1].unit.level == 1 and report.rows[0].unit.level == 0


def test_more_staff_than_the_quota_is_an_excess(tree):
    make_quota(tree.A, 10)
    make_quota(tree.A3, 1)
    make_staff(tree.A3, "Ngô Văn Khoa")
    make_staff(tree.A3, "Lý Thị Lan")
    a3 = cells(headcount.quota_vs_actual(org=tree.A, as_of=AS_OF))[(tree.A3.code, "CBCC")]
    assert (a3.assigned, a3.actual, a3.vacancy, a3.excess, a3.state) == (1, 2, -1, 1, "excess")
    make_quota(tree.A1, 3)
    a1 = cells(headcount.quota_vs_actual(org=tree.A, as_of=AS_OF))[(tree.A1.code, "CBCC")]
    assert (a1.vacancy, a1.excess, a1.state) == (0, 0, "full")


def test_no_quota_is_chua_giao_bien_che_never_a_division(tree):
    report = headcount.quota_vs_actual(org=tree.P, as_of=AS_OF)
    assert not report.has_quota
    # Every unit whose own people no quota covers is shown, each with its subtree's count.
    assert codes(report) == [tree.P.code, tree.A.code, tree.A1.code, tree.B.code]
    got = {k: (c.assigned, c.actual, c.vacancy, c.state) for k, c in cells(report).items()}
    assert got == {
        (tree.P.code, "CBCC"): (None, 6, None, "none"),
        (tree.A.code, "CBCC"): (None, 5, None, "none"),
        (tree.A1.code, "CBCC"): (None, 3, None, "none"),
        (tree.B.code, "CBCC"): (None, 1, None, "none"),
    }
    # A unit with neither a quota nor anyone working still gets its row.
    empty = headcount.quota_vs_actual(org=tree.A2, as_of=AS_OF)
    assert [(r.unit.code, r.cells, r.assigned) for r in empty.rows] == [(tree.A2.code, [], None)]
    sheet = headcount_exports.quota_sheets(empty)[0]
    assert list(sheet.rows)[0][4] == "chưa giao biên chế"


def test_a_holder_below_an_uncovered_root(tree):
    make_quota(tree.A, 8)
    report = headcount.quota_vs_actual(org=tree.P, as_of=AS_OF)
    assert codes(report) == [tree.P.code, tree.A.code, tree.B.code]
    got = cells(report)
    assert (got[(tree.P.code, "CBCC")].assigned, got[(tree.P.code, "CBCC")].actual) == (None, 6)
    assert (got[(tree.A.code, "CBCC")].assigned, got[(tree.A.code, "CBCC")].actual) == (8, 5)
    assert (got[(tree.B.code, "CBCC")].assigned, got[(tree.B.code, "CBCC")].actual) == (None, 1)


def test_staff_categories_count_against_their_quota_category(tree):
    make_quota(tree.A, 10)
    make_quota(tree.A, 5, category="VC")
    make_quota(tree.A1, 2, category="VC")
    make_staff(tree.A1, "Ngô Văn Khoa", category=StaffCategory.VC)
    make_staff(tree.A1, "Lý Thị Lan", category=StaffCategory.VCTC)
    make_staff(tree.A, "Đỗ Văn Minh", category=StaffCategory.CB)
    make_staff(tree.A, "Hà Thị Nga", category=StaffCategory.HD)
    got = cells(headcount.quota_vs_actual(org=tree.A, as_of=AS_OF))
    assert got[(tree.A.code, "CBCC")].actual == 6  # 5 CC + 1 CB
    assert (got[(tree.A.code, "VC")].assigned, got[(tree.A.code, "VC")].actual) == (5, 1)
    assert (got[(tree.A1.code, "VC")].assigned, got[(tree.A1.code, "VC")].actual) == (2, 1)
    # VCTC and HD: no quota anywhere in A's subtree; A (the report's root) says so, A1 too for
    # its own viên chức tự bảo đảm chi.
    assert (got[(tree.A.code, "VCTC")].assigned, got[(tree.A.code, "VCTC")].actual) == (None, 1)
    assert (got[(tree.A1.code, "VCTC")].assigned, got[(tree.A1.code, "VCTC")].actual) == (None, 1)
    assert (got[(tree.A.code, "HD")].assigned, got[(tree.A.code, "HD")].actual) == (None, 1)
    # A1's civil servants are covered by A's CBCC quota: no CBCC cell for A1.
    assert (tree.A1.code, "CBCC") not in got
    only_vc = headcount.quota_vs_actual(org=tree.A, as_of=AS_OF, category="VC")
    assert set(cells(only_vc)) == {(tree.A.code, "VC"), (tree.A1.code, "VC")}


def test_the_year_defaults_to_the_latest_not_after_the_as_of_date(tree):
    make_quota(tree.A, 12, year=2024)
    make_quota(tree.A, 10, year=2025)
    assert headcount.quota_vs_actual(org=tree.A, as_of=dt.date(2025, 1, 1)).year == 2025
    old = headcount.quota_vs_actual(org=tree.A, as_of=dt.date(2024, 12, 31))
    assert old.year == 2024 and cells(old)[(tree.A.code, "CBCC")].assigned == 12
    assert headcount.quota_vs_actual(org=tree.A, as_of=dt.date(2023, 5, 1)).year == 2023
    other = headcount.quota_vs_actual(org=tree.A, as_of=AS_OF, year=2019)
    assert not other.has_quota
    assert other.messages == ["Năm 2019 chưa có biên chế được giao trong Sở Nội vụ; các năm có: 2024, 2025."]


def test_soon_vacant_counts_retirements_in_the_next_12_months(tree):
    make_quota(tree.A, 10)
    make_quota(tree.A1, 6)
    # Men born in March 1965 retire at 61 years 6 months: on 30/09/2026 (Decree 135).
    make_staff(tree.A1, "Ngô Văn Khoa", sex=Sex.MALE, date_of_birth=dt.date(1965, 3, 10))
    # Women born in 1970 (year only: January) retire at 57 years 4 months: on 31/05/2027.
    make_staff(tree.A, "Lý Thị Lan", sex=Sex.FEMALE, date_of_birth=dt.date(1970, 1, 1), birth_year_only=True)
    got = cells(headcount.quota_vs_actual(org=tree.A, as_of=dt.date(2025, 10, 1)))
    assert (got[(tree.A.code, "CBCC")].soon_vacant, got[(tree.A1.code, "CBCC")].soon_vacant) == (1, 1)
    later = headcount.quota_vs_actual(org=tree.A, as_of=dt.date(2026, 9, 30), year=2025)
    assert cells(later)[(tree.A.code, "CBCC")].soon_vacant == 2  # both: 30/09/2026 (that day) and 31/05/2027
    after = headcount.quota_vs_actual(org=tree.A, as_of=dt.date(2026, 10, 1), year=2025)
    assert cells(after)[(tree.A1.code, "CBCC")].soon_vacant == 0
    assert after.retirement_code == "ND135-2020"


def test_without_a_retirement_rule_soon_vacant_is_unknown_with_a_message(tree):
    make_quota(tree.A, 10, year=2020)
    report = headcount.quota_vs_actual(org=tree.A, as_of=dt.date(2020, 6, 30))
    assert report.retirement_code is None
    assert cells(report)[(tree.A.code, "CBCC")].soon_vacant is None
    assert report.messages == [
        "Không có quy định tuổi nghỉ hưu có hiệu lực ngày 30/06/2020. Quy định tuổi nghỉ hưu hiện có: "
        "ND135-2020 (từ 01/01/2021)."
    ]


def test_the_chart_compares_the_holders_the_quota_is_shared_out_to(tree):
    make_quota(tree.A, 10)
    make_quota(tree.A, 4, category="VC")
    make_staff(tree.A, "Đỗ Văn Minh", category=StaffCategory.HD)  # no HD quota: not in the bars
    alone = headcount.quota_vs_actual(org=tree.A, as_of=AS_OF)
    chart = headcount.quota_chart(alone)
    assert chart["type"] == "bar" and chart["options"]["indexAxis"] == "y"
    # A shares nothing out: its own bars (quotas 10 + 4 against 5 CBCC + 0 VC).
    assert chart["data"]["labels"] == ["Sở Nội vụ"]
    assert [d["data"] for d in chart["data"]["datasets"]] == [[14], [5]]
    make_quota(tree.A1, 4)
    make_quota(tree.A3, 1)
    # P holds nothing; A, and A1 and A3 below it: the bars are A's alone (A1 and A3 are inside A).
    assert headcount.quota_chart(headcount.quota_vs_actual(org=tree.P, as_of=AS_OF))["data"]["labels"] == ["Sở Nội vụ"]
    shared = headcount.quota_vs_actual(org=tree.A, as_of=AS_OF)
    chart = headcount.quota_chart(shared)
    assert chart["data"]["labels"] == ["Phòng Tổ chức, biên chế", "Phường Hải Châu"]
    assert [d["data"] for d in chart["data"]["datasets"]] == [[4, 1], [3, 0]]
    assert headcount.chart_size(shared) == "sm"
    assert headcount.quota_chart(headcount.quota_vs_actual(org=tree.B, as_of=AS_OF))["data"]["labels"] == []


# --------------------------------------------------------------------------- exits by kind


@pytest.fixture
def exits(tree):
    """Exits in A1 of every kind over 2021–2026, one in B (outside A) and a working person."""

    def leave(org, status, day, category=StaffCategory.CC):
        return make_staff(org, f"Người {status} {day}", status=status, exit_date=day, category=category)

    leave(tree.A1, StaffStatus.DECEASED, dt.date(2022, 3, 1))
    leave(tree.A1, StaffStatus.RETIRED, dt.date(2023, 5, 31))
    leave(tree.A1, StaffStatus.RESIGNED, dt.date(2024, 1, 15))
    leave(tree.A1, StaffStatus.TRANSFERRED, dt.date(2024, 12, 31), category=StaffCategory.VC)
    leave(tree.A3, StaffStatus.STREAMLINED, dt.date(2026, 1, 1))
    leave(tree.A1, StaffStatus.RESIGNED, dt.date(2021, 12, 31))  # before the period
    leave(tree.B, StaffStatus.RESIGNED, dt.date(2024, 6, 1))  # outside A


def test_exits_by_kind_and_year_per_unit(tree, exits):
    report = headcount.exits_by_kind(org=tree.A, as_of=dt.date(2024, 6, 1))
    # The period of the reduction rule set in force (Conclusion 40: 2022–2026).
    assert (report.year_from, report.year_to, report.rule_set.code) == (2022, 2026, "KL40-2022")
    assert report.years == [2022, 2023, 2024, 2025, 2026]
    assert [k for k, _label in report.kinds] == ["NH", "TV", "CCT", "TGBC", "CHET"]
    # By year, whole subtree: Cường (A, retired 1/7/2025) is A's own.
    assert [(y.year, y.by_kind, y.total) for y in report.year_rows] == [
        (2022, [0, 0, 0, 0, 1], 1),
        (2023, [1, 0, 0, 0, 0], 1),
        (2024, [0, 1, 1, 0, 0], 2),
        (2025, [1, 0, 0, 0, 0], 1),
        (2026, [0, 0, 0, 1, 0], 1),
    ]
    assert (report.total.by_kind, report.total.total) == ([2, 1, 1, 1, 1], 6)
    # By unit: A's own staff first, then each unit below A (A1, A2, A3), zeros included.
    rows = {r.unit.code: r for r in report.rows}
    assert [r.unit.code for r in report.rows] == [tree.A.code, tree.A1.code, tree.A2.code, tree.A3.code]
    assert report.rows[0].own and not report.rows[1].own
    assert (rows[tree.A.code].by_kind, rows[tree.A.code].by_year) == ([1, 0, 0, 0, 0], [0, 0, 0, 1, 0])
    assert (rows[tree.A1.code].by_kind, rows[tree.A1.code].total) == ([1, 1, 1, 0, 1], 4)
    assert rows[tree.A2.code].total == 0
    assert rows[tree.A3.code].by_year == [0, 0, 0, 0, 1]


def test_exits_of_a_chosen_period_and_category(tree, exits):
    report = headcount.exits_by_kind(org=tree.P, as_of=AS_OF, year_from=2021, year_to=2024)
    assert report.rule_set is None  # the user's own period
    assert [r.unit.code for r in report.rows] == [tree.P.code, tree.A.code, tree.B.code]
    assert report.total.by_year == [1, 1, 1, 3]
    assert {r.unit.code: r.total for r in report.rows} == {tree.P.code: 0, tree.A.code: 5, tree.B.code: 1}
    vc = headcount.exits_by_kind(org=tree.A, as_of=AS_OF, category="VC")
    assert (vc.total.total, vc.total.by_kind) == (1, [0, 0, 1, 0, 0])
    same = headcount.exits_by_kind(org=tree.A, as_of=AS_OF, year_from=2022, year_to=2026)
    assert same.rule_set.code == "KL40-2022"  # the rule set's own period, typed in


def test_without_a_rule_set_the_period_is_the_last_five_years(tree):
    report = headcount.exits_by_kind(org=tree.A, as_of=dt.date(2014, 5, 1))
    assert (report.year_from, report.year_to, report.rule_set) == (2010, 2014, None)
    assert "01/05/2014" in report.messages[0]


def test_exit_sheets(tree, exits):
    by_year, by_unit = headcount_exports.exit_sheets(headcount.exits_by_kind(org=tree.A, as_of=dt.date(2024, 6, 1)))
    assert by_year.title == "Theo năm" and by_unit.title == "Theo đơn vị"
    assert "Giai đoạn: 2022–2026 (theo KL40-2022, 40-KL/TW)" in by_year.lines
    assert "Tính đến ngày: 01/06/2024" in by_unit.lines
    assert [h for h, _w in by_year.headers] == [
        "Năm",
        "Nghỉ hưu",
        "Thôi việc",
        "Chuyển công tác",
        "Tinh giản biên chế",
        "Từ trần",
        "Cộng",
    ]
    assert list(by_year.rows)[-1] == ["Cộng", 2, 1, 1, 1, 1, 6]
    rows = list(by_unit.rows)
    assert rows[0][:3] == [1, tree.A.code, "Sở Nội vụ (trực tiếp)"]
    assert rows[-1] == [None, None, "Tổng cộng", 2, 1, 1, 1, 1, 6, 1, 1, 2, 1, 1]


# --------------------------------------------------------------------------- staffing by group


@pytest.fixture
def groups(tree, by_name):
    """Positions of each group, everyone's primary position, one concurrent post."""
    ldql, cmnv, htpv = position_group("LDQL"), position_group("CMNV"), position_group("HTPV")
    director = make_position(tree.A, "GD", "Giám đốc", group=ldql)
    sector = make_position(tree.A1, "CN1", "Chuyên viên tổ chức", group=cmnv, subgroup=Subgroup.CN)
    common = make_position(tree.A1, "DC1", "Văn thư", group=cmnv, subgroup=Subgroup.DC)
    driver = make_position(tree.A2, "LX", "Lái xe", group=htpv)
    make_assignment(by_name["An"], director)
    make_assignment(by_name["An"], common, kind=AssignmentKind.CONCURRENT, fte="0.2")  # not counted again
    make_assignment(by_name["Dung"], sector)
    make_assignment(by_name["Em"], sector)
    make_assignment(by_name["Giang"], common, end=dt.date(2025, 1, 31))  # ended: no position now
    make_assignment(by_name["Giang"], sector, start=dt.date(2025, 3, 1))  # the current one
    # Bình has no position; a contract driver in A2.
    make_assignment(make_staff(tree.A2, "Tạ Văn Oanh", category=StaffCategory.HD), driver)
    make_quota(tree.A, 10)
    make_quota(tree.A, 2, category="HD")
    return SimpleGroups(director=director, sector=sector, common=common)


class SimpleGroups:
    def __init__(self, **kw):
        self.__dict__.update(kw)


def test_people_by_the_group_of_their_current_primary_position(tree, groups):
    report = headcount.staffing_by_group(org=tree.A, as_of=AS_OF)
    assert [c.key for c in report.columns] == ["LDQL", "CMNV-CN", "CMNV-DC", "HTPV", ""]
    assert [c.label for c in report.columns][-1] == "Chưa bố trí vị trí"
    got = cells(report)
    # CBCC: An (LDQL, his concurrent post ignored), Dung, Em, Giang (CN), Bình (no position).
    cbcc = got[(tree.A.code, "CBCC")]
    assert (cbcc.assigned, cbcc.actual, cbcc.group_counts) == (10, 5, [1, 3, 0, 0, 1])
    hd = got[(tree.A.code, "HD")]
    assert (hd.assigned, hd.actual, hd.group_counts) == (2, 1, [0, 0, 0, 1, 0])
    row = report.rows[0]
    assert (row.assigned, row.actual, row.group_counts) == (12, 6, [1, 3, 0, 1, 1])
    # On 15/01/2025 Giang still held the common post (dùng chung).
    before = cells(headcount.staffing_by_group(org=tree.A, as_of=dt.date(2025, 1, 15)))
    assert before[(tree.A.code, "CBCC")].group_counts == [1, 2, 1, 0, 1]


def test_a_group_without_its_subgroup_gets_its_own_column(tree, by_name, groups):
    loose = make_position(tree.A, "CV", "Chuyên viên", group=position_group("CMNV"))
    make_assignment(by_name["Bình"], loose)
    report = headcount.staffing_by_group(org=tree.A, as_of=AS_OF)
    assert [c.key for c in report.columns] == ["LDQL", "CMNV-CN", "CMNV-DC", "HTPV", "CMNV", ""]
    assert report.columns[4].label == "Chuyên môn, nghiệp vụ (chưa rõ nhóm phụ)"
    assert cells(report)[(tree.A.code, "CBCC")].group_counts == [1, 3, 0, 0, 1, 0]


def test_group_sheet_rows_and_totals(tree, groups):
    make_quota(tree.A1, 4)
    sheet = headcount_exports.group_sheets(headcount.staffing_by_group(org=tree.A, as_of=AS_OF))[0]
    rows = list(sheet.rows)
    assert [h for h, _w in sheet.headers][:6] == [
        "STT",
        "Mã đơn vị",
        "Đơn vị",
        "Loại biên chế",
        "Biên chế được giao",
        "Có mặt",
    ]
    assert rows == [
        [1, tree.A.code, "Sở Nội vụ", "Cán bộ, công chức", 10, 5, 1, 3, 0, 0, 1],
        [1, tree.A.code, "Sở Nội vụ", "Hợp đồng lao động", 2, 1, 0, 0, 0, 1, 0],
        [1, tree.A.code, "Sở Nội vụ", "Cộng", 12, 6, 1, 3, 0, 1, 1],
        [2, tree.A1.code, "    Phòng Tổ chức, biên chế", "Cán bộ, công chức", 4, 3, 0, 3, 0, 0, 0],
    ]
    assert sheet.bold_rows == {2}


def test_quota_sheet_rows(tree):
    make_quota(tree.A, 10)
    make_quota(tree.A3, 1)
    make_staff(tree.A3, "Ngô Văn Khoa")
    make_staff(tree.A3, "Lý Thị Lan")
    sheet = headcount_exports.quota_sheets(headcount.quota_vs_actual(org=tree.A, as_of=AS_OF))[0]
    assert sheet.lines[:5] == [
        "BIÊN CHẾ ĐƯỢC GIAO SO VỚI THỰC CÓ",
        f"Đơn vị: Sở Nội vụ ({tree.A.code})",
        "Năm biên chế: 2025",
        "Loại biên chế: Tất cả các loại",
        "Tính đến ngày: 30/06/2025",
    ]
    assert list(sheet.rows) == [
        [
            1,
            tree.A.code,
            "Sở Nội vụ",
            "Cán bộ, công chức",
            10,
            "01/QĐ",
            dt.date(2024, 12, 20),
            "UBND thành phố",
            7,
            3,
            0,
        ],
        [
            2,
            tree.A3.code,
            "    Phường Hải Châu",
            "Cán bộ, công chức",
            1,
            "01/QĐ",
            dt.date(2024, 12, 20),
            "UBND thành phố",
            2,
            -1,
            0,
        ],
    ]


# --------------------------------------------------------------------------- query counts


_codes = itertools.count(1)


def build_tree(units: int, people: int) -> Organization:
    """A root and ``units - 1`` units below it (half of them with a division below), every other
    one with quotas; ``people`` working staff spread over them with a primary position each, and
    as many exits."""
    n = next(_codes)
    root = make_org(f"900.00.{n:02d}.Z99", f"Tỉnh thử {n}", OrgKind.TINH)
    orgs = [root]
    for i in range(1, units):
        parent = orgs[i // 2] if i % 2 == 0 else root
        orgs.append(make_org(f"9{i:02d}.{n:02d}.01.Z99", f"Đơn vị {n}-{i}", OrgKind.SO, parent=parent))
    for org in orgs[::2]:
        make_quota(org, 50)
        make_quota(org, 20, category="VC")
    group = position_group("CMNV")
    positions = {org.pk: make_position(org, "VT", "Chuyên viên", group=group, subgroup=Subgroup.DC) for org in orgs}
    cats = list(StaffCategory.values)
    staff = Staff.objects.bulk_create(
        Staff(
            employee_code=f"Q{n:02d}{i:05d}",
            full_name=f"Người {i}",
            search_key=f"nguoi {i}",
            date_of_birth=dt.date(1960 + i % 40, 1 + i % 12, 1),
            sex=Sex.MALE if i % 2 else Sex.FEMALE,
            category=cats[i % len(cats)],
            organization=orgs[i % len(orgs)],
            status=StaffStatus.WORKING,
        )
        for i in range(people)
    )
    for s in staff:
        make_assignment(s, positions[s.organization_id])
    Staff.objects.bulk_create(
        Staff(
            employee_code=f"X{n:02d}{i:05d}",
            full_name=f"Đã nghỉ {i}",
            search_key=f"da nghi {i}",
            date_of_birth=dt.date(1960, 1, 1),
            sex=Sex.MALE,
            category=StaffCategory.CC,
            organization=orgs[i % len(orgs)],
            status=headcount.EXIT_KINDS[i % 5],
            exit_date=dt.date(2022 + i % 5, 6, 1),
        )
        for i in range(people)
    )
    return root


# years, staff by unit, quotas, the retirement rule (its code, then the forecast's lookup), people
# near retirement (staffing.reports.forecast.soon_vacant)
QUOTA_QUERIES = 6
# reduction rule sets (with their targets), the units below, the exits
EXIT_QUERIES = 4
# years, staff by unit and group, quotas
GROUP_QUERIES = 3


@pytest.mark.parametrize(("units", "people"), [(3, 10), (30, 300)])
def test_query_counts_do_not_grow_with_units_or_staff(django_assert_num_queries, units, people):
    root = build_tree(units, people)
    as_of = dt.date(2025, 6, 30)
    with django_assert_num_queries(QUOTA_QUERIES):
        quotas = headcount.quota_vs_actual(org=root, as_of=as_of)
        headcount_exports.quota_sheets(quotas)
        headcount.quota_chart(quotas)
    assert quotas.rows[0].cells[0].actual == sum(1 for i in range(people) if i % 5 in (0, 1))  # CB, CC
    with django_assert_num_queries(EXIT_QUERIES):
        exits = headcount.exits_by_kind(org=root, as_of=as_of)
        headcount_exports.exit_sheets(exits)
    assert exits.total.total == people
    with django_assert_num_queries(GROUP_QUERIES):
        groups = headcount.staffing_by_group(org=root, as_of=as_of)
        headcount_exports.group_sheets(groups)
    assert sum(r.group_counts[2] for r in groups.rows if r.unit.level == 0) == people
