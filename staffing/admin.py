"""Django admin of staffing, scoped like every other screen (portal.admin.ScopedAdminMixin): rows,
foreign-key choices and search only reach the user's subtree."""

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from imports.admin import EngineImportExportMixin
from portal.admin import ScopedAdminMixin, ScopedAuditlogHistoryMixin
from portal.text import fold
from positions.models import Position
from staffing import reports, rules, services
from staffing.forms import GRANT_CHOICE_ERROR, QuotaNestingMixin, allowance_field, percent_field
from staffing.models import (
    AnnualRecord,
    Assignment,
    BaseSalary,
    BenefitParameter,
    BenefitRegime,
    CandidateSnapshot,
    MergeRuleSet,
    Quota,
    ReductionRuleSet,
    ReductionTarget,
    RetirementAgeRule,
    SickLeaveMaximum,
    Staff,
    StaffStatus,
    StreamliningDecision,
    StreamliningExclusion,
    StreamliningRuleSet,
)
from staffing.quotas import may_grant_quota


class ScopedRelationsMixin(ScopedAdminMixin):
    """Foreign keys to people and positions offer only those of the user's scope."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.related_model is Staff:
            kwargs["queryset"] = Staff.objects.for_user(request.user, self.admin_roles)
        elif db_field.related_model is Position:
            kwargs["queryset"] = Position.objects.for_user(request.user, self.admin_roles).select_related(
                "organization"
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class AnnualRecordInline(ScopedAdminMixin, admin.TabularInline):
    model = AnnualRecord
    extra = 0
    fields = ["year", "rating", "sick_days"]
    ordering = ["-year"]


class StaffAdminForm(forms.ModelForm):
    """The allowances with the limits and messages of the staff page's form (``staffing.rules``)."""

    leadership_allowance = allowance_field(gettext_lazy("hệ số phụ cấp chức vụ lãnh đạo"))
    other_allowance = allowance_field(gettext_lazy("hệ số phụ cấp khác"))
    seniority_percent = percent_field(gettext_lazy("phụ cấp thâm niên vượt khung (%)"))
    allowance_percent = percent_field(gettext_lazy("phụ cấp khác theo tỷ lệ (%)"))

    class Meta:
        model = Staff
        fields = [
            "employee_code",
            "personal_id",
            "full_name",
            "date_of_birth",
            "birth_year_only",
            "sex",
            "category",
            "organization",
            "rank",
            "salary_step",
            "salary_coefficient",
            "leadership_allowance",
            "other_allowance",
            "seniority_percent",
            "allowance_percent",
            "recruitment_date",
            "insurance_years",
            "training_level",
            "training_field",
            "heavy_work",
            "redundant",
            "deferral",
            "status",
            "exit_date",
        ]


class StaffAdmin(EngineImportExportMixin, ScopedAuditlogHistoryMixin, ScopedRelationsMixin, admin.ModelAdmin):
    form = StaffAdminForm
    list_display = ["employee_code", "full_name", "date_of_birth", "sex", "category", "organization", "status"]
    list_filter = ["status", "category", "sex", "training_level"]
    search_fields = ["employee_code", "search_key"]
    list_select_related = ["organization"]
    autocomplete_fields = ["organization"]
    readonly_fields = ["search_key"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "employee_code",
                    "personal_id",
                    "full_name",
                    "search_key",
                    "date_of_birth",
                    "birth_year_only",
                    "sex",
                ]
            },
        ),
        (
            gettext_lazy("Công tác"),
            {
                "fields": [
                    "category",
                    "organization",
                    "recruitment_date",
                    "insurance_years",
                    "heavy_work",
                    "redundant",
                    "deferral",
                    "status",
                    "exit_date",
                ]
            },
        ),
        (
            gettext_lazy("Lương và phụ cấp"),
            {
                "fields": [
                    "rank",
                    "salary_step",
                    "salary_coefficient",
                    "leadership_allowance",
                    "other_allowance",
                    "seniority_percent",
                    "allowance_percent",
                ]
            },
        ),
        (gettext_lazy("Đào tạo"), {"fields": ["training_level", "training_field"]}),
    ]
    inlines = [AnnualRecordInline]
    show_auditlog_history_link = True
    list_per_page = 50

    def get_search_results(self, request, queryset, search_term):
        # Names are matched on the folded key: "nguyen van" finds "Nguyễn Văn …".
        return super().get_search_results(request, queryset, fold(search_term) if search_term else search_term)


