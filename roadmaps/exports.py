"""Downloads of one roadmap version: DOCX (python-docx), PDF (fpdf2), CSV and JSON.

Each takes a version from `selectors.version_with_clauses` (groups, clauses and SDGs
prefetched) and returns the file's content.
"""

from __future__ import annotations

import io
from typing import Any

from django.utils.translation import gettext as _

from roadmaps.diffing import citations_text, gdc_objectives_text
from roadmaps.enums import CLAUSE_COLUMNS, CLAUSE_TEXT_FIELDS
from roadmaps.models import Clause, RoadmapVersion
from wsis.csv_files import csv_text
from wsis.pdf import PdfWriter
from wsis.rich_text import html_to_text


def _title(version: RoadmapVersion) -> str:
    action_line = version.roadmap.action_line
    return _("Roadmap for WSIS Action Line %(code)s: %(name)s") % {
        "code": action_line.code,
        "name": action_line.name,
    }


def _subtitle(version: RoadmapVersion) -> str:
    return _("Version %(number)s (%(status)s), as of %(date)s") % {
        "number": version.number,
        "status": version.get_status_display(),
        "date": version.as_of.isoformat() if version.as_of else _("undated"),
    }


def clause_rows(version: RoadmapVersion) -> list[dict[str, Any]]:
    """One plain-text row per clause, in order, with its source group, SDG and GDC objective
    numbers and its citations."""
    return [
        {
            "source": group.title,
            "label": clause.label,
            **{name: html_to_text(getattr(clause, name)) for name, _heading in CLAUSE_TEXT_FIELDS},
            "sdg_numbers": [sdg.number for sdg in clause.sdgs.all()],
            "gdc_numbers": [goal.number for goal in clause.gdc_objectives.all()],
            "citations": citations_text(clause),
        }
        for group in version.groups.all()
        for clause in group.clauses.all()
    ]


def version_csv(version: RoadmapVersion) -> str:
    text_fields = [name for name, _heading in CLAUSE_TEXT_FIELDS]
    as_of = version.as_of.isoformat() if version.as_of else ""
    return csv_text(
        [
            "action_line",
            "version",
            "as_of",
            "source",
            "label",
            *text_fields,
            "sdg_numbers",
            "gdc_objective_numbers",
            "citations",
        ],
        (
            [
                version.roadmap.action_line.code,
                version.number,
                as_of,
                row["source"],
                row["label"],
                *(row[name] for name in text_fields),
                " ".join(str(number) for number in row["sdg_numbers"]),
                " ".join(str(number) for number in row["gdc_numbers"]),
                row["citations"],
            ]
            for row in clause_rows(version)
        ),
    )


def _clause_links(clause: Clause) -> list[str]:
    """The lines printed under a clause's columns: its GDC objectives and cited evidence."""
    lines = []
    if gdc_objectives_text(clause):
        lines.append(f"{_('Global Digital Compact objectives')}: {gdc_objectives_text(clause)}")
    if citations_text(clause):
        lines.append(f"{_('Cited evidence')}: {citations_text(clause)}")
    return lines


def version_docx(version: RoadmapVersion) -> bytes:
    # python-docx (and lxml) load only when a document is exported, not in every process.
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.shared import Pt

    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = section.page_height, section.page_width
    document.add_heading(_title(version), level=1)
    document.add_paragraph(_subtitle(version))
    headings = [str(_("WSIS outcome")), *(str(heading) for _name, heading in CLAUSE_COLUMNS)]
    for group in version.groups.all():
        document.add_heading(group.title, level=2)
        table = document.add_table(rows=1, cols=len(headings))
        table.style = "Table Grid"
        for cell, heading in zip(table.rows[0].cells, headings, strict=True):
            cell.text = heading
            for run in cell.paragraphs[0].runs:
                run.bold = True
        for clause in group.clauses.all():
            cells = table.add_row().cells
            outcome = html_to_text(clause.outcome_text)
            cells[0].text = f"{clause.label}: {outcome}" if clause.label else outcome
            for cell, (name, _heading) in zip(cells[1:], CLAUSE_COLUMNS, strict=True):
                cell.text = html_to_text(getattr(clause, name))
                if name == "results_and_targets":
                    for line in _clause_links(clause):
                        cell.add_paragraph(line)
        for row in table.rows:
            for cell in row.cells:
                for paragraph in cell.paragraphs:
                    for run in paragraph.runs:
                        run.font.size = Pt(8)
    if version.notes:
        document.add_paragraph(version.notes)
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()


def version_pdf(version: RoadmapVersion) -> bytes:
    """A landscape A4 PDF: per source group, each clause as a block with its six columns.

    Blocks rather than a table, because a clause of the real documents can run over more than
    a page, which a table row cannot.
    """
    document = PdfWriter(title=_title(version), orientation="L")
    write = document.write
    write(_title(version), 16, bold=True)
    write(_subtitle(version), 10)
    for group in version.groups.all():
        document.space(4)
        write(group.title, 13, bold=True)
        for clause in group.clauses.all():
            document.space(2)
            outcome = html_to_text(clause.outcome_text)
            write(f"{clause.label}: {outcome}" if clause.label else outcome, 10, bold=True)
            for name, heading in CLAUSE_COLUMNS:
                value = html_to_text(getattr(clause, name))
                if value:
                    write(f"{heading}: {value}", 9, indent=6)
            for line in _clause_links(clause):
                write(line, 9, indent=6)
    if version.notes:
        document.space(4)
        write(version.notes, 9)
    return document.output()
