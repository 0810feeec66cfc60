"""The moves of a stocktaking entry, declared as data (see `wsis.workflow`)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy, override

from stocktaking.enums import OWNER_WITHDRAWABLE_STATES
from stocktaking.enums import EntryStatus as S
from stocktaking.rules import is_entry_member, is_moderator
from wsis.models import AuditEntry
from wsis.services import notification_queue
from wsis.workflow import Transition, Workflow


def notify_submitter(*, obj, transition: Transition, by: Any, reason: str) -> None:
    """Tells the person who submitted (or created) the entry about the secretariat's decision,
    or, on a submission, that the secretariat received it (a receipt)."""
    recipient = obj.submitted_by or obj.created_by
    if recipient is None:
        return
    # The audit row of this very move was just written: its id makes the event's stable key.
    audit_id = (
        AuditEntry.objects.filter(
            object_id=str(obj.pk), action=f"stocktaking_entry.{transition.action}"
        )
        .order_by("-id")
        .values_list("pk", flat=True)
        .first()
    )
    published = obj.revision_of if obj.revision_of_id else obj
    with override(recipient.preferred_language):  # the status as the recipient reads it
        context = {
            "title": obj.title,
            "organisation": obj.organisation.name,
            "status": str(S(transition.target).label),
            "reason": reason,
            "is_revision": obj.revision_of_id is not None,
            "entry_id": published.pk,
            "path": published.get_absolute_url(),
            "mine_path": reverse("stocktaking:mine_detail", kwargs={"pk": obj.pk}),
        }
    notification_queue(
        recipient=recipient.email,
        template=f"stocktaking_entry_{transition.action}",
        context=context,
        idempotency_key=f"stocktaking-entry-{obj.pk}-{transition.action}-{audit_id}",
        language=recipient.preferred_language,
    )


STALE_MESSAGE = gettext_lazy(
    "Somebody else changed this entry while you were editing it. "
    "Reload it to see their changes, then apply yours again."
)

# Every move grows `lock_version` too: an edit form opened before it is stale.
ENTRY_WORKFLOW = Workflow(
    name="stocktaking_entry",
    version_field="lock_version",
    stale_message=STALE_MESSAGE,
    transitions=(
        Transition(
            S.DRAFT, S.SUBMITTED, may=is_entry_member, action="submit", notify=notify_submitter
        ),
        Transition(
            S.CHANGES_REQUESTED,
            S.RESUBMITTED,
            may=is_entry_member,
            action="resubmit",
            notify=notify_submitter,
        ),
        Transition(
            (S.SUBMITTED, S.RESUBMITTED),
            S.APPROVED,
            may=is_moderator,
            action="approve",
            notify=notify_submitter,
        ),
        Transition(
            (S.SUBMITTED, S.RESUBMITTED),
            S.CHANGES_REQUESTED,
            may=is_moderator,
            action="request_changes",
            reason_required=True,
            notify=notify_submitter,
        ),
        Transition(
            (S.SUBMITTED, S.RESUBMITTED),
            S.REJECTED,
            may=is_moderator,
            action="reject",
            reason_required=True,
            notify=notify_submitter,
        ),
        Transition(OWNER_WITHDRAWABLE_STATES, S.WITHDRAWN, may=is_entry_member, action="withdraw"),
        Transition(
            S.APPROVED, S.ARCHIVED, may=is_moderator, action="archive", notify=notify_submitter
        ),
    ),
)

# The secretariat's decisions on an entry waiting in the queue, by target state.
DECISIONS = (S.APPROVED, S.CHANGES_REQUESTED, S.REJECTED)
