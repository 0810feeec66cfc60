"""The import services: the seed outcome document into a session's draft outcome, and the UN DESA
questionnaire's event blocks into events and its resource and initiative blocks into stocktaking
drafts. Both are transactional and idempotent."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils.text import slugify
from django_countries import countries

from events.enums import OUTCOME_EDITABLE_STATES, EventKind, LocationMode
from events.importers.event_dates import parse_event_dates
from events.importers.outcome_text import (
    ParsedOutcome,
    outcome_day_month,
    parse_outcome_document,
)
from events.importers.questionnaire_text import (
    ParsedEvent,
    ParsedInitiative,
    ParsedQuestionnaire,
    ParsedResource,
    parse_questionnaire,
)
from events.models import (
    Event,
    OutcomeDocument,
    QuestionnaireAnswer,
    QuestionnaireBlock,
    QuestionnaireBlockKind,
    QuestionnaireSection,
    Session,
    utc_offset_label,
)
from events.questionnaires import block_record_values
from events.services import outcome_clean_content, outcome_limit_report, outcome_save
from stocktaking.enums import SUMMARY_MAX_WORDS, EntryKind
from stocktaking.models import Entry
from stocktaking.services import entry_import_draft
from wsis.models import Organisation, Sdg
from wsis.services import audit_record


class ImportRefused(Exception):
    """The file parses, but cannot be imported as asked (unknown session, published outcome…)."""


class OutcomeHeaderMismatch(ImportRefused):
    """The outcome document's header names another session than the one imported into."""

    def __init__(self, problems: list[tuple[int, str]]) -> None:
        self.problems = problems
        self.errors = [f"line {line}: {message}" for line, message in problems]
        super().__init__("; ".join(self.errors))


_QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-"})


def _comparable(text: str) -> str:
    return " ".join(text.translate(_QUOTES).casefold().split()).strip(" .:")


def _organiser_key(name: str) -> str:
    return _comparable(name).removeprefix("the ")


def _outcome_header_problems(parsed: ParsedOutcome, session: Session) -> list[tuple[int, str]]:
    """What of the document's header (session number, title, organisers, date and time)
    contradicts `session`, each with the header's line. A field the header lacks is not checked."""
    lines = parsed.header_lines
    problems: list[tuple[int, str]] = []
    if parsed.session_number is not None and parsed.session_number != session.number:
        message = (
            f"session number: the document names session {parsed.session_number}, "
            f"imported into session {session.number}"
        )
        problems.append((lines.get("session", 1), message))
    if parsed.session_title and _comparable(parsed.session_title) != _comparable(session.title):
        message = (
            f"title: the document's '{parsed.session_title}' differs from the session's "
            f"'{session.title}'"
        )
        problems.append((lines.get("title", 1), message))
    names = sorted(o.name for o in session.organisers.all())
    organisers = {_organiser_key(name) for name in names}
    named = {_organiser_key(name) for name in parsed.organisers}
    if organisers and named and organisers != named:
        message = (
            f"organisers: the document names '{parsed.organisers_text}', the session has "
            f"'{', '.join(names)}'"
        )
        problems.append((lines.get("organisers", 1), message))
    problems += _outcome_date_problems(parsed, session, lines.get("date", 1))
    return problems


def _outcome_date_problems(
    parsed: ParsedOutcome, session: Session, line: int
) -> list[tuple[int, str]]:
    if not parsed.date_text:
        return []
    starts, ends = session.local_starts_at, session.local_ends_at
    problems: list[str] = []
    day = outcome_day_month(parsed.date_text)
    if day is not None and day != (starts.day, starts.month):
        problems.append(f"the date is {day[0]}/{day[1]}, the session is on {starts:%d/%m}")
    if parsed.start_time is not None and (parsed.start_time, parsed.end_time) != (
        starts.time().replace(second=0, microsecond=0),
        ends.time().replace(second=0, microsecond=0),
    ):
        problems.append(
            f"the time is {parsed.start_time:%H:%M}-{parsed.end_time:%H:%M}, the session runs "
            f"{starts:%H:%M}-{ends:%H:%M}"
        )
    if parsed.utc_offset is not None and f"UTC{parsed.utc_offset}" != utc_offset_label(starts):
        problems.append(
            f"the offset is UTC{parsed.utc_offset}, the session's is {utc_offset_label(starts)}"
        )
    if not problems:
        return []
    return [(line, f"date and time: '{parsed.date_text}': {'; '.join(problems)}")]


