"""Every write of the publications, by publication: the WSIS Stocktaking Report, the WSIS Prizes
Success Stories, the combined roadmaps document, and what reviewed publications share (numbering
versions, publishing through the workflow table). Everything is re-exported here, so callers
write `from publications import services` and `services.report_compile(...)`."""

from publications.services.opendata import open_data_build
from publications.services.reports import (
    featured_entry_remove,
    featured_entry_set,
    report_compile,
    report_snapshot,
    report_version_publish,
)
from publications.services.roadmaps import roadmaps_document_compile, roadmaps_document_current
from publications.services.stories import (
    success_stories_compile,
    success_stories_snapshot,
    success_stories_version_publish,
)
from publications.services.versions import (
    next_version_number,
    publication_version_publish,
    require_secretariat,
)

__all__ = [
    "featured_entry_remove",
    "featured_entry_set",
    "next_version_number",
    "open_data_build",
    "publication_version_publish",
    "report_compile",
    "report_snapshot",
    "report_version_publish",
    "require_secretariat",
    "roadmaps_document_compile",
    "roadmaps_document_current",
    "success_stories_compile",
    "success_stories_snapshot",
    "success_stories_version_publish",
]
