"""The yearly open-data dump: every public record of the portal in one ZIP archive.

For each public kind (approved stocktaking entries, published outcome documents and their
commitments, public events and their sessions, published roadmap versions and their clauses,
WSIS Prize winners and champions of announced results, the thematic repositories with their
entries, and the reference lists), the archive holds `<kind>.jsonl` (one JSON object a line)
and `<kind>.csv` (the same records flattened, through the one formula-safe writer
`wsis.csv_files`), then `README.md` (every file and field) and `manifest.json` (the number of
records and the SHA-256 checksum of each file).

Public fields only: each record is made by the public API's own serializer (the fields that
`tests/test_public_fields.py` pins), from the same public querysets the API lists, so a draft or
a private field (a contact's e-mail address, the secretariat's internal reasons) cannot reach the
archive without reaching the API first. Records are read in chunks (`.iterator(chunk_size=…)`)
and written to temporary files as they come: memory stays constant whatever the number of
records. The archive goes to the public storage (`storages["public"]`: the local disk by default,
the public S3 bucket in the cluster) under a new name, so cached copies of a previous build stay
valid; a rebuild in the same year replaces that year's record, and earlier years are kept.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import tempfile
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import IO, Any
from urllib.parse import urljoin

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.core.files import File
from django.core.files.storage import storages
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from rest_framework import serializers

from events import selectors as events_selectors
from events.api.serializers import (
    CommitmentSerializer,
    EventSerializer,
    OutcomeSerializer,
    SessionSerializer,
)
from evidence import selectors as evidence_selectors
from evidence.api.serializers import ThematicRepositorySerializer
from publications.models import OpenDataArchive
from roadmaps.api.serializers import ClauseSerializer, VersionSummarySerializer
from roadmaps.enums import PUBLIC_STATES as ROADMAP_PUBLIC_STATES
from roadmaps.models import Clause, RoadmapVersion
from stocktaking import selectors as stocktaking_selectors
from stocktaking.api.serializers import EntrySerializer
from stocktaking.prizes.api.serializers import NomineeSerializer
from stocktaking.prizes.enums import RESULT_STATES
from stocktaking.prizes.models import PrizeEntry
from stocktaking.prizes.selectors import prize_results_of_stocktaking_entries
from wsis import selectors as core_selectors
from wsis.api.serializers import (
    ActionLineSerializer,
    CountrySerializer,
    GdcObjectiveSerializer,
    ItuRegionSerializer,
    SdgSerializer,
    StakeholderTypeSerializer,
)
from wsis.csv_files import csv_lines
from wsis.models import GdcObjective, ItuRegion, Sdg, StakeholderType, User
from wsis.services import audit_record

ARCHIVE_FOLDER = "open-data"
CHUNK_SIZE = 500
# Copying between temporary files and into the archive, a block at a time.
BLOCK = 1024 * 1024
LIST_SEPARATOR = "; "


class _Origin:
    """Stands in for a request where a serializer makes an absolute address: the portal's
    address as people reach it (`PORTAL_BASE_URL`)."""

    def build_absolute_uri(self, location: str) -> str:
        return urljoin(settings.PORTAL_BASE_URL.rstrip("/") + "/", location)


class _RoadmapVersionSerializer(VersionSummarySerializer):
    action_line = serializers.CharField(source="roadmap.action_line.code", read_only=True)

    class Meta(VersionSummarySerializer.Meta):
        fields = ("action_line", *VersionSummarySerializer.Meta.fields)


class _ClauseSerializer(ClauseSerializer):
    """A clause as the API shows it, with the roadmap version it belongs to (the API nests
    clauses in their version; a flat file names it)."""

    action_line = serializers.CharField(source="version.roadmap.action_line.code", read_only=True)
    version = serializers.IntegerField(source="version.number", read_only=True)

    class Meta(ClauseSerializer.Meta):
        fields = ("action_line", "version", *ClauseSerializer.Meta.fields)


@dataclass(frozen=True)
class Kind:
    """One public kind of record: its files' name, what it holds, the records and their shape."""

    name: str
    description: str
    queryset: Callable[[], QuerySet]
    serializer: type[serializers.Serializer]
    # Makes the serializer's context for one chunk of records (e.g. their prize results).
    context: Callable[[list, datetime], dict] | None = None