@dataclass
class OutcomeImportReport:
    session: Session
    created: bool
    sections: dict[str, int]
    limit_problems: list[str]
    warnings: list[str]
    dry_run: bool
    unchanged: bool = False

    def lines(self) -> list[str]:
        verb = "would import" if self.dry_run else "imported"
        state = "new draft" if self.created else "draft updated"
        if self.unchanged:
            state = "unchanged: the draft already holds this text"
        out = [f"{verb} the outcome of session {self.session.number} ({state})"]
        out += [f"  {key}: {count}" for key, count in self.sections.items()]
        if self.limit_problems:
            out.append("imported as a draft anyway; the text breaks these limits:")
            out += [f"  {problem}" for problem in self.limit_problems]
        out += [f"warning: {warning}" for warning in self.warnings]
        return out


def outcome_import(
    *,
    event: Event,
    session_number: int,
    text: str,
    by: Any = None,
    dry_run: bool = False,
    force: bool = False,
) -> OutcomeImportReport:
    """Reads an outcome document in the seed's text format into the draft outcome of session
    `session_number` of `event`.

    Guarantees: OutcomeFormatError (naming the line) when the text does not follow the template;
    ImportRefused when the session does not exist or its outcome was already handed in;
    OutcomeHeaderMismatch (naming each field and its line) when the header's session number,
    title, organisers or date and time contradict the session, unless `force`; limits are
    reported, not enforced (a draft). Importing the same text again changes nothing: no edit
    version, no audit row, so nobody's open form turns stale. `dry_run` rolls everything back.
    Audited through `outcome_save`.
    """
    parsed = parse_outcome_document(text)
    session = Session.objects.filter(event=event, number=session_number).first()
    if session is None:
        raise ImportRefused(f"the event '{event.slug}' has no session {session_number}")
    mismatches = _outcome_header_problems(parsed, session)
    if mismatches and not force:
        raise OutcomeHeaderMismatch(mismatches)
    content = outcome_clean_content(
        {
            "key_issues": list(parsed.key_issues),
            "views_wsis20": list(parsed.views_wsis20),
            "tangible_outcomes": list(parsed.tangible_outcomes),
            "action_plan": list(parsed.action_plan),
            "thematic_suggestions": parsed.thematic_suggestions,
        }
    )
    warnings = [str(warning) for warning in parsed.warnings]
    warnings += [f"line {line}: imported with --force although {text}" for line, text in mismatches]
    with transaction.atomic():
        existing = OutcomeDocument.objects.select_for_update().filter(session=session).first()
        if existing is not None and existing.status not in OUTCOME_EDITABLE_STATES:
            raise ImportRefused(
                f"the outcome of session {session_number} is {existing.status}; "
                "only a draft can be replaced by an import"
            )
        unchanged = existing is not None and existing.content() == content
        if not unchanged:
            outcome_save(
                session=session, by=by, content=content, lock_version=None, check_permission=False
            )
        if dry_run:
            transaction.set_rollback(True)
    return OutcomeImportReport(
        session=session,
        created=existing is None,
        unchanged=unchanged,
        sections={
            key: len(value) if isinstance(value, list) else (1 if value else 0)
            for key, value in content.items()
        },
        limit_problems=outcome_limit_report(content),
        warnings=warnings,
        dry_run=dry_run,
    )


