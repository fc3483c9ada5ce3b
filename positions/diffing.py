"""Side-by-side, section-by-section, word-level diff of two description versions (pure: no ORM,
no request). Input: two ``sections`` dicts {section title: text}; output: rows of HTML-safe
fragments with <del>/<ins> around the changed words. The word diff itself (``word_diff``,
``plain_text``) is ``portal.text``'s, shared with the audit log."""

from __future__ import annotations

from dataclasses import dataclass

from portal.text import plain_text, word_diff


@dataclass(frozen=True)
class SectionDiff:
    title: str
    left_html: str
    right_html: str
    changed: bool


def diff_sections(left: dict[str, str], right: dict[str, str]) -> list[SectionDiff]:
    """One row per section present on either side, in the order of ``left`` then new ones."""
    titles = list(left) + [t for t in right if t not in left]
    rows = []
    for title in titles:
        lhtml, rhtml, changed = word_diff(plain_text(left.get(title, "")), plain_text(right.get(title, "")))
        rows.append(SectionDiff(title=title, left_html=lhtml, right_html=rhtml, changed=changed))
    return rows
