"""Builders of the staffing tests: positions, assignments and quotas on the persona tree of
tests/conftest.py (P Đà Nẵng ⊃ A Sở Nội vụ ⊃ A1, A2, A3; B Sở Tài chính)."""

import datetime
from decimal import Decimal

import pytest

from positions.models import Position, PositionGroup, Rank, RankKind
from staffing.models import Assignment, AssignmentKind, Quota

TODAY = datetime.date.today()
LONG_AGO = datetime.date(2020, 1, 1)


def group(code="CMNV"):
    return PositionGroup.objects.get_or_create(
        code=code, defaults={"name": {"CMNV": "Chuyên môn, nghiệp vụ"}.get(code, code), "order": 2}
    )[0]


def make_position(org, code="VT01", name="Văn thư", *, headcount=1, **fields) -> Position:
    position = Position(organization=org, code=code, name=name, group=fields.pop("group", None) or group(), **fields)
    position.headcount = headcount
    position.save()
    return position


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


@pytest.fixture
def by_name(staff):
    """The persona staff by given name: by_name["An"], ["Bình"], ["Cường"] (retired) in A;
    ["Dung"], ["Em"], ["Giang"] in A1; ["Hải"] in B."""
    return {s.full_name.split()[-1]: s for s in staff}
