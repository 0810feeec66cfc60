"""The UN DESA questionnaire answer written back from the portal's records: the seed's text format
and DOCX, each block checked against the questionnaire's rules, and the changes since another
year's answer. Pure reads: the answer comes from `events.selectors.questionnaire_answer`."""

from __future__ import annotations

import difflib
import io
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

from events.importers.event_dates import parse_event_dates
from events.models import (
    MAX_DESCRIPTION_WORDS,
    Event,
    QuestionnaireAnswer,
    QuestionnaireBlock,
    QuestionnaireBlockKind,
)
from wsis.text_import import word_count

FORM_TITLE = "United Nations Department of Economic and Social Affairs Sustainable Development"
_DESCRIPTION_LABEL = "Description (max 150 words)"

# The fields of each kind of block in the questionnaire's order, with the form's labels (used
# when a block was not imported, or its file did not write a label).
BLOCK_FIELDS: dict[str, tuple[tuple[str, str], ...]] = {
    QuestionnaireBlockKind.EVENT: (
        ("name", "Event Name:"),
        ("dates", "Event Dates:"),
        ("location", "Event Location (City, Country):"),
        ("sdgs", "Relevant SDGs:"),
        (
            "description",
            (
                "Description (max 150 words): please include a short summary of the event’s "
                "mandate and contributions to the SDGs, including its main outcome(s)"
            ),
        ),
        ("website", "Website (if applicable)"),
    ),
    QuestionnaireBlockKind.RESOURCE: (
        ("name", "Resource Name"),
        ("sdgs", "Relevant SDGs (list all relevant goals)"),
        ("publishing_entities", "Publishing entity/entities"),
        ("target_audience", "Target audience"),
        ("description", _DESCRIPTION_LABEL),
        ("languages", "Language(s)"),
        ("website", "Website (if applicable)"),
    ),
    QuestionnaireBlockKind.INITIATIVE: (
        ("name", "Initiative/Partnership Name"),
        ("partners", "Partners (please list all partners)"),
        ("sdgs", "Relevant SDGs (list all relevant goals)"),
        ("beneficiaries", "Member States benefiting from it"),
        ("description", _DESCRIPTION_LABEL),
        ("website", "Website"),
    ),
}
# Fields the questionnaire asks for (the website only "if applicable").
_REQUIRED = {
    QuestionnaireBlockKind.EVENT: ("name", "dates", "location", "sdgs", "description"),
    QuestionnaireBlockKind.RESOURCE: (
        "name",
        "sdgs",
        "publishing_entities",
        "target_audience",
        "description",
        "languages",
    ),
    QuestionnaireBlockKind.INITIATIVE: ("name", "partners", "sdgs", "beneficiaries", "description"),
}
_FIELD_NAMES = {
    "name": "name",
    "dates": "dates",
    "location": "location",
    "sdgs": "SDGs",
    "description": "description",
    "website": "website",
    "publishing_entities": "publishing entities",
    "target_audience": "target audience",
    "languages": "languages",
    "partners": "partners",
    "beneficiaries": "Member States benefiting",
}


def sdg_numbers_text(numbers: list[int]) -> str:
    """SDGs as the questionnaire asks for them: numbers ("SDG 9, 11, 17"), or all of them."""
    if len(numbers) == 17:
        return "All 17 SDGs"
    return f"SDG {', '.join(str(number) for number in numbers)}" if numbers else ""


def block_record_values(block_kind: str, record: object | None) -> dict[str, str]:
    """The values a block reports, read from its event or stocktaking entry (SDGs as their
    numbers "1,9"): what the import compares later to know whether a record was edited."""
    if record is None:
        return {}
    sdgs = ",".join(str(sdg.number) for sdg in sorted(record.sdgs.all(), key=lambda s: s.number))
    if isinstance(record, Event):
        return {
            "name": record.name,
            "dates": record.dates_text,
            "location": record.location_text or record.location_display,
            "sdgs": sdgs,
            "description": record.description,
            "website": "\n".join(record.websites),
        }
    values = {
        "name": record.title,
        "sdgs": sdgs,
        "description": record.description or record.summary,
        "website": "\n".join(url for url in (record.website, *record.other_links) if url),
    }
    if block_kind == QuestionnaireBlockKind.RESOURCE:
        values |= {
            "publishing_entities": record.partners,
            "target_audience": record.target_beneficiaries,
            "languages": record.languages,
        }
    else:
        values |= {"partners": record.partners, "beneficiaries": record.target_beneficiaries}
    return values


@dataclass
class BlockCheck:
    """What one block lacks or breaks of the questionnaire's rules."""

    kind: str
    name: str
    problems: list[str]


@dataclass
class QuestionnaireExport:
    text: str
    checks: list[BlockCheck] = field(default_factory=list)
    # Why the text differs from the file last imported: lines it dropped, records edited since.
    notes: list[str] = field(default_factory=list)

    def report_lines(self) -> list[str]:
        failing = [check for check in self.checks if check.problems]
        out = [
            (
                f"{len(self.checks)} blocks checked against the questionnaire's rules; "
                f"{len(failing)} with something missing"
            )
        ]
        for check in failing:
            out += [f"  {check.kind} '{check.name}': {problem}" for problem in check.problems]
        if self.notes:
            out.append("differences from the file last imported:")
            out += [f"  {note}" for note in self.notes]
        return out


def _is_url(text: str) -> bool:
    try:
        URLValidator()(text)
    except ValidationError:
        return False
    return True


def _record(block: QuestionnaireBlock) -> Event | object | None:
    return block.event if block.kind == QuestionnaireBlockKind.EVENT else block.entry


