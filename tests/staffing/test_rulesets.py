"""The seeded rule sets (staffing 0005) and the rule in force on an as-of date (staffing.rulesets):
Resolution 39, Conclusion 40 and the 2026–2031 guidance; Decree 135's retirement ages; the base
salary of Decrees 73/2024 and 161/2026."""

import datetime as dt
from decimal import Decimal

import pytest

from portal.models import LegalDocument
from staffing import retirement, rulesets
from staffing.models import BaseSalary, ReductionRuleSet, ReductionTarget

pytestmark = pytest.mark.django_db


def test_the_three_reduction_rule_sets_are_seeded_with_their_legal_basis():
    infos = {i.code: i for i in rulesets.reduction_rule_sets()}
    assert list(infos) == ["NQ39-2015", "KL40-2022", "BNV10989-2025"]
    nq39, kl40, bnv = infos.values()
    assert (nq39.rules.period_from, nq39.rules.period_to, nq39.rules.base_year) == (2015, 2021, 2015)
    assert (kl40.rules.period_from, kl40.rules.period_to, kl40.rules.base_year) == (2022, 2026, 2021)
    assert kl40.number == "40-KL/TW" and kl40.binding and kl40.issued_on == dt.date(2022, 7, 18)
    assert kl40.rules.percent_for("CBCC") == Decimal("5") and kl40.rules.percent_for("VC") == Decimal("10")
    assert kl40.rules.percent_for("HD") is None
    assert not bnv.binding
    assert bnv.rules.percent_for("CBCC", "TINH", predecessors=3) == Decimal("20")
    assert bnv.rules.percent_for("CBCC", "TINH", predecessors=2) == Decimal("15")
    assert bnv.rules.percent_for("CBCC", "TINH", predecessors=0) == Decimal("5")
    assert bnv.rules.percent_for("CBCC", "BO", predecessors=2) == Decimal("15")


@pytest.mark.parametrize(
    ("as_of", "code"),
    [
        (dt.date(2015, 4, 17), "NQ39-2015"),
        (dt.date(2021, 12, 31), "NQ39-2015"),
        (dt.date(2022, 1, 1), "KL40-2022"),
        # 2026 is in both KL40's period and the 2026–2031 guidance: the binding one applies.
        (dt.date(2026, 6, 30), "KL40-2022"),
        (dt.date(2027, 1, 1), "BNV10989-2025"),
    ],
)
def test_the_rule_set_in_force_on_the_as_of_date(as_of, code):
    assert rulesets.reduction_rule_set(None, as_of).code == code


def test_an_unknown_code_or_a_date_outside_every_period_names_what_exists():
    with pytest.raises(rulesets.RuleSetError) as info:
        rulesets.reduction_rule_set("KL40-2026", dt.date(2026, 1, 1))
    assert info.value.message == (
        "Không có bộ quy tắc tinh giản biên chế “KL40-2026”; hiện có: NQ39-2015, KL40-2022, BNV10989-2025."
    )
    with pytest.raises(rulesets.RuleSetError) as info:
        rulesets.reduction_rule_set(None, dt.date(2014, 12, 31))
    assert "31/12/2014" in info.value.message and "KL40-2022 (2022–2026)" in info.value.message


def test_the_next_rule_set_is_data_entry():
    doc = LegalDocument.objects.create(
        code="KL99-2027",
        number="99-KL/TW",
        issued_on=dt.date(2027, 1, 5),
        issuer="Bộ Chính trị",
        title="Tiếp tục tinh giản biên chế giai đoạn 2027–2031",
        effective_from=dt.date(2027, 1, 5),
    )
    rule_set = ReductionRuleSet.objects.create(legal_document=doc, period_from=2027, period_to=2031, base_year=2026)
    ReductionTarget.objects.create(rule_set=rule_set, category="CBCC", percent=Decimal("7.5"))
    info = rulesets.reduction_rule_set(None, dt.date(2028, 3, 1))
    assert info.code == "KL99-2027" and info.rules.percent_for("CBCC") == Decimal("7.5")


def test_retirement_schedule_in_force_is_decree_135_and_matches_the_pure_one():
    schedule = rulesets.retirement_schedule(dt.date(2026, 12, 1))
    assert schedule == retirement.ND135_2020
    # The legal example: a man born 10/1961 retires at 60y6m at the end of 04/2022.
    result = retirement.retirement(schedule, "M", dt.date(1961, 10, 15))
    assert (result.date, result.age_label) == (dt.date(2022, 4, 30), "60y6m")


def test_no_retirement_rule_before_decree_135():
    with pytest.raises(rulesets.RuleSetError) as info:
        rulesets.retirement_schedule(dt.date(2020, 12, 31))
    assert info.value.message == "Không có quy định tuổi nghỉ hưu có hiệu lực ngày 31/12/2020."


@pytest.mark.parametrize(
    ("as_of", "amount", "code"),
    [
        (dt.date(2024, 7, 1), 2_340_000, "ND73-2024"),
        (dt.date(2026, 6, 30), 2_340_000, "ND73-2024"),
        (dt.date(2026, 7, 1), 2_530_000, "ND161-2026"),
        (dt.date(2026, 12, 1), 2_530_000, "ND161-2026"),
    ],
)
def test_base_salary_in_force(as_of, amount, code):
    found = rulesets.base_salary(as_of)
    assert (found.amount, found.legal_code) == (amount, code)


def test_no_base_salary_before_the_first_one():
    with pytest.raises(rulesets.RuleSetError):
        rulesets.base_salary(dt.date(2024, 6, 30))
    assert BaseSalary.objects.count() == 2


def test_an_unknown_organisation_kind_in_a_target_is_refused():
    from django.core.exceptions import ValidationError

    target = ReductionTarget(
        rule_set=ReductionRuleSet.objects.first(), category="CBCC", percent=Decimal("5"), org_kinds="TINH, XYZ"
    )
    with pytest.raises(ValidationError) as info:
        target.full_clean()
    assert "XYZ" in str(info.value)


@pytest.mark.parametrize(("user", "status"), [("admin_a", 403), ("hr_a", 302), ("manager_a", 302)])
def test_only_national_admins_see_the_rule_sets_in_the_admin(login, user, status):
    # An organisation admin is refused (403); users without admin access are sent to its login.
    client = login(user)
    for url in [
        "/admin/staffing/reductionruleset/",
        "/admin/staffing/basesalary/",
        "/admin/staffing/retirementagerule/",
    ]:
        assert client.get(url).status_code == status


def test_a_national_admin_edits_the_rule_sets_in_the_admin(login):
    client = login("national")
    page = client.get("/admin/staffing/reductionruleset/")
    assert page.status_code == 200
    assert "KL40-2022" in page.content.decode()
    rule_set = ReductionRuleSet.objects.get(legal_document__code="KL40-2022")
    assert client.get(f"/admin/staffing/reductionruleset/{rule_set.pk}/change/").status_code == 200
    assert "2.530.000" in client.get("/admin/staffing/basesalary/").content.decode()
