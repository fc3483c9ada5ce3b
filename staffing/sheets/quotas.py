"""The ``quotas`` sheet (docs/import-format.md), registered in ``StaffingConfig.ready``.

quotas — key (organisation, year, category)
    One row per key. After the import, the quotas of the database merged with the file must nest
    (docs/rules.md §2, ``staffing.quotas.nesting_violations``): every violation that involves a row of
    the file is an error on each such row, naming the file rows by number and the stored quotas by
    organisation when the parent lies in the scope (of the import and of the user); a parent outside
    it is not named: the message gives only what remains to give (issue 11 item 15).
    A row whose unit the user may not grant (docs/rules.md §2: a quota is set from the unit's
    parent; a row for the scope's own unit needs a role over its parent) is an error on
    organization_code, unless it equals the stored quota (so an export imports back unchanged).

It writes set-wise in the engine's transaction: on PostgreSQL COPY into a temporary table and
INSERT … ON CONFLICT / UPDATE … FROM; elsewhere bulk_create/bulk_update.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import NamedTuple

from django.db import connection
from django.db.models import Q
from django.utils.translation import gettext_lazy

from imports.errors import ErrorSink
from imports.lookups import OrgRef, load_orgs, org_codes_in, org_error
from imports.messages import gettext as _
from imports.messages import join, literal
from imports.organizations import ORG_CODE
from imports.sheets import Column, Context, Diff, Row, Sheet, TemplateList, jsonable
from imports.sql import copy_rows, is_postgresql
from imports.values import Choice, Date, Integer, Text
from portal.models import scope_for
from staffing import rules
from staffing.models import Quota, QuotaCategory
from staffing.quotas import QuotaRow, may_grant_quota, nesting_violations, remaining_for


class QuotaRecord(NamedTuple):
    id: int
    organization_id: int
    year: int
    category: str
    assigned: int
    decision_number: str
    decision_date: dt.date
    issuer: str


@dataclass
class QuotaContext(Context):
    orgs: dict[str, OrgRef] = field(default_factory=dict)
    org_codes: dict[int, str] = field(default_factory=dict)
    existing: dict[tuple[int, int, str], QuotaRecord] = field(default_factory=dict)


def _roots(paths) -> set[str]:
    return {"/" + path.strip("/").split("/")[0] + "/" for path in paths}


class QuotaSheet(Sheet):
    kind = "quotas"
    title = gettext_lazy("Biên chế được giao")
    model = Quota
    key = ("organization_code", "year", "category")
    columns = (
        Column("organization_code", "Mã đơn vị", ORG_CODE, required=True, field="organization", sample="000.00.01.H17"),
        Column("year", "Năm", Integer(min_value=rules.YEAR_MIN, max_value=rules.YEAR_MAX), required=True, sample=2026),
        Column("category", "Loại biên chế", Choice(QuotaCategory), required=True, sample="CBCC"),
        Column("assigned", "Số được giao", Integer(min_value=0, max_value=10_000_000), required=True, sample=45),
        Column("decision_number", "Số quyết định", Text(max_length=80), required=True, sample="1234/QĐ-UBND"),
        Column("decision_date", "Ngày quyết định", Date(), required=True, sample=dt.date(2025, 12, 20)),
        Column("issuer", "Cơ quan ban hành", Text(max_length=200), sample="UBND thành phố"),
    )

    def load_context(self, scope) -> QuotaContext:
        ctx = QuotaContext(scope=scope)
        ctx.orgs, ctx.org_codes = load_orgs(scope)
        return ctx

    def validate(self, rows: list[Row], ctx: QuotaContext, errors: ErrorSink) -> None:
        repeated = self.check_duplicates(rows, errors)
        good: list[Row] = []
        ungranted: list[Row] = []  # units the user may not grant: accepted only unchanged (export → import)
        for row in rows:
            code = row.values.get("organization_code")
            if code and code not in ctx.orgs:
                org_error(errors, row, "organization_code", code, ctx)
            elif code and not self._may_grant(ctx.orgs[code], ctx):
                if row.failed or row.number in repeated:
                    self._refuse_grant(row, ctx, errors)
                else:
                    ungranted.append(row)
            elif not row.failed and row.number not in repeated:
                good.append(row)
        if not good and not ungranted:
            return
        years = {r.values["year"] for r in good + ungranted}
        categories = {r.values["category"] for r in good + ungranted}
        # every stored quota of those years and categories in the trees the file touches
        roots = _roots(ctx.orgs[r.values["organization_code"]].path for r in good + ungranted)
        in_trees = Q()
        for root in roots:
            in_trees |= Q(organization__path__startswith=root)
        stored = Quota.objects.filter(in_trees, year__in=years, category__in=categories).values_list(
            *QuotaRecord._fields, "organization__path", "organization__code", "organization__name"
        )
        merged: dict[tuple[str, int, str], QuotaRow] = {}
        for *values, path, code, name in stored:
            record = QuotaRecord(*values)
            if ctx.in_scope(path):
                ctx.existing[(record.organization_id, record.year, record.category)] = record
            merged[(path, record.year, record.category)] = QuotaRow(
                path, record.year, record.category, record.assigned, ref=("db", code, name)
            )
        for row in ungranted:
            if self._unchanged(row, ctx):
                good.append(row)
            else:
                self._refuse_grant(row, ctx, errors)
        by_number = {}
        for row in good:
            v = row.values
            path = ctx.orgs[v["organization_code"]].path
            merged[(path, v["year"], v["category"])] = QuotaRow(
                path, v["year"], v["category"], v["assigned"], row.number
            )
            by_number[row.number] = row
        for violation in nesting_violations(list(merged.values())):
            involved = [q.ref for q in (violation.parent, *violation.children) if isinstance(q.ref, int)]
            if not involved:
                continue  # stored before this import, not made worse by the file
            message = self._nesting_message(violation, ctx)
            for number in involved:
                errors.add(number, "assigned", by_number[number].values["assigned"], message)

    @staticmethod
    def _may_grant(org: OrgRef, ctx: QuotaContext) -> bool:
        """docs/rules.md §2: the quota of a unit is set from its parent (the command line may
        set any); so a row for the scope's own unit needs a role over the scope's parent."""
        return ctx.user is None or may_grant_quota(scope_for(ctx.user), org.path)

    @staticmethod
    def _refuse_grant(row: Row, ctx: QuotaContext, errors: ErrorSink) -> None:
        code = row.values["organization_code"]
        message = _("Biên chế của “%(org)s” do cấp trên giao: bạn không được sửa.") % {"org": ctx.orgs[code].name}
        errors.add(row.number, "organization_code", code, message)

    @staticmethod
    def _unchanged(row: Row, ctx: QuotaContext) -> bool:
        """A row equal to the stored quota (the file's columns compared): it changes nothing."""
        v = row.values
        record = ctx.existing.get((ctx.orgs[v["organization_code"]].id, v["year"], v["category"]))
        if record is None:
            return False
        same = (v["assigned"], v["decision_number"], v["decision_date"]) == (
            record.assigned,
            record.decision_number,
            record.decision_date,
        )
        return same and ("issuer" not in ctx.present or (v.get("issuer") or "") == record.issuer)

    @staticmethod
    def _readable(path: str, ctx: QuotaContext) -> bool:
        """A unit a message may name: inside the import's scope and the user's."""
        return ctx.in_scope(path) and (ctx.user is None or scope_for(ctx.user).covers(path))

    def _label(self, quota: QuotaRow, ctx: QuotaContext) -> str:
        ref = quota.ref
        if isinstance(ref, int):
            return _("dòng %(row)d") % {"row": ref}
        _db, code, name = ref
        return _("%(name)s (%(code)s, đã có trên cổng)") % {"name": name, "code": code}

    def _children(self, children, ctx: QuotaContext) -> str:
        """``dòng 5: 30; Sở Nội vụ (…, đã có trên cổng): 4`` (rendered again in the reader's language)."""
        return join(
            "; ", (literal("%(label)s: %(n)d") % {"label": self._label(c, ctx), "n": c.assigned} for c in children)
        )

    def _nesting_message(self, violation, ctx: QuotaContext) -> str:
        """Every unit named when the parent is readable (then so is each child); otherwise only
        the file's rows and what remains to give (issue 11 item 15: no sibling, no parent's total)."""
        parent = violation.parent
        if not self._readable(parent.path, ctx):
            visible = [c for c in violation.children if self._readable(c.path, ctx)]
            return _(
                "Biên chế %(category)s năm %(year)d không hợp lệ: tổng biên chế giao cho %(children)s là %(total)d,"
                " vượt quá phần còn lại có thể giao: %(remaining)d."
            ) % {
                "category": parent.category,
                "year": parent.year,
                "children": self._children(visible, ctx),
                "total": sum(c.assigned for c in visible),
                "remaining": remaining_for(violation, lambda c: self._readable(c.path, ctx)),
            }
        return _(
            "Biên chế %(category)s năm %(year)d không hợp lệ: tổng biên chế giao cho các đơn vị trực thuộc"
            " (%(children)s) là %(total)d, vượt quá %(assigned)d của đơn vị cấp trên — %(parent)s."
        ) % {
            "category": parent.category,
            "year": parent.year,
            "children": self._children(violation.children, ctx),
            "total": violation.total,
            "assigned": parent.assigned,
            "parent": self._label(parent, ctx),
        }

    def diff(self, rows: list[Row], ctx: QuotaContext) -> Diff:
        result = Diff()
        compared = [c for c in self.columns if c.name in ctx.present and c.name not in self.key]
        for row in rows:
            v = row.values
            org = ctx.orgs[v["organization_code"]]
            record = ctx.existing.get((org.id, v["year"], v["category"]))
            if record is None:
                row.changes = {
                    c.audit_field: [None, jsonable(v.get(c.name))] for c in self.columns if c.name in ctx.present
                }
                result.new.append(row)
                continue
            row.pk = record.id
            row.changes = self.changes_against(row, record._asdict(), compared)
            (result.updated if row.changes else result.unchanged).append(row)
        return result

    FIELDS = ("organization_id", "year", "category", "assigned", "decision_number", "decision_date", "issuer")

    def _record(self, row: Row, ctx: QuotaContext) -> tuple:
        v = row.values
        org = ctx.orgs[v["organization_code"]]
        record = ctx.existing.get((org.id, v["year"], v["category"]))
        issuer = v.get("issuer") or "" if "issuer" in ctx.present or record is None else record.issuer
        return (
            record.id if record else None,
            org.id,
            v["year"],
            v["category"],
            v["assigned"],
            v["decision_number"],
            v["decision_date"],
            issuer,
        )

    def write(self, new: list[Row], updated: list[Row], ctx: QuotaContext) -> None:
        records = [self._record(row, ctx) for row in new + updated]
        if is_postgresql():
            opts = Quota._meta
            q = connection.ops.quote_name
            col = {f.attname: q(f.column) for f in opts.concrete_fields}
            table = q(opts.db_table)
            temp = "_vtvl_import_quotas"
            with connection.cursor() as cursor:
                cursor.execute(
                    f"CREATE TEMPORARY TABLE {temp} (n integer, id integer, organization_id integer, year smallint,"
                    " category varchar(4), assigned integer, decision_number varchar(80), decision_date date,"
                    " issuer varchar(200)) ON COMMIT DROP"
                )
                copy_rows(cursor, temp, ("n", "id", *self.FIELDS), [(i, *r) for i, r in enumerate(records)])
                if new:
                    cursor.execute(
                        f"INSERT INTO {table} ({', '.join(col[f] for f in self.FIELDS)})"  # noqa: S608
                        f" SELECT {', '.join(self.FIELDS)} FROM {temp} WHERE id IS NULL ORDER BY n"
                        f" RETURNING {col['id']}"
                    )
                    for row, (pk,) in zip(new, cursor.fetchall(), strict=True):
                        row.pk = pk
                if updated:
                    sets = ", ".join(f"{col[f]} = t.{f}" for f in self.FIELDS[3:])
                    cursor.execute(
                        f"UPDATE {table} AS o SET {sets} FROM {temp} AS t"  # noqa: S608
                        f" WHERE t.id IS NOT NULL AND o.{col['id']} = t.id"
                    )
                cursor.execute(f"DROP TABLE {temp}")
            return
        objs = [Quota(pk=r[0], **dict(zip(self.FIELDS, r[1:], strict=True))) for r in records]
        created = [o for o in objs if o.pk is None]
        changed = [o for o in objs if o.pk is not None]
        Quota.objects.bulk_create(created)
        for row, obj in zip(new, created, strict=True):
            row.pk = obj.pk
        if changed:
            Quota.objects.bulk_update(changed, list(self.FIELDS[3:]))

    def export_rows(self, scope):
        qs = Quota.objects.all() if scope is None else Quota.objects.filter(organization__path__startswith=scope.path)
        fields = ("organization__code", "year", "category", "assigned", "decision_number", "decision_date", "issuer")
        names = ("organization_code", *fields[1:])
        for values in qs.order_by("organization__path", "year", "category").values_list(*fields).iterator(2000):
            yield dict(zip(names, values, strict=True))

    def template_lists(self, prefixes) -> dict[str, TemplateList]:
        codes = org_codes_in(prefixes)
        # the sample: a unit below the user's own (whose quota its parent grants)
        return {"organization_code": TemplateList(codes, sample=codes[1] if len(codes) > 1 else None)}

    def object_repr(self, row: Row) -> str:
        v = row.values
        return f"{v.get('organization_code')} {v.get('year')} {v.get('category')}: {v.get('assigned')}"
