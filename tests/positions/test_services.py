"""Rules of the positions services: positions, drafts with optimistic locking, the approval
workflow, versions, copying, and the rich-text sanitiser."""

import datetime

import pytest
from auditlog.context import disable_auditlog, set_actor
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from positions import services
from positions.models import CopySource, DescriptionStatus, PositionDescription
from positions.services import ConcurrentEditError, Content
from tests.builders import make_description, make_position

pytestmark = pytest.mark.django_db


def content(objective="", tasks=(), competencies=()):
    return Content(
        fields={"objective": objective},
        tasks=[{"task": t, "outputs": "", "criteria": ""} for t in tasks],
        competencies=list(competencies),
    )


# --------------------------------------------------------------------------- positions


def test_create_position_from_framework_starts_from_its_sample(tree, people, ref):
    position = services.create_position(
        user=people.hr_a,
        organization=tree.A,
        code="VT09",
        name="Văn thư",
        group=ref.groups["CMNV"],
        subgroup="DC",
        framework=ref.framework,
    )
    draft = position.descriptions.get()
    assert (draft.version, draft.status) == (1, DescriptionStatus.DRAFT)
    assert list(draft.tasks.values_list("task", flat=True)) == ["Tiếp nhận văn bản đến", "Phát hành văn bản đi"]
    assert "<b>văn thư</b>" in draft.objective
    levels = dict(draft.competencies.values_list("competency__code", "level"))
    assert levels == {"TNL-C1": 3, "TNL-P1": 2}  # the unknown code is skipped
    assert (draft.copied_from_kind, draft.copied_from) == (CopySource.FRAMEWORK, "TKHUNG-VT Văn thư (khung thử)")
    assert draft.copied_from_text() == "Sao chép từ danh mục khung: TKHUNG-VT Văn thư (khung thử)"


def test_content_from_sample_resolves_competency_codes_in_one_query(ref, django_assert_num_queries):
    with django_assert_num_queries(1):
        result = services.content_from_sample(ref.framework.sample)
    assert sorted(level for _, level in result.competencies) == [2, 3]


def test_content_from_sample_without_competencies_makes_no_query(django_assert_num_queries):
    with django_assert_num_queries(0):
        result = services.content_from_sample({"objective": "x", "tasks": [{"task": "a"}]})
    assert result.tasks[0]["task"] == "a" and result.competencies == []


@pytest.mark.parametrize("persona", ["hr_b", "manager_a", "nobody"])
def test_create_position_outside_edit_scope_is_refused(tree, people, ref, persona):
    with pytest.raises(PermissionDenied):
        services.create_position(
            user=getattr(people, persona), organization=tree.A, code="X1", name="X", group=ref.groups["HTPV"]
        )


@pytest.mark.parametrize(
    ("fields", "error_field"),
    [
        ({"code": "VT01"}, "__all__"),  # code already used in A (the unique constraint)
        ({"min_rank": "01.002", "max_rank": "01.004"}, "max_rank"),
        ({"group": "LDQL", "subgroup": "CN"}, "subgroup"),
    ],
)
def test_create_position_validates(tree, people, ref, pos, fields, error_field):
    args = {"code": "NEW1", "name": "Mới", "group": ref.groups["CMNV"]}
    for key, value in fields.items():
        args[key] = ref.ranks[value] if key.endswith("rank") else ref.groups[value] if key == "group" else value
    with pytest.raises(ValidationError) as exc:
        services.create_position(user=people.hr_a, organization=tree.A, **args)
    assert error_field in exc.value.message_dict


def test_update_position_changes_headcount(people, ref, pos):
    services.update_position(
        user=people.hr_a, position=pos.a, code="VT01", name="Văn thư cơ quan", group=ref.groups["CMNV"], headcount=3
    )
    pos.a.refresh_from_db()
    assert (pos.a.name, pos.a.headcount, pos.a.search_key) == ("Văn thư cơ quan", 3, "van thu co quan")
    with pytest.raises(PermissionDenied):
        services.update_position(user=people.hr_b, position=pos.a, code="VT01", name="X", group=ref.groups["CMNV"])


# --------------------------------------------------------------------------- drafts


def test_save_draft_writes_tasks_in_order_and_levels(people, ref, pos):
    c1, m1 = ref.competencies["TNL-C1"], ref.competencies["TNL-M1"]
    saved = services.save_draft(
        description=pos.a_draft,
        user=people.hr_a,
        expected_lock_version=0,
        content=content("<p>Mới</p>", ["Thứ ba", "Thứ nhất", "  "], [(c1.pk, 4), (m1.pk, 2)]),
    )
    assert saved.lock_version == 1 and saved.updated_by == people.hr_a
    assert list(saved.tasks.values_list("order", "task")) == [(1, "Thứ ba"), (2, "Thứ nhất")]
    assert dict(saved.competencies.values_list("competency__code", "level")) == {"TNL-C1": 4, "TNL-M1": 2}


