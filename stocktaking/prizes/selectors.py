"""Every non-trivial read of the WSIS Prizes: phases, public lists, expert queues, rankings,
coverage and tallies. Lists prefetch what their templates and serializers show, so their query
counts do not grow with the number of rows."""

from __future__ import annotations

import datetime as dt
import statistics
from dataclasses import dataclass
from datetime import datetime

from django.db import connection
from django.db.models import Count, Exists, Min, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce, TruncDate, TruncMinute

from stocktaking.prizes.enums import (
    CRITERIA,
    ENGLISH_FIELDS,
    FINALISTS_PER_CATEGORY,
    PUBLIC_STATES,
    RESULT_STATES,
    REVIEWABLE_STATES,
    Phase,
    PrizeEntryStatus,
)
from stocktaking.prizes.language import Reading, foreign_reading, reading_of
from stocktaking.prizes.models import (
    Category,
    ConflictOfInterest,
    Contest,
    ExpertAssignment,
    PrizeEntry,
    PrizeEntryTranslation,
    Review,
    Vote,
)
from stocktaking.prizes.rules import expert_conflicted_organisation_ids
from wsis.enums import Role
from wsis.models import Membership, User
from wsis.rich_text import long_text_plain
from wsis.selectors import HandWrittenRead

# --- Phases ---


def phase_at(contest: Contest, now: datetime) -> str:
    """The phase the contest is in at `now`: the last phase whose start has passed (phases
    without a date are not scheduled and are skipped)."""
    current = Phase.UPCOMING
    for phase, starts_at in contest.phase_starts():
        if starts_at is not None and starts_at <= now:
            current = phase
    return current


def phase_is(contest: Contest, now: datetime, *phases: str) -> bool:
    return phase_at(contest, now) in phases


# --- Contests and categories ---


def contests_public() -> QuerySet[Contest]:
    return Contest.objects.annotate(category_count=Count("categories")).order_by("-year")


def categories_of_contest(contest: Contest) -> QuerySet[Category]:
    # The contest too: each category's address names its year (18 queries otherwise).
    return (
        Category.objects.filter(contest=contest)
        .select_related("action_line", "contest")
        .order_by("number")
    )


def _public_entries() -> QuerySet[PrizeEntry]:
    return PrizeEntry.objects.select_related(
        "organisation", "category", "contest", "stocktaking_entry"
    ).prefetch_related("sdgs", "translations")


def nominees_of_contest(contest: Contest) -> QuerySet[PrizeEntry]:
    """Every public entry of the contest (nominees and later states), by category."""
    return (
        _public_entries()
        .filter(contest=contest, status__in=PUBLIC_STATES)
        .order_by("category__number", "title", "id")
    )


def nominees_for_category(category: Category) -> QuerySet[PrizeEntry]:
    """The public entries of one category with only what their cards show (title, state,
    description, organisation's name), by title: the category page, where voters vote. Not the
    contest (the page has it) nor the other texts: a category has up to 56 nominees at scale,
    and a whole row each (the contest's ten phase dates with it) was most of the page's reading."""
    return (
        PrizeEntry.objects.filter(category=category, status__in=PUBLIC_STATES)
        .select_related("organisation")
        .only("id", "title", "status", "description", "organisation__name")
        .prefetch_related(
            Prefetch(
                "translations",
                queryset=PrizeEntryTranslation.objects.only(
                    "prize_entry", "language", "title", "description"
                ),
            )
        )
        .order_by("title", "id")
    )


def categories_with_nominee_counts(contest: Contest) -> QuerySet[Category]:
    """The contest's categories, each with the number of its public entries (`nominee_count`)."""
    return categories_of_contest(contest).annotate(
        nominee_count=Count("entries", filter=Q(entries__status__in=PUBLIC_STATES))
    )