class AssignmentAdminForm(forms.ModelForm):
    """The FTE rule of ``services.assign_position`` for rows changed here: a person's FTE on any
    day of this assignment, this one included, is at most 1."""

    class Meta:
        model = Assignment
        fields = ["staff", "position", "kind", "fte", "start_date", "end_date"]

    def clean(self):
        data = super().clean()
        staff, start, fte = data.get("staff"), data.get("start_date"), data.get("fte")
        if staff and start and fte:
            used = reports.overlapping_fte(staff, start, data.get("end_date"), exclude_pk=self.instance.pk)
            if not rules.fte_fits(used, fte):
                raise ValidationError(
                    _("Tổng tỷ lệ thời gian của một người không được vượt quá 1 (đang có %(used)s).") % {"used": used}
                )
        return data


class AssignmentAdmin(ScopedAuditlogHistoryMixin, ScopedRelationsMixin, admin.ModelAdmin):
    form = AssignmentAdminForm
    list_display = ["staff", "position", "kind", "fte", "start_date", "end_date"]
    list_filter = ["kind"]
    search_fields = ["staff__employee_code", "staff__search_key", "position__code"]
    list_select_related = ["staff", "position"]
    autocomplete_fields = ["staff"]
    show_auditlog_history_link = True


class QuotaAdminForm(QuotaNestingMixin, forms.ModelForm):
    class Meta:
        model = Quota
        fields = [
            "organization",
            "year",
            "category",
            "assigned",
            "decision_number",
            "decision_date",
            "issuer",
            "legal_basis",
        ]


