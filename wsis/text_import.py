"""The text-import toolkit every importer of the secretariat's documents shares: decoding an
uploaded file, warnings with line numbers, line splitting that agrees with an editor, spaces,
bullets and word counts. The parsers themselves (roadmaps, events, the CMS's policy documents)
stay in their apps' `importers/`."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

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


class TextEncodingError(ValueError):
    """The file is not UTF-8 text and its encoding cannot be known for certain."""

    def __init__(self, line_number: int, message: str) -> None:
        self.line_number = line_number
        self.message = message
        super().__init__(message)


# Byte order marks name their encoding for certain; UTF-32's must be tried before UTF-16's,
# whose little-endian mark is the start of UTF-32's.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Bytes that never occur in a text file: C0 controls other than tab, newline, form feed and return.
_BINARY_RE = re.compile(rb"[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f]")


def decode_text_file(raw: bytes) -> str:
    """The text of an uploaded file, or TextEncodingError naming the line of the first byte that
    is not UTF-8 and asking for the file to be saved as UTF-8.

    A byte order mark names the encoding for certain (UTF-8, UTF-16, UTF-32) and is decoded.
    A Latin-1 or Windows-1252 file has none: the same bytes are valid in several single-byte
    encodings (Windows-1250, Mac Roman…), so guessing could change letters without anyone
    noticing; such a file is refused with the line and the character it probably meant.
    """
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            try:
                return raw.decode(encoding)
            except UnicodeDecodeError as error:
                raise _encoding_error(raw, error.start, encoding=encoding) from error
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise _encoding_error(raw, error.start) from error


def _encoding_error(raw: bytes, position: int, *, encoding: str = "utf-8") -> TextEncodingError:
    line = raw[:position].count(b"\n") + 1
    if encoding != "utf-8":
        return TextEncodingError(
            line,
            _(
                "Line %(line)s: the file starts as %(encoding)s text but is not. Save it as "
                "UTF-8 and import it again."
            )
            % {"line": line, "encoding": encoding.upper().removesuffix("-SIG")},
        )
    if _BINARY_RE.search(raw[:4096]) is None:
        start = max(raw.rfind(b"\n", 0, position) + 1, position - 30)
        end = raw.find(b"\n", position)
        end = min(end if end >= 0 else len(raw), position + 30)
        excerpt = normalise_space(raw[start:end].decode("cp1252", errors="replace"))
        return TextEncodingError(
            line,
            _(
                "Line %(line)s: the file is not UTF-8 text; it looks like Latin-1 or "
                "Windows-1252 (“%(excerpt)s”). Save it as UTF-8 (in a word processor: Save as, "
                "Plain text, Unicode UTF-8) and import it again."
            )
            % {"line": line, "excerpt": excerpt[:60]},
        )
    return TextEncodingError(
        line,
        _("Line %(line)s: the file is not UTF-8 text. Save it as UTF-8 and import it again.")
        % {"line": line},
    )
