"""Value parsers for import columns (docs/import-format.md §2 "Value rules").

A parser is built once per column and called once per non-empty cell: ``parser(value)`` returns
the Python value or raises ``Invalid`` with a Vietnamese message naming the value and what is
allowed. Cells arrive already normalised by ``clean_cell`` (strings NFC, trimmed, runs of spaces
folded, invisible and control characters dropped, the export's formula escape removed); XLSX
cells may also be ``float``/``int``/``bool``/``date``/``datetime``/``time`` from the reader.
``parser.to_cell(value)`` is the inverse used by the export, so export → re-import is a no-op.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from decimal import Decimal, InvalidOperation

from django.utils import timezone
from django.utils.translation import get_language, gettext

from imports.messages import gettext as _
from imports.messages import join, literal
from portal.exporting import FORMULA_START, escape_formula  # noqa: F401 - escape_formula: the exports take it from here
from portal.text import fold, has_other_digit, nfc

# Cells starting with one of = + - @ tab CR are formulas to a spreadsheet: the export prefixes
# them with a single quote (``portal.exporting.escape_formula``, re-exported here), and the
# import removes exactly that quote again.
_ESCAPED = re.compile(rf"^'+{FORMULA_START}")


class Invalid(ValueError):
    """A cell value that does not fit its column; ``message`` is shown to the user."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def clean_text(value: str) -> str:
    """``portal.text.nfc`` with a fast path for the common already-clean cell (same result)."""
    if value.isprintable() and unicodedata.is_normalized("NFC", value) and "  " not in value and value == value.strip():
        return value
    return nfc(value)


def clean_cell(value):
    """Normalise one raw cell: text → NFC-clean text without the export's formula escape;
    ``None`` → ``""``; other types (numbers, dates, booleans from XLSX) unchanged."""
    if value.__class__ is str:
        if not value:
            return value
        value = clean_text(value)
        if value[:1] == "'" and _ESCAPED.match(value):
            return value[1:]
        return value
    if value is None:
        return ""
    return value


_SEP = "\u00a6"  # "¦": printable, NFC-inert, rare in data


def clean_row(cells: list) -> list:
    """``[clean_cell(c) for c in cells]``, checked on the joined row first: a row of text that is
    already clean (printable, NFC, no double/edge spaces, no formula escape) is returned as is;
    in a row of an XLSX (numbers, dates, ``None`` among the text) the text cells are checked
    the same way and only ``None`` becomes ``""``."""
    try:
        joined = _SEP.join(cells)
    except TypeError:  # numbers, dates (XLSX) or None
        texts = [c for c in cells if c.__class__ is str]
        if not texts or _clean_joined(_SEP.join(texts)):
            return ["" if c is None else c for c in cells]
        return [clean_cell(c) for c in cells]
    if _clean_joined(joined):
        return cells
    return [clean_cell(c) for c in cells]


def _clean_joined(joined: str) -> bool:
    """Whether every cell of ``joined`` (cells separated by ``_SEP``) is already clean."""
    return (
        joined.isprintable()
        and "  " not in joined
        and " " + _SEP not in joined
        and _SEP + " " not in joined
        and joined[:1] != " "
        and joined[-1:] != " "
        and _SEP + "'" not in joined
        and joined[:1] != "'"
        and (joined.isascii() or unicodedata.is_normalized("NFC", joined))
    )


def _q(value) -> str:
    from imports.errors import show

    return show(value)


def other_digits(value) -> Invalid:
    """A code, number or date written with digits other than 0–9 (fullwidth ０–９, Arabic-Indic
    ٠–٩ …): they look like the same value but are other characters, so they are refused."""
    return Invalid(
        _(
            "“%(value)s” có chữ số không phải 0–9 (chữ số toàn độ rộng hoặc của bảng chữ khác):"
            " chỉ dùng các chữ số 0, 1, 2, 3, 4, 5, 6, 7, 8, 9."
        )
        % {"value": _q(value)}
    )


def _is_number(value) -> bool:
    return isinstance(value, (int, float, Decimal)) and not isinstance(value, bool)


