"""The API: public read, owners' drafts and revisions, moves, moderation; error bodies."""

import pytest
from django.core import mail
from django.utils import timezone
from rest_framework.test import APIClient

from stocktaking.enums import EntryStatus
from stocktaking.models import Entry
from stocktaking.prizes.enums import Phase, PrizeEntryStatus
from tests.prizes.factories import ContestFactory, PrizeEntryFactory
from tests.query_counts import MAX_QUERIES, uncached_queries
from tests.stocktaking.factories import EntryFactory

pytestmark = pytest.mark.django_db

S = EntryStatus
URL = "/api/v1/stocktaking/entries/"
ROLES = ("anonymous", "member", "other_org", "expert", "secretariat")
STATES = (S.DRAFT, S.SUBMITTED, S.CHANGES_REQUESTED, S.APPROVED, S.REJECTED, S.WITHDRAWN)


@pytest.fixture
def api():
    def _api(user):
        client = APIClient()
        if user is not None:
            client.force_authenticate(user)
        return client

    return _api


NEW_ENTRY = {
    "kind": "project",
    "title": "Digital skills for rural women",
    "summary": "Trains women in rural Kenya in basic digital skills.",
    "coverage": "national",
    "countries": ["KE"],
    "action_lines": ["C4", "C7.3"],
    "primary_action_line": "C4",
    "sdgs": [4, 5],
    "status": "ongoing",
    "website": "https://example.org/digital-skills",
}


def test_public_list_shows_only_approved_with_filters(api):
    EntryFactory(status=S.DRAFT, title="Secret draft")
    EntryFactory(status=S.APPROVED, title="Public in Kenya", relations__country="KE")
    EntryFactory(status=S.APPROVED, title="Public in Peru", relations__country="PE")
    response = api(None).get(URL)
    assert response.status_code == 200
    assert sorted(e["title"] for e in response.json()["results"]) == [
        "Public in Kenya",
        "Public in Peru",
    ]
    response = api(None).get(URL, {"region": "africa"})
    assert [e["title"] for e in response.json()["results"]] == ["Public in Kenya"]
    assert response.json()["results"][0]["countries"] == ["KE"]


def test_unknown_filter_value_is_a_400_naming_the_filter(api):
    response = api(None).get(URL, {"sdg": "99"})
    assert response.status_code == 400
    body = response.json()["error"]
    assert body["code"] == "invalid"
    assert list(body["fields"]) == ["sdg"]


def test_api_list_query_count_is_constant(api):
    # A winner on either page: a page without one needs no prize-result query at all.
    _mark_winner(EntryFactory(status=S.APPROVED))
    client = api(None)
    client.get(URL)  # the reference lists are read once, then cached
    one = uncached_queries(client, URL)
    for _ in range(24):
        EntryFactory(status=S.APPROVED, relations__country="PE")
    _mark_winner(Entry.objects.order_by("pk").last())
    many = uncached_queries(client, URL)
    assert client.get(URL).json()["count"] == 25
    assert many == one
    assert one <= MAX_QUERIES


@pytest.mark.parametrize("role", ROLES)
def test_retrieve_permissions(people, entries_by_state, api, role):
    entries = entries_by_state(STATES)
    client = api(people[role])
    seen = {state: client.get(f"{URL}{entry.pk}/").status_code for state, entry in entries.items()}
    visible_to_all = role in ("member", "secretariat")
    assert seen == {
        state: 200 if visible_to_all or state == S.APPROVED else 404 for state in STATES
    }


