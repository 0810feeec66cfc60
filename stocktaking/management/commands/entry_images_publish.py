"""Copies every public entry's image to the public bucket (idempotent): after switching uploaded
files to object storage, or to repair copies that a long storage outage left undone."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from stocktaking import public_files, selectors


class Command(BaseCommand):
    help = "Copy the images of public stocktaking entries to the public bucket."

    def handle(self, *args, **options):
        if not public_files.public_bucket_in_use():
            raise CommandError(
                _("The public storage is not an object-storage bucket: S3_ENDPOINT_URL is not set.")
            )
        names = selectors.entry_images_public()
        copied = sum(public_files.image_publish(name) for name in names)
        self.stdout.write(
            _("%(copied)d of %(total)d public images copied; the others were there already.")
            % {"copied": copied, "total": len(names)}
        )
