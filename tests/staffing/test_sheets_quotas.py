"""The ``quotas`` sheet (staffing/sheets/quotas.py) on the import engine (docs/import-format.md; issue 4
"Bad input"), on SQLite and PostgreSQL: created/updated/unchanged, values, the nesting rule
(docs/rules.md §2) inside and outside a scope, export then re-import.

Tree (tests/conftest.py): P 000.00.00.H17 ⊃ A 000.00.01.H17 ⊃ {A1, A2, A3}, P ⊃ B 000.00.02.H17;
M 000.00.00.G12 another root.
"""

import datetime as dt

import pytest
from auditlog.models import LogEntry

from imports.exporting import export_bytes
from imports.jobs import run_import
from staffing.models import Quota
from tests.builders import csv_bytes, make_quota

pytestmark = pytest.mark.django_db

P, A, B = "000.00.00.H17", "000.00.01.H17", "000.00.02.H17"
TODAY = dt.date.today()


def dmy(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


def run(rows, name="quotas.csv", **kwargs):
    data = rows if isinstance(rows, bytes) else csv_bytes(rows)
    return run_import(kind="quotas", data=data, file_name=name, **kwargs)


def errors_of(result) -> list[tuple]:
    return [(e.row, e.column, e.message) for e in result.errors]


def cells(result) -> list[tuple]:
    return [(e.row, e.column) for e in result.errors]


def snapshot():
    return (
        sorted(Quota.objects.values_list("organization__code", "year", "category", "assigned", "decision_number")),
        LogEntry.objects.exclude(content_type__model="importjob").count(),
    )


def rejected(rows, **kwargs):
    before = snapshot()
    result = run(rows, **kwargs)
    assert result.error_count > 0 and not result.written
    assert snapshot() == before
    return result


QUOTA = ["Mã đơn vị", "Năm", "Loại biên chế", "Số được giao", "Số quyết định", "Ngày quyết định", "Cơ quan ban hành"]


def quota(org_code, year=2025, category="CBCC"):
    return Quota.objects.get(organization__code=org_code, year=year, category=category)


def test_quotas_created_updated_and_unchanged(tree):
    result = run(
        [
            QUOTA,
            [P, "2025", "CBCC", "100", "12/QĐ-UBND", "20/12/2024", "UBND thành phố"],
            [A, "2025", "Cán bộ, công chức", "60", "13/QĐ-UBND", "2024-12-21", ""],
            [A, "2025", "vc", "15", "13/QĐ-UBND", "45647", ""],
        ],
    )
    assert errors_of(result) == [] and (result.created, result.updated, result.unchanged) == (3, 0, 0)
    a = quota(A)
    assert (a.assigned, a.decision_number, a.decision_date, a.issuer) == (60, "13/QĐ-UBND", dt.date(2024, 12, 21), "")
    assert quota(A, category="VC").decision_date == dt.date(2024, 12, 21)  # Excel serial
    result = run(
        [
            ["organization_code", "year", "category", "assigned", "decision_number", "decision_date"],
            [P, "2025", "CBCC", "100", "12/QĐ-UBND", "20/12/2024"],
            [A, "2025", "CBCC", "65", "14/QĐ-UBND", "10/01/2025"],
        ],
    )
    assert (result.created, result.updated, result.unchanged) == (0, 1, 1)
    assert quota(P).issuer == "UBND thành phố"  # column absent: kept
    log = LogEntry.objects.filter(content_type__model="quota", object_pk=str(a.pk)).latest("pk")
    assert log.changes["assigned"] == [60, 65] and log.changes["decision_number"] == ["13/QĐ-UBND", "14/QĐ-UBND"]


def test_quota_key_twice_names_both_rows(tree):
    result = rejected(
        [
            QUOTA,
            [A, "2025", "CBCC", "10", "1/QĐ", "01/01/2025", ""],
            [A, "2025", "CBCC", "12", "2/QĐ", "01/01/2025", ""],
        ],
    )
    [(row, column, message)] = errors_of(result)
    assert row == 3 and "dòng 2" in message and "dòng 3" in message


def test_quota_values(tree):
    result = rejected(
        [
            QUOTA,
            [A, "1999", "CBCC", "10", "1/QĐ", "01/01/2025", ""],
            [A, "2025", "CCVC", "10", "1/QĐ", "01/01/2025", ""],
            [A, "2025", "VC", "-1", "1/QĐ", "01/01/2025", ""],
            [A, "2025", "HD", "10", "", "01/01/2025", ""],
            [A, "2024", "HD", "10", "1/QĐ", "", ""],
            [A, "2023", "HD", "10", "1/QĐ", dmy(TODAY + dt.timedelta(days=3)), ""],
        ],
    )
    assert cells(result) == [
        (2, "Năm"),
        (3, "Loại biên chế"),
        (4, "Số được giao"),
        (5, "Số quyết định"),
        (6, "Ngày quyết định"),
        (7, "Ngày quyết định"),
    ]
    assert "CBCC (Cán bộ, công chức)" in result.errors[1].message


def test_nesting_violation_names_the_rows_and_writes_nothing(tree):
    make_quota(tree.P, 100)
    result = rejected(
        [
            QUOTA,
            [A, "2025", "CBCC", "70", "1/QĐ", "01/01/2025", ""],
            [B, "2025", "CBCC", "40", "2/QĐ", "01/01/2025", ""],
        ],
    )
    assert cells(result) == [(2, "Số được giao"), (3, "Số được giao")]
    message = result.errors[0].message
    assert "dòng 2: 70" in message and "dòng 3: 40" in message and "110" in message and "100" in message
    assert f"Thành phố Đà Nẵng ({P}, đã có trên cổng)" in message
    # the parent in the file, its child stored
    make_quota(tree.A, 60)
    result = rejected([QUOTA, [P, "2025", "CBCC", "50", "3/QĐ", "01/01/2025", ""]])
    assert cells(result) == [(2, "Số được giao")]
    assert f"Sở Nội vụ ({A}, đã có trên cổng): 60" in result.errors[0].message
    # within the limits: accepted
    ok = run([QUOTA, [P, "2025", "CBCC", "90", "3/QĐ", "01/01/2025", ""], [B, "2025", "CBCC", "30", "", "", ""]])
    assert cells(ok) == [(3, "Số quyết định"), (3, "Ngày quyết định")]
    ok = run(
        [QUOTA, [P, "2025", "CBCC", "90", "3/QĐ", "01/01/2025", ""], [B, "2025", "CBCC", "30", "4", "01/01/2025", ""]],
    )
    assert errors_of(ok) == [] and (ok.updated, ok.created) == (1, 1)


def test_nesting_in_a_scope_gives_only_what_remains_outside_it(tree):
    """Issue 11 item 15: a parent outside the scope is not named, nor its total, nor its other
    children: only what remains to give (100 − 40)."""
    make_quota(tree.P, 100)
    make_quota(tree.B, 40)
    result = rejected([QUOTA, [A, "2025", "CBCC", "70", "1/QĐ", "01/01/2025", ""]], scope_org=tree.A)
    message = result.errors[0].message
    assert "dòng 2: 70" in message and "vượt quá phần còn lại có thể giao: 60." in message
    assert B not in message and "Tài chính" not in message
    assert P not in message and "Đà Nẵng" not in message and "100" not in message and "40" not in message
    assert run([QUOTA, [A, "2025", "CBCC", "60", "1/QĐ", "01/01/2025", ""]], scope_org=tree.A).created == 1


def test_a_stored_violation_does_not_block_other_quotas(tree):
    make_quota(tree.P, 10)
    make_quota(tree.A, 20)  # stored before the rule was checked
    assert run([QUOTA, [A, "2025", "VC", "5", "1/QĐ", "01/01/2025", ""]]).created == 1


def test_quota_organisation_outside_the_scope_reads_like_an_unknown_one(tree):
    outside = rejected([QUOTA, [B, "2025", "CBCC", "1", "1/QĐ", "01/01/2025", ""]], scope_org=tree.A)
    unknown = rejected([QUOTA, ["X.1", "2025", "CBCC", "1", "1/QĐ", "01/01/2025", ""]], scope_org=tree.A)
    assert outside.errors[0].message.replace(B, "?") == unknown.errors[0].message.replace("X.1", "?")


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_quota_export_then_reimport_changes_nothing(tree, fmt):
    make_quota(tree.P, 100)
    make_quota(tree.A, 60, number="=HYPERLINK(1)")
    make_quota(tree.A1, 20, category="HD", year=2026)
    data = export_bytes(kind="quotas", fmt=fmt)
    result = run(data, f"q.{fmt}")
    assert errors_of(result) == [] and (result.unchanged, result.updated, result.created) == (3, 0, 0)
    result = run(export_bytes(kind="quotas", fmt=fmt, scope_org=tree.A), f"a.{fmt}", scope_org=tree.A)
    assert errors_of(result) == [] and result.unchanged == 2
