"""What changed between two versions of a compiled document, the one way every publication is
diffed (the Stocktaking Report, the Success Stories, the Forum Outcome Document, the combined
roadmaps document; a roadmap's versions use `word_segments` too): its written texts word by word,
its figures, and the items of its lists added, removed or changed. Pure functions of the
versions' snapshots; `templates/wsis/version_compare.html` shows a `VersionDiff`."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class WordSegment:
    # "equal", "insert" or "delete"
    kind: str
    text: str


def word_segments(old_text: str, new_text: str) -> tuple[WordSegment, ...]:
    """`old_text` turned into `new_text` as equal, deleted and inserted runs of words."""
    old_words, new_words = old_text.split(), new_text.split()
    segments: list[WordSegment] = []
    matcher = difflib.SequenceMatcher(a=old_words, b=new_words, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            segments.append(WordSegment("equal", " ".join(old_words[i1:i2])))
            continue
        if tag in ("delete", "replace"):
            segments.append(WordSegment("delete", " ".join(old_words[i1:i2])))
        if tag in ("insert", "replace"):
            segments.append(WordSegment("insert", " ".join(new_words[j1:j2])))
    return tuple(segments)


@dataclass(frozen=True)
class TextChange:
    label: str
    segments: tuple[WordSegment, ...]


@dataclass(frozen=True)
class FigureChange:
    label: str
    old: int
    new: int


@dataclass(frozen=True)
class ItemChanges:
    """The items of one list of the publication that were added, removed or changed."""

    label: str
    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    changed: tuple[str, ...] = ()

    @property
    def any(self) -> bool:
        return bool(self.added or self.removed or self.changed)


@dataclass
class VersionDiff:
    """`old_number` → `new_number`: a version's number, or its label ("1.2") where the
    publication numbers its versions so."""

    old_number: int | str
    new_number: int | str
    texts: list[TextChange] = field(default_factory=list)
    figures: list[tuple[str, list[FigureChange]]] = field(default_factory=list)
    items: list[ItemChanges] = field(default_factory=list)

    @property
    def unchanged(self) -> bool:
        return not (self.texts or self.figures or any(i.any for i in self.items))


def text_changes(old: dict, new: dict, fields: tuple[tuple[str, Any], ...]) -> list[TextChange]:
    """The texts under `fields` (key, label) that differ in more than their spacing."""
    return [
        TextChange(str(label), word_segments(old.get(key) or "", new.get(key) or ""))
        for key, label in fields
        if (old.get(key) or "").split() != (new.get(key) or "").split()
    ]


def figure_changes(before: dict[str, int], after: dict[str, int]) -> list[FigureChange]:
    """The figures whose value differs (a figure missing on one side counts as 0)."""
    return [
        FigureChange(name, before.get(name, 0), after.get(name, 0))
        for name in dict.fromkeys([*before, *after])
        if before.get(name, 0) != after.get(name, 0)
    ]


def item_changes(label: Any, old: dict[Any, Any], new: dict[Any, Any], name) -> ItemChanges:
    """The items of two keyed lists added, removed or changed; `name` names an item."""
    return ItemChanges(
        str(label),
        added=tuple(name(new[key]) for key in new if key not in old),
        removed=tuple(name(old[key]) for key in old if key not in new),
        changed=tuple(name(new[key]) for key in new if key in old and old[key] != new[key]),
    )