@dataclass
class QuestionnaireImportReport:
    dry_run: bool
    created: list[str] = field(default_factory=list)
    existing: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)
    unparsed: list[str] = field(default_factory=list)
    entries_created: list[str] = field(default_factory=list)
    entries_existing: list[str] = field(default_factory=list)
    not_understood: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    drafts: list[str] = field(default_factory=list)
    answer: str = ""

    def lines(self) -> list[str]:
        verb = "would create" if self.dry_run else "created"
        out = [f"{verb} {len(self.created)} events; {len(self.existing)} already present"]
        out += [f"  event: {name}" for name in self.created]
        out += [f"  already present: {name}" for name in self.existing]
        out.append(
            f"{verb} {len(self.entries_created)} stocktaking drafts; "
            f"{len(self.entries_existing)} already imported"
        )
        out += [f"  draft {name}" for name in self.entries_created]
        out += [f"  already imported: {name}" for name in self.entries_existing]
        out += [f"duplicate: {text}" for text in self.duplicates]
        out += [f"kept as text: {text}" for text in self.unparsed]
        out += [f"not understood: {text}" for text in self.not_understood]
        out += [f"draft, not public: {text}" for text in self.drafts]
        out += [f"warning: {text}" for text in self.warnings]
        if self.answer:
            out.append(self.answer)
        return out


def _event_kind(name: str) -> str:
    lowered = name.casefold()
    if "wsis forum" in lowered:
        return EventKind.FORUM
    if "webinar" in lowered or "series" in lowered:
        return EventKind.WEBINAR_SERIES
    if "high-level" in lowered or "high level" in lowered:
        return EventKind.HIGH_LEVEL
    if "conference" in lowered or "summit" in lowered:
        return EventKind.CONFERENCE
    return EventKind.OTHER


def _unique_slug(name: str, taken: set[str]) -> str:
    base = slugify(name)[:100] or "event"
    slug, suffix = base, 1
    while slug in taken or Event.objects.filter(slug=slug).exists():
        suffix += 1
        slug = f"{base}-{suffix}"
    taken.add(slug)
    return slug


def _is_url(text: str) -> bool:
    try:
        URLValidator()(text)
    except ValidationError:
        return False
    return True


_COUNTRY_ALIASES = {"UAE": "AE", "USA": "US", "US": "US", "UK": "GB"}
_COUNTRY_PREFIX_RE = re.compile(r"^(?:the\s+)?(?:kingdom|republic|state|sultanate)\s+of\s+", re.I)


def _country_code(name: str) -> str:
    """The ISO code of a country as the questionnaire writes it ("UAE", "Kingdom of Saudi
    Arabia", "Tanzania"), or "" when it is not certain."""
    name = name.strip(" .")
    code = _COUNTRY_ALIASES.get(name.upper()) or countries.by_name(name)
    if not code:
        code = countries.by_name(_COUNTRY_PREFIX_RE.sub("", name))
    if not code:
        # "Tanzania" for "United Republic of Tanzania": the one country whose name ends so.
        folded = name.casefold()
        ending = [
            c
            for c, full in countries
            if full.casefold().endswith(" " + folded) or full.casefold().startswith(folded + ",")
        ]
        code = ending[0] if len(ending) == 1 else ""
    return code or ""


def _entry_draft_from_block(
    block: ParsedResource | ParsedInitiative,
    *,
    organisation: Organisation,
    sdgs: dict[int, Sdg],
    by: Any,
    report: QuestionnaireImportReport,
) -> Entry:
    if isinstance(block, ParsedResource):
        noun, kind = "resource", EntryKind.RESOURCE
        partners, beneficiaries = block.publishing_entities, block.target_audience
        languages = ", ".join(block.languages)
    else:
        noun, kind = "initiative", EntryKind.INITIATIVE
        partners, beneficiaries, languages = block.partners, block.beneficiaries, ""
    where = f"line {block.line_number}: {noun} '{block.name}'"
    if block.sdgs_text and not block.sdg_numbers:
        report.not_understood.append(f"{where}: SDGs '{block.sdgs_text}'")
    urls = [url for url in block.websites if _is_url(url)]
    if block.website and not urls:
        report.not_understood.append(f"{where}: website '{block.website}'")
    entry, created = entry_import_draft(
        organisation=organisation,
        kind=kind,
        title=block.name,
        summary=" ".join(block.description.split()[:SUMMARY_MAX_WORDS]),
        description=block.description,
        website=urls[0] if urls else "",
        other_links=urls[1:],
        sdgs=[sdgs[number] for number in block.sdg_numbers if number in sdgs],
        partners=partners,
        beneficiaries=beneficiaries,
        languages=languages,
        by=by,
    )
    target = report.entries_created if created else report.entries_existing
    target.append(f"{noun}: {entry.title}")
    return entry


