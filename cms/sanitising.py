"""The HTML policy of CMS rich text: what Wagtail's editor makes, and nothing else.

Wagtail stores rich text in its own database format (`<a linktype="page" id="3">`,
`<embed embedtype="image" .../>`); the editor only produces the features it offers, but text also
arrives through imports and the API, so every rich text block is cleaned with nh3 when saved:
no script, style, event handler or foreign attribute survives, links are http(s), mailto or tel.
"""

import re

import nh3

BLOCK_TAGS = ("p", "h2", "h3", "h4", "li", "blockquote")
ALLOWED_TAGS = frozenset(
    {
        *BLOCK_TAGS,
        *("ul", "ol", "b", "i", "strong", "em", "a", "br", "hr", "sup", "sub", "code", "s"),
        "embed",
    }
)
ALLOWED_ATTRIBUTES = {
    **{tag: {"data-block-key"} for tag in BLOCK_TAGS},
    "a": {"href", "linktype", "id"},
    "embed": {"embedtype", "id", "format", "alt", "url"},
}
ALLOWED_URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
# Wagtail's rewriter finds embeds by their self-closing form, which nh3 does not write.
_EMBED_RE = re.compile(r"<embed\b([^>]*?)\s*/?>", re.IGNORECASE)


def rich_text_sanitise(fragment: str) -> str:
    """`fragment` through the allow-list (idempotent)."""
    cleaned = nh3.clean(
        fragment or "",
        tags=set(ALLOWED_TAGS),
        attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(ALLOWED_URL_SCHEMES),
        link_rel=None,
        strip_comments=True,
    )
    return _EMBED_RE.sub(r"<embed\1/>", cleaned).strip()
