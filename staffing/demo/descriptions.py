"""The descriptions of the demo positions, in every workflow state: a first version copied from
the framework position's sample (or from the custom-position template of its kind), then
submitted, approved or returned, sometimes with an open second version that changes one thing.
Authors, approvers and dates are coherent with ``positions.services`` (who may edit and approve,
one open version per position, times in working hours before the demo's "today"). Pure.
"""

from __future__ import annotations

import random
import unicodedata
from collections import defaultdict
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from portal.text import nfc
from positions.models import CopySource, PositionDescription
from positions.services import sanitize_html
from staffing.demo.constants import (
    APPROVER_A,
    APPROVER_OTHERS,
    AUTHOR_A,
    AUTHOR_OTHERS,
    DEMO_ORG_A_CODE,
    DEMO_REFERENCE_DATE,
)
from staffing.demo.data import CUSTOM_SAMPLES, ORG_A_STATES, RETURN_COMMENTS, STATES, V2_CRITERIA, V2_SENTENCE, V2_TASK
from staffing.demo.specs import Custom, DescriptionSpec, FrameworkRef, OrgSpec, PositionSpec

TZ = ZoneInfo("Asia/Ho_Chi_Minh")


def _sanitize(value: str) -> str:
    return sanitize_html(_nfc_text(value))


def _nfc_text(value: str) -> str:
    return unicodedata.normalize("NFC", value or "")


def clean_sample(sample: dict) -> dict:
    """A sample description as ``positions.services`` would store it: prose sanitised, plain
    fields trimmed, empty tasks dropped, competencies once each with a level 1–5."""
    content = {name: _sanitize(sample.get(name, "")) for name in PositionDescription.PROSE_FIELDS}
    content.update({name: nfc(sample.get(name, "") or "") for name in PositionDescription.PLAIN_FIELDS})
    tasks = []
    for t in sample.get("tasks", []):
        row = tuple(_sanitize(t.get(k, "")) for k in ("task", "outputs", "criteria"))
        if row[0].strip():
            tasks.append(row)
    content["tasks"] = tasks
    seen, competencies = set(), []
    for item in sample.get("competencies", []):
        code, level = (item.get("code"), item.get("level")) if isinstance(item, dict) else item
        if code not in seen and 1 <= int(level) <= 5:
            seen.add(code)
            competencies.append((str(code), int(level)))
    content["competencies"] = competencies
    return content


def custom_sample(post: Custom) -> dict:
    """The sample description of a custom position: the template of its kind filled in."""
    values = {"area": post.area, "training_field": post.training_field, "training_level": post.training_level}
    return _fill(CUSTOM_SAMPLES[post.kind], values)


def _fill(template, values: dict[str, str]):
    if isinstance(template, str):
        return template.format_map(values)
    if isinstance(template, list):
        return [_fill(item, values) for item in template]
    if isinstance(template, dict):
        return {key: _fill(item, values) for key, item in template.items()}
    return template


def _changed(content: dict, rng: random.Random) -> dict:
    """A copy of ``content`` with one small edit, as an officer makes in a new version."""
    new = {**content, "tasks": list(content["tasks"]), "competencies": list(content["competencies"])}
    how = rng.randrange(4)
    if how == 0 and new["objective"].endswith("</p>"):
        new["objective"] = _sanitize(new["objective"][: -len("</p>")] + V2_SENTENCE + "</p>")
    elif how == 1 or not new["tasks"]:
        new["tasks"].append(V2_TASK)
    elif how == 2 and new["competencies"]:
        i = rng.randrange(len(new["competencies"]))
        code, level = new["competencies"][i]
        new["competencies"][i] = (code, level + 1 if level < 5 else level - 1)
    else:
        task, outputs, criteria = new["tasks"][0]
        new["tasks"][0] = (task, outputs, _sanitize(criteria + V2_CRITERIA))
    return new


