"""Celery tasks of the events app: thin wrappers around services."""

from celery import shared_task
from django.contrib.auth import get_user_model

from events import services
from events.models import Event


@shared_task
def task_send_outcome_reminders() -> int:
    return services.outcome_reminders_send()


@shared_task
def task_send_outcome_digest() -> bool:
    return services.outcome_digest_send() is not None


@shared_task
def task_compile_forum_outcome(event_id: int, user_id: int | None = None) -> str:
    event = Event.objects.get(pk=event_id)
    user = get_user_model().objects.filter(pk=user_id).first() if user_id else None
    return services.forum_outcome_compile(event=event, by=user).label


@shared_task
def task_send_commitment_followups() -> int:
    return services.commitment_followups_send()
