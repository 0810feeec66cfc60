"""What follows an entry's moves besides the cache (which `stocktaking.caching` declares): its
image's copy in the public bucket, when uploaded files live on object storage."""

from django.db import transaction

from stocktaking import tasks
from stocktaking.enums import PUBLIC_STATES
from stocktaking.models import Entry
from stocktaking.public_files import public_bucket_in_use
from wsis.signals import workflow_transitioned


def entry_image_follow(sender, obj: Entry, source: str, target: str, **kwargs) -> None:
    """Approved: the image (a revision's is the one its published entry now shows) is copied to
    the public bucket; taken off the public database: its public copy is removed unless another
    public entry shows it. Both after the commit, by a task that retries while the store is away;
    a broker that does not answer is logged, and `manage.py entry_images_publish` repairs."""
    if not obj.image or not public_bucket_in_use():
        return
    name = obj.image.name
    if target in PUBLIC_STATES:
        task = tasks.task_entry_image_publish
    elif source in PUBLIC_STATES and obj.revision_of_id is None:
        task = tasks.task_entry_image_unpublish
    else:
        return
    transaction.on_commit(lambda: task.delay(name), robust=True)


def connect() -> None:
    workflow_transitioned.connect(
        entry_image_follow, sender=Entry, weak=False, dispatch_uid="stocktaking-entry-image"
    )
