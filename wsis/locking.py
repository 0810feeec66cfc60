"""Optimistic locking, written once for every app.

An object that two people may edit at the same time carries a `lock_version` that grows by one on
every save. A writer sends back the version it read; the write compares and increments in the
same statement, so of two writers who read the same version only the first lands and the second
gets `StaleVersion` with nothing changed. The same check guards workflow moves
(`wsis.workflow.workflow_transition(expected_version=...)`). The portal answers `StaleVersion`
with one 409 page that keeps what the person typed (`wsis.views.stale_version_page`) and the API
with its one 409 error (`wsis.api.errors.Conflict`, code "conflict").
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import F, Model
from django.utils.translation import gettext_lazy as _

VERSION_FIELD = "lock_version"

STALE_MESSAGE = _(
    "Somebody else changed this while you were editing it. Your changes were not saved: open "
    "the current version, then apply yours again."
)


class StaleVersion(ValidationError):
    """Somebody else saved the object since the writer read it.

    `current` is the object as stored now (None when it is gone) and `attempted` the values that
    were refused, so a page or an API answer can show both side by side.
    """

    def __init__(
        self,
        message: Any = None,
        *,
        current: Model | None = None,
        attempted: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(message or STALE_MESSAGE, code="conflict")
        self.current = current
        self.attempted = dict(attempted or {})

    def __str__(self) -> str:
        return self.messages[0]


def version_check(*, expected: int | None, stored: int, message: Any = None) -> None:
    """Refuses a writer who read another version than the stored one. `expected=None` is a writer
    that read nothing (an import, a bulk action): it is never stale. Call it on a locked row."""
    if expected is not None and expected != stored:
        raise StaleVersion(message)


def versioned_update(
    obj: Model,
    *,
    expected: int,
    values: dict[str, Any],
    where: dict[str, Any] | None = None,
    message: Any = None,
    field: str = VERSION_FIELD,
) -> None:
    """Writes `values` to `obj`'s row if its version is still `expected` (and it still matches
    `where`, e.g. an editable state), growing the version by one, in a single UPDATE
    (compare-and-increment: no lock is held while the person types). Otherwise raises
    StaleVersion carrying the stored row (None when it is gone) and the refused values, and
    writes nothing. `obj` itself is not refreshed."""
    rows = type(obj)._default_manager.filter(pk=obj.pk)
    updated = rows.filter(**{field: expected, **(where or {})}).update(
        **values, **{field: F(field) + 1}
    )
    if updated != 1:
        raise StaleVersion(message, current=rows.first(), attempted=values)


def versioned_delete(
    obj: Model, *, expected: int, message: Any = None, field: str = VERSION_FIELD
) -> bool:
    """Deletes `obj`'s row if its version is still `expected`, in a single statement (compare and
    delete). Returns False when the row is already gone (nothing to refuse); otherwise raises
    StaleVersion carrying the stored row when somebody saved it meanwhile."""
    rows = type(obj)._default_manager.filter(pk=obj.pk)
    deleted, _per_model = rows.filter(**{field: expected}).delete()
    if deleted:
        return True
    current = rows.first()
    if current is None:
        return False
    raise StaleVersion(message, current=current)
