import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from events import services
from events.enums import OutcomeStatus
from tests.events.factories import (
    EventFactory,
    OutcomeDocumentFactory,
    SessionFactory,
    member,
)

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 6, 10, 8, 0, tzinfo=dt.UTC)


@pytest.fixture
def forum():
    return EventFactory(outcome_deadline=dt.date(2026, 6, 20))


def _session(forum, organisation, ended_days_ago, number):
    ends = NOW - dt.timedelta(days=ended_days_ago)
    return SessionFactory(
        event=forum,
        number=number,
        organisers=[organisation],
        starts_at=ends - dt.timedelta(hours=1),
        ends_at=ends,
    )


def test_reminders_are_sent_once_per_due_date(forum, django_capture_on_commit_callbacks, settings):
    settings.EVENTS_OUTCOME_REMINDER_DAYS = 3
    organiser = member()
    organisation = organiser.organisations.get()
    overdue = _session(forum, organisation, ended_days_ago=4, number=1)
    _session(forum, organisation, ended_days_ago=1, number=2)  # not due yet
    handed_in = _session(forum, organisation, ended_days_ago=5, number=3)
    OutcomeDocumentFactory(session=handed_in, status=OutcomeStatus.SUBMITTED)
    draft = _session(forum, organisation, ended_days_ago=6, number=4)
    OutcomeDocumentFactory(session=draft, status=OutcomeStatus.DRAFT)

    with django_capture_on_commit_callbacks(execute=True):
        services.outcome_reminders_send(now=NOW)
    with django_capture_on_commit_callbacks(execute=True):
        services.outcome_reminders_send(now=NOW)  # beat runs twice
    with django_capture_on_commit_callbacks(execute=True):
        services.outcome_reminders_send(now=NOW + dt.timedelta(days=1))  # and the next day
    subjects = sorted(message.subject for message in mail.outbox)
    assert [message.to for message in mail.outbox] == [[organiser.email]] * 2
    assert subjects == [
        settings.NOTIFICATION_SUBJECT_PREFIX + "Reminder: the outcome document of session 1 is due",
        settings.NOTIFICATION_SUBJECT_PREFIX + "Reminder: the outcome document of session 4 is due",
    ]
    assert f"/events/{overdue.event.slug}/sessions/1/outcome/" in mail.outbox[0].body


def test_deadline_reminder_is_sent_once_in_the_window(
    forum, django_capture_on_commit_callbacks, settings
):
    settings.EVENTS_OUTCOME_REMINDER_DAYS = 30  # only the deadline reminder is due
    settings.EVENTS_OUTCOME_DEADLINE_REMINDER_DAYS = 7
    organiser = member()
    _session(forum, organiser.organisations.get(), ended_days_ago=2, number=7)
    with django_capture_on_commit_callbacks(execute=True):
        services.outcome_reminders_send(now=NOW)  # 10 days before the deadline: too early
    assert len(mail.outbox) == 0
    for day in (4, 5, 9):
        with django_capture_on_commit_callbacks(execute=True):
            services.outcome_reminders_send(now=NOW + dt.timedelta(days=day))
    assert len(mail.outbox) == 1
    assert "session 7" in mail.outbox[0].subject
    assert "2026-06-20" in mail.outbox[0].subject


def test_no_reminder_after_the_deadline(forum, django_capture_on_commit_callbacks):
    organiser = member()
    _session(forum, organiser.organisations.get(), ended_days_ago=4, number=8)
    with django_capture_on_commit_callbacks(execute=True):
        services.outcome_reminders_send(now=NOW + dt.timedelta(days=11))
    assert len(mail.outbox) == 0


def test_digest_lists_overdue_and_waiting_once_a_day(
    forum, django_capture_on_commit_callbacks, settings
):
    organiser = member()
    organisation = organiser.organisations.get()
    _session(forum, organisation, ended_days_ago=4, number=11)
    waiting = _session(forum, organisation, ended_days_ago=4, number=12)
    OutcomeDocumentFactory(session=waiting, status=OutcomeStatus.RESUBMITTED)
    with django_capture_on_commit_callbacks(execute=True):
        services.outcome_digest_send(now=NOW)
        services.outcome_digest_send(now=NOW + dt.timedelta(hours=3))
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [settings.SECRETARIAT_EMAIL]
    body = mail.outbox[0].body
    assert f"- {forum.name}, session 11: " in body
    assert f"- {forum.name}, session 12: {waiting.title} (Resubmitted)" in body


def test_digest_without_anything_to_report_sends_nothing(forum):
    assert services.outcome_digest_send(now=NOW) is None


def test_reminder_task_runs_the_service(forum, django_capture_on_commit_callbacks):
    from events.tasks import task_send_outcome_digest, task_send_outcome_reminders

    organiser = member()
    now = timezone.now()
    SessionFactory(
        event=EventFactory(outcome_deadline=None),
        organisers=[organiser.organisations.get()],
        starts_at=now - dt.timedelta(days=5),
        ends_at=now - dt.timedelta(days=5) + dt.timedelta(hours=1),
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert task_send_outcome_reminders.delay().get() == 1
        assert task_send_outcome_digest.delay().get() is True
    assert len(mail.outbox) == 2
