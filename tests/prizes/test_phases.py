"""Phases come from the dates; the beat task records them on time (Geneva time), once."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError

from stocktaking.prizes import services, tasks
from stocktaking.prizes.enums import Phase
from stocktaking.prizes.models import Contest
from stocktaking.prizes.selectors import phase_at
from tests.factories import secretariat_user
from tests.prizes.factories import NOW, ContestFactory
from wsis.models import ActionLine, AuditEntry

pytestmark = pytest.mark.django_db
GENEVA = ZoneInfo("Europe/Zurich")


def phase_audits(contest):
    return list(
        AuditEntry.objects.filter(object_id=str(contest.pk), action="prize_contest.phase_change")
        .order_by("id")
        .values_list("before", "after")
    )


@pytest.mark.parametrize("phase", Phase.values)
def test_phase_at_follows_the_dates(phase):
    contest = ContestFactory(in_phase=phase)
    assert phase_at(contest, NOW) == phase


def test_unscheduled_phases_are_skipped():
    contest = ContestFactory(in_phase=Phase.ENTRIES_OPEN, entries_close_at=None)
    assert phase_at(contest, NOW + timedelta(days=15)) == Phase.ENTRIES_OPEN


def test_contest_create_makes_the_18_action_line_categories_in_order():
    contest = services.contest_create(year=2040, title="WSIS Prizes 2040", by=None)
    categories = list(contest.categories.values_list("number", "action_line__code"))
    assert categories == list(
        ActionLine.objects.order_by("position").values_list("position", "code")
    )
    assert len(categories) == 18
    assert services.contest_categories_create(contest=contest) == 0


def test_special_prize_category_is_added_after_the_action_lines():
    contest = ContestFactory()
    category = services.category_add_special(
        contest=contest, name="Healthy Ageing Innovation", special_rules="Rules.", by=None
    )
    assert (category.number, category.slug, category.is_special) == (
        19,
        "healthy-ageing-innovation",
        True,
    )


def test_dates_out_of_order_are_refused_with_the_field_named():
    contest = Contest(
        year=2041,
        title="T",
        voting_opens_at=NOW,
        voting_closes_at=NOW - timedelta(days=1),
    )
    with pytest.raises(ValidationError) as error:
        services.contest_dates_check(contest)
    assert error.value.message_dict == {
        "voting_closes_at": ["“Public voting closed” cannot start before “Public voting open”."]
    }


def test_beat_task_opens_voting_at_the_geneva_time_across_daylight_saving():
    # 29 March 2026: Geneva moves to summer time (UTC+2) at 02:00; 09:00 there is 07:00 UTC.
    opens = datetime(2026, 3, 29, 9, 0, tzinfo=GENEVA)
    contest = ContestFactory(
        in_phase=Phase.NOMINEES_PUBLISHED,
        nominees_published_at=opens - timedelta(days=5),
        voting_opens_at=opens,
        voting_closes_at=opens + timedelta(days=10),
        finalists_at=opens + timedelta(days=20),
        winners_announced_at=opens + timedelta(days=30),
    )
    services.contests_phase_record(now=opens - timedelta(days=1))
    assert services.contests_phase_record(now=datetime(2026, 3, 29, 6, 59, tzinfo=UTC)) == []
    contest.refresh_from_db()
    assert contest.phase == Phase.NOMINEES_PUBLISHED
    assert services.contests_phase_record(now=datetime(2026, 3, 29, 7, 0, tzinfo=UTC)) == [
        contest.pk
    ]
    contest.refresh_from_db()
    assert (contest.phase, contest.phase_recorded_at) == (
        Phase.VOTING_OPEN,
        datetime(2026, 3, 29, 7, 0, tzinfo=UTC),
    )
    assert phase_audits(contest)[-1] == (
        {"phase": Phase.NOMINEES_PUBLISHED},
        {"phase": Phase.VOTING_OPEN},
    )


def test_beat_task_is_idempotent(monkeypatch):
    contest = ContestFactory(in_phase=Phase.VOTING_OPEN)
    monkeypatch.setattr("django.utils.timezone.now", lambda: NOW)
    assert tasks.task_record_contest_phases.delay().get() == [contest.pk]
    assert tasks.task_record_contest_phases.delay().get() == []
    assert phase_audits(contest) == [({"phase": "upcoming"}, {"phase": "voting_open"})]


def test_secretariat_moves_a_phase_by_hand_audited():
    secretariat = secretariat_user()
    contest = ContestFactory(in_phase=Phase.NOMINEES_PUBLISHED)
    services.contest_phase_move(
        contest=contest, to=Phase.VOTING_OPEN, by=secretariat, reason="Opening early.", now=NOW
    )
    contest.refresh_from_db()
    assert (contest.voting_opens_at, contest.phase) == (NOW, Phase.VOTING_OPEN)
    move = AuditEntry.objects.get(action="prize_contest.phase_move")
    assert (move.actor, move.reason) == (secretariat, "Opening early.")
    assert phase_audits(contest)[-1] == ({"phase": "upcoming"}, {"phase": "voting_open"})


def test_moving_back_unschedules_the_later_phases():
    secretariat = secretariat_user()
    contest = ContestFactory(in_phase=Phase.VOTING_CLOSED)
    services.contest_phase_move(
        contest=contest, to=Phase.VOTING_OPEN, by=secretariat, reason="Outage.", now=NOW
    )
    contest.refresh_from_db()
    assert (contest.voting_opens_at, contest.voting_closes_at) == (NOW, None)
    assert phase_at(contest, NOW) == Phase.VOTING_OPEN


def test_moving_a_phase_needs_a_reason():
    contest = ContestFactory()
    with pytest.raises(ValidationError) as error:
        services.contest_phase_move(
            contest=contest, to=Phase.VOTING_OPEN, by=secretariat_user(), reason=" ", now=NOW
        )
    assert error.value.message_dict == {"reason": ["A reason is required to move a phase by hand."]}
