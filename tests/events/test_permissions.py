"""Role × state tables for the outcome pages and API; leak tests create the leaking data first."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from events.enums import OutcomeStatus
from tests.events.factories import (
    OutcomeDocumentFactory,
    SessionFactory,
    complete_content,
    member,
    secretariat,
)
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

SECRET = "Confidential draft wording"
ROLES = ("anonymous", "organiser", "other", "secretariat")


@pytest.fixture
def world():
    organiser = member()
    other = member()
    session = SessionFactory(organisers=[organiser.organisations.get()])
    return {
        "session": session,
        "anonymous": None,
        "organiser": organiser,
        "other": other,
        "secretariat": secretariat(),
    }


def _client(client, world, role):
    if world[role] is not None:
        client.force_login(world[role])
    return client


def _outcome(world, state):
    if state == "none":
        return None
    return OutcomeDocumentFactory(
        session=world["session"], status=state, key_issues=[SECRET, "b", "c", "d", "e"]
    )


@pytest.mark.parametrize(
    ("state", "expected"),
    [
        (
            OutcomeStatus.DRAFT,
            {"anonymous": 404, "organiser": 200, "other": 404, "secretariat": 200},
        ),
        (
            OutcomeStatus.SUBMITTED,
            {"anonymous": 404, "organiser": 200, "other": 404, "secretariat": 200},
        ),
        (
            OutcomeStatus.CHANGES_REQUESTED,
            {"anonymous": 404, "organiser": 200, "other": 404, "secretariat": 200},
        ),
        (
            OutcomeStatus.RESUBMITTED,
            {"anonymous": 404, "organiser": 200, "other": 404, "secretariat": 200},
        ),
        (
            OutcomeStatus.PUBLISHED,
            {"anonymous": 200, "organiser": 200, "other": 200, "secretariat": 200},
        ),
    ],
)
@pytest.mark.parametrize("role", ROLES)
def test_outcome_page_by_role_and_state(client, world, role, state, expected):
    outcome = _outcome(world, state)
    response = _client(client, world, role).get(reverse("events:outcome_detail", args=[outcome.pk]))
    assert response.status_code == expected[role]
    assert (SECRET in response.content.decode()) == (expected[role] == 200)


@pytest.mark.parametrize(
    ("state", "expected"),
    [
        ("none", {"anonymous": 302, "organiser": 200, "other": 404, "secretariat": 200}),
        (
            OutcomeStatus.DRAFT,
            {"anonymous": 302, "organiser": 200, "other": 404, "secretariat": 200},
        ),
        (
            OutcomeStatus.SUBMITTED,
            {"anonymous": 302, "organiser": 403, "other": 404, "secretariat": 200},
        ),
        (
            OutcomeStatus.CHANGES_REQUESTED,
            {"anonymous": 302, "organiser": 200, "other": 404, "secretariat": 200},
        ),
        (
            OutcomeStatus.PUBLISHED,
            {"anonymous": 302, "organiser": 403, "other": 404, "secretariat": 200},
        ),
    ],
)
@pytest.mark.parametrize("role", ROLES)
def test_outcome_form_by_role_and_state(client, world, role, state, expected):
    _outcome(world, state)
    session = world["session"]
    url = reverse("events:outcome_edit", args=[session.event.slug, session.number])
    response = _client(client, world, role).get(url)
    assert response.status_code == expected[role]


@pytest.mark.parametrize(
    ("role", "expected"),
    [("anonymous", 302), ("organiser", 403), ("other", 404), ("secretariat", 200)],
)
def test_outcome_form_before_the_session_ends(client, world, role, expected):
    session = world["session"]
    session.starts_at = timezone.now() + dt.timedelta(hours=2)
    session.ends_at = session.starts_at + dt.timedelta(hours=1)
    session.save()
    url = reverse("events:outcome_edit", args=[session.event.slug, session.number])
    assert _client(client, world, role).get(url).status_code == expected


@pytest.mark.parametrize("role", ROLES)
def test_session_page_shows_draft_only_to_organisers_and_secretariat(client, world, role):
    _outcome(world, OutcomeStatus.DRAFT)
    session = world["session"]
    response = _client(client, world, role).get(session.get_absolute_url())
    assert response.status_code == 200
    assert (SECRET in response.content.decode()) == (role in ("organiser", "secretariat"))


def test_outcome_list_does_not_leak_unpublished(client, world):
    for state in (OutcomeStatus.DRAFT, OutcomeStatus.SUBMITTED):
        OutcomeDocumentFactory(status=state, key_issues=[SECRET])
    OutcomeDocumentFactory(status=OutcomeStatus.PUBLISHED, key_issues=["Public wording"])
    page = client.get(reverse("events:outcome_list")).content.decode()
    assert SECRET not in page
    assert "1 published outcome document" in page
    api = client.get("/api/v1/outcomes/").json()
    assert api["count"] == 1
    assert api["results"][0]["key_issues"] == ["Public wording"]


@pytest.mark.parametrize(
    ("state", "expected"),
    [
        (
            OutcomeStatus.DRAFT,
            {"anonymous": 401, "organiser": 200, "other": 404, "secretariat": 200},
        ),
        (
            OutcomeStatus.SUBMITTED,
            {"anonymous": 401, "organiser": 200, "other": 404, "secretariat": 200},
        ),
        (
            OutcomeStatus.PUBLISHED,
            {"anonymous": 401, "organiser": 200, "other": 200, "secretariat": 200},
        ),
    ],
)
@pytest.mark.parametrize("role", ROLES)
def test_api_session_outcome_read_by_role_and_state(client, world, role, state, expected):
    _outcome(world, state)
    url = f"/api/v1/events/sessions/{world['session'].pk}/outcome/"
    response = _client(client, world, role).get(url)
    assert response.status_code == expected[role]


@pytest.mark.parametrize(
    ("state", "expected"),
    [
        ("none", {"anonymous": 401, "organiser": 200, "other": 404, "secretariat": 200}),
        (
            OutcomeStatus.DRAFT,
            {"anonymous": 401, "organiser": 200, "other": 404, "secretariat": 200},
        ),
        (
            OutcomeStatus.SUBMITTED,
            {"anonymous": 401, "organiser": 403, "other": 404, "secretariat": 200},
        ),
        (
            OutcomeStatus.PUBLISHED,
            {"anonymous": 401, "organiser": 403, "other": 404, "secretariat": 200},
        ),
    ],
)
@pytest.mark.parametrize("role", ROLES)
def test_api_session_outcome_write_by_role_and_state(client, world, role, state, expected):
    _outcome(world, state)
    url = f"/api/v1/events/sessions/{world['session'].pk}/outcome/"
    response = _client(client, world, role).put(
        url, {"key_issues": ["Draft bullet"]}, content_type="application/json"
    )
    assert response.status_code == expected[role]


@pytest.mark.parametrize(
    ("state", "expected"),
    [(OutcomeStatus.DRAFT, 404), (OutcomeStatus.SUBMITTED, 404), (OutcomeStatus.PUBLISHED, 200)],
)
@pytest.mark.parametrize("role", ROLES)
def test_api_outcome_detail_is_published_only(client, world, role, state, expected):
    outcome = _outcome(world, state)
    response = _client(client, world, role).get(f"/api/v1/outcomes/{outcome.pk}/")
    assert response.status_code == expected


def test_api_submit_enforces_limits_and_lock(client, world):
    client.force_login(world["organiser"])
    url = f"/api/v1/events/sessions/{world['session'].pk}/outcome/"
    bad = client.put(
        url,
        {**complete_content(key_issues=["1", "2", "3", "4"]), "submit": True},
        content_type="application/json",
    )
    assert bad.status_code == 400
    assert bad.json()["error"]["fields"] == {
        "key_issues": ["4 bullets given; at least 5 are needed (5-8)."]
    }
    draft = client.put(url, {"key_issues": ["x"]}, content_type="application/json").json()
    assert draft["status"] == "draft"
    stale = client.put(
        url,
        {"key_issues": ["y"], "lock_version": draft["lock_version"] + 5},
        content_type="application/json",
    )
    assert stale.status_code == 409
    assert stale.json()["error"]["code"] == "conflict"
    done = client.put(
        url,
        {**complete_content(), "submit": True, "lock_version": draft["lock_version"]},
        content_type="application/json",
    )
    assert done.status_code == 200
    assert done.json()["status"] == "submitted"


def test_member_of_two_organisations_sees_only_own_sessions_outcomes(client, world):
    organisation = OrganisationFactory()
    elsewhere = SessionFactory(organisers=[organisation])
    OutcomeDocumentFactory(session=elsewhere, key_issues=[SECRET])
    client.force_login(world["organiser"])
    response = client.get(elsewhere.get_absolute_url())
    assert SECRET not in response.content.decode()
