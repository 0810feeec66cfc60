"""The organisers' outcome document and its moves: saved under the optimistic lock, handed in
with its limits checked (kept as a revision), published or sent back (the table of moves is in
`events.workflow`), and the diff of the last two texts handed in."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from events.enums import OUTCOME_EDITABLE_STATES, OUTCOME_PUBLIC_STATES, OutcomeStatus
from events.models import OUTCOME_SECTIONS, OutcomeDocument, OutcomeRevision, Session
from events.rules import is_outcome_author
from events.services.commitments import commitments_sync
from events.services.content import (
    _search_text,
    outcome_clean_content,
    outcome_limit_errors,
    outcome_search_vectors_refresh,
)
from events.workflow import OUTCOME_WORKFLOW, STALE_MESSAGE
from wsis.caching import public_cache_bump
from wsis.enums import CacheNamespace
from wsis.locking import version_check, versioned_update
from wsis.models import GdcObjective
from wsis.rules import is_secretariat
from wsis.services import audit_record
from wsis.workflow import workflow_transition


def _set_gdc_objectives(
    outcome: OutcomeDocument, objectives: Iterable[GdcObjective] | None
) -> None:
    if objectives is not None:
        outcome.gdc_objectives.set(list(objectives))


def outcome_save(
    *,
    session: Session,
    by: Any,
    content: dict[str, Any],
    lock_version: int | None,
    check_permission: bool = True,
    text_language: str | None = None,
    gdc_objectives: Iterable[GdcObjective] | None = None,
) -> OutcomeDocument:
    """Saves the organisers' text of `session`'s outcome document, creating it as a draft; with
    `text_language`, the language they declare it is written in (English by default); and its
    GDC objectives (unless None).

    Guarantees: limits are not checked (a draft may be incomplete); the organisers may write only
    after the session has ended and while the document is a draft or has changes requested, the
    secretariat always; a stale `lock_version` (somebody saved meanwhile) raises
    `wsis.locking.StaleVersion` and changes nothing; `lock_version` grows by one on every save.
    Audited.
    """
    content = outcome_clean_content(content)
    language = {}
    if text_language:
        if text_language not in dict(settings.LANGUAGES):
            raise ValidationError({"text_language": _("Choose one of the portal's languages.")})
        language = {"text_language": text_language}
    with transaction.atomic():
        outcome = OutcomeDocument.objects.select_for_update().filter(session=session).first()
        if outcome is None:
            if check_permission and not (is_outcome_author(by, session) or is_secretariat(by)):
                raise PermissionDenied(_("You may not write this session's outcome document."))
            # Nothing stored yet: a writer who read a saved version was overtaken by a removal.
            version_check(expected=lock_version, stored=0, message=STALE_MESSAGE)
            outcome = OutcomeDocument.objects.create(
                session=session,
                created_by=by if getattr(by, "is_authenticated", False) else None,
                search_text=_search_text(session, content),
                **content,
                **language,
            )
            outcome_search_vectors_refresh(outcome_ids=[outcome.pk])
            _set_gdc_objectives(outcome, gdc_objectives)
            audit_record(actor=by, action="events_outcome.create", obj=outcome, after=content)
            return outcome
        if check_permission and not (
            is_secretariat(by)
            or (is_outcome_author(by, session) and outcome.status in OUTCOME_EDITABLE_STATES)
        ):
            raise PermissionDenied(_("This outcome document cannot be changed any more."))
        before = outcome.content()
        # The row is locked: a writer who read nothing writes over the stored version.
        versioned_update(
            outcome,
            expected=outcome.lock_version if lock_version is None else lock_version,
            values={
                **content,
                **language,
                "search_text": _search_text(session, content),
                "updated_at": timezone.now(),
            },
            message=STALE_MESSAGE,
        )
        outcome_search_vectors_refresh(outcome_ids=[outcome.pk])
        outcome.refresh_from_db()
        _set_gdc_objectives(outcome, gdc_objectives)
        audit_record(
            actor=by, action="events_outcome.edit", obj=outcome, before=before, after=content
        )
        if outcome.status in OUTCOME_PUBLIC_STATES:
            # The secretariat corrected a published text: the public pages show it at once (the
            # text is written by an `update()`, which no signal sees).
            public_cache_bump(CacheNamespace.EVENTS)
            commitments_sync(outcome=outcome)
    return outcome


def outcome_submit(
    *,
    session: Session,
    by: Any,
    content: dict[str, Any] | None = None,
    lock_version: int | None = None,
    text_language: str | None = None,
    gdc_objectives: Iterable[GdcObjective] | None = None,
) -> OutcomeDocument:
    """Saves `content` (when given) and hands the outcome document in to the secretariat.

    Guarantees: the template's limits hold or ValidationError names each broken section and
    nothing is saved; a draft becomes "submitted", a document with changes requested
    "resubmitted"; the text handed in is kept as a revision (the secretariat's diff). Sends the
    secretariat a mail after commit; audited.
    """
    with transaction.atomic():
        if content is not None:
            cleaned = outcome_clean_content(content)
            errors = outcome_limit_errors(cleaned, complete=True)
            if errors:
                raise ValidationError(errors)
            outcome = outcome_save(
                session=session,
                by=by,
                content=cleaned,
                lock_version=lock_version,
                text_language=text_language,
                gdc_objectives=gdc_objectives,
            )
            lock_version = outcome.lock_version
        else:
            outcome = OutcomeDocument.objects.get(session=session)
            errors = outcome_limit_errors(outcome.content(), complete=True)
            if errors:
                raise ValidationError(errors)
        target = (
            OutcomeStatus.RESUBMITTED
            if outcome.status == OutcomeStatus.CHANGES_REQUESTED
            else OutcomeStatus.SUBMITTED
        )
        outcome.submitted_at = timezone.now()
        workflow_transition(
            workflow=OUTCOME_WORKFLOW,
            obj=outcome,
            to=target,
            by=by,
            expected_version=lock_version,
            update_fields=("updated_at", "submitted_at"),
        )
        last = outcome.revisions.order_by("-number").values_list("number", flat=True).first()
        OutcomeRevision.objects.create(
            outcome=outcome,
            number=(last or 0) + 1,
            content=outcome.content(),
            created_by=by if getattr(by, "is_authenticated", False) else None,
        )
    return outcome


def outcome_publish(
    *, outcome: OutcomeDocument, by: Any, lock_version: int | None = None
) -> OutcomeDocument:
    """Publishes a handed-in outcome document (secretariat only): public from now on, and a
    mail to its organisers after commit. Audited."""
    outcome.published_at = timezone.now()
    outcome.change_reason = ""
    with transaction.atomic():
        _publish(outcome=outcome, by=by, lock_version=lock_version)
    return outcome


def _publish(*, outcome: OutcomeDocument, by: Any, lock_version: int | None) -> None:
    workflow_transition(
        workflow=OUTCOME_WORKFLOW,
        obj=outcome,
        to=OutcomeStatus.PUBLISHED,
        by=by,
        expected_version=lock_version,
        update_fields=("updated_at", "published_at", "change_reason"),
    )
    commitments_sync(outcome=outcome)


def outcome_request_changes(
    *, outcome: OutcomeDocument, by: Any, reason: str, lock_version: int | None = None
) -> OutcomeDocument:
    """Sends a handed-in outcome document back to its organisers with `reason` (required), who
    get it by mail after commit and may edit again. Audited."""
    outcome.change_reason = (reason or "").strip()
    workflow_transition(
        workflow=OUTCOME_WORKFLOW,
        obj=outcome,
        to=OutcomeStatus.CHANGES_REQUESTED,
        by=by,
        reason=reason,
        expected_version=lock_version,
        update_fields=("updated_at", "change_reason"),
    )
    return outcome


def outcome_revision_diff(outcome: OutcomeDocument) -> list[tuple[str, str, list[str]]]:
    """(section label, kind, unified diff lines) between the last two texts handed in; the
    first revision is compared with an empty document."""
    revisions = list(outcome.revisions.order_by("-number")[:2])
    if not revisions:
        return []
    current = revisions[0].content
    previous = revisions[1].content if len(revisions) > 1 else {}
    result = []
    for section in OUTCOME_SECTIONS:

        def lines(value):
            return value if isinstance(value, list) else [value] if value else []

        old, new = lines(previous.get(section.key)), lines(current.get(section.key))
        diff = [
            line
            for line in list(difflib.unified_diff(old, new, lineterm="", n=100))[2:]
            if not line.startswith("@@")
        ]
        result.append((str(section.label), "changed" if diff else "same", diff))
    return result
