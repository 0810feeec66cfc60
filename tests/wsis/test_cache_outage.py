"""A cache outage must not take the portal down (issue 13, item 1).

A real second Redis, started by the test on a spare port, is the portal's cache; the test stops
it in the middle (pages, the API, sign-in, a vote, a submission keep working, uncached, with one
warning logged) and starts it again (caching resumes, and nothing stale is served). A relay in
front of Redis is cut to make Redis unreachable while it keeps its data: an invalidation lost
meanwhile is replayed before anything is read again. The decisions are in
docs/operations-cache-outage.md."""

import json
import logging
import time

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone
from rest_framework.test import APIClient

from stocktaking import services
from stocktaking.enums import EntryStatus
from stocktaking.models import Entry
from stocktaking.prizes.enums import Phase, PrizeEntryStatus
from stocktaking.prizes.models import Vote
from tests.conftest import FIGURES
from tests.factories import (
    PASSWORD,
    MembershipFactory,
    UserFactory,
    api_token_key,
    secretariat_user,
)
from tests.prizes.factories import ContestFactory, PrizeEntryFactory
from tests.redis_outage import REDIS_SERVER, CuttableRelay, RedisServer
from tests.stocktaking.factories import EntryFactory
from wsis.cache_backend import FailOpenRedisCache, forget_outages
from wsis.caching import public_cache_bump_now, public_cache_generations

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(REDIS_SERVER is None, reason="needs redis-server (apt-get install redis)"),
]

LIST = "/stocktaking/"
API_LIST = "/api/v1/stocktaking/entries/"
NEW_ENTRY = {
    "kind": "project",
    "title": "Digital skills for rural women",
    "summary": "Trains women in rural Kenya in basic digital skills.",
    "coverage": "national",
    "countries": ["KE"],
    "action_lines": ["C4"],
    "primary_action_line": "C4",
    "sdgs": [4],
    "status": "ongoing",
    "website": "https://example.org/digital-skills",
}


def _cache_at(settings, url: str) -> None:
    settings.CACHES = {
        "default": {
            "BACKEND": "wsis.cache_backend.FailOpenRedisCache",
            "LOCATION": url,
            "KEY_PREFIX": "outage",
            "OPTIONS": {
                "socket_connect_timeout": 0.5,
                "socket_timeout": 0.5,
                # Every operation tries Redis again: the test sees the recovery at once.
                "RETRY_SECONDS": 0,
            },
        }
    }


@pytest.fixture(autouse=True)
def _forget_earlier_outages():
    # What this process knows of a location (last warning, pending invalidations) is kept by
    # address: a spare port used again by a later test must start afresh.
    forget_outages()
    yield
    forget_outages()


@pytest.fixture
def redis_server():
    server = RedisServer()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def outage_cache(settings, redis_server):
    _cache_at(settings, redis_server.url)
    return redis_server


def _cache_warnings(caplog) -> list[logging.LogRecord]:
    return [
        record
        for record in caplog.records
        if record.name == "wsis.cache" and record.levelno == logging.WARNING
    ]