def test_save_draft_rejects_level_outside_1_to_5(people, ref, pos):
    with pytest.raises(ValidationError):
        services.save_draft(
            description=pos.a_draft,
            user=people.hr_a,
            expected_lock_version=0,
            content=content(competencies=[(ref.competencies["TNL-C1"].pk, 6)]),
        )


def test_concurrent_save_is_refused_and_nothing_is_overwritten(people, pos):
    first = PositionDescription.objects.get(pk=pos.a_draft.pk)
    second = PositionDescription.objects.get(pk=pos.a_draft.pk)
    services.save_draft(
        description=first, user=people.hr_a, expected_lock_version=0, content=content("<p>A</p>", ["A"])
    )
    with pytest.raises(ConcurrentEditError) as exc:
        services.save_draft(
            description=second, user=people.admin_a, expected_lock_version=0, content=content("<p>B</p>", ["B"])
        )
    assert exc.value.current.lock_version == 1
    stored = PositionDescription.objects.get(pk=pos.a_draft.pk)
    assert stored.objective == "<p>A</p>" and list(stored.tasks.values_list("task", flat=True)) == ["A"]
    assert stored.updated_by == people.hr_a


def test_save_draft_needs_edit_role(people, pos):
    for persona in ("manager_a", "hr_b"):
        with pytest.raises(PermissionDenied):
            services.save_draft(
                description=pos.a_draft,
                user=getattr(people, persona),
                expected_lock_version=0,
                content=content("x", ["x"]),
            )


# --------------------------------------------------------------------------- workflow


def test_submit_needs_at_least_one_task(people, ref, tree):
    position = make_position(tree.A, "EMPTY", "Trống", group=ref.groups["HTPV"])
    draft = make_description(position, tasks=())
    with pytest.raises(ValidationError, match="ít nhất một nhiệm vụ"):
        services.submit_description(description=draft, user=people.hr_a)
    draft.refresh_from_db()
    assert draft.status == DescriptionStatus.DRAFT


def test_full_cycle_submit_return_resubmit_approve(people, admin_p, pos):
    submitted = services.submit_description(description=pos.a_draft, user=people.hr_a)
    assert submitted.status == DescriptionStatus.SUBMITTED and submitted.submitted_by == people.hr_a
    with pytest.raises(ValidationError):  # a submitted version is not a draft any more
        services.save_draft(
            description=submitted, user=people.hr_a, expected_lock_version=submitted.lock_version, content=content()
        )
    with pytest.raises(ValidationError, match="ý kiến"):
        services.return_description(description=submitted, user=admin_p, comment="   ")
    returned = services.return_description(description=submitted, user=admin_p, comment="Bổ sung tiêu chí đánh giá.")
    assert (returned.status, returned.return_comment, returned.decided_by) == (
        DescriptionStatus.RETURNED,
        "Bổ sung tiêu chí đánh giá.",
        admin_p,
    )
    fixed = services.save_draft(
        description=returned, user=people.hr_a, expected_lock_version=returned.lock_version, content=content("x", ["y"])
    )
    services.submit_description(description=fixed, user=people.hr_a)
    approved = services.approve_description(description=fixed, user=admin_p)
    assert approved.status == DescriptionStatus.APPROVED and approved.return_comment == ""


def test_workflow_steps_leave_the_last_edit_alone(people, admin_p, pos):
    """Submitting, returning and approving are not edits: "last edited" stays the last save of
    the content (time and person); the steps have their own time and person."""
    edited_at = timezone.now() - datetime.timedelta(days=3)
    PositionDescription.objects.filter(pk=pos.a_draft.pk).update(updated_at=edited_at, updated_by=people.hr_a)
    pos.a_draft.refresh_from_db()
    submitted = services.submit_description(description=pos.a_draft, user=people.hr_a)
    returned = services.return_description(description=submitted, user=admin_p, comment="Bổ sung.")
    for step in (submitted, returned):
        step.refresh_from_db()
        assert (step.updated_at, step.updated_by) == (edited_at, people.hr_a)
    fixed = services.save_draft(
        description=returned,
        user=people.national,
        expected_lock_version=returned.lock_version,
        content=content("x", ["y"]),
    )
    fixed.refresh_from_db()
    assert fixed.updated_at > edited_at and fixed.updated_by == people.national
    services.submit_description(description=fixed, user=people.hr_a)
    approved = services.approve_description(description=fixed, user=admin_p)
    approved.refresh_from_db()
    assert (approved.updated_at, approved.updated_by) == (fixed.updated_at, people.national)
    assert approved.decided_by == admin_p and approved.decided_at > approved.submitted_at > approved.updated_at


