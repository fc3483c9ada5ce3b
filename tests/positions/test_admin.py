"""The positions admin: reference data for national admins only (ranks, competencies with their
five levels, the framework catalogue with its sample), positions and descriptions scoped to the
user's subtree, approved descriptions read-only, descriptions never deleted."""

import json
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from imports.models import ImportJob, ImportStatus
from positions.models import (
    Competency,
    CompetencyLevel,
    DescriptionStatus,
    FrameworkPosition,
    Position,
    PositionDescription,
    Rank,
    RankKind,
)
from tests.builders import csv_bytes, make_description, make_position

REFERENCE_MODELS = ["positiongroup", "rank", "competency", "frameworkposition"]


def url(model, action="changelist", *args):
    return reverse(f"admin:positions_{model}_{action}", args=args)


def listed(response):
    return {str(obj.code) for obj in response.context["cl"].result_list}


def rank_data(rank, **changes):
    data = {
        "code": rank.code,
        "name": rank.name,
        "kind": rank.kind,
        "field": rank.field,
        "legal_basis": rank.legal_basis_id or "",
        "grade": rank.grade,
        "level": rank.level,
        "salary_group": rank.salary_group,
        "coefficient_min": rank.coefficient_min or "",
        "coefficient_max": rank.coefficient_max or "",
    }
    if rank.active:
        data["active"] = "on"
    data.update(changes)
    return data


def form_errors(response) -> dict:
    return response.context["adminform"].form.errors


# --------------------------------------------------------------------------- access


@pytest.mark.parametrize("model", REFERENCE_MODELS)
def test_org_admin_gets_403_on_reference_pages(login, ref, model):
    client = login("admin_a")
    assert client.get(url(model)).status_code == 403
    assert client.get(url(model, "add")).status_code == 403
    obj = {"rank": ref.ranks["01.003"], "competency": ref.competencies["TNL-C1"], "frameworkposition": ref.framework}
    obj["positiongroup"] = ref.groups["CMNV"]
    assert client.get(url(model, "change", obj[model].pk)).status_code == 403
    assert client.get(url(model, "auditlog", obj[model].pk)).status_code == 403
    assert login("national").get(url(model, "change", obj[model].pk)).status_code == 200


def test_admin_index_lists_reference_data_to_national_admins_only(login, ref):
    national = login("national").get(reverse("admin:app_list", args=["positions"]))
    assert {m["object_name"] for m in national.context["app_list"][0]["models"]} >= {
        "Rank",
        "Competency",
        "FrameworkPosition",
        "PositionGroup",
        "Position",
        "PositionDescription",
    }
    org_admin = login("admin_a").get(reverse("admin:index"))
    models = {m["object_name"] for app in org_admin.context["app_list"] for m in app["models"]}
    assert {"Position", "PositionDescription"} <= models
    assert not models & {"Rank", "Competency", "FrameworkPosition", "PositionGroup"}


@pytest.mark.parametrize("persona", ["hr_a", "manager_a", "nobody"])
def test_non_admins_do_not_enter_the_positions_admin(login, ref, persona):
    response = login(persona).get(url("rank"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("admin:login"))


# --------------------------------------------------------------------------- ranks


def test_national_admin_edits_a_rank(login, ref):
    rank = ref.ranks["01.003"]
    data = rank_data(rank, name="Chuyên viên (sửa)", coefficient_min="2.34", coefficient_max="4.98")
    response = login("national").post(url("rank", "change", rank.pk), data)
    assert response.status_code == 302, form_errors(response)
    rank.refresh_from_db()
    assert rank.name == "Chuyên viên (sửa)" and rank.coefficient_max == Decimal("4.98")


def test_org_admin_cannot_change_a_rank(login, ref):
    rank = ref.ranks["01.003"]
    assert login("admin_a").post(url("rank", "change", rank.pk), rank_data(rank, name="X")).status_code == 403
    rank.refresh_from_db()
    assert rank.name == "Chuyên viên"


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"code": "1.003"}, "code"),
        ({"grade": "II"}, "grade"),  # a ngạch has no hạng
        ({"kind": RankKind.TITLE, "grade": "II"}, "code"),  # a title's code is V.xx.yy.zz
        ({"coefficient_min": "5.00", "coefficient_max": "4.00"}, "coefficient_max"),
        ({"level": 10}, "level"),
        ({"level": 0}, "level"),
    ],
)
def test_rank_form_rules(login, ref, changes, field):
    rank = ref.ranks["01.003"]
    response = login("national").post(url("rank", "change", rank.pk), rank_data(rank, **changes))
    assert response.status_code == 200 and field in form_errors(response)
    rank.refresh_from_db()
    assert rank.code == "01.003" and rank.grade == ""


