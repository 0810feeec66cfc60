"""Every write of WSIS Stocktaking, by section: an entry's content and its checks, the owners'
writes (drafts, edits under the optimistic lock, revisions, attachments), moderation (the
workflow's moves and the daily digest) and translations. Everything is re-exported here, so
callers write `from stocktaking import services` and `services.entry_update(...)`."""

from stocktaking.services.content import (
    CONTENT_FIELDS,
    M2M_FIELDS,
    SCALAR_FIELDS,
    entry_content_of,
    entry_content_validate,
    entry_diff,
    entry_relations_set,
    entry_search_vector_refresh,
    entry_snapshot,
    word_count,
)
from stocktaking.services.entries import (
    entry_attachment_add,
    entry_attachment_remove,
    entry_create,
    entry_import_draft,
    entry_revision_start,
    entry_update,
)
from stocktaking.services.moderation import (
    entry_approve,
    entry_archive,
    entry_decide,
    entry_reject,
    entry_request_changes,
    entry_revision_apply,
    entry_submit,
    entry_withdraw,
    moderation_digest_send,
)
from stocktaking.services.translations import (
    entry_translation_remove,
    entry_translation_save,
)

__all__ = [
    "CONTENT_FIELDS",
    "M2M_FIELDS",
    "SCALAR_FIELDS",
    "entry_approve",
    "entry_archive",
    "entry_attachment_add",
    "entry_attachment_remove",
    "entry_content_of",
    "entry_content_validate",
    "entry_create",
    "entry_decide",
    "entry_diff",
    "entry_import_draft",
    "entry_reject",
    "entry_relations_set",
    "entry_request_changes",
    "entry_revision_apply",
    "entry_revision_start",
    "entry_search_vector_refresh",
    "entry_snapshot",
    "entry_submit",
    "entry_translation_remove",
    "entry_translation_save",
    "entry_update",
    "entry_withdraw",
    "moderation_digest_send",
    "word_count",
]
