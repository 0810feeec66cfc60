"""Parser for the secretariat's WSIS Action Line Roadmap documents (word-processor text export).

The export holds a title block, a table of contents, then one section per Action Line
("2. Roadmap for WSIS Action Line C2: Information and Communication Infrastructure") whose
table comes as tab-separated rows of seven cells holding HTML fragments. The header row is
repeated at every page break and a clause that runs over a page break goes on in the next
row, cell by cell. Cell text is kept as found: the caller sanitises it (nh3) before storing.

Pure Python on purpose (no Django), so that the format can be tested and fuzzed on its own.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from datetime import date
from enum import Enum

from wsis.text_import import ParseWarning, split_lines

__all__ = [
    "COLUMN_COUNT",
    "EXPECTED_COLUMNS",
    "ParseWarning",
    "ParsedActionLine",
    "ParsedClause",
    "ParsedSourceGroup",
    "RoadmapDocument",
    "RoadmapFormatError",
    "extract_sdg_numbers",
    "parse_roadmap_document",
]

COLUMN_COUNT = 7
EXPECTED_COLUMNS: tuple[str, ...] = (
    "WSIS Outcomes (WSIS AL Cn)",
    "Proposed Timing",
    "ITU Strategic Goals and Relevant Resolutions",
    "Linkages with SDGs",
    "Evidence-based analysis of the current situation",
    "Expected and Achieved results and targets to be achieved",
    "COVID-19 Response",
)

# Header cells are compared on lower-case letters and digits only, so that the spelling
# variants of the export ("COVID- 19 Response", stray spaces, line breaks) all match, while a
# column that is really different ("Budget") does not.
_HEADER_KEYS: tuple[re.Pattern[str], ...] = tuple(
    re.compile(pattern)
    for pattern in (
        r"^wsisoutcomes",
        r"timing",
        r"strategicgoals",
        r"sdg",
        r"currentsituation",
        r"results",
        r"covid",
    )
)
_CANONICAL_HEADER_CELLS = frozenset(
    re.sub(r"[^a-z0-9]", "", name.lower()) for name in EXPECTED_COLUMNS[1:]
)
_MAX_HEADER_CELL_LENGTH = 120
_MAX_FIRST_HEADER_CELL_LENGTH = 40

_HEADER_CODE_RE = re.compile(r"\bC\s*(\d{1,2}(?:\.\d)?)\W*$", re.IGNORECASE)
_TAG_RE = re.compile(r"<[^<>]*>")
_HEADING_RE = re.compile(
    r"^[\s#*_]*(?:\d+(?:\.\d+)*\.?\s+)?roadmap\s+for\s+(?:the\s+)?wsis\s+action\s+line\s+"
    r"(?P<code>c\d{1,2}(?:\.\d)?)\s*[:.\u2013\u2014-]\s*(?P<title>.*)$",
    re.IGNORECASE,
)
_TOC_PAGE_RE = re.compile(r"\s*(?:\d{1,4}|[ivxlcdm]{1,8})\s*", re.IGNORECASE)
_AS_OF_DAY_FIRST_RE = re.compile(
    r"as\s+of\s+(?P<day>\d{1,2})\s+(?P<month>[a-z]+)\.?,?\s+(?P<year>\d{4})", re.IGNORECASE
)
_AS_OF_MONTH_FIRST_RE = re.compile(
    r"as\s+of\s+(?P<month>[a-z]+)\.?\s+(?P<day>\d{1,2}),?\s+(?P<year>\d{4})", re.IGNORECASE
)
_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_SOURCE_TITLE_RE = re.compile(
    r"^(?:geneva\s+(?:plan\s+of\s+action|declaration)|tunis\s+(?:agenda|commitment)"
    r"|wsis\s*\+\s*\d+)",
    re.IGNORECASE,
)
_MAX_SOURCE_TITLE_LENGTH = 300
# A '.' only ends a label when a space, a tag or the end of the cell follows it, so that text
# such as "e.g. the ..." or "U.S. policy" continuing a clause is not read as label "e" or "U".
_LABEL_RE = re.compile(
    r"^(?P<tags>(?:\s*<[^<>]*>)*)\s*(?P<label>[A-Za-z]\d{0,2}|[01])\s*(?::|\.(?=\s|<|$))\s*"
    r"(?P<rest>.*)$",
    re.DOTALL,
)
_LABEL_PARTS_RE = re.compile(r"(?P<letter>[A-Za-z01])(?P<number>\d{0,2})")
# Misreadings of the word processor or of an OCR pass, keyed by the label that the alphabetical
# run expects and valued by the labels that may stand for it (a difference of case alone is
# always accepted). Lower-case 'i' is not taken for 'l' because "i." at the start of a row is far
# more often a roman-numeral sub-item than a misread 'l'.
_LOOKALIKES: dict[str, frozenset[str]] = {
    "i": frozenset({"l", "1"}),
    "I": frozenset({"l", "1"}),
    "l": frozenset({"I", "1"}),
    "o": frozenset({"0"}),
    "O": frozenset({"0"}),
}
_ROMAN_LETTERS = frozenset("ivxIVX")


class RoadmapFormatError(ValueError):
    """The text is not a roadmap document this parser can read; ``line_number`` is 1-based."""

    def __init__(self, line_number: int, message: str) -> None:
        self.line_number = line_number
        self.message = message
        super().__init__(f"line {line_number}: {message}")


@dataclass(frozen=True)
class ParsedClause:
    label: str
    outcome_text: str
    proposed_timing: str
    strategic_goals: str
    sdg_linkages_text: str
    sdg_numbers: tuple[int, ...]
    current_situation: str
    results_and_targets: str
    covid_response: str
    line_number: int
    # The label as printed when the alphabetical run required another one ("I" where the run
    # needs "l"): `label` holds the one the run requires. Empty when they agree.
    printed_label: str = ""


@dataclass(frozen=True)
class ParsedSourceGroup:
    title: str
    clauses: list[ParsedClause]
    line_number: int


@dataclass(frozen=True)
class ParsedActionLine:
    code: str
    title: str
    notes: list[str]
    groups: list[ParsedSourceGroup]
    line_number: int


@dataclass(frozen=True)
class RoadmapDocument:
    as_of: date | None
    action_lines: list[ParsedActionLine]
    warnings: list[ParseWarning]


# --- SDG numbers -----------------------------------------------------------------------------

_SDG_ITEM = r"\d+(?:\.(?:\d{1,2}|[a-z])\b)?"
_SDG_RANGE_ITEM = rf"{_SDG_ITEM}(?:\s*(?:-|\u2013|\u2014|\bto\b)\s*{_SDG_ITEM})?"
_SDG_MENTION_RE = re.compile(
    rf"\bSDGs?(?:\s+targets?)?\s*(?:no\.?\s*|nos\.?\s*|#\s*)?"
    rf"(?P<items>{_SDG_RANGE_ITEM}(?:\s*(?:,|;|/|&|\band\b|\bor\b)\s*{_SDG_RANGE_ITEM})*)",
    re.IGNORECASE,
)
_SDG_ITEM_RE = re.compile(
    rf"(?P<first>{_SDG_ITEM})(?:\s*(?:-|\u2013|\u2014|\bto\b)\s*"
    rf"(?P<last>{_SDG_ITEM}))?",
    re.IGNORECASE,
)
_SDG_TARGET = r"\d{1,2}\.(?:\d{1,2}|[a-z])"
# The C5 roadmap names SDG targets only ("1.4, 4.1, 5.b, 9.c"): a cell made of nothing but
# targets names their goals. Targets inside prose are not read, since "Industry 4.0" or
# "version 2.1" would otherwise count as goals.
_SDG_TARGET_LIST_RE = re.compile(
    rf"\s*{_SDG_TARGET}(?:(?:\s*[,;]\s*|\s+and\s+|\s+){_SDG_TARGET})*\s*[.;]?\s*", re.IGNORECASE
)
_SDG_TARGET_RE = re.compile(_SDG_TARGET, re.IGNORECASE)
_FIRST_SDG, _LAST_SDG = 1, 17


def _goal_of(item: str) -> int:
    digits = item.split(".", 1)[0]
    # int() of a very long digit string is slow or refused; no goal has more than two digits.
    return int(digits) if len(digits) <= 2 else 0


def _goals_in_item(first: str, last: str | None) -> range:
    low = _goal_of(first)
    high = _goal_of(last) if last else low
    low, high = min(low, high), max(low, high)
    return range(max(low, _FIRST_SDG), min(high, _LAST_SDG) + 1)


def extract_sdg_numbers(text: str) -> tuple[int, ...]:
    """SDG numbers named in free text: "SDG 8,9", "SDGs 4, 5 and 9", "SDG 1-3", "SDG 9.c".

    A text that is only a list of SDG targets ("1.4, 9.c") names the goals of those targets.
    Only 1..17 are kept; the result is sorted and without duplicates.
    """
    plain = html.unescape(_TAG_RE.sub(" ", text))
    numbers: set[int] = set()
    for mention in _SDG_MENTION_RE.finditer(plain):
        for item in _SDG_ITEM_RE.finditer(mention.group("items")):
            numbers.update(_goals_in_item(item.group("first"), item.group("last")))
    if _SDG_TARGET_LIST_RE.fullmatch(plain):
        for target in _SDG_TARGET_RE.findall(plain):
            numbers.update(_goals_in_item(target, None))
    return tuple(sorted(numbers))


# --- small line and cell helpers -----------------------------------------------------------


def _plain_text(fragment: str) -> str:
    return " ".join(html.unescape(_TAG_RE.sub(" ", fragment)).split())


def _squashed(fragment: str) -> str:
    return re.sub(r"[^a-z0-9]", "", _plain_text(fragment).lower())


def _parse_heading(line: str) -> tuple[str, str] | None:
    match = _HEADING_RE.match(_plain_text(line))
    if match is None:
        return None
    # Dot leaders and closing emphasis marks are stripped here rather than in the pattern,
    # where a lazy title followed by them would backtrack quadratically on a long run of dots.
    return match.group("code").upper(), match.group("title").rstrip(" *_.")


def _is_toc_entry(cells: list[str]) -> bool:
    return len(cells) in (2, 3) and bool(_TOC_PAGE_RE.fullmatch(cells[-1]))


def _parse_as_of(line: str) -> date | str | None:
    """The "Draft as of ..." date of a line; None if the line has none, a message if invalid."""
    for pattern in (_AS_OF_DAY_FIRST_RE, _AS_OF_MONTH_FIRST_RE):
        match = pattern.search(line)
        if match is None:
            continue
        month = _MONTHS.get(match.group("month").lower())
        if month is None:
            continue
        try:
            return date(int(match.group("year")), month, int(match.group("day")))
        except ValueError:
            return f"'{match.group(0)}' is not a valid date; the document date is left unset"
    return None


def _looks_like_header(cells: list[str]) -> bool:
    first = _squashed(cells[0])
    # The length bound keeps a clause that happens to open with "WSIS outcomes ..." a clause.
    if _HEADER_KEYS[0].search(first) and len(first) <= _MAX_FIRST_HEADER_CELL_LENGTH:
        return True
    return sum(_squashed(cell) in _CANONICAL_HEADER_CELLS for cell in cells) >= 2


def _header_problem(cells: list[str]) -> str | None:
    if len(cells) != COLUMN_COUNT:
        return (
            f"unknown header row: found {len(cells)} columns, expected the {COLUMN_COUNT} "
            f"columns {', '.join(repr(name) for name in EXPECTED_COLUMNS)}"
        )
    for position, (cell, key, expected) in enumerate(
        zip(cells, _HEADER_KEYS, EXPECTED_COLUMNS, strict=True), start=1
    ):
        squashed = _squashed(cell)
        if len(squashed) > _MAX_HEADER_CELL_LENGTH or not key.search(squashed):
            return (
                f"unknown header row: column {position} is {_plain_text(cell)[:60]!r}, "
                f"expected {expected!r}"
            )
    return None


def _header_code(cells: list[str]) -> str | None:
    match = _HEADER_CODE_RE.search(_plain_text(cells[0]))
    return f"C{match.group(1)}" if match else None


def _source_title(cells: list[str]) -> str | None:
    title = _plain_text(cells[0])
    if not _SOURCE_TITLE_RE.match(title) or len(title) > _MAX_SOURCE_TITLE_LENGTH:
        return None
    if title.endswith((".", ",", ";", ":")):
        return None
    return title


@dataclass(frozen=True)
class _LabelMatch:
    label: str
    outcome_text: str


def _match_label(cell: str) -> _LabelMatch | None:
    match = _LABEL_RE.match(cell)
    if match is None:
        return None
    leading_tags = match.group("tags").strip()
    return _LabelMatch(match.group("label"), f"{leading_tags}{match.group('rest')}".strip())


# --- clause labels ---------------------------------------------------------------------------


class _LabelKind(Enum):
    NEW_CLAUSE = "new clause"
    CONTINUATION = "continuation"


@dataclass(frozen=True)
class _LabelDecision:
    kind: _LabelKind
    # The label's place in the alphabetical run ("l" for a misread "I"), which the next label
    # is checked against; the clause keeps the label as printed.
    position: str | None = None
    warning: str | None = None
    # The printed label is a misreading of `position`, which the clause is stored under.
    misread: bool = False


def _split_label(label: str) -> tuple[str, int | None]:
    match = _LABEL_PARTS_RE.fullmatch(label)
    if match is None:
        return label, None
    number = match.group("number")
    return match.group("letter"), int(number) if number else None


def _next_letter(letter: str) -> str | None:
    if not letter.isalpha() or letter in "zZ":
        return None
    return chr(ord(letter) + 1)


def _looks_like(printed: str, expected: str) -> bool:
    return printed.lower() == expected.lower() or printed in _LOOKALIKES.get(expected, ())


def _run_order(letter: str, number: int | None) -> tuple[str, int]:
    return letter.lower(), number or 0


def _classify_label(label: str, previous: str | None) -> _LabelDecision:
    """Whether a label at the start of a row opens a new clause, given the previous clause's
    place in the alphabetical run (None for the first clause of a source group)."""
    letter, number = _split_label(label)
    if previous is None:
        if not letter.isalpha():
            return _LabelDecision(_LabelKind.CONTINUATION)
        warning = None
        if letter not in "aA" or number not in (None, 1):
            warning = f"the source group starts at label '{label}', expected 'A' or 'a'"
        return _LabelDecision(_LabelKind.NEW_CLAUSE, label, warning)

    previous_letter, previous_number = _split_label(previous)
    if number is not None and previous_number is None and letter.lower() == previous_letter.lower():
        # "D1:" ... "D4:" inside clause "D" are its sub-items, as printed in the C2 roadmap.
        return _LabelDecision(_LabelKind.CONTINUATION)

    expected: list[str] = []
    if previous_number is not None:
        expected.append(f"{previous_letter}{previous_number + 1}")
    following = _next_letter(previous_letter)
    if following is not None:
        expected.append(following)
    # A numbered run may start at any letter ("C" after "B5", then "D1"), so "D1" is accepted
    # after "C" too, but the messages only name the usual next label.
    accepted = [*expected, f"{following}1"] if following is not None else expected
    if label in accepted:
        return _LabelDecision(_LabelKind.NEW_CLAUSE, label)
    expected_text = " or ".join(f"'{candidate}'" for candidate in expected) or "no further label"

    for candidate in accepted:
        candidate_letter, candidate_number = _split_label(candidate)
        if number == candidate_number and _looks_like(letter, candidate_letter):
            return _LabelDecision(
                _LabelKind.NEW_CLAUSE,
                candidate,
                f"label '{label}' stored as '{candidate}' (expected {expected_text} after "
                f"'{previous}'); the printed '{label}' is kept beside it",
                misread=True,
            )
    if not letter.isalpha():
        return _LabelDecision(_LabelKind.CONTINUATION)
    if letter in _ROMAN_LETTERS:
        return _LabelDecision(
            _LabelKind.CONTINUATION,
            warning=f"'{label}' (expected {expected_text} after '{previous}') taken as a "
            f"roman-numeral sub-item continuing clause '{previous}'",
        )
    if _run_order(letter, number) > _run_order(previous_letter, previous_number):
        position = letter.lower() if previous_letter.islower() else letter.upper()
        return _LabelDecision(
            _LabelKind.NEW_CLAUSE,
            f"{position}{number if number is not None else ''}",
            f"label '{label}' skips ahead (expected {expected_text} after '{previous}'); "
            "taken as a new clause",
        )
    return _LabelDecision(
        _LabelKind.CONTINUATION,
        warning=f"label '{label}' does not follow '{previous}' (expected {expected_text}); "
        f"taken as text continuing clause '{previous}'",
    )


# --- document state --------------------------------------------------------------------------


@dataclass
class _ClauseDraft:
    label: str
    position: str
    line_number: int
    cells: list[str]
    printed_label: str = ""

    def extend(self, cells: list[str]) -> None:
        for index, cell in enumerate(cells):
            text = cell.strip()
            if text:
                current = self.cells[index]
                self.cells[index] = f"{current}\n{text}" if current else text

    def build(self) -> ParsedClause:
        outcome, timing, goals, sdgs, situation, results, covid = self.cells
        return ParsedClause(
            label=self.label,
            outcome_text=outcome,
            proposed_timing=timing,
            strategic_goals=goals,
            sdg_linkages_text=sdgs,
            sdg_numbers=extract_sdg_numbers(sdgs),
            current_situation=situation,
            results_and_targets=results,
            covid_response=covid,
            line_number=self.line_number,
            printed_label=self.printed_label,
        )


@dataclass
class _GroupDraft:
    title: str
    line_number: int
    clauses: list[_ClauseDraft] = field(default_factory=list)


@dataclass
class _SectionDraft:
    code: str
    title: str
    line_number: int
    notes: list[str] = field(default_factory=list)
    groups: list[_GroupDraft] = field(default_factory=list)
    header_seen: bool = False
    rows_seen: bool = False


@dataclass
class _DocumentDraft:
    as_of: date | None = None
    sections: list[_SectionDraft] = field(default_factory=list)
    warnings: list[ParseWarning] = field(default_factory=list)
    # The Action Lines the table of contents lists, with the line of each entry.
    contents: dict[str, int] = field(default_factory=dict)

    def warn(self, line_number: int, message: str) -> None:
        self.warnings.append(ParseWarning(line_number, message))

    @property
    def section(self) -> _SectionDraft | None:
        return self.sections[-1] if self.sections else None


def _handle_heading(draft: _DocumentDraft, line_number: int, code: str, title: str) -> None:
    for earlier in draft.sections:
        if earlier.code == code and earlier.rows_seen:
            draft.warn(
                line_number,
                f"Action Line {code} appears again (first at line {earlier.line_number}); "
                "both sections are kept",
            )
            break
    draft.sections.append(_SectionDraft(code, title, line_number))


def _without_table_of_contents(draft: _DocumentDraft) -> list[_SectionDraft]:
    """Drop the table-of-contents entries that lost their page-number tab in the export: they
    read as sections without any table row, followed later by the real section of that code.
    The text they collected as notes is the document's introduction. They still count as the
    table of contents' entries."""
    sections = draft.sections
    kept = []
    for index, section in enumerate(sections):
        later_codes = {later.code for later in sections[index + 1 :]}
        if section.rows_seen or section.code not in later_codes:
            kept.append(section)
        else:
            draft.contents.setdefault(section.code, section.line_number)
    return kept


