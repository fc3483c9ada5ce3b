"""Headcount-reduction arithmetic (staffing.reductions): targets rounded up, roadmaps that add up
with the remainder in the earliest years, achieved/remaining, nesting-aware totals. No database."""

import datetime as dt
from decimal import Decimal

import pytest

from staffing.reductions import (
    ReductionRuleSet,
    TargetRule,
    Unit,
    reduction_rows,
    roadmap,
    target_of,
    totals,
)

D = Decimal
# Conclusion 40-KL/TW (2022–2026, base 2021): ≥ 5 % of CBCC, ≥ 10 % of budget-paid VC.
KL40 = ReductionRuleSet(
    code="KL40-2022",
    period_from=2022,
    period_to=2026,
    base_year=2021,
    rules=(TargetRule("CBCC", D("5")), TargetRule("VC", D("10"))),
)
# Resolution 39-NQ/TW (2015–2021, base 2015): ≥ 10 %.
NQ39 = ReductionRuleSet(
    code="NQ39-2015",
    period_from=2015,
    period_to=2021,
    base_year=2015,
    rules=(TargetRule("CBCC", D("10")), TargetRule("VC", D("10"))),
)
# Guidance 10989/BNV (2026–2031): ministries merged −15 %, not merged −5 %; provinces not merged −5 %,
# formed from 2 −15 %, from 3 −20 %.
BNV = ReductionRuleSet(
    code="BNV10989-2025",
    period_from=2026,
    period_to=2031,
    base_year=2026,
    binding=False,
    rules=(
        TargetRule("CBCC", D("5")),
        TargetRule("CBCC", D("15"), org_kinds=frozenset({"BO"}), predecessors_min=2),
        TargetRule("CBCC", D("5"), org_kinds=frozenset({"BO", "TINH"}), predecessors_max=0),
        TargetRule("CBCC", D("15"), org_kinds=frozenset({"TINH"}), predecessors_min=2, predecessors_max=2),
        TargetRule("CBCC", D("20"), org_kinds=frozenset({"TINH"}), predecessors_min=3),
        TargetRule("VC", D("10")),
    ),
)


@pytest.mark.parametrize(
    ("base", "percent", "target"),
    [
        (120, "5", 6),  # the contract's example
        (41, "5", 3),  # 2.05 people: "at least 5 %" → 3
        (40, "5", 2),  # exactly 2: no rounding
        (95, "10", 10),  # 9.5 → 10
        (1, "5", 1),  # one person: a cut of at least 5 % is one person
        (0, "5", 0),  # no quota: no target, never a division by zero
        (100, "0", 0),
    ],
)
def test_target_is_the_percentage_rounded_up(base, percent, target):
    assert target_of(base, D(percent)) == target


@pytest.mark.parametrize(
    ("target", "years", "expected"),
    [
        (6, range(2022, 2027), [2, 1, 1, 1, 1]),  # the contract's example
        (12, range(2015, 2022), [2, 2, 2, 2, 2, 1, 1]),  # NQ39's seven years
        (3, range(2022, 2027), [1, 1, 1, 0, 0]),
        (5, range(2022, 2027), [1, 1, 1, 1, 1]),
        (0, range(2022, 2027), [0, 0, 0, 0, 0]),
    ],
)
def test_roadmap_adds_up_with_the_remainder_in_the_earliest_years(target, years, expected):
    plan = roadmap(target, years)
    assert list(plan) == list(years)
    assert list(plan.values()) == expected
    assert sum(plan.values()) == target


def units(*rows):
    return {u.code: u for u in rows}


def test_the_contract_example_row():
    org = Unit("A", None, "/A/", "SO")
    rows = reduction_rows(KL40, units(org), {("A", "CBCC"): {2021: 120, 2025: 116}}, dt.date(2026, 6, 30))
    [row] = rows
    assert (row.base_assigned, row.percent, row.target) == (120, D("5"), 6)
    assert row.roadmap == {2022: 2, 2023: 1, 2024: 1, 2025: 1, 2026: 1}
    assert (row.current_assigned, row.current_year, row.achieved, row.remaining) == (116, 2025, 4, 2)
    assert row.expected == 6 and row.behind and row.shortfall == 2


