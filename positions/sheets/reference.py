"""Reference sheets of the national admin on the import engine: ``ranks`` (ngạch công chức and
chức danh nghề nghiệp viên chức), ``competencies`` (the competency dictionary with its five level
descriptors) and ``framework`` (the national framework catalogue of positions).

Reference data belongs to the whole portal, not to an organisation: these sheets refuse an import
or export with an organisation scope (``--org``), and an import by a user who is not a national
admin (the command line, run by an operator, has no user and is allowed). Rows are upserted by
code; codes missing from the file are left as they are (nothing is deleted); an optional column
missing from the file leaves that field of existing rows unchanged (new rows get the default).
The tables are small (hundreds of rows), so the writes are ``bulk_create``/``bulk_update`` on
every database, a constant number of queries whatever the file's size.

Columns (Vietnamese header / English alias; README "Reference data (national admin)"):

ranks — Mã / code (required; ``NN.NNN`` for a ngạch, ``V.NN.NN.NN`` for a chức danh nghề
nghiệp), Tên / name (required), Loại / kind (required: NGACH, CDNN), Lĩnh vực / field, Nhóm lương
/ salary_group (A3.1, A2.2, A1, A0, B, C1 …), Hạng / grade (I–IV; required for CDNN, empty for
NGACH), Bậc so sánh / level (required; 1–9, higher is a higher rank), Hệ số thấp nhất /
coefficient_min, Hệ số cao nhất / coefficient_max (decimals 1–15, min ≤ max), Căn cứ pháp lý /
legal_basis (code of a legal document of the portal), Đang áp dụng / active (yes/no).

competencies — Mã / code (required), Nhóm năng lực / kind (required: CHUNG, CHUYENMON, QUANLY),
Tên / name (required), Định nghĩa / definition, Thứ tự / order (integer ≥ 0 within the group),
Cấp độ 1 … Cấp độ 5 / level_1 … level_5 (required: the five level descriptors), Đang áp dụng /
active.

framework — Mã vị trí khung / code (required), Tên vị trí việc làm / name (required), Nhóm / group
(required: LDQL, CMNV, HTPV), Nhóm phụ / subgroup (CMNV only: CN, DC), Ngạch/chức danh tối thiểu /
min_rank, Ngạch/chức danh tối đa / max_rank (rank codes of the portal, min not above max), Căn cứ
pháp lý / legal_basis, Đang áp dụng / active. The sample description (objective, tasks,
competencies …) is rich text and nested rows: it is not in the sheet and is edited in the admin; a
framework position created by an import starts with an empty sample.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Max, Q
from django.utils.translation import gettext_lazy

from imports.errors import ErrorSink, ImportFailure
from imports.messages import gettext as _
from imports.sheets import Column, Context, Diff, Row, Sheet, TemplateList, jsonable
from imports.values import Choice, Code, Integer, Number, Text, YesNo, clean_text
from portal.models import LegalDocument, scope_for
from portal.text import fold
from positions import rules
from positions.models import (
    Competency,
    CompetencyKind,
    CompetencyLevel,
    FrameworkPosition,
    Position,
    PositionGroup,
    Rank,
    RankKind,
    Subgroup,
)
from positions.sheets.lists import rank_codes
from positions.sheets.parsers import GROUP, RANK_CODE, RANK_REF

# --------------------------------------------------------------------------- parsers

SALARY_GROUP = Code(
    rules.SALARY_GROUP_PATTERN,
    gettext_lazy("nhóm ngạch lương như A3.1, A3.2, A2.1, A2.2, A1, A0, B, C1, C2, C3"),
)
COMPETENCY_CODE = Code(
    rules.COMPETENCY_CODE_PATTERN,
    gettext_lazy("tối đa 20 ký tự gồm chữ số, chữ in hoa không dấu, dấu chấm, gạch ngang (ví dụ NLC03)"),
)
FRAMEWORK_CODE = Code(
    rules.FRAMEWORK_CODE_PATTERN,
    gettext_lazy("tối đa 30 ký tự gồm chữ số, chữ in hoa không dấu, dấu chấm, gạch ngang (ví dụ CMNV-DC-01)"),
)
LEGAL_CODE = Code(r"^[-a-zA-Z0-9_]{1,40}$", gettext_lazy("mã văn bản pháp lý của cổng (ví dụ ND361-2025)"), empty=None)
ACTIVE_HELP = gettext_lazy("Có/Không; để trống là Không; bỏ cột thì giữ nguyên (dòng mới: Có)")


def _active() -> Column:
    return Column("active", "Đang áp dụng", YesNo(), help=ACTIVE_HELP, sample="Có")


def _legal_basis() -> Column:
    return Column(
        "legal_basis",
        "Căn cứ pháp lý",
        LEGAL_CODE,
        help=gettext_lazy("Mã văn bản pháp lý đã có trên cổng (ví dụ ND361-2025); để trống nếu chưa có"),
    )


# --------------------------------------------------------------------------- base


@dataclass
class RefContext(Context):
    current: dict[str, dict] = field(default_factory=dict)  # code → {column: value as the import reads it}
    ids: dict[str, int] = field(default_factory=dict)  # code → pk
    file: dict[str, Row] = field(default_factory=dict)  # code → its row (repeated codes left out)
    legal: dict[str, int] = field(default_factory=dict)  # legal document code → pk


class ReferenceSheet(Sheet):
    """A national reference table keyed by ``code``. Subclasses give ``defaults`` (the values of
    the optional columns for a new row), ``load_current`` and ``write``."""

    key = ("code",)
    national_only = True
    defaults: dict[str, Any] = {}
    context_class = RefContext

    # ------------------------------------------------------------------ access
    def check_access(self, scope, user) -> None:
        """Raise ``ImportFailure`` for an organisation scope or a user who is not a national admin
        (``user`` None: the command line, run by an operator)."""
        if scope is not None:
            raise ImportFailure(
                _(
                    "“%(title)s” là danh mục dùng chung toàn quốc, không thuộc đơn vị nào: không nhập, xuất theo"
                    " phạm vi “%(scope)s” (bỏ --org hoặc chọn toàn cổng)."
                )
                % {"title": self.title, "scope": f"{scope.name} ({scope.code})"}
            )
        if user is not None and not scope_for(user).national:
            raise ImportFailure(
                _("Chỉ quản trị viên cấp quốc gia mới được nhập, xuất “%(title)s”.") % {"title": self.title}
            )

    # ------------------------------------------------------------------ load
    def load_context(self, scope) -> RefContext:
        self.check_access(scope, None)  # the engine also asks before reading; defence in depth
        ctx = self.context_class(scope=scope)
        self.load_current(ctx)
        return ctx

    def load_current(self, ctx: RefContext) -> None:
        raise NotImplementedError

    @staticmethod
    def load_legal(ctx: RefContext) -> None:
        ctx.legal = dict(LegalDocument.objects.values_list("code", "pk"))

    # ------------------------------------------------------------------ validate
    def validate(self, rows: list[Row], ctx: RefContext, errors: ErrorSink) -> None:
        self.check_access(ctx.scope, ctx.user)
        repeated = self.check_duplicates(rows, errors)
        for row in rows:
            code = row.values.get("code")
            if code and row.number not in repeated:
                ctx.file[code] = row
        if "legal_basis" in ctx.present:
            for row in rows:
                legal = row.values.get("legal_basis")
                if legal and legal not in ctx.legal:
                    errors.add(
                        row.number,
                        "legal_basis",
                        legal,
                        _("Văn bản pháp lý “%(code)s” chưa có trên cổng (thêm văn bản trong trang quản trị trước).")
                        % {"code": legal},
                    )
        self.validate_rows(rows, ctx, errors)

    def validate_rows(self, rows: list[Row], ctx: RefContext, errors: ErrorSink) -> None:
        """Rules of each row and across rows (subclasses)."""

    def value(self, row: Row, name: str, ctx: RefContext):
        """The value a field will have after the import: the file's when the column is there,
        otherwise the current value (existing rows) or the default (new rows)."""
        if name in ctx.present:
            return row.values.get(name)
        current = ctx.current.get(row.values.get("code"))
        return current[name] if current is not None else self.defaults.get(name)

    def record(self, row: Row, ctx: RefContext) -> dict:
        return {c.name: self.value(row, c.name, ctx) for c in self.columns}

    # ------------------------------------------------------------------ diff
    def diff(self, rows: list[Row], ctx: RefContext) -> Diff:
        result = Diff()
        compared = [c for c in self.columns if c.name in ctx.present and c.name != "code"]
        for code, row in ctx.file.items():
            current = ctx.current.get(code)
            if current is None:
                row.changes = {c.audit_field: [None, jsonable(row.values.get(c.name))] for c in compared}
                row.changes["code"] = [None, code]
                result.new.append(row)
                continue
            row.pk = ctx.ids[code]
            row.changes = self.changes_against(row, current, compared)
            (result.updated if row.changes else result.unchanged).append(row)
        return result

    # ------------------------------------------------------------------ export
    def export_rows(self, scope):
        self.check_access(scope, None)
        ctx = self.context_class(scope=scope)
        self.load_current(ctx)
        yield from ctx.current.values()

    def object_repr(self, row: Row) -> str:
        return f"{row.values.get('code') or ''} {row.values.get('name') or ''}".strip()[:200]


def _text(value) -> str:
    """A stored text as the import reads it back (NFC, spaces folded, line breaks as spaces)."""
    return clean_text(value) if value else ""


# --------------------------------------------------------------------------- ranks


class RankSheet(ReferenceSheet):
    kind = "ranks"
    title = gettext_lazy("Ngạch, chức danh nghề nghiệp")
    model = Rank
    defaults = {
        "field": "",
        "salary_group": "",
        "grade": "",
        "coefficient_min": None,
        "coefficient_max": None,
        "legal_basis": None,
        "active": True,
    }
    columns = (
        Column("code", "Mã", RANK_CODE, required=True, sample="01.003"),
        Column("name", "Tên", Text(max_length=200), required=True, sample="Chuyên viên"),
        Column("kind", "Loại", Choice(RankKind), required=True, sample="NGACH"),
        Column("field", "Lĩnh vực", Text(max_length=120), sample="Hành chính"),
        Column("salary_group", "Nhóm lương", SALARY_GROUP, sample="A1"),
        Column(
            "grade",
            "Hạng",
            Choice([(g, g) for g in rules.GRADES], aliases={f"hạng {g}".casefold(): g for g in rules.GRADES}),
            help=gettext_lazy("I, II, III, IV: bắt buộc với chức danh nghề nghiệp (CDNN), để trống với ngạch"),
        ),
        Column(
            "level",
            "Bậc so sánh",
            Integer(min_value=rules.RANK_LEVEL_MIN, max_value=rules.RANK_LEVEL_MAX),
            required=True,
            help=gettext_lazy("Số nguyên 1–9: số càng lớn, ngạch/hạng càng cao (cao cấp, hạng I: 5; nhân viên: 1)"),
            sample=3,
        ),
        Column(
            "coefficient_min",
            "Hệ số thấp nhất",
            Number(places=2, min_value=rules.COEFFICIENT_MIN, max_value=rules.COEFFICIENT_MAX),
            sample="2,34",
        ),
        Column(
            "coefficient_max",
            "Hệ số cao nhất",
            Number(places=2, min_value=rules.COEFFICIENT_MIN, max_value=rules.COEFFICIENT_MAX),
            help=gettext_lazy("Số thập phân 1–15, không thấp hơn hệ số thấp nhất"),
            sample="4,98",
        ),
        _legal_basis(),
        _active(),
    )

    def load_current(self, ctx: RefContext) -> None:
        self.load_legal(ctx)
        legal_codes = {pk: code for code, pk in ctx.legal.items()}
        fields = (
            "pk",
            "code",
            "name",
            "kind",
            "field",
            "salary_group",
            "grade",
            "level",
            "coefficient_min",
            "coefficient_max",
            "legal_basis_id",
            "active",
        )
        for pk, code, name, kind, fld, group, grade, level, low, high, legal_id, active in Rank.objects.order_by(
            "kind", "field", "-level", "code"
        ).values_list(*fields):
            ctx.ids[code] = pk
            ctx.current[code] = {
                "code": code,
                "name": _text(name),
                "kind": kind,
                "field": _text(fld),
                "salary_group": group or "",
                "grade": grade,
                "level": level,
                "coefficient_min": low,
                "coefficient_max": high,
                "legal_basis": legal_codes.get(legal_id),
                "active": active,
            }

    def validate_rows(self, rows: list[Row], ctx: RefContext, errors: ErrorSink) -> None:
        for row in rows:
            failed = row.failed
            value = row.values
            problems = rules.rank_problems(
                code=value.get("code") if "code" not in failed else None,
                kind=self.value(row, "kind", ctx) if "kind" not in failed else None,
                grade=self.value(row, "grade", ctx) if "grade" not in failed else None,
                low=self.value(row, "coefficient_min", ctx) if "coefficient_min" not in failed else None,
                high=self.value(row, "coefficient_max", ctx) if "coefficient_max" not in failed else None,
            )
            for name, message in problems.items():
                shown = self.value(row, name, ctx)
                errors.add(row.number, name if name in ctx.present or name == "code" else None, shown or "", message)
        self._check_position_ranges(ctx, errors)

    def _check_position_ranges(self, ctx: RefContext, errors: ErrorSink) -> None:
        """A new comparison level must keep every position's and framework position's minimum
        rank at or below its maximum (two queries, whatever the file's size)."""
        if "level" not in ctx.present:
            return
        levels = {ctx.ids[code]: current["level"] for code, current in ctx.current.items()}
        changed = {}
        rows_by_id = {}
        for code, row in ctx.file.items():
            new = row.values.get("level")
            if code in ctx.ids and new is not None and new != ctx.current[code]["level"]:
                changed[ctx.ids[code]] = new
                rows_by_id[ctx.ids[code]] = row
        if not changed:
            return
        codes = {pk: code for code, pk in ctx.ids.items()}
        levels.update(changed)
        uses = Q(min_rank_id__in=changed) | Q(max_rank_id__in=changed)
        broken: dict[tuple[int, int], int] = {}
        for model in (Position, FrameworkPosition):
            pairs = (
                model.objects.filter(uses, min_rank__isnull=False, max_rank__isnull=False)
                .values_list("min_rank_id", "max_rank_id")
                .annotate(n=Count("pk"))
                .order_by()
            )
            for low, high, n in pairs:
                if rules.rank_range_inverted(levels[low], levels[high]):
                    broken[(low, high)] = broken.get((low, high), 0) + n
        for (low, high), n in sorted(broken.items()):
            for pk in (low, high):
                row = rows_by_id.get(pk)
                if row is None:
                    continue
                errors.add(
                    row.number,
                    "level",
                    row.values["level"],
                    _(
                        "Đổi bậc so sánh của “%(code)s” thành %(level)s làm ngạch tối thiểu “%(low)s”"
                        " (bậc %(low_level)s) cao hơn ngạch tối đa “%(high)s” (bậc %(high_level)s)"
                        " ở %(n)d vị trí việc làm."
                    )
                    % {
                        "code": codes[pk],
                        "level": row.values["level"],
                        "low": codes[low],
                        "low_level": levels[low],
                        "high": codes[high],
                        "high_level": levels[high],
                        "n": n,
                    },
                )

    def write(self, new: list[Row], updated: list[Row], ctx: RefContext) -> None:
        def build(row: Row, pk=None) -> Rank:
            rec = self.record(row, ctx)
            return Rank(
                pk=pk,
                code=rec["code"],
                name=rec["name"],
                kind=rec["kind"],
                field=rec["field"] or "",
                salary_group=rec["salary_group"] or "",
                grade=rec["grade"] or "",
                level=rec["level"],
                coefficient_min=rec["coefficient_min"],
                coefficient_max=rec["coefficient_max"],
                legal_basis_id=ctx.legal.get(rec["legal_basis"]) if rec["legal_basis"] else None,
                active=rec["active"],
            )

        if new:
            created = Rank.objects.bulk_create([build(row) for row in new])
            for row, obj in zip(new, created, strict=True):
                row.pk = obj.pk
        if updated:
            Rank.objects.bulk_update(
                [build(row, row.pk) for row in updated],
                [
                    "name",
                    "kind",
                    "field",
                    "salary_group",
                    "grade",
                    "level",
                    "coefficient_min",
                    "coefficient_max",
                    "legal_basis",
                    "active",
                ],
            )


# --------------------------------------------------------------------------- competencies


class CompetencySheet(ReferenceSheet):
    kind = "competencies"
    title = gettext_lazy("Từ điển năng lực")
    model = Competency
    defaults = {"definition": "", "order": None, "active": True}
    columns = (
        Column("code", "Mã", COMPETENCY_CODE, required=True, sample="NLC03"),
        Column("kind", "Nhóm năng lực", Choice(CompetencyKind), required=True, sample="CHUNG"),
        Column("name", "Tên", Text(max_length=200), required=True, sample="Soạn thảo văn bản"),
        Column("definition", "Định nghĩa", Text(), sample=""),
        Column(
            "order",
            "Thứ tự",
            Integer(min_value=0, max_value=32767),
            help=gettext_lazy("Thứ tự trong nhóm năng lực (số nguyên ≥ 0); bỏ trống: xếp cuối nhóm"),
            sample=3,
        ),
        *(
            Column(
                f"level_{n}",
                f"Cấp độ {n}",
                Text(),
                required=True,
                field=f"level_{n}",
                help=gettext_lazy("Mô tả biểu hiện của cấp độ (bắt buộc, đủ 5 cấp độ)"),
                sample=f"Mô tả cấp độ {n}",
            )
            for n in rules.COMPETENCY_LEVELS
        ),
        _active(),
    )

    def validate_rows(self, rows: list[Row], ctx: RefContext, errors: ErrorSink) -> None:
        if "order" in ctx.present:
            for code, row in ctx.file.items():
                # an empty order keeps an existing competency where it is
                if row.values.get("order") is None and "order" not in row.failed and code in ctx.current:
                    row.values["order"] = ctx.current[code]["order"]

    def load_current(self, ctx: RefContext) -> None:
        levels: dict[int, dict[int, str]] = {}
        for competency_id, level, descriptor in CompetencyLevel.objects.values_list(
            "competency_id", "level", "descriptor"
        ):
            levels.setdefault(competency_id, {})[level] = descriptor
        for pk, code, kind, name, definition, order, active in Competency.objects.order_by(
            "kind", "order", "code"
        ).values_list("pk", "code", "kind", "name", "definition", "order", "active"):
            ctx.ids[code] = pk
            own = levels.get(pk, {})
            ctx.current[code] = {
                "code": code,
                "kind": kind,
                "name": _text(name),
                "definition": _text(definition),
                "order": order,
                **{f"level_{n}": _text(own.get(n)) for n in rules.COMPETENCY_LEVELS},
                "active": active,
            }

    def write(self, new: list[Row], updated: list[Row], ctx: RefContext) -> None:
        records = {row.number: self.record(row, ctx) for row in new + updated}
        # a new competency without an order goes to the end of its group, in file order
        next_order = dict(
            Competency.objects.values_list("kind").annotate(m=Max("order")).order_by().values_list("kind", "m")
        )
        for row in new:
            rec = records[row.number]
            if rec["order"] is None:
                rec["order"] = next_order[rec["kind"]] = (next_order.get(rec["kind"]) or 0) + 1

        def build(row: Row, pk=None) -> Competency:
            rec = records[row.number]
            return Competency(
                pk=pk,
                code=rec["code"],
                kind=rec["kind"],
                name=rec["name"],
                definition=rec["definition"] or "",
                order=rec["order"] if rec["order"] is not None else ctx.current[rec["code"]]["order"],
                active=rec["active"],
            )

        if new:
            created = Competency.objects.bulk_create([build(row) for row in new])
            for row, obj in zip(new, created, strict=True):
                row.pk = obj.pk
        if updated:
            Competency.objects.bulk_update(
                [build(row, row.pk) for row in updated], ["kind", "name", "definition", "order", "active"]
            )
        # levels: create the missing ones, update the changed ones
        existing = {
            (competency_id, level): (pk, descriptor)
            for pk, competency_id, level, descriptor in CompetencyLevel.objects.filter(
                competency_id__in=[row.pk for row in updated]
            ).values_list("pk", "competency_id", "level", "descriptor")
        }
        to_create, to_update = [], []
        for row in new + updated:
            rec = records[row.number]
            for n in rules.COMPETENCY_LEVELS:
                text = rec[f"level_{n}"]
                found = existing.get((row.pk, n))
                if found is None:
                    to_create.append(CompetencyLevel(competency_id=row.pk, level=n, descriptor=text))
                elif _text(found[1]) != text:
                    to_update.append(CompetencyLevel(pk=found[0], descriptor=text))
        if to_create:
            CompetencyLevel.objects.bulk_create(to_create)
        if to_update:
            CompetencyLevel.objects.bulk_update(to_update, ["descriptor"])


# --------------------------------------------------------------------------- framework catalogue


@dataclass
class FrameworkContext(RefContext):
    groups: dict[str, tuple[int, bool]] = field(default_factory=dict)  # code → (pk, has_subgroups)
    ranks: dict[str, tuple[int, int]] = field(default_factory=dict)  # code → (pk, level)


class FrameworkSheet(ReferenceSheet):
    kind = "framework"
    title = gettext_lazy("Danh mục vị trí việc làm khung")
    model = FrameworkPosition
    context_class = FrameworkContext
    defaults = {"subgroup": "", "min_rank": None, "max_rank": None, "legal_basis": None, "active": True}
    columns = (
        Column("code", "Mã vị trí khung", FRAMEWORK_CODE, required=True, sample="CMNV-DC-01"),
        Column("name", "Tên vị trí việc làm", Text(max_length=255), required=True, sample="Văn thư"),
        Column("group", "Nhóm", GROUP, required=True, sample="CMNV"),
        Column(
            "subgroup",
            "Nhóm phụ",
            Choice(Subgroup),
            help=gettext_lazy("Chỉ với nhóm CMNV: CN (chuyên ngành) hoặc DC (dùng chung)"),
            sample="DC",
        ),
        Column(
            "min_rank",
            "Ngạch/chức danh tối thiểu",
            RANK_REF,
            help=gettext_lazy("Mã ngạch hoặc chức danh nghề nghiệp đã có trên cổng (ví dụ 01.004)"),
            sample="02.008",
        ),
        Column(
            "max_rank",
            "Ngạch/chức danh tối đa",
            RANK_REF,
            help=gettext_lazy("Mã ngạch hoặc chức danh đã có trên cổng, không thấp hơn ngạch tối thiểu"),
            sample="02.006",
        ),
        _legal_basis(),
        _active(),
    )

    def template_lists(self, prefixes) -> dict[str, TemplateList]:
        ranks = rank_codes()
        return {"min_rank": TemplateList(ranks), "max_rank": TemplateList(ranks)}

    def load_current(self, ctx: FrameworkContext) -> None:
        self.load_legal(ctx)
        legal_codes = {pk: code for code, pk in ctx.legal.items()}
        groups = {pk: (code, sub) for pk, code, sub in PositionGroup.objects.values_list("pk", "code", "has_subgroups")}
        ranks = {pk: (code, level) for pk, code, level in Rank.objects.values_list("pk", "code", "level")}
        ctx.groups = {code: (pk, sub) for pk, (code, sub) in groups.items()}
        ctx.ranks = {code: (pk, level) for pk, (code, level) in ranks.items()}
        fields = ("pk", "code", "name", "group_id", "subgroup", "min_rank_id", "max_rank_id", "legal_basis_id")
        fields += ("active",)
        for pk, code, name, group_id, subgroup, low, high, legal_id, active in FrameworkPosition.objects.order_by(
            "group__order", "code"
        ).values_list(*fields):
            ctx.ids[code] = pk
            ctx.current[code] = {
                "code": code,
                "name": _text(name),
                "group": groups[group_id][0],
                "subgroup": subgroup,
                "min_rank": ranks[low][0] if low else None,
                "max_rank": ranks[high][0] if high else None,
                "legal_basis": legal_codes.get(legal_id),
                "active": active,
            }

    def validate_rows(self, rows: list[Row], ctx: FrameworkContext, errors: ErrorSink) -> None:
        for row in rows:
            failed = row.failed
            group = row.values.get("group")
            if group and group not in ctx.groups:
                errors.add(
                    row.number,
                    "group",
                    group,
                    _("Nhóm “%(group)s” chưa có trên cổng.") % {"group": group},
                )
                continue
            for name in ("min_rank", "max_rank"):
                code = row.values.get(name) if name in ctx.present else None
                if code and code not in ctx.ranks:
                    errors.add(
                        row.number,
                        name,
                        code,
                        _("Ngạch/chức danh “%(code)s” chưa có trên cổng (nhập danh mục ngạch trước).") % {"code": code},
                    )
            subgroup = self.value(row, "subgroup", ctx) if "subgroup" not in failed else None
            if group and not rules.subgroup_allowed(ctx.groups[group][1], subgroup):
                errors.add(
                    row.number,
                    "subgroup" if "subgroup" in ctx.present else "group",
                    subgroup if "subgroup" in ctx.present else group,
                    _("Chỉ nhóm chuyên môn, nghiệp vụ (CMNV) mới có nhóm phụ; nhóm “%(group)s” để trống nhóm phụ.")
                    % {"group": group},
                )
            low, high = (None if name in failed else self.value(row, name, ctx) for name in ("min_rank", "max_rank"))
            if (
                low in ctx.ranks
                and high in ctx.ranks
                and rules.rank_range_inverted(ctx.ranks[low][1], ctx.ranks[high][1])
            ):
                errors.add(
                    row.number,
                    "max_rank" if "max_rank" in ctx.present else "min_rank",
                    high if "max_rank" in ctx.present else low,
                    _(
                        "Ngạch/chức danh tối đa “%(high)s” (bậc %(high_level)d) thấp hơn ngạch/chức danh tối thiểu"
                        " “%(low)s” (bậc %(low_level)d)."
                    )
                    % {"high": high, "high_level": ctx.ranks[high][1], "low": low, "low_level": ctx.ranks[low][1]},
                )

    def write(self, new: list[Row], updated: list[Row], ctx: FrameworkContext) -> None:
        def rank_id(code):
            return ctx.ranks[code][0] if code else None

        def build(row: Row, pk=None) -> FrameworkPosition:
            rec = self.record(row, ctx)
            obj = FrameworkPosition(
                pk=pk,
                code=rec["code"],
                name=rec["name"],
                search_key=fold(rec["name"])[:255],
                group_id=ctx.groups[rec["group"]][0],
                subgroup=rec["subgroup"] or "",
                min_rank_id=rank_id(rec["min_rank"]),
                max_rank_id=rank_id(rec["max_rank"]),
                legal_basis_id=ctx.legal.get(rec["legal_basis"]) if rec["legal_basis"] else None,
                active=rec["active"],
            )
            return obj

        if new:
            created = FrameworkPosition.objects.bulk_create([build(row) for row in new])
            for row, obj in zip(new, created, strict=True):
                row.pk = obj.pk
        if updated:
            FrameworkPosition.objects.bulk_update(
                [build(row, row.pk) for row in updated],
                ["name", "search_key", "group", "subgroup", "min_rank", "max_rank", "legal_basis", "active"],
            )