_NOMINEE_FOR_VOTE = HandWrittenRead(
    (PrizeEntry, ("id", "status", "title", "contest", "category"), "e"),
    (Contest, ("id", "year", *Contest.PHASE_DATE_FIELDS.values()), "c"),
    (Category, ("id", "slug", "name"), "k"),
)


def nominee_for_vote(entry_id: int) -> PrizeEntry | None:
    """The public entry a vote names, with what casting the vote reads (its status and title,
    its contest's phase dates, its category's slug and name); None when there is none. Written
    out by hand: the ORM spends several times longer composing it than PostgreSQL answering."""
    entries, contests, categories = (
        connection.ops.quote_name(model._meta.db_table) for model in (PrizeEntry, Contest, Category)
    )
    statuses = ", ".join(["%s"] * len(PUBLIC_STATES))
    sql = (
        f"SELECT {_NOMINEE_FOR_VOTE.select()} FROM {entries} e "  # noqa: S608 - names, not values
        f"JOIN {contests} c ON c.id = e.contest_id JOIN {categories} k ON k.id = e.category_id "
        f"WHERE e.id = %s AND e.status IN ({statuses})"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [entry_id, *PUBLIC_STATES])
        row = cursor.fetchone()
    if row is None:
        return None
    entry, contest, category = _NOMINEE_FOR_VOTE.instances(row)
    entry.contest, entry.category = contest, category
    return entry


def results_of_contest(contest: Contest) -> QuerySet[PrizeEntry]:
    return (
        _public_entries()
        .filter(
            contest=contest,
            status__in=(
                PrizeEntryStatus.FINALIST,
                PrizeEntryStatus.WINNER,
                PrizeEntryStatus.CHAMPION,
            ),
        )
        .order_by("category__number", "status", "title", "id")
    )


# --- Stakeholders ---


def entries_of_user(user) -> QuerySet[PrizeEntry]:
    return (
        PrizeEntry.objects.filter(organisation__memberships__user=user)
        .select_related("organisation", "category", "contest")
        .order_by("-contest__year", "category__number", "id")
    )


@dataclass(frozen=True)
class LanguageCheck:
    field: str
    label: str
    reading: Reading | None  # the whole text's reading; None when too short to judge
    foreign: Reading | None  # the other language it clearly reads as, if any

    @property
    def passes(self) -> bool:
        return self.foreign is None


def entry_language_checks(entry: PrizeEntry) -> list[LanguageCheck]:
    """The automatic "in English" check of each of the entry's texts, as the secretariat sees it
    when deciding eligibility (the same rule that submission enforces)."""
    checks = []
    for field in ENGLISH_FIELDS:
        # The description's text, not the editor's tags (submission reads it so too).
        text = long_text_plain(getattr(entry, field))
        checks.append(
            LanguageCheck(
                field=field,
                label=str(PrizeEntry._meta.get_field(field).verbose_name),
                reading=reading_of(text),
                foreign=foreign_reading(text),
            )
        )
    return checks


# --- Experts ---


def entries_for_expert(expert, contest: Contest) -> QuerySet[PrizeEntry]:
    """Eligible entries of the expert's categories, never those of conflicted organisations."""
    return (
        PrizeEntry.objects.filter(
            contest=contest,
            category__expert_assignments__expert=expert,
            status__in=REVIEWABLE_STATES,
        )
        .exclude(organisation_id__in=expert_conflicted_organisation_ids(expert, contest))
        .select_related("organisation", "category")
        .annotate(my_reviews=Count("reviews", filter=Q(reviews__expert=expert)))
        .order_by("category__number", "title", "id")
    )


