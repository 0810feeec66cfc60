"""A compiled WSIS Stocktaking Report version as Word (DOCX, python-docx) or PDF (fpdf2): the
same parts as the page, in the same order."""

from __future__ import annotations

import io

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from publications.models import ReportVersion

FIGURES = (
    ("region", gettext_lazy("Entries by ITU region")),
    ("action_line", gettext_lazy("Entries by Action Line")),
    ("sdg", gettext_lazy("Entries by SDG")),
    ("gdc", gettext_lazy("Entries by GDC objective")),
    ("stakeholder_type", gettext_lazy("Entries by stakeholder type")),
    ("country", gettext_lazy("Entries by country")),
)


def _subtitle(version: ReportVersion) -> str:
    start, end = version.content["period"]
    return _("Version %(number)s · entries approved from %(start)s to %(end)s") % {
        "number": version.number,
        "start": start,
        "end": end,
    }


def report_docx(version: ReportVersion) -> bytes:
    from docx import Document

    content = version.content
    document = Document()
    document.add_heading(content["title"], 0)
    document.add_paragraph(_subtitle(version))
    document.add_heading(_("Introduction"), 1)
    document.add_paragraph(content["introduction"])
    document.add_heading(_("Figures"), 1)
    document.add_paragraph(_("%(count)s approved entries.") % {"count": content["total"]})
    for key, title in FIGURES:
        rows = content["figures"][key]
        if not rows:
            continue
        document.add_heading(str(title), 2)
        table = document.add_table(rows=1, cols=2)
        table.rows[0].cells[0].text, table.rows[0].cells[1].text = str(title), _("Entries")
        for label, count in rows:
            cells = table.add_row().cells
            cells[0].text, cells[1].text = label, str(count)
    if content["prizes"]:
        document.add_heading(_("WSIS Prizes winners and champions"), 1)
        for prize in content["prizes"]:
            document.add_paragraph(
                f"{prize['category']}: {prize['title']} ({prize['organisation']}) · "
                f"{prize['result']}",
                style="List Bullet",
            )
    for chapter in content["chapters"]:
        document.add_heading(f"{chapter['code']} {chapter['name']}", 1)
        for entry in chapter["featured"]:
            document.add_heading(entry["title"], 2)
            document.add_paragraph(f"{entry['organisation']} · {', '.join(entry['countries'])}")
            document.add_paragraph(entry["summary"])
            document.add_paragraph(
                _("Why it is featured: %(reason)s") % {"reason": entry["reason"]}
            )
        if chapter["others"]:
            document.add_heading(_("Other entries"), 2)
            for entry in chapter["others"]:
                document.add_paragraph(
                    f"{entry['title']} · {entry['organisation']}", style="List Bullet"
                )
    document.add_heading(_("Conclusions"), 1)
    document.add_paragraph(content["conclusions"])
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def report_pdf(version: ReportVersion) -> bytes:
    from wsis.pdf import PdfWriter

    content = version.content
    document = PdfWriter(title=content["title"])
    document.write(content["title"], 16, bold=True)
    document.write(_subtitle(version), 10)
    document.space(4)
    document.write(_("Introduction"), 13, bold=True)
    document.write(content["introduction"], 10)
    document.space(4)
    document.write(_("Figures"), 13, bold=True)
    document.write(_("%(count)s approved entries.") % {"count": content["total"]}, 10)
    for key, title in FIGURES:
        rows = content["figures"][key]
        if rows:
            document.write(str(title), 11, bold=True)
            for label, count in rows:
                document.write(f"{label}: {count}", 9, indent=4)
    if content["prizes"]:
        document.space(4)
        document.write(_("WSIS Prizes winners and champions"), 13, bold=True)
        for prize in content["prizes"]:
            document.write(
                f"- {prize['category']}: {prize['title']} ({prize['organisation']}), "
                f"{prize['result']}",
                10,
                indent=4,
            )
    for chapter in content["chapters"]:
        document.space(4)
        document.write(f"{chapter['code']} {chapter['name']}", 13, bold=True)
        for entry in chapter["featured"]:
            document.write(entry["title"], 11, bold=True)
            document.write(f"{entry['organisation']} · {', '.join(entry['countries'])}", 9)
            document.write(entry["summary"], 10)
            document.write(_("Why it is featured: %(reason)s") % {"reason": entry["reason"]}, 9)
        if chapter["others"]:
            document.write(_("Other entries"), 11, bold=True)
            for entry in chapter["others"]:
                document.write(f"- {entry['title']} · {entry['organisation']}", 9, indent=4)
    document.space(4)
    document.write(_("Conclusions"), 13, bold=True)
    document.write(content["conclusions"], 10)
    return document.output()
