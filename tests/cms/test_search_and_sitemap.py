"""The header's search over the whole portal, grouped by kind, and the sitemap that lists every
public page of the portal (and nothing that is not public), with robots.txt."""

import pytest
from defusedxml import ElementTree as ET
from django.test import Client

from cms.selectors import site_search
from events.enums import OutcomeStatus
from stocktaking.enums import EntryStatus
from tests.cms.builders import (
    document_library,
    news_index,
    news_page,
    policy_document,
    standard_page,
)
from tests.events.factories import OutcomeDocumentFactory, SessionFactory
from tests.roadmaps.factories import RoadmapVersionFactory
from tests.stocktaking.factories import EntryFactory

pytestmark = pytest.mark.django_db

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.fixture
def portal():
    standard_page(title="Broadband strategy", slug="broadband-strategy", intro="Plans.")
    standard_page(title="Unpublished broadband", slug="draft", live=False)
    news_page(news_index(), title="Broadband news", summary="News.")
    policy_document(
        document_library(),
        title="Connectivity input",
        slug="input",
        summary="On broadband for all.",
    )
    entry = EntryFactory(status=EntryStatus.APPROVED, title="Broadband for schools")
    draft = EntryFactory(status=EntryStatus.DRAFT, title="Broadband draft")
    session = SessionFactory(title="Broadband session")
    outcome = OutcomeDocumentFactory(
        session=session, status=OutcomeStatus.PUBLISHED, search_text="broadband for all"
    )
    version = RoadmapVersionFactory()
    return {
        "entry": entry,
        "draft": draft,
        "session": session,
        "outcome": outcome,
        "version": version,
    }


def test_site_search_groups_results_by_kind(portal):
    groups = {
        group.kind: [result.title for result in group.results] for group in site_search("broadband")
    }
    assert groups == {
        "pages": ["Broadband strategy"],
        "news": ["Broadband news"],
        "documents": ["Connectivity input"],
        "entries": ["Broadband for schools"],
        "outcomes": ["Broadband session"],
        "sessions": ["Broadband session"],
    }
    roadmaps = site_search("infrastructure")
    assert [(group.kind, [result.url for result in group.results]) for group in roadmaps] == [
        ("roadmaps", ["/roadmaps/c2/"])
    ]


def test_search_page_shows_the_groups(portal):
    html = Client().get("/search/", {"q": "broadband"}).content.decode()
    assert "6 results for “broadband”." in html
    assert '<h2 id="group-entries">Stocktaking entries</h2>' in html
    assert f'<a href="{portal["entry"].get_absolute_url()}">Broadband for schools</a>' in html
    assert "Broadband draft" not in html


def _locations(client, path):
    return [node.text for node in ET.fromstring(client.get(path).content).iter(f"{SITEMAP}loc")]


def test_sitemap_lists_every_public_page_of_the_portal(portal):
    client = Client()
    sections = _locations(client, "/sitemap.xml")
    assert sections == [
        f"http://testserver/sitemap-{name}.xml"
        for name in ("sections", "pages", "entries", "outcomes", "events", "sessions", "roadmaps")
    ]
    every = {
        location.removeprefix("http://testserver")
        for section in sections
        for location in _locations(client, section.removeprefix("http://testserver"))
    }
    session = portal["session"]
    expected = {
        "/",
        "/broadband-strategy/",
        "/news/",
        "/news/broadband-news/",
        "/documents/",
        "/documents/input/",
        portal["entry"].get_absolute_url(),
        portal["outcome"].get_absolute_url(),
        session.event.get_absolute_url(),
        session.get_absolute_url(),
        "/roadmaps/c2/",
        "/stocktaking/",
        "/prizes/",
        "/events/",
        "/events/outcomes/",
        "/roadmaps/",
    }
    assert every == expected
    assert portal["draft"].get_absolute_url() not in every


def test_robots_txt_points_to_the_sitemap():
    response = Client().get("/robots.txt")
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    assert "Disallow: /cms-admin/" in lines
    assert lines[-1] == "Sitemap: http://testserver/sitemap.xml"
