"""Route-matrix rows of the portal's shell (see tests/route_matrix.py)."""

from tests.route_matrix import Route, expect


def fixed(path: str):
    return lambda world: path


def _session(world):
    from tests.events.factories import EventFactory, SessionFactory

    session = SessionFactory(event=EventFactory(slug="forum"), number=7)
    world.extra["session"] = session
    return session


def _token(world):
    from portal.services import agenda_feed_token

    return agenda_feed_token(world.users["owner"])


ROUTES = (
    # Feeds and exports of events and outcome documents (public).
    Route("events_feed", fixed("/events/feed/"), {"GET": expect(200), "POST": expect(405)}),
    Route(
        "outcomes_feed", fixed("/events/outcomes/feed/"), {"GET": expect(200), "POST": expect(405)}
    ),
    Route(
        "outcomes_export_csv",
        fixed("/events/outcomes/export.csv"),
        {"GET": expect(200), "POST": expect(405)},
    ),
    Route(
        "outcomes_export_json",
        fixed("/events/outcomes/export.json"),
        {"GET": expect(200), "POST": expect(405)},
    ),
    # iCalendar: the agenda and one session are public; a person's agenda is at a signed address.
    Route(
        "agenda_ics",
        lambda world: (_session(world), "/events/forum/agenda.ics")[1],
        {"GET": expect(200), "POST": expect(405)},
    ),
    Route(
        "agenda_by_room",
        lambda world: (_session(world), "/events/forum/rooms/")[1],
        {"GET": expect(200), "POST": expect(405)},
    ),
    Route(
        "session_ics",
        lambda world: (_session(world), "/events/forum/sessions/7/session.ics")[1],
        {"GET": expect(200), "POST": expect(405)},
    ),
    Route(
        "session_star",
        lambda world: (_session(world), "/events/forum/sessions/7/star/")[1],
        {"GET": expect(405), "POST": expect(302)},
    ),
    Route(
        "my_agenda_ics",
        lambda world: f"/my/agenda/{_token(world)}.ics",
        {"GET": expect(200), "POST": expect(405)},
    ),
    Route("favicon", fixed("/favicon.ico"), {"GET": expect(301), "POST": expect(405)}),
    Route("design_system", fixed("/design/"), {"GET": expect(200), "POST": expect(405)}),
    Route("stocktaking_map", fixed("/stocktaking/map/"), {"GET": expect(200), "POST": expect(405)}),
    # Every signed-in person has a My WSIS (what it lists depends on the roles).
    Route(
        "my_wsis",
        fixed("/my/"),
        {"GET": expect(200, anonymous=302), "POST": expect(405, anonymous=405)},
    ),
)
