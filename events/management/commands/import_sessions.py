from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from events.importers.sessions_csv import (
    SESSION_CSV_COLUMNS,
    SessionImportError,
    sessions_import_csv,
)
from events.models import Event
from wsis.text_import import TextEncodingError, decode_text_file


class Command(BaseCommand):
    help = (
        "Creates or updates an event's sessions from a CSV file with the columns: "
        + ", ".join(SESSION_CSV_COLUMNS)
        + ". Nothing is written when a row is wrong."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--event", required=True, help="the event's slug")
        parser.add_argument("--dry-run", action="store_true", help="check only; write nothing")

    def handle(self, *args, **options):
        event = Event.objects.filter(slug=options["event"]).first()
        if event is None:
            raise CommandError(f"no event with the slug '{options['event']}'")
        try:
            text = decode_text_file(options["file"].read_bytes())
        except (OSError, TextEncodingError) as exc:
            raise CommandError(f"cannot read {options['file']}: {exc}") from exc
        try:
            result = sessions_import_csv(
                event=event, text=text, by=None, dry_run=options["dry_run"]
            )
        except SessionImportError as exc:
            raise CommandError("nothing imported:\n" + "\n".join(exc.errors)) from exc
        verb = "would create" if result.dry_run else "created"
        self.stdout.write(f"{verb} {result.created} sessions, updated {result.updated}")
