"""What the events importers share beyond the core's text-import toolkit (`wsis.text_import`):
the SDGs named in free text."""

from __future__ import annotations

import re

ALL_SDGS: tuple[int, ...] = tuple(range(1, 18))

_ALL_RE = re.compile(
    r"""
    \ball\s+(?:of\s+)?(?:the\s+)?(?:17|seventeen)\b
    | \ball\s+(?:of\s+)?(?:the\s+)?(?:sdgs?|goals|sustainable\s+development\s+goals)\b
    | \b(?:17|seventeen)\s+(?:sdgs|goals|sustainable\s+development\s+goals)\b
    | ^\W*all\W*$
    """,
    re.IGNORECASE | re.VERBOSE,
)
# A number may carry a target suffix ("SDG 9.c", "SDG 4.4"): the goal is the part before the dot.
_NUM = r"(?<!\d)\d{1,2}(?:\.(?:\d{1,2}|[a-z]))?(?![\d])"
_RANGE = rf"{_NUM}(?:\s*(?:-|–|—|to)\s*{_NUM})?"
_SEP = r"\s*(?:,|;|/|&|\+|\band\b|\bor\b)\s*"
_ANCHOR = r"\b(?:sdgs?|goals?|sustainable\s+development\s+goals?)\s*(?:no\.?|nos\.?|n°|#)?\s*"
_LIST_RE = re.compile(rf"{_ANCHOR}(?P<list>{_RANGE}(?:{_SEP}{_RANGE})*)", re.IGNORECASE)
_ITEM_RE = re.compile(rf"(?P<start>{_NUM})(?:\s*(?:-|–|—|to)\s*(?P<end>{_NUM}))?", re.IGNORECASE)


def _goal(number: str) -> int:
    return int(number.split(".", 1)[0])


def extract_sdg_numbers(text: str) -> tuple[int, ...]:
    """The SDGs (1..17) named in free text, sorted and without duplicates.

    Numbers only count after an "SDG"/"Goal" anchor, so years and other figures in the same
    sentence ("SDG 9 and the 2030 Agenda") are not mistaken for goals.
    """
    if _ALL_RE.search(text):
        return ALL_SDGS
    found: set[int] = set()
    for listing in _LIST_RE.finditer(text):
        for item in _ITEM_RE.finditer(listing.group("list")):
            start = _goal(item.group("start"))
            end = _goal(item.group("end")) if item.group("end") else start
            if start > end:
                start, end = end, start
            # A range that runs past 17 is a typo rather than a goal list; keep its valid part.
            found.update(n for n in range(start, end + 1) if 1 <= n <= 17)
    return tuple(sorted(found))
