"""Writes of the positions app: positions, description drafts with optimistic locking, and the
approval workflow (submit → approve / return → new version)."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.audit.recording import rows_changes, save_with_changes
from portal.models import EDIT_ROLES, Role, scope_for
from positions import rules
from positions.models import (
    Competency,
    CopySource,
    DescriptionCompetency,
    DescriptionStatus,
    DescriptionTask,
    FrameworkPosition,
    Position,
    PositionDescription,
)
from positions.rules import sanitize_html  # the light rich text rule (also for the callers of services)


class ConcurrentEditError(Exception):
    """Someone saved the draft since this user opened it."""

    def __init__(self, current: PositionDescription):
        super().__init__("concurrent edit")
        self.current = current


# --------------------------------------------------------------------------- permissions


def can_edit(user, position: Position) -> bool:
    """An edit role over the position's organisation, while it is open (a merged unit's positions
    are kept read-only, with their descriptions' history)."""
    org = position.organization
    return org.is_active and scope_for(user).covers(org.path, EDIT_ROLES)


def can_approve(user, description: PositionDescription) -> bool:
    """The organisation admin of the parent body, or a national admin."""
    scope = scope_for(user)
    if scope.national:
        return True
    org = description.position.organization
    if not org.parent_id:
        return False
    return scope.covers(org.parent.path, {Role.ORG_ADMIN})


def _require(ok: bool):
    if not ok:
        raise PermissionDenied


# --------------------------------------------------------------------------- content


@dataclass
class Content:
    """What an editor submits: the prose fields, the ordered tasks and the competency levels."""

    fields: dict[str, str]
    tasks: list[dict]  # [{"task", "outputs", "criteria"}] in order
    competencies: list[tuple[int, int]]  # [(competency_id, level)]


def content_of(description: PositionDescription) -> Content:
    return Content(
        fields={f: getattr(description, f) for f in rules.PROSE_FIELDS + rules.PLAIN_FIELDS},
        tasks=[{k: getattr(t, k) for k in rules.TASK_FIELDS} for t in description.tasks.all()],
        competencies=[(c.competency_id, c.level) for c in description.competencies.all()],
    )


def content_from_sample(sample: dict) -> Content:
    """The framework catalogue's sample description (JSON) as editor content. Competencies are
    listed by code (``"competencies": [[code, level], ...]``) and resolved in one query; unknown
    codes and levels outside 1–5 are skipped."""
    sample = sample or {}
    fields = {f: sample.get(f, "") for f in rules.PROSE_FIELDS + rules.PLAIN_FIELDS}
    tasks = [{k: t.get(k, "") for k in rules.TASK_FIELDS} for t in sample.get("tasks", [])]
    pairs = []
    for item in sample.get("competencies", []):
        code, level = (item.get("code"), item.get("level")) if isinstance(item, dict) else item
        try:
            pairs.append((str(code), int(level)))
        except (TypeError, ValueError):
            continue
    ids = dict(Competency.objects.filter(code__in={c for c, _ in pairs}).values_list("code", "id")) if pairs else {}
    competencies = [(ids[code], level) for code, level in pairs if code in ids and rules.is_competency_level(level)]
    return Content(fields=fields, tasks=tasks, competencies=competencies)


def clean_content(content: Content) -> Content:
    """The content as it would be stored: prose sanitised, plain fields trimmed (used to show a
    user's unsaved text again, e.g. on the concurrent-edit page)."""
    fields = {name: sanitize_html(content.fields.get(name, "")) for name in rules.PROSE_FIELDS}
    fields.update({name: (content.fields.get(name) or "").strip() for name in rules.PLAIN_FIELDS})
    tasks = [{k: sanitize_html(t.get(k, "")) for k in rules.TASK_FIELDS} for t in content.tasks]
    return Content(fields=fields, tasks=tasks, competencies=list(content.competencies))


