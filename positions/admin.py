"""Django admin of the positions app.

- Reference data (position groups, ranks and professional titles, the competency dictionary, the
  national framework catalogue) belongs to the whole portal: only national admins see and change
  it (``national_only``). Its rules are the import sheets' (``positions.rules``).
- Positions and their descriptions are scoped like every other screen: an organisation admin sees
  the subtree. Descriptions are never deleted here and only a draft or returned version can be
  changed (approved versions are immutable; a submitted one is under review); their tasks and
  competency levels are edited in the portal's editor and shown read-only here.
- Import/export buttons (``imports.admin.EngineImportExportMixin``) lead to the engine's
  screens: ranks, competencies and framework for national admins, positions for every admin.
"""

import json
import re
from types import SimpleNamespace

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.forms.models import BaseInlineFormSet
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from imports.admin import EngineImportExportMixin
from portal.admin import ScopedAdminMixin, ScopedAuditlogHistoryMixin
from portal.models import scope_for
from portal.text import fold
from positions import reports, rules
from positions.models import (
    Competency,
    CompetencyLevel,
    DescriptionStatus,
    FrameworkPosition,
    Position,
    PositionDescription,
    PositionGroup,
    Rank,
)

# --------------------------------------------------------------------------- helpers

RANK_CODE_RE = re.compile(rules.RANK_OR_TITLE_CODE_PATTERN)


def render_description_body(description, tasks, competencies) -> str:
    """A description's body as the portal's pages show it (``positions/_description_body.html``):
    ``description`` has the prose and plain fields, ``tasks`` their ``order`` and text,
    ``competencies`` their ``competency``, ``level`` and ``descriptor``."""
    context = {"description": description, "tasks": tasks, "competencies": competencies}
    return render_to_string("positions/_description_body.html", context)


def sample_competencies(pairs) -> list:
    """A sample's ``[code, level]`` pairs as the body template lists a description's competencies
    (by kind, then the dictionary's order); a code missing from the dictionary keeps its code as
    its name (two queries)."""
    pairs = [p for p in pairs if isinstance(p, list) and len(p) == 2]
    codes = [code for code, _level in pairs]
    known = {c.code: c for c in Competency.objects.filter(code__in=codes)}
    levels = CompetencyLevel.objects.filter(competency__code__in=codes)
    descriptors = {
        (code, level): text for code, level, text in levels.values_list("competency__code", "level", "descriptor")
    }
    rows = [
        SimpleNamespace(
            competency=known.get(code) or Competency(code=code, name=code),
            level=level,
            descriptor=descriptors.get((code, level), ""),
        )
        for code, level in pairs
    ]
    return sorted(
        rows, key=lambda r: (r.competency.pk is None, r.competency.kind, r.competency.order, str(r.competency.code))
    )


class FoldedSearchMixin:
    """Search that ignores diacritics and đ ("van thu" finds "Văn thư").

    With ``search_key`` among ``search_fields`` the folded term is matched against it in SQL;
    otherwise (small reference tables without a stored key) the rows of ``fold_fields`` are
    folded in Python and matched by primary key."""

    fold_fields: tuple[str, ...] = ()

    def get_search_results(self, request, queryset, search_term):
        if not search_term or not self.fold_fields:
            return super().get_search_results(request, queryset, fold(search_term) if search_term else search_term)
        key = fold(search_term)
        ids = [
            row[0]
            for row in queryset.values_list("pk", *self.fold_fields)
            if key in fold(" ".join(str(v) for v in row[1:] if v))
        ]
        return queryset.filter(pk__in=ids), False


class NationalReferenceAdmin(FoldedSearchMixin, ScopedAuditlogHistoryMixin, ScopedAdminMixin, admin.ModelAdmin):
    """Reference data of the whole portal: national admins only (others get 403)."""

    national_only = True
    show_auditlog_history_link = True
    list_per_page = 100


class ReferenceImportExportMixin(EngineImportExportMixin):
    """Import/export buttons (the engine's screens, kind of the model's sheet) for national
    admins only, like the reference sheets themselves."""

    def has_import_permission(self, request):
        return scope_for(request.user).national

    has_export_permission = has_import_permission


# --------------------------------------------------------------------------- reference data


@admin.register(PositionGroup)
class PositionGroupAdmin(NationalReferenceAdmin):
    list_display = ["code", "name", "order", "has_subgroups", "legal_basis"]
    search_fields = ["code", "name"]
    fold_fields = ("code", "name", "legacy_names")


