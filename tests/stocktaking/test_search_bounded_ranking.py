"""A relevance-sorted search ranks only its newest RANKED_CANDIDATES matches (title matches
first), then lists every other match newest first: each match on exactly one page, counted once.
The first list after a publication finds its facet counts already warm."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from stocktaking import selectors, services
from stocktaking.enums import EntryStatus
from stocktaking.filters import EntryFilter
from tests.stocktaking.factories import EntryFactory
from wsis.caching import public_cache_bump, public_cache_generations
from wsis.pagination import KnownCountPaginator

pytestmark = pytest.mark.skipif(
    not settings.IS_POSTGRESQL, reason="the bounded ranking works on PostgreSQL's search vector"
)

# (title, summary) from newest to oldest; "solar" is in the title of 1, 3, 4 and 6 only.
ENTRIES = [
    ("Rural clinics", "Solar power for clinics."),
    ("Solar kiosks", "Kiosks for villages."),
    ("Village schools", "Solar lamps for pupils."),
    ("Solar schools", "Panels on schools."),
    ("Solar farms", "Farmers share panels."),
    ("Water pumps", "Solar pumps for farmers."),
    ("Solar roads", "Roads that light up."),
    ("Market stalls", "Solar fridges for markets."),
]


@pytest.fixture
def solar_entries(db):
    now = timezone.now()
    made = {}
    for age, (title, summary) in enumerate(ENTRIES):
        made[title] = EntryFactory(
            status=EntryStatus.APPROVED,
            title=title,
            summary=summary,
            approved_at=now - timedelta(days=age),
        )
    EntryFactory(status=EntryStatus.APPROVED, title="Fibre cables", summary="Backbone links.")
    EntryFactory(status=EntryStatus.DRAFT, title="Solar draft", summary="Never public.")
    return made


def _searched(text):
    return selectors.entries_search(selectors.entries_public_listed(), text)


# With 4 candidates: the newest four matches, title matches first, then the other four newest
# first (a title match among them too: it is past the bounded set).
EXPECTED = [
    "Solar kiosks",
    "Solar schools",
    "Rural clinics",
    "Village schools",
    "Solar farms",
    "Water pumps",
    "Solar roads",
    "Market stalls",
]


@pytest.mark.parametrize("per_page", [1, 2, 3, 4, 5, 8])
def test_pages_rank_the_newest_candidates_then_list_the_rest_each_once(
    solar_entries, monkeypatch, per_page
):
    monkeypatch.setattr(selectors, "RANKED_CANDIDATES", 4)
    paginator = KnownCountPaginator(_searched("solar"), per_page, count=len(EXPECTED))
    titles = [
        entry.title
        for number in paginator.page_range
        for entry in paginator.page(number).object_list
    ]
    assert titles == EXPECTED
    assert paginator.num_pages == -(-len(EXPECTED) // per_page)


def test_with_every_match_a_candidate_title_matches_come_first(solar_entries):
    paginator = KnownCountPaginator(_searched("solar"), 20, count=len(EXPECTED))
    titles = [entry.title for entry in paginator.page(1).object_list]
    assert titles == [
        "Solar kiosks",
        "Solar schools",
        "Solar farms",
        "Solar roads",
        "Rural clinics",
        "Village schools",
        "Water pumps",
        "Market stalls",
    ]
    clinics = paginator.page(1).object_list[4]
    assert selectors.HIGHLIGHT_START + "Solar" in clinics.headline


def test_another_sort_of_a_search_is_a_plain_queryset_page(solar_entries, monkeypatch, rf):
    monkeypatch.setattr(selectors, "RANKED_CANDIDATES", 4)
    request = rf.get("/", {"q": "solar", "sort": "title"})
    queryset = EntryFilter(request.GET, queryset=selectors.entries_public_listed()).qs
    page = KnownCountPaginator(queryset, 3, count=len(EXPECTED)).page(2)
    assert [entry.title for entry in page] == ["Solar kiosks", "Solar roads", "Solar schools"]


def test_the_list_page_and_the_api_follow_the_same_order_and_count(solar_entries, monkeypatch):
    monkeypatch.setattr(selectors, "RANKED_CANDIDATES", 4)
    client = Client()
    api_titles = []
    for number in (1, 2, 3):
        response = client.get(
            "/api/v1/stocktaking/entries/", {"q": "solar", "page_size": 3, "page": number}
        )
        assert response.status_code == 200
        assert response.json()["count"] == 8
        api_titles += [row["title"] for row in response.json()["results"]]
    assert api_titles == EXPECTED
    response = client.get(reverse("stocktaking:list"), {"q": "solar"})
    assert response.status_code == 200
    assert [entry.title for entry in response.context["page_obj"]] == EXPECTED
    assert response.context["page_obj"].paginator.count == 8


def _stored_summary():
    key = f"stocktaking-summary:{public_cache_generations(['stocktaking'])}:all"
    return cache.get(key)


def test_the_bump_warms_the_unfiltered_summary_on_commit(
    solar_entries, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        public_cache_bump("stocktaking")
        # Nothing happens before the commit.
        before = public_cache_generations(["stocktaking"])
    assert len(callbacks) == 1
    assert public_cache_generations(["stocktaking"]) != before
    summary = _stored_summary()
    assert summary.total == 9
    assert summary.of("kind") == {"project": 9}
    count_key = f"stocktaking-count:{public_cache_generations(['stocktaking'])}:all"
    assert cache.get(count_key) == 9


def test_an_approval_leaves_the_public_list_warm(
    solar_entries, people, organisation, django_capture_on_commit_callbacks
):
    entry = EntryFactory(organisation=organisation, status=EntryStatus.SUBMITTED)
    with django_capture_on_commit_callbacks(execute=True):
        services.entry_approve(entry=entry, by=people["secretariat"])
    assert _stored_summary().total == 10
