import io

import pytest
from django.urls import reverse
from docx import Document
from pypdf import PdfReader

from events import services
from events.diffing import forum_outcome_versions_diff
from events.enums import OutcomeStatus, SessionType
from events.models import ForumOutcomeVersion, OutcomeDocument
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


def test_two_versions_are_compared_front_matter_figures_and_sessions(client, complete_forum):
    """v1.0 → v1.1: the introduction rewritten, a session's outcome and suggestion edited, a
    session added with a new organiser; the diff names each, and nothing else."""
    first = services.forum_outcome_compile(event=complete_forum)
    assert forum_outcome_versions_diff(first, first).unchanged
    complete_forum.outcome_introduction = "The Forum met in Geneva and online."
    complete_forum.save()
    OutcomeDocument.objects.filter(session__event=complete_forum, session__number=20).update(
        thematic_suggestions="Trust and safety next."
    )
    newcomer = OrganisationFactory(name="Kenya council", country="KE")
    session = SessionFactory(
        event=complete_forum, number=50, title="Session 50 title", organisers=(newcomer,)
    )
    OutcomeDocumentFactory(session=session, status=OutcomeStatus.PUBLISHED)
    second = services.forum_outcome_compile(event=complete_forum)

    diff = forum_outcome_versions_diff(first, second)
    assert (diff.old_number, diff.new_number) == ("1.0", "1.1")
    assert [text.label for text in diff.texts] == ["Introduction", "Session 20: Session 20 title"]
    assert [(s.kind, s.text) for s in diff.texts[0].segments] == [
        ("equal", "The Forum met in"),
        ("delete", "Geneva."),
        ("insert", "Geneva and online."),
    ]
    suggestion = [(s.kind, s.text) for s in diff.texts[1].segments]
    assert ("insert", "and safety") in suggestion
    figures = dict(diff.figures)
    assert [(f.label, f.old, f.new) for f in figures["Participation"]] == [
        ("Sessions held", 4, 5),
        ("Session outcome documents compiled", 3, 4),
        ("Organisers", 3, 4),
        ("Countries of the organisers", 3, 4),
    ]
    (items,) = diff.items
    assert items.added == ("Session 50: Session 50 title",)
    assert items.removed == ()
    assert items.changed == ("Session 20: Session 20 title",)

    url = reverse("events:forum_outcome_compare", args=["complete", 1, 0, 1, 1])
    latest = client.get(reverse("events:forum_outcome", args=["complete"])).content.decode()
    assert f'href="{url}">Compare with the previous version</a>' in latest
    assert f'href="{url}">changes from version 1.0 to 1.1</a>' in latest
    oldest = client.get(first.get_absolute_url()).content.decode()
    assert "Compare with the previous version" not in oldest
    page = client.get(url)  # public, as every version is
    assert page.status_code == 200
    html = page.content.decode()
    assert "Forum Outcome Document: " in html
    assert "changes from version 1.0 to 1.1" in html
    assert "<ins>Geneva and online.</ins>" in html
    assert "<del>Geneva.</del>" in html
    assert "<ins><bdi>Session 50: Session 50 title</bdi></ins>" in html
    assert f'href="{second.get_absolute_url()}">Back to version 1.1</a>' in html
    missing = reverse("events:forum_outcome_compare", args=["complete", 1, 0, 1, 9])
    assert client.get(missing).status_code == 404


def test_versions_compiled_before_the_front_matter_are_compared_as_empty(complete_forum):
    first = services.forum_outcome_compile(event=complete_forum)
    old_content = {"event": first.content["event"], "sessions": first.content["sessions"]}
    ForumOutcomeVersion.objects.filter(pk=first.pk).update(content=old_content)
    first.refresh_from_db()
    diff = forum_outcome_versions_diff(first, services.forum_outcome_compile(event=complete_forum))
    assert [text.label for text in diff.texts] == [
        "Introduction",
        "The high-level track",
        "Disclaimer",
    ]
    assert diff.items[0].any is False
