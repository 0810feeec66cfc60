"""The world map and charts of the stocktaking database: server-rendered SVG, each country a
link to its filtered list, a table beside the map, charts that are tables."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from portal.maps import map_level, world_outlines
from stocktaking.enums import EntryStatus
from tests.stocktaking.factories import EntryFactory

pytestmark = pytest.mark.django_db
URL = "/stocktaking/map/"


def test_countries_are_links_to_their_entries_with_a_table_beside(client):
    EntryFactory.create_batch(3, status=EntryStatus.APPROVED, relations__country="KE")
    EntryFactory(status=EntryStatus.APPROVED, relations__country="MC")  # too small for the map
    EntryFactory(status=EntryStatus.DRAFT, relations__country="PE")
    page = client.get(URL).content.decode()
    assert (
        '<a href="/stocktaking/?country=KE" aria-label="Kenya: 3 entries"><path class="map-level-4"'
        in page
    )
    assert "?country=PE" not in page
    assert '<a href="/stocktaking/?country=MC">Monaco</a></th><td class="numeric">1</td>' in page
    assert (
        page.count('class="map-level-0" aria-hidden="true"')
        == len(world_outlines()["countries"]) - 1
    )
    assert "<script" not in page.split("<main", 1)[1].split("</main>", 1)[0]


def test_charts_are_tables_with_links_to_the_filtered_lists(client):
    EntryFactory(status=EntryStatus.APPROVED)
    page = client.get(URL).content.decode()
    assert '<a href="/stocktaking/?action_line=c2">C2</a></th><td class="numeric">1</td>' in page
    assert '<rect width="100.0" height="10"/>' in page


def test_map_page_costs_the_same_queries_for_one_and_many_entries(client):
    counts = []
    for number in (1, 8):
        EntryFactory.create_batch(number, status=EntryStatus.APPROVED, relations__country="GH")
        client.cookies.clear()
        with CaptureQueriesContext(connection) as queries:
            assert client.get(URL, {"fresh": number}).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_map_levels_split_the_largest_count_in_four():
    assert [map_level(count, 100) for count in (0, 1, 10, 11, 25, 26, 50, 51, 100)] == [
        0,
        1,
        1,
        2,
        2,
        3,
        3,
        4,
        4,
    ]


def test_outlines_cover_the_member_states_at_this_scale():
    outlines = world_outlines()
    assert (outlines["width"], outlines["height"]) == (960, 467)
    assert {"KE", "BR", "FJ", "RU", "CH"} <= set(outlines["countries"])
    assert "AQ" not in outlines["countries"]
