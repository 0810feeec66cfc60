"""Celery tasks of WSIS Stocktaking: thin wrappers around services."""

from celery import shared_task

from stocktaking import caching, services


@shared_task
def task_send_moderation_digest() -> bool:
    """Daily (beat): tells the secretariat what waits in the moderation queue."""
    return services.moderation_digest_send()


@shared_task
def task_warm_public_summary() -> int:
    """After each new stocktaking generation: counts the unfiltered public list's facets and
    total (and the API's total) into the cache, before the next visitor asks for them."""
    return caching.entries_public_summary_warm()


def schedule_public_summary_warm() -> None:
    """The warmer registered for the "stocktaking" generation (called on commit by the bump)."""
    task_warm_public_summary.delay()
