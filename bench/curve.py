"""`make bench-curve`: the cost curve of issue 21 — how the main uncached scenarios grow with the
number of stocktaking entries.

For each chosen profile (small 1 k, medium 10 k, full 100 k, million 1 M entries) it runs
bench/run.py into that profile's own database (`wsis_bench_<profile>`, next to BENCH_DATABASE_URL),
which migrates, seeds idempotently (a second run only checks) and measures the scenarios of
`bench.scenarios.CURVE`. The points are merged into docs/img/cost-curve.json (a profile measured
again replaces its old point), which is rendered as an SVG chart (docs/img/cost-curve.svg: one
line per scenario, entries on a log axis, the server's p95 in ms) and a Markdown table written
into docs/performance.md between the COST-CURVE markers. Pure Python: no plotting library.

    python bench/curve.py [--profiles small medium full million] [--duration 10] [--warmup 3]
                          [--concurrency 16] [--skip-seed] [--render-only | --from-results]
"""

from __future__ import annotations

import argparse
import json
import math
import os
import subprocess
import sys
import time
from html import escape
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.scenarios import CURVE  # noqa: E402

PYTHON = str(ROOT / ".venv" / "bin" / "python")
# Entries per profile: wsis/scale.py PROFILES (tests/bench/test_curve.py keeps them equal).
ENTRIES = {"small": 1_000, "medium": 10_000, "full": 100_000, "million": 1_000_000}
CURVE_JSON = ROOT / "docs" / "img" / "cost-curve.json"
CURVE_SVG = ROOT / "docs" / "img" / "cost-curve.svg"
PERFORMANCE_MD = ROOT / "docs" / "performance.md"
START_MARKER = "<!-- COST-CURVE:START (written by bench/curve.py) -->"
END_MARKER = "<!-- COST-CURVE:END -->"
COLOURS = ("#1f5fa8", "#d2691e", "#2e8b57", "#b22222", "#6a3d9a", "#8b6508", "#e7298a", "#555555")


def database_url(profile: str) -> str:
    """`wsis_bench_<profile>` beside BENCH_DATABASE_URL, unless BENCH_DATABASE_URL_<PROFILE>
    names another (a database already seeded with that profile)."""
    named = os.environ.get(f"BENCH_DATABASE_URL_{profile.upper()}")
    if named:
        return named
    base = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/wsis_bench")
    return f"{base.rsplit('/', 1)[0]}/wsis_bench_{profile}"


def measure(profile: str, args: argparse.Namespace) -> dict:
    """Runs bench/run.py on one profile and returns its point of the curve."""
    out = ROOT / "bench" / "results" / f"curve-{profile}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    command = [
        PYTHON, str(ROOT / "bench" / "run.py"), "--profile", profile, "--skip-jobs",
        "--concurrency", str(args.concurrency), "--duration", str(args.duration),
        "--warmup", str(args.warmup), "--out", str(out), "--only", *CURVE,
    ]  # fmt: skip
    if args.skip_seed:
        command.append("--skip-seed")
    env = os.environ | {"BENCH_DATABASE_URL": database_url(profile)}
    started = time.monotonic()
    subprocess.run(command, cwd=ROOT, env=env, check=True)
    return point(profile, json.loads(out.read_text()), round(time.monotonic() - started, 1))


def point(profile: str, result: dict, wall_seconds: float | None = None) -> dict:
    """One profile's point of the curve from bench/run.py's JSON."""
    return {
        "profile": profile,
        "entries": ENTRIES[profile],
        "measured": result["started"],
        "load_average_at_start": result["machine"]["load_average_at_start"],
        "cpus": result["machine"]["cpus"],
        "concurrency": result["settings"]["concurrency"],
        "duration_s": result["settings"]["duration_s"],
        "seed_scale_s": result.get("seeding", {}).get("seed_scale_s"),
        "wall_s": wall_seconds,
        # The floor (the cheapest view) in the same run: how loaded the machine was.
        "floor_server_p95_ms": next(
            (row["server_p95_ms"] for row in result["scenarios"] if row["name"] == "floor"), None
        ),
        "scenarios": {
            row["name"]: {
                "server_p95_ms": row["server_p95_ms"],
                "p95_ms": row["p95_ms"],
                "rps": row["rps"],
                "queries": row["queries_per_request"],
                "errors": sum(row["errors"].values()),
            }
            for row in result["scenarios"]
            if row["name"] in CURVE
        },
    }


def merge(curve: dict, new_point: dict) -> dict:
    """The curve with `new_point` in place of any earlier point of the same profile."""
    points = [p for p in curve.get("points", []) if p["profile"] != new_point["profile"]]
    points.append(new_point)
    points.sort(key=lambda p: p["entries"])
    return {"points": points}


# --- The chart ---


