"""Value parsers and cell normalisation of the import engine (no database)."""

import datetime as dt
import unicodedata
from decimal import Decimal

import pytest
from django.utils import timezone

from imports.values import (
    Choice,
    Code,
    CodeList,
    Date,
    Integer,
    Invalid,
    Number,
    Text,
    YearOnly,
    YesNo,
    clean_cell,
    clean_row,
    clean_text,
    escape_formula,
)
from portal.models import OrgKind
from portal.text import nfc

ORG_CODE = Code(r"^[0-9A-Z.\-]{1,35}$", "mã")
ADMIN = Code(r"^(\d{2}|\d{5})$", "2 hoặc 5 chữ số")


def message(parser, value) -> str:
    with pytest.raises(Invalid) as info:
        parser(value)
    return info.value.message


# --------------------------------------------------------------------------- cells


@pytest.mark.parametrize(
    "raw",
    [
        "Sở Nội vụ",
        "  Sở   Nội vụ ",
        "Sở\u00a0Nội\u200bvụ",
        "\ufeffSở Nội\u00advụ",
        "Sở\x00 Nội\x07 vụ",
        "Sở\tNội\nvụ",
        unicodedata.normalize("NFD", "Sở Nội vụ"),
        "abc",
        "A  B",
        "",
        " ",
    ],
)
def test_clean_text_is_portal_nfc(raw):
    assert clean_text(raw) == nfc(raw)


def test_clean_cell_strips_invisible_and_control_characters_and_stores_nfc():
    assert clean_cell(unicodedata.normalize("NFD", "Phường Hải Châu")) == "Phường Hải Châu"
    assert clean_cell("Sở\u00a0Nội\u200b vụ") == "Sở Nội vụ"
    assert clean_cell("A\x00B\x1fC") == "ABC"
    assert clean_cell("   ") == ""
    assert clean_cell(None) == ""
    assert clean_cell(12.0) == 12.0


@pytest.mark.parametrize(
    "cells",
    [
        ["A", "Sở Nội vụ", "", "01/07/2025"],
        ["A", " B"],
        ["A ", "B"],
        ["'=x", "B"],
        ["A", "'=x"],
        ["A", "x  y"],
        ["A", "x\u00a0y"],
        ["A", "x\u200by"],
        ["A", unicodedata.normalize("NFD", "Phường")],
        ["A", "\u0301x"],
        ["a¦ b", "c"],
        ["a ¦", " b"],
        ["A", 12.0, None],
        ["", "", ""],
        # rows of an XLSX: text among numbers, dates and empty cells
        ["A ", 12.0, None],
        [None, "x  y", dt.date(2020, 1, 2)],
        [None, "'=x", 3],
        [unicodedata.normalize("NFD", "Phường"), 1.5, True],
        ["x\u200by", None],
        [None, None, dt.datetime(2020, 1, 2, 3, 4)],
    ],
)
def test_clean_row_equals_cleaning_each_cell(cells):
    assert clean_row(list(cells)) == [clean_cell(c) for c in cells]


@pytest.mark.parametrize(
    "stored",
    ["=1+2", "+84", "-5", "@SUM(A1)", "'=x", "''=x", "'abc", "plain", "a=b", "=cmd|' /C calc'!A0"],
)
def test_formula_escape_round_trips_exactly(stored):
    exported = escape_formula(stored)
    assert not exported.startswith(("=", "+", "-", "@"))
    assert clean_cell(exported) == stored


def test_escape_formula_only_touches_formula_like_text():
    assert escape_formula("=1+2") == "'=1+2"
    assert escape_formula("Sở Nội vụ") == "Sở Nội vụ"
    assert escape_formula("'abc") == "'abc"


# --------------------------------------------------------------------------- codes


def test_code_keeps_text_and_leading_zeros():
    assert ADMIN("01") == "01"
    assert ORG_CODE("000.00.00.H17") == "000.00.00.H17"


@pytest.mark.parametrize("value", ["1090012345.0", "1.2E+11", "1.2e11", 1090012345.0, 120000000000.0, 48.0, 48])
def test_mangled_numbers_are_errors_not_guesses(value):
    text = message(ORG_CODE, value)
    assert "Excel" in text and "Văn bản" in text


def test_code_pattern_error_names_value_and_rule():
    text = message(ADMIN, "123")
    assert "“123”" in text and "2 hoặc 5 chữ số" in text
    assert "a_b" in message(ORG_CODE, "a_b")