def test_a_title_needs_a_grade(login, ref):
    data = rank_data(Rank(code="V.99.01.01", name="Thử hạng", kind=RankKind.TITLE, level=3, active=True))
    response = login("national").post(url("rank", "add"), data)
    assert "grade" in form_errors(response)
    data["grade"] = "III"
    assert login("national").post(url("rank", "add"), data).status_code == 302
    assert Rank.objects.get(code="V.99.01.01").grade == "III"


@pytest.mark.parametrize("q", ["chuyen vien chinh", "CHUYÊN VIÊN CHÍNH", "01.002"])
def test_rank_search_folds_diacritics(login, ref, q):
    assert "01.002" in listed(login("national").get(url("rank"), {"q": q}))
    assert "01.005" not in listed(login("national").get(url("rank"), {"q": q}))


def test_rank_filters(login, ref):
    titles = listed(login("national").get(url("rank"), {"kind__exact": RankKind.TITLE}))
    assert titles and all(code.startswith("V.") for code in titles)
    accounting = listed(login("national").get(url("rank"), {"field": "Kế toán"}))
    assert "06.031" in accounting and "01.003" not in accounting


def test_rank_history_link(login, ref):
    rank = ref.ranks["01.003"]
    login("national").post(url("rank", "change", rank.pk), rank_data(rank, name="Chuyên viên mới"))
    page = login("national").get(url("rank", "auditlog", rank.pk))
    assert page.status_code == 200 and "Chuyên viên mới" in page.content.decode()


# --------------------------------------------------------------------------- competencies


def competency_data(levels, *, code="TNL-NEW", existing=()):
    data = {
        "code": code,
        "kind": "CHUNG",
        "name": "Năng lực thử",
        "definition": "",
        "order": 9,
        "active": "on",
        "levels-TOTAL_FORMS": len(levels),
        "levels-INITIAL_FORMS": len(existing),
        "levels-MIN_NUM_FORMS": 0,
        "levels-MAX_NUM_FORMS": 5,
    }
    for i, (level, descriptor) in enumerate(levels):
        data[f"levels-{i}-level"] = level
        data[f"levels-{i}-descriptor"] = descriptor
        if i < len(existing):
            data[f"levels-{i}-id"] = existing[i]
    return data


def formset_errors(response) -> str:
    """The inline formsets' errors as text: their own (non-form) errors, then each form's."""
    formsets = [inline.formset for inline in response.context["inline_admin_formsets"]]
    return " ".join(
        [str(e) for formset in formsets for e in formset.non_form_errors()]
        + [str(e) for formset in formsets for form in formset.forms for e in form.errors.values()]
    )


def test_add_form_offers_the_five_levels(login, ref):
    response = login("national").get(url("competency", "add"))
    formset = response.context["inline_admin_formsets"][0].formset
    assert [form.initial.get("level") for form in formset.forms] == [1, 2, 3, 4, 5]


def test_competency_with_five_levels_is_saved(login, ref):
    levels = [(n, f"Mô tả cấp độ {n}") for n in range(1, 6)]
    response = login("national").post(url("competency", "add"), competency_data(levels))
    assert response.status_code == 302
    saved = Competency.objects.get(code="TNL-NEW")
    assert list(saved.levels.values_list("level", "descriptor")) == levels


@pytest.mark.parametrize(
    "levels, message",
    [
        ([(n, f"Mô tả {n}") for n in range(1, 5)], "đủ 5 cấp độ"),
        ([(1, "a"), (2, "b"), (3, "c"), (4, "d"), (4, "e")], "được ghi hai lần"),
        ([(1, "a"), (2, "b"), (3, "c"), (4, "d"), (6, "e")], "nhỏ hơn hoặc bằng với 5"),  # the level's own field
    ],
)
def test_competency_level_rule(login, ref, levels, message):
    response = login("national").post(url("competency", "add"), competency_data(levels))
    assert response.status_code == 200
    assert message in formset_errors(response)
    assert not Competency.objects.filter(code="TNL-NEW").exists()


