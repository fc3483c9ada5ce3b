"""Merge scenarios in the database (staffing.services, staffing.reports.merges): saving a scenario
with its proposed catalogue and norms, the user's choices, recomputing when the live data changed,
and applying it in one transaction — everything moved, the old units closed, audited; a failure
anywhere (a check, a position code clash found while writing, a quota that no longer nests)
leaves nothing changed, on SQLite and on PostgreSQL; the reduction report of the new unit then
takes the predecessors' summed base-year quota."""

import datetime as dt

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied, ValidationError

from portal.models import Organization
from positions.models import Position
from staffing import merges, rulesets, services
from staffing.models import Assignment, MergeRuleSet, MergeScenario, MergeStatus, Quota, Staff
from staffing.reports import merges as reads
from staffing.reports.dashboard import reduction_report
from tests.builders import (
    MERGE_CODE,
    MERGE_DATE,
    live_tables,
    make_merge_world,
    make_org,
    make_position,
    make_quota,
    make_staff,
    merge_scenario_fields,
)

CLOSE = MERGE_DATE - dt.timedelta(days=1)


@pytest.fixture
def world(tree, by_name):
    return make_merge_world(tree, by_name)


@pytest.fixture
def scenario(world, tree, people):
    return services.save_scenario(user=people.admin_a, **merge_scenario_fields(tree))


def choose(scenario, user, **changes):
    """update_scenario_choices with the scenario's current choices, ``changes`` replacing some."""
    values = {"mapping": {}, "needed": {}, "codes": {}, "names": {}, "norms": dict(scenario.norms)}
    for key, value in changes.items():
        values[key] |= value
    return services.update_scenario_choices(user=user, scenario=scenario, **values)


def position_by_code(scenario, code):
    return next(p for p in scenario.figures["positions"] if p["code"] == code)


# --------------------------------------------------------------------------- saving a scenario


def test_a_new_scenario_proposes_the_combined_catalogue_and_the_norms(scenario, world, tree, people):
    assert scenario.organization == tree.A  # the common parent: its admins write, its roles read
    assert scenario.status == MergeStatus.DRAFT and scenario.created_by == people.admin_a
    assert set(scenario.units.all()) == {tree.A1, tree.A2}
    figures = scenario.figures
    # duplicates side by side: the heads by name, the clerks by folded name ("Văn thư" / "VĂN THU")
    assert [(p["code"], [o["id"] for o in p["olds"]], p["match"], p["needed"]) for p in figures["positions"]] == [
        ("LD01", [world.head1.pk, world.head2.pk], "name", 1),
        ("KT01", [world.accountant.pk], "", 1),
        ("VT01", [world.clerk1.pk, world.clerk2.pk], "name", 3),
        ("PC01", [world.legal.pk], "", 1),
    ]
    head = position_by_code(scenario, "LD01")
    assert (head["holders"], head["surplus"]) == (2, 1)
    # CBCC: 7 people, the 2026 quotas 4 + 4 (2027's is after the merge year); the norm at most 8
    (cbcc,) = figures["categories"]
    assert (cbcc["headcount"], cbcc["ceiling"], cbcc["norm"], cbcc["surplus"]) == (7, 8, 8, 0)
    assert scenario.norms == {"CBCC": 8}
    assert scenario.fingerprint == reads.live_data([tree.A1, tree.A2], MERGE_DATE).fingerprint()
    assert figures["benefit_rule_set"] == "ND154-2025"  # the 2025 restructuring regime closed in 2025


def test_lower_norm_gives_surplus_a_roadmap_and_a_cost(scenario, world, people, by_name):
    choose(scenario, people.admin_a, norms={"CBCC": 4})
    scenario.refresh_from_db()
    totals = scenario.figures["totals"]
    # surplus 3: Minh retires in 2027 and Lan (a woman born 03/1972) in 2030, one to streamline
    assert (totals["surplus"], totals["by_retirement"], totals["to_streamline"]) == (3, 2, 1)
    picked = [p for p in scenario.figures["people"] if p["picked"]]
    assert [p["employee_code"] for p in picked] == [by_name["Dung"].employee_code]  # nearest retirement, code
    assert picked[0]["benefit"]["total"] > 0 and picked[0]["benefit"]["policy"] == "resignation"
    assert totals["streamlining_cost"] == picked[0]["benefit"]["total"]
    # the two heads: one post; the leaders keep their allowance 6 months ((0.50 + 0.30) / 2 × base)
    assert totals["leaders_losing_post"] == 1
    assert totals["allowance_cost"] == int(0.40 * 2_530_000 * 6)
    deferred = next(p for p in scenario.figures["people"] if p["employee_code"] == world.ngoc.employee_code)
    assert deferred["deferral"] == "TS" and not deferred["picked"]


