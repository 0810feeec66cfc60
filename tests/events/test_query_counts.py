"""List pages and list APIs: the same number of queries with 1 row and with 25."""

import datetime as dt

import pytest
from django.urls import reverse

from events.enums import OutcomeStatus
from tests.events.factories import (
    EventFactory,
    OutcomeDocumentFactory,
    SessionFactory,
    SpeakerFactory,
)
from tests.factories import OrganisationFactory
from tests.query_counts import MAX_QUERIES, uncached_queries
from wsis.caching import public_cache_bump_now
from wsis.models import ActionLine, Sdg

pytestmark = pytest.mark.django_db


def _sessions(event, count, start_index=0):
    organisation = OrganisationFactory()
    lines = list(ActionLine.objects.all()[:2])
    sdgs = list(Sdg.objects.all()[:2])
    sessions = []
    for index in range(start_index, start_index + count):
        start = dt.datetime(2026, 5, 27, 9, tzinfo=dt.UTC) + dt.timedelta(hours=index * 5)
        session = SessionFactory(
            event=event,
            starts_at=start,
            ends_at=start + dt.timedelta(hours=1),
            organisers=[organisation, OrganisationFactory()],
        )
        session.action_lines.set(lines)
        session.sdgs.set(sdgs)
        SpeakerFactory(session=session)
        sessions.append(session)
    return sessions


def _count(client, url) -> int:
    """Queries of an uncached request (the cache is moved on first); never more than 10."""
    count = uncached_queries(client, url)
    assert count <= MAX_QUERIES
    return count


@pytest.mark.parametrize(
    "url_of",
    [
        lambda event: reverse("events:event_detail", args=[event.slug]),
        lambda event: f"/api/v1/events/{event.pk}/sessions/",
        lambda event: "/api/v1/events/sessions/",
    ],
    ids=["agenda", "api-event-sessions", "api-sessions"],
)
def test_agenda_query_count_is_the_same_for_1_and_25_sessions(client, url_of):
    event = EventFactory()
    _sessions(event, 1)
    client.get(url_of(event))  # warm caches (content types, reference data)
    one = _count(client, url_of(event))
    _sessions(event, 24, start_index=1)
    assert event.sessions.count() == 25
    assert _count(client, url_of(event)) == one


@pytest.mark.parametrize(
    "url",
    [
        reverse("events:outcome_list"),
        reverse("events:outcome_list") + "?q=key+issue",
        reverse("events:outcome_list") + "?q=key+issue&action_line=C1&sdg=1&country=CH",
        "/api/v1/outcomes/",
        "/api/v1/outcomes/?q=key+issue",
    ],
    ids=["page", "page-search", "page-search-filters", "api", "api-search"],
)
def test_outcome_list_query_count_is_the_same_for_1_and_25(client, url):
    event = EventFactory()
    sessions = _sessions(event, 25)
    OutcomeDocumentFactory(session=sessions[0], status=OutcomeStatus.PUBLISHED)
    client.get(url)
    one = _count(client, url)
    for session in sessions[1:]:
        OutcomeDocumentFactory(session=session, status=OutcomeStatus.PUBLISHED)
    many = _count(client, url)
    assert one == many
    public_cache_bump_now("events")  # the page itself, not its stored copy
    response = client.get(url)
    total = (
        response.json()["count"]
        if url.startswith("/api/")
        else response.context["page"].paginator.count
    )
    assert total == 25


def test_event_list_query_count_is_the_same_for_1_and_25(client):
    url = reverse("events:event_list")
    EventFactory()
    client.get(url)
    one = _count(client, url)
    for _ in range(24):
        EventFactory()
    assert _count(client, url) == one


def test_event_api_query_count_is_the_same_for_1_and_25(client):
    url = "/api/v1/events/"
    EventFactory()
    client.get(url)
    one = _count(client, url)
    for _ in range(24):
        EventFactory()
    assert _count(client, url) == one
