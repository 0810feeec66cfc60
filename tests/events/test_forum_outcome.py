import io

import pytest
from django.urls import reverse

from events import services
from events.enums import OutcomeStatus
from events.tasks import task_compile_forum_outcome
from tests.events.factories import EventFactory, OutcomeDocumentFactory, SessionFactory
from wsis.models import ActionLine

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
    assert [cell.text for cell in document.tables[0].rows[1].cells] == [
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
