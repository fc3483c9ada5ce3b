"""Vietnamese text: NFC storage and diacritic folding (portal/text.py, portal/fields.py)."""

import unicodedata

import pytest
from django.db import connection

from portal.models import Organization, OrgKind
from portal.text import changed_lines, fold, nfc
from tests.builders import make_org

NFC_NAME = "Sở Giáo dục và Đào tạo"
NFD_NAME = unicodedata.normalize("NFD", NFC_NAME)


def test_the_two_spellings_differ_as_code_points():
    assert NFD_NAME != NFC_NAME
    assert len(NFD_NAME) > len(NFC_NAME)


# --------------------------------------------------------------------------- nfc()


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (NFD_NAME, NFC_NAME),
        ("Sở\u00a0Nội\u00a0vụ", "Sở Nội vụ"),  # no-break spaces
        ("Sở\u200bNội vụ", "SởNội vụ"),  # zero-width space removed, not turned into a space
        ("\ufeffSở Nội vụ", "Sở Nội vụ"),  # byte-order mark from CSV exports
        ("Sở \u200d Nội\u2060 vụ", "Sở Nội vụ"),
        ("  Sở   Nội \t vụ \n", "Sở Nội vụ"),  # runs of spaces, tabs, line breaks; trimmed
        ("Sở\x00 Nội\x07 vụ", "Sở Nội vụ"),  # control characters
        ("Ph\u00adòng", "Phòng"),  # soft hyphen
        ("", ""),
    ],
)
def test_nfc(raw, expected):
    assert nfc(raw) == expected


def test_nfc_keeps_none():
    assert nfc(None) is None


def test_nfc_is_idempotent():
    assert nfc(nfc(NFD_NAME + "  x")) == nfc(NFD_NAME + "  x")


# --------------------------------------------------------------------------- fold()


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Sở Nội vụ", "so noi vu"),
        ("Đà Nẵng", "da nang"),
        ("ĐÀ NẴNG", "da nang"),
        ("đường", "duong"),
        ("Thừa Thiên Huế", "thua thien hue"),
        ("Bà Rịa – Vũng Tàu", "ba ria – vung tau"),
        (NFD_NAME, "so giao duc va dao tao"),
        ("Ỹ ỹ Ữ ữ Ặ ặ", "y y u u a a"),
        ("  Sở\u00a0 Nội vụ ", "so noi vu"),
        ("000.00.00.H30", "000.00.00.h30"),
        ("", ""),
        (None, ""),
    ],
)
def test_fold(raw, expected):
    assert fold(raw) == expected


def test_fold_same_for_nfc_and_nfd():
    assert fold(NFC_NAME) == fold(NFD_NAME)


# --------------------------------------------------------------------------- storage


def _raw_db_value(pk, column="name"):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM portal_organization WHERE id = %s", [pk])  # noqa: S608
        return cursor.fetchone()[0]


def test_nfd_name_is_stored_nfc(db):
    org = make_org("X1", NFD_NAME, OrgKind.SO)
    assert _raw_db_value(org.pk) == NFC_NAME
    assert org.name == NFC_NAME  # the instance too
    assert Organization.objects.get(pk=org.pk).name == NFC_NAME


def test_nfd_and_nfc_twins_are_equal_and_found_either_way(db):
    nfd = make_org("X1", NFD_NAME, OrgKind.SO)
    nfc_twin = make_org("X2", NFC_NAME, OrgKind.SO)
    assert Organization.objects.get(pk=nfd.pk).name == Organization.objects.get(pk=nfc_twin.pk).name
    assert set(Organization.objects.filter(name=NFD_NAME).values_list("code", flat=True)) == {"X1", "X2"}
    assert set(Organization.objects.filter(name=NFC_NAME).values_list("code", flat=True)) == {"X1", "X2"}


def test_spaces_and_invisibles_are_cleaned_on_save(db):
    org = make_org("X1", "  Sở\u00a0Nội\u200b  vụ ", OrgKind.SO, short_name="\ufeffSNV")
    assert _raw_db_value(org.pk) == "Sở Nội vụ"
    assert _raw_db_value(org.pk, "short_name") == "SNV"


def test_update_writes_nfc_too(db):
    make_org("X1", NFC_NAME, OrgKind.SO)
    Organization.objects.filter(code="X1").update(name=NFD_NAME)
    assert _raw_db_value(Organization.objects.get(code="X1").pk) == NFC_NAME


def test_full_clean_normalises_form_input(db):
    org = Organization(code="X1", name=NFD_NAME + "\u00a0 ", kind=OrgKind.SO)
    org.full_clean()
    assert org.name == NFC_NAME


def test_search_key_is_folded(db):
    org = make_org("X1", NFD_NAME, OrgKind.SO, short_name="SGDĐT", name_en="Department of Education")
    assert org.search_key == "so giao duc va dao tao sgddt department of education"


# --------------------------------------------------------------------------- the word diff


def test_changed_lines_keeps_only_the_lines_that_changed():
    left = "Lập kế hoạch\nTheo dõi\nBáo cáo quý"
    right = "Lập kế hoạch\nTheo dõi và đôn đốc\nBáo cáo quý\nLưu trữ hồ sơ"
    before, after, changed = changed_lines(left, right)
    assert changed
    assert before == "…\nTheo dõi\n…"
    assert after == "…\nTheo dõi<ins> và đôn đốc</ins>\n…\n<ins>Lưu trữ hồ sơ</ins>"


def test_changed_lines_of_a_removal_and_of_equal_texts():
    assert changed_lines("Một\nHai", "Một") == ("…\n<del>Hai</del>", "", True)
    assert changed_lines("<b>Một</b>", "<b>Một</b>") == ("&lt;b&gt;Một&lt;/b&gt;", "&lt;b&gt;Một&lt;/b&gt;", False)
    assert changed_lines("", "A <b>") == ("", "<ins>A &lt;b&gt;</ins>", True)
