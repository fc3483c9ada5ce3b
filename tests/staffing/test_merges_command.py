"""``manage.py merge_organizations --scenario ID [--dry-run]`` (docs/commands.md): the JSON
summary, the dry run that writes nothing, exit 1 for a refused scenario (nothing written), exit 2
for one that does not exist."""

import json

import pytest

from portal.models import Organization
from staffing import services
from staffing.models import MergeStatus
from tests.builders import MERGE_CODE, live_tables, make_merge_world, make_staff, manage, merge_scenario_fields


@pytest.fixture
def scenario(tree, by_name, people):
    make_merge_world(tree, by_name)
    return services.save_scenario(user=people.admin_a, **merge_scenario_fields(tree))


def test_apply_prints_the_summary(scenario, tree):
    code, out, err = manage("merge_organizations", "--scenario", scenario.pk)
    assert code == 0, err
    summary = json.loads("".join(out))
    assert list(summary) == [
        "scenario",
        "dry_run",
        "organization",
        "closed",
        "children_moved",
        "positions",
        "assignments_moved",
        "staff_moved",
        "quotas",
    ]
    assert summary["dry_run"] is False
    assert summary["organization"] == {
        "code": MERGE_CODE,
        "name": "Phòng Tổ chức – Hành chính",
        "kind": "PHONG",
        "parent": tree.A.code,
        "valid_from": "2026-09-01",
        "predecessors": [tree.A1.code, tree.A2.code],
    }
    assert summary["closed"] == [
        {"code": tree.A1.code, "valid_to": "2026-08-31"},
        {"code": tree.A2.code, "valid_to": "2026-08-31"},
    ]
    assert summary["positions"]["merged"] == [
        {"from": f"{tree.A2.code}/LD01", "into": "LD01"},
        {"from": f"{tree.A2.code}/VT02", "into": "VT01"},
    ]
    assert (summary["assignments_moved"], summary["staff_moved"]) == (3, 7)
    assert summary["quotas"]["created"] == [
        {"year": 2026, "category": "CBCC", "assigned": 8},
        {"year": 2027, "category": "CBCC", "assigned": 8},
    ]
    assert {q["organization"] for q in summary["quotas"]["removed"]} == {tree.A1.code, tree.A2.code}
    assert "Đã sáp nhập" in err
    scenario.refresh_from_db()
    assert scenario.status == MergeStatus.APPLIED and scenario.applied_by is None  # the operator
    assert Organization.objects.filter(code=MERGE_CODE).exists()


def test_dry_run_writes_nothing(scenario):
    before = live_tables()
    code, out, err = manage("merge_organizations", "--scenario", scenario.pk, "--dry-run")
    assert code == 0, err
    assert json.loads("".join(out))["dry_run"] is True
    assert "Chạy thử" in err
    assert live_tables() == before
    scenario.refresh_from_db()
    assert scenario.status == MergeStatus.DRAFT


def test_a_refused_scenario_exits_1_and_writes_nothing(scenario, tree):
    make_staff(tree.A1, "Người Mới")  # the live data changed: recompute first
    before = live_tables()
    code, out, err = manage("merge_organizations", "--scenario", scenario.pk)
    assert code == 1 and out == []
    assert "đã thay đổi sau khi phương án được tính" in err
    assert live_tables() == before


def test_an_applied_scenario_exits_1(scenario):
    assert manage("merge_organizations", "--scenario", scenario.pk)[0] == 0
    code, _out, err = manage("merge_organizations", "--scenario", scenario.pk)
    assert code == 1 and "đã được áp dụng" in err


@pytest.mark.parametrize(("value", "words"), [("99999", "Không có phương án sáp nhập số 99999"), ("x1", "“x1”")])
def test_an_unknown_scenario_exits_2(db, value, words):
    code, out, err = manage("merge_organizations", "--scenario", value)
    assert code == 2 and out == [] and words in err
