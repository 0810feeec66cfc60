"""python manage.py import_document FILE [--library SLUG] [--dry-run]"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cms.importers.policy_text import PolicyTextError
from cms.models import DocumentLibraryPage
from cms.services import NoDocumentLibraryError, policy_document_import
from wsis.text_import import TextEncodingError, decode_text_file


class Command(BaseCommand):
    help = (
        "Reads a plain-text policy document (title, numbered headings, annexes, footnotes) into "
        "a draft page of the document library and reports what it found."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--library", help="slug of the document library (default: the first)")
        parser.add_argument("--dry-run", action="store_true", help="read and report only")

    def handle(self, *args, file: Path, library: str | None, dry_run: bool, **options):
        try:
            raw = file.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror}.") from error
        try:
            text = decode_text_file(raw)
        except TextEncodingError as error:
            raise CommandError(error.message) from error
        target = None
        if library:
            target = DocumentLibraryPage.objects.filter(slug=library).first()
            if target is None:
                raise CommandError(f"No document library with the slug {library!r}.")
        try:
            report = policy_document_import(text=text, library=target, dry_run=dry_run)
        except (PolicyTextError, NoDocumentLibraryError) as error:
            raise CommandError(str(error)) from error
        for line in report.lines():
            self.stdout.write(line)
