"""Atom feeds of outcome documents and events, CSV and JSON exports of outcome documents."""

import csv
import io

import pytest

from events.enums import OutcomeStatus
from tests.events.factories import EventFactory, OutcomeDocumentFactory, SessionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def outcomes():
    event = EventFactory(slug="forum", name="WSIS Forum 2026")
    published = OutcomeDocumentFactory(
        session=SessionFactory(event=event, number=1, title="=Connectivity"),
        status=OutcomeStatus.PUBLISHED,
        key_issues=["Rural access", "Spectrum"],
    )
    OutcomeDocumentFactory(
        session=SessionFactory(event=event, number=2, title="Secret draft"),
        status=OutcomeStatus.DRAFT,
    )
    return published


def test_outcome_feed_lists_published_documents_only(client, outcomes):
    body = client.get("/events/outcomes/feed/").content.decode()
    assert body.startswith('<?xml version="1.0" encoding="utf-8"?>\n<feed')
    assert "<title>Session 1: =Connectivity</title>" in body
    assert "Secret draft" not in body
    assert f"http://testserver{outcomes.get_absolute_url()}" in body


def test_events_feed(client, outcomes):
    body = client.get("/events/feed/").content.decode()
    assert "<title>WSIS Forum 2026</title>" in body


def test_outcome_exports_follow_the_list_filters(client, outcomes):
    rows = client.get("/events/outcomes/export.json").json()["results"]
    assert [(row["session_number"], row["key_issues"]) for row in rows] == [
        (1, ["Rural access", "Spectrum"])
    ]
    assert rows[0]["url"] == f"http://testserver{outcomes.get_absolute_url()}"
    assert client.get("/events/outcomes/export.json", {"q": "nothing-matches"}).json() == {
        "results": []
    }
    table = list(
        csv.reader(io.StringIO(client.get("/events/outcomes/export.csv").content.decode()))
    )
    assert table[0][:5] == ["id", "url", "event", "session_number", "session_title"]
    assert table[1][4] == "'=Connectivity"  # never a spreadsheet formula
    assert table[1][table[0].index("key_issues")] == "Rural access | Spectrum"
    assert len(table) == 2


def test_outcome_list_links_its_feed_and_exports(client, outcomes):
    page = client.get("/events/outcomes/").content.decode()
    assert '<link rel="alternate" type="application/atom+xml"' in page
    assert 'href="/events/outcomes/export.csv?' in page


def test_pages_carry_open_graph_tags(client):
    from stocktaking.enums import EntryStatus
    from tests.stocktaking.factories import EntryFactory

    entry = EntryFactory(status=EntryStatus.APPROVED, title="Mesh for all", summary="Connects.")
    page = client.get(entry.get_absolute_url()).content.decode()
    assert '<meta property="og:title" content="Mesh for all">' in page
    assert '<meta property="og:description" content="Connects.">' in page
    assert f'<meta property="og:url" content="http://testserver{entry.get_absolute_url()}">' in page
    listing = client.get("/stocktaking/").content.decode()
    assert '<meta property="og:title" content="WSIS Stocktaking database">' in listing
    assert '<link rel="canonical" href="http://testserver/stocktaking/">' in listing