def test_the_user_maps_a_position_elsewhere(scenario, world, people):
    key = position_by_code(scenario, "VT01")["key"]
    choose(scenario, people.admin_a, mapping={world.clerk2.pk: merges.OWN}, needed={key: 1}, codes={key: "VT-01"})
    scenario.refresh_from_db()
    codes = [(p["code"], [o["id"] for o in p["olds"]], p["needed"]) for p in scenario.figures["positions"]]
    assert ("VT-01", [world.clerk1.pk], 1) in codes
    assert ("VT02", [world.clerk2.pk], 2) in codes  # on its own, with its own code and number


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"norms": {"CBCC": 9}}, "norm-CBCC", ["CBCC (9)", "(8)", "không được vượt"]),
        ({"norms": {"CBCC": -1}}, "norm-CBCC", ["không được âm"]),
        ({"codes": "duplicate"}, "code-", ["LD01", "mỗi vị trí của đơn vị mới cần một mã riêng"]),
        ({"needed": "huge"}, "needed-", ["100000"]),
    ],
)
def test_bad_choices_are_refused_naming_the_field_and_nothing_is_written(scenario, people, changes, field, words):
    keys = [p["key"] for p in scenario.figures["positions"]]
    if changes.get("codes") == "duplicate":
        changes = {"codes": {keys[1]: "LD01"}}
    if changes.get("needed") == "huge":
        changes = {"needed": {keys[0]: 100_001}}
    before = MergeScenario.objects.values_list("catalogue", "norms", "figures").get(pk=scenario.pk)
    with pytest.raises(ValidationError) as caught:
        choose(scenario, people.admin_a, **changes)
    (name,) = [k for k in caught.value.message_dict if k.startswith(field)]
    message = " ".join(caught.value.message_dict[name])
    assert all(w in message for w in words), message
    assert MergeScenario.objects.values_list("catalogue", "norms", "figures").get(pk=scenario.pk) == before


@pytest.mark.parametrize(
    ("fields", "field", "words"),
    [
        ({"units": ["A1"]}, "units", ["ít nhất 2 đơn vị", "đang chọn 1"]),
        ({"units": ["A", "A1"], "new_parent": "P"}, "units", ["nằm trong", "Sở Nội vụ"]),
        ({"new_parent": "A1"}, "new_parent", ["Phòng Tổ chức, biên chế", "ngoài các đơn vị sáp nhập"]),
        ({"new_code": "000.00.01.H17"}, "new_code", ["000.00.01.H17", "đã là mã của một đơn vị"]),
        ({"new_code": "ab c"}, "new_code", ["35 ký tự"]),
        ({"effective_date": dt.date(2025, 3, 1)}, "effective_date", ["sau ngày bắt đầu", "01/03/2025"]),
    ],
)
def test_a_bad_selection_is_refused(world, tree, people, fields, field, words):
    for name in ("units", "new_parent"):
        if name in fields:
            codes = fields[name]
            fields[name] = [getattr(tree, c) for c in codes] if isinstance(codes, list) else getattr(tree, codes)
    if "effective_date" in fields:
        tree.A1.valid_from = dt.date(2025, 3, 1)
        tree.A1.save()
    with pytest.raises((ValidationError, PermissionDenied)) as caught:
        services.save_scenario(user=people.national, **merge_scenario_fields(tree, **fields))
    message = " ".join(caught.value.message_dict[field])
    assert all(w in message for w in words), message
    assert not MergeScenario.objects.exists()


