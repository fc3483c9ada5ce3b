"""Vietnamese text helpers: NFC storage, diacritic-folding search keys, and the word-level diff
of two texts (rich text made plain first) that the description versions and the audit log show
(pure functions)."""

import difflib
import functools
import html
import re
import unicodedata

import nh3

_SPACES = re.compile(r"\s+")
# Invisible format characters (Unicode category Cf): zero-width spaces and joiners, the byte-order
# mark, the soft hyphen, and the bidirectional controls (U+200E/U+200F, U+202A–U+202E,
# U+2066–U+2069, U+061C) that reorder how a name is displayed. Vietnamese needs none of them:
# every one is dropped, so a name cannot look like another one or hide text in lists and exports.
_FORMAT = "".join(ch for ch in map(chr, range(0xE0080)) if unicodedata.category(ch) == "Cf")
_INVISIBLE = dict.fromkeys(map(ord, _FORMAT), None)
_HAS_INVISIBLE = re.compile(f"[{re.escape(_FORMAT)}]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Decimal digits other than 0–9 (fullwidth ０–９, Arabic-Indic ٠–٩, …): codes and numbers are
# written with ASCII digits only (``str.isdecimal`` and ``re``'s ``\d`` accept all of them).
_OTHER_DIGIT = re.compile(r"(?![0-9])\d")


def nfc(value: str) -> str:
    """NFC-normalise, drop invisible format characters (Cf, bidi controls included) and control
    characters, fold runs of (NB)spaces, trim."""
    if value is None:
        return value
    value = unicodedata.normalize("NFC", str(value)).translate(_INVISIBLE)
    value = _CONTROL.sub("", value)
    return _SPACES.sub(" ", value.replace("\u00a0", " ")).strip()


def nfc_multiline(value: str) -> str:
    """NFC with line breaks and spacing kept (long text): only format and control characters
    other than tab and line breaks are dropped."""
    if value is None:
        return value
    value = unicodedata.normalize("NFC", str(value)).translate(_INVISIBLE)
    return _CONTROL.sub("", value)


def has_invisible(value: str) -> bool:
    """Whether ``value`` holds an invisible format character that ``nfc`` drops."""
    return bool(_HAS_INVISIBLE.search(value))


def has_other_digit(value: str) -> bool:
    """Whether ``value`` holds a decimal digit other than 0–9 (fullwidth, Arabic-Indic, …)."""
    return bool(_OTHER_DIGIT.search(value))


def ascii_digits(value: str) -> str:
    """Every decimal digit as 0–9: "０２４" and "٠٢٤" → "024" (for search terms only; stored
    codes and numbers are refused with other digits)."""
    return _OTHER_DIGIT.sub(lambda m: str(unicodedata.decimal(m[0])), value)


def fold(value: str) -> str:
    """Search key: lower case, without diacritics, đ/Đ → d. "Sở Nội vụ" → "so noi vu"."""
    if not value:
        return ""
    value = nfc(value).replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", value)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped.casefold()


# --------------------------------------------------------------------------- Vietnamese order
#
# Vietnamese alphabetical order (the order of CLDR's "vi" collation, which PostgreSQL's ICU
# collation "vi" applies): the letters a ă â b c d đ e ê (f) g h i (j) k l m n o ô ơ p q r s t u ư v
# (w) x y (z) first, word by word, spaces and punctuation before digits and digits before letters;
# when two names have the same letters, the tones decide (none, huyền, hỏi, ngã, sắc, nặng: "Ha" <
# "Hà" < "Hả" < "Hã" < "Há" < "Hạ"), then the case (lower case first). Each level is a string
# made with ``str.translate`` (so a key is cheap enough for SQLite to call per comparison and for
# Python to sort thousands of names); characters outside these tables keep their own code
# point, i.e. they come after every letter.

_VI_LETTERS = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
# The punctuation and symbols of names, in ICU's order (CLDR root: non-ignorable).
_VI_PUNCTUATION = " _-–—,;:!?.·'‘’\"“”«»()[]{}§@*/\\&#%•`^°+±÷×<=>|~$€"
_VI_TONES = ("", "\u0300", "\u0309", "\u0303", "\u0301", "\u0323")  # none, huyền, hỏi, ngã, sắc, nặng
_VI_LETTER_MARKS = ("\u0306", "\u0302", "\u031b")  # breve (ă), circumflex (â ê ô), horn (ơ ư)


def _vi_tables() -> tuple[dict[int, str], dict[int, str], dict[int, str]]:
    """The primary (letter), secondary (tone) and tertiary (case) weight of every character of
    the three tables, each as one character (weights start at 1, below any real character)."""
    primary: dict[int, str] = {}
    secondary: dict[int, str] = {}
    tertiary: dict[int, str] = {}

    def put(ch: str, p: int, s: int = 0, t: int = 0) -> None:
        primary[ord(ch)], secondary[ord(ch)], tertiary[ord(ch)] = chr(p + 1), chr(s + 1), chr(t + 1)

    weights = {ch: i for i, ch in enumerate(_VI_PUNCTUATION + "0123456789" + _VI_LETTERS)}
    for ch in _VI_PUNCTUATION + "0123456789":
        put(ch, weights[ch])
    # "…" sorts as three full stops ("...") with a tertiary difference, as in ICU.
    primary[ord("…")], secondary[ord("…")], tertiary[ord("…")] = primary[ord(".")] * 3, "\x01" * 3, "\x03" * 3
    for letter in _VI_LETTERS:
        for tone, mark in enumerate(_VI_TONES):
            lower = unicodedata.normalize("NFC", letter + mark)
            if len(lower) == 1:  # a precomposed letter exists (every Vietnamese one does)
                put(lower, weights[letter], tone)
                put(lower.upper(), weights[letter], tone, 1)
    # Other Latin letters with diacritics (é is Vietnamese, ü or ç are not): their base letter
    # with a secondary difference after the tones.
    for code in (*range(0xC0, 0x250), *range(0x1E00, 0x1F00)):
        ch = chr(code)
        if code in primary or not ch.isalpha():
            continue
        base, *marks = unicodedata.normalize("NFD", ch)
        letter = base.lower()
        if marks and marks[0] in _VI_LETTER_MARKS:
            composed = unicodedata.normalize("NFC", letter + marks[0])
            if composed in weights:
                letter, marks = composed, marks[1:]
        if letter in weights:
            put(ch, weights[letter], len(_VI_TONES) + sum(ord(m) - 0x2FF for m in marks), int(base.isupper()))
    return primary, secondary, tertiary


_VI_PRIMARY, _VI_SECONDARY, _VI_TERTIARY = _vi_tables()


@functools.lru_cache(maxsize=65536)
def vi_sort_key(value: str) -> tuple[str, str, str, str]:
    """The key that sorts names in Vietnamese order (``sorted(names, key=vi_sort_key)``); the
    same order as the database collation "vi" (``portal.collation``). Ties of the three levels
    fall back to code points, as PostgreSQL does."""
    value = unicodedata.normalize("NFC", value or "")
    return (
        value.translate(_VI_PRIMARY),
        value.translate(_VI_SECONDARY),
        value.translate(_VI_TERTIARY),
        value,
    )


# --------------------------------------------------------------------------- word diff

_WORDS = re.compile(r"\s+|[^\s]+")


def plain_text(value: str) -> str:
    """Rich text to plain text for comparison: tags dropped, entities decoded, list items and
    paragraphs on their own lines."""
    value = re.sub(r"(?i)<\s*(br|/p|/li)\s*/?>", "\n", value or "")
    value = re.sub(r"(?i)<\s*li[^>]*>", "• ", value)
    text = html.unescape(nh3.clean(value, tags=set()))
    return "\n".join(line.strip() for line in text.splitlines() if line.strip())


def word_diff(left: str, right: str) -> tuple[str, str, bool]:
    """Word-level highlights of two plain texts: (left as HTML with <del> around the words
    dropped, right as HTML with <ins> around the words added, changed?). Everything else is
    HTML-escaped, so both sides are safe to show."""
    a, b = _WORDS.findall(left), _WORDS.findall(right)
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    out_l: list[str] = []
    out_r: list[str] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        old, new = html.escape("".join(a[i1:i2])), html.escape("".join(b[j1:j2]))
        if op == "equal":
            out_l.append(old)
            out_r.append(new)
        else:
            if old:
                out_l.append(f"<del>{old}</del>")
            if new:
                out_r.append(f"<ins>{new}</ins>")
    changed = any(op != "equal" for op, *_ in matcher.get_opcodes())
    return "".join(out_l), "".join(out_r), changed


def changed_lines(left: str, right: str) -> tuple[str, str, bool]:
    """``word_diff`` of two texts of several lines (paragraphs, list items) keeping only the lines
    that changed: lines removed as a whole in <del>, added in <ins>, lines changed in part
    word by word; "…" where unchanged lines were left out; a side with no changed line is empty.
    HTML-safe, like ``word_diff``."""
    a, b = left.splitlines(), right.splitlines()
    out_l: list[str] = []
    out_r: list[str] = []
    changed = False
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            if not out_l or out_l[-1] != "…":
                out_l.append("…")
                out_r.append("…")
            continue
        changed = True
        olds, news = a[i1:i2], b[j1:j2]
        pairs = min(len(olds), len(news)) if op == "replace" else 0
        for old, new in zip(olds[:pairs], news[:pairs], strict=True):
            lhtml, rhtml, _changed = word_diff(old, new)
            out_l.append(lhtml)
            out_r.append(rhtml)
        out_l.extend(f"<del>{html.escape(line)}</del>" for line in olds[pairs:])
        out_r.extend(f"<ins>{html.escape(line)}</ins>" for line in news[pairs:])
    if not changed:
        return html.escape(left), html.escape(right), False
    return _trim_dots(out_l), _trim_dots(out_r), True


def _trim_dots(lines: list[str]) -> str:
    """A side's lines without repeated "…"; empty if nothing but "…" is left (a side with only
    additions or only removals on the other)."""
    kept = [line for i, line in enumerate(lines) if not (line == "…" and i and lines[i - 1] == "…")]
    return "" if all(line == "…" for line in kept) else "\n".join(kept)
