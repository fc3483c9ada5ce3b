"""The combined catalogue of a merge: duplicates proposed as one position of the new unit, the
user's mapping, the checks of the new positions."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from portal.text import fold
from positions.rules import LEADERSHIP_GROUP
from staffing.merges.selection import PositionIn, Problem

NEEDED_MAX = 100_000  # people a position may need (a typo guard)
OWN = "own"  # the mapping value "a position of its own in the new unit"


@dataclass(frozen=True)
class NewPosition:
    """A position of the new unit: its code, name, group, the people it needs and the old
    positions (ids) mapped to it, the first of which is moved and keeps its descriptions."""

    key: str
    code: str
    name: str
    group: str
    needed: int
    sources: tuple[int, ...]
    match: str = ""  # why its sources were proposed together: "framework", "name" or ""

    @property
    def leader(self) -> bool:
        return self.group == LEADERSHIP_GROUP


def position_key(position_id: int) -> str:
    return f"p{position_id}"


def unique_code(code: str, used: set[str], max_length: int = 30) -> str:
    """``code``, or ``code-2``, ``code-3`` … (cut to ``max_length``) when ``used`` holds it (any case)."""
    taken = {c.casefold() for c in used}
    if code.casefold() not in taken:
        return code
    n = 2
    while True:
        suffix = f"-{n}"
        candidate = code[: max_length - len(suffix)] + suffix
        if candidate.casefold() not in taken:
            return candidate
        n += 1


def default_needed(positions: Sequence[PositionIn]) -> int:
    """The people a merged position needs by default: the largest of the old numbers for a
    leadership position (one head of the merged unit), their sum otherwise."""
    if not positions:
        return 0
    if positions[0].leader:
        return max(p.headcount for p in positions)
    return sum(p.headcount for p in positions)


def propose_catalogue(positions: Sequence[PositionIn]) -> list[NewPosition]:
    """One new position per set of duplicates: positions joined when they share a framework
    position or a folded name (transitively), in the order given (the first of each set names
    it and keeps its code unless an earlier one took it)."""
    parent = list(range(len(positions)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    first_of: dict[str, int] = {}
    for i, position in enumerate(positions):
        keys = [f"n:{fold(position.name)}"] + ([f"f:{position.framework}"] if position.framework else [])
        for key in keys:
            if key in first_of:
                parent[find(i)] = find(first_of[key])
            else:
                first_of[key] = i
    groups: dict[int, list[int]] = {}
    for i in range(len(positions)):
        groups.setdefault(find(i), []).append(i)
    out: list[NewPosition] = []
    used: set[str] = set()
    for members in sorted(groups.values(), key=lambda m: m[0]):
        olds = [positions[i] for i in members]
        head = olds[0]
        frameworks = {p.framework for p in olds if p.framework}
        match = ""
        if len(olds) > 1:
            match = "framework" if len(frameworks) == 1 and all(p.framework for p in olds) else "name"
        code = unique_code(head.code, used)
        used.add(code)
        out.append(
            NewPosition(
                key=position_key(head.id),
                code=code,
                name=head.name,
                group=head.group,
                needed=default_needed(olds),
                sources=tuple(p.id for p in olds),
                match=match,
            )
        )
    return out


def remap(
    catalogue: Sequence[NewPosition],
    positions: Sequence[PositionIn],
    *,
    mapping: Mapping[int, str] | None = None,
    needed: Mapping[str, int] | None = None,
    codes: Mapping[str, str] | None = None,
    names: Mapping[str, str] | None = None,
) -> list[NewPosition]:
    """``catalogue`` after the user's choices: ``mapping`` old position id → a new position's key
    or ``OWN`` (a position of its own, keyed by its id); ``needed``, ``codes``, ``names`` by key.
    Positions not in the catalogue yet (added since) get a position of their own; positions that
    no longer exist are dropped, and so are new positions left without any old one."""
    mapping, needed, codes, names = mapping or {}, needed or {}, codes or {}, names or {}
    by_id = {p.id: p for p in positions}
    known = {n.key: n for n in catalogue}
    current = {source: n.key for n in catalogue for source in n.sources}
    members: dict[str, list[int]] = defaultdict(list)
    for position in positions:
        target = mapping.get(position.id, current.get(position.id, OWN))
        if target == OWN or (target not in known and target != position_key(position.id)):
            target = position_key(position.id)
        members[target].append(position.id)
    order = [n.key for n in catalogue] + [k for k in members if k not in known]
    out: list[NewPosition] = []
    used = {n.code for n in catalogue if n.key in members}
    for key in order:
        sources = tuple(members.get(key, ()))
        if not sources:
            continue
        template = known.get(key)
        if template is None:
            head = by_id[sources[0]]
            code = unique_code(head.code, used)
            used.add(code)
            olds = [by_id[s] for s in sources]
            template = NewPosition(key, code, head.name, head.group, default_needed(olds), sources)
        out.append(
            replace(
                template,
                sources=sources,
                code=codes.get(key, template.code),
                name=names.get(key, template.name),
                needed=needed.get(key, template.needed),
                match=template.match if len(sources) > 1 else "",
            )
        )
    return out


def check_catalogue(
    catalogue: Sequence[NewPosition], *, code_pattern: str, messages: Mapping[str, str]
) -> list[Problem]:
    """Codes present, of the positions' pattern, unique in the new unit (any case); names present;
    people needed 0…NEEDED_MAX. ``messages`` keys: ``code``, ``duplicate``, ``name``, ``needed``."""
    problems = []
    pattern = re.compile(code_pattern)
    seen: dict[str, NewPosition] = {}
    for n in catalogue:
        if not pattern.match(n.code or ""):
            problems.append(Problem(f"code-{n.key}", messages["code"] % {"code": n.code, "name": n.name}))
        other = seen.get(n.code.casefold())
        if other is not None:
            problems.append(
                Problem(f"code-{n.key}", messages["duplicate"] % {"code": n.code, "name": n.name, "other": other.name})
            )
        seen.setdefault(n.code.casefold(), n)
        if not n.name.strip():
            problems.append(Problem(f"name-{n.key}", messages["name"] % {"code": n.code}))
        if not 0 <= n.needed <= NEEDED_MAX:
            problems.append(
                Problem(f"needed-{n.key}", messages["needed"] % {"code": n.code, "value": n.needed, "max": NEEDED_MAX})
            )
    return problems
