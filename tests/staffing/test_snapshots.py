"""staffing.snapshots, pure (no database): a frozen candidate list read for the pages (sections,
labels, the benefit's item columns, totals per case) and two saved lists compared (who was added,
who dropped out and why, whose cases, deferral, policy, salary or amount changed, the totals
before and after). The rows are the snapshot JSON's (staffing.reports.candidates), written by
hand here."""

import datetime as dt

from staffing.snapshots import absent_codes, compare, list_view, money


def row(code, status="candidate", cases=("g",), total=100_000_000, salary=10_000_000, **extra):
    findings = [{"case": c, "reason": f"Lý do {c}", "decided": c in "bcdđ", "data": {}} for c in cases]
    for f in findings:
        if f["decided"]:
            f.update(note="QĐ 12/QĐ-SNV", decided_by="Lê Quản Trị", decided_at="2026-11-02T09:30:00+07:00")
    benefit = (
        {
            "regime": "ND154-2025",
            "policy": "resignation",
            "total": total,
            "items": {"lump_sum": 30_000_000, "per_insured_year": total - 30_000_000},
            "lines": [
                {"key": "lump_sum", "factor": "3", "amount": 30_000_000, "basis": "3 × S"},
                {"key": "per_insured_year", "factor": "7", "amount": total - 30_000_000, "basis": "…"},
            ],
        }
        if total is not None
        else None
    )
    base = {
        "employee_code": code,
        "full_name": f"Người {code}",
        "date_of_birth": "1980-05-17",
        "birth_year_only": False,
        "sex": "F",
        "category": "CC",
        "organization": {"code": "A", "name": "Sở Nội vụ"},
        "unit": {"code": "A1", "name": "Phòng Tổ chức"},
        "position": None,
        "training_level": "CD",
        "rank": None,
        "salary_step": 3,
        "salary": {
            "coefficient": "3.33",
            "leadership_allowance": "0.3",
            "other_allowance": "0",
            "seniority_percent": "5",
            "allowance_percent": "0",
        },
        "insurance_years": "22.5",
        "status": status,
        "cases": list(cases),
        "reasons": [f["reason"] for f in findings],
        "findings": findings,
        "missing": [],
        "deferral": "TS" if status == "deferred" else "",
        "deferral_reason": "Hoãn xét tinh giản: Mang thai" if status == "deferred" else "",
        "exclusion": None,
        "retirement_date": "2040-05-31",
        "months_early": 160,
        "monthly_salary": salary,
        "benefit": benefit,
        "benefit_missing": "" if benefit else "Chưa tính được tiền lương tháng: thiếu hệ số lương",
    }
    base.update(extra)
    return base


def data(*rows):
    return {
        "schema": 1,
        "benefit_regime": {"code": "ND154-2025", "formula": "ND154"},
        "as_of": "2026-11-15",
        "rows": list(rows),
    }


def totals(candidates=0, deferred=0, excluded=0, missing=0, benefit=0, **by_case):
    return {
        "candidates": candidates,
        "deferred": deferred,
        "excluded": excluded,
        "missing_data": missing,
        "benefit": benefit,
        "by_case": {c: {"people": n, "benefit": 0} for c, n in by_case.items()},
    }


EXCLUDED = {"reason": "Đã điều động", "excluded_by": "hr_a", "excluded_at": "2026-11-20T10:00:00+07:00"}


# --------------------------------------------------------------------------- reading a list


def test_the_sections_of_a_list():
    view = list_view(
        data(
            row("C1"),
            row("C2", status="deferred", cases=("a",)),
            row("C3", status="excluded", exclusion=EXCLUDED),
            row("C4", status="missing_data", cases=(), total=None, missing=[{"case": "h", "message": "thiếu BHXH"}]),
            row("C5", total=None, missing=[{"case": "", "message": "thiếu hệ số lương"}]),
        ),
        totals(),
    )
    assert [r.code for r in view.candidates] == ["C1", "C5"]
    assert [r.code for r in view.deferred] == ["C2"]
    assert [r.code for r in view.excluded] == ["C3"]
    assert [r.code for r in view.missing_data] == ["C4", "C5"]  # on the list or not
    assert view.as_of == dt.date(2026, 11, 15) and not view.is_empty


def test_a_row_as_the_pages_show_it():
    r = list_view(data(row("C1", cases=("d", "g"))), totals()).rows[0]
    assert (r.date_of_birth, r.sex_label, r.category_label, r.unit_name) == (
        "17/05/1980",
        "Nữ",
        "Công chức",
        "Phòng Tổ chức",
    )
    assert (r.training_level_label, r.coefficient, r.insurance_years) == ("Cao đẳng", "3,33", "22,5")
    assert r.allowances == ["Phụ cấp chức vụ 0,3", "Thâm niên vượt khung 5%"]
    assert r.retirement_date == dt.date(2040, 5, 31)
    decided, computed = r.findings
    assert decided["label"].startswith("(d) Dôi dư do rà soát") and decided["decided_at"].day == 2
    assert computed["decided_at"] is None
    assert (r.policy_label, r.total) == ("Thôi việc ngay", 100_000_000)
    assert [(i.key, i.amount) for i in r.items] == [("lump_sum", 30_000_000), ("per_insured_year", 70_000_000)]


