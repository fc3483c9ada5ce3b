"""Import messages in the reader's language (issue 12): a message made while one language is
active is stored as its msgid and parameters and rendered again in the language of whoever reads
it — its parameters too when they are translatable (a nested message, a choice label, a sheet
title); text stored before that (plain strings) is shown as stored. The msgids used here have an
English translation in locale/en already. No database."""

import datetime as dt
import json

from django.utils import translation

from imports.errors import ErrorSink, RowError
from imports.messages import Message, gettext, join, literal, message, render, spec
from imports.organizations import ORG_CODE
from imports.values import Choice, Invalid
from portal.models import OrgKind

MISSING = "Thiếu giá trị ở cột bắt buộc “%(label)s”."
OUTSIDE = "Mã đơn vị “%(code)s” không có trong phạm vi %(scope)s."


def stored(value) -> object:
    """What a job keeps: the spec through JSON (as the database's JSON field does)."""
    return json.loads(json.dumps(spec(value)))


def test_a_message_is_text_in_the_active_language_that_remembers_its_msgid_and_parameters():
    with translation.override("vi"):
        made = gettext(MISSING) % {"label": "Họ và tên"}
    assert isinstance(made, str) and made == "Thiếu giá trị ở cột bắt buộc “Họ và tên”."
    assert stored(made) == {"msgid": MISSING, "params": {"label": "Họ và tên"}}
    with translation.override("en"):
        assert render(stored(made)) == "Missing value in the required column “Họ và tên”."
    with translation.override("vi"):
        assert render(stored(made)) == "Thiếu giá trị ở cột bắt buộc “Họ và tên”."


def test_made_in_english_it_reads_in_vietnamese_too():
    with translation.override("en"):
        made = gettext(MISSING) % {"label": "Ngày sinh"}
        assert made == "Missing value in the required column “Ngày sinh”."
    with translation.override("vi"):
        assert render(stored(made)) == "Thiếu giá trị ở cột bắt buộc “Ngày sinh”."


def test_translatable_parameters_follow_the_reader():
    with translation.override("vi"):
        made = gettext(OUTSIDE) % {"code": "X.1", "scope": gettext("toàn cổng")}  # a nested message
        try:
            ORG_CODE("x 1")
        except Invalid as exc:
            code_error = exc.message  # its rule is a gettext_lazy description
        try:
            Choice(OrgKind)("PHÒNG BAN")
        except Invalid as exc:
            choice_error = exc.message  # the allowed values with their labels
    assert "toàn cổng" in made and "Sở, ban, ngành" in choice_error
    with translation.override("en"):
        assert render(stored(made)) == "Organisation code “X.1” is not within the scope the whole portal."
        english = render(stored(code_error))
        assert english.startswith("Invalid code “x 1”: up to 35 characters: digits")
        english = render(stored(choice_error))
        assert english.startswith("“PHÒNG BAN” is not an accepted value. Choose one of: BO (")
        assert "SO (Provincial department or board)" in english and "Sở, ban, ngành" not in english


def test_joins_and_untranslated_patterns_render_their_parts_again():
    with translation.override("vi"):
        parts = join("; ", [literal("%(label)s: %(n)d") % {"label": gettext("toàn cổng"), "n": 5}, "dòng 7: 3"])
    assert parts == "toàn cổng: 5; dòng 7: 3"
    with translation.override("en"):
        assert render(stored(parts)) == "the whole portal: 5; dòng 7: 3"


def test_text_stored_before_is_shown_as_stored():
    old = {"row": 3, "column": "Loại hình", "value": "X", "message": "“X” không phải là giá trị được chấp nhận."}
    with translation.override("en"):
        error = RowError.from_dict(old)
    assert error.message == old["message"] and not isinstance(error.message, Message)
    assert render("văn bản cũ") == "văn bản cũ" and message(None) == "" and render(None) == ""


def test_a_translation_that_does_not_fit_its_parameters_falls_back_and_never_raises():
    assert render({"msgid": "Thiếu “%(label)s”.", "params": {}}) == "Thiếu “%(label)s”."
    assert render({"msgid": "Số %(n)d", "params": {"n": "không phải số"}}) == "Số %(n)d"
    assert render({"msgid": "Số %(n)d", "params": {"n": 4}}) == "Số 4"


def test_the_error_sink_keeps_messages_that_a_job_stores_as_msgids():
    sink = ErrorSink()
    sink.labels["full_name"] = "Họ và tên"
    with translation.override("vi"):
        sink.add(5, "full_name", "", gettext(MISSING) % {"label": "Họ và tên"})
    [error] = sink.sorted()
    data = json.loads(json.dumps(error.as_dict()))
    assert data == {
        "row": 5,
        "column": "Họ và tên",
        "value": "",
        "message": {"msgid": MISSING, "params": {"label": "Họ và tên"}},
    }
    with translation.override("en"):
        read = RowError.from_dict(data)
    assert read.message == "Missing value in the required column “Họ và tên”."
    assert read.line() == "row 5, column Họ và tên: Missing value in the required column “Họ và tên”."
    assert read.as_dict() == data  # stored again (the errors workbook's re-validation) unchanged


def test_parameters_are_stored_as_json_values():
    with translation.override("vi"):
        made = literal("%(a)s %(b)s %(c)s %(d)s") % {"a": 2.5, "b": float("nan"), "c": dt.date(2026, 3, 5), "d": None}
    assert stored(made)["params"] == {"a": 2.5, "b": "nan", "c": "05/03/2026", "d": None}
