"""The import services and commands on the project's samples, malformed variants and (when
present) the seed documents."""

import datetime as dt
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from events.enums import LocationMode, OutcomeStatus
from events.importers.event_dates import ParsedDates, parse_event_dates
from events.importers.outcome_text import OutcomeFormatError
from events.importers.questionnaire_text import QuestionnaireFormatError
from events.importers.services import (
    ImportRefused,
    OutcomeHeaderMismatch,
    outcome_import,
    questionnaire_import,
)
from events.models import Event, OutcomeDocument
from stocktaking.enums import EntryKind, EntryStatus
from stocktaking.models import Entry
from tests.events.factories import (
    EventFactory,
    OutcomeDocumentFactory,
    SessionFactory,
    outcome_sample_session,
    outcome_seed_session,
)
from tests.factories import OrganisationFactory
from tests.seeds import SEEDS
from wsis.models import AuditEntry

SAMPLES = Path(__file__).resolve().parent / "samples"
SEED_OUTCOME = SEEDS / "000_8f006c969c4d9c86.txt"
SEED_QUESTIONNAIRE = SEEDS / "001_8e0a2054c91a51b2.txt"
needs_seeds = pytest.mark.skipif(
    not SEEDS.is_dir(), reason="the seed documents (../shared/seeds) are not present"
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("13 to 17 November 2023", ParsedDates(dt.date(2023, 11, 13), dt.date(2023, 11, 17))),
        ("20/Nov – 15/Dec 2023", ParsedDates(dt.date(2023, 11, 20), dt.date(2023, 12, 15))),
        ("March 4-6, 2024", ParsedDates(dt.date(2024, 3, 4), dt.date(2024, 3, 6))),
        ("2 May 2023", ParsedDates(dt.date(2023, 5, 2), dt.date(2023, 5, 2))),
        ("2021-to present", ParsedDates(dt.date(2021, 1, 1), None, open_ended=True)),
        (
            "2 April 2024; 9 May 2024",
            ParsedDates(
                dt.date(2024, 4, 2),
                dt.date(2024, 5, 9),
                separate=(dt.date(2024, 4, 2), dt.date(2024, 5, 9)),
            ),
        ),
        ("Workshops in spring", ParsedDates(None, None)),
        ("31 February 2024", ParsedDates(None, None)),
    ],
)
def test_parse_event_dates(text, expected):
    assert parse_event_dates(text) == expected


@pytest.fixture
def session(db):
    return outcome_sample_session(EventFactory(slug="forum"))


def test_outcome_import_sample_into_a_draft(session):
    text = (SAMPLES / "outcome_valid.txt").read_text(encoding="utf-8")
    report = outcome_import(event=session.event, session_number=123, text=text)
    outcome = OutcomeDocument.objects.get(session=session)
    assert outcome.status == OutcomeStatus.DRAFT
    assert report.sections == {
        "key_issues": 5,
        "views_wsis20": 5,
        "tangible_outcomes": 3,
        "action_plan": 2,
        "thematic_suggestions": 1,
    }
    assert report.limit_problems == []
    assert outcome.key_issues[0] == (
        "Community networks reach villages that commercial operators consider unprofitable."
    )
    again = outcome_import(event=session.event, session_number=123, text=text)
    assert again.created is False
    assert OutcomeDocument.objects.count() == 1


def test_outcome_reimport_of_an_unchanged_document_changes_nothing(session):
    text = (SAMPLES / "outcome_valid.txt").read_text(encoding="utf-8")
    outcome_import(event=session.event, session_number=123, text=text)
    before = OutcomeDocument.objects.get(session=session)
    audits = AuditEntry.objects.count()
    again = outcome_import(event=session.event, session_number=123, text=text)
    after = OutcomeDocument.objects.get(session=session)
    assert (after.lock_version, after.updated_at) == (before.lock_version, before.updated_at)
    assert AuditEntry.objects.count() == audits
    assert again.unchanged is True
    assert again.lines()[0] == (
        "imported the outcome of session 123 (unchanged: the draft already holds this text)"
    )
    changed = outcome_import(
        event=session.event, session_number=123, text=text.replace("unprofitable", "too costly")
    )
    assert changed.unchanged is False
    assert OutcomeDocument.objects.get(session=session).lock_version == before.lock_version + 1


