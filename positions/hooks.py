"""What positions adds to the pages of the layer below it (registered in PositionsConfig.ready):
the menu's "Phê duyệt" with the number waiting (approvers only), the home page's work queues (the
approval queue for approvers; the descriptions to work on for HR officers), the catalogue's card
on an organisation's page, and its reference data for the national admin's home page."""

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, pgettext_lazy

from portal.models import EDIT_ROLES, Role, scope_for
from portal.registry import (
    HubLink,
    HubSection,
    register_home_panel,
    register_menu_entry,
    register_org_section,
    register_reference_data,
)
from positions import reports
from positions.models import DescriptionStatus, FrameworkPosition, PositionGroup, Rank

APPROVALS_SHOWN = 5
WORK_SHOWN = 5


def approvals_panel(request):
    """Approvers: how many descriptions wait for their decision, the oldest few (one query more
    than the menu's count, which it shares)."""
    user = request.user
    if not reports.is_approver(user):
        return None
    waiting = reports.waiting_for_approval(user)
    oldest = list(reports.approval_queue(user)[:APPROVALS_SHOWN]) if waiting else []
    figure = {
        "label": ngettext("Đang chờ bạn phê duyệt", "Đang chờ bạn phê duyệt", waiting),
        "count": waiting,
        "url": reverse("positions:approval_queue"),
        "id": "home-approvals-count",
        "warn": True,
    }
    return "positions/_home_approvals.html", {"figures": [figure], "oldest": oldest}


def descriptions_panel(request):
    """HR officers: the positions of their scope by the status of their description (each count
    links to the catalogue search filtered by it), and the returned and draft ones to work on."""
    if not scope_for(request.user).holds(Role.HR_OFFICER):
        return None
    counts = reports.description_counts(request.user)
    url = reverse("positions:position_list")
    statuses = [*reports.WORK_STATUSES, reports.NO_DESCRIPTION]
    labels = dict(DescriptionStatus.choices) | {reports.NO_DESCRIPTION: _("Chưa có bản mô tả")}
    figures = [
        {
            "label": labels[s],
            "count": counts[s],
            "url": f"{url}?{urlencode({'status': s})}",
            "id": f"home-descriptions-{s}",
            "warn": s == DescriptionStatus.RETURNED,
        }
        for s in statuses
    ]
    to_do = list(reports.descriptions_to_work_on(request.user, WORK_SHOWN))
    return "positions/_home_descriptions.html", {"figures": figures, "to_do": to_do}


def org_section(request, org, summary):
    """The organisation's catalogue (with its number of positions), adding a position for those who
    edit it, the approval queue for those who approve what its units submit."""
    scope = scope_for(request.user)
    links = [
        HubLink(
            _("Danh mục vị trí việc làm"),
            reverse("positions:catalogue", args=[org.code]),
            figure=reports.position_count(org),
            id="hub-catalogue",
            icon="bi-list-ol",
        )
    ]
    if scope.covers(org.path, EDIT_ROLES):
        links.append(
            HubLink(_("Thêm vị trí"), reverse("positions:position_create", args=[org.code]), id="hub-position-add")
        )
    if summary.get("child_count") and scope.covers(org.path, {Role.ORG_ADMIN, Role.NATIONAL_ADMIN}):
        links.append(HubLink(_("Bản mô tả chờ phê duyệt"), reverse("positions:approval_queue"), id="hub-approvals"))
    return HubSection(_("Vị trí việc làm"), links, icon="bi-briefcase", id="hub-positions")


def register() -> None:
    register_menu_entry(
        pgettext_lazy("menu", "Phê duyệt"),
        "positions:approval_queue",
        "/positions/approvals/",
        visible=reports.is_approver,
        badge=reports.waiting_for_approval,
        badge_label=gettext_lazy("đang chờ"),
    )
    register_home_panel(approvals_panel, order=20)
    register_home_panel(descriptions_panel, order=30)
    register_org_section(org_section, order=10)
    for model in (PositionGroup, Rank, FrameworkPosition):
        register_reference_data(model, "legal_basis")
