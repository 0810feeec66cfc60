"""Route-matrix rows of the events app (see tests/route_matrix.py).

Events, sessions and Forum Outcome Documents are public; a session's outcome document is
written by the members of its organising organisations (here `owner_org`, so `owner` and, as
a reader only, `unverified`) and published by the secretariat. Until it is published it does not
exist for anybody else.
"""

import json

from events.enums import OutcomeStatus
from tests.events.factories import (
    EventFactory,
    ForumOutcomeVersionFactory,
    OutcomeDocumentFactory,
    SessionFactory,
    SpeakerFactory,
)
from tests.route_matrix import Route, expect

# A read-only public page: everybody reads it, nobody posts to it.
PUBLIC_PAGE = {"GET": expect(200), "POST": expect(405)}
# A read-only API route (IsAuthenticatedOrReadOnly: anonymous writers are asked to sign in).
READ_ONLY_API = expect(405, anonymous=401)
PUBLIC_API_LIST = {"GET": expect(200), "POST": READ_ONLY_API}
PUBLIC_API_DETAIL = {
    "GET": expect(200),
    "POST": READ_ONLY_API,
    "PUT": READ_ONLY_API,
    "PATCH": READ_ONLY_API,
    "DELETE": READ_ONLY_API,
}


def fixed(path: str):
    return lambda world: path


def _session(world):
    """A session of `owner_org` that ended yesterday (its outcome document may be written)."""
    return SessionFactory(organisers=[world.owner_org])


def _draft_outcome(world):
    return OutcomeDocumentFactory(session=_session(world), status=OutcomeStatus.DRAFT)


def _commitment(world):
    """A commitment of a published outcome document of owner_org's session."""
    from events.services import commitments_sync

    outcome = OutcomeDocumentFactory(session=_session(world), status=OutcomeStatus.PUBLISHED)
    commitments_sync(outcome=outcome)
    return outcome.commitments.first()


def _unsubscribe_path(world):
    from events.services import commitment_unsubscribe_token

    return f"/events/commitments/unsubscribe/{commitment_unsubscribe_token(world.users['owner'])}/"


def _forum_version(world):
    return ForumOutcomeVersionFactory(event=EventFactory(), major=1, minor=2)


def _session_page(world):
    outcome = _draft_outcome(world)
    return f"/events/{outcome.session.event.slug}/sessions/{outcome.session.number}/"


def _speaker_page(world):
    speaker = SpeakerFactory(session=_session(world), name="Ana Silva")
    return f"/events/{speaker.session.event.slug}/speakers/ana-silva/"


def _organiser_page(world):
    session = _session(world)
    return f"/events/{session.event.slug}/organisers/{world.owner_org.slug}/"


def _people_page(world):
    return f"/events/{_session(world).event.slug}/people/"


