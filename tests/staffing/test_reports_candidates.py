"""staffing.reports.candidates: the candidate list of a subtree read from the database — who is on
it and why, the deferred, the excluded, the "cần bổ sung dữ liệu" section, the totals per case and
per unit, the rule set, base salary and retirement rule used; the command's JSON exactly; the
frozen snapshot JSON (stored and read back on both databases); bad input; and a number of queries
that does not grow with the people or units.

People are hand-made on the persona tree: Sở Nội vụ (A) and its divisions A1, A2; Sở Tài chính
(B), whose people never show on A's list."""

import datetime as dt
import json
from decimal import Decimal as D

import pytest

from staffing.models import CandidateSnapshot, StreamliningDecision, StreamliningExclusion
from staffing.reports.candidates import CandidateListError, candidate_list, parse_year
from tests.builders import make_annual_record, make_assignment, make_position, make_staff

pytestmark = pytest.mark.django_db

YEAR = 2026
AS_OF = dt.date(2026, 11, 15)


def test_the_list_of_a_subtree(tree, streamlining_world):
    lst = candidate_list(org=tree.A, year=YEAR, as_of=AS_OF)
    assert [c.employee_code for c in lst.candidates] == ["CB001", "CB002", "CB003", "CB004"]
    assert [c.cases for c in lst.candidates] == [("g", "h"), ("a",), ("e",), ("d",)]
    assert [c.employee_code for c in lst.deferred] == ["CB002"]
    assert [c.employee_code for c in lst.counted] == ["CB001", "CB003", "CB004"]
    assert [c.employee_code for c in lst.excluded] == ["CB005"]
    assert [(c.employee_code, [m.field for m in c.missing]) for c in lst.missing_data] == [
        ("CB003", ["salary_coefficient"]),
        ("CB006", ["insurance_years"]),
    ]
    assert [c.employee_code for c in lst.rows] == ["CB001", "CB002", "CB003", "CB004", "CB005", "CB006"]
    e = lst.candidates[2]
    assert e.reasons == ["Trình độ Cao đẳng thấp hơn yêu cầu Đại học của vị trí Chuyên viên văn thư"]
    d = lst.candidates[3].findings[0]
    assert d.decided and d.decision.decided_by == "Lê Quản Trị"  # admin_a's full name
    assert lst.excluded[0].person.exclusion.reason == "Đã điều động sang đơn vị khác"
    assert lst.excluded[0].person.exclusion.excluded_by == "hr_a"
    assert (lst.rules.code, lst.regime.code, lst.base_salary.amount, lst.retirement_rule_set) == (
        "ND154-2025",
        "ND154-2025",
        2_530_000,
        "ND135-2020",
    )
    assert lst.review_years == (2025, 2026)
    assert lst.empty_reason == ""


def test_the_totals_per_case_per_unit_and_the_cost(tree, streamlining_world):
    lst = candidate_list(org=tree.A, year=YEAR, as_of=AS_OF)
    one = lst.candidates[0].benefit.total
    four = lst.candidates[3].benefit.total
    assert one == 285_257_500
    t = lst.totals
    assert (t.candidates, t.deferred, t.excluded, t.missing_data, t.without_benefit) == (3, 1, 1, 2, 1)
    assert t.benefit == one + four
    by_case = {c.case: (c.people, c.benefit) for c in t.by_case}
    assert by_case["g"] == (1, one) and by_case["d"] == (1, four) and by_case["e"] == (1, 0)
    assert by_case["a"] == (0, 0)  # CB002 is deferred
    assert [(u.code, u.people, u.deferred, u.benefit) for u in t.by_unit] == [
        (tree.A.code, 1, 1, four),
        (tree.A1.code, 1, 0, one),
        (tree.A2.code, 1, 0, 0),
    ]


def test_the_command_json_exactly(tree, streamlining_world):
    data = candidate_list(org=tree.A1, year=YEAR, as_of=AS_OF).as_json()
    assert list(data) == ["organization", "rule_set", "year", "base_salary", "candidates", "totals"]
    assert data == {
        "organization": tree.A1.code,
        "rule_set": "ND154-2025",
        "year": 2026,
        "base_salary": 2_530_000,
        "candidates": [
            {
                "employee_code": "CB001",
                "cases": ["g", "h"],
                "deferred": False,
                "reasons": [
                    "Xếp loại Không hoàn thành nhiệm vụ năm 2025",
                    "Nghỉ ốm 45 ngày năm 2026, mức tối đa 40 ngày với 26 năm đóng BHXH",
                ],
                "retirement_date": "2029-04-30",
                "months_early": 29,
                "monthly_salary": 13_915_000,
                "benefit": {
                    "policy": "early_retirement",
                    "total": 285_257_500,
                    "items": {"per_year_early": 173_937_500, "insurance": 111_320_000},
                },
            }
        ],
        "totals": {"candidates": 1, "deferred": 0, "benefit": 285_257_500},
    }


def test_the_base_salary_in_force_on_the_as_of_date(tree, streamlining_world):
    before = candidate_list(org=tree.A1, year=YEAR, as_of=dt.date(2026, 6, 30))
    assert before.base_salary.amount == 2_340_000
    assert before.candidates[0].monthly_salary == 12_870_000  # 5.50 × 2,340,000


