"""Many requests at the same moment: the database constraints and row locks decide, never a
read-then-write race. Real threads, each with its own PostgreSQL connection."""

import threading
from collections import Counter

import pytest
from django.conf import settings
from django.db import connection
from django.utils import timezone
from rest_framework.test import APIClient

from stocktaking.prizes import services
from stocktaking.prizes.api.views import VoteViewSet
from stocktaking.prizes.enums import Phase, PrizeEntryStatus
from stocktaking.prizes.models import Vote
from tests.factories import MembershipFactory, UserFactory
from tests.prizes.factories import ContestFactory, PrizeEntryFactory

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("reference_data"),
    pytest.mark.skipif(
        not settings.IS_POSTGRESQL,
        reason="SQLite serialises every write with one database lock, so it cannot show a race",
    ),
]
THREADS = 50


def run_together(action) -> list:
    barrier = threading.Barrier(THREADS)
    outcomes: list = []
    lock = threading.Lock()

    def worker():
        try:
            barrier.wait()
            outcome = action()
        except Exception as error:  # noqa: BLE001 - every outcome is counted by the test
            outcome = type(error).__name__
        finally:
            connection.close()
        with lock:
            outcomes.append(outcome)

    threads = [threading.Thread(target=worker) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def test_50_concurrent_votes_by_one_user_in_one_category_store_one():
    contest = ContestFactory(in_phase=Phase.VOTING_OPEN, at=timezone.now())
    category = contest.categories.first()
    first, second = PrizeEntryFactory.create_batch(
        2, contest=contest, category=category, status=PrizeEntryStatus.NOMINEE
    )
    voter = UserFactory(verified=True)

    def vote():
        client = APIClient()
        client.force_authenticate(voter)
        nominee = first if threading.get_ident() % 2 else second
        return client.post("/api/v1/prizes/votes/", {"nominee": nominee.pk}).status_code

    # The vote's own throttle would refuse most of these 50 before they reach the database.
    original = VoteViewSet.throttle_classes
    VoteViewSet.throttle_classes = ()
    try:
        outcomes = Counter(run_together(vote))
    finally:
        VoteViewSet.throttle_classes = original
    assert outcomes == {201: 1, 409: THREADS - 1}
    assert Vote.objects.filter(user=voter).count() == 1


def test_50_concurrent_submissions_of_one_entry_submit_once():
    contest = ContestFactory(in_phase=Phase.ENTRIES_OPEN, at=timezone.now())
    member = MembershipFactory().user
    entry = PrizeEntryFactory(contest=contest, organisation=member.memberships.get().organisation)

    def submit():
        from stocktaking.prizes.models import PrizeEntry

        fresh = PrizeEntry.objects.select_related(
            "contest", "category", "organisation", "stocktaking_entry"
        ).get(pk=entry.pk)
        services.prize_entry_submit(entry=fresh, by=member, now=timezone.now())
        return "submitted"

    outcomes = Counter(run_together(submit))
    assert outcomes == {"submitted": 1, "TransitionNotAllowed": THREADS - 1}
    entry.refresh_from_db()
    assert entry.status == "submitted"