class RankAdminForm(forms.ModelForm):
    class Meta:
        model = Rank
        fields = [
            "code",
            "name",
            "kind",
            "field",
            "legal_basis",
            "active",
            "grade",
            "level",
            "salary_group",
            "coefficient_min",
            "coefficient_max",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        low, high = rules.RANK_LEVEL_MIN, rules.RANK_LEVEL_MAX
        self.fields["level"].validators += [MinValueValidator(low), MaxValueValidator(high)]
        self.fields["level"].widget.attrs.update(min=low, max=high)
        self.fields["grade"].widget = forms.Select(choices=[("", "—"), *((g, g) for g in rules.GRADES)])
        self.fields["code"].help_text = rules.RANK_OR_TITLE_CODE_HELP

    def clean_code(self):
        code = (self.cleaned_data.get("code") or "").strip()
        if not RANK_CODE_RE.match(code):
            raise ValidationError(
                _("Mã “%(code)s” không hợp lệ: %(rule)s.") % {"code": code, "rule": rules.RANK_OR_TITLE_CODE_HELP}
            )
        return code

    def clean(self):
        data = super().clean()
        problems = rules.rank_problems(
            code=data.get("code"),
            kind=data.get("kind"),
            grade=data.get("grade", ""),
            low=data.get("coefficient_min"),
            high=data.get("coefficient_max"),
        )
        for name, message in problems.items():
            if name in self.fields and name not in self.errors:
                self.add_error(name, message)
        return data


@admin.register(Rank)
class RankAdmin(ReferenceImportExportMixin, NationalReferenceAdmin):
    form = RankAdminForm
    list_display = [
        "code",
        "name",
        "kind",
        "field",
        "salary_group",
        "grade",
        "level",
        "coefficient_min",
        "coefficient_max",
        "active",
    ]
    list_display_links = ["code", "name"]
    list_filter = ["kind", "field", "grade", "active"]
    ordering = ["kind", "field", "-level", "code"]
    search_fields = ["code", "name", "field"]
    fold_fields = ("code", "name", "field")
    list_select_related = ["legal_basis"]
    fieldsets = [
        (None, {"fields": ["code", "name", "kind", "field", "legal_basis", "active"]}),
        (
            gettext_lazy("Xếp hạng và lương"),
            {"fields": ["grade", "level", "salary_group", "coefficient_min", "coefficient_max"]},
        ),
    ]


class CompetencyLevelFormSet(BaseInlineFormSet):
    """A competency has exactly the levels 1–5, each with a descriptor."""

    def clean(self):
        if any(self.errors):
            return
        levels: dict[int, str] = {}
        repeated = []
        for form in self.forms:
            data = getattr(form, "cleaned_data", None) or {}
            if not data or data.get("DELETE") or data.get("level") is None:
                continue
            if data["level"] in levels:
                repeated.append(str(data["level"]))
            levels[data["level"]] = data.get("descriptor") or ""
        if repeated:
            raise ValidationError(_("Cấp độ %(levels)s được ghi hai lần.") % {"levels": ", ".join(repeated)})
        problem = rules.level_descriptor_problems(levels)
        if problem:
            raise ValidationError(problem)
        super().clean()  # after ours: its duplicate message names no level


class CompetencyLevelInline(ScopedAdminMixin, admin.TabularInline):
    national_only = True  # like the competency it belongs to
    model = CompetencyLevel
    formset = CompetencyLevelFormSet
    fields = ["level", "descriptor"]
    ordering = ["level"]
    max_num = len(rules.COMPETENCY_LEVELS)
    extra = 0

    def get_extra(self, request, obj=None, **kwargs):
        have = obj.levels.count() if obj is not None and obj.pk else 0
        return max(0, len(rules.COMPETENCY_LEVELS) - have)

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "descriptor":
            field.widget = forms.Textarea(attrs={"rows": 3, "cols": 80})
        return field


@admin.register(Competency)
class CompetencyAdmin(ReferenceImportExportMixin, NationalReferenceAdmin):
    list_display = ["code", "name", "kind", "order", "active"]
    list_display_links = ["code", "name"]
    list_filter = ["kind", "active"]
    search_fields = ["code", "name", "definition"]
    fold_fields = ("code", "name", "definition")
    fields = ["code", "kind", "name", "definition", "order", "active"]
    inlines = [CompetencyLevelInline]

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        if isinstance(inline, CompetencyLevelInline):
            have = set(obj.levels.values_list("level", flat=True)) if obj is not None and obj.pk else set()
            kwargs["initial"] = [{"level": n} for n in rules.COMPETENCY_LEVELS if n not in have]
        return kwargs


class SampleField(forms.JSONField):
    """The sample description as indented JSON with Vietnamese letters kept readable."""

    def prepare_value(self, value):
        if isinstance(value, forms.fields.InvalidJSONInput):
            return value
        return json.dumps(value, ensure_ascii=False, indent=2)


SAMPLE_HELP = gettext_lazy(
    "Bản mô tả mẫu mà đơn vị bắt đầu từ đó, dạng JSON: các mục văn bản “objective” (mục tiêu),"
    " “relationships_internal”, “relationships_external” (quan hệ công việc), “authority” (quyền hạn),"
    " “working_conditions” (điều kiện làm việc), “training_level”, “training_field” (trình độ, chuyên ngành),"
    " “experience”, “personal_qualities”, “other_requirements” — văn bản định dạng nhẹ (đoạn văn, danh sách,"
    " chữ đậm, chữ nghiêng, liên kết);"
    " “tasks”: danh sách {“task”: nhiệm vụ, “outputs”: sản phẩm đầu ra, “criteria”: tiêu chí đánh giá}"
    " theo thứ tự; “competencies”: danh sách [“mã năng lực”, cấp độ 1–5]. Bản xem trước ở trên cho thấy"
    " kết quả sau khi lưu."
)


class FrameworkPositionForm(forms.ModelForm):
    sample = SampleField(
        label=gettext_lazy("bản mô tả mẫu (JSON)"),
        required=False,
        help_text=SAMPLE_HELP,
        widget=forms.Textarea(attrs={"rows": 24, "cols": 110, "class": "vLargeTextField"}),
    )

    class Meta:
        model = FrameworkPosition
        fields = ["code", "name", "group", "subgroup", "min_rank", "max_rank", "legal_basis", "active", "sample"]

    def clean_sample(self):
        return rules.clean_sample(self.cleaned_data.get("sample"), known_competency_codes)


def known_competency_codes(codes) -> set[str]:
    return set(Competency.objects.filter(code__in=codes).values_list("code", flat=True))


@admin.register(FrameworkPosition)
class FrameworkPositionAdmin(ReferenceImportExportMixin, NationalReferenceAdmin):
    form = FrameworkPositionForm
    list_display = ["code", "name", "group", "subgroup", "min_rank", "max_rank", "active"]
    list_display_links = ["code", "name"]
    list_filter = ["group", "subgroup", "active"]
    search_fields = ["code", "search_key"]
    list_select_related = ["group", "min_rank", "max_rank"]
    readonly_fields = ["sample_preview"]
    fieldsets = [
        (None, {"fields": ["code", "name", "group", "subgroup", "min_rank", "max_rank", "legal_basis", "active"]}),
        (gettext_lazy("Bản mô tả mẫu"), {"fields": ["sample_preview", "sample"]}),
    ]

    @admin.display(description=gettext_lazy("xem trước bản mô tả mẫu"))
    def sample_preview(self, obj):
        sample = (obj.sample if obj is not None else None) or {}
        tasks = [t for t in sample.get("tasks", []) if isinstance(t, dict)]
        return render_description_body(
            sample,
            [{"order": i, **t} for i, t in enumerate(tasks, start=1)],
            sample_competencies(sample.get("competencies", [])),
        )


# --------------------------------------------------------------------------- positions (scoped)


@admin.register(Position)
class PositionAdmin(
    EngineImportExportMixin, FoldedSearchMixin, ScopedAuditlogHistoryMixin, ScopedAdminMixin, admin.ModelAdmin
):
    """An organisation's catalogue. A position is deleted here only while it has no description
    at all (a mistaken entry): descriptions are never deleted, so neither is their position."""

    list_display = ["code", "name", "organization", "group", "subgroup", "min_rank", "max_rank", "headcount"]
    list_display_links = ["code", "name"]
    list_filter = ["group", "subgroup", "required_training_level"]
    search_fields = ["code", "search_key"]
    list_select_related = ["organization", "group", "min_rank", "max_rank"]
    autocomplete_fields = ["organization"]
    fields = [
        "organization",
        "code",
        "name",
        "group",
        "subgroup",
        "min_rank",
        "max_rank",
        "headcount",
        "required_training_level",
        "required_training_field",
        "framework",
        "order",
        "created_at",
        "updated_at",
    ]
    readonly_fields = ["created_at", "updated_at"]
    show_auditlog_history_link = True
    list_per_page = 50

    def has_delete_permission(self, request, obj=None):
        # one position at a time (no bulk delete action), and only one without descriptions
        if obj is None or not super().has_delete_permission(request, obj):
            return False
        return not obj.descriptions.exists()


class DescriptionAdminForm(forms.ModelForm):
    """The prose of a draft or returned version; refused when someone saved it (or moved it on
    in the workflow) since the page was opened."""

    seen_lock_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = PositionDescription
        fields = [*PositionDescription.PROSE_FIELDS, *PositionDescription.PLAIN_FIELDS]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "seen_lock_version" in self.fields:
            self.fields["seen_lock_version"].initial = self.instance.lock_version

    def clean(self):
        data = super().clean()
        current = PositionDescription.objects.filter(pk=self.instance.pk).values("lock_version", "status").first()
        if current is None:
            return data
        if current["status"] not in (DescriptionStatus.DRAFT, DescriptionStatus.RETURNED):
            raise ValidationError(_("Phiên bản này không còn là bản nháp nên không thể sửa."))
        seen = data.get("seen_lock_version")
        if seen is not None and seen != current["lock_version"]:
            raise ValidationError(
                _("Bản nháp vừa được người khác lưu sau khi bạn mở trang này: hãy tải lại trang để xem bản mới nhất.")
            )
        return data


@admin.register(PositionDescription)
class PositionDescriptionAdmin(FoldedSearchMixin, ScopedAuditlogHistoryMixin, ScopedAdminMixin, admin.ModelAdmin):
    form = DescriptionAdminForm
    list_display = ["position", "organization", "version", "status", "updated_at"]
    list_filter = ["status"]
    search_fields = ["position__code", "position__search_key"]
    list_select_related = ["position__organization"]
    readonly_fields = [
        "position",
        "version",
        "status",
        "content_preview",
        "created_by",
        "created_at",
        "updated_by",
        "updated_at",
        "submitted_by",
        "submitted_at",
        "decided_by",
        "decided_at",
        "return_comment",
        "copied_from",
    ]
    fieldsets = [
        (None, {"fields": ["position", "version", "status", "copied_from", "return_comment"]}),
        (
            gettext_lazy("Nội dung"),
            {
                "fields": [
                    "content_preview",
                    *PositionDescription.PROSE_FIELDS,
                    *PositionDescription.PLAIN_FIELDS,
                    "seen_lock_version",
                ]
            },
        ),
        (
            gettext_lazy("Quy trình"),
            {
                "fields": [
                    "created_by",
                    "created_at",
                    "updated_by",
                    "updated_at",
                    "submitted_by",
                    "submitted_at",
                    "decided_by",
                    "decided_at",
                ]
            },
        ),
    ]
    show_auditlog_history_link = True
    list_per_page = 50

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is not None and not self.has_change_permission(request, obj):
            # read-only view: the hidden lock field is not a model field
            return [
                (name, {**opts, "fields": [f for f in opts["fields"] if f != "seen_lock_version"]})
                for name, opts in fieldsets
            ]
        return fieldsets

    @admin.display(description=gettext_lazy("đơn vị"), ordering="position__organization__name")
    def organization(self, obj):
        return obj.position.organization

    @admin.display(description=gettext_lazy("nhiệm vụ và khung năng lực"))
    def content_preview(self, obj):
        return render_description_body(obj, *reports.description_content(obj))

    def has_add_permission(self, request):
        return False  # a description is started from its position in the portal

    def has_delete_permission(self, request, obj=None):
        return False  # every version is kept

    def has_change_permission(self, request, obj=None):
        if not super().has_change_permission(request, obj):
            return False
        return obj is None or obj.is_editable

    def save_model(self, request, obj, form, change):
        for name in rules.PROSE_FIELDS:
            setattr(obj, name, rules.sanitize_html(getattr(obj, name)))
        obj.lock_version += 1  # a portal editor who opened it before gets the conflict page
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)
