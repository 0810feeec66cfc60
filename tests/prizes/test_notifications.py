"""Mails of the WSIS Prizes: voting open (batched), voter reminders, results (expert reminders:
test_expert_reminders.py)."""

from datetime import timedelta

import pytest
from django.core import mail

from stocktaking.prizes import services, tasks
from stocktaking.prizes.enums import Phase, PrizeEntryStatus
from stocktaking.prizes.models import Contest
from tests.factories import MembershipFactory, UserFactory, secretariat_user
from tests.prizes.factories import (
    NOW,
    ContestFactory,
    PrizeEntryFactory,
    VoteFactory,
)

pytestmark = pytest.mark.django_db


def test_voting_open_mails_every_verified_user_once_in_batches(
    monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(services.notifications, "NOTIFICATION_BATCH_SIZE", 2)
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


def test_results_are_announced_once_per_member_of_winners_and_champions(
    monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(services.notifications, "NOTIFICATION_BATCH_SIZE", 2)
    contest = ContestFactory(in_phase=Phase.WINNERS_ANNOUNCED)
    winner = PrizeEntryFactory(contest=contest, status=PrizeEntryStatus.WINNER)
    champion = PrizeEntryFactory(contest=contest, status=PrizeEntryStatus.CHAMPION)
    finalist = PrizeEntryFactory(contest=contest, status=PrizeEntryStatus.FINALIST)
    # The winner's organisation also has a finalist elsewhere: no news about that one.
    PrizeEntryFactory(
        contest=contest,
        organisation=winner.organisation,
        category=contest.categories.order_by("number")[1],
        status=PrizeEntryStatus.FINALIST,
    )
    told = [
        MembershipFactory(organisation=entry.organisation).user.email
        for entry in (winner, winner, champion)
    ]
    MembershipFactory(organisation=finalist.organisation)
    with django_capture_on_commit_callbacks(execute=True):
        services.contest_phase_record(contest=contest, now=NOW)
    with django_capture_on_commit_callbacks(execute=True):
        services.contest_phase_record(contest=contest, now=NOW + timedelta(minutes=1))
    with django_capture_on_commit_callbacks(execute=True):
        tasks.task_announce_results(contest.pk)
    assert sorted(m.to[0] for m in mail.outbox) == sorted(told)
    assert sorted(m.subject.split("] ")[-1] for m in mail.outbox) == sorted(
        [f"WSIS Prizes result: {winner.title} — Winner"] * 2
        + [f"WSIS Prizes result: {champion.title} — Champion"]
    )


def test_results_recorded_after_the_announcement_are_mailed_once(
    django_capture_on_commit_callbacks,
):
    contest = ContestFactory(in_phase=Phase.WINNERS_ANNOUNCED)
    Contest.objects.filter(pk=contest.pk).update(phase=Phase.WINNERS_ANNOUNCED)
    category = contest.categories.order_by("number").first()
    finalist = PrizeEntryFactory(contest=contest, status=PrizeEntryStatus.FINALIST)
    member = MembershipFactory(organisation=finalist.organisation).user
    with django_capture_on_commit_callbacks(execute=True):
        services.winners_record(
            category=category, winners=[finalist], champions=[], by=secretariat_user()
        )
    assert [m.to[0] for m in mail.outbox] == [member.email]