def number_text(value) -> str:
    """A number cell as text without a spurious ``.0`` (12.0 → "12")."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return str(value)


class Parser:
    """Base parser. ``empty`` is the value of an empty cell in an optional column. The engine
    remembers the results of a ``cacheable`` parser per distinct text (dates, numbers and
    enumerations repeat a lot in a roster)."""

    empty = ""
    cacheable = False

    def __call__(self, value):
        raise NotImplementedError

    def to_cell(self, value):
        """The cell value the export writes (XLSX keeps dates and numbers typed)."""
        return "" if value is None else value

    def describe(self) -> str:
        """What is allowed, for the template's notes and messages."""
        return ""

    def choices(self) -> list[str] | None:
        """Codes for the template's drop-down list, if the column is an enumeration."""
        return None


class Text(Parser):
    def __init__(self, max_length: int | None = None):
        self.max_length = max_length

    def __call__(self, value):
        if value.__class__ is not str:
            if isinstance(value, bool):
                value = gettext("Có") if value else gettext("Không")
            elif _is_number(value):
                value = number_text(value)
            elif isinstance(value, (dt.date, dt.datetime)):
                value = value.strftime("%d/%m/%Y")
            else:
                value = nfc(str(value))
        if self.max_length and len(value) > self.max_length:
            raise Invalid(
                _("Giá trị dài %(n)d ký tự, vượt quá %(max)d ký tự cho phép.")
                % {"n": len(value), "max": self.max_length}
            )
        return value

    def describe(self):
        return _("Văn bản, tối đa %(max)d ký tự") % {"max": self.max_length} if self.max_length else _("Văn bản")


# "1090012345.0", "1.2E+11": what Excel leaves of a code it took for a number.
_MANGLED = re.compile(r"^[+-]?([0-9]+\.0+|[0-9]+(\.[0-9]+)?[eE][+-]?[0-9]+)$")


class Code(Parser):
    """A code kept as text exactly as written (leading zeros kept). A number cell or a
    number-shaped text such as ``1090012345.0`` / ``1.2E+11`` is an error, never a guess."""

    def __init__(self, pattern: str, description: str, *, empty: str | None = ""):
        self.regex = re.compile(pattern)
        self.description = description
        self.empty = empty  # "" for a blank text field, None for a blank foreign key

    def mangled(self, value) -> Invalid:
        return Invalid(
            _(
                "“%(value)s” là một số do Excel tự chuyển đổi, không phải mã: mã phải được giữ nguyên dạng văn bản"
                " (kể cả số 0 ở đầu). Hãy định dạng cột là Văn bản (Text) rồi nhập lại mã."
            )
            % {"value": _q(value)}
        )

    def __call__(self, value):
        if value.__class__ is not str:
            if _is_number(value):
                raise self.mangled(value)
            raise Invalid(
                _("“%(value)s” không phải là mã hợp lệ: %(rule)s") % {"value": _q(value), "rule": self.description}
            )
        if not value.isascii() and has_other_digit(value):
            raise other_digits(value)
        if self.regex.match(value):
            # cheap pre-check: only "…0" with a dot, or an exponent, can be a mangled number
            if ((value[-1] == "0" and "." in value) or "E" in value or "e" in value) and _MANGLED.match(value):
                raise self.mangled(value)
            return value
        if _MANGLED.match(value):
            raise self.mangled(value)
        raise Invalid(_("Mã “%(value)s” không hợp lệ: %(rule)s") % {"value": _q(value), "rule": self.description})

    def describe(self):
        return self.description


class CodeList(Parser):
    """Several codes in one cell separated by ``;`` → a tuple of codes (duplicates dropped)."""

    empty = ()

    def __init__(self, item: Code, separator: str = ";"):
        self.item = item
        self.separator = separator

    def __call__(self, value):
        if value.__class__ is not str:
            return (self.item(value),)
        codes = []
        for part in value.split(self.separator):
            part = part.strip()
            if part and part not in codes:
                codes.append(self.item(part))
        return tuple(codes)

    def to_cell(self, value):
        return self.separator.join(value or ())

    def describe(self):
        return _("Các mã cách nhau bởi dấu “%(sep)s”; mỗi mã: %(rule)s") % {
            "sep": self.separator,
            "rule": self.item.describe(),
        }