def test_create_draft_and_bad_input(people, organisation, api):
    client = api(people["member"])
    response = client.post(URL, {**NEW_ENTRY, "organisation": organisation.pk}, format="json")
    assert response.status_code == 201
    assert response.json()["moderation_status"] == "draft"
    assert response.json()["lock_version"] == 1
    response = client.post(
        URL, {**NEW_ENTRY, "summary": "word " * 151, "action_lines": []}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["error"]["fields"] == {
        "action_lines": ["Choose at least one Action Line."],
        "summary": ["The summary has 151 words; at most 150 are allowed."],
    }
    assert Entry.objects.count() == 1


def test_create_for_another_organisation_is_403(people, api):
    other = people["other_org"].memberships.get().organisation
    response = api(people["member"]).post(
        URL, {**NEW_ENTRY, "organisation": other.pk}, format="json"
    )
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "permission_denied"


def test_anonymous_create_is_401(api):
    assert api(None).post(URL, NEW_ENTRY, format="json").status_code == 401


def test_stale_update_is_409(people, organisation, api):
    entry = EntryFactory(organisation=organisation)
    client = api(people["member"])
    first = client.patch(f"{URL}{entry.pk}/", {"title": "First", "lock_version": 1}, format="json")
    assert first.status_code == 200
    assert first.json()["lock_version"] == 2
    second = client.patch(
        f"{URL}{entry.pk}/", {"title": "Second", "lock_version": 1}, format="json"
    )
    assert second.status_code == 409
    assert second.json()["error"]["code"] == "conflict"
    entry.refresh_from_db()
    assert entry.title == "First"


# Moves through the API: (action, role, state) → HTTP status; the state after is checked too.
OWNER_MOVES = {
    ("submit", S.DRAFT): S.SUBMITTED,
    ("submit", S.CHANGES_REQUESTED): S.RESUBMITTED,
    ("withdraw", S.DRAFT): S.WITHDRAWN,
    ("withdraw", S.SUBMITTED): S.WITHDRAWN,
    ("withdraw", S.CHANGES_REQUESTED): S.WITHDRAWN,
}
STAFF_MOVES = {
    ("approve", S.SUBMITTED): S.APPROVED,
    ("request-changes", S.SUBMITTED): S.CHANGES_REQUESTED,
    ("reject", S.SUBMITTED): S.REJECTED,
}


def _expected_move(move, role, state):
    """(HTTP status, state after) of one move by one role from one state."""
    visible = state == S.APPROVED or role in ("member", "secretariat")
    owner_move = move in ("submit", "withdraw")
    allowed = role == "member" if owner_move else role == "secretariat"
    table = OWNER_MOVES if owner_move else STAFF_MOVES
    if role == "anonymous":
        return 401, state
    if not visible:
        return 404, state
    if not allowed:
        return 403, state
    if (move, state) in table:
        return 200, table[(move, state)]
    return 409, state


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("move", ["submit", "withdraw", "approve", "request-changes", "reject"])
def test_move_permissions(people, entries_by_state, api, move, role):
    entries = entries_by_state(STATES)
    client = api(people[role])
    seen = {}
    for state, entry in entries.items():
        response = client.post(f"{URL}{entry.pk}/{move}/", {"reason": "Because."}, format="json")
        entry.refresh_from_db()
        seen[state] = (response.status_code, entry.status)
    assert seen == {state: _expected_move(move, role, state) for state in STATES}


def test_reject_without_reason_is_400(people, api):
    entry = EntryFactory(status=S.SUBMITTED)
    response = api(people["secretariat"]).post(f"{URL}{entry.pk}/reject/", {}, format="json")
    assert response.status_code == 400
    assert response.json()["error"]["message"] == "The request has invalid values; see fields."
    entry.refresh_from_db()
    assert entry.status == S.SUBMITTED


def test_revision_through_the_api(people, organisation, api, django_capture_on_commit_callbacks):
    published = EntryFactory(organisation=organisation, status=S.APPROVED, title="Old title")
    owner, staff = api(people["member"]), api(people["secretariat"])
    response = owner.post(f"{URL}{published.pk}/revise/")
    assert response.status_code == 201
    revision_id = response.json()["id"]
    assert response.json()["revision_of"] == published.pk
    assert (
        owner.patch(
            f"{URL}{revision_id}/", {"title": "New title", "lock_version": 1}, format="json"
        ).status_code
        == 200
    )
    assert owner.post(f"{URL}{revision_id}/submit/").status_code == 200
    assert api(None).get(f"{URL}{published.pk}/").json()["title"] == "Old title"
    with django_capture_on_commit_callbacks(execute=True):
        assert staff.post(f"{URL}{revision_id}/approve/", {}, format="json").status_code == 200
    assert api(None).get(f"{URL}{published.pk}/").json()["title"] == "New title"
    assert api(None).get(URL).json()["count"] == 1
    assert [m.subject for m in mail.outbox] == [
        "[WSIS] Your stocktaking entry was approved: “New title”"
    ]


def test_schema_documents_the_actions(client):
    schema = client.get("/api/schema/", {"format": "json"}).json()
    paths = schema["paths"]
    assert "/api/v1/stocktaking/entries/{id}/request-changes/" in paths
    assert "/api/v1/stocktaking/entries/{id}/submit/" in paths
    create = paths["/api/v1/stocktaking/entries/"]["post"]
    assert "examples" in create["requestBody"]["content"]["application/json"]


def test_absurd_numbers_in_filters_are_400_not_500(api):
    response = api(None).get(URL, {"sdg": "9223372036854775808", "year": "1" * 30})
    assert response.status_code == 400
    assert sorted(response.json()["error"]["fields"]) == ["sdg", "year"]


def _mark_winner(entry):
    """Makes a stocktaking entry a published winner, so the page shows a badge."""
    contest = ContestFactory(in_phase=Phase.WINNERS_ANNOUNCED, at=timezone.now())
    PrizeEntryFactory(
        contest=contest,
        organisation=entry.organisation,
        stocktaking_entry=entry,
        status=PrizeEntryStatus.WINNER,
    )
