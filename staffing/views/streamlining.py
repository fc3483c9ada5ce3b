"""The streamlining candidate list (/reports/streamlining/): the live list of an organisation's
subtree for a review year (page, XLSX, A4 print), a person's decisions (case b, c, d, đ with a
note) and exclusion for the year, saving the list as a numbered snapshot, the saved lists (list,
page, XLSX, print) and the comparison of two. Thin: parse, call ``staffing.reports.candidates``
(the list), ``staffing.reports.streamlining`` (the other reads), ``staffing.snapshots`` (reading a
frozen list) or ``staffing.services`` (the writes), render.

Who: anyone with a role over the organisation reads (managers included); HR officers,
organisation admins and national admins of the subtree write (403 for the others: managers read
only). Every organisation, person, decision, exclusion and snapshot is looked up through
``for_user``: 404 outside the user's scope, on every URL. A year or date that cannot be used gives
the page with a message naming it, never a 500; a saved list is never changed or deleted: no URL
does either."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_POST, require_safe

from portal.models import EDIT_ROLES, scope_for
from staffing import services
from staffing.exporting import XLSX_TYPE
from staffing.forms import CandidateSnapshotForm, StreamliningDecisionForm, StreamliningExclusionForm, apply_errors
from staffing.reports import streamlining as reads
from staffing.reports.candidates import CandidateListError, candidate_list, parse_year, title, xlsx_filename
from staffing.reports.candidates_exports import candidates_xlsx
from staffing.snapshots import absent_codes, compare, list_view

PAGE, XLSX, PRINT = "page", "xlsx", "print"


def _can_edit(user, org) -> bool:
    return scope_for(user).covers(org.path, EDIT_ROLES)


def _require_edit(user, org) -> None:
    if not _can_edit(user, org):
        raise PermissionDenied


def _today() -> dt.date:
    return timezone.localdate()


def _year(raw, errors: list[str]) -> int:
    """The review year asked (default: this year); a bad one is named in ``errors``."""
    raw = (raw or "").strip() if isinstance(raw, str) else raw
    if not raw:
        return _today().year
    try:
        return parse_year(raw, label=_("Năm xét"))
    except CandidateListError as exc:
        errors.append(exc.message)
        return _today().year


def _as_of(raw, errors: list[str]) -> dt.date:
    raw = (raw or "").strip()
    if not raw:
        return _today()
    day = reads.parse_date(raw)
    if day is None:
        errors.append(
            _("Ngày tính “%(value)s” không hợp lệ: hãy nhập ngày dd/mm/yyyy, ví dụ %(example)s; đang dùng hôm nay.")
            % {"value": raw, "example": _today().strftime("%d/%m/%Y")}
        )
        return _today()
    return day


def _query(org, year, as_of=None) -> str:
    params = {"org": org.code, "year": year}
    if as_of is not None:
        params["as_of"] = as_of.isoformat()
    return urlencode(params)


def list_url(org, year, as_of=None) -> str:
    return f"{reverse('reports:streamlining')}?{_query(org, year, as_of)}"


def snapshots_url(org, year) -> str:
    return f"{reverse('reports:streamlining_snapshots')}?{urlencode({'org': org.code, 'year': year})}"


# --------------------------------------------------------------------------- the live list


def _load(request, source) -> dict:
    """The organisation (404 outside the scope), the year, the date and the list (None, with the
    message in ``error``, when it cannot be computed)."""
    org = reads.organization_for(request.user, source.get("org"))
    errors: list[str] = []
    year = _year(source.get("year"), errors)
    as_of = _as_of(source.get("as_of"), errors)
    context = {"org": org, "year": year, "as_of": as_of, "notices": errors, "error": "", "listing": None}
    context["as_of_given"] = bool((source.get("as_of") or "").strip()) and not errors
    try:
        context["listing"] = candidate_list(org=org, year=year, as_of=as_of)
    except CandidateListError as exc:
        context["error"] = exc.message
    listing = context["listing"]
    if listing is not None:
        context["view"] = list_view(listing.snapshot_data(), listing.snapshot_totals())
        context["notices"] = [*errors, *listing.notices]
    context["query"] = _query(org, year, as_of if context["as_of_given"] else None)
    context["can_edit"] = _can_edit(request.user, org)
    context["title"] = title(year)
    return context


@require_safe
def candidates(request, fmt=PAGE):
    context = _load(request, request.GET)
    view = context.get("view")
    if fmt == XLSX and view is not None:
        response = HttpResponse(candidates_xlsx(view.data, view.totals), content_type=XLSX_TYPE)
        filename = xlsx_filename(context["org"].code, context["year"])
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
    if fmt == PRINT and view is not None:
        return render(request, "staffing/streamlining/print.html", context)
    context["org_choices"] = reads.organization_choices(request.user)
    context["saved_count"] = reads.snapshot_count(context["org"], context["year"])
    context["save_form"] = CandidateSnapshotForm()
    status = 200 if fmt == PAGE or view is not None else 400
    return render(request, "staffing/streamlining/list.html", context, status=status)


@require_POST
def save(request):
    """Save the live list as the next numbered snapshot of the organisation and year."""
    org = reads.organization_for(request.user, request.POST.get("org"))
    _require_edit(request.user, org)
    errors: list[str] = []
    year = _year(request.POST.get("year"), errors)
    as_of = _as_of(request.POST.get("as_of"), errors)
    form = CandidateSnapshotForm(request.POST)
    if errors or not form.is_valid():
        for message in [*errors, *(e for es in form.errors.values() for e in es)]:
            messages.error(request, message)
        return redirect(list_url(org, year))
    try:
        snapshot = services.save_candidate_snapshot(
            user=request.user, org=org, year=year, as_of=as_of, note=form.cleaned_data["note"]
        )
    except (CandidateListError, ValidationError) as exc:
        messages.error(request, getattr(exc, "message", None) or "; ".join(exc.messages))
        return redirect(list_url(org, year))
    messages.success(
        request,
        _("Đã lưu danh sách số %(number)s năm %(year)s của %(org)s.")
        % {"number": snapshot.number, "year": year, "org": org.name},
    )
    return redirect("reports:streamlining_snapshot", pk=snapshot.pk)


# --------------------------------------------------------------------------- a person


def _person_context(request, staff, year, errors, *, decision_form=None, exclusion_form=None) -> dict:
    back_org = request.GET.get("org") or request.POST.get("org") or ""
    context = {
        "staff": staff,
        "year": year,
        "notices": errors,
        "decisions": reads.decisions_of(staff, year),
        "exclusion": reads.exclusion_of(staff, year),
        "can_edit": _can_edit(request.user, staff.organization),
        "back_org": back_org,
        "decision_form": decision_form or StreamliningDecisionForm(),
        "exclusion_form": exclusion_form or StreamliningExclusionForm(),
        "row": None,
        "error": "",
    }
    try:
        listing = candidate_list(org=staff.organization, year=year, as_of=_today())
    except CandidateListError as exc:
        context["error"] = exc.message
    else:
        view = list_view(listing.snapshot_data(), listing.snapshot_totals())
        context["row"] = next((r for r in view.rows if r.code == staff.employee_code), None)
        context["item_keys"] = view.item_keys
    org = reads.organization_for(request.user, back_org) if back_org else staff.organization
    context["back_url"] = list_url(org, year)
    return context


@require_safe
def person(request):
    """A person's place on the review year's list: the computed cases, the decisions and the
    exclusion, with the forms to change them (for those who may)."""
    staff = reads.person_for(request.user, request.GET.get("code"))
    errors: list[str] = []
    year = _year(request.GET.get("year"), errors)
    return render(request, "staffing/streamlining/person.html", _person_context(request, staff, year, errors))


def _person_redirect(staff, year, back_org: str):
    params = {"code": staff.employee_code, "year": year}
    if back_org:
        params["org"] = back_org
    return redirect(f"{reverse('reports:streamlining_person')}?{urlencode(params)}")


def _write(request, form_class, form_name, write, success):
    """The decision and exclusion POSTs: the person (404 outside the scope), the edit role (403),
    the form (errors shown on the person's page), the service."""
    staff = reads.person_for(request.user, request.POST.get("code"))
    _require_edit(request.user, staff.organization)
    errors: list[str] = []
    year = _year(request.POST.get("year"), errors)
    form = form_class(request.POST)
    if not errors and form.is_valid():
        try:
            write(staff=staff, year=year, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, success(staff, year, form.cleaned_data))
            return _person_redirect(staff, year, request.POST.get("org", ""))
    context = _person_context(request, staff, year, errors, **{form_name: form})
    return render(request, "staffing/streamlining/person.html", context)  # the form with its errors


@require_POST
def decide(request):
    return _write(
        request,
        StreamliningDecisionForm,
        "decision_form",
        lambda **kw: services.set_streamlining_decision(user=request.user, **kw),
        lambda staff, year, data: (
            _("Đã ghi trường hợp (%(case)s) năm %(year)s cho %(name)s.")
            % {"case": data["case"], "year": year, "name": staff.full_name}
        ),
    )


@require_POST
def exclude(request):
    return _write(
        request,
        StreamliningExclusionForm,
        "exclusion_form",
        lambda **kw: services.exclude_from_streamlining(user=request.user, **kw),
        lambda staff, year, data: (
            _("Đã ghi: không đưa %(name)s vào danh sách năm %(year)s.") % {"name": staff.full_name, "year": year}
        ),
    )


@require_POST
def decision_remove(request, pk):
    decision = reads.decision_for(request.user, pk)
    _require_edit(request.user, decision.staff.organization)
    services.remove_streamlining_decision(user=request.user, decision=decision)
    messages.success(
        request,
        _("Đã bỏ trường hợp (%(case)s) năm %(year)s của %(name)s.")
        % {"case": decision.case, "year": decision.year, "name": decision.staff.full_name},
    )
    return _person_redirect(decision.staff, decision.year, request.POST.get("org", ""))


@require_POST
def exclusion_undo(request, pk):
    exclusion = reads.exclusion_for(request.user, pk)
    _require_edit(request.user, exclusion.staff.organization)
    services.undo_streamlining_exclusion(user=request.user, exclusion=exclusion)
    messages.success(
        request,
        _("Đã đưa %(name)s trở lại danh sách năm %(year)s.")
        % {"name": exclusion.staff.full_name, "year": exclusion.year},
    )
    return _person_redirect(exclusion.staff, exclusion.year, request.POST.get("org", ""))


# --------------------------------------------------------------------------- saved lists


@require_safe
def snapshots(request):
    """The saved lists of an organisation (of a year, or every year), to open or compare."""
    org = reads.organization_for(request.user, request.GET.get("org"))
    errors: list[str] = []
    raw_year = (request.GET.get("year") or "").strip()
    year = None if raw_year == "all" else _year(raw_year, errors)
    rows = reads.snapshots_of(org, year)
    context = {
        "org": org,
        "year": year,
        "notices": errors,
        "snapshots": rows,
        "years": reads.snapshot_years(org),
        "org_choices": reads.organization_choices(request.user),
        "this_year": _today().year,
        "list_url": list_url(org, year or _today().year),
    }
    return render(request, "staffing/streamlining/snapshots.html", context)


def _heading(snapshot) -> list[str]:
    lines = [
        _("Danh sách đã lưu số %(number)s, lưu lúc %(when)s, người lưu: %(who)s.")
        % {
            "number": snapshot.number,
            "when": timezone.localtime(snapshot.created_at).strftime("%d/%m/%Y %H:%M"),
            "who": reads.user_label(snapshot.created_by),
        }
    ]
    if snapshot.note:
        lines.append(_("Ghi chú: %(note)s") % {"note": snapshot.note})
    return lines


@require_safe
def snapshot(request, pk, fmt=PAGE):
    saved = reads.snapshot_for(request.user, pk)
    view = list_view(saved.data, saved.totals)
    if fmt == XLSX:
        body = candidates_xlsx(saved.data, saved.totals, heading=_heading(saved))
        response = HttpResponse(body, content_type=XLSX_TYPE)
        filename = xlsx_filename(saved.organization.code, saved.year, saved.number)
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
    context = {
        "snapshot": saved,
        "org": saved.organization,
        "year": saved.year,
        "as_of": saved.as_of,
        "view": view,
        "title": title(saved.year),
        "heading": _heading(saved),
        "saved_by": reads.user_label(saved.created_by),
    }
    if fmt == PRINT:
        return render(request, "staffing/streamlining/print.html", context)
    context["previous"] = reads.previous_snapshot(saved)
    context["list_url"] = list_url(saved.organization, saved.year)
    context["saved_url"] = snapshots_url(saved.organization, saved.year)
    return render(request, "staffing/streamlining/snapshot.html", context)


@require_safe
def snapshot_compare(request):
    """Two saved lists of the same organisation (``a`` the earlier, ``b`` the later; given the
    other way round they are swapped): who was added, who dropped out and why, what changed."""
    pks = []
    for name in ("a", "b"):
        raw = (request.GET.get(name) or "").strip()
        pks.append(int(raw) if raw.isdigit() else None)
    if None in pks:
        org = reads.organization_for(request.user, request.GET.get("org"))
        messages.error(request, _("Hãy chọn hai danh sách đã lưu để so sánh (cột “Trước” và “Sau”)."))
        return redirect(f"{reverse('reports:streamlining_snapshots')}?{urlencode({'org': org.code})}")
    first, second = (reads.snapshot_for(request.user, pk) for pk in pks)
    if first.organization_id != second.organization_id:
        messages.error(
            request,
            _("Chỉ so sánh được hai danh sách của cùng một cơ quan, đơn vị: %(a)s và %(b)s khác nhau.")
            % {"a": first.organization.name, "b": second.organization.name},
        )
        url = reverse("reports:streamlining_snapshots")
        return redirect(f"{url}?{urlencode({'org': first.organization.code, 'year': 'all'})}")
    if (first.created_at, first.pk) > (second.created_at, second.pk):
        first, second = second, first
    comparison = compare(
        before=first.data,
        after=second.data,
        before_totals=first.totals,
        after_totals=second.totals,
        whereabouts=reads.whereabouts(first.organization, absent_codes(before=first.data, after=second.data)),
    )
    context = {
        "before": first,
        "after": second,
        "org": first.organization,
        "comparison": comparison,
        "pair": [(first, pgettext("comparison", "Trước")), (second, pgettext("comparison", "Sau"))],
        "sections": [
            (_("Được thêm vào danh sách"), comparison.added, "sl-added"),
            (_("Ra khỏi danh sách"), comparison.dropped, "sl-dropped"),
            (_("Thay đổi trường hợp, chính sách hoặc kinh phí"), comparison.changed, "sl-changed"),
        ],
        "saved_url": snapshots_url(first.organization, second.year if first.year == second.year else "all"),
    }
    return render(request, "staffing/streamlining/compare.html", context)
