"""Who may name the links of an entry, an outcome document and a prize entry.

An entry's sessions and Questions: a verified member of its organisation or the secretariat (a
pending revision has no links of its own: they belong to the published entry). An outcome
document's entries and clauses: a verified member of an organising organisation of its session,
or the secretariat. A prize entry's Questions: a member of its organisation or the secretariat.
Links are named in any state; they are public only while both of their ends are.

A thematic repository: a verified member of an entry's organisation (or the secretariat) may
propose the entry while it is approved and published (not a revision); only the secretariat
accepts or declines a proposal, or removes an accepted entry again. A verified member of the
entry's organisation may withdraw a proposal that still waits (`withdraw_proposal`, on the entry;
the workflow's move checks it again on the proposal)."""

import rules

from events.rules import is_session_organiser
from stocktaking.prizes.rules import is_entry_member as is_prize_entry_member
from stocktaking.rules import is_entry_member, is_published_original
from wsis.rules import is_secretariat, is_verified


@rules.predicate
def is_original_entry(user, entry) -> bool:
    return entry is not None and entry.revision_of_id is None


rules.add_perm("evidence.link_entry", (is_entry_member | is_secretariat) & is_original_entry)
rules.add_perm("evidence.link_outcome", (is_verified & is_session_organiser) | is_secretariat)
rules.add_perm("evidence.link_prize_entry", (is_verified & is_prize_entry_member) | is_secretariat)
rules.add_perm("evidence.propose_entry", (is_entry_member | is_secretariat) & is_published_original)
rules.add_perm("evidence.decide_proposal", is_secretariat)
rules.add_perm("evidence.withdraw_proposal", is_entry_member & is_original_entry)
