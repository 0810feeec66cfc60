"""My WSIS: what a signed-in person has to do and what they own, per role, in a bounded number
of queries (each list is one query, whatever its length; the secretariat's queues are one)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import CharField, Count, Exists, Min, OuterRef, Value
from django.utils.translation import gettext_lazy as _

from events.enums import OutcomeStatus
from events.models import OutcomeDocument, Session
from portal.models import StarredSession
from roadmaps.enums import VersionStatus
from roadmaps.models import RoadmapVersion
from stocktaking.enums import PUBLIC_STATES, EntryStatus
from stocktaking.models import Entry
from stocktaking.prizes.enums import PrizeEntryStatus
from stocktaking.prizes.models import Contest, PrizeEntry, Review, Vote
from stocktaking.prizes.selectors import entries_for_expert
from wsis.enums import Role
from wsis.rules import is_expert, is_secretariat, role_names

# How many items a list shows; the rest is one click away ("see all").
LIST_LIMIT = 8
# Entries that wait for their owner, then for the secretariat.
OWNER_TODO_STATES = (EntryStatus.DRAFT, EntryStatus.CHANGES_REQUESTED)
WAITING_STATES = (EntryStatus.SUBMITTED, EntryStatus.RESUBMITTED)


@dataclass
class Queue:
    """One of the secretariat's queues: how many wait and since when the oldest waits."""

    key: str
    label: str
    count: int
    oldest: dt.datetime | None
    url_name: str


@dataclass
class MyWsis:
    roles: list[str] = field(default_factory=list)
    entry_counts: dict[str, int] = field(default_factory=dict)
    entries_todo: list[Entry] = field(default_factory=list)
    entries_waiting: list[Entry] = field(default_factory=list)
    prize_entries: list[PrizeEntry] = field(default_factory=list)
    votes: list[dict] = field(default_factory=list)
    reviews_due: list[PrizeEntry] = field(default_factory=list)
    review_contest: Contest | None = None
    roadmap_versions: list[RoadmapVersion] = field(default_factory=list)
    outcomes_due: list[Session] = field(default_factory=list)
    queues: list[Queue] = field(default_factory=list)
    is_member: bool = False

    @property
    def published_count(self) -> int:
        return self.entry_counts.get(EntryStatus.APPROVED, 0)

    @property
    def todo_count(self) -> int:
        return (
            len(self.entries_todo)
            + len(self.reviews_due)
            + sum(1 for v in self.roadmap_versions if v.status != VersionStatus.SUBMITTED)
            + len(self.outcomes_due)
            + sum(queue.count for queue in self.queues)
        )


def my_wsis(user, *, now: dt.datetime) -> MyWsis:
    """Everything My WSIS shows for `user` at `now`."""
    roles = role_names(user)
    result = MyWsis(roles=sorted(roles))
    _stakeholder(result, user, now)
    if is_expert(user):
        _expert(result, user, now)
    if Role.FACILITATOR.value in roles or is_secretariat(user):
        _facilitator(result, user, secretariat=is_secretariat(user))
    if is_secretariat(user):
        result.queues = secretariat_queues()
    return result


def _stakeholder(result: MyWsis, user, now: dt.datetime) -> None:
    mine = Entry.objects.filter(organisation__memberships__user=user)
    # One query: the number of entries per state (published ones may be thousands).
    result.entry_counts = dict(
        mine.order_by()
        .values_list("status")
        .annotate(count=Count("id"))
        .values_list("status", "count")
    )
    result.is_member = bool(result.entry_counts) or user.memberships.exists()
    if not result.is_member:
        return
    # One query: the entries the person or the secretariat has to act on, newest first.
    open_entries = list(
        mine.filter(status__in=(*OWNER_TODO_STATES, *WAITING_STATES))
        .select_related("organisation")
        .only(
            "id",
            "title",
            "status",
            "decision_reason",
            "updated_at",
            "submitted_at",
            "revision_of_id",
            "organisation__name",
        )
        .order_by("-updated_at", "-id")[: LIST_LIMIT * 4]
    )
    result.entries_todo = [e for e in open_entries if e.status in OWNER_TODO_STATES][:LIST_LIMIT]
    result.entries_waiting = [e for e in open_entries if e.status in WAITING_STATES][:LIST_LIMIT]
    # One query each: prize entries of the person's organisations and the person's votes.
    result.prize_entries = list(
        PrizeEntry.objects.filter(organisation__memberships__user=user)
        .exclude(status=PrizeEntryStatus.INELIGIBLE)
        .select_related("category", "contest")
        .only("id", "title", "status", "category__name", "category__number", "contest__year")
        .order_by("-contest__year", "category__number", "id")[:LIST_LIMIT]
    )
    result.votes = list(
        Vote.objects.filter(user=user)
        .values("contest__year")
        .annotate(count=Count("id"))
        .order_by("-contest__year")
    )
    # One query: sessions of the person's organisations that are over and whose outcome
    # document is not published (missing, a draft, or returned with changes requested).
    result.outcomes_due = list(
        Session.objects.filter(organisers__memberships__user=user, ends_at__lt=now)
        .exclude(
            Exists(
                OutcomeDocument.objects.filter(
                    session=OuterRef("pk"),
                    status__in=(
                        OutcomeStatus.PUBLISHED,
                        OutcomeStatus.SUBMITTED,
                        OutcomeStatus.RESUBMITTED,
                    ),
                )
            )
        )
        .select_related("event")
        .only("id", "number", "title", "ends_at", "event__slug", "event__name")
        .distinct()
        .order_by("ends_at", "id")[:LIST_LIMIT]
    )


