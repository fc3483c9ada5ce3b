"""The positions pages: the access matrix for every URL, the editor (task order, competency
levels, sanitising, the concurrent-edit page), the workflow, catalogue query budget, search,
copying, diff, print views and the XLSX export."""

import io
import re

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from positions.models import DescriptionStatus, Position, PositionDescription
from tests.builders import make_description, make_position

pytestmark = pytest.mark.django_db

ALL = ("anon", "national", "admin_a", "hr_a", "manager_a", "hr_b", "nobody", "admin_p")


def expect(default, anon=302, **by_persona):
    return {p: by_persona.get(p, default) for p in ALL} | {"anon": anon}


VIEW_A = {"national": 200, "admin_a": 200, "hr_a": 200, "manager_a": 200, "admin_p": 200}
EDIT_A = {"national": 200, "admin_a": 200, "hr_a": 200, "manager_a": 403, "admin_p": 200}
VIEW_B = {"national": 200, "hr_b": 200, "admin_p": 200}


def url(name, attr=None, *, org=None, query=""):
    def build(t, pos):
        if org:
            return reverse(name, args=[getattr(t, org).code]) + query
        if attr:
            return reverse(name, args=[getattr(pos, attr).pk]) + query
        return reverse(name) + query

    return build


def diff_url(t, pos):
    return reverse("positions:description_diff") + f"?a={pos.a_draft.pk}&b={pos.a_draft.pk}"


def submit_a_first(people, pos):
    pos.a_draft.status = DescriptionStatus.SUBMITTED
    pos.a_draft.save()


# (id, method, url(tree, pos), post data, expected per persona, setup(people, pos) or None)
CASES = [
    ("list", "get", url("positions:position_list"), None, expect(200), None),
    ("queue", "get", url("positions:approval_queue"), None, expect(200), None),
    ("catalogue-A", "get", url("positions:catalogue", org="A"), None, expect(404, **VIEW_A), None),
    ("catalogue-B", "get", url("positions:catalogue", org="B"), None, expect(404, **VIEW_B), None),
    ("catalogue-print-A", "get", url("positions:catalogue_print", org="A"), None, expect(404, **VIEW_A), None),
    ("catalogue-export-A", "get", url("positions:catalogue_export", org="A"), None, expect(404, **VIEW_A), None),
    ("catalogue-export-B", "get", url("positions:catalogue_export", org="B"), None, expect(404, **VIEW_B), None),
    ("create-get-A", "get", url("positions:position_create", org="A"), None, expect(404, **EDIT_A), None),
    (
        "create-post-A",
        "post",
        url("positions:position_create", org="A"),
        lambda ref: {"code": "NEW", "name": "Mới", "group": ref.groups["HTPV"].pk, "headcount": 1},
        expect(404, **(EDIT_A | {"national": 302, "admin_a": 302, "hr_a": 302, "admin_p": 302})),
        None,
    ),
    (
        "framework-A",
        "get",
        url("positions:framework_search", org="A", query="?fq=van"),
        None,
        expect(404, **VIEW_A),
        None,
    ),
    ("position-A", "get", url("positions:position_detail", "a"), None, expect(404, **VIEW_A), None),
    ("position-B", "get", url("positions:position_detail", "b"), None, expect(404, **VIEW_B), None),
    ("position-edit-A", "get", url("positions:position_edit", "a"), None, expect(404, **EDIT_A), None),
    ("description-A", "get", url("positions:description_detail", "a_draft"), None, expect(404, **VIEW_A), None),
    ("description-B", "get", url("positions:description_detail", "b_approved"), None, expect(404, **VIEW_B), None),
    ("edit-A", "get", url("positions:description_edit", "a_draft"), None, expect(404, **EDIT_A), None),
    ("print-A", "get", url("positions:description_print", "a_draft"), None, expect(404, **VIEW_A), None),
    ("copy-A", "get", url("positions:description_copy", "a_draft"), None, expect(404, **EDIT_A), None),
    ("diff-A", "get", diff_url, None, expect(404, **VIEW_A), None),
    (
        "submit-A",
        "post",
        url("positions:description_submit", "a_draft"),
        None,
        expect(404, national=302, admin_a=302, hr_a=302, manager_a=403, admin_p=302),
        None,
    ),
    ("submit-get", "get", url("positions:description_submit", "a_draft"), None, expect(405, nobody=405), None),
    # A1's description: approved by the admin of A (its parent), the admin of P or a national admin.
    (
        "approve-A1",
        "post",
        url("positions:description_approve", "a1_submitted"),
        None,
        expect(404, national=302, admin_a=302, hr_a=403, manager_a=403, admin_p=302),
        None,
    ),
    (
        "return-A1",
        "post",
        url("positions:description_return", "a1_submitted"),
        lambda ref: {"comment": "Sửa lại"},
        expect(404, national=302, admin_a=302, hr_a=403, manager_a=403, admin_p=302),
        None,
    ),
    # A's own description: its own admin may not approve it; the province's admin may.
    (
        "approve-A-own",
        "post",
        url("positions:description_approve", "a_draft"),
        None,
        expect(404, national=302, admin_a=403, hr_a=403, manager_a=403, admin_p=302),
        submit_a_first,
    ),
    (
        "new-version-B",
        "post",
        url("positions:description_new_version", "b_approved"),
        None,
        expect(404, national=302, hr_b=302, admin_p=302),
        None,
    ),
]


