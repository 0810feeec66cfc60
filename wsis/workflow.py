"""Workflows as data: each app declares its allowed moves in one table of `Transition`s, and one
generic service applies a move. Nothing else writes a workflow's state field.

    ENTRY_WORKFLOW = Workflow(
        name="stocktaking_entry",
        transitions=(
            Transition(EntryStatus.DRAFT, EntryStatus.SUBMITTED, may=is_entry_member,
                       action="submit", notify=notify_secretariat),
            Transition(EntryStatus.SUBMITTED, EntryStatus.REJECTED, may=is_secretariat,
                       action="reject", reason_required=True, notify=notify_submitter),
        ),
    )
    workflow_transition(workflow=ENTRY_WORKFLOW, obj=entry, to=EntryStatus.REJECTED,
                        by=request.user, reason="Out of scope", expected_version=3)

A workflow whose objects carry a `lock_version` (`version_field`) has it grown by one on every
move, so an edit form opened before the move is stale; a caller that read a version passes it as
`expected_version` and gets `wsis.locking.StaleVersion` if somebody saved meanwhile.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from wsis.enums import WorkflowAction
from wsis.locking import version_check
from wsis.services import audit_record
from wsis.signals import workflow_transitioned


class TransitionNotAllowed(ValidationError):
    """The move is not in the workflow's table, or the object changed state meanwhile."""


class ReasonRequired(ValidationError):
    pass


@dataclass(frozen=True)
class Transition:
    source: str | tuple[str, ...]
    target: str
    may: Callable[[Any, Any], bool]
    action: str
    reason_required: bool = False
    # Called inside the transaction after the move; queues mails (sent only after commit).
    notify: Callable[..., None] | None = None

    @property
    def sources(self) -> tuple[str, ...]:
        return self.source if isinstance(self.source, tuple) else (self.source,)


@dataclass(frozen=True)
class Workflow:
    name: str
    transitions: tuple[Transition, ...]
    state_field: str = "status"
    # The optimistic lock's counter, when the objects carry one (see wsis.locking), and the
    # message a stale move shows (None: the core's).
    version_field: str | None = None
    stale_message: Any = None
    _index: dict = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        for transition in self.transitions:
            if transition.action not in WorkflowAction.values:
                raise ValueError(
                    f"{self.name}: the move {transition.action!r} is not in WorkflowAction"
                )
            for source in transition.sources:
                key = (source, transition.target)
                if key in self._index:
                    raise ValueError(f"{self.name}: the move {key} is declared twice")
                self._index[key] = transition

    def find(self, source: str, target: str) -> Transition | None:
        return self._index.get((source, target))

    def moves_from(self, source: str) -> Iterable[Transition]:
        return (t for t in self.transitions if source in t.sources)

    def allowed_moves(self, obj: models.Model, user: Any) -> list[Transition]:
        """The moves `user` may make on `obj` now, in table order (for buttons and API docs)."""
        state = getattr(obj, self.state_field)
        return [t for t in self.moves_from(state) if t.may(user, obj)]


def workflow_transition(
    *,
    workflow: Workflow,
    obj: models.Model,
    to: str,
    by: Any,
    reason: str = "",
    update_fields: Iterable[str] = (),
    check_permission: bool = True,
    expected_version: int | None = None,
) -> Transition:
    """Moves `obj` to state `to` if the table allows it for `by`.

    Guarantees: the row is locked and its state re-read, so two concurrent moves cannot both
    succeed from the same state; the object is saved with `update_fields` only; one audit entry
    records who, when, from, to and the reason; the transition's `notify` runs in the same
    transaction, so its mails go out only if the move commits; `workflow_transitioned` is sent
    in the transaction too (the apps' caches listen to it). When the workflow has a
    `version_field`, the move grows it by one (on `obj` too) and an `expected_version` other than
    the stored one raises StaleVersion. Raises StaleVersion, TransitionNotAllowed, ReasonRequired
    or PermissionDenied, and then changes nothing.
    """
    reason = (reason or "").strip()
    locked = [workflow.state_field]
    if workflow.version_field:
        locked.append(workflow.version_field)
    with transaction.atomic():
        current, *version = (
            type(obj).objects.select_for_update().values_list(*locked).get(pk=obj.pk)
        )
        if workflow.version_field:
            version_check(
                expected=expected_version, stored=version[0], message=workflow.stale_message
            )
        elif expected_version is not None:
            raise ValueError(f"{workflow.name}: its objects carry no version to compare")
        transition = workflow.find(current, to)
        if transition is None:
            raise TransitionNotAllowed(
                _("This item is “%(current)s” and cannot be moved to “%(target)s”.")
                % {"current": current, "target": to},
                code="transition_not_allowed",
            )
        if check_permission and not transition.may(by, obj):
            raise PermissionDenied(_("You may not do this."))
        if transition.reason_required and not reason:
            raise ReasonRequired(
                _("A reason is required: the submitter will see it."), code="reason_required"
            )
        setattr(obj, workflow.state_field, to)
        saved = [workflow.state_field, *update_fields]
        if workflow.version_field:
            # The row is locked: the stored version plus one is the next one.
            setattr(obj, workflow.version_field, version[0] + 1)
            saved.append(workflow.version_field)
        obj.save(update_fields=saved)
        audit_record(
            actor=by,
            action=f"{workflow.name}.{transition.action}",
            obj=obj,
            before={workflow.state_field: current},
            after={workflow.state_field: to},
            reason=reason,
        )
        if transition.notify is not None:
            transition.notify(obj=obj, transition=transition, by=by, reason=reason)
        workflow_transitioned.send(
            sender=type(obj),
            workflow=workflow,
            obj=obj,
            source=current,
            target=to,
            transition=transition,
            by=by,
        )
    return transition
