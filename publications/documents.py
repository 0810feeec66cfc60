"""The publications as Word (DOCX) and PDF, through the portal's one toolkit (`wsis.documents`):
each publication is written once as a flow of blocks, in the order of its page, and both
downloads are rendered from it. Also the certificates of the WSIS Prizes winners and champions."""

from __future__ import annotations

from django.core.files.storage import default_storage
from django.utils.translation import gettext as _

from publications.diffing import REPORT_FIGURES
from publications.models import ReportVersion, RoadmapsDocumentVersion, SuccessStoriesVersion
from roadmaps.enums import CLAUSE_COLUMNS
from stocktaking.prizes.enums import PrizeEntryStatus
from stocktaking.prizes.models import PrizeEntry
from wsis.documents import Document
from wsis.pdf import PdfWriter

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _result(status: str) -> str:
    """ "Winner" or "Champion" in the reader's language (a snapshot keeps the status code)."""
    return str(PrizeEntryStatus(status).label)


def _prize_label(status: str) -> str:
    return {
        PrizeEntryStatus.WINNER: _("WSIS Prize winner"),
        PrizeEntryStatus.CHAMPION: _("WSIS Prize champion"),
    }.get(status, "")


# --- The WSIS Stocktaking Report ---


def report_subtitle(version: ReportVersion) -> str:
    start, end = version.content["period"]
    return _("Version %(number)s · entries approved from %(start)s to %(end)s") % {
        "number": version.number,
        "start": start,
        "end": end,
    }


def report_document(version: ReportVersion) -> Document:
    """The report's parts in the page's order: introduction, figures (a chart per breakdown),
    the year's winners and champions, a chapter per Action Line, conclusions."""
    content = version.content
    document = Document(title=content["title"])
    document.heading(content["title"], 0)
    document.paragraph(report_subtitle(version))
    document.heading(_("Contents"), 1)
    document.bullets(
        [
            _("Introduction"),
            _("Figures"),
            *([_("WSIS Prizes winners and champions")] if content["prizes"] else []),
            *(f"{chapter['code']} {chapter['name']}" for chapter in content["chapters"]),
            _("Conclusions"),
        ]
    )
    document.heading(_("Introduction"), 1)
    document.paragraph(content["introduction"])
    document.heading(_("Figures"), 1)
    document.paragraph(_("%(count)s approved entries.") % {"count": content["total"]})
    for key, title in REPORT_FIGURES:
        document.bar_chart(title, content["figures"][key], _("Entries"))
    if content["prizes"]:
        document.heading(_("WSIS Prizes winners and champions"), 1)
        document.table(
            (_("Category"), _("Result"), _("Project"), _("Organisation"), _("Country")),
            (
                (p["category"], _result(p["status"]), p["title"], p["organisation"], p["country"])
                for p in content["prizes"]
            ),
            widths=(3, 2, 4, 3, 2),
        )
    for chapter in content["chapters"]:
        document.heading(f"{chapter['code']} {chapter['name']}", 1)
        for entry in chapter["featured"]:
            document.heading(entry["title"], 2)
            document.paragraph(
                " · ".join(
                    part
                    for part in (
                        entry["organisation"],
                        ", ".join(entry["countries"]),
                        _prize_label(entry.get("prize", "")),
                    )
                    if part
                )
            )
            document.paragraph(entry["summary"])
            document.paragraph(_("Why it is featured: %(reason)s") % {"reason": entry["reason"]})
        if chapter["others"]:
            document.heading(_("Other entries"), 2)
            document.bullets(
                " · ".join(
                    part
                    for part in (
                        entry["title"],
                        entry["organisation"],
                        _prize_label(entry.get("prize", "")),
                    )
                    if part
                )
                for entry in chapter["others"]
            )
    document.heading(_("Conclusions"), 1)
    document.paragraph(content["conclusions"])
    return document


def report_docx(version: ReportVersion) -> bytes:
    return report_document(version).docx()


def report_pdf(version: ReportVersion) -> bytes:
    return report_document(version).pdf()


# --- The WSIS Prizes Success Stories ---


def story_image_bytes(image: dict | None) -> bytes | None:
    if not image:
        return None
    try:
        with default_storage.open(image["name"], "rb") as stored:
            return stored.read()
    except FileNotFoundError:
        return None


def stories_document(version: SuccessStoriesVersion) -> Document:
    """The book's parts in the page's order: introduction, contents, then per category its
    winners and champions, each story with its image, description and results."""
    content = version.content
    document = Document(title=content["title"])
    document.heading(content["title"], 0)
    document.paragraph(
        _("Version %(number)s · %(count)s winners and champions")
        % {"number": version.number, "count": content["total"]}
    )
    document.heading(_("Contents"), 1)
    document.bullets(
        [
            _("Introduction"),
            *(_("Category %(number)s: %(name)s") % c for c in content["categories"]),
        ]
    )
    document.heading(_("Introduction"), 1)
    document.paragraph(content["introduction"])
    for category in content["categories"]:
        document.page_break()
        document.heading(_("Category %(number)s: %(name)s") % category, 1)
        for story in category["stories"]:
            document.heading(story["title"], 2)
            document.paragraph(
                " · ".join(
                    part
                    for part in (_result(story["status"]), story["organisation"], story["country"])
                    if part
                )
            )
            if story["image"]:
                document.image(
                    story_image_bytes(story["image"]), description=story["image"]["description"]
                )
            document.heading(_("Description"), 3)
            document.paragraph(story["description"])
            document.heading(_("Results"), 3)
            document.paragraph(story["results"])
    return document


