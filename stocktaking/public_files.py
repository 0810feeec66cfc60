"""Approved entries' images in the public bucket, when uploaded files live on object storage.

Uploaded files go to the private bucket (`default`). When the `public` storage is an S3 bucket of
its own (`S3_ENDPOINT_URL` set: the cluster, production), an entry's image is copied there once
the entry is approved, so anyone fetches it from the bucket with a year's cache headers, and
removed again when no public entry shows it any more. Otherwise (the local file system) every
image is served by `stocktaking.views.entry_image`, which checks who may see it; a draft's image
is always served that way, never from the public bucket."""

from __future__ import annotations

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage, storages
from django.urls import reverse

from stocktaking.enums import PUBLIC_STATES
from stocktaking.models import ENTRY_IMAGE_FOLDER, Entry


def public_bucket_in_use() -> bool:
    """True when the public storage is an object-storage bucket of its own."""
    return settings.STORAGES.get("public", {}).get("BACKEND", "").endswith("S3Storage")


def entry_image_url(entry: Entry) -> str:
    """Where a page links an entry's image: the public bucket for a public entry (when in use),
    otherwise the permission-checked view. Never a signed URL: public pages are cached longer
    than a signature lives."""
    if not entry.image:
        return ""
    name = entry.image.name
    if public_bucket_in_use() and entry.status in PUBLIC_STATES and entry.revision_of_id is None:
        return storages["public"].url(name)
    return reverse("entry_image", args=[name.removeprefix(ENTRY_IMAGE_FOLDER)])


def image_publish(name: str) -> bool:
    """Copies the stored image `name` from the private bucket to the public one, under the same
    name (names are never reused). Idempotent; True when it copied."""
    public = storages["public"]
    if public.exists(name):
        return False
    # Images are small (IMAGE_MAX_BYTES): read whole, then one plain upload.
    with default_storage.open(name, "rb") as stored:
        content = ContentFile(stored.read())
    saved = public.save(name, content)
    if saved != name:  # a concurrent copy won the race: keep one
        public.delete(saved)
    return True


def image_unpublish(name: str) -> bool:
    """Removes the public copy of `name`; True when there was one."""
    public = storages["public"]
    if not public.exists(name):
        return False
    public.delete(name)
    return True
