"""Names that look alike: the skeleton of an organisation's name, after Unicode's confusables
(UTS #39) as the confusable-homoglyphs library ships them.

Two names with the same skeleton look the same to a reader although their letters differ, e.g.
"Digital Villages" with a Cyrillic "о" or "і", or with a capital I for the l. The portal does not
refuse such a name (a real organisation may spell itself so), it flags it for the secretariat
(see `organisation_create`)."""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from confusable_homoglyphs.confusables import confusables_data


def _single_characters(char: str) -> set[str]:
    """`char`, its other case, and every single character the data says looks like it."""
    found = {char, char.lower(), char.upper()}
    found |= {glyph["c"] for glyph in confusables_data.get(char, ()) if len(glyph["c"]) == 1}
    return {each for each in found if len(each) == 1}


@lru_cache(maxsize=1)
def _ascii_classes() -> dict[str, str]:
    """Each ASCII character (case folded) → the smallest one it may be mistaken for, through
    any chain of look-alikes (O and 0, l and I and 1): look-alike lists are not transitive in
    the data, so a Cyrillic "О" and a Latin "O" could otherwise land in different classes."""
    parent: dict[str, str] = {}

    def root(char: str) -> str:
        while parent.setdefault(char, char) != char:
            char = parent[char]
        return char

    for char in confusables_data:
        members = sorted({each.casefold() for each in _single_characters(char) if each.isascii()})
        for other in members[1:]:
            first, second = root(members[0]), root(other)
            if first != second:
                parent[max(first, second)] = min(first, second)
    return {char: root(char) for char in parent}


@lru_cache(maxsize=4096)
def _letter_class(char: str) -> str:
    """The ASCII character that stands for every character looking like `char`, or `char`
    case folded when no ASCII character looks like it."""
    classes = _ascii_classes()
    candidates = sorted(
        classes.get(each.casefold(), each.casefold())
        for each in _single_characters(char)
        if each.isascii()
    )
    return candidates[0] if candidates else char.casefold()


def name_skeleton(name: str) -> str:
    """What a name looks like: compatibility forms folded (NFKC), every character replaced by
    its ASCII look-alike class (case aside), runs of spaces made one."""
    looks = "".join(_letter_class(char) for char in unicodedata.normalize("NFKC", name))
    return " ".join(looks.split())


def names_look_alike(first: str, second: str) -> bool:
    """The names differ (beyond case and spacing) yet look the same."""
    plain = (" ".join(first.casefold().split()), " ".join(second.casefold().split()))
    return plain[0] != plain[1] and name_skeleton(first) == name_skeleton(second)
