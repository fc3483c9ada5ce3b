"""The rules of the positions catalogue, one home each: the models (``clean``), the forms, the
admin, the services, the import sheets (``positions.sheets``, and the staff sheet for rank and
position codes) and the seed data take them from here.

Pure Python: no ORM, no request. Where a rule has one wording for every caller, its message is
here too (``rank_problems``, ``level_descriptor_problems``, ``clean_sample``)."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from decimal import Decimal

import nh3
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.text import fold

# --------------------------------------------------------------------------- training levels

# Trình độ đào tạo, lowest first: the order compares a person's level with the level a position
# requires (streamlining case e, DOMAIN §7). Codes are those of ``positions.models.TrainingLevel``.
TRAINING_LEVELS = ("SC", "TC", "CD", "DH", "THS", "TS")  # sơ cấp … tiến sĩ


def training_level_below(level: str | None, required: str | None) -> bool | None:
    """Whether ``level`` is below ``required``; ``None`` when either is unknown (not decided)."""
    if not level or not required or level not in TRAINING_LEVELS or required not in TRAINING_LEVELS:
        return None
    return TRAINING_LEVELS.index(level) < TRAINING_LEVELS.index(required)


# Other ways HR files write a level (besides the codes and the labels of ``TrainingLevel``): the
# import sheets accept them too. "Thạc sỹ"/"Tiến sỹ" are common spellings; a bachelor's degree is
# "cử nhân" or, in engineering, "kỹ sư".
TRAINING_LEVEL_ALIASES = {"Thạc sỹ": "THS", "Tiến sỹ": "TS", "Cử nhân": "DH", "Kỹ sư": "DH"}
# "Đại học trở lên" ("university or above"), as position descriptions word a required level.
OR_ABOVE = "trở lên"
_LEVEL_WORDS = {
    **{"so cap": "SC", "trung cap": "TC", "cao dang": "CD", "dai hoc": "DH", "thac si": "THS", "tien si": "TS"},
    **{fold(alias): code for alias, code in TRAINING_LEVEL_ALIASES.items()},
}
_LEVEL_WORD_RE = re.compile(r"\b(" + "|".join(re.escape(w) for w in _LEVEL_WORDS) + r")\b")


def training_level_in(text: str | None) -> str:
    """The code of the first training level a free text names ("Đại học trở lên (cao đẳng đối
    với ngạch cán sự)" → "DH"), or "" when it names none ("Trung học phổ thông trở lên")."""
    found = _LEVEL_WORD_RE.search(fold(text or ""))
    return _LEVEL_WORDS[found.group(1)] if found else ""


TRAINING_FIELD_MAX_LENGTH = 200


def training_requirement(level_text: str | None, field_text: str | None) -> tuple[str, str]:
    """A position's (required level, required field) from a description's or a framework
    sample's free texts: the level the first text names, and with a level the field text (cut to
    ``TRAINING_FIELD_MAX_LENGTH``); ("", "") when it names no level."""
    level = training_level_in(level_text)
    return level, ((field_text or "").strip()[:TRAINING_FIELD_MAX_LENGTH] if level else "")


# --------------------------------------------------------------------------- ranks and titles

RANK_CODE_MAX_LENGTH = 20
NGACH, CDNN = "NGACH", "CDNN"  # RankKind: ngạch công chức, chức danh nghề nghiệp viên chức
_RANK = r"[0-9]{2}\.[0-9]{3}"  # ngạch: NN.NNN, e.g. 01.003
_TITLE = r"V\.[0-9]{2}\.[0-9]{2}\.[0-9]{2}"  # chức danh nghề nghiệp: V.NN.NN.NN, e.g. V.07.03.29
RANK_CODE_RE = re.compile(rf"^{_RANK}$")
TITLE_CODE_RE = re.compile(rf"^{_TITLE}$")
# The code of a new rank or title (the ranks sheet, the admin): one of the two forms.
RANK_OR_TITLE_CODE_PATTERN = rf"^({_RANK}|{_TITLE})$"
RANK_OR_TITLE_CODE_HELP = gettext_lazy(
    "NN.NNN cho ngạch công chức (ví dụ 01.003) hoặc V.NN.NN.NN cho chức danh nghề nghiệp (V.07.03.29)"
)
# A code naming a stored rank (a position's or framework position's rank range, a person's
# rank): any code a rank can have, that is the two forms above and the codes of ranks stored
# otherwise (data migrations, older data), within the column's 20 characters. Whether such a
# rank exists is the lookup's answer, not the pattern's.
RANK_REF_PATTERN = rf"^[0-9A-Za-z.\-]{{1,{RANK_CODE_MAX_LENGTH}}}$"
SALARY_GROUP_PATTERN = r"^[A-D][0-9]?(\.[0-9])?$"  # nhóm ngạch lương: A3.1, A2.2, A1, A0, B, C1 …