def experts_with_unfinished_reviews(
    contest: Contest, *, after_id: int = 0, limit: int = 500
) -> list[tuple[int, str, str, int]]:
    """[(expert id, e-mail, language, entries left to review)] of the active members of the
    Expert Group assigned in the contest, with an id above `after_id`, who have not reviewed
    every eligible entry of their categories that is free of conflict (neither their own
    organisation's nor a declared conflict's): the same entries `entries_for_expert` lists.
    One query, in id order, at most `limit` rows."""
    expert = OuterRef(OuterRef("pk"))
    unfinished = (
        PrizeEntry.objects.filter(
            contest=contest,
            status__in=REVIEWABLE_STATES,
            category__expert_assignments__expert=OuterRef("pk"),
        )
        .exclude(Exists(Review.objects.filter(entry=OuterRef("pk"), expert=expert)))
        .exclude(
            Exists(Membership.objects.filter(user=expert, organisation=OuterRef("organisation")))
        )
        .exclude(
            Exists(
                ConflictOfInterest.objects.filter(
                    contest=contest, expert=expert, organisation=OuterRef("organisation")
                )
            )
        )
        .order_by()
        .values("contest")
        .annotate(n=Count("pk"))
        .values("n")
    )
    assigned = ExpertAssignment.objects.filter(expert=OuterRef("pk"), category__contest=contest)
    return list(
        User.objects.filter(
            Exists(assigned),
            groups__name=Role.EXPERT,
            is_active=True,
            pk__gt=after_id,
        )
        .annotate(missing=Coalesce(Subquery(unfinished[:1]), 0))
        .filter(missing__gt=0)
        .order_by("pk")
        .values_list("pk", "email", "preferred_language", "missing")[:limit]
    )


def reviews_visible_to(expert, entry: PrizeEntry) -> list[Review]:
    """The entry's reviews an expert may see: none before their own is submitted."""
    reviews = list(entry.reviews.select_related("expert").order_by("created_at", "id"))
    if not any(review.expert_id == expert.pk for review in reviews):
        return []
    return reviews


# --- Secretariat: rankings, coverage ---


@dataclass(frozen=True)
class RankingRow:
    entry: PrizeEntry
    review_count: int
    mean: float | None
    median: float | None
    stdev: float | None


def category_ranking(category: Category) -> list[RankingRow]:
    """Eligible (and already nominated) entries of a category ranked by the mean total score
    (0-80); disagreement is the population standard deviation of the experts' totals."""
    entries = (
        PrizeEntry.objects.filter(
            category=category,
            status__in=(*REVIEWABLE_STATES, *PUBLIC_STATES, PrizeEntryStatus.NOT_SHORTLISTED),
        )
        .select_related("organisation")
        .prefetch_related(Prefetch("reviews", queryset=Review.objects.only("entry_id", *CRITERIA)))
    )
    rows = []
    for entry in entries:
        totals = [review.total for review in entry.reviews.all()]
        rows.append(
            RankingRow(
                entry=entry,
                review_count=len(totals),
                mean=round(statistics.fmean(totals), 2) if totals else None,
                median=statistics.median(totals) if totals else None,
                stdev=round(statistics.pstdev(totals), 2) if totals else None,
            )
        )
    return sorted(rows, key=lambda row: (row.mean is None, -(row.mean or 0), row.entry.title))


@dataclass(frozen=True)
class CoverageRow:
    entry: PrizeEntry
    review_count: int
    available_experts: int


def coverage_report(contest: Contest) -> list[CoverageRow]:
    """Eligible entries with fewer conflict-free reviews than `contest.min_reviews`, with the
    number of assigned experts free of conflict who could still review them."""
    entries = list(
        PrizeEntry.objects.filter(contest=contest, status__in=REVIEWABLE_STATES)
        .select_related("organisation", "category")
        .prefetch_related("reviews", "category__expert_assignments")
        .order_by("category__number", "title")
    )
    expert_ids = {a.expert_id for e in entries for a in e.category.expert_assignments.all()}
    conflicts: set[tuple[int, int]] = set(
        Membership.objects.filter(user_id__in=expert_ids).values_list("user_id", "organisation_id")
    ) | set(
        ConflictOfInterest.objects.filter(contest=contest, expert_id__in=expert_ids).values_list(
            "expert_id", "organisation_id"
        )
    )
    rows = []
    for entry in entries:
        reviewers = {
            r.expert_id
            for r in entry.reviews.all()
            if (r.expert_id, entry.organisation_id) not in conflicts
        }
        available = {
            a.expert_id
            for a in entry.category.expert_assignments.all()
            if (a.expert_id, entry.organisation_id) not in conflicts
        } - reviewers
        if len(reviewers) < contest.min_reviews:
            rows.append(
                CoverageRow(
                    entry=entry, review_count=len(reviewers), available_experts=len(available)
                )
            )
    return rows


