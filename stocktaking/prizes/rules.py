"""Who may do what with the WSIS Prizes (django-rules predicates and permissions).

Predicates about time (is the contest in its voting window?) live in the services, which take
an explicit `now`; these predicates answer who someone is relative to an object.
"""

import rules

from stocktaking.prizes.enums import PUBLIC_STATES, REVIEWABLE_STATES
from wsis.rules import is_expert, is_secretariat, is_verified, organisation_memberships


@rules.predicate
def is_entry_member(user, entry) -> bool:
    """Member of the organisation that owns the prize entry."""
    if not user.is_authenticated or entry is None:
        return False
    return entry.organisation_id in organisation_memberships(user)


@rules.predicate
def is_entry_secretariat(user, entry) -> bool:
    """The secretariat, as a predicate of (user, entry) for the workflow's table."""
    return is_secretariat(user)


@rules.predicate
def is_entry_public(user, entry) -> bool:
    return entry is not None and entry.status in PUBLIC_STATES


def expert_conflicted_organisation_ids(user, contest) -> set[int]:
    """Organisations an expert may not review in a contest: their own and declared ones."""
    own = set(organisation_memberships(user))
    declared = set(contest.conflicts.filter(expert=user).values_list("organisation_id", flat=True))
    return own | declared


@rules.predicate
def is_conflicted(user, entry) -> bool:
    if not user.is_authenticated or entry is None:
        return False
    return entry.organisation_id in expert_conflicted_organisation_ids(user, entry.contest)


@rules.predicate
def is_assigned_expert(user, entry) -> bool:
    if not user.is_authenticated or entry is None:
        return False
    return entry.category.expert_assignments.filter(expert=user).exists()


@rules.predicate
def is_reviewable(user, entry) -> bool:
    return entry is not None and entry.status in REVIEWABLE_STATES


may_review_entry = is_expert & is_assigned_expert & ~is_conflicted & is_reviewable

may_view_entry = is_entry_public | is_entry_member | is_secretariat | may_review_entry

rules.add_perm("prizes.view_prizeentry", may_view_entry)
rules.add_perm("prizes.add_prizeentry", is_verified)
rules.add_perm("prizes.change_prizeentry", is_entry_member | is_secretariat)
rules.add_perm("prizes.review_prizeentry", may_review_entry)
rules.add_perm("prizes.decide_prizeentry", is_secretariat)
rules.add_perm("prizes.manage_contest", is_secretariat)
rules.add_perm("prizes.add_vote", is_verified)