def test_only_admins_of_the_common_parent_write(world, tree, people, scenario):
    for persona in ("hr_a", "manager_a", "hr_b"):
        with pytest.raises(PermissionDenied):
            services.save_scenario(user=getattr(people, persona), **merge_scenario_fields(tree, title="x"))
        with pytest.raises(PermissionDenied):
            services.recompute_scenario(user=getattr(people, persona), scenario=scenario)
        with pytest.raises(PermissionDenied):
            services.merge_organizations(scenario=scenario, user=getattr(people, persona))
    # A's admin may not put the new unit under the province: the common parent would be P
    with pytest.raises(PermissionDenied):
        services.save_scenario(user=people.admin_a, **merge_scenario_fields(tree, new_parent=tree.P))
    assert MergeScenario.objects.count() == 1
    assert not Organization.objects.filter(code=MERGE_CODE).exists()


def test_a_changed_unit_makes_the_scenario_stale_until_recomputed(scenario, tree, people, world):
    live = reads.live_data([tree.A1, tree.A2], MERGE_DATE)
    assert not reads.is_stale(scenario, live)
    make_position(tree.A2, "LX01", "Lái xe")  # a position added since: its own new position
    make_staff(tree.A1, "Ông Văn Mới")
    assert reads.is_stale(scenario, reads.live_data([tree.A1, tree.A2], MERGE_DATE))
    with pytest.raises(services.MergeError) as caught:
        services.merge_organizations(scenario=scenario, user=people.admin_a)
    assert "đã thay đổi sau khi phương án được tính" in caught.value.messages[0]
    assert services.recompute_scenario(user=people.admin_a, scenario=scenario) == []
    scenario.refresh_from_db()
    assert not reads.is_stale(scenario, reads.live_data([tree.A1, tree.A2], MERGE_DATE))
    assert "LX01" in [p["code"] for p in scenario.figures["positions"]]
    assert scenario.figures["totals"]["headcount"] == 8


# --------------------------------------------------------------------------- applying


def test_apply_moves_everything_in_one_go(scenario, world, tree, people, by_name):
    choose(scenario, people.admin_a, norms={"CBCC": 6})
    scenario.refresh_from_db()
    plan = services.merge_organizations(scenario=scenario, user=people.admin_a)

    new = Organization.objects.get(code=MERGE_CODE)
    assert (new.parent, new.valid_from, new.valid_to, new.kind) == (tree.A, MERGE_DATE, None, "PHONG")
    assert set(new.predecessors.all()) == {tree.A1, tree.A2}
    for old in (tree.A1, tree.A2):
        old.refresh_from_db()
        assert old.valid_to == CLOSE
        assert list(old.successors.all()) == [new]
    # the first old position of each new one moves, with its descriptions' history
    moved = {p.code: p for p in Position.objects.filter(organization=new)}
    assert {c: p.pk for c, p in moved.items()} == {
        "LD01": world.head1.pk,
        "VT01": world.clerk1.pk,
        "KT01": world.accountant.pk,
        "PC01": world.legal.pk,
    }
    assert moved["VT01"].headcount == 3
    assert list(moved["VT01"].descriptions.order_by("version").values_list("version", "status")) == [
        (1, "approved"),
        (2, "draft"),
    ]
    assert moved["PC01"].descriptions.count() == 1
    # the merged-away positions stay with the old unit (closed), their open assignments moved
    assert Position.objects.get(pk=world.head2.pk).organization == tree.A2
    khoa = list(Assignment.objects.filter(staff=world.khoa).order_by("start_date").values_list("position", "end_date"))
    assert khoa == [(world.head2.pk, CLOSE), (world.head1.pk, None)]
    assert Assignment.objects.get(staff=world.khoa, end_date=None).start_date == MERGE_DATE
    lan = list(Assignment.objects.filter(staff=world.lan).order_by("start_date").values_list("position", "end_date"))
    assert lan == [(world.clerk2.pk, CLOSE), (world.clerk1.pk, None)]
    # an assignment starting after the merge date is re-pointed, not split
    assert list(Assignment.objects.filter(staff=world.ngoc).values_list("position", "start_date", "end_date")) == [
        (world.clerk1.pk, dt.date(2026, 10, 1), None)
    ]
    # the working staff of both units moved; the subtrees' other people did not
    names = ("Dung", "Em", "Giang")
    others = (world.khoa, world.lan, world.minh, world.ngoc)
    assert set(Staff.objects.filter(organization=new)) == {*(by_name[n] for n in names), *others}
    assert len(plan.staff_moved) == 7
    assert Staff.objects.get(pk=by_name["An"].pk).organization == tree.A
    # quotas: before the merge year with the old units, from it the new unit's norm (decision)
    quotas = sorted(
        Quota.objects.filter(organization__in=[tree.A1, tree.A2, new]).values_list(
            "organization__code", "year", "assigned", "decision_number"
        )
    )
    assert quotas == [
        (tree.A1.code, 2021, 6, "01/QĐ"),
        (tree.A2.code, 2021, 5, "01/QĐ"),
        (MERGE_CODE, 2026, 6, "15/QĐ-UBND"),
        (MERGE_CODE, 2027, 6, "15/QĐ-UBND"),
    ]
    scenario.refresh_from_db()
    assert (scenario.status, scenario.result, scenario.applied_by) == (MergeStatus.APPLIED, new, people.admin_a)
    # audited: who applied what, and every person and assignment moved
    entry = LogEntry.objects.get_for_object(scenario).filter(additional_data__has_key="summary").get()
    assert entry.actor == people.admin_a
    assert entry.additional_data["summary"]["organization"]["code"] == MERGE_CODE
    staff_entries = LogEntry.objects.filter(content_type__model="staff", additional_data__merge_scenario=scenario.pk)
    assert staff_entries.count() == 7
    assert (
        LogEntry.objects.filter(content_type__model="assignment", additional_data__merge_scenario=scenario.pk).count()
        == 5
    )
    # applied once
    with pytest.raises(services.MergeError) as caught:
        services.merge_organizations(scenario=scenario, user=people.admin_a)
    assert "đã được áp dụng" in caught.value.messages[0]


