"""Experts and reviews, and what the secretariat publishes from them: nominees, finalists and
winners."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from stocktaking.prizes.enums import (
    CRITERIA,
    MAX_WINNERS_PER_CATEGORY,
    SCORE_MAX,
    SCORE_MIN,
    Phase,
    PrizeEntryStatus,
)
from stocktaking.prizes.models import (
    Category,
    ConflictOfInterest,
    Contest,
    ExpertAssignment,
    PrizeEntry,
    Review,
)
from stocktaking.prizes.rules import is_conflicted, may_review_entry
from stocktaking.prizes.selectors import finalists_for_category
from stocktaking.prizes.services.contests import phase_require, results_announce_on_commit
from stocktaking.prizes.workflow import PRIZE_ENTRY_WORKFLOW
from wsis.enums import Role
from wsis.models import Organisation, User
from wsis.services import audit_record
from wsis.workflow import workflow_transition

# --- Experts ---


def expert_assign(*, category: Category, expert: User, by: User) -> ExpertAssignment:
    """Makes a member of the Expert Group a reviewer of a category (idempotent, audited)."""
    if not expert.groups.filter(name=Role.EXPERT).exists():
        raise ValidationError(
            {"expert": _("%(person)s is not a member of the Expert Group.") % {"person": expert}}
        )
    with transaction.atomic():
        assignment, created = ExpertAssignment.objects.get_or_create(
            category=category, expert=expert
        )
        if created:
            audit_record(
                actor=by,
                action="prize_expert.assign",
                obj=assignment,
                after={"expert": expert.email},
            )
    return assignment


def conflict_declare(
    *, contest: Contest, expert: User, organisation: Organisation, reason: str
) -> ConflictOfInterest:
    """Records an expert's conflict with an organisation: from now on its entries are neither
    shown to nor reviewable by the expert (idempotent, audited)."""
    with transaction.atomic():
        conflict, created = ConflictOfInterest.objects.get_or_create(
            contest=contest, expert=expert, organisation=organisation, defaults={"reason": reason}
        )
        if created:
            audit_record(
                actor=expert,
                action="prize_expert.declare_conflict",
                obj=conflict,
                after={"organisation": organisation.slug},
                reason=reason,
            )
    return conflict


def review_submit(
    *, entry: PrizeEntry, expert: User, scores: dict[str, int], comment: str, now: datetime
) -> Review:
    """Stores an expert's final review of an eligible entry of their category during the
    expert review phase. Refused for a conflicted expert; a second review is refused."""
    phase_require(
        entry.contest,
        now,
        Phase.EXPERT_REVIEW,
        message=_("Reviews are accepted only during the expert review phase."),
    )
    if is_conflicted(expert, entry):
        raise PermissionDenied(_("You have a conflict of interest with this organisation."))
    if not may_review_entry(expert, entry):
        raise PermissionDenied(_("You may not review this entry."))
    errors: dict[str, list[str]] = {}
    for name in CRITERIA:
        value = scores.get(name)
        if not isinstance(value, int) or not SCORE_MIN <= value <= SCORE_MAX:
            errors[name] = [
                _("Give a score from %(min)d to %(max)d.") % {"min": SCORE_MIN, "max": SCORE_MAX}
            ]
    if not (comment or "").strip():
        errors["comment"] = [_("This field is required.")]
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            review = Review.objects.create(
                entry=entry,
                expert=expert,
                comment=comment.strip(),
                **{n: scores[n] for n in CRITERIA},
            )
            audit_record(
                actor=expert,
                action="prize_review.submit",
                obj=review,
                after={name: scores[name] for name in CRITERIA},
            )
    except IntegrityError as exc:
        raise ValidationError(
            _("You have already reviewed this entry; a review is final."), code="duplicate"
        ) from exc
    return review


# --- Nominees, finalists, winners ---


def nominees_publish(
    *, category: Category, entries: Iterable[PrizeEntry], by: User, now: datetime
) -> list[PrizeEntry]:
    """Publishes the selected eligible entries of a category as nominees and marks the other
    eligible ones not shortlisted, all or nothing. Each move is audited and notified."""
    phase_require(
        category.contest,
        now,
        Phase.EXPERT_REVIEW,
        Phase.NOMINEES_PUBLISHED,
        message=_("Nominees are chosen after the expert review starts and before voting opens."),
    )
    selected = list(entries)
    if not selected:
        raise ValidationError({"entries": [_("Choose at least one nominee.")]})
    wrong = [e for e in selected if e.category_id != category.pk or e.status != "eligible"]
    if wrong:
        raise ValidationError(
            {"entries": [_("Only eligible entries of this category can be nominated.")]}
        )
    selected_ids = {entry.pk for entry in selected}
    with transaction.atomic():
        for entry in selected:
            workflow_transition(
                workflow=PRIZE_ENTRY_WORKFLOW, obj=entry, to=PrizeEntryStatus.NOMINEE, by=by
            )
        others = PrizeEntry.objects.filter(
            category=category, status=PrizeEntryStatus.ELIGIBLE
        ).exclude(pk__in=selected_ids)
        for entry in others.select_related("organisation", "category", "contest"):
            workflow_transition(
                workflow=PRIZE_ENTRY_WORKFLOW,
                obj=entry,
                to=PrizeEntryStatus.NOT_SHORTLISTED,
                by=by,
            )
    return selected


def finalists_publish(*, contest: Contest, by: User, now: datetime) -> dict[int, list[int]]:
    """After voting closes, makes the five most-voted nominees of every category finalists (ties
    at the fifth place included). Returns {category id: [entry ids]}; audited and notified."""
    phase_require(
        contest,
        now,
        Phase.VOTING_CLOSED,
        Phase.FINALISTS,
        message=_("Finalists are computed after voting closes."),
    )
    chosen: dict[int, list[int]] = {}
    with transaction.atomic():
        for category in contest.categories.order_by("number"):
            finalists = finalists_for_category(category)
            for entry in finalists:
                workflow_transition(
                    workflow=PRIZE_ENTRY_WORKFLOW, obj=entry, to=PrizeEntryStatus.FINALIST, by=by
                )
            chosen[category.pk] = [entry.pk for entry in finalists]
    return chosen


def winners_record(
    *,
    category: Category,
    winners: Iterable[PrizeEntry],
    champions: Iterable[PrizeEntry],
    by: User,
) -> None:
    """Records the Expert Group's choice among a category's finalists: one winner (two on a
    tie) and the champions. All or nothing; audited. The organisations are told by the results
    announcement when the contest reaches "winners announced" (or at once, if it already has)."""
    winners, champions = list(winners), list(champions)
    finalists = set(
        category.entries.filter(status=PrizeEntryStatus.FINALIST).values_list("pk", flat=True)
    )
    errors: dict[str, list[str]] = {}
    if not 1 <= len(winners) <= MAX_WINNERS_PER_CATEGORY:
        errors["winners"] = [_("Choose one winner, or two on a tie.")]
    if any(e.pk not in finalists for e in [*winners, *champions]):
        errors["champions" if "winners" in errors else "winners"] = [
            _("Winners and champions are chosen among the finalists of this category.")
        ]
    if {e.pk for e in winners} & {e.pk for e in champions}:
        errors["champions"] = [_("An entry cannot be both winner and champion.")]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        for entry in winners:
            workflow_transition(
                workflow=PRIZE_ENTRY_WORKFLOW, obj=entry, to=PrizeEntryStatus.WINNER, by=by
            )
        for entry in champions:
            workflow_transition(
                workflow=PRIZE_ENTRY_WORKFLOW, obj=entry, to=PrizeEntryStatus.CHAMPION, by=by
            )
        if Contest.objects.filter(pk=category.contest_id, phase=Phase.WINNERS_ANNOUNCED).exists():
            # Results recorded after the announcement: the (idempotent) batch mails only those
            # not yet told.
            results_announce_on_commit(category.contest_id)