class YearOnly(dt.date):
    """A date of which only the year is known (stored as 1 January of that year)."""

    __slots__ = ()

    def __repr__(self):
        return f"YearOnly({self.year})"


_DMY = re.compile(r"^([0-9]{1,2})[/.\-]([0-9]{1,2})[/.\-]([0-9]{4})$")
_ISO = re.compile(r"^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?:[ T][0-9]{1,2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]+)?)?)?$")
_YEAR = re.compile(r"^[0-9]{4}$")
_SERIAL = re.compile(r"^[0-9]{1,7}(?:\.0+)?$")
_EXCEL_EPOCH = dt.date(1899, 12, 30)
MIN_YEAR = 1900


class Date(Parser):
    """``dd/mm/yyyy`` (also with ``-`` or ``.``), ``yyyy-mm-dd``, a real Excel date or an Excel
    date serial; ``yyyy`` alone only when ``year_only`` (→ ``YearOnly``). Dates before 1900
    or more than ``max_future_days`` after today are errors (default: no future dates)."""

    empty = None
    cacheable = True

    def __init__(self, *, year_only: bool = False, max_future_days: int = 0):
        self.year_only = year_only
        self.max_future = dt.timedelta(days=max_future_days)
        self._latest = dt.date.min

    def _check(self, d: dt.date, value) -> dt.date:
        if d.year < MIN_YEAR:
            raise Invalid(
                _("Ngày “%(value)s” trước năm %(min)d: không hợp lệ.") % {"value": _q(value), "min": MIN_YEAR}
            )
        if d > self._latest:
            self._latest = timezone.localdate() + self.max_future
            if d > self._latest:
                if self.max_future:
                    raise Invalid(
                        _("Ngày “%(value)s” quá xa trong tương lai (chậm nhất là %(latest)s).")
                        % {"value": _q(value), "latest": self._latest.strftime("%d/%m/%Y")}
                    )
                raise Invalid(_("Ngày “%(value)s” ở tương lai: không hợp lệ.") % {"value": _q(value)})
        return d

    def _build(self, year: int, month: int, day: int, value) -> dt.date:
        if not 1 <= month <= 12:
            raise Invalid(
                _(
                    "Ngày “%(value)s” không hợp lệ: không có tháng %(month)d. Ngày phải ghi theo thứ tự"
                    " ngày/tháng/năm (dd/mm/yyyy) hoặc năm-tháng-ngày (yyyy-mm-dd)."
                )
                % {"value": _q(value), "month": month}
            )
        try:
            return dt.date(year, month, day)
        except ValueError:
            raise Invalid(
                _("Ngày “%(value)s” không tồn tại (tháng %(month)d năm %(year)d không có ngày %(day)d).")
                % {"value": _q(value), "month": month, "year": year, "day": day}
            ) from None

    def _year(self, year: int, value) -> dt.date:
        if not self.year_only:
            raise Invalid(_("“%(value)s” chỉ có năm; cột này cần ngày đầy đủ dạng dd/mm/yyyy.") % {"value": _q(value)})
        return self._check(YearOnly(year, 1, 1), value)

    def _serial(self, serial: int, value) -> dt.date:
        if MIN_YEAR <= serial <= 2100:
            # a bare year (an error unless the column allows it), not a serial of 1905
            return self._year(serial, value)
        if serial < 1 or serial == 60 or serial > 2958465:
            raise Invalid(_("“%(value)s” không phải là ngày hợp lệ.") % {"value": _q(value)})
        # Excel counts 29/02/1900, which did not exist: serials before it are one day off.
        base = _EXCEL_EPOCH if serial > 60 else dt.date(1899, 12, 31)
        return self._check(base + dt.timedelta(days=serial), value)

    def __call__(self, value):
        cls = value.__class__
        if cls is dt.date:
            return self._check(value, value)
        if cls is dt.datetime:
            return self._check(value.date(), value)
        if cls is str:
            m = _DMY.match(value)
            if m:
                return self._check(self._build(int(m[3]), int(m[2]), int(m[1]), value), value)
            m = _ISO.match(value)
            if m:
                return self._check(self._build(int(m[1]), int(m[2]), int(m[3]), value), value)
            if _YEAR.match(value):
                return self._year(int(value), value)
            if _SERIAL.match(value):
                return self._serial(int(float(value)), value)
        elif _is_number(value) and float(value).is_integer():
            return self._serial(int(value), value)
        elif isinstance(value, dt.date):  # a YearOnly or another date subclass
            return self._check(value, value)
        if cls is str and has_other_digit(value):
            raise other_digits(value)
        raise Invalid(
            _("“%(value)s” không phải là ngày hợp lệ: ghi ngày dạng dd/mm/yyyy (ví dụ 25/03/1990)%(year)s.")
            % {"value": _q(value), "year": _(" hoặc chỉ năm yyyy") if self.year_only else ""}
        )

    def to_cell(self, value):
        if value is None:
            return ""
        if isinstance(value, YearOnly):
            return str(value.year)
        return value

    def describe(self):
        return _("Ngày dạng dd/mm/yyyy%(year)s") % {"year": _(" hoặc chỉ năm yyyy") if self.year_only else ""}


