"""Downloads of one roadmap version: DOCX (python-docx), PDF (fpdf2), CSV and JSON.

Each takes a version from `selectors.version_with_clauses` (groups, clauses and SDGs
prefetched) and returns the file's content.
"""

from __future__ import annotations

import csv
import io
import logging
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

from roadmaps.enums import CLAUSE_COLUMNS, CLAUSE_TEXT_FIELDS
from roadmaps.models import RoadmapVersion
from roadmaps.sanitising import html_to_text

# fontTools logs every step of subsetting the PDF font at INFO.
logging.getLogger("fontTools").setLevel(logging.WARNING)

# A Unicode TrueType font when the system has one (Debian's fonts-dejavu-core); otherwise the
# PDF uses a core font and characters outside Latin-1 are replaced (see `_latin1`).
PDF_FONT_CANDIDATES = (
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
    Path("/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf"),
)
_LATIN1_REPLACEMENTS = str.maketrans(
    {
        "\u2013": "-",
        "\u2014": "-",
        "\u2018": "'",
        "\u2019": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2022": "-",
        "\u2026": "...",
    }
)


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
    """One plain-text row per clause, in order, with its source group and SDG numbers."""
    return [
        {
            "source": group.title,
            "label": clause.label,
            **{name: html_to_text(getattr(clause, name)) for name, _heading in CLAUSE_TEXT_FIELDS},
            "sdg_numbers": [sdg.number for sdg in clause.sdgs.all()],
        }
        for group in version.groups.all()
        for clause in group.clauses.all()
    ]


def version_csv(version: RoadmapVersion) -> str:
    output = io.StringIO()
    fieldnames = [
        "action_line",
        "version",
        "as_of",
        "source",
        "label",
        *(name for name, _heading in CLAUSE_TEXT_FIELDS),
        "sdg_numbers",
    ]
    writer = csv.DictWriter(output, fieldnames=fieldnames)
    writer.writeheader()
    for row in clause_rows(version):
        writer.writerow(
            {
                **row,
                "action_line": version.roadmap.action_line.code,
                "version": version.number,
                "as_of": version.as_of.isoformat() if version.as_of else "",
                "sdg_numbers": " ".join(str(number) for number in row["sdg_numbers"]),
            }
        )
    return output.getvalue()


def version_docx(version: RoadmapVersion) -> bytes:
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


def _latin1(text: str) -> str:
    return text.translate(_LATIN1_REPLACEMENTS).encode("latin-1", "replace").decode("latin-1")


def version_pdf(version: RoadmapVersion) -> bytes:
    """A landscape A4 PDF: per source group, each clause as a block with its six columns.

    Blocks rather than a table, because a clause of the real documents can run over more than
    a page, which a table row cannot.
    """
    from fpdf import FPDF

    pdf = FPDF(orientation="L", format="A4")
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.set_title(_title(version))
    font = next((path for path in PDF_FONT_CANDIDATES if path.is_file()), None)
    if font is not None:
        pdf.add_font("Roadmap", "", str(font))
        family, style_bold, text = "Roadmap", "", str
    else:
        family, style_bold, text = "Helvetica", "B", _latin1
    pdf.add_page()

    def write(content: str, size: int, *, bold: bool = False, indent: float = 0) -> None:
        pdf.set_font(family, style_bold if bold else "", size)
        pdf.set_x(pdf.l_margin + indent)
        pdf.multi_cell(
            w=pdf.epw - indent, h=size * 0.5, text=text(content), new_x="LMARGIN", new_y="NEXT"
        )

    write(_title(version), 16, bold=True)
    write(_subtitle(version), 10)
    for group in version.groups.all():
        pdf.ln(4)
        write(group.title, 13, bold=True)
        for clause in group.clauses.all():
            pdf.ln(2)
            outcome = html_to_text(clause.outcome_text)
            write(f"{clause.label}: {outcome}" if clause.label else outcome, 10, bold=True)
            for name, heading in CLAUSE_COLUMNS:
                value = html_to_text(getattr(clause, name))
                if value:
                    write(f"{heading}: {value}", 9, indent=6)
    if version.notes:
        pdf.ln(4)
        write(version.notes, 9)
    return bytes(pdf.output())
