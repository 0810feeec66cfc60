"""Celery tasks of WSIS Stocktaking: thin wrappers around services."""

from botocore.exceptions import BotoCoreError, ClientError
from celery import shared_task

from stocktaking import caching, public_files, selectors, services

# Object storage that does not answer for a while: try again, up to about half an hour.
STORAGE_ERRORS = (OSError, BotoCoreError, ClientError)


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


@shared_task(autoretry_for=STORAGE_ERRORS, retry_backoff=5, retry_backoff_max=600, max_retries=8)
def task_entry_image_publish(name: str) -> bool:
    """Copies an approved entry's image to the public bucket (see `stocktaking.public_files`)."""
    if not selectors.image_shown_publicly(name):
        return False
    return public_files.image_publish(name)


@shared_task(autoretry_for=STORAGE_ERRORS, retry_backoff=5, retry_backoff_max=600, max_retries=8)
def task_entry_image_unpublish(name: str) -> bool:
    """Removes an image's public copy once no public entry shows it (checked when it runs, so a
    re-approval in between keeps it)."""
    if selectors.image_shown_publicly(name):
        return False
    return public_files.image_unpublish(name)