_INT = re.compile(r"^[+-]?[0-9]+$")


class Integer(Parser):
    empty = None
    cacheable = True

    def __init__(self, *, min_value: int | None = None, max_value: int | None = None):
        self.min_value = min_value
        self.max_value = max_value

    def __call__(self, value):
        if value.__class__ is int:
            number = value
        elif (value.__class__ is float and value.is_integer()) or (value.__class__ is str and _INT.match(value)):
            number = int(value)
        elif value.__class__ is str and has_other_digit(value):
            raise other_digits(value)
        else:
            raise Invalid(_("“%(value)s” không phải là số nguyên.") % {"value": _q(value)})
        if (self.min_value is not None and number < self.min_value) or (
            self.max_value is not None and number > self.max_value
        ):
            raise Invalid(
                _("Số %(value)s nằm ngoài khoảng cho phép: %(rule)s.") % {"value": number, "rule": self.describe()}
            )
        return number

    def describe(self):
        lo, hi = self.min_value, self.max_value
        if lo is not None and hi is not None:
            return _("số nguyên từ %(lo)d đến %(hi)d") % {"lo": lo, "hi": hi}
        if lo is not None:
            return _("số nguyên ≥ %(lo)d") % {"lo": lo}
        if hi is not None:
            return _("số nguyên ≤ %(hi)d") % {"hi": hi}
        return _("số nguyên")


_DECIMAL = re.compile(r"^[+-]?([0-9]+([.,][0-9]*)?|[.,][0-9]+)$")


class Number(Parser):
    """A decimal number; ``,`` or ``.`` as the decimal separator (no thousands separator)."""

    empty = None
    cacheable = True

    def __init__(self, *, places: int = 2, min_value=None, max_value=None):
        self.places = places
        self.quantum = Decimal(1).scaleb(-places)
        self.min_value = None if min_value is None else Decimal(str(min_value))
        self.max_value = None if max_value is None else Decimal(str(max_value))

    def __call__(self, value):
        cls = value.__class__
        try:
            if cls is str and _DECIMAL.match(value):
                number = Decimal(value.replace(",", "."))
            elif cls is float:
                number = Decimal(repr(value))
            elif cls is int or cls is Decimal:
                number = Decimal(value)
            elif cls is str and has_other_digit(value):
                raise other_digits(value)
            else:
                raise InvalidOperation
            if not number.is_finite():
                raise InvalidOperation
            rounded = number.quantize(self.quantum)
        except InvalidOperation:
            raise Invalid(
                _("“%(value)s” không phải là số thập phân (dùng dấu phẩy hoặc dấu chấm để ngăn phần thập phân).")
                % {"value": _q(value)}
            ) from None
        if rounded != number:
            raise Invalid(
                _("Số “%(value)s” có quá %(places)d chữ số thập phân.") % {"value": _q(value), "places": self.places}
            )
        if (self.min_value is not None and rounded < self.min_value) or (
            self.max_value is not None and rounded > self.max_value
        ):
            raise Invalid(
                _("Số %(value)s nằm ngoài khoảng cho phép: %(rule)s.") % {"value": rounded, "rule": self.describe()}
            )
        return rounded

    def to_cell(self, value):
        return "" if value is None else float(value)

    def describe(self):
        lo, hi = self.min_value, self.max_value
        if lo is not None and hi is not None:
            return _("số thập phân từ %(lo)s đến %(hi)s") % {"lo": lo, "hi": hi}
        if lo is not None:
            return _("số thập phân ≥ %(lo)s") % {"lo": lo}
        return _("số thập phân")


