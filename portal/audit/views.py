"""The audit log page and its export: parse the filters, call the reports, render."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from portal.audit import exporting, reports
from portal.audit.forms import AuditFilterForm
from portal.exporting import XLSX_TYPE


def auditlog_list(request):
    if not reports.may_read(request.user):
        raise PermissionDenied
    form = AuditFilterForm(request.GET or None, user=request.user)
    filters = form.filters()
    page = reports.LogPaginator(reports.entries(request.user, filters), reports.PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    summary = reports.import_summary_entry(request.user, filters.import_job) if filters.import_job else None
    return render(
        request,
        "portal/auditlog_list.html",
        {
            "form": form,
            "page": page,
            "rows": reports.present(request.user, page.object_list),
            "import_row": reports.present(request.user, [summary])[0] if summary else None,
            "may_export": reports.may_export(request.user),
            "count_limit": reports.COUNT_LIMIT,
        },
    )


def auditlog_export(request):
    if not reports.may_export(request.user):
        raise PermissionDenied
    form = AuditFilterForm(request.GET or None, user=request.user)
    filters = form.filters()
    total = reports.entries(request.user, filters)[: reports.EXPORT_LIMIT + 1].count()
    lines = [
        _("Nhật ký thay đổi"),
        _("Xuất lúc %(time)s bởi %(user)s")
        % {
            "time": formats.date_format(timezone.localtime(), "SHORT_DATETIME_FORMAT"),
            "user": request.user.get_username(),
        },
        *_filter_lines(form),
    ]
    if total > reports.EXPORT_LIMIT:
        lines.append(
            _("Chỉ xuất %(limit)s mục mới nhất: hãy lọc theo ngày để xuất phần còn lại.")
            % {"limit": formats.number_format(reports.EXPORT_LIMIT, force_grouping=True)}
        )
    data = exporting.audit_xlsx(reports.export_rows(request.user, filters), lines=lines)
    response = HttpResponse(data, content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{exporting.audit_filename()}"'
    return response


def _filter_lines(form) -> list[str]:
    """The filters applied, as the export's title block says them."""
    if not form.is_bound:
        return [_("Không lọc.")]
    data = form.cleaned_data
    shown = []
    for name, field in form.fields.items():
        value = data.get(name)
        if name == "import_job" or value in (None, "", False):
            continue
        if name == "type":
            value = dict(field.choices).get(value, value)
        elif name == "org":
            value = f"{value.name} ({value.code})"
        elif name in ("date_from", "date_to"):
            value = value.strftime("%d/%m/%Y")
        elif name == "expand":
            value = _("Có")
        shown.append(f"{field.label}: {value}")
    if data.get("import_job"):
        shown.append(_("Lượt nhập: %(id)s") % {"id": data["import_job"]})
    return shown or [_("Không lọc.")]
