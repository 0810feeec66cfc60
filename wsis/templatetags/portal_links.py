"""`{{ path|absolute_url }}`: a link that works in a mail (see `wsis.links`)."""

from django import template

from wsis import links

register = template.Library()


@register.filter
def absolute_url(location: str) -> str:
    return links.absolute_url(str(location)) if location else ""
