"""The portal's public cache, a small library in three parts:

- `generations`: one counter per namespace of public content (`wsis.enums.CacheNamespace`),
  moved on when that content changes; everything cached is keyed by the generations it shows;
- `pages`: whole anonymous pages and the early middleware that answers them;
- `values`: per-object and per-result values (rendered rows, API representations, counts).

What each app caches, and when it is invalidated, is declared in the app's own `caching.py`
(see docs/caching.md).
"""

from wsis.caching.generations import (
    GENERATION_PREFIX,
    PUBLIC_CACHE_WARMERS,
    PUBLIC_NAMESPACES,
    namespace_names,
    public_cache_bump,
    public_cache_bump_now,
    public_cache_bump_on_save,
    public_cache_bump_on_workflow,
    public_cache_bumps_coalesced,
    public_cache_generations,
    public_cache_warm_on_bump,
)
from wsis.caching.pages import (
    PAGE_PREFIX,
    PublicPageCacheMiddleware,
    StoredPage,
    cache_public_page,
    public_cache_etag,
    public_cache_lifetime,
    public_cache_response,
    public_cache_until,
    public_cache_url_hash,
)
from wsis.caching.values import (
    public_cache_computed,
    public_cache_computed_store,
    public_cache_each,
    public_cache_rows,
)

__all__ = [
    "GENERATION_PREFIX",
    "PAGE_PREFIX",
    "PUBLIC_CACHE_WARMERS",
    "PUBLIC_NAMESPACES",
    "PublicPageCacheMiddleware",
    "StoredPage",
    "cache_public_page",
    "namespace_names",
    "public_cache_bump",
    "public_cache_bump_now",
    "public_cache_bump_on_save",
    "public_cache_bump_on_workflow",
    "public_cache_bumps_coalesced",
    "public_cache_computed",
    "public_cache_computed_store",
    "public_cache_each",
    "public_cache_etag",
    "public_cache_generations",
    "public_cache_lifetime",
    "public_cache_response",
    "public_cache_rows",
    "public_cache_until",
    "public_cache_url_hash",
    "public_cache_warm_on_bump",
]
