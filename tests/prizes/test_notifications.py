"""Mails of the WSIS Prizes: voting open (batched), voter and expert reminders."""

from datetime import timedelta

import pytest
from django.core import mail

from stocktaking.prizes import services
from stocktaking.prizes.enums import Phase, PrizeEntryStatus
from stocktaking.prizes.models import Contest
from tests.factories import UserFactory
from tests.prizes.factories import (
    NOW,
    ContestFactory,
    ExpertAssignmentFactory,
    PrizeEntryFactory,
    VoteFactory,
)

pytestmark = pytest.mark.django_db


def test_voting_open_mails_every_verified_user_once_in_batches(
    monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(services, "NOTIFICATION_BATCH_SIZE", 2)
    contest = ContestFactory(in_phase=Phase.VOTING_OPEN)
    PrizeEntryFactory(contest=contest, status=PrizeEntryStatus.NOMINEE)
    verified = [UserFactory(verified=True) for _ in range(5)]
    UserFactory(verified=False)
    with django_capture_on_commit_callbacks(execute=True):
        services.contest_phase_record(contest=contest, now=NOW)
    with django_capture_on_commit_callbacks(execute=True):
        services.contest_phase_record(contest=contest, now=NOW + timedelta(minutes=1))
    assert sorted(m.to[0] for m in mail.outbox) == sorted(u.email for u in verified)
    assert mail.outbox[0].subject.endswith(f"Vote now: the {contest.title} public vote is open")


def test_voters_are_reminded_once_before_the_close_unless_they_voted_everywhere(
    django_capture_on_commit_callbacks,
):
    contest = ContestFactory(in_phase=Phase.VOTING_OPEN)
    nominee = PrizeEntryFactory(contest=contest, status=PrizeEntryStatus.NOMINEE)
    Contest.objects.filter(pk=contest.pk).update(phase=Phase.VOTING_OPEN)
    done_voting = VoteFactory(entry=nominee).user
    pending = UserFactory(verified=True)
    closes = contest.voting_closes_at
    with django_capture_on_commit_callbacks(execute=True):
        assert services.contests_send_reminders(now=closes - timedelta(days=3)) == {
            "voters": [],
            "experts": [],
        }
    with django_capture_on_commit_callbacks(execute=True):
        services.contests_send_reminders(now=closes - timedelta(days=1))
        services.contests_send_reminders(now=closes - timedelta(hours=2))
    assert [m.to[0] for m in mail.outbox] == [pending.email]
    assert done_voting.email not in [m.to[0] for m in mail.outbox]
    assert "You have voted in 0 of 1 categories" in mail.outbox[0].body


def test_experts_with_unfinished_reviews_are_reminded(django_capture_on_commit_callbacks):
    contest = ContestFactory(in_phase=Phase.EXPERT_REVIEW)
    Contest.objects.filter(pk=contest.pk).update(phase=Phase.EXPERT_REVIEW)
    category = contest.categories.first()
    busy = ExpertAssignmentFactory(category=category).expert
    ExpertAssignmentFactory(category=contest.categories.get(number=2))  # nothing to review
    PrizeEntryFactory.create_batch(
        2, contest=contest, category=category, status=PrizeEntryStatus.ELIGIBLE
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert services.contests_send_reminders(now=NOW) == {
            "voters": [],
            "experts": [contest.pk],
        }
    assert [m.to[0] for m in mail.outbox] == [busy.email]
    assert f"2 entries of the {contest.title} are waiting for your review." in mail.outbox[0].body
