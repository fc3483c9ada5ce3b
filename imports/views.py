"""The import/export screens (admins only): upload → preview → confirm → result, the job list,
templates, errors workbooks and exports. Thin views over the engine (``imports``) and
``imports.tasks``; jobs are looked up inside the user's admin scope (others answer 404)."""

import logging

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import DatabaseError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from imports import reports, tasks
from imports.engine import ERRORS_STORED
from imports.errors import ImportBusy, ImportFailure, RowError, UnknownKind
from imports.exporting import XLSX_TYPE, errors_xlsx, export_bytes, template_xlsx
from imports.forms import ExportForm, ImportForm, sheets_for
from imports.jobs import cancel_job, recover_stale_jobs
from imports.preview import PREVIEW_PAGE, preview_rows
from imports.registry import get_sheet, sheets
from portal.models import ADMIN_ROLES, scope_for

logger = logging.getLogger(__name__)

CONTENT_TYPES = {
    "xlsx": XLSX_TYPE,
    "csv": "text/csv; charset=utf-8",
}


def _require_admin(user):
    if not scope_for(user).has_any(ADMIN_ROLES):
        raise PermissionDenied


def _job(request, pk, **options):
    _require_admin(request.user)
    return get_object_or_404(reports.jobs_in_scope(request.user, **options), pk=pk)


def _download(content: bytes, file_name: str, fmt: str = "xlsx") -> HttpResponse:
    return HttpResponse(
        content,
        content_type=CONTENT_TYPES[fmt],
        headers={"Content-Disposition": content_disposition_header(True, file_name)},
    )


def _job_context(job, *, errors: bool = True) -> dict:
    try:
        title = get_sheet(job.kind).title
    except UnknownKind:
        title = job.kind
    stored = (job.errors or []) if errors else []
    return {
        "job": job,
        "kind_title": title,
        "bar": job.progress // 5 * 5,
        # rendered now, in the reader's language (the job stores msgids and parameters)
        "errors": [RowError.from_dict(e) for e in stored],
        "hidden_errors": max(job.error_count - len(stored), 0) if errors else 0,
        "errors_shown": ERRORS_STORED,
    }


def _preview_context(request, job) -> dict:
    """The page of the preview the reader asked for (``show``: the added or the changed rows;
    ``page``), from what the job stored: no validation, one query for the links."""
    stored = job.preview or {}
    if not stored or not (job.is_ready or job.is_done):
        return {}
    try:
        sheet = get_sheet(job.kind)
    except UnknownKind:
        return {}
    added, changed = stored.get("new") or [], stored.get("updated") or []
    show = request.GET.get("show")
    if show not in ("new", "updated"):
        show = "new" if added or not changed else "updated"
    entries = added if show == "new" else changed
    page = Paginator(entries, PREVIEW_PAGE).get_page(request.GET.get("page"))
    links = reports.record_links(request.user, sheet.model, [e["pk"] for e in page.object_list if e.get("pk")])
    total = (job.counts or {}).get("created" if show == "new" else "updated", 0)
    return {
        "preview": {
            "show": show,
            "page": page,
            "rows": preview_rows(sheet=sheet, entries=page.object_list, links=links),
            "key_label": sheet.key_label(sheet.key),
            "named": bool(sheet.name_column),
            "kept": len(entries),
            "more": max(total - len(entries), 0),
        }
    }


def import_list(request):
    _require_admin(request.user)
    recover_stale_jobs()  # dead jobs show as failed here too
    page = Paginator(reports.recent_jobs(request.user), 25).get_page(request.GET.get("page"))
    titles = {sheet.kind: sheet.title for sheet in sheets()}
    for job in page:
        job.kind_title = titles.get(job.kind, job.kind)
    return render(request, "imports/job_list.html", {"page": page})


