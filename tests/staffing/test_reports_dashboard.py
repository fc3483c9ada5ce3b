"""The headcount-reduction report (staffing.reports.dashboard): rows, nesting-aware totals and the
tree table's roll-ups, the roadmap year by year, the retirements expected in the rest of the period,
the rule set in force on the as-of date, bad input, and a query count constant in units and staff.

The persona tree: P Đà Nẵng (TINH) ⊃ A Sở Nội vụ ⊃ A1, A2, A3; P ⊃ B Sở Tài chính."""

import datetime as dt
from decimal import Decimal

import pytest

from portal.models import OrgKind
from staffing import rulesets
from staffing.models import Sex, StaffCategory, StaffStatus
from staffing.reports.dashboard import (
    ReportInputError,
    _rule_set,
    clamp_to_period,
    parse_as_of,
    reduction_report,
    report_json,
)
from staffing.reports.dashboard_exports import reduction_sheets
from staffing.rulesets import RuleSetError
from tests.builders import make_org, make_quota, make_staff

pytestmark = pytest.mark.django_db

AS_OF = dt.date(2026, 6, 30)


def quotas(org, by_year: dict[int, int], category: str = "CBCC"):
    for year, assigned in by_year.items():
        make_quota(org, assigned, year=year, category=category)


def the_contract_example(org):
    """docs/commands.md: base 120 (2021), 5 % → target 6, roadmap 2/1/1/1/1, current 116 → 4, 2."""
    quotas(org, {2021: 120, 2022: 119, 2024: 117, 2026: 116})


def test_the_contract_example(tree):
    the_contract_example(tree.A)
    report = reduction_report(org=tree.A, rule_set_code="KL40-2022", as_of=AS_OF)
    (row,) = report.rows
    assert (row.organization, row.parent, row.category) == (tree.A.code, tree.P.code, "CBCC")
    assert (row.base_assigned, row.percent, row.target) == (120, Decimal("5.00"), 6)
    assert row.roadmap == {2022: 2, 2023: 1, 2024: 1, 2025: 1, 2026: 1}
    assert (row.current_assigned, row.achieved, row.remaining) == (116, 4, 2)
    (card,) = report.summaries()
    assert card.behind and card.reason == "Chậm lộ trình: đã giảm 4/6, kế hoạch đến 2026 là 6"
    assert report.rule_set.code == "KL40-2022" and report.as_of == AS_OF


def test_the_roadmap_year_by_year_uses_the_quota_in_force_each_year(tree):
    the_contract_example(tree.A)
    report = reduction_report(org=tree.A, rule_set_code="KL40-2022", as_of=dt.date(2025, 3, 1))
    lines = report.roadmap_table("CBCC")
    assert [(y.year, y.plan, y.plan_cumulative, y.assigned, y.achieved) for y in lines] == [
        (2022, 2, 2, 119, 1),
        (2023, 1, 3, 119, 1),  # no 2023 decision: the 2022 quota is still in force
        (2024, 1, 4, 117, 3),
        (2025, 1, 5, 117, 3),
        (2026, 1, 6, None, None),  # after the as-of year
    ]
    chart = report.category_views()[0].chart
    assert chart["data"]["labels"] == ["2022", "2023", "2024", "2025", "2026"]
    assert [d["data"] for d in chart["data"]["datasets"]] == [[2, 3, 4, 5, 6], [1, 1, 3, 3, None]]
    # 2026's quota (116) is not read before 2026: the row's current quota is 2024's.
    assert report.rows[0].current_assigned == 117


def test_nested_quotas_count_once_and_roll_up_in_the_tree(tree):
    quotas(tree.A, {2021: 120, 2026: 116})
    quotas(tree.B, {2021: 100, 2026: 95})
    quotas(tree.A1, {2021: 40, 2026: 40})  # inside A's quota
    quotas(tree.A, {2021: 30, 2026: 27}, category="VC")
    report = reduction_report(org=tree.P, rule_set_code="KL40-2022", as_of=AS_OF)
    assert [(r.organization, r.category, r.top) for r in report.rows] == [
        (tree.A.code, "CBCC", True),
        (tree.A.code, "VC", True),
        (tree.B.code, "CBCC", True),
        (tree.A1.code, "CBCC", False),
    ]
    # P holds no quota: its totals are A's and B's, not A1's again.
    cbcc = report.totals["CBCC"]
    assert (cbcc.base_assigned, cbcc.target, cbcc.current_assigned, cbcc.achieved, cbcc.remaining) == (
        220,
        6 + 5,
        211,
        4 + 5,
        2 + 0,
    )
    root = report.root_line()
    (_c, cell, _by), (_v, vc, _) = root.cells
    assert (cell.own, cell.holders, cell.base_assigned, cell.remaining) == (False, 2, 220, 2)
    assert (vc.own, vc.base_assigned, vc.target, vc.achieved) == (False, 30, 3, 3)
    by_code = {line.node.code: line for line in report.children()}
    assert list(by_code) == [tree.A.code, tree.B.code]
    a_cell = by_code[tree.A.code].cells[0][1]
    assert (a_cell.own, a_cell.base_assigned, a_cell.percent) == (True, 120, Decimal("5.00"))
    # A's children: A1 has its own row, A2 and A3 have none, covered by A's quota.
    kids = {line.node.code: line for line in report.children(tree.A.code)}
    assert kids[tree.A1.code].cells[0][1].base_assigned == 40
    category, none, covered_by = kids[tree.A2.code].cells[0]
    assert (category, none, covered_by.code) == ("CBCC", None, tree.A.code)
    assert kids[tree.A2.code].no_quota


