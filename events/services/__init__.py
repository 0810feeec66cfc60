"""Every write of the events app, by section: an outcome document's content and search vector,
the outcome document and its moves (the table is in `events.workflow`), its translations, its
commitments and their yearly follow-up, the forum (a draft event made public, the compiled Forum
Outcome Document) and the reminders. The session CSV import is in `events.importers.sessions_csv`.
Everything is re-exported here, so callers write `from events import services` and
`services.outcome_save(...)`."""

from events.services.commitments import (
    COMMITMENT_UNSUBSCRIBE_SALT,
    DEFAULT_COMMITMENT_MIN_AGE_DAYS,
    commitment_answer,
    commitment_followups_send,
    commitment_target_date,
    commitment_unsubscribe,
    commitment_unsubscribe_token,
    commitments_sync,
    may_answer_commitment,
)
from events.services.content import (
    OUTCOME_SEARCH_VECTOR_SQL,
    outcome_clean_content,
    outcome_limit_errors,
    outcome_limit_report,
    outcome_search_vectors_refresh,
)
from events.services.forum import event_publish, forum_outcome_compile
from events.services.outcomes import (
    outcome_publish,
    outcome_request_changes,
    outcome_revision_diff,
    outcome_save,
    outcome_submit,
)
from events.services.reminders import (
    DEFAULT_DEADLINE_REMINDER_DAYS,
    DEFAULT_REMINDER_DAYS,
    outcome_digest_send,
    outcome_reminders_send,
)
from events.services.translations import outcome_translation_remove, outcome_translation_save

__all__ = [
    "COMMITMENT_UNSUBSCRIBE_SALT",
    "DEFAULT_COMMITMENT_MIN_AGE_DAYS",
    "DEFAULT_DEADLINE_REMINDER_DAYS",
    "DEFAULT_REMINDER_DAYS",
    "OUTCOME_SEARCH_VECTOR_SQL",
    "commitment_answer",
    "commitment_followups_send",
    "commitment_target_date",
    "commitment_unsubscribe",
    "commitment_unsubscribe_token",
    "commitments_sync",
    "event_publish",
    "forum_outcome_compile",
    "may_answer_commitment",
    "outcome_clean_content",
    "outcome_digest_send",
    "outcome_limit_errors",
    "outcome_limit_report",
    "outcome_publish",
    "outcome_reminders_send",
    "outcome_request_changes",
    "outcome_revision_diff",
    "outcome_save",
    "outcome_search_vectors_refresh",
    "outcome_submit",
    "outcome_translation_remove",
    "outcome_translation_save",
]
