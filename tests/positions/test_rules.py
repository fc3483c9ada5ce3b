"""positions.rules: each rule of the catalogue with real values (pure Python, no database)."""

import re
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from positions import rules


def matches(pattern, value) -> bool:
    return bool(re.match(pattern, value))


# --------------------------------------------------------------------------- codes


@pytest.mark.parametrize("code", ["01.003", "06.031", "V.07.03.29", "V.11.06.15"])
def test_rank_and_title_codes_accepted(code):
    assert matches(rules.RANK_OR_TITLE_CODE_PATTERN, code)


@pytest.mark.parametrize("code", ["1.003", "01.0030", "01003", "v.07.03.29", "V.07.03.2", "V.7.03.29", "T01.003"])
def test_rank_and_title_codes_refused(code):
    assert not matches(rules.RANK_OR_TITLE_CODE_PATTERN, code)


def test_each_kind_has_its_own_form():
    assert rules.RANK_CODE_RE.match("01.003") and not rules.RANK_CODE_RE.match("V.07.03.29")
    assert rules.TITLE_CODE_RE.match("V.07.03.29") and not rules.TITLE_CODE_RE.match("01.003")


@pytest.mark.parametrize("code", ["01.003", "V.07.03.29", "T01.003", "x" * 20])
def test_a_rank_reference_takes_any_code_a_rank_can_have(code):
    assert matches(rules.RANK_REF_PATTERN, code)
    assert len(code) <= rules.RANK_CODE_MAX_LENGTH


@pytest.mark.parametrize("code", ["", "01 003", "01.003;01.004", "x" * 21])
def test_rank_references_refused(code):
    assert not matches(rules.RANK_REF_PATTERN, code)


@pytest.mark.parametrize(
    "code, ok", [("CMNV-DC-01", True), ("TKHUNG-VT", True), ("0" * 30, True), ("cmnv-dc-01", False)]
)
def test_framework_codes(code, ok):
    assert matches(rules.FRAMEWORK_CODE_PATTERN, code) is ok


@pytest.mark.parametrize("code", ["f 1", "-CMNV", "A" * 31, ""])
def test_framework_codes_refused(code):
    assert not matches(rules.FRAMEWORK_CODE_PATTERN, code)


@pytest.mark.parametrize("code", ["CMNV-DC-01", "cmnv_dc_01", "A" * 30])
def test_a_framework_reference_takes_every_framework_code(code):
    assert matches(rules.FRAMEWORK_REF_PATTERN, code)


@pytest.mark.parametrize("code, ok", [("VT-VT01", True), ("Văn thư 01", True), ("VT;01", False), ("A:B", False)])
def test_position_codes(code, ok):
    assert matches(rules.POSITION_CODE_PATTERN, code) is ok
    assert not matches(rules.POSITION_CODE_PATTERN, "x" * 31)


@pytest.mark.parametrize("code, ok", [("NLC03", True), ("TNL-C1", True), ("nlc03", False), ("N" * 21, False)])
def test_competency_codes(code, ok):
    assert matches(rules.COMPETENCY_CODE_PATTERN, code) is ok


@pytest.mark.parametrize("group, ok", [("A3.1", True), ("A1", True), ("B", True), ("C3", True), ("A9.9.9", False)])
def test_salary_groups(group, ok):
    assert matches(rules.SALARY_GROUP_PATTERN, group) is ok


# --------------------------------------------------------------------------- ranks


def test_a_rank_needs_the_rank_form_and_no_grade():
    assert rules.rank_problems(code="01.003", kind="NGACH", grade="", low=Decimal("2.34"), high=Decimal("4.98")) == {}
    problems = rules.rank_problems(code="V.01.02.99", kind="NGACH", grade="II", low=None, high=None)
    assert set(problems) == {"code", "grade"}
    assert "NN.NNN" in problems["code"] and "không có hạng" in problems["grade"]


def test_a_title_needs_the_title_form_and_a_grade():
    assert rules.rank_problems(code="V.07.03.29", kind="CDNN", grade="III", low=None, high=None) == {}
    problems = rules.rank_problems(code="99.002", kind="CDNN", grade="", low=None, high=None)
    assert "V.NN.NN.NN" in problems["code"] and "phải có hạng" in problems["grade"]


def test_rank_coefficients_min_not_above_max():
    problems = rules.rank_problems(code=None, kind=None, grade=None, low=Decimal("5"), high=Decimal("4.50"))
    assert list(problems) == ["coefficient_max"]
    assert rules.rank_problems(code=None, kind=None, grade=None, low=Decimal("4.5"), high=Decimal("4.5")) == {}


def test_grades_and_levels():
    assert rules.GRADES == ("I", "II", "III", "IV")
    assert (rules.RANK_LEVEL_MIN, rules.RANK_LEVEL_MAX) == (1, 9)


@pytest.mark.parametrize(
    "low, high, inverted", [(3, 4, False), (3, 3, False), (4, 3, True), (None, 3, False), (4, None, False)]
)
def test_rank_range(low, high, inverted):
    assert rules.rank_range_inverted(low, high) is inverted


