"""Reminders to experts with unfinished reviews: only in the last PRIZES_EXPERT_REMINDER_DAYS
days of the expert review, at most once per expert per reminder day (a Geneva date), only for
conflict-free eligible entries, in batches. The clock is injected (`now`) or frozen."""

from datetime import date, timedelta

import pytest
from django.core import mail

from stocktaking.prizes import services, tasks
from stocktaking.prizes.enums import Phase, PrizeEntryStatus
from stocktaking.prizes.models import Contest
from stocktaking.prizes.selectors import experts_with_unfinished_reviews
from tests.factories import MembershipFactory
from tests.prizes.factories import (
    NOW,
    ConflictOfInterestFactory,
    ContestFactory,
    ExpertAssignmentFactory,
    PrizeEntryFactory,
    ReviewFactory,
)
from wsis.models import Notification

pytestmark = pytest.mark.django_db
HOUR = timedelta(hours=1)
DAY = timedelta(days=1)


@pytest.fixture
def contest():
    contest = ContestFactory(in_phase=Phase.EXPERT_REVIEW)
    Contest.objects.filter(pk=contest.pk).update(phase=Phase.EXPERT_REVIEW)
    contest.refresh_from_db()
    return contest


def _eligible(contest, category, **kwargs):
    return PrizeEntryFactory(
        contest=contest, category=category, status=PrizeEntryStatus.ELIGIBLE, **kwargs
    )


def _send(now, capture):
    with capture(execute=True):
        return services.contests_send_reminders(now=now)


def test_reminders_go_out_only_in_the_last_days_once_per_geneva_day(
    contest, django_capture_on_commit_callbacks
):
    category = contest.categories.first()
    expert = ExpertAssignmentFactory(category=category).expert
    _eligible(contest, category)
    ends = contest.nominees_published_at  # 24 June 2026, 12:00 in Geneva
    capture = django_capture_on_commit_callbacks
    # The review is open for ten days; the first six bring no reminder.
    for now in (NOW, ends - 3 * DAY - HOUR):
        assert _send(now, capture) == {"voters": [], "experts": []}
    assert mail.outbox == []
    assert _send(ends - 3 * DAY, capture) == {"voters": [], "experts": [contest.pk]}  # 21 June
    _send(ends - 3 * DAY + 6 * HOUR, capture)  # 21 June again: nobody twice
    _send(ends - 2 * DAY + 14 * HOUR, capture)  # 23 June, 00:00 UTC is 02:00 in Geneva
    _send(ends - DAY - 9 * HOUR, capture)  # 23 June, 03:00 in Geneva: same day
    _send(ends - HOUR, capture)  # 24 June, the last morning
    # Once the nominees are published the review is over.
    assert _send(ends, capture) == {"voters": [], "experts": []}
    assert [m.to[0] for m in mail.outbox] == [expert.email] * 3
    assert sorted(
        Notification.objects.filter(template="prizes_review_reminder").values_list(
            "idempotency_key", flat=True
        )
    ) == [
        f"prize-review-reminder-{contest.pk}-{expert.pk}-2026-06-21",
        f"prize-review-reminder-{contest.pk}-{expert.pk}-2026-06-23",
        f"prize-review-reminder-{contest.pk}-{expert.pk}-2026-06-24",
    ]
    assert mail.outbox[0].body.strip().splitlines() == [
        f"1 entry of the {contest.title} is waiting for your review.",
        "The expert review closes on 24 June 2026, 12:00 (Geneva time).",
    ]


def test_the_number_of_days_is_a_setting(contest, settings, django_capture_on_commit_callbacks):
    settings.PRIZES_EXPERT_REMINDER_DAYS = 1
    category = contest.categories.first()
    ExpertAssignmentFactory(category=category)
    _eligible(contest, category)
    ends = contest.nominees_published_at
    assert _send(ends - DAY - HOUR, django_capture_on_commit_callbacks)["experts"] == []
    assert _send(ends - DAY, django_capture_on_commit_callbacks)["experts"] == [contest.pk]
    assert len(mail.outbox) == 1


