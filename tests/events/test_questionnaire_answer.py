"""The UN DESA questionnaire both ways: an answer imported (its questions, prose and blocks),
written back from the records in the questionnaire's text format and as DOCX with the rules
checked, imported again unchanged, and compared with the previous year's answer. On the
project's own sample, and on seed 001 when ../shared/seeds/ is present."""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from docx import Document

from events.enums import LocationMode
from events.importers.services import questionnaire_import
from events.models import Event, QuestionnaireAnswer, QuestionnaireBlock, QuestionnaireSection
from events.questionnaires import questionnaire_diff, questionnaire_export
from events.selectors import questionnaire_answers
from events.services import event_publish
from stocktaking.enums import EntryStatus
from stocktaking.models import Entry
from tests.factories import MembershipFactory, OrganisationFactory, secretariat_user
from tests.seeds import SEEDS
from wsis.models import AuditEntry, Sdg
from wsis.text_import import normalise_space

pytestmark = pytest.mark.django_db

SAMPLE = Path(__file__).resolve().parent / "samples" / "questionnaire_sample.txt"
SEED = SEEDS / "001_8e0a2054c91a51b2.txt"
_DROPPED_RE = re.compile(r"^lines? (?P<first>\d+)(?:-(?P<last>\d+))?: ")


@pytest.fixture
def eta():
    return OrganisationFactory(name="Example Telecommunication Agency", slug="eta")


def _records() -> dict[str, list[tuple]]:
    """Every row the questionnaire import writes, with its links, ordered by id."""
    return {
        "events": [
            (
                *Event.objects.filter(pk=event.pk).values_list().get(),
                tuple(event.sdgs.values_list("number", flat=True).order_by("number")),
                tuple(event.organisers.values_list("pk", flat=True)),
            )
            for event in Event.objects.order_by("pk")
        ],
        "entries": [
            (
                *Entry.objects.filter(pk=entry.pk)
                .values_list(
                    "pk",
                    "kind",
                    "title",
                    "summary",
                    "description",
                    "website",
                    "other_links",
                    "partners",
                    "target_beneficiaries",
                    "languages",
                    "status",
                )
                .get(),
                tuple(entry.sdgs.values_list("number", flat=True).order_by("number")),
            )
            for entry in Entry.objects.order_by("pk")
        ],
        "answers": list(
            QuestionnaireAnswer.objects.order_by("pk").values_list(
                "pk", "organisation", "year", "preamble", "footer"
            )
        ),
        "sections": list(QuestionnaireSection.objects.order_by("pk").values_list()),
        "blocks": list(QuestionnaireBlock.objects.order_by("pk").values_list()),
    }


def _lines(text: str, *, without: list[tuple[int, int]] = ()) -> list[str]:
    """The text's non-blank lines with spaces normalised, leaving out the given line ranges."""
    kept = []
    for number, line in enumerate(text.split("\n"), start=1):
        if any(first <= number <= last for first, last in without):
            continue
        if normalise_space(line):
            kept.append(normalise_space(line))
    return kept


def _dropped(notes: list[str]) -> list[tuple[int, int]]:
    ranges = []
    for note in notes:
        found = _DROPPED_RE.match(note)
        if found:
            ranges.append((int(found["first"]), int(found["last"] or found["first"])))
    return ranges


def _answer(organisation, year: int) -> QuestionnaireAnswer:
    return questionnaire_answers().get(organisation=organisation, year=year)


def _round_trip(text: str, organisation, year: int) -> None:
    """Import, export, import again: the same rows; the export differs from the file only in the
    lines its report names; the second export is the first."""
    questionnaire_import(text=text, organisation=organisation)
    first = _records()
    export = questionnaire_export(_answer(organisation, year))
    assert _lines(export.text) == _lines(text, without=_dropped(export.notes))
    report = questionnaire_import(text=export.text, organisation=organisation)
    assert report.created == []
    assert report.entries_created == []
    assert _records() == first
    assert questionnaire_export(_answer(organisation, year)).text == export.text


