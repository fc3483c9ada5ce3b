"""The ``staff`` sheet's positions (staffing/sheets/staff.py, docs/import-format.md): a primary
position change closes the old assignment the day before, concurrent positions get a tenth each
and the primary one the rest, and the rules of concurrent positions.

Tree (tests/conftest.py): P 000.00.00.H17 ⊃ A 000.00.01.H17 ⊃ {A1, A2, A3}, P ⊃ B 000.00.02.H17;
M 000.00.00.G12 another root. Persona staff: 3 in A (one retired), 3 in A1, 1 in B. The rows and
checks the three files share (staff_row, staff_sheet, import_staff …) are in tests/builders.py.
"""

import datetime as dt
from decimal import Decimal

import pytest
from auditlog.models import LogEntry

from staffing.models import Assignment
from tests.builders import (
    LONG_AGO,
    error_cells,
    held_positions,
    import_staff,
    import_staff_rejected,
    make_assignment,
    make_position,
    make_sheet_positions,
    sheet_errors,
    staff_row,
)

pytestmark = pytest.mark.django_db

A, A1, M = "000.00.01.H17", "000.01.01.H17", "000.00.00.G12"
TODAY = dt.date.today()
YESTERDAY = TODAY - dt.timedelta(days=1)


@pytest.fixture
def posts(tree):
    """Positions: VT01, KT01, LD01 in A; TC01 in A1; KT01 in B (a code A has too)."""
    return make_sheet_positions(tree)


def test_primary_change_closes_the_old_one_the_day_before(tree, posts, by_name):
    an = by_name["An"]
    make_assignment(an, posts["VT01"], start=LONG_AGO)
    result = import_staff(
        staff_row(an.employee_code, full_name=an.full_name, date_of_birth="17/05/1980", position_code="KT01"),
        extra=("position_code",),
    )
    assert result.updated == 1
    closed = Assignment.objects.get(staff=an, position=posts["VT01"])
    assert (closed.start_date, closed.end_date) == (LONG_AGO, YESTERDAY)
    assert held_positions(an.employee_code) == [("KT01", "primary", Decimal("1.00"), TODAY)]
    log = LogEntry.objects.filter(content_type__model="staff", object_pk=str(an.pk)).latest("pk")
    assert log.changes == {"position": [f"{A}:VT01", f"{A}:KT01"]}
    # the same file again: nothing to do
    again = import_staff(
        staff_row(an.employee_code, full_name=an.full_name, date_of_birth="17/05/1980", position_code="KT01"),
        extra=("position_code",),
    )
    assert again.unchanged == 1
    # changed again on the same day: the assignment that started today moves, no empty history row
    import_staff(
        staff_row(an.employee_code, full_name=an.full_name, date_of_birth="17/05/1980", position_code="LD01"),
        extra=("position_code",),
    )
    assert held_positions(an.employee_code) == [("LD01", "primary", Decimal("1.00"), TODAY)]
    assert Assignment.objects.filter(staff=an).count() == 2
    # an empty position closes the primary one
    import_staff(
        staff_row(an.employee_code, full_name=an.full_name, date_of_birth="17/05/1980", position_code=""),
        extra=("position_code",),
    )
    assert held_positions(an.employee_code) == []


def test_concurrent_positions_get_a_tenth_and_the_primary_the_rest(tree, posts, by_name):
    an = by_name["An"]
    make_assignment(an, posts["VT01"], start=LONG_AGO)
    extra = ("position_code", "concurrent_position_codes")
    base = {"full_name": an.full_name, "date_of_birth": "17/05/1980", "position_code": "VT01"}
    result = import_staff(staff_row(an.employee_code, concurrent_position_codes="KT01; TC01", **base), extra=extra)
    assert sheet_errors(result) == [] and result.updated == 1
    assert held_positions(an.employee_code) == [
        ("KT01", "concurrent", Decimal("0.10"), TODAY),
        ("TC01", "concurrent", Decimal("0.10"), TODAY),
        ("VT01", "primary", Decimal("0.80"), TODAY),
    ]
    assert Assignment.objects.get(staff=an, end_date=YESTERDAY).position == posts["VT01"]  # the 1.0 share closed
    assert (
        import_staff(staff_row(an.employee_code, concurrent_position_codes="TC01;KT01", **base), extra=extra).unchanged
        == 1
    )
    # dropping one concurrent position: the primary keeps its 0.8 (the sum stays within 1)
    import_staff(staff_row(an.employee_code, concurrent_position_codes=f"{A1}:TC01", **base), extra=extra)
    assert [h[:3] for h in held_positions(an.employee_code)] == [
        ("TC01", "concurrent", Decimal("0.10")),
        ("VT01", "primary", Decimal("0.80")),
    ]
    assert sum(a.fte for a in Assignment.objects.filter(staff=an, end_date__isnull=True)) <= 1


def test_concurrent_position_rules(tree, posts, by_name):
    extra = ("position_code", "concurrent_position_codes")
    result = import_staff_rejected(
        staff_row("C1", position_code="VT01", concurrent_position_codes="VT01"),
        staff_row("C2", position_code="TC01"),  # a position of another unit as the primary one
        staff_row("C3", organization_code=A1, position_code="TC01", concurrent_position_codes="KT01"),  # in A and B
        staff_row("C4", position_code="VT01", concurrent_position_codes="KHONG"),
        staff_row("C5", position_code="VT01", concurrent_position_codes=f"{M}:X"),
        extra=extra,
    )
    assert error_cells(result) == [
        (2, "concurrent_position_codes"),
        (3, "position_code"),
        (4, "concurrent_position_codes"),
        (5, "concurrent_position_codes"),
        (6, "concurrent_position_codes"),
    ]
    assert "nhiều đơn vị" in result.errors[2].message
    ok = import_staff(
        staff_row("C3", organization_code=A1, position_code="TC01", concurrent_position_codes=f"{A}:KT01"),
        staff_row("C6", position_code="VT01", concurrent_position_codes="KT01;LD01;TC01"),
        extra=extra,
    )
    assert sheet_errors(ok) == [] and ok.created == 2
    assert [h[:3] for h in held_positions("C6")][-1] == ("VT01", "primary", Decimal("0.70"))
    many = [make_position(tree.A, f"K{i}", f"Kiêm {i}") for i in range(10)]
    too_many = import_staff_rejected(
        staff_row("C7", position_code="VT01", concurrent_position_codes=";".join(p.code for p in many)), extra=extra
    )
    assert error_cells(too_many) == [(2, "concurrent_position_codes")] and "FTE" in too_many.errors[0].message
    nine = import_staff(
        staff_row("C7", position_code="VT01", concurrent_position_codes=";".join(p.code for p in many[:8]) + ";KT01"),
        extra=extra,
    )
    assert nine.created == 1 and [h for h in held_positions("C7") if h[1] == "primary"][0][2] == Decimal("0.10")
