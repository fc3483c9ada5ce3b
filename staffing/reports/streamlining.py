"""The streamlining pages' reads besides the list itself (``staffing.reports.candidates`` computes
the live list): the organisation a page is about, a person's decisions and exclusion for a review
year, the saved lists (snapshots) of an organisation and one by number, and where the people who
dropped out of a saved list are now. Everything a user reaches goes through ``for_user``: 404
outside the scope. Each function is a constant number of queries."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from portal.models import Organization, home_organization
from staffing.models import CandidateSnapshot, Staff, StaffStatus, StreamliningDecision, StreamliningExclusion

ORG_CHOICES_LIMIT = 500
SNAPSHOT_LIST_FIELDS = (
    "organization__code",
    "organization__name",
    "year",
    "number",
    "as_of",
    "rule_set_code",
    "benefit_rule_set_code",
    "base_salary",
    "created_by__username",
    "created_by__first_name",
    "created_by__last_name",
    "created_at",
    "note",
    "totals",
)


# --------------------------------------------------------------------------- organisations


def organization_for(user, code: str | None) -> Organization:
    """``code`` in the user's scope (404 otherwise, unknown included); without a code the user's
    home organisation, else their highest one; 404 for a user without any."""
    code = (code or "").strip()
    scoped = Organization.objects.for_user(user).select_related("parent")
    if code:
        return get_object_or_404(scoped, code=code)
    org = home_organization(user) or scoped.order_by("depth", "code").first()
    if org is None:
        raise Http404
    return org


def organization_choices(user) -> list[Organization]:
    """The organisations a list may be about (the scope, tree order, at most ORG_CHOICES_LIMIT)."""
    return list(Organization.objects.for_user(user).order_by("path").only("code", "name", "depth")[:ORG_CHOICES_LIMIT])


# --------------------------------------------------------------------------- a person


def person_for(user, code: str) -> Staff:
    """A person of the user's scope by employee code (404 outside it or unknown)."""
    qs = Staff.objects.for_user(user).select_related("organization", "rank")
    return get_object_or_404(qs, employee_code=(code or "").strip())


def decisions_of(staff: Staff, year: int) -> list[StreamliningDecision]:
    return list(StreamliningDecision.objects.filter(staff=staff, year=year).select_related("decided_by"))


def exclusion_of(staff: Staff, year: int) -> StreamliningExclusion | None:
    return StreamliningExclusion.objects.filter(staff=staff, year=year).select_related("excluded_by").first()


def decision_for(user, pk: int) -> StreamliningDecision:
    qs = StreamliningDecision.objects.for_user(user).select_related("staff__organization")
    return get_object_or_404(qs, pk=pk)


def exclusion_for(user, pk: int) -> StreamliningExclusion:
    qs = StreamliningExclusion.objects.for_user(user).select_related("staff__organization")
    return get_object_or_404(qs, pk=pk)


# --------------------------------------------------------------------------- snapshots


def snapshots_of(org: Organization, year: int | None) -> list[CandidateSnapshot]:
    """The saved lists of ``org`` (of ``year``, or every year), newest first, without their rows
    (``data`` is not read): one query."""
    qs = CandidateSnapshot.objects.filter(organization=org)
    if year is not None:
        qs = qs.filter(year=year)
    return list(
        qs.select_related("organization", "created_by").only(*SNAPSHOT_LIST_FIELDS).order_by("-year", "-number")
    )


def snapshot_years(org: Organization) -> dict[int, int]:
    """``{year: number of saved lists}`` of ``org``, newest year first: one query."""
    rows = CandidateSnapshot.objects.filter(organization=org).values("year").annotate(n=Count("pk")).order_by("-year")
    return {r["year"]: r["n"] for r in rows}


def snapshot_count(org: Organization, year: int) -> int:
    return CandidateSnapshot.objects.filter(organization=org, year=year).count()


def snapshot_for(user, pk: int) -> CandidateSnapshot:
    """A saved list of the user's scope, rows included (404 outside the scope or unknown)."""
    qs = CandidateSnapshot.objects.for_user(user).select_related("organization__parent", "created_by")
    return get_object_or_404(qs, pk=pk)


def previous_snapshot(snapshot: CandidateSnapshot) -> CandidateSnapshot | None:
    """The list saved just before ``snapshot`` for the same organisation and year (rows
    included), or None."""
    return (
        CandidateSnapshot.objects.filter(
            organization_id=snapshot.organization_id, year=snapshot.year, number__lt=snapshot.number
        )
        .select_related("organization", "created_by")
        .order_by("-number")
        .first()
    )


def whereabouts(org: Organization, codes: Iterable[str]) -> dict[str, str]:
    """Where the people ``codes`` of a list of ``org`` are now, said without naming anything
    outside ``org``'s subtree: left (status and date), moved out of ``org``, or still working
    there (then they are simply no longer under a case): one query."""
    codes = sorted(set(codes))
    if not codes:
        return {}
    found = {
        s.employee_code: s
        for s in Staff.objects.filter(employee_code__in=codes)
        .only("employee_code", "status", "exit_date", "organization__path")
        .select_related("organization")
    }
    out = {}
    for code in codes:
        s = found.get(code)
        if s is None:
            out[code] = _("Không còn trong dữ liệu cán bộ.")
        elif s.status != StaffStatus.WORKING:
            out[code] = _("Hiện nay: %(status)s%(since)s.") % {
                "status": s.get_status_display(),
                "since": (_(" từ ngày %(date)s") % {"date": s.exit_date.strftime("%d/%m/%Y")}) if s.exit_date else "",
            }
        elif not s.organization.path.startswith(org.path):
            out[code] = _("Đã chuyển ra khỏi %(org)s.") % {"org": org.name}
        else:
            out[code] = _("Không còn thuộc trường hợp nào (dữ liệu đã thay đổi).")
    return out


def user_label(user) -> str:
    """How a list shows who saved or decided: the full name, else the username."""
    if user is None:
        return "—"
    return user.get_full_name() or user.get_username()


def parse_date(raw: str | None) -> dt.date | None:
    """dd/mm/yyyy or yyyy-mm-dd; None for anything else."""
    raw = (raw or "").strip()
    for pattern in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(raw, pattern).date()
        except ValueError:
            continue
    return None
