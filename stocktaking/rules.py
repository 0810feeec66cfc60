"""Who may see and change stocktaking entries (django-rules predicates and permissions).

The permission names are deliberately not Django's model permissions (`view_entry`, …): those stay
with the ModelBackend and the Secretariat group, so the admin keeps its own meaning.
"""

import rules

from stocktaking.enums import EDITABLE_STATES, MODERATION_STATES, PUBLIC_STATES, EntryStatus
from wsis.rules import is_secretariat, is_stakeholder, is_verified, organisation_memberships


@rules.predicate
def is_entry_member(user, entry) -> bool:
    """A verified member of the organisation that owns the entry."""
    if entry is None or not user.is_authenticated:
        return False
    return bool(is_verified(user) and entry.organisation_id in organisation_memberships(user))


@rules.predicate
def is_moderator(user, entry=None) -> bool:
    """The secretariat (the workflow table calls every predicate with the user and the entry)."""
    return bool(is_secretariat.test(user))


@rules.predicate
def is_public_entry(user, entry) -> bool:
    return entry is not None and entry.status in PUBLIC_STATES and entry.revision_of_id is None


@rules.predicate
def is_editable_entry(user, entry) -> bool:
    return entry is not None and entry.status in EDITABLE_STATES


@rules.predicate
def is_published_original(user, entry) -> bool:
    return (
        entry is not None and entry.status == EntryStatus.APPROVED and entry.revision_of_id is None
    )


@rules.predicate
def is_in_moderation(user, entry) -> bool:
    return entry is not None and entry.status in MODERATION_STATES


can_see_entry = is_public_entry | is_entry_member | is_moderator
can_edit_entry = is_entry_member & is_editable_entry
can_revise_entry = is_entry_member & is_published_original

rules.add_perm("stocktaking.add_own_entry", is_stakeholder)
rules.add_perm("stocktaking.see_entry", can_see_entry)
# The moderation state and the secretariat's reasons: the owning organisation and the secretariat.
rules.add_perm("stocktaking.see_entry_moderation", is_entry_member | is_moderator)
rules.add_perm("stocktaking.edit_entry", can_edit_entry)
rules.add_perm("stocktaking.revise_entry", can_revise_entry)
rules.add_perm("stocktaking.moderate_entry", is_moderator)
