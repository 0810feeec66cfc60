"""Every write of the WSIS Prizes, by section: contests and phases, prize entries, experts and
reviews (with nominees, finalists and winners), votes, batched notifications. Services take
keyword arguments and an explicit `now`, so the phase rules are checked on the server at the
moment of saving and tests can inject the clock. Everything is re-exported here, so callers
write `from stocktaking.prizes import services` and `services.vote_cast(...)`."""

from stocktaking.prizes.enums import CONTENT_FIELDS, ENGLISH_FIELDS
from stocktaking.prizes.services.contests import (
    category_add_special,
    contest_categories_create,
    contest_create,
    contest_dates_check,
    contest_phase_move,
    contest_phase_record,
    contests_phase_record,
    entries_closed_message,
    geneva,
    phase_require,
    results_announce_on_commit,
)
from stocktaking.prizes.services.entries import (
    prize_entry_create,
    prize_entry_decide,
    prize_entry_submit,
    prize_entry_translation_remove,
    prize_entry_translation_save,
    prize_entry_update,
)
from stocktaking.prizes.services.notifications import (
    NOTIFICATION_BATCH_SIZE,
    contests_send_reminders,
    expert_reminder_day,
    experts_remind_batch,
    results_announce_batch,
    voters_notify_batch,
)
from stocktaking.prizes.services.reviews import (
    conflict_declare,
    expert_assign,
    finalists_publish,
    nominees_publish,
    review_submit,
    winners_record,
)
from stocktaking.prizes.services.votes import (
    AlreadyVoted,
    network_of,
    vote_cast,
    vote_cast_for_nominee,
    votes_quarantine,
    votes_quarantine_burst,
    votes_quarantine_network,
    votes_quarantine_new_accounts,
)

__all__ = [
    "CONTENT_FIELDS",
    "ENGLISH_FIELDS",
    "NOTIFICATION_BATCH_SIZE",
    "AlreadyVoted",
    "category_add_special",
    "conflict_declare",
    "contest_categories_create",
    "contest_create",
    "contest_dates_check",
    "contest_phase_move",
    "contest_phase_record",
    "contests_phase_record",
    "contests_send_reminders",
    "entries_closed_message",
    "expert_assign",
    "expert_reminder_day",
    "experts_remind_batch",
    "finalists_publish",
    "geneva",
    "network_of",
    "nominees_publish",
    "phase_require",
    "prize_entry_create",
    "prize_entry_decide",
    "prize_entry_submit",
    "prize_entry_translation_remove",
    "prize_entry_translation_save",
    "prize_entry_update",
    "results_announce_batch",
    "results_announce_on_commit",
    "review_submit",
    "vote_cast",
    "vote_cast_for_nominee",
    "voters_notify_batch",
    "votes_quarantine",
    "votes_quarantine_burst",
    "votes_quarantine_network",
    "votes_quarantine_new_accounts",
    "winners_record",
]