def test_removing_a_level_of_an_existing_competency_is_refused(login, ref):
    competency = ref.competencies["TNL-C1"]
    rows = list(competency.levels.order_by("level").values_list("pk", "level", "descriptor"))
    data = competency_data([(lv, d) for _pk, lv, d in rows], code=competency.code, existing=[pk for pk, *_ in rows])
    data["levels-4-DELETE"] = "on"
    response = login("national").post(url("competency", "change", competency.pk), data)
    assert response.status_code == 200 and "đủ 5 cấp độ" in formset_errors(response)
    assert competency.levels.count() == 5
    data.pop("levels-4-DELETE")
    data["levels-2-descriptor"] = "Cấp độ 3 đã sửa"
    assert login("national").post(url("competency", "change", competency.pk), data).status_code == 302
    assert CompetencyLevel.objects.get(competency=competency, level=3).descriptor == "Cấp độ 3 đã sửa"


# --------------------------------------------------------------------------- framework catalogue


def framework_data(fw, sample, **changes):
    data = {
        "code": fw.code,
        "name": fw.name,
        "group": fw.group_id,
        "subgroup": fw.subgroup,
        "min_rank": fw.min_rank_id or "",
        "max_rank": fw.max_rank_id or "",
        "legal_basis": fw.legal_basis_id or "",
        "active": "on",
        "sample": json.dumps(sample, ensure_ascii=False),
    }
    data.update(changes)
    return data


def test_framework_page_shows_the_sample_tasks_as_a_table(login, ref):
    page = login("national").get(url("frameworkposition", "change", ref.framework.pk)).content.decode()
    # the body of a description as the portal's pages show it (positions/_description_body.html)
    assert 'class="description-body"' in page
    assert '<td class="rich">Tiếp nhận văn bản đến</td>' in page and '<td class="rich">Sổ đăng ký</td>' in page
    assert '<td>Soạn thảo văn bản (thử)</td><td class="text-center">3</td>' in page
    # the JSON is shown indented, with Vietnamese letters as they are
    assert "&quot;task&quot;: &quot;Phát hành văn bản đi&quot;" in page


def test_framework_sample_is_checked_and_sanitised(login, ref):
    fw = ref.framework
    sample = {
        "objective": "<p onclick='x()'>Mục tiêu <script>alert(1)</script><b>mới</b></p>",
        "tasks": [{"task": "Lập hồ sơ", "outputs": "Hồ sơ", "criteria": "Đúng hạn"}],
        "competencies": [["TNL-C2", 4]],
    }
    response = login("national").post(url("frameworkposition", "change", fw.pk), framework_data(fw, sample))
    assert response.status_code == 302, form_errors(response)
    fw.refresh_from_db()
    assert fw.sample["objective"] == "<p>Mục tiêu <b>mới</b></p>"
    assert fw.sample["tasks"] == [{"task": "Lập hồ sơ", "outputs": "Hồ sơ", "criteria": "Đúng hạn"}]
    assert fw.sample["competencies"] == [["TNL-C2", 4]]


@pytest.mark.parametrize(
    "sample, message",
    [
        ({"tasks": [{"outputs": "x"}]}, "Nhiệm vụ thứ 1"),
        ({"competencies": [["TNL-C2", 7]]}, "cấp độ 1–5"),
        ({"competencies": [["KHONG-CO", 2]]}, "không có trong từ điển"),
        ({"objectif": "typo"}, "Khoá không hợp lệ: objectif"),
        (["not", "an", "object"], "đối tượng JSON"),
    ],
)
def test_framework_sample_errors(login, ref, sample, message):
    fw = ref.framework
    before = fw.sample
    response = login("national").post(url("frameworkposition", "change", fw.pk), framework_data(fw, sample))
    assert response.status_code == 200 and message in str(form_errors(response)["sample"])
    fw.refresh_from_db()
    assert fw.sample == before


def test_framework_rank_range_and_subgroup(login, ref):
    fw = ref.framework
    data = framework_data(fw, fw.sample, min_rank=ref.ranks["01.002"].pk, max_rank=ref.ranks["01.004"].pk)
    assert "max_rank" in form_errors(login("national").post(url("frameworkposition", "change", fw.pk), data))
    data = framework_data(fw, fw.sample, group=ref.groups["HTPV"].pk, subgroup="DC")
    assert "subgroup" in form_errors(login("national").post(url("frameworkposition", "change", fw.pk), data))


def test_framework_search_folds_diacritics(login, ref):
    assert "TKHUNG-VT" in listed(login("national").get(url("frameworkposition"), {"q": "van thu (khung"}))


# --------------------------------------------------------------------------- positions and descriptions


def test_org_admin_sees_the_subtree_positions_only(login, pos):
    response = login("admin_a").get(url("position"))
    assert response.status_code == 200
    assert listed(response) == {"VT01", "TC01"}
    assert listed(login("national").get(url("position"))) >= {"VT01", "TC01", "KT01"}
    assert listed(login("admin_a").get(url("position"), {"q": "to chuc can bo"})) == {"TC01"}
    outside = login("admin_a").get(url("position", "change", pos.b.pk))
    assert outside.status_code == 302 and outside["Location"] == reverse("admin:index")


