"""The streamlining rule set and the benefit regimes as data (staffing 0009, 0010) and their loaders
(staffing.rulesets): the seeded rows are exactly the pure rule sets the unit tests compute with
(tests.builders.RULES, ND154, ND178); the rule set for a review year or in force on a date; a
regime by code or in force on a date; Vietnamese messages naming what was asked and what exists;
a national admin's edit changes the computation; only national admins reach them in the admin."""

import datetime as dt
import importlib
from decimal import Decimal

import pytest
from django.apps import apps as django_apps

from portal.models import LegalDocument
from staffing import rulesets
from staffing.models import BenefitParameter, BenefitRegime, StreamliningRuleSet
from tests.builders import ND154, ND154_PARAMETERS, ND178, ND178_PARAMETERS, RULES

pytestmark = pytest.mark.django_db


def test_the_seeded_rule_set_is_the_one_the_unit_tests_use(django_assert_num_queries):
    with django_assert_num_queries(3):
        rules = rulesets.streamlining_rule_set(2026)
    assert (rules.code, rules.period_from, rules.period_to, rules.years_before) == ("ND154-2025", 2025, 2030, 1)
    assert rules.sick_leave == RULES.sick_leave
    assert (rules.sick_leave_basis, rules.sick_leave_basis_number) == ("LUAT41-2024", "41/2024/QH15")
    assert (rules.number, rules.effective_from, rules.effective_to) == (
        "154/2025/NĐ-CP",
        dt.date(2025, 6, 16),
        dt.date(2030, 12, 31),
    )
    assert not rules.verified  # the lettering đ–h is (verify)
    assert rules.regime.code == "ND154-2025"
    assert dict(rules.regime.parameters) == ND154_PARAMETERS
    assert rules.regime.unverified == ND154.unverified


def test_the_seeded_regimes():
    regimes = {r.code: r for r in rulesets.benefit_regimes()}
    assert list(regimes) == ["ND178-2024", "ND154-2025"]
    nd178 = regimes["ND178-2024"]
    assert dict(nd178.parameters) == ND178_PARAMETERS and nd178.unverified == ND178.unverified
    assert (nd178.formula, nd178.amended_by, nd178.verified) == ("ND178", "67/2025/NĐ-CP", False)
    assert (nd178.effective_from, nd178.effective_to) == (dt.date(2025, 1, 1), dt.date(2025, 12, 31))
    law = LegalDocument.objects.get(code="LUAT41-2024")
    assert (law.number, law.issued_on, law.effective_from, law.issuer) == (
        "41/2024/QH15",
        dt.date(2024, 6, 29),
        dt.date(2025, 7, 1),
        "Quốc hội",
    )


@pytest.mark.parametrize("year", [2025, 2030])
def test_the_rule_set_for_a_review_year(year):
    assert rulesets.streamlining_rule_set(year).code == "ND154-2025"


@pytest.mark.parametrize("year", [2024, 2031])
def test_a_year_outside_every_rule_set_names_the_periods(year):
    with pytest.raises(rulesets.RuleSetError) as info:
        rulesets.streamlining_rule_set(year)
    assert info.value.message == (
        f"Năm xét {year} không thuộc giai đoạn của bộ quy tắc xét tinh giản biên chế nào; hiện có: "
        "ND154-2025 (2025–2030). Hãy chọn một năm trong giai đoạn."
    )


def test_the_rule_set_in_force_on_a_date():
    assert rulesets.streamlining_rule_set_in_force(dt.date(2025, 6, 16)).code == "ND154-2025"
    with pytest.raises(rulesets.RuleSetError) as info:
        rulesets.streamlining_rule_set_in_force(dt.date(2025, 6, 15))
    assert info.value.message == (
        "Không có bộ quy tắc xét tinh giản biên chế có hiệu lực ngày 15/06/2025; hiện có: "
        "ND154-2025 (16/06/2025–31/12/2030)."
    )


@pytest.mark.parametrize(
    ("day", "purpose", "code"),
    [
        (dt.date(2025, 3, 1), None, "ND178-2024"),
        (dt.date(2025, 7, 1), None, "ND154-2025"),  # both apply: the later one
        (dt.date(2025, 7, 1), "SXBM", "ND178-2024"),  # a merge in 2025: the restructuring regime
        (dt.date(2026, 7, 1), "TGBC", "ND154-2025"),
    ],
)
def test_the_regime_in_force_on_a_date(day, purpose, code):
    assert rulesets.benefit_regime_in_force(day, purpose=purpose).code == code


