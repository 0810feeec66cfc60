"""Celery tasks of the content management: thin wrappers over Wagtail's commands and the
services."""

from celery import shared_task
from django.core.management import call_command

from cms.models import PortalImage
from cms.services import image_renditions_make


@shared_task
def task_publish_scheduled() -> None:
    """Publishes the revisions whose go-live time has passed and unpublishes the pages whose
    expiry has (Wagtail's `publish_scheduled`, every minute by beat); each publication sends
    Wagtail's signals, so the page cache moves on and the audit log records it."""
    call_command("publish_scheduled")


@shared_task
def task_image_renditions_make(image_ids: list[int]) -> None:
    """Makes the renditions the portal shows of these images (saved, or shown by a page just
    published), so that no public GET writes one."""
    for image in PortalImage.objects.filter(pk__in=image_ids):
        image_renditions_make(image)
