"""The import templates (issue 12): drop-down lists of the downloading admin's own organisation,
position and rank codes on a hidden sheet, the sex offered as Nam / Nữ (what the sample row and the
exports write), a sample row with the admin's own codes, and worksheet names within Excel's 31
characters — which the importer does not care about (it reads the first sheet)."""

import io

import openpyxl
import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from imports.exporting import export_bytes
from imports.models import ImportJob, ImportStatus
from imports.registry import sheets
from imports.sheets import worksheet_title
from portal.models import Organization, Role
from tests.builders import logged_in_session, make_org, make_position, make_rank, make_user

pytestmark = pytest.mark.django_db

A, A1, A2, A3, B, P = (
    "000.00.01.H17",
    "000.01.01.H17",
    "000.02.01.H17",
    "000.03.01.H17",
    "000.00.02.H17",
    "000.00.00.H17",
)
CODES_SHEET = "Mã trong phạm vi của bạn"


@pytest.fixture
def catalogue(tree):
    """Positions: LD01 and VT01 in A (LD01 first in the catalogue), TC01 in A1, KT-B in B; a rank."""
    make_position(tree.A, "VT01", "Văn thư", order=2)
    make_position(tree.A, "LD01", "Giám đốc", order=1)
    make_position(tree.A1, "TC01", "Tổ chức")
    make_position(tree.B, "KT-B", "Kế toán")
    return make_rank("T01.003")


def admin_of_b(tree) -> Client:
    client = Client()
    client.cookies[settings.SESSION_COOKIE_NAME] = logged_in_session(make_user("admin_b", Role.ORG_ADMIN, tree.B))
    return client


def template(client, kind: str) -> openpyxl.Workbook:
    response = client.get(reverse("imports:import_template", args=[kind]))
    assert response.status_code == 200
    return openpyxl.load_workbook(io.BytesIO(response.content))


def lists_of(book) -> dict[str, list[str]]:
    """The hidden sheet's lists by header."""
    hidden = book[CODES_SHEET]
    assert hidden.sheet_state == "hidden"
    return {col[0].value: [c.value for c in col[1:] if c.value is not None] for col in hidden.iter_cols()}


def rules_of(sheet) -> dict[str, tuple[str, str]]:
    """``{range: (formula, error style)}`` of the data sheet's list validations."""
    return {str(r.sqref): (r.formula1, r.errorStyle) for r in sheet.data_validations.dataValidation}


def sample_row(sheet) -> dict:
    return {h.value: c.value for h, c in zip(sheet[1], sheet[2], strict=True)}


def test_the_staff_template_offers_the_admins_own_codes_and_nam_nu(login, tree, catalogue):
    book = template(login("admin_a"), "staff")
    data = book.worksheets[0]
    assert data.title == "Cán bộ, công chức, viên chức" and len(data.title) <= 31
    lists = lists_of(book)
    assert lists["Mã đơn vị"] == [A, A1, A2, A3]  # the admin's subtree, in tree order: not B, not P
    assert lists["Mã vị trí"] == ["LD01", "TC01", "VT01"]  # one plain list of the subtree's codes
    assert "T01.003" in lists["Mã ngạch"]
    headers = [c.value for c in data[1]]
    letter = {h: openpyxl.utils.get_column_letter(i) for i, h in enumerate(headers, start=1)}
    rules = rules_of(data)
    assert rules[f"{letter['Mã đơn vị']}2:{letter['Mã đơn vị']}1000"] == (f"='{CODES_SHEET}'!$A$2:$A$5", "stop")
    # a position code may be one the same session imports first: Excel warns, does not refuse
    assert rules[f"{letter['Mã vị trí']}2:{letter['Mã vị trí']}1000"] == (f"='{CODES_SHEET}'!$B$2:$B$4", "warning")
    assert rules[f"{letter['Mã ngạch']}2:{letter['Mã ngạch']}1000"][1] == "stop"
    sex_formula, _style = rules[f"{letter['Giới tính']}2:{letter['Giới tính']}1000"]
    sex_column = sex_formula.split("!$")[1].split("$")[0]
    assert [c.value for c in book["Danh mục"][sex_column] if c.value] == ["Giới tính", "Nam", "Nữ"]  # not M / F
    sample = sample_row(data)
    assert sample["Giới tính"] == "Nữ" and sample["Mã đơn vị"] == A
    assert sample["Mã vị trí"] == "LD01"  # a position of the sample's own unit (the first in its catalogue)
    assert sample["Mã ngạch"] in lists["Mã ngạch"]


