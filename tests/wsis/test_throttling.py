"""429 answers: the submission throttle (wsis/throttling.py) on every page and API route that
creates or hands in a stocktaking entry, a prize entry or an outcome document, and the API's
anonymous and per-user throttles. Each case sends as many writes as the limit allows (whatever
they answer: a form with errors, a redirect, a refusal), then one more, which must be a 429."""

import json

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import Client, RequestFactory
from django.utils import timezone
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle

from stocktaking.models import Entry
from stocktaking.prizes.enums import PrizeEntryStatus
from stocktaking.prizes.throttling import VoteIpThrottle, VoteUserThrottle
from tests.conftest import FIGURES
from tests.events.factories import OutcomeDocumentFactory, SessionFactory
from tests.factories import MembershipFactory, api_token_key
from tests.prizes.factories import ContestFactory, PrizeEntryFactory
from tests.stocktaking.factories import EntryFactory
from wsis.throttling import SubmissionThrottle, throttle_waits

LIMIT = 3
THROTTLED_PAIR = (429, "throttled")


def _open_contest():
    return ContestFactory(at=timezone.now())


def _stocktaking_draft(member):
    return EntryFactory(organisation=member.memberships.get().organisation)


def _prize_draft(member):
    return PrizeEntryFactory(
        contest=_open_contest(),
        organisation=member.memberships.get().organisation,
        status=PrizeEntryStatus.DRAFT,
    )


def _session(member):
    return SessionFactory(organisers=[member.memberships.get().organisation])


def _outcome_page(member):
    session = _session(member)
    return f"/events/{session.event.slug}/sessions/{session.number}/outcome/"


def _outcome_api(member):
    outcome = OutcomeDocumentFactory(session=_session(member))
    return f"/api/v1/events/sessions/{outcome.session_id}/outcome/"


# name -> (method, path for the member, body, the answers before the limit)
CASES = {
    # An empty form: shown again with its errors.
    "page: stocktaking entry create": ("post", lambda m: "/stocktaking/mine/new/", {}, (200,) * 3),
    # Submitted, then told it is submitted already: back to the entry each time.
    "page: stocktaking entry submit": (
        "post",
        lambda m: f"/stocktaking/mine/{_stocktaking_draft(m).pk}/submit/",
        {},
        (302,) * 3,
    ),
    "page: prize entry create": (
        "post",
        lambda m: f"/prizes/{_open_contest().year}/enter/",
        {},
        (200,) * 3,
    ),
    "page: prize entry submit": (
        "post",
        lambda m: f"/prizes/entries/{_prize_draft(m).pk}/submit/",
        {},
        (302,) * 3,
    ),
    # Handing in an empty document: refused with the limits, the form shown again.
    "page: outcome document save or submit": ("post", _outcome_page, {"submit": "1"}, (200,) * 3),
    "API: stocktaking entry create": (
        "post",
        lambda m: "/api/v1/stocktaking/entries/",
        {},
        (400,) * 3,
    ),
    "API: stocktaking entry submit": (
        "post",
        lambda m: f"/api/v1/stocktaking/entries/{_stocktaking_draft(m).pk}/submit/",
        {},
        (200, 409, 409),
    ),
    # Handing in an empty document: refused with the limits (400).
    "API: outcome document submit": ("put", _outcome_api, {"submit": True}, (400,) * 3),
}


@pytest.fixture
def member(db, settings):
    settings.SUBMISSION_THROTTLE_RATE = f"{LIMIT}/minute"
    return MembershipFactory().user


@pytest.mark.parametrize("name", sorted(CASES))
def test_submission_past_the_limit_answers_429(name, member):
    method, path_for, body, first = CASES[name]
    path = path_for(member)
    client = Client()
    client.force_login(member)
    api = path.startswith("/api/")

    def send():
        if api:
            return getattr(client, method)(
                path, data=json.dumps(body), content_type="application/json"
            )
        return getattr(client, method)(path, data=body)

    answers = [send() for _ in range(LIMIT + 1)]
    statuses = [answer.status_code for answer in answers]
    assert statuses == [*first, 429]
    refused = answers[LIMIT]
    assert 0 < int(refused.headers["Retry-After"]) <= 60
    if api:
        error = refused.json()["error"]
        assert (error["status"], error["code"]) == THROTTLED_PAIR
    else:
        assert refused.templates[0].name == "wsis/too_many_requests.html"
        assert "You sent this form too often" in refused.content.decode()
    FIGURES["submission throttles"] = (
        f"{len(CASES)} page and API submission routes answer 429 past the limit"
    )


