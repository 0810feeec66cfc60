"""Charts drawn on the server as SVG: geometry only (positions and sizes as SVG attributes,
colours from the portal's CSS classes), so the Content Security Policy holds and every chart
comes with its figures as a table for screen readers and for reading exact values."""

from __future__ import annotations

from dataclasses import dataclass

# The drawing's own units; the SVG scales to its box.
COLUMN_WIDTH = 10
COLUMN_GAP = 2
CHART_HEIGHT = 100


@dataclass(frozen=True)
class Column:
    label: str
    value: int
    x: float
    y: float
    width: float
    height: float


def columns(rows: list[tuple[str, int]]) -> tuple[list[Column], dict]:
    """Vertical columns for (label, value) rows in order (e.g. votes per day), scaled to the
    largest value, and the SVG's size with a summary {"width", "height", "largest", "first",
    "last"}."""
    largest = max((value for _label, value in rows), default=0)
    scale = CHART_HEIGHT / largest if largest else 0
    drawn = []
    for index, (label, value) in enumerate(rows):
        height = round(value * scale, 2)
        drawn.append(
            Column(
                label=label,
                value=value,
                x=index * (COLUMN_WIDTH + COLUMN_GAP),
                y=round(CHART_HEIGHT - height, 2),
                width=COLUMN_WIDTH,
                height=height,
            )
        )
    width = max(len(rows) * (COLUMN_WIDTH + COLUMN_GAP) - COLUMN_GAP, COLUMN_WIDTH)
    return drawn, {
        "width": width,
        "height": CHART_HEIGHT,
        "largest": largest,
        "first": rows[0][0] if rows else "",
        "last": rows[-1][0] if rows else "",
    }


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    width: float  # share of the longest bar, 0-100
    share: int  # share of the total, in whole per cent
    href: str = ""


def bars(rows) -> list[Bar]:
    """Horizontal bars for (label, value) or (label, value, link) rows in order, scaled to the
    largest value; the one helper of every bar chart (`{% bar_chart %}` in
    wsis/templatetags/portal_charts.py draws them)."""
    rows = [(str(row[0]), int(row[1]), row[2] if len(row) > 2 else "") for row in rows]
    largest = max((value for _label, value, _href in rows), default=0) or 1
    total = sum(value for _label, value, _href in rows)
    return [
        Bar(
            label=label,
            value=value,
            width=round(100 * value / largest, 1),
            share=round(100 * value / total) if total else 0,
            href=href,
        )
        for label, value, href in rows
    ]
