"""The one HTML policy of roadmap text: lists, emphasis, links and paragraphs, nothing else."""

import html
import re

import nh3

ALLOWED_TAGS = frozenset({"p", "br", "ul", "ol", "li", "em", "strong", "b", "i", "a"})
ALLOWED_ATTRIBUTES = {"a": {"href"}}
ALLOWED_URL_SCHEMES = frozenset({"http", "https", "mailto"})

_BLOCK_EDGE_RE = re.compile(r"^\s*<(?:p|ul|ol|li)\b|</(?:p|ul|ol|li)>\s*$", re.IGNORECASE)
_BREAK_RE = re.compile(r"<br\s*/?>|</p>|</li>|</ul>|</ol>", re.IGNORECASE)
_ITEM_RE = re.compile(r"<li\b[^>]*>", re.IGNORECASE)
_TAG_RE = re.compile(r"<[^<>]*>")
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
