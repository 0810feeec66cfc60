"""Template tags for pages in six languages: the page in the other languages (hreflang links, the
language switcher), its canonical address, and lists written as each language writes them."""

from django import template
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from wsis import i18n
from wsis.text_languages import text_in

register = template.Library()

# How a language separates the items of a list: Arabic's comma faces the other way, Chinese
# enumerates with the ideographic comma.
LIST_SEPARATORS = {"ar": "، ", "zh-hans": "、"}


@register.simple_tag(takes_context=True)
def page_alternates(context) -> list[dict[str, str]]:
    """The page in every language; a page whose versions are not one per language (a CMS page,
    translated into some languages only) gives its own as `language_alternates`."""
    if context.get("language_alternates") is not None:
        return context["language_alternates"]
    request = context.get("request")
    return i18n.page_alternates(request) if request is not None else []


@register.simple_tag(takes_context=True)
def canonical_url(context) -> str:
    """The page's canonical address; a page shown in another language than its address's (a CMS
    page not translated yet) gives its original's as `canonical_url`."""
    if context.get("canonical_url"):
        return context["canonical_url"]
    request = context.get("request")
    return i18n.canonical_url(request) if request is not None else ""


@register.filter(needs_autoescape=True)
def list_join(items, attribute: str = "", autoescape=True) -> str:
    """The items separated as the current language separates a list; each item shown as text,
    or its `attribute` (a dotted path: "country.name") when given."""
    separator = LIST_SEPARATORS.get(get_language(), ", ")
    escape = conditional_escape if autoescape else str
    texts = []
    for item in items:
        for name in attribute.split(".") if attribute else ():
            item = getattr(item, name)
        texts.append(escape(str(item)))
    # Each text is escaped above.
    return mark_safe(separator.join(texts))  # noqa: S308


@register.filter
def bdi(value) -> str:
    """`value` (escaped) isolated from the text around it, so that an English title keeps its
    own direction inside an Arabic sentence and the reverse."""
    return format_html("<bdi>{}</bdi>", value)


@register.simple_tag
def shown_text(obj, fields: str = ""):
    """`obj`'s text as the current language's reader is shown it (wsis/text_languages.py):
    `{% shown_text entry "title summary" as text %}`, then `text.title`, `text.language`; the
    fields named (all the translated ones by default)."""
    return text_in(obj, get_language(), tuple(fields.split()) or None)


@register.filter
def text_value(text, name: str):
    """One field of a shown text (`shown_text`): `{{ text|text_value:section.key }}`."""
    return text.values[name]


@register.filter
def text_lang(text, name: str) -> str:
    """The language one field of a shown text is in (a translation may leave a field to the
    original)."""
    return text.field_languages[name]