def _write_content(description: PositionDescription, content: Content) -> None:
    """Store ``content`` in ``description``: its fields, then its tasks and competency levels
    (deleted and re-created in bulk). The audit entry of the save records the tasks and levels
    before and after when they changed (``portal.audit.recording``)."""
    for name in rules.PROSE_FIELDS:
        setattr(description, name, sanitize_html(content.fields.get(name, "")))
    for name in rules.PLAIN_FIELDS:
        setattr(description, name, (content.fields.get(name) or "").strip())
    description.full_clean(exclude=["position", "version"])
    tasks = [
        {k: sanitize_html(t.get(k, "")) for k in rules.TASK_FIELDS}
        for t in content.tasks
        if (t.get("task") or "").strip()
    ]
    seen = set()
    levels = []
    for competency_id, level in content.competencies:
        if competency_id in seen:
            continue
        if not rules.is_competency_level(int(level)):
            raise ValidationError(_("Cấp độ năng lực phải từ 1 đến 5."))
        seen.add(competency_id)
        levels.append({"competency": int(competency_id), "level": int(level)})
    before_tasks = list(description.tasks.values(*rules.TASK_FIELDS))
    before_levels = sorted(description.competencies.values("competency", "level"), key=lambda c: c["competency"])
    save_with_changes(
        description,
        rows_changes(
            tasks=(before_tasks, tasks),
            competencies=(before_levels, sorted(levels, key=lambda c: c["competency"])),
        ),
    )
    description.tasks.all().delete()
    DescriptionTask.objects.bulk_create(
        DescriptionTask(description=description, order=i, **task) for i, task in enumerate(tasks, start=1)
    )
    description.competencies.all().delete()
    DescriptionCompetency.objects.bulk_create(
        DescriptionCompetency(description=description, competency_id=c["competency"], level=c["level"]) for c in levels
    )


# --------------------------------------------------------------------------- positions


@transaction.atomic
def create_position(
    *,
    user,
    organization,
    code: str,
    name: str,
    group,
    subgroup: str = "",
    min_rank=None,
    max_rank=None,
    headcount: int = 1,
    required_training_level: str = "",
    required_training_field: str = "",
    framework=None,
    copy_sample: bool = True,
) -> Position:
    """Add a position to an organisation's catalogue with a first draft description (started
    from the framework position's sample when there is one)."""
    _require(scope_for(user).covers(organization.path, EDIT_ROLES))
    position = Position(
        organization=organization,
        code=code,
        name=name,
        group=group,
        subgroup=subgroup,
        min_rank=min_rank,
        max_rank=max_rank,
        headcount=headcount,
        required_training_level=required_training_level,
        required_training_field=required_training_field,
        framework=framework,
    )
    position.full_clean()
    position.save()
    description = PositionDescription(position=position, version=1, created_by=user, updated_by=user)
    description.save()
    if framework is not None and copy_sample:
        description.copied_from_kind, description.copied_from = CopySource.FRAMEWORK, str(framework)
        _write_content(description, content_from_sample(framework.sample))
    return position


@transaction.atomic
def update_position(
    *,
    user,
    position: Position,
    code: str,
    name: str,
    group,
    subgroup: str = "",
    min_rank=None,
    max_rank=None,
    headcount: int = 1,
    required_training_level: str = "",
    required_training_field: str = "",
) -> Position:
    """Change a position's catalogue fields (its descriptions keep their own versions)."""
    current = Position.objects.select_for_update(of=("self",)).select_related("organization").get(pk=position.pk)
    _require(can_edit(user, current))
    current.code, current.name, current.group, current.subgroup = code, name, group, subgroup
    current.min_rank, current.max_rank, current.headcount = min_rank, max_rank, headcount
    current.required_training_level, current.required_training_field = required_training_level, required_training_field
    current.full_clean()
    current.save()
    return current


# --------------------------------------------------------------------------- drafts


@transaction.atomic
def save_draft(
    *, description: PositionDescription, user, expected_lock_version: int, content: Content
) -> PositionDescription:
    """Save a draft. Refused (ConcurrentEditError, carrying the current version) when someone
    else saved since ``expected_lock_version`` was read: nothing is overwritten."""
    current = (
        PositionDescription.objects.select_for_update(of=("self",))
        .select_related("position__organization")
        .get(pk=description.pk)
    )
    _require(can_edit(user, current.position))
    if not current.is_editable:
        raise ValidationError(_("Phiên bản này không còn là bản nháp nên không thể sửa."))
    if current.lock_version != expected_lock_version:
        raise ConcurrentEditError(current)
    current.lock_version += 1
    current.updated_by = user
    _write_content(current, content)
    return current


