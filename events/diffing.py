"""What changed between two versions of a Forum Outcome Document, with the core's
`wsis.diffing` like every publication: the front matter word by word, the participation figures,
the session outcome documents added, removed or changed (and each changed one's text word by
word). A pure function of the versions' snapshots; versions compiled before the front matter
and the figures existed have none (compared as empty)."""

from __future__ import annotations

from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from events.models import ForumOutcomeVersion
from wsis.diffing import (
    TextChange,
    VersionDiff,
    figure_changes,
    item_changes,
    text_changes,
    word_segments,
)

FRONT_MATTER = (
    ("introduction", gettext_lazy("Introduction")),
    ("high_level_track", gettext_lazy("The high-level track")),
    ("disclaimer", gettext_lazy("Disclaimer")),
)


def _session_text(session: dict) -> str:
    """A session's outcome as one text: its sections ("label: value"), then its thematic
    suggestions."""
    lines = []
    for section in session.get("sections", []):
        value = section["value"]
        text = " ".join(value) if isinstance(value, list) else str(value)
        lines.append(f"{section['label']}: {text}")
    if session.get("thematic_suggestions"):
        lines.append(f"{capfirst(_('thematic suggestions'))}: {session['thematic_suggestions']}")
    return "\n".join(lines)


def _session_name(session: dict) -> str:
    return _("Session %(number)s: %(title)s") % {
        "number": session["number"],
        "title": session["title"],
    }


def _participation(content: dict) -> tuple[dict[str, int], dict[str, int]]:
    figures = content.get("participation") or {}
    totals = {
        str(label): figures[key]
        for key, label in (
            ("sessions", _("Sessions held")),
            ("outcomes", _("Session outcome documents compiled")),
            ("organisers", _("Organisers")),
            ("countries", _("Countries of the organisers")),
        )
        if key in figures
    }
    return totals, dict(map(tuple, figures.get("stakeholder_types", [])))


def forum_outcome_versions_diff(old: ForumOutcomeVersion, new: ForumOutcomeVersion) -> VersionDiff:
    """`old` → `new`, two versions of one event's Forum Outcome Document."""
    a, b = old.content, new.content
    diff = VersionDiff(old.label.removeprefix("v"), new.label.removeprefix("v"))
    diff.texts = text_changes(
        a.get("front_matter") or {}, b.get("front_matter") or {}, FRONT_MATTER
    )
    sessions_a = {s["number"]: s for s in a["sessions"]}
    sessions_b = {s["number"]: s for s in b["sessions"]}
    for number, session in sessions_b.items():
        before = sessions_a.get(number)
        if before is None:
            continue
        old_text, new_text = _session_text(before), _session_text(session)
        if old_text.split() != new_text.split():
            diff.texts.append(TextChange(_session_name(session), word_segments(old_text, new_text)))
    (totals_a, kinds_a), (totals_b, kinds_b) = _participation(a), _participation(b)
    for label, changes in (
        (_("Participation"), figure_changes(totals_a, totals_b)),
        (_("Organisers by stakeholder type"), figure_changes(kinds_a, kinds_b)),
    ):
        if changes:
            diff.figures.append((label, changes))
    diff.items = [
        item_changes(_("Session outcome documents"), sessions_a, sessions_b, _session_name)
    ]
    return diff
