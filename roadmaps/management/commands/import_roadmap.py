"""python manage.py import_roadmap FILE [--as-of 2024-10-11] [--dry-run]"""

from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from roadmaps.importers.roadmap_text import RoadmapFormatError
from roadmaps.services import roadmap_import
from wsis.text_import import TextEncodingError, decode_text_file


def _iso_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as error:
        raise CommandError(f"--as-of {value!r}: expected a date as YYYY-MM-DD") from error


class Command(BaseCommand):
    help = (
        "Imports a WSIS Action Line Roadmap document (text export): one draft version per Action "
        "Line found, then prints the clauses, labels and warnings per Action Line and source."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="the roadmap document (UTF-8 text export)")
        parser.add_argument("--as-of", type=_iso_date, help="the versions' date, YYYY-MM-DD")
        parser.add_argument(
            "--dry-run", action="store_true", help="parse and report, write nothing"
        )

    def handle(self, *args, **options) -> None:
        path: Path = options["file"]
        try:
            text = decode_text_file(path.read_bytes())
        except (OSError, TextEncodingError) as error:
            raise CommandError(f"{path}: {error}") from error
        try:
            report = roadmap_import(
                text=text, by=None, as_of=options["as_of"], dry_run=options["dry_run"]
            )
        except RoadmapFormatError as error:
            raise CommandError(f"{path}, {error}; nothing was imported") from error
        for line in report.lines():
            self.stdout.write(line)
        if report.dry_run:
            self.stdout.write(self.style.WARNING("Dry run: nothing was written."))
        else:
            self.stdout.write(self.style.SUCCESS("Import finished."))
