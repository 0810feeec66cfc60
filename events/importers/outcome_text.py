"""Parser for the plain-text WSIS Forum session outcome document.

The format is the secretariat's template: a "Session Outcome Document" title, a header (session
title, organisers, date and time with UTC offset, the session link as pasted from the agenda),
then five fixed sections. Pure Python so that it can be used from management commands, admin
actions and tests alike.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from wsis.text_import import ParseWarning, bullet_text, normalise_space, split_lines


class OutcomeFormatError(ValueError):
    def __init__(self, line_number: int, message: str) -> None:
        self.line_number = line_number
        self.message = message
        super().__init__(f"line {line_number}: {message}")


@dataclass(frozen=True)
class ParsedOutcome:
    session_title: str
    organisers: tuple[str, ...]
    organisers_text: str
    date_text: str
    utc_offset: str | None
    start_time: dt.time | None
    end_time: dt.time | None
    session_number: int | None
    session_link_text: str
    key_issues: tuple[str, ...]
    views_wsis20: tuple[str, ...]
    tangible_outcomes: tuple[str, ...]
    action_plan: tuple[str, ...]
    thematic_suggestions: str
    warnings: tuple[ParseWarning, ...]
    # The line of each header field found ("title", "organisers", "date", "session"), so that a
    # header that contradicts the session imported into can be named by its line.
    header_lines: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class _Section:
    key: str
    heading: str
    pattern: re.Pattern[str]
    limits: tuple[int, int] | None  # None: a paragraph section


SECTIONS: tuple[_Section, ...] = (
    _Section("key_issues", "Key Issues discussed", re.compile(r"^key\s+issues?\b", re.I), (5, 8)),
    _Section(
        "views_wsis20",
        "Towards WSIS+20 and WSIS beyond 2025, please share your views",
        re.compile(
            r"^(?:towards?\s+wsis\s*\+\s*20|views?\s+(?:on|towards?)\s+wsis\s*\+\s*20)", re.I
        ),
        (5, 8),
    ),
    _Section(
        "tangible_outcomes",
        "Tangible outcomes",
        re.compile(r"^tangible\s+outcomes?\b", re.I),
        (3, 5),
    ),
    _Section(
        "action_plan",
        "Actionable plan and key recommendations",
        re.compile(r"^action(?:able)?\s+plans?\b", re.I),
        (2, 5),
    ),
    _Section(
        "thematic_suggestions",
        "Suggestions for thematic aspects",
        re.compile(r"^suggestions?\s+(?:for|on|of)\s+(?:the\s+)?thematic\b", re.I),
        None,
    ),
)

_TITLE_RE = re.compile(r"\bsession\s+outcome\s+document\b", re.I)
_ORGANISERS_RE = re.compile(
    r"^(?:organi[sz]ers?|organi[sz]ed\s+by|co-?organi[sz]ers?)\s*(?:\(s\))?\s*:?\s*(?P<rest>.*)$",
    re.I,
)
_SESSION_LINK_RE = re.compile(r"^session\s*(?:no\.?\s*|#\s*)?(?P<number>\d{1,5})\b", re.I)
_TIME = r"(?P<{0}h>\d{{1,2}})(?:[:.h](?P<{0}m>\d{{2}}))?\s*(?P<{0}ap>[ap]\.?\s?m\.?)?"
_TIME_RANGE_RE = re.compile(
    rf"(?<![\d:.]){_TIME.format('s')}\s*(?:-|–|—|to|until)\s*{_TIME.format('e')}(?![\d])",
    re.I,
)
_OFFSET_RE = re.compile(
    r"\b(?:UTC|GMT)\s*(?:(?P<sign>[+\-−–])\s*(?P<h>\d{1,2})(?::?(?P<m>\d{2}))?)?(?![\d])",
    re.I,
)
_MONTHS = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
_DATE_RE = re.compile(rf"\b(?:{_MONTHS})\b", re.I)
# Headings carry the template's hints in brackets, sometimes on the next line(s) when the form
# wraps them: "(WSIS+20 Forum High-Level Event) (one paragraph)".
_HEADING_CONTINUATION_RE = re.compile(r"^\(.*\)$|\(\s*\d+\s*[-–]\s*\d+\s*(?:bullet|point)", re.I)

# Compound names that contain "and" but denote one organiser; without them
# "Bosnia and Herzegovina and ITU" would become three organisers.
_COMPOUND_NAMES = (
    "Antigua and Barbuda",
    "Bosnia and Herzegovina",
    "Heard Island and McDonald Islands",
    "Saint Kitts and Nevis",
    "Saint Pierre and Miquelon",
    "Saint Vincent and the Grenadines",
    "Sao Tome and Principe",
    "São Tomé and Príncipe",
    "Trinidad and Tobago",
    "Turks and Caicos Islands",
    "Wallis and Futuna",
    "Economic and Social",
    "Information and Communication",
    "Posts and Telecommunications",
    "Science and Technology",
    "Trade and Development",
    "Research and Development",
    "Education and Research",
    "Culture and Tourism",
)


def split_organisers(text: str) -> tuple[str, ...]:
    """Split "Lithuania and Singapore", "A, B and C" or "A; B" into organiser names."""
    protected = text
    placeholders: dict[str, str] = {}
    for index, name in enumerate(_COMPOUND_NAMES):
        token = f"\x00{index}\x00"
        pattern = re.compile(re.escape(name).replace(r"\ ", r"\s+"), re.I)
        for found in pattern.findall(protected):
            placeholders[token] = found
        protected = pattern.sub(token, protected)
    parts = re.split(r"\s*(?:;|,|\band\b|&)\s*", protected, flags=re.I)
    names: list[str] = []
    for part in parts:
        for token, original in placeholders.items():
            part = part.replace(token, original)
        cleaned = normalise_space(part).strip(" .")
        if cleaned and cleaned.lower() not in {"and", "&"}:
            names.append(cleaned)
    return tuple(names)


def _clock(hours: str, minutes: str | None, ampm: str | None) -> dt.time | None:
    hour = int(hours)
    minute = int(minutes) if minutes else 0
    if ampm:
        if not 1 <= hour <= 12:
            return None
        is_pm = ampm.lower().startswith("p")
        hour = hour % 12 + (12 if is_pm else 0)
    if not (0 <= hour <= 23 and 0 <= minute <= 59):
        return None
    return dt.time(hour, minute)


def _parse_times(text: str) -> tuple[dt.time | None, dt.time | None]:
    for match in _TIME_RANGE_RE.finditer(text):
        # "3 - 4 pm": the meridiem written once applies to both ends.
        start_ap = match.group("sap") or match.group("eap")
        if match.group("sm") is None and match.group("em") is None and start_ap is None:
            # Without minutes or am/pm, "28 - 30" is a day range rather than a time range.
            continue
        start = _clock(match.group("sh"), match.group("sm"), start_ap)
        end = _clock(match.group("eh"), match.group("em"), match.group("eap"))
        if start is not None and end is not None:
            return start, end
    return None, None


def _parse_offset(text: str) -> str | None:
    match = _OFFSET_RE.search(text)
    if match is None:
        return None
    if match.group("sign") is None:
        return "+00:00"
    hours = int(match.group("h"))
    minutes = int(match.group("m") or 0)
    if hours > 14 or minutes > 59:
        return None
    sign = "+" if match.group("sign") == "+" else "-"
    return f"{sign}{hours:02d}:{minutes:02d}"


_DAY_MONTH_RE = re.compile(
    rf"\b(?:(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m1>{_MONTHS})\b|(?P<m2>{_MONTHS})\s+(?P<d2>\d{{1,2}})\b)",
    re.I,
)


_MONTH_ABBREVIATIONS = (
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"
)  # fmt: skip


def outcome_day_month(text: str) -> tuple[int, int] | None:
    """(day, month) of a header's date ("28 May, 15:45 – 16:45", "May 28"), or None."""
    match = _DAY_MONTH_RE.search(text)
    if match is None:
        return None
    day = int(match.group("d1") or match.group("d2"))
    month_name = (match.group("m1") or match.group("m2"))[:3].lower()
    month = _MONTH_ABBREVIATIONS.index(month_name) + 1
    return (day, month) if 1 <= day <= 31 else None