def test_sample_round_trip_is_exact(eta):
    _round_trip(SAMPLE.read_text(encoding="utf-8"), eta, 2024)
    answer = _answer(eta, 2024)
    assert [(s.number, len(s.blocks.all())) for s in answer.sections.all()] == [
        (1, 0), (2, 3), (3, 2), (4, 0), (5, 1), (6, 0),
    ]  # fmt: skip
    first = answer.sections.all()[0]
    assert first.body == (
        "The Council of the Agency adopted a three-year plan in its spring session.\n\n"
        "•    Resolution 1 on rural broadband\n•    Resolution 2 on digital skills"
    )
    assert (answer.preamble, answer.footer) == (
        "Example Telecommunication Agency (ETA)",
        "Year of submission: 2024",
    )


@pytest.mark.skipif(not SEED.exists(), reason="seed 001 is in ../shared/seeds/, absent here")
def test_seed_round_trip_differs_only_where_the_report_says(db):
    itu = OrganisationFactory(name="International Telecommunication Union", slug="itu")
    _round_trip(SEED.read_text(encoding="utf-8"), itu, 2023)
    # The second import read the export, which holds neither the page text nor the repeat.
    assert QuestionnaireAnswer.objects.get().import_notes == []
    QuestionnaireAnswer.objects.all().delete()
    questionnaire_import(text=SEED.read_text(encoding="utf-8"), organisation=itu)
    export = questionnaire_export(_answer(itu, 2023))
    assert export.notes == [
        "line 1: text of the web page, not of the answer",
        "lines 339-371: the event 'WSIS Forum 2023' repeats an earlier block; written once",
    ]
    assert export.report_lines()[:3] == [
        "19 blocks checked against the questionnaire's rules; 2 with something missing",
        (
            "  event 'ITU’s webinar series on Digital transformation': the description has 169 "
            "words; the questionnaire allows 150"
        ),
        "  event 'WSIS Forum 2023': the description has 205 words; the questionnaire allows 150",
    ]
    forum = Event.objects.get(name="WSIS Forum 2023")
    assert (forum.start_date, forum.end_date, forum.dates_note, forum.location_mode) == (
        dt.date(2023, 3, 13),
        dt.date(2023, 3, 17),
        "Hybrid Week; Virtual Workshops in April and May 2023",
        LocationMode.HYBRID,
    )
    metaverse = Event.objects.get(name="ITU Forums on metaverse")
    assert metaverse.places == [
        {"city": "Riyadh", "country": "SA"},
        {"city": "Shanghai", "country": "CN"},
        {"city": "Arusha", "country": "TZ"},
    ]
    mayors = Entry.objects.get(title="WSIS Forum 2023: Mayors Track")
    assert (mayors.website, mayors.other_links) == (
        "https://www.itu.int/net4/wsis/forum/2023/Agenda/Session/400",
        ["https://www.itu.int/net4/wsis/forum/2023/Agenda/Session/350"],
    )


def test_export_checks_each_block_against_the_rules(eta):
    questionnaire_import(text=SAMPLE.read_text(encoding="utf-8"), organisation=eta)
    Event.objects.filter(name="Regional Broadband Summit 2024").update(
        description=" ".join(["word"] * 151)
    )
    Entry.objects.filter(title="Open Data Handbook").update(website="not a site", languages="")
    export = questionnaire_export(_answer(eta, 2024))
    failing = {check.name: check.problems for check in export.checks if check.problems}
    assert len(export.checks) == 6
    assert failing == {
        "Regional Broadband Summit 2024": [
            "the description has 151 words; the questionnaire allows 150"
        ],
        "Open Data Handbook": ["no languages", "the website 'not a site' is not a web address"],
    }


def test_export_writes_a_record_edited_since_the_import_and_says_so(eta):
    questionnaire_import(text=SAMPLE.read_text(encoding="utf-8"), organisation=eta)
    event = Event.objects.get(name="Regional Broadband Summit 2024")
    Event.objects.filter(pk=event.pk).update(description="A shorter description.")
    event.sdgs.set(event.sdgs.filter(number=9))
    export = questionnaire_export(_answer(eta, 2024))
    block = export.text.split("Regional Broadband Summit 2024", 1)[1].split("Website", 1)[0]
    assert "SDG 9\n" in block
    assert "A shorter description.\n" in block
    assert export.notes[1:] == [
        (
            "Event 'Regional Broadband Summit 2024': the SDGs written from the record, edited "
            "since the import"
        ),
        (
            "Event 'Regional Broadband Summit 2024': the description written from the record, "
            "edited since the import"
        ),
    ]


