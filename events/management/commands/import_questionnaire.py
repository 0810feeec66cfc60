from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q

from events.importers.questionnaire_text import QuestionnaireFormatError
from events.importers.services import questionnaire_import
from wsis.models import Organisation
from wsis.text_import import TextEncodingError, decode_text_file


class Command(BaseCommand):
    help = (
        "Stores a UN DESA questionnaire answer (text format): its questions and prose, its "
        "events and its stocktaking drafts; reports duplicates, drafts already imported, "
        "incomplete events kept as drafts and values not understood."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--organisation", required=True, help="the organising organisation's name or slug"
        )
        parser.add_argument("--dry-run", action="store_true", help="check only; write nothing")
        parser.add_argument(
            "--year",
            type=int,
            help="the answer's year (default: the file's 'Year of submission')",
        )

    def handle(self, *args, **options):
        name = options["organisation"]
        organisation = Organisation.objects.filter(Q(slug=name) | Q(name__iexact=name)).first()
        if organisation is None:
            raise CommandError(f"no organisation named '{name}'")
        try:
            text = decode_text_file(options["file"].read_bytes())
        except (OSError, TextEncodingError) as exc:
            raise CommandError(f"cannot read {options['file']}: {exc}") from exc
        try:
            report = questionnaire_import(
                text=text,
                organisation=organisation,
                dry_run=options["dry_run"],
                year=options["year"],
            )
        except QuestionnaireFormatError as exc:
            raise CommandError(f"{options['file']}: {exc}") from exc
        for line in report.lines():
            self.stdout.write(line)
