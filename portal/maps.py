"""The world map and the charts of the stocktaking database, drawn on the server as SVG.

Outlines: `portal/data/world-110m.json`, built by `scripts/world_map_paths.py` from Natural
Earth's 1:110m countries (public domain) via world-atlas 2.0.2 (ISC, see
`portal/data/world-atlas-LICENSE.txt`). Small states missing at that scale are in the table."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django_countries.fields import Country

OUTLINES = Path(__file__).resolve().parent / "data" / "world-110m.json"
# Upper bounds of the choropleth's classes, as shares of the largest count (0 is its own).
LEVELS = (0.1, 0.25, 0.5, 1.0)


@cache
def world_outlines() -> dict:
    return json.loads(OUTLINES.read_text())


@dataclass(frozen=True)
class MapCountry:
    code: str
    name: str
    count: int
    level: int  # 0 (no entry) to len(LEVELS)
    path: str  # "" when the country is too small for the map's scale


def map_level(count: int, largest: int) -> int:
    if count <= 0 or largest <= 0:
        return 0
    share = count / largest
    return next(number for number, bound in enumerate(LEVELS, start=1) if share <= bound)


def world_map(counts: dict[str, int]) -> tuple[dict, list[MapCountry]]:
    """(the map's size, every country drawn or counted) for entry counts by ISO code."""
    outlines = world_outlines()
    largest = max(counts.values(), default=0)
    codes = set(outlines["countries"]) | set(counts)
    countries = [
        MapCountry(
            code=code,
            name=str(Country(code).name),
            count=counts.get(code, 0),
            level=map_level(counts.get(code, 0), largest),
            path=outlines["countries"].get(code, ""),
        )
        for code in sorted(codes)
    ]
    size = {"width": outlines["width"], "height": outlines["height"]}
    return size, countries
