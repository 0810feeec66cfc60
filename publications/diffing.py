"""What changed between two compiled versions of a publication: its written texts word by word,
its figures, and the items (entries, featured entries, prize results, stories, roadmap clauses)
added, removed or changed, with the core's `wsis.diffing`. Pure functions of the versions'
snapshots."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from roadmaps.enums import CLAUSE_COLUMNS
from wsis.diffing import (
    ItemChanges,
    TextChange,
    VersionDiff,
    figure_changes,
    item_changes,
    text_changes,
    word_segments,
)

REPORT_FIGURES = (
    ("region", _("Entries by ITU region")),
    ("action_line", _("Entries by Action Line")),
    ("sdg", _("Entries by SDG")),
    ("gdc", _("Entries by GDC objective")),
    ("stakeholder_type", _("Entries by stakeholder type")),
    ("country", _("Entries by country")),
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
    diff.texts = text_changes(
        a, b, (("introduction", _("Introduction")), ("conclusions", _("Conclusions")))
    )
    for key, label in REPORT_FIGURES:
        before, after = dict(map(tuple, a["figures"][key])), dict(map(tuple, b["figures"][key]))
        changes = figure_changes(before, after)
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
        item_changes(_("Entries"), listed(everything_a), listed(everything_b), titled),
        item_changes(_("Featured entries"), featured_a, featured_b, titled),
        item_changes(
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
    diff.texts = text_changes(a, b, (("introduction", _("Introduction")),))

    def stories(content: dict) -> dict[int, dict]:
        return {
            story["id"]: {k: v for k, v in story.items() if k != "image"}
            | {"image": story["image"].get("digest", "") if story["image"] else ""}
            for category in content["categories"]
            for story in category["stories"]
        }

    diff.items = [
        item_changes(
            _("Stories"),
            stories(a),
            stories(b),
            lambda s: f"{s['category']}: {s['title']} ({s['organisation']})",
        )
    ]
    return diff


def _clause_text(clause: dict) -> str:
    """A clause as one text: its outcome, then each filled column as "heading: text"."""
    lines = [clause["outcome"]]
    lines += [
        f"{heading}: {clause['columns'][name]}"
        for name, heading in CLAUSE_COLUMNS
        if clause["columns"].get(name)
    ]
    return "\n".join(lines)


def _clauses(content: dict) -> dict[tuple, dict]:
    """The clauses of every chapter keyed by Action Line, source title, label and the label's
    occurrence within the group (as `roadmaps.diffing` keys a roadmap's clauses), each with the
    text it is compared by and the name it is listed by."""
    keyed: dict[tuple, dict] = {}
    for chapter in content["chapters"]:
        for group in chapter["groups"]:
            seen: dict[str, int] = {}
            for clause in group["clauses"]:
                occurrence = seen.get(clause["label"], 0)
                seen[clause["label"]] = occurrence + 1
                name = _("Roadmap %(code)s (version %(number)s), clause %(label)s") % {
                    "code": chapter["code"],
                    "number": chapter["version"],
                    "label": clause["label"] or f"{group['title']} {occurrence + 1}",
                }
                keyed[(chapter["code"], group["title"], clause["label"], occurrence)] = {
                    "name": name,
                    "text": _clause_text(clause),
                }
    return keyed


def roadmaps_document_versions_diff(old, new) -> VersionDiff:
    """`old` → `new`, two versions of the combined roadmaps document: the introduction, the
    Action Lines' roadmaps added, removed or moved to another roadmap version, and their clauses
    added, removed or changed (each changed one word by word)."""
    a, b = old.content, new.content
    diff = VersionDiff(old.number, new.number)
    diff.texts = text_changes(a, b, (("introduction", _("Introduction")),))
    clauses_a, clauses_b = _clauses(a), _clauses(b)

    changed = [
        key
        for key, clause in clauses_b.items()
        if key in clauses_a and clauses_a[key]["text"].split() != clause["text"].split()
    ]
    diff.texts += [
        TextChange(
            clauses_b[key]["name"], word_segments(clauses_a[key]["text"], clauses_b[key]["text"])
        )
        for key in changed
    ]

    def chapters(content: dict) -> dict[str, str]:
        return {chapter["code"]: chapter_name(chapter) for chapter in content["chapters"]}

    def chapter_name(chapter: dict) -> str:
        roadmap = _("Roadmap for WSIS Action Line %(code)s: %(name)s") % {
            "code": chapter["code"],
            "name": chapter["name"],
        }
        version = _("Roadmap version %(number)s") % {"number": chapter["version"]}
        return f"{roadmap} ({version})"

    diff.items = [
        item_changes(_("Roadmaps"), chapters(a), chapters(b), lambda name: name),
        ItemChanges(
            str(_("Roadmap clauses")),
            added=tuple(c["name"] for key, c in clauses_b.items() if key not in clauses_a),
            removed=tuple(c["name"] for key, c in clauses_a.items() if key not in clauses_b),
            changed=tuple(clauses_b[key]["name"] for key in changed),
        ),
    ]
    return diff