def test_the_parent_quota_makes_the_totals(tree):
    quotas(tree.P, {2021: 300, 2026: 280})
    quotas(tree.A, {2021: 120, 2026: 116})
    report = reduction_report(org=tree.P, rule_set_code="KL40-2022", as_of=AS_OF)
    assert report.totals["CBCC"].base_assigned == 300 and report.totals["CBCC"].achieved == 20
    assert report.root_line().cells[0][1].own


def test_a_unit_without_quota_is_not_a_division_by_zero(tree):
    report = reduction_report(org=tree.A2, rule_set_code="KL40-2022", as_of=AS_OF)
    assert report.rows == [] and report.summaries() == []
    assert report.root_line().no_quota and report.root_line().cells[0][2] is None
    data = report_json(report)
    assert data["rows"] == []
    zero = {"base_assigned": 0, "target": 0, "current_assigned": 0, "achieved": 0, "remaining": 0}
    assert data["totals"] == {"CBCC": zero, "VC": zero}
    # The workbook says so in words.
    sheets = reduction_sheets(report)
    assert "Chưa giao biên chế" in sheets[0].rows[0][0]
    assert "chưa giao biên chế" in sheets[2].rows[0][-1]


def test_a_zero_base_quota_has_no_target_and_is_not_behind(tree):
    quotas(tree.A, {2021: 0, 2026: 0})
    (card,) = reduction_report(org=tree.A, rule_set_code="KL40-2022", as_of=AS_OF).summaries()
    assert (card.target, card.achieved, card.remaining, card.behind, card.progress_percent) == (0, 0, 0, False, 100)


def test_the_percent_follows_kind_and_merge_under_the_guidance(tree):
    """Guidance 10989/BNV: a province formed from 3 provinces −20 %, a department −5 % (general)."""
    for i in range(3):
        tree.P.predecessors.add(make_org(f"000.00.00.H9{i}", f"Tỉnh cũ {i}", OrgKind.TINH))
    quotas(tree.P, {2026: 500})
    quotas(tree.A, {2026: 100})
    report = reduction_report(org=tree.P, rule_set_code="BNV10989-2025", as_of=dt.date(2027, 3, 1))
    rows = {r.organization: r for r in report.rows}
    assert (rows[tree.P.code].percent, rows[tree.P.code].target) == (Decimal("20.00"), 100)
    assert (rows[tree.A.code].percent, rows[tree.A.code].target) == (Decimal("5.00"), 5)
    assert rows[tree.P.code].roadmap == {2026: 17, 2027: 17, 2028: 17, 2029: 17, 2030: 16, 2031: 16}
    assert not report.rule_set.binding