def test_org_admin_edits_a_position_with_the_rank_rule(login, tree, ref, pos):
    client = login("admin_a")
    data = {
        "organization": tree.A.pk,
        "code": "VT01",
        "name": "Văn thư cơ quan",
        "group": ref.groups["CMNV"].pk,
        "subgroup": "DC",
        "min_rank": ref.ranks["01.004"].pk,
        "max_rank": ref.ranks["01.003"].pk,
        "headcount": 2,
        "framework": "",
        "order": 0,
    }
    assert client.post(url("position", "change", pos.a.pk), data).status_code == 302
    assert Position.objects.get(pk=pos.a.pk).name == "Văn thư cơ quan"
    data |= {"required_training_level": "CD", "required_training_field": "Văn thư, lưu trữ"}
    assert client.post(url("position", "change", pos.a.pk), data).status_code == 302
    changed = Position.objects.get(pk=pos.a.pk)
    assert (changed.required_training_level, changed.required_training_field) == ("CD", "Văn thư, lưu trữ")
    assert "required_training_level" in form_errors(
        client.post(url("position", "change", pos.a.pk), data | {"required_training_level": "X"})
    )
    data["min_rank"], data["max_rank"] = ref.ranks["01.002"].pk, ref.ranks["01.005"].pk
    assert "max_rank" in form_errors(client.post(url("position", "change", pos.a.pk), data))
    data["organization"] = tree.B.pk  # outside the subtree: not a choice
    assert "organization" in form_errors(client.post(url("position", "change", pos.a.pk), data))


def test_a_position_with_a_history_is_not_deleted(login, pos):
    client = login("national")
    assert client.post(url("position", "delete", pos.b.pk), {"post": "yes"}).status_code == 403
    assert Position.objects.filter(pk=pos.b.pk).exists()
    # no bulk delete: the changelist has no action at all (delete_selected was its only one)
    assert client.get(url("position")).context["action_form"] is None


def test_approved_description_is_read_only(login, admin_p, ref, pos):
    client = login("national")
    page = client.get(url("positiondescription", "change", pos.b_approved.pk))
    assert page.status_code == 200
    assert not page.context["has_change_permission"]
    assert 'name="objective"' not in page.content.decode()
    response = client.post(url("positiondescription", "change", pos.b_approved.pk), {"objective": "<p>Đổi</p>"})
    assert response.status_code == 403
    pos.b_approved.refresh_from_db()
    assert pos.b_approved.objective == "<p>Kế toán ngân sách.</p>"


def description_data(description, **changes):
    data = {name: getattr(description, name) for name in PositionDescription.PROSE_FIELDS}
    data.update({name: getattr(description, name) for name in PositionDescription.PLAIN_FIELDS})
    data["seen_lock_version"] = description.lock_version
    data.update(changes)
    return data


def test_org_admin_edits_a_draft_sanitised_and_locked(login, pos):
    draft = pos.a_draft
    client = login("admin_a")
    page = client.get(url("positiondescription", "change", draft.pk)).content.decode()
    assert 'class="description-body"' in page and '<td class="rich">Nhiệm vụ một</td>' in page
    data = description_data(draft, objective="<p>Mới <script>x()</script><em>hơn</em></p>")
    assert client.post(url("positiondescription", "change", draft.pk), data).status_code == 302
    draft.refresh_from_db()
    assert draft.objective == "<p>Mới <em>hơn</em></p>" and draft.lock_version == 1
    # a second save from the page opened before the first one is refused
    stale = description_data(draft, objective="<p>Cũ</p>", seen_lock_version=0)
    response = client.post(url("positiondescription", "change", draft.pk), stale)
    assert response.status_code == 200 and "người khác lưu" in str(form_errors(response))
    draft.refresh_from_db()
    assert draft.objective == "<p>Mới <em>hơn</em></p>"


def test_descriptions_are_scoped_and_never_deleted(login, pos):
    client = login("admin_a")
    response = client.get(url("positiondescription"))
    assert {d.pk for d in response.context["cl"].result_list} == {pos.a_draft.pk, pos.a1_submitted.pk}
    assert client.get(url("positiondescription", "change", pos.b_approved.pk)).status_code == 302
    assert client.post(url("positiondescription", "delete", pos.a_draft.pk), {"post": "yes"}).status_code == 403
    assert (
        login("national").post(url("positiondescription", "delete", pos.a_draft.pk), {"post": "yes"}).status_code == 403
    )
    assert PositionDescription.objects.filter(pk=pos.a_draft.pk).exists()
    assert client.get(url("positiondescription", "add")).status_code == 403