def test_current_is_the_latest_quota_not_after_the_as_of_year():
    org = Unit("A", None, "/A/")
    quotas = {("A", "CBCC"): {2021: 100, 2023: 98, 2024: 97, 2027: 90}}
    [row] = reduction_rows(KL40, units(org), quotas, dt.date(2024, 1, 1))
    assert (row.current_year, row.current_assigned, row.achieved) == (2024, 97, 3)
    [row] = reduction_rows(KL40, units(org), quotas, dt.date(2022, 12, 31))
    assert (row.current_year, row.current_assigned, row.achieved) == (2021, 100, 0)
    # The roadmap is due up to and including the as-of year: 2022's share (1 of 5).
    assert row.expected == 1 and row.behind


def test_a_unit_whose_quota_grew_has_achieved_nothing_and_everything_remains():
    org = Unit("A", None, "/A/")
    [row] = reduction_rows(KL40, units(org), {("A", "VC"): {2021: 50, 2025: 55}}, dt.date(2025, 6, 1))
    assert (row.target, row.achieved, row.remaining) == (5, 0, 5)


def test_achieving_more_than_the_target_leaves_nothing_remaining():
    org = Unit("A", None, "/A/")
    [row] = reduction_rows(KL40, units(org), {("A", "CBCC"): {2021: 100, 2026: 80}}, dt.date(2026, 12, 31))
    assert (row.target, row.achieved, row.remaining, row.behind) == (5, 20, 0, False)


def test_no_base_year_quota_means_no_row_and_zero_quota_a_zero_target():
    a, b = Unit("A", None, "/A/"), Unit("B", None, "/B/")
    quotas = {("A", "CBCC"): {2022: 40}, ("B", "CBCC"): {2021: 0}}
    rows = reduction_rows(KL40, units(a, b), quotas, dt.date(2026, 1, 1))
    assert [(r.organization, r.target, r.remaining) for r in rows] == [("B", 0, 0)]


def test_categories_the_rule_set_does_not_cover_are_left_out():
    a = Unit("A", None, "/A/")
    quotas = {("A", "HD"): {2021: 10}, ("A", "VCTC"): {2021: 10}, ("A", "VC"): {2021: 10}}
    rows = reduction_rows(KL40, units(a), quotas, dt.date(2026, 1, 1))
    assert [r.category for r in rows] == ["VC"]


def test_rows_ordered_by_code_then_the_rule_sets_category_order():
    a, b = Unit("A", None, "/A/"), Unit("B", "A", "/A/B/")
    quotas = {("B", "VC"): {2021: 10}, ("A", "VC"): {2021: 30}, ("B", "CBCC"): {2021: 10}, ("A", "CBCC"): {2021: 30}}
    rows = reduction_rows(KL40, units(a, b), quotas, dt.date(2026, 1, 1))
    assert [(r.organization, r.category) for r in rows] == [("A", "CBCC"), ("A", "VC"), ("B", "CBCC"), ("B", "VC")]


def test_totals_add_only_the_top_rows_of_nested_quotas():
    # Province P (100) shares out to departments S1 (40, with a division D1 of 10) and S2 (50);
    # an unrelated unit X (20) has no ancestor in the report. VC is held by S2 only.
    p, s1, d1, s2 = (
        Unit("P", None, "/P/"),
        Unit("S1", "P", "/P/S1/"),
        Unit("D1", "S1", "/P/S1/D1/"),
        Unit("S2", "P", "/P/S2/"),
    )
    quotas = {
        ("P", "CBCC"): {2021: 100, 2026: 94},
        ("S1", "CBCC"): {2021: 40, 2026: 37},
        ("D1", "CBCC"): {2021: 10, 2026: 10},
        ("S2", "CBCC"): {2021: 50, 2026: 48},
        ("S2", "VC"): {2021: 200, 2026: 185},
    }
    rows = reduction_rows(KL40, units(p, s1, d1, s2), quotas, dt.date(2026, 6, 30))
    assert {(r.organization, r.category): r.top for r in rows} == {
        ("D1", "CBCC"): False,
        ("P", "CBCC"): True,
        ("S1", "CBCC"): False,
        ("S2", "CBCC"): False,
        ("S2", "VC"): True,
    }
    sums = totals(rows, KL40.categories)
    assert (sums["CBCC"].base_assigned, sums["CBCC"].target, sums["CBCC"].achieved) == (100, 5, 6)
    assert sums["CBCC"].remaining == 0
    assert (sums["VC"].base_assigned, sums["VC"].target, sums["VC"].achieved, sums["VC"].remaining) == (200, 20, 15, 5)
    assert sum(sums["VC"].roadmap.values()) == 20


