"""The session import: a CSV of an event's agenda (one row per session), checked whole before
anything is written, then created or updated in one transaction."""

from __future__ import annotations

import csv
import datetime as dt
import io
import zoneinfo
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from events.enums import ParticipationMode, SessionType, SpeakerRole
from events.models import Event, Session, Speaker
from events.services import outcome_search_vectors_refresh
from wsis.caching import public_cache_bump
from wsis.enums import CacheNamespace
from wsis.models import ActionLine, Organisation, Sdg
from wsis.services import audit_record

SESSION_CSV_COLUMNS = (
    "number",
    "title",
    "type",
    "date",
    "start",
    "end",
    "organisers",
    "participation",
    "room",
    "action_lines",
    "sdgs",
    "description",
    "speakers",
    "links",
)
SESSION_CSV_REQUIRED = ("number", "title", "type", "date", "start", "end")


class SessionImportError(Exception):
    def __init__(self, errors: list[str]) -> None:
        self.errors = errors
        super().__init__("\n".join(errors))


@dataclass
class SessionImportResult:
    created: int = 0
    updated: int = 0
    dry_run: bool = False
    messages: list[str] = field(default_factory=list)


def _split(value: str) -> list[str]:
    return [part.strip() for part in value.replace("\n", ";").split(";") if part.strip()]


def _parse_session_row(
    row: dict[str, str], line: int, event: Event, lookups: dict[str, dict]
) -> tuple[dict[str, Any], list[str]]:
    errors: list[str] = []

    def err(column: str, message: str) -> None:
        errors.append(
            _("line %(line)d, column “%(column)s”: %(message)s")
            % {"line": line, "column": column, "message": message}
        )

    values = {key: (row.get(key) or "").strip() for key in SESSION_CSV_COLUMNS}
    for column in SESSION_CSV_REQUIRED:
        if not values[column]:
            err(column, _("a value is required"))
    parsed: dict[str, Any] = {"title": values["title"], "room": values["room"]}
    parsed["description"] = values["description"]
    if values["number"]:
        try:
            parsed["number"] = int(values["number"])
            if parsed["number"] < 1:
                raise ValueError
        except ValueError:
            err(
                "number",
                _("“%(value)s” is not a positive whole number") % {"value": values["number"]},
            )
    if values["type"]:
        if values["type"] in SessionType.values:
            parsed["session_type"] = values["type"]
        else:
            err(
                "type",
                _("“%(value)s” is not one of: %(allowed)s")
                % {"value": values["type"], "allowed": ", ".join(SessionType.values)},
            )
    parsed["participation_mode"] = values["participation"] or ParticipationMode.HYBRID
    if parsed["participation_mode"] not in ParticipationMode.values:
        err(
            "participation",
            _("“%(value)s” is not one of: %(allowed)s")
            % {"value": values["participation"], "allowed": ", ".join(ParticipationMode.values)},
        )
    if values["date"] and values["start"] and values["end"]:
        try:
            day = dt.date.fromisoformat(values["date"])
            start = dt.time.fromisoformat(values["start"])
            end = dt.time.fromisoformat(values["end"])
        except ValueError:
            err("date", _("expected a date as YYYY-MM-DD and times as HH:MM"))
        else:
            zone = zoneinfo.ZoneInfo(event.time_zone)
            parsed["starts_at"] = dt.datetime.combine(day, start, tzinfo=zone)
            parsed["ends_at"] = dt.datetime.combine(day, end, tzinfo=zone)
            if parsed["ends_at"] <= parsed["starts_at"]:
                err("end", _("the session ends before it starts"))
    for column, lookup_key, label in (
        ("organisers", "organisations", _("organisation slug")),
        ("action_lines", "action_lines", _("Action Line code")),
        ("sdgs", "sdgs", _("SDG number")),
    ):
        found = []
        for item in _split(values[column]):
            match = lookups[lookup_key].get(item.upper() if column == "action_lines" else item)
            if match is None:
                err(column, _("unknown %(label)s “%(value)s”") % {"label": label, "value": item})
            else:
                found.append(match)
        parsed[column] = found
    speakers = []
    for position, item in enumerate(_split(values["speakers"])):
        name, title, organisation, role = ([*(p.strip() for p in item.split("|")), "", "", ""])[:4]
        role = role or "speaker"
        if role not in SpeakerRole.values:
            err("speakers", _("unknown speaker role “%(value)s”") % {"value": role})
        speakers.append(
            Speaker(name=name, title=title, organisation=organisation, role=role, position=position)
        )
    parsed["speakers"] = speakers
    parsed["links"] = _split(values["links"])
    return parsed, errors