def import_start(request, kind=None):
    """The upload form; ``kind`` fixes the kind (the Django admin's import of one model)."""
    _require_admin(request.user)
    initial = {"kind": kind or request.GET.get("kind"), "organization": request.GET.get("organization")}
    form = ImportForm(request.POST or None, request.FILES or None, user=request.user, initial=initial)
    if kind:
        form.fields["kind"].choices = [c for c in form.fields["kind"].choices if c[0] == kind]
    if request.method == "POST" and form.is_valid():
        data, upload = form.cleaned_data, form.cleaned_data["file"]
        try:
            job = tasks.start_import(
                kind=data["kind"],
                data=upload.read(),
                file_name=upload.name,
                scope_org=data["organization"],
                user=request.user,
            )
        except ImportFailure as exc:
            form.add_error(None, exc.message)
        except DatabaseError:  # e.g. the database's disk is full: logged, never shown raw
            logger.exception("storing an uploaded import file failed")
            form.add_error(
                None,
                _(
                    "Không lưu được tệp tải lên (cơ sở dữ liệu không ghi được): chưa có gì được ghi. Hãy thử lại sau"
                    " ít phút; nếu lỗi lặp lại, báo cho quản trị viên."
                ),
            )
        else:
            return redirect("imports:import_detail", job.pk)
    return render(request, "imports/start.html", {"form": form, "sheets": sheets_for(request.user)})


def import_detail(request, pk):
    recover_stale_jobs()  # a job whose process died shows as failed, with the re-run button
    job = _job(request, pk, with_preview=True)
    return render(request, "imports/job_detail.html", {**_job_context(job), **_preview_context(request, job)})


def import_status(request, pk):
    """The progress fragment the job page polls; once the job is no longer pending, htmx is
    sent to the job page (which then shows the preview or the result)."""
    recover_stale_jobs()
    job = _job(request, pk, with_errors=False)
    if not job.is_pending and request.headers.get("HX-Request"):
        return HttpResponse(status=204, headers={"HX-Redirect": reverse("imports:import_detail", args=[job.pk])})
    return render(request, "imports/_status.html", {**_job_context(job, errors=False), "fragment": True})


@require_POST
def import_confirm(request, pk):
    job = _job(request, pk, with_errors=False)
    try:
        tasks.start_confirm(job)
    except ImportBusy as exc:
        messages.error(request, exc.message)
    return redirect("imports:import_detail", job.pk)


@require_POST
def import_cancel(request, pk):
    """Stop a job that is not settled yet (admins of its scope): nothing is written."""
    job = _job(request, pk, with_errors=False)
    if not cancel_job(job, user=request.user):  # (when cancelled, the page says so)
        status = job.get_status_display()
        messages.info(request, _("Lượt nhập này đã kết thúc (%(status)s): không cần huỷ.") % {"status": status})
    return redirect("imports:import_detail", job.pk)


@require_POST
def import_rerun(request, pk):
    """Import a failed or cancelled job's stored file again: a new job, then its preview."""
    job = _job(request, pk, with_file=True, with_errors=False)
    try:
        new = tasks.rerun(job, user=request.user)
    except ImportFailure as exc:
        messages.error(request, exc.message)
        return redirect("imports:import_detail", job.pk)
    return redirect("imports:import_detail", new.pk)


def import_errors(request, pk):
    """Every error of a rejected job as the file's own rows plus an error column."""
    job = _job(request, pk, with_file=True)
    if not job.error_count:
        raise Http404
    content = errors_xlsx(data=bytes(job.file_content), file_name=job.file_name, errors=tasks.all_errors(job))
    stem = job.file_name.rsplit(".", 1)[0] or "tep"
    return _download(content, f"loi-{stem}.xlsx")


def import_template(request, kind):
    _require_admin(request.user)
    if kind not in {sheet.kind for sheet in sheets_for(request.user)}:
        raise Http404
    # the drop-down lists and the sample row hold the user's own codes (the subtrees they administer)
    content = template_xlsx(kind, prefixes=reports.admin_prefixes(request.user))
    return _download(content, f"mau-nhap-{kind}.xlsx")


def export(request):
    _require_admin(request.user)
    initial = {"kind": request.GET.get("kind"), "organization": request.GET.get("organization"), "format": "xlsx"}
    form = ExportForm(request.GET if "format" in request.GET else None, user=request.user, initial=initial)
    if form.is_bound and form.is_valid():
        kind, fmt, scope = form.cleaned_data["kind"], form.cleaned_data["format"], form.cleaned_data["organization"]
        try:
            content = export_bytes(kind=kind, fmt=fmt, scope_org=scope)
        except ImportFailure as exc:
            form.add_error(None, exc.message)
        else:
            where = scope.code if scope is not None else "toan-cong"
            return _download(content, f"{kind}-{where}-{timezone.localdate():%Y%m%d}.{fmt}", fmt)
    return render(request, "imports/export.html", {"form": form})
