"""Who may read and edit which roadmap version.

A facilitator edits the roadmaps of the Action Lines assigned to them (FacilitatorAssignment);
the secretariat edits every roadmap and alone returns or approves a submitted version.
"""

import rules

from roadmaps.enums import EDITABLE_STATES, PUBLIC_STATES
from wsis.models import ActionLine
from wsis.rules import facilitated_action_line_ids, is_secretariat


def _action_line_id(obj) -> int | None:
    """The Action Line of a roadmap, version, clause or Action Line."""
    if isinstance(obj, ActionLine):
        return obj.pk
    for path in (
        ("action_line_id",),
        ("roadmap", "action_line_id"),
        ("version", "roadmap", "action_line_id"),
    ):
        value = obj
        for attribute in path:
            value = getattr(value, attribute, None)
        if value is not None:
            return value
    return None


@rules.predicate
def is_action_line_facilitator(user, obj) -> bool:
    """Is assigned as facilitator of the Action Line of `obj` (roadmap, version or clause)."""
    if not user.is_authenticated or obj is None:
        return False
    action_line_id = _action_line_id(obj)
    return action_line_id is not None and action_line_id in facilitated_action_line_ids(user)


@rules.predicate
def is_public_version(user, version) -> bool:
    return version is not None and version.status in PUBLIC_STATES


@rules.predicate
def is_editable_version(user, version) -> bool:
    return version is not None and version.status in EDITABLE_STATES


is_roadmap_editor = is_action_line_facilitator | is_secretariat


@rules.predicate
def is_roadmap_reviewer(user, version) -> bool:
    """The secretariat, as a two-argument predicate for the workflow table."""
    return bool(is_secretariat(user))


rules.add_perm("roadmaps.view_version", is_public_version | is_roadmap_editor)
rules.add_perm("roadmaps.edit_version", is_roadmap_editor & is_editable_version)
rules.add_perm("roadmaps.start_draft", is_roadmap_editor)
rules.add_perm("roadmaps.review_version", is_roadmap_reviewer)
