"""Reference data of the positions app: position groups, ranks and professional titles, the
competency dictionary and a starter national framework catalogue.

The data lives in the modules of this package. ``groups()``, ``ranks()``, ``competencies()``
and ``framework_positions()`` give its rows as they are stored (every string NFC and trimmed), for
``load`` and for whoever needs the shipped reference data without a database (the demo builder).
``load(apps)`` writes them with the models of an app registry (the historical models of a data
migration, or ``django.apps.apps``) and ``unload(apps)`` deletes what ``load`` wrote. ``load``
upserts by code, so it can run again: a later data migration that changes the data here calls
``load(apps)`` once more.
"""

import unicodedata

from portal.text import fold
from positions.rules import COMPETENCY_LEVELS
from positions.seed.competencies import competency_rows
from positions.seed.framework import FRAMEWORK_LEGAL_BASIS, FRAMEWORK_POSITIONS
from positions.seed.groups import GROUP_LEGAL_BASIS, GROUPS
from positions.seed.ranks import rank_rows


def nfc(value):
    """NFC-normalise every string inside ``value`` (strings, lists, tuples, dicts)."""
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value).strip()
    if isinstance(value, list | tuple):
        return [nfc(v) for v in value]
    if isinstance(value, dict):
        return {k: nfc(v) for k, v in value.items()}
    return value


def groups() -> list[dict]:
    """Position groups, one dict of PositionGroup values per group (``legal_basis`` left out)."""
    return [nfc(row) for row in GROUPS]


def ranks() -> list[dict]:
    """Ranks and professional titles, one dict of Rank values each."""
    return [nfc(row) for row in rank_rows()]


def competencies() -> list[dict]:
    """Competencies, one dict of Competency values each plus ``levels``: the five descriptors."""
    return [nfc(row) for row in competency_rows()]


def framework_positions() -> list[dict]:
    """Framework positions: code, name, group and subgroup, min_rank and max_rank (rank codes or
    None) and the sample description (``sample``)."""
    return [nfc(row) for row in FRAMEWORK_POSITIONS]


def _legal_document(apps, codes):
    LegalDocument = apps.get_model("portal", "LegalDocument")
    found = {d.code: d for d in LegalDocument.objects.filter(code__in=codes)}
    return next((found[c] for c in codes if c in found), None)


def load(apps):
    PositionGroup = apps.get_model("positions", "PositionGroup")
    Rank = apps.get_model("positions", "Rank")
    Competency = apps.get_model("positions", "Competency")
    CompetencyLevel = apps.get_model("positions", "CompetencyLevel")
    FrameworkPosition = apps.get_model("positions", "FrameworkPosition")

    group_basis = _legal_document(apps, GROUP_LEGAL_BASIS)
    group_of = {}
    for row in groups():
        code = row.pop("code")
        group_of[code], _ = PositionGroup.objects.update_or_create(
            code=code, defaults={**row, "legal_basis": group_basis}
        )

    rank_of = {}
    for row in ranks():
        code = row.pop("code")
        rank_of[code], _ = Rank.objects.update_or_create(code=code, defaults=row)

    competency_codes = set()
    for row in competencies():
        levels = row.pop("levels")
        assert len(levels) == len(COMPETENCY_LEVELS), row["code"]
        code = row.pop("code")
        competency, _ = Competency.objects.update_or_create(code=code, defaults=row)
        competency_codes.add(code)
        for level, descriptor in zip(COMPETENCY_LEVELS, levels, strict=True):
            CompetencyLevel.objects.update_or_create(
                competency=competency, level=level, defaults={"descriptor": descriptor}
            )

    framework_basis = _legal_document(apps, FRAMEWORK_LEGAL_BASIS)
    for row in framework_positions():
        unknown = {code for code, _level in row["sample"]["competencies"]} - competency_codes
        assert not unknown, (row["code"], unknown)
        FrameworkPosition.objects.update_or_create(
            code=row["code"],
            defaults={
                "name": row["name"],
                "search_key": fold(row["name"])[:255],
                "group": group_of[row["group"]],
                "subgroup": row["subgroup"],
                "min_rank": rank_of[row["min_rank"]] if row["min_rank"] else None,
                "max_rank": rank_of[row["max_rank"]] if row["max_rank"] else None,
                "sample": row["sample"],
                "legal_basis": framework_basis,
                "active": True,
            },
        )


def unload(apps):
    """Delete the rows ``load`` wrote (by code). Refuses (ProtectedError) while organisations'
    positions still use a group, rank or framework position."""
    apps.get_model("positions", "FrameworkPosition").objects.filter(
        code__in=[row["code"] for row in framework_positions()]
    ).delete()
    apps.get_model("positions", "Competency").objects.filter(code__in=[row["code"] for row in competencies()]).delete()
    apps.get_model("positions", "Rank").objects.filter(code__in=[row["code"] for row in ranks()]).delete()
    apps.get_model("positions", "PositionGroup").objects.filter(code__in=[row["code"] for row in groups()]).delete()
