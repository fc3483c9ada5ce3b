"""The one registry through which the apps above ``portal`` plug into the layers below them, so
that no lower layer ever imports a higher one. Each app registers in its ``AppConfig.ready``.

- ``org_counters``: name -> callable ``(root_paths) -> {path: count}`` giving, for the
  organisations under the given root paths (the roots included), how many of something sits
  *directly* in each (e.g. working staff; a missing path counts 0). The organisation pages call
  each counter once per page, for the subtrees they show, and roll the counts up by path
  (``subtree_counts``): an organisation's number is the sum over the paths that start with its
  own. So a page costs one aggregate per counter over the staff of the subtrees shown, however
  many rows it shows.
- ``position_annotations``: name -> callable returning an expression added to every position of
  the positions catalogue (e.g. the FTE assigned, from ``staffing``).
- ``position_panels``: callables ``(request, position) -> (template_name, context) | None`` that
  the position page renders (``{% position_panels position %}``).
- ``org_counter_links``: name -> ``CounterLink(label, link)`` of a counter the pages show as a
  labelled figure: ``link(org)`` is the list the number counts (e.g. the staff list filtered by the
  organisation), so a figure is never a dead number.
- ``home_panels``: ``HomePanel(render, order, wide)``, ``render(request) -> (template_name, context)
  | None``: the work queues of the home page, each deciding from the user's roles whether it shows,
  rendered by ascending ``order`` (then registration order). A panel shows once whatever the
  number of roles that want it.
- ``org_sections``: ``OrgSection(build, order)``, ``build(request, org, summary) -> HubSection |
  None``: the link cards of an organisation's page (its catalogue, staff, quotas, reports,
  imports), each holding only links the user may open, with figures the summary already counted
  or one aggregate of the section's own.
- ``reference_data``: the models of rule sets and reference data resting on legal documents
  (``ReferenceData(model, legal_field)``), listed with their legal status on the national
  admin's home page.
- ``sheets``: kind -> the import/export engine's ``Sheet`` instance (``imports.registry`` reads it).
- ``menu_entries``: the main navigation after "Tổ chức", in registration order; an entry may be
  shown only to some users (``visible(user)``) and carry a number (``badge(user)``, e.g. what
  waits for approval; one query, only for the users it is visible to).
- ``audit_summary``: the model whose audit log entries summarise a batch of changes
  (``imports.ImportJob``, written by ``imports.audit``): its entry's ``additional_data`` is
  ``{"import": sheet kind, "file_name", "counts": {"created", "updated", "unchanged"}}``, and
  each entry of the batch carries ``{"import_job": its pk, "file_name"}``. The audit log shows
  the summary as one line linking to the model's page and folds the batch's entries under it.
- ``audit_links``: model -> ``AuditLink``: the page the audit log links an object of that model
  to, for models whose page is not their ``get_absolute_url`` (a person's yearly record → the
  person's page).
- ``audit_owners``: model -> ``(key, owner model)``: the entries of that model carry their
  owner's pk in ``additional_data[key]`` (``get_additional_data``: a yearly record its person, a
  membership its organisation), so an organisation admin's log still places them once the
  object itself is deleted.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import accumulate
from typing import Any


@dataclass(frozen=True)
class MenuEntry:
    label: Any  # a lazy translation
    url_name: str
    path_prefix: str
    visible: Callable[[Any], bool] | None = None  # (user) -> shown to this user? (no query, please)
    badge: Callable[[Any], int] | None = None  # (user) -> the number beside the label (one query)
    badge_label: Any = None  # what the number means, for screen readers ("đang chờ")


@dataclass(frozen=True)
class CounterLink:
    label: Any  # a lazy translation: what the figure counts ("người đang làm việc")
    link: Callable[[Any], str] | None = None  # (organisation) -> the list it counts


@dataclass(frozen=True)
class HomePanel:
    render: Callable  # (request) -> (template_name, context) | None
    order: int = 100
    wide: bool = False  # the full width of the page (else half of it on wide screens)


@dataclass(frozen=True)
class HubLink:
    """A link of an organisation's page, with the figure it counts when there is one."""

    label: Any
    url: str
    figure: int | None = None
    id: str = ""
    icon: str = ""


@dataclass(frozen=True)
class HubSection:
    title: Any
    links: Sequence[HubLink]
    icon: str = ""
    id: str = ""


@dataclass(frozen=True)
class OrgSection:
    build: Callable  # (request, org, summary) -> HubSection | None
    order: int = 100


@dataclass(frozen=True)
class ReferenceData:
    model: Any  # a model class
    legal_field: str | None = "legal_document"  # its foreign key to portal.LegalDocument, if any


@dataclass(frozen=True)
class AuditLink:
    url: Callable[[Any], str]  # object -> the URL of its page
    related: tuple[str, ...] = ()  # what ``url`` reads of related objects (select_related)


OrgCounter = Callable[[Sequence[str]], Mapping[str, int]]

org_counters: dict[str, OrgCounter] = {}
org_counter_links: dict[str, CounterLink] = {}
position_annotations: dict[str, Callable] = {}
position_panels: list[Callable] = []
home_panels: list[HomePanel] = []
org_sections: list[OrgSection] = []
reference_data: list[ReferenceData] = []
sheets: dict[str, Any] = {}
menu_entries: list[MenuEntry] = []
audit_summary: type | None = None
audit_links: dict[type, AuditLink] = {}
audit_owners: dict[type, tuple[str, type]] = {}


