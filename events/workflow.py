"""The outcome document workflow as data: who may make each move, whether a reason is required,
and who is told (`events.services` applies the moves)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy

from events.enums import (
    OUTCOME_WAITING_STATES,
    OutcomeStatus,
)
from events.models import (
    OutcomeDocument,
    Session,
)
from events.rules import is_outcome_author
from wsis.rules import is_secretariat
from wsis.services import notification_queue
from wsis.workflow import Transition, Workflow

User = get_user_model()


def organiser_emails(session: Session) -> list[str]:
    return list(
        User.objects.filter(memberships__organisation__in=session.organisers.all(), is_active=True)
        .order_by("email")
        .values_list("email", flat=True)
        .distinct()
    )


def _outcome_context(outcome: OutcomeDocument, reason: str = "") -> dict[str, Any]:
    session = outcome.session
    return {
        "event": session.event.name,
        "session_number": session.number,
        "session_title": session.title,
        "reason": reason,
        "edit_path": f"/events/{session.event.slug}/sessions/{session.number}/outcome/",
        "public_path": outcome.get_absolute_url(),
    }


def _notify_secretariat(*, obj: OutcomeDocument, transition: Transition, by, reason: str) -> None:
    notification_queue(
        recipient=settings.SECRETARIAT_EMAIL,
        template="events_outcome_submitted",
        context=_outcome_context(obj),
        idempotency_key=f"events-outcome-{obj.pk}-{transition.action}-v{obj.lock_version}",
    )


def _notify_organisers(*, obj: OutcomeDocument, transition: Transition, by, reason: str) -> None:
    for email in organiser_emails(obj.session):
        notification_queue(
            recipient=email,
            template=f"events_outcome_{transition.action}",
            context=_outcome_context(obj, reason),
            idempotency_key=(
                f"events-outcome-{obj.pk}-{transition.action}-v{obj.lock_version}-{email}"
            ),
        )


_may_hand_in = is_outcome_author | is_secretariat


def _may_moderate(user, outcome) -> bool:
    return is_secretariat(user)


STALE_MESSAGE = gettext_lazy(
    "Somebody else changed this outcome document since you opened it. Reload the "
    "page to see their version; your text was not saved."
)

# Every move grows `lock_version` too (and the mails' idempotency keys name it).
OUTCOME_WORKFLOW = Workflow(
    name="events_outcome",
    version_field="lock_version",
    stale_message=STALE_MESSAGE,
    transitions=(
        Transition(
            OutcomeStatus.DRAFT,
            OutcomeStatus.SUBMITTED,
            may=_may_hand_in,
            action="submit",
            notify=_notify_secretariat,
        ),
        Transition(
            OutcomeStatus.CHANGES_REQUESTED,
            OutcomeStatus.RESUBMITTED,
            may=_may_hand_in,
            action="resubmit",
            notify=_notify_secretariat,
        ),
        Transition(
            OUTCOME_WAITING_STATES,
            OutcomeStatus.PUBLISHED,
            may=_may_moderate,
            action="approve",
            notify=_notify_organisers,
        ),
        Transition(
            OUTCOME_WAITING_STATES,
            OutcomeStatus.CHANGES_REQUESTED,
            may=_may_moderate,
            action="request_changes",
            reason_required=True,
            notify=_notify_organisers,
        ),
    ),
)