def _check_contents(draft: _DocumentDraft, sections: list[_SectionDraft], last_line: int) -> None:
    """A file cut short at a row boundary still reads row by row, so it would import part of the
    document: the table of contents says what the whole holds. Every Action Line it lists must
    have its section with clauses; when some are missing, the last section present may be cut
    too and is named with them; a source group without clauses is cut after its title row."""
    if not draft.contents:
        return
    found = {section.code: section for section in sections}
    missing = [code for code in draft.contents if code not in found]
    problems = []
    if missing:
        problems.append(
            f"the table of contents (line {min(draft.contents.values())}) lists "
            f"{', '.join(draft.contents)}; the file has no section for {', '.join(missing)}"
        )
    for code in draft.contents:
        section = found.get(code)
        if section is None:
            continue
        empty = [group for group in section.groups if not group.clauses]
        if not section.groups or empty:
            where = f" '{empty[0].title[:60]}' (line {empty[0].line_number})" if empty else ""
            problems.append(
                f"Action Line {code} (line {section.line_number}) is short: its source "
                f"group{where} has no clauses"
                if where
                else f"Action Line {code} (line {section.line_number}) is short: it has no table"
            )
    present = [section for section in sections if section.code in draft.contents]
    if missing and present and present[-1].groups and present[-1].groups[-1].clauses:
        last = present[-1]
        problems.append(
            f"Action Line {last.code} (line {last.line_number}), the last section in the file, "
            "may be cut short too"
        )
    elif len(present) >= 3:
        # Cut inside the last section, after a complete row: it lacks the source groups (the
        # WSIS+10 outcome documents) that every other section of the document has.
        last, others = present[-1], present[:-1]
        fewest = min(len(section.groups) for section in others)
        if len(last.groups) < fewest:
            problems.append(
                f"Action Line {last.code} (line {last.line_number}), the last section, is "
                f"short: {len(last.groups)} source group(s) where each of "
                f"{', '.join(section.code for section in others)} has {fewest}"
            )
    if problems:
        raise RoadmapFormatError(
            last_line, "the file looks cut short: " + "; ".join(problems) + "; nothing was written"
        )


