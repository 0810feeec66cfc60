"""Batched notifications of voters, winners and experts (resumable batches of 500, run by
tasks)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from allauth.account.models import EmailAddress
from django.conf import settings
from django.db import transaction
from django.db.models import Count, Exists, F, OuterRef, Q
from django.utils import timezone

from stocktaking.prizes.enums import (
    RESULT_STATES,
    Phase,
    PrizeEntryStatus,
)
from stocktaking.prizes.models import (
    Contest,
    PrizeEntry,
    Vote,
)
from stocktaking.prizes.selectors import experts_with_unfinished_reviews, phase_at
from stocktaking.prizes.services.contests import geneva
from wsis.models import Membership, User
from wsis.services import notification_queue

# --- Batched notifications (voters, experts) ---

NOTIFICATION_BATCH_SIZE = 500


def _verified_users_after(after_user_id: int, batch_size: int):
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
    # The tasks module imports the services: a module-level import would be a cycle.
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
