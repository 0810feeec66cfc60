"""Template helpers of the stocktaking pages."""

from django import template
from django.http import QueryDict
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from stocktaking.public_files import entry_image_url as _entry_image_url
from wsis.rich_text import long_text_html
from wsis.search import HIGHLIGHT_START, HIGHLIGHT_STOP

register = template.Library()


@register.filter
def highlight(snippet: str) -> str:
    """Escapes a search snippet, then turns the search engine's markers into <mark>."""
    escaped = escape(snippet or "")
    return mark_safe(  # noqa: S308 - everything but our own markers was escaped just above
        escaped.replace(HIGHLIGHT_START, "<mark>").replace(HIGHLIGHT_STOP, "</mark>")
    )


@register.simple_tag
def query_with(query: str, name: str, value) -> str:
    """The current query string with one filter set to `value` (and the page reset)."""
    params = QueryDict(query, mutable=True)
    params.pop("page", None)
    params.setlist(name, [str(value)])
    return params.urlencode()


@register.simple_tag
def cell_query(query: str, action_line: str, sdg: int) -> str:
    """The list's query narrowed to one cell of the WSIS-SDG matrix (an Action Line and an SDG),
    every other filter kept, from the first page."""
    params = QueryDict(query, mutable=True)
    params.pop("page", None)
    params.setlist("action_line", [action_line])
    params.setlist("sdg", [str(sdg)])
    return params.urlencode()


@register.simple_tag
def page_query(query: str, page: int) -> str:
    params = QueryDict(query, mutable=True)
    params["page"] = str(page)
    return params.urlencode()


@register.simple_tag
def entry_image_url(entry) -> str:
    """Where a page links the entry's image (the public bucket or the checked view)."""
    return _entry_image_url(entry)


@register.filter
def long_text(value: str) -> SafeString:
    """An entry's description as written: the editor's HTML through the allow-list again, or
    plain text with its paragraphs (`wsis.rich_text.long_text_html`)."""
    return long_text_html(value)
