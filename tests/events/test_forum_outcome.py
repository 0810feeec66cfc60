import io

import pytest
from django.urls import reverse
from docx import Document
from pypdf import PdfReader

from events import services
from events.enums import OutcomeStatus, SessionType
from events.tasks import task_compile_forum_outcome
from tests.events.factories import EventFactory, OutcomeDocumentFactory, SessionFactory
from tests.factories import OrganisationFactory
from tests.query_counts import MAX_QUERIES, uncached_queries
from wsis.models import ActionLine, StakeholderType

pytestmark = pytest.mark.django_db


@pytest.fixture
def forum():
    event = EventFactory(slug="forum")
    for number, status in (
        (3, OutcomeStatus.PUBLISHED),
        (1, OutcomeStatus.PUBLISHED),
        (2, OutcomeStatus.SUBMITTED),
        (4, OutcomeStatus.DRAFT),
        (5, OutcomeStatus.CHANGES_REQUESTED),
    ):
        session = SessionFactory(event=event, number=number, title=f"Session {number} title")
        session.action_lines.set(ActionLine.objects.filter(code__in=("C2", "C4")))
        OutcomeDocumentFactory(
            session=session, status=status, thematic_suggestions=f"Paragraph of session {number}."
        )
    SessionFactory(event=event, number=6)  # no outcome at all
    OutcomeDocumentFactory(status=OutcomeStatus.PUBLISHED)  # another event's
    return event


def test_compile_contains_every_published_outcome_and_none_other(forum):
    version = services.forum_outcome_compile(event=forum)
    assert version.label == "v1.0"
    assert [session["number"] for session in version.content["sessions"]] == [1, 3]
    assert version.content["sessions"][0]["action_lines"] == ["C2", "C4"]
    assert version.outcome_count == 2


def test_compile_again_makes_a_new_version_and_keeps_the_old(forum):
    first = services.forum_outcome_compile(event=forum)
    OutcomeDocumentFactory(
        session=SessionFactory(event=forum, number=7), status=OutcomeStatus.PUBLISHED
    )
    assert task_compile_forum_outcome.delay(forum.pk).get() == "v1.1"
    first.refresh_from_db()
    assert first.outcome_count == 2
    assert [v.label for v in forum.outcome_versions.all()] == ["v1.1", "v1.0"]


def test_forum_outcome_page_and_docx(client, forum):
    services.forum_outcome_compile(event=forum)
    page = client.get(reverse("events:forum_outcome", args=["forum"])).content.decode()
    assert "Paragraph of session 1." in page
    assert "Paragraph of session 3." in page
    assert "Paragraph of session 2." not in page
    assert "Paragraph of session 4." not in page
    response = client.get(reverse("events:forum_outcome_docx", args=["forum", 1, 0]))
    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        'attachment; filename="forum-outcome-document-v1.0.docx"'
    )
    from docx import Document

    document = Document(io.BytesIO(response.content))
    text = "\n".join(paragraph.text for paragraph in document.paragraphs)
    assert "Paragraph of session 3." in text
    assert "Paragraph of session 5." not in text
    sessions = next(t for t in document.tables if t.rows[0].cells[0].text == "Session")
    assert [cell.text for cell in sessions.rows[1].cells] == [
        "1",
        "Session 1 title",
        "C2, C4",
        "",
    ]


def test_forum_outcome_pdf_has_every_published_session_and_no_other(client, forum):
    services.forum_outcome_compile(event=forum)
    page = client.get(reverse("events:forum_outcome", args=["forum"])).content.decode()
    pdf_url = reverse("events:forum_outcome_pdf", args=["forum", 1, 0])
    assert f'href="{pdf_url}"' in page

    response = client.get(pdf_url)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        'attachment; filename="forum-outcome-document-v1.0.pdf"'
    )
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(response.content))
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    found = {number: f"Session {number} title" in text for number in (1, 2, 3, 4, 5, 6)}
    assert found == {1: True, 2: False, 3: True, 4: False, 5: False, 6: False}
    assert "Paragraph of session 3." in text
    assert client.post(pdf_url).status_code == 405


def test_forum_outcome_page_404_without_a_version(client, forum):
    assert client.get(reverse("events:forum_outcome", args=["forum"])).status_code == 404
    assert client.get(reverse("events:forum_outcome_docx", args=["forum", 1, 0])).status_code == 404
    assert client.get(reverse("events:forum_outcome_pdf", args=["forum", 1, 0])).status_code == 404