def test_a_review_without_an_end_date_brings_no_reminder(
    contest, django_capture_on_commit_callbacks
):
    Contest.objects.filter(pk=contest.pk).update(
        nominees_published_at=None,
        voting_opens_at=None,
        voting_closes_at=None,
        finalists_at=None,
        winners_announced_at=None,
    )
    category = contest.categories.first()
    ExpertAssignmentFactory(category=category)
    _eligible(contest, category)
    assert _send(NOW + 30 * DAY, django_capture_on_commit_callbacks)["experts"] == []
    assert mail.outbox == []


def test_only_unfinished_reviews_of_conflict_free_eligible_entries_count(contest):
    category, other = contest.categories.order_by("number")[:2]
    busy = ExpertAssignmentFactory(category=category).expert
    member = ExpertAssignmentFactory(category=category).expert
    declared = ExpertAssignmentFactory(category=category).expert
    finished = ExpertAssignmentFactory(category=category).expert
    idle = ExpertAssignmentFactory(category=other).expert  # only a submitted entry there
    former = ExpertAssignmentFactory(category=category).expert
    former.groups.clear()  # no longer in the Expert Group
    own = _eligible(contest, category)
    conflicted = _eligible(contest, category)
    reviewed = _eligible(contest, category)
    PrizeEntryFactory(contest=contest, category=other, status=PrizeEntryStatus.SUBMITTED)
    PrizeEntryFactory(contest=contest, category=category, status=PrizeEntryStatus.INELIGIBLE)
    MembershipFactory(user=member, organisation=own.organisation)
    MembershipFactory(user=member, organisation=conflicted.organisation)
    MembershipFactory(user=member, organisation=reviewed.organisation)
    for organisation in (own.organisation, conflicted.organisation, reviewed.organisation):
        ConflictOfInterestFactory(contest=contest, expert=declared, organisation=organisation)
    for entry in (own, conflicted, reviewed):
        ReviewFactory(entry=entry, expert=finished)
    ReviewFactory(entry=reviewed, expert=busy)
    # Another contest's assignment and entries do not count.
    elsewhere = ContestFactory(in_phase=Phase.EXPERT_REVIEW)
    ExpertAssignmentFactory(category=elsewhere.categories.first(), expert=idle)
    _eligible(elsewhere, elsewhere.categories.first())
    assert experts_with_unfinished_reviews(contest) == [
        (busy.pk, busy.email, busy.preferred_language, 2)
    ]


def test_thousands_of_experts_are_reminded_in_batches_once_a_day(
    contest, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(services.notifications, "NOTIFICATION_BATCH_SIZE", 2)
    category = contest.categories.first()
    experts = [ExpertAssignmentFactory(category=category).expert for _ in range(5)]
    _eligible(contest, category)
    day = date(2026, 6, 22)
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.task_remind_experts(contest.pk, day.isoformat()) == experts[1].pk
    assert sorted(m.to[0] for m in mail.outbox) == sorted(e.email for e in experts)
    # A batch redone (a lost worker, a second beat run) mails nobody twice that day.
    with django_capture_on_commit_callbacks(execute=True):
        tasks.task_remind_experts(contest.pk, day.isoformat(), experts[1].pk)
        services.experts_remind_batch(contest=contest, day=day)
    assert len(mail.outbox) == 5


def test_the_beat_task_uses_the_clock(contest, monkeypatch, django_capture_on_commit_callbacks):
    category = contest.categories.first()
    expert = ExpertAssignmentFactory(category=category).expert
    _eligible(contest, category)
    monkeypatch.setattr(
        "django.utils.timezone.now", lambda: contest.nominees_published_at - 2 * DAY
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.task_send_reminders() == {"voters": [], "experts": [contest.pk]}
    assert [m.to[0] for m in mail.outbox] == [expert.email]