def test_the_snapshot_json_is_stored_and_read_back_unchanged(tree, people, streamlining_world):
    lst = candidate_list(org=tree.A, year=YEAR, as_of=AS_OF)
    data, totals = lst.snapshot_data(), lst.snapshot_totals()
    assert json.loads(json.dumps(data)) == data  # JSON only: no dates, decimals or lazy strings
    snap = CandidateSnapshot.objects.create(
        organization=tree.A,
        year=YEAR,
        number=1,
        as_of=AS_OF,
        rule_set_code=lst.rules.code,
        benefit_rule_set_code=lst.regime.code,
        base_salary=lst.base_salary.amount,
        created_by=people.hr_a,
        data=data,
        totals=totals,
    )
    snap.refresh_from_db()
    assert (snap.data, snap.totals) == (data, totals)
    assert data["schema"] == 1 and data["review_years"] == [2025, 2026]
    assert data["benefit_regime"]["parameters"]["per_year_early"] == "5"
    assert data["rule_set"]["sick_leave"][1] == {
        "insurance_years_min": "15",
        "insurance_years_below": "30",
        "heavy_work": False,
        "max_days": 40,
    }
    rows = {r["employee_code"]: r for r in data["rows"]}
    assert list(rows) == ["CB001", "CB002", "CB003", "CB004", "CB005", "CB006"]
    one = rows["CB001"]
    assert one["status"] == "candidate" and one["unit"] == {"code": tree.A1.code, "name": tree.A1.name}
    assert one["salary"]["coefficient"] == "5.5" and one["salary"]["monthly_salary"] == 13_915_000
    assert one["records"] == [
        {"year": 2025, "rating": "KHTNV", "sick_days": 3},
        {"year": 2026, "rating": "HTNV", "sick_days": 45},
    ]
    assert one["findings"][1]["data"]["max_days"] == 40
    assert one["benefit"]["lines"][1]["basis"] == "(5 + 0,5 × 6) × S với 26 năm đóng BHXH"
    assert rows["CB002"]["status"] == "deferred" and rows["CB002"]["deferral"] == "TS"
    assert rows["CB003"]["position"]["required_training_level"] == "DH"
    assert rows["CB003"]["benefit"] is None and "hệ số lương" in rows["CB003"]["benefit_missing"]
    assert rows["CB004"]["findings"][0]["note"] == "Quyết định 12/QĐ-SNV rà soát nhân sự"
    assert rows["CB005"]["status"] == "excluded" and rows["CB005"]["exclusion"]["excluded_by"] == "hr_a"
    assert rows["CB006"]["status"] == "missing_data" and rows["CB006"]["missing"][0]["case"] == "h"
    assert totals["by_case"]["g"] == {"people": 1, "benefit": 285_257_500}
    assert data["unverified"]  # the đ–h lettering and two Decree 154 parameters are (verify)


def test_a_year_without_ratings_gives_an_empty_list_that_says_why(tree, streamlining_world):
    lst = candidate_list(org=tree.A, year=2029, as_of=AS_OF)
    assert lst.candidates == [] and lst.totals.candidates == 0
    assert lst.empty_reason.startswith("Chưa có xếp loại chất lượng năm 2028, 2029 của cán bộ nào trong Sở Nội vụ")
    assert lst.as_json()["candidates"] == []


@pytest.mark.parametrize(
    ("year", "message"),
    [
        (
            2031,
            "Năm xét 2031 không thuộc giai đoạn của bộ quy tắc xét tinh giản biên chế nào;"
            " hiện có: ND154-2025 (2025–2030).",
        ),
        (2024, "Năm xét 2024 không thuộc giai đoạn"),
    ],
)
def test_a_year_outside_the_rule_set_is_refused(tree, year, message):
    with pytest.raises(CandidateListError) as info:
        candidate_list(org=tree.A, year=year, as_of=AS_OF)
    assert info.value.message.startswith(message)


@pytest.mark.parametrize("value", ["20x6", "26", "", "2026.0", "1999", "２０２６"])
def test_a_year_that_is_not_a_year_is_refused(value):
    with pytest.raises(CandidateListError) as info:
        parse_year(value)
    assert info.value.message.startswith(f"Năm xét “{value}” không phải là một năm")


def test_no_base_salary_on_the_as_of_date_is_refused(tree, streamlining_world):
    with pytest.raises(CandidateListError) as info:
        candidate_list(org=tree.A, year=2025, as_of=dt.date(2024, 6, 30))
    assert info.value.message == "Không có mức lương cơ sở áp dụng ngày 30/06/2024."


def _many(tree, n):
    """n candidates over A and its three divisions, each with a position, records, a decision
    and an exclusion for some."""
    units = [tree.A, tree.A1, tree.A2, tree.A3]
    post = make_position(tree.A, f"P{n}", "Chuyên viên", required_training_level="DH")
    for i in range(n):
        s = make_staff(
            units[i % 4],
            employee_code=f"N{n:02d}{i:03d}",
            redundant=i % 2 == 0,
            training_level="CD",
            salary_coefficient=D("3.00"),
            insurance_years=D(10 + i % 25),
            deferral="KL" if i % 7 == 0 else "",
        )
        make_assignment(s, post)
        make_annual_record(s, 2025, "KHTNV" if i % 3 == 0 else "HTNV", 10 + i)
        make_annual_record(s, 2026, "HTNV", i)
        if i % 5 == 0:
            StreamliningDecision.objects.create(staff=s, year=YEAR, case="c", note="Thôi giữ chức vụ")
        if i % 6 == 1:
            StreamliningExclusion.objects.create(staff=s, year=YEAR, reason="Lý do riêng")


@pytest.mark.parametrize("n", [3, 30])
def test_a_constant_number_of_queries(tree, django_assert_num_queries, n):
    _many(tree, n)
    # rule set 3, retirement 1, base salary 1, ratings exist 1, positions 1, records 1,
    # decisions 1, exclusions 1, children 1, staff 1
    with django_assert_num_queries(12):
        lst = candidate_list(org=tree.A, year=YEAR, as_of=AS_OF)
    assert len(lst.rows) == n
