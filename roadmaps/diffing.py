"""Differences between two roadmap versions: clauses added, removed and changed, word by word."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from django.utils.translation import gettext as _

from roadmaps.enums import CLAUSE_TEXT_FIELDS
from roadmaps.models import Clause, RoadmapVersion
from roadmaps.sanitising import html_to_text
from wsis.diffing import WordSegment, word_segments


class ChangeKind(StrEnum):
    ADDED = "added"
    REMOVED = "removed"
    CHANGED = "changed"


@dataclass(frozen=True)
class ColumnChange:
    field: str
    heading: str
    old_text: str
    new_text: str
    segments: tuple[WordSegment, ...]


@dataclass(frozen=True)
class ClauseChange:
    kind: ChangeKind
    group_title: str
    label: str
    old: Clause | None
    new: Clause | None
    columns: tuple[ColumnChange, ...] = ()


def _keyed(version: RoadmapVersion) -> dict[tuple[str, str, int], Clause]:
    """Clauses keyed by source title, label and the label's occurrence within the group."""
    keyed: dict[tuple[str, str, int], Clause] = {}
    for group in version.groups.all():
        seen: dict[str, int] = {}
        for clause in group.clauses.all():
            occurrence = seen.get(clause.label, 0)
            seen[clause.label] = occurrence + 1
            keyed[(group.title, clause.label, occurrence)] = clause
    return keyed


def citations_text(clause: Clause) -> str:
    """A clause's citations as one line of text (each "kind: title"), as diffs and exports show
    them; from the prefetched citations."""
    return "; ".join(
        f"{citation.get_kind_display()}: {citation.title}" for citation in clause.citations.all()
    )


def gdc_objectives_text(clause: Clause) -> str:
    return "; ".join(str(goal) for goal in clause.gdc_objectives.all())


# What belongs to a clause besides its text, compared as text: (name, heading, reader).
CLAUSE_LINK_COLUMNS = (
    ("gdc_objectives", lambda: _("Global Digital Compact objectives"), gdc_objectives_text),
    ("citations", lambda: _("Cited evidence"), citations_text),
)


def _column_changes(old: Clause, new: Clause) -> tuple[ColumnChange, ...]:
    changes = []
    for name, heading, read in CLAUSE_LINK_COLUMNS:
        old_text, new_text = read(old), read(new)
        if old_text != new_text:
            changes.append(
                ColumnChange(
                    name, str(heading()), old_text, new_text, word_segments(old_text, new_text)
                )
            )
    for name, heading in CLAUSE_TEXT_FIELDS:
        old_text, new_text = html_to_text(getattr(old, name)), html_to_text(getattr(new, name))
        if old_text.split() != new_text.split():
            changes.append(
                ColumnChange(
                    name, str(heading), old_text, new_text, word_segments(old_text, new_text)
                )
            )
    return tuple(changes)


def version_diff(old: RoadmapVersion, new: RoadmapVersion) -> list[ClauseChange]:
    """The clauses that differ between two versions (with groups and clauses prefetched), in
    the order of `new`, followed by those removed. Clauses are matched by source group title
    and label; formatting-only changes (the same words) do not count."""
    old_clauses, new_clauses = _keyed(old), _keyed(new)
    changes: list[ClauseChange] = []
    for key, clause in new_clauses.items():
        previous = old_clauses.get(key)
        if previous is None:
            changes.append(ClauseChange(ChangeKind.ADDED, key[0], key[1], None, clause))
            continue
        columns = _column_changes(previous, clause)
        if columns:
            changes.append(
                ClauseChange(ChangeKind.CHANGED, key[0], key[1], previous, clause, columns)
            )
    changes += [
        ClauseChange(ChangeKind.REMOVED, key[0], key[1], clause, None)
        for key, clause in old_clauses.items()
        if key not in new_clauses
    ]
    return changes
