"""The ``organizations`` sheet (docs/import-format.md): the organisation tree, keyed by code.

The tree is a materialised path of codes, so the import derives ``path``, ``depth`` and
``search_key`` set-wise: every row's final parent is known from the file or the portal, paths are
resolved parents-first (cycles are errors), and moving a unit re-roots its whole subtree —
descendants that are not in the file get their new paths in the same transaction.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

from django.db import connection
from django.utils.translation import gettext_lazy

from imports.errors import ErrorSink
from imports.lookups import org_codes_in
from imports.messages import gettext as _
from imports.sheets import Column, Context, Diff, Row, Sheet, TemplateList, jsonable
from imports.sql import copy_rows, is_postgresql
from imports.values import Choice, Code, Date, Text
from portal.models import Organization, OrgKind
from portal.text import fold

ORG_CODE = Code(
    r"^[0-9A-Z.\-]{1,35}$",
    gettext_lazy("tối đa 35 ký tự gồm chữ số, chữ in hoa không dấu, dấu chấm (.) và dấu gạch ngang (-)"),
)
PARENT_CODE = Code(ORG_CODE.regex.pattern, ORG_CODE.description, empty=None)
ADMIN_UNIT_CODE = Code(
    r"^([0-9]{2}|[0-9]{5})$",
    gettext_lazy("2 chữ số (tỉnh, thành phố) hoặc 5 chữ số (xã, phường, đặc khu), ghi dạng văn bản"),
)
MAX_PATH = Organization._meta.get_field("path").max_length


class OrgRecord(NamedTuple):
    id: int
    code: str
    name: str
    short_name: str
    name_en: str
    kind: str
    admin_unit_code: str
    valid_from: object
    valid_to: object
    parent_id: int | None
    path: str


@dataclass
class OrgContext(Context):
    orgs: dict[str, OrgRecord] = field(default_factory=dict)  # every organisation by code
    codes_by_id: dict[int, str] = field(default_factory=dict)
    # filled by validate:
    file: dict[str, Row] = field(default_factory=dict)  # code → its (first) row
    parent_of: dict[str, str | None] = field(default_factory=dict)  # final parent of file codes
    final: dict[str, str] = field(default_factory=dict)  # final path of file codes (+ DB nodes met)
    broken: set[str] = field(default_factory=set)

    def db_parent(self, code: str) -> str | None:
        record = self.orgs.get(code)
        return self.codes_by_id.get(record.parent_id) if record and record.parent_id else None


def _segments(path: str) -> list[str]:
    return path.strip("/").split("/")


def _search_key(name: str, short_name: str, name_en: str) -> str:
    # the same key Organization.save() derives
    return fold(" ".join(filter(None, [name, short_name, name_en])))[:255]


class OrganizationSheet(Sheet):
    kind = "organizations"
    title = gettext_lazy("Cơ quan, đơn vị")
    model = Organization
    key = ("code",)
    columns = (
        # a placeholder: a new unit's own code (the parent's drop-down holds the user's codes)
        Column("code", "Mã đơn vị", ORG_CODE, required=True, sample="DV-MOI-01"),
        Column("name", "Tên đơn vị", Text(max_length=255), required=True, sample="Phòng Tổ chức cán bộ"),
        Column(
            "parent_code",
            "Mã đơn vị cấp trên",
            PARENT_CODE,
            field="parent",
            sample="000.00.00.H17",
            help=gettext_lazy("Mã của đơn vị cấp trên: có trong tệp hoặc đã có trên cổng; để trống nếu là đơn vị gốc"),
        ),
        Column("kind", "Loại hình", Choice(OrgKind), required=True, sample="PHONG"),
        Column("admin_unit_code", "Mã ĐVHC", ADMIN_UNIT_CODE, sample=""),
        # a decision often takes effect a few months after it is signed
        Column("valid_from", "Hiệu lực từ", Date(max_future_days=366), sample=""),
    )

    # ------------------------------------------------------------------ load
    def load_context(self, scope) -> OrgContext:
        ctx = OrgContext(scope=scope)
        for values in Organization.objects.values_list(*OrgRecord._fields).iterator(chunk_size=5000):
            record = OrgRecord(*values)
            ctx.orgs[record.code] = record
            ctx.codes_by_id[record.id] = record.code
        return ctx

    # ------------------------------------------------------------------ validate
    def validate(self, rows: list[Row], ctx: OrgContext, errors: ErrorSink) -> None:
        repeated = self.check_duplicates(rows, errors)
        for row in rows:
            code = row.values.get("code")
            if code and row.number not in repeated:
                ctx.file[code] = row
        scope = ctx.scope
        has_parent = "parent_code" in ctx.present
        outside = _("không thuộc phạm vi %(scope)s") % {"scope": ctx.scope_label()}
        for code, row in ctx.file.items():
            record = ctx.orgs.get(code)
            if record is not None and not ctx.in_scope(record.path):
                # existing elsewhere: say so without saying where
                errors.add(
                    row.number,
                    "code",
                    code,
                    _("Mã đơn vị “%(code)s” %(outside)s.") % {"code": code, "outside": outside},
                )
                ctx.broken.add(code)
                continue
            if "parent_code" in row.failed:
                ctx.broken.add(code)
                continue
            db_parent = ctx.db_parent(code)
            parent = row.values.get("parent_code") if has_parent else db_parent
            if parent == code:
                errors.add(
                    row.number,
                    "parent_code",
                    parent,
                    _("Đơn vị “%(code)s” không thể là cấp trên của chính nó.") % {"code": code},
                )
                ctx.broken.add(code)
                continue
            is_scope_root = scope is not None and code == scope.code
            if is_scope_root:
                if parent != db_parent:
                    errors.add(
                        row.number,
                        "parent_code",
                        parent or "",
                        _(
                            "Không thể đổi cấp trên của đơn vị “%(code)s”: đây là đơn vị gốc của phạm vi nhập"
                            " (để nguyên “%(current)s”)."
                        )
                        % {"code": code, "current": db_parent or ""},
                    )
                    ctx.broken.add(code)
                    continue
            elif parent is None and scope is not None:
                errors.add(
                    row.number,
                    "parent_code",
                    "",
                    _("Hãy ghi mã đơn vị cấp trên: mọi đơn vị trong tệp phải thuộc %(scope)s.")
                    % {"scope": ctx.scope_label()},
                )
                ctx.broken.add(code)
                continue
            elif parent is not None and parent not in ctx.file:
                parent_record = ctx.orgs.get(parent)
                if scope is not None and (parent_record is None or not ctx.in_scope(parent_record.path)):
                    # the same message whether it exists elsewhere or not at all
                    errors.add(
                        row.number,
                        "parent_code",
                        parent,
                        _("Đơn vị cấp trên “%(parent)s” không có trong tệp và %(outside)s.")
                        % {"parent": parent, "outside": outside},
                    )
                    ctx.broken.add(code)
                    continue
                if parent_record is None:
                    errors.add(
                        row.number,
                        "parent_code",
                        parent,
                        _("Đơn vị cấp trên “%(parent)s” không có trong tệp và chưa có trên cổng.") % {"parent": parent},
                    )
                    ctx.broken.add(code)
                    continue
            ctx.parent_of[code] = parent
            valid_from = row.values.get("valid_from")
            if record is not None and record.valid_to and valid_from and valid_from > record.valid_to:
                errors.add(
                    row.number,
                    "valid_from",
                    valid_from,
                    _("Ngày hiệu lực “%(date)s” sau ngày đơn vị hết hiệu lực (%(end)s).")
                    % {"date": valid_from.strftime("%d/%m/%Y"), "end": record.valid_to.strftime("%d/%m/%Y")},
                )
        for code, row in ctx.file.items():
            if code in ctx.broken or code in ctx.final:
                continue
            self._resolve(code, ctx, errors)
            path = ctx.final.get(code)
            if path is None:
                continue
            if len(path) > MAX_PATH:
                errors.add(row.number, "parent_code", row.values.get("parent_code"), _("Cây đơn vị quá sâu."))
            elif not ctx.in_scope(path):
                errors.add(
                    row.number,
                    "code",
                    code,
                    _("Mã đơn vị “%(code)s” %(outside)s.") % {"code": code, "outside": outside},
                )

    def _resolve(self, code: str, ctx: OrgContext, errors: ErrorSink | None) -> str | None:
        """The final path of ``code`` (a file code or a portal one), resolving parents first
        without recursion; a cycle is an error on every file row in it."""
        chain: list[str] = []
        position: dict[str, int] = {}
        current = code
        base: str | None
        while True:
            if current in ctx.final:
                base = ctx.final[current]
                break
            if current in ctx.broken:
                base = None
                break
            if current in position:
                cycle = chain[position[current] :] + [current]
                shown = " → ".join(cycle)
                for member in cycle[:-1]:
                    row = ctx.file.get(member)
                    if row is not None and errors is not None:
                        errors.add(
                            row.number,
                            "parent_code",
                            row.values.get("parent_code") or "",
                            _("Quan hệ cấp trên tạo thành vòng lặp: %(cycle)s.") % {"cycle": shown},
                        )
                base = None
                break
            if current in ctx.file:
                parent = ctx.parent_of.get(current)
            else:
                record = ctx.orgs[current]
                if not any(seg in ctx.file for seg in _segments(record.path)[:-1]):
                    ctx.final[current] = record.path  # nothing above it moves
                    base = record.path
                    break
                parent = ctx.db_parent(current)
            position[current] = len(chain)
            chain.append(current)
            if parent is None:
                base = "/"
                break
            current = parent
        for member in reversed(chain):
            if base is None:
                ctx.broken.add(member)
            else:
                base = f"{base}{member}/"
                ctx.final[member] = base
        return ctx.final.get(code)

    # ------------------------------------------------------------------ diff
    def diff(self, rows: list[Row], ctx: OrgContext) -> Diff:
        result = Diff()
        compared = [c for c in self.columns if c.name in ctx.present and c.name != "code"]
        for code, row in ctx.file.items():
            record = ctx.orgs.get(code)
            if record is None:
                row.changes = {c.audit_field: [None, jsonable(row.values.get(c.name))] for c in compared}
                row.changes["code"] = [None, code]
                result.new.append(row)
                continue
            row.pk = record.id
            current = record._asdict()
            current["parent_code"] = ctx.db_parent(code)
            row.changes = self.changes_against(row, current, compared)
            (result.updated if row.changes else result.unchanged).append(row)
        return result

    # ------------------------------------------------------------------ write
    def _rerooted(self, ctx: OrgContext, written: set[str]) -> list[tuple[str, str, int]]:
        """(code, new path, new depth) of every organisation not written from the file whose
        path changes because a unit above it moved."""
        moved = {code for code, row in ctx.file.items() if code in ctx.orgs and ctx.final[code] != ctx.orgs[code].path}
        if not moved:
            return []
        out = []
        for code, record in ctx.orgs.items():
            if code in written or (code not in moved and moved.isdisjoint(_segments(record.path)[:-1])):
                continue
            path = ctx.final.get(code) or self._resolve(code, ctx, None)
            if path != record.path:
                out.append((code, path, path.count("/") - 2))
        return out

    def _record(self, row: Row, ctx: OrgContext) -> dict:
        code = row.values["code"]
        record = ctx.orgs.get(code)
        path = ctx.final[code]
        values = row.values
        present = ctx.present
        return {
            "code": code,
            "name": values["name"],
            "kind": values["kind"],
            "admin_unit_code": values.get("admin_unit_code") or ""
            if "admin_unit_code" in present or record is None
            else record.admin_unit_code,
            "valid_from": values.get("valid_from") if "valid_from" in present or record is None else record.valid_from,
            "parent_code": ctx.parent_of[code],
            "path": path,
            "depth": path.count("/") - 2,
            "search_key": _search_key(
                values["name"], record.short_name if record else "", record.name_en if record else ""
            ),
        }

    def write(self, new: list[Row], updated: list[Row], ctx: OrgContext) -> None:
        written = {row.values["code"] for row in new} | {row.values["code"] for row in updated}
        rerooted = self._rerooted(ctx, written)
        records = [("n", row, self._record(row, ctx)) for row in new] + [
            ("u", row, self._record(row, ctx)) for row in updated
        ]
        update_fields = ["name", "kind", "path", "depth", "search_key"]
        update_fields += [f for f in ("admin_unit_code", "valid_from") if f in ctx.present]
        if is_postgresql():
            self._write_postgresql(records, rerooted, update_fields, ctx)
        else:
            self._write_orm(records, rerooted, update_fields, ctx)

    def _write_orm(self, records, rerooted, update_fields, ctx: OrgContext) -> None:
        ids = {code: record.id for code, record in ctx.orgs.items()}
        created = []
        for op, row, rec in records:
            if op != "n":
                continue
            obj = Organization(
                code=rec["code"],
                name=rec["name"],
                kind=rec["kind"],
                admin_unit_code=rec["admin_unit_code"],
                valid_from=rec["valid_from"],
                parent_id=ids.get(rec["parent_code"]),
                path=rec["path"],
                depth=rec["depth"],
                search_key=rec["search_key"],
            )
            created.append((row, rec, obj))
        if created:
            Organization.objects.bulk_create([obj for _r, _rec, obj in created])
            for row, rec, obj in created:
                ids[rec["code"]] = row.pk = obj.pk
            late = []
            for _row, rec, obj in created:
                if rec["parent_code"] and obj.parent_id is None:
                    obj.parent_id = ids[rec["parent_code"]]
                    late.append(obj)
            if late:
                Organization.objects.bulk_update(late, ["parent"])
        changed = []
        for op, row, rec in records:
            if op != "u":
                continue
            obj = Organization(pk=row.pk, parent_id=ids.get(rec["parent_code"]))
            for name in update_fields:
                setattr(obj, name, rec[name])
            changed.append(obj)
        if changed:
            Organization.objects.bulk_update(changed, [*update_fields, "parent"])
        if rerooted:
            moved = [Organization(pk=ctx.orgs[code].id, path=path, depth=depth) for code, path, depth in rerooted]
            Organization.objects.bulk_update(moved, ["path", "depth"])

    def _write_postgresql(self, records, rerooted, update_fields, ctx: OrgContext) -> None:
        opts = Organization._meta
        table = opts.db_table
        col = {f.name: f.column for f in opts.concrete_fields}
        temp = "_vtvl_import_organizations"
        q = connection.ops.quote_name
        with connection.cursor() as cursor:
            cursor.execute(
                f"CREATE TEMPORARY TABLE {temp} (op char(1), code varchar(35), name varchar(255), kind varchar(8),"
                " admin_unit_code varchar(5), valid_from date, parent_code varchar(35), path varchar(2000),"
                " depth smallint, search_key varchar(255)) ON COMMIT DROP"
            )
            fields = (
                "code",
                "name",
                "kind",
                "admin_unit_code",
                "valid_from",
                "parent_code",
                "path",
                "depth",
                "search_key",
            )
            copy_rows(
                cursor,
                temp,
                ("op", *fields),
                [(op, *(rec[f] for f in fields)) for op, _row, rec in records]
                + [("r", code, None, None, None, None, None, path, depth, None) for code, path, depth in rerooted],
            )
            if records:
                target = [col[f] for f in ("code", "name", "short_name", "name_en", "kind", "admin_unit_code")]
                target += [col[f] for f in ("valid_from", "path", "depth", "search_key")]
                sets = ", ".join(f"{q(col[f])} = EXCLUDED.{q(col[f])}" for f in update_fields)
                # identifiers come from the model's _meta, values only through COPY
                cursor.execute(
                    f"INSERT INTO {q(table)} ({', '.join(map(q, target))})"  # noqa: S608
                    f" SELECT code, name, '', '', kind, COALESCE(admin_unit_code, ''), valid_from, path, depth,"
                    f" search_key FROM {temp} WHERE op IN ('n', 'u')"
                    f" ON CONFLICT ({q(col['code'])}) DO UPDATE SET {sets}"
                    f" RETURNING {q(col['id'])}, {q(col['code'])}"
                )
                ids = {code: pk for pk, code in cursor.fetchall()}
                for _op, row, rec in records:
                    row.pk = ids[rec["code"]]
                parent = q(col["parent"])
                cursor.execute(
                    f"UPDATE {q(table)} AS o SET {parent} = p.{q(col['id'])}"  # noqa: S608
                    f" FROM {temp} AS t LEFT JOIN {q(table)} AS p ON p.{q(col['code'])} = t.parent_code"
                    f" WHERE o.{q(col['code'])} = t.code AND t.op IN ('n', 'u')"
                    f" AND o.{parent} IS DISTINCT FROM p.{q(col['id'])}"
                )
            if rerooted:
                cursor.execute(
                    f"UPDATE {q(table)} AS o SET {q(col['path'])} = t.path, {q(col['depth'])} = t.depth"  # noqa: S608
                    f" FROM {temp} AS t WHERE t.op = 'r' AND o.{q(col['code'])} = t.code"
                )
            cursor.execute(f"DROP TABLE {temp}")

    # ------------------------------------------------------------------ export
    def export_rows(self, scope):
        qs = Organization.objects.all() if scope is None else Organization.objects.filter(path__startswith=scope.path)
        fields = ("code", "name", "kind", "admin_unit_code", "valid_from", "path")
        for code, name, kind, admin_unit_code, valid_from, path in (
            qs.order_by("path").values_list(*fields).iterator(chunk_size=2000)
        ):
            segments = _segments(path)
            yield {
                "code": code,
                "name": name,
                "parent_code": segments[-2] if len(segments) > 1 else None,
                "kind": kind,
                "admin_unit_code": admin_unit_code,
                "valid_from": valid_from,
            }

    def template_lists(self, prefixes) -> dict[str, TemplateList]:
        # not strict: the parent may be a unit that the same file creates
        return {"parent_code": TemplateList(org_codes_in(prefixes), strict=False)}

    def object_repr(self, row: Row) -> str:
        return row.values.get("name") or row.values.get("code") or ""
