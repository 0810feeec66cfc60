"""Scale data of the WSIS Prizes (seed_scale): one contest whose public vote is open (fixed
dates around now, so the data are the same on every run), the plan's nominees spread evenly
over the 18 Action Line categories (each made from an approved scale stocktaking entry of a
distinct organisation whose primary Action Line is the category's), every nominee reviewed by
the plan's number of experts, and the votes: each scale voter votes once in
`votes_per_voter` different categories (the unique constraint holds), with a skewed choice of
nominee so that tallies differ. The votes are written by one INSERT … SELECT in the database."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

from django.db import connection, transaction
from django.db.models import Count

from stocktaking.enums import EntryStatus
from stocktaking.models import Entry
from stocktaking.prizes import services
from stocktaking.prizes.enums import CRITERIA, Phase, PrizeEntryStatus
from stocktaking.prizes.models import Category, Contest, ExpertAssignment, PrizeEntry, Review, Vote
from wsis import scale
from wsis.models import User

YEAR = 2035
TITLE = "WSIS Prizes 2035 (scale data)"
DATES = {
    "entries_open_at": datetime(2025, 1, 6, 8, tzinfo=UTC),
    "entries_close_at": datetime(2025, 3, 3, 8, tzinfo=UTC),
    "review_starts_at": datetime(2025, 4, 7, 8, tzinfo=UTC),
    "nominees_published_at": datetime(2025, 6, 2, 8, tzinfo=UTC),
    "voting_opens_at": datetime(2025, 7, 1, 8, tzinfo=UTC),
    "voting_closes_at": datetime(2035, 1, 1, 8, tzinfo=UTC),
    "finalists_at": datetime(2035, 2, 1, 8, tzinfo=UTC),
    "winners_announced_at": datetime(2035, 3, 1, 8, tzinfo=UTC),
}
PRIZE_FIELDS = (
    "contest_id", "category_id", "organisation_id", "stocktaking_entry_id", "created_by_id",
    "status", "lock_version", "decision_reason", "title", "description", "impact",
    "partnerships", "action_line_link", "challenges", "future_plans", "created_at",
    "updated_at", "submitted_at",
)  # fmt: skip


def contest() -> Contest:
    """The scale contest. Its recorded phase is set to "voting open" at once, as if the beat
    task had recorded it when voting opened: recording it later would mail every voter."""
    found = Contest.objects.filter(year=YEAR).first()
    if found is None:
        found = services.contest_create(year=YEAR, title=TITLE, by=None, dates=DATES)
        Contest.objects.filter(pk=found.pk).update(
            phase=Phase.VOTING_OPEN, phase_recorded_at=DATES["voting_opens_at"]
        )
    return found


def _candidates(category: Category, count: int, taken: set[int]) -> list[tuple[int, int, int]]:
    """(entry id, organisation id, creator id) of the first approved scale entries whose primary
    Action Line is the category's, one per organisation not yet used in this category."""
    rows = (
        Entry.objects.filter(
            status=EntryStatus.APPROVED,
            primary_action_line_id=category.action_line_id,
            organisation__slug__startswith=f"{scale.MARKER}org-",
        )
        .order_by("organisation_id", "pk")
        .values_list("pk", "organisation_id", "created_by_id")
    )
    chosen, seen = [], set()
    for entry_id, organisation_id, creator_id in rows.iterator(chunk_size=2000):
        if organisation_id in seen or organisation_id in taken:
            continue
        seen.add(organisation_id)
        chosen.append((entry_id, organisation_id, creator_id))
        if len(chosen) == count:
            break
    return chosen


def _nominees_add(plan: scale.Plan, contest: Contest) -> int:
    categories = list(contest.categories.filter(is_special=False).order_by("number"))
    existing = dict(
        PrizeEntry.objects.filter(contest=contest)
        .values("category_id")
        .annotate(n=Count("pk"))
        .values_list("category_id", "n")
    )
    rows, sdg_links = [], []
    for position, category in enumerate(categories):
        wanted = plan.prize_entries // len(categories) + (
            1 if position < plan.prize_entries % len(categories) else 0
        )
        if existing.get(category.pk, 0) >= wanted:
            continue
        taken = set(
            PrizeEntry.objects.filter(contest=contest, category=category).values_list(
                "organisation_id", flat=True
            )
        )
        for entry_id, organisation_id, creator_id in _candidates(
            category, wanted - existing.get(category.pk, 0), taken
        ):
            rng = random.Random(f"prize-{entry_id}")  # noqa: S311 - scale data, not secrets
            entry = Entry.objects.only("title").get(pk=entry_id)
            created = DATES["entries_open_at"] + timedelta(days=rng.randint(1, 50))
            rows.append(
                (contest.pk, category.pk, organisation_id, entry_id, creator_id,
                 PrizeEntryStatus.NOMINEE, 1, "", entry.title, scale.paragraph(rng, 150, 180),
                 scale.paragraph(rng, 40, 80), scale.paragraph(rng, 20, 40),
                 scale.paragraph(rng, 20, 40), scale.paragraph(rng, 20, 40),
                 scale.paragraph(rng, 20, 40), created, DATES["nominees_published_at"],
                 created + timedelta(days=1))
            )  # fmt: skip
            sdg_links.append(
                list(
                    Entry.sdgs.through.objects.filter(entry_id=entry_id).values_list(
                        "sdg_id", flat=True
                    )
                )
            )
    if not rows:
        return 0
    before = scale.max_id(PrizeEntry)
    scale.copy_rows(PrizeEntry, PRIZE_FIELDS, rows)
    ids = scale.new_ids(PrizeEntry, before)
    scale.copy_through(
        PrizeEntry.sdgs.through,
        "prizeentry",
        "sdg",
        ((pk, sdg) for pk, sdgs in zip(ids, sdg_links, strict=True) for sdg in sdgs),
    )
    return len(ids)


