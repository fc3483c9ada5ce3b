"""Reference data shipped by positions/migrations/0002_seed_reference.py: after ``migrate`` alone
the groups, ranks, competency dictionary and framework catalogue are there and usable."""

import importlib
import re
import unicodedata
from decimal import Decimal

import pytest
from django.apps import apps as global_apps

from portal.text import fold
from positions.models import (
    Competency,
    CompetencyKind,
    CompetencyLevel,
    FrameworkPosition,
    PositionDescription,
    PositionGroup,
    Rank,
    RankKind,
)
from positions.services import create_position, sanitize_html

pytestmark = pytest.mark.django_db

seed_migration = importlib.import_module("positions.migrations.0002_seed_reference")

# docs/rules.md §3: code, name, salary group, coefficient range.
ADMINISTRATIVE_RANKS = [
    ("01.001", "Chuyên viên cao cấp", "A3.1", "6.20", "8.00"),
    ("01.002", "Chuyên viên chính", "A2.1", "4.40", "6.78"),
    ("01.003", "Chuyên viên", "A1", "2.34", "4.98"),
    ("01.004", "Cán sự", "A0", "2.10", "4.89"),
    ("01.005", "Nhân viên", "B", "1.86", "4.06"),
]
ACCOUNTING_RANKS = [
    ("06.029", "Kế toán viên cao cấp", "A3.1", 5),
    ("06.030", "Kế toán viên chính", "A2.1", 4),
    ("06.031", "Kế toán viên", "A1", 3),
    ("06.032", "Kế toán viên trung cấp", "A0", 2),
]
# Framework positions the positions issue asks for: code, a word of the name (folded), group.
REQUIRED_FRAMEWORK = [
    ("CMNV-DC-01", "van thu", "CMNV"),
    ("CMNV-DC-02", "luu tru", "CMNV"),
    ("CMNV-DC-03", "hanh chinh – van phong", "CMNV"),
    ("CMNV-DC-04", "quan tri cong so", "CMNV"),
    ("CMNV-DC-05", "cong nghe thong tin", "CMNV"),
    ("CMNV-DC-06", "an toan thong tin", "CMNV"),
    ("CMNV-DC-07", "to chuc – nhan su", "CMNV"),
    ("CMNV-DC-08", "thi dua – khen thuong", "CMNV"),
    ("CMNV-DC-09", "phap che", "CMNV"),
    ("CMNV-DC-10", "ke hoach – tai chinh", "CMNV"),
    ("CMNV-DC-11", "ke toan", "CMNV"),
    ("CMNV-DC-12", "hop tac quoc te", "CMNV"),
    ("CMNV-DC-13", "tong hop", "CMNV"),
    ("HTPV-01", "thu quy", "HTPV"),
    ("HTPV-02", "lai xe", "HTPV"),
    ("HTPV-03", "bao ve", "HTPV"),
    ("HTPV-04", "phuc vu", "HTPV"),
    ("HTPV-05", "le tan", "HTPV"),
    ("LDQL-01", "giam doc so", "LDQL"),
    ("LDQL-02", "pho giam doc so", "LDQL"),
    ("LDQL-03", "chanh van phong so", "LDQL"),
    ("LDQL-04", "pho chanh van phong so", "LDQL"),
    ("LDQL-05", "truong phong thuoc so", "LDQL"),
    ("LDQL-06", "pho truong phong thuoc so", "LDQL"),
    ("LDQL-07", "truong phong chuyen mon thuoc uy ban nhan dan cap xa", "LDQL"),
    ("LDQL-08", "pho truong phong chuyen mon thuoc uy ban nhan dan cap xa", "LDQL"),
]
PROSE_AND_PLAIN = PositionDescription.PROSE_FIELDS + PositionDescription.PLAIN_FIELDS


def counts():
    return (
        PositionGroup.objects.count(),
        Rank.objects.count(),
        Competency.objects.count(),
        CompetencyLevel.objects.count(),
        FrameworkPosition.objects.count(),
    )


def strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, list | tuple):
        for v in value:
            yield from strings(v)
    elif isinstance(value, dict):
        for v in value.values():
            yield from strings(v)


# --------------------------------------------------------------------------- groups


def test_three_position_groups_in_order_with_legal_basis():
    groups = list(PositionGroup.objects.select_related("legal_basis"))
    assert [(g.code, g.name, g.order, g.has_subgroups) for g in groups] == [
        ("LDQL", "Lãnh đạo, quản lý", 1, False),
        ("CMNV", "Chuyên môn, nghiệp vụ", 2, True),
        ("HTPV", "Hỗ trợ, phục vụ", 3, False),
    ]
    assert "nghiệp vụ chuyên ngành" in groups[1].legacy_names
    assert "chuyên môn dùng chung" in groups[1].legacy_names
    assert {g.legal_basis.code for g in groups} == {"ND361-2025"}


