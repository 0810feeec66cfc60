"""Celery tasks of the shared core: thin wrappers that call a service."""

from celery import shared_task
from celery.signals import worker_process_shutdown

from wsis import services
from wsis.accounts.services import api_tokens_delete_expired


@shared_task(acks_late=True)
def task_send_notifications(notification_ids: list[int]) -> dict[str, int]:
    """Sends a batch of queued messages; the failed ones are tried again after their backoff, and
    the ones the batch had no time for go to a new batch at once."""
    outcome = services.notification_send_batch(notification_ids=notification_ids)
    for retry_in_seconds, retry_ids in sorted(outcome.retry.items()):
        task_send_notifications.apply_async((retry_ids,), countdown=retry_in_seconds)
    if outcome.left_over:
        task_send_notifications.delay(outcome.left_over)
    return {
        "sent": len(outcome.sent),
        "retrying": sum(len(ids) for ids in outcome.retry.values()),
        "failed": len(outcome.failed),
        "left_over": len(outcome.left_over),
    }


@shared_task(bind=True, max_retries=None, acks_late=True)
def task_send_notification(self, notification_id: int) -> str:
    """One message per task: what the outbox queued before batches; kept so that tasks still in
    the broker from before an upgrade are sent."""
    outcome = services.notification_send(notification_id=notification_id)
    if outcome.retry_in_seconds is not None:
        raise self.retry(countdown=outcome.retry_in_seconds)
    return outcome.status


@shared_task
def task_requeue_stale_notifications() -> int:
    return services.notification_requeue()


@shared_task
def task_delete_expired_api_tokens() -> int:
    return api_tokens_delete_expired()


@worker_process_shutdown.connect
def close_mail_connection(**kwargs) -> None:
    services.mail_connection_close()
