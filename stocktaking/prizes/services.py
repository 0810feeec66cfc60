"""Every write of the WSIS Prizes. Services take keyword arguments and an explicit `now`, so the
phase rules are checked on the server at the moment of saving and tests can inject the clock."""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import Count, Exists, F, Max, OuterRef, Q, QuerySet
from django.utils import formats, timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from stocktaking.models import Entry
from stocktaking.prizes.enums import (
    CRITERIA,
    DESCRIPTION_MAX_WORDS,
    DESCRIPTION_MIN_WORDS,
    EDITABLE_STATES,
    MAX_WINNERS_PER_CATEGORY,
    PHASE_ORDER,
    RESULT_STATES,
    SCORE_MAX,
    SCORE_MIN,
    WINNING_STATES,
    Phase,
    PrizeEntryStatus,
)
from stocktaking.prizes.language import english_errors
from stocktaking.prizes.models import (
    Category,
    ConflictOfInterest,
    Contest,
    ExpertAssignment,
    PrizeEntry,
    Review,
    Vote,
)
from stocktaking.prizes.rules import is_conflicted, may_review_entry
from stocktaking.prizes.selectors import NEW_ACCOUNT_DAYS, finalists_for_category, phase_at
from stocktaking.prizes.workflow import PRIZE_ENTRY_WORKFLOW
from wsis.caching import public_cache_bump
from wsis.enums import CacheNamespace, Role
from wsis.models import ActionLine, AuditEntry, Membership, Organisation, User
from wsis.rules import is_organisation_member, is_verified
from wsis.services import audit_record, notification_queue
from wsis.workflow import workflow_transition

# Stocktaking entries in these states cannot be entered for a prize.
_CLOSED_STOCKTAKING_STATES = ("rejected", "withdrawn", "archived")
CONTENT_FIELDS = (
    "title",
    "description",
    "impact",
    "partnerships",
    "action_line_link",
    "challenges",
    "future_plans",
)
# The texts that must be in English (the title is often a proper name and is not judged).
ENGLISH_FIELDS = CONTENT_FIELDS[1:]


class StaleEntry(ValidationError):
    """The entry changed since the editor loaded it (optimistic locking)."""


class AlreadyVoted(ValidationError):
    pass


def geneva(moment: datetime | None) -> str:
    """A date and time in the portal's time zone (Geneva), as shown in messages."""
    if moment is None:
        return _("a date not yet fixed")
    return formats.date_format(timezone.localtime(moment), "DATETIME_FORMAT")


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
            from stocktaking.prizes.tasks import task_notify_voters

            transaction.on_commit(
                lambda: task_notify_voters.delay(locked.pk, "voting_open"), robust=True
            )
        elif phase == Phase.WINNERS_ANNOUNCED:
            _results_announce_on_commit(locked.pk)
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


def _require_phase(contest: Contest, now: datetime, *phases: str, message: str) -> None:
    if phase_at(contest, now) not in phases:
        raise ValidationError(message, code="wrong_phase")


def _entries_closed_message(contest: Contest, now: datetime) -> str:
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


# --- Prize entries ---


def _content_errors(content: dict[str, Any]) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    for field in CONTENT_FIELDS:
        if not str(content.get(field) or "").strip():
            errors[field] = [_("This field is required.")]
    if not content.get("sdgs"):
        errors["sdgs"] = [_("Choose at least one SDG.")]
    words = len(str(content.get("description") or "").split())
    if "description" not in errors and not (
        DESCRIPTION_MIN_WORDS <= words <= DESCRIPTION_MAX_WORDS
    ):
        errors["description"] = [
            _("The description must have %(min)d to %(max)d words; it has %(count)d.")
            % {"min": DESCRIPTION_MIN_WORDS, "max": DESCRIPTION_MAX_WORDS, "count": words}
        ]
    for field, messages in english_errors(
        {
            field: (str(PrizeEntry._meta.get_field(field).verbose_name), str(content[field]))
            for field in ENGLISH_FIELDS
            if str(content.get(field) or "").strip()
        }
    ).items():
        errors.setdefault(field, []).extend(messages)
    return errors