def test_a_throttled_submission_changes_nothing(member, settings):
    settings.SUBMISSION_THROTTLE_RATE = "1/minute"
    organisation = member.memberships.get().organisation
    first, second = EntryFactory(organisation=organisation), EntryFactory(organisation=organisation)
    client = Client()
    client.force_login(member)

    assert client.post(f"/stocktaking/mine/{first.pk}/submit/").status_code == 302
    assert client.post(f"/stocktaking/mine/{second.pk}/submit/").status_code == 429
    # Reading is never throttled.
    assert client.get(f"/stocktaking/mine/{second.pk}/").status_code == 200

    statuses = dict(Entry.objects.filter(organisation=organisation).values_list("pk", "status"))
    assert statuses == {first.pk: "submitted", second.pk: "draft"}


def test_api_per_user_throttle_answers_429_with_error_body(member, monkeypatch):
    # The anonymous limit is lower: a signed-in client is counted by the per-user one only.
    rates = {"anon": "1/minute", "user": f"{LIMIT}/minute"}
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", rates)
    monkeypatch.setattr(UserRateThrottle, "THROTTLE_RATES", rates)
    client = Client(headers={"Authorization": f"Token {api_token_key(member)}"})

    answers = [client.get("/api/v1/reference/sdgs/") for _ in range(LIMIT + 1)]

    assert [answer.status_code for answer in answers] == [200] * LIMIT + [429]
    error = answers[LIMIT].json()["error"]
    assert (error["status"], error["code"]) == THROTTLED_PAIR
    assert error["message"].startswith("Request was throttled.")


def test_api_anonymous_throttle_answers_429_with_error_body(db, monkeypatch):
    rates = {"anon": f"{LIMIT}/minute", "user": "1000/minute"}
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", rates)
    monkeypatch.setattr(UserRateThrottle, "THROTTLE_RATES", rates)
    client = Client()

    answers = [client.get("/api/v1/stocktaking/entries/") for _ in range(LIMIT + 1)]

    assert [answer.status_code for answer in answers] == [200] * LIMIT + [429]
    error = answers[LIMIT].json()["error"]
    assert (error["status"], error["code"]) == THROTTLED_PAIR
    assert int(answers[LIMIT].headers["Retry-After"]) > 0


def test_a_throttle_counts_the_allowed_requests_of_a_sliding_window(member, settings, monkeypatch):
    """A refused request is not counted; a place frees when the oldest counted request is one
    window old; the wait says when. The same with Redis (one script) and without (DRF)."""
    settings.SUBMISSION_THROTTLE_RATE = "2/minute"
    clock = [1000.0]
    monkeypatch.setattr(SubmissionThrottle, "timer", lambda self: clock[0])
    request = RequestFactory().post("/")
    request.user = member

    def waits_at(second: float) -> list[float]:
        clock[0] = 1000.0 + second
        return throttle_waits(request, [SubmissionThrottle()])

    assert [waits_at(second) for second in (0, 10, 20, 59, 60, 61)] == [
        [],
        [],
        [40.0],
        [1.0],
        [],
        [9.0],
    ]


def test_throttles_checked_together_each_count_when_they_have_room(member, settings):
    """Like DRF: a throttle with room counts the request even when another one refuses it."""
    settings.PRIZES_VOTE_RATE_USER = "1/minute"
    settings.PRIZES_VOTE_RATE_IP = "3/minute"
    request = RequestFactory().post("/", REMOTE_ADDR="203.0.113.9")
    request.user = member

    answers = [
        len(throttle_waits(request, [VoteUserThrottle(), VoteIpThrottle()])) for _ in range(4)
    ]

    assert answers == [0, 1, 1, 2]


@pytest.mark.skipif(
    not settings.CACHES["default"]["BACKEND"].endswith("RedisCache"),
    reason="without Redis the throttles are DRF's own, which read that history",
)
def test_a_history_left_by_drf_throttle_is_not_read_as_a_window(member, settings):
    """Deploying the sliding windows over keys DRF's throttle wrote (a pickled list) must not
    answer errors: the windows have keys of their own."""
    settings.SUBMISSION_THROTTLE_RATE = "1/minute"
    request = RequestFactory().post("/")
    request.user = member
    cache.set(SubmissionThrottle().get_cache_key(request, None), [1.0, 2.0], 60)

    assert [len(throttle_waits(request, [SubmissionThrottle()])) for _ in range(2)] == [0, 1]
