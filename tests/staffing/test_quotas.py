"""docs/rules.md §2: a unit's children's quotas for a year and category add up to at most its own;
units without a quota are covered by the nearest ancestor's."""

from staffing.quotas import QuotaRow, nearest_holder, nesting_violations

P, A, A1, B = "/P/", "/P/A/", "/P/A/A1/", "/P/B/"


def test_children_within_parent_is_fine():
    rows = [QuotaRow(P, 2025, "CBCC", 100), QuotaRow(A, 2025, "CBCC", 60), QuotaRow(B, 2025, "CBCC", 40)]
    assert nesting_violations(rows) == []


def test_children_over_parent_names_parent_children_and_total():
    rows = [
        QuotaRow(P, 2025, "CBCC", 100, "r2"),
        QuotaRow(A, 2025, "CBCC", 61, "r3"),
        QuotaRow(B, 2025, "CBCC", 40, "r4"),
    ]
    [v] = nesting_violations(rows)
    assert v.parent.ref == "r2"
    assert [c.ref for c in v.children] == ["r3", "r4"]
    assert v.total == 101


def test_grandchild_counts_against_nearest_holder_when_middle_has_no_quota():
    # A has no quota of its own: A1 is covered by P directly.
    rows = [QuotaRow(P, 2025, "VC", 10), QuotaRow(A1, 2025, "VC", 11)]
    [v] = nesting_violations(rows)
    assert v.parent.path == P and v.total == 11


def test_grandchildren_count_against_middle_holder_not_top():
    rows = [QuotaRow(P, 2025, "VC", 10), QuotaRow(A, 2025, "VC", 10), QuotaRow(A1, 2025, "VC", 10)]
    assert nesting_violations(rows) == []


def test_years_and_categories_are_separate():
    rows = [QuotaRow(P, 2025, "CBCC", 10), QuotaRow(A, 2024, "CBCC", 50), QuotaRow(A, 2025, "VC", 50)]
    assert nesting_violations(rows) == []


def test_reserve_kept_is_allowed_and_zero_quota_parent_rejects_any_child():
    assert nesting_violations([QuotaRow(P, 2025, "HD", 5), QuotaRow(A, 2025, "HD", 0)]) == []
    assert len(nesting_violations([QuotaRow(P, 2025, "HD", 0), QuotaRow(A, 2025, "HD", 1)])) == 1


def test_nearest_holder_needs_a_proper_ancestor():
    assert nearest_holder(A1, {P, A, A1}) == A
    assert nearest_holder(P, {P}) is None
    assert nearest_holder("/PX/", {P}) is None  # a code prefix is not an ancestor
