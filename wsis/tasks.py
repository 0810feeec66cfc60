"""Celery tasks of the shared core: thin wrappers that call a service."""

from celery import shared_task
from celery.signals import worker_process_shutdown

from wsis import services


@shared_task(bind=True, max_retries=None, acks_late=True)
def task_send_notification(self, notification_id: int) -> str:
    outcome = services.notification_send(notification_id=notification_id)
    if outcome.retry_in_seconds is not None:
        raise self.retry(countdown=outcome.retry_in_seconds)
    return outcome.status


@shared_task
def task_requeue_stale_notifications() -> int:
    return services.notification_requeue()


@worker_process_shutdown.connect
def close_mail_connection(**kwargs) -> None:
    services.mail_connection_close()