def test_the_item_columns_are_those_some_row_uses_in_the_regimes_order():
    view = list_view(data(row("C1"), row("C2", total=None)), totals())
    assert view.item_keys == ("lump_sum", "per_insured_year")
    assert view.item_labels == ["Trợ cấp để tìm việc làm", "Trợ cấp theo số năm đóng BHXH"]
    assert [i.amount for i in view.rows[1].items] == [None, None]


def test_a_birth_year_only_and_the_totals_per_case():
    view = list_view(data(row("C1", date_of_birth="1975", birth_year_only=True)), totals(g=1, d=2))
    assert view.rows[0].date_of_birth == "1975"
    lines = {line.case: line.people for line in view.by_case}
    assert list(lines) == ["a", "b", "c", "d", "đ", "e", "g", "h"] and lines["d"] == 2 and lines["a"] == 0


def test_money_is_grouped_the_vietnamese_way():
    assert money(744_788_125) == "744.788.125" and money(None) == "—"


# --------------------------------------------------------------------------- comparing two lists


def test_who_was_added_dropped_and_changed():
    before = data(
        row("C1", cases=("g",), total=100_000_000),
        row("C2", cases=("a",)),
        row("C3", cases=("a",)),
        row("C4", cases=("h",)),
        row("C5", status="excluded", exclusion=EXCLUDED),
        row("C6"),
    )
    after = data(
        row("C1", cases=("g", "d"), total=120_000_000, salary=12_000_000),
        row("C2", status="excluded", cases=("a",), exclusion=EXCLUDED),
        row("C4", status="missing_data", cases=(), total=None, missing=[{"case": "h", "message": "thiếu BHXH"}]),
        row("C5"),
        row("C6"),
        row("C7", status="deferred", cases=("a",)),
    )
    cmp = compare(
        before=before,
        after=after,
        before_totals=totals(candidates=5, benefit=500),
        after_totals=totals(candidates=3, deferred=1, benefit=400),
        whereabouts={"C3": "Hiện nay: Nghỉ hưu từ ngày 01/11/2026."},
    )
    assert [c.code for c in cmp.added] == ["C5", "C7"]
    assert "Trước đó không đưa vào danh sách; nay đã bỏ lý do không đưa vào." in cmp.added[0].why
    assert cmp.added[1].why == ("Lý do a", "Hoãn xét tinh giản: Mang thai")
    dropped = {c.code: c.why for c in cmp.dropped}
    assert list(dropped) == ["C2", "C3", "C4"]
    assert dropped["C2"] == ("Không đưa vào danh sách: Đã điều động (hr_a, 20/11/2026).",)
    assert dropped["C3"] == ("Hiện nay: Nghỉ hưu từ ngày 01/11/2026.",)
    assert dropped["C4"] == ("Không còn thuộc trường hợp nào đã xác định được; cần bổ sung dữ liệu: thiếu BHXH",)
    (changed,) = cmp.changed
    assert changed.code == "C1"
    assert changed.why == (
        "Thêm trường hợp (d).",
        "Lý do d",
        "Tiền lương tháng: 10.000.000 → 12.000.000 đồng.",
        "Kinh phí: 100.000.000 → 120.000.000 đồng.",
    )
    assert (changed.total_before, changed.total_after, changed.difference) == (100_000_000, 120_000_000, 20_000_000)
    assert cmp.unchanged == 1 and not cmp.same  # C6
    lines = {t.label: (t.before, t.after, t.difference) for t in cmp.totals}
    assert lines["Số người trong danh sách (được tính)"] == (5, 3, -2)
    assert lines["Tổng kinh phí dự kiến (đồng)"] == (500, 400, -100)


def test_a_deferral_that_starts_or_ends_is_a_change():
    cmp = compare(
        before=data(row("C1"), row("C2", status="deferred")),
        after=data(row("C1", status="deferred"), row("C2")),
        before_totals=totals(),
        after_totals=totals(),
    )
    why = {c.code: c.why for c in cmp.changed}
    assert why == {
        "C1": ("Hoãn xét tinh giản: Mang thai",),
        "C2": ("Hết hoãn xét tinh giản: nay được tính vào tổng.",),
    }


def test_a_lost_case_a_policy_and_months_early_that_changed():
    b = row("C1", cases=("a", "g"), months_early=30)
    a = row("C1", cases=("a",), months_early=29, total=90_000_000)
    a["benefit"] = {**a["benefit"], "policy": "early_retirement"}
    (changed,) = compare(before=data(b), after=data(a), before_totals=totals(), after_totals=totals()).changed
    assert changed.why == (
        "Không còn trường hợp (g).",
        "Chính sách: Thôi việc ngay → Nghỉ hưu trước tuổi (2–5 năm).",
        "Số tháng nghỉ trước tuổi: 30 → 29.",
        "Kinh phí: 100.000.000 → 90.000.000 đồng.",
    )


def test_the_same_list_twice_has_no_change():
    d = data(row("C1"), row("C2", status="excluded", exclusion=EXCLUDED))
    cmp = compare(before=d, after=d, before_totals=totals(candidates=1), after_totals=totals(candidates=1))
    assert cmp.same and cmp.unchanged == 1


def test_the_people_absent_from_the_later_list():
    before = data(row("C1"), row("C2", status="deferred"), row("C3", status="excluded", exclusion=EXCLUDED), row("C4"))
    after = data(row("C1"), row("C4", status="excluded", exclusion=EXCLUDED))
    assert absent_codes(before=before, after=after) == ["C2"]  # C3 was not on the list; C4 is still shown