# --------------------------------------------------------------------------- ranks


@pytest.mark.parametrize(("code", "name", "salary_group", "low", "high"), ADMINISTRATIVE_RANKS)
def test_administrative_rank_matches_domain_table(code, name, salary_group, low, high):
    rank = Rank.objects.get(code=code)
    assert (rank.name, rank.kind, rank.field, rank.salary_group) == (name, RankKind.RANK, "Hành chính", salary_group)
    assert (rank.coefficient_min, rank.coefficient_max) == (Decimal(low), Decimal(high))


def test_rank_levels_order_administrative_and_accounting_ranks():
    admin = [Rank.objects.get(code=code).level for code, *_ in ADMINISTRATIVE_RANKS]
    assert admin == [5, 4, 3, 2, 1]
    for code, name, salary_group, level in ACCOUNTING_RANKS:
        rank = Rank.objects.get(code=code)
        assert (rank.name, rank.field, rank.salary_group, rank.level) == (name, "Kế toán", salary_group, level)
    # An accountant's rank ranges like the administrative rank of the same salary group.
    assert Rank.objects.get(code="06.031").coefficient_max == Rank.objects.get(code="01.003").coefficient_max


def test_clerical_ranks_sit_between_can_su_and_chuyen_vien_chinh():
    ranks = {r.code: r for r in Rank.objects.filter(code__in=["02.006", "02.007", "02.008"])}
    assert [ranks[c].name for c in ("02.006", "02.007", "02.008")] == [
        "Văn thư viên chính",
        "Văn thư viên",
        "Văn thư viên trung cấp",
    ]
    assert ranks["02.006"].level > ranks["02.007"].level > ranks["02.008"].level


def test_professional_titles_have_code_grade_and_level():
    titles = list(Rank.objects.filter(kind=RankKind.TITLE))
    assert len(titles) >= 10
    grade_level = {"I": 5, "II": 4, "III": 3, "IV": 2}
    for title in titles:
        assert re.fullmatch(r"V\.\d{2}\.\d{2}\.\d{2}", title.code), title.code
        assert title.level == grade_level[title.grade], title.code
        assert title.coefficient_min < title.coefficient_max
    doctor = {t.code: t for t in titles if t.field == "Y tế"}
    assert doctor["V.08.01.01"].grade == "I" and doctor["V.08.01.01"].salary_group == "A3.1"
    assert doctor["V.08.01.03"].name == "Bác sĩ (hạng III)"


def test_every_rank_has_a_consistent_coefficient_range():
    for rank in Rank.objects.all():
        assert rank.coefficient_min is not None and rank.coefficient_max is not None, rank.code
        assert rank.coefficient_min < rank.coefficient_max, rank.code


# --------------------------------------------------------------------------- competencies


def test_seven_general_competencies():
    general = list(Competency.objects.filter(kind=CompetencyKind.GENERAL).order_by("order"))
    assert [(c.code, c.name) for c in general] == [
        ("NLC01", "Đạo đức, liêm chính"),
        ("NLC02", "Tổ chức thực hiện công việc"),
        ("NLC03", "Soạn thảo văn bản"),
        ("NLC04", "Giao tiếp, ứng xử"),
        ("NLC05", "Phối hợp"),
        ("NLC06", "Ứng dụng công nghệ thông tin"),
        ("NLC07", "Ngoại ngữ"),
    ]
    assert Competency.objects.filter(kind=CompetencyKind.PROFESSIONAL).count() >= 6
    assert Competency.objects.filter(kind=CompetencyKind.MANAGEMENT).count() >= 4


def test_every_competency_has_five_distinct_level_descriptors():
    for competency in Competency.objects.prefetch_related("levels"):
        levels = list(competency.levels.all())
        assert [lv.level for lv in levels] == [1, 2, 3, 4, 5], competency.code
        descriptors = [lv.descriptor for lv in levels]
        assert all(len(d) > 40 for d in descriptors), competency.code
        assert len(set(descriptors)) == 5, competency.code
        assert competency.definition, competency.code
    # The scale reads the same way everywhere: level 1 is work done under guidance.
    first_levels = CompetencyLevel.objects.filter(level=1).values_list("descriptor", flat=True)
    assert all("hướng dẫn" in d for d in first_levels)


# --------------------------------------------------------------------------- framework catalogue


@pytest.mark.parametrize(("code", "word", "group"), REQUIRED_FRAMEWORK)
def test_required_framework_position_exists_and_is_searchable(code, word, group):
    position = FrameworkPosition.objects.select_related("group").get(code=code)
    assert position.group.code == group
    assert position.subgroup == ("DC" if group == "CMNV" else "")
    assert position.search_key == fold(position.name)
    assert word in position.search_key
    assert FrameworkPosition.objects.filter(search_key__contains=fold(word)).filter(code=code).exists()


