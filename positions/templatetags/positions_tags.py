"""Template helpers of the positions pages: stored rich text, status badges, rank ranges."""

from django import template
from django.utils.safestring import mark_safe

from positions import exporting
from positions.models import DescriptionStatus
from positions.services import sanitize_html

register = template.Library()

STATUS_CLASSES = {
    DescriptionStatus.DRAFT: "text-bg-secondary",
    DescriptionStatus.SUBMITTED: "text-bg-warning",
    DescriptionStatus.RETURNED: "text-bg-danger",
    DescriptionStatus.APPROVED: "text-bg-success",
}


@register.filter
def rich(value):
    """Stored light rich text, sanitised again on the way out (defence in depth: rows written by
    imports or the admin never went through the editor)."""
    return mark_safe(sanitize_html(value or ""))  # noqa: S308 - nh3 output


@register.inclusion_tag("positions/_status_badge.html")
def status_badge(status, version=None):
    label = DescriptionStatus(status).label if status in DescriptionStatus.values else ""
    return {"status": status, "label": label, "css": STATUS_CLASSES.get(status, ""), "version": version}


@register.filter
def rank_range(position):
    return exporting.rank_range(position) or "—"


@register.filter
def training_requirement(position):
    return exporting.training_requirement(position) or "—"


@register.filter
def group_label(position):
    return exporting.group_label(position)


@register.filter
def roman(number):
    try:
        return exporting.ROMAN[int(number) - 1]
    except (IndexError, ValueError, TypeError):
        return number
