"""What changed between two compiled versions of a publication: its written texts word by word,
its figures, and the items (entries, featured entries, prize results, stories) added, removed or
changed. Pure functions of the versions' snapshots."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext_lazy as _

from roadmaps.diffing import WordSegment, word_segments

REPORT_FIGURES = (
    ("region", _("Entries by ITU region")),
    ("action_line", _("Entries by Action Line")),
    ("sdg", _("Entries by SDG")),
    ("gdc", _("Entries by GDC objective")),
    ("stakeholder_type", _("Entries by stakeholder type")),
    ("country", _("Entries by country")),
)


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
    old_number: int
    new_number: int
    texts: list[TextChange] = field(default_factory=list)
    figures: list[tuple[str, list[FigureChange]]] = field(default_factory=list)
    items: list[ItemChanges] = field(default_factory=list)

    @property
    def unchanged(self) -> bool:
        return not (self.texts or self.figures or any(i.any for i in self.items))


def _text_changes(old: dict, new: dict, fields: tuple[tuple[str, Any], ...]) -> list[TextChange]:
    return [
        TextChange(str(label), word_segments(old.get(key) or "", new.get(key) or ""))
        for key, label in fields
        if (old.get(key) or "").split() != (new.get(key) or "").split()
    ]


def _item_changes(label: Any, old: dict[Any, dict], new: dict[Any, dict], name) -> ItemChanges:
    return ItemChanges(
        str(label),
        added=tuple(name(new[key]) for key in new if key not in old),
        removed=tuple(name(old[key]) for key in old if key not in new),
        changed=tuple(name(new[key]) for key in new if key in old and old[key] != new[key]),
    )


def _entries(content: dict, part: str) -> dict[int, dict]:
    return {
        entry["id"]: entry | {"chapter": chapter["code"]}
        for chapter in content["chapters"]
        for entry in chapter[part]
    }


def _prize_key(prize: dict) -> tuple:
    return (prize["category_number"], prize["title"], prize["organisation"])


def report_versions_diff(old, new) -> VersionDiff:
    """`old` → `new`, two versions of one Stocktaking Report."""
    a, b = old.content, new.content
    diff = VersionDiff(old.number, new.number)
    diff.texts = _text_changes(
        a, b, (("introduction", _("Introduction")), ("conclusions", _("Conclusions")))
    )
    for key, label in REPORT_FIGURES:
        before, after = dict(map(tuple, a["figures"][key])), dict(map(tuple, b["figures"][key]))
        changes = [
            FigureChange(name, before.get(name, 0), after.get(name, 0))
            for name in dict.fromkeys([*before, *after])
            if before.get(name, 0) != after.get(name, 0)
        ]
        if changes:
            diff.figures.append((str(label), changes))

    def titled(entry: dict) -> str:
        return f"{entry['chapter']}: {entry['title']}"

    featured_a, featured_b = _entries(a, "featured"), _entries(b, "featured")
    everything_a = _entries(a, "others") | featured_a
    everything_b = _entries(b, "others") | featured_b

    def listed(entries: dict[int, dict]) -> dict[int, dict]:
        return {key: {"title": e["title"], "chapter": e["chapter"]} for key, e in entries.items()}

    diff.items = [
        _item_changes(_("Entries"), listed(everything_a), listed(everything_b), titled),
        _item_changes(_("Featured entries"), featured_a, featured_b, titled),
        _item_changes(
            _("WSIS Prizes winners and champions"),
            {_prize_key(p): p for p in a["prizes"]},
            {_prize_key(p): p for p in b["prizes"]},
            lambda p: f"{p['category']}: {p['title']} ({p['result']})",
        ),
    ]
    return diff


def stories_versions_diff(old, new) -> VersionDiff:
    """`old` → `new`, two versions of one Success Stories book (an image counts as changed when
    its content changed)."""
    a, b = old.content, new.content
    diff = VersionDiff(old.number, new.number)
    diff.texts = _text_changes(a, b, (("introduction", _("Introduction")),))

    def stories(content: dict) -> dict[int, dict]:
        return {
            story["id"]: {k: v for k, v in story.items() if k != "image"}
            | {"image": story["image"].get("digest", "") if story["image"] else ""}
            for category in content["categories"]
            for story in category["stories"]
        }

    diff.items = [
        _item_changes(
            _("Stories"),
            stories(a),
            stories(b),
            lambda s: f"{s['category']}: {s['title']} ({s['organisation']})",
        )
    ]
    return diff
