"""The blocks of CMS pages: the live blocks are one block with a selector and a template each;
a hub's sections embedded in a standard page (an Action Line's page shows its own line's hub),
invalidated with the hub and within the query bar on a miss."""

import pytest
from django.test import Client

from cms import caching, selectors
from cms.blocks import HOME_BLOCKS, LIVE_BLOCKS, LiveBlock
from hubs.views import HUB_NAMESPACES
from stocktaking.enums import EntryStatus
from tests.cms.builders import standard_page
from tests.hubs.test_hubs import _world as hub_world
from tests.query_counts import uncached_queries
from tests.stocktaking.factories import EntryFactory
from wsis.models import ActionLine

pytestmark = pytest.mark.django_db

HUB = {
    "heading": "C2 across the portal",
    "subject": "",
    "sections": ["entries", "roadmaps", "prizes", "forum"],
}


def test_every_live_block_is_the_one_live_block_with_its_selector_and_template():
    assert [name for name, _block in LIVE_BLOCKS] == [
        "calls_to_action",
        "latest_entries",
        "upcoming_sessions",
        "latest_outcomes",
        "latest_news",
        "figures",
    ]
    for name, block in LIVE_BLOCKS:
        assert type(block) is LiveBlock
        assert callable(block.reader()), name
        assert block.meta.template == f"cms/blocks/{name}.html"
        assert ("count" in block.child_blocks) is (name not in ("calls_to_action", "figures"))
    assert dict(HOME_BLOCKS)["latest_entries"] is dict(LIVE_BLOCKS)["latest_entries"]
    # The figures are counted once per stocktaking generation: the block reads the cached wrapper.
    assert dict(LIVE_BLOCKS)["figures"].reader() is caching.cms_live_figures
    assert dict(LIVE_BLOCKS)["latest_news"].reader() is selectors.live_latest_news


def test_the_hub_block_follows_the_hubs_namespaces():
    assert selectors.HUB_NAMESPACES == HUB_NAMESPACES


def _line_page():
    line = ActionLine.objects.get(code="C2")
    return standard_page(
        title="C2 Information and communication infrastructure",
        slug="c2",
        action_line=line,
        body=[{"type": "hub", "value": HUB}],
    )


def test_an_action_line_page_shows_its_lines_hub(client):
    EntryFactory(status=EntryStatus.APPROVED, title="Fibre to rural schools")
    page = _line_page()
    assert set(page.cache_namespaces) == {"cms", *HUB_NAMESPACES}
    html = client.get(page.url).content.decode()
    assert "<h2" in html
    assert ">C2 across the portal</h2>" in html
    assert "<bdi>Fibre to rural schools</bdi>" in html
    assert "1 approved entry." in html
    assert 'href="/hubs/action-lines/c2/"' in html


def test_a_chosen_hub_replaces_the_pages_own_line(client):
    EntryFactory(status=EntryStatus.APPROVED, title="Fibre to rural schools")
    page = standard_page(body=[{"type": "hub", "value": HUB | {"subject": "sdg:4"}}])
    html = client.get(page.url).content.decode()
    assert 'href="/hubs/sdgs/4/"' in html
    assert "Fibre to rural schools" not in html  # tagged SDG 9, not 4


def test_a_hub_change_shows_on_the_cms_page_at_once(django_capture_on_commit_callbacks):
    page = _line_page()
    client = Client()
    assert "0 approved entries." in client.get(page.url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        EntryFactory(status=EntryStatus.APPROVED, title="Fibre to rural schools")
    html = client.get(page.url).content.decode()
    assert "<bdi>Fibre to rural schools</bdi>" in html
    # In French too (the hub is read per language).
    assert "Fibre to rural schools" in client.get(f"/fr{page.url}").content.decode()


# A hub read afresh costs the hubs' own queries (hubs/selectors.py: 8 for an Action Line with
# its entries' and prize results' translations; the latest commitments ride in the counts query);
# with the page's own (its row, the live pages of the language switcher) the portal's 10 on a full
# miss (every namespace moved on at once), constant in the number of items. The page's Action
# Line and the hub's subject come from the cached reference lists, and rendering the block does
# not list the hub choices.
HUB_PAGE_QUERIES = 10


def test_a_page_with_a_hub_makes_a_constant_number_of_queries_on_a_miss(client):
    line = hub_world(items=1)
    page = standard_page(
        title="C5 Building confidence", slug="c5", action_line=line,
        body=[{"type": "hub", "value": HUB}],
    )  # fmt: skip
    html = client.get(page.url).content.decode()
    for shown in ("Cyber resilience clinic 0", "Announced winner", "Facilitating Agency"):
        assert shown in html
    few = uncached_queries(client, page.url)
    hub_world(items=5)
    assert uncached_queries(client, page.url) == few
    assert few <= HUB_PAGE_QUERIES