def _nice_ceiling(value: float) -> float:
    """The smallest 1, 2, 2.5, 5 or 7.5 × 10^n at or above value (at least 1)."""
    if value <= 1:
        return 1.0
    power = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 7.5, 10):
        if value <= step * power:
            return step * power
    return 10 * power  # pragma: no cover - the loop always returns


def entries_label(entries: int) -> str:
    if entries >= 1_000_000:
        return f"{entries // 1_000_000} M"
    if entries >= 1_000:
        return f"{entries // 1_000} k"
    return str(entries)


def series(curve: dict, metric: str = "server_p95_ms") -> dict[str, list[tuple[int, float]]]:
    """Each scenario's (entries, value) points in order of entries; unmeasured values (the
    benchmark's -1 when the server sent no time) left out."""
    lines: dict[str, list[tuple[int, float]]] = {}
    for name in CURVE:
        values = []
        for p in curve["points"]:
            measured = p["scenarios"].get(name)
            if measured is not None and measured.get(metric, -1) >= 0:
                values.append((p["entries"], float(measured[metric])))
        if values:
            lines[name] = sorted(values)
    return lines


def render_svg(curve: dict, *, width: int = 820, height: int = 460) -> str:
    """The cost curve as a standalone SVG: one polyline (with a dot per point) per scenario,
    stocktaking entries on a log x axis (a tick per decade), server p95 in ms on a linear y axis,
    and a legend."""
    lines = series(curve)
    left, right, top, bottom = 70, 300, 40, 60
    plot_w, plot_h = width - left - right, height - top - bottom
    # Always the whole range of the profiles (1 k to 1 M), so a size not measured shows as such.
    all_entries = [entries for values in lines.values() for entries, _ in values]
    low = 10 ** math.floor(math.log10(min([*all_entries, *ENTRIES.values()])))
    high = 10 ** math.ceil(math.log10(max([*all_entries, *ENTRIES.values()])))
    y_max = _nice_ceiling(max((v for values in lines.values() for _, v in values), default=1))

    def x(entries: float) -> float:
        span = math.log10(high) - math.log10(low)
        return left + (math.log10(entries) - math.log10(low)) / span * plot_w

    def y(value: float) -> float:
        return top + plot_h - value / y_max * plot_h

    out = [
        (
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
            f'viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="12">'
        ),
        "<title>Cost curve: server p95 by number of stocktaking entries</title>",
        f'<rect width="{width}" height="{height}" fill="#ffffff"/>',
        (
            f'<text x="{left}" y="22" font-size="14" font-weight="bold">'
            "Server p95 (ms) of the main uncached scenarios by stocktaking entries</text>"
        ),
    ]
    for tick in range(6):
        value = y_max * tick / 5
        out.append(
            f'<line class="grid" x1="{left}" y1="{y(value):.1f}" x2="{left + plot_w}" '
            f'y2="{y(value):.1f}" stroke="#dddddd"/>'
        )
        out.append(
            f'<text class="y-tick" x="{left - 6}" y="{y(value) + 4:.1f}" text-anchor="end">'
            f"{value:g}</text>"
        )
    decade = low
    while decade <= high:
        out.append(
            f'<line class="grid" x1="{x(decade):.1f}" y1="{top}" x2="{x(decade):.1f}" '
            f'y2="{top + plot_h}" stroke="#dddddd"/>'
        )
        out.append(
            f'<text class="x-tick" x="{x(decade):.1f}" y="{top + plot_h + 18}" '
            f'text-anchor="middle">{entries_label(int(decade))}</text>'
        )
        decade *= 10
    out += [
        (
            f'<line x1="{left}" y1="{top + plot_h}" x2="{left + plot_w}" y2="{top + plot_h}" '
            'stroke="#000000"/>'
        ),
        f'<line x1="{left}" y1="{top}" x2="{left}" y2="{top + plot_h}" stroke="#000000"/>',
        (
            f'<text class="axis-label" x="{left + plot_w / 2:.1f}" y="{height - 15}" '
            'text-anchor="middle">stocktaking entries (log scale)</text>'
        ),
        (
            f'<text class="axis-label" x="18" y="{top + plot_h / 2:.1f}" text-anchor="middle" '
            f'transform="rotate(-90 18 {top + plot_h / 2:.1f})">server p95 (ms)</text>'
        ),
    ]
    for index, (name, values) in enumerate(lines.items()):
        colour = COLOURS[index % len(COLOURS)]
        coordinates = " ".join(f"{x(e):.1f},{y(v):.1f}" for e, v in values)
        out.append(
            f'<polyline data-scenario="{escape(name)}" points="{coordinates}" fill="none" '
            f'stroke="{colour}" stroke-width="2"/>'
        )
        for e, v in values:
            out.append(f'<circle cx="{x(e):.1f}" cy="{y(v):.1f}" r="3" fill="{colour}"/>')
        legend_y = top + 10 + index * 20
        out.append(
            f'<line x1="{left + plot_w + 20}" y1="{legend_y}" x2="{left + plot_w + 40}" '
            f'y2="{legend_y}" stroke="{colour}" stroke-width="2"/>'
        )
        out.append(
            f'<text class="legend" x="{left + plot_w + 46}" y="{legend_y + 4}">'
            f"{escape(name)}</text>"
        )
    out.append("</svg>")
    return "\n".join(out) + "\n"


