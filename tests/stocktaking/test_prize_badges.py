"""Winners and champions of the WSIS Prizes are marked on the stocktaking pages and in the API,
once their contest has announced its winners."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from stocktaking.enums import EntryStatus
from stocktaking.prizes.caching import prize_results_of_stocktaking_entries
from stocktaking.prizes.enums import Phase, PrizeEntryStatus
from tests.prizes.factories import ContestFactory, PrizeEntryFactory
from tests.stocktaking.factories import EntryFactory

pytestmark = pytest.mark.django_db

API_URL = "/api/v1/stocktaking/entries/"


def _prize(status: str, *, phase: str = Phase.WINNERS_ANNOUNCED, year: int = 2025):
    """A public stocktaking entry entered in category C4 of a contest in `phase` now."""
    entry = EntryFactory(status=EntryStatus.APPROVED)
    contest = ContestFactory(year=year, in_phase=phase, at=timezone.now())
    PrizeEntryFactory(
        contest=contest,
        category=contest.categories.get(action_line__code="C4"),
        organisation=entry.organisation,
        stocktaking_entry=entry,
        status=status,
    )
    return entry


def _badges(html: str) -> list[str]:
    return re.findall(r'<li class="prize-badge prize-badge-\w+">([^<]*)</li>', html)


@pytest.mark.parametrize(
    ("status", "badge"),
    [
        (PrizeEntryStatus.WINNER, "WSIS Prize winner 2025 — C4 Capacity building"),
        (PrizeEntryStatus.CHAMPION, "WSIS Prize champion 2025 — C4 Capacity building"),
    ],
)
def test_badge_of_winner_and_champion_on_detail_and_list(client, status, badge):
    entry = _prize(status)
    detail = client.get(entry.get_absolute_url()).content.decode()
    listing = client.get(reverse("stocktaking:list")).content.decode()
    assert _badges(detail) == [badge]
    assert _badges(listing) == [badge]


@pytest.mark.parametrize("status", [PrizeEntryStatus.NOMINEE, PrizeEntryStatus.FINALIST])
def test_no_badge_for_nominee_or_finalist(client, status):
    entry = _prize(status)
    assert _badges(client.get(entry.get_absolute_url()).content.decode()) == []
    assert _badges(client.get(reverse("stocktaking:list")).content.decode()) == []
    assert APIClient().get(f"{API_URL}{entry.pk}/").json()["prizes"] == []


def test_no_badge_before_the_winners_are_announced(client):
    entry = _prize(PrizeEntryStatus.WINNER, phase=Phase.FINALISTS)
    assert _badges(client.get(entry.get_absolute_url()).content.decode()) == []
    assert _badges(client.get(reverse("stocktaking:list")).content.decode()) == []
    assert APIClient().get(API_URL).json()["results"][0]["prizes"] == []


def test_api_lists_the_published_prizes_of_an_entry():
    entry = _prize(PrizeEntryStatus.CHAMPION)
    expected = [{"year": 2025, "category": "C4 Capacity building", "result": "champion"}]
    assert APIClient().get(f"{API_URL}{entry.pk}/").json()["prizes"] == expected
    assert APIClient().get(API_URL).json()["results"][0]["prizes"] == expected


def test_results_appear_at_their_announcement_and_pages_without_one_read_none(
    django_assert_num_queries,
):
    entry = _prize(PrizeEntryStatus.WINNER, phase=Phase.FINALISTS)
    plain = EntryFactory(status=EntryStatus.APPROVED)
    announced_at = entry.prize_entries.get().contest.winners_announced_at
    before = announced_at - dt.timedelta(minutes=1)
    # The entries with results are read once per prizes generation...
    assert prize_results_of_stocktaking_entries([entry.pk, plain.pk], now=before) == {}
    # ...so a page without a result announced by now reads nothing more,
    with django_assert_num_queries(0):
        assert prize_results_of_stocktaking_entries([plain.pk], now=announced_at) == {}
    # and a result shows from the moment its contest announces it, without any service running.
    with django_assert_num_queries(1):
        found = prize_results_of_stocktaking_entries([entry.pk, plain.pk], now=announced_at)
    assert [(pk, [prize.status for prize in prizes]) for pk, prizes in found.items()] == [
        (entry.pk, [PrizeEntryStatus.WINNER])
    ]
