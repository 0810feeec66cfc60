"""Filters that keep each other: chips that remove one filter and keep the rest, day and room
links of the agenda, heatmap cells as links, and a "no results" page that suggests a spelling."""

import datetime as dt
import re

import pytest

from events.enums import OutcomeStatus, SessionType
from stocktaking.enums import EntryStatus
from tests.events.factories import EventFactory, OutcomeDocumentFactory, SessionFactory
from tests.factories import OrganisationFactory
from tests.stocktaking.factories import EntryFactory
from wsis.spelling import spelling_suggestion

pytestmark = pytest.mark.django_db


def _hrefs(page: str, pattern: str) -> list[str]:
    return [href.replace("&amp;", "&") for href in re.findall(pattern, page)]


def _agenda():
    event = EventFactory(slug="forum", time_zone="Europe/Zurich")
    organisation = OrganisationFactory()
    for day, room, kind in (
        (27, "Room A", SessionType.THEMATIC_WORKSHOP),
        (27, "Room B", SessionType.KNOWLEDGE_CAFE),
        (28, "Room A", SessionType.THEMATIC_WORKSHOP),
    ):
        start = dt.datetime(2026, 5, day, 9, tzinfo=dt.UTC)
        SessionFactory(
            event=event,
            starts_at=start,
            ends_at=start + dt.timedelta(hours=1),
            room=room,
            session_type=kind,
            title=f"{kind} in {room} on {day}",
            organisers=[organisation],
        )
    return event


def test_agenda_filters_by_day_and_room_and_each_chip_keeps_the_other_filters(client):
    _agenda()
    page = client.get(
        "/events/forum/", {"day": "2026-05-27", "session_type": SessionType.THEMATIC_WORKSHOP}
    ).content.decode()

    assert page.count('scope="row"') == 1
    assert "thematic_workshop in Room A on 27" in page
    chips = _hrefs(page, r'class="chip" href="([^"]+)"')
    assert chips == [
        "/events/forum/?session_type=thematic_workshop",
        "/events/forum/?day=2026-05-27",
    ]
    # The other day keeps the session type; the room page keeps both filters.
    days = re.search(r'<nav aria-label="Days".*?</nav>', page, re.S).group(0)
    assert _hrefs(days, r'href="([^"]+)"') == [
        "?session_type=thematic_workshop",
        "?day=2026-05-27&session_type=thematic_workshop",
        "?day=2026-05-28&session_type=thematic_workshop",
    ]
    rooms_link = _hrefs(page, r'href="(/events/forum/rooms/[^"]*)"')
    assert rooms_link == ["/events/forum/rooms/?day=2026-05-27&session_type=thematic_workshop"]
    room_cell = _hrefs(page, r'<td><a href="(\?[^"]*room=[^"]*)"')
    assert room_cell == ["?day=2026-05-27&session_type=thematic_workshop&room=Room+A"]


def test_agenda_by_room_applies_the_agendas_filters_and_links_back_with_them(client):
    _agenda()
    page = client.get("/events/forum/rooms/", {"day": "2026-05-28"}).content.decode()
    assert "on 28" in page
    assert "on 27" not in page
    assert _hrefs(page, r'href="(/events/forum/\?[^"]*)"') == ["/events/forum/?day=2026-05-28"]
    assert _hrefs(page, r'class="chip" href="([^"]+)"') == ["/events/forum/rooms/"]


def test_an_unknown_day_is_refused_without_an_error(client):
    _agenda()
    response = client.get("/events/forum/", {"day": "1999-01-01"})
    assert response.status_code == 200
    assert response.content.decode().count('scope="row"') == 3


def test_stocktaking_chips_remove_one_value_and_keep_the_rest(client):
    EntryFactory(status=EntryStatus.APPROVED)
    page = client.get(
        "/stocktaking/", {"action_line": ["c2", "c3"], "country": "CH", "q": "broadband"}
    ).content.decode()
    chips = _hrefs(page, r'class="chip" href="([^"]+)"')
    labels = re.findall(r'aria-label="Remove the filter ([^"]+)"', page)
    assert len(chips) == 4
    assert labels[0] == "Search: broadband"
    assert labels[3] == "Country: Switzerland"
    assert chips[1] == "/stocktaking/?action_line=c3&country=CH&q=broadband"
    assert chips[3] == "/stocktaking/?action_line=c2&action_line=c3&q=broadband"


def test_stocktaking_heatmap_cells_link_to_their_filtered_list(client):
    EntryFactory(status=EntryStatus.APPROVED)
    page = client.get("/stocktaking/", {"country": "CH"}).content.decode()
    cells = _hrefs(page, r'<td class="heat-\d"><a href="([^"]+)"')
    assert cells == ["?country=CH&action_line=c2&sdg=9"]


def test_no_results_suggests_a_spelling_and_keeps_the_filters(client):
    EntryFactory(status=EntryStatus.APPROVED)
    page = client.get("/stocktaking/", {"q": "broadbnd", "country": "CH"}).content.decode()
    assert "No entry matches" in page
    assert _hrefs(page, r'Did you mean <a href="([^"]+)"') == ["?q=broadband&country=CH"]
    assert "Remove one of the filters in use above" in page
    found = client.get("/stocktaking/?country=CH&q=broadband").content.decode()
    assert "No entry matches" not in found


