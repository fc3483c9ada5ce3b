"""The change history of an object's page (``portal/_history.html``), as the audit log shows it
(``portal.audit``): labels, values, times and diffs read the same everywhere."""

from django import template

from portal.audit import reports

register = template.Library()


@register.simple_tag(takes_context=True)
def audit_history(context, entries):
    """``{% audit_history entries as rows %}``: LogEntry rows → ``portal.audit.present.Row``s the
    request's user reads (a constant number of queries)."""
    return reports.history(context["request"].user, entries)
