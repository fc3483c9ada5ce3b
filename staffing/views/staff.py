"""Thin views of the staff pages: parse, call a report or a service, render. Every person and
quota is reached through ``for_user`` (404 outside the scope); writing needs an edit role over
the organisation concerned (403 otherwise: managers read only)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from portal.models import EDIT_ROLES, scope_for
from staffing import reports, services
from staffing.forms import (
    AnnualRecordFormSet,
    AssignmentForm,
    EndAssignmentForm,
    QuotaFilterForm,
    QuotaForm,
    StaffFilterForm,
    StaffForm,
    apply_errors,
)
from staffing.models import Quota
from staffing.quotas import may_grant_quota

PAGE_SIZE = 50


def _require(ok: bool):
    if not ok:
        raise PermissionDenied


def _can_edit(user, org) -> bool:
    return scope_for(user).covers(org.path, EDIT_ROLES)


# --------------------------------------------------------------------------- people


def staff_list(request):
    form = StaffFilterForm(request.GET or None, user=request.user)
    sort, descending = reports.parse_sort(request.GET.get("sort"))
    results = reports.staff_list(request.user, **form.filters(), sort=request.GET.get("sort", ""))
    page = Paginator(results, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "staffing/staff_list.html",
        {
            "form": form,
            "page": page,
            "sort": sort,
            "descending": descending,
            "can_create": scope_for(request.user).has_any(EDIT_ROLES),
        },
    )


def staff_detail(request, code):
    staff = reports.staff_for(request.user, code)
    assignments = reports.assignments_of(staff, request.user)
    can_edit = _can_edit(request.user, staff.organization)
    return render(
        request,
        "staffing/staff_detail.html",
        {
            "staff": staff,
            "assignments": assignments,
            "current_fte": reports.current_fte(assignments),
            "records": reports.annual_records_of(staff),
            "history": reports.history_of(staff, user=request.user, show_personal_id=can_edit),
            "can_edit": can_edit,
            "show_personal_id": can_edit,
        },
    )


def staff_create(request):
    _require(scope_for(request.user).has_any(EDIT_ROLES))
    form = StaffForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        staff = form.save()
        messages.success(request, _("Đã thêm cán bộ %(name)s.") % {"name": staff.full_name})
        return redirect("staffing:staff_detail", code=staff.employee_code)
    return render(request, "staffing/staff_form.html", {"form": form})


def staff_edit(request, code):
    staff = reports.staff_for(request.user, code)
    _require(_can_edit(request.user, staff.organization))
    form = StaffForm(request.POST or None, instance=staff, user=request.user)
    if request.method == "POST" and form.is_valid():
        staff = form.save()
        messages.success(request, _("Đã lưu thông tin cán bộ."))
        return redirect("staffing:staff_detail", code=staff.employee_code)
    return render(request, "staffing/staff_form.html", {"form": form, "staff": staff})


def staff_records(request, code):
    staff = reports.staff_for(request.user, code)
    _require(_can_edit(request.user, staff.organization))
    formset = AnnualRecordFormSet(request.POST or None, instance=staff, queryset=reports.annual_records_of(staff))
    if request.method == "POST" and formset.is_valid():
        with transaction.atomic():
            formset.save()
        messages.success(request, _("Đã lưu đánh giá và ngày nghỉ ốm theo năm."))
        return redirect("staffing:staff_detail", code=staff.employee_code)
    return render(request, "staffing/staff_records.html", {"staff": staff, "formset": formset})


# --------------------------------------------------------------------------- assignments


def assignment_create(request, code):
    staff = reports.staff_for(request.user, code)
    _require(_can_edit(request.user, staff.organization))
    form = AssignmentForm(request.POST or None, user=request.user, staff=staff)
    if request.method == "POST" and form.is_valid():
        try:
            services.assign_position(user=request.user, staff=staff, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Đã phân công vị trí việc làm."))
            return redirect("staffing:staff_detail", code=staff.employee_code)
    return render(request, "staffing/assignment_form.html", {"staff": staff, "form": form})


def assignment_end(request, code, pk):
    staff = reports.staff_for(request.user, code)
    _require(_can_edit(request.user, staff.organization))
    assignment = reports.assignment_for(staff, pk)
    form = EndAssignmentForm(request.POST or None, assignment=assignment)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Đã kết thúc phân công."))
        return redirect("staffing:staff_detail", code=staff.employee_code)
    return render(request, "staffing/assignment_end.html", {"staff": staff, "assignment": assignment, "form": form})


# --------------------------------------------------------------------------- quotas


def quota_list(request):
    form = QuotaFilterForm(request.GET or None, years=reports.quota_years(request.user), user=request.user)
    page = Paginator(reports.quota_list(request.user, **form.filters()), PAGE_SIZE).get_page(request.GET.get("page"))
    rows = reports.with_children_totals(page, request.user)
    can_create = scope_for(request.user).has_any(EDIT_ROLES)
    return render(
        request, "staffing/quota_list.html", {"form": form, "page": page, "rows": rows, "can_create": can_create}
    )


def quota_create(request):
    _require(scope_for(request.user).has_any(EDIT_ROLES))
    return _quota_form(request, Quota())


def quota_edit(request, pk):
    quota = reports.quota_for(request.user, pk)
    _require(may_grant_quota(scope_for(request.user), quota.organization))  # granted by the parent
    return _quota_form(request, quota)


def _quota_form(request, quota: Quota):
    form = QuotaForm(request.POST or None, instance=quota, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_quota(user=request.user, quota=form.instance)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Đã lưu biên chế được giao."))
            return redirect("staffing:quota_list")
    return render(request, "staffing/quota_form.html", {"form": form, "quota": quota if quota.pk else None})