def _check(block: QuestionnaireBlock, values: dict[str, str]) -> BlockCheck:
    name = values.get("name") or str(block)
    problems: list[str] = []
    if not values:
        return BlockCheck(block.kind, name, ["the block's record was deleted"])
    for key in _REQUIRED[block.kind]:
        if not values.get(key, "").strip():
            problems.append(f"no {_FIELD_NAMES[key]}")
    dates = values.get("dates", "")
    if (
        block.kind == QuestionnaireBlockKind.EVENT
        and dates
        and not parse_event_dates(dates).understood
    ):
        problems.append(f"the dates '{dates}' are not dates the portal can read")
    words = word_count(values.get("description", ""))
    if words > MAX_DESCRIPTION_WORDS:
        problems.append(
            f"the description has {words} words; the questionnaire allows {MAX_DESCRIPTION_WORDS}"
        )
    for url in values.get("website", "").split("\n"):
        if url and not _is_url(url):
            problems.append(f"the website '{url}' is not a web address")
    return BlockCheck(block.kind, name, problems)


def _value_lines(key: str, value: str) -> list[str]:
    """A record's value as the lines of a block (the SDGs as numbers, paragraphs apart)."""
    if key == "sdgs":
        numbers = [int(number) for number in value.split(",") if number]
        return [sdg_numbers_text(numbers)] if numbers else []
    return [line for line in value.split("\n") if line.strip()]


def _block_lines(block: QuestionnaireBlock, values: dict[str, str], notes: list[str]) -> list[str]:
    written = {key: (label, lines) for key, label, lines in block.written.get("fields", [])}
    out: list[str] = []
    for key, default_label in BLOCK_FIELDS[block.kind]:
        label, lines = written.get(key, (default_label, []))
        current = values.get(key, "")
        if key in written and block.recorded.get(key) == current:
            value_lines = list(lines)
        else:
            value_lines = _value_lines(key, current)
            if key in written and values:
                name = values.get("name", "")
                notes.append(
                    f"{block.get_kind_display()} '{name}': the {_FIELD_NAMES[key]} written from "
                    "the record, edited since the import"
                )
        if key not in written and not value_lines:
            continue
        out += [label or default_label, ""]
        for line in value_lines:
            out += [line, ""]
    return out


def questionnaire_export(answer: QuestionnaireAnswer) -> QuestionnaireExport:
    """The answer in the questionnaire's text format from the records it points at: the heading,
    each question with its prose, then its event, resource and initiative blocks, then the
    closing lines. A field is written as the imported file wrote it while its record still holds
    that value, else from the record. Every block is checked against the questionnaire's rules.
    `answer` comes from `selectors.questionnaire_answer` (prefetched: constant queries)."""
    export = QuestionnaireExport(text="", notes=list(answer.import_notes))
    lines: list[str] = []
    preamble = answer.preamble or f"{FORM_TITLE}\n\n{answer.organisation.name}"
    lines += [*preamble.split("\n"), ""]
    for section in answer.sections.all():
        if section.question:
            lines += [f"{section.number}. {section.question}", ""]
        if section.body:
            lines += [*section.body.split("\n"), ""]
        for block in section.blocks.all():
            values = block_record_values(block.kind, _record(block))
            export.checks.append(_check(block, values))
            lines += _block_lines(block, values, export.notes)
        if section.closing:
            lines += [*section.closing.split("\n"), ""]
    if answer.footer:
        lines += answer.footer.split("\n")
    while lines and not lines[-1]:
        lines.pop()
    export.text = "\n".join(lines) + "\n"
    return export


def questionnaire_docx(answer: QuestionnaireAnswer) -> bytes:
    """The same answer as a Word document: the heading as the title, each question as a heading,
    each block as a two-column table of its fields."""
    from docx import Document  # python-docx loads only when a document is exported

    document = Document()
    preamble = [line for line in (answer.preamble or FORM_TITLE).split("\n") if line.strip()]
    document.add_heading(preamble[0], 0)
    for line in preamble[1:]:
        document.add_paragraph(line)
    for section in answer.sections.all():
        if section.question:
            document.add_heading(f"{section.number}. {section.question}", 1)
        for paragraph in section.body.split("\n\n") if section.body else ():
            document.add_paragraph(paragraph)
        for block in section.blocks.all():
            values = block_record_values(block.kind, _record(block))
            lines = _block_lines(block, values, [])
            table = document.add_table(rows=0, cols=2)
            table.style = "Table Grid"
            for label, value in _label_value_pairs(block, lines):
                row = table.add_row().cells
                row[0].text = label
                row[1].text = value
            document.add_paragraph("")
        for paragraph in section.closing.split("\n\n") if section.closing else ():
            document.add_paragraph(paragraph)
    for line in answer.footer.split("\n") if answer.footer else ():
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _label_value_pairs(block: QuestionnaireBlock, lines: list[str]) -> list[tuple[str, str]]:
    labels = {label for _, label in BLOCK_FIELDS[block.kind]}
    labels |= {label for _, label, _ in block.written.get("fields", [])}
    pairs: list[tuple[str, list[str]]] = []
    for line in lines:
        if not line:
            continue
        if line in labels:
            pairs.append((line, []))
        elif pairs:
            pairs[-1][1].append(line)
    return [(label, "\n".join(values)) for label, values in pairs]


def questionnaire_diff(previous: QuestionnaireAnswer, current: QuestionnaireAnswer) -> list[str]:
    """What changed from one year's answer to another, as a unified diff of their texts."""
    before = questionnaire_export(previous).text.split("\n")
    after = questionnaire_export(current).text.split("\n")
    return list(
        difflib.unified_diff(
            before,
            after,
            fromfile=f"{previous.organisation.name} {previous.year}",
            tofile=f"{current.organisation.name} {current.year}",
            lineterm="",
        )
    )