def test_code_list_splits_on_semicolons():
    parser = CodeList(ORG_CODE)
    assert parser("A1; B2;;A1") == ("A1", "B2")
    assert parser.to_cell(("A1", "B2")) == "A1;B2"
    with pytest.raises(Invalid):
        parser("A1;b 2")


# --------------------------------------------------------------------------- dates


@pytest.mark.parametrize(
    "value",
    ["25/03/1990", "25-03-1990", "25.03.1990", "1990-03-25", "1990-03-25 00:00:00", 32957, 32957.0, "32957"],
)
def test_dates_accepted(value):
    assert Date()(value) == dt.date(1990, 3, 25)


def test_real_excel_dates_accepted():
    assert Date()(dt.date(1990, 3, 25)) == dt.date(1990, 3, 25)
    assert Date()(dt.datetime(1990, 3, 25, 0, 0)) == dt.date(1990, 3, 25)


def test_month_day_order_is_an_error():
    text = message(Date(), "03/25/1990")
    assert "03/25/1990" in text and "dd/mm/yyyy" in text


@pytest.mark.parametrize("value", ["31/02/2020", "2021-02-29", "00/01/2020"])
def test_impossible_dates(value):
    assert value in message(Date(), value)


def test_future_dates_are_errors_unless_the_column_allows_some():
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    assert "tương lai" in message(Date(), tomorrow.strftime("%d/%m/%Y"))
    assert Date(max_future_days=30)(tomorrow) == tomorrow
    assert "tương lai" in message(Date(max_future_days=30), "01/01/2999")


def test_dates_before_1900_and_nonsense():
    assert "1900" in message(Date(), "01/01/1899")
    assert "không phải là ngày" in message(Date(), "hôm qua")
    assert "không phải là ngày" in message(Date(), dt.time(10, 0))


def test_year_alone_only_where_allowed():
    parsed = Date(year_only=True)("1961")
    assert isinstance(parsed, YearOnly) and parsed == dt.date(1961, 1, 1)
    assert Date(year_only=True)(1961.0) == dt.date(1961, 1, 1)
    assert Date(year_only=True).to_cell(parsed) == "1961"
    assert "chỉ có năm" in message(Date(), "1961")
    assert "chỉ có năm" in message(Date(), 1961.0)


# --------------------------------------------------------------------------- numbers, yes/no, choices


def test_integers():
    parser = Integer(min_value=0, max_value=12)
    assert parser(12.0) == 12
    assert parser("3") == 3
    assert "12" in message(parser, "13")
    assert "số nguyên" in message(parser, 2.5)
    assert "số nguyên" in message(parser, "1.000")


def test_decimals_with_comma_or_point():
    parser = Number(places=2, min_value=0)
    assert parser("2,67") == Decimal("2.67")
    assert parser("2.67") == Decimal("2.67")
    assert parser(2.67) == Decimal("2.67")
    assert parser(3) == Decimal("3.00")
    assert "chữ số thập phân" in message(parser, "2,675")
    assert "≥" in message(parser, "-1")
    assert "số thập phân" in message(parser, "1.234,5")


@pytest.mark.parametrize("value", ["Có", "có", "CÓ", "x", "X", "yes", "1", 1.0, True])
def test_yes(value):
    assert YesNo()(value) is True


@pytest.mark.parametrize("value", ["Không", "không", "no", "0", 0.0, False])
def test_no(value):
    assert YesNo()(value) is False


def test_yes_no_rejects_other_text_and_empty_means_no():
    assert "Có/Không" in message(YesNo(), "có lẽ")
    assert YesNo().empty is False


def test_choices_by_code_or_label_case_insensitively():
    parser = Choice(OrgKind)
    assert parser("SO") == "SO"
    assert parser("so") == "SO"
    assert parser("sở, ban, ngành") == "SO"
    assert parser(nfc("XÃ, PHƯỜNG, ĐẶC KHU")) == "XA"
    text = message(parser, "Sở")
    assert "“Sở”" in text and "BO (Bộ, cơ quan ngang bộ)" in text and "XA" in text


def test_choice_aliases():
    parser = Choice([("M", "Nam"), ("F", "Nữ")], aliases={"male": "M", "female": "F"})
    assert parser("nam") == "M"
    assert parser("Female") == "F"


def test_text_length_and_number_cells():
    assert Text(max_length=5)(12.0) == "12"
    assert "5" in message(Text(max_length=5), "abcdef")
    assert Text()("<script>alert(1)</script>") == "<script>alert(1)</script>"