# --- Votes ---


def voted_category_ids(user, contest: Contest) -> dict[int, int]:
    """{category id: entry id} of the person's votes in the contest."""
    if not user.is_authenticated:
        return {}
    return dict(
        Vote.objects.filter(contest=contest, user=user).values_list("category_id", "entry_id")
    )


def votes_of_voter(user, contest: Contest) -> dict[int, tuple[int, str]]:
    """{category id: (entry id, entry title)} of the person's votes in the contest."""
    if not user.is_authenticated:
        return {}
    return {
        category_id: (entry_id, title)
        for category_id, entry_id, title in Vote.objects.filter(
            contest=contest, user=user
        ).values_list("category_id", "entry_id", "entry__title")
    }


def vote_tally(category: Category) -> list[dict]:
    """Counted and quarantined votes per public entry of the category, most counted first."""
    return list(
        PrizeEntry.objects.filter(category=category, status__in=PUBLIC_STATES)
        .annotate(
            counted=Count("votes", filter=Q(votes__quarantined=False)),
            quarantined=Count("votes", filter=Q(votes__quarantined=True)),
        )
        .order_by("-counted", "title", "id")
        .values("id", "title", "organisation__name", "status", "counted", "quarantined")
    )


def finalists_for_category(category: Category) -> list[PrizeEntry]:
    """The nominees with the five highest counted tallies; every nominee tied with the fifth is
    included. Nominees without votes never become finalists."""
    nominees = list(
        PrizeEntry.objects.filter(category=category, status=PrizeEntryStatus.NOMINEE)
        .annotate(counted=Count("votes", filter=Q(votes__quarantined=False)))
        .filter(counted__gt=0)
        .order_by("-counted", "id")
    )
    if len(nominees) <= FINALISTS_PER_CATEGORY:
        return nominees
    threshold = nominees[FINALISTS_PER_CATEGORY - 1].counted
    return [entry for entry in nominees if entry.counted >= threshold]


@dataclass(frozen=True)
class VoteIntegrityReport:
    networks: list[dict]
    new_accounts: list[dict]
    bursts: list[dict]


# What the integrity report flags: a network casting this many votes for one nominee, votes by
# accounts younger than this many days, a minute in which one nominee received this many votes.
NETWORK_THRESHOLD = 50
NEW_ACCOUNT_DAYS = 1
BURST_THRESHOLD = 30


def vote_integrity_report(
    contest: Contest,
    *,
    network_threshold: int = NETWORK_THRESHOLD,
    new_account_days: int = NEW_ACCOUNT_DAYS,
    burst_threshold: int = BURST_THRESHOLD,
) -> VoteIntegrityReport:
    """Patterns worth a look, over counted (not yet quarantined) votes: networks casting many
    votes for one nominee, votes from brand-new accounts per nominee, and minutes in which one
    nominee received many votes. Each list is an aggregate query, whatever the number of votes."""
    counted = Vote.objects.filter(contest=contest, quarantined=False)
    networks = list(
        counted.values("network_hash", "entry_id", "entry__title")
        .annotate(votes=Count("id"))
        .filter(votes__gte=network_threshold)
        .order_by("-votes")[:100]
    )
    new_accounts = list(
        counted.filter(account_age_days__lt=new_account_days)
        .values("entry_id", "entry__title")
        .annotate(votes=Count("id"))
        .order_by("-votes")[:100]
    )
    bursts = list(
        counted.annotate(minute=TruncMinute("created_at"))
        .values("minute", "entry_id", "entry__title")
        .annotate(votes=Count("id"))
        .filter(votes__gte=burst_threshold)
        .order_by("-votes")[:100]
    )
    return VoteIntegrityReport(networks=networks, new_accounts=new_accounts, bursts=bursts)


