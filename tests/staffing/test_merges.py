"""staffing.merges, pure (no database): the selection checks, the combined catalogue and its
mapping, the norm's bounds, the surplus, the 5-year roadmap, who is affected and the figures."""

import datetime as dt
import json
import random
from dataclasses import replace
from decimal import Decimal

import pytest

from staffing import merges
from staffing.merges import PersonCost, PersonIn, PositionIn, QuotaIn, UnitIn
from staffing.models import QUOTA_CATEGORY_OF_STAFF, QuotaCategory
from staffing.retirement import ND135_2020

D = dt.date
MESSAGES = {
    "too_few": "too_few %(count)s",
    "nested": "nested %(inner)s in %(outer)s",
    "closed": "closed %(name)s %(date)s",
    "parent_inside": "parent_inside %(parent)s %(unit)s",
    "parent_closed": "parent_closed %(name)s",
    "too_early": "too_early %(name)s %(date)s",
}
CATALOGUE_MESSAGES = {
    "code": "code %(code)s",
    "duplicate": "duplicate %(code)s %(other)s %(name)s",
    "name": "name %(code)s",
    "needed": "needed %(code)s %(value)s %(max)s",
}
NORM_MESSAGES = {
    "above": "above %(category)s %(norm)s %(ceiling)s",
    "below": "below %(category)s %(norm)s %(floor)s",
    "negative": "negative %(category)s",
}
CATEGORIES = QuotaCategory.values
POSITION_CODE = r"^(?:[0-9]|(?!\d)[^;:]){1,30}$"

DEPT = UnitIn("D", "Sở", "/P/D/", "SO")
A = UnitIn("A", "Phòng A", "/P/D/A/", "PHONG", valid_from=D(2025, 3, 1))
B = UnitIn("B", "Phòng B", "/P/D/B/", "PHONG")
C = UnitIn("C", "Phòng C", "/P/D/C/", "PHONG")
EFFECTIVE = D(2026, 7, 1)


BORN = D(1980, 5, 1)


def person(pk, unit="A", *, category="CC", born=BORN, sex="M", **fields):
    return PersonIn(
        id=pk,
        employee_code=f"E{pk:03d}",
        full_name=f"Người {pk}",
        unit=unit,
        category=category,
        quota_category=QUOTA_CATEGORY_OF_STAFF[category],
        sex=sex,
        date_of_birth=born,
        **fields,
    )


def position(pk, unit, code, name, *, group="CMNV", headcount=1, framework=""):
    return PositionIn(pk, unit, code, name, group, headcount, framework)


# --------------------------------------------------------------------------- the selection


def test_common_ancestor_is_the_deepest_shared_path():
    assert merges.common_ancestor(["/P/D/A/", "/P/D/B/"]) == "/P/D/"
    assert merges.common_ancestor(["/P/D/A/", "/P/D/B/", "/P/D/"]) == "/P/D/"
    assert merges.common_ancestor(["/P/D/A/"]) == "/P/D/A/"
    assert merges.common_ancestor(["/P/", "/Q/"]) is None  # two roots: national admins only
    assert merges.common_ancestor([]) is None


def check(units, parent=DEPT, effective=EFFECTIVE):
    return [
        p.message for p in merges.check_selection(units=units, parent=parent, effective=effective, messages=MESSAGES)
    ]


def test_two_open_sibling_units_under_their_parent_pass():
    assert check([A, B]) == []
    assert check([A, B, C]) == []  # a three-way merge


def test_one_unit_is_not_a_merge():
    assert check([A]) == ["too_few 1"]


def test_a_merge_inside_a_merges_subtree_is_refused():
    inner = UnitIn("A1", "Tổ A1", "/P/D/A/A1/", "PHONG")
    assert check([A, inner]) == ["nested Tổ A1 in Phòng A"]
    assert check([DEPT, A], parent=UnitIn("P", "Tỉnh", "/P/", "TINH")) == ["nested Phòng A in Sở"]


def test_the_parent_may_not_be_one_of_the_merged_units_or_below_them():
    assert check([A, B], parent=A) == ["parent_inside Phòng A Phòng A"]
    assert check([A, B], parent=UnitIn("B1", "Tổ B1", "/P/D/B/B1/", "PHONG")) == ["parent_inside Tổ B1 Phòng B"]