def _entry_context(entries: list, now: datetime) -> dict:
    stocktaking_selectors.entries_api_relations_fetch(entries)
    return {
        "prize_results": prize_results_of_stocktaking_entries(
            [entry.pk for entry in entries], now=now
        )
    }


def _public_sessions() -> QuerySet:
    return events_selectors.sessions_public().filter(event__is_draft=False)


def _published_roadmap_versions() -> QuerySet:
    return (
        RoadmapVersion.objects.filter(status__in=ROADMAP_PUBLIC_STATES)
        .select_related("roadmap__action_line")
        .order_by("roadmap__action_line__position", "number")
    )


def _published_roadmap_clauses() -> QuerySet:
    return (
        Clause.objects.filter(version__status__in=ROADMAP_PUBLIC_STATES)
        .select_related("group", "version__roadmap__action_line")
        .prefetch_related("sdgs")
        .order_by("version__roadmap__action_line__position", "version__number", "position", "id")
    )


def _prize_results() -> QuerySet:
    return (
        PrizeEntry.objects.filter(
            status__in=RESULT_STATES, contest__winners_announced_at__lte=timezone.now()
        )
        .select_related("organisation", "category", "contest")
        .prefetch_related("sdgs")
        .order_by("-contest__year", "category__number", "status", "title", "id")
    )


KINDS: tuple[Kind, ...] = (
    Kind(
        "stocktaking_entries",
        "Approved WSIS Stocktaking entries (projects and activities), as `/api/v1/stocktaking/"
        "entries/` shows them; `prizes` lists their announced WSIS Prize results.",
        stocktaking_selectors.entries_public_unfetched,
        EntrySerializer,
        _entry_context,
    ),
    Kind(
        "prize_results",
        "Winners and champions of the WSIS Prizes contests whose results are announced.",
        _prize_results,
        NomineeSerializer,
    ),
    Kind(
        "events",
        "Public events (WSIS Forums and others).",
        lambda: events_selectors.events_public().order_by("-start_date", "name"),
        EventSerializer,
    ),
    Kind(
        "sessions",
        "The sessions of public events.",
        _public_sessions,
        SessionSerializer,
    ),
    Kind(
        "outcome_documents",
        "Published outcome documents of sessions.",
        events_selectors.outcomes_published,
        OutcomeSerializer,
    ),
    Kind(
        "commitments",
        'The commitments of published outcome documents (their "tangible outcomes" and '
        '"actionable plan" bullets) and where their organisers last said each stands, as '
        "`/api/v1/commitments/` shows them; `withdrawn` marks a bullet a later version of the "
        "document removed.",
        events_selectors.commitments_public,
        CommitmentSerializer,
    ),
    Kind(
        "roadmap_versions",
        "Published versions of the Action Line Roadmaps (the current one and those it superseded).",
        _published_roadmap_versions,
        _RoadmapVersionSerializer,
    ),
    Kind(
        "roadmap_clauses",
        "The clauses of the published roadmap versions.",
        _published_roadmap_clauses,
        _ClauseSerializer,
    ),
    Kind(
        "thematic_repositories",
        "Thematic repositories curated by the WSIS secretariat, each with the approved "
        "stocktaking entries accepted into it, as `/api/v1/repositories/` shows them.",
        evidence_selectors.repositories_public_with_entries,
        ThematicRepositorySerializer,
    ),
    Kind(
        "action_lines",
        "The WSIS Action Lines (C1 to C11 and C7's sub-lines).",
        core_selectors.action_lines_all,
        ActionLineSerializer,
    ),
    Kind(
        "sdgs",
        "The Sustainable Development Goals.",
        lambda: Sdg.objects.order_by("number"),
        SdgSerializer,
    ),
    Kind(
        "gdc_objectives",
        "The objectives of the Global Digital Compact.",
        lambda: GdcObjective.objects.order_by("number"),
        GdcObjectiveSerializer,
    ),
    Kind(
        "countries",
        "Countries and territories (ISO 3166 alpha-2) with their ITU region.",
        core_selectors.countries_with_regions,
        CountrySerializer,
    ),
    Kind(
        "itu_regions",
        "The ITU regions.",
        lambda: ItuRegion.objects.order_by("code"),
        ItuRegionSerializer,
    ),
    Kind(
        "stakeholder_types",
        "The kinds of stakeholder an organisation is.",
        lambda: StakeholderType.objects.order_by("code"),
        StakeholderTypeSerializer,
    ),
)