def test_the_reduction_report_of_the_new_unit_takes_the_predecessors_base(scenario, world, tree, people):
    choose(scenario, people.admin_a, norms={"CBCC": 6})
    services.merge_organizations(scenario=scenario, user=people.admin_a)
    new = Organization.objects.get(code=MERGE_CODE)
    report = reduction_report(org=new, rule_set_code="KL40-2022", as_of=dt.date(2026, 10, 1), forecast=False)
    (row,) = report.rows
    assert (row.organization, row.category) == (MERGE_CODE, "CBCC")
    assert row.base_from_predecessors and set(row.base_sources) == {tree.A1.code, tree.A2.code}
    assert (row.base_assigned, row.current_assigned, row.achieved) == (11, 6, 5)
    # and the old unit's report still opens (its own rows, up to the day it closed)
    old = reduction_report(org=tree.A1, rule_set_code="KL40-2022", as_of=dt.date(2026, 10, 1), forecast=False)
    assert [r.base_assigned for r in old.rows] == [6]


def test_a_dry_run_writes_nothing(scenario, world, people):
    before = live_tables()
    plan = services.merge_organizations(scenario=scenario, user=people.admin_a, dry_run=True)
    assert plan.summary(dry_run=True)["dry_run"] is True
    assert live_tables() == before
    scenario.refresh_from_db()
    assert scenario.status == MergeStatus.DRAFT


def test_a_code_clash_found_while_writing_rolls_everything_back(scenario, world, tree, people, monkeypatch):
    """Two new positions with the same code get past the checks (switched off here): the second
    move breaks the database's unique constraint after the new unit, positions and staff were
    written. Nothing stays, and the message says so without the database's words."""
    monkeypatch.setattr(merges, "check_catalogue", lambda *args, **kwargs: [])
    key = position_by_code(scenario, "PC01")["key"]
    choose(scenario, people.admin_a, codes={key: "KT01"})  # PC01 renamed to KT01: a clash
    scenario.refresh_from_db()
    before = live_tables()
    entries = LogEntry.objects.count()
    with pytest.raises(services.MergeError) as caught:
        services.merge_organizations(scenario=scenario, user=people.admin_a)
    assert "trùng mã vị trí" in caught.value.messages[0]
    assert "UNIQUE" not in caught.value.messages[0] and "duplicate key" not in caught.value.messages[0]
    assert live_tables() == before
    assert LogEntry.objects.count() == entries
    scenario.refresh_from_db()
    assert scenario.status == MergeStatus.DRAFT and scenario.result is None