def _event_from_block(
    item: ParsedEvent,
    *,
    organisation: Organisation,
    sdgs: dict[int, Sdg],
    taken: set[str],
    report: QuestionnaireImportReport,
) -> Event:
    existing = Event.objects.filter(name=item.name, dates_text=item.dates_text[:300]).first()
    if existing is not None:
        report.existing.append(item.name)
        return existing
    dates = parse_event_dates(item.dates_text)
    if not dates.understood:
        report.unparsed.append(
            f"line {item.line_number}: dates '{item.dates_text}' of '{item.name}'"
        )
    places = [
        {"city": city[:120], "country": code}
        for city, country in item.places
        if (code := _country_code(country))
    ]
    if len(places) != len(item.places):
        places = []
    country = _country_code(item.country) if item.country else ""
    city = (item.city or "")[:120] if country else ""
    if places:
        city, country = places[0]["city"], places[0]["country"]
    if item.location_text and not item.is_virtual and not (city and country):
        report.unparsed.append(
            f"line {item.line_number}: location '{item.location_text}' of '{item.name}'"
        )
    if item.sdgs_text and not item.sdg_numbers:
        report.unparsed.append(f"line {item.line_number}: SDGs '{item.sdgs_text}' of '{item.name}'")
    hybrid = dates.hybrid or bool(re.search(r"\bhybrid\b", item.location_text, re.I))
    if item.is_virtual:
        mode = LocationMode.VIRTUAL
    else:
        mode = LocationMode.HYBRID if hybrid else LocationMode.IN_PERSON
    urls = [url[:500] for url in item.websites if _is_url(url)]
    event = Event(
        name=item.name[:300],
        slug=_unique_slug(item.name, taken),
        kind=_event_kind(item.name),
        dates_text=item.dates_text[:300],
        dates_note=dates.note[:300],
        start_date=dates.start,
        end_date=dates.end,
        is_open_ended=dates.open_ended,
        separate_dates=[day.isoformat() for day in dates.separate],
        time_zone="UTC",
        location_mode=mode,
        city=city,
        country=country,
        places=places,
        location_text=item.location_text[:300],
        sdgs_text=item.sdgs_text[:500],
        description=item.description,
        website=urls[0] if urls else "",
        more_websites=urls[1:],
        organisers_text=organisation.name,
    )
    event.save()
    event.sdgs.set([sdgs[number] for number in item.sdg_numbers if number in sdgs])
    event.organisers.set([organisation])
    missing = event.missing_required_fields()
    if missing:
        # Nothing incomplete goes public: the secretariat completes the draft and publishes it.
        Event.objects.filter(pk=event.pk).update(is_draft=True)
        event.is_draft = True
        report.drafts.append(
            f"line {item.line_number}: event '{item.name}' lacks {', '.join(missing)}"
        )
    report.created.append(item.name)
    return event