@transaction.atomic
def new_version_from(*, description: PositionDescription, user) -> PositionDescription:
    """Start a new draft version from an approved one (the approved one stays as it is)."""
    _require(can_edit(user, description.position))
    position = Position.objects.select_for_update().get(pk=description.position_id)
    open_version = position.descriptions.exclude(status=DescriptionStatus.APPROVED).first()
    if open_version is not None:
        return open_version
    latest = position.descriptions.aggregate(m=Max("version"))["m"] or 0
    draft = PositionDescription(
        position=position,
        version=latest + 1,
        created_by=user,
        updated_by=user,
        copied_from_kind=CopySource.VERSION,
        copied_from_version=description.version,
    )
    draft.save()
    _write_content(draft, content_of(description))
    return draft


@transaction.atomic
def copy_into(
    *,
    description: PositionDescription,
    user,
    source: PositionDescription | None = None,
    framework: FrameworkPosition | None = None,
) -> PositionDescription:
    """Replace a draft's content by a copy of another approved description in the user's scope
    (``source``), or of a framework position's sample (``framework``); the draft records which."""
    current = (
        PositionDescription.objects.select_for_update(of=("self",))
        .select_related("position__organization")
        .get(pk=description.pk)
    )
    _require(can_edit(user, current.position))
    if not current.is_editable:
        raise ValidationError(_("Phiên bản này không còn là bản nháp nên không thể sửa."))
    if source is not None:
        _require(
            source.status == DescriptionStatus.APPROVED
            and PositionDescription.objects.for_user(user).filter(pk=source.pk).exists()
        )
        content = content_of(source)
        kind, name, version = (
            CopySource.DESCRIPTION,
            f"{source.position.name} — {source.position.organization.name}",
            source.version,
        )
    else:
        content = content_from_sample(framework.sample)
        kind, name, version = CopySource.FRAMEWORK, str(framework), None
    current.lock_version += 1
    current.updated_by = user
    current.copied_from_kind, current.copied_from, current.copied_from_version = kind, name[:255], version
    _write_content(current, content)
    return current


# --------------------------------------------------------------------------- workflow


# What a workflow step saves: its own fields, never ``updated_at``/``updated_by`` (the last edit
# of the content, shown apart from the submission and the decision).
_SUBMIT_FIELDS = ["status", "submitted_at", "submitted_by", "lock_version"]
_DECIDE_FIELDS = ["status", "decided_at", "decided_by", "return_comment", "lock_version"]


def _transition(description: PositionDescription, allowed: set[str]) -> PositionDescription:
    current = (
        PositionDescription.objects.select_for_update(of=("self",))
        .select_related("position__organization__parent")
        .get(pk=description.pk)
    )
    if current.status not in allowed:
        raise ValidationError(
            _("Không thể thực hiện thao tác này ở trạng thái “%(s)s”.") % {"s": current.get_status_display()}
        )
    return current


@transaction.atomic
def submit_description(*, description: PositionDescription, user) -> PositionDescription:
    current = _transition(description, {DescriptionStatus.DRAFT, DescriptionStatus.RETURNED})
    _require(can_edit(user, current.position))
    if not current.tasks.exists():
        raise ValidationError(_("Bản mô tả cần ít nhất một nhiệm vụ trước khi trình duyệt."))
    current.status = DescriptionStatus.SUBMITTED
    current.submitted_at = timezone.now()
    current.submitted_by = user
    current.lock_version += 1
    current.save(update_fields=_SUBMIT_FIELDS)
    return current


@transaction.atomic
def approve_description(*, description: PositionDescription, user) -> PositionDescription:
    current = _transition(description, {DescriptionStatus.SUBMITTED})
    _require(can_approve(user, current))
    current.status = DescriptionStatus.APPROVED
    current.decided_at = timezone.now()
    current.decided_by = user
    current.return_comment = ""
    current.lock_version += 1
    current.save(update_fields=_DECIDE_FIELDS)
    return current


@transaction.atomic
def return_description(*, description: PositionDescription, user, comment: str) -> PositionDescription:
    current = _transition(description, {DescriptionStatus.SUBMITTED})
    _require(can_approve(user, current))
    if not (comment or "").strip():
        raise ValidationError(_("Hãy ghi ý kiến khi trả lại bản mô tả."))
    current.status = DescriptionStatus.RETURNED
    current.decided_at = timezone.now()
    current.decided_by = user
    current.return_comment = comment.strip()
    current.lock_version += 1
    current.save(update_fields=_DECIDE_FIELDS)
    return current