def test_framework_rank_ranges():
    def rng(code):
        p = FrameworkPosition.objects.get(code=code)
        return (p.min_rank.code if p.min_rank else None, p.max_rank.code if p.max_rank else None)

    assert rng("CMNV-DC-01") == ("02.008", "02.006")
    assert rng("CMNV-DC-07") == ("01.003", "01.002")
    assert rng("CMNV-DC-11") == ("06.031", "06.030")
    assert rng("LDQL-01") == ("01.002", "01.001")
    assert rng("HTPV-02") == (None, None)  # contract work (Decree 111/2022), no rank
    for p in FrameworkPosition.objects.select_related("min_rank", "max_rank"):
        if p.min_rank and p.max_rank:
            assert p.min_rank.level <= p.max_rank.level, p.code
            assert p.min_rank.field == p.max_rank.field, p.code


def test_every_sample_is_complete_and_survives_sanitising():
    known = set(Competency.objects.values_list("code", flat=True))
    for p in FrameworkPosition.objects.all():
        sample = p.sample
        assert len(sample["tasks"]) >= 3, p.code
        for task in sample["tasks"]:
            assert task["task"] and task["outputs"] and task["criteria"], p.code
        for field in PROSE_AND_PLAIN:
            assert field == "other_requirements" or sample[field].strip(), (p.code, field)
        for field in PositionDescription.PROSE_FIELDS:
            assert sanitize_html(sample[field]) == sample[field], (p.code, field)
        for field in PositionDescription.PLAIN_FIELDS:
            assert "<" not in sample[field] and len(sample[field]) <= 255, (p.code, field)
        codes = [code for code, _level in sample["competencies"]]
        assert set(codes) <= known, p.code
        assert len(codes) == len(set(codes)), p.code
        assert any(code.startswith("NLC0") for code in codes), p.code
        assert all(1 <= level <= 5 for _code, level in sample["competencies"]), p.code
    leaders = FrameworkPosition.objects.filter(group__code="LDQL")
    for p in leaders:
        assert any(code.startswith("NLQL") for code, _ in p.sample["competencies"]), p.code


def test_hr_officer_starts_a_description_from_every_framework_sample(tree, people):
    for i, framework in enumerate(FrameworkPosition.objects.select_related("group", "min_rank", "max_rank")):
        position = create_position(
            user=people.hr_a,
            organization=tree.A,
            code=f"K{i:02d}",
            name=framework.name,
            group=framework.group,
            subgroup=framework.subgroup,
            min_rank=framework.min_rank,
            max_rank=framework.max_rank,
            framework=framework,
        )
        description = position.descriptions.get()
        assert [t.task for t in description.tasks.all()] == [t["task"] for t in framework.sample["tasks"]]
        assert description.objective == framework.sample["objective"]
        assert description.training_level == framework.sample["training_level"]


# --------------------------------------------------------------------------- text and migration


def test_all_seeded_text_is_nfc():
    values = []
    for g in PositionGroup.objects.all():
        values += [g.name, g.legacy_names]
    for r in Rank.objects.all():
        values += [r.name, r.field]
    for c in Competency.objects.all():
        values += [c.name, c.definition]
    values += list(CompetencyLevel.objects.values_list("descriptor", flat=True))
    for p in FrameworkPosition.objects.all():
        values += [p.name, *strings(p.sample)]
    assert len(values) > 500
    bad = [v for v in values if unicodedata.normalize("NFC", v) != v]
    assert bad == []
    assert any("ơ" in v for v in values)  # really Vietnamese text, composed


def test_seed_is_idempotent_and_reversible():
    seeded = counts()
    assert seeded[0] == 3 and seeded[4] >= len(REQUIRED_FRAMEWORK)
    # An edit to seeded reference data is put back by a re-run, without duplicates.
    Rank.objects.filter(code="01.003").update(name="Sửa tay", level=9)
    seed_migration.forwards(global_apps, None)
    seed_migration.forwards(global_apps, None)
    assert counts() == seeded
    assert Rank.objects.get(code="01.003").name == "Chuyên viên"
    assert Rank.objects.get(code="01.003").level == 3

    seed_migration.backwards(global_apps, None)
    assert counts() == (0, 0, 0, 0, 0)
    seed_migration.forwards(global_apps, None)
    assert counts() == seeded
    assert FrameworkPosition.objects.get(code="CMNV-DC-01").min_rank.code == "02.008"


def test_migration_depends_on_legal_documents():
    assert ("portal", "0002_seed_legal_documents") in seed_migration.Migration.dependencies