def test_expected_retirements_in_the_rest_of_the_period(tree):
    """Decree 135: a man born 01/1965 retires at 61y6m at the end of 07/2026; born 03/1965, end of
    09/2026; born 06/1964 (61y3m) already in 09/2025; a woman born 01/1970 at 57y4m in 05/2027,
    after the period. Only working staff count, per quota category."""
    quotas(tree.A, {2021: 120, 2026: 116})
    quotas(tree.A, {2021: 30, 2026: 27}, category="VC")
    make_staff(tree.A1, "Ông Một", category=StaffCategory.CB, date_of_birth=dt.date(1965, 1, 20))
    make_staff(tree.A1, "Ông Hai", category=StaffCategory.CC, date_of_birth=dt.date(1965, 3, 2))
    make_staff(tree.A2, "Ông Ba", category=StaffCategory.CC, date_of_birth=dt.date(1964, 6, 2))
    make_staff(tree.A2, "Bà Bốn", category=StaffCategory.VC, sex=Sex.FEMALE, date_of_birth=dt.date(1970, 1, 5))
    make_staff(tree.A2, "Ông Năm", status=StaffStatus.RETIRED, date_of_birth=dt.date(1965, 2, 1))
    make_staff(tree.B, "Ông Sáu", date_of_birth=dt.date(1965, 2, 1))  # outside A
    make_staff(tree.A3, "Bà Bảy", category=StaffCategory.VC, sex=Sex.FEMALE, date_of_birth=dt.date(1969, 7, 1))
    report = reduction_report(org=tree.A, rule_set_code="KL40-2022", as_of=AS_OF)
    assert report.forecast.legal_code == "ND135-2020" and report.forecast.until == dt.date(2026, 12, 31)
    # Bà Bảy: 07/1969 + 57y (2026) = 07/2026 → counts.
    assert report.forecast.by_category == {"CBCC": 2, "VC": 1}
    cbcc, vc = report.summaries()
    assert (cbcc.retirements, cbcc.remaining, cbcc.retirements_cover) == (2, 2, True)
    assert (vc.retirements, vc.remaining, vc.retirements_cover) == (1, 0, True)
    # The birth month of someone with only a birth year counts as January.
    make_staff(tree.A1, "Ông Tám", date_of_birth=dt.date(1965, 11, 1), birth_year_only=True)
    again = reduction_report(org=tree.A, rule_set_code="KL40-2022", as_of=AS_OF)
    assert again.forecast.by_category["CBCC"] == 3


def test_the_rule_set_in_force_on_the_as_of_date_is_used_and_named(tree):
    quotas(tree.A, {2015: 150, 2021: 120, 2026: 116})
    assert reduction_report(org=tree.A, as_of=dt.date(2020, 5, 1)).rule_set.code == "NQ39-2015"
    report = reduction_report(org=tree.A, as_of=AS_OF)
    assert report.rule_set.code == "KL40-2022"  # binding before the guidance in 2026
    assert "KL40-2022" in " ".join(reduction_sheets(report)[0].lines)
    assert reduction_report(org=tree.A, as_of=dt.date(2028, 1, 1)).rule_set.code == "BNV10989-2025"


@pytest.mark.parametrize("day", [dt.date(2015, 1, 1), dt.date(2021, 12, 31), dt.date(2026, 6, 30), dt.date(2031, 1, 1)])
def test_the_rule_set_chosen_from_the_list_read_once_is_the_one_rulesets_chooses(day):
    known = rulesets.reduction_rule_sets()
    assert _rule_set(None, day, known) == rulesets.reduction_rule_set(None, day)
    assert _rule_set("NQ39-2015", day, known).code == "NQ39-2015"


def test_bad_input_names_the_value_and_what_exists(tree):
    with pytest.raises(RuleSetError) as info:
        reduction_report(org=tree.A, rule_set_code="KL41-2022", as_of=AS_OF)
    assert "“KL41-2022”" in info.value.message and "NQ39-2015, KL40-2022, BNV10989-2025" in info.value.message
    with pytest.raises(RuleSetError) as info:
        reduction_report(org=tree.A, as_of=dt.date(2014, 6, 1))
    assert "01/06/2014" in info.value.message and "KL40-2022 (2022–2026)" in info.value.message
    with pytest.raises(ReportInputError) as info:
        reduction_report(org=tree.A, rule_set_code="NQ39-2015", as_of=AS_OF)
    assert info.value.message == (
        "Ngày báo cáo 30/06/2026 nằm ngoài giai đoạn 2015–2021 của bộ quy tắc NQ39-2015: hãy chọn một ngày"
        " từ 01/01/2015 đến 31/12/2021, hoặc bộ quy tắc khác."
    )
    with pytest.raises(ReportInputError) as info:
        parse_as_of("31/02/2026", AS_OF)
    assert "“31/02/2026”" in info.value.message and "dd/mm/yyyy" in info.value.message


def test_dates_are_read_both_ways_and_clamped_into_the_period():
    assert parse_as_of("30/06/2026", AS_OF) == parse_as_of("2026-06-30", AS_OF) == AS_OF
    assert parse_as_of("  ", dt.date(2020, 1, 1)) == dt.date(2020, 1, 1)
    nq39 = rulesets.reduction_rule_set("NQ39-2015", AS_OF)
    assert clamp_to_period(AS_OF, nq39) == dt.date(2021, 12, 31)
    assert clamp_to_period(dt.date(2010, 1, 1), nq39) == dt.date(2015, 1, 1)