def test_closed_units_and_a_closed_parent_are_refused():
    closed = UnitIn("B", "Phòng B", "/P/D/B/", "PHONG", valid_to=D(2025, 12, 31))
    assert check([A, closed]) == ["closed Phòng B 31/12/2025"]
    assert check([A, B], parent=UnitIn("D", "Sở", "/P/D/", "SO", valid_to=D(2026, 1, 1))) == ["parent_closed Sở"]


def test_the_merge_date_must_come_after_every_units_start():
    assert check([A, B], effective=D(2025, 3, 1)) == ["too_early Phòng A 01/03/2025"]
    assert check([A, B], effective=D(2025, 3, 2)) == []


# --------------------------------------------------------------------------- the catalogue


def test_duplicates_by_framework_or_folded_name_are_proposed_as_one_position():
    positions = [
        position(1, "A", "VT01", "Trưởng phòng", group="LDQL", headcount=1),
        position(2, "A", "VT02", "Chuyên viên tổ chức", headcount=3, framework="F-TC"),
        position(3, "A", "VT03", "Văn thư", headcount=1),
        position(4, "B", "VT01", "TRƯỞNG PHÒNG", group="LDQL", headcount=1),  # same name, other case
        position(5, "B", "X9", "Chuyên viên quản lý tổ chức", headcount=2, framework="F-TC"),  # same framework
        position(6, "B", "VT03", "Van thu", headcount=2),  # same name once folded (no diacritics)
        position(7, "B", "VT04", "Kế toán", headcount=1),
    ]
    proposed = merges.propose_catalogue(positions)
    assert [(n.code, n.name, n.sources, n.needed, n.match) for n in proposed] == [
        ("VT01", "Trưởng phòng", (1, 4), 1, "name"),  # a leadership position: the largest, not the sum
        ("VT02", "Chuyên viên tổ chức", (2, 5), 5, "framework"),
        ("VT03", "Văn thư", (3, 6), 3, "name"),
        ("VT04", "Kế toán", (7,), 1, ""),
    ]
    assert [n.key for n in proposed] == ["p1", "p2", "p3", "p7"]


def test_duplicates_join_transitively_and_codes_stay_unique():
    positions = [
        position(1, "A", "VT01", "Chuyên viên", framework="F1"),
        position(2, "B", "VT01", "Chuyên viên pháp chế", framework="F1"),
        position(3, "C", "VT05", "chuyên viên pháp chế"),  # joins 2 by name, hence 1
        position(4, "C", "VT01", "Lái xe"),  # VT01 is taken by the first new position
        position(5, "C", "vt01", "Bảo vệ"),  # so is its lower case
    ]
    proposed = merges.propose_catalogue(positions)
    assert [(n.code, n.sources) for n in proposed] == [("VT01", (1, 2, 3)), ("VT01-2", (4,)), ("vt01-3", (5,))]
    assert merges.check_catalogue(proposed, code_pattern=POSITION_CODE, messages=CATALOGUE_MESSAGES) == []


def test_the_user_maps_positions_elsewhere_and_edits_the_new_positions():
    positions = [
        position(1, "A", "VT01", "Trưởng phòng", group="LDQL"),
        position(2, "B", "VT01", "Trưởng phòng", group="LDQL"),
        position(3, "B", "VT02", "Phó trưởng phòng", group="LDQL"),
        position(4, "A", "VT03", "Văn thư"),
    ]
    proposed = merges.propose_catalogue(positions)
    assert [n.sources for n in proposed] == [(1, 2), (3,), (4,)]
    # B's head becomes a deputy (mapped to p3); A's clerk gets its needed number raised, a new code.
    changed = merges.remap(proposed, positions, mapping={2: "p3"}, needed={"p3": 2}, codes={"p4": "VT-VT"})
    assert [(n.key, n.code, n.sources, n.needed) for n in changed] == [
        ("p1", "VT01", (1,), 1),
        ("p3", "VT02", (2, 3), 2),
        ("p4", "VT-VT", (4,), 1),
    ]
    # Back on its own: B's head gets a position of its own with a unique code.
    alone = merges.remap(changed, positions, mapping={2: merges.OWN})
    assert [(n.key, n.code, n.sources) for n in alone] == [
        ("p1", "VT01", (1,)),
        ("p3", "VT02", (3,)),
        ("p4", "VT-VT", (4,)),
        ("p2", "VT01-2", (2,)),
    ]


