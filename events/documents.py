"""Renders a compiled Forum Outcome Document version as a Word (DOCX) file with python-docx."""

from __future__ import annotations

import io

from django.utils.translation import gettext as _

from events.models import ForumOutcomeVersion


def forum_outcome_docx(version: ForumOutcomeVersion) -> bytes:
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
