"""Validators of the API's input beyond what DRF's fields check."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# RFC 3986: unreserved and reserved characters, and %HH escapes; nothing else (no spaces, quotes,
# angle brackets, backslashes or non-ASCII letters, which an IRI would need escaped).
_URI = re.compile(r"(?:[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*")


def uri_characters(value: str) -> None:
    """A web address the schema's `format: uri` accepts: DRF's URLField lets through characters
    a URI may not hold unescaped (`"`, `<`, `>`, spaces in the query)."""
    if not _URI.fullmatch(value):
        raise ValidationError(
            _(
                "Enter the address with only the characters a URI allows: percent-encode "
                "spaces, quotes, angle brackets and letters outside ASCII."
            ),
            code="invalid_uri",
        )
