"""The membership invitation's workflow as data: who may move it from which state to which,
and who is told. Applied by `wsis.workflow.workflow_transition` only."""

from __future__ import annotations

import rules
from allauth.account.models import EmailAddress

from wsis.enums import InvitationStatus
from wsis.rules import is_organisation_contact, is_secretariat
from wsis.services import notification_queue
from wsis.workflow import Transition, Workflow


@rules.predicate
def is_invitee(user, invitation) -> bool:
    """Holds the invited address, confirmed: an unconfirmed copy of it proves nothing."""
    return bool(
        user.is_authenticated
        and user.is_active
        and invitation is not None
        and EmailAddress.objects.filter(
            user=user, verified=True, email__iexact=invitation.email
        ).exists()
    )


@rules.predicate
def is_inviting_side(user, invitation) -> bool:
    return invitation is not None and bool(
        is_organisation_contact(user, invitation.organisation) or is_secretariat(user)
    )


def notify_inviter(*, obj, transition, by, reason) -> None:
    """Tells whoever sent the invitation that it was answered."""
    if obj.invited_by is None:
        return
    notification_queue(
        recipient=obj.invited_by.email,
        template=f"membership_invitation_{transition.action}",
        context={"organisation": obj.organisation.name, "invitee": str(by)},
        idempotency_key=f"membership-invitation-{obj.pk}-{transition.action}",
        language=obj.invited_by.preferred_language,
    )


INVITATION_WORKFLOW = Workflow(
    name="membership_invitation",
    transitions=(
        Transition(
            InvitationStatus.PENDING,
            InvitationStatus.ACCEPTED,
            may=is_invitee,
            action="accept",
            notify=notify_inviter,
        ),
        Transition(
            InvitationStatus.PENDING,
            InvitationStatus.DECLINED,
            may=is_invitee,
            action="decline",
            notify=notify_inviter,
        ),
        Transition(
            InvitationStatus.PENDING,
            InvitationStatus.WITHDRAWN,
            may=is_inviting_side,
            action="withdraw",
        ),
    ),
)
