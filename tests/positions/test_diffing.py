"""The word-level, section-by-section diff (pure functions) and the section texts built from a
description (positions.reports.description_sections)."""

import pytest

from portal.text import plain_text, word_diff
from positions import reports
from positions.diffing import diff_sections
from positions.models import DescriptionCompetency
from tests.builders import make_description


def test_word_diff_marks_only_the_changed_words():
    left, right, changed = word_diff("Lập kế hoạch công tác năm", "Lập kế hoạch công tác quý và năm")
    assert changed
    assert left == "Lập kế hoạch công tác năm"
    assert right == "Lập kế hoạch công tác <ins>quý và </ins>năm"


def test_word_diff_deletion_and_no_change():
    left, right, changed = word_diff("một hai ba", "một ba")
    assert "<del>hai </del>" in left and "<ins>" not in right and changed
    assert word_diff("giống nhau", "giống nhau") == ("giống nhau", "giống nhau", False)


def test_word_diff_escapes_html():
    left, right, _ = word_diff("a", "<script>x</script>")
    assert "<script>" not in right and "&lt;script&gt;" in right


def test_plain_text_puts_list_items_on_lines_and_drops_tags():
    assert plain_text("<p>Mở <b>đầu</b></p><ul><li>một</li><li>hai</li></ul>") == "Mở đầu\n• một\n• hai"


def test_diff_sections_keeps_order_and_flags_changes():
    rows = diff_sections(
        {"Mục tiêu": "<p>A</p>", "Nhiệm vụ": "x"}, {"Mục tiêu": "<p>A</p>", "Nhiệm vụ": "y", "Mới": "z"}
    )
    assert [(r.title, r.changed) for r in rows] == [("Mục tiêu", False), ("Nhiệm vụ", True), ("Mới", True)]
    assert rows[1].left_html == "<del>x</del>" and rows[1].right_html == "<ins>y</ins>"


@pytest.mark.django_db
def test_description_sections_and_diff_between_versions(tree, ref, pos):
    c1 = ref.competencies["TNL-C1"]
    old = pos.b_approved
    DescriptionCompetency.objects.create(description=old, competency=c1, level=2)
    new = make_description(pos.b, version=2, tasks=("Nhiệm vụ một", "Lập báo cáo quyết toán"), objective=old.objective)
    DescriptionCompetency.objects.create(description=new, competency=c1, level=3)
    new.tasks.filter(order=1).update(outputs="Sổ kế toán")

    sections = reports.description_sections(new)
    assert list(sections)[:2] == ["Mục tiêu", "Nhiệm vụ"]
    assert "Khung năng lực" in sections
    assert "2. Lập báo cáo quyết toán" in plain_text(sections["Nhiệm vụ"])
    assert "Sản phẩm đầu ra: Sổ kế toán" in plain_text(sections["Nhiệm vụ"])
    assert plain_text(sections["Khung năng lực"]) == "Soạn thảo văn bản (thử): cấp độ 3"

    rows = {r.title: r for r in diff_sections(reports.description_sections(old), sections)}
    assert not rows["Mục tiêu"].changed
    assert rows["Nhiệm vụ"].changed and "<ins>" in rows["Nhiệm vụ"].right_html
    assert "cấp độ <del>2</del>" in rows["Khung năng lực"].left_html
    assert "cấp độ <ins>3</ins>" in rows["Khung năng lực"].right_html
