"""An entry's moves through `ENTRY_WORKFLOW` (submit, withdraw, the secretariat's decisions,
archive), the approved revision copied into the published entry, and the daily digest."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from stocktaking.enums import (
    EntryStatus,
)
from stocktaking.models import Entry, EntryAttachment
from stocktaking.selectors import moderation_queue_summary
from stocktaking.services.content import (
    SCALAR_FIELDS,
    entry_content_of,
    entry_content_validate,
    entry_diff,
    entry_relations_set,
    entry_search_vector_refresh,
    entry_snapshot,
)
from stocktaking.workflow import DECISIONS, ENTRY_WORKFLOW
from wsis.models import User
from wsis.services import audit_record, notification_queue
from wsis.workflow import workflow_transition


def entry_submit(*, entry: Entry, by: User) -> Entry:
    """Sends a draft (or an entry whose changes were requested) to the secretariat's queue.

    Audited; the secretariat learns of it in the daily digest, not by one mail per entry.
    """
    target = (
        EntryStatus.RESUBMITTED
        if entry.status == EntryStatus.CHANGES_REQUESTED
        else EntryStatus.SUBMITTED
    )
    entry_content_validate(entry_content_of(entry))
    entry.submitted_at = timezone.now()
    entry.submitted_by = by
    entry.decision_reason = ""
    workflow_transition(
        workflow=ENTRY_WORKFLOW,
        obj=entry,
        to=target,
        by=by,
        update_fields=("submitted_at", "submitted_by", "decision_reason"),
    )
    return entry


def entry_withdraw(*, entry: Entry, by: User, reason: str = "") -> Entry:
    """The owner takes the entry (or revision) out of moderation for good. Audited; no mail."""
    workflow_transition(
        workflow=ENTRY_WORKFLOW, obj=entry, to=EntryStatus.WITHDRAWN, by=by, reason=reason
    )
    return entry


def entry_decide(*, entry: Entry, to: str, by: User, reason: str = "") -> Entry:
    """The secretariat's decision on an entry in the queue: approve, request changes or reject.

    Guarantees: only from submitted/resubmitted and only by the secretariat; a reason is required
    to request changes or reject and is stored for the submitter; the submitter is mailed after
    commit (with the reason). Approving a revision copies it into the published entry in the same
    transaction (see `entry_revision_apply`).
    """
    if to not in DECISIONS:
        raise ValidationError(_("Not a moderation decision."), code="not_a_decision")
    with transaction.atomic():
        entry.decision_reason = (reason or "").strip()
        update_fields = ["decision_reason"]
        if to == EntryStatus.APPROVED:
            entry.approved_at = timezone.now()
            update_fields.append("approved_at")
        workflow_transition(
            workflow=ENTRY_WORKFLOW,
            obj=entry,
            to=to,
            by=by,
            reason=reason,
            update_fields=update_fields,
        )
        if to == EntryStatus.APPROVED and entry.revision_of_id is not None:
            return entry_revision_apply(revision=entry, by=by)
    if to == EntryStatus.APPROVED:
        entry_search_vector_refresh(entry_ids=[entry.pk])
    return entry


def entry_approve(*, entry: Entry, by: User, reason: str = "") -> Entry:
    return entry_decide(entry=entry, to=EntryStatus.APPROVED, by=by, reason=reason)


def entry_request_changes(*, entry: Entry, by: User, reason: str) -> Entry:
    return entry_decide(entry=entry, to=EntryStatus.CHANGES_REQUESTED, by=by, reason=reason)


def entry_reject(*, entry: Entry, by: User, reason: str) -> Entry:
    return entry_decide(entry=entry, to=EntryStatus.REJECTED, by=by, reason=reason)


def entry_archive(*, entry: Entry, by: User, reason: str = "") -> Entry:
    """Takes a published entry off the public database (secretariat). Audited; submitter mailed."""
    workflow_transition(
        workflow=ENTRY_WORKFLOW, obj=entry, to=EntryStatus.ARCHIVED, by=by, reason=reason
    )
    return entry


def entry_revision_apply(*, revision: Entry, by: User) -> Entry:
    """Copies an approved revision into its published entry.

    The revision itself stays, approved, as the record of what was published (never public: it
    has `revision_of`).

    Runs inside the caller's transaction: the public entry changes all at once or not at all; the
    audit row on the published entry holds the changed fields before and after.
    """
    published = Entry.objects.select_for_update().get(pk=revision.revision_of_id)
    before = entry_snapshot(published)
    content = entry_content_of(revision)
    for name in SCALAR_FIELDS:
        setattr(published, name, content[name])
    published.slug = slugify(published.title)[:80] or "entry"
    published.image = revision.image.name
    published.lock_version += 1
    published.updated_at = timezone.now()
    published.save()
    entry_relations_set(published, content)
    published.attachments.all().delete()
    EntryAttachment.objects.bulk_create(
        EntryAttachment(entry=published, title=a.title, file=a.file.name, size=a.size)
        for a in revision.attachments.all()
    )
    after = entry_snapshot(published)
    changes = entry_diff(before, after)
    audit_record(
        actor=by,
        action="stocktaking_entry.revision_apply",
        obj=published,
        before={key: change["before"] for key, change in changes.items()},
        after={key: change["after"] for key, change in changes.items()},
        reason=_("Revision %(id)s approved.") % {"id": revision.pk},
    )
    entry_search_vector_refresh(entry_ids=[published.pk])
    return published


# --- The secretariat's daily digest ---


def moderation_digest_send(*, now=None) -> bool:
    """Queues one mail to SECRETARIAT_EMAIL listing what waits in the moderation queue and for
    how long (at most one per day: the date is the idempotency key). Nothing is sent when the
    queue is empty. Returns whether a digest was queued."""
    now = now or timezone.now()
    summary = moderation_queue_summary(now=now)
    if summary.total == 0:
        return False
    notification_queue(
        recipient=settings.SECRETARIAT_EMAIL,
        template="stocktaking_moderation_digest",
        context={
            "total": summary.total,
            "older_than_week": summary.older_than_week,
            "entries": [
                {
                    "id": entry.pk,
                    "title": entry.title,
                    "organisation": entry.organisation.name,
                    "state": str(entry.get_status_display()),
                    "is_revision": entry.revision_of_id is not None,
                    "days": (now - entry.submitted_at).days if entry.submitted_at else 0,
                }
                for entry in summary.oldest
            ],
        },
        idempotency_key=f"stocktaking-digest-{timezone.localdate(now).isoformat()}",
    )
    return True
