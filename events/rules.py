"""Who may read and write events, sessions and outcome documents (django-rules)."""

import rules
from django.utils import timezone

from events.enums import OUTCOME_EDITABLE_STATES, OUTCOME_PUBLIC_STATES
from wsis.rules import is_secretariat, is_verified, organisation_memberships


def _session_of(obj):
    return getattr(obj, "session", obj)


@rules.predicate
def is_session_organiser(user, obj) -> bool:
    """A member of one of the session's organising organisations (`obj`: session or outcome)."""
    if obj is None or not user.is_authenticated:
        return False
    memberships = organisation_memberships(user)
    # Reads the session's organisers once (or from a prefetch); nobody's member asks nothing.
    return bool(memberships) and any(
        organisation.pk in memberships for organisation in _session_of(obj).organisers.all()
    )


@rules.predicate
def session_has_ended(user, obj) -> bool:
    if obj is None:
        return False
    return _session_of(obj).ends_at <= timezone.now()


@rules.predicate
def outcome_is_public(user, outcome) -> bool:
    return outcome is not None and outcome.status in OUTCOME_PUBLIC_STATES


@rules.predicate
def outcome_is_editable(user, outcome) -> bool:
    return outcome is not None and outcome.status in OUTCOME_EDITABLE_STATES


is_outcome_author = is_verified & is_session_organiser & session_has_ended

# `obj` is the session: start writing its outcome document.
rules.add_perm("events.add_outcomedocument", is_outcome_author | is_secretariat)
# `obj` is the outcome document.
rules.add_perm(
    "events.view_outcomedocument", outcome_is_public | is_session_organiser | is_secretariat
)
rules.add_perm(
    "events.change_outcomedocument", (is_outcome_author & outcome_is_editable) | is_secretariat
)
rules.add_perm("events.moderate_outcomedocument", is_secretariat)
