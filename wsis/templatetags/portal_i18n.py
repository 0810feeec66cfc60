"""Template tags for pages in six languages: the page in the other languages (hreflang links, the
language switcher), its canonical address, and lists written as each language writes them."""

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from wsis import i18n

register = template.Library()

# How a language separates the items of a list: Arabic's comma faces the other way, Chinese
# enumerates with the ideographic comma.
LIST_SEPARATORS = {"ar": "، ", "zh-hans": "、"}


@register.simple_tag(takes_context=True)
def page_alternates(context) -> list[dict[str, str]]:
    request = context.get("request")
    return i18n.page_alternates(request) if request is not None else []


@register.simple_tag(takes_context=True)
def canonical_url(context) -> str:
    request = context.get("request")
    return i18n.canonical_url(request) if request is not None else ""


@register.filter(needs_autoescape=True)
def list_join(items, autoescape=True) -> str:
    """The items (each shown as text) separated as the current language separates a list."""
    separator = LIST_SEPARATORS.get(get_language(), ", ")
    escape = conditional_escape if autoescape else str
    return mark_safe(separator.join(escape(str(item)) for item in items))  # noqa: S308