def _match_section(line: str) -> _Section | None:
    text = normalise_space(line)
    for section in SECTIONS:
        if section.pattern.match(text):
            return section
    return None


@dataclass
class _Header:
    session_title: str = ""
    organisers_text: str = ""
    date_text: str = ""
    session_link_text: str = ""
    session_number: int | None = None
    lines: dict[str, int] = field(default_factory=dict)


def _bullet_before_section(number: int) -> OutcomeFormatError:
    return OutcomeFormatError(
        number,
        "found a bullet before any section; expected a section heading such as "
        f"'{SECTIONS[0].heading}' first",
    )


def _read_header(lines: list[str], start: int, stop: int, warnings: list[ParseWarning]) -> _Header:
    header = _Header()
    awaiting_organisers = False
    for index in range(start, stop):
        number = index + 1
        text = normalise_space(lines[index])
        if not text:
            continue
        if bullet_text(lines[index]) is not None:
            raise _bullet_before_section(number)
        if awaiting_organisers:
            header.organisers_text = text
            header.lines["organisers"] = number
            awaiting_organisers = False
            continue
        organisers = _ORGANISERS_RE.match(text)
        if organisers and not header.organisers_text:
            header.organisers_text = organisers.group("rest").strip()
            header.lines["organisers"] = number
            awaiting_organisers = not header.organisers_text
            continue
        link = _SESSION_LINK_RE.match(text)
        if link and not header.session_link_text:
            header.session_link_text = text
            header.session_number = int(link.group("number"))
            header.lines["session"] = number
            continue
        looks_like_date = _TIME_RANGE_RE.search(text) or (
            _DATE_RE.search(text) and re.search(r"\d", text) and len(text) <= 80
        )
        if not header.date_text and header.session_title and looks_like_date:
            header.date_text = text
            header.lines["date"] = number
            continue
        if not header.session_title:
            header.session_title = text
            header.lines["title"] = number
            continue
        warnings.append(ParseWarning(number, f"unrecognised header line ignored: {text[:60]!r}"))
    return header


