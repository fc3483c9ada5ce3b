"""The demo organisation tree: the province with its departments (sở), their divisions (phòng)
and public service units, a selection of its post-2025 communes, and the ministry with its
departments (vụ, cục) and units. Organisation codes have the shape of agency electronic IDs
(``000.00.00.H22``) but are demo codes, not the official ones.
"""

from __future__ import annotations

import csv
import random
from pathlib import Path

import portal
from portal.text import nfc
from staffing.demo.constants import (
    DEMO_COMMUNE_COUNT,
    DEMO_MERGE_DATE,
    DEMO_MINISTRY_CODE,
    DEMO_PROVINCE_ADMIN_CODE,
    DEMO_PROVINCE_CODE,
    DEMO_REFORM_DATE,
    DEMO_SEED,
)
from staffing.demo.data import DEPARTMENTS, MINISTRY
from staffing.demo.specs import OrgSpec

ADMIN_UNITS_CSV = Path(portal.__file__).resolve().parent / "data" / "vn_admin_units_2025.csv"


def load_admin_units(path: Path = ADMIN_UNITS_CSV) -> list[dict[str, str]]:
    """Rows of the administrative-unit CSV, codes kept as text."""
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return [{k: nfc(v) for k, v in row.items()} for row in csv.DictReader(fh)]


def pick_communes(units: list[dict[str, str]], province_code: str, count: int) -> list[dict[str, str]]:
    """``count`` units of the province: every special zone (đặc khu), the rest spread evenly over
    the province's list ordered by code."""
    rows = sorted((u for u in units if u["province_code"] == province_code), key=lambda u: u["unit_code"])
    if len(rows) < count:
        raise ValueError(f"province {province_code} has only {len(rows)} communes")
    special = [u for u in rows if u["unit_kind"] == "Đặc khu"][:count]
    others = [u for u in rows if u not in special]
    need = count - len(special)
    chosen = special + [others[k * len(others) // need] for k in range(need)]
    return sorted(chosen, key=lambda u: u["unit_code"])


def build_org_specs(units: list[dict[str, str]], *, seed: int = DEMO_SEED) -> list[OrgSpec]:
    """The demo organisation tree, parents before children."""
    rng = random.Random(f"{seed}-orgs")
    province_rows = [u for u in units if u["province_code"] == DEMO_PROVINCE_ADMIN_CODE]
    province = province_rows[0]
    h = f"H{DEMO_PROVINCE_ADMIN_CODE}"
    specs = [
        OrgSpec(
            code=DEMO_PROVINCE_CODE,
            name=province["province_full_name"],
            short_name=province["province_name"],
            kind="TINH",
            parent_code=None,
            admin_unit_code=DEMO_PROVINCE_ADMIN_CODE,
            valid_from=DEMO_REFORM_DATE,
        )
    ]
    for nn, (name, merged, divisions, units_sncl) in enumerate(DEPARTMENTS, start=1):
        dept_code = f"000.00.{nn:02d}.{h}"
        specs.append(
            OrgSpec(
                code=dept_code,
                name=name,
                kind="SO",
                parent_code=DEMO_PROVINCE_CODE,
                valid_from=DEMO_MERGE_DATE if merged else None,
                weight=rng.randint(3, 5),  # director and deputies
            )
        )
        for mm, div in enumerate(divisions, start=1):
            specs.append(
                OrgSpec(
                    code=f"000.{mm:02d}.{nn:02d}.{h}",
                    name=div,
                    kind="PHONG",
                    parent_code=dept_code,
                    valid_from=DEMO_MERGE_DATE if merged else None,
                    weight=rng.randint(7, 15),
                )
            )
        for mm, (unit, weight, profile) in enumerate(units_sncl, start=21):
            specs.append(
                OrgSpec(
                    code=f"000.{mm:02d}.{nn:02d}.{h}",
                    name=unit,
                    kind="SNCL",
                    parent_code=dept_code,
                    profile=profile,
                    weight=weight,
                )
            )
    for nn, unit in enumerate(pick_communes(units, DEMO_PROVINCE_ADMIN_CODE, DEMO_COMMUNE_COUNT), start=51):
        specs.append(
            OrgSpec(
                code=f"000.00.{nn:02d}.{h}",
                name=unit["unit_full_name"],
                short_name=unit["unit_name"],
                kind="XA",
                parent_code=DEMO_PROVINCE_CODE,
                admin_unit_code=unit["unit_code"],
                valid_from=DEMO_REFORM_DATE,
                profile="commune",
                weight=rng.randint(16, 26),
            )
        )
    ministry_name, ministry_divisions, ministry_units = MINISTRY
    g = DEMO_MINISTRY_CODE.rsplit(".", 1)[1]
    specs.append(
        OrgSpec(
            code=DEMO_MINISTRY_CODE,
            name=ministry_name,
            kind="BO",
            parent_code=None,
            valid_from=DEMO_MERGE_DATE,
            profile="ministry",
            weight=6,
        )
    )
    for nn, div in enumerate(ministry_divisions, start=1):
        specs.append(
            OrgSpec(
                code=f"000.00.{nn:02d}.{g}",
                name=div,
                kind="PHONG",
                parent_code=DEMO_MINISTRY_CODE,
                valid_from=DEMO_MERGE_DATE,
                profile="ministry",
                weight=rng.randint(22, 36),
            )
        )
    for nn, (unit, weight, profile) in enumerate(ministry_units, start=21):
        specs.append(
            OrgSpec(
                code=f"000.00.{nn:02d}.{g}",
                name=unit,
                kind="SNCL",
                parent_code=DEMO_MINISTRY_CODE,
                profile=profile,
                weight=weight,
            )
        )
    return specs