def test_the_workbook_sheets(tree):
    the_contract_example(tree.A)
    sheets = reduction_sheets(reduction_report(org=tree.A, rule_set_code="KL40-2022", as_of=AS_OF))
    assert [s.title for s in sheets] == ["Tổng hợp", "Lộ trình", "Theo đơn vị"]
    summary = sheets[0].rows[0]
    assert summary[:8] == ["Cán bộ, công chức", 120, Decimal("5.00"), 6, 116, 4, 2, 6]
    assert summary[-1] == "Chậm lộ trình: đã giảm 4/6, kế hoạch đến 2026 là 6"
    assert any("30/06/2026" in line for line in sheets[0].lines)
    tree_rows = sheets[2].rows
    assert tree_rows[0][:8] == [tree.A.code, "Sở Nội vụ", 0, "Cán bộ, công chức", "Có", 120, Decimal("5.00"), 6]
    assert tree_rows[0][8:13] == [2, 1, 1, 1, 1]


# --------------------------------------------------------------------------- query counts


def grow(parent, units: int, staff: int):
    """``units`` holders under ``parent`` (each with a division), quotas 2021–2026, and ``staff``
    working people, some of them near retirement."""
    made = []
    for i in range(units):
        unit = make_org(f"G.{parent.code}.{i:02d}", f"Đơn vị {i}", OrgKind.SNCL, parent=parent)
        make_org(f"G.{parent.code}.{i:02d}.1", f"Phòng {i}", OrgKind.PHONG, parent=unit)
        quotas(unit, {2021: 10, 2023: 9, 2026: 9})
        quotas(unit, {2021: 20, 2025: 18}, category="VC")
        made.append(unit)
    for i in range(staff):
        born = dt.date(1962 + i % 30, 1 + i % 12, 1)
        make_staff(made[i % units], f"Người {i}", date_of_birth=born, category=StaffCategory.VC if i % 2 else "CC")
    return made


@pytest.mark.parametrize(("units", "staff_n"), [(3, 10), (30, 300)])
def test_the_query_count_does_not_grow_with_units_or_staff(tree, django_assert_num_queries, units, staff_n):
    quotas(tree.A, {2021: 400, 2026: 380})
    grow(tree.A2, units, staff_n)
    # rule sets (2: sets, targets), organisations, quotas, retirement schedule, staff by birth month
    with django_assert_num_queries(6):
        report = reduction_report(org=tree.A, rule_set_code="KL40-2022", as_of=AS_OF)
        report_json(report)
        reduction_sheets(report)
        report.category_views()
        [report.line(n) for n in report.nodes.values()]
    assert len(report.rows) == 1 + 2 * units
    known = rulesets.reduction_rule_sets()
    with django_assert_num_queries(2):  # the rule sets already read; no forecast
        reduction_report(org=tree.A, as_of=AS_OF, forecast=False, rule_sets=known)


def test_a_merged_units_base_is_the_sum_of_its_predecessors(tree, django_assert_num_queries):
    """A4 was formed from two closed units, one outside the subtree (under B): no 2021 quota of
    its own, so its base is 40 + 60 = 100; 5 % → 5, its 2026 quota 95 → achieved 5."""
    old1 = make_org("A.OLD1", "Phòng cũ 1", OrgKind.PHONG, parent=tree.A, valid_to=dt.date(2025, 6, 30))
    old2 = make_org("B.OLD2", "Phòng cũ 2", OrgKind.PHONG, parent=tree.B, valid_to=dt.date(2025, 6, 30))
    merged = make_org("A.NEW", "Phòng hợp nhất", OrgKind.PHONG, parent=tree.A)
    merged.predecessors.set([old1, old2])
    quotas(old1, {2021: 40})
    quotas(old2, {2021: 60})
    quotas(merged, {2026: 95})
    with django_assert_num_queries(4):
        report = reduction_report(org=tree.A, rule_set_code="KL40-2022", as_of=AS_OF, forecast=False)
    row = next(r for r in report.rows if r.organization == merged.code)
    assert (row.base_assigned, row.target, row.current_assigned, row.achieved, row.remaining) == (100, 5, 95, 5, 0)
    assert row.base_from_predecessors and set(row.base_sources) == {old1.code, old2.code}
    cell = report.cell(report.nodes[merged.code], "CBCC")
    assert cell.base_from_predecessors and sorted(cell.base_source_names) == ["Phòng cũ 1", "Phòng cũ 2"]
    # The JSON's base_assigned is the summed base; B's own closed unit is not a row of A's report.
    (out,) = [r for r in report_json(report)["rows"] if r["organization"] == merged.code]
    assert (out["base_assigned"], out["target"], out["achieved"]) == (100, 5, 5)
    # The closed units are no rows (A.OLD1 counts through A.NEW): the totals count 100 once.
    assert {old1.code, old2.code}.isdisjoint(r["organization"] for r in report_json(report)["rows"])
    assert report.totals["CBCC"].base_assigned == 100 and old1.code not in report.nodes
