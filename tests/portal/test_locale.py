"""The vi/en message catalogs (locale/): complete, compiled, up to date, and really used.

The source strings are Vietnamese; English comes from locale/en. The .mo files are committed (a
fresh `make run` needs no gettext), so these tests check that each .mo says what its .po says,
that the English catalog has no untranslated or fuzzy entry, and that the login, home and
organisation pages have no Vietnamese left when the language is English.
"""

import ast
import gettext as gnu_gettext
import html
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from auditlog.context import disable_auditlog
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import translation

from portal.models import OrgKind, Role
from tests.builders import make_org, make_staff, make_user

LOCALE = Path(settings.BASE_DIR) / "locale"
LANGUAGES = ("vi", "en")
PLURAL_FORMS = {"vi": "nplurals=1; plural=0;", "en": "nplurals=2; plural=(n != 1);"}
VIETNAMESE_LETTERS = re.compile(r"[ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]", re.I)
PLACEHOLDER = re.compile(r"%\(\w+\)[sdifr]|%[sdifr]|</?[a-zA-Z][^>]*>")


def po_path(language):
    return LOCALE / language / "LC_MESSAGES" / "django.po"


def mo_path(language):
    return LOCALE / language / "LC_MESSAGES" / "django.mo"


def parse_po(path):
    """A minimal reader for the .po files gettext writes (entries separated by blank lines): a list
    of entries {msgctxt, msgid, msgid_plural, msgstr (index -> text; 0 for a singular entry), flags}.
    Obsolete (#~) entries are skipped."""
    entries = []
    for block in re.split(r"\n\s*\n", path.read_text(encoding="utf-8")):
        entry, field = {"flags": set(), "msgstr": {}}, None
        for line in block.strip().splitlines():
            line = line.strip()
            if line.startswith("#,"):
                entry["flags"].update(flag.strip() for flag in line[2:].split(","))
            elif line.startswith("#"):
                continue
            elif line.startswith('"'):
                if field[0] == "msgstr":
                    entry["msgstr"][field[1]] += ast.literal_eval(line)
                else:
                    entry[field[0]] += ast.literal_eval(line)
            else:
                keyword, _, rest = line.partition(" ")
                if keyword.startswith("msgstr"):
                    field = ("msgstr", int(keyword[7:-1]) if keyword != "msgstr" else 0)
                    entry["msgstr"][field[1]] = ast.literal_eval(rest)
                else:
                    field = (keyword,)
                    entry[keyword] = ast.literal_eval(rest)
        if "msgid" in entry:
            entries.append(entry)
    return entries


def po_catalog(path):
    """The .po as the catalog a compiled .mo holds (gettext's _catalog): fuzzy entries left out
    (msgfmt skips them), msgctxt joined with \\x04, plural forms keyed (msgid, n)."""
    catalog = {}
    for e in parse_po(path):
        if "fuzzy" in e["flags"] and e["msgid"]:
            continue
        key = e["msgid"] if "msgctxt" not in e else f"{e['msgctxt']}\x04{e['msgid']}"
        if "msgid_plural" in e:
            if all(e["msgstr"].values()):
                for n, text in e["msgstr"].items():
                    catalog[(key, n)] = text
        elif e["msgstr"][0]:
            catalog[key] = e["msgstr"][0]
    return catalog


def mo_catalog(path):
    with path.open("rb") as f:
        return dict(gnu_gettext.GNUTranslations(f)._catalog)


def messages(language):
    """The real entries (not the header)."""
    return [e for e in parse_po(po_path(language)) if e["msgid"]]


def tokens(text):
    return sorted(PLACEHOLDER.findall(text))


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalog_is_compiled_and_matches_its_po(language):
    assert po_path(language).exists(), f"{po_path(language)} missing: run `make messages`"
    assert mo_path(language).exists(), f"{mo_path(language)} missing: run `make mo`"
    expected, compiled = po_catalog(po_path(language)), mo_catalog(mo_path(language))
    # The header: msgfmt drops POT-Creation-Date; the rest must match.
    header = expected.pop("")
    assert compiled.pop("") == re.sub(r"POT-Creation-Date: [^\n]*\n", "", header)
    stale = sorted(str(k) for k in expected.keys() ^ compiled.keys())
    stale += sorted(str(k) for k in expected.keys() & compiled.keys() if expected[k] != compiled[k])
    assert not stale, f"{mo_path(language)} is out of date with its .po (run `make mo`): {stale[:5]}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalog_header(language):
    header = next(e for e in parse_po(po_path(language)) if e["msgid"] == "")
    assert "fuzzy" not in header["flags"]
    assert f"Language: {language}\n" in header["msgstr"][0]
    assert f"Plural-Forms: {PLURAL_FORMS[language]}\n" in header["msgstr"][0]
    assert "charset=UTF-8" in header["msgstr"][0]


def test_both_catalogs_have_the_same_messages():
    def keys(language):
        return {(e.get("msgctxt"), e["msgid"], e.get("msgid_plural")) for e in messages(language)}

    vi, en = keys("vi"), keys("en")
    assert len(en) > 100  # a real catalog, not a stub
    assert vi == en, f"only in vi: {sorted(vi - en)[:5]}; only in en: {sorted(en - vi)[:5]}"


def test_vietnamese_catalog_repeats_the_source_strings():
    wrong = [
        e["msgid"]
        for e in messages("vi")
        if "fuzzy" in e["flags"] or set(e["msgstr"].values()) != {e.get("msgid_plural", e["msgid"])}
    ]
    assert not wrong, wrong[:5]


