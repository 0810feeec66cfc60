"""seed_scale --profile small: exact counts, consistent data, idempotence, deterministic top-up."""

from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.db.models import Count, F

from events.enums import CommitmentStatus, OutcomeStatus
from events.models import Commitment, Event, OutcomeDocument, Session
from events.services import commitments_sync, outcome_search_vectors_refresh
from roadmaps.enums import VersionStatus
from roadmaps.models import RoadmapVersion
from roadmaps.scale import SEED_FILE
from stocktaking.models import Entry
from stocktaking.prizes.enums import Phase, PrizeEntryStatus
from stocktaking.prizes.models import Contest, PrizeEntry, Review, Vote
from stocktaking.services import entry_search_vector_refresh
from wsis.models import Membership, Organisation, User
from wsis.scale import PROFILES

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        not settings.IS_POSTGRESQL, reason="seed_scale loads with PostgreSQL's COPY"
    ),
]
SMALL = PROFILES["small"]


def _seed() -> str:
    out = StringIO()
    call_command("seed_scale", "--profile", "small", stdout=out)
    return out.getvalue()


FINGERPRINT_SQL = {
    "entries": "SELECT md5(string_agg(e.title || e.status || e.summary || coalesce("
    "e.primary_action_line_id::text, '') || e.search_vector::text, '|' ORDER BY e.id)) "
    "FROM stocktaking_entry e",
    "votes": "SELECT md5(string_agg(v.user_id || ':' || v.entry_id || ':' || v.created_at, '|' "
    "ORDER BY v.user_id, v.category_id)) FROM prizes_vote v",
    "outcomes": "SELECT md5(string_agg(ev.slug || s.number || s.title || o.search_text || "
    "o.status, '|' ORDER BY ev.slug, s.number)) FROM events_outcomedocument o "
    "JOIN events_session s ON s.id = o.session_id JOIN events_event ev ON ev.id = s.event_id",
    "commitments": "SELECT md5(string_agg(ev.slug || s.number || c.section || c.position || "
    "c.text || c.status || c.answer || coalesce(c.answered_at::text, ''), '|' "
    "ORDER BY ev.slug, s.number, c.section, c.position)) FROM events_commitment c "
    "JOIN events_outcomedocument o ON o.id = c.outcome_id "
    "JOIN events_session s ON s.id = o.session_id JOIN events_event ev ON ev.id = s.event_id",
    "reviews": "SELECT md5(string_agg(r.entry_id || ':' || r.expert_id || ':' || r.relevance || "
    "r.impact || r.wsis_values, '|' ORDER BY r.entry_id, r.expert_id)) FROM prizes_review r",
}


def _fingerprint() -> dict[str, str]:
    with connection.cursor() as cursor:
        result = {}
        for name, sql in FINGERPRINT_SQL.items():
            cursor.execute(sql)
            result[name] = cursor.fetchone()[0]
    return result


def _counts() -> dict[str, int]:
    return {
        "organisations": Organisation.objects.filter(slug__startswith="scale-org-").count(),
        "members": Membership.objects.filter(organisation__slug__startswith="scale-org-").count(),
        "voters": User.objects.filter(email__startswith="scale-voter-").count(),
        "entries": Entry.objects.count(),
        "forums": Event.objects.filter(slug__startswith="scale-forum-").count(),
        "sessions": Session.objects.count(),
        "published outcomes": OutcomeDocument.objects.filter(
            status=OutcomeStatus.PUBLISHED
        ).count(),
        "commitments": Commitment.objects.count(),
        "nominees": PrizeEntry.objects.filter(status=PrizeEntryStatus.NOMINEE).count(),
        "reviews": Review.objects.count(),
        "votes": Vote.objects.count(),
        "published roadmaps": RoadmapVersion.objects.filter(status=VersionStatus.PUBLISHED).count(),
    }


def test_small_profile_is_complete_idempotent_and_topped_up_deterministically():
    first_output = _seed()
    counts = _counts()
    assert counts == {
        "organisations": 100,
        "members": 100,
        "voters": 2_000,
        "entries": 1_000,
        "forums": 2,
        "sessions": 50,
        "published outcomes": 50,
        # One a bullet of "tangible outcomes" and "actionable plan".
        "commitments": sum(
            len(tangible) + len(plan)
            for tangible, plan in OutcomeDocument.objects.values_list(
                "tangible_outcomes", "action_plan"
            )
        ),
        "nominees": 36,
        "reviews": 108,
        "votes": 20_000,
        "published roadmaps": 4 if SEED_FILE.is_file() else 2,
    }
    assert "stocktaking entries (1,000) and search vectors" in first_output
    assert "prize votes (20,000)" in first_output
    fingerprint = _fingerprint()

    # Consistent: every organisation has entries, every entry a search vector and its primary
    # Action Line among its Action Lines; every voter voted in ten different categories.
    assert (
        Organisation.objects.filter(
            slug__startswith="scale-org-", stocktaking_entries__isnull=True
        ).count()
        == 0
    )
    assert Entry.objects.filter(search_vector__isnull=True).count() == 0
    assert Entry.objects.exclude(action_lines=F("primary_action_line")).count() == 0
    per_voter = set(
        Vote.objects.values("user_id")
        .annotate(n=Count("category_id", distinct=True))
        .values_list("n", flat=True)
    )
    assert per_voter == {10}
    assert set(
        PrizeEntry.objects.values("category_id").annotate(n=Count("pk")).values_list("n", flat=True)
    ) == {2}
    # The scale contest's recorded phase is "voting open" already: no beat run mails its voters.
    assert Contest.objects.get(year=2035).phase == Phase.VOTING_OPEN
    # The bulk search vector is the one the service computes.
    entry = Entry.objects.order_by("pk")[500]
    stored = entry.search_vector
    entry_search_vector_refresh(entry_ids=[entry.pk])
    entry.refresh_from_db()
    assert entry.search_vector == stored
    # The outcome documents' bulk vector too (the services' weighting, filled after the COPY).
    assert OutcomeDocument.objects.filter(search_vector__isnull=True).count() == 0
    outcome = OutcomeDocument.objects.order_by("pk")[30]
    stored = outcome.search_vector
    outcome_search_vectors_refresh(outcome_ids=[outcome.pk])
    outcome.refresh_from_db()
    assert outcome.search_vector == stored

    # Every published outcome has its commitments, as the service makes them; some answered.
    assert OutcomeDocument.objects.filter(commitments__isnull=True).count() == 0
    assert commitments_sync(outcome=outcome) == {"created": 0, "withdrawn": 0, "deleted": 0}
    statuses = set(Commitment.objects.values_list("status", flat=True))
    assert CommitmentStatus.NOT_ANSWERED in statuses
    assert len(statuses) > 1

    _seed()
    assert _counts() == counts
    assert _fingerprint() == fingerprint

    # A partly seeded database is topped up to the same data.
    Vote.objects.filter(user__email__in=["scale-voter-7@scale.wsis.test"]).delete()
    forum = Event.objects.get(slug="scale-forum-2")
    OutcomeDocument.objects.filter(session__event=forum).delete()
    forum.delete()
    assert Vote.objects.count() == 20_000 - 10

    _seed()
    assert _counts() == counts
    assert _fingerprint() == fingerprint