def _reviews_add(plan: scale.Plan, contest: Contest) -> int:
    experts = list(
        User.objects.filter(email__startswith=f"{scale.MARKER}expert-")
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    reviewed = set(Review.objects.filter(entry__contest=contest).values_list("entry_id", flat=True))
    entries = list(
        PrizeEntry.objects.filter(contest=contest).order_by("pk").values_list("pk", "category_id")
    )
    rows, assignments = [], set()
    for index, (entry_id, category_id) in enumerate(entries):
        for turn in range(min(plan.reviews_per_prize_entry, len(experts))):
            expert = experts[(index + turn) % len(experts)]
            assignments.add((category_id, expert))
            if entry_id in reviewed:
                continue
            rng = random.Random(f"review-{entry_id}-{turn}")  # noqa: S311
            rows.append(
                (entry_id, expert, *(rng.randint(3, 10) for _ in CRITERIA),
                 "Clear results; the partnerships could be described in more detail.",
                 DATES["review_starts_at"] + timedelta(days=rng.randint(1, 40)))
            )  # fmt: skip
    known = set(
        ExpertAssignment.objects.filter(category__contest=contest).values_list(
            "category_id", "expert_id"
        )
    )
    ExpertAssignment.objects.bulk_create(
        ExpertAssignment(category_id=c, expert_id=e) for c, e in sorted(assignments - known)
    )
    return scale.copy_rows(
        Review, ("entry_id", "expert_id", *CRITERIA, "comment", "created_at"), rows
    )


VOTES_SQL = """
WITH categories AS (
    SELECT (row_number() OVER (ORDER BY c.number) - 1)::int AS position, c.id,
           array_agg(e.id ORDER BY e.id) AS nominees
    FROM {category} AS c JOIN {entry} AS e ON e.category_id = c.id AND e.status = %(nominee)s
    WHERE c.contest_id = %(contest)s GROUP BY c.id
),
counted AS (SELECT count(*)::int AS n FROM categories),
voters AS (
    SELECT u.id, u.date_joined,
           split_part(split_part(u.email, '@', 1), '-', 3)::int AS number
    FROM {user} AS u
    WHERE u.email LIKE %(voters)s
      AND NOT EXISTS (
          SELECT 1 FROM {vote} AS v WHERE v.contest_id = %(contest)s AND v.user_id = u.id
      )
),
choices AS (
    SELECT voters.id AS user_id, voters.date_joined, voters.number, k,
           ((voters.number * 7 + k) %% counted.n) AS position,
           (abs(hashtext(voters.number::text || ':' || k::text)) %% 10000) / 10000.0 AS draw
    FROM voters CROSS JOIN counted
    CROSS JOIN LATERAL generate_series(0, LEAST(%(per_voter)s, counted.n) - 1) AS k
)
INSERT INTO {vote} (contest_id, category_id, entry_id, user_id, created_at, ip_hash,
                    network_hash, account_age_days, quarantined, quarantine_reason)
SELECT %(contest)s, categories.id,
       categories.nominees[1 + floor(cardinality(categories.nominees) * choices.draw ^ 2)::int],
       choices.user_id,
       %(opens)s::timestamptz
           + make_interval(secs => (choices.number * 37 + choices.k * 3607) %% 12960000),
       md5('ip:' || choices.number::text), md5('net:' || (choices.number %% 5000)::text),
       100 + choices.number %% 900, false, ''
FROM choices JOIN categories ON categories.position = choices.position
ORDER BY choices.user_id, choices.k
"""


def _votes_add(plan: scale.Plan, contest: Contest) -> int:
    sql = VOTES_SQL.format(
        category=Category._meta.db_table,
        entry=PrizeEntry._meta.db_table,
        user=User._meta.db_table,
        vote=Vote._meta.db_table,
    )
    with connection.cursor() as cursor:
        cursor.execute(
            sql,
            {
                "nominee": PrizeEntryStatus.NOMINEE,
                "contest": contest.pk,
                "voters": f"{scale.MARKER}voter-%",
                "per_voter": plan.votes_per_voter,
                "opens": DATES["voting_opens_at"],
            },
        )
        return cursor.rowcount


def seed_scale_content(plan: scale.Plan, stdout) -> None:
    with scale.timed(stdout, f"prize nominees ({plan.prize_entries:,})"), transaction.atomic():
        current = contest()
        _nominees_add(plan, current)
    with scale.timed(stdout, "prize expert reviews"), transaction.atomic():
        _reviews_add(plan, current)
    with scale.timed(stdout, f"prize votes ({plan.votes:,})"), transaction.atomic():
        present = Vote.objects.filter(contest=current).count()
        with scale.bulk_load(Vote, enabled=present < plan.votes):
            _votes_add(plan, current)
    scale.analyse(PrizeEntry, Review, Vote)