_YES = frozenset({"co", "x", "yes", "y", "1", "true", "dung"})
_NO = frozenset({"khong", "no", "n", "0", "false", "sai"})


class YesNo(Parser):
    """Có/Không, x/empty, yes/no, 1/0 (and TRUE/FALSE cells); an empty cell is “no”."""

    empty = False
    cacheable = True

    def __call__(self, value):
        cls = value.__class__
        if cls is bool:
            return value
        if (cls is float or cls is int) and value in (0, 1):
            return bool(value)
        if cls is str:
            key = fold(value)
            if key in _YES:
                return True
            if key in _NO:
                return False
        raise Invalid(
            _("“%(value)s” không hợp lệ: ghi Có/Không, x (có) hoặc để trống (không), yes/no, 1/0.")
            % {"value": _q(value)}
        )

    def to_cell(self, value):
        return gettext("Có") if value else gettext("Không")

    def describe(self):
        return _("Có/Không (hoặc x/để trống, yes/no, 1/0)")

    def choices(self):
        return [self.to_cell(True), self.to_cell(False)]


class Choice(Parser):
    """An enumeration: the code or the Vietnamese label, case-insensitively. ``choices`` is a
    Django ``TextChoices`` class or ``[(code, label)]``; ``aliases`` maps more spellings to
    codes (e.g. ``{"M": "M", "male": "M"}``)."""

    cacheable = True

    def __init__(self, choices, aliases: dict[str, str] | None = None):
        pairs = list(choices.choices) if hasattr(choices, "choices") else list(choices)
        self.pairs = [(str(code), str(label)) for code, label in pairs]
        self.lazy_labels = [label for _code, label in pairs]  # lazy: messages show them in the reader's language
        self._described: dict = {}  # language → describe()
        self.index: dict[str, str] = {}
        for code, label in self.pairs:
            self.index[nfc(code).casefold()] = code
            self.index[nfc(label).casefold()] = code
        for alias, code in (aliases or {}).items():
            self.index[nfc(alias).casefold()] = code

    def __call__(self, value):
        code = self.index.get(value.casefold() if value.__class__ is str else number_text(value))
        if code is None:
            raise Invalid(
                _("“%(value)s” không phải là giá trị được chấp nhận. Chọn một trong: %(allowed)s.")
                % {"value": _q(value), "allowed": self.describe()}
            )
        return code

    def describe(self):
        """``code (label); …`` with the labels in the active language (made once per language: a
        file may have an invalid cell in every row)."""
        language = get_language()
        described = self._described.get(language)
        if described is None:
            described = self._described[language] = join(
                "; ",
                (
                    literal("%(code)s (%(label)s)") % {"code": code, "label": label}
                    for (code, _text), label in zip(self.pairs, self.lazy_labels, strict=True)
                ),
            )
        return described

    def choices(self):
        """What the template's drop-down offers: the values an export writes (``to_cell``: the
        codes, or Nam / Nữ for the sex), which the import reads back."""
        return [self.to_cell(code) for code, _label in self.pairs]