def register_org_counter(name: str, direct_counts: OrgCounter, *, label=None, link=None) -> None:
    """``direct_counts(root_paths)`` -> ``{organisation path: count directly in it}`` for every
    organisation whose path starts with one of ``root_paths`` (one query, please). With ``label``
    the organisation pages show the figure labelled, linked to ``link(org)`` when given."""
    org_counters[name] = direct_counts
    if label is not None:
        org_counter_links[name] = CounterLink(label, link)


def register_position_annotation(name: str, factory: Callable) -> None:
    position_annotations[name] = factory


def register_position_panel(panel: Callable) -> Callable:
    if panel not in position_panels:
        position_panels.append(panel)
    return panel


def register_home_panel(panel: Callable, *, order: int = 100, wide: bool = False) -> Callable:
    """``panel(request)`` -> ``(template_name, context)`` to show on the home page, or None.
    Panels are shown by ascending ``order``; a panel registered twice is kept once."""
    if panel not in {p.render for p in home_panels}:
        home_panels.append(HomePanel(panel, order, wide))
        home_panels.sort(key=lambda p: p.order)  # stable: registration order within an order
    return panel


def register_org_section(build: Callable, *, order: int = 100) -> Callable:
    """``build(request, org, summary)`` -> a ``HubSection`` of links for the organisation's page,
    or None (nothing the user may open)."""
    if build not in {s.build for s in org_sections}:
        org_sections.append(OrgSection(build, order))
        org_sections.sort(key=lambda s: s.order)
    return build


def register_reference_data(model, legal_field: str | None = "legal_document") -> None:
    """A rule-set or reference-data model for the national admin's home page: its rows counted,
    those without a legal document and the documents it rests on (unverified ones flagged)."""
    if model not in {r.model for r in reference_data}:
        reference_data.append(ReferenceData(model, legal_field))


def register_sheet(sheet) -> Any:
    """Register ``sheet`` under ``sheet.kind`` (a second registration replaces the first)."""
    sheets[sheet.kind] = sheet
    return sheet


def register_audit_summary(model: type) -> type:
    """``model``'s log entries are batch summaries (shown as one line); its queryset is a
    ``ScopedQuerySet`` (the log is scoped through it) and it has ``get_absolute_url``."""
    global audit_summary
    audit_summary = model
    return model


def register_audit_link(model: type, url: Callable[[Any], str], *, related: Sequence[str] = ()) -> None:
    """The audit log links an object of ``model`` to ``url(object)`` (fetched with
    ``select_related(*related)``, through ``for_user``: only objects the reader may read)."""
    audit_links[model] = AuditLink(url, tuple(related))


def register_audit_owner(model: type, key: str, owner: type) -> None:
    """Entries of ``model`` hold ``owner``'s pk in ``additional_data[key]`` (placed through it)."""
    audit_owners[model] = (key, owner)


def register_menu_entry(label, url_name: str, path_prefix: str, *, visible=None, badge=None, badge_label=None) -> None:
    entry = MenuEntry(label, url_name, path_prefix, visible, badge, badge_label)
    if entry.url_name not in {e.url_name for e in menu_entries}:
        menu_entries.append(entry)


def minimal_roots(paths: Iterable[str]) -> list[str]:
    """The paths none of the others is a prefix of: the subtrees that cover all of ``paths``."""
    roots: list[str] = []
    for path in sorted(set(paths)):  # a prefix sorts right before the paths it covers
        if not roots or not path.startswith(roots[-1]):
            roots.append(path)
    return roots


def roll_up(direct: Mapping[str, int], paths: Iterable[str]) -> dict[str, int]:
    """``path -> sum of direct[p] over the p starting with path`` for each of ``paths``, by
    bisection in the sorted direct paths (the paths with a given prefix sort together)."""
    keys = sorted(direct)
    sums = [0, *accumulate(direct[k] for k in keys)]
    # Every string starting with p sorts in [p, p + U+10FFFF) (no path holds U+10FFFF).
    return {p: sums[bisect_left(keys, p + "\U0010ffff")] - sums[bisect_left(keys, p)] for p in paths}


def direct_counts(root_paths: Iterable[str]) -> dict[str, Mapping[str, int]]:
    """``{name: {path: direct count}}`` under ``root_paths``: one call (one query) per registered
    counter, for the minimal roots; none if there are no roots."""
    roots = minimal_roots(root_paths)
    return {name: counter(roots) if roots else {} for name, counter in org_counters.items()}


def subtree_counts(
    paths: Iterable[str], direct: Mapping[str, Mapping[str, int]] | None = None
) -> dict[str, dict[str, int]]:
    """``{name: {path: count in the subtree}}`` of every registered counter, for each of ``paths``.
    ``direct`` (from ``direct_counts``) saves the queries if it was taken under roots that cover
    ``paths``; otherwise it is queried here, under ``paths`` themselves."""
    paths = list(paths)
    if direct is None:
        direct = direct_counts(paths)
    return {name: roll_up(counts, paths) for name, counts in direct.items()}
