"""Celery tasks of the WSIS Prizes: thin wrappers around services."""

from datetime import date

from celery import shared_task
from django.utils import timezone

from stocktaking.prizes import services
from stocktaking.prizes.models import Contest


@shared_task
def task_record_contest_phases() -> list[int]:
    """Beat, every minute: records each contest's phase as its dates give it now."""
    return services.contests_phase_record(now=timezone.now())


@shared_task
def task_send_reminders() -> dict[str, list[int]]:
    """Beat, daily: reminds voters before voting closes and, near the end of the expert review,
    experts with unfinished reviews."""
    return services.contests_send_reminders(now=timezone.now())


@shared_task(acks_late=True)
def task_notify_voters(contest_id: int, kind: str, after_user_id: int = 0) -> int | None:
    """Mails one batch of voters, then schedules the next batch: thousands of recipients never
    sit in one long task, and a lost batch is redone without duplicates (idempotency keys)."""
    contest = Contest.objects.filter(pk=contest_id).first()
    if contest is None:
        return None
    last = services.voters_notify_batch(contest=contest, kind=kind, after_user_id=after_user_id)
    if last is not None:
        task_notify_voters.delay(contest_id, kind, last)
    return last


@shared_task(acks_late=True)
def task_announce_results(contest_id: int, after: list[int] | None = None) -> list[int] | None:
    """Mails the results to one batch of the winners' and champions' organisation members, then
    schedules the next batch (idempotency keys: a redone batch mails nobody twice)."""
    contest = Contest.objects.filter(pk=contest_id).first()
    if contest is None:
        return None
    last = services.results_announce_batch(contest=contest, after=tuple(after) if after else (0, 0))
    if last is not None:
        task_announce_results.delay(contest_id, list(last))
    return list(last) if last is not None else None


@shared_task(acks_late=True)
def task_remind_experts(contest_id: int, day: str, after_expert_id: int = 0) -> int | None:
    """Mails one batch of review reminders for reminder day `day` (ISO date), then schedules the
    next batch; a redone batch mails nobody twice that day (idempotency keys)."""
    contest = Contest.objects.filter(pk=contest_id).first()
    if contest is None:
        return None
    last = services.experts_remind_batch(
        contest=contest, day=date.fromisoformat(day), after_expert_id=after_expert_id
    )
    if last is not None:
        task_remind_experts.delay(contest_id, day, last)
    return last