class QuotaAdmin(EngineImportExportMixin, ScopedAuditlogHistoryMixin, ScopedAdminMixin, admin.ModelAdmin):
    form = QuotaAdminForm
    list_display = ["organization", "year", "category", "assigned", "decision_number", "decision_date", "issuer"]
    list_filter = ["year", "category"]
    search_fields = ["organization__code", "organization__search_key", "decision_number"]
    list_select_related = ["organization"]
    autocomplete_fields = ["organization"]
    show_auditlog_history_link = True

    # Who grants (docs/rules.md §2): a quota of X is set by an admin of a proper ancestor of X.
    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        return type(form.__name__, (form,), {"user": request.user, "grant_roles": self.admin_roles})

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name == "organization":
            grantable = services.grantable_q(request.user, self.admin_roles)
            if grantable is not None:
                field.queryset = field.queryset.filter(grantable)
            field.error_messages["invalid_choice"] = GRANT_CHOICE_ERROR
        return field

    def _may_grant(self, request, obj) -> bool:
        return obj is None or may_grant_quota(self._scope(request), obj.organization, self.admin_roles)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._may_grant(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._may_grant(request, obj)

    def save_model(self, request, obj, form, change):
        services.save_quota(user=request.user, quota=obj, roles=self.admin_roles)  # the form ran the same checks

    def delete_model(self, request, obj):
        services.delete_quota(user=request.user, quota=obj, roles=self.admin_roles)

    def delete_queryset(self, request, queryset):
        """The bulk action deletes nothing when one of the quotas is not the user's to grant."""
        quotas = list(queryset.select_related("organization"))
        refused = [q for q in quotas if not self._may_grant(request, q)]
        if refused:
            raise PermissionDenied(services.grant_refused_message(refused[0].organization))
        for quota in quotas:
            services.delete_quota(user=request.user, quota=quota, roles=self.admin_roles)


admin.site.register(Staff, StaffAdmin)
admin.site.register(Assignment, AssignmentAdmin)
admin.site.register(Quota, QuotaAdmin)


# --------------------------------------------------------------------------- streamlining (issue 9)


class StreamliningAdminForm(forms.ModelForm):
    """What the service refuses, said on the form: only working staff are on a review year's list."""

    def clean(self):
        data = super().clean()
        staff = data.get("staff") if "staff" in self.fields else self.instance.staff
        if staff is not None and staff.status != StaffStatus.WORKING:
            raise ValidationError(
                _("%(name)s không còn đang làm việc (%(status)s): không xét tinh giản.")
                % {"name": staff.full_name, "status": staff.get_status_display()}
            )
        return data


class _StreamliningWriteAdmin(ScopedAuditlogHistoryMixin, ScopedRelationsMixin, admin.ModelAdmin):
    """Decisions and exclusions: the person, year (and case) fixed once recorded; the note or reason
    changed, the row added or removed through ``staffing.services`` (who and when set there)."""

    list_select_related = ["staff__organization"]
    search_fields = ["staff__employee_code", "staff__search_key"]
    autocomplete_fields = ["staff"]
    show_auditlog_history_link = True
    key_fields: tuple[str, ...] = ()

    def get_readonly_fields(self, request, obj=None):
        who = ["decided_by", "decided_at"] if self.model is StreamliningDecision else ["excluded_by", "excluded_at"]
        return [*(self.key_fields if obj else ()), *who]

    def get_search_results(self, request, queryset, search_term):
        return super().get_search_results(request, queryset, fold(search_term) if search_term else search_term)

    def get_form(self, request, obj=None, change=False, **kwargs):
        kwargs["form"] = StreamliningAdminForm
        return super().get_form(request, obj, change=change, **kwargs)


@admin.register(StreamliningDecision)
class StreamliningDecisionAdmin(_StreamliningWriteAdmin):
    list_display = ["staff", "organization", "year", "case", "note", "decided_by", "decided_at"]
    list_filter = ["year", "case"]
    fields = ["staff", "year", "case", "note", "decided_by", "decided_at"]
    key_fields = ("staff", "year", "case")

    @admin.display(description=gettext_lazy("đơn vị"), ordering="staff__organization__name")
    def organization(self, obj):
        return obj.staff.organization.name

    def save_model(self, request, obj, form, change):
        saved = services.set_streamlining_decision(
            user=request.user, staff=obj.staff, year=obj.year, case=obj.case, note=obj.note
        )
        obj.pk, obj.decided_by, obj.decided_at = saved.pk, saved.decided_by, saved.decided_at

    def delete_model(self, request, obj):
        services.remove_streamlining_decision(user=request.user, decision=obj)

    def delete_queryset(self, request, queryset):
        for decision in queryset.select_related("staff__organization"):
            services.remove_streamlining_decision(user=request.user, decision=decision)


@admin.register(StreamliningExclusion)
class StreamliningExclusionAdmin(_StreamliningWriteAdmin):
    list_display = ["staff", "organization", "year", "reason", "excluded_by", "excluded_at"]
    list_filter = ["year"]
    fields = ["staff", "year", "reason", "excluded_by", "excluded_at"]
    key_fields = ("staff", "year")

    @admin.display(description=gettext_lazy("đơn vị"), ordering="staff__organization__name")
    def organization(self, obj):
        return obj.staff.organization.name

    def save_model(self, request, obj, form, change):
        saved = services.exclude_from_streamlining(user=request.user, staff=obj.staff, year=obj.year, reason=obj.reason)
        obj.pk, obj.excluded_by, obj.excluded_at = saved.pk, saved.excluded_by, saved.excluded_at

    def delete_model(self, request, obj):
        services.undo_streamlining_exclusion(user=request.user, exclusion=obj)

    def delete_queryset(self, request, queryset):
        for exclusion in queryset.select_related("staff__organization"):
            services.undo_streamlining_exclusion(user=request.user, exclusion=exclusion)


@admin.register(CandidateSnapshot)
class CandidateSnapshotAdmin(ScopedAuditlogHistoryMixin, ScopedAdminMixin, admin.ModelAdmin):
    """Saved lists are read-only for everyone, national admins included: no add, change or delete
    (the model and its queryset refuse too); the frozen rows are read on the portal's page."""

    list_display = ["organization", "year", "number", "as_of", "rule_set_code", "created_by", "created_at"]
    list_filter = ["year"]
    list_select_related = ["organization", "created_by"]
    search_fields = ["organization__code", "organization__search_key"]
    fields = [
        "organization",
        "year",
        "number",
        "as_of",
        "rule_set_code",
        "benefit_rule_set_code",
        "base_salary",
        "created_by",
        "created_at",
        "note",
        "totals",
    ]
    readonly_fields = fields
    show_auditlog_history_link = True

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


# --------------------------------------------------------------------------- rule sets (national admins)


class ReductionTargetInline(ScopedAdminMixin, admin.TabularInline):
    national_only = True
    model = ReductionTarget
    extra = 0
    fields = ["category", "percent", "org_kinds", "predecessors_min", "predecessors_max", "note"]


@admin.register(ReductionRuleSet)
class ReductionRuleSetAdmin(ScopedAuditlogHistoryMixin, ScopedAdminMixin, admin.ModelAdmin):
    """Reduction rule sets: adding the next one (a new decision for 2027–2031) is data entry."""

    national_only = True
    list_display = ["code", "legal_number", "period_from", "period_to", "base_year", "binding", "verified"]
    list_select_related = ["legal_document"]
    list_filter = ["binding"]
    inlines = [ReductionTargetInline]
    show_auditlog_history_link = True

    @admin.display(description=gettext_lazy("mã"), ordering="legal_document__code")
    def code(self, obj):
        return obj.legal_document.code

    @admin.display(description=gettext_lazy("số, ký hiệu"))
    def legal_number(self, obj):
        return obj.legal_document.number

    @admin.display(description=gettext_lazy("đã đối chiếu văn bản"), boolean=True)
    def verified(self, obj):
        return obj.legal_document.verified


@admin.register(RetirementAgeRule)
class RetirementAgeRuleAdmin(ScopedAuditlogHistoryMixin, ScopedAdminMixin, admin.ModelAdmin):
    national_only = True
    list_display = ["legal_document", "sex", "base_years", "step_from", "months_per_year", "final_years"]
    list_select_related = ["legal_document"]
    show_auditlog_history_link = True


@admin.register(BaseSalary)
class BaseSalaryAdmin(ScopedAuditlogHistoryMixin, ScopedAdminMixin, admin.ModelAdmin):
    national_only = True
    list_display = ["amount", "effective_from", "effective_to", "legal_document"]
    list_select_related = ["legal_document"]
    show_auditlog_history_link = True


@admin.register(MergeRuleSet)
class MergeRuleSetAdmin(ScopedAuditlogHistoryMixin, ScopedAdminMixin, admin.ModelAdmin):
    """The merge rules (years to resolve the surplus, months a leader keeps the allowance): the
    scenarios use the one in force on their merge date."""

    national_only = True
    list_display = ["legal_document", "resolution_years", "leader_allowance_months", "verified"]
    list_select_related = ["legal_document"]
    show_auditlog_history_link = True


# --------------------------------------------------------------------------- streamlining rule sets (national admins)
# Decree 154/2025's review rules and the benefit regimes: every number is a row here; one not
# confirmed from the legal text has "đã đối chiếu văn bản" unticked and is shown as "cần kiểm tra".


class SickLeaveMaximumInline(ScopedAdminMixin, admin.TabularInline):
    national_only = True
    model = SickLeaveMaximum
    extra = 0
    fields = ["heavy_work", "insurance_years_min", "insurance_years_below", "max_days", "verified"]


@admin.register(StreamliningRuleSet)
class StreamliningRuleSetAdmin(ScopedAuditlogHistoryMixin, ScopedAdminMixin, admin.ModelAdmin):
    national_only = True
    list_display = ["code", "legal_number", "period_from", "period_to", "years_before", "benefit_regime", "verified"]
    list_select_related = ["legal_document", "benefit_regime__legal_document"]
    inlines = [SickLeaveMaximumInline]
    show_auditlog_history_link = True

    @admin.display(description=gettext_lazy("mã"), ordering="legal_document__code")
    def code(self, obj):
        return obj.legal_document.code

    @admin.display(description=gettext_lazy("số, ký hiệu"))
    def legal_number(self, obj):
        return obj.legal_document.number


class BenefitParameterInline(ScopedAdminMixin, admin.TabularInline):
    national_only = True
    model = BenefitParameter
    extra = 0
    fields = ["key", "value", "verified", "note"]


@admin.register(BenefitRegime)
class BenefitRegimeAdmin(ScopedAuditlogHistoryMixin, ScopedAdminMixin, admin.ModelAdmin):
    national_only = True
    list_display = [
        "code",
        "legal_number",
        "purpose",
        "formula",
        "effective_from",
        "effective_to",
        "verified",
        "unverified_parameters",
    ]
    list_select_related = ["legal_document"]
    list_filter = ["purpose", "verified"]
    inlines = [BenefitParameterInline]
    show_auditlog_history_link = True

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("parameters")

    @admin.display(description=gettext_lazy("mã"), ordering="legal_document__code")
    def code(self, obj):
        return obj.legal_document.code

    @admin.display(description=gettext_lazy("số, ký hiệu"))
    def legal_number(self, obj):
        return obj.legal_document.number

    @admin.display(description=gettext_lazy("tham số cần kiểm tra"))
    def unverified_parameters(self, obj):
        return sum(not p.verified for p in obj.parameters.all())
