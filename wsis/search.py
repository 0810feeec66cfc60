"""What the apps' full-text searches share: bounded ranking of a paginated result, and the key
that names a result's filter combination (for counts cached per generation)."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Collection, Sequence

from django.db.models import QuerySet

UNFILTERED = "all"
# What a search's highlighted snippets put around each match (the `highlight` template filter
# turns them into <mark>): control characters no text the portal stores contains.
HIGHLIGHT_START = "\x02"
HIGHLIGHT_STOP = "\x03"


def bounded_ranked_slice(
    queryset: QuerySet, bottom: int, top: int, *, candidates: int, newest: Sequence[str]
) -> list:
    """Rows [bottom, top) of a relevance-sorted search: its newest `candidates` matches (in the
    order `newest`, which must be total) sorted by the queryset's own relevance order, then every
    other match in `newest` order. Each match has exactly one position, so pages never repeat or
    lose one; the rank (and any annotation) is computed for the candidates and the page's rows
    only, never for every match."""
    by_date = queryset.order_by(*newest)
    rows: list = []
    if bottom < candidates:
        ranked = by_date.values("pk")[:candidates]
        rows += queryset.filter(pk__in=ranked)[bottom : min(top, candidates)]
    if top > candidates:
        start = max(bottom, candidates)
        # A deferred join: the page's ids first (the index scan stops at `top`), then its rows.
        rows += by_date.filter(pk__in=by_date.values("pk")[start:top])
    return rows


def rank_bounded(
    queryset: QuerySet,
    relevance: Sequence[str],
    slicer: Callable[[QuerySet, int, int], list],
) -> QuerySet:
    """`queryset` sorted by `relevance`; a KnownCountPaginator takes its pages from
    `slicer(queryset, bottom, top)` for as long as it keeps that order (a Query's attributes
    follow its clones; another `order_by` turns it into a plain queryset page)."""
    searched = queryset.order_by(*relevance)
    searched.query.ordered_slice = (tuple(relevance), slicer)
    return searched


def result_key(params, filters: Collection[str]) -> str:
    """A stable text naming the result of these query parameters (a QueryDict): only the
    parameters in `filters` count (sort, page and unknown parameters do not change which rows a
    result holds), repeated values in any order. Two different filter combinations never share a
    key; the same one always does, so its counts can be cached."""
    parts = sorted(
        (name, sorted(params.getlist(name)))
        for name in params
        if name in filters and any(value.strip() for value in params.getlist(name))
    )
    if not parts:
        return UNFILTERED
    return hashlib.blake2b(repr(parts).encode(), digest_size=16).hexdigest()
