"""The vote API's path, built for a thousand votes a second: two statements a vote (the token
with its person and whether the address is confirmed; one INSERT … SELECT from the nominee
while its contest is in its voting phase, which stores nothing when the person has voted in the
category already), three for the first vote a process sees for a nominee (it reads the
nominee's contest), and one Redis round trip for both throttles; every refusal answers as
before."""

import json
from datetime import datetime, timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from stocktaking.prizes import selectors
from stocktaking.prizes.enums import Phase, PrizeEntryStatus
from stocktaking.prizes.models import Contest, Vote
from tests.factories import UserFactory, api_token_key
from tests.prizes.factories import ContestFactory, PrizeEntryFactory, dates_for

pytestmark = pytest.mark.django_db
URL = "/api/v1/prizes/votes/"


@pytest.fixture
def contest():
    return ContestFactory(in_phase=Phase.VOTING_OPEN, at=timezone.now())


def _nominee(contest, number=1, status=PrizeEntryStatus.NOMINEE):
    return PrizeEntryFactory(
        contest=contest, category=contest.categories.get(number=number), status=status
    )


def _vote(key: str, nominee_id: int, ip: str = "192.0.2.10"):
    return Client().post(
        URL,
        data=json.dumps({"nominee": nominee_id}),
        content_type="application/json",
        headers={"Authorization": f"Token {key}"},
        REMOTE_ADDR=ip,
    )


def _token(**user) -> str:
    return api_token_key(UserFactory(**user))


def test_a_vote_is_two_statements_and_answers_what_was_stored(contest):
    nominee = _nominee(contest)
    voter = UserFactory(verified=True, date_joined=timezone.now() - timedelta(days=4))
    key, other = api_token_key(voter), _token(verified=True)
    with CaptureQueriesContext(connection) as first:
        assert _vote(other, nominee.pk).status_code == 201
    # The first vote for the nominee in this process reads it (and so its contest).
    assert [query["sql"].split()[0] for query in first] == ["SELECT", "SELECT", "INSERT"]

    with CaptureQueriesContext(connection) as queries:
        response = _vote(key, nominee.pk)

    assert response.status_code == 201
    assert [query["sql"].split()[0] for query in queries] == ["SELECT", "WITH"]
    vote = Vote.objects.get(user=voter)
    body = response.json()
    assert (body["nominee"], body["category"]) == (nominee.pk, "c1")
    assert datetime.fromisoformat(body["created_at"]) == vote.created_at
    assert (vote.user, vote.entry, vote.category, vote.contest, vote.account_age_days) == (
        voter,
        nominee,
        nominee.category,
        contest,
        4,
    )


def test_a_second_vote_in_the_category_is_refused_without_a_savepoint(contest):
    first, second = _nominee(contest), _nominee(contest)
    key = _token(verified=True)
    assert _vote(key, first.pk).status_code == 201
    assert _vote(_token(verified=True), second.pk).status_code == 201

    with CaptureQueriesContext(connection) as queries:
        response = _vote(key, second.pk)

    assert response.status_code == 409
    assert response.json()["error"]["message"] == (
        f"You have already voted in the category “{first.category.name}”; a vote is final."
    )
    # The one statement stores nothing; the nominee is read to say why.
    assert [query["sql"].split()[0] for query in queries] == ["SELECT", "WITH", "SELECT", "INSERT"]
    assert list(
        Vote.objects.filter(user__in=first.votes.values("user")).values_list("entry", flat=True)
    ) == [first.pk]


def test_the_token_decides_who_votes(contest):
    nominee = _nominee(contest)
    answers = {
        "no token": Client().post(URL, {"nominee": nominee.pk}).status_code,
        "unknown token": _vote("0" * 40, nominee.pk).status_code,
        "inactive person": _vote(_token(verified=True, is_active=False), nominee.pk).status_code,
        "unconfirmed address": _vote(_token(verified=False), nominee.pk).status_code,
        "confirmed address": _vote(_token(verified=True), nominee.pk).status_code,
    }
    assert answers == {
        "no token": 401,
        "unknown token": 401,
        "inactive person": 401,
        "unconfirmed address": 403,
        "confirmed address": 201,
    }
    assert _vote("0" * 40, nominee.pk).json()["error"]["message"] == "Invalid token."
    assert _vote(_token(verified=False), nominee.pk).json()["error"]["message"] == (
        "Confirm your e-mail address before voting."
    )
    assert Vote.objects.count() == 1


def test_only_a_published_nominee_takes_a_vote(contest):
    key = _token(verified=True)
    hidden = _nominee(contest, status=PrizeEntryStatus.ELIGIBLE)
    finalist = _nominee(contest, number=2, status=PrizeEntryStatus.FINALIST)

    assert _vote(key, hidden.pk).status_code == 404
    assert _vote(key, 10**9).status_code == 404
    refused = _vote(key, finalist.pk)
    assert refused.status_code == 400
    assert refused.json()["error"]["fields"] == {"nominee": ["Only nominees can receive votes."]}
    assert Vote.objects.count() == 0


def test_the_vote_api_is_throttled_per_address(contest, settings):
    settings.PRIZES_VOTE_RATE_IP = "2/minute"
    nominee = _nominee(contest)
    keys = [_token(verified=True) for _ in range(3)]

    answers = [_vote(key, nominee.pk, ip="198.51.100.4") for key in keys]

    assert [answer.status_code for answer in answers] == [201, 201, 429]
    assert answers[2].json()["error"]["code"] == "throttled"
    assert 0 < int(answers[2].headers["Retry-After"]) <= 60
    # Another address is counted apart.
    assert _vote(keys[2], nominee.pk, ip="198.51.100.5").status_code == 201
    assert Vote.objects.count() == 3


def test_the_nominee_of_a_vote_is_read_with_its_contest_and_category(contest):
    nominee = _nominee(contest, number=2)
    _nominee(contest, status=PrizeEntryStatus.ELIGIBLE)

    with CaptureQueriesContext(connection) as queries:
        found = selectors.nominee_for_vote(nominee.pk)
        read = (
            found.pk,
            found.status,
            found.title,
            found.contest.pk,
            found.contest.voting_opens_at,
            found.contest.voting_closes_at,
            found.category.slug,
            found.category.name,
        )
    assert len(queries) == 1
    assert read == (
        nominee.pk,
        "nominee",
        nominee.title,
        contest.pk,
        contest.voting_opens_at,
        contest.voting_closes_at,
        "c2",
        nominee.category.name,
    )
    # Whatever else is asked for is loaded then.
    assert found.description == nominee.description
    assert selectors.nominee_for_vote(nominee.pk + 1) is None


@pytest.mark.parametrize("phase", [Phase.NOMINEES_PUBLISHED, Phase.VOTING_CLOSED, Phase.FINALISTS])
def test_a_known_nominee_outside_the_voting_phase_takes_no_vote(phase):
    contest = ContestFactory(in_phase=Phase.VOTING_OPEN, at=timezone.now())
    nominee = _nominee(contest)
    assert _vote(_token(verified=True), nominee.pk).status_code == 201  # its contest is known
    Contest.objects.filter(pk=contest.pk).update(**dates_for(phase, timezone.now()))

    refused = _vote(_token(verified=True), nominee.pk)

    assert refused.status_code == 400
    assert refused.json()["error"]["fields"]["nominee"][0].startswith(
        "Voting is not open yet" if phase == Phase.NOMINEES_PUBLISHED else "Voting is closed"
    )
    assert Vote.objects.count() == 1
