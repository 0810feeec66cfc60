"""Renders a compiled Forum Outcome Document version as Word (DOCX, python-docx) or PDF (fpdf2)."""

from __future__ import annotations

import io

from django.utils.translation import gettext as _

from events.models import ForumOutcomeVersion
from wsis.pdf import PdfWriter


def forum_outcome_docx(version: ForumOutcomeVersion) -> bytes:
    # python-docx (and lxml) load only when a document is exported, not in every process.
    from docx import Document

    content = version.content
    document = Document()
    document.add_heading(_("Forum Outcome Document: %(event)s") % {"event": content["event"]}, 0)
    document.add_paragraph(
        _("Version %(label)s of %(date)s")
        % {"label": version.label, "date": version.created_at.date().isoformat()}
    )
    document.add_heading(_("Sessions, Action Lines and SDGs"), 1)
    table = document.add_table(rows=1, cols=4)
    for cell, text in zip(
        table.rows[0].cells, (_("Session"), _("Title"), _("Action Lines"), _("SDGs")), strict=True
    ):
        cell.text = text
    for session in content["sessions"]:
        row = table.add_row().cells
        row[0].text = str(session["number"])
        row[1].text = session["title"]
        row[2].text = ", ".join(session["action_lines"])
        row[3].text = ", ".join(str(number) for number in session["sdgs"])
    for session in content["sessions"]:
        document.add_heading(
            _("Session %(number)s: %(title)s")
            % {"number": session["number"], "title": session["title"]},
            1,
        )
        document.add_paragraph(f"{session['type']} · {session['time']}")
        document.add_paragraph(", ".join(session["organisers"]))
        for section in session["sections"]:
            document.add_heading(section["label"], 2)
            if isinstance(section["value"], list):
                for bullet in section["value"]:
                    document.add_paragraph(bullet, style="List Bullet")
            else:
                document.add_paragraph(section["value"])
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def forum_outcome_pdf(version: ForumOutcomeVersion) -> bytes:
    """A portrait A4 PDF with the same parts as the DOCX: the session overview, then each
    session's outcome sections in order."""
    content = version.content
    title = _("Forum Outcome Document: %(event)s") % {"event": content["event"]}
    document = PdfWriter(title=title)
    document.write(title, 16, bold=True)
    document.write(
        _("Version %(label)s of %(date)s")
        % {"label": version.label, "date": version.created_at.date().isoformat()},
        10,
    )
    document.space(4)
    document.write(_("Sessions, Action Lines and SDGs"), 13, bold=True)
    for session in content["sessions"]:
        document.write(
            " · ".join(
                (
                    str(session["number"]),
                    session["title"],
                    ", ".join(session["action_lines"]) or "-",
                    ", ".join(str(number) for number in session["sdgs"]) or "-",
                )
            ),
            9,
            indent=4,
        )
    for session in content["sessions"]:
        document.space(4)
        document.write(
            _("Session %(number)s: %(title)s")
            % {"number": session["number"], "title": session["title"]},
            13,
            bold=True,
        )
        document.write(f"{session['type']} · {session['time']}", 9)
        document.write(", ".join(session["organisers"]), 9)
        for section in session["sections"]:
            document.space(2)
            document.write(section["label"], 11, bold=True)
            if isinstance(section["value"], list):
                for bullet in section["value"]:
                    document.write(f"- {bullet}", 10, indent=4)
            else:
                document.write(section["value"], 10)
    return document.output()