def test_english_catalog_is_complete():
    untranslated = [e["msgid"] for e in messages("en") if not all(e["msgstr"].values())]
    fuzzy = [e["msgid"] for e in messages("en") if "fuzzy" in e["flags"]]
    plural_gaps = [e["msgid"] for e in messages("en") if "msgid_plural" in e and set(e["msgstr"]) != {0, 1}]
    assert not untranslated, f"{len(untranslated)} untranslated, e.g. {untranslated[:5]}"
    assert not fuzzy, f"{len(fuzzy)} fuzzy, e.g. {fuzzy[:5]}"
    assert not plural_gaps, plural_gaps[:5]


def test_english_keeps_placeholders_and_tags():
    broken = []
    for e in messages("en"):
        sources = [e["msgid"], e.get("msgid_plural", e["msgid"])]
        for n, text in e["msgstr"].items():
            if tokens(text) != tokens(sources[min(n, 1)]):
                broken.append((e["msgid"], text))
    assert not broken, broken[:5]


def test_english_has_no_vietnamese_left():
    """Every English string is English: the few that may keep Vietnamese words say why."""
    allowed = re.compile(r"Có/Không")  # the literal yes/no values an import file may contain
    left = [
        text
        for e in messages("en")
        for text in e["msgstr"].values()
        if VIETNAMESE_LETTERS.search(allowed.sub("", text))
    ]
    assert not left, left[:5]


def _msgfmt_or_skip():
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        if os.environ.get("CI") == "true":
            pytest.fail("gettext (msgfmt) must be installed on CI (.ci/run installs it)")
        pytest.skip("gettext (msgfmt) is not installed")
    return msgfmt


@pytest.mark.parametrize("language", LANGUAGES)
def test_msgfmt_accepts_the_catalog(language):
    """gettext's own checks: syntax, header, python-format placeholders, plural forms."""
    msgfmt = _msgfmt_or_skip()
    result = subprocess.run(  # noqa: S603 - a fixed gettext command on a repository file
        [msgfmt, "--check", "--statistics", "-o", os.devnull, str(po_path(language))],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    if language == "en":  # "N translated messages." and nothing fuzzy or untranslated
        assert re.fullmatch(r"\d+ translated messages?\.", result.stderr.strip()), result.stderr


@pytest.mark.parametrize(
    ("vietnamese", "english"),
    [
        ("Đăng nhập", "Log in"),
        ("Đăng xuất", "Log out"),
        ("Tổ chức", "Organisations"),
        ("Cây tổ chức", "Organisation tree"),
        ("Vị trí việc làm", "Job positions"),
        ("Tinh giản biên chế", "Headcount streamlining"),
    ],
)
def test_english_spot_checks(vietnamese, english):
    with translation.override("en"):
        assert translation.gettext(vietnamese) == english
    with translation.override("vi"):
        assert translation.gettext(vietnamese) == vietnamese


def test_english_plurals():
    with translation.override("en"):
        assert translation.ngettext("%(n)s người", "%(n)s người", 1) % {"n": 1} == "1 person"
        assert translation.ngettext("%(n)s người", "%(n)s người", 3) % {"n": 3} == "3 people"
    with translation.override("vi"):
        assert translation.ngettext("%(n)s người", "%(n)s người", 3) % {"n": 3} == "3 người"


# --- pages -----------------------------------------------------------------------------------
# Data with plain ASCII names, so any Vietnamese letter on an English page is an untranslated
# (or never marked) interface string.


@pytest.fixture
def ascii_tree(db):
    with disable_auditlog():  # as the suite's base data (tests/conftest.py): no history rows
        return _ascii_tree()


def _ascii_tree():
    root = make_org("000.00.00.T01", "Test Province", OrgKind.TINH, admin_unit_code="48")
    dept = make_org("000.00.01.T01", "Home Affairs Department", OrgKind.SO, parent=root, short_name="HAD")
    make_org("000.01.01.T01", "Organisation Division", OrgKind.PHONG, parent=dept)
    make_staff(dept, "Nguyen Van A")
    admin = make_user("en_admin", Role.ORG_ADMIN, root, first_name="Ann", last_name="Admin")
    return root, dept, admin


def english_client(user=None):
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    if user:
        client.force_login(user)
    return client


def vietnamese_in(page_html):
    text = html.unescape(page_html)
    return sorted({m.group(0) for m in re.finditer(rf"\S*{VIETNAMESE_LETTERS.pattern}\S*", text, re.I)})


def test_login_page_in_english(db):
    page = english_client().get(reverse("login")).content.decode()
    assert '<html lang="en">' in page
    assert "Log in" in page
    assert "Đăng nhập" not in page
    assert not vietnamese_in(page)


def test_login_error_in_english(db):
    response = english_client().post(reverse("login"), {"username": "nobody", "password": "wrong"})
    page = response.content.decode()
    assert "Incorrect username or password." in page
    assert not vietnamese_in(page)


@pytest.mark.parametrize("page", ["portal:home", "portal:organization_list", "org_detail", "org_search"])
def test_shell_home_and_tree_pages_in_english(ascii_tree, page):
    _root, dept, admin = ascii_tree
    url = {
        "org_detail": dept.get_absolute_url(),
        "org_search": reverse("portal:organization_list") + "?q=department",
    }.get(page) or reverse(page)
    response = english_client(admin).get(url)
    assert response.status_code == 200
    content = response.content.decode()
    assert '<html lang="en">' in content
    assert "Log out" in content and ">Organisations<" in content
    assert not vietnamese_in(content), url


def test_same_pages_stay_vietnamese_by_default(ascii_tree):
    client = Client()
    client.force_login(ascii_tree[2])
    content = client.get(reverse("portal:organization_list")).content.decode()
    assert '<html lang="vi">' in content
    assert "Đăng xuất" in content and "Log out" not in content