def test_diff_against_the_previous_year_shows_what_changed(eta):
    this_year = SAMPLE.read_text(encoding="utf-8")
    last_year = this_year.replace("Year of submission: 2024", "Year of submission: 2023").replace(
        "a three-year plan", "a two-year plan"
    )
    questionnaire_import(text=last_year, organisation=eta)
    questionnaire_import(text=this_year, organisation=eta)
    diff = questionnaire_diff(_answer(eta, 2023), _answer(eta, 2024))
    changed = [line for line in diff if line[:1] in "+-" and line[:3] not in ("+++", "---")]
    assert changed == [
        "-The Council of the Agency adopted a two-year plan in its spring session.",
        "+The Council of the Agency adopted a three-year plan in its spring session.",
        "-Year of submission: 2023",
        "+Year of submission: 2024",
    ]


def test_export_command_writes_text_docx_and_the_report(eta, tmp_path, capsys):
    questionnaire_import(text=SAMPLE.read_text(encoding="utf-8"), organisation=eta)
    text_path, docx_path = tmp_path / "answer.txt", tmp_path / "answer.docx"
    call_command(
        "export_questionnaire", "--year", "2024", "--organisation", "eta",
        "--output", str(text_path), "--docx", str(docx_path),
    )  # fmt: skip
    err = capsys.readouterr().err.splitlines()
    assert err[0] == "6 blocks checked against the questionnaire's rules; 0 with something missing"
    assert text_path.read_text(encoding="utf-8") == questionnaire_export(_answer(eta, 2024)).text
    document = Document(io.BytesIO(docx_path.read_bytes()))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings[0].startswith("1. Has the governing body of your organization")
    assert len(headings) == 6
    cells = {cell.text for table in document.tables for row in table.rows for cell in row.cells}
    assert {"Regional Broadband Summit 2024", "Open Data Handbook", "Villages Online Alliance"} <= (
        cells
    )
    assert len(document.tables) == 6
    with pytest.raises(CommandError, match="has no questionnaire answer for 2019"):
        call_command("export_questionnaire", "--year", "2019", "--organisation", "eta")


def test_truncated_questionnaire_leaves_incomplete_events_as_drafts(eta, client):
    text = SAMPLE.read_text(encoding="utf-8")
    cut = text[: text.index("Relevant SDGs:", text.index("Open webinar series"))]
    report = questionnaire_import(text=cut, organisation=eta)
    webinar = Event.objects.get(name="Open webinar series on data governance")
    assert webinar.is_draft is True
    assert report.drafts == [
        "line 38: event 'Open webinar series on data governance' lacks description, SDGs"
    ]
    complete = Event.objects.get(name="Regional Broadband Summit 2024")
    assert complete.is_draft is False
    assert client.get(f"/events/{webinar.slug}/").status_code == 404
    assert client.get(f"/events/{complete.slug}/").status_code == 200
    listed = client.get("/api/v1/events/").json()
    names = [row["name"] for row in listed.get("results", listed)]
    assert names == ["Regional Broadband Summit 2024"]
    assert Entry.objects.exclude(status=EntryStatus.DRAFT).count() == 0


def test_publishing_a_draft_event_needs_its_required_fields(eta, client):
    text = SAMPLE.read_text(encoding="utf-8")
    cut = text[: text.index("Relevant SDGs:", text.index("Open webinar series"))]
    questionnaire_import(text=cut, organisation=eta)
    webinar = Event.objects.get(name="Open webinar series on data governance")
    staff = secretariat_user()
    client.force_login(staff)
    client.post(
        "/admin/events/event/",
        {"action": "publish_events", "_selected_action": [webinar.pk]},
    )
    webinar.refresh_from_db()
    assert webinar.is_draft is True
    Event.objects.filter(pk=webinar.pk).update(description="Monthly webinars.")
    webinar.refresh_from_db()
    webinar.sdgs.set(Sdg.objects.filter(number=16))
    event_publish(event=webinar, by=staff)
    webinar.refresh_from_db()
    assert webinar.is_draft is False
    assert AuditEntry.objects.filter(action="events_event.publish").count() == 1