def test_outcome_import_refuses_a_header_of_another_session(db):
    other = SessionFactory(
        event=EventFactory(slug="forum"),
        number=123,
        title="Something else",
        starts_at=dt.datetime(2025, 6, 4, 7, 0, tzinfo=dt.UTC),
        ends_at=dt.datetime(2025, 6, 4, 8, 15, tzinfo=dt.UTC),
        organisers=[OrganisationFactory(name="Ruritania")],
    )
    text = (SAMPLES / "outcome_valid.txt").read_text(encoding="utf-8")
    with pytest.raises(OutcomeHeaderMismatch) as caught:
        outcome_import(event=other.event, session_number=123, text=text)
    assert caught.value.errors == [
        (
            "line 3: title: the document's 'Open Space Talk: Community networks for mountain "
            "villages' differs from the session's 'Something else'"
        ),
        (
            "line 5: organisers: the document names 'Ruritania, Freedonia and the Alpine "
            "Connectivity Trust', the session has 'Ruritania'"
        ),
        (
            "line 7: date and time: '3 June, 09:00 – 10:15 (UTC+02:00)': the date is 3/6, the "
            "session is on 04/06"
        ),
    ]
    assert OutcomeDocument.objects.count() == 0
    forced = outcome_import(event=other.event, session_number=123, text=text, force=True)
    assert forced.created is True
    assert forced.warnings[0].startswith("line 3: imported with --force although title: ")


def test_outcome_import_refuses_another_session_number(session):
    text = (SAMPLES / "outcome_valid.txt").read_text(encoding="utf-8")
    moved = text.replace("Session 123—", "Session 124—")
    with pytest.raises(OutcomeHeaderMismatch) as caught:
        outcome_import(event=session.event, session_number=123, text=moved)
    assert caught.value.errors == [
        "line 9: session number: the document names session 124, imported into session 123"
    ]


def test_outcome_import_refuses_another_time(session):
    text = (SAMPLES / "outcome_valid.txt").read_text(encoding="utf-8")
    moved = text.replace("09:00 – 10:15 (UTC+02:00)", "09:30 – 10:15 (UTC+01:00)")
    with pytest.raises(OutcomeHeaderMismatch) as caught:
        outcome_import(event=session.event, session_number=123, text=moved)
    assert caught.value.errors == [
        (
            "line 7: date and time: '3 June, 09:30 – 10:15 (UTC+01:00)': the time is 09:30-10:15, "
            "the session runs 09:00-10:15; the offset is UTC+01:00, the session's is UTC+02:00"
        )
    ]


def test_outcome_import_dry_run_writes_nothing(session):
    text = (SAMPLES / "outcome_valid.txt").read_text(encoding="utf-8")
    outcome_import(event=session.event, session_number=123, text=text, dry_run=True)
    assert OutcomeDocument.objects.count() == 0


def test_outcome_import_malformed_names_the_line(session):
    text = (SAMPLES / "outcome_valid.txt").read_text(encoding="utf-8")
    broken = text.replace("Tangible outcomes", "Intangible musings")
    with pytest.raises(OutcomeFormatError) as caught:
        outcome_import(event=session.event, session_number=123, text=broken)
    assert caught.value.line_number > 0
    assert OutcomeDocument.objects.count() == 0


def test_outcome_import_refuses_a_handed_in_outcome(session):
    OutcomeDocumentFactory(session=session, status=OutcomeStatus.PUBLISHED)
    text = (SAMPLES / "outcome_valid.txt").read_text(encoding="utf-8")
    with pytest.raises(ImportRefused):
        outcome_import(event=session.event, session_number=123, text=text)
    with pytest.raises(ImportRefused):
        outcome_import(event=session.event, session_number=999, text=text)