@pytest.mark.parametrize(("case", "method", "make_url", "data", "expected", "setup"), CASES, ids=[c[0] for c in CASES])
@pytest.mark.parametrize("persona", ALL)
def test_access_matrix(tree, people, admin_p, ref, pos, persona, case, method, make_url, data, expected, setup):
    if setup:
        setup(people, pos)
    client = Client()
    if persona != "anon":
        client.force_login(admin_p if persona == "admin_p" else getattr(people, persona))
    target = make_url(tree, pos)
    response = getattr(client, method)(target, data(ref) if data else {})
    assert response.status_code == expected[persona], f"{persona} {method} {target}"
    if persona == "anon":
        assert response["Location"].startswith(reverse("login"))


# --------------------------------------------------------------------------- editor


def editor_post(description, *, tasks, levels=None, lock=None, base="", extra=None, **fields):
    """POST data of the editor: ``tasks`` as (task, outputs, criteria, ORDER, DELETE) tuples in
    form-index order."""
    data = {
        "lock_version": description.lock_version if lock is None else lock,
        "base": base,
        "tasks-TOTAL_FORMS": len(tasks),
        "tasks-INITIAL_FORMS": 0,
        "tasks-MIN_NUM_FORMS": 0,
        "tasks-MAX_NUM_FORMS": 1000,
        "objective": "",
        **fields,
    }
    for i, (task, outputs, criteria, order, delete) in enumerate(tasks):
        data |= {f"tasks-{i}-task": task, f"tasks-{i}-outputs": outputs, f"tasks-{i}-criteria": criteria}
        data[f"tasks-{i}-ORDER"] = order
        if delete:
            data[f"tasks-{i}-DELETE"] = "True"
    for competency, level in (levels or {}).items():
        data[f"c{competency.pk}"] = level
    return data | (extra or {})


def test_editor_post_keeps_task_order_and_saves_levels(login, ref, pos):
    client = login("hr_a")
    edit = reverse("positions:description_edit", args=[pos.a_draft.pk])
    data = editor_post(
        pos.a_draft,
        # Form 0 was moved to the bottom, form 2 to the top, form 3 removed (DELETE).
        tasks=[
            ("Lưu trữ hồ sơ", "Hồ sơ", "Đầy đủ", 3, False),
            ("Tiếp nhận văn bản", "Sổ", "Đúng hạn", 2, False),
            ("Trình ký văn bản", "", "", 1, False),
            ("Nhiệm vụ bị xoá", "", "", 4, True),
        ],
        levels={ref.competencies["TNL-C1"]: 4, ref.competencies["TNL-P1"]: 2, ref.competencies["TNL-M1"]: 0},
        objective="<p>Bảo đảm <b>văn thư</b></p>",
        training_level="Đại học",
    )
    response = client.post(edit, data)
    assert response.status_code == 302
    saved = PositionDescription.objects.get(pk=pos.a_draft.pk)
    assert list(saved.tasks.values_list("order", "task", "outputs")) == [
        (1, "Trình ký văn bản", ""),
        (2, "Tiếp nhận văn bản", "Sổ"),
        (3, "Lưu trữ hồ sơ", "Hồ sơ"),
    ]
    assert dict(saved.competencies.values_list("competency__code", "level")) == {"TNL-C1": 4, "TNL-P1": 2}
    assert saved.objective == "<p>Bảo đảm <b>văn thư</b></p>" and saved.training_level == "Đại học"
    assert saved.lock_version == 1

    page = client.get(edit).content.decode()
    # The editor shows the saved levels selected and the meaning of the chosen level.
    c1 = ref.competencies["TNL-C1"].pk
    assert re.search(rf'name="c{c1}"[^>]*>(?:(?!</select>).)*<option value="4" selected>', page, re.S)
    assert 'class="level-descriptor is-active" data-level="4"' in page
    assert "Soạn thảo văn bản (thử) — mô tả cấp độ 4" in page


