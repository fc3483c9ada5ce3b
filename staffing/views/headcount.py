"""Thin views of the headcount reports: quota against actual (/reports/quotas/), exits by kind
(/reports/exits/) and the staffing report by job-position group (/reports/groups/), each as a page,
an XLSX workbook (``.xlsx``) and an A4 print (``print/``) of the same report function in
``staffing.reports.headcount``. The organisation (``?org=CODE``, default the user's own) is
looked up within the user's scope: 404 outside it, for every format. A bad parameter never gives a
500: the page shows a message naming the value and what is allowed and uses the default; an
export or print asked with one sends the user to the page that says so."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.models import scope_for
from staffing import rules
from staffing.exporting import XLSX_TYPE, workbook
from staffing.models import QuotaCategory
from staffing.reports import headcount, headcount_exports

PAGE, XLSX, PRINT = "page", "xlsx", "print"
DATE_FORMATS = ("%d/%m/%Y", "%Y-%m-%d")
MAX_PERIOD_YEARS = 30


@dataclass
class Params:
    """The report parameters of a query string, checked; ``errors`` says what was refused."""

    org: str = ""
    as_of: dt.date = field(default_factory=timezone.localdate)
    year: int | None = None
    year_from: int | None = None
    year_to: int | None = None
    category: str = ""
    errors: list[str] = field(default_factory=list)


def _year(get, name: str, label: str, errors: list[str]) -> int | None:
    raw = (get.get(name) or "").strip()
    if not raw:
        return None
    if raw.isdigit() and rules.YEAR_MIN <= int(raw) <= rules.YEAR_MAX:
        return int(raw)
    errors.append(
        _("%(label)s “%(value)s” không hợp lệ: hãy nhập một năm từ %(min)s đến %(max)s.")
        % {"label": label, "value": raw, "min": rules.YEAR_MIN, "max": rules.YEAR_MAX}
    )
    return None


def _date(raw: str) -> dt.date | None:
    for pattern in DATE_FORMATS:
        try:
            day = dt.datetime.strptime(raw, pattern).date()
        except ValueError:
            continue
        return day if rules.YEAR_MIN <= day.year <= rules.YEAR_MAX else None
    return None


def parse(get) -> Params:
    p = Params(org=(get.get("org") or "").strip())
    raw = (get.get("as_of") or "").strip()
    if raw:
        day = _date(raw)
        if day is None:
            p.errors.append(
                _(
                    "Ngày báo cáo “%(value)s” không hợp lệ: hãy nhập ngày dd/mm/yyyy (ví dụ %(example)s) "
                    "trong các năm %(min)s–%(max)s; đang dùng ngày %(today)s."
                )
                % {
                    "value": raw,
                    "example": headcount.fmt_date(p.as_of),
                    "min": rules.YEAR_MIN,
                    "max": rules.YEAR_MAX,
                    "today": headcount.fmt_date(p.as_of),
                }
            )
        else:
            p.as_of = day
    p.year = _year(get, "year", _("Năm biên chế"), p.errors)
    p.year_from = _year(get, "from", _("Năm bắt đầu"), p.errors)
    p.year_to = _year(get, "to", _("Năm kết thúc"), p.errors)
    if p.year_from and p.year_to and p.year_from > p.year_to:
        p.errors.append(
            _("Năm bắt đầu %(start)s sau năm kết thúc %(end)s: hãy chọn năm bắt đầu không sau năm kết thúc.")
            % {"start": p.year_from, "end": p.year_to}
        )
        p.year_from = p.year_to = None
    elif p.year_from and p.year_to and p.year_to - p.year_from + 1 > MAX_PERIOD_YEARS:
        p.errors.append(
            _("Giai đoạn %(start)s–%(end)s dài quá %(max)s năm: hãy chọn giai đoạn ngắn hơn.")
            % {"start": p.year_from, "end": p.year_to, "max": MAX_PERIOD_YEARS}
        )
        p.year_from = p.year_to = None
    category = (get.get("category") or "").strip()
    if category and category not in QuotaCategory.values:
        p.errors.append(
            _("Loại biên chế “%(value)s” không có; chọn một trong: %(known)s, hoặc để trống (tất cả các loại).")
            % {"value": category, "known": ", ".join(QuotaCategory.values)}
        )
    elif category:
        p.category = category
    return p


def _parent_in_scope(user, org):
    return org.parent if org.parent and scope_for(user).covers(org.parent.path) else None


def _respond(request, fmt, name, params, report, sheets, **context):
    if fmt == XLSX:
        response = HttpResponse(workbook(sheets(report)), content_type=XLSX_TYPE)
        response["Content-Disposition"] = f'attachment; filename="{headcount.filename(name, report)}"'
        return response
    context |= {"report": report, "org": report.org, "notices": [*params.errors, *report.messages]}
    context |= {"up": _parent_in_scope(request.user, report.org), "categories": QuotaCategory.choices}
    template = f"staffing/reports/{name}_print.html" if fmt == PRINT else f"staffing/reports/{name}.html"
    return render(request, template, context)


def _start(request, name, fmt):
    """``(params, organisation, redirect)``: 404 outside the scope first; an export or print
    asked with a bad parameter goes to the page, which names it."""
    params = parse(request.GET)
    org = headcount.report_organization(request.user, params.org)
    back = None
    if params.errors and fmt != PAGE:
        back = redirect(f"{reverse('reports:' + name)}?{request.GET.urlencode()}")
    return params, org, back


def quotas(request, fmt=PAGE):
    params, org, back = _start(request, "quotas", fmt)
    if back:
        return back
    report = headcount.quota_vs_actual(org=org, as_of=params.as_of, year=params.year, category=params.category)
    chart = headcount.quota_chart(report) if fmt == PAGE else None
    return _respond(
        request,
        fmt,
        "quotas",
        params,
        report,
        headcount_exports.quota_sheets,
        chart=chart,
        chart_size=headcount.chart_size(report),
    )


def exits(request, fmt=PAGE):
    params, org, back = _start(request, "exits", fmt)
    if back:
        return back
    report = headcount.exits_by_kind(
        org=org, as_of=params.as_of, year_from=params.year_from, year_to=params.year_to, category=params.category
    )
    return _respond(request, fmt, "exits", params, report, headcount_exports.exit_sheets)


def groups(request, fmt=PAGE):
    params, org, back = _start(request, "groups", fmt)
    if back:
        return back
    report = headcount.staffing_by_group(org=org, as_of=params.as_of, year=params.year, category=params.category)
    return _respond(request, fmt, "groups", params, report, headcount_exports.group_sheets)