def test_the_portal_works_uncached_while_redis_is_down_and_caching_resumes(
    outage_cache, settings, caplog, django_assert_num_queries, django_capture_on_commit_callbacks
):
    # Throttles fail open without Redis: even a limit of one lets both submissions through.
    settings.SUBMISSION_THROTTLE_RATE = "1/minute"
    membership = MembershipFactory()
    member, organisation = membership.user, membership.organisation
    secretariat = secretariat_user()
    EntryFactory(status=EntryStatus.APPROVED, title="Public before the outage")
    waiting = EntryFactory(status=EntryStatus.SUBMITTED, title="Approved during the outage")
    contest = ContestFactory(in_phase=Phase.VOTING_OPEN, at=timezone.now())
    nominee = PrizeEntryFactory(
        contest=contest, category=contest.categories.get(number=1), status=PrizeEntryStatus.NOMINEE
    )
    other_nominee = PrizeEntryFactory(
        contest=contest, category=contest.categories.get(number=1), status=PrizeEntryStatus.NOMINEE
    )
    voter = UserFactory(verified=True, email="voter@example.org")
    token = api_token_key(voter)
    anonymous = Client()

    assert "Public before the outage" in anonymous.get(LIST).content.decode()
    with django_assert_num_queries(0):
        assert anonymous.get(LIST).status_code == 200  # from the cache
    assert outage_cache.keys() != []

    outage_cache.stop()
    caplog.set_level(logging.INFO, logger="wsis.cache")

    for path in ("/", LIST, "/prizes/", "/events/", "/roadmaps/"):
        assert anonymous.get(path).status_code == 200, path
    assert "Public before the outage" in anonymous.get(LIST).content.decode()
    api = anonymous.get(API_LIST)
    public = Entry.objects.filter(status=EntryStatus.APPROVED, revision_of=None).count()
    assert (api.status_code, api.json()["count"]) == (200, public)
    assert anonymous.get("/healthz").json() == {"status": "ok"}
    ready = anonymous.get("/readyz")
    assert ready.status_code == 503
    assert ready.json()["checks"]["cache"] == {"ok": False, "detail": "ConnectionError"}
    assert ready.json()["checks"]["database"]["ok"] is True

    # Sign-in (sessions live in PostgreSQL), then a page only a signed-in person sees.
    person = Client()
    signed_in = person.post(
        "/accounts/login/", {"login": "voter@example.org", "password": PASSWORD}
    )
    assert (signed_in.status_code, signed_in["Location"]) == (302, "/my/")
    assert person.get("/my/").status_code == 200

    # A vote; one vote per category still holds (a PostgreSQL constraint).
    def vote(entry) -> int:
        return (
            Client()
            .post(
                "/api/v1/prizes/votes/",
                data=json.dumps({"nominee": entry.pk}),
                content_type="application/json",
                headers={"Authorization": f"Token {token}"},
            )
            .status_code
        )

    assert (vote(nominee), vote(other_nominee)) == (201, 409)
    assert list(Vote.objects.values_list("entry", flat=True)) == [nominee.pk]

    # Submissions: two, past a throttle of one a minute.
    writer = APIClient()
    writer.force_authenticate(member)
    created = [
        writer.post(
            API_LIST, {**NEW_ENTRY, "title": title, "organisation": organisation.pk}, format="json"
        ).status_code
        for title in ("First during the outage", "Second during the outage")
    ]
    assert created == [201, 201]

    # A moderation decision: its invalidation cannot reach Redis, the next page is fresh anyway.
    with django_capture_on_commit_callbacks(execute=True):
        services.entry_approve(entry=waiting, by=secretariat)
    assert "Approved during the outage" in anonymous.get(LIST).content.decode()

    warnings = _cache_warnings(caplog)
    assert len(warnings) == 1
    assert warnings[0].exc_info is None
    assert warnings[0].getMessage().startswith("Cache unreachable (ConnectionError: ")

    outage_cache.start()  # empty, as a restarted cache's Redis is

    fresh = anonymous.get(LIST).content.decode()
    assert ("Public before the outage" in fresh, "Approved during the outage" in fresh) == (
        True,
        True,
    )
    with django_assert_num_queries(0):
        assert anonymous.get(LIST).content.decode() == fresh  # cached again
    assert anonymous.get("/readyz").status_code == 200
    assert Entry.objects.filter(title__endswith="during the outage").count() == 3
    assert len(_cache_warnings(caplog)) == 1
    FIGURES["cache outage"] = (
        "a real Redis stopped mid-test: 5 public pages, the API list, /healthz, /readyz (503 "
        "naming the cache), a sign-in, 2 votes (201, 409), 2 submissions past a throttle of one "
        "and a moderation decision answered uncached, 1 warning logged; restarted: the changed "
        "page shown, then served from the cache with 0 queries"
    )