def test_editor_sanitises_rich_text(login, pos):
    client = login("hr_a")
    data = editor_post(
        pos.a_draft,
        tasks=[("<b>Soạn</b> văn bản<script>alert(1)</script>", '<a href="javascript:alert(1)">x</a>', "", 1, False)],
        objective='<p>Mục tiêu<img src=x onerror="alert(1)"><svg onload="alert(1)"></svg><math></math></p>'
        '<style>p{}</style><ul><li><i>một</i></li></ul><a href="https://example.gov.vn">luật</a>',
    )
    assert client.post(reverse("positions:description_edit", args=[pos.a_draft.pk]), data).status_code == 302
    saved = PositionDescription.objects.get(pk=pos.a_draft.pk)
    for bad in ("<script", "onerror", "<svg", "<math", "<style", "javascript:", "<img"):
        assert bad not in saved.objective.lower() and bad not in saved.tasks.get().task.lower()
    assert "<ul><li><i>một</i></li></ul>" in saved.objective
    assert 'href="https://example.gov.vn"' in saved.objective
    assert saved.tasks.get().task == "<b>Soạn</b> văn bản"
    detail = login("hr_a").get(pos.a_draft.get_absolute_url()).content.decode()
    assert "<b>Soạn</b> văn bản" in detail and "alert(1)" not in detail


def test_editor_rejects_outputs_without_task(login, pos):
    data = editor_post(pos.a_draft, tasks=[("", "Sản phẩm không có nhiệm vụ", "", 1, False)])
    response = login("hr_a").post(reverse("positions:description_edit", args=[pos.a_draft.pk]), data)
    assert response.status_code == 200
    assert "Hãy nhập nội dung nhiệm vụ" in response.content.decode()
    assert PositionDescription.objects.get(pk=pos.a_draft.pk).lock_version == 0


def test_concurrent_edit_shows_409_with_their_change_and_my_text(login, people, pos):
    edit = reverse("positions:description_edit", args=[pos.a_draft.pk])
    mine, theirs = login("hr_a"), login("admin_a")
    # Both open the editor (lock 0); the signed snapshot of what each saw travels with the form.
    base = re.search(r'name="base" value="([^"]+)"', mine.get(edit).content.decode()).group(1)
    theirs.get(edit)
    first = editor_post(
        pos.a_draft,
        tasks=[("Nhiệm vụ một", "Báo cáo tháng", "", 1, False)],
        base=base,
        objective="<p>Quản lý văn bản đi, đến và hồ sơ lưu trữ.</p>",
    )
    assert theirs.post(edit, first).status_code == 302

    typed = editor_post(
        pos.a_draft,
        tasks=[("Nhiệm vụ của tôi rất dài", "", "", 1, False)],
        lock=0,
        base=base,
        objective="<p>Mục tiêu tôi vừa gõ</p>",
        training_field="Lưu trữ học",
    )
    response = mine.post(edit, typed)
    assert response.status_code == 409
    page = response.content.decode()
    other = people.admin_a.get_full_name() or people.admin_a.username
    assert 'id="conflict"' in page and f"<strong>{other}</strong> đã lưu" in page
    # What the other person changed: the words they added to the objective and the task outputs.
    assert re.search(r"<ins>[^<]*và hồ sơ lưu trữ.</ins>", page)
    assert "Báo cáo tháng</ins>" in page
    # What this person typed is all still there, bound to the new lock version.
    assert "Mục tiêu tôi vừa gõ" in page and "Nhiệm vụ của tôi rất dài" in page and 'value="Lưu trữ học"' in page
    assert 'name="lock_version" value="1"' in page
    stored = PositionDescription.objects.get(pk=pos.a_draft.pk)
    assert stored.objective == "<p>Quản lý văn bản đi, đến và hồ sơ lưu trữ.</p>" and stored.lock_version == 1

    # Saving again deliberately ("giữ bản của tôi") now succeeds.
    new_base = re.search(r'name="base" value="([^"]+)"', page).group(1)
    again = typed | {"lock_version": 1, "base": new_base}
    assert mine.post(edit, again).status_code == 302
    assert PositionDescription.objects.get(pk=pos.a_draft.pk).objective == "<p>Mục tiêu tôi vừa gõ</p>"