def test_submitted_description_is_read_only_too(login, pos):
    page = login("admin_a").get(url("positiondescription", "change", pos.a1_submitted.pk))
    assert page.status_code == 200 and not page.context["has_change_permission"]


def test_description_changelist_query_count_is_constant(login, tree, ref, pos):
    client = login("admin_a")
    client.get(url("positiondescription"))  # warm caches (content types, session)

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url("positiondescription")).status_code == 200
        return len(ctx.captured_queries)

    before = count()
    for i in range(15):
        position = make_position(tree.A1, f"Q{i:02d}", f"Vị trí {i}", group=ref.groups["CMNV"])
        make_description(position, status=DescriptionStatus.APPROVED)
    assert count() == before


def test_framework_position_search_key_follows_the_name(login, ref):
    fw = ref.framework
    data = framework_data(fw, {"tasks": fw.sample["tasks"]}, name="Lưu trữ (khung thử)")
    assert login("national").post(url("frameworkposition", "change", fw.pk), data).status_code == 302
    assert FrameworkPosition.objects.get(pk=fw.pk).search_key == "luu tru (khung thu)"


def test_only_a_position_without_descriptions_is_deleted(login, tree, ref):
    kept = make_position(tree.A2, "NHAP01", "Có bản nháp", group=ref.groups["CMNV"])
    make_description(kept)
    mistaken = make_position(tree.A2, "SAI01", "Nhập nhầm", group=ref.groups["CMNV"])
    client = login("admin_a")
    assert client.post(url("position", "delete", kept.pk), {"post": "yes"}).status_code == 403
    assert client.post(url("position", "delete", mistaken.pk), {"post": "yes"}).status_code == 302
    assert set(Position.objects.filter(code__in=["NHAP01", "SAI01"]).values_list("code", flat=True)) == {"NHAP01"}


# --------------------------------------------------------------------------- import/export (the engine's screens)


@pytest.mark.parametrize(
    "model, kind", [("rank", "ranks"), ("competency", "competencies"), ("frameworkposition", "framework")]
)
def test_reference_import_export_buttons_lead_to_the_engine(login, ref, model, kind):
    client = login("national")
    page = client.get(url(model)).content.decode()
    assert f'href="{url(model, "import")}"' in page and f'href="{url(model, "export")}"' in page
    response = client.get(url(model, "import"))
    assert response.status_code == 302 and response.url == reverse("imports:import_start") + f"?kind={kind}"
    assert f'<option value="{kind}" selected>' in client.get(response.url).content.decode()
    assert client.get(url(model, "export")).url == reverse("imports:export") + f"?kind={kind}"
    assert login("admin_a").get(url(model, "import")).status_code == 403
    assert login("admin_a").get(url(model, "export")).status_code == 403


def test_a_rank_file_through_the_admin_is_checked_then_confirmed(login, ref):
    client = login("national")
    header = ["Mã", "Tên", "Loại", "Hạng", "Bậc so sánh"]
    bad = csv_bytes([header, ["99.010", "Ngạch thử", "NGACH", "II", "3"]])
    response = client.post(url("rank", "import"), {"kind": "ranks", "file": SimpleUploadedFile("r.csv", bad)})
    job = ImportJob.objects.get(pk=response.url.rstrip("/").split("/")[-1])
    assert job.status == ImportStatus.REJECTED and "không có hạng" in job.errors[0]["message"]
    good = csv_bytes([header, ["99.010", "Ngạch thử", "NGACH", "", "3"]])
    response = client.post(url("rank", "import"), {"kind": "ranks", "file": SimpleUploadedFile("r.csv", good)})
    job = ImportJob.objects.get(pk=response.url.rstrip("/").split("/")[-1])
    assert job.status == ImportStatus.READY and not Rank.objects.filter(code="99.010").exists()
    client.post(reverse("imports:import_confirm", args=[job.pk]))
    assert Rank.objects.get(code="99.010").name == "Ngạch thử"


def test_org_admins_import_positions_from_the_position_admin(login, pos):
    client = login("admin_a")
    page = client.get(url("position")).content.decode()
    assert f'href="{url("position", "import")}"' in page
    response = client.get(url("position", "import"))
    assert response.url == reverse("imports:import_start") + "?kind=positions"
    start = client.get(reverse("imports:import_start")).content.decode()
    assert 'value="positions"' in start and 'value="ranks"' not in start  # reference kinds: national only
