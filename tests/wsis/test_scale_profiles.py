"""The profiles of seed_scale (issue 21): small, medium, full and million, in proportion.

Only the plans are checked here (exact numbers); tests/wsis/test_seed_scale.py loads the small
profile, and the others are loaded by the benchmark (bench/curve.py), never by the suite."""

from dataclasses import astuple

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from wsis.management.commands.seed_scale import Command as SeedScale
from wsis.scale import PROFILES, Plan


def test_the_four_profiles_are_exact():
    assert {
        "small": Plan("small", 100, 1_000, 2, 25, 36, 3, 3, 2_000, 10),
        "medium": Plan("medium", 1_000, 10_000, 2, 250, 100, 3, 3, 20_000, 10),
        "full": Plan("full", 10_000, 100_000, 20, 250, 1_000, 3, 30, 200_000, 10),
        "million": Plan("million", 100_000, 1_000_000, 200, 250, 10_000, 3, 300, 2_000_000, 10),
    } == PROFILES
    assert {name: plan.votes for name, plan in PROFILES.items()} == {
        "small": 20_000,
        "medium": 200_000,
        "full": 2_000_000,
        "million": 20_000_000,
    }


@pytest.mark.parametrize(("name", "factor"), [("medium", 10), ("million", 0.1)])
def test_medium_and_million_are_in_proportion_to_full(name, factor):
    """Ten entries per organisation, one voter for every half entry, ten votes each, 250
    sessions with outcomes per forum and one forum per 5,000 entries (medium keeps full's
    250-session forums, two of them), one nominee per 100 entries with three reviews each."""
    plan, full = PROFILES[name], PROFILES["full"]
    assert plan.entries * factor == full.entries
    assert plan.organisations * factor == full.organisations
    assert plan.voters * factor == full.voters
    assert plan.votes * factor == full.votes
    assert plan.prize_entries * factor == full.prize_entries
    assert plan.forums * plan.sessions_per_forum * factor == full.forums * full.sessions_per_forum
    assert (plan.reviews_per_prize_entry, plan.votes_per_voter) == (3, 10)
    assert astuple(plan)[0] == name


def test_seed_scale_accepts_every_profile_and_no_other():
    parser = SeedScale().create_parser("manage.py", "seed_scale")
    [profile] = [action for action in parser._actions if action.dest == "profile"]
    assert profile.choices == ["small", "medium", "full", "million"]
    # The choice is checked before anything runs (and before the PostgreSQL check).
    with pytest.raises(CommandError, match="invalid choice: 'huge'"):
        call_command("seed_scale", "--profile", "huge")
