"""Every write of the Action Line Roadmaps, by section: what the writes share (a clause's fields,
who may edit), a roadmap's versions (drafts and the workflow), clauses and their citations, and
the import of the secretariat's document. Everything is re-exported here, so callers write
`from roadmaps import services` and `services.clause_update(...)`."""

from roadmaps.services.clauses import (
    clause_add,
    clause_citation_add,
    clause_citation_remove,
    clause_move,
    clause_remove,
    clause_update,
    source_group_add,
)
from roadmaps.services.common import CLAUSE_FIELD_NAMES, CLAUSE_FIELDS
from roadmaps.services.imports import (
    ActionLineReport,
    GroupReport,
    ImportReport,
    roadmap_import,
)
from roadmaps.services.versions import (
    CITATION_COPIED_FIELDS,
    roadmap_draft_start,
    roadmap_get_or_create,
    roadmap_version_transition,
    roadmap_version_update,
)

__all__ = [
    "CITATION_COPIED_FIELDS",
    "CLAUSE_FIELDS",
    "CLAUSE_FIELD_NAMES",
    "ActionLineReport",
    "GroupReport",
    "ImportReport",
    "clause_add",
    "clause_citation_add",
    "clause_citation_remove",
    "clause_move",
    "clause_remove",
    "clause_update",
    "roadmap_draft_start",
    "roadmap_get_or_create",
    "roadmap_import",
    "roadmap_version_transition",
    "roadmap_version_update",
    "source_group_add",
]
