"""Vietnamese text helpers: NFC storage and diacritic-folding search keys (pure functions)."""

import re
import unicodedata

_SPACES = re.compile(r"\s+")
# Zero-width and byte-order characters that Excel and web forms smuggle into text.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def nfc(value: str) -> str:
    """NFC-normalise, drop invisible and control characters, fold runs of (NB)spaces, trim."""
    if value is None:
        return value
    value = unicodedata.normalize("NFC", str(value)).translate(_INVISIBLE)
    value = _CONTROL.sub("", value)
    return _SPACES.sub(" ", value.replace("\u00a0", " ")).strip()


def fold(value: str) -> str:
    """Search key: lower case, without diacritics, đ/Đ → d. "Sở Nội vụ" → "so noi vu"."""
    if not value:
        return ""
    value = nfc(value).replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", value)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped.casefold()