def _expert(result: MyWsis, user, now: dt.datetime) -> None:
    # One query: the contest in its expert review (the deadline is when nominees are published).
    result.review_contest = (
        Contest.objects.filter(review_starts_at__lte=now, nominees_published_at__gt=now)
        .order_by("-year")
        .first()
    )
    if result.review_contest is None:
        return
    # One query (its conflicts are a subquery): the entries the expert has not reviewed yet.
    result.reviews_due = list(
        entries_for_expert(user, result.review_contest)
        .exclude(Exists(Review.objects.filter(entry=OuterRef("pk"), expert=user)))
        .only("id", "title", "organisation__name", "category__name", "category__number")[
            :LIST_LIMIT
        ]
    )


def _facilitator(result: MyWsis, user, *, secretariat: bool) -> None:
    # One query: the drafts, returned and submitted versions of the person's Action Lines.
    versions = RoadmapVersion.objects.filter(
        status__in=(VersionStatus.DRAFT, VersionStatus.RETURNED, VersionStatus.SUBMITTED)
    )
    if not secretariat:
        versions = versions.filter(roadmap__action_line__facilitator_assignments__user=user)
    result.roadmap_versions = list(
        versions.select_related("roadmap__action_line")
        .only(
            "id",
            "number",
            "status",
            "review_comments",
            "submitted_at",
            "roadmap__action_line__code",
            "roadmap__action_line__slug",
            "roadmap__action_line__name",
        )
        .distinct()
        .order_by("roadmap__action_line__position", "-number")[: LIST_LIMIT * 3]
    )


def secretariat_queues() -> list[Queue]:
    """The secretariat's queues, counted with the age of their oldest item, in one query."""

    def queue(queryset, key: str, since: str):
        return (
            queryset.order_by()
            .annotate(key=Value(key, output_field=CharField()))
            .values("key")
            .annotate(count=Count("id"), oldest=Min(since))
            .values_list("key", "count", "oldest")
        )

    entries = queue(Entry.objects.filter(status__in=WAITING_STATES), "entries", "submitted_at")
    prizes = queue(
        PrizeEntry.objects.filter(status=PrizeEntryStatus.SUBMITTED), "prizes", "submitted_at"
    )
    outcomes = queue(
        OutcomeDocument.objects.filter(
            status__in=(OutcomeStatus.SUBMITTED, OutcomeStatus.RESUBMITTED)
        ),
        "outcomes",
        "submitted_at",
    )
    roadmaps = queue(
        RoadmapVersion.objects.filter(status=VersionStatus.SUBMITTED), "roadmaps", "submitted_at"
    )
    found = {
        key: (count, oldest)
        for key, count, oldest in entries.union(prizes, outcomes, roadmaps, all=True)
    }
    labels = (
        ("entries", _("Stocktaking entries to moderate"), "admin:stocktaking_entry_changelist"),
        ("prizes", _("Prize entries to check"), "admin:prizes_prizeentry_changelist"),
        ("outcomes", _("Outcome documents to publish"), "admin:events_outcomedocument_changelist"),
        ("roadmaps", _("Roadmap versions to approve"), "roadmaps:review_queue"),
    )
    return [
        Queue(key, str(label), *found.get(key, (0, None)), url_name=url_name)
        for key, label, url_name in labels
    ]


def starred_sessions(user):
    """The person's starred sessions in time order, with their events (one query)."""
    return (
        Session.objects.filter(pk__in=StarredSession.objects.filter(user=user).values("session_id"))
        .select_related("event")
        .order_by("starts_at", "number")
    )


def session_is_starred(user, session) -> bool:
    if not user.is_authenticated:
        return False
    return StarredSession.objects.filter(user=user, session=session).exists()


def stocktaking_figures() -> dict:
    """The public entries counted by country, start year, Action Line and stakeholder type (four
    grouped queries; the page that shows them is cached per stocktaking generation)."""
    public = Entry.objects.filter(status__in=PUBLIC_STATES, revision_of__isnull=True).order_by()
    by_country = dict(
        public.filter(countries__isnull=False)
        .values_list("countries__country")
        .annotate(count=Count("id", distinct=True))
        .values_list("countries__country", "count")
    )
    by_year = list(
        public.filter(start_date__isnull=False)
        .values_list("start_date__year")
        .annotate(count=Count("id"))
        .values_list("start_date__year", "count")
        .order_by("start_date__year")
    )
    by_line = list(
        public.filter(action_lines__isnull=False)
        .values_list("action_lines__code", "action_lines__slug", "action_lines__position")
        .annotate(count=Count("id", distinct=True))
        .order_by("action_lines__position")
        .values_list("action_lines__code", "action_lines__slug", "count")
    )
    by_type = list(
        public.values_list(
            "organisation__stakeholder_type__name",
            "organisation__stakeholder_type__code",
            "organisation__stakeholder_type__position",
        )
        .annotate(count=Count("id"))
        .order_by("-count", "organisation__stakeholder_type__position")
        .values_list(
            "organisation__stakeholder_type__name", "organisation__stakeholder_type__code", "count"
        )
    )
    return {"country": by_country, "year": by_year, "action_line": by_line, "type": by_type}