def _section_positions(lines: list[str]) -> dict[str, int]:
    """The index of each section's heading line.

    Only the first match counts: a later line that happens to start like a heading ("Action
    plans should ...") is content of the section it falls in, and a bullet section reports it as
    stray text with its line number.
    """
    positions: dict[str, int] = {}
    for index, line in enumerate(lines):
        if bullet_text(line) is not None:
            continue
        section = _match_section(line)
        if section is not None and section.key not in positions:
            positions[section.key] = index
    return positions


def _missing_sections_error(
    missing: list[_Section], positions: dict[str, int], last_line: int
) -> OutcomeFormatError:
    """One error naming every missing section heading (a truncated document lacks several), at
    the first line where one of them was expected."""
    order = [s.key for s in SECTIONS]
    places: list[tuple[int, str, bool]] = []  # line, heading, whether a later heading follows
    for section in missing:
        later = [positions[k] for k in order[order.index(section.key) + 1 :] if k in positions]
        if later:
            places.append((min(later) + 1, section.heading, True))
        else:
            places.append((last_line, section.heading, False))
    if len(places) == 1:
        line, heading, before = places[0]
        if before:
            return OutcomeFormatError(
                line, f"missing the section heading '{heading}'; expected it before this line"
            )
        return OutcomeFormatError(
            line, f"reached the end of the document without the section heading '{heading}'"
        )
    named = "; ".join(
        f"'{heading}' (expected {'before' if before else 'after'} line {line})"
        for line, heading, before in places
    )
    return OutcomeFormatError(
        min(line for line, _, _ in places), f"missing {len(places)} section headings: {named}"
    )


def _read_bullets(
    section: _Section, lines: list[str], start: int, stop: int, warnings: list[ParseWarning]
) -> tuple[str, ...]:
    bullets: list[str] = []
    heading_done = False
    previous_was_bullet_text = False
    for index in range(start, stop):
        line = lines[index]
        number = index + 1
        text = normalise_space(line)
        if not text:
            previous_was_bullet_text = False
            continue
        item = bullet_text(line)
        if item is not None:
            heading_done = True
            if item:
                bullets.append(item)
                previous_was_bullet_text = True
            else:
                warnings.append(ParseWarning(number, "empty bullet ignored"))
                previous_was_bullet_text = False
            continue
        if not heading_done and _HEADING_CONTINUATION_RE.search(text):
            continue
        # A wrapped bullet keeps its indentation; flush-left prose is a stray paragraph.
        if previous_was_bullet_text and line[:1].isspace():
            bullets[-1] = f"{bullets[-1]} {text}"
            continue
        raise OutcomeFormatError(
            number,
            f"expected a bullet ('-', '•', '*' or '1.') in the section '{section.heading}', "
            f"found text: {text[:60]!r}",
        )
    low, high = section.limits or (0, 0)
    if not low <= len(bullets) <= high:
        warnings.append(
            ParseWarning(
                start,
                f"the section '{section.heading}' has {len(bullets)} bullet points; "
                f"the template asks for {low}-{high}",
            )
        )
    return tuple(bullets)


