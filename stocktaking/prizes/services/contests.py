"""Contests, their categories and phases: creation, the phase recorded on schedule or moved by
hand, and the checks other services make against the phase."""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import formats, timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from stocktaking.prizes.enums import (
    PHASE_ORDER,
    Phase,
)
from stocktaking.prizes.models import (
    Category,
    Contest,
)
from stocktaking.prizes.selectors import phase_at
from wsis.caching import public_cache_bump
from wsis.enums import CacheNamespace
from wsis.models import ActionLine, User
from wsis.services import audit_record


def geneva(moment: datetime | None) -> str:
    """A date and time in the portal's time zone (Geneva), as shown in messages."""
    if moment is None:
        return _("a date not yet fixed")
    return formats.date_format(timezone.localtime(moment), "j F Y, H:i")


# --- Contests, categories and phases ---


def contest_dates_check(contest: Contest) -> None:
    """Phase dates must follow the calendar order of the phases (unset ones are skipped)."""
    previous_phase, previous = None, None
    for phase, starts_at in contest.phase_starts():
        if starts_at is None:
            continue
        if previous is not None and starts_at < previous:
            field = Contest.PHASE_DATE_FIELDS[phase]
            raise ValidationError(
                {
                    field: _("“%(phase)s” cannot start before “%(previous)s”.")
                    % {"phase": Phase(phase).label, "previous": Phase(previous_phase).label}
                }
            )
        previous_phase, previous = phase, starts_at


def contest_categories_create(*, contest: Contest) -> int:
    """Creates the 18 Action Line categories (in prize-category order) that the contest lacks.
    Idempotent; returns how many were created."""
    existing = set(contest.categories.values_list("action_line_id", flat=True))
    created = [
        Category(
            contest=contest,
            action_line=action_line,
            number=action_line.position,
            slug=action_line.slug,
            name=action_line.name,
        )
        for action_line in ActionLine.objects.order_by("position")
        if action_line.pk not in existing
    ]
    Category.objects.bulk_create(created)
    return len(created)


def contest_create(
    *, year: int, title: str, by: User | None, dates: dict[str, datetime] | None = None
) -> Contest:
    """Creates a contest with its 18 Action Line categories (one transaction, audited)."""
    contest = Contest(year=year, title=title, **(dates or {}))
    contest_dates_check(contest)
    with transaction.atomic():
        contest.save()
        contest_categories_create(contest=contest)
        audit_record(
            actor=by,
            action="prize_contest.create",
            obj=contest,
            after={"year": year, "title": title, **_dates_json(contest)},
        )
    return contest


def category_add_special(
    *, contest: Contest, name: str, special_rules: str, by: User | None
) -> Category:
    """Adds a special prize category after the existing ones (audited)."""
    with transaction.atomic():
        Contest.objects.select_for_update().get(pk=contest.pk)
        number = (contest.categories.aggregate(n=Max("number"))["n"] or 0) + 1
        category = Category.objects.create(
            contest=contest,
            number=number,
            slug=slugify(name)[:60] or f"special-{number}",
            name=name,
            is_special=True,
            special_rules=special_rules,
        )
        audit_record(
            actor=by, action="prize_category.add_special", obj=category, after={"name": name}
        )
    return category


def results_announce_on_commit(contest_id: int) -> None:
    """Once the transaction commits, mails the results to the winners' and champions'
    organisations (a batched task)."""
    # The tasks module imports the services: a module-level import would be a cycle.
    from stocktaking.prizes.tasks import task_announce_results

    transaction.on_commit(lambda: task_announce_results.delay(contest_id), robust=True)


def _dates_json(contest: Contest) -> dict[str, str | None]:
    return {
        name: (getattr(contest, name).isoformat() if getattr(contest, name) else None)
        for name in Contest.PHASE_DATE_FIELDS.values()
    }