def test_approve_only_from_submitted(people, admin_p, pos):
    with pytest.raises(ValidationError):
        services.approve_description(description=pos.a_draft, user=admin_p)
    with pytest.raises(ValidationError):
        services.return_description(description=pos.b_approved, user=people.national, comment="x")


@pytest.mark.parametrize(
    ("persona", "target", "allowed"),
    [
        ("admin_p", "a", True),  # parent province admin approves the Sở's descriptions
        ("admin_a", "a", False),  # the Sở's own admin cannot approve its own
        ("admin_a", "a1", True),  # ... but approves its Phòng's
        ("hr_a", "a", False),
        ("manager_a", "a1", False),
        ("hr_b", "a", False),
        ("national", "a", True),
    ],
)
def test_who_may_approve(people, admin_p, pos, persona, target, allowed):
    user = admin_p if persona == "admin_p" else getattr(people, persona)
    description = pos.a_draft if target == "a" else pos.a1_submitted
    services.submit_description(description=pos.a_draft, user=people.hr_a)
    description.refresh_from_db()
    assert services.can_approve(user, description) is allowed
    if allowed:
        approved = services.approve_description(description=description, user=user)
        assert approved.status == DescriptionStatus.APPROVED and approved.decided_by == user
    else:
        with pytest.raises(PermissionDenied):
            services.approve_description(description=description, user=user)


def test_approved_version_is_immutable(people, ref, pos):
    with pytest.raises(ValidationError):
        services.save_draft(
            description=pos.b_approved, user=people.hr_b, expected_lock_version=0, content=content("changed", ["x"])
        )
    with pytest.raises(ValidationError):
        services.copy_into(description=pos.b_approved, user=people.hr_b, framework=ref.framework)
    pos.b_approved.refresh_from_db()
    assert pos.b_approved.objective == "<p>Kế toán ngân sách.</p>"


def test_new_version_copies_content_and_only_one_open_version(people, ref, pos):
    c1 = ref.competencies["TNL-C1"]
    pos.b_approved.competencies.create(competency=c1, level=3)
    draft = services.new_version_from(description=pos.b_approved, user=people.hr_b)
    assert (draft.version, draft.status) == (2, DescriptionStatus.DRAFT)
    assert draft.objective == pos.b_approved.objective
    assert list(draft.tasks.values_list("task", flat=True)) == ["Nhiệm vụ một"]
    assert list(draft.competencies.values_list("competency_id", "level")) == [(c1.pk, 3)]
    assert (draft.copied_from_kind, draft.copied_from, draft.copied_from_version) == (CopySource.VERSION, "", 1)
    assert draft.copied_from_text() == "Sao chép từ phiên bản 1"
    again = services.new_version_from(description=pos.b_approved, user=people.hr_b)
    assert again.pk == draft.pk
    assert pos.b.descriptions.count() == 2
    with pytest.raises(IntegrityError), transaction.atomic():
        PositionDescription.objects.create(position=pos.b, version=3)


def test_new_version_needs_edit_role(people, pos):
    with pytest.raises(PermissionDenied):
        services.new_version_from(description=pos.b_approved, user=people.hr_a)


# --------------------------------------------------------------------------- copying


def test_copy_from_approved_description_in_scope(people, tree, ref, pos):
    other = make_position(tree.A1, "KT02", "Kế toán phòng", group=ref.groups["CMNV"])
    source = make_description(other, status=DescriptionStatus.APPROVED, tasks=("Lập dự toán",), objective="<p>S</p>")
    copied = services.copy_into(description=pos.a_draft, user=people.hr_a, source=source)
    assert copied.objective == "<p>S</p>"
    assert list(copied.tasks.values_list("task", flat=True)) == ["Lập dự toán"]
    stored = PositionDescription.objects.get(pk=pos.a_draft.pk)
    assert (stored.copied_from_kind, stored.copied_from, stored.copied_from_version) == (
        CopySource.DESCRIPTION,
        "Kế toán phòng — Phòng Tổ chức, biên chế",
        1,
    )
    assert stored.copied_from_text() == "Sao chép từ Kế toán phòng — Phòng Tổ chức, biên chế, phiên bản 1"


def test_copy_refuses_sources_out_of_scope_or_not_approved(people, pos):
    with pytest.raises(PermissionDenied):  # B is outside hr_a's scope
        services.copy_into(description=pos.a_draft, user=people.hr_a, source=pos.b_approved)
    with pytest.raises(PermissionDenied):  # submitted, not approved
        services.copy_into(description=pos.a_draft, user=people.hr_a, source=pos.a1_submitted)


# --------------------------------------------------------------------------- sanitiser