# --- The shape of a file ---


def csv_columns(serializer: serializers.Serializer) -> list[tuple[str, serializers.Field]]:
    """The CSV columns of a serializer's records: a nested object (not a list) becomes one column
    per field, named `parent.child`; everything else one column."""
    columns = []
    for name, field in serializer.fields.items():
        if isinstance(field, serializers.Serializer):
            columns.extend((f"{name}.{sub}", child) for sub, child in field.fields.items())
        else:
            columns.append((name, field))
    return columns


def _plain(value: Any) -> Any:
    """A JSON value as one CSV cell: a list of plain values joined with "; ", any other list or
    object as JSON text."""
    if isinstance(value, list):
        if all(not isinstance(item, dict | list) for item in value):
            return LIST_SEPARATOR.join("" if item is None else str(item) for item in value)
        return json.dumps(value, ensure_ascii=False, cls=DjangoJSONEncoder)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, cls=DjangoJSONEncoder)
    return value


def csv_row(record: dict, names: list[str]) -> list[Any]:
    row = []
    for name in names:
        value: Any = record
        for part in name.split("."):
            value = value.get(part) if isinstance(value, dict) else None
        row.append(_plain(value))
    return row


# What a field holds where neither its help text nor its model field says it well.
FIELD_NOTES = {
    "id": "The record's number on the portal (stable: other files refer to it).",
    "url": "The record's page on the portal.",
    "organisation": "The organisation (its name).",
    "organisation.id": "The organisation's number on the portal.",
    "organisation.name": "The organisation's name.",
    "organisation.country": "The organisation's country (ISO 3166 alpha-2).",
    "organisation.stakeholder_type": "The organisation's stakeholder type (see stakeholder_types).",
    "countries": "Countries (ISO 3166 alpha-2, see countries).",
    "regions": "ITU regions (see itu_regions).",
    "action_lines": "WSIS Action Lines (codes, see action_lines).",
    "primary_action_line": "The main WSIS Action Line (code, see action_lines).",
    "sdgs": "Sustainable Development Goals (numbers, see sdgs).",
    "sdg_numbers": "Sustainable Development Goals (numbers, see sdgs).",
    "gdc_objectives": "Global Digital Compact objectives (numbers, see gdc_objectives).",
    "prizes": "Announced WSIS Prize results: year, category and result (winner or champion).",
    "contest": "The year of the WSIS Prizes contest.",
    "category": "The prize category (its slug).",
    "stocktaking_entry": "The stocktaking entry of the project (id in stocktaking_entries).",
    "event": "The event (its slug in events).",
    "session": "The session (id in sessions).",
    "outcome": "The outcome document (id in outcome_documents).",
    "session_number": "The session's number in its event's programme.",
    "session_title": "The session's title.",
    "organisers": "The organising organisations (their slugs on the portal).",
    "speakers": "The speakers: name, title, organisation and role.",
    "time_display": "The session's time as the programme shows it (the event's time zone).",
    "has_published_outcome": "Whether the session's outcome document is published.",
    "action_line": "The WSIS Action Line (code, see action_lines).",
    "version": "The roadmap version's number (see roadmap_versions).",
    "source": "The group of the roadmap the clause belongs to.",
    "region": "The ITU region (code, see itu_regions).",
    "lock_version": "The record's edit counter on the portal.",
    "entry_count": "How many approved stocktaking entries the repository holds.",
    "entries": "The approved stocktaking entries accepted into the repository: id (in "
    "stocktaking_entries), title, organisation and page.",
}


