"""python manage.py export_questionnaire --year Y --organisation O [--docx FILE] [--output FILE]
[--diff-previous]"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q

from events.questionnaires import questionnaire_diff, questionnaire_docx, questionnaire_export
from events.selectors import questionnaire_answer_previous, questionnaire_answers
from wsis.models import Organisation


class Command(BaseCommand):
    help = (
        "Writes an organisation's UN DESA questionnaire answer of a year from the portal's "
        "records, in the questionnaire's text format (and as DOCX), with a report of what each "
        "block lacks of the questionnaire's rules; optionally the changes since the previous "
        "year's answer."
    )

    def add_arguments(self, parser):
        parser.add_argument("--year", required=True, type=int)
        parser.add_argument("--organisation", required=True, help="the organisation's name or slug")
        parser.add_argument("--output", type=Path, help="write the text here (default: stdout)")
        parser.add_argument("--docx", type=Path, help="also write the answer as DOCX here")
        parser.add_argument(
            "--diff-previous",
            action="store_true",
            help="print what changed since the organisation's previous answer instead",
        )

    def handle(self, *args, **options):
        name = options["organisation"]
        organisation = Organisation.objects.filter(Q(slug=name) | Q(name__iexact=name)).first()
        if organisation is None:
            raise CommandError(f"no organisation named '{name}'")
        answer = (
            questionnaire_answers().filter(organisation=organisation, year=options["year"]).first()
        )
        if answer is None:
            raise CommandError(
                f"{organisation.name} has no questionnaire answer for {options['year']}; "
                "import one with import_questionnaire"
            )
        if options["diff_previous"]:
            previous = questionnaire_answer_previous(answer)
            if previous is None:
                raise CommandError(f"{organisation.name} has no answer before {answer.year}")
            for line in questionnaire_diff(previous, answer):
                self.stdout.write(line)
            return
        export = questionnaire_export(answer)
        if options["output"]:
            options["output"].write_text(export.text, encoding="utf-8")
        else:
            self.stdout.write(export.text, ending="")
        if options["docx"]:
            options["docx"].write_bytes(questionnaire_docx(answer))
        for line in export.report_lines():
            self.stderr.write(line)
