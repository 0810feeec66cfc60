"""What the publications cache, keyed by what, and when it is invalidated (see docs/caching.md).

Cached: the public pages and downloads of the publications whole (`cache_public_page` in
views.py), each under the generation of the data it is made from:
- the Stocktaking Reports under "stocktaking" (a report is the Stocktaking's publication);
- the Success Stories under "prizes" (they are the contest's winners and champions);
- the combined roadmaps document under "roadmaps";
- the open-data page (the list of yearly archives) under "opendata".

Invalidated (the generation bumped on commit) by: any save or deletion of a version (a compile
adds one, publishing moves one in and supersedes another, both through saves) or of the
publication it belongs to; for the open-data page, any save or deletion of an archive's record.
"""

from __future__ import annotations

from publications.models import (
    OpenDataArchive,
    ReportVersion,
    RoadmapsDocument,
    RoadmapsDocumentVersion,
    StocktakingReport,
    SuccessStoriesBook,
    SuccessStoriesVersion,
)
from wsis.caching import public_cache_bump_on_save
from wsis.enums import CacheNamespace

public_cache_bump_on_save(ReportVersion, CacheNamespace.STOCKTAKING)
public_cache_bump_on_save(StocktakingReport, CacheNamespace.STOCKTAKING)
public_cache_bump_on_save(SuccessStoriesVersion, CacheNamespace.PRIZES)
public_cache_bump_on_save(SuccessStoriesBook, CacheNamespace.PRIZES)
public_cache_bump_on_save(RoadmapsDocumentVersion, CacheNamespace.ROADMAPS)
public_cache_bump_on_save(RoadmapsDocument, CacheNamespace.ROADMAPS)
public_cache_bump_on_save(OpenDataArchive, CacheNamespace.OPEN_DATA)
