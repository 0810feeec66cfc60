"""A compiled Forum Outcome Document version as Word (DOCX) or PDF, through the portal's one
document toolkit (`wsis.documents`): the parts of the page, in its order."""

from __future__ import annotations

from django.utils.translation import gettext as _

from events.models import ForumOutcomeVersion
from wsis.documents import Document


def _numbers(numbers: list[int]) -> str:
    return ", ".join(str(number) for number in numbers)


def forum_outcome_document(version: ForumOutcomeVersion) -> Document:
    """Front matter (disclaimer, introduction, the high-level track), participation figures,
    the sessions by number, by Action Line and by track, each session's outcome, and the digest
    of the thematic suggestions by Action Line. Versions compiled before the front matter
    existed have only the sessions."""
    content = version.content
    front = content.get("front_matter") or {}
    figures = content.get("participation")
    title = _("Forum Outcome Document: %(event)s") % {"event": content["event"]}
    document = Document(title=title)
    document.heading(title, 0)
    document.paragraph(
        _("Version %(label)s of %(date)s")
        % {"label": version.label, "date": version.created_at.date().isoformat()}
    )
    if front.get("disclaimer"):
        document.heading(_("Disclaimer"), 1)
        document.paragraph(front["disclaimer"], small=True)
    if front.get("introduction"):
        document.heading(_("Introduction"), 1)
        document.paragraph(front["introduction"])
    if front.get("high_level_track"):
        document.heading(_("The high-level track"), 1)
        document.paragraph(front["high_level_track"])
    if figures:
        document.heading(_("Participation"), 1)
        document.table(
            (_("Figure"), _("Number")),
            (
                (_("Sessions held"), figures["sessions"]),
                (_("Session outcome documents compiled"), figures["outcomes"]),
                (_("Organisers"), figures["organisers"]),
                (_("Countries of the organisers"), figures["countries"]),
            ),
            widths=(3, 1),
        )
        document.bar_chart(
            _("Organisers by stakeholder type"), figures["stakeholder_types"], _("Organisers")
        )
    document.heading(_("Sessions, Action Lines and SDGs"), 1)
    document.table(
        (_("Session"), _("Title"), _("Action Lines"), _("SDGs")),
        (
            (
                session["number"],
                session["title"],
                ", ".join(session["action_lines"]),
                _numbers(session["sdgs"]),
            )
            for session in content["sessions"]
        ),
        widths=(1, 5, 2, 2),
    )
    if content.get("by_action_line"):
        document.heading(_("Sessions by Action Line"), 1)
        document.table(
            (_("Action Line"), _("Sessions")),
            (
                (f"{g['code']} {g['name']}" if g["code"] else _("No Action Line"),
                 _numbers(g["sessions"]))
                for g in content["by_action_line"]
            ),
            widths=(3, 2),
        )  # fmt: skip
    if content.get("by_track"):
        document.heading(_("Sessions by track"), 1)
        for track in content["by_track"]:
            document.heading(track["label"], 2)
            document.table(
                (_("Session type"), _("Sessions")),
                ((group["type"], _numbers(group["sessions"])) for group in track["types"]),
                widths=(3, 2),
            )
    for session in content["sessions"]:
        document.heading(
            _("Session %(number)s: %(title)s")
            % {"number": session["number"], "title": session["title"]},
            1,
        )
        document.paragraph(f"{session['type']} · {session['time']}")
        document.paragraph(", ".join(session["organisers"]))
        for section in session["sections"]:
            document.heading(section["label"], 2)
            if isinstance(section["value"], list):
                document.bullets(section["value"])
            else:
                document.paragraph(section["value"])
    if content.get("suggestions"):
        document.heading(_("Thematic suggestions for the next Forum, by Action Line"), 1)
        for group in content["suggestions"]:
            document.heading(
                f"{group['code']} {group['name']}" if group["code"] else _("No Action Line"), 2
            )
            for item in group["suggestions"]:
                document.paragraph(
                    _("Session %(number)s: %(title)s")
                    % {"number": item["number"], "title": item["title"]}
                    + f": {item['text']}"
                )
    return document


def forum_outcome_docx(version: ForumOutcomeVersion) -> bytes:
    return forum_outcome_document(version).docx()


def forum_outcome_pdf(version: ForumOutcomeVersion) -> bytes:
    """A portrait A4 PDF with the same parts as the DOCX."""
    return forum_outcome_document(version).pdf()