def _handle_header(
    section: _SectionDraft, draft: _DocumentDraft, line_number: int, cells: list[str]
) -> None:
    problem = _header_problem(cells)
    if problem is not None:
        raise RoadmapFormatError(line_number, problem)
    section.header_seen = True
    code = _header_code(cells)
    if code is not None and code not in (section.code, section.code.split(".")[0]):
        draft.warn(
            line_number,
            f"the header row names Action Line {code} inside the section of {section.code}",
        )


def _start_clause(
    group: _GroupDraft,
    line_number: int,
    label: _LabelMatch,
    decision: _LabelDecision,
    cells: list[str],
) -> None:
    position = decision.position or label.label
    if decision.misread:
        clause = _ClauseDraft(position, position, line_number, [""] * COLUMN_COUNT, label.label)
    else:
        clause = _ClauseDraft(label.label, position, line_number, [""] * COLUMN_COUNT)
    clause.extend([label.outcome_text, *cells[1:]])
    group.clauses.append(clause)


def _handle_data_row(
    section: _SectionDraft, draft: _DocumentDraft, line_number: int, cells: list[str]
) -> None:
    if not section.header_seen and not section.rows_seen:
        draft.warn(line_number, f"table of {section.code} starts without its column header row")
    section.rows_seen = True

    title = _source_title(cells)
    if title is not None:
        for position, cell in enumerate(cells[1:], start=2):
            if cell.strip():
                raise RoadmapFormatError(
                    line_number,
                    f"source-group title row {title[:60]!r} has text in column {position} "
                    f"({EXPECTED_COLUMNS[position - 1]!r}); expected the other six cells empty",
                )
        section.groups.append(_GroupDraft(title, line_number))
        return

    group = section.groups[-1] if section.groups else None
    current = group.clauses[-1] if group and group.clauses else None
    label = _match_label(cells[0])
    if label is not None:
        if group is None:
            raise RoadmapFormatError(
                line_number,
                f"clause '{label.label}' comes before any source-group title; expected a row "
                "such as 'Geneva Plan of Action and Tunis Agenda for the Information Society'",
            )
        decision = _classify_label(label.label, current.position if current else None)
        if decision.warning is not None:
            draft.warn(line_number, decision.warning)
        if decision.kind is _LabelKind.NEW_CLAUSE and decision.position is not None:
            _start_clause(group, line_number, label, decision, cells)
            return

    if current is None:
        raise RoadmapFormatError(
            line_number,
            "continuation row before any clause; expected a row whose first cell starts "
            "with a clause label such as 'A:' or 'a.'",
        )
    current.extend(cells)