def test_remap_follows_the_live_positions():
    positions = [position(1, "A", "VT01", "Văn thư"), position(2, "B", "VT01", "Văn thư")]
    proposed = merges.propose_catalogue(positions)
    live = [positions[0], position(9, "B", "VT09", "Lưu trữ")]  # 2 deleted, 9 added since
    assert [(n.key, n.code, n.sources) for n in merges.remap(proposed, live)] == [
        ("p1", "VT01", (1,)),
        ("p9", "VT09", (9,)),
    ]
    # a mapping to a key that no longer exists leaves the position on its own
    assert [n.sources for n in merges.remap(proposed, positions, mapping={2: "p77"})] == [(1,), (2,)]


def test_check_catalogue_names_each_bad_position():
    bad = [
        merges.NewPosition("p1", "VT01", "Văn thư", "CMNV", 1, (1,)),
        merges.NewPosition("p2", "vt01", "Lưu trữ", "CMNV", 1, (2,)),
        merges.NewPosition("p3", "A;B", "Kế toán", "CMNV", -1, (3,)),
        merges.NewPosition("p4", "VT04", " ", "CMNV", 1, (4,)),
    ]
    problems = merges.check_catalogue(bad, code_pattern=POSITION_CODE, messages=CATALOGUE_MESSAGES)
    assert [(p.field, p.message) for p in problems] == [
        ("code-p2", "duplicate vt01 Văn thư Lưu trữ"),
        ("code-p3", "code A;B"),
        ("needed-p3", "needed A;B -1 100000"),
        ("name-p4", "name VT04"),
    ]


# --------------------------------------------------------------------------- norms


def quota(unit, category, year, assigned, *, path=None, below=False):
    return QuotaIn(unit, path or f"/P/D/{unit}/", category, year, assigned, below)


def test_the_ceiling_is_the_predecessors_quotas_or_headcount_where_they_hold_none():
    people = [person(i, "A") for i in range(1, 6)] + [person(i, "B") for i in range(6, 9)]
    people += [person(20, "B", category="VC")]
    quotas = [quota("A", "CBCC", 2025, 6), quota("A", "CBCC", 2026, 5), quota("A", "CBCC", 2027, 1)]
    bounds = merges.norm_bounds(units=[A, B], people=people, quotas=quotas, year=2026, categories=CATEGORIES)
    cbcc = bounds["CBCC"]
    # A holds 5 (2026; 2027 is later than the merge year), B holds none: its 3 people count
    assert (cbcc.headcount, cbcc.ceiling, cbcc.holds_quota, cbcc.quota_year) == (8, 8, True, 2026)
    assert cbcc.by_unit == {"A": {"headcount": 5, "quota": 5}, "B": {"headcount": 3, "quota": None}}
    vc = bounds["VC"]  # a category no unit holds a quota of
    assert (vc.headcount, vc.ceiling, vc.holds_quota, vc.floor) == (1, 1, False, 0)
    assert set(bounds) == {"CBCC", "VC"}  # no people and no quota: no line


def test_units_with_no_quota_at_all():
    people = [person(1, "A"), person(2, "B"), person(3, "B")]
    bounds = merges.norm_bounds(units=[A, B], people=people, quotas=[], year=2026, categories=CATEGORIES)
    assert bounds["CBCC"].ceiling == 3 and not bounds["CBCC"].holds_quota
    assert merges.default_norms(bounds) == {"CBCC": 3}


def test_the_floor_is_what_the_nearest_holders_below_hold():
    quotas = [
        quota("A", "VC", 2026, 40),
        quota("B", "VC", 2026, 30),
        quota("A", "VC", 2026, 20, path="/P/D/A/S1/", below=True),
        quota("A", "VC", 2026, 5, path="/P/D/A/S1/T/", below=True),  # inside S1's: counted in S1's
        quota("B", "VC", 2025, 8, path="/P/D/B/S2/", below=True),
    ]
    bounds = merges.norm_bounds(units=[A, B], people=[], quotas=quotas, year=2026, categories=CATEGORIES)
    assert (bounds["VC"].ceiling, bounds["VC"].floor) == (70, 28)
    problems = merges.check_norms({"VC": 71}, bounds, messages=NORM_MESSAGES)
    assert [p.message for p in problems] == ["above VC 71 70"]
    assert [p.message for p in merges.check_norms({"VC": 27}, bounds, messages=NORM_MESSAGES)] == ["below VC 27 28"]
    assert merges.check_norms({"VC": 28}, bounds, messages=NORM_MESSAGES) == []
    assert merges.check_norms({"VC": 70}, bounds, messages=NORM_MESSAGES) == []
    assert [p.field for p in merges.check_norms({"VC": -1}, bounds, messages=NORM_MESSAGES)] == ["norm-VC"]