def _describe(name: str, field: serializers.Field, model) -> str:
    """A field's description for the README: a note of FIELD_NOTES, its help text, or the name of
    the model field it shows."""
    if name in FIELD_NOTES:
        return FIELD_NOTES[name]
    if field.help_text:
        return str(field.help_text)
    source = field.source if field.source and field.source != "*" else field.field_name
    if model is None or "." in (source or ""):
        return ""
    try:
        model_field = model._meta.get_field(source)
    except FieldDoesNotExist:  # a method or a property, not a model field
        return ""
    text = (
        getattr(model_field, "verbose_name", None) or model_field.related_model._meta.verbose_name
    )
    text = str(text)
    return text[:1].upper() + text[1:] + "."


# --- Writing ---


class _HashingWriter:
    """Writes bytes to a file, counting them and hashing them (SHA-256) on the way."""

    def __init__(self, target: IO[bytes]):
        self.target = target
        self.sha256 = hashlib.sha256()
        self.size = 0

    def write(self, data: bytes) -> None:
        self.sha256.update(data)
        self.size += len(data)
        self.target.write(data)


def _batches(queryset: QuerySet) -> Iterator[list]:
    batch = []
    for record in queryset.iterator(chunk_size=CHUNK_SIZE):
        batch.append(record)
        if len(batch) == CHUNK_SIZE:
            yield batch
            batch = []
    if batch:
        yield batch


def _records(kind: Kind, now: datetime) -> Iterator[dict]:
    origin = _Origin()
    for batch in _batches(kind.queryset()):
        context = {"request": origin, **(kind.context(batch, now) if kind.context else {})}
        yield from kind.serializer(batch, many=True, context=context).data


def _write_kind(archive: zipfile.ZipFile, kind: Kind, now: datetime) -> list[dict]:
    """Writes `<kind>.jsonl` and `<kind>.csv` from one pass over the records: JSON Lines into the
    archive as they come, CSV into a temporary file copied in after (a ZIP writes one member at a
    time). Returns the two files' manifest rows."""
    names = [name for name, _field in csv_columns(kind.serializer())]
    count = 0
    with tempfile.TemporaryFile() as csv_file:
        csv_writer = _HashingWriter(csv_file)
        with archive.open(f"{kind.name}.jsonl", "w", force_zip64=True) as member:
            jsonl_writer = _HashingWriter(member)

            def rows() -> Iterable[list]:
                nonlocal count
                for record in _records(kind, now):
                    count += 1
                    line = json.dumps(record, ensure_ascii=False, cls=DjangoJSONEncoder)
                    jsonl_writer.write(line.encode() + b"\n")
                    yield csv_row(record, names)

            for line in csv_lines(names, rows()):
                csv_writer.write(line.encode())
        csv_file.seek(0)
        with archive.open(f"{kind.name}.csv", "w", force_zip64=True) as member:
            shutil.copyfileobj(csv_file, member, BLOCK)
    return [
        {
            "file": f"{kind.name}.{suffix}",
            "records": count,
            "bytes": writer.size,
            "sha256": writer.sha256.hexdigest(),
        }
        for suffix, writer in (("jsonl", jsonl_writer), ("csv", csv_writer))
    ]