def _handle_row(draft: _DocumentDraft, line_number: int, line: str) -> None:
    cells = line.split("\t")
    section = draft.section
    if section is None:
        if _is_toc_entry(cells):
            heading = _parse_heading(cells[0])
            if heading is not None:
                draft.contents.setdefault(heading[0], line_number)
            return
        raise RoadmapFormatError(
            line_number,
            "table row before any Action Line section heading; expected a heading such as "
            "'2. Roadmap for WSIS Action Line C2: Information and Communication Infrastructure'",
        )
    if _looks_like_header(cells):
        _handle_header(section, draft, line_number, cells)
        return
    if len(cells) != COLUMN_COUNT:
        raise RoadmapFormatError(
            line_number,
            f"found {len(cells)} cells, expected {COLUMN_COUNT} (one per column: "
            f"{', '.join(EXPECTED_COLUMNS)})",
        )
    if not any(cell.strip() for cell in cells):
        return
    _handle_data_row(section, draft, line_number, cells)


def _handle_text_line(draft: _DocumentDraft, line_number: int, line: str) -> None:
    heading = _parse_heading(line)
    if heading is not None:
        _handle_heading(draft, line_number, *heading)
        return
    section = draft.section
    if section is not None:
        section.notes.append(line.strip())
        return
    if draft.as_of is None:
        found = _parse_as_of(line)
        if isinstance(found, str):
            draft.warn(line_number, found)
        elif found is not None:
            draft.as_of = found