def test_another_subtrees_admin_gets_none_of_its_codes(tree, catalogue):
    book = template(admin_of_b(tree), "staff")
    lists = lists_of(book)
    assert lists["Mã đơn vị"] == [B] and lists["Mã vị trí"] == ["KT-B"]
    shown = " ".join(str(c.value) for ws in book.worksheets for row in ws.iter_rows() for c in row if c.value)
    for code in (A, A1, A2, A3, P, "LD01", "VT01", "TC01"):
        assert code not in shown, code
    assert sample_row(book.worksheets[0])["Mã vị trí"] == "KT-B"


def test_a_scope_without_positions_leaves_a_placeholder(login, tree):
    book = template(login("admin_a"), "staff")
    assert "Mã vị trí" not in lists_of(book)  # no list without codes
    assert sample_row(book.worksheets[0])["Mã vị trí"] is None


@pytest.mark.parametrize(
    ("kind", "column", "sample"),
    [("organizations", "Mã đơn vị cấp trên", A), ("quotas", "Mã đơn vị", A1), ("positions", "Mã đơn vị", A)],
)
def test_every_organisation_code_column_lists_the_admins_units(login, tree, catalogue, kind, column, sample):
    book = template(login("admin_a"), kind)
    assert lists_of(book)[column] == [A, A1, A2, A3]
    row = sample_row(book.worksheets[0])
    assert row[column] == sample  # quotas: a unit below the admin's own, whose quota it grants
    assert not any(str(v).startswith(("000.00.02", "000.00.00")) for v in row.values() if v)


def test_every_worksheet_name_fits_excels_limit(login, tree):
    client = login("national")
    for sheet in sheets():
        book = template(client, sheet.kind)
        assert all(len(ws.title) <= 31 for ws in book.worksheets), sheet.kind
        assert book.worksheets[0].sheet_state == "visible" and book.worksheets[0].title == sheet.worksheet_name()
        exported = openpyxl.load_workbook(io.BytesIO(export_bytes(kind=sheet.kind, fmt="xlsx")))
        assert exported.worksheets[0].title == sheet.worksheet_name()
    assert worksheet_title("Danh sách cán bộ, công chức, viên chức") == "Danh sách cán bộ, công chức,"[:-1]
    assert worksheet_title("a/b: [c]?*") == "a b c"


def test_the_template_with_its_sample_row_imports_whatever_its_sheet_names(login, tree):
    client = login("admin_a")
    content = client.get(reverse("imports:import_template", args=["organizations"])).content
    response = client.post(
        reverse("imports:import_start"),
        {"kind": "organizations", "organization": tree.A.pk, "file": SimpleUploadedFile("mau.xlsx", content)},
    )
    job = ImportJob.objects.get(pk=response.url.rstrip("/").split("/")[-1])
    assert job.status == ImportStatus.READY and job.counts["created"] == 1, job.errors
    client.post(reverse("imports:import_confirm", args=[job.pk]))
    assert Organization.objects.get(code="DV-MOI-01").parent == tree.A


def test_the_template_queries_do_not_grow_with_the_codes(login, tree, catalogue, django_assert_num_queries):
    client = login("admin_a")
    url = reverse("imports:import_template", args=["staff"])
    client.get(url)  # warm-up (sessions, content types)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for i in range(30):
        make_org(f"X.{i:02d}", f"Tổ {i}", parent=tree.A1)
        make_position(tree.A2, f"P{i:02d}", f"Vị trí {i}")
    with django_assert_num_queries(len(few)):
        book = openpyxl.load_workbook(io.BytesIO(client.get(url).content))
    assert len(lists_of(book)["Mã đơn vị"]) == 34 and len(lists_of(book)["Mã vị trí"]) == 33
