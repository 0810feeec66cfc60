"""Speaker and organiser pages: a page per person or organisation named on the public agenda,
listing their sessions and the sessions' published outcome documents, public fields only; a
constant number of queries whatever the number of sessions; served from the page cache."""

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
from tests.query_counts import cached_queries, uncached_queries

pytestmark = pytest.mark.django_db


def _session(event, organisation, hours=0, **kwargs):
    start = dt.datetime(2026, 5, 27, 9, tzinfo=dt.UTC) + dt.timedelta(hours=hours)
    return SessionFactory(
        event=event,
        starts_at=start,
        ends_at=start + dt.timedelta(hours=1),
        organisers=[organisation],
        **kwargs,
    )


def test_speaker_page_lists_their_sessions_roles_and_published_outcomes_only(client):
    event = EventFactory(slug="forum")
    organisation = OrganisationFactory(name="Agency of Examples")
    first = _session(event, organisation, hours=0, title="Open data", room="Room A")
    second = _session(event, organisation, hours=3, title="Rural access", room="Room B")
    elsewhere = _session(EventFactory(slug="other"), organisation, title="Elsewhere")
    SpeakerFactory(session=first, name="Ana  Silva", title="Director", organisation="Agency")
    SpeakerFactory(session=second, name="Ana Silva", role="moderator", title="", organisation="")
    SpeakerFactory(session=elsewhere, name="Ana Silva")
    SpeakerFactory(session=second, name="Bo Chen")
    OutcomeDocumentFactory(session=first, status=OutcomeStatus.PUBLISHED)
    OutcomeDocumentFactory(session=second, status=OutcomeStatus.DRAFT)

    response = client.get("/events/forum/speakers/ana-silva/")

    assert response.status_code == 200
    page = response.content.decode()
    assert "<h1><bdi>Ana  Silva</bdi></h1>" in page
    assert page.count('scope="row"') == 2
    assert page.index("Open data") < page.index("Rural access")
    assert "Elsewhere" not in page
    assert "Bo Chen" not in page
    assert "Speaker (Director, Agency)" in page
    assert "Moderator" in page
    assert page.count("Read the outcome document") == 1
    assert client.get("/events/forum/speakers/nobody/").status_code == 404


def test_people_page_links_every_speaker_and_organiser_of_the_public_agenda(client):
    event = EventFactory(slug="forum")
    organisation = OrganisationFactory(name="Agency of Examples")
    session = _session(event, organisation)
    SpeakerFactory(session=session, name="Ana Silva")
    SpeakerFactory(session=session, name="Bo Chen")

    page = client.get("/events/forum/people/").content.decode()

    assert 'href="/events/forum/speakers/ana-silva/"' in page
    assert 'href="/events/forum/speakers/bo-chen/"' in page
    assert f'href="/events/forum/organisers/{organisation.slug}/"' in page
    session_page = client.get(session.get_absolute_url()).content.decode()
    assert 'href="/events/forum/speakers/ana-silva/"' in session_page
    assert f'href="/events/forum/organisers/{organisation.slug}/"' in session_page


def test_organiser_page_lists_the_sessions_it_organises(client):
    event = EventFactory(slug="forum")
    organisation = OrganisationFactory(name="Agency of Examples")
    mine = _session(event, organisation, title="Ours")
    _session(event, OrganisationFactory(), title="Theirs")
    OutcomeDocumentFactory(session=mine, status=OutcomeStatus.PUBLISHED)

    page = client.get(f"/events/forum/organisers/{organisation.slug}/").content.decode()

    assert "Ours" in page
    assert "Theirs" not in page
    assert page.count("Read the outcome document") == 1
    other = OrganisationFactory()
    assert client.get(f"/events/forum/organisers/{other.slug}/").status_code == 404


@pytest.mark.parametrize("kind", ["speaker", "organiser", "people"])
def test_people_pages_make_as_many_queries_for_1_and_12_sessions(client, kind):
    counts = []
    for size in (1, 12):
        event = EventFactory()
        organisation = OrganisationFactory()
        for index in range(size):
            session = _session(event, organisation, hours=index * 2)
            SpeakerFactory(session=session, name="Ana Silva")
            OutcomeDocumentFactory(session=session, status=OutcomeStatus.PUBLISHED)
        url = {
            "speaker": reverse("events:speaker_detail", args=[event.slug, "ana-silva"]),
            "organiser": reverse("events:organiser_detail", args=[event.slug, organisation.slug]),
            "people": reverse("events:event_people", args=[event.slug]),
        }[kind]
        counts.append(uncached_queries(client, url))
    assert counts[0] == counts[1]
    assert counts[0] <= 10
    assert cached_queries(client, url) == 0


def test_a_new_speaker_shows_at_once(client, django_capture_on_commit_callbacks):
    event = EventFactory(slug="forum")
    session = _session(event, OrganisationFactory())
    SpeakerFactory(session=session, name="Ana Silva")
    assert "Bo Chen" not in client.get("/events/forum/people/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        SpeakerFactory(session=session, name="Bo Chen")
    assert "Bo Chen" in client.get("/events/forum/people/").content.decode()