def sessions_import_csv(
    *, event: Event, text: str, by: Any, dry_run: bool = False
) -> SessionImportResult:
    """Creates or updates `event`'s sessions from a CSV file (columns: SESSION_CSV_COLUMNS; the
    header row is required; lists are separated by ";", a speaker is
    "name|title|organisation|role").

    Guarantees: every row is checked first; any error raises SessionImportError listing every
    problem with its line and column, and nothing is written. A session is matched on its number,
    so importing the same file twice changes nothing the second time. Audited once per import.
    """
    if "\x00" in text:
        # PostgreSQL cannot store a NUL byte in text.
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise SessionImportError(
            [_("line %(line)d: the file contains a NUL character") % {"line": line}]
        )
    reader = csv.DictReader(io.StringIO(text.removeprefix("\ufeff")))
    header = [name.strip() for name in reader.fieldnames or []]
    missing = [column for column in SESSION_CSV_REQUIRED if column not in header]
    if missing:
        raise SessionImportError(
            [
                _("line 1: the header lacks the columns %(columns)s")
                % {"columns": ", ".join(missing)}
            ]
        )
    unknown = [column for column in header if column not in SESSION_CSV_COLUMNS]
    if unknown:
        raise SessionImportError(
            [_("line 1: unknown columns %(columns)s") % {"columns": ", ".join(unknown)}]
        )
    lookups = {
        "organisations": {o.slug: o for o in Organisation.objects.all()},
        "action_lines": {a.code.upper(): a for a in ActionLine.objects.all()},
        "sdgs": {str(s.number): s for s in Sdg.objects.all()},
    }
    rows, errors, seen = [], [], {}
    for row in reader:
        line = reader.line_num
        row = {(key or "").strip(): value for key, value in row.items()}
        parsed, row_errors = _parse_session_row(row, line, event, lookups)
        number = parsed.get("number")
        if number is not None and number in seen:
            row_errors.append(
                _("line %(line)d: session number %(number)d is already on line %(first)d")
                % {"line": line, "number": number, "first": seen[number]}
            )
        if number is not None:
            seen.setdefault(number, line)
        errors.extend(row_errors)
        rows.append(parsed)
    if not rows and not errors:
        errors.append(_("line 2: the file has no session rows"))
    if errors:
        raise SessionImportError(errors)
    result = SessionImportResult(dry_run=dry_run)
    with transaction.atomic():
        updated_ids = []
        for parsed in rows:
            defaults = {
                key: parsed[key]
                for key in (
                    "title",
                    "session_type",
                    "starts_at",
                    "ends_at",
                    "participation_mode",
                    "room",
                    "description",
                    "links",
                )
            }
            session, created = Session.objects.update_or_create(
                event=event, number=parsed["number"], defaults=defaults
            )
            session.organisers.set(parsed["organisers"])
            session.action_lines.set(parsed["action_lines"])
            session.sdgs.set(parsed["sdgs"])
            session.speakers.all().delete()
            for speaker in parsed["speakers"]:
                speaker.session = session
            Speaker.objects.bulk_create(parsed["speakers"])
            if created:
                result.created += 1
            else:
                result.updated += 1
                updated_ids.append(session.pk)
        # A session's title is part of its outcome document's search vector.
        outcome_search_vectors_refresh(session_ids=updated_ids)
        audit_record(
            actor=by,
            action="events_session.import_csv",
            obj=event,
            after={"created": result.created, "updated": result.updated},
        )
        # The agenda changed: the speakers are written by `bulk_create`, which no signal sees (a
        # dry run rolls back, and then nothing is bumped).
        public_cache_bump(CacheNamespace.EVENTS)
        if dry_run:
            transaction.set_rollback(True)
    return result
