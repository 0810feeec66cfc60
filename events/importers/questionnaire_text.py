"""Parser for the plain-text questionnaire that ITU answers each year for UN DESA.

The answer mixes free prose (governing-body decisions, High-Impact Initiatives, recommendations)
with repeated blocks of labelled fields: events, resources/publications and
initiatives/partnerships. Each label sits on its own line ("Event Name:", "Relevant SDGs (list
all relevant goals)") and its value follows on the next non-blank lines. The numbered questions
divide the answer into sections; the prose of each (before and after its blocks), the heading
above the first question and the closing lines ("Year of submission: 2023") are kept as written,
so that the answer can be written back in the same form.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, fields

from events.importers.common import extract_sdg_numbers
from wsis.text_import import ParseWarning, bullet_text, normalise_space, split_lines, word_count

MAX_DESCRIPTION_WORDS = 150


class QuestionnaireFormatError(ValueError):
    def __init__(self, line_number: int, message: str) -> None:
        self.line_number = line_number
        self.message = message
        super().__init__(f"line {line_number}: {message}")


@dataclass(frozen=True)
class ParsedEvent:
    line_number: int
    name: str
    dates_text: str
    location_text: str
    city: str | None
    country: str | None
    is_virtual: bool
    sdg_numbers: tuple[int, ...]
    sdgs_text: str
    description: str
    website: str
    websites: tuple[str, ...]
    # Every place of an event held in several ("Riyadh, Saudi Arabia; Shanghai, China").
    places: tuple[tuple[str, str], ...] = ()
    # Each field's label and value lines as written (for writing the answer back) and the
    # block's last line: how the block was written, not what it says.
    written: tuple[tuple[str, str, tuple[str, ...]], ...] = field(default=(), compare=False)
    end_line: int = field(default=0, compare=False)


@dataclass(frozen=True)
class ParsedResource:
    line_number: int
    name: str
    sdg_numbers: tuple[int, ...]
    sdgs_text: str
    publishing_entities: str
    target_audience: str
    description: str
    languages: tuple[str, ...]
    website: str
    websites: tuple[str, ...]
    written: tuple[tuple[str, str, tuple[str, ...]], ...] = field(default=(), compare=False)
    end_line: int = field(default=0, compare=False)


@dataclass(frozen=True)
class ParsedInitiative:
    line_number: int
    name: str
    partners: str
    sdg_numbers: tuple[int, ...]
    sdgs_text: str
    beneficiaries: str
    description: str
    website: str
    websites: tuple[str, ...]
    written: tuple[tuple[str, str, tuple[str, ...]], ...] = field(default=(), compare=False)
    end_line: int = field(default=0, compare=False)


_Parsed = ParsedEvent | ParsedResource | ParsedInitiative


@dataclass(frozen=True)
class ParsedSection:
    """A numbered question (0: blocks before any question), its prose before and after its
    blocks as written (blank lines kept between paragraphs) and its blocks, in order."""

    number: int
    question: str
    line_number: int
    body: str
    closing: str
    blocks: tuple[ParsedEvent | ParsedResource | ParsedInitiative, ...]


@dataclass(frozen=True)
class DroppedLines:
    """Lines of the file that the answer does not keep, and why (page text, a repeated block)."""

    first_line: int
    last_line: int
    reason: str

    def __str__(self) -> str:
        where = (
            f"line {self.first_line}"
            if self.first_line == self.last_line
            else f"lines {self.first_line}-{self.last_line}"
        )
        return f"{where}: {self.reason}"


@dataclass(frozen=True)
class ParsedQuestionnaire:
    events: tuple[ParsedEvent, ...]
    resources: tuple[ParsedResource, ...]
    initiatives: tuple[ParsedInitiative, ...]
    warnings: tuple[ParseWarning, ...]
    sections: tuple[ParsedSection, ...] = ()
    preamble: str = ""
    footer: str = ""
    year: int | None = None
    dropped: tuple[DroppedLines, ...] = ()


@dataclass(frozen=True)
class _FieldSpec:
    key: str
    label: str
    pattern: str


@dataclass(frozen=True)
class _Kind:
    key: str
    noun: str
    fields: tuple[_FieldSpec, ...]  # the first one is the block's name


_SDGS = _FieldSpec("sdgs", "Relevant SDGs", r"(?:relevant\s+)?sdgs?|relevant\s+goals")
_DESCRIPTION = _FieldSpec("description", "Description", r"description")
_WEBSITE = _FieldSpec("website", "Website", r"web\s*-?\s*sites?")

EVENT = _Kind(
    "event",
    "event",
    (
        _FieldSpec("name", "Event Name", r"event\s+name|name\s+of\s+(?:the\s+)?event"),
        _FieldSpec("dates", "Event Dates", r"event\s+dates?|dates?"),
        _FieldSpec("location", "Event Location", r"event\s+location|location"),
        _SDGS,
        _DESCRIPTION,
        _WEBSITE,
    ),
)
RESOURCE = _Kind(
    "resource",
    "resource",
    (
        _FieldSpec(
            "name",
            "Resource Name",
            r"(?:resource|publication)(?:\s*/\s*(?:resource|publication))?\s+(?:name|title)",
        ),
        _SDGS,
        _FieldSpec(
            "publishing_entities",
            "Publishing entity/entities",
            r"publishing\s+entit(?:y|ies)(?:\s*/\s*entit(?:y|ies))?",
        ),
        _FieldSpec("target_audience", "Target audience", r"target\s+audiences?"),
        _DESCRIPTION,
        _FieldSpec("languages", "Language(s)", r"languages?"),
        _WEBSITE,
    ),
)
INITIATIVE = _Kind(
    "initiative",
    "initiative/partnership",
    (
        _FieldSpec(
            "name",
            "Initiative/Partnership Name",
            r"(?:initiative|partnership)(?:\s*/\s*(?:initiative|partnership))?\s+name",
        ),
        _FieldSpec("partners", "Partners", r"partners?"),
        _SDGS,
        _FieldSpec(
            "beneficiaries",
            "Member States benefiting from it",
            r"member\s+states\s+benefit+ing\s+from\s+it|beneficiar(?:y|ies)",
        ),
        _DESCRIPTION,
        _WEBSITE,
    ),
)
KINDS: tuple[_Kind, ...] = (EVENT, RESOURCE, INITIATIVE)

# A label is the whole line, optionally followed by bracketed hints ("(if applicable)",
# "(City, Country)", "(s)") and a colon; text after the colon is either an inline value or,
# when it starts with "please", more of the form's instructions.
_LABEL_TAIL = r"\s*(?:\([^()]*(?:\([^()]*\)[^()]*)*\)\s*)*(?::\s*(?P<rest>.*))?"


def _compile(spec: _FieldSpec) -> re.Pattern[str]:
    return re.compile(rf"(?:{spec.pattern}){_LABEL_TAIL}", re.IGNORECASE)


_PATTERNS: dict[tuple[str, str], re.Pattern[str]] = {
    (kind.key, spec.key): _compile(spec) for kind in KINDS for spec in kind.fields
}
# The numbered questions of the form ("2. In the past year, has your organization ...?") end
# the block above them; a numbered item inside a description does not address the reader.
_QUESTION_RE = re.compile(
    r"^\d{1,2}\s*[.)]\s+(?=\S.{30,})(?=.*(?:\?$|\byour\s+organi[sz]ation\b))", re.IGNORECASE
)
_URL_RE = re.compile(r"^(?:https?://|www\.)\S+$", re.IGNORECASE)
_URL_ANYWHERE_RE = re.compile(r"(?:https?://|www\.)[^\s<>\"']+", re.IGNORECASE)


@dataclass
class _Field:
    spec: _FieldSpec
    line_number: int
    values: list[tuple[int, str]] = field(default_factory=list)
    label_text: str = ""


@dataclass
class _Block:
    kind: _Kind
    line_number: int
    fields: dict[str, _Field] = field(default_factory=dict)
    current: _Field | None = None
    end_line: int = 0
    section: int = 0  # index in _Reader.sections


@dataclass
class _SectionDraft:
    number: int
    question: str
    line_number: int
    body: list[str] = field(default_factory=list)
    closing: list[str] = field(default_factory=list)
    blocks: list[_Block] = field(default_factory=list)

    def prose(self, line: str) -> None:
        (self.closing if self.blocks else self.body).append(line)


def _match_label(text: str, kind: _Kind, spec: _FieldSpec) -> str | None:
    """The inline value after a label ("" when none), or None when the line is not that label."""
    match = _PATTERNS[(kind.key, spec.key)].fullmatch(text)
    if match is None:
        return None
    rest = (match.group("rest") or "").strip()
    if rest.lower().startswith("please"):
        return ""
    return rest


def _find_label(text: str, kinds: tuple[_Kind, ...]) -> tuple[_Kind, _FieldSpec, str] | None:
    for kind in kinds:
        for spec in kind.fields:
            rest = _match_label(text, kind, spec)
            if rest is not None:
                return kind, spec, rest
    return None


def _find_name_label(text: str) -> tuple[_Kind, str] | None:
    for kind in KINDS:
        rest = _match_label(text, kind, kind.fields[0])
        if rest is not None:
            return kind, rest
    return None


_QUESTION_NUMBER_RE = re.compile(r"^(?P<number>\d{1,2})\s*[.)]\s+(?P<question>.*)$")


def _prose_line(raw: str) -> str:
    """A line of prose as kept: no-break spaces as spaces, no trailing space, its indent kept
    (a nested bullet)."""
    return raw.replace("\u00a0", " ").rstrip()


class _Reader:
    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        self.blocks: list[_Block] = []
        self.warnings: list[ParseWarning] = []
        self.block: _Block | None = None
        self.preamble: list[tuple[int, str]] = []
        self.sections: list[_SectionDraft] = []

    def read(self) -> None:
        for index, raw in enumerate(self.lines):
            self._read_line(index + 1, raw)
        self._close()

    def _prose(self, number: int, raw: str) -> None:
        if self.sections:
            self.sections[-1].prose(_prose_line(raw))
        else:
            self.preamble.append((number, _prose_line(raw)))

    def _read_line(self, number: int, raw: str) -> None:
        text = normalise_space(raw)
        if not text:
            if self.block is None:
                self._prose(number, "")
            return
        if _QUESTION_RE.match(text):
            self._close()
            found = _QUESTION_NUMBER_RE.match(text)
            self.sections.append(
                _SectionDraft(int(found["number"]), found["question"], number)
                if found
                else _SectionDraft(len(self.sections) + 1, text, number)
            )
            return
        name_label = _find_name_label(text)
        if name_label is not None:
            self._close()
            kind, rest = name_label
            self._open(kind, number, rest, text)
            return
        if self.block is None:
            label = _find_label(text, KINDS)
            if label is not None:
                kind, spec, _ = label
                raise QuestionnaireFormatError(
                    number,
                    f"the label '{spec.label}' is outside any block; "
                    f"expected '{kind.fields[0].label}' before it",
                )
            self._prose(number, raw)
            return
        self._read_block_line(self.block, number, raw, text)

    def _read_block_line(self, block: _Block, number: int, raw: str, text: str) -> None:
        own = _find_label(text, (block.kind,))
        if own is not None:
            _, spec, rest = own
            self._start_field(block, spec, number, rest, text)
            return
        other = _find_label(text, tuple(k for k in KINDS if k is not block.kind))
        if other is not None:
            kind, spec, _ = other
            raise QuestionnaireFormatError(
                number,
                f"the label '{spec.label}' belongs to a {kind.noun} block, but this line is "
                f"inside the {block.kind.noun} block that starts at line {block.line_number}",
            )
        current = block.current
        if current is None:  # pragma: no cover - a block always opens with its name field
            return
        if current.spec.key == "website" and current.values and not _URL_RE.match(text):
            # Prose after a block's website is the next part of the form, not the website.
            self._close()
            self.warnings.append(
                ParseWarning(
                    number,
                    f"text after the website of the {block.kind.noun} block at line "
                    f"{block.line_number} is outside any block; kept as prose of the answer",
                )
            )
            self._prose(number, raw)
            return
        current.values.append((number, raw.strip()))
        block.end_line = number

    def _open(self, kind: _Kind, number: int, inline: str, text: str) -> None:
        if not self.sections:
            # Blocks before any numbered question: an unnumbered section holds them.
            self.sections.append(_SectionDraft(0, "", number))
        block = _Block(kind=kind, line_number=number, end_line=number)
        block.section = len(self.sections) - 1
        self.block = block
        self._start_field(block, kind.fields[0], number, inline, text)

    def _start_field(
        self, block: _Block, spec: _FieldSpec, number: int, inline: str, text: str
    ) -> None:
        if spec.key in block.fields:
            first = block.fields[spec.key].line_number
            raise QuestionnaireFormatError(
                number,
                f"the label '{spec.label}' appears twice in the {block.kind.noun} block that "
                f"starts at line {block.line_number} (first at line {first}); expected "
                f"'{block.kind.fields[0].label}' to start a new block",
            )
        if block.current is not None and block.current.spec.key == "name":
            self._require_name(block)
        label_text = text[: text.rfind(inline)].rstrip() if inline else text
        current = _Field(spec=spec, line_number=number, label_text=label_text)
        block.end_line = max(block.end_line, number)
        if inline:
            current.values.append((number, inline))
        block.fields[spec.key] = current
        block.current = current

    def _require_name(self, block: _Block) -> None:
        if not block.fields["name"].values:
            label = block.kind.fields[0].label
            raise QuestionnaireFormatError(
                block.line_number,
                f"the {block.kind.noun} block has no name; expected the name on the line "
                f"after '{label}'",
            )

    def _close(self) -> None:
        if self.block is None:
            return
        self._require_name(self.block)
        self.blocks.append(self.block)
        self.sections[self.block.section].blocks.append(self.block)
        self.block = None


def _joined(block: _Block, key: str, separator: str = "; ") -> str:
    found = block.fields.get(key)
    if found is None:
        return ""
    parts = []
    for _, raw in found.values:
        item = bullet_text(raw)
        parts.append(normalise_space(raw) if item is None else item)
    parts = [part for part in parts if part]
    if len(parts) > 1 and separator == "; ":
        # List items often end in ";" or "." in the source; the separator replaces them.
        parts = [part.rstrip(";,. ") or part for part in parts]
    return separator.join(parts)


def _description(block: _Block) -> str:
    found = block.fields.get("description")
    if found is None:
        return ""
    parts = []
    for _, raw in found.values:
        item = bullet_text(raw)
        # Keep list items recognisable in the stored text, with one marker whatever the source.
        parts.append(normalise_space(raw) if item is None else f"• {item}")
    return "\n".join(part for part in parts if part.strip("• "))


def _websites(block: _Block) -> tuple[str, tuple[str, ...]]:
    found = block.fields.get("website")
    if found is None or not found.values:
        return "", ()
    first = normalise_space(found.values[0][1])
    urls = tuple(
        url.rstrip(".,;)") for _, raw in found.values for url in _URL_ANYWHERE_RE.findall(raw)
    )
    return first, urls


_VIRTUAL_RE = re.compile(
    r"(?:fully\s+|entirely\s+)?(?:virtual(?:ly)?|online|remote(?:ly)?)"
    r"(?:\s+(?:event|meeting|session|webinar|only|format|platform|conference))?",
    re.IGNORECASE,
)
_ONLINE_SUFFIX_RE = re.compile(
    r"\s*(?:\band\b|&|/|\+|,|;)\s*(?:also\s+)?(?:online|virtual(?:ly)?|remote(?:ly)?|hybrid)\b.*$",
    re.IGNORECASE,
)


def _location(text: str) -> tuple[str | None, str | None, bool]:
    """City, country and whether the event had no physical venue.

    A hybrid event ("Geneva, Switzerland (hybrid)") has a venue, so it is not virtual. Several
    venues ("Riyadh, ...; Shanghai, China") leave city and country unset: one row cannot hold them.
    """
    bare = normalise_space(re.sub(r"\([^()]*\)", " ", text)).strip(" .,;")
    if not bare:
        return None, None, False
    if _VIRTUAL_RE.fullmatch(bare):
        return None, None, True
    bare = _ONLINE_SUFFIX_RE.sub("", bare).strip(" .,;")
    if ";" in bare or "\n" in bare:
        return None, None, False
    parts = [part.strip() for part in bare.split(",") if part.strip()]
    if len(parts) < 2:
        return None, None, False
    return ", ".join(parts[:-1]), parts[-1], False


def _places(text: str) -> tuple[tuple[str, str], ...]:
    """Each "City, Country" of a location that names several ("Riyadh, Saudi Arabia; Shanghai,
    China"); empty unless every part has both."""
    bare = normalise_space(re.sub(r"\([^()]*\)", " ", text)).strip(" .,;")
    parts = [part.strip(" .,") for part in re.split(r"\s*;\s*", bare) if part.strip(" .,")]
    if len(parts) < 2:
        return ()
    places = []
    for part in parts:
        pieces = [piece.strip() for piece in part.split(",") if piece.strip()]
        if len(pieces) < 2:
            return ()
        places.append((", ".join(pieces[:-1]), pieces[-1]))
    return tuple(places)


def _written(block: _Block) -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    """Each field's label and value lines as the file wrote them (spaces normalised)."""
    return tuple(
        (
            found.spec.key,
            found.label_text,
            tuple(normalise_space(raw) for _, raw in found.values if normalise_space(raw)),
        )
        for found in block.fields.values()
    )


def _languages(block: _Block) -> tuple[str, ...]:
    text = _joined(block, "languages")
    items = re.split(r"\s*(?:,|;|/|\band\b|&)\s*", text, flags=re.IGNORECASE)
    return tuple(item.strip(" .") for item in items if item.strip(" ."))


def _build(block: _Block) -> _Parsed:
    name = _joined(block, "name", " ")
    sdgs_text = _joined(block, "sdgs")
    description = _description(block)
    website, websites = _websites(block)
    common = {
        "line_number": block.line_number,
        "name": name,
        "sdg_numbers": extract_sdg_numbers(sdgs_text),
        "sdgs_text": sdgs_text,
        "description": description,
        "website": website,
        "websites": websites,
        "written": _written(block),
        "end_line": block.end_line,
    }
    if block.kind is EVENT:
        location_text = _joined(block, "location")
        city, country, is_virtual = _location(location_text)
        return ParsedEvent(
            dates_text=_joined(block, "dates"),
            location_text=location_text,
            city=city,
            country=country,
            is_virtual=is_virtual,
            places=_places(location_text),
            **common,
        )
    if block.kind is RESOURCE:
        return ParsedResource(
            publishing_entities=_joined(block, "publishing_entities"),
            target_audience=_joined(block, "target_audience"),
            languages=_languages(block),
            **common,
        )
    return ParsedInitiative(
        partners=_joined(block, "partners"),
        beneficiaries=_joined(block, "beneficiaries"),
        **common,
    )


def _check(block: _Block, warnings: list[ParseWarning]) -> None:
    name = _joined(block, "name", " ")
    for spec in block.kind.fields[1:]:
        if spec.key == "website":
            continue  # the form says "(if applicable)"
        found = block.fields.get(spec.key)
        if found is None or not any(value.strip() for _, value in found.values):
            warnings.append(
                ParseWarning(
                    found.line_number if found else block.line_number,
                    f"the {block.kind.noun} '{name}' has no '{spec.label}'",
                )
            )
    description = block.fields.get("description")
    if description is not None:
        words = word_count(_description(block))
        if words > MAX_DESCRIPTION_WORDS:
            warnings.append(
                ParseWarning(
                    description.line_number,
                    f"the description of the {block.kind.noun} '{name}' has {words} words; "
                    f"the questionnaire allows {MAX_DESCRIPTION_WORDS}",
                )
            )


def _identity(item: _Parsed) -> tuple[object, ...]:
    if isinstance(item, ParsedEvent):
        return ("event", item.name.casefold(), normalise_space(item.dates_text).casefold())
    # Resources and initiatives have no dates: only a block repeated word for word is a copy.
    return tuple(getattr(item, f.name) for f in fields(item) if f.name not in _POSITION_FIELDS)


_POSITION_FIELDS = frozenset({"line_number", "end_line"})


def _differs(item: _Parsed, first: _Parsed) -> bool:
    return any(
        getattr(item, f.name) != getattr(first, f.name)
        for f in fields(item)
        if f.name not in _POSITION_FIELDS
    )


def _deduplicate(
    built: list[tuple[_Block, _Parsed]], warnings: list[ParseWarning]
) -> list[tuple[_Block, _Parsed]]:
    kept: dict[tuple[object, ...], tuple[_Block, _Parsed]] = {}
    names: dict[tuple[str, str], _Parsed] = {}
    for block, item in built:
        key = _identity(item)
        if key not in kept:
            kept[key] = (block, item)
            namesake = names.setdefault((block.kind.key, item.name.casefold()), item)
            if namesake is not item:
                # Kept, but flagged: a copied block whose dates were edited and the rest not.
                warnings.append(
                    ParseWarning(
                        item.line_number,
                        f"the {block.kind.noun} '{item.name}' at line {item.line_number} has "
                        f"the same name as the block at line {namesake.line_number} but "
                        "different content; kept both",
                    )
                )
            continue
        first = kept[key][1]
        same = "same name and dates" if isinstance(item, ParsedEvent) else "identical"
        if _differs(item, first):
            same += "; other fields differ"
        warnings.append(
            ParseWarning(
                item.line_number,
                f"the {block.kind.noun} '{item.name}' at line {item.line_number} repeats the "
                f"block at line {first.line_number} ({same}); kept the one at line "
                f"{first.line_number}",
            )
        )
    return list(kept.values())


# Text of the web page the answer was copied from, not of the answer.
_PAGE_TEXT_RE = re.compile(r"\benable\s+javascript\b", re.IGNORECASE)
_YEAR_RE = re.compile(r"^year\s+of\s+submission\s*:?\s*(?P<year>\d{4})\s*$", re.IGNORECASE)
# A short line just above "Year of submission" belongs to the closing lines ("ECESA Plus Member").
_MAX_CLOSING_LINE = 60


def _prose_text(lines: list[str]) -> str:
    """Lines as kept, with runs of blank lines made one and none at either end."""
    kept: list[str] = []
    for line in lines:
        if not line.strip():
            if kept and kept[-1]:
                kept.append("")
            continue
        kept.append(line)
    while kept and not kept[-1]:
        kept.pop()
    return "\n".join(kept)


def _split_footer(sections: list[_SectionDraft]) -> tuple[list[str], int | None]:
    """Moves the closing lines ("ECESA Plus Member", "Year of submission: 2023") out of the last
    section's prose; returns them and the year."""
    if not sections:
        return [], None
    last = sections[-1]
    prose = last.closing if last.blocks else last.body
    filled = [index for index, line in enumerate(prose) if line.strip()]
    if not filled:
        return [], None
    found = _YEAR_RE.match(normalise_space(prose[filled[-1]]))
    if found is None:
        return [], None
    start = filled[-1]
    while start > 0 and prose[start - 1].strip():
        previous = normalise_space(prose[start - 1])
        if len(previous) > _MAX_CLOSING_LINE or bullet_text(prose[start - 1]) is not None:
            break
        start -= 1
    footer = [normalise_space(line) for line in prose[start:] if line.strip()]
    del prose[start:]
    return footer, int(found["year"])


def parse_questionnaire(text: str) -> ParsedQuestionnaire:
    """Extract the sections (numbered questions with their prose) and the event, resource and
    initiative blocks of a questionnaire answer; what it drops (page text, repeated blocks) is
    listed with its lines."""
    lines = split_lines(text)
    if not any(line.strip() for line in lines):
        raise QuestionnaireFormatError(1, "the file is empty; expected questionnaire blocks")
    reader = _Reader(lines)
    reader.read()
    if not reader.blocks:
        raise QuestionnaireFormatError(
            1,
            "found no block; expected at least one 'Event Name', 'Resource Name' or "
            "'Initiative/Partnership Name' label",
        )
    warnings = list(reader.warnings)
    built = [(block, _build(block)) for block in reader.blocks]
    kept = _deduplicate(built, warnings)
    for block, _ in kept:
        # Checked after deduplication so that a repeated block does not repeat its warnings.
        _check(block, warnings)
    items = [item for _, item in kept]
    kept_ids = {id(block) for block, _ in kept}
    dropped = [
        DroppedLines(
            block.line_number,
            block.end_line,
            f"the {block.kind.noun} '{item.name}' repeats an earlier block; written once",
        )
        for block, item in built
        if id(block) not in kept_ids
    ]
    preamble: list[str] = []
    for number, line in reader.preamble:
        if _PAGE_TEXT_RE.search(line):
            dropped.append(DroppedLines(number, number, "text of the web page, not of the answer"))
            continue
        preamble.append(normalise_space(line))
    footer, year = _split_footer(reader.sections)
    by_block = {id(block): item for block, item in kept}
    sections = tuple(
        ParsedSection(
            number=section.number,
            question=section.question,
            line_number=section.line_number,
            body=_prose_text(section.body),
            closing=_prose_text(section.closing),
            blocks=tuple(by_block[id(b)] for b in section.blocks if id(b) in by_block),
        )
        for section in reader.sections
    )
    warnings.sort(key=lambda warning: warning.line_number)
    return ParsedQuestionnaire(
        events=tuple(item for item in items if isinstance(item, ParsedEvent)),
        resources=tuple(item for item in items if isinstance(item, ParsedResource)),
        initiatives=tuple(item for item in items if isinstance(item, ParsedInitiative)),
        warnings=tuple(warnings),
        sections=sections,
        preamble=_prose_text(preamble),
        footer="\n".join(footer),
        year=year,
        dropped=tuple(sorted(dropped, key=lambda item: item.first_line)),
    )
