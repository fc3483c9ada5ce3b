"""The reference data the catalogue builder draws on — framework positions and ranks — as plain
values: ``seed_references()`` from the rows the positions app ships (``positions.seed``, the
rows its data migration writes; no database), ``load_references()`` from what the database holds
(a national admin may have changed it since). Both turn rows of the same shape into the same
values (``framework_ref``, ``rank_ref``)."""

from __future__ import annotations

from positions import seed
from positions.models import FrameworkPosition, Rank
from staffing.demo.specs import FrameworkRef, RankRef

References = tuple[dict[str, FrameworkRef], dict[str, RankRef]]


def rank_ref(row: dict) -> RankRef:
    """A row of Rank values (``positions.seed.ranks()`` or ``Rank.objects.values()``)."""
    return RankRef(
        row["code"], row["field"], row["level"], row["salary_group"], row["coefficient_min"], row["coefficient_max"]
    )


def framework_ref(row: dict) -> FrameworkRef:
    """A framework position with its group and ranks as codes (``positions.seed.framework_positions()``)."""
    return FrameworkRef(
        row["code"], row["name"], row["group"], row["subgroup"], row["min_rank"], row["max_rank"], row["sample"] or {}
    )


def seed_references() -> References:
    """The framework catalogue and ranks as the positions migration ships them (no database)."""
    framework = {row["code"]: framework_ref(row) for row in seed.framework_positions()}
    ranks = {row["code"]: rank_ref(row) for row in seed.ranks()}
    return framework, ranks


def load_references() -> References:
    """The active framework catalogue and the ranks as the database holds them (two queries)."""
    ranks = {
        row["code"]: rank_ref(row)
        for row in Rank.objects.values("code", "field", "level", "salary_group", "coefficient_min", "coefficient_max")
    }
    names = ("code", "name", "group", "subgroup", "min_rank", "max_rank", "sample")
    rows = FrameworkPosition.objects.filter(active=True).values_list(
        "code", "name", "group__code", "subgroup", "min_rank__code", "max_rank__code", "sample"
    )
    framework = {row[0]: framework_ref(dict(zip(names, row, strict=True))) for row in rows}
    return framework, ranks