def test_no_regime_in_force_or_an_unknown_code_names_what_exists():
    with pytest.raises(rulesets.RuleSetError) as info:
        rulesets.benefit_regime_in_force(dt.date(2026, 7, 1), purpose="SXBM")
    assert info.value.message == (
        "Không có chế độ, chính sách nào áp dụng ngày 01/07/2026; hiện có: ND178-2024 (01/01/2025–31/12/2025)."
    )
    with pytest.raises(rulesets.RuleSetError) as info:
        rulesets.benefit_regime("ND29-2023")
    assert info.value.message == "Không có chế độ, chính sách “ND29-2023”; hiện có: ND178-2024, ND154-2025."
    assert rulesets.benefit_regime("ND178-2024").code == "ND178-2024"


def test_a_regime_missing_a_parameter_is_refused_with_its_name():
    BenefitParameter.objects.filter(regime__legal_document__code="ND154-2025", key="resignation_base").delete()
    with pytest.raises(rulesets.RuleSetError) as info:
        rulesets.streamlining_rule_set(2026)
    assert info.value.message == (
        "Chế độ ND154-2025 thiếu tham số: Thôi việc: số tháng lương trợ cấp để tìm việc làm; hãy bổ sung trong "
        "trang quản trị (chế độ, chính sách khi nghỉ)."
    )


def test_a_national_admins_edit_changes_the_computation():
    BenefitParameter.objects.filter(regime__legal_document__code="ND154-2025", key="per_year_early").update(
        value=Decimal(6), verified=False
    )
    regime = rulesets.streamlining_rule_set(2026).regime
    assert regime.value("per_year_early") == 6 and "per_year_early" in regime.unverified


def test_the_next_rule_set_is_data_entry():
    doc = LegalDocument.objects.create(
        code="ND999-2030",
        number="999/2030/NĐ-CP",
        issued_on=dt.date(2030, 11, 1),
        issuer="Chính phủ",
        title="Quy định về tinh giản biên chế (thử)",
        effective_from=dt.date(2031, 1, 1),
    )
    current = StreamliningRuleSet.objects.get()
    StreamliningRuleSet.objects.create(
        legal_document=doc,
        period_from=2031,
        period_to=2035,
        benefit_regime=current.benefit_regime,
        sick_leave_basis=current.sick_leave_basis,
    )
    rules = rulesets.streamlining_rule_set(2031)
    assert rules.code == "ND999-2030" and rules.sick_leave == ()  # the table is entered next


@pytest.mark.parametrize(("user", "status"), [("admin_a", 403), ("hr_a", 302), ("manager_a", 302)])
def test_only_national_admins_reach_them_in_the_admin(login, user, status):
    client = login(user)
    regime = BenefitRegime.objects.get(legal_document__code="ND154-2025")
    rule_set = StreamliningRuleSet.objects.get()
    for url in [
        "/admin/staffing/streamliningruleset/",
        f"/admin/staffing/streamliningruleset/{rule_set.pk}/change/",
        "/admin/staffing/benefitregime/",
        f"/admin/staffing/benefitregime/{regime.pk}/change/",
    ]:
        assert client.get(url).status_code == status


def test_a_national_admin_sees_what_is_unverified(login):
    client = login("national")
    page = client.get("/admin/staffing/benefitregime/").content.decode()
    assert "ND154-2025" in page and "ND178-2024" in page
    regime = BenefitRegime.objects.get(legal_document__code="ND154-2025")
    change = client.get(f"/admin/staffing/benefitregime/{regime.pk}/change/")
    assert change.status_code == 200
    assert "Số tháng lương (S) cho mỗi năm nghỉ sớm" in change.content.decode()
    rule_set = StreamliningRuleSet.objects.get()
    change = client.get(f"/admin/staffing/streamliningruleset/{rule_set.pk}/change/")
    assert change.status_code == 200 and "41/2024/QH15" in change.content.decode()


def test_the_seed_migration_is_idempotent_keeps_edits_and_is_reversible():
    migration = importlib.import_module("staffing.migrations.0010_seed_streamlining_rule_sets")
    BenefitParameter.objects.filter(regime__legal_document__code="ND154-2025", key="per_year_early").update(value=6)
    counts = (StreamliningRuleSet.objects.count(), BenefitRegime.objects.count(), BenefitParameter.objects.count())
    migration.seed(django_apps, None)
    assert (StreamliningRuleSet.objects.count(), BenefitRegime.objects.count(), BenefitParameter.objects.count()) == (
        counts
    )
    assert rulesets.benefit_regime("ND154-2025").value("per_year_early") == 6  # a national admin's edit stays
    migration.unseed(django_apps, None)
    assert not StreamliningRuleSet.objects.exists() and not BenefitRegime.objects.exists()
    assert not LegalDocument.objects.filter(code="LUAT41-2024").exists()
    assert LegalDocument.objects.filter(code__in=["ND154-2025", "ND178-2024", "ND67-2025"]).count() == 3
    migration.seed(django_apps, None)
    assert rulesets.streamlining_rule_set(2026).regime.value("per_year_early") == 5
