"""Celery tasks of the content management: thin wrappers over Wagtail's commands."""

from celery import shared_task
from django.core.management import call_command


@shared_task
def task_publish_scheduled() -> None:
    """Publishes the revisions whose go-live time has passed and unpublishes the pages whose
    expiry has (Wagtail's `publish_scheduled`, every minute by beat); each publication sends
    Wagtail's signals, so the page cache moves on and the audit log records it."""
    call_command("publish_scheduled")
