"""The text-import toolkit every importer of the secretariat's documents shares: warnings with
line numbers, line splitting that agrees with an editor, spaces, bullets and word counts. The
parsers themselves (roadmaps, events) stay in their apps' `importers/`."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Bullet markers seen in documents exported from word processors; "1." / "1)" numbering is
# handled separately because it needs the digits.
BULLET_CHARS = "-–—•*·▪◦‣●○■□➢►"
_BULLET_RE = re.compile(rf"^\s*(?:[{re.escape(BULLET_CHARS)}]|\d{{1,2}}[.)])(?:\s+|$)")


@dataclass(frozen=True)
class ParseWarning:
    """Something a parser accepted but the secretariat should look at, at a line of the text."""

    line_number: int
    message: str

    def __str__(self) -> str:
        return f"line {self.line_number}: {self.message}"


def split_lines(text: str, *, lone_cr_ends_line: bool = True) -> list[str]:
    """Split on newlines only, so that line numbers match what an editor shows.

    ``str.splitlines`` also breaks on form feeds, vertical tabs and U+2028, which would make the
    numbers in error messages disagree with the file the secretariat has open. A leading byte
    order mark is dropped and "\r\n" ends a line; a lone "\r" (old Mac files) ends one too unless
    `lone_cr_ends_line` is False (a table cell of a word processor's export may hold one).
    """
    text = text.removeprefix("\ufeff").replace("\r\n", "\n")
    if lone_cr_ends_line:
        text = text.replace("\r", "\n")
    return text.split("\n")


def normalise_space(text: str) -> str:
    return " ".join(text.split())


def bullet_text(line: str) -> str | None:
    """The text of a bullet line without its marker, or None when the line is not a bullet."""
    match = _BULLET_RE.match(line)
    if match is None:
        return None
    return normalise_space(line[match.end() :])


def word_count(text: str) -> int:
    return len(re.findall(r"\w+(?:[-'’]\w+)*", text))
