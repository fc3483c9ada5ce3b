"""The ``positions`` sheet (docs/import-format.md): each organisation's catalogue of job positions,
keyed by (organisation code, position code). Registered in ``PositionsConfig.ready``.

- ``organization_code`` must lie inside the import's scope; a code outside it reads exactly like
  an unknown one.
- ``group`` LDQL/CMNV/HTPV (code or label); ``subgroup`` CN/DC only for a group with subgroups
  (CMNV). When a file moves a position to a group without subgroups and has no subgroup column,
  the old subgroup is cleared (it no longer applies).
- ``min_rank``/``max_rank`` are rank or title codes; the maximum's ``level`` is not below the
  minimum's (a rank column missing from the file keeps the stored rank for that comparison).
- Optional columns missing from the file keep the stored values of existing positions.
- A **new** position gets an empty draft description, version 1 (what the position form's
  service creates too), so its page offers "Soạn bản mô tả (phiên bản 1)" and the copy page
  can fill it from the framework position's sample or another approved description. The import
  never touches the descriptions of existing positions.

Writes are set-wise: on PostgreSQL one COPY into a temporary table, one INSERT … SELECT …
RETURNING and one UPDATE … FROM; elsewhere ``bulk_create``/``bulk_update``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

from django.db import connection
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy

from imports.errors import ErrorSink
from imports.lookups import OrgRef, fold_key, load_orgs, org_codes_in, org_error
from imports.messages import gettext as _
from imports.organizations import ORG_CODE
from imports.sheets import Column, Context, Diff, Row, Sheet, TemplateList, jsonable
from imports.sql import copy_rows, fetch_in, is_postgresql
from imports.values import Choice, Integer, Text
from positions import rules
from positions.models import (
    DescriptionStatus,
    FrameworkPosition,
    Position,
    PositionDescription,
    PositionGroup,
    Rank,
    Subgroup,
)
from positions.sheets.lists import framework_codes, rank_codes
from positions.sheets.parsers import (
    FRAMEWORK_REF,
    GROUP,
    POSITION_CODE,
    RANK_REF,
    REQUIRED_TRAINING_LEVEL,
    TRAINING_FIELD,
)

MAX_HEADCOUNT = 100_000


class RankRef(NamedTuple):
    id: int
    code: str
    name: str
    level: int
    coefficient_min: object
    coefficient_max: object


class PositionRecord(NamedTuple):
    id: int
    organization_id: int
    code: str
    name: str
    group_id: int
    subgroup: str
    min_rank_id: int | None
    max_rank_id: int | None
    headcount: int
    framework_id: int | None
    required_training_level: str
    required_training_field: str


def load_ranks() -> tuple[dict[str, RankRef], dict[int, RankRef]]:
    by_code, by_id = {}, {}
    for values in Rank.objects.values_list(*RankRef._fields):
        rank = RankRef(*values)
        by_code[rank.code] = rank
        by_id[rank.id] = rank
    return by_code, by_id


@dataclass
class PositionContext(Context):
    orgs: dict[str, OrgRef] = field(default_factory=dict)
    org_codes: dict[int, str] = field(default_factory=dict)
    groups: dict[str, tuple[int, bool]] = field(default_factory=dict)  # code → (id, has_subgroups)
    group_codes: dict[int, str] = field(default_factory=dict)
    ranks: dict[str, RankRef] = field(default_factory=dict)
    ranks_by_id: dict[int, RankRef] = field(default_factory=dict)
    frameworks: dict[str, int] = field(default_factory=dict)
    framework_codes: dict[int, str] = field(default_factory=dict)
    # filled by validate: the stored positions of the organisations in the file
    existing: dict[tuple[int, str], PositionRecord] = field(default_factory=dict)
    valid: list[Row] = field(default_factory=list)


class PositionSheet(Sheet):
    kind = "positions"
    title = gettext_lazy("Danh mục vị trí việc làm")
    model = Position
    key = ("organization_code", "code")
    columns = (
        Column("organization_code", "Mã đơn vị", ORG_CODE, required=True, field="organization", sample="000.00.01.H17"),
        Column("code", "Mã vị trí", POSITION_CODE, required=True, sample="VT-VT01"),
        Column("name", "Tên vị trí việc làm", Text(max_length=255), required=True, sample="Văn thư"),
        Column("group", "Nhóm", GROUP, required=True, sample="CMNV"),
        Column(
            "subgroup",
            "Nhóm phụ",
            Choice(Subgroup),
            sample="DC",
            help=gettext_lazy("Chỉ với nhóm CMNV: CN (Chuyên ngành) hoặc DC (Dùng chung); để trống với nhóm khác"),
        ),
        Column("min_rank", "Ngạch/chức danh tối thiểu", RANK_REF, sample="02.008"),
        Column(
            "max_rank",
            "Ngạch/chức danh tối đa",
            RANK_REF,
            sample="02.006",
            help=gettext_lazy("Mã ngạch/chức danh có trên cổng, không thấp hơn ngạch/chức danh tối thiểu"),
        ),
        Column(
            "headcount",
            "Số người cần",
            Integer(min_value=0, max_value=MAX_HEADCOUNT),
            required=True,
            sample=1,
        ),
        Column("framework_code", "Mã vị trí khung", FRAMEWORK_REF, field="framework", sample="CMNV-DC-01"),
        Column(
            "required_training_level",
            "Trình độ đào tạo yêu cầu",
            REQUIRED_TRAINING_LEVEL,
            sample="DH",
            help=format_lazy(
                gettext_lazy(
                    "Trình độ tối thiểu của vị trí: {levels}; mã hoặc tên, cũng nhận “Đại học trở lên”; để trống nếu"
                    " không quy định"
                ),
                levels=REQUIRED_TRAINING_LEVEL.describe(),
            ),
        ),
        Column(
            "required_training_field",
            "Chuyên ngành đào tạo yêu cầu",
            TRAINING_FIELD,
            sample="Văn thư, lưu trữ",
            help=format_lazy(
                gettext_lazy("Chuyên ngành phù hợp với vị trí, ví dụ Luật, Kinh tế; {rule}"),
                rule=TRAINING_FIELD.describe(),
            ),
        ),
    )

    # ------------------------------------------------------------------ load
    def load_context(self, scope) -> PositionContext:
        ctx = PositionContext(scope=scope)
        ctx.orgs, ctx.org_codes = load_orgs(scope)
        for pk, code, has_subgroups in PositionGroup.objects.values_list("id", "code", "has_subgroups"):
            ctx.groups[code] = (pk, has_subgroups)
            ctx.group_codes[pk] = code
        ctx.ranks, ctx.ranks_by_id = load_ranks()
        for pk, code in FrameworkPosition.objects.values_list("id", "code"):
            ctx.frameworks[code] = pk
            ctx.framework_codes[pk] = code
        return ctx

    # ------------------------------------------------------------------ validate
    def validate(self, rows: list[Row], ctx: PositionContext, errors: ErrorSink) -> None:
        repeated = self.check_duplicates(rows, errors)
        present = ctx.present
        org_ids = {
            ctx.orgs[r.values["organization_code"]].id for r in rows if r.values.get("organization_code") in ctx.orgs
        }
        fields = PositionRecord._fields
        for values in fetch_in(Position.objects.order_by(), "organization_id", org_ids, fields):
            record = PositionRecord(*values)
            ctx.existing[(record.organization_id, record.code)] = record
        for row in rows:
            values = row.values
            ok = not row.failed and row.number not in repeated
            org_code = values.get("organization_code")
            org = ctx.orgs.get(org_code) if org_code else None
            if org_code and org is None:
                org_error(errors, row, "organization_code", org_code, ctx)
                ok = False
            record = ctx.existing.get((org.id, values.get("code"))) if org is not None else None
            group_code = values.get("group")
            group = ctx.groups.get(group_code) if group_code else None
            if group_code and group is None:
                errors.add(
                    row.number,
                    "group",
                    group_code,
                    _("Nhóm vị trí việc làm “%(code)s” chưa có trên cổng.") % {"code": group_code},
                )
                ok = False
            subgroup = values.get("subgroup") if "subgroup" in present else ""
            if group is not None and not rules.subgroup_allowed(group[1], subgroup):
                errors.add(
                    row.number,
                    "subgroup",
                    subgroup,
                    _("Nhóm phụ “%(sub)s” chỉ dùng cho nhóm có nhóm phụ (CMNV); nhóm “%(group)s” để trống cột này.")
                    % {"sub": subgroup, "group": group_code},
                )
                ok = False
            ranks = {}
            for name in ("min_rank", "max_rank"):
                code = values.get(name) if name in present else None
                if code:
                    rank = ctx.ranks.get(code)
                    if rank is None:
                        errors.add(
                            row.number,
                            name,
                            code,
                            _("Mã ngạch/chức danh “%(code)s” không có trên cổng.") % {"code": code},
                        )
                        ok = False
                    ranks[name] = rank
                elif name not in present and record is not None:
                    ranks[name] = ctx.ranks_by_id.get(getattr(record, f"{name}_id"))
            low, high = ranks.get("min_rank"), ranks.get("max_rank")
            if low is not None and high is not None and rules.rank_range_inverted(low.level, high.level):
                column = "max_rank" if "max_rank" in present else "min_rank"
                errors.add(
                    row.number,
                    column,
                    values.get(column) or "",
                    _(
                        "Ngạch/chức danh tối đa “%(high)s” (%(high_name)s) thấp hơn ngạch/chức danh tối thiểu"
                        " “%(low)s” (%(low_name)s)."
                    )
                    % {"high": high.code, "high_name": high.name, "low": low.code, "low_name": low.name},
                )
                ok = False
            framework = values.get("framework_code")
            if framework and framework not in ctx.frameworks:
                errors.add(
                    row.number,
                    "framework_code",
                    framework,
                    _("Mã vị trí khung “%(code)s” không có trong danh mục vị trí việc làm khung.")
                    % {"code": framework},
                )
                ok = False
            if ok:
                ctx.valid.append(row)

    # ------------------------------------------------------------------ diff
    def _current(self, record: PositionRecord, ctx: PositionContext) -> dict:
        rank = ctx.ranks_by_id
        return {
            "name": record.name,
            "group": ctx.group_codes.get(record.group_id),
            "subgroup": record.subgroup,
            "min_rank": rank[record.min_rank_id].code if record.min_rank_id else None,
            "max_rank": rank[record.max_rank_id].code if record.max_rank_id else None,
            "headcount": record.headcount,
            "framework_code": ctx.framework_codes.get(record.framework_id),
            "required_training_level": record.required_training_level,
            "required_training_field": record.required_training_field,
        }

    def diff(self, rows: list[Row], ctx: PositionContext) -> Diff:
        result = Diff()
        compared = [c for c in self.columns if c.name in ctx.present and c.name not in self.key]
        has_subgroup = "subgroup" in ctx.present
        for row in ctx.valid:
            values = row.values
            org = ctx.orgs[values["organization_code"]]
            record = ctx.existing.get((org.id, values["code"]))
            if record is None:
                row.changes = {c.audit_field: [None, jsonable(values.get(c.name))] for c in compared}
                row.changes["organization"] = [None, values["organization_code"]]
                row.changes["code"] = [None, values["code"]]
                result.new.append(row)
                continue
            row.pk = record.id
            current = self._current(record, ctx)
            row.changes = self.changes_against(row, current, compared)
            if not has_subgroup and record.subgroup and not ctx.groups[values["group"]][1]:
                row.changes["subgroup"] = [record.subgroup, ""]  # cleared: the new group has none
            (result.updated if row.changes else result.unchanged).append(row)
        return result

    # ------------------------------------------------------------------ write
    def _record(self, row: Row, ctx: PositionContext) -> dict:
        """Every column of the position as it will be stored (absent optional columns keep the
        stored values of an existing position)."""
        values, present = row.values, ctx.present
        org = ctx.orgs[values["organization_code"]]
        record = ctx.existing.get((org.id, values["code"]))
        group_id, has_subgroups = ctx.groups[values["group"]]

        def pick(name, stored, convert):
            if name in present or record is None:
                return convert(values.get(name))
            return stored

        subgroup = pick("subgroup", record.subgroup if record else "", lambda v: v or "")
        rank_id = lambda code: ctx.ranks[code].id if code else None  # noqa: E731
        return {
            "id": record.id if record else None,
            "organization_id": org.id,
            "code": values["code"],
            "name": values["name"],
            "search_key": fold_key(values["name"])[:255],
            "group_id": group_id,
            "subgroup": subgroup if has_subgroups else "",
            "min_rank_id": pick("min_rank", record.min_rank_id if record else None, rank_id),
            "max_rank_id": pick("max_rank", record.max_rank_id if record else None, rank_id),
            "headcount": values["headcount"],
            "framework_id": pick(
                "framework_code", record.framework_id if record else None, lambda c: ctx.frameworks[c] if c else None
            ),
            "required_training_level": pick(
                "required_training_level", record.required_training_level if record else "", lambda v: v or ""
            ),
            "required_training_field": pick(
                "required_training_field", record.required_training_field if record else "", lambda v: v or ""
            ),
        }

    FIELDS = (
        "organization_id",
        "code",
        "name",
        "search_key",
        "group_id",
        "subgroup",
        "min_rank_id",
        "max_rank_id",
        "headcount",
        "framework_id",
        "required_training_level",
        "required_training_field",
    )

    def write(self, new: list[Row], updated: list[Row], ctx: PositionContext) -> None:
        new_records = [self._record(row, ctx) for row in new]
        updated_records = [self._record(row, ctx) for row in updated]
        if is_postgresql():
            ids = self._write_postgresql(new_records, updated_records)
        else:
            ids = self._write_orm(new_records, updated_records)
        for row, pk in zip(new, ids, strict=True):
            row.pk = pk
        self._create_drafts(ids, ctx)

    def _write_orm(self, new_records: list[dict], updated_records: list[dict]) -> list[int]:
        created = [Position(**{f: rec[f] for f in self.FIELDS}) for rec in new_records]
        Position.objects.bulk_create(created)
        if updated_records:
            now = timezone.now()
            changed = [
                Position(pk=rec["id"], updated_at=now, **{f: rec[f] for f in self.FIELDS}) for rec in updated_records
            ]
            Position.objects.bulk_update(changed, [*self.FIELDS[2:], "updated_at"])
        return [obj.pk for obj in created]

    def _write_postgresql(self, new_records: list[dict], updated_records: list[dict]) -> list[int]:
        opts = Position._meta
        q = connection.ops.quote_name
        col = {f.attname: q(f.column) for f in opts.concrete_fields}
        table = q(opts.db_table)
        temp = "_vtvl_import_positions"
        ids: list[int] = []
        with connection.cursor() as cursor:
            cursor.execute(
                f"CREATE TEMPORARY TABLE {temp} (n integer, id integer, organization_id integer, code varchar(30),"
                " name varchar(255), search_key varchar(255), group_id integer, subgroup varchar(2),"
                " min_rank_id integer, max_rank_id integer, headcount integer, framework_id integer,"
                " required_training_level varchar(3), required_training_field varchar(200)) ON COMMIT DROP"
            )
            copy_rows(
                cursor,
                temp,
                ("n", "id", *self.FIELDS),
                [(i, rec["id"], *(rec[f] for f in self.FIELDS)) for i, rec in enumerate(new_records + updated_records)],
            )
            targets = ", ".join(col[f] for f in self.FIELDS)
            now = f"{col['created_at']}, {col['updated_at']}"
            if new_records:
                # identifiers come from the model's _meta, values only through COPY
                cursor.execute(
                    f"INSERT INTO {table} ({targets}, {col['order']}, {now})"  # noqa: S608
                    f" SELECT {', '.join(self.FIELDS)}, 0, now(), now() FROM {temp} WHERE id IS NULL ORDER BY n"
                    f" RETURNING {col['id']}"
                )
                ids = [pk for (pk,) in cursor.fetchall()]
            if updated_records:
                sets = ", ".join(f"{col[f]} = t.{f}" for f in self.FIELDS[2:])
                cursor.execute(
                    f"UPDATE {table} AS p SET {sets}, {col['updated_at']} = now()"  # noqa: S608
                    f" FROM {temp} AS t WHERE t.id IS NOT NULL AND p.{col['id']} = t.id"
                )
            cursor.execute(f"DROP TABLE {temp}")
        return ids

    def _create_drafts(self, ids: list[int], ctx: PositionContext) -> None:
        """An empty draft description (version 1) for every new position."""
        user_id = getattr(ctx.user, "pk", None)
        PositionDescription.objects.bulk_create(
            [
                PositionDescription(
                    position_id=pk,
                    version=1,
                    status=DescriptionStatus.DRAFT,
                    created_by_id=user_id,
                    updated_by_id=user_id,
                )
                for pk in ids
            ],
            batch_size=1000,
        )

    # ------------------------------------------------------------------ export
    def export_rows(self, scope):
        qs = (
            Position.objects.all()
            if scope is None
            else Position.objects.filter(organization__path__startswith=scope.path)
        )
        fields = (
            "organization__code",
            "code",
            "name",
            "group__code",
            "subgroup",
            "min_rank__code",
            "max_rank__code",
            "headcount",
            "framework__code",
            "required_training_level",
            "required_training_field",
        )
        names = (
            "organization_code",
            "code",
            "name",
            "group",
            "subgroup",
            "min_rank",
            "max_rank",
            "headcount",
            "framework_code",
            "required_training_level",
            "required_training_field",
        )
        ordered = qs.order_by("organization__path", "group__order", "subgroup", "order", "code")
        for values in ordered.values_list(*fields).iterator(chunk_size=2000):
            yield dict(zip(names, values, strict=True))

    def object_repr(self, row: Row) -> str:
        return f"{row.values.get('code') or ''} {row.values.get('name') or ''}".strip()

    def template_lists(self, prefixes) -> dict[str, TemplateList]:
        ranks = rank_codes()
        return {
            "organization_code": TemplateList(org_codes_in(prefixes)),
            "min_rank": TemplateList(ranks),
            "max_rank": TemplateList(ranks),
            "framework_code": TemplateList(framework_codes()),
        }
