"""Reference data of a CMS page from the cached reference lists, read once per "core"
generation for the whole portal: a standard page's Action Line costs no query."""

from django import template

from wsis.caching.reference import reference_lists

register = template.Library()


@register.simple_tag
def action_line_of(page):
    """The Action Line of `page` (a standard page's), or None."""
    pk = getattr(page, "action_line_id", None)
    if pk is None:
        return None
    return next((line for line in reference_lists().action_lines if line.pk == pk), None)