ROUTES = (
    # --- pages ---------------------------------------------------------------------------------
    Route("events:event_list", fixed("/events/"), PUBLIC_PAGE),
    Route("events:outcome_list", fixed("/events/outcomes/"), PUBLIC_PAGE),
    # A draft outcome document of owner_org's session: only the organisers (members, verified or
    # not, may read it) and the secretariat; nobody else learns that it exists.
    Route(
        "events:outcome_detail",
        lambda world: f"/events/outcomes/{_draft_outcome(world).pk}/",
        {
            "GET": expect(404, unverified=200, owner=200, secretariat=200),
            "POST": expect(405),
        },
    ),
    Route(
        "events:event_detail",
        lambda world: f"/events/{EventFactory().slug}/",
        PUBLIC_PAGE,
    ),
    # The session page is public (it shows the draft outcome only to those who may read it).
    Route("events:session_detail", _session_page, PUBLIC_PAGE),
    Route("events:commitment_list", fixed("/events/commitments/"), PUBLIC_PAGE),
    Route(
        "events:commitment_detail",
        lambda world: _commitment(world).get_absolute_url(),
        PUBLIC_PAGE,
    ),
    # Only the session's verified organisers and the secretariat answer; a valid answer sends
    # back to "your commitments".
    Route(
        "events:commitment_answer",
        lambda world: f"{_commitment(world).get_absolute_url()}answer/",
        {
            "GET": expect(403, anonymous=302, owner=200, secretariat=200),
            "POST": expect(403, anonymous=302, owner=302, secretariat=302),
        },
        data=lambda world: {"status": "in_progress", "answer": "Half of it is done."},
    ),
    Route(
        "events:commitment_mine",
        fixed("/events/commitments/mine/"),
        {"GET": expect(200, anonymous=302), "POST": expect(405, anonymous=302)},
    ),
    Route(
        "events:commitment_followup",
        fixed("/events/commitments/follow-up/"),
        {
            "GET": expect(403, anonymous=302, secretariat=200),
            "POST": expect(403, anonymous=302, secretariat=405),
        },
    ),
    # No sign-in: the signed token in the mail is the authority.
    Route(
        "events:commitment_unsubscribe",
        _unsubscribe_path,
        {"GET": expect(200), "POST": expect(200)},
    ),
    # Speakers and organisers as the public agenda names them.
    Route("events:event_people", _people_page, PUBLIC_PAGE),
    Route(
        "events:event_timetable",
        lambda world: f"/events/{_session(world).event.slug}/timetable/",
        PUBLIC_PAGE,
    ),
    Route("events:speaker_detail", _speaker_page, PUBLIC_PAGE),
    Route("events:organiser_detail", _organiser_page, PUBLIC_PAGE),
    # The organisers' outcome form, with a draft already saved. The unverified member is an
    # organiser who may not write yet (403, told why); for everybody else it does not exist.
    # POST saves the draft (a draft may be incomplete) and sends back to the session page. (An
    # empty POST would not even bind the form: `request.POST or None`.)
    Route(
        "events:outcome_edit",
        lambda world: f"{_session_page(world)}outcome/",
        {
            "GET": expect(404, anonymous=302, unverified=403, owner=200, secretariat=200),
            "POST": expect(404, anonymous=302, unverified=403, owner=302, secretariat=302),
        },
        data=lambda world: {"key_issues": "A key issue"},
    ),
    # The organisers (verified) and the secretariat translate the outcome document; an empty POST
    # shows the form again with its errors (400).
    Route(
        "events:outcome_translation",
        lambda world: f"{_session_page(world)}outcome/translation/",
        {
            "GET": expect(404, anonymous=302, unverified=403, owner=200, secretariat=200),
            "POST": expect(404, anonymous=302, unverified=403, owner=400, secretariat=400),
        },
    ),
    Route(
        "events:outcome_translation_remove",
        lambda world: f"{_session_page(world)}outcome/translation/fr/remove/",
        {
            "GET": expect(405, anonymous=302, unverified=403),
            "POST": expect(404, anonymous=302, unverified=403, owner=302, secretariat=302),
        },
    ),
    Route(
        "events:forum_outcome",
        lambda world: f"/events/{_forum_version(world).event.slug}/outcome-document/",
        PUBLIC_PAGE,
    ),
    Route(
        "events:forum_outcome_version",
        lambda world: f"/events/{_forum_version(world).event.slug}/outcome-document/v1.2/",
        PUBLIC_PAGE,
    ),
    Route(
        "events:forum_outcome_compare",
        lambda world: (
            f"/events/{_forum_version(world).event.slug}/outcome-document/v1.2/compare/v1.2/"
        ),
        PUBLIC_PAGE,
    ),
    Route(
        "events:forum_outcome_docx",
        lambda world: (
            f"/events/{_forum_version(world).event.slug}/outcome-document/v1.2/download.docx"
        ),
        PUBLIC_PAGE,
    ),
    Route(
        "events:forum_outcome_pdf",
        lambda world: (
            f"/events/{_forum_version(world).event.slug}/outcome-document/v1.2/download.pdf"
        ),
        PUBLIC_PAGE,
    ),
    # --- API -----------------------------------------------------------------------------------
    Route("event-list", fixed("/api/v1/events/"), PUBLIC_API_LIST),
    Route("event-detail", lambda world: f"/api/v1/events/{EventFactory().pk}/", PUBLIC_API_DETAIL),
    Route(
        "event-sessions",
        lambda world: f"/api/v1/events/{_session(world).event_id}/sessions/",
        PUBLIC_API_LIST,
    ),
    Route("event-session-list", fixed("/api/v1/events/sessions/"), PUBLIC_API_LIST),
    Route(
        "event-session-detail",
        lambda world: f"/api/v1/events/sessions/{_session(world).pk}/",
        PUBLIC_API_DETAIL,
    ),
    # The outcome document of owner_org's session, a draft: read by its organisers and the
    # secretariat, written (PUT: an empty body saves an empty draft) by its verified organisers
    # and the secretariat; the unverified organiser may read but not write (403); for everybody
    # else it does not exist.
    Route(
        "event-session-outcome",
        lambda world: f"/api/v1/events/sessions/{_draft_outcome(world).session_id}/outcome/",
        {
            "GET": expect(404, anonymous=401, unverified=200, owner=200, secretariat=200),
            "POST": expect(405, anonymous=401),
            "PUT": expect(404, anonymous=401, unverified=403, owner=200, secretariat=200),
        },
        data=lambda world: json.dumps({}),
        content_type="application/json",
    ),
    Route("event-outcome-list", fixed("/api/v1/outcomes/"), PUBLIC_API_LIST),
    # Only published outcome documents are served here, to everybody; a draft is a 404 even for
    # its organisers (they read it at sessions/{id}/outcome/).
    Route(
        "event-outcome-detail",
        lambda world: f"/api/v1/outcomes/{_draft_outcome(world).pk}/",
        {**PUBLIC_API_DETAIL, "GET": expect(404)},
    ),
    Route("event-commitment-list", fixed("/api/v1/commitments/"), PUBLIC_API_LIST),
    Route(
        "event-commitment-detail",
        lambda world: f"/api/v1/commitments/{_commitment(world).pk}/",
        PUBLIC_API_DETAIL,
    ),
)
