"""The public CMS pages in the portal's one layout: standard pages, news with tags and its Atom
feed, the document library with its search, policy documents with contents, notes, print view
and PDF; drafts are invisible; Wagtail's documents download."""

import pytest
from defusedxml import ElementTree as ET
from django.core.files.base import ContentFile
from django.test import Client
from wagtail.documents.models import Document

from cms.models import PolicyDocumentFootnote
from tests.cms.builders import (
    document_library,
    news_index,
    news_page,
    policy_document,
    standard_page,
)
from wsis.models import ActionLine

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def test_standard_page_uses_the_portals_layout_and_links_its_action_line():
    line = ActionLine.objects.get(code="C2")
    page = standard_page(
        title="C2 Information and communication infrastructure",
        slug="c2",
        intro="Infrastructure for everybody.",
        action_line=line,
    )
    html = Client().get(page.url).content.decode()
    assert '<a class="skip-link" href="#main">' in html
    assert "<h1>C2 Information and communication infrastructure</h1>" in html
    assert f'href="/stocktaking/?action_line={line.slug}"' in html
    assert f'href="/roadmaps/{line.slug}/"' in html


def test_a_draft_is_not_public():
    page = standard_page(title="Not yet", slug="not-yet", live=False)
    assert Client().get("/not-yet/").status_code == 404
    assert page.live is False


def test_news_list_tags_and_feed():
    index = news_index()
    first = news_page(index, title="Prize call open")
    first.topics.add("WSIS Prizes")
    first.action_lines.set(ActionLine.objects.filter(code="C4"))
    first.save_revision().publish()
    news_page(index, title="Forum consultation")
    news_page(index, title="Draft news", live=False)

    html = Client().get("/news/").content.decode()
    assert html.count('<article class="news-item">') == 2
    assert "Draft news" not in html
    assert "<li>C4</li>" in html
    topic = Client().get("/news/?topic=wsis-prizes").content.decode()
    assert topic.count('<article class="news-item">') == 1
    assert "Prize call open" in topic

    feed = Client().get("/news/feed/")
    assert feed["Content-Type"] == "application/atom+xml; charset=utf-8"
    root = ET.fromstring(feed.content)
    entries = root.findall(f"{ATOM}entry")
    assert sorted(entry.find(f"{ATOM}title").text for entry in entries) == [
        "Forum consultation",
        "Prize call open",
    ]
    categories = [
        category.get("term") for entry in entries for category in entry.findall(f"{ATOM}category")
    ]
    assert categories == ["WSIS Prizes"]


def _document(**fields):
    library = document_library()
    page = policy_document(
        library,
        title="Input to the Compact",
        slug="input",
        summary="Our input.",
        body=[
            {"type": "heading", "value": {"number": "1", "text": "CONNECT ALL", "level": "2"}},
            {
                "type": "paragraph",
                "value": {
                    "number": "1",
                    "text": (
                        '<p>Connectivity for schools<sup><a href="#footnote-1">1</a></sup>.</p>'
                    ),
                },
            },
            {"type": "annex", "value": {"number": "1", "title": "FORUM INPUT"}},
            {"type": "paragraph", "value": {"number": "", "text": "<p>Broadband maps.</p>"}},
        ],
        **fields,
    )
    PolicyDocumentFootnote.objects.create(page=page, number="1", text="A baseline for 2030.")
    return library, page


def test_policy_document_has_contents_numbered_paragraphs_notes_print_and_pdf():
    _library, page = _document()
    html = Client().get(page.url).content.decode()
    assert '<a href="#section-0">1 CONNECT ALL</a>' in html
    assert '<a href="#section-2">Annex 1: FORUM INPUT</a>' in html
    assert '<h2 id="section-0">1 CONNECT ALL</h2>' in html
    assert '<h2 class="annex-heading" id="section-2">Annex 1: FORUM INPUT</h2>' in html
    assert '<span class="paragraph-number">1.</span>' in html
    assert '<li id="footnote-1" value="1">A baseline for 2030.</li>' in html
    printed = Client().get(page.url + "print/")
    assert printed.status_code == 200
    assert '<article class="print-view">' in printed.content.decode()
    pdf = Client().get(page.url + "pdf/")
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf["Content-Disposition"] == 'attachment; filename="input-to-the-compact.pdf"'
    assert pdf.content.startswith(b"%PDF-")


def test_document_library_lists_and_searches_its_documents():
    library, _page = _document()
    policy_document(library, title="Cybersecurity guidelines", slug="cyber", summary="Trust.")
    listing = Client().get(library.url).content.decode()
    assert "Input to the Compact" in listing
    assert "Cybersecurity guidelines" in listing
    found = Client().get(library.url, {"q": "broadband"}).content.decode()
    assert "1 document matches “broadband”." in found
    assert "Input to the Compact" in found
    assert "Cybersecurity guidelines" not in found


def test_a_wagtail_document_downloads():
    document = Document.objects.create(
        title="Agenda", file=ContentFile(b"The agenda of the forum.", name="agenda.txt")
    )
    response = Client().get(document.url)
    try:
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == b"The agenda of the forum."
    finally:
        response.close()
        document.file.delete(save=False)