def stories_docx(version: SuccessStoriesVersion) -> bytes:
    return stories_document(version).docx()


def stories_pdf(version: SuccessStoriesVersion) -> bytes:
    return stories_document(version).pdf()


def certificate_pdf(prize_entry: PrizeEntry) -> bytes:
    """One landscape page: the result, the project, the organisation, the category and the
    contest, framed."""
    contest = prize_entry.contest
    title = (
        _("Certificate: WSIS Prize winner")
        if prize_entry.status == PrizeEntryStatus.WINNER
        else _("Certificate: WSIS Prize champion")
    )
    writer = PdfWriter(title=title, orientation="L")
    pdf = writer.pdf
    pdf.set_draw_color(10, 79, 140)
    pdf.set_line_width(1.2)
    pdf.rect(10, 10, pdf.w - 20, pdf.h - 20)
    pdf.set_line_width(0.4)
    pdf.rect(14, 14, pdf.w - 28, pdf.h - 28)
    pdf.set_y(34)
    writer.write(contest.title, 16, align="C")
    writer.space(8)
    writer.write(title, 28, bold=True, align="C")
    writer.space(10)
    writer.write(_("awarded to"), 12, align="C")
    writer.space(3)
    writer.write(prize_entry.organisation.name, 22, bold=True, align="C")
    writer.space(6)
    writer.write(_("for the project"), 12, align="C")
    writer.space(3)
    writer.write(f"“{prize_entry.title}”", 18, align="C")
    writer.space(6)
    writer.write(
        _("Category %(number)s: %(name)s")
        % {"number": prize_entry.category.number, "name": prize_entry.category.name},
        13,
        align="C",
    )
    writer.space(14)
    writer.write(_("The WSIS Secretariat, International Telecommunication Union"), 11, align="C")
    return writer.output()


# --- The Action Line Roadmaps as one document ---


def roadmaps_subtitle(version: RoadmapsDocumentVersion) -> str:
    return _("Version %(number)s of %(date)s · %(count)s Action Lines") % {
        "number": version.number,
        "date": version.created_at.date().isoformat(),
        "count": len(version.content["chapters"]),
    }


def roadmap_chapter_line(chapter: dict) -> str:
    as_of = chapter["as_of"] or _("undated")
    return _("Roadmap version %(number)s, as of %(date)s") % {
        "number": chapter["version"],
        "date": as_of,
    }


def clause_columns(clause: dict) -> list[tuple[str, str]]:
    """A compiled clause's filled columns as (heading, text), in the documents' order."""
    return [
        (str(heading), clause["columns"][name])
        for name, heading in CLAUSE_COLUMNS
        if clause["columns"].get(name)
    ]


def roadmaps_document(version: RoadmapsDocumentVersion) -> Document:
    """Introduction, table of contents, then one chapter per Action Line (on a page of its own)
    with its source groups and clauses, each clause with its six columns."""
    content = version.content
    document = Document(title=content["title"], landscape=True)
    document.heading(content["title"], 0)
    document.paragraph(roadmaps_subtitle(version))
    document.heading(_("Introduction"), 1)
    document.paragraph(content["introduction"])
    document.heading(_("Contents"), 1)
    document.bullets(
        f"{c['code']} {c['name']} · {roadmap_chapter_line(c)}" for c in content["chapters"]
    )
    for chapter in content["chapters"]:
        document.page_break()
        document.heading(_("Roadmap for WSIS Action Line %(code)s: %(name)s") % chapter, 1)
        line = roadmap_chapter_line(chapter)
        if chapter["facilitator"]:
            line += " · " + _("facilitated by %(name)s") % {"name": chapter["facilitator"]}
        document.paragraph(line)
        for group in chapter["groups"]:
            document.heading(group["title"], 2)
            for clause in group["clauses"]:
                label = f"{clause['label']}: " if clause["label"] else ""
                document.paragraph(label + clause["outcome"])
                for heading, text in clause_columns(clause):
                    document.paragraph(f"{heading}: {text}", small=True)
        document.paragraph(chapter["notes"], small=True)
    return document


def roadmaps_docx(version: RoadmapsDocumentVersion) -> bytes:
    return roadmaps_document(version).docx()


def roadmaps_pdf(version: RoadmapsDocumentVersion) -> bytes:
    return roadmaps_document(version).pdf()
