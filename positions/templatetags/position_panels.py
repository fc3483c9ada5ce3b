"""``{% position_panels position %}``: the panels other apps registered for the position page
(``portal.registry.position_panels``), each rendered from its own template."""

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from portal.registry import position_panels as panels

register = template.Library()


@register.simple_tag(takes_context=True)
def position_panels(context, position):
    request = context.get("request")
    parts = []
    for panel in panels:
        found = panel(request, position)
        if found:
            template_name, panel_context = found
            parts.append(render_to_string(template_name, panel_context, request=request))
    # Each part is a template rendered with autoescaping.
    return mark_safe("".join(parts))  # noqa: S308
