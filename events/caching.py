"""What the events app caches, keyed by what, and when it is invalidated (see docs/caching.md).

Cached, per "events" generation (besides whole anonymous pages, `cache_public_page`):
- the outcome list's total per filter combination (`events.filters.outcome_result_key`);
- the outcome filters' choices (events with sessions, organisers);
- each search snippet per outcome document and search text;
- each outcome list row per document, language, snippet and the "core" and "events" generations;
- the outcome filter form's HTML (`{% cache %}` keyed by `outcome_form_key`).

Invalidated ("events" bumped on commit) by: an outcome document's move into or out of a public
state and any save or deletion of a public one; any save or deletion of an event, a session, a
compiled forum outcome version or a published document's translation. Bulk writes that no
signal sees bump by themselves (an edit of a published outcome is an `update()`, the session
import creates speakers in bulk).
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from django.utils.translation import get_language

from events import selectors
from events.enums import OUTCOME_PUBLIC_STATES
from events.models import (
    Event,
    ForumOutcomeVersion,
    OutcomeDocument,
    OutcomeTranslation,
    Session,
    Speaker,
)
from wsis.caching import (
    public_cache_bump_on_save,
    public_cache_bump_on_workflow,
    public_cache_computed,
    public_cache_generations,
    public_cache_rows,
)
from wsis.enums import CacheNamespace

EVENTS = CacheNamespace.EVENTS
# What is kept per events generation (counts, filter choices, snippets) lives at most this long;
# a new generation replaces it at once anyway. The page's cached filter form lives as long.
OUTCOME_CACHE_TIMEOUT = 6 * 3600

public_cache_bump_on_workflow(OutcomeDocument, EVENTS, public_states=OUTCOME_PUBLIC_STATES)
# A speaker's save too: the session page and the speaker pages name them.
for _model in (Event, Session, Speaker, ForumOutcomeVersion):
    public_cache_bump_on_save(_model, EVENTS)
# A translation of a published outcome document shows on its pages and in the list at once.
public_cache_bump_on_save(
    OutcomeTranslation,
    EVENTS,
    when=lambda translation: OutcomeDocument.objects.filter(
        pk=translation.outcome_id, status__in=OUTCOME_PUBLIC_STATES
    ).exists(),
)


def outcomes_count(queryset, *, key: str) -> int:
    """The number of outcome documents of a result, counted once per events generation and
    filter combination (`key`: `events.filters.outcome_result_key`), then from the cache."""
    return public_cache_computed(
        "events-outcome-count",
        [EVENTS],
        key,
        lambda: queryset.order_by().count(),
        timeout=OUTCOME_CACHE_TIMEOUT,
    )


def outcome_filter_choices() -> selectors.OutcomeFilterChoices:
    """The outcome filters' choices, read from the database once per events generation (events,
    sessions and organisations all move it on) and then from the cache."""
    return public_cache_computed(
        "events-outcome-choices",
        [EVENTS],
        "all",
        selectors.outcome_filter_choices,
        timeout=OUTCOME_CACHE_TIMEOUT,
    )


def outcomes_per_action_line() -> dict[str, int]:
    """The outcome documents per Action Line chart's figures (by code, no names: the cache is
    shared by every language), once per events generation."""
    return public_cache_computed(
        "events-outcomes-per-line",
        [EVENTS],
        "all",
        selectors.outcomes_per_action_line,
        timeout=OUTCOME_CACHE_TIMEOUT,
    )


def outcome_snippets(outcomes, text: str) -> dict[int, str]:
    """A snippet of each given outcome document's text with `text`'s matches highlighted, by id,
    each computed once per events generation and search text, by one query over the given rows
    (the page shown) still missing, never over every match. Empty without a search or on
    SQLite."""
    text = " ".join((text or "").split())
    ids = [outcome.pk for outcome in outcomes]
    if not (text and ids and settings.IS_POSTGRESQL):
        return {}
    digest = hashlib.blake2b(text.encode(), digest_size=16).hexdigest()
    prefix = f"events-outcome-snippet:{public_cache_generations([EVENTS])}:{digest}:"
    stored = cache.get_many([f"{prefix}{pk}" for pk in ids])
    snippets = {pk: stored[f"{prefix}{pk}"] for pk in ids if f"{prefix}{pk}" in stored}
    missing = [pk for pk in ids if pk not in snippets]
    if not missing:
        return snippets
    computed = selectors.outcome_snippets(missing, text)
    cache.set_many(
        {f"{prefix}{pk}": snippet for pk, snippet in computed.items()},
        timeout=OUTCOME_CACHE_TIMEOUT,
    )
    return snippets | computed


def outcome_rows(request: HttpRequest, outcomes: list[OutcomeDocument]) -> list[str]:
    """The outcome list's rows, each rendered once per document, snippet and generation for
    anonymous visitors (`public_cache_rows`), afresh for signed-in people."""
    return public_cache_rows(
        request,
        outcomes,
        template_name="events/_outcome_row.html",
        namespaces=(CacheNamespace.CORE, EVENTS),
        marks=lambda outcome: (getattr(outcome, "snippet", ""),),
        fetch=selectors.outcomes_listed_relations_fetch,
    )


def outcome_form_key(form_digest: str) -> str:
    """Names the outcome filter form's cached HTML (`events.filters.outcome_form_digest` names
    the values it renders) in the current language and events generation (its choices)."""
    return f"{public_cache_generations([EVENTS])}:{get_language()}:{form_digest}"
