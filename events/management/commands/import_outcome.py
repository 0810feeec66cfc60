from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from events.importers.outcome_text import OutcomeFormatError
from events.importers.services import ImportRefused, outcome_import
from events.models import Event
from wsis.text_import import TextEncodingError, decode_text_file


class Command(BaseCommand):
    help = (
        "Reads a session outcome document in the secretariat's text format into the draft "
        "outcome of a session; reports sections, bullets and broken limits."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--event", required=True, help="the event's slug")
        parser.add_argument("--session", required=True, type=int, help="the session's number")
        parser.add_argument("--dry-run", action="store_true", help="check only; write nothing")
        parser.add_argument(
            "--force",
            action="store_true",
            help="import even when the header names another session, title, organisers or time",
        )

    def handle(self, *args, **options):
        event = Event.objects.filter(slug=options["event"]).first()
        if event is None:
            raise CommandError(f"no event with the slug '{options['event']}'")
        try:
            text = decode_text_file(options["file"].read_bytes())
        except (OSError, TextEncodingError) as exc:
            raise CommandError(f"cannot read {options['file']}: {exc}") from exc
        try:
            report = outcome_import(
                event=event,
                session_number=options["session"],
                text=text,
                dry_run=options["dry_run"],
                force=options["force"],
            )
        except OutcomeFormatError as exc:
            raise CommandError(f"{options['file']}: {exc}") from exc
        except ImportRefused as exc:
            raise CommandError(str(exc)) from exc
        for line in report.lines():
            self.stdout.write(line)