def test_outcome_list_shows_its_filters_as_chips(client):
    session = SessionFactory(session_type=SessionType.KNOWLEDGE_CAFE)
    OutcomeDocumentFactory(session=session, status=OutcomeStatus.PUBLISHED)
    page = client.get(
        "/events/outcomes/", {"session_type": SessionType.KNOWLEDGE_CAFE, "q": "connectivity"}
    ).content.decode()
    assert re.findall(r'aria-label="Remove the filter ([^"]+)"', page) == [
        "Search: connectivity",
        "Session type: Knowledge café",
    ]


@pytest.mark.parametrize(
    ("query", "suggestion"),
    [
        ("broadbnd kenia", "broadband kenya"),
        ("cybersecurty", "cybersecurity"),
        ("broadband", None),
        ("zzzzqqq", None),
        ("", None),
    ],
)
def test_spelling_suggestion_uses_known_terms(query, suggestion):
    assert spelling_suggestion(query) == suggestion


def test_site_search_narrows_to_one_kind_with_a_chip_that_removes_it(client):
    EntryFactory(status=EntryStatus.APPROVED, title="Broadband for schools")
    SessionFactory(title="Broadband session")
    page = client.get("/search/", {"q": "broadband"}).content.decode()
    kinds = _hrefs(page, r'class="tag" href="([^"]+)"')
    assert "?q=broadband&kind=entries" in kinds
    only = client.get("/search/", {"q": "broadband", "kind": "entries"}).content.decode()
    assert '<h2 id="group-entries">' in only
    assert '<h2 id="group-sessions">' not in only
    assert _hrefs(only, r'class="chip" href="([^"]+)"') == ["/search/?q=broadband"]
    assert "1 result for “broadband”." in only


def test_site_search_without_results_suggests_a_spelling(client):
    EntryFactory(status=EntryStatus.APPROVED, title="Broadband for schools")
    page = client.get("/search/", {"q": "brodband"}).content.decode()
    assert "Nothing in the portal matches these words." in page
    assert _hrefs(page, r'Did you mean <a href="([^"]+)"') == ["?q=broadband"]


def test_an_entrys_tags_organisation_and_kind_link_to_their_filtered_lists(client):
    entry = EntryFactory(status=EntryStatus.APPROVED)
    page = client.get(entry.get_absolute_url()).content.decode()
    links = set(_hrefs(page, r'href="(/stocktaking/\?[^"]+)"'))
    assert {
        f"/stocktaking/?organisation={entry.organisation.slug}",
        f"/stocktaking/?stakeholder_type={entry.organisation.stakeholder_type.code}",
        "/stocktaking/?action_line=c2",
        "/stocktaking/?sdg=9",
        f"/stocktaking/?kind={entry.kind}",
    } <= links
    listing = client.get(f"/stocktaking/?organisation={entry.organisation.slug}").content.decode()
    assert f"Remove the filter Organisation: {entry.organisation.name}" in listing
    assert (
        client.get("/stocktaking/?organisation=nobody").content.decode().count("No entry matches")
        == 1
    )


def test_timetable_is_a_grid_of_start_times_and_rooms_per_day_with_the_filters_kept(client):
    from tests.query_counts import cached_queries, uncached_queries

    _agenda()
    page = client.get("/events/forum/timetable/").content.decode()
    tables = re.findall(r'<table class="timetable">.*?</table>', page, re.S)
    assert len(tables) == 2
    first_day = tables[0]
    assert re.findall(r'<th scope="col">([^<]+)</th>', first_day) == ["Starts", "Room A", "Room B"]
    # 9:00 UTC is 11:00 in Geneva in May; both rooms hold a session at that time.
    assert re.findall(r'<th scope="row"><time datetime="[^"]+">([^<]+)</time>', first_day) == [
        "11:00"
    ]
    assert first_day.count("<td><a href=") == 2
    # The same sessions as a list per start time, each with its room, for a phone.
    lists = re.findall(r'<ol class="timetable-list">.*?</ol>', page, re.S)
    assert len(lists) == 2
    assert re.findall(r'<span class="muted">([^<·]+) ·', lists[0]) == ["Room A", "Room B"]
    assert lists[0].count("<li><a href=") == 2
    filtered = client.get(
        "/events/forum/timetable/", {"session_type": SessionType.KNOWLEDGE_CAFE}
    ).content.decode()
    assert filtered.count('<table class="timetable">') == 1
    assert _hrefs(filtered, r'href="(/events/forum/\?[^"]*)"') == [
        "/events/forum/?session_type=knowledge_cafe",
        "/events/forum/?session_type=knowledge_cafe",
    ]
    assert uncached_queries(client, "/events/forum/timetable/") <= 10
    assert cached_queries(client, "/events/forum/timetable/") == 0
