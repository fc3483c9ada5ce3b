"""A scenario's figures frozen as JSON, its catalogue to and from JSON, and the fingerprint of the
live data its figures used."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass

from django.utils.translation import gettext as _

from staffing.merges.catalogue import NewPosition
from staffing.merges.figures import Figures
from staffing.merges.selection import PersonIn, PositionIn, QuotaIn, UnitIn


def figures_json(f: Figures) -> dict:
    """The figures as the JSON a saved scenario freezes (dates ISO, money integer VND)."""
    return {
        "effective": f.effective.isoformat(),
        "years": f.years,
        "rules": asdict(f.rules),
        "base_salary": f.base_salary,
        "retirement_rule_set": f.retirement_code,
        "benefit_rule_set": f.benefit_code,
        "totals": {
            "headcount": sum(c.bounds.headcount for c in f.categories),
            "norm": sum(c.norm for c in f.categories),
            "surplus": f.surplus,
            "position_surplus": f.position_surplus,
            "by_retirement": sum(c.by_retirement for c in f.categories),
            "to_streamline": sum(c.to_streamline for c in f.categories),
            "unresolved": sum(c.unresolved for c in f.categories),
            "streamlining_cost": sum(c.cost for c in f.categories),
            "cost_missing": sum(c.cost_missing for c in f.categories),
            "leaders_losing_post": f.leaders_losing_post,
            "allowance_cost": f.allowance_cost,
            "cost": f.cost,
        },
        "roadmap": {str(y): _year_total(f, y) for y in f.years},
        "categories": [
            {
                "category": c.bounds.category,
                "headcount": c.bounds.headcount,
                "holds_quota": c.bounds.holds_quota,
                "quota_year": c.bounds.quota_year,
                "ceiling": c.bounds.ceiling,
                "floor": c.bounds.floor,
                "by_unit": c.bounds.by_unit,
                "norm": c.norm,
                "surplus": c.surplus,
                "retiring": c.retiring,
                "by_retirement": c.by_retirement,
                "to_streamline": c.to_streamline,
                "picked": c.picked,
                "unresolved": c.unresolved,
                "cost": c.cost,
                "cost_missing": c.cost_missing,
                "costed": c.costed,
                "roadmap": [asdict(s) for s in c.steps],
            }
            for c in f.categories
        ],
        "positions": [
            {
                "key": line.new.key,
                "code": line.new.code,
                "name": line.new.name,
                "group": line.new.group,
                "leader": line.new.leader,
                "needed": line.new.needed,
                "match": line.new.match,
                "holders": line.holders,
                "surplus": line.surplus,
                "vacancy": line.vacancy,
                "olds": line.olds,
            }
            for line in f.positions
        ],
        "people": [
            {
                "id": p.person.id,
                "employee_code": p.person.employee_code,
                "full_name": p.person.full_name,
                "unit": p.person.unit,
                "unit_name": p.unit_name,
                "category": p.person.category,
                "position": p.position,
                "new_position": p.new_position,
                "retirement_date": p.retirement_date.isoformat(),
                "retires_in": p.retires_in,
                "deferral": p.person.deferral,
                "leader_losing_post": p.leader_losing_post,
                "picked": p.picked,
                "benefit": None
                if p.benefit is None
                else {"total": p.benefit.total, "policy": p.benefit.policy, "reason": p.benefit.reason},
            }
            for p in f.people
        ],
    }


def _year_total(f: Figures, year: int) -> dict:
    steps = [s for c in f.categories for s in c.steps if s.year == year]
    return {
        "by_retirement": sum(s.by_retirement for s in steps),
        "by_streamlining": sum(s.by_streamlining for s in steps),
        "surplus_left": sum(s.surplus_left for s in steps),
    }


def catalogue_json(catalogue: Sequence[NewPosition]) -> list[dict]:
    return [asdict(n) | {"sources": list(n.sources)} for n in catalogue]


def catalogue_from_json(rows: Iterable[Mapping]) -> list[NewPosition]:
    return [
        NewPosition(
            key=str(r["key"]),
            code=str(r["code"]),
            name=str(r["name"]),
            group=str(r.get("group", "")),
            needed=int(r["needed"]),
            sources=tuple(int(s) for s in r["sources"]),
            match=str(r.get("match", "")),
        )
        for r in rows
    ]


def fingerprint(
    *,
    units: Sequence[UnitIn],
    positions: Sequence[PositionIn],
    people: Sequence[PersonIn],
    quotas: Sequence[QuotaIn],
) -> str:
    """A SHA-256 of the live data a scenario's figures use (units, positions, people, quotas), in a
    canonical order: a saved scenario whose fingerprint differs from today's is out of date."""
    payload = {
        "units": sorted(_plain(asdict(u)) for u in units),
        "positions": sorted(_plain(asdict(p)) for p in positions),
        "people": sorted(_plain(asdict(p)) for p in people),
        "quotas": sorted(_plain(asdict(q)) for q in quotas),
    }
    return hashlib.sha256(json.dumps(payload, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def _plain(row: dict) -> str:
    return json.dumps(row, sort_keys=True, default=str, ensure_ascii=False)


# --------------------------------------------------------------------------- for the pages


@dataclass
class CompareRow:
    label: str
    left: object
    right: object

    @property
    def differs(self) -> bool:
        return self.left != self.right


def compare_rows(left: dict, right: dict, *, categories: Sequence[str]) -> list[CompareRow]:
    """The headline figures of two frozen scenarios side by side (norm, surplus per category in the
    order of ``categories``, the roadmap year by year, the cost)."""
    lt, rt = left.get("totals", {}), right.get("totals", {})
    rows = [
        CompareRow(_("Người đang làm việc"), lt.get("headcount"), rt.get("headcount")),
        CompareRow(_("Định mức biên chế"), lt.get("norm"), rt.get("norm")),
        CompareRow(_("Dôi dư"), lt.get("surplus"), rt.get("surplus")),
        CompareRow(_("Dôi dư theo vị trí việc làm"), lt.get("position_surplus"), rt.get("position_surplus")),
        CompareRow(_("Giải quyết bằng nghỉ hưu"), lt.get("by_retirement"), rt.get("by_retirement")),
        CompareRow(_("Phải tinh giản"), lt.get("to_streamline"), rt.get("to_streamline")),
        CompareRow(_("Lãnh đạo thôi giữ chức vụ"), lt.get("leaders_losing_post"), rt.get("leaders_losing_post")),
        CompareRow(_("Kinh phí tinh giản (đồng)"), lt.get("streamlining_cost"), rt.get("streamlining_cost")),
        CompareRow(_("Bảo lưu phụ cấp chức vụ (đồng)"), lt.get("allowance_cost"), rt.get("allowance_cost")),
        CompareRow(_("Tổng kinh phí ước tính (đồng)"), lt.get("cost"), rt.get("cost")),
    ]
    by_cat = [{c["category"]: c for c in side.get("categories", [])} for side in (left, right)]
    for category in categories:
        a, b = by_cat[0].get(category), by_cat[1].get(category)
        if a is None and b is None:
            continue
        rows.append(
            CompareRow(
                _("Định mức / dôi dư %(category)s") % {"category": category},
                f"{a['norm']} / {a['surplus']}" if a else None,
                f"{b['norm']} / {b['surplus']}" if b else None,
            )
        )
    years = sorted(set(left.get("roadmap", {})) | set(right.get("roadmap", {})))
    for year in years:
        a, b = left.get("roadmap", {}).get(year), right.get("roadmap", {}).get(year)
        rows.append(
            CompareRow(
                _("Năm %(year)s: nghỉ hưu + tinh giản") % {"year": year},
                f"{a['by_retirement']} + {a['by_streamlining']}" if a else None,
                f"{b['by_retirement']} + {b['by_streamlining']}" if b else None,
            )
        )
    return rows


def present(
    figures: dict,
    *,
    unit_names: Mapping[str, str],
    category_labels: Mapping[str, str],
    staff_category_labels: Mapping[str, str],
    deferral_labels: Mapping[str, str],
) -> dict:
    """The frozen figures as a page shows them: names and labels for codes, dates as dates."""
    categories = []
    for c in figures.get("categories", []):
        units = [{"code": code, "name": unit_names.get(code, code), **values} for code, values in c["by_unit"].items()]
        categories.append({**c, "label": category_labels.get(c["category"], c["category"]), "units": units})
    people = [
        {
            **p,
            "unit_name": unit_names.get(p["unit"], p.get("unit_name", p["unit"])),
            "category_label": staff_category_labels.get(p["category"], p["category"]),
            "deferral_label": deferral_labels.get(p["deferral"], p["deferral"]),
            "retirement": dt.date.fromisoformat(p["retirement_date"]),
        }
        for p in figures.get("people", [])
    ]
    return {"categories": categories, "people": people, "totals": figures.get("totals", {})}
