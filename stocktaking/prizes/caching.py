"""What the WSIS Prizes cache, keyed by what, and when it is invalidated (see docs/caching.md).

Cached, per "prizes" generation: when the next contest announces its winners (pages that mark
winners expire from the page cache then), and which stocktaking entries have a result (so a
stocktaking page without one reads no prize result at all).

Invalidated ("prizes" bumped on commit) by: a prize entry's move into or out of a public state
and any save or deletion of a public one; any save or deletion of a contest (its dates and
phase), of a category or of a public entry's translation. Recording a phase is a bulk
`update()` and bumps by itself (`stocktaking.prizes.services.contests.contest_phase_record`).
"""

from __future__ import annotations

from datetime import datetime

from django.core.cache import cache

from stocktaking.prizes import selectors
from stocktaking.prizes.enums import PUBLIC_STATES
from stocktaking.prizes.models import Category, Contest, PrizeEntry, PrizeEntryTranslation
from wsis.caching import (
    public_cache_bump_on_save,
    public_cache_bump_on_workflow,
    public_cache_computed,
    public_cache_generations,
)
from wsis.enums import CacheNamespace

PRIZES = CacheNamespace.PRIZES

public_cache_bump_on_workflow(PrizeEntry, PRIZES, public_states=PUBLIC_STATES)
public_cache_bump_on_save(Contest, PRIZES)
public_cache_bump_on_save(Category, PRIZES)
# A translation of a public entry shows on its page and in the lists at once.
public_cache_bump_on_save(
    PrizeEntryTranslation,
    PRIZES,
    # Read afresh: when the entry itself is deleted, its own deletion bumps.
    when=lambda translation: PrizeEntry.objects.filter(
        pk=translation.prize_entry_id, status__in=PUBLIC_STATES
    ).exists(),
)


def next_results_announcement(*, now: datetime) -> datetime | None:
    """When the next contest announces its winners (None if none is scheduled after `now`):
    pages that mark winners expire from the cache then. Read once per prizes generation."""
    key = f"prizes-next-announcement:{public_cache_generations([PRIZES])}"
    cached = cache.get(key)
    if cached is not None and (cached[0] is None or cached[0] > now):
        return cached[0]
    moment = selectors.next_results_announcement(now=now)
    cache.set(key, (moment,), timeout=3600)
    return moment


def stocktaking_entries_with_results() -> dict[int, datetime]:
    """`selectors.stocktaking_entries_with_results`, read once per prizes generation (recording
    results and changing a contest's dates move it on)."""
    return public_cache_computed(
        "prizes-result-entries",
        [PRIZES],
        "all",
        selectors.stocktaking_entries_with_results,
        timeout=3600,
    )


def prize_results_of_stocktaking_entries(entry_ids: list[int], *, now: datetime) -> dict[int, list]:
    """The published results of these stocktaking entries (see the selector of that name): no
    query at all when none of them has a result announced by `now` (most pages)."""
    announced = stocktaking_entries_with_results()
    entry_ids = [pk for pk in entry_ids if pk in announced and announced[pk] <= now]
    return selectors.prize_results_of_stocktaking_entries(entry_ids, now=now)
