"""Readable audit-log changes without extra queries: field verbose names and choice labels
from the model's metadata."""

from django import template
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist

register = template.Library()

EMPTY = {None, "", "None"}


def _label(field, value):
    if value in EMPTY:
        return "∅"
    choices = dict(field.flatchoices) if getattr(field, "choices", None) else None
    if choices and value in choices:
        return str(choices[value])
    if field.is_relation:
        return f"#{value}"
    if field.get_internal_type() == "BooleanField":
        return "✓" if str(value).lower() in {"true", "1"} else "✗"
    return value


@register.filter
def readable_changes(entry):
    """[(field label, before, after)] for a LogEntry."""
    # get_for_id is served from ContentType's cache: no query per entry.
    model = ContentType.objects.get_for_id(entry.content_type_id).model_class() if entry.content_type_id else None
    rows = []
    for name, change in (entry.changes_dict or {}).items():
        before, after = (list(change) + [None, None])[:2] if isinstance(change, list | tuple) else (None, change)
        try:
            field = model._meta.get_field(name) if model else None
        except FieldDoesNotExist:
            field = None
        if field is not None and not hasattr(field, "verbose_name"):
            continue  # a reverse relation (auditlog lists them on create): nothing a reader needs
        if field is None:
            rows.append((name, before if before not in EMPTY else "∅", after if after not in EMPTY else "∅"))
        else:
            rows.append((str(field.verbose_name), _label(field, before), _label(field, after)))
    return rows