def _rule_errors(
    *,
    contest: Contest,
    organisation: Organisation,
    category: Category,
    stocktaking_entry: Entry,
    exclude_pk: int | None = None,
) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if category.contest_id != contest.pk:
        errors["category"] = [_("Choose a category of the %(contest)s.") % {"contest": contest}]
    elif (
        PrizeEntry.objects.filter(contest=contest, category=category, organisation=organisation)
        .exclude(pk=exclude_pk)
        .exists()
    ):
        errors["category"] = [_duplicate_message(category)]
    if (
        stocktaking_entry.organisation_id != organisation.pk
        or stocktaking_entry.revision_of_id is not None
        or stocktaking_entry.status in _CLOSED_STOCKTAKING_STATES
    ):
        errors["stocktaking_entry"] = [
            _("Choose one of %(organisation)s's stocktaking entries.")
            % {"organisation": organisation.name}
        ]
    else:
        past_win = (
            PrizeEntry.objects.filter(
                stocktaking_entry=stocktaking_entry,
                status__in=WINNING_STATES,
                contest__year__lt=contest.year,
            )
            .select_related("contest")
            .order_by("contest__year")
            .first()
        )
        if past_win is not None:
            errors["stocktaking_entry"] = [
                _("“%(title)s” won a WSIS Prize in %(year)d: past winners are not eligible.")
                % {"title": stocktaking_entry.title, "year": past_win.contest.year}
            ]
    return errors


def _duplicate_message(category: Category) -> str:
    return _(
        "Your organisation already has an entry in the category “%(category)s” of this contest."
    ) % {"category": category.name}


def _require_member(user: User, organisation: Organisation) -> None:
    if not is_verified(user):
        raise PermissionDenied(_("Confirm your e-mail address before entering a prize."))
    if not is_organisation_member(user, organisation):
        raise PermissionDenied(_("You are not a member of this organisation."))


def prize_entry_create(
    *,
    by: User,
    contest: Contest,
    organisation: Organisation,
    category: Category,
    stocktaking_entry: Entry,
    content: dict[str, Any],
    now: datetime,
) -> PrizeEntry:
    """Saves a new draft entry after checking, at `now`, that entries are open, that `by`
    belongs to the organisation and every rule (one entry per organisation and category, the
    word limits, required fields, past winners). The unique constraint backs the first rule
    against a concurrent create. Audited."""
    _require_member(by, organisation)
    _require_phase(contest, now, Phase.ENTRIES_OPEN, message=_entries_closed_message(contest, now))
    errors = _rule_errors(
        contest=contest,
        organisation=organisation,
        category=category,
        stocktaking_entry=stocktaking_entry,
    )
    errors.update(_content_errors(content))
    if errors:
        raise ValidationError(errors)
    entry = PrizeEntry(
        contest=contest,
        category=category,
        organisation=organisation,
        stocktaking_entry=stocktaking_entry,
        created_by=by,
        **{field: content[field].strip() for field in CONTENT_FIELDS},
    )
    try:
        with transaction.atomic():
            entry.save()
            entry.sdgs.set(content["sdgs"])
            entry.gdc_objectives.set(content.get("gdc_objectives") or [])
            audit_record(
                actor=by,
                action="prize_entry.create",
                obj=entry,
                after={"category": category.slug, "organisation": organisation.slug},
            )
    except IntegrityError as exc:
        raise ValidationError({"category": [_duplicate_message(category)]}) from exc
    return entry


