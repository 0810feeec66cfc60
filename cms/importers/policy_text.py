"""Reads a policy document kept as plain text (the secretariat's export of a word-processor file,
like ITU's input to the Global Digital Compact) into its structure: title, numbered headings,
paragraphs (numbered where the text numbers them), bullet lists, annexes and footnotes.

The format, as the secretariat's files have it:
- the first non-empty line is the title;
- `1. CONNECT ALL PEOPLE` or `2.1. CORE PRINCIPLES`: a numbered heading (its words in capitals);
  a line all in capitals without a number is an unnumbered subheading;
- `ANNEX 2: BUCHAREST DECLARATION`: the start of an annex;
- `1. They emphasized ...`: a numbered paragraph (ordinary text after the number);
- `- item`: a bullet; consecutive bullets make one list;
- `¹ text` at the start of a line: the text of footnote 1, referenced by `¹` in the text;
- `**bold**`, `*italic*` and `[text](https://...)` inline; any other link target is kept as text.

Pure functions: `parse_policy_text` returns a `ParsedDocument` or raises `PolicyTextError`
naming the line; nothing here touches the database.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from wsis.text_import import split_lines

SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_SUPERSCRIPT_VALUE = {character: str(value) for value, character in enumerate(SUPERSCRIPTS)}
_FOOTNOTE_TEXT_RE = re.compile(rf"^([{SUPERSCRIPTS}]+)\s+(\S.*)$")
_FOOTNOTE_REF_RE = re.compile(rf"(?<=\S)([{SUPERSCRIPTS}]+)")
_ANNEX_RE = re.compile(r"^ANNEX\s+([0-9]+|[IVXLC]+)\s*[:.\-–—]\s*(\S.*)$", re.IGNORECASE)
_NUMBERED_RE = re.compile(r"^(\d+(?:\.\d+)*)\.?\s+(\S.*)$")
_BULLET_RE = re.compile(r"^[-*•]\s+(\S.*)$")
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_BOLD_RE = re.compile(r"\*\*(.+?)\*\*")
_ITALIC_RE = re.compile(r"(?<![*\w])\*(?!\s)(.+?)(?<!\s)\*(?![*\w])")
_LINK_RE = re.compile(r"\[((?:[^\]\\]|\\.)+)\]\(([^)\s]*)\)")
_ESCAPED_RE = re.compile(r"\\([\\()\[\]*_#.-])")
MAX_TITLE_LENGTH = 300


class PolicyTextError(ValueError):
    """The file cannot be read as a policy document; `line` is where (1-based)."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(f"Line {line}: {message}")
        self.line = line
        self.message = message


@dataclass
class Block:
    kind: str  # "heading", "paragraph" or "annex" (cms.enums.DocumentBlockKind)
    line: int
    number: str = ""
    text: str = ""  # the heading's or annex's title; a paragraph's HTML
    level: int = 2


@dataclass
class Footnote:
    number: str
    text: str
    line: int


@dataclass
class ParsedDocument:
    title: str
    blocks: list[Block] = field(default_factory=list)
    footnotes: list[Footnote] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def count(self, kind: str) -> int:
        return sum(1 for block in self.blocks if block.kind == kind)

    @property
    def numbered_paragraphs(self) -> int:
        return sum(1 for block in self.blocks if block.kind == "paragraph" and block.number)

    @property
    def annexes(self) -> list[Block]:
        return [block for block in self.blocks if block.kind == "annex"]


def _superscript_number(text: str) -> str:
    return "".join(_SUPERSCRIPT_VALUE[character] for character in text)


def _is_capitals(text: str) -> bool:
    letters = [character for character in text if character.isalpha()]
    return len(letters) >= 3 and all(character.isupper() for character in letters)


def inline_html(text: str, referenced: dict[str, int], line: int) -> str:
    """One line's text as rich text: escaped, with bold, italics, web links and footnote marks."""

    def link(match: re.Match) -> str:
        label, target = match.group(1), match.group(2)
        if target.startswith(("https://", "http://")):
            return f'<a href="{html.escape(target)}">{label}</a>'
        return label

    def footnote(match: re.Match) -> str:
        number = _superscript_number(match.group(1))
        referenced.setdefault(number, line)
        return f'<sup><a href="#footnote-{number}">{number}</a></sup>'

    escaped = html.escape(text, quote=False)
    escaped = _LINK_RE.sub(link, escaped)
    escaped = _ESCAPED_RE.sub(r"\1", escaped)
    escaped = _BOLD_RE.sub(r"<b>\1</b>", escaped)
    escaped = _ITALIC_RE.sub(r"<i>\1</i>", escaped)
    return _FOOTNOTE_REF_RE.sub(footnote, escaped)