def open_data_readme(now: datetime, files: list[dict]) -> str:
    """README.md of the archive: what it is, then every file with each of its fields."""
    counts = {row["file"]: row["records"] for row in files}
    lines = [
        "# WSIS Portal open data",
        "",
        (
            f"Every public record of the WSIS Portal ({settings.PORTAL_BASE_URL}) on "
            f"{now.date().isoformat()} (made {now.isoformat(timespec='seconds')})."
        ),
        "",
        "Each kind of record is in two files with the same records in the same order:",
        "",
        (
            "- `<kind>.jsonl`: JSON Lines, one JSON object a line (UTF-8), exactly as the portal's "
            f"REST API shows it ({settings.PORTAL_BASE_URL.rstrip('/')}/api/docs/);"
        ),
        (
            "- `<kind>.csv`: the same records flattened (UTF-8, comma-separated, a header line): a "
            f'nested object becomes `parent.child` columns, a list of values is joined with "'
            f'{LIST_SEPARATOR}", a list of objects is written as JSON text. A text cell starting '
            "with `=`, `+`, `-` or `@` starts with an apostrophe, so that no spreadsheet runs it."
        ),
        "",
        (
            "`manifest.json` lists every file with its number of records, its size and its SHA-256 "
            "checksum. Dates and times are ISO 8601 (times in UTC). Only public fields of public "
            "records are included: no drafts, nothing under review, no contact e-mail addresses."
        ),
        "",
    ]
    for kind in KINDS:
        serializer = kind.serializer()
        model = getattr(getattr(serializer, "Meta", None), "model", None)
        lines += [
            f"## {kind.name}",
            "",
            kind.description,
            "",
            (
                f"Files: `{kind.name}.jsonl`, `{kind.name}.csv` "
                f"({counts.get(f'{kind.name}.jsonl', 0)} records)."
            ),
            "",
            "| Field | Description |",
            "| --- | --- |",
        ]
        for name, field in csv_columns(serializer):
            description = _describe(name, field, model).replace("|", "\\|").replace("\n", " ")
            lines.append(f"| `{name}` | {description} |")
        lines.append("")
    return "\n".join(lines)


def _write_text(archive: zipfile.ZipFile, name: str, text: str) -> dict:
    data = text.encode()
    archive.writestr(name, data)
    return {"file": name, "bytes": len(data), "sha256": hashlib.sha256(data).hexdigest()}


def open_data_write(target: IO[bytes], *, now: datetime) -> dict:
    """Writes the archive into `target` (a binary file); returns its manifest."""
    files: list[dict] = []
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for kind in KINDS:
            files += _write_kind(archive, kind, now)
        readme = _write_text(archive, "README.md", open_data_readme(now, files))
        manifest = {
            "title": "WSIS Portal open data",
            "source": settings.PORTAL_BASE_URL,
            "made_at": now.isoformat(timespec="seconds"),
            "files": [*files, readme],
        }
        archive.writestr("manifest.json", json.dumps(manifest, indent=2, ensure_ascii=False))
    return manifest


def open_data_build(*, by: User | None = None, now: datetime | None = None) -> OpenDataArchive:
    """Builds this year's open-data archive, stores it in the public storage and records it
    (replacing this year's previous build, whose file is deleted once the new one is recorded).
    Memory stays constant: the archive is written to a temporary file first."""
    now = now or timezone.now()
    storage = storages["public"]
    with tempfile.TemporaryFile() as target:
        manifest = open_data_write(target, now=now)
        size = target.tell()
        target.seek(0)
        checksum = hashlib.sha256()
        while block := target.read(BLOCK):
            checksum.update(block)
        target.seek(0)
        name = storage.save(
            f"{ARCHIVE_FOLDER}/wsis-portal-open-data-{now:%Y-%m-%d}.zip", File(target)
        )
    counts = {
        row["file"].removesuffix(".jsonl"): row["records"]
        for row in manifest["files"]
        if row["file"].endswith(".jsonl")
    }
    try:
        with transaction.atomic():
            previous = OpenDataArchive.objects.select_for_update().filter(year=now.year).first()
            old_name = previous.file_name if previous else ""
            archive, _created = OpenDataArchive.objects.update_or_create(
                year=now.year,
                defaults={
                    "file_name": name,
                    "size": size,
                    "sha256": checksum.hexdigest(),
                    "record_counts": counts,
                    "made_at": now,
                    "made_by": by,
                },
            )
            audit_record(
                actor=by,
                action="opendata.build",
                obj=archive,
                before={"file_name": old_name} if old_name else None,
                after={"file_name": name, "sha256": archive.sha256, "records": counts},
            )
            if old_name and old_name != name:
                transaction.on_commit(lambda: storage.delete(old_name))
    except Exception:
        # Nothing half-written: an archive nobody records is removed.
        storage.delete(name)
        raise
    return archive
