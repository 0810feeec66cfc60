"""Builds portal/data/world-110m.json, the country outlines of the portal's world map, from
world-atlas 2.0.2's countries-110m.json (TopoJSON of Natural Earth's 1:110m countries, which are
in the public domain; world-atlas is ISC-licensed, © Mike Bostock).

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python scripts/world_map_paths.py package/countries-110m.json > portal/data/world-110m.json

Each country (ISO 3166-1 alpha-2, from the numeric id) becomes an SVG path in the Equal Earth
projection (an equal-area projection, so a country's colour covers its true share of the map),
in a 960-wide viewBox, rounded to a tenth of a unit. Antarctica is left out."""

import itertools
import json
import math
import sys

from django_countries import countries

A1, A2, A3, A4 = 1.340264, -0.081106, 0.000893, 0.003796
M = math.sqrt(3) / 2
X_MAX, Y_MAX = 2.7066297, 1.3173627
WIDTH = 960
SCALE = WIDTH / (2 * X_MAX)
HEIGHT = round(2 * Y_MAX * SCALE)


def equal_earth(longitude: float, latitude: float) -> tuple[float, float]:
    lam, phi = math.radians(longitude), math.radians(latitude)
    theta = math.asin(M * math.sin(phi))
    t2, t6 = theta**2, theta**6
    slope = 9 * A4 * t6 * t2 + 7 * A3 * t6 + 3 * A2 * t2 + A1
    x = 2 * math.sqrt(3) * lam * math.cos(theta) / (3 * slope)
    y = theta * (A4 * t6 * t2 + A3 * t6 + A2 * t2 + A1)
    return (x + X_MAX) * SCALE, (Y_MAX - y) * SCALE


def decoded_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring_points(ring: list[int], arcs) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for index in ring:
        arc = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        points.extend(arc if not points else arc[1:])
    return points


def pieces(ring: list[tuple[float, float]]) -> list[list[tuple[float, float]]]:
    """A ring cut where it jumps across the antimeridian (Fiji, Russia's far east): drawn whole,
    the jump would cross the whole map."""
    cut = [[ring[0]]]
    for previous, point in itertools.pairwise(ring):
        if abs(point[0] - previous[0]) > 180:
            cut.append([])
        cut[-1].append(point)
    return [piece for piece in cut if len(piece) > 2]


def path(rings: list[list[tuple[float, float]]]) -> str:
    parts = []
    for ring in rings:
        for piece in pieces(ring):
            projected = [equal_earth(lon, lat) for lon, lat in piece]
            coordinates = " ".join(f"{x:.1f},{y:.1f}" for x, y in projected)
            parts.append(f"M{coordinates}Z")
    return "".join(parts)


def main(source: str) -> None:
    with open(source) as handle:
        topology = json.load(handle)
    arcs = decoded_arcs(topology)
    outlines = {}
    for geometry in topology["objects"]["countries"]["geometries"]:
        numeric = geometry.get("id")
        code = countries.alpha2(int(numeric)) if numeric and numeric.isdigit() else ""
        if not code or code == "AQ":
            continue
        polygons = [geometry["arcs"]] if geometry["type"] == "Polygon" else geometry.get("arcs", [])
        rings = [ring_points(ring, arcs) for polygon in polygons for ring in polygon]
        outlines[code] = path(rings)
    json.dump(
        {"width": WIDTH, "height": HEIGHT, "countries": dict(sorted(outlines.items()))},
        sys.stdout,
        separators=(",", ":"),
    )


if __name__ == "__main__":
    # Run as a script: Django is configured here, before anything of it is used.
    import django
    from django.conf import settings

    settings.configure()
    django.setup()
    main(sys.argv[1])