@pytest.fixture
def complete_forum():
    """A forum with front matter, organisers of two countries and types, sessions of both
    tracks under several Action Lines, and thematic suggestions."""
    event = EventFactory(
        slug="complete",
        outcome_introduction="The Forum met in Geneva.",
        outcome_high_level_track="Ministers spoke of connectivity.",
        outcome_disclaimer="The views are those of the organisers.",
    )
    government = StakeholderType.objects.get(code="government")
    lithuania = OrganisationFactory(
        name="Lithuania ministry", country="LT", stakeholder_type=government
    )
    singapore = OrganisationFactory(
        name="Singapore agency", country="SG", stakeholder_type=government
    )
    society = OrganisationFactory(name="Open society", country="CH")
    rows = (
        (10, SessionType.HIGH_LEVEL_POLICY, ("C1",), (lithuania,), "Policy first."),
        (20, SessionType.THEMATIC_WORKSHOP, ("C2", "C5"), (singapore, society), "Trust next."),
        (30, SessionType.KNOWLEDGE_CAFE, (), (society,), ""),
    )
    for number, kind, lines, organisers, suggestion in rows:
        session = SessionFactory(
            event=event,
            number=number,
            title=f"Session {number} title",
            session_type=kind,
            organisers=organisers,
        )
        session.action_lines.set(ActionLine.objects.filter(code__in=lines))
        OutcomeDocumentFactory(
            session=session, status=OutcomeStatus.PUBLISHED, thematic_suggestions=suggestion
        )
    SessionFactory(event=event, number=40, organisers=(lithuania,))  # held, no outcome
    return event


def test_the_complete_document_has_front_matter_figures_groupings_and_digest(complete_forum):
    content = services.forum_outcome_compile(event=complete_forum).content

    assert content["front_matter"] == {
        "introduction": "The Forum met in Geneva.",
        "high_level_track": "Ministers spoke of connectivity.",
        "disclaimer": "The views are those of the organisers.",
    }
    assert content["participation"] == {
        "sessions": 4,
        "outcomes": 3,
        "organisers": 3,
        "countries": 3,
        "country_names": ["Lithuania", "Singapore", "Switzerland"],
        "stakeholder_types": [["Government", 2], ["Civil society", 1]],
    }
    assert [(g["code"], g["sessions"]) for g in content["by_action_line"]] == [
        ("C1", [10]),
        ("C2", [20]),
        ("C5", [20]),
        ("", [30]),
    ]
    assert [
        (t["track"], [(g["type"], g["sessions"]) for g in t["types"]]) for t in content["by_track"]
    ] == [
        ("high_level", [("High-level policy session", [10])]),
        ("forum", [("Thematic workshop", [20]), ("Knowledge café", [30])]),
    ]
    assert [
        (g["code"], [(s["number"], s["text"]) for s in g["suggestions"]])
        for g in content["suggestions"]
    ] == [
        ("C1", [(10, "Policy first.")]),
        ("C2", [(20, "Trust next.")]),
        ("C5", [(20, "Trust next.")]),
    ]


def test_the_complete_document_downloads_hold_every_part(client, complete_forum):
    services.forum_outcome_compile(event=complete_forum)
    page = client.get(reverse("events:forum_outcome", args=["complete"])).content.decode()
    docx = client.get(reverse("events:forum_outcome_docx", args=["complete", 1, 0]))
    word = Document(io.BytesIO(docx.content))
    word_text = "\n".join(
        [p.text for p in word.paragraphs]
        + [cell.text for table in word.tables for row in table.rows for cell in row.cells]
    )
    pdf = client.get(reverse("events:forum_outcome_pdf", args=["complete", 1, 0]))
    pdf_text = " ".join(
        " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages).split()
    )
    for part in (
        "Disclaimer",
        "The views are those of the organisers.",
        "Introduction",
        "The Forum met in Geneva.",
        "The high-level track",
        "Ministers spoke of connectivity.",
        "Participation",
        "Sessions held",
        "Organisers by stakeholder type",
        "Sessions by Action Line",
        "Sessions by track",
        "High-level track",
        "Forum track",
        "Thematic suggestions for the next Forum, by Action Line",
        "Policy first.",
        "Session 20 title",
    ):
        assert part in page, part
        assert part in word_text, part
        assert part in pdf_text, part


def test_the_document_page_makes_as_many_queries_for_one_session_as_for_many(client):
    event = EventFactory(slug="counted", outcome_introduction="Introduction.")
    OutcomeDocumentFactory(
        session=SessionFactory(event=event, number=1), status=OutcomeStatus.PUBLISHED
    )
    services.forum_outcome_compile(event=event)
    url = reverse("events:forum_outcome", args=["counted"])
    one = uncached_queries(client, url)
    for number in range(2, 12):
        session = SessionFactory(event=event, number=number, organisers=[OrganisationFactory()])
        session.action_lines.set(ActionLine.objects.filter(code__in=("C3", "C7")))
        OutcomeDocumentFactory(session=session, status=OutcomeStatus.PUBLISHED)
    services.forum_outcome_compile(event=event)
    many = uncached_queries(client, url)
    assert one == many
    assert many <= MAX_QUERIES
