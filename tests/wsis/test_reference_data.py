"""Tests for the pure-Python reference data in ``wsis.reference_data`` (no database needed)."""

from __future__ import annotations

from collections import Counter

import pytest
from django_countries.data import COUNTRIES

from wsis.reference_data import (
    ACTION_LINES,
    ITU_REGIONS,
    SDGS,
    STAKEHOLDER_TYPES,
    UN_MEMBER_STATE_REGIONS,
    UN_OBSERVER_STATES,
    action_line_slug,
    itu_region_for_country,
)

EXPECTED_ACTION_LINE_CODES = [
    "C1",
    "C2",
    "C3",
    "C4",
    "C5",
    "C6",
    "C7.1",
    "C7.2",
    "C7.3",
    "C7.4",
    "C7.5",
    "C7.6",
    "C7.7",
    "C7.8",
    "C8",
    "C9",
    "C10",
    "C11",
]

REGION_CODES = {"africa", "americas", "arab_states", "asia_pacific", "cis", "europe"}


def test_action_lines_count_and_order() -> None:
    assert len(ACTION_LINES) == 18
    assert [code for code, _name, _pos in ACTION_LINES] == EXPECTED_ACTION_LINE_CODES
    assert [pos for _code, _name, pos in ACTION_LINES] == list(range(1, 19))


def test_action_line_names_spot_checks() -> None:
    names = {code: name for code, name, _pos in ACTION_LINES}
    assert names["C1"] == (
        "The role of governments and all stakeholders in the promotion of ICTs for development"
    )
    assert names["C7.1"] == "ICT applications: E-government"
    assert names["C7.8"] == "ICT applications: E-science"
    assert names["C11"] == "International and regional cooperation"
    positions = {code: pos for code, _name, pos in ACTION_LINES}
    assert positions["C7.1"] == 7
    assert positions["C7.8"] == 14
    assert positions["C8"] == 15
    assert positions["C11"] == 18


@pytest.mark.parametrize(
    ("code", "slug"),
    [("C1", "c1"), ("C2", "c2"), ("C7.1", "c7-1"), ("C7.8", "c7-8"), ("C11", "c11")],
)
def test_action_line_slug(code: str, slug: str) -> None:
    assert action_line_slug(code) == slug


def test_action_line_slugs_are_unique() -> None:
    slugs = [action_line_slug(code) for code, _name, _pos in ACTION_LINES]
    assert len(set(slugs)) == 18


def test_sdgs() -> None:
    assert len(SDGS) == 17
    assert [number for number, _name in SDGS] == list(range(1, 18))
    assert SDGS[0] == (1, "No poverty")
    assert SDGS[16] == (17, "Partnerships for the goals")


def test_stakeholder_types() -> None:
    assert [code for code, _name in STAKEHOLDER_TYPES] == [
        "government",
        "private_sector",
        "civil_society",
        "academia",
        "technical_community",
        "international_organization",
    ]


def test_itu_regions() -> None:
    assert {code for code, _name in ITU_REGIONS} == REGION_CODES
    assert len(ITU_REGIONS) == 6


def test_exactly_193_member_states() -> None:
    assert len(UN_MEMBER_STATE_REGIONS) == 193


def test_every_value_is_a_known_region() -> None:
    assert set(UN_MEMBER_STATE_REGIONS.values()) <= REGION_CODES


def test_region_counts() -> None:
    counts = Counter(UN_MEMBER_STATE_REGIONS.values())
    assert counts["africa"] == 44
    assert counts["americas"] == 35
    assert counts["arab_states"] == 21
    assert counts["asia_pacific"] == 39
    assert counts["cis"] == 9
    assert counts["europe"] == 45


def test_observer_states_are_not_member_states() -> None:
    assert UN_OBSERVER_STATES == ("PS", "VA")
    for code in UN_OBSERVER_STATES:
        assert code not in UN_MEMBER_STATE_REGIONS
        assert itu_region_for_country(code) is None


@pytest.mark.parametrize(
    ("code", "region"),
    [
        ("EG", "arab_states"),
        ("MA", "arab_states"),
        ("KM", "arab_states"),
        ("RU", "cis"),
        ("KZ", "cis"),
        ("BR", "americas"),
        ("US", "americas"),
        ("CH", "europe"),
        ("UA", "europe"),
        ("TR", "europe"),
        ("IL", "europe"),
        ("CY", "europe"),
        ("JP", "asia_pacific"),
        ("IR", "asia_pacific"),
        ("AF", "asia_pacific"),
        ("NG", "africa"),
        ("ZA", "africa"),
    ],
)
def test_region_spot_checks(code: str, region: str) -> None:
    assert UN_MEMBER_STATE_REGIONS[code] == region
    assert itu_region_for_country(code) == region


def test_itu_region_for_country_lookup() -> None:
    assert itu_region_for_country("eg") == "arab_states"
    assert itu_region_for_country("XX") is None
    assert itu_region_for_country("TW") is None


def test_every_code_is_a_valid_country_code() -> None:
    unknown = [code for code in UN_MEMBER_STATE_REGIONS if code not in COUNTRIES]
    assert unknown == []
