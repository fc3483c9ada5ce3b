"""What staffing adds to the pages of the layers below it (registered in StaffingConfig.ready):
the working staff of each organisation's subtree on the organisation pages (the org counter
``staff_count``, labelled and linked to the staff list filtered by the organisation), the FTE
currently assigned per position in the positions catalogue ("Đã bố trí"), the incumbents-and-vacancy
panel of the position page, the home page's panels (the manager's reduction dashboard, the records
with missing data for HR officers), the staff and report cards of an organisation's page, the
rule sets for the national admin's home page, and the page the audit log links a person and their
records to."""

from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.models import EDIT_ROLES, Role, scope_for
from portal.registry import (
    HubLink,
    HubSection,
    register_audit_link,
    register_audit_owner,
    register_home_panel,
    register_org_counter,
    register_org_section,
    register_position_annotation,
    register_position_panel,
    register_reference_data,
)
from staffing import models, reports, rules
from staffing.forms import missing_data_choices
from staffing.models import (
    BaseSalary,
    BenefitRegime,
    MergeRuleSet,
    ReductionRuleSet,
    RetirementAgeRule,
    StreamliningRuleSet,
)


def position_panel(request, position):
    """The people currently holding ``position`` and its vacancy (people needed − FTE assigned)."""
    scope = scope_for(request.user)
    staffing = reports.position_staffing(position)
    for a in staffing.incumbents:
        a.staff_in_scope = scope.covers(a.staff.organization.path)
    return "staffing/_position_panel.html", {"position": position, "staffing": staffing}


def _staff_list_url(**params) -> str:
    url = reverse("staffing:staff_list")
    return f"{url}?{urlencode(params)}" if params else url


def staff_list_of(org) -> str:
    """The staff list filtered by the organisation (and its subtree): what ``staff_count`` counts."""
    return _staff_list_url(organization=org.pk)


def missing_data_panel(request):
    """HR officers: the working people of their scope whose record lacks a rank, the years of
    social insurance or last year's rating, each count linking to the staff list filtered so
    (one aggregate)."""
    if not scope_for(request.user).holds(Role.HR_OFFICER):
        return None
    year = rules.rating_year(timezone.localdate())
    counts = reports.missing_data_counts(request.user, year=year)
    labels = dict(missing_data_choices(year))
    figures = [
        {
            "label": labels[kind],
            "count": counts[kind],
            "url": _staff_list_url(missing=kind),
            "id": f"home-missing-{kind}",
            "warn": True,
        }
        for kind in rules.MISSING_DATA
    ]
    working = {"label": _("Người đang làm việc"), "count": counts["working"], "url": _staff_list_url(), "plain": True}
    return "staffing/_home_missing.html", {"figures": [working, *figures]}


def staff_section(request, org, summary):
    """The organisation's staff list and quotas (readable by every role of its scope); adding a
    person or a quota for those who edit."""
    links = [
        HubLink(_("Danh sách cán bộ"), staff_list_of(org), id="hub-staff", icon="bi-people"),
        HubLink(
            _("Biên chế được giao"),
            f"{reverse('staffing:quota_list')}?{urlencode({'organization': org.pk})}",
            id="hub-quotas",
            icon="bi-clipboard-data",
        ),
    ]
    if scope_for(request.user).covers(org.path, EDIT_ROLES):
        links.append(HubLink(_("Thêm cán bộ"), reverse("staffing:staff_create"), id="hub-staff-add"))
    return HubSection(_("Cán bộ, biên chế"), links, icon="bi-person-vcard", id="hub-staffing")


REPORTS = (
    ("reports:reductions", gettext_lazy("Tinh giản biên chế"), "bi-graph-down-arrow"),
    ("reports:retirement", gettext_lazy("Dự báo nghỉ hưu"), "bi-calendar2-week"),
    ("reports:quotas", gettext_lazy("Biên chế được giao so với thực có"), "bi-bar-chart-line"),
    ("reports:exits", gettext_lazy("Giảm biên chế theo lý do"), "bi-box-arrow-right"),
    ("reports:groups", gettext_lazy("Biên chế theo nhóm vị trí việc làm"), "bi-diagram-2"),
)


def reports_section(request, org, summary):
    """The report pages of the organisation's subtree (``?org=CODE``), readable by every role."""
    query = urlencode({"org": org.code})
    links = [
        HubLink(label, f"{reverse(name)}?{query}", id="hub-report-" + name.split(":")[1], icon=icon)
        for name, label, icon in REPORTS
    ]
    return HubSection(_("Báo cáo"), links, icon="bi-clipboard2-pulse", id="hub-reports")


def staff_url(staff) -> str:
    return staff.get_absolute_url()


def register() -> None:
    register_org_counter(
        "staff_count", reports.working_staff_by_path, label=gettext_lazy("Người đang làm việc"), link=staff_list_of
    )
    register_position_annotation("assigned_count", reports.assigned_fte_expression)
    register_position_panel(position_panel)
    register_home_panel(missing_data_panel, order=40)
    register_org_section(staff_section, order=20)
    register_org_section(reports_section, order=30)
    for model in (ReductionRuleSet, RetirementAgeRule, BaseSalary, StreamliningRuleSet, BenefitRegime, MergeRuleSet):
        register_reference_data(model, "legal_document")
    register_audit_link(models.Staff, staff_url)
    for model in (models.AnnualRecord, models.Assignment, models.StreamliningDecision, models.StreamliningExclusion):
        register_audit_link(model, lambda record: staff_url(record.staff), related=("staff",))  # the person's page
        register_audit_owner(model, "staff", models.Staff)  # get_additional_data: a deleted record stays placed
