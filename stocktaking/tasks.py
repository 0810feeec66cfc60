"""Celery tasks of WSIS Stocktaking: thin wrappers around services."""

from celery import shared_task

from stocktaking import services


@shared_task
def task_send_moderation_digest() -> bool:
    """Daily (beat): tells the secretariat what waits in the moderation queue."""
    return services.moderation_digest_send()