def contest_phase_record(
    *, contest: Contest, now: datetime, by: User | None = None, reason: str = ""
) -> bool:
    """Records the phase the dates give at `now`, once: idempotent (a second run with the same
    outcome changes and audits nothing) and safe against a concurrent run (the row is locked).
    Returns whether the recorded phase changed; every change writes one audit entry. Reaching
    "voting open" mails the voters, reaching "winners announced" mails the results to the
    winners' and champions' organisations (batched tasks, after commit)."""
    with transaction.atomic():
        locked = Contest.objects.select_for_update().get(pk=contest.pk)
        phase = phase_at(locked, now)
        if locked.phase == phase:
            return False
        before = locked.phase
        Contest.objects.filter(pk=locked.pk).update(phase=phase, phase_recorded_at=now)
        audit_record(
            actor=by,
            action="prize_contest.phase_change",
            obj=locked,
            before={"phase": before},
            after={"phase": phase},
            reason=reason or _("On schedule."),
        )
        # The phase is written by an `update()`, which no signal sees.
        public_cache_bump(CacheNamespace.PRIZES)
        if phase == Phase.VOTING_OPEN:
            # The tasks module imports the services: a module-level import would be a cycle.
            from stocktaking.prizes.tasks import task_notify_voters

            transaction.on_commit(
                lambda: task_notify_voters.delay(locked.pk, "voting_open"), robust=True
            )
        elif phase == Phase.WINNERS_ANNOUNCED:
            results_announce_on_commit(locked.pk)
    contest.phase, contest.phase_recorded_at = phase, now
    return True


def contests_phase_record(*, now: datetime) -> list[int]:
    """Records the phase of every contest not yet past its last phase (the beat job).
    Returns the ids of the contests whose phase changed; all or nothing."""
    changed = []
    # All or nothing: a failure leaves every contest as it was, for the next run to retry.
    with transaction.atomic():
        for contest in Contest.objects.exclude(phase=Phase.WINNERS_ANNOUNCED).order_by("year"):
            if contest_phase_record(contest=contest, now=now):
                changed.append(contest.pk)
    return changed


def contest_phase_move(
    *, contest: Contest, to: str, by: User, reason: str, now: datetime
) -> Contest:
    """Moves a contest to phase `to` by hand: `to` starts now, earlier phases not yet started
    start now too, later phases already started are unscheduled (their dates cleared, to be set
    again). The change of dates and of the phase are audited with the reason."""
    if to not in PHASE_ORDER:
        raise ValidationError({"phase": _("Choose a valid phase.")})
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("A reason is required to move a phase by hand.")})
    target_index = PHASE_ORDER.index(to)
    with transaction.atomic():
        locked = Contest.objects.select_for_update().get(pk=contest.pk)
        before = _dates_json(locked)
        for phase, field in Contest.PHASE_DATE_FIELDS.items():
            starts_at = getattr(locked, field)
            index = PHASE_ORDER.index(phase)
            if index == target_index or (
                index < target_index and (starts_at is None or starts_at > now)
            ):
                setattr(locked, field, now)
            elif index > target_index and starts_at is not None and starts_at <= now:
                setattr(locked, field, None)
        locked.save(update_fields=list(Contest.PHASE_DATE_FIELDS.values()))
        audit_record(
            actor=by,
            action="prize_contest.phase_move",
            obj=locked,
            before=before,
            after=_dates_json(locked),
            reason=reason,
        )
        contest_phase_record(contest=locked, now=now, by=by, reason=reason)
    return locked


def phase_require(contest: Contest, now: datetime, *phases: str, message: str) -> None:
    """Raises ValidationError (code "wrong_phase") with `message` unless the contest is in one of
    `phases` at `now`."""
    if phase_at(contest, now) not in phases:
        raise ValidationError(message, code="wrong_phase")


def entries_closed_message(contest: Contest, now: datetime) -> str:
    """Why entries cannot be made or changed now: not open yet, or closed since when."""
    if contest.entries_open_at is None or contest.entries_open_at > now:
        return _(
            "Entries for the %(contest)s are not open yet; they open on %(date)s (Geneva time)."
        ) % {
            "contest": contest.title,
            "date": geneva(contest.entries_open_at),
        }
    return _("Entries for the %(contest)s are closed: the deadline was %(date)s (Geneva time).") % {
        "contest": contest.title,
        "date": geneva(contest.entries_close_at),
    }
