"""Addresses of CMS pages in the visitor's language: a page has the same path in every language
but for the prefix, so a link to a page (or to any page of the portal) chosen in an editor's
language is given in the visitor's (`/about/` on a French page is `/fr/about/`, which shows the
French version, or the English one with a note until it is translated). No query."""

from django import template
from django.utils.translation import get_language

from wsis.i18n import url_in_language

register = template.Library()


@register.filter
def in_visitor_language(url: str | None) -> str:
    """A path of the portal in the active language; any other address as it is."""
    if not url or not url.startswith("/") or url.startswith("//"):
        return url or ""
    return url_in_language(url, get_language())


@register.filter
def link_href(value) -> str:
    """The address of a LinkBlock's value: its page's, else its own, in the active language."""
    page = value.get("page")
    return in_visitor_language(page.url if page is not None else value.get("url"))


@register.simple_tag
def subpage_url(page, name: str) -> str:
    """The address of a routable page's sub-page (a news index's feed, a document's print view),
    like Wagtail's `routablepageurl` but without looking the site up (a query)."""
    return in_visitor_language(page.url + page.reverse_subpage(name).lstrip("/"))
