"""The workflow of a proposal for a thematic repository as data (see `wsis.workflow`): the
secretariat accepts a pending proposal, or declines it with a reason; the proposer is told
either way, by mail in their language, once the move commits. The entry's organisation may
withdraw its proposal while it waits (nobody is mailed: it leaves the queue); the secretariat may
remove an accepted entry from the repository again, with a reason the proposer is mailed."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import override

from evidence.enums import ProposalStatus
from evidence.models import RepositoryProposal
from stocktaking.rules import is_entry_member
from wsis.rules import is_secretariat
from wsis.services import notification_queue, recipient_language
from wsis.workflow import Transition, Workflow


def _may_decide(user, proposal) -> bool:
    return bool(is_secretariat.test(user))


def _may_withdraw(user, proposal) -> bool:
    """A verified member of the entry's organisation (whoever of them proposed it)."""
    return bool(is_entry_member.test(user, proposal.entry))


def notify_proposer(*, obj: RepositoryProposal, transition: Transition, by: Any, reason: str):
    """Tells the person who proposed the entry what the secretariat decided (and why)."""
    proposer = obj.proposed_by
    if proposer is None or not proposer.is_active:
        return
    language = recipient_language(proposer.email)
    with override(language):  # the state as the proposer reads it
        status = str(ProposalStatus(transition.target).label)
    notification_queue(
        recipient=proposer.email,
        template=f"evidence_repository_proposal_{transition.action}",
        context={
            "entry_title": obj.entry.title,
            "repository_title": obj.repository.title,
            "status": status,
            "reason": reason,
            "path": reverse("evidence:entry_repositories", kwargs={"pk": obj.entry_id}),
            "public_path": obj.repository.get_absolute_url(),
        },
        idempotency_key=f"evidence-repository-proposal-{obj.pk}-{transition.action}",
        language=language,
    )


PROPOSAL_WORKFLOW = Workflow(
    name="evidence_repository_proposal",
    transitions=(
        Transition(
            ProposalStatus.PENDING,
            ProposalStatus.ACCEPTED,
            may=_may_decide,
            action="accept",
            notify=notify_proposer,
        ),
        Transition(
            ProposalStatus.PENDING,
            ProposalStatus.DECLINED,
            may=_may_decide,
            action="decline",
            reason_required=True,
            notify=notify_proposer,
        ),
        Transition(
            ProposalStatus.PENDING,
            ProposalStatus.WITHDRAWN,
            may=_may_withdraw,
            action="withdraw",
        ),
        Transition(
            ProposalStatus.ACCEPTED,
            ProposalStatus.REMOVED,
            may=_may_decide,
            action="remove",
            reason_required=True,
            notify=notify_proposer,
        ),
    ),
)
