"""What WSIS Stocktaking caches, keyed by what, and when it is invalidated (see docs/caching.md).

Cached (besides the whole anonymous list page, `cache_public_page` in urls.py):
- a result's counts (facets, matrix, regions, total) and the API's totals, per filter
  combination (`stocktaking.filters.entries_result_key`) and "stocktaking" generation;
- each list row and each API representation of an entry, per entry, language, its prize badges
  and search snippet, and the "core", "stocktaking" and "prizes" generations;
- the list page's filter panel and summary fragments (`{% cache %}` keyed by
  `summary_fragment_key`).

Invalidated ("stocktaking" bumped on commit) by: an entry's move into or out of a public state,
and any save or deletion of a public entry (an approved revision, an edit in the admin). After
each bump the unfiltered list's counts are counted again by a task (registered in apps.py).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from django.http import HttpRequest
from django.utils import timezone

from stocktaking import selectors
from stocktaking.enums import PUBLIC_STATES
from stocktaking.models import Entry
from stocktaking.prizes.caching import (
    next_results_announcement,
    prize_results_of_stocktaking_entries,
)
from wsis.caching import (
    public_cache_bump_on_workflow,
    public_cache_computed,
    public_cache_computed_store,
    public_cache_each,
    public_cache_generations,
    public_cache_rows,
    public_cache_until,
)
from wsis.enums import CacheNamespace
from wsis.search import UNFILTERED

STOCKTAKING = CacheNamespace.STOCKTAKING
# What an entry's row or API representation shows: reference data, the entry, its prizes.
ENTRY_NAMESPACES = (CacheNamespace.CORE, STOCKTAKING, CacheNamespace.PRIZES)
# A result's counts live at most this long (a new generation replaces them at once anyway).
SUMMARY_TIMEOUT = 6 * 3600

public_cache_bump_on_workflow(Entry, STOCKTAKING, public_states=PUBLIC_STATES)


def entries_summary(queryset, *, key: str | None = None) -> selectors.ResultSummary:
    """The result's counts: from the cache when `key` (see `entries_result_key`) is given and
    this stocktaking generation already counted it, else one grouped query (then stored)."""
    if key is None:
        return selectors.entries_summary(queryset)
    return public_cache_computed(
        "stocktaking-summary",
        [STOCKTAKING],
        key,
        lambda: selectors.entries_summary(queryset),
        timeout=SUMMARY_TIMEOUT,
    )


def entries_count(queryset, *, key: str) -> int:
    """The number of entries of a result, counted once per stocktaking generation."""
    return public_cache_computed(
        "stocktaking-count",
        [STOCKTAKING],
        key,
        lambda: queryset.order_by().count(),
        timeout=SUMMARY_TIMEOUT,
    )


def entries_public_summary_warm() -> int:
    """Stores the counts of the unfiltered public list (the page's summary and the API's total)
    for the current generation, as `entry_list` and the API would; returns the total."""
    summary = entries_summary(selectors.entries_public_listed(), key=UNFILTERED)
    public_cache_computed_store(
        "stocktaking-count", [STOCKTAKING], UNFILTERED, summary.total, timeout=SUMMARY_TIMEOUT
    )
    return summary.total


def summary_fragment_key(result_key: str) -> str:
    """Names the list page's filter panel and summary fragments: they show only the result's
    counts and the chosen filters, so are rendered once per result, reference data and
    stocktaking generation."""
    return f"{public_cache_generations([CacheNamespace.CORE, STOCKTAKING])}:{result_key}"


def entries_prize_results(request: HttpRequest, entry_ids: list[int]) -> dict:
    """The entries' prize badges (one query at most); the cached page expires when the next
    contest's winners are announced, so new badges show at that moment."""
    now = timezone.now()
    public_cache_until(request, next_results_announcement(now=now))
    return prize_results_of_stocktaking_entries(entry_ids, now=now)


def _entry_row_marks(entry: Entry) -> tuple:
    """What a list row shows besides the entry itself: its snippet and its prize badges."""
    badges = [(prize.pk, prize.status) for prize in entry.prize_results]
    return (getattr(entry, "headline", None) or "", badges)


def entry_rows(request: HttpRequest, entries: list[Entry]) -> list[str]:
    """The list's rows, each rendered once per entry, badges, snippet and generation for
    anonymous visitors (`public_cache_rows`), afresh for signed-in people."""
    return public_cache_rows(
        request,
        entries,
        template_name="stocktaking/_entry_row.html",
        namespaces=ENTRY_NAMESPACES,
        marks=_entry_row_marks,
        fetch=selectors.entries_listed_relations_fetch,
    )


def entry_representations(
    entries: list[Entry],
    represent: Callable[[Entry], dict],
    *,
    prize_results: dict,
    origin: str = "",
) -> list[dict]:
    """Each entry's API representation, made once per entry, prize results and generation
    (`public_cache_each`): a page serialises, and fetches the relations of, only the entries not
    shown since the last change. Representations hold absolute addresses, so one copy is kept
    per `origin` (the scheme and host asked)."""
    origin_key = hashlib.blake2b(origin.encode(), digest_size=8).hexdigest()
    return public_cache_each(
        entries,
        represent,
        prefix=f"stocktaking-api-entry:{origin_key}",
        namespaces=ENTRY_NAMESPACES,
        marks=lambda entry: [(p.pk, p.status) for p in prize_results.get(entry.pk, [])],
        fetch=selectors.entries_api_relations_fetch,
    )
