"""Template filters of the roadmap pages."""

from django import template
from django.utils.safestring import SafeString, mark_safe

from wsis.rich_text import clean_html

register = template.Library()


@register.filter
def rich(value: str) -> SafeString:
    """Stored clause HTML, passed through the allow-list again before it is trusted."""
    return mark_safe(clean_html(value))  # noqa: S308 - nh3 has just removed everything unsafe


@register.filter
def column(clause, name: str) -> SafeString:
    """One column of a clause by field name, as trusted rich text."""
    return rich(getattr(clause, name, ""))