@pytest.mark.parametrize(
    "dirty",
    [
        "<script>alert(1)</script>",
        "<style>body{display:none}</style>",
        "<svg><script>alert(1)</script></svg>",
        "<svg onload=alert(1)></svg>",
        "<math><mi>x</mi></math>",
        '<img src=x onerror="alert(1)">',
        '<a href="javascript:alert(1)">x</a>',
        '<b onclick="alert(1)">x</b>',
    ],
)
def test_sanitize_removes_active_content(dirty):
    clean = services.sanitize_html(dirty).lower()
    for bad in ("<script", "<style", "<svg", "<math", "onerror", "onload", "onclick", "javascript:", "<img"):
        assert bad not in clean


def test_sanitize_keeps_light_formatting():
    value = (
        "<p><b>Đậm</b> <strong>mạnh</strong> <i>nghiêng</i> <em>nhấn</em></p>"
        '<ul><li>một</li></ul><ol><li>hai</li></ol><a href="https://thuvienphapluat.vn/x">luật</a>'
    )
    clean = services.sanitize_html(value)
    for kept in (
        "<b>Đậm</b>",
        "<strong>mạnh</strong>",
        "<i>nghiêng</i>",
        "<em>nhấn</em>",
        "<ul><li>một</li></ul>",
        "<ol><li>hai</li></ol>",
        'href="https://thuvienphapluat.vn/x"',
    ):
        assert kept in clean


def test_save_draft_sanitises_prose_and_tasks(people, pos):
    saved = services.save_draft(
        description=pos.a_draft,
        user=people.hr_a,
        expected_lock_version=0,
        content=content('<p onclick="x()">Mục <b>tiêu</b><script>alert(1)</script></p>', ["<svg></svg>Nhiệm vụ"]),
    )
    assert saved.objective == "<p>Mục <b>tiêu</b></p>"
    assert saved.tasks.get().task == "Nhiệm vụ"


# --------------------------------------------------------------------------- the audit log of tasks and levels


def entries_of(description):
    """The updates of ``description`` (the fixture's creation left out)."""
    return list(LogEntry.objects.get_for_object(description).filter(action=LogEntry.Action.UPDATE).order_by("pk"))


def test_a_drafts_tasks_and_levels_are_recorded_on_its_audit_entry(people, ref, pos):
    c1 = ref.competencies["TNL-C1"]
    with set_actor(people.hr_a):
        services.save_draft(
            description=pos.a_draft,
            user=people.hr_a,
            expected_lock_version=0,
            content=content("<p>Quản lý văn bản đi, đến.</p>", ["Nhiệm vụ một", "Lưu trữ hồ sơ"], [(c1.pk, 3)]),
        )
    (entry,) = entries_of(pos.a_draft)  # one entry for the save: fields, tasks and levels together
    assert entry.actor == people.hr_a
    assert entry.changes["tasks"] == [
        [{"task": "Nhiệm vụ một", "outputs": "", "criteria": ""}],
        [
            {"task": "Nhiệm vụ một", "outputs": "", "criteria": ""},
            {"task": "Lưu trữ hồ sơ", "outputs": "", "criteria": ""},
        ],
    ]
    assert entry.changes["competencies"] == [[], [{"competency": c1.pk, "level": 3}]]
    assert entry.changes["lock_version"] == [0, 1]


def test_unchanged_tasks_and_levels_are_not_recorded(people, pos):
    services.save_draft(
        description=pos.a_draft,
        user=people.hr_a,
        expected_lock_version=0,
        content=content("<p>Quản lý văn bản đi, đến và lưu trữ.</p>", ["Nhiệm vụ một"]),
    )
    (entry,) = entries_of(pos.a_draft)
    assert set(entry.changes) == {"objective", "lock_version", "updated_by"}


def test_changed_tasks_of_a_save_that_changes_no_field_get_an_entry_of_their_own(people, pos):
    draft = PositionDescription.objects.get(pk=pos.a_draft.pk)
    services._write_content(draft, content("<p>Quản lý văn bản đi, đến.</p>", ["Nhiệm vụ hai"]))
    (entry,) = entries_of(pos.a_draft)
    assert entry.action == LogEntry.Action.UPDATE
    assert entry.changes == {
        "tasks": [
            [{"task": "Nhiệm vụ một", "outputs": "", "criteria": ""}],
            [{"task": "Nhiệm vụ hai", "outputs": "", "criteria": ""}],
        ]
    }


def test_no_entry_while_the_audit_log_is_disabled(people, pos):
    with disable_auditlog():
        services.save_draft(
            description=pos.a_draft, user=people.hr_a, expected_lock_version=0, content=content("", ["Khác"])
        )
    assert entries_of(pos.a_draft) == []
    assert list(pos.a_draft.tasks.values_list("task", flat=True)) == ["Khác"]