def test_editor_query_budget_is_constant(login, ref, pos, django_assert_max_num_queries):
    client = login("hr_a")
    edit = reverse("positions:description_edit", args=[pos.a_draft.pk])
    client.get(edit)
    for i in range(2, 30):
        pos.a_draft.tasks.create(order=i, task=f"Nhiệm vụ {i}")
    with django_assert_max_num_queries(12):
        assert client.get(edit).status_code == 200


def test_save_and_submit_then_return_comment_is_shown_to_editor(login, admin_p, pos):
    edit = reverse("positions:description_edit", args=[pos.a_draft.pk])
    data = editor_post(pos.a_draft, tasks=[("Tiếp nhận văn bản", "", "", 1, False)], extra={"save_submit": "1"})
    response = login("hr_a").post(edit, data, follow=True)
    assert "Đã trình phê duyệt" in response.content.decode()
    assert PositionDescription.objects.get(pk=pos.a_draft.pk).status == DescriptionStatus.SUBMITTED

    approver = Client()
    approver.force_login(admin_p)
    queue = approver.get(reverse("positions:approval_queue")).content.decode()
    assert "Văn thư" in queue
    back = reverse("positions:description_return", args=[pos.a_draft.pk])
    refused = approver.post(back, {"comment": "  "}, follow=True).content.decode()
    assert "Hãy ghi ý kiến" in refused
    approver.post(back, {"comment": "Bổ sung tiêu chí đánh giá cho nhiệm vụ 1."})
    assert PositionDescription.objects.get(pk=pos.a_draft.pk).status == DescriptionStatus.RETURNED

    page = login("hr_a").get(edit).content.decode()
    assert 'id="return-comment"' in page and "Bổ sung tiêu chí đánh giá cho nhiệm vụ 1." in page


def test_submit_without_tasks_is_refused_with_a_message(login, tree, ref):
    position = make_position(tree.A, "E1", "Trống", group=ref.groups["HTPV"])
    draft = make_description(position, tasks=())
    response = login("hr_a").post(reverse("positions:description_submit", args=[draft.pk]), follow=True)
    assert "ít nhất một nhiệm vụ" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == DescriptionStatus.DRAFT


def test_approved_version_is_read_only_and_new_version_opens_editor(login, pos):
    client = login("hr_b")
    response = client.get(reverse("positions:description_edit", args=[pos.b_approved.pk]))
    assert response.status_code == 302 and response["Location"] == pos.b_approved.get_absolute_url()
    detail = client.get(pos.b_approved.get_absolute_url()).content.decode()
    assert 'id="action-new-version"' in detail and 'id="action-edit"' not in detail
    response = client.post(reverse("positions:description_new_version", args=[pos.b_approved.pk]))
    draft = pos.b.descriptions.get(version=2)
    assert response["Location"] == reverse("positions:description_edit", args=[draft.pk])