def prize_entry_update(
    *,
    entry: PrizeEntry,
    by: User,
    lock_version: int,
    category: Category,
    stocktaking_entry: Entry,
    content: dict[str, Any],
    now: datetime,
) -> PrizeEntry:
    """Changes a draft entry if nobody changed it since `lock_version` (compare-and-increment in
    the UPDATE: a stale editor gets StaleEntry, never overwrites). Same checks as creation."""
    _require_member(by, entry.organisation)
    _require_phase(
        entry.contest, now, Phase.ENTRIES_OPEN, message=_entries_closed_message(entry.contest, now)
    )
    if entry.status not in EDITABLE_STATES:
        raise ValidationError(_("A submitted entry can no longer be changed."), code="not_draft")
    errors = _rule_errors(
        contest=entry.contest,
        organisation=entry.organisation,
        category=category,
        stocktaking_entry=stocktaking_entry,
        exclude_pk=entry.pk,
    )
    errors.update(_content_errors(content))
    if errors:
        raise ValidationError(errors)
    values = {field: content[field].strip() for field in CONTENT_FIELDS}
    try:
        with transaction.atomic():
            updated = PrizeEntry.objects.filter(
                pk=entry.pk, lock_version=lock_version, status__in=EDITABLE_STATES
            ).update(
                category=category,
                stocktaking_entry=stocktaking_entry,
                lock_version=F("lock_version") + 1,
                updated_at=now,
                **values,
            )
            if updated != 1:
                raise StaleEntry(
                    _(
                        "Someone else changed this entry meanwhile; reload it and apply your "
                        "changes again."
                    ),
                    code="stale",
                )
            entry.sdgs.set(content["sdgs"])
            entry.gdc_objectives.set(content.get("gdc_objectives") or [])
            audit_record(actor=by, action="prize_entry.update", obj=entry, after=values)
    except IntegrityError as exc:
        raise ValidationError({"category": [_duplicate_message(category)]}) from exc
    entry.refresh_from_db()
    return entry


def prize_entry_submit(*, entry: PrizeEntry, by: User, now: datetime) -> PrizeEntry:
    """Submits a draft before the deadline (checked at `now`). The workflow locks the row, so of
    many concurrent submissions exactly one succeeds; the others get TransitionNotAllowed. The
    organisation's members and the secretariat are told after commit."""
    _require_member(by, entry.organisation)
    _require_phase(
        entry.contest, now, Phase.ENTRIES_OPEN, message=_entries_closed_message(entry.contest, now)
    )
    errors = _rule_errors(
        contest=entry.contest,
        organisation=entry.organisation,
        category=entry.category,
        stocktaking_entry=entry.stocktaking_entry,
        exclude_pk=entry.pk,
    )
    content = {field: getattr(entry, field) for field in CONTENT_FIELDS}
    content["sdgs"] = list(entry.sdgs.values_list("pk", flat=True))
    errors.update(_content_errors(content))
    if errors:
        raise ValidationError(errors)
    entry.submitted_at = now
    entry.lock_version += 1
    workflow_transition(
        workflow=PRIZE_ENTRY_WORKFLOW,
        obj=entry,
        to=PrizeEntryStatus.SUBMITTED,
        by=by,
        update_fields=("submitted_at", "lock_version"),
    )
    return entry