def test_totals_of_a_report_without_rows_are_zero_for_every_category():
    sums = totals([], KL40.categories)
    assert set(sums) == {"CBCC", "VC"} and sums["CBCC"].target == 0


def test_the_most_specific_rule_applies():
    assert BNV.percent_for("CBCC", "TINH", predecessors=0) == D("5")
    assert BNV.percent_for("CBCC", "TINH", predecessors=2) == D("15")
    assert BNV.percent_for("CBCC", "TINH", predecessors=3) == D("20")
    assert BNV.percent_for("CBCC", "TINH", predecessors=4) == D("20")
    assert BNV.percent_for("CBCC", "BO", predecessors=2) == D("15")
    assert BNV.percent_for("CBCC", "BO", predecessors=0) == D("5")
    assert BNV.percent_for("CBCC", "SO", predecessors=2) == D("5")  # the general rule
    assert BNV.percent_for("VC", "TINH", predecessors=3) == D("10")
    assert BNV.percent_for("HD", "TINH") is None


def test_a_province_formed_from_three_gets_the_merged_target():
    p = Unit("P", None, "/P/", "TINH", predecessors=3)
    [row] = reduction_rows(BNV, units(p), {("P", "CBCC"): {2026: 1000}}, dt.date(2026, 12, 31))
    assert (row.percent, row.target) == (D("20"), 200)
    assert sum(row.roadmap.values()) == 200 and list(row.roadmap) == list(range(2026, 2032))


def test_rule_set_periods():
    assert list(NQ39.years) == [2015, 2016, 2017, 2018, 2019, 2020, 2021]
    assert KL40.covers(dt.date(2022, 1, 1)) and KL40.covers(dt.date(2026, 12, 31))
    assert not KL40.covers(dt.date(2021, 12, 31)) and not KL40.covers(dt.date(2027, 1, 1))
    assert not BNV.binding and KL40.binding


def test_a_merged_unit_without_a_base_year_quota_takes_the_sum_of_its_predecessors():
    merged = Unit("M", None, "/M/", predecessors=2, predecessor_codes=("P1", "P2"))
    quotas = {("P1", "CBCC"): {2021: 40}, ("P2", "CBCC"): {2021: 60, 2022: 58}, ("M", "CBCC"): {2026: 95}}
    (row,) = reduction_rows(KL40, {"M": merged}, quotas, dt.date(2026, 6, 30))
    assert (row.organization, row.base_assigned, row.target, row.current_assigned) == ("M", 100, 5, 95)
    assert (row.achieved, row.remaining, row.current_year) == (5, 0, 2026)
    assert row.base_from_predecessors and row.base_sources == ("P1", "P2")


def test_a_merged_unit_keeps_its_own_base_year_quota_and_predecessors_without_one_are_skipped():
    merged = Unit("M", None, "/M/", predecessors=2, predecessor_codes=("P1", "P2"))
    own = {("P1", "CBCC"): {2021: 40}, ("M", "CBCC"): {2021: 90, 2026: 85}}
    (row,) = reduction_rows(KL40, {"M": merged}, own, dt.date(2026, 6, 30))
    assert (row.base_assigned, row.base_from_predecessors, row.base_sources) == (90, False, ())
    only_one = {("P1", "CBCC"): {2021: 40}, ("P2", "CBCC"): {2022: 60}}
    (row,) = reduction_rows(KL40, {"M": merged}, only_one, dt.date(2023, 1, 1))
    assert (row.base_assigned, row.current_assigned, row.achieved, row.base_sources) == (40, 40, 0, ("P1",))
    assert reduction_rows(KL40, {"M": merged}, {("P2", "CBCC"): {2022: 60}}, dt.date(2023, 1, 1)) == []