def test_answer_admin_edits_prose_and_downloads(eta, client):
    questionnaire_import(text=SAMPLE.read_text(encoding="utf-8"), organisation=eta)
    answer = QuestionnaireAnswer.objects.get()
    client.force_login(secretariat_user())
    page = client.get(f"/admin/events/questionnaireanswer/{answer.pk}/change/")
    assert page.status_code == 200
    assert "The Council of the Agency adopted" in page.content.decode()
    text = client.get(f"/admin/events/questionnaireanswer/{answer.pk}/export.txt")
    assert text["Content-Disposition"] == ('attachment; filename="desa-questionnaire-eta-2024.txt"')
    assert text.content.decode() == questionnaire_export(_answer(eta, 2024)).text
    docx = client.get(f"/admin/events/questionnaireanswer/{answer.pk}/export.docx")
    assert Document(io.BytesIO(docx.content)).tables
    report = client.get(f"/admin/events/questionnaireanswer/{answer.pk}/report/")
    assert "lines 67-89: the event" in report.content.decode()
    assert "This organisation has no earlier answer" in report.content.decode()


def test_secretariat_edits_the_prose_sections_in_the_admin(eta, client):
    """The governing-body decisions, initiatives and recommendations the import keeps as
    sections are the secretariat's to edit (not a superuser: its group's permissions, from
    SECRETARIAT_APPS); the export writes what was saved."""
    questionnaire_import(text=SAMPLE.read_text(encoding="utf-8"), organisation=eta)
    answer = QuestionnaireAnswer.objects.get()
    sections = list(answer.sections.order_by("number"))
    secretariat = secretariat_user()
    assert not secretariat.is_superuser
    assert secretariat.has_perm("events.change_questionnairesection")
    client.force_login(secretariat)
    url = f"/admin/events/questionnaireanswer/{answer.pk}/change/"
    data = {
        "organisation": eta.pk,
        "year": answer.year,
        "preamble": answer.preamble,
        "footer": answer.footer,
        "sections-TOTAL_FORMS": str(len(sections)),
        "sections-INITIAL_FORMS": str(len(sections)),
        "sections-MIN_NUM_FORMS": "0",
        "sections-MAX_NUM_FORMS": "1000",
    }
    for index, section in enumerate(sections):
        data |= {
            f"sections-{index}-id": section.pk,
            f"sections-{index}-answer": answer.pk,
            f"sections-{index}-number": section.number,
            f"sections-{index}-question": section.question,
            f"sections-{index}-body": section.body,
            f"sections-{index}-closing": section.closing,
        }
    decisions = "The Council adopted a four-year plan in its autumn session."
    data["sections-0-body"] = decisions
    data[f"sections-{len(sections) - 1}-closing"] = "We recommend a yearly review."
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]

    first, last = QuestionnaireSection.objects.get(pk=sections[0].pk), sections[-1]
    last.refresh_from_db()
    assert (first.body, last.closing) == (decisions, "We recommend a yearly review.")
    text = client.get(f"/admin/events/questionnaireanswer/{answer.pk}/export.txt")
    written = text.content.decode()
    assert decisions in written
    assert "We recommend a yearly review." in written
    assert "The Council of the Agency adopted" not in written
    page = client.get(url).content.decode()
    assert decisions in page


def test_answer_admin_is_closed_to_stakeholders(eta, client):
    questionnaire_import(text=SAMPLE.read_text(encoding="utf-8"), organisation=eta)
    answer = QuestionnaireAnswer.objects.get()
    member = MembershipFactory(organisation=eta).user
    client.force_login(member)
    for suffix in ("change/", "export.txt", "export.docx", "report/"):
        response = client.get(f"/admin/events/questionnaireanswer/{answer.pk}/{suffix}")
        assert response.status_code in (302, 403), suffix


EVENT_BLOCK = """2. In the past year, has your organization organized any events?

Event Name:

{name}

Event Dates:

{dates}

Event Location (City, Country):

{location}

Relevant SDGs:

SDG 9

Description (max 150 words): please include a short summary of the event’s mandate

A forum.

Website (if applicable)

{websites}

Year of submission: 2024
"""


