"""The prize entry's workflow as data: every status change goes through `PRIZE_ENTRY_WORKFLOW`
with `wsis.workflow.workflow_transition` (locked, audited, notifications after commit)."""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext_lazy, override

from stocktaking.prizes.enums import PrizeEntryStatus as S
from stocktaking.prizes.rules import is_entry_member, is_entry_secretariat
from wsis.rules import is_verified
from wsis.services import notification_queue, recipient_language
from wsis.workflow import Transition, Workflow


def _member_emails(entry) -> list[tuple[str, str]]:
    return list(
        entry.organisation.memberships.select_related("user")
        .order_by("user__email")
        .values_list("user__email", "user__preferred_language")
    )


def _context(entry, reason: str = "") -> dict:
    return {
        "entry_title": entry.title,
        "entry_id": entry.pk,
        "organisation": entry.organisation.name,
        "category": str(entry.category),
        "contest": entry.contest.title,
        "year": entry.contest.year,
        "status": str(S(entry.status).label),
        "reason": reason,
    }


def notify_members(*, obj, transition, by, reason: str = "") -> None:
    """Tells every member of the entering organisation about the move (one message each)."""
    template = {
        S.SUBMITTED: "prizes_entry_received",
        S.ELIGIBLE: "prizes_eligibility",
        S.INELIGIBLE: "prizes_eligibility",
        S.NOMINEE: "prizes_nominee",
        S.NOT_SHORTLISTED: "prizes_not_shortlisted",
        S.FINALIST: "prizes_finalist",
    }[transition.target]
    for email, language in _member_emails(obj):
        with override(language):  # the status and category as the member reads them
            context = _context(obj, reason)
        notification_queue(
            recipient=email,
            template=template,
            context=context,
            idempotency_key=f"prize-entry-{obj.pk}-{transition.target}-{email}",
            language=language,
        )
    if transition.target == S.SUBMITTED:
        with override(recipient_language(settings.SECRETARIAT_EMAIL)):
            context = _context(obj, reason)
        notification_queue(
            recipient=settings.SECRETARIAT_EMAIL,
            template="prizes_entry_received",
            context=context,
            idempotency_key=f"prize-entry-{obj.pk}-submitted-secretariat",
        )


may_submit = is_entry_member & is_verified

STALE_MESSAGE = gettext_lazy(
    "Someone else changed this entry meanwhile; reload it and apply your changes again."
)

# Every move grows `lock_version` too: an edit form opened before it is stale.
PRIZE_ENTRY_WORKFLOW = Workflow(
    name="prize_entry",
    version_field="lock_version",
    stale_message=STALE_MESSAGE,
    transitions=(
        Transition(S.DRAFT, S.SUBMITTED, may=may_submit, action="submit", notify=notify_members),
        Transition(
            (S.SUBMITTED, S.INELIGIBLE),
            S.ELIGIBLE,
            may=is_entry_secretariat,
            action="declare_eligible",
            notify=notify_members,
        ),
        Transition(
            S.SUBMITTED,
            S.INELIGIBLE,
            may=is_entry_secretariat,
            action="declare_ineligible",
            reason_required=True,
            notify=notify_members,
        ),
        Transition(
            S.ELIGIBLE,
            S.NOMINEE,
            may=is_entry_secretariat,
            action="nominate",
            notify=notify_members,
        ),
        Transition(
            S.ELIGIBLE,
            S.NOT_SHORTLISTED,
            may=is_entry_secretariat,
            action="not_shortlist",
            notify=notify_members,
        ),
        Transition(
            S.NOMINEE,
            S.FINALIST,
            may=is_entry_secretariat,
            action="finalist",
            notify=notify_members,
        ),
        # Winners and champions are told once, by the results announcement
        # (`services.results_announce_batch`), when the contest reaches "winners announced".
        Transition(S.FINALIST, S.WINNER, may=is_entry_secretariat, action="win"),
        Transition(S.FINALIST, S.CHAMPION, may=is_entry_secretariat, action="champion"),
    ),
)