def parse_policy_text(text: str) -> ParsedDocument:
    lines = split_lines(text)
    for number, line in enumerate(lines, start=1):
        if _CONTROL_RE.search(line):
            raise PolicyTextError(number, "a control character (such as NUL): not a text file.")
    first = next((number for number, line in enumerate(lines, start=1) if line.strip()), None)
    if first is None:
        raise PolicyTextError(1, "the file is empty: expected the document's title.")
    title = lines[first - 1].strip()
    if (
        len(title) > MAX_TITLE_LENGTH
        or _BULLET_RE.match(title)
        or _FOOTNOTE_TEXT_RE.match(title)
        or _ANNEX_RE.match(title)
    ):
        raise PolicyTextError(
            first, "expected the document's title (one short line) before anything else."
        )
    document = ParsedDocument(title=title)
    referenced: dict[str, int] = {}
    given: dict[str, int] = {}
    bullets: list[str] = []
    bullets_line = 0
    heading_numbers: dict[str, int] = {}
    last_annex: tuple[int, int] | None = None

    def flush_bullets() -> None:
        nonlocal bullets
        if bullets:
            items = "".join(f"<li>{item}</li>" for item in bullets)
            document.blocks.append(Block("paragraph", bullets_line, text=f"<ul>{items}</ul>"))
            bullets = []

    for number, raw in enumerate(lines[first:], start=first + 1):
        line = raw.strip()
        if not line:
            continue
        if match := _FOOTNOTE_TEXT_RE.match(line):
            key = _superscript_number(match.group(1))
            if key in given:
                raise PolicyTextError(
                    number, f"footnote {key} is given twice (first on line {given[key]})."
                )
            given[key] = number
            document.footnotes.append(
                Footnote(key, _ESCAPED_RE.sub(r"\1", _LINK_RE.sub(r"\1", match.group(2))), number)
            )
            continue  # a footnote may sit in the middle of a list: the list goes on after it
        if match := _BULLET_RE.match(line):
            if not bullets:
                bullets_line = number
            bullets.append(inline_html(match.group(1), referenced, number))
            continue
        flush_bullets()
        if match := _ANNEX_RE.match(line):
            annex_number, annex_title = match.group(1).upper(), match.group(2).strip()
            if annex_number.isdigit():
                if last_annex is not None and int(annex_number) != last_annex[0] + 1:
                    document.warnings.append(
                        f"Line {number}: annex {annex_number} follows annex {last_annex[0]}."
                    )
                last_annex = (int(annex_number), number)
            document.blocks.append(Block("annex", number, number=annex_number, text=annex_title))
            continue
        match = _NUMBERED_RE.match(line)
        if match and _is_capitals(match.group(2)):
            heading_number = match.group(1)
            if heading_number in heading_numbers:
                document.warnings.append(
                    f"Line {number}: heading number {heading_number} was used already on line "
                    f"{heading_numbers[heading_number]}."
                )
            heading_numbers.setdefault(heading_number, number)
            level = 2 if "." not in heading_number else 3
            document.blocks.append(
                Block("heading", number, number=heading_number, text=match.group(2), level=level)
            )
            continue
        if match and "." not in match.group(1):
            document.blocks.append(
                Block(
                    "paragraph",
                    number,
                    number=match.group(1),
                    text=f"<p>{inline_html(match.group(2), referenced, number)}</p>",
                )
            )
            continue
        if _is_capitals(line) and len(line) <= 200 and not line.endswith("."):
            document.blocks.append(Block("heading", number, text=line, level=3))
            continue
        document.blocks.append(
            Block("paragraph", number, text=f"<p>{inline_html(line, referenced, number)}</p>")
        )
    flush_bullets()

    for key, line in sorted(referenced.items(), key=lambda item: item[1]):
        if key not in given:
            raise PolicyTextError(line, f"footnote {key} is referenced but its text is missing.")
    for key, line in given.items():
        if key not in referenced:
            document.warnings.append(f"Line {line}: footnote {key} is never referenced.")
    if not document.blocks:
        raise PolicyTextError(first, "the title is followed by no text.")
    return document