def _moment(rng: random.Random, start: date, end: date) -> datetime:
    """A working-hours moment between two dates (Asia/Ho_Chi_Minh)."""
    day = start + timedelta(days=rng.randint(0, max((end - start).days, 0)))
    while day.weekday() >= 5:
        day -= timedelta(days=1)
    return datetime.combine(day, time(rng.randint(8, 16), rng.randint(0, 59)), tzinfo=TZ)


def _later(rng: random.Random, after: datetime, low: int, high: int, limit: date) -> datetime:
    start = after.date() + timedelta(days=low)
    moment = _moment(rng, min(start, limit), min(after.date() + timedelta(days=high), limit))
    return max(moment, after + timedelta(minutes=5))


def _in_subtree(code: str, root: str, by_code: dict[str, OrgSpec]) -> bool:
    while code:
        if code == root:
            return True
        code = by_code[code].parent_code
    return False


def describe(
    positions: list[PositionSpec], by_code: dict[str, OrgSpec], framework: dict[str, FrameworkRef], seed: int
) -> None:
    """Descriptions in every workflow state, with coherent authors, approvers and dates."""
    samples: dict[str, dict] = {}
    last = DEMO_REFERENCE_DATE - timedelta(days=2)
    by_org: dict[str, list[PositionSpec]] = defaultdict(list)
    for p in positions:
        by_org[p.org_code].append(p)
    for org_code, catalogue in by_org.items():
        rng = random.Random(f"{seed}-descriptions-{org_code}")
        in_a = _in_subtree(org_code, DEMO_ORG_A_CODE, by_code)
        author = AUTHOR_A if in_a else AUTHOR_OTHERS
        # can_approve: the parent body's organisation admin (orgadmin_a for A's divisions and units).
        approver = APPROVER_A if in_a and org_code != DEMO_ORG_A_CODE else APPROVER_OTHERS
        for index, position in enumerate(catalogue):
            if org_code == DEMO_ORG_A_CODE and index < len(ORG_A_STATES):
                state = ORG_A_STATES[index]
            else:
                state = rng.choices([s for s, _w in STATES], [w for _s, w in STATES])[0]
            if position.framework:
                key = position.framework
                if key not in samples:
                    samples[key] = clean_sample(framework[key].sample)
                copied = f"{key} {framework[key].name}"
            else:
                key = f"custom:{position.custom.name}:{position.custom.area}"
                if key not in samples:
                    samples[key] = clean_sample(custom_sample(position.custom))
                copied = ""
            content = samples[key]
            saves = rng.randint(0, 3)
            if state == "submitted":  # waiting in the approver's queue since May or June
                created = _moment(rng, date(2026, 3, 1), date(2026, 4, 30))
            else:
                created = _moment(rng, date(2025, 9, 1), date(2026, 3, 31))
            v1 = DescriptionSpec(
                version=1,
                status="draft",
                content=content,
                created_by=author,
                created_at=created,
                updated_at=created if saves == 0 else _later(rng, created, 1, 45, last),
                lock_version=saves,
                copied_from_kind=CopySource.FRAMEWORK if copied else "",
                copied_from=copied,
            )
            if state != "draft":
                v1.submitted_by = author
                v1.submitted_at = _later(rng, v1.updated_at, 1, 20, last)
                v1.lock_version += 1
                if state == "submitted":
                    v1.status = "submitted"
                else:
                    v1.decided_by = approver
                    v1.decided_at = _later(rng, v1.submitted_at, 1, 15, last)
                    v1.lock_version += 1
                    v1.status = "returned" if state == "returned" else "approved"
                    if state == "returned":
                        v1.return_comment = rng.choice(RETURN_COMMENTS)
            position.descriptions = [v1]
            if state == "approved+draft":
                v2_saves = rng.randint(1, 3)
                v2_created = _later(rng, v1.decided_at, 10, 90, last)
                position.descriptions.append(
                    DescriptionSpec(
                        version=2,
                        status="draft",
                        content=_changed(content, rng),
                        created_by=author,
                        created_at=v2_created,
                        updated_at=_later(rng, v2_created, 0, 20, last),
                        lock_version=v2_saves,
                        copied_from_kind=CopySource.VERSION,
                        copied_from_version=1,
                    )
                )