def _build(draft: _DocumentDraft, last_line: int) -> RoadmapDocument:
    action_lines = []
    sections = _without_table_of_contents(draft)
    _check_contents(draft, sections, last_line)
    for section in sections:
        if not any(group.clauses for group in section.groups):
            draft.warn(section.line_number, f"Action Line {section.code} has no clauses")
        action_lines.append(
            ParsedActionLine(
                code=section.code,
                title=section.title,
                notes=list(section.notes),
                groups=[
                    ParsedSourceGroup(
                        title=group.title,
                        clauses=[clause.build() for clause in group.clauses],
                        line_number=group.line_number,
                    )
                    for group in section.groups
                ],
                line_number=section.line_number,
            )
        )
    return RoadmapDocument(draft.as_of, action_lines, sorted(draft.warnings, key=_warning_order))


def _warning_order(warning: ParseWarning) -> int:
    return warning.line_number


def parse_roadmap_document(text: str) -> RoadmapDocument:
    """Parse the text export of a WSIS Action Line Roadmap document.

    Raises RoadmapFormatError (and nothing else) when the text is not in the expected format.
    """
    if not text.strip():
        raise RoadmapFormatError(1, "empty input; expected a WSIS Action Line Roadmap document")
    # Only "\n" ends a line: form feeds and Unicode line separators left by the word processor
    # stay inside their cell, and line numbers agree with those of an editor or grep.
    lines = split_lines(text, lone_cr_ends_line=False)
    draft = _DocumentDraft()
    for line_number, raw_line in enumerate(lines, start=1):
        line = raw_line.rstrip("\r")
        if "\t" in line:
            _handle_row(draft, line_number, line)
        elif line.strip():
            _handle_text_line(draft, line_number, line)
    if not draft.sections:
        raise RoadmapFormatError(
            len(lines),
            "reached the end of the text without any Action Line section; expected a heading "
            "such as '2. Roadmap for WSIS Action Line C2: Information and Communication "
            "Infrastructure'",
        )
    last_line = max((n for n, line in enumerate(lines, start=1) if line.strip()), default=1)
    return _build(draft, last_line)