def test_a_quota_that_no_longer_nests_is_refused_and_rolled_back(scenario, world, tree, people):
    """A's 2026 quota lowered to 7 after the scenario was computed (A1 4 + A2 4 already exceed
    it, which the check leaves alone): the new unit's 8 would exceed it: refused at the end."""
    Quota.objects.filter(organization=tree.A, year=2026).update(assigned=7)
    before = live_tables()
    with pytest.raises(services.MergeError) as caught:
        services.merge_organizations(scenario=scenario, user=people.admin_a)
    assert "vượt quá biên chế của Sở Nội vụ" in " ".join(caught.value.messages)
    assert live_tables() == before


def test_the_merge_decision_is_required_when_the_new_unit_gets_a_quota(world, tree, people):
    scenario = services.save_scenario(
        user=people.admin_a, **merge_scenario_fields(tree, decision_number="", decision_date=None)
    )
    with pytest.raises(services.MergeError) as caught:
        services.merge_organizations(scenario=scenario, user=people.admin_a)
    assert "số và ngày của quyết định sáp nhập" in caught.value.messages[0]


def test_units_without_quotas_merge_without_one(tree, people, by_name):
    """Two divisions covered by their department's quota: the norm is checked against their
    headcount and the new unit gets no quota (no decision needed)."""
    make_org("000.07.01.H17", "Phòng Bảy", parent=tree.A)
    seven = Organization.objects.get(code="000.07.01.H17")
    make_staff(seven, "Người Bảy")
    scenario = services.save_scenario(
        user=people.admin_a,
        **merge_scenario_fields(tree, units=[tree.A1, seven], decision_number="", decision_date=None),
    )
    (cbcc,) = scenario.figures["categories"]
    assert (cbcc["holds_quota"], cbcc["headcount"], cbcc["ceiling"]) == (False, 4, 4)
    plan = services.merge_organizations(scenario=scenario, user=people.admin_a)
    assert plan.quotas_created == [] and not Quota.objects.filter(organization__code=MERGE_CODE).exists()


def test_child_units_move_under_the_new_unit(scenario, world, tree, people):
    team = make_org("000.01.09.H17", "Tổ Văn thư", parent=tree.A1)
    services.recompute_scenario(user=people.admin_a, scenario=scenario)
    services.merge_organizations(scenario=scenario, user=people.admin_a)
    team.refresh_from_db()
    assert team.parent.code == MERGE_CODE and team.path == f"{tree.P.path}{tree.A.code}/{MERGE_CODE}/{team.code}/"
    assert team.valid_to is None


def test_a_later_quota_of_a_category_without_a_current_one_moves_as_it_is(scenario, world, tree, people):
    """A2 holds a VC quota for 2027 only (granted ahead): it is not lost, it moves to the new unit."""
    make_quota(tree.A2, 2, year=2027, category="VC")
    services.recompute_scenario(user=people.admin_a, scenario=scenario)
    plan = services.merge_organizations(scenario=scenario, user=people.admin_a)
    assert (2027, "VC", 2) in plan.quotas_created
    assert Quota.objects.get(organization__code=MERGE_CODE, year=2027, category="VC").assigned == 2


# --------------------------------------------------------------------------- the merge rules are data


def test_the_merge_rules_in_force_come_from_the_database(db):
    rules = rulesets.merge_rules(MERGE_DATE)
    assert (rules.resolution_years, rules.leader_allowance_months) == (5, 6)
    assert rules.basis == "ND178-2024" and rules.verified is False  # to be checked against the texts


def test_no_merge_rules_before_their_legal_basis_is_in_force(db):
    with pytest.raises(rulesets.RuleSetError) as error:
        rulesets.merge_rules(dt.date(2024, 6, 1))
    assert "01/06/2024" in error.value.message and "ND178-2024 (01/01/2025)" in error.value.message


def test_a_scenario_follows_the_merge_rules_a_national_admin_edits(world, tree, people):
    MergeRuleSet.objects.filter(legal_document__code="ND178-2024").update(resolution_years=3, leader_allowance_months=4)
    scenario = services.save_scenario(user=people.admin_a, **merge_scenario_fields(tree))
    assert scenario.figures["years"] == [MERGE_DATE.year, MERGE_DATE.year + 1, MERGE_DATE.year + 2]
    assert list(scenario.figures["roadmap"]) == [str(y) for y in scenario.figures["years"]]
    assert scenario.figures["rules"]["leader_allowance_months"] == 4