def _import_event(organisation, **values) -> Event:
    text = EVENT_BLOCK.format(
        **{
            "name": "Sample Forum",
            "dates": "4 to 6 March 2024",
            "location": "Lisbon, Portugal",
            "websites": "https://example.org/",
        }
        | values
    )
    questionnaire_import(text=text, organisation=organisation)
    return Event.objects.get(name=values.get("name", "Sample Forum"))


def test_dates_followed_by_words_are_parsed_and_hybrid_sets_the_format(eta):
    event = _import_event(eta, dates="13-17 March 2023 Hybrid Week")
    assert (event.start_date, event.end_date, event.dates_note, event.location_mode) == (
        dt.date(2023, 3, 13),
        dt.date(2023, 3, 17),
        "Hybrid Week",
        LocationMode.HYBRID,
    )
    assert (event.is_draft, event.dates_text) == (False, "13-17 March 2023 Hybrid Week")


def test_a_block_with_two_websites_keeps_both(eta, client):
    event = _import_event(eta, websites="https://example.org/a/\n\nhttps://example.org/b/")
    assert event.websites == ["https://example.org/a/", "https://example.org/b/"]
    assert (event.website, event.more_websites) == (
        "https://example.org/a/",
        ["https://example.org/b/"],
    )
    export = questionnaire_export(_answer(eta, 2024))
    assert "https://example.org/a/\n\nhttps://example.org/b/\n" in export.text
    page = client.get(f"/events/{event.slug}/").content.decode()
    assert '<a href="https://example.org/b/">https://example.org/b/</a>' in page


def test_an_event_in_several_cities_keeps_each(eta):
    event = _import_event(eta, location="Nairobi, Kenya; Quito, Ecuador; Arusha, Tanzania")
    assert event.places == [
        {"city": "Nairobi", "country": "KE"},
        {"city": "Quito", "country": "EC"},
        {"city": "Arusha", "country": "TZ"},
    ]
    assert (event.city, event.country.code, event.is_draft) == ("Nairobi", "KE", False)
    assert event.location_display == (
        "Nairobi, Kenya; Quito, Ecuador; Arusha, United Republic of Tanzania"
    )


def test_the_events_api_gives_the_note_every_place_and_every_website(eta, client):
    """What the import keeps of an event (the words after its dates, its several cities, its
    second website) is public, in the API as on the page, and the schema names it."""
    event = _import_event(
        eta,
        dates="13-17 March 2023 Hybrid Week",
        location="Nairobi, Kenya; Quito, Ecuador",
        websites="https://example.org/a/\n\nhttps://example.org/b/",
    )
    body = client.get(f"/api/v1/events/{event.pk}/").json()
    assert body["dates_note"] == "Hybrid Week"
    assert body["places"] == [
        {"city": "Nairobi", "country": "KE"},
        {"city": "Quito", "country": "EC"},
    ]
    assert (body["website"], body["more_websites"]) == (
        "https://example.org/a/",
        ["https://example.org/b/"],
    )
    listed = client.get("/api/v1/events/").json()["results"]
    assert [row["places"] for row in listed if row["id"] == event.pk] == [body["places"]]
    schema = client.get("/api/schema/?format=json").json()["components"]["schemas"]
    fields = schema["Event"]["properties"]
    assert fields["more_websites"]["items"]["format"] == "uri"
    assert fields["places"]["items"] == {"$ref": "#/components/schemas/EventPlace"}
    assert set(schema["EventPlace"]["properties"]) == {"city", "country"}


def test_import_command_refuses_a_latin1_file_naming_the_line(eta, tmp_path):
    path = tmp_path / "answer.txt"
    path.write_bytes(EVENT_BLOCK.format(
        name="Sommet régional", dates="4 mars 2024", location="Genève, Suisse",
        websites="https://example.org/",
    ).replace("’", "'").encode("latin-1"))  # fmt: skip
    with pytest.raises(CommandError) as caught:
        call_command("import_questionnaire", str(path), "--organisation", "eta")
    assert str(caught.value).startswith(
        f"cannot read {path}: Line 5: the file is not UTF-8 text; it looks like Latin-1 or "
        "Windows-1252"
    )
    assert "Save it as UTF-8" in str(caught.value)
    assert Event.objects.count() == 0
