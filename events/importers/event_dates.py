"""Structured dates from the free text of an event's dates ("13 to 17 November 2023",
"20/Nov – 15/Dec 2023", "2021-to present", "7 March 2023; 7 July 2023"). Pure Python."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<{0}>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DASH = r"\s*(?:-|–|—|to|until)\s*"
_DAY_RANGE_RE = re.compile(
    rf"^(?P<d1>\d{{1,2}})(?:\s*/?\s*{_MONTH.format('m1')})?{_DASH}(?P<d2>\d{{1,2}})\s*/?\s*"
    rf"{_MONTH.format('m2')},?\s+(?P<y>\d{{4}})$",
    re.I,
)
_MONTH_FIRST_RANGE_RE = re.compile(
    rf"^{_MONTH.format('m1')}\s+(?P<d1>\d{{1,2}}){_DASH}(?:{_MONTH.format('m2')}\s+)?"
    rf"(?P<d2>\d{{1,2}}),?\s+(?P<y>\d{{4}})$",
    re.I,
)
_SINGLE_RE = re.compile(rf"^(?P<d>\d{{1,2}})\s*/?\s*{_MONTH.format('m')},?\s+(?P<y>\d{{4}})$", re.I)
_SINGLE_MONTH_FIRST_RE = re.compile(
    rf"^{_MONTH.format('m')}\s+(?P<d>\d{{1,2}}),?\s+(?P<y>\d{{4}})$", re.I
)
_ISO_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_OPEN_RE = re.compile(
    rf"^(?:(?:since|from)\s+)?(?:(?P<d>\d{{1,2}})\s+)?(?:{_MONTH.format('m')}\s+)?(?P<y>\d{{4}})"
    r"(?:\s*(?:-|–|—)?\s*(?:to|until)\s+(?:present|now|date|today)|\s*(?:-|–|—)\s*(?:present|now))?$",
    re.I,
)


@dataclass(frozen=True)
class ParsedDates:
    start: dt.date | None
    end: dt.date | None
    separate: tuple[dt.date, ...] = ()
    open_ended: bool = False
    # Words written beside the dates ("Hybrid Week", "Virtual Workshops in April and May 2023").
    note: str = ""

    @property
    def hybrid(self) -> bool:
        return bool(re.search(r"\bhybrid\b", self.note, re.I))

    @property
    def understood(self) -> bool:
        return self.start is not None


def _date(year: str, month: str, day: str | int) -> dt.date | None:
    try:
        return dt.date(int(year), _MONTHS[month.lower().rstrip(".")], int(day))
    except (KeyError, ValueError):
        return None


def _one(text: str) -> tuple[dt.date, dt.date] | None:
    text = " ".join(text.split()).strip(" .")
    if _ISO_RE.match(text):
        try:
            day = dt.date.fromisoformat(text)
        except ValueError:
            return None
        return day, day
    for regex in (_SINGLE_RE, _SINGLE_MONTH_FIRST_RE):
        match = regex.match(text)
        if match:
            day = _date(match["y"], match["m"], match["d"])
            return (day, day) if day else None
    for regex in (_DAY_RANGE_RE, _MONTH_FIRST_RANGE_RE):
        match = regex.match(text)
        if match:
            end_month = match["m2"] or match["m1"]
            start = _date(match["y"], match["m1"] or end_month, match["d1"])
            end = _date(match["y"], end_month, match["d2"])
            if start and end and start <= end:
                return start, end
            return None
    return None


def _leading_dates(part: str) -> tuple[tuple[dt.date, dt.date] | None, str]:
    """The dates at the start of `part` and the words after them ("13-17 March 2023 Hybrid
    Week"), trying the longest run of words that reads as dates."""
    words = part.split()
    for cut in range(len(words), 0, -1):
        found = _one(" ".join(words[:cut]))
        if found is not None:
            return found, " ".join(words[cut:]).strip(" ,.;:-–—()")
    return None, part


def parse_event_dates(text: str) -> ParsedDates:
    """The start and end of an event, its separate days, or its open start; `understood` is False
    when the text is none of these (the caller keeps the text and reports it). Words after the
    dates of a part, and parts that hold no date ("Virtual Workshops in April and May 2023"),
    become the note, as long as some part holds dates."""
    text = " ".join((text or "").split())
    if not text:
        return ParsedDates(None, None)
    strict = _parse_strict(text)
    if strict.understood:
        return strict
    parts = [part for part in re.split(r"\s*;\s*", text) if part]
    found: list[tuple[dt.date, dt.date]] = []
    notes: list[str] = []
    for part in parts:
        dates, words = _leading_dates(part)
        if dates is not None:
            found.append(dates)
        if words:
            notes.append(words)
    if not found:
        return ParsedDates(None, None)
    note = "; ".join(notes)
    if len(found) == 1:
        return ParsedDates(found[0][0], found[0][1], note=note)
    days = tuple(sorted(day for start, end in found for day in _days(start, end)))
    return ParsedDates(days[0], days[-1], separate=days, note=note)


def _parse_strict(text: str) -> ParsedDates:
    opened = _OPEN_RE.match(text)
    if opened and re.search(r"present|now|date|today", text, re.I):
        month = opened["m"] or "jan"
        start = _date(opened["y"], month, opened["d"] or 1)
        return ParsedDates(start, None, open_ended=True)
    parts = [part for part in re.split(r"\s*;\s*|\s*,\s*(?=\d{1,2}\s+[a-z])", text) if part]
    found = [_one(part) for part in parts]
    if not found or any(item is None for item in found):
        return ParsedDates(None, None)
    if len(found) == 1:
        return ParsedDates(found[0][0], found[0][1])
    days = tuple(sorted(day for start, end in found for day in _days(start, end)))
    return ParsedDates(days[0], days[-1], separate=days)


def _days(start: dt.date, end: dt.date) -> list[dt.date]:
    return [start + dt.timedelta(days=offset) for offset in range((end - start).days + 1)]
