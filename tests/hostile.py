"""Shared vocabulary of the hostile-input suites: the junk values, and a check that a page holds
no live markup that came from the input."""

from datetime import date, datetime
from html.parser import HTMLParser

from django import forms
from django.db.models import Model

# Each junk value is sent alone in one field; a list is a repeated parameter (a list where the
# form expects one value).
JUNK: dict[str, str | list[str]] = {
    "unknown choice": "no-such-choice-☃",
    "huge number": str(10**30),
    "negative number": "-1",
    "NaN": "NaN",
    "overflowing float": "1e309",
    "a list": ["1", "two", "<b>3</b>"],
    "text in a number or date": "yesterday",
    "1 MB string": "x" * 1_000_000,
    "NUL byte": "abc\x00def",
    "ANSI escape": "\x1b[31mred\x1b[0m",
    "right-to-left override": "\u202egnp.exe",
    "script tag": "<script>alert(1)</script>",
    "event handler": "<img src=x onerror=alert(1)>",
    "javascript URL": "javascript:alert(1)",
    "markup": "<p>Fine</p><script>alert(1)</script><a href=x onclick=alert(1)>x</a>",
}
# What the markup junk would run if a page rendered it raw.
PAYLOAD = "alert(1)"


class _LiveMarkup(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self._in_script = tag == "script"
        for name, value in attrs:
            value = (value or "").strip().lower()
            if name.startswith("on") and PAYLOAD in value:
                self.found.append(f"<{tag} {name}={value!r}>")
            if name in ("href", "src", "action", "formaction") and value.startswith("javascript:"):
                self.found.append(f"<{tag} {name}={value!r}>")

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script and PAYLOAD in data:
            self.found.append(f"<script>{data[:80]}</script>")


def live_markup(html: str) -> list[str]:
    """The scripts, event handlers and javascript: links of `html` that carry the junk's payload."""
    parser = _LiveMarkup()
    parser.feed(html)
    parser.close()
    return parser.found


def _value(value):
    if isinstance(value, Model):
        return value.pk
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if not isinstance(value, str) and hasattr(value, "__iter__"):
        return [_value(item) for item in value]
    return "" if value is None else value


def initial_of(context_name: str = "form", **extra):
    """The form as the page shows it (GET), as a POST body: an unchanged, valid edit."""

    def base(world, client, path):
        form = client.get(path).context[context_name]
        data = {}
        for bound in form:
            value = bound.value()
            if isinstance(bound.field, forms.BooleanField):
                if value:
                    data[bound.name] = "on"
                continue
            data[bound.name] = _value(value)
        return {**data, **extra}

    return base
