"""Builds this year's open-data archive now (what the yearly beat schedule does on 31 December),
in this process or, with --queue, by a Celery worker."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from publications import services
from publications.tasks import task_open_data_build


class Command(BaseCommand):
    help = "Build this year's open-data archive (every public record as JSON Lines and CSV)."

    def add_arguments(self, parser):
        parser.add_argument("--queue", action="store_true", help="Let a Celery worker build it.")

    def handle(self, *args, **options):
        if options["queue"]:
            task_open_data_build.delay()
            self.stdout.write(_("The open-data archive is queued for a Celery worker."))
            return
        archive = services.open_data_build()
        self.stdout.write(
            _("%(name)s: %(records)d records, %(size)d bytes, SHA-256 %(sha256)s")
            % {
                "name": archive.file_name,
                "records": archive.record_total,
                "size": archive.size,
                "sha256": archive.sha256,
            }
        )