@needs_seeds
def test_import_outcome_command_on_the_seed(session, capsys):
    seed_session = outcome_seed_session(session.event)
    with pytest.raises(CommandError) as caught:
        call_command("import_outcome", str(SEED_OUTCOME), "--event", "forum", "--session", "123")
    assert str(caught.value).startswith(
        "line 11: session number: the document names session 464, imported into session 123; "
        "line 5: title: "
    )
    call_command("import_outcome", str(SEED_OUTCOME), "--event", "forum", "--session", "464")
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "imported the outcome of session 464 (new draft)"
    assert out[1:6] == [
        "  key_issues: 3",
        "  views_wsis20: 5",
        "  tangible_outcomes: 3",
        "  action_plan: 2",
        "  thematic_suggestions: 1",
    ]
    assert out[6] == "imported as a draft anyway; the text breaks these limits:"
    assert out[7] == "  Key issues discussed: 3 bullets given; at least 5 are needed (5-8)."
    outcome = OutcomeDocument.objects.get(session=seed_session)
    assert outcome.status == OutcomeStatus.DRAFT
    assert len(outcome.key_issues) == 3


def test_import_outcome_command_errors(session, tmp_path):
    path = tmp_path / "empty.txt"
    path.write_text("\n\n", encoding="utf-8")
    with pytest.raises(CommandError) as caught:
        call_command("import_outcome", str(path), "--event", "forum", "--session", "123")
    assert str(caught.value).endswith(
        "line 1: the document is empty; expected 'Session Outcome Document'"
    )
    with pytest.raises(CommandError):
        call_command("import_outcome", str(path), "--event", "nope", "--session", "1")


@pytest.fixture
def itu(db):
    return OrganisationFactory(name="International Telecommunication Union", slug="itu")


def test_questionnaire_import_sample(itu):
    text = (SAMPLES / "questionnaire_sample.txt").read_text(encoding="utf-8")
    report = questionnaire_import(text=text, organisation=itu)
    assert len(report.created) == 3
    events = {event.dates_text: event for event in Event.objects.all()}
    lisbon = events["4 to 6 March 2024"]
    assert (lisbon.start_date, lisbon.end_date) == (dt.date(2024, 3, 4), dt.date(2024, 3, 6))
    assert (lisbon.city, lisbon.country.code) == ("Lisbon", "PT")
    assert [sdg.number for sdg in lisbon.sdgs.all()] == [4, 5, 9]
    assert [o.slug for o in lisbon.organisers.all()] == ["itu"]
    open_ended = events["2022 to present"]
    assert (open_ended.is_open_ended, open_ended.end_date) == (True, None)
    assert open_ended.location_mode == LocationMode.VIRTUAL
    assert open_ended.sdgs.count() == 17
    several = events["2 April 2024; 9 May 2024"]
    assert several.separate_dates == ["2024-04-02", "2024-05-09"]
    second = questionnaire_import(text=text, organisation=itu)
    assert (second.created, len(second.existing)) == ([], 3)
    assert Event.objects.count() == 3


def test_questionnaire_import_sample_creates_stocktaking_drafts(itu):
    text = (SAMPLES / "questionnaire_sample.txt").read_text(encoding="utf-8")
    report = questionnaire_import(text=text, organisation=itu)
    drafts = [
        (
            entry.kind,
            entry.title,
            [sdg.number for sdg in entry.sdgs.order_by("number")],
            entry.status,
            entry.organisation.slug,
            entry.website,
        )
        for entry in Entry.objects.order_by("id")
    ]
    assert drafts == [
        (
            EntryKind.RESOURCE,
            "Guide to Affordable Rural Access",
            [9, 10],
            EntryStatus.DRAFT,
            "itu",
            "https://example.org/guide/",
        ),
        (
            EntryKind.RESOURCE,
            "Open Data Handbook",
            list(range(1, 18)),
            EntryStatus.DRAFT,
            "itu",
            "",
        ),
        (
            EntryKind.INITIATIVE,
            "Villages Online Alliance",
            [1, 9, 11],
            EntryStatus.DRAFT,
            "itu",
            "https://example.org/alliance/",
        ),
    ]
    guide = Entry.objects.get(title="Guide to Affordable Rural Access")
    assert (guide.summary, guide.languages, guide.partners) == (
        "A practical guide to licensing and financing rural networks.",
        "English, French, Spanish",
        "ETA and the Rural Access Network",
    )
    assert list(guide.action_lines.all()) == []
    assert report.entries_created == [
        "resource: Guide to Affordable Rural Access",
        "resource: Open Data Handbook",
        "initiative: Villages Online Alliance",
    ]
    assert report.not_understood == []
    assert AuditEntry.objects.filter(action="stocktaking_entry.import").count() == 3

    second = questionnaire_import(text=text, organisation=itu)

    assert (second.entries_created, second.entries_existing) == ([], report.entries_created)
    assert second.lines()[4] == "created 0 stocktaking drafts; 3 already imported"
    assert Entry.objects.count() == 3


