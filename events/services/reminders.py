"""The reminders of missing outcome documents to the sessions' organisers and the
secretariat's daily digest (both idempotent: run them as often as you like)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from events.enums import OUTCOME_HANDED_IN_STATES, OUTCOME_WAITING_STATES
from events.models import OutcomeDocument, Session
from events.workflow import organiser_emails
from wsis.services import notification_queue

# Days after a session's end before its organisers are reminded of a missing outcome document.
DEFAULT_REMINDER_DAYS = 3
# Days before an event's outcome deadline when the last reminder goes out.
DEFAULT_DEADLINE_REMINDER_DAYS = 7


def _reminder_days() -> int:
    return getattr(settings, "EVENTS_OUTCOME_REMINDER_DAYS", DEFAULT_REMINDER_DAYS)


def _deadline_reminder_days() -> int:
    return getattr(
        settings, "EVENTS_OUTCOME_DEADLINE_REMINDER_DAYS", DEFAULT_DEADLINE_REMINDER_DAYS
    )


def _sessions_missing_outcome(*, ended_before: dt.datetime, today: dt.date):
    """Ended sessions whose outcome is not handed in, of events still collecting outcomes."""
    return (
        Session.objects.filter(ends_at__lte=ended_before)
        .filter(Q(event__outcome_deadline__isnull=True) | Q(event__outcome_deadline__gte=today))
        .exclude(outcome__status__in=OUTCOME_HANDED_IN_STATES)
        .select_related("event")
        .prefetch_related("organisers")
        .order_by("event__name", "number")
    )


def outcome_reminders_send(*, now: dt.datetime | None = None) -> int:
    """Reminds the organisers of every ended session without a handed-in outcome document:
    once N days (EVENTS_OUTCOME_REMINDER_DAYS, default 3) after the session, and once
    EVENTS_OUTCOME_DEADLINE_REMINDER_DAYS (default 7) days before the event's outcome deadline.

    Idempotent: each (session, due date, person) has one idempotency key, so running twice on the
    same day (or every day) mails each person once per due date. Returns the messages queued
    (existing ones included).
    """
    now = now or timezone.now()
    today = timezone.localdate(now)
    queued = 0
    after = _sessions_missing_outcome(
        ended_before=now - dt.timedelta(days=_reminder_days()), today=today
    )
    for session in after:
        due = timezone.localdate(session.ends_at + dt.timedelta(days=_reminder_days()))
        for email in organiser_emails(session):
            notification_queue(
                recipient=email,
                template="events_outcome_reminder",
                context=_reminder_context(session),
                idempotency_key=f"events-outcome-reminder-{session.pk}-{due:%Y%m%d}-{email}",
            )
            queued += 1
    window = today + dt.timedelta(days=_deadline_reminder_days())
    before_deadline = _sessions_missing_outcome(ended_before=now, today=today).filter(
        event__outcome_deadline__lte=window
    )
    for session in before_deadline:
        deadline = session.event.outcome_deadline
        for email in organiser_emails(session):
            notification_queue(
                recipient=email,
                template="events_outcome_deadline",
                context=_reminder_context(session),
                idempotency_key=f"events-outcome-deadline-{session.pk}-{deadline:%Y%m%d}-{email}",
            )
            queued += 1
    return queued


def _reminder_context(session: Session) -> dict[str, Any]:
    deadline = session.event.outcome_deadline
    return {
        "event": session.event.name,
        "session_number": session.number,
        "session_title": session.title,
        "deadline": deadline.isoformat() if deadline else "",
        "edit_path": f"/events/{session.event.slug}/sessions/{session.number}/outcome/",
    }


def outcome_digest_send(*, now: dt.datetime | None = None):
    """Mails settings.SECRETARIAT_EMAIL the day's digest: overdue outcomes (ended more than N
    days ago, not handed in) and outcomes waiting for moderation. Nothing when both are empty;
    at most one digest per day (idempotency key of the date). Returns the notification or None.
    """
    now = now or timezone.now()
    today = timezone.localdate(now)
    overdue = [
        {"event": s.event.name, "number": s.number, "title": s.title}
        for s in _sessions_missing_outcome(
            ended_before=now - dt.timedelta(days=_reminder_days()), today=today
        )
    ]
    waiting = [
        {
            "event": o.session.event.name,
            "number": o.session.number,
            "title": o.session.title,
            "status": o.get_status_display(),
        }
        for o in OutcomeDocument.objects.filter(status__in=OUTCOME_WAITING_STATES)
        .select_related("session__event")
        .order_by("session__event__name", "session__number")
    ]
    if not overdue and not waiting:
        return None
    return notification_queue(
        recipient=settings.SECRETARIAT_EMAIL,
        template="events_outcome_digest",
        context={"date": today.isoformat(), "overdue": overdue, "waiting": waiting},
        idempotency_key=f"events-outcome-digest-{today:%Y%m%d}",
    )
