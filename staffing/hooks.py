"""What staffing adds to the pages of the layers below it (registered in StaffingConfig.ready):
the working staff of each organisation's subtree on the organisation pages (the org counter
``staff_count``), the FTE currently assigned per position in the positions catalogue ("Đã bố
trí"), the incumbents-and-vacancy panel of the position page, and the page the audit log links
a person and their records to."""

from django.urls import reverse

from portal.models import scope_for
from portal.registry import (
    register_audit_link,
    register_audit_owner,
    register_org_counter,
    register_position_annotation,
    register_position_panel,
)
from staffing import models, reports


def position_panel(request, position):
    """The people currently holding ``position`` and its vacancy (people needed − FTE assigned)."""
    scope = scope_for(request.user)
    staffing = reports.position_staffing(position)
    for a in staffing.incumbents:
        a.staff_in_scope = scope.covers(a.staff.organization.path)
    return "staffing/_position_panel.html", {"position": position, "staffing": staffing}


def staff_url(staff) -> str:
    return reverse("staffing:staff_detail", args=[staff.employee_code])


def register() -> None:
    register_org_counter("staff_count", reports.working_staff_by_path)
    register_position_annotation("assigned_count", reports.assigned_fte_expression)
    register_position_panel(position_panel)
    register_audit_link(models.Staff, staff_url)
    for model in (models.AnnualRecord, models.Assignment, models.StreamliningDecision, models.StreamliningExclusion):
        register_audit_link(model, lambda record: staff_url(record.staff), related=("staff",))  # the person's page
        register_audit_owner(model, "staff", models.Staff)  # get_additional_data: a deleted record stays placed