def _read_paragraph(
    section: _Section, lines: list[str], start: int, stop: int, warnings: list[ParseWarning]
) -> str:
    paragraphs: list[list[str]] = []
    heading_done = False
    blank_before = True
    for index in range(start, stop):
        text = normalise_space(lines[index])
        if not text:
            blank_before = True
            continue
        if not heading_done and _HEADING_CONTINUATION_RE.search(text):
            continue
        heading_done = True
        if blank_before or not paragraphs:
            paragraphs.append([text])
        else:
            paragraphs[-1].append(text)
        blank_before = False
    if not paragraphs:
        warnings.append(ParseWarning(start, f"the section '{section.heading}' is empty"))
    elif len(paragraphs) > 1:
        warnings.append(
            ParseWarning(
                start,
                f"the section '{section.heading}' has {len(paragraphs)} paragraphs; "
                "the template asks for one",
            )
        )
    return "\n\n".join(" ".join(paragraph) for paragraph in paragraphs)


def parse_outcome_document(text: str) -> ParsedOutcome:
    """Parse an outcome document; raise OutcomeFormatError when it does not follow the template."""
    lines = split_lines(text)
    if not any(line.strip() for line in lines):
        raise OutcomeFormatError(1, "the document is empty; expected 'Session Outcome Document'")

    positions = _section_positions(lines)
    first_section = min(positions.values(), default=len(lines))
    title_index = next(
        (i for i in range(first_section) if _TITLE_RE.search(lines[i])),
        None,
    )
    if title_index is None:
        first_text = next(i for i, line in enumerate(lines) if line.strip())
        raise OutcomeFormatError(
            first_text + 1,
            "expected the title line 'Session Outcome Document' before the first section",
        )
    last_line = max(i for i, line in enumerate(lines) if line.strip()) + 1
    missing = [section for section in SECTIONS if section.key not in positions]
    if missing:
        raise _missing_sections_error(missing, positions, last_line)

    warnings: list[ParseWarning] = []
    for index in range(title_index):
        if bullet_text(lines[index]) is not None:
            raise _bullet_before_section(index + 1)
        if lines[index].strip():
            warnings.append(ParseWarning(index + 1, "text before the title ignored"))
    header = _read_header(lines, title_index + 1, first_section, warnings)
    if not header.session_title:
        warnings.append(ParseWarning(title_index + 1, "no session title after the title line"))
    if not header.organisers_text:
        warnings.append(ParseWarning(title_index + 1, "no 'Organizers:' line in the header"))
    if not header.date_text:
        warnings.append(ParseWarning(title_index + 1, "no date and time line in the header"))

    ordered = sorted(positions.items(), key=lambda item: item[1])
    bounds = {
        key: (index + 1, ordered[n + 1][1] if n + 1 < len(ordered) else len(lines))
        for n, (key, index) in enumerate(ordered)
    }
    contents: dict[str, tuple[str, ...] | str] = {}
    for section in SECTIONS:
        start, stop = bounds[section.key]
        if section.limits is None:
            contents[section.key] = _read_paragraph(section, lines, start, stop, warnings)
        else:
            contents[section.key] = _read_bullets(section, lines, start, stop, warnings)

    start_time, end_time = _parse_times(header.date_text)
    warnings.sort(key=lambda warning: warning.line_number)
    return ParsedOutcome(
        session_title=header.session_title,
        organisers=split_organisers(header.organisers_text),
        organisers_text=header.organisers_text,
        date_text=header.date_text,
        utc_offset=_parse_offset(header.date_text),
        start_time=start_time,
        end_time=end_time,
        session_number=header.session_number,
        session_link_text=header.session_link_text,
        key_issues=_as_bullets(contents["key_issues"]),
        views_wsis20=_as_bullets(contents["views_wsis20"]),
        tangible_outcomes=_as_bullets(contents["tangible_outcomes"]),
        action_plan=_as_bullets(contents["action_plan"]),
        thematic_suggestions=str(contents["thematic_suggestions"]),
        warnings=tuple(warnings),
        header_lines=dict(header.lines),
    )


def _as_bullets(value: tuple[str, ...] | str) -> tuple[str, ...]:
    return value if isinstance(value, tuple) else (value,)
