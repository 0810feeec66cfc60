"""The cost curve (issue 21): bench/curve.py's points, chart and table from bench/run.py's JSON."""

import re
import xml.etree.ElementTree as ET

import pytest

from bench import curve
from bench import run as bench_run
from bench.scenarios import CURVE, SCENARIOS
from wsis.scale import PROFILES

SVG = "{http://www.w3.org/2000/svg}"


def _run_result(server_p95: dict[str, float], *, load=(9.5, 8.0, 7.0)) -> dict:
    """The JSON bench/run.py saves, with the given server p95 per scenario."""
    return {
        "started": "2026-12-05T15:00:00+00:00",
        "machine": {"cpus": 2, "load_average_at_start": list(load)},
        "settings": {"concurrency": 16, "duration_s": 5},
        "seeding": {"seed_scale_s": 12.5},
        "scenarios": [
            {
                "name": name,
                "server_p95_ms": value,
                "p95_ms": value * 3,
                "rps": 100.0,
                "queries_per_request": 4,
                "errors": {"connect": 0, "read": 0},
            }
            for name, value in server_p95.items()
        ]
        # A scenario outside the curve is left out of its point.
        + [
            {
                "name": "floor",
                "server_p95_ms": 1.0,
                "p95_ms": 2.0,
                "rps": 2000.0,
                "queries_per_request": 0,
                "errors": {},
            }
        ],
    }


def _curve(values_by_profile: dict[str, dict[str, float]]) -> dict:
    result = {"points": []}
    for profile, values in values_by_profile.items():
        result = curve.merge(result, curve.point(profile, _run_result(values)))
    return result


def test_the_curve_profiles_are_seed_scale_profiles_with_their_entries():
    assert {name: plan.entries for name, plan in PROFILES.items()} == curve.ENTRIES
    assert bench_run.PROFILE_NAMES == tuple(PROFILES) == ("small", "medium", "full", "million")


def test_every_curve_scenario_is_an_uncached_or_signed_in_scenario():
    by_name = {scenario.name: scenario for scenario in SCENARIOS}
    assert set(CURVE) <= set(by_name)
    assert len(CURVE) == 8
    for name in CURVE:
        scenario = by_name[name]
        assert scenario.uncached or scenario.user, name
        assert not scenario.cacheable, name
    assert by_name["stocktaking entry detail (uncached)"].path == "{entry_path}"
    assert by_name["stocktaking list, page 200 (uncached)"].path == "/stocktaking/?page=200"


def test_a_profile_measured_again_replaces_its_point_and_points_stay_in_order_of_entries():
    first = dict.fromkeys(CURVE, 10.0)
    result = _curve({"full": first, "small": first, "medium": first})
    assert [p["profile"] for p in result["points"]] == ["small", "medium", "full"]
    again = curve.merge(result, curve.point("medium", _run_result({CURVE[0]: 99.0})))
    assert [p["entries"] for p in again["points"]] == [1_000, 10_000, 100_000]
    medium = again["points"][1]
    assert medium["scenarios"] == {
        CURVE[0]: {"server_p95_ms": 99.0, "p95_ms": 297.0, "rps": 100.0, "queries": 4, "errors": 0}
    }
    assert medium["load_average_at_start"] == [9.5, 8.0, 7.0]
    assert medium["seed_scale_s"] == 12.5
    assert medium["floor_server_p95_ms"] == 1.0