def test_three_way_merge_sums_three_predecessors():
    people = [person(i, u) for i, u in enumerate("AABBBCCCC", start=1)]
    quotas = [quota("A", "CBCC", 2026, 2), quota("B", "CBCC", 2026, 3), quota("C", "CBCC", 2026, 4)]
    bounds = merges.norm_bounds(units=[A, B, C], people=people, quotas=quotas, year=2026, categories=CATEGORIES)
    assert (bounds["CBCC"].headcount, bounds["CBCC"].ceiling) == (9, 9)


# --------------------------------------------------------------------------- surplus and roadmap


def test_surplus_is_never_negative():
    assert merges.surplus(10, 7) == 3
    assert merges.surplus(7, 10) == 0
    assert merges.surplus(0, 0) == 0


def test_the_roadmap_counts_retirements_first_then_streamlines_the_rest_evenly():
    steps = merges.roadmap(headcount=30, norm=20, retirements={2026: 1, 2028: 2}, years=range(2026, 2031))
    # surplus 10; 3 retire in the window, 7 to streamline over 5 years: 2, 2, 1, 1, 1
    assert [(s.year, s.by_retirement, s.by_streamlining, s.end, s.surplus_left) for s in steps] == [
        (2026, 1, 2, 27, 7),
        (2027, 0, 2, 25, 5),
        (2028, 2, 1, 22, 2),
        (2029, 0, 1, 21, 1),
        (2030, 0, 1, 20, 0),
    ]
    assert steps[0].start == 30 and steps[-1].end == 20


def test_retirements_beyond_the_surplus_are_not_counted():
    steps = merges.roadmap(headcount=12, norm=10, retirements={2026: 1, 2027: 3, 2029: 4}, years=range(2026, 2031))
    assert [(s.retirements, s.by_retirement, s.by_streamlining) for s in steps] == [
        (1, 1, 0),
        (3, 1, 0),
        (0, 0, 0),
        (4, 0, 0),
        (0, 0, 0),
    ]
    assert steps[-1].end == 10


def test_no_surplus_no_reduction():
    steps = merges.roadmap(headcount=8, norm=10, retirements={2027: 2}, years=range(2026, 2031))
    assert all(s.by_retirement == s.by_streamlining == 0 and s.end == 8 for s in steps)


def test_roadmap_years_add_up_to_the_surplus_whatever_the_retirements():
    rng = random.Random(7)
    for _ in range(500):
        headcount, norm = rng.randint(0, 60), rng.randint(0, 60)
        years = list(range(2026, 2026 + rng.randint(1, 6)))
        retirements = {y: rng.randint(0, 6) for y in years}
        steps = merges.roadmap(headcount=headcount, norm=norm, retirements=retirements, years=years)
        reduced = sum(s.by_retirement + s.by_streamlining for s in steps)
        assert reduced == merges.surplus(headcount, norm)
        assert steps[-1].end == headcount - reduced and steps[-1].surplus_left == 0
        assert all(s.by_retirement <= s.retirements and s.by_streamlining >= 0 for s in steps)
        assert all(a.end == b.start for a, b in zip(steps, steps[1:], strict=False))
        # streamlining only what the window's retirements cannot cover
        expected = max(0, merges.surplus(headcount, norm) - sum(retirements.values()))
        assert sum(s.by_streamlining for s in steps) == expected


def test_the_window_is_five_years_from_the_merge():
    assert merges.window(EFFECTIVE) == [2026, 2027, 2028, 2029, 2030]
    assert merges.window(EFFECTIVE, merges.MergeRules(resolution_years=3)) == [2026, 2027, 2028]


def test_each_person_retires_once_in_the_window():
    people = [
        person(1, born=D(1966, 3, 10)),  # man: 61y9m in 2027 → 12/2027
        person(2, born=D(1960, 1, 1)),  # already past: counted in the first year, once
        person(3, born=D(1990, 1, 1)),  # after the window
        person(4, born=D(1971, 2, 1), sex="F", birth_year_only=True),  # woman, only the year: January
    ]
    found = merges.retirement_years(people, ND135_2020, effective=EFFECTIVE, years=merges.window(EFFECTIVE))
    assert found[1] == (D(2027, 12, 31), 2027)
    assert found[2][1] == 2026
    assert found[3][1] is None
    assert found[4] == (D(2028, 9, 30), 2028)  # 57y8m in 2028 from January 1971


