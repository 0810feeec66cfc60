"""What the publications cache, keyed by what, and when it is invalidated (see docs/caching.md).

Cached: the public report pages and downloads whole (`cache_public_page` in views.py), under the
"stocktaking" generation (a report is the Stocktaking's publication).

Invalidated ("stocktaking" bumped on commit) by: any save or deletion of a report version (a
compile adds a draft, publishing moves one in and supersedes another) or of a report.
"""

from __future__ import annotations

from publications.models import ReportVersion, StocktakingReport
from wsis.caching import public_cache_bump_on_save
from wsis.enums import CacheNamespace

public_cache_bump_on_save(ReportVersion, CacheNamespace.STOCKTAKING)
public_cache_bump_on_save(StocktakingReport, CacheNamespace.STOCKTAKING)