GRADES = ("I", "II", "III", "IV")  # hạng of a professional title
RANK_LEVEL_MIN, RANK_LEVEL_MAX = 1, 9  # bậc so sánh: a higher number is a higher rank
COEFFICIENT_MIN, COEFFICIENT_MAX = Decimal("1.00"), Decimal("15.00")  # the import's salary coefficients


def rank_problems(*, code: str | None, kind: str | None, grade: str | None, low, high) -> dict[str, str]:
    """The rules of one rank/title row shared by the sheet and the admin form:
    ``{field: message}`` (empty when the row is fine). ``None`` means "unknown, do not check"."""
    problems = {}
    if code and kind == NGACH and not RANK_CODE_RE.match(code):
        problems["code"] = _("Mã ngạch công chức “%(code)s” phải có dạng NN.NNN (ví dụ 01.003).") % {"code": code}
    elif code and kind == CDNN and not TITLE_CODE_RE.match(code):
        problems["code"] = _("Mã chức danh nghề nghiệp “%(code)s” phải có dạng V.NN.NN.NN (ví dụ V.07.03.29).") % {
            "code": code
        }
    if grade is not None and kind == NGACH and grade:
        problems["grade"] = _("Ngạch công chức không có hạng: để trống cột hạng (đang ghi “%(grade)s”).") % {
            "grade": grade
        }
    elif grade is not None and kind == CDNN and not grade:
        problems["grade"] = _("Chức danh nghề nghiệp viên chức phải có hạng (I, II, III hoặc IV).")
    if low is not None and high is not None and low > high:
        problems["coefficient_max"] = _("Hệ số cao nhất %(high)s thấp hơn hệ số thấp nhất %(low)s.") % {
            "high": high,
            "low": low,
        }
    return problems


def rank_range_inverted(low_level: int | None, high_level: int | None) -> bool:
    """A minimum rank above the maximum one (by ``level``); a missing end never is."""
    return low_level is not None and high_level is not None and low_level > high_level


# --------------------------------------------------------------------------- competencies

COMPETENCY_CODE_MAX_LENGTH = 20
COMPETENCY_CODE_PATTERN = rf"^[0-9A-Z][0-9A-Z.\-]{{0,{COMPETENCY_CODE_MAX_LENGTH - 1}}}$"
COMPETENCY_LEVELS = (1, 2, 3, 4, 5)  # every competency has these levels, a requirement is one of them
COMPETENCY_LEVEL_MIN, COMPETENCY_LEVEL_MAX = COMPETENCY_LEVELS[0], COMPETENCY_LEVELS[-1]


def is_competency_level(level: int) -> bool:
    return COMPETENCY_LEVEL_MIN <= level <= COMPETENCY_LEVEL_MAX


def level_descriptor_problems(levels: dict[int, str]) -> str | None:
    """A competency needs exactly the levels 1–5, each with a non-empty descriptor."""
    if sorted(levels) != list(COMPETENCY_LEVELS):
        return _("Năng lực phải có đủ 5 cấp độ 1, 2, 3, 4, 5 (mỗi cấp độ một lần); đang có: %(levels)s.") % {
            "levels": ", ".join(str(n) for n in sorted(levels)) or "—"
        }
    empty = [str(n) for n, text in sorted(levels.items()) if not (text or "").strip()]
    if empty:
        return _("Thiếu mô tả của cấp độ %(levels)s.") % {"levels": ", ".join(empty)}
    return None


# --------------------------------------------------------------------------- groups, positions

# The position groups of Law 80/2025/QH15 and Decree 361/2025/NĐ-CP (code, name); only
# "chuyên môn, nghiệp vụ" has subgroups (CN chuyên ngành, DC dùng chung).
POSITION_GROUPS = (
    ("LDQL", "Lãnh đạo, quản lý"),
    ("CMNV", "Chuyên môn, nghiệp vụ"),
    ("HTPV", "Hỗ trợ, phục vụ"),
)
GROUPS_WITH_SUBGROUPS = frozenset({"CMNV"})


def subgroup_allowed(has_subgroups: bool, subgroup: str | None) -> bool:
    """A subgroup only in a group that has subgroups."""
    return not subgroup or has_subgroups


# Position codes are free text up to 30 characters, without ";" (the separator of the staff
# sheet's concurrent positions) and ":" (its "ORG:CODE" form for a position of another unit).
POSITION_CODE_MAX_LENGTH = 30
# Digits only 0–9 (as in every code: ``(?!\d)`` refuses fullwidth and other decimal digits).
POSITION_CODE_PATTERN = rf"^(?:[0-9]|(?!\d)[^;:]){{1,{POSITION_CODE_MAX_LENGTH}}}$"