# --------------------------------------------------------------------------- the figures


def world():
    """A three-way merge: A and B each have a head and clerks, C has a clerk; quotas on A and B."""
    positions = [
        position(1, "A", "LD", "Trưởng phòng", group="LDQL"),
        position(2, "A", "VT", "Văn thư", headcount=2),
        position(3, "B", "LD", "Trưởng phòng", group="LDQL"),
        position(4, "B", "VT", "Văn thư", headcount=1),
        position(5, "C", "KT", "Kế toán", headcount=1),
    ]
    salary = {"salary_coefficient": Decimal("4.00"), "insurance_years": Decimal(20)}
    people = [
        person(1, "A", position=1, leadership_allowance=Decimal("0.40"), **salary),
        person(2, "A", position=2, born=D(1966, 3, 10), **salary),  # retires 12/2027
        person(3, "A", position=2, **salary),
        person(4, "B", position=3, leadership_allowance=Decimal("0.30"), **salary),
        person(5, "B", position=4, deferral="TS", sex="F", **salary),  # deferred
        person(6, "B", position=4, born=D(1975, 6, 1)),  # no salary data
        person(7, "C", position=5, born=D(1970, 1, 1), **salary),
        person(8, "C", category="VC", born=D(1985, 1, 1), **salary),
    ]
    quotas = [quota("A", "CBCC", 2026, 3), quota("B", "CBCC", 2026, 3)]
    return positions, people, quotas


LEAVING = []


def benefit(p: PersonIn, leave: dt.date, retires: dt.date) -> PersonCost:
    LEAVING.append((p.id, leave, retires))
    if p.salary_coefficient is None:
        return PersonCost(None, reason="missing coefficient")
    return PersonCost(int(p.salary_coefficient * 1_000_000), "resignation")


def compute(norms, catalogue=None, **kwargs):
    positions, people, quotas = world()
    return merges.compute(
        units=[A, B, C],
        positions=positions,
        people=people,
        quotas=quotas,
        catalogue=catalogue or merges.propose_catalogue(positions),
        norms=norms,
        categories=CATEGORIES,
        effective=EFFECTIVE,
        schedule=ND135_2020,
        base_salary=2_530_000,
        benefit=benefit,
        **kwargs,
    )


def test_three_way_merge_figures():
    f = compute({"CBCC": 4, "VC": 1})
    cbcc = next(c for c in f.categories if c.bounds.category == "CBCC")
    # CBCC: 7 people; ceiling = A 3 + B 3 (quotas) + C 1 (no quota: its headcount) = 7; norm 4
    assert (cbcc.bounds.headcount, cbcc.bounds.ceiling, cbcc.norm, cbcc.surplus) == (7, 7, 4, 3)
    # one retirement in 2027 counts, two people to streamline: 1 in 2026, 1 in 2027
    assert [(s.by_retirement, s.by_streamlining) for s in cbcc.steps] == [(0, 1), (1, 1), (0, 0), (0, 0), (0, 0)]
    assert (cbcc.retiring, cbcc.to_streamline, cbcc.picked) == (1, 2, 2)
    # picked among those not retiring and not deferred, nearest retirement first: 7 (1970), 6 (1975)
    picked = [p.person.id for p in f.people if p.picked]
    assert picked == [6, 7]
    assert (cbcc.cost, cbcc.cost_missing) == (4_000_000, 1)  # 6 has no salary data
    # 7 leaves in the first year (on the merge date), 6 in the second (on 1 January)
    assert LEAVING[-2:] == [(7, EFFECTIVE, D(2032, 1, 31)), (6, D(2027, 1, 1), D(2037, 6, 30))]
    vc = next(c for c in f.categories if c.bounds.category == "VC")
    assert vc.surplus == 0 and vc.to_streamline == 0


def test_positions_surplus_and_leaders_keeping_their_allowance():
    f = compute({"CBCC": 7, "VC": 1})
    by_code = {line.new.code: line for line in f.positions}
    head = by_code["LD"]
    assert (head.holders, head.new.needed, head.surplus) == (2, 1, 1)
    assert (by_code["VT"].holders, by_code["VT"].new.needed, by_code["VT"].surplus) == (4, 3, 1)
    assert (by_code["KT"].surplus, by_code["KT"].vacancy) == (0, 0)
    assert f.position_surplus == 2
    assert f.leaders_losing_post == 1
    # the average allowance of the two heads (0.35) × base salary × 6 months
    assert f.allowance_cost == int(Decimal("0.35") * 2_530_000 * 6)
    leaders = {p.person.id for p in f.people if p.leader_losing_post}
    assert leaders == {1, 4}
    # the deferred person is shown (marked), never picked
    deferred = next(p for p in f.people if p.person.id == 5)
    assert deferred.person.deferral == "TS" and not deferred.picked
    assert f.surplus == 0 and f.cost == f.allowance_cost