def test_approval_queue_scopes(login, admin_p, pos):
    pos.a_draft.status = DescriptionStatus.SUBMITTED
    pos.a_draft.save()
    a_url = pos.a_draft.get_absolute_url()
    a1_url = pos.a1_submitted.get_absolute_url()
    own = login("admin_a").get(reverse("positions:approval_queue")).content.decode()
    assert a1_url in own and a_url not in own  # admin of A decides for A1, not for A itself
    client = Client()
    client.force_login(admin_p)
    province = client.get(reverse("positions:approval_queue")).content.decode()
    assert a1_url in province and a_url in province
    assert a_url not in login("hr_a").get(reverse("positions:approval_queue")).content.decode()


# --------------------------------------------------------------------------- positions


def test_create_position_from_framework(login, tree, ref):
    client = login("hr_a")
    create = reverse("positions:position_create", args=[tree.A.code])
    found = client.get(reverse("positions:framework_search", args=[tree.A.code]), {"fq": "van thu"}).content.decode()
    assert "Văn thư (khung thử)" in found and f"?framework={ref.framework.pk}" in found
    page = client.get(create, {"framework": ref.framework.pk}).content.decode()
    assert 'value="TKHUNG-VT"' in page and 'id="framework-picked"' in page
    data = {
        "code": "VT-KHUNG",
        "name": "Văn thư",
        "group": ref.groups["CMNV"].pk,
        "subgroup": "DC",
        "min_rank": ref.ranks["01.004"].pk,
        "max_rank": ref.ranks["01.003"].pk,
        "headcount": 2,
        "framework": ref.framework.pk,
        "copy_sample": "on",
    }
    response = client.post(f"{create}?framework={ref.framework.pk}", data)
    position = Position.objects.get(organization=tree.A, code="VT-KHUNG")
    draft = position.descriptions.get()
    assert response["Location"] == reverse("positions:description_edit", args=[draft.pk])
    assert position.framework == ref.framework and position.headcount == 2
    assert draft.tasks.count() == 2 and draft.competencies.count() == 2


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"code": "VT01"}, "Mã vị trí “VT01” đã có trong danh mục của đơn vị này."),
        ({"min_rank": "01.002", "max_rank": "01.004"}, "không được thấp hơn ngạch/chức danh tối thiểu"),
        ({"headcount": "-1"}, "Số người cần không được âm."),
        ({"group": "LDQL", "subgroup": "CN"}, "Chỉ nhóm chuyên môn, nghiệp vụ mới có nhóm phụ."),
    ],
)
def test_create_position_validation_messages(login, tree, ref, pos, change, message):
    data = {"code": "NEW", "name": "Mới", "group": ref.groups["CMNV"].pk, "headcount": 1}
    for key, value in change.items():
        data[key] = ref.ranks[value].pk if key.endswith("rank") else ref.groups[value].pk if key == "group" else value
    response = login("hr_a").post(reverse("positions:position_create", args=[tree.A.code]), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Position.objects.filter(code="NEW").exists()


def test_create_from_framework_fills_the_required_training_from_its_sample(login, tree, ref):
    ref.framework.sample = {
        **ref.framework.sample,
        "training_level": "Trung cấp trở lên (ngạch văn thư viên trung cấp); đại học trở lên (văn thư viên)",
        "training_field": "Văn thư, lưu trữ",
    }
    ref.framework.save()
    create = reverse("positions:position_create", args=[tree.A.code])
    form = login("hr_a").get(create, {"framework": ref.framework.pk}).context["form"]
    assert form.initial["required_training_level"] == "TC"
    assert form.initial["required_training_field"] == "Văn thư, lưu trữ"


def test_create_and_edit_the_required_training(login, tree, ref, pos):
    client = login("hr_a")
    data = {
        "code": "NEW",
        "name": "Chuyên viên pháp chế",
        "group": ref.groups["CMNV"].pk,
        "headcount": 1,
        "required_training_level": "DH",
        "required_training_field": "  Luật ",
    }
    assert client.post(reverse("positions:position_create", args=[tree.A.code]), data).status_code == 302
    position = Position.objects.get(organization=tree.A, code="NEW")
    assert (position.required_training_level, position.required_training_field) == ("DH", "Luật")
    page = client.get(reverse("positions:position_detail", args=[position.pk])).content.decode()
    assert 'id="required-training-level">Đại học trở lên<' in page and 'id="required-training-field">Luật<' in page
    edit = reverse("positions:position_edit", args=[position.pk])
    assert client.post(edit, {**data, "required_training_level": "THS"}).status_code == 302
    assert Position.objects.get(pk=position.pk).required_training_level == "THS"
    refused = client.post(edit, {**data, "required_training_level": "TSKH"})
    assert refused.status_code == 200 and "required_training_level" in refused.context["form"].errors
    assert Position.objects.get(pk=position.pk).required_training_level == "THS"
    untouched = client.get(reverse("positions:position_detail", args=[pos.a.pk])).content.decode()
    assert (
        'id="required-training-level">Không quy định<' in untouched and 'id="required-training-field">—<' in untouched
    )
    form = client.get(edit).content.decode()
    select = re.search(r'<select name="required_training_level".*?</select>', form, re.S).group(0)
    assert re.findall(r'<option value="(\w*)"', select) == ["", "SC", "TC", "CD", "DH", "THS", "TS"]
    assert "— Không quy định —" in select


def test_catalogue_print_and_export_show_the_required_training(login, tree, ref):
    make_position(
        tree.A, "PC", "Pháp chế", group=ref.groups["CMNV"], required_training_level="DH", required_training_field="Luật"
    )
    make_position(tree.A, "LX", "Lái xe", group=ref.groups["HTPV"])
    client = login("hr_a")
    printed = client.get(reverse("positions:catalogue_print", args=[tree.A.code])).content.decode()
    assert "<td>Đại học trở lên; Luật</td>" in printed and "<td>—</td>" in printed
    sheet = load_workbook(
        io.BytesIO(client.get(reverse("positions:catalogue_export", args=[tree.A.code])).content)
    ).active
    rows = {row[1]: row for row in sheet.iter_rows(min_row=6, values_only=True)}
    assert rows["Pháp chế"][4] == "Đại học trở lên; Luật" and rows["Lái xe"][4] is None


def test_position_edit_changes_headcount(login, ref, pos):
    data = {"code": "VT01", "name": "Văn thư", "group": ref.groups["CMNV"].pk, "subgroup": "DC", "headcount": 4}
    response = login("hr_a").post(reverse("positions:position_edit", args=[pos.a.pk]), data)
    assert response.status_code == 302
    pos.a.refresh_from_db()
    assert pos.a.headcount == 4


# --------------------------------------------------------------------------- catalogue


def _fill(org, group, n):
    positions = Position.objects.bulk_create(
        Position(organization=org, code=f"P{i:04d}", name=f"Vị trí {i}", search_key=f"vi tri {i}", group=group)
        for i in range(n)
    )
    PositionDescription.objects.bulk_create(
        PositionDescription(position=p, version=1, status=DescriptionStatus.APPROVED) for p in positions
    )


def test_catalogue_query_count_is_constant(login, tree, ref, django_assert_num_queries):
    client = login("hr_a")
    _fill(tree.A1, ref.groups["CMNV"], 10)
    _fill(tree.A2, ref.groups["CMNV"], 800)
    client.get(reverse("positions:catalogue", args=[tree.A1.code]))  # warm the session
    # session, user, memberships, organisation, groups, positions (+ latest description) and the
    # session save (savepoint, update, release): the same for 10 and 800 positions.
    with django_assert_num_queries(9):
        small = client.get(reverse("positions:catalogue", args=[tree.A1.code]))
    with django_assert_num_queries(9):
        large = client.get(reverse("positions:catalogue", args=[tree.A2.code]))
    assert small.content.decode().count('class="position-row"') == 10
    assert large.content.decode().count('class="position-row"') == 800


def test_list_pages_keep_the_search_and_the_filters(login, tree, ref):
    _fill(tree.A1, ref.groups["CMNV"], 60)
    client = login("hr_a")
    search = {"q": "vi tri", "status": "approved"}
    first = client.get(reverse("positions:position_list"), search).content.decode()
    assert "Trang 1/2" in first
    assert '<a class="page-link" href="?q=vi+tri&amp;status=approved&amp;page=2" rel="next">Sau</a>' in first
    second = client.get(reverse("positions:position_list"), search | {"page": 2}).content.decode()
    assert "Trang 2/2" in second and "60 vị trí" in second
    assert '<a class="page-link" href="?q=vi+tri&amp;status=approved&amp;page=1" rel="prev">Trước</a>' in second


def test_catalogue_groups_totals_and_status(login, tree, ref, pos):
    make_position(tree.A, "LD01", "Giám đốc Sở", group=ref.groups["LDQL"], headcount=1)
    make_position(tree.A, "HT01", "Lái xe", group=ref.groups["HTPV"], headcount=3)
    pos.a.headcount = 2
    pos.a.save()
    page = login("hr_a").get(reverse("positions:catalogue", args=[tree.A.code])).content.decode()
    assert page.index("Lãnh đạo, quản lý") < page.index("Chuyên môn, nghiệp vụ") < page.index("Hỗ trợ, phục vụ")
    assert 'id="catalogue-headcount">6<' in page
    assert "Nhóm phụ: Dùng chung" in page
    assert 'data-status="draft">Bản nháp · v1<' in page
    assert 'data-status="none"' in page  # positions without any description


def test_search_folds_diacritics_and_stays_in_scope(login, tree, ref, pos):
    make_position(tree.A1, "DT01", "Đào tạo, bồi dưỡng", group=ref.groups["CMNV"])
    make_position(tree.B, "VT09", "Văn thư Sở Tài chính", group=ref.groups["CMNV"])
    client = login("hr_a")
    search = reverse("positions:position_list")
    page = client.get(search, {"q": "van thu"}).content.decode()
    assert "Văn thư" in page and "Văn thư Sở Tài chính" not in page
    assert "Đào tạo, bồi dưỡng" in client.get(search, {"q": "dao tao"}).content.decode()
    assert "Đào tạo" not in client.get(search, {"q": "van thu"}).content.decode()
    drafts = client.get(search, {"status": "submitted"}).content.decode()
    assert "Tổ chức cán bộ" in drafts and ">Văn thư<" not in drafts
    # The organisation filter offers only organisations of the scope.
    assert tree.B.name not in client.get(search).content.decode()
    assert client.get(search, {"organization": tree.B.pk}).status_code == 200  # invalid choice: ignored
    # hr_a has one organisation: a link to its catalogue on top; a national admin has none.
    assert 'id="home-catalogue"' in page
    assert 'id="home-catalogue"' not in login("national").get(search).content.decode()


# --------------------------------------------------------------------------- copy, diff, print, export


def test_copy_sources_are_scoped(login, tree, ref, pos):
    a_position = make_position(tree.A, "AP01", "Pháp chế", group=ref.groups["CMNV"])
    a_approved = make_description(a_position, status=DescriptionStatus.APPROVED, objective="<p>Pháp chế A</p>")
    b_draft = make_description(pos.b, version=2)
    copy_b = reverse("positions:description_copy", args=[b_draft.pk])
    hr_b = login("hr_b")
    page = hr_b.get(copy_b).content.decode()
    assert "Pháp chế" not in page
    assert hr_b.post(copy_b, {"source": a_approved.pk}).status_code == 404
    b_draft.refresh_from_db()
    assert b_draft.objective == ""

    copy_a = reverse("positions:description_copy", args=[pos.a_draft.pk])
    hr_a = login("hr_a")
    assert "Pháp chế" in hr_a.get(copy_a).content.decode()
    assert hr_a.post(copy_a, {"source": a_approved.pk}).status_code == 302
    pos.a_draft.refresh_from_db()
    assert pos.a_draft.objective == "<p>Pháp chế A</p>"
    assert hr_a.post(copy_a, {"framework": ref.framework.pk}).status_code == 302
    pos.a_draft.refresh_from_db()
    assert pos.a_draft.tasks.count() == 2 and "Danh mục khung" in pos.a_draft.copied_from


def test_diff_view_shows_changed_sections_open_and_unchanged_collapsed(login, pos):
    v2 = make_description(pos.b, version=2, tasks=("Nhiệm vụ một", "Lập báo cáo"), objective=pos.b_approved.objective)
    url = reverse("positions:description_diff") + f"?a={pos.b_approved.pk}&b={v2.pk}"
    page = login("hr_b").get(url).content.decode()
    assert re.search(r"<ins>\s*2\. Lập báo cáo</ins>", page)
    assert re.search(
        r'<details class="diff-section card mb-2 is-changed" open>\s*<summary[^>]*>\s*<span[^>]*>Nhiệm vụ<', page
    )
    assert re.search(r'<details class="diff-section card mb-2">\s*<summary[^>]*>\s*<span[^>]*>Mục tiêu<', page)
    assert login("hr_a").get(url).status_code == 404
    assert login("hr_b").get(reverse("positions:description_diff") + "?a=x").status_code == 404


def test_print_pages(login, tree, pos):
    client = login("hr_a")
    catalogue = client.get(reverse("positions:catalogue_print", args=[tree.A.code])).content.decode()
    description = client.get(reverse("positions:description_print", args=[pos.a_draft.pk])).content.decode()
    for page in (catalogue, description):
        assert "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM" in page and "Độc lập - Tự do - Hạnh phúc" in page
        assert "SỞ NỘI VỤ" in page and "THÀNH PHỐ ĐÀ NẴNG" in page
        assert 'class="btn btn-primary btn-sm js-print"' in page and "js/positions.js" in page
    assert "DANH MỤC VỊ TRÍ VIỆC LÀM" in catalogue and "Văn thư" in catalogue
    for column in (
        "STT",
        "Vị trí việc làm",
        "Nhóm",
        "Ngạch/chức danh",
        "Trình độ, chuyên ngành đào tạo",
        "Số người cần",
    ):
        assert f">{column}</th>" in catalogue
    assert "BẢN MÔ TẢ CÔNG VIỆC VÀ KHUNG NĂNG LỰC" in description and "Quản lý văn bản đi, đến." in description


def test_xlsx_export_escapes_formulas(login, tree, ref):
    make_position(tree.A, "F1", "=1+1", group=ref.groups["CMNV"], headcount=2)
    make_position(tree.A, "F2", "@SUM(A1)", group=ref.groups["HTPV"], headcount=1)
    make_position(tree.A, "F3", "Văn thư", group=ref.groups["HTPV"], headcount=1, min_rank=ref.ranks["01.005"])
    response = login("hr_a").get(reverse("positions:catalogue_export", args=[tree.A.code]))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    cells = {c.value: c for row in sheet.iter_rows() for c in row if c.value is not None}
    assert "=1+1" not in cells and "'=1+1" in cells and cells["'=1+1"].data_type == "s"
    assert "'@SUM(A1)" in cells
    assert all(c.data_type != "f" for c in cells.values())
    header = [c.value for c in sheet[5]]
    assert header == [
        "STT",
        "Vị trí việc làm",
        "Nhóm",
        "Ngạch/chức danh",
        "Trình độ, chuyên ngành đào tạo",
        "Số người cần",
    ]
    assert any(row[1].value == "Văn thư" and row[3].value == "Nhân viên" for row in sheet.iter_rows(min_row=6))
    assert sheet.cell(row=sheet.max_row, column=6).value == 4


# --------------------------------------------------------------------------- CSP


@pytest.mark.parametrize(
    "name",
    ["catalogue", "position_list", "edit", "detail", "print", "catalogue_print", "diff", "create", "copy", "queue"],
)
def test_pages_have_no_inline_script_or_style(login, tree, pos, name):
    urls = {
        "catalogue": reverse("positions:catalogue", args=[tree.A.code]),
        "position_list": reverse("positions:position_list"),
        "edit": reverse("positions:description_edit", args=[pos.a_draft.pk]),
        "detail": pos.a_draft.get_absolute_url(),
        "print": reverse("positions:description_print", args=[pos.a_draft.pk]),
        "catalogue_print": reverse("positions:catalogue_print", args=[tree.A.code]),
        "diff": reverse("positions:description_diff") + f"?a={pos.a_draft.pk}&b={pos.a_draft.pk}",
        "create": reverse("positions:position_create", args=[tree.A.code]),
        "copy": reverse("positions:description_copy", args=[pos.a_draft.pk]),
        "queue": reverse("positions:approval_queue"),
    }
    response = login("hr_a").get(urls[name])
    assert response.status_code == 200  # the page itself, not an error page
    page = response.content.decode()
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", page)
    assert not re.search(r"\sstyle=", page) and "<style" not in page
    assert not re.search(r"\son[a-z]+=", page)
