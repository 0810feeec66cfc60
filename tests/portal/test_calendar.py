"""Events as in Indico and pretalx: iCalendar feeds of the agenda, a session and a person's
starred sessions; starring a session."""

import datetime as dt
import zoneinfo

import pytest
from django.urls import reverse

from portal.calendar import _fold
from portal.models import StarredSession
from portal.services import agenda_feed_token
from tests.events.factories import EventFactory, SessionFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
GENEVA = zoneinfo.ZoneInfo("Europe/Zurich")


@pytest.fixture
def forum():
    event = EventFactory(slug="forum", name="WSIS Forum 2026")
    SessionFactory(
        event=event,
        number=464,
        title="Small States, big networks; together",
        room="Room K",
        starts_at=dt.datetime(2026, 5, 28, 15, 45, tzinfo=GENEVA),
        ends_at=dt.datetime(2026, 5, 28, 16, 45, tzinfo=GENEVA),
    )
    SessionFactory(
        event=event,
        number=465,
        starts_at=dt.datetime(2026, 5, 29, 9, 0, tzinfo=GENEVA),
        ends_at=dt.datetime(2026, 5, 29, 10, 0, tzinfo=GENEVA),
    )
    return event


def _events(body: str) -> list[dict[str, str]]:
    unfolded = body.replace("\r\n ", "")
    events, current = [], None
    for line in unfolded.split("\r\n"):
        if line == "BEGIN:VEVENT":
            current = {}
        elif line == "END:VEVENT":
            events.append(current)
            current = None
        elif current is not None:
            name, _sep, value = line.partition(":")
            current[name] = value
    return events


def test_the_whole_agenda_is_an_icalendar_feed(client, forum):
    response = client.get("/events/forum/agenda.ics")
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    body = response.content.decode()
    assert body.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")
    assert body.endswith("END:VCALENDAR\r\n")
    first, second = _events(body)
    assert first["DTSTART"] == "20260528T134500Z"
    assert first["DTEND"] == "20260528T144500Z"
    assert first["SUMMARY"] == "Session 464: Small States\\, big networks\\; together"
    assert first["LOCATION"].startswith("Room K")
    assert first["URL"].endswith("/events/forum/sessions/464/")
    assert second["DTSTART"] == "20260529T070000Z"
    assert all(len(line.encode()) <= 75 for line in body.split("\r\n"))


def test_one_session_can_be_added_to_a_calendar(client, forum):
    page = client.get(reverse("events:session_detail", args=["forum", 464])).content.decode()
    assert 'href="/events/forum/sessions/464/session.ics" download' in page
    (only,) = _events(client.get("/events/forum/sessions/464/session.ics").content.decode())
    assert only["UID"].startswith(f"wsis-session-{forum.sessions.get(number=464).pk}@")


def test_starring_builds_a_personal_agenda_and_its_private_feed(client, forum):
    person = UserFactory(verified=True, password=None)
    client.force_login(person)
    star = "/events/forum/sessions/465/star/"
    assert client.post(star).status_code == 302
    assert list(StarredSession.objects.values_list("session__number", flat=True)) == [465]
    page = client.get(reverse("events:session_detail", args=["forum", 465])).content.decode()
    assert 'aria-pressed="true"' in page
    my = client.get("/my/").content.decode()
    assert "Session 465" in my
    token = agenda_feed_token(person)
    assert f"/my/agenda/{token}.ics" in my
    client.logout()
    (only,) = _events(client.get(f"/my/agenda/{token}.ics").content.decode())
    assert only["URL"].endswith("/events/forum/sessions/465/")
    assert client.get("/my/agenda/forged-token.ics").status_code == 404
    client.force_login(person)
    client.post(star)
    assert StarredSession.objects.count() == 0


def test_long_lines_are_folded_between_characters():
    line = "SUMMARY:" + "é" * 60
    folded = _fold(line)
    assert folded.replace("\r\n ", "") == line
    assert all(len(part.encode()) <= 75 for part in folded.split("\r\n"))


def test_the_agenda_by_room_groups_sessions_room_by_room(client, forum):
    forum.sessions.filter(number=465).update(room="Room A")
    page = client.get("/events/forum/rooms/").content.decode()
    assert page.index('<h2 id="room-1">Room A</h2>') < page.index('<h2 id="room-2">Room K</h2>')
    assert page.count("/events/forum/sessions/464/") == 1
    event_page = client.get("/events/forum/").content.decode()
    assert 'href="/events/forum/rooms/"' in event_page
