"""Whole-page caching of the public prize pages: anonymous pages come from the cache, signed-in
people (voters) always get a fresh page, and what the services record shows at once, on the
prize pages and on the stocktaking pages that mark winners. A page showing the current phase
expires when the next phase starts. Vote counts are never shown publicly, so a vote bumps
nothing."""

import time
from datetime import timedelta

import pytest
from django.utils import timezone

from stocktaking.enums import EntryStatus
from stocktaking.prizes import services
from stocktaking.prizes.enums import Phase, PrizeEntryStatus
from stocktaking.prizes.models import Contest
from tests.factories import UserFactory, secretariat_user
from tests.prizes.factories import ContestFactory, PrizeEntryFactory
from tests.query_counts import MAX_QUERIES, uncached_queries
from tests.stocktaking.factories import EntryFactory

pytestmark = pytest.mark.django_db


def _urls(contest, entry) -> list[str]:
    year = contest.year
    return [
        "/prizes/",
        f"/prizes/{year}/",
        f"/prizes/{year}/c1/",
        f"/prizes/{year}/vote/",
        f"/prizes/{year}/results/",
        f"/prizes/{year}/results.csv",
        f"/prizes/entries/{entry.pk}/",
    ]


@pytest.fixture
def voting():
    contest = ContestFactory(in_phase=Phase.VOTING_OPEN, at=timezone.now())
    entry = PrizeEntryFactory(
        contest=contest, category=contest.categories.get(number=1), status=PrizeEntryStatus.NOMINEE
    )
    return contest, entry


def test_anonymous_pages_are_served_from_the_cache(client, django_assert_num_queries):
    # Nominees published, voting not open yet: no page holds a vote form (and its CSRF token).
    contest = ContestFactory(in_phase=Phase.NOMINEES_PUBLISHED, at=timezone.now())
    entry = PrizeEntryFactory(
        contest=contest, category=contest.categories.get(number=1), status=PrizeEntryStatus.NOMINEE
    )
    for url in _urls(contest, entry):
        first = client.get(url)
        assert first.status_code == 200, url
        with django_assert_num_queries(0):
            second = client.get(url)
        assert second.content == first.content
        assert second["Content-Type"] == first["Content-Type"]


def test_while_voting_is_open_anonymous_pages_hold_no_vote_form_and_are_shared(
    client, voting, django_assert_num_queries
):
    """A vote form holds a personal CSRF token: anonymous visitors get a link to sign in
    instead, so their voting and category pages are still served from the cache."""
    contest, entry = voting
    for url in (f"/prizes/{contest.year}/c1/", f"/prizes/{contest.year}/vote/"):
        first = client.get(url)
        page = first.content.decode()
        vote_form = f'action="/prizes/{contest.year}/vote/{entry.pk}/"'
        assert (page.count("Sign in to vote"), page.count(vote_form)) == (1, 0), url
        with django_assert_num_queries(0):
            assert client.get(url).content == first.content


def test_the_category_page_of_a_voter_holds_the_vote_forms_and_is_never_cached(client, voting):
    contest, entry = voting
    client.force_login(UserFactory(verified=True))
    url = f"/prizes/{contest.year}/c1/"
    client.get(url)
    response = client.get(url)
    assert response.context is not None
    vote_form = f'action="/prizes/{contest.year}/vote/{entry.pk}/"'
    assert response.content.decode().count(vote_form) == 1
    assert "ETag" not in response


def test_the_voting_page_of_a_voter_is_never_cached(client, voting):
    contest, entry = voting
    voter = UserFactory(verified=True)
    client.force_login(voter)
    url = f"/prizes/{contest.year}/vote/"
    assert "You voted in 0 of" in client.get(url).content.decode()
    services.vote_cast(user=voter, entry=entry, ip="192.0.2.1", now=timezone.now())
    response = client.get(url)
    assert "You voted in 1 of" in response.content.decode()
    assert "ETag" not in response


def test_recorded_winners_show_at_once_on_results_and_stocktaking(
    client, django_capture_on_commit_callbacks
):
    contest = ContestFactory(in_phase=Phase.WINNERS_ANNOUNCED, at=timezone.now())
    stocktaking_entry = EntryFactory(status=EntryStatus.APPROVED, title="Winning project")
    finalist = PrizeEntryFactory(
        contest=contest,
        category=contest.categories.get(number=1),
        organisation=stocktaking_entry.organisation,
        stocktaking_entry=stocktaking_entry,
        status=PrizeEntryStatus.FINALIST,
    )
    detail = stocktaking_entry.get_absolute_url()
    assert "WSIS Prize winner" not in client.get(detail).content.decode()
    assert "WSIS Prize winner" not in client.get("/stocktaking/").content.decode()
    results = client.get(f"/prizes/{contest.year}/results.csv").content.decode()
    assert ",finalist" in results
    with django_capture_on_commit_callbacks(execute=True):
        services.winners_record(
            category=finalist.category, winners=[finalist], champions=[], by=secretariat_user()
        )
    assert "WSIS Prize winner" in client.get(detail).content.decode()
    assert "WSIS Prize winner" in client.get("/stocktaking/").content.decode()
    assert ",winner" in client.get(f"/prizes/{contest.year}/results.csv").content.decode()


def test_a_phase_moved_by_hand_shows_at_once(client, voting, django_capture_on_commit_callbacks):
    contest, _entry = voting
    url = f"/prizes/{contest.year}/"
    assert "Current phase: Public voting open" in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        services.contest_phase_move(
            contest=contest,
            to=Phase.VOTING_CLOSED,
            by=secretariat_user(),
            reason="Closed early.",
            now=timezone.now(),
        )
    assert "Current phase: Public voting closed" in client.get(url).content.decode()


def test_a_cached_page_expires_when_the_next_phase_starts(client, voting):
    contest, _entry = voting
    Contest.objects.filter(pk=contest.pk).update(
        voting_closes_at=timezone.now() + timedelta(seconds=1.5)
    )
    url = f"/prizes/{contest.year}/"
    assert "Current phase: Public voting open" in client.get(url).content.decode()
    time.sleep(1.6)
    assert "Current phase: Public voting closed" in client.get(url).content.decode()


def test_a_vote_does_not_invalidate_the_public_pages(
    client, voting, django_capture_on_commit_callbacks
):
    contest, entry = voting
    url = f"/prizes/{contest.year}/"
    client.get(url)
    with django_capture_on_commit_callbacks(execute=True):
        services.vote_cast(
            user=UserFactory(verified=True), entry=entry, ip="192.0.2.1", now=timezone.now()
        )
    response = client.get(url)
    assert response.context is None  # the stored page, not a new rendering


@pytest.mark.parametrize("path", ["/prizes/{year}/", "/prizes/entries/{pk}/"])
def test_anonymous_query_counts_are_constant_and_small(client, path):
    contest = ContestFactory(in_phase=Phase.VOTING_OPEN, at=timezone.now())
    entries = [
        PrizeEntryFactory(contest=contest, status=PrizeEntryStatus.NOMINEE, sdgs=[4, 9, 17])
        for _ in range(3)
    ]
    url = path.format(year=contest.year, pk=entries[0].pk)
    client.get(url)
    few = uncached_queries(client, url)
    for _ in range(10):
        PrizeEntryFactory(contest=contest, status=PrizeEntryStatus.NOMINEE)
    assert uncached_queries(client, url) == few
    assert few <= MAX_QUERIES