# --------------------------------------------------------------------------- groups


def test_groups_and_subgroups():
    assert [code for code, _name in rules.POSITION_GROUPS] == ["LDQL", "CMNV", "HTPV"]
    assert {"CMNV"} == rules.GROUPS_WITH_SUBGROUPS
    assert rules.subgroup_allowed(True, "DC")
    assert rules.subgroup_allowed(False, "")
    assert not rules.subgroup_allowed(False, "DC")


# --------------------------------------------------------------------------- competencies


@pytest.mark.parametrize("level, ok", [(0, False), (1, True), (5, True), (6, False)])
def test_competency_levels_1_to_5(level, ok):
    assert rules.is_competency_level(level) is ok


def test_level_descriptors():
    five = {n: f"Cấp độ {n}" for n in range(1, 6)}
    assert rules.level_descriptor_problems(five) is None
    assert "đủ 5 cấp độ" in rules.level_descriptor_problems(dict.fromkeys(range(1, 5), "x"))
    assert "đủ 5 cấp độ" in rules.level_descriptor_problems({**five, 6: "x"})
    assert "cấp độ 3" in rules.level_descriptor_problems({**five, 3: "  "})


# --------------------------------------------------------------------------- descriptions


def test_prose_fields_are_the_models():
    from positions.models import PositionDescription

    assert PositionDescription.PROSE_FIELDS == rules.PROSE_FIELDS
    assert PositionDescription.PLAIN_FIELDS == rules.PLAIN_FIELDS


def test_sanitize_keeps_light_tags_only():
    assert rules.sanitize_html("<p onclick='x()'>A <script>x()</script><b>b</b></p>") == "<p>A <b>b</b></p>"
    assert rules.sanitize_html(None) == ""


def known(codes):
    return {c for c in codes if c.startswith("TNL")}


def test_clean_sample_sanitises_and_keeps_the_shape():
    sample = {
        "objective": "<p>Mục tiêu <script>x()</script></p>",
        "training_level": "  Đại học  ",
        "tasks": [{"task": "Lập hồ sơ", "outputs": "<i>Hồ sơ</i>", "criteria": "Đúng hạn"}],
        "competencies": [["TNL-C2", 4]],
    }
    assert rules.clean_sample(sample, known) == {
        "objective": "<p>Mục tiêu </p>",
        "training_level": "Đại học",
        "tasks": [{"task": "Lập hồ sơ", "outputs": "<i>Hồ sơ</i>", "criteria": "Đúng hạn"}],
        "competencies": [["TNL-C2", 4]],
    }
    assert rules.clean_sample(None, known) == {} and rules.clean_sample("", known) == {}


@pytest.mark.parametrize(
    "sample, message",
    [
        (["not", "an", "object"], "đối tượng JSON"),
        ({"objectif": "typo"}, "Khoá không hợp lệ: objectif"),
        ({"objective": 3}, "“objective” phải là một chuỗi"),
        ({"tasks": {}}, "“tasks” phải là một danh sách"),
        ({"tasks": [{"outputs": "x"}]}, "Nhiệm vụ thứ 1"),
        ({"tasks": [{"task": "a", "note": "x"}]}, "chỉ có các khoá"),
        ({"competencies": [["TNL-C2", 6]]}, "cấp độ 1–5"),
        ({"competencies": [["TNL-C2", True]]}, "cấp độ 1–5"),
        ({"competencies": [["KHONG-CO", 2]]}, "không có trong từ điển"),
    ],
)
def test_clean_sample_errors(sample, message):
    with pytest.raises(ValidationError) as caught:
        rules.clean_sample(sample, known)
    assert message in caught.value.messages[0]


def test_training_levels_are_ordered_once_for_the_model_and_the_rules():
    from positions.models import TrainingLevel

    assert tuple(TrainingLevel.values) == rules.TRAINING_LEVELS


@pytest.mark.parametrize(
    ("level", "required", "below"),
    [("CD", "DH", True), ("DH", "DH", False), ("THS", "DH", False), ("", "DH", None), ("DH", "", None)],
)
def test_training_level_below_the_required_level(level, required, below):
    assert rules.training_level_below(level, required) is below


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("Đại học trở lên", "DH"),
        ("Đại học trở lên (cao đẳng, trung cấp đối với ngạch cán sự)", "DH"),
        ("Trung cấp trở lên (ngạch văn thư viên trung cấp); đại học trở lên (văn thư viên)", "TC"),
        ("Cao đẳng trở lên", "CD"),
        ("THẠC SỸ", "THS"),
        ("Cử nhân Luật", "DH"),
        ("Trung học phổ thông trở lên", ""),  # not a training level
        ("Không yêu cầu", ""),
        ("", ""),
        (None, ""),
    ],
)
def test_the_training_level_a_text_names_first(text, level):
    assert rules.training_level_in(text) == level


def test_training_level_aliases_are_levels():
    assert set(rules.TRAINING_LEVEL_ALIASES.values()) <= set(rules.TRAINING_LEVELS)