def contest_vote_totals(contest: Contest) -> dict[str, int]:
    """{"counted": n, "quarantined": m}: all the contest's votes, in one aggregate query."""
    return Vote.objects.filter(contest=contest).aggregate(
        counted=Count("id", filter=Q(quarantined=False)),
        quarantined=Count("id", filter=Q(quarantined=True)),
    )


def contest_votes_per_day(contest: Contest) -> list[tuple[dt.date, int]]:
    """Counted votes of the contest per day (UTC), every day from the first vote to the last
    (a day without votes is a 0, so the chart's time axis is even): one grouped query."""
    counts = dict(
        Vote.objects.filter(contest=contest, quarantined=False)
        .annotate(day=TruncDate("created_at", tzinfo=dt.UTC))
        .values_list("day")
        .annotate(votes=Count("id"))
        .order_by("day")
        .values_list("day", "votes")
    )
    if not counts:
        return []
    first, last = min(counts), max(counts)
    return [
        (first + dt.timedelta(days=offset), counts.get(first + dt.timedelta(days=offset), 0))
        for offset in range((last - first).days + 1)
    ]


def contest_vote_tally(contest: Contest) -> QuerySet[PrizeEntry]:
    """Anonymised tally of every public entry of the contest (for the CSV export)."""
    return (
        PrizeEntry.objects.filter(contest=contest, status__in=PUBLIC_STATES)
        .select_related("category", "organisation")
        .annotate(
            counted=Count("votes", filter=Q(votes__quarantined=False)),
            quarantined=Count("votes", filter=Q(votes__quarantined=True)),
        )
        .order_by("category__number", "-counted", "title", "id")
    )


def next_results_announcement(*, now: datetime) -> datetime | None:
    """When the next contest announces its winners (None if none is scheduled after `now`)."""
    return Contest.objects.filter(winners_announced_at__gt=now).aggregate(
        moment=Min("winners_announced_at")
    )["moment"]


def next_phase_start(contest: Contest, now: datetime) -> datetime | None:
    """The start of the contest's next phase after `now` (None once the last has started)."""
    return min(
        (start for _phase, start in contest.phase_starts() if start is not None and start > now),
        default=None,
    )


def stocktaking_entries_with_results() -> dict[int, datetime]:
    """{stocktaking entry id: when the first contest that made it a winner or champion announces
    (or announced) its winners}: a few hundred entries at most."""
    return dict(
        PrizeEntry.objects.filter(
            status__in=RESULT_STATES,
            stocktaking_entry__isnull=False,
            contest__winners_announced_at__isnull=False,
        )
        .values("stocktaking_entry_id")
        .annotate(first=Min("contest__winners_announced_at"))
        .values_list("stocktaking_entry_id", "first")
    )


def prize_results_of_stocktaking_entries(
    entry_ids: list[int], *, now: datetime
) -> dict[int, list[PrizeEntry]]:
    """{stocktaking entry id: its published winner and champion prize entries, newest first},
    for marking winners and champions on the stocktaking pages in one query, and none without
    `entry_ids` (`stocktaking.prizes.caching` passes only the entries with a result). A result
    counts only once its contest has reached "winners announced" at `now`."""
    results: dict[int, list[PrizeEntry]] = {}
    if not entry_ids:
        return results
    for prize_entry in (
        PrizeEntry.objects.filter(
            stocktaking_entry_id__in=entry_ids,
            status__in=RESULT_STATES,
            contest__winners_announced_at__lte=now,
        )
        .select_related("contest", "category__action_line")
        .order_by("-contest__year", "category__number")
    ):
        results.setdefault(prize_entry.stocktaking_entry_id, []).append(prize_entry)
    return results