def test_a_deferred_majority_leaves_surplus_unresolved():
    positions, people, quotas = world()
    deferred = [replace(p, deferral="KL") for p in people]
    f = merges.compute(
        units=[A, B, C],
        positions=positions,
        people=deferred,
        quotas=quotas,
        catalogue=merges.propose_catalogue(positions),
        norms={"CBCC": 2},
        categories=CATEGORIES,
        effective=EFFECTIVE,
        schedule=ND135_2020,
        base_salary=None,
        benefit=None,
    )
    cbcc = f.categories[0]
    assert (cbcc.surplus, cbcc.by_retirement, cbcc.to_streamline, cbcc.picked, cbcc.unresolved) == (5, 1, 4, 0, 4)
    assert f.allowance_cost is None  # no base salary in force: no amount


def test_figures_json_holds_what_the_pages_show():
    data = merges.figures_json(compute({"CBCC": 4, "VC": 1}))
    assert data["totals"]["surplus"] == 3
    assert data["totals"]["to_streamline"] == 2
    assert data["totals"]["by_retirement"] == 1
    assert sum(y["by_retirement"] + y["by_streamlining"] for y in data["roadmap"].values()) == 3
    assert data["years"] == [2026, 2027, 2028, 2029, 2030]
    assert [p["code"] for p in data["positions"]] == ["LD", "VT", "KT"]
    assert data["positions"][0]["olds"][1] == {
        "id": 3,
        "unit": "B",
        "unit_name": "Phòng B",
        "code": "LD",
        "name": "Trưởng phòng",
        "headcount": 1,
        "holders": 1,
    }
    assert data["retirement_rule_set"] == "ND135-2020"

    json.dumps(data)  # plain JSON


def test_catalogue_json_round_trip():
    positions, _people, _quotas = world()
    proposed = merges.propose_catalogue(positions)
    assert merges.catalogue_from_json(merges.catalogue_json(proposed)) == proposed


def test_the_fingerprint_changes_with_the_data_it_covers():
    positions, people, quotas = world()
    base = merges.fingerprint(units=[A, B], positions=positions, people=people, quotas=quotas)
    assert base == merges.fingerprint(units=[B, A], positions=positions[::-1], people=people[::-1], quotas=quotas)
    changed = [replace(people[0], category="VC"), *people[1:]]
    assert merges.fingerprint(units=[A, B], positions=positions, people=changed, quotas=quotas) != base
    fewer = quotas[:1]
    assert merges.fingerprint(units=[A, B], positions=positions, people=people, quotas=fewer) != base


@pytest.mark.parametrize(
    ("code", "used", "expected"), [("VT", set(), "VT"), ("VT", {"vt"}, "VT-2"), ("X" * 30, {"X" * 30}, "X" * 28 + "-2")]
)
def test_unique_code(code, used, expected):
    assert merges.unique_code(code, used) == expected


def test_contract_workers_count_in_the_roadmap_without_a_streamlining_benefit():
    positions, people, quotas = world()
    contract = [person(30 + i, "A", category="HD", born=D(1985, 1, 1), salary_coefficient=Decimal(2)) for i in range(3)]
    f = merges.compute(
        units=[A, B, C],
        positions=positions,
        people=[*people, *contract],
        quotas=quotas,
        catalogue=merges.propose_catalogue(positions),
        norms={"CBCC": 7, "VC": 1, "HD": 1},
        categories=CATEGORIES,
        effective=EFFECTIVE,
        schedule=ND135_2020,
        base_salary=2_530_000,
        benefit=benefit,
        uncosted=frozenset({"HD"}),
    )
    hd = next(c for c in f.categories if c.bounds.category == "HD")
    assert (hd.surplus, hd.to_streamline, hd.picked, hd.cost, hd.cost_missing, hd.costed) == (2, 2, 2, 0, 0, False)
    picked = [p for p in f.people if p.picked]
    assert [p.benefit.policy for p in picked] == [merges.CONTRACT, merges.CONTRACT]
    assert merges.figures_json(f)["categories"][-1]["costed"] is False
