"""The home page per role (issue 12): each role's work queues, every count equal to the length of
the filtered list it links to, nothing of another organisation's subtree, each panel once for a
person with several roles, the menu's "Phê duyệt" badge, and query counts that do not grow with
the units or the people."""

import datetime
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from imports.models import ImportJob, ImportStatus
from portal import registry
from portal.models import LegalDocument, OrgKind, Role
from positions.models import DescriptionStatus, PositionDescription, Rank
from staffing import rules
from staffing.models import AnnualRecord, Rating, StaffStatus
from tests.builders import add_role, make_description, make_org, make_position, make_rank, make_staff, make_user

HOME = "/"
PANELS = ("home-approvals", "home-descriptions", "home-missing", "home-imports", "home-users", "home-reference")


def html_of(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


def panels_in(html: str) -> list[str]:
    """The home panels shown, in page order (each ``<section id="home-…">``)."""
    return [p for p in re.findall(r'<section class="card[^"]*" id="(home-[a-z]+)"', html) if p in PANELS]


def figure(html: str, element_id: str) -> int:
    found = re.search(rf'id="{element_id}">([^<]*)<', html)
    assert found, element_id
    return int(re.sub(r"\D", "", found.group(1)))


def link_of(html: str, element_id: str) -> str:
    """The href of the link around the figure ``element_id``."""
    found = re.search(rf'href="([^"]+)" id="{element_id}-link"', html)
    assert found, element_id
    return found.group(1).replace("&amp;", "&")


def list_length(client, url: str) -> int:
    """The number of rows the list at ``url`` says it has (its paginator's count)."""
    response = client.get(url)
    assert response.status_code == 200, url
    return response.context["page"].paginator.count


def job(org, status, *, user=None, days_ago=0, kind="staff"):
    created = ImportJob.objects.create(
        kind=kind, organization=org, created_by=user, file_name=f"{status}.xlsx", file_sha256="0" * 64, status=status
    )
    if days_ago:
        ImportJob.objects.filter(pk=created.pk).update(created_at=timezone.now() - datetime.timedelta(days=days_ago))
    return created


# --------------------------------------------------------------------------- data


@pytest.fixture
def work(tree, people, staff):
    """Positions and descriptions in A's subtree (2 drafts, 1 returned, 1 submitted in A1 that
    admin_a approves, 1 approved, 1 without a description) and in B (1 draft, 1 returned); missing
    data on A's working people; import jobs in A's and B's scopes."""
    a = {
        "draft": make_description(make_position(tree.A, "A-D1", "Văn thư A")),
        "draft2": make_description(make_position(tree.A1, "A1-D2", "Lưu trữ A1")),
        "returned": make_description(
            make_position(tree.A1, "A1-R", "Kế toán A1"), status=DescriptionStatus.RETURNED, return_comment="Sửa"
        ),
        "submitted": make_description(make_position(tree.A1, "A1-S", "Thủ quỹ A1"), status=DescriptionStatus.SUBMITTED),
        "approved": make_description(make_position(tree.A2, "A2-OK", "Lái xe A2"), status=DescriptionStatus.APPROVED),
    }
    make_position(tree.A3, "A3-N", "Bảo vệ A3")  # no description yet
    b = {
        "draft": make_description(make_position(tree.B, "B-D", "Chuyên viên Sở Tài chính")),
        "returned": make_description(
            make_position(tree.B, "B-R", "Thanh tra Sở Tài chính"), status=DescriptionStatus.RETURNED
        ),
    }
    # A's working people: An, Bình (A), Dung, Em, Giang (A1); Cường (A) is retired.
    by_name = {s.full_name.split()[-1]: s for s in staff}
    rank = make_rank()
    year = rules.rating_year(timezone.localdate())
    for name in ("An", "Bình", "Dung"):
        by_name[name].rank = rank
        by_name[name].insurance_years = Decimal("12.5")
        by_name[name].save()
    AnnualRecord.objects.create(staff=by_name["An"], year=year, rating=Rating.GOOD)
    AnnualRecord.objects.create(staff=by_name["Bình"], year=year, rating=Rating.DONE)
    AnnualRecord.objects.create(staff=by_name["Dung"], year=year)  # a record without a rating
    AnnualRecord.objects.create(staff=by_name["Em"], year=year - 1, rating=Rating.GOOD)  # another year
    AnnualRecord.objects.create(staff=by_name["Cường"], year=year, rating=Rating.GOOD)  # retired
    jobs = {
        "ready": job(tree.A, ImportStatus.READY, user=people.admin_a),
        "queued": job(tree.A1, ImportStatus.QUEUED, user=people.admin_a),
        "uploaded": job(tree.A, ImportStatus.UPLOADED, user=people.admin_a),
        "rejected": job(tree.A1, ImportStatus.REJECTED, user=people.admin_a, days_ago=2),
        "failed_old": job(tree.A, ImportStatus.FAILED, user=people.admin_a, days_ago=45),
        "done": job(tree.A1, ImportStatus.DONE, user=people.admin_a),
        "b_failed": job(tree.B, ImportStatus.FAILED, days_ago=1),
    }
    return {"a": a, "b": b, "by_name": by_name, "jobs": jobs, "year": year}


# --------------------------------------------------------------------------- HR officer


def test_the_hr_officers_home_has_their_work_queues_only(login, work):
    html = html_of(login("hr_a").get(HOME))
    assert panels_in(html) == ["home-descriptions", "home-missing", "home-imports"]
    assert 'id="nav-positions-approval-queue"' not in html  # approving is not theirs
    assert reverse("imports:import_list") not in html  # nor are the import jobs' pages


def test_the_hr_officers_description_counts_equal_the_filtered_catalogue_search(login, work):
    client = login("hr_a")
    html = html_of(client.get(HOME))
    expected = {"returned": 1, "draft": 2, "submitted": 1, "none": 1}
    for status, count in expected.items():
        element = f"home-descriptions-{status}"
        assert figure(html, element) == count, status
        url = link_of(html, element)
        assert url == f"{reverse('positions:position_list')}?status={status}"
        assert list_length(client, url) == count, status


def test_the_hr_officer_gets_the_returned_and_draft_descriptions_to_edit(login, work):
    html = html_of(login("hr_a").get(HOME))
    todo = re.search(r'id="home-descriptions-todo">(.*?)</ul>', html, flags=re.S).group(1)
    links = re.findall(r'href="/positions/descriptions/(\d+)/edit/"', todo)
    a = work["a"]
    assert links[0] == str(a["returned"].pk)  # returned first
    assert set(links) == {str(a["returned"].pk), str(a["draft"].pk), str(a["draft2"].pk)}
    assert "Thủ quỹ A1" not in todo  # submitted: not theirs to edit now


def test_the_missing_data_counts_equal_the_filtered_staff_list(login, work):
    client = login("hr_a")
    html = html_of(client.get(HOME))
    # Working in A's subtree: An, Bình, Dung, Em, Giang. Rank and insurance: An, Bình, Dung have
    # them. Last year's rating: An and Bình (Dung's record has none; Em's is of another year).
    expected = {"rank": 2, "insurance": 2, "rating": 3}
    for kind, count in expected.items():
        element = f"home-missing-{kind}"
        assert figure(html, element) == count, kind
        url = link_of(html, element)
        assert url == f"{reverse('staffing:staff_list')}?missing={kind}"
        assert list_length(client, url) == count, kind
    year = work["year"]
    assert f"Chưa có xếp loại năm {year}" in html
    response = client.get(reverse("staffing:staff_list"), {"missing": "rating"})
    names = {s.full_name for s in response.context["page"]}
    assert names == {"Phạm Thị Dung", "Hoàng Văn Em", "Đặng Thị Giang"}


def test_the_staff_lists_missing_filter_is_allow_listed(login, work):
    client = login("hr_a")
    response = client.get(reverse("staffing:staff_list"), {"missing": "rank__isnull"})
    assert response.status_code == 200
    assert response.context["page"].paginator.count == 5  # the filter left out, every working person
    assert "missing" in response.context["form"].errors


def test_the_hr_officer_sees_the_latest_imports_of_their_units_without_links(login, work):
    html = html_of(login("hr_a").get(HOME))
    recent = re.search(r'id="home-imports-recent">(.*?)</ul>', html, flags=re.S).group(1)
    assert recent.count("<li") == 5  # the latest five of A's subtree (B's is not among them)
    assert "/imports/" not in recent


def test_hr_b_sees_nothing_of_org_a(login, work):
    client = login("hr_b")
    html = html_of(client.get(HOME))
    assert panels_in(html) == ["home-descriptions", "home-missing", "home-imports"]
    assert {s: figure(html, f"home-descriptions-{s}") for s in ("returned", "draft", "submitted", "none")} == {
        "returned": 1,
        "draft": 1,
        "submitted": 0,
        "none": 0,
    }
    assert figure(html, "home-missing-rank") == 1  # Hải, B's one working person
    for text in ("Văn thư A", "Kế toán A1", "Sở Nội vụ", "Phòng Tổ chức"):
        assert text not in html
    recent = re.search(r'id="home-imports-recent">(.*?)</ul>', html, flags=re.S).group(1)
    assert recent.count("<li") == 1 and "Sở Tài chính" in recent


# --------------------------------------------------------------------------- organisation admin


def test_the_org_admins_home_has_approvals_imports_and_users(login, work):
    html = html_of(login("admin_a").get(HOME))
    assert panels_in(html) == ["home-approvals", "home-imports", "home-users"]


def test_the_approval_count_equals_the_approval_queue(login, work):
    client = login("admin_a")
    html = html_of(client.get(HOME))
    assert figure(html, "home-approvals-count") == 1
    assert link_of(html, "home-approvals-count") == reverse("positions:approval_queue")
    assert list_length(client, reverse("positions:approval_queue")) == 1
    assert "Thủ quỹ A1" in re.search(r'id="home-approvals-oldest">(.*?)</ul>', html, flags=re.S).group(1)


def test_the_import_counts_equal_the_filtered_job_list(login, work):
    client = login("admin_a")
    html = html_of(client.get(HOME))
    # ready: 1; waiting or being processed: queued + uploaded; refused or failed in 30 days: the
    # rejected one (the failed one is 45 days old; B's is another scope).
    expected = {"ready": 1, "pending": 2, "failed": 1}
    for state, count in expected.items():
        element = f"home-imports-{state}"
        assert figure(html, element) == count, state
        url = link_of(html, element)
        assert url == f"{reverse('imports:import_list')}?state={state}"
        assert list_length(client, url) == count, state


def test_the_job_lists_state_filter_is_allow_listed(login, work):
    client = login("admin_a")
    everything = list_length(client, reverse("imports:import_list"))
    assert everything == 6
    assert list_length(client, reverse("imports:import_list") + "?state=status") == everything
    html = html_of(client.get(reverse("imports:import_list"), {"state": "failed"}))
    assert 'aria-current="page">Bị từ chối hoặc lỗi trong 30 ngày qua<' in html


def test_the_role_counts_equal_the_filtered_list_of_users_and_roles(login, tree, people, work):
    add_role(make_user("hr_a1"), Role.HR_OFFICER, tree.A1)
    add_role(make_user("hr_b2"), Role.HR_OFFICER, tree.B)  # not in admin_a's scope
    client = login("admin_a")
    html = html_of(client.get(HOME))
    expected = {Role.ORG_ADMIN: 1, Role.HR_OFFICER: 2, Role.MANAGER: 1}
    for role, count in expected.items():
        element = f"home-users-{role}"
        assert figure(html, element) == count, role
        url = link_of(html, element)
        assert list_length(client, url) == count, role
    assert 'id="home-users-national_admin"' not in html  # not a role an org admin grants
    assert list_length(client, reverse("portal:membership_list") + "?role=superuser") == 4  # ignored


# --------------------------------------------------------------------------- manager, national admin


def test_the_managers_home_is_the_dashboard_and_nothing_else(login, work):
    html = html_of(login("manager_a").get(HOME))
    assert panels_in(html) == []
    assert html.index('id="home-reductions"') < html.index('id="home-roles"')
    assert "rd-summary" in html or "Mở bảng điều khiển" in html
    assert 'id="nav-positions-approval-queue"' not in html


def test_the_national_admins_home_has_the_reference_data_with_its_legal_status(login, work):
    LegalDocument.objects.filter(code="ND135-2020").update(verified=False)
    html = html_of(login("national").get(HOME))
    assert panels_in(html) == ["home-approvals", "home-imports", "home-users", "home-reference"]
    assert "home-descriptions" not in html and "home-missing" not in html  # an HR officer's work
    # Every registered rule-set and reference-data model has its row, with its documents.
    for entry in registry.reference_data:
        opts = entry.model._meta
        assert f'id="home-ref-{opts.app_label}-{opts.model_name}"' in html, opts.model_name
    retirement = re.search(r'id="home-ref-staffing-retirementagerule">(.*?)</tr>', html, flags=re.S).group(1)
    assert 'data-code="ND135-2020"' in retirement and "cần kiểm tra" in retirement
    unverified = LegalDocument.objects.filter(verified=False).count()
    assert figure(html, "home-national-unverified") == unverified
    assert "ND135-2020" in re.search(r'id="home-national-unverified-list">(.*?)</ul>', html, flags=re.S).group(1)
    assert figure(html, "home-national-orgs") == 7  # the persona tree, all in operation
    assert link_of(html, "home-national-unverified").endswith("?verified__exact=0")


def test_reference_rows_without_a_legal_document_are_counted_and_flagged(login, work):
    make_rank()  # a rank without legal_basis (the seed leaves ranks so: no document yet)
    html = html_of(login("national").get(HOME))
    row = re.search(r'id="home-ref-positions-rank">(.*?)</tr>', html, flags=re.S).group(1)
    total = int(re.search(r'class="text-end ref-total">(\d+)<', row).group(1))
    assert total == Rank.objects.count()
    without = Rank.objects.filter(legal_basis__isnull=True).count()
    assert f'href="/admin/positions/rank/?legal_basis__isnull=True" class="badge text-bg-warning">{without}<' in row


def test_nobody_without_a_role_gets_no_panel(login, work):
    html = html_of(login("nobody").get(HOME))
    assert panels_in(html) == [] and 'id="home-reductions"' not in html
    assert "chưa được phân quyền" in html


# --------------------------------------------------------------------------- several roles


def test_a_person_with_several_roles_sees_each_panel_once_in_order(login, tree, people, work):
    add_role(people.hr_a, Role.ORG_ADMIN, tree.A)
    add_role(people.hr_a, Role.MANAGER, tree.A1)
    add_role(people.hr_a, Role.HR_OFFICER, tree.A1)  # a second HR role inside the first
    html = html_of(login("hr_a").get(HOME))
    assert panels_in(html) == [
        "home-approvals",
        "home-descriptions",
        "home-missing",
        "home-imports",
        "home-users",
    ]
    assert html.count('id="home-reductions"') == 1  # the manager's dashboard, first
    assert html.index('id="home-reductions"') < html.index('id="home-approvals"')


def test_the_home_figures_are_not_duplicated_and_link_where_they_count(login, tree, work):
    client = login("hr_a")
    html = html_of(client.get(HOME))
    assert "đơn vị trong phạm vi" not in html  # the same number under a second label is gone
    assert figure(html, "home-child-count") == 3
    assert figure(html, "home-staff-count") == 5
    staff_url = f"{reverse('staffing:staff_list')}?organization={tree.A.pk}"
    assert f'href="{staff_url}"' in html
    assert list_length(client, staff_url) == 5
    assert f'href="{tree.A.get_absolute_url()}#children"' in html


# --------------------------------------------------------------------------- the menu


def test_the_menu_shows_approvals_with_their_number_to_approvers_only(login, work):
    html = html_of(login("admin_a").get(reverse("portal:organization_list")))
    item = re.search(
        r'<a class="nav-link[^"]*" href="/positions/approvals/" id="nav-positions-approval-queue"[^>]*>(.*?)</a>',
        html,
        flags=re.S,
    )
    assert item, "Phê duyệt is in the menu"
    assert "Phê duyệt" in item.group(1)
    assert re.search(r'nav-badge">1<span class="visually-hidden"> đang chờ</span>', item.group(1))
    for who in ("hr_a", "manager_a", "hr_b"):
        assert 'id="nav-positions-approval-queue"' not in html_of(login(who).get(HOME)), who


def test_the_menu_badge_follows_the_queue(login, tree, work):
    make_description(make_position(tree.A2, "A2-S", "Tạp vụ A2"), status=DescriptionStatus.SUBMITTED)
    client = login("admin_a")
    assert re.search(r'nav-badge">2<', html_of(client.get(HOME)))
    assert list_length(client, reverse("positions:approval_queue")) == 2
    work["a"]["submitted"].status = DescriptionStatus.APPROVED
    work["a"]["submitted"].save()
    assert re.search(r'nav-badge">1<', html_of(client.get(HOME)))
    PositionDescription.objects.filter(status=DescriptionStatus.SUBMITTED).update(status=DescriptionStatus.RETURNED)
    html = html_of(client.get(HOME))
    assert 'id="nav-positions-approval-queue"' in html and "nav-badge" not in html  # no number when none waits


def test_the_approvals_entry_is_the_current_one_on_the_queue_page(login, work):
    html = html_of(login("admin_a").get(reverse("positions:approval_queue")))
    assert re.search(r'class="nav-link active" href="/positions/approvals/"', html)
    assert not re.search(r'class="nav-link active" href="/positions/"', html)


def test_the_badge_costs_one_query_and_only_for_approvers(login, work):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def description_queries(who):
        with CaptureQueriesContext(connection) as ctx:
            html_of(login(who).get(reverse("portal:organization_list")))
        return [q["sql"] for q in ctx.captured_queries if "positions_positiondescription" in q["sql"]]

    assert len(description_queries("admin_a")) == 1
    assert description_queries("hr_a") == []
    assert description_queries("manager_a") == []


# --------------------------------------------------------------------------- query counts


def grow(parent, units: int, people: int):
    """``units`` units under ``parent``, ``people`` working people spread over them with a draft
    description per unit, a returned one per two units, and an import job per unit."""
    made = [make_org(f"G.{parent.code}.{i:02d}", f"Tổ {i}", OrgKind.PHONG, parent=parent) for i in range(units)]
    for i, unit in enumerate(made):
        make_description(make_position(unit, f"G{i}", f"Vị trí {i}"))
        position = make_position(unit, f"R{i}", f"Vị trí trả lại {i}")
        if i % 2:
            make_description(position, status=DescriptionStatus.RETURNED)
        else:
            make_description(position, status=DescriptionStatus.SUBMITTED)
        job(unit, ImportStatus.DONE)
    for i in range(people):
        make_staff(made[i % units], f"Người số {i}")
    return made


SIZES = [(2, 3), (20, 30)]  # (units, people)

# The persona's home: its queries, the same for both sizes.
HOME_QUERIES = {
    # session, user, scope, home organisation, summary (units, working staff), memberships;
    # positions by description status, descriptions to work on, missing data (one aggregate of the
    # staff), latest imports; session save (3)
    "hr_a": lambda: 14,
    # session, user, scope, home organisation, summary (2), memberships; approvals waiting (the
    # menu's count, shared), the oldest waiting, import jobs by state, the latest jobs, roles
    # granted by role; session save (3)
    "admin_a": lambda: 15,
    # session, user, scope, home organisation (none), memberships; approvals waiting, the oldest,
    # import jobs by state, the latest jobs, roles granted, organisations in operation, legal
    # documents, one aggregate per registered rule-set or reference-data model; session save (3)
    "national": lambda: 15 + len(registry.reference_data),
}


@pytest.mark.parametrize(("units", "people_n"), SIZES)
@pytest.mark.parametrize("who", sorted(HOME_QUERIES))
def test_the_home_query_count_is_constant(login, tree, staff, django_assert_num_queries, who, units, people_n):
    grow(tree.A2, units, people_n)
    client = login(who)
    with django_assert_num_queries(HOME_QUERIES[who]()):
        html = html_of(client.get(HOME))
    if who == "hr_a":
        assert figure(html, "home-descriptions-draft") == units
        assert figure(html, "home-missing-rank") == 5 + people_n
    else:
        assert figure(html, "home-approvals-count") == (units + 1) // 2


# --------------------------------------------------------------------------- the registry


def test_home_panels_are_shown_by_order_then_registration_and_once(monkeypatch):
    monkeypatch.setattr(registry, "home_panels", [])

    def a(request):
        return None

    def b(request):
        return None

    def c(request):
        return None

    registry.register_home_panel(b, order=20)
    registry.register_home_panel(a, order=10)
    registry.register_home_panel(c, order=20, wide=True)
    registry.register_home_panel(a, order=99)  # a second registration is ignored
    assert [(p.render, p.order, p.wide) for p in registry.home_panels] == [
        (a, 10, False),
        (b, 20, False),
        (c, 20, True),
    ]


def test_the_rule_sets_are_registered_as_reference_data():
    from positions.models import FrameworkPosition, PositionGroup, Rank
    from staffing.models import BaseSalary, BenefitRegime, ReductionRuleSet, RetirementAgeRule, StreamliningRuleSet

    got = {entry.model: entry.legal_field for entry in registry.reference_data}
    for model in (ReductionRuleSet, RetirementAgeRule, BaseSalary, StreamliningRuleSet, BenefitRegime):
        assert got[model] == "legal_document", model
    assert got[PositionGroup] == got[Rank] == got[FrameworkPosition] == "legal_basis"


def test_rating_year_is_the_last_complete_year():
    assert rules.rating_year(datetime.date(2026, 1, 1)) == 2025
    assert rules.rating_year(datetime.date(2026, 12, 31)) == 2025


def test_retired_people_never_count_as_missing_data(login, tree, work):
    make_staff(tree.A, "Ngô Văn Hưu", status=StaffStatus.RETIRED)  # no rank, no insurance, no rating
    html = html_of(login("hr_a").get(HOME))
    assert figure(html, "home-missing-rank") == 2
