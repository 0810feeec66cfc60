"""The one HTML policy of the portal's rich text (roadmap clauses, the description of a
stocktaking entry): lists, emphasis, links and paragraphs, nothing else.

A description written before the editor, or without JavaScript, is plain text: `is_html` tells
the two apart (the editor always opens with a block element), `long_text_html` shows either,
`long_text_plain` reads either as text and `long_text_words` counts the words of either."""

import html
import re

import nh3
from django.utils.html import linebreaks
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = frozenset({"p", "br", "ul", "ol", "li", "em", "strong", "b", "i", "a"})
ALLOWED_ATTRIBUTES = {"a": {"href"}}
ALLOWED_URL_SCHEMES = frozenset({"http", "https", "mailto"})

_BLOCK_EDGE_RE = re.compile(r"^\s*<(?:p|ul|ol|li)\b|</(?:p|ul|ol|li)>\s*$", re.IGNORECASE)
_BREAK_RE = re.compile(r"<br\s*/?>|</p>|</li>|</ul>|</ol>", re.IGNORECASE)
_ITEM_RE = re.compile(r"<li\b[^>]*>", re.IGNORECASE)
_TAG_RE = re.compile(r"<[^<>]*>")
# What the editor writes first (a paragraph is a <div> to Trix; a list opens with its own tag).
_HTML_START_RE = re.compile(r"^\s*<(?:p|div|ul|ol|h[1-6]|blockquote|pre)[\s>]", re.IGNORECASE)
# The rich-text editor (Trix) writes a paragraph as a <div> and may paste headings, quotes and
# code blocks: each becomes a paragraph, where the allow-list alone would run them together.
_EDITOR_BLOCK_RE = re.compile(r"<(/?)(?:div|h[1-6]|blockquote|pre)\b[^>]*>", re.IGNORECASE)


def sanitise_html(fragment: str) -> str:
    """`fragment` with only the allowed tags; no style, class, event handler or script survives.

    Lines of a fragment (the importer joins the pieces of a clause cut by page breaks with a
    newline) become line breaks unless a paragraph or list already separates them.
    """
    fragment = _EDITOR_BLOCK_RE.sub(r"<\1p>", fragment or "")
    lines = [line.strip() for line in fragment.strip().splitlines() if line.strip()]
    joined = ""
    for line in lines:
        if joined and not (_BLOCK_EDGE_RE.search(joined) or _BLOCK_EDGE_RE.search(line)):
            joined += "<br>"
        joined += ("\n" if joined else "") + line
    return clean_html(joined)


def clean_html(fragment: str) -> str:
    """`fragment` through the allow-list alone (idempotent; used again when rendering)."""
    return nh3.clean(
        fragment or "",
        tags=set(ALLOWED_TAGS),
        attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(ALLOWED_URL_SCHEMES),
        link_rel=None,
        strip_comments=True,
    ).strip()


def html_to_text(fragment: str) -> str:
    """Plain text of sanitised HTML for exports: breaks and list items on lines of their own."""
    text = _ITEM_RE.sub("\u2022 ", fragment or "")
    text = _BREAK_RE.sub("\n", text)
    text = html.unescape(_TAG_RE.sub("", text))
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def is_html(text: str) -> bool:
    """Whether `text` is rich text (HTML from the editor) rather than plain text; the editor
    (static/js/editor.js) decides the same way which plain text to turn into paragraphs."""
    return bool(_HTML_START_RE.match(text or ""))


def long_text_clean(text: str) -> str:
    """A long text as stored: HTML through the allow-list (`sanitise_html`), plain text as
    written (a form sent without JavaScript, an import, a translation)."""
    return sanitise_html(text) if is_html(text) else (text or "")


def long_text_html(text: str) -> SafeString:
    """A long text for a page: HTML through the allow-list again, plain text escaped with its
    line breaks and paragraphs."""
    if is_html(text):
        return mark_safe(clean_html(text))  # noqa: S308 - nh3 has just removed everything unsafe
    return mark_safe(linebreaks(text or "", autoescape=True))  # noqa: S308 - escaped by linebreaks


def long_text_plain(text: str) -> str:
    """A long text for the API and exports: plain text, whichever way it was written. HTML goes
    through the allow-list first (idempotent on what the services stored): nothing a stored row
    should not hold (a script's content) becomes text, and the editor's own blocks part lines."""
    return html_to_text(sanitise_html(text)) if is_html(text) else (text or "")


def long_text_words(text: str) -> int:
    """How many words a long text has, as typed or as stored: the words of its text, never its
    tags, a script's content or a list's bullets (the editor's HTML goes through the allow-list
    first; plain text counts as written). static/js/portal.js counts the editor's text alike."""
    if not is_html(text):
        return len((text or "").split())
    fragment = _ITEM_RE.sub("\n", sanitise_html(text))
    fragment = _BREAK_RE.sub("\n", fragment)
    return len(html.unescape(_TAG_RE.sub("", fragment)).split())
