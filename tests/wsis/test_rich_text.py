"""The portal's one rich-text policy (wsis/rich_text.py) for long texts that may be plain text
(written before the editor, or without JavaScript) or the editor's HTML."""

import pytest

from wsis.rich_text import (
    is_html,
    long_text_clean,
    long_text_html,
    long_text_plain,
    long_text_words,
)

EDITOR_HTML = (
    "<div>Plan <strong>first</strong> phase<script>alert(1)</script></div>"
    '<ul><li onclick="x()">2026</li><li>2027</li></ul>'
)
PLAIN = "Speeds < 2 Mbit/s & <b>rising</b>\nin Kenya.\n\nSecond paragraph."


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("<div>Typed in the editor</div>", True),
        ("  <p class='x'>A paragraph</p>", True),
        ("<ul><li>One</li></ul>", True),
        (PLAIN, False),
        ("<b>bold</b> is not a block", False),
        ("<pre", False),
        ("", False),
    ],
)
def test_is_html_knows_the_editor_by_its_first_block(text, expected):
    assert is_html(text) is expected


def test_editor_html_is_stored_through_the_allow_list_and_plain_text_as_written():
    assert long_text_clean(EDITOR_HTML) == (
        "<p>Plan <strong>first</strong> phase</p><ul><li>2026</li><li>2027</li></ul>"
    )
    assert long_text_clean(PLAIN) == PLAIN


def test_a_page_shows_plain_text_escaped_in_paragraphs_and_html_sanitised():
    assert long_text_html(PLAIN) == (
        "<p>Speeds &lt; 2 Mbit/s &amp; &lt;b&gt;rising&lt;/b&gt;<br>in Kenya.</p>\n\n"
        "<p>Second paragraph.</p>"
    )
    assert long_text_html('<p>Kept <a href="javascript:x()">link</a></p><style>p{}</style>') == (
        "<p>Kept <a>link</a></p>"
    )


def test_the_api_and_exports_read_plain_text_either_way():
    assert long_text_plain(long_text_clean(EDITOR_HTML)) == "Plan first phase\n• 2026\n• 2027"
    assert long_text_plain(PLAIN) == PLAIN


@pytest.mark.parametrize(
    ("text", "words"),
    [
        # Tags, a script's content and list bullets are not words; blocks, breaks and items
        # part them; entities are their characters.
        (EDITOR_HTML, 5),
        ("<div>one<br>two</div><div>three&nbsp;four</div>", 4),
        ('<p>one<strong>two</strong> <a href="https://itu.int/">three</a></p>', 2),
        ("<ul><li>alpha</li><li>beta</li></ul><h2>gamma</h2><pre>delta</pre>", 4),
        ("<div><script>one two three</script><style>p {}</style></div>", 0),
        # Plain text counts as written, its "<b>" a word like any other.
        (PLAIN, 10),
        ("", 0),
    ],
)
def test_the_words_of_a_long_text_are_the_words_of_its_text_never_its_tags(text, words):
    assert long_text_words(text) == words
    # As typed or as stored, the count is the same.
    assert long_text_words(long_text_clean(text)) == words