def prize_entry_decide(
    *, entry: PrizeEntry, eligible: bool, by: User, reason: str = ""
) -> PrizeEntry:
    """The secretariat's eligibility decision; a refusal needs a reason, shown to the submitter.
    Audited; the organisation's members are told after commit."""
    entry.decision_reason = "" if eligible else (reason or "").strip()
    workflow_transition(
        workflow=PRIZE_ENTRY_WORKFLOW,
        obj=entry,
        to=PrizeEntryStatus.ELIGIBLE if eligible else PrizeEntryStatus.INELIGIBLE,
        by=by,
        reason=reason,
        update_fields=("decision_reason",),
    )
    return entry


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
    _require_phase(
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
    _require_phase(
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
    _require_phase(
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
            _results_announce_on_commit(category.contest_id)


# --- Votes ---


def _keyed_hash(value: str) -> str:
    return hmac.new(settings.SECRET_KEY.encode(), value.encode(), hashlib.sha256).hexdigest()


def network_of(ip: str) -> str:
    """The /24 (IPv4) or /48 (IPv6) network of an address, to spot many votes from one place."""
    try:
        address = ipaddress.ip_address(ip)
    except ValueError:
        return "unknown"
    prefix = 24 if address.version == 4 else 48
    return str(ipaddress.ip_network(f"{address}/{prefix}", strict=False))


def _vote_insert(vote: Vote) -> bool:
    """INSERT … ON CONFLICT (contest, category, user) DO NOTHING RETURNING id: a vote in a
    category the person has voted in already stores nothing and raises nothing, so no savepoint
    is needed around it. Sets the new vote's id; False when nothing was stored."""
    meta = Vote._meta
    quote = connection.ops.quote_name
    fields = [field for field in meta.concrete_fields if not field.primary_key]
    (one_per_category,) = (c for c in meta.constraints if c.name == "prize_vote_one_per_category")
    table = quote(meta.db_table)
    columns = ", ".join(quote(field.column) for field in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    target = ", ".join(quote(meta.get_field(name).column) for name in one_per_category.fields)
    # Names from the model's metadata; every value is a parameter.
    sql = (
        f"INSERT INTO {table} ({columns}) VALUES ({placeholders}) "  # noqa: S608
        f"ON CONFLICT ({target}) DO NOTHING RETURNING {quote(meta.pk.column)}"
    )
    values = [field.get_db_prep_save(getattr(vote, field.attname), connection) for field in fields]
    with connection.cursor() as cursor:
        cursor.execute(sql, values)
        row = cursor.fetchone()
    if row is None:
        return False
    vote.pk = row[0]
    vote._state.adding = False
    vote._state.db = connection.alias
    return True


def vote_cast(*, user: User, entry: PrizeEntry, ip: str, now: datetime) -> Vote:
    """Stores one final vote for a nominee during the voting window.

    One INSERT and no counter: at 100-300 votes a second nothing contends for a shared row. The
    unique constraint (contest, category, user) is the guarantee: of concurrent votes by one
    person in one category exactly one is stored, the others get AlreadyVoted. Keeps the time,
    a keyed hash of the IP address and of its network (never the address) and the account's age.
    Reads nothing unless the verified address is not known yet (see `is_verified`): the entry
    comes with its contest and category.
    """
    if not is_verified(user):
        raise PermissionDenied(_("Confirm your e-mail address before voting."))
    contest = entry.contest
    if phase_at(contest, now) != Phase.VOTING_OPEN:
        if contest.voting_opens_at is None or contest.voting_opens_at > now:
            message = _("Voting is not open yet; it opens on %(date)s (Geneva time).") % {
                "date": geneva(contest.voting_opens_at)
            }
        else:
            message = _("Voting is closed: it closed on %(date)s (Geneva time).") % {
                "date": geneva(contest.voting_closes_at)
            }
        raise ValidationError(message, code="voting_closed")
    if entry.status != PrizeEntryStatus.NOMINEE:
        raise ValidationError(_("Only nominees can receive votes."), code="not_nominee")
    vote = Vote(
        contest=contest,
        category_id=entry.category_id,
        entry=entry,
        user=user,
        created_at=now,
        ip_hash=_keyed_hash(f"{contest.pk}:{ip}"),
        network_hash=_keyed_hash(f"{contest.pk}:{network_of(ip)}"),
        account_age_days=max((now - user.date_joined).days, 0),
    )
    if not _vote_insert(vote):
        raise AlreadyVoted(
            _("You have already voted in the category “%(category)s”; a vote is final.")
            % {"category": entry.category.name},
            code="already_voted",
        )
    return vote


def votes_quarantine(*, votes: Iterable[Vote], reason: str, by: User) -> int:
    """Sets suspect votes aside: they stay stored and visible in the tally as quarantined, and
    no longer count. Never deletes. All or nothing in one transaction: the rows are locked, set
    aside by one UPDATE and audited one entry per vote (written in bulk). Votes already
    quarantined are left as they are; returns how many changed."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": [_("A reason is required to quarantine votes.")]})
    with transaction.atomic():
        if isinstance(votes, QuerySet):
            ids = Vote.objects.filter(pk__in=votes.values("pk"))
        else:
            ids = Vote.objects.filter(pk__in=[vote.pk for vote in votes])
        locked = list(
            ids.filter(quarantined=False).select_for_update().order_by("pk").only("pk", "user_id")
        )
        if not locked:
            return 0
        Vote.objects.filter(pk__in=[vote.pk for vote in locked]).update(
            quarantined=True, quarantine_reason=reason
        )
        content_type = ContentType.objects.get_for_model(Vote)
        actor = by if by is not None and by.is_authenticated else None
        AuditEntry.objects.bulk_create(
            (
                AuditEntry(
                    actor=actor,
                    action="prize_vote.quarantine",
                    content_type=content_type,
                    object_id=str(vote.pk),
                    object_repr=str(vote)[:255],
                    before={"quarantined": False},
                    after={"quarantined": True},
                    reason=reason,
                )
                for vote in locked
            ),
            batch_size=1000,
        )
    return len(locked)


def _votes_quarantine_group(
    *, contest: Contest, group: str, votes, details: dict[str, Any], reason: str, by: User
) -> int:
    """Quarantines one flagged group of votes and audits the group on the contest as well (what
    was flagged, how many votes were set aside), in the same transaction."""
    with transaction.atomic():
        changed = votes_quarantine(votes=votes, reason=reason, by=by)
        if changed:
            audit_record(
                actor=by,
                action="prize_vote.quarantine_group",
                obj=contest,
                after={"group": group, **details, "votes": changed},
                reason=reason.strip(),
            )
    return changed


def votes_quarantine_network(
    *, contest: Contest, network_hash: str, entry: PrizeEntry, reason: str, by: User
) -> int:
    """Quarantines a flagged network cluster: the counted votes one network cast for one
    nominee. One transaction, audited."""
    votes = Vote.objects.filter(
        contest=contest, network_hash=network_hash, entry=entry, quarantined=False
    )
    return _votes_quarantine_group(
        contest=contest,
        group="network",
        votes=votes,
        details={"entry": entry.pk, "network_hash": network_hash},
        reason=reason,
        by=by,
    )


def votes_quarantine_burst(
    *, contest: Contest, entry: PrizeEntry, minute: datetime, reason: str, by: User
) -> int:
    """Quarantines a flagged burst: the counted votes one nominee received in the minute that
    starts at `minute` (as the integrity report groups them). One transaction, audited."""
    if minute.tzinfo is None or minute.second or minute.microsecond:
        raise ValidationError(_("Choose a burst of the report."), code="bad_minute")
    votes = Vote.objects.filter(
        contest=contest,
        entry=entry,
        quarantined=False,
        created_at__gte=minute,
        created_at__lt=minute + timedelta(minutes=1),
    )
    return _votes_quarantine_group(
        contest=contest,
        group="burst",
        votes=votes,
        details={"entry": entry.pk, "minute": minute.isoformat()},
        reason=reason,
        by=by,
    )


def votes_quarantine_new_accounts(
    *,
    contest: Contest,
    entry: PrizeEntry,
    reason: str,
    by: User,
    max_age_days: int = NEW_ACCOUNT_DAYS,
) -> int:
    """Quarantines a flagged group of new-account votes: the counted votes for one nominee by
    accounts younger than `max_age_days` when they voted (as the integrity report groups them).
    One transaction, audited."""
    votes = Vote.objects.filter(
        contest=contest, entry=entry, quarantined=False, account_age_days__lt=max_age_days
    )
    return _votes_quarantine_group(
        contest=contest,
        group="new_accounts",
        votes=votes,
        details={"entry": entry.pk, "max_age_days": max_age_days},
        reason=reason,
        by=by,
    )


# --- Batched notifications (voters, experts) ---

NOTIFICATION_BATCH_SIZE = 500


def _verified_users_after(after_user_id: int, batch_size: int):
    from allauth.account.models import EmailAddress

    return list(
        User.objects.filter(is_active=True, pk__gt=after_user_id)
        .filter(Exists(EmailAddress.objects.filter(user=OuterRef("pk"), verified=True)))
        .order_by("pk")
        .values_list("pk", "email", "preferred_language")[:batch_size]
    )


def voters_notify_batch(
    *,
    contest: Contest,
    kind: str,
    after_user_id: int = 0,
    batch_size: int | None = None,
) -> int | None:
    """Queues one batch of "voting is open" (`kind="voting_open"`) or "voting closes soon, you
    have not voted everywhere" (`kind="voting_reminder"`) mails to verified users with an id
    above `after_user_id`. Returns the last id of the batch (the caller continues from there)
    or None when done. Idempotency keys make a re-run mail nobody twice."""
    batch_size = batch_size or NOTIFICATION_BATCH_SIZE
    users = _verified_users_after(after_user_id, batch_size)
    if not users:
        return None
    category_count = (
        contest.categories.filter(entries__status=PrizeEntryStatus.NOMINEE).distinct().count()
    )
    votes_per_user: dict[int, int] = {}
    if kind == "voting_reminder":
        votes_per_user = dict(
            Vote.objects.filter(contest=contest, user_id__in=[u[0] for u in users])
            .values("user_id")
            .annotate(n=Count("id"))
            .values_list("user_id", "n")
        )
    context = {
        "contest": contest.title,
        "year": contest.year,
        "closes": geneva(contest.voting_closes_at),
        "category_count": category_count,
    }
    for user_id, email, language in users:
        voted = votes_per_user.get(user_id, 0)
        if kind == "voting_reminder" and voted >= category_count:
            continue
        notification_queue(
            recipient=email,
            template=f"prizes_{kind}",
            context={**context, "voted": voted},
            idempotency_key=f"prize-{kind}-{contest.pk}-{user_id}",
            language=language,
        )
    return users[-1][0] if len(users) == batch_size else None


def _results_announce_on_commit(contest_id: int) -> None:
    from stocktaking.prizes.tasks import task_announce_results

    transaction.on_commit(lambda: task_announce_results.delay(contest_id), robust=True)


def results_announce_batch(
    *,
    contest: Contest,
    after: tuple[int, int] = (0, 0),
    batch_size: int | None = None,
) -> tuple[int, int] | None:
    """Queues one batch of results announcements: one mail per winner or champion entry of the
    contest to each member of its organisation, in (entry id, membership id) order after
    `after`. Returns the position of the last mail of a full batch (the caller continues from
    there) or None when done. The idempotency key (contest, entry, recipient) makes a re-run,
    or a later run after more results were recorded, mail nobody twice."""
    batch_size = batch_size or NOTIFICATION_BATCH_SIZE
    after_entry, after_membership = after
    recipients = list(
        Membership.objects.filter(
            organisation__prize_entries__contest=contest,
            organisation__prize_entries__status__in=RESULT_STATES,
        )
        .annotate(prize_entry_id=F("organisation__prize_entries__id"))
        .filter(
            Q(prize_entry_id__gt=after_entry)
            | Q(prize_entry_id=after_entry, pk__gt=after_membership)
        )
        .order_by("prize_entry_id", "pk")
        .values_list("prize_entry_id", "pk", "user_id", "user__email", "user__preferred_language")[
            :batch_size
        ]
    )
    if not recipients:
        return None
    entries = {
        entry.pk: entry
        for entry in PrizeEntry.objects.filter(
            pk__in={row[0] for row in recipients}
        ).select_related("organisation", "category", "contest")
    }
    for entry_id, _membership_id, user_id, email, language in recipients:
        entry = entries[entry_id]
        notification_queue(
            recipient=email,
            template="prizes_result",
            context={
                "entry_title": entry.title,
                "entry_id": entry.pk,
                "organisation": entry.organisation.name,
                "category": str(entry.category),
                "contest": contest.title,
                "year": contest.year,
                "status": str(PrizeEntryStatus(entry.status).label),
            },
            idempotency_key=f"prize-results-{contest.pk}-{entry_id}-{user_id}",
            language=language,
        )
    if len(recipients) < batch_size:
        return None
    return recipients[-1][0], recipients[-1][1]


def expert_reminder_day(contest: Contest, now: datetime) -> date | None:
    """The reminder day (a Geneva date) when `now` falls in the last PRIZES_EXPERT_REMINDER_DAYS
    days of the contest's expert review, else None. The review ends when the nominees are
    published; a review without that date has no deadline to remind of."""
    ends = contest.nominees_published_at
    if phase_at(contest, now) != Phase.EXPERT_REVIEW or ends is None:
        return None
    if now < ends - timedelta(days=settings.PRIZES_EXPERT_REMINDER_DAYS):
        return None
    return timezone.localdate(now)


def experts_remind_batch(
    *, contest: Contest, day: date, after_expert_id: int = 0, batch_size: int | None = None
) -> int | None:
    """Queues one batch of review reminders for reminder day `day`: one mail to each expert with
    an id above `after_expert_id` who has unfinished reviews of conflict-free eligible entries
    of their categories (one query per batch). Returns the last id of a full batch (the caller
    continues from there) or None when done. The idempotency key (contest, expert, day) mails
    an expert at most once per reminder day, however often the batch runs."""
    from stocktaking.prizes.selectors import experts_with_unfinished_reviews

    batch_size = batch_size or NOTIFICATION_BATCH_SIZE
    experts = experts_with_unfinished_reviews(contest, after_id=after_expert_id, limit=batch_size)
    if not experts:
        return None
    context = {
        "contest": contest.title,
        "year": contest.year,
        "closes": geneva(contest.nominees_published_at),
    }
    for expert_id, email, language, missing in experts:
        notification_queue(
            recipient=email,
            template="prizes_review_reminder",
            context={**context, "missing": missing},
            idempotency_key=f"prize-review-reminder-{contest.pk}-{expert_id}-{day.isoformat()}",
            language=language,
        )
    return experts[-1][0] if len(experts) == batch_size else None


def contests_send_reminders(*, now: datetime) -> dict[str, list[int]]:
    """The daily beat job: voters are reminded once when voting closes within two days; experts
    with unfinished reviews once a day during the last PRIZES_EXPERT_REMINDER_DAYS days of the
    expert review (batched tasks, after commit). Returns the contests concerned."""
    from stocktaking.prizes.tasks import task_notify_voters, task_remind_experts

    done: dict[str, list[int]] = {"voters": [], "experts": []}
    for contest in Contest.objects.filter(phase__in=(Phase.VOTING_OPEN, Phase.EXPERT_REVIEW)):
        phase = phase_at(contest, now)
        if (
            phase == Phase.VOTING_OPEN
            and contest.voting_closes_at is not None
            and contest.voting_closes_at - now <= timedelta(days=2)
            and Contest.objects.filter(pk=contest.pk, voters_reminded_at__isnull=True).update(
                voters_reminded_at=now
            )
        ):
            transaction.on_commit(
                lambda pk=contest.pk: task_notify_voters.delay(pk, "voting_reminder"), robust=True
            )
            done["voters"].append(contest.pk)
        elif (day := expert_reminder_day(contest, now)) is not None:
            transaction.on_commit(
                lambda pk=contest.pk, day=day: task_remind_experts.delay(pk, day.isoformat()),
                robust=True,
            )
            done["experts"].append(contest.pk)
    return done