# The code of a framework position (the framework sheet), and a code naming a stored one (a
# position's framework position): like a rank reference, any code a framework position can
# have within the column's 30 characters.
FRAMEWORK_CODE_MAX_LENGTH = 30
FRAMEWORK_CODE_PATTERN = rf"^[0-9A-Z][0-9A-Z.\-]{{0,{FRAMEWORK_CODE_MAX_LENGTH - 1}}}$"
FRAMEWORK_REF_PATTERN = rf"^[0-9A-Za-z.\-_]{{1,{FRAMEWORK_CODE_MAX_LENGTH}}}$"


# --------------------------------------------------------------------------- descriptions

# A description's light rich text fields and its plain ones, in the order of the form.
PROSE_FIELDS = (
    "objective",
    "relationships_internal",
    "relationships_external",
    "authority",
    "working_conditions",
    "experience",
    "personal_qualities",
    "other_requirements",
)
PLAIN_FIELDS = ("training_level", "training_field")
TASK_FIELDS = ("task", "outputs", "criteria")  # one task of a description (all light rich text)

# Light rich text: bold, italics, lists, links. Everything else (script, style, svg, math,
# attributes, javascript: URLs) is removed server-side.
RICH_TAGS = {"p", "br", "b", "strong", "i", "em", "u", "ul", "ol", "li", "a"}
RICH_ATTRIBUTES = {"a": {"href", "title"}}
URL_SCHEMES = {"http", "https", "mailto"}


def sanitize_html(value: str) -> str:
    return nh3.clean(
        value or "",
        tags=RICH_TAGS,
        attributes=RICH_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
    ).strip()


# The keys of a framework position's sample description (the JSON the admin edits).
SAMPLE_KEYS = frozenset({"tasks", "competencies", *PROSE_FIELDS, *PLAIN_FIELDS})


def clean_sample(value, known_codes: Callable[[Iterable[str]], set[str]]) -> dict:
    """Check a sample description's shape (the one ``positions.services.content_from_sample``
    reads) and sanitise its rich text. ``known_codes(codes)`` tells which of the competency codes
    are in the dictionary. Raises ``ValidationError`` naming what is wrong."""
    if value in (None, ""):
        return {}
    if not isinstance(value, dict):
        raise ValidationError(_("Bản mô tả mẫu phải là một đối tượng JSON {…}."))
    unknown = sorted(set(value) - SAMPLE_KEYS)
    if unknown:
        raise ValidationError(
            _("Khoá không hợp lệ: %(keys)s. Các khoá được dùng: %(allowed)s.")
            % {"keys": ", ".join(unknown), "allowed": ", ".join(sorted(SAMPLE_KEYS))}
        )
    out = {}
    for name in PROSE_FIELDS + PLAIN_FIELDS:
        if name in value:
            if not isinstance(value[name], str):
                raise ValidationError(_("“%(key)s” phải là một chuỗi văn bản.") % {"key": name})
            out[name] = sanitize_html(value[name]) if name in PROSE_FIELDS else value[name].strip()
    tasks = value.get("tasks", [])
    if not isinstance(tasks, list):
        raise ValidationError(_("“tasks” phải là một danh sách."))
    out["tasks"] = []
    for i, task in enumerate(tasks, start=1):
        if not isinstance(task, dict) or not isinstance(task.get("task"), str) or not task["task"].strip():
            raise ValidationError(
                _('Nhiệm vụ thứ %(n)d phải có dạng {"task": "…", "outputs": "…", "criteria": "…"}.') % {"n": i}
            )
        extra = sorted(set(task) - set(TASK_FIELDS))
        if extra or any(not isinstance(task.get(k, ""), str) for k in TASK_FIELDS[1:]):
            raise ValidationError(
                _("Nhiệm vụ thứ %(n)d chỉ có các khoá task, outputs, criteria (chuỗi văn bản).") % {"n": i}
            )
        out["tasks"].append({k: sanitize_html(task.get(k, "")) for k in TASK_FIELDS})
    pairs = value.get("competencies", [])
    if not isinstance(pairs, list):
        raise ValidationError(_("“competencies” phải là một danh sách các cặp [mã năng lực, cấp độ]."))
    known = known_codes([p[0] for p in pairs if isinstance(p, list) and p and isinstance(p[0], str)])
    out["competencies"] = []
    for pair in pairs:
        if (
            not isinstance(pair, list)
            or len(pair) != 2
            or not isinstance(pair[1], int)
            or isinstance(pair[1], bool)
            or not is_competency_level(pair[1])
        ):
            raise ValidationError(
                _('“%(pair)s” không hợp lệ: mỗi năng lực ghi ["mã năng lực", cấp độ 1–5].')
                % {"pair": json.dumps(pair, ensure_ascii=False)}
            )
        if pair[0] not in known:
            raise ValidationError(_("Năng lực “%(code)s” không có trong từ điển năng lực.") % {"code": pair[0]})
        out["competencies"].append([pair[0], pair[1]])
    return out
