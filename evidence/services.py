"""Every write of the links, of the Questions' links and of the proposals for thematic
repositories: permission-checked, audited, in one transaction each. Naming a link twice keeps
one."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from events.models import OutcomeDocument, Session
from evidence.enums import PROPOSAL_OPEN_STATES, ProposalStatus
from evidence.models import (
    EntrySessionLink,
    OutcomeClauseLink,
    OutcomeEntryLink,
    QuestionEntryLink,
    QuestionPrizeEntryLink,
    RepositoryProposal,
    StudyGroupQuestion,
    ThematicRepository,
)
from evidence.selectors import ENTRY_PUBLIC
from evidence.workflow import PROPOSAL_WORKFLOW
from roadmaps.enums import VersionStatus
from roadmaps.models import Clause
from stocktaking.models import Entry
from stocktaking.prizes.models import PrizeEntry
from wsis.models import User
from wsis.services import audit_record
from wsis.workflow import workflow_transition


def _require(user: User, permission: str, obj) -> None:
    if not user.has_perm(permission, obj):
        raise PermissionDenied(_("You may not change the links of this record."))


# --- an entry's sessions and Questions -------------------------------------------------------


def entry_session_link_add(*, entry: Entry, session: Session, by: User) -> EntrySessionLink:
    """Names a session where `entry` was presented (its organisation or the secretariat)."""
    _require(by, "evidence.link_entry", entry)
    with transaction.atomic():
        link, created = EntrySessionLink.objects.get_or_create(
            entry=entry, session=session, defaults={"added_by": by}
        )
        if created:
            audit_record(
                actor=by, action="entry.link_session", obj=entry, after={"session": session.pk}
            )
    return link


def entry_session_link_remove(*, link: EntrySessionLink, by: User) -> None:
    _require(by, "evidence.link_entry", link.entry)
    with transaction.atomic():
        link.delete()
        audit_record(
            actor=by,
            action="entry.unlink_session",
            obj=link.entry,
            before={"session": link.session_id},
        )


def entry_questions_set(*, entry: Entry, questions: Iterable[StudyGroupQuestion], by: User) -> None:
    """Sets the study-group Questions `entry` informs (its organisation or the secretariat)."""
    _require(by, "evidence.link_entry", entry)
    wanted = {question.pk for question in questions}
    with transaction.atomic():
        current = set(
            QuestionEntryLink.objects.filter(entry=entry).values_list("question_id", flat=True)
        )
        if wanted == current:
            return
        QuestionEntryLink.objects.filter(entry=entry, question_id__in=current - wanted).delete()
        for question_id in sorted(wanted - current):
            QuestionEntryLink.objects.create(entry=entry, question_id=question_id, added_by=by)
        audit_record(
            actor=by,
            action="entry.questions",
            obj=entry,
            before={"questions": sorted(current)},
            after={"questions": sorted(wanted)},
        )


def prize_entry_questions_set(
    *, prize_entry: PrizeEntry, questions: Iterable[StudyGroupQuestion], by: User
) -> None:
    """Sets the study-group Questions a prize entry informs (its organisation or the
    secretariat); the public sees them once the entry is an announced winner or champion."""
    _require(by, "evidence.link_prize_entry", prize_entry)
    wanted = {question.pk for question in questions}
    with transaction.atomic():
        current = set(
            QuestionPrizeEntryLink.objects.filter(prize_entry=prize_entry).values_list(
                "question_id", flat=True
            )
        )
        if wanted == current:
            return
        QuestionPrizeEntryLink.objects.filter(
            prize_entry=prize_entry, question_id__in=current - wanted
        ).delete()
        for question_id in sorted(wanted - current):
            QuestionPrizeEntryLink.objects.create(
                prize_entry=prize_entry, question_id=question_id, added_by=by
            )
        audit_record(
            actor=by,
            action="prize_entry.questions",
            obj=prize_entry,
            before={"questions": sorted(current)},
            after={"questions": sorted(wanted)},
        )


# --- an outcome document's entries and clauses -----------------------------------------------


def outcome_entry_link_add(
    *, outcome: OutcomeDocument, entry_id: int, by: User
) -> OutcomeEntryLink:
    """Names a published stocktaking entry the outcome document relates to (its organisers or
    the secretariat); a draft or unknown entry is refused, naming `entry`."""
    _require(by, "evidence.link_outcome", outcome)
    entry = Entry.objects.filter(pk=entry_id, **ENTRY_PUBLIC).first()
    if entry is None:
        raise ValidationError({"entry": _("Only a published stocktaking entry can be named.")})
    with transaction.atomic():
        link, created = OutcomeEntryLink.objects.get_or_create(
            outcome=outcome, entry=entry, defaults={"added_by": by}
        )
        if created:
            audit_record(
                actor=by, action="outcome.link_entry", obj=outcome, after={"entry": entry.pk}
            )
    return link


def outcome_clause_link_add(
    *, outcome: OutcomeDocument, clause_id: int, by: User
) -> OutcomeClauseLink:
    """Names a clause of a published roadmap version the outcome relates to; a clause of a
    draft is refused, naming `clause`."""
    _require(by, "evidence.link_outcome", outcome)
    clause = Clause.objects.filter(pk=clause_id, version__status=VersionStatus.PUBLISHED).first()
    if clause is None:
        raise ValidationError({"clause": _("Only a clause of a published roadmap can be named.")})
    with transaction.atomic():
        link, created = OutcomeClauseLink.objects.get_or_create(
            outcome=outcome, clause=clause, defaults={"added_by": by}
        )
        if created:
            audit_record(
                actor=by, action="outcome.link_clause", obj=outcome, after={"clause": clause.pk}
            )
    return link


def outcome_link_remove(*, link: OutcomeEntryLink | OutcomeClauseLink, by: User) -> None:
    _require(by, "evidence.link_outcome", link.outcome)
    target = (
        {"entry": link.entry_id}
        if isinstance(link, OutcomeEntryLink)
        else {"clause": link.clause_id}
    )
    with transaction.atomic():
        link.delete()
        audit_record(actor=by, action="outcome.unlink", obj=link.outcome, before=target)


# --- proposals for thematic repositories -----------------------------------------------------

NOTE_MAX_LENGTH = 500


def repository_proposal_make(
    *, repository: ThematicRepository, entry: Entry, by: User, note: str = ""
) -> RepositoryProposal:
    """Proposes an approved, published entry for a published repository (a verified member of
    the entry's organisation, or the secretariat), with an optional sentence for the secretariat.

    Guarantees: one open proposal per entry and repository (a pending or accepted one refuses a
    second, naming `repository`, even when two arrive at once); an audit row under the
    workflow's name (`evidence_repository_proposal.submit`). Raises PermissionDenied or
    ValidationError, and then writes nothing. Nobody is mailed: the proposal waits in the
    secretariat's queue in the admin.
    """
    if not by.has_perm("evidence.propose_entry", entry):
        raise PermissionDenied(_("Only the entry's organisation can propose it, once approved."))
    if not repository.is_published:
        raise ValidationError({"repository": _("This repository takes no proposals.")})
    note = (note or "").strip()
    if len(note) > NOTE_MAX_LENGTH:
        raise ValidationError({"note": _("Write at most 500 characters.")})
    duplicate = ValidationError(
        {"repository": _("This entry is already proposed for this repository, or in it.")},
        code="duplicate",
    )
    if RepositoryProposal.objects.filter(
        repository=repository, entry=entry, status__in=PROPOSAL_OPEN_STATES
    ).exists():
        raise duplicate
    try:
        with transaction.atomic():
            proposal = RepositoryProposal.objects.create(
                repository=repository, entry=entry, note=note, proposed_by=by
            )
            audit_record(
                actor=by,
                action="evidence_repository_proposal.submit",
                obj=proposal,
                after={"repository": repository.pk, "entry": entry.pk, "note": note},
            )
    except IntegrityError as error:
        # Two proposals at once: the partial unique index lets one through.
        raise duplicate from error
    return proposal


def repository_proposal_transition(
    *, proposal: RepositoryProposal, to: str, by: User, reason: str = ""
) -> RepositoryProposal:
    """The secretariat's decision on a proposal: accept a pending one (the entry joins the
    repository's public page and the entry page names the repository), decline it (a reason
    is required; the proposer reads it), or remove an accepted entry from the repository again
    (a reason is required too).

    Guarantees (`wsis.workflow.workflow_transition`): only the moves of PROPOSAL_WORKFLOW and
    only by the secretariat; the decision, who made it and when are saved with the state (a
    removal replaces the acceptance's: the audit keeps both); one audit row
    (`evidence_repository_proposal.accept`, `.decline` or `.remove`, with the reason); the
    proposer is mailed in their language after commit; the public pages of stocktaking are
    invalidated when an entry joins or leaves (evidence/caching.py).
    """
    with transaction.atomic():
        proposal.decision_reason = (reason or "").strip()
        proposal.decided_by = by
        proposal.decided_at = timezone.now()
        workflow_transition(
            workflow=PROPOSAL_WORKFLOW,
            obj=proposal,
            to=to,
            by=by,
            reason=reason,
            update_fields=("decision_reason", "decided_by", "decided_at"),
        )
    return proposal


def repository_proposal_accept(
    *, proposal: RepositoryProposal, by: User, reason: str = ""
) -> RepositoryProposal:
    return repository_proposal_transition(
        proposal=proposal, to=ProposalStatus.ACCEPTED, by=by, reason=reason
    )


def repository_proposal_decline(
    *, proposal: RepositoryProposal, by: User, reason: str
) -> RepositoryProposal:
    return repository_proposal_transition(
        proposal=proposal, to=ProposalStatus.DECLINED, by=by, reason=reason
    )


def repository_proposal_remove(
    *, proposal: RepositoryProposal, by: User, reason: str
) -> RepositoryProposal:
    return repository_proposal_transition(
        proposal=proposal, to=ProposalStatus.REMOVED, by=by, reason=reason
    )


def repository_proposal_withdraw(*, proposal: RepositoryProposal, by: User) -> RepositoryProposal:
    """The entry's organisation takes back a proposal that still waits for the secretariat.

    Guarantees: only from pending and only by a verified member of the entry's organisation
    (PermissionDenied for anyone else, the secretariat included: it declines instead); one
    audit row (`evidence_repository_proposal.withdraw`); nobody is mailed and nothing public
    changes; the entry may be proposed for the repository again at once.
    """
    workflow_transition(
        workflow=PROPOSAL_WORKFLOW, obj=proposal, to=ProposalStatus.WITHDRAWN, by=by
    )
    return proposal