def test_the_chart_has_one_polyline_per_scenario_with_a_point_per_measured_size():
    # The largest value measured at 100 k is the entry detail's (10), whatever comes after it.
    values = {name: 5.0 + (index if index <= 5 else 0) for index, name in enumerate(CURVE)}
    # The rare-word search has no server time at 10 k (-1: the header was missing), and the
    # vote page was not measured at 100 k at all.
    medium = dict(values) | {"search, rare word (uncached)": -1}
    full = {k: v * 2 for k, v in values.items() if k != "category vote forms (signed-in voter)"}
    svg = curve.render_svg(_curve({"small": values, "medium": medium, "full": full}))

    root = ET.fromstring(svg)  # noqa: S314 - the SVG this test just drew
    polylines = root.findall(f"{SVG}polyline")
    points = {line.get("data-scenario"): line.get("points").split() for line in polylines}
    assert list(points) == list(CURVE)
    expected = dict.fromkeys(CURVE, 3) | {
        "search, rare word (uncached)": 2,
        "category vote forms (signed-in voter)": 2,
    }
    assert {name: len(coordinates) for name, coordinates in points.items()} == expected
    assert len(root.findall(f"{SVG}circle")) == sum(expected.values())
    # Log x axis: 1 k, 10 k, 100 k are equally spaced; a larger value is drawn higher (smaller y).
    xs = [float(pair.split(",")[0]) for pair in points[CURVE[0]]]
    assert xs[1] - xs[0] == pytest.approx(xs[2] - xs[1], abs=0.2)
    ys = [float(pair.split(",")[1]) for pair in points[CURVE[0]]]
    assert ys[0] == ys[1] > ys[2]

    texts = {t.get("class"): [] for t in root.findall(f"{SVG}text")}
    for text in root.findall(f"{SVG}text"):
        texts[text.get("class")].append(text.text)
    assert texts["axis-label"] == ["stocktaking entries (log scale)", "server p95 (ms)"]
    # The whole range of the profiles, measured or not.
    assert texts["x-tick"] == ["1 k", "10 k", "100 k", "1 M"]
    # y from 0 to the nice ceiling of the largest value (entry detail at 100 k: 10 × 2) in fifths.
    assert texts["y-tick"] == ["0", "4", "8", "12", "16", "20"]
    assert texts["legend"] == list(CURVE)


def test_the_table_shows_server_p95_per_size_and_the_growth_from_10k_to_1m():
    table = curve.markdown(
        _curve(
            {
                "medium": {CURVE[0]: 10.0, CURVE[1]: 8.0},
                "million": {CURVE[0]: 14.5, CURVE[1]: 40.0},
            }
        )
    )
    lines = table.splitlines()
    assert lines[0] == "| scenario | 10 k | 1 M | 1 M ÷ 10 k |"
    assert lines[1] == "|---|---:|---:|---:|"
    assert lines[2] == f"| {CURVE[0]} | 10 | 14.5 | 1.45× |"
    assert lines[3] == f"| {CURVE[1]} | 8 | 40 | 5.00× |"
    assert lines[4] == f"| {CURVE[2]} | – | – | – |"
    assert (
        "- 10 k (medium): 2026-12-05T15:00:00+00:00, 16 connections, 5 s per scenario, "
        "load average 9.5, 8.0, 7.0 on 2 CPUs at the start; seed_scale 12.5 s; the floor's "
        "server p95 1 ms." in lines
    )


def test_write_docs_replaces_only_what_is_between_the_markers(tmp_path):
    page = tmp_path / "performance.md"
    page.write_text(
        f"# Performance\n\nbefore\n\n{curve.START_MARKER}\nold table\n{curve.END_MARKER}\n\nafter\n"
    )
    svg = tmp_path / "img" / "cost-curve.svg"
    data = _curve({"small": {CURVE[0]: 3.0}})
    curve.write_docs(data, page, svg)
    curve.write_docs(data, page, svg)  # twice: the same page
    text = page.read_text()
    assert text.startswith("# Performance\n\nbefore\n\n" + curve.START_MARKER + "\n")
    assert text.endswith(curve.END_MARKER + "\n\nafter\n")
    assert "old table" not in text
    assert text.count("![The cost curve](img/cost-curve.svg)") == 1
    assert f"| {CURVE[0]} | 3 |" in text
    assert re.search(r"<polyline data-scenario=", svg.read_text())


@pytest.mark.parametrize(
    ("value", "ceiling"), [(0.3, 1), (1, 1), (3, 5), (20, 20), (22, 25), (502.6, 750), (900, 1000)]
)
def test_the_y_axis_ends_at_a_round_value_at_or_above_the_largest(value, ceiling):
    assert curve._nice_ceiling(value) == ceiling
