"""Side-by-side, section-by-section, word-level diff of two description versions (pure: no ORM,
no request). Input: two ``sections`` dicts {section title: text}; output: rows of HTML-safe
fragments with <del>/<ins> around the changed words."""

from __future__ import annotations

import difflib
import html
import re
from dataclasses import dataclass

import nh3

_WORDS = re.compile(r"\s+|[^\s]+")


def plain_text(value: str) -> str:
    """Rich text to plain text for comparison: tags dropped, entities decoded, list items and
    paragraphs on their own lines."""
    value = re.sub(r"(?i)<\s*(br|/p|/li)\s*/?>", "\n", value or "")
    value = re.sub(r"(?i)<\s*li[^>]*>", "• ", value)
    text = html.unescape(nh3.clean(value, tags=set()))
    return "\n".join(line.strip() for line in text.splitlines() if line.strip())


@dataclass(frozen=True)
class SectionDiff:
    title: str
    left_html: str
    right_html: str
    changed: bool


def word_diff(left: str, right: str) -> tuple[str, str, bool]:
    """Word-level highlights: (left with <del>, right with <ins>, changed?)."""
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


def diff_sections(left: dict[str, str], right: dict[str, str]) -> list[SectionDiff]:
    """One row per section present on either side, in the order of ``left`` then new ones."""
    titles = list(left) + [t for t in right if t not in left]
    rows = []
    for title in titles:
        lhtml, rhtml, changed = word_diff(plain_text(left.get(title, "")), plain_text(right.get(title, "")))
        rows.append(SectionDiff(title=title, left_html=lhtml, right_html=rhtml, changed=changed))
    return rows
