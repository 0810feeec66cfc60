"""Whole-page caching of the public event pages: anonymous pages come from the cache, signed-in
people always get a fresh page, and what the services publish, import or compile shows at once."""

import pytest
from django.urls import reverse

from events import services
from events.enums import OutcomeStatus
from events.importers.sessions_csv import sessions_import_csv
from events.models import Session
from tests.events.factories import (
    EventFactory,
    ForumOutcomeVersionFactory,
    OutcomeDocumentFactory,
    SessionFactory,
    member,
    secretariat,
)
from tests.events.test_session_import import GOOD
from tests.factories import OrganisationFactory, UserFactory
from tests.query_counts import MAX_QUERIES, uncached_queries

pytestmark = pytest.mark.django_db


@pytest.fixture
def forum():
    event = EventFactory()
    session = SessionFactory(event=event, title="Opening of the forum")
    outcome = OutcomeDocumentFactory(session=session, status=OutcomeStatus.PUBLISHED)
    ForumOutcomeVersionFactory(event=event, major=1, minor=0)
    return event, session, outcome


def _urls(event, session, outcome) -> list[str]:
    return [
        reverse("events:event_list"),
        reverse("events:event_detail", args=[event.slug]),
        reverse("events:event_detail", args=[event.slug]) + "?q=opening",
        reverse("events:session_detail", args=[event.slug, session.number]),
        reverse("events:outcome_list"),
        reverse("events:outcome_list") + "?q=issue",
        reverse("events:outcome_detail", args=[outcome.pk]),
        reverse("events:forum_outcome", args=[event.slug]),
        reverse("events:forum_outcome_pdf", args=[event.slug, 1, 0]),
    ]


def test_anonymous_pages_are_served_from_the_cache(client, forum, django_assert_num_queries):
    for url in _urls(*forum):
        first = client.get(url)
        assert first.status_code == 200, url
        with django_assert_num_queries(0):
            second = client.get(url)
        assert second.content == first.content


def test_signed_in_pages_are_never_cached(client, forum):
    event, session, _outcome = forum
    client.force_login(member())
    url = reverse("events:event_detail", args=[event.slug])
    client.get(url)
    type(session).objects.filter(pk=session.pk).update(title="Renamed behind the cache")
    response = client.get(url)
    assert "Renamed behind the cache" in response.content.decode()
    assert "ETag" not in response


def test_a_published_outcome_shows_at_once(client, forum, django_capture_on_commit_callbacks):
    event, _session, _outcome = forum
    session = SessionFactory(event=event, title="Closing debate")
    waiting = OutcomeDocumentFactory(session=session, status=OutcomeStatus.SUBMITTED)
    outcomes = reverse("events:outcome_list")
    session_url = reverse("events:session_detail", args=[event.slug, session.number])
    assert "Closing debate" not in client.get(outcomes).content.decode()
    assert "Key issue 1" not in client.get(session_url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        services.outcome_publish(outcome=waiting, by=secretariat())
    assert "Closing debate" in client.get(outcomes).content.decode()
    assert "Key issue 1" in client.get(session_url).content.decode()


def test_imported_sessions_and_a_compiled_document_show_at_once(
    client, forum, django_capture_on_commit_callbacks
):
    event, _session, _outcome = forum
    OrganisationFactory(slug="small-states")
    agenda = reverse("events:event_detail", args=[event.slug])
    document = reverse("events:forum_outcome", args=[event.slug])
    before = client.get(agenda).content.decode()
    assert "v1.1" not in client.get(document).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        sessions_import_csv(event=event, text=GOOD, by=secretariat())
        services.forum_outcome_compile(event=event, by=secretariat())
    assert client.get(agenda).content.decode() != before
    assert "v1.1" in client.get(document).content.decode()


@pytest.mark.parametrize("name", ["session", "outcome", "forum_outcome", "outcome_search"])
def test_query_counts_do_not_grow_with_rows(client, name):
    from tests.events.test_query_counts import _sessions

    event = EventFactory()
    (first,) = _sessions(event, 1)
    outcome = OutcomeDocumentFactory(session=first, status=OutcomeStatus.PUBLISHED)
    ForumOutcomeVersionFactory(event=event, major=1, minor=0)
    url = {
        "session": reverse("events:session_detail", args=[event.slug, first.number]),
        "outcome": reverse("events:outcome_detail", args=[outcome.pk]),
        "forum_outcome": reverse("events:forum_outcome", args=[event.slug]),
        "outcome_search": reverse("events:outcome_list") + "?q=issue",
    }[name]
    client.get(url)
    one = uncached_queries(client, url)
    for session in _sessions(event, 24, start_index=1):
        OutcomeDocumentFactory(session=session, status=OutcomeStatus.PUBLISHED)
    ForumOutcomeVersionFactory(event=event, major=1, minor=1)
    assert uncached_queries(client, url) == one
    assert one <= MAX_QUERIES


def test_outcome_rows_are_never_shared_with_signed_in_people(client):
    outcome = OutcomeDocumentFactory(status=OutcomeStatus.PUBLISHED)
    url = reverse("events:outcome_list")
    client.get(url, {"visit": "1"})
    Session.objects.filter(pk=outcome.session_id).update(title="Retitled without a service")
    assert "Retitled without a service" not in client.get(url, {"visit": "2"}).content.decode()
    client.force_login(UserFactory())
    assert "Retitled without a service" in client.get(url, {"visit": "3"}).content.decode()