# --- The table ---


def markdown(curve: dict) -> str:
    """The server p95 (ms) of each scenario at each measured size, its growth from 10 k to 1 M
    where both are measured, and how and when each point was measured."""
    points = curve["points"]
    header = "| scenario | " + " | ".join(entries_label(p["entries"]) for p in points)
    divider = "|---|" + "---:|" * len(points)
    by_entries = {p["entries"]: p for p in points}
    growth = 10_000 in by_entries and 1_000_000 in by_entries
    if growth:
        header += " | 1 M ÷ 10 k"
        divider += "---:|"
    rows = [header + " |", divider]
    for name in CURVE:
        cells = []
        for p in points:
            measured = p["scenarios"].get(name)
            cells.append(
                "–"
                if measured is None or measured["server_p95_ms"] < 0
                else f"{measured['server_p95_ms']:g}"
            )
        if growth:
            at_10k = by_entries[10_000]["scenarios"].get(name, {}).get("server_p95_ms", -1)
            at_1m = by_entries[1_000_000]["scenarios"].get(name, {}).get("server_p95_ms", -1)
            cells.append(f"{at_1m / at_10k:.2f}×" if at_10k > 0 and at_1m >= 0 else "–")
        rows.append(f"| {name} | " + " | ".join(cells) + " |")
    notes = [
        "",
        "Server p95 in ms (the `X-Server-Time` header), one wrk run per scenario after a warm-up.",
        "Each point was measured:",
        "",
    ]
    for p in points:
        load = ", ".join(f"{value:.1f}" for value in p["load_average_at_start"])
        seeded = f"; seed_scale {p['seed_scale_s']} s" if p.get("seed_scale_s") is not None else ""
        if p.get("floor_server_p95_ms") is not None:
            seeded += f"; the floor's server p95 {p['floor_server_p95_ms']:g} ms"
        notes.append(
            f"- {entries_label(p['entries'])} ({p['profile']}): {p['measured']}, "
            f"{p['concurrency']} connections, {p['duration_s']} s per scenario, load average "
            f"{load} on {p['cpus']} CPUs at the start{seeded}."
        )
    return "\n".join(rows + notes)


def write_docs(curve: dict, markdown_path: Path = PERFORMANCE_MD, svg_path: Path = CURVE_SVG):
    """Writes the chart and puts the table between the markers of the Markdown page."""
    svg_path.parent.mkdir(parents=True, exist_ok=True)
    svg_path.write_text(render_svg(curve))
    text = markdown_path.read_text()
    start, end = text.index(START_MARKER), text.index(END_MARKER)
    image = os.path.relpath(svg_path, markdown_path.parent)
    block = f"{START_MARKER}\n\n![The cost curve]({image})\n\n{markdown(curve)}\n\n"
    markdown_path.write_text(text[:start] + block + text[end:])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--profiles", nargs="+", choices=list(ENTRIES), default=list(ENTRIES))
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--skip-seed", action="store_true", help="the databases are seeded")
    parser.add_argument(
        "--render-only", action="store_true", help="only redraw the chart and table from the JSON"
    )
    parser.add_argument(
        "--from-results",
        action="store_true",
        help="take the chosen profiles' points from their last bench/results/curve-<profile>.json",
    )
    args = parser.parse_args()
    curve = json.loads(CURVE_JSON.read_text()) if CURVE_JSON.exists() else {"points": []}
    if args.from_results:
        for profile in args.profiles:
            saved = ROOT / "bench" / "results" / f"curve-{profile}.json"
            curve = merge(curve, point(profile, json.loads(saved.read_text())))
        CURVE_JSON.write_text(json.dumps(curve, indent=2) + "\n")
    elif not args.render_only:
        for profile in args.profiles:
            print(f"=== Cost curve: {profile} ({ENTRIES[profile]:,} entries) ===", flush=True)
            curve = merge(curve, measure(profile, args))
            CURVE_JSON.parent.mkdir(parents=True, exist_ok=True)
            CURVE_JSON.write_text(json.dumps(curve, indent=2) + "\n")
            write_docs(curve)
    write_docs(curve)
    print(markdown(curve))
    print(f"\nWrote {CURVE_SVG.relative_to(ROOT)} and the table in docs/performance.md")


if __name__ == "__main__":
    main()