def test_questionnaire_import_lists_values_not_understood(itu):
    text = (SAMPLES / "questionnaire_sample.txt").read_text(encoding="utf-8")
    text = text.replace("SDG 9, 10", "goals of rural access").replace(
        "https://example.org/guide/", "see our library"
    )
    report = questionnaire_import(text=text, organisation=itu)
    line = next(
        number
        for number, content in enumerate(text.splitlines(), start=1)
        if content == "Resource Name"
    )
    where = f"line {line}: resource 'Guide to Affordable Rural Access'"
    assert report.not_understood == [
        f"{where}: SDGs 'goals of rural access'",
        f"{where}: website 'see our library'",
    ]
    guide = Entry.objects.get(title="Guide to Affordable Rural Access")
    assert (guide.sdgs.count(), guide.website) == (0, "")


def test_questionnaire_import_malformed_writes_nothing(itu):
    with pytest.raises(QuestionnaireFormatError) as caught:
        questionnaire_import(text="Just prose, no blocks.\n", organisation=itu)
    assert caught.value.line_number == 1
    assert Event.objects.count() == 0
    assert Entry.objects.count() == 0


def test_questionnaire_import_failing_midway_writes_nothing(itu, monkeypatch):
    from events.importers import services as import_services

    def refuse(**kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(import_services, "entry_import_draft", refuse)
    text = (SAMPLES / "questionnaire_sample.txt").read_text(encoding="utf-8")
    with pytest.raises(RuntimeError):
        questionnaire_import(text=text, organisation=itu)
    assert (Event.objects.count(), Entry.objects.count()) == (0, 0)


def test_questionnaire_dry_run_writes_nothing(itu):
    text = (SAMPLES / "questionnaire_sample.txt").read_text(encoding="utf-8")
    report = questionnaire_import(text=text, organisation=itu, dry_run=True)
    assert len(report.created) == 3
    assert len(report.entries_created) == 3
    assert Event.objects.count() == 0
    assert Entry.objects.count() == 0


@needs_seeds
def test_import_questionnaire_command_on_the_seed(itu, capsys):
    call_command("import_questionnaire", str(SEED_QUESTIONNAIRE), "--organisation", "itu")
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "created 11 events; 0 already present"
    assert Event.objects.count() == 11
    dubai = Event.objects.get(dates_text="13 to 17 November 2023")
    assert (dubai.start_date, dubai.end_date, dubai.country.code) == (
        dt.date(2023, 11, 13),
        dt.date(2023, 11, 17),
        "AE",
    )
    # "13-17 March 2023 Hybrid Week": read, the words kept as the dates' note.
    assert not any("Hybrid Week" in line for line in out if line.startswith("kept as text: "))
    forum = Event.objects.get(name="WSIS Forum 2023")
    assert (forum.start_date, forum.dates_note) == (
        dt.date(2023, 3, 13),
        "Hybrid Week; Virtual Workshops in April and May 2023",
    )
    assert out[12] == "created 8 stocktaking drafts; 0 already imported"
    assert Entry.objects.filter(organisation=itu, status=EntryStatus.DRAFT).count() == 8
    assert Entry.objects.filter(kind=EntryKind.RESOURCE).count() == 5
    assert Entry.objects.filter(kind=EntryKind.INITIATIVE).count() == 3
    assert [line for line in out if line.startswith("duplicate: ")] == [
        (
            "duplicate: line 339: the event 'WSIS Forum 2023' at line 339 repeats the block at "
            "line 305 (same name and dates); kept the one at line 305"
        )
    ]
    call_command("import_questionnaire", str(SEED_QUESTIONNAIRE), "--organisation", "itu")
    second = capsys.readouterr().out.splitlines()
    assert second[0] == "created 0 events; 11 already present"
    assert second[12] == "created 0 stocktaking drafts; 8 already imported"
    assert Event.objects.count() == 11
    assert Entry.objects.count() == 8