def _answer_save(
    *,
    parsed: ParsedQuestionnaire,
    organisation: Organisation,
    year: int,
    records: dict[int, Event | Entry],
) -> QuestionnaireAnswer:
    """Writes the answer's heading, sections and blocks, updating in place what is there, so
    that importing the same answer again leaves the same rows."""
    answer, _ = QuestionnaireAnswer.objects.update_or_create(
        organisation=organisation,
        year=year,
        defaults={
            "preamble": parsed.preamble,
            "footer": parsed.footer,
            "import_notes": [str(dropped) for dropped in parsed.dropped],
        },
    )
    numbers = []
    for parsed_section in parsed.sections:
        numbers.append(parsed_section.number)
        section, _ = QuestionnaireSection.objects.update_or_create(
            answer=answer,
            number=parsed_section.number,
            defaults={
                "question": parsed_section.question,
                "body": parsed_section.body,
                "closing": parsed_section.closing,
            },
        )
        for position, item in enumerate(parsed_section.blocks, start=1):
            record = records[id(item)]
            kind = {
                ParsedEvent: QuestionnaireBlockKind.EVENT,
                ParsedResource: QuestionnaireBlockKind.RESOURCE,
                ParsedInitiative: QuestionnaireBlockKind.INITIATIVE,
            }[type(item)]
            QuestionnaireBlock.objects.update_or_create(
                section=section,
                position=position,
                defaults={
                    "kind": kind,
                    "event": record if isinstance(record, Event) else None,
                    "entry": record if isinstance(record, Entry) else None,
                    "written": {"fields": [list(field) for field in item.written]},
                    "recorded": block_record_values(kind, record),
                },
            )
        section.blocks.filter(position__gt=len(parsed_section.blocks)).delete()
    answer.sections.exclude(number__in=numbers).delete()
    return answer


def questionnaire_import(
    *,
    text: str,
    organisation: Organisation,
    by: Any = None,
    dry_run: bool = False,
    year: int | None = None,
) -> QuestionnaireImportReport:
    """Creates one event per event block of a UN DESA questionnaire answer, organised by
    `organisation`, and stores the answer itself (its questions with their prose, and its blocks
    pointing at the records) as the answer of `year` (default: the file's "Year of submission").

    Guarantees: QuestionnaireFormatError (naming the line) and nothing written when the file is
    not a questionnaire; an event already present (same name and dates text) is not created
    again, so a second import creates nothing; a block repeated in the file is imported once and
    reported as a duplicate; dates, places and SDGs that cannot be parsed are kept as text and
    listed; an event that lacks a required field (name, dates, place, description, SDGs) is
    created as a draft, not public, and listed. Each resource block becomes a stocktaking draft
    of the resource kind and each initiative/partnership block one of the initiative kind, owned
    by `organisation`, for its members to complete (Action Lines, coverage) and submit; a draft
    already present (same organisation, kind and title) is reported as already imported. The
    answer of the same organisation and year is updated in place: importing the same file again
    leaves the same rows. Everything is written in one transaction: all or nothing. Audited
    once per import and once per draft.
    """
    parsed = parse_questionnaire(text)
    report = QuestionnaireImportReport(dry_run=dry_run)
    for warning in parsed.warnings:
        target = report.duplicates if "repeats the block" in warning.message else report.warnings
        target.append(str(warning))
    sdgs = {sdg.number: sdg for sdg in Sdg.objects.all()}
    taken: set[str] = set()
    year = year or parsed.year
    records: dict[int, Event | Entry] = {}
    with transaction.atomic():
        for item in parsed.events:
            records[id(item)] = _event_from_block(
                item, organisation=organisation, sdgs=sdgs, taken=taken, report=report
            )
        for block in (*parsed.resources, *parsed.initiatives):
            records[id(block)] = _entry_draft_from_block(
                block, organisation=organisation, sdgs=sdgs, by=by, report=report
            )
        if year is None:
            report.answer = "answer not stored: the file has no 'Year of submission'; give the year"
        else:
            answer = _answer_save(
                parsed=parsed, organisation=organisation, year=year, records=records
            )
            report.answer = (
                f"answer {answer.year} of {organisation.name}: {len(parsed.sections)} sections, "
                f"{sum(len(section.blocks) for section in parsed.sections)} blocks"
            )
        if report.created or report.entries_created:
            audit_record(
                actor=by,
                action="events_event.import_questionnaire",
                obj=organisation,
                after={"events": report.created, "stocktaking_entries": report.entries_created},
            )
        if dry_run:
            transaction.set_rollback(True)
    return report
