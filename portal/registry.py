"""Extension points the apps above `portal` fill in, so that `portal` never imports them.

- ``org_counters``: name -> callable returning a Subquery expression (or None) that counts
  something per Organization row (e.g. staff in its subtree); the organisation tree and pages
  annotate with every registered counter in the same query.
"""

from collections.abc import Callable

org_counters: dict[str, Callable] = {}


def register_org_counter(name: str, factory: Callable) -> None:
    org_counters[name] = factory


def annotate_counters(queryset):
    return queryset.annotate(**{name: factory() for name, factory in org_counters.items()})