def test_an_invalidation_lost_while_redis_was_unreachable_is_replayed_on_its_return(
    request, settings, redis_server, django_assert_num_queries, django_capture_on_commit_callbacks
):
    """Redis unreachable but alive, its pages kept: the bump that could not reach it is made
    when it answers again, before any page is read, so no stale page is served."""
    relay = CuttableRelay(redis_server.port)
    relay.restore()
    request.addfinalizer(relay.cut)
    _cache_at(settings, relay.url)
    secretariat = secretariat_user()
    EntryFactory(status=EntryStatus.APPROVED, title="Public before the outage")
    waiting = EntryFactory(status=EntryStatus.SUBMITTED, title="Approved during the outage")
    anonymous = Client()
    assert "Approved during the outage" not in anonymous.get(LIST).content.decode()
    with django_assert_num_queries(0):
        anonymous.get(LIST)

    generation_key = "outage:1:public-generation:stocktaking"
    before = redis_server.get(generation_key)

    relay.cut()
    try:
        with django_capture_on_commit_callbacks(execute=True):
            services.entry_approve(entry=waiting, by=secretariat)
        assert "Approved during the outage" in anonymous.get(LIST).content.decode()
    finally:
        relay.restore()

    # The lost bump is made again in the background, while the process uses no cache at all
    # (a Celery worker may not touch the cache again for hours).
    deadline = time.monotonic() + 10
    while redis_server.get(generation_key) == before and time.monotonic() < deadline:
        time.sleep(0.05)
    assert int(redis_server.get(generation_key)) == int(before) + 1
    assert "Approved during the outage" in anonymous.get(LIST).content.decode()


def test_generations_never_go_back_when_the_cache_lost_its_data():
    """After Redis restarts empty, a generation starts above every value it had before: no
    page, row or in-process memo stored under an old generation can match a new one."""

    def stocktaking_generation() -> int:
        return int(public_cache_generations(["stocktaking"]).removeprefix("stocktaking"))

    first = stocktaking_generation()
    for _ in range(3):
        public_cache_bump_now("stocktaking")
    assert stocktaking_generation() == first + 3
    cache.clear()  # what a restarted, empty Redis looks like
    assert stocktaking_generation() > first + 3


def test_after_a_failure_redis_is_left_alone_for_retry_seconds(monkeypatch):
    dead = RedisServer()  # a spare port where nothing listens
    backend = FailOpenRedisCache(
        dead.url, {"OPTIONS": {"socket_connect_timeout": 0.2, "RETRY_SECONDS": 30}}
    )
    assert backend.get("page", "miss") == "miss"

    def asked(*args, **kwargs):
        raise AssertionError("Redis was asked during the circuit breaker's window")

    monkeypatch.setattr(backend._cache, "get_client", asked)
    assert backend.get_many(["page", "generation"]) == {}
    assert backend.incr("generation") == 1
    assert backend.add("lock", "x") is True  # a lock taken with `add` never waits


def test_healthz_touches_neither_cache_nor_database(settings, django_assert_num_queries):
    settings.CACHES = {
        "default": {
            # Any use of the cache raises: /healthz must not notice.
            "BACKEND": "tests.wsis.test_cache_outage.ExplodingCache",
        }
    }
    with django_assert_num_queries(0):
        response = Client().get("/healthz")
    assert (response.status_code, response.json()) == (200, {"status": "ok"})
    assert "no-cache" in response["Cache-Control"]


class ExplodingCache:
    """A cache backend every use of which fails (for the liveness probe's test)."""

    def __init__(self, location, params) -> None:
        pass

    def close(self, **kwargs) -> None:
        """Django closes every cache after a request and when the settings change."""

    def clear(self) -> None:
        """The suite empties the cache after each test."""

    def __getattr__(self, name):
        raise AssertionError(f"the cache was used: {name}")
