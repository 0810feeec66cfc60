"""Caching of the API's entry list: anonymous JSON answers are cached whole per stocktaking and
prizes generation like the public pages, and each entry's representation per entry, prize results
and generation; signed-in and token clients always get a fresh answer, the anonymous throttle
still counts cached answers, and what the services publish or change shows at once."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rest_framework.throttling import AnonRateThrottle

from stocktaking import services
from stocktaking.enums import EntryStatus
from stocktaking.prizes.enums import Phase, PrizeEntryStatus
from tests.factories import api_token_key
from tests.prizes.factories import ContestFactory, PrizeEntryFactory
from tests.stocktaking.factories import EntryFactory, approve_revision
from wsis.caching import public_cache_bump_now

pytestmark = pytest.mark.django_db

S = EntryStatus
API = "/api/v1/stocktaking/entries/"
API_URLS = [API, f"{API}?sdg=9&country=KE&kind=project", f"{API}?page=1&page_size=5"]


def test_anonymous_api_lists_are_served_from_the_cache(client, django_assert_num_queries):
    EntryFactory(status=S.APPROVED, title="Cached in Kenya", relations__country="KE")
    for url in API_URLS:
        first = client.get(url)
        assert first.status_code == 200
        with django_assert_num_queries(0):
            second = client.get(url)
        assert second.content == first.content
        assert second["Content-Type"] == "application/json"
        assert second["ETag"] == first["ETag"]
        assert second.json()["results"][0]["title"] == "Cached in Kenya"
        assert client.get(url, headers={"If-None-Match": first["ETag"]}).status_code == 304


@pytest.mark.parametrize("how", ["token", "session"])
def test_signed_in_api_clients_are_never_served_from_the_cache(client, people, how):
    entry = EntryFactory(status=S.APPROVED, title="Before the change", relations__country="KE")
    for url in API_URLS:
        client.get(url)  # cached for anonymous clients
    if how == "token":
        headers = {"Authorization": f"Token {api_token_key(people['other_org'])}"}
    else:
        client.force_login(people["other_org"])
        headers = {}
    # Not through a service, so nothing is invalidated: only a fresh answer can show it.
    EntryFactory._meta.model.objects.filter(pk=entry.pk).update(title="After the change")
    for url in API_URLS:
        response = client.get(url, headers=headers)
        assert response.json()["results"][0]["title"] == "After the change", url
        assert "ETag" not in response


def test_approval_and_archiving_show_at_once_in_the_api(
    client, people, django_capture_on_commit_callbacks
):
    EntryFactory(status=S.APPROVED, title="Already public", relations__country="KE")
    waiting = EntryFactory(status=S.SUBMITTED, title="Freshly approved", relations__country="KE")
    url = f"{API}?country=KE"
    assert [row["title"] for row in client.get(url).json()["results"]] == ["Already public"]
    with django_capture_on_commit_callbacks(execute=True):
        services.entry_approve(entry=waiting, by=people["secretariat"])
    body = client.get(url).json()
    assert [row["title"] for row in body["results"]] == ["Freshly approved", "Already public"]
    assert body["count"] == 2
    waiting.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        services.entry_archive(entry=waiting, by=people["secretariat"])
    body = client.get(url).json()
    assert [row["title"] for row in body["results"]] == ["Already public"]
    assert body["count"] == 1


def test_cached_api_answers_still_count_against_the_anonymous_throttle(db, client, monkeypatch):
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "3/minute"})
    EntryFactory(status=S.APPROVED)
    statuses = [client.get(API).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]


def test_browsable_api_and_errors_are_never_cached(client):
    EntryFactory(status=S.APPROVED, title="Listed")
    html = client.get(API, headers={"Accept": "text/html"})
    assert html.status_code == 200
    assert html["Content-Type"] == "text/html; charset=utf-8"
    assert "ETag" not in html
    assert client.get(API).json()["results"][0]["title"] == "Listed"
    invalid = client.get(API, {"sdg": "99"})
    assert invalid.status_code == 400
    assert "ETag" not in invalid


# --- Each entry's representation: kept per entry, prize results and generation ---


def _relation_queries(queries) -> list[str]:
    """The queries that fetched entries' relations (Django's prefetches)."""
    return [q["sql"] for q in queries.captured_queries if "_prefetch_related_val" in q["sql"]]


def test_a_new_filter_combination_reuses_the_entries_representations(client, people):
    for _ in range(3):
        EntryFactory(status=S.APPROVED, relations__country="KE")
    first = client.get(API, {"kind": "project"})
    with CaptureQueriesContext(connection) as queries:
        again = client.get(API, {"kind": "project", "country": "KE"})
    assert again.json()["results"] == first.json()["results"]
    # The new result's count and its page; no prize result to read (none of them has one), no
    # relation fetched, nothing serialised again.
    assert len(queries) == 2
    assert _relation_queries(queries) == []
    # What a signed-in client gets, fetched and serialised afresh, is the same.
    client.force_login(people["other_org"])
    assert client.get(API, {"kind": "project"}).json()["results"] == first.json()["results"]


def test_representations_are_never_shared_with_signed_in_clients(client, people):
    entry = EntryFactory(status=S.APPROVED, title="Before the change")
    client.get(API, {"kind": "project"})
    # Not through a service, so nothing is invalidated: the anonymous representation is kept.
    EntryFactory._meta.model.objects.filter(pk=entry.pk).update(summary="After the change")
    assert client.get(API, {"unread": "1"}).json()["results"][0]["summary"] == (
        "Connects rural schools to broadband internet."
    )
    client.force_login(people["other_org"])
    assert client.get(API, {"unread": "1"}).json()["results"][0]["summary"] == "After the change"


def test_an_approved_revision_replaces_the_representation_at_once(
    client, people, organisation, django_capture_on_commit_callbacks
):
    member = people["member"]
    published = EntryFactory(organisation=organisation, status=S.APPROVED, title="Old title")
    assert client.get(API, {"unread": "1"}).json()["results"][0]["title"] == "Old title"
    with django_capture_on_commit_callbacks(execute=True):
        approve_revision(
            published,
            member=member,
            secretariat=people["secretariat"],
            content={"summary": "New summary."},
        )
    row = client.get(API, {"unread": "2"}).json()["results"][0]
    assert (row["id"], row["summary"]) == (published.pk, "New summary.")


def test_a_new_prize_result_shows_in_the_kept_representation_at_once(client):
    entry = EntryFactory(status=S.APPROVED)
    assert client.get(API, {"unread": "1"}).json()["results"][0]["prizes"] == []
    contest = ContestFactory(year=2025, in_phase=Phase.WINNERS_ANNOUNCED, at=timezone.now())
    PrizeEntryFactory(
        contest=contest,
        category=contest.categories.get(action_line__code="C4"),
        organisation=entry.organisation,
        stocktaking_entry=entry,
        status=PrizeEntryStatus.WINNER,
    )
    # Results are recorded through the prize workflow, which moves the prizes generation on;
    # the factory does not, so the test does.
    public_cache_bump_now("prizes")
    assert client.get(API, {"unread": "2"}).json()["results"][0]["prizes"] == [
        {"year": 2025, "category": "C4 Capacity building", "result": "winner"}
    ]
