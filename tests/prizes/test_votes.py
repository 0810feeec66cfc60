"""Public voting: who may vote when, one vote per person per category, finalists with ties."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError

from stocktaking.prizes import selectors, services
from stocktaking.prizes.enums import Phase, PrizeEntryStatus
from stocktaking.prizes.models import Vote
from stocktaking.prizes.selectors import finalists_for_category, vote_tally, voted_category_ids
from tests.factories import UserFactory, secretariat_user
from tests.prizes.factories import NOW, ContestFactory, PrizeEntryFactory, VoteFactory
from wsis.models import AuditEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def nominee():
    return PrizeEntryFactory(
        contest=ContestFactory(in_phase=Phase.VOTING_OPEN), status=PrizeEntryStatus.NOMINEE
    )


def test_a_verified_user_votes_once_and_the_vote_is_recorded(nominee):
    voter = UserFactory(verified=True, date_joined=NOW - timedelta(days=3))
    vote = services.vote_cast(user=voter, entry=nominee, ip="203.0.113.7", now=NOW)
    assert (vote.category, vote.contest, vote.created_at, vote.account_age_days) == (
        nominee.category,
        nominee.contest,
        NOW,
        3,
    )
    assert len(vote.ip_hash) == 64
    assert "203.0.113" not in vote.ip_hash
    assert voted_category_ids(voter, nominee.contest) == {nominee.category_id: nominee.pk}


def test_a_second_vote_in_the_same_category_is_refused(nominee):
    voter = UserFactory(verified=True)
    other = PrizeEntryFactory(
        contest=nominee.contest, category=nominee.category, status=PrizeEntryStatus.NOMINEE
    )
    services.vote_cast(user=voter, entry=nominee, ip="203.0.113.7", now=NOW)
    with pytest.raises(services.AlreadyVoted) as error:
        services.vote_cast(user=voter, entry=other, ip="203.0.113.7", now=NOW)
    assert error.value.messages == [
        (
            "You have already voted in the category “The role of governments and all stakeholders "
            "in the promotion of ICTs for development”; a vote is final."
        )
    ]
    assert Vote.objects.count() == 1


def test_one_vote_per_category_is_a_database_constraint(nominee):
    vote = VoteFactory(entry=nominee)
    with pytest.raises(IntegrityError):
        VoteFactory(entry=nominee, user=vote.user)


def test_an_unverified_account_cannot_vote(nominee):
    with pytest.raises(PermissionDenied) as error:
        services.vote_cast(user=UserFactory(verified=False), entry=nominee, ip="::1", now=NOW)
    assert str(error.value) == "Confirm your e-mail address before voting."


def test_a_vote_after_the_close_is_refused(nominee):
    closes = nominee.contest.voting_closes_at
    with pytest.raises(ValidationError) as error:
        services.vote_cast(user=UserFactory(verified=True), entry=nominee, ip="::1", now=closes)
    assert error.value.messages == [
        "Voting is closed: it closed on 24 June 2026, 12:00 (Geneva time)."
    ]
    assert Vote.objects.count() == 0


def test_a_vote_before_the_opening_is_refused():
    entry = PrizeEntryFactory(
        contest=ContestFactory(in_phase=Phase.NOMINEES_PUBLISHED), status=PrizeEntryStatus.NOMINEE
    )
    with pytest.raises(ValidationError) as error:
        services.vote_cast(user=UserFactory(verified=True), entry=entry, ip="::1", now=NOW)
    assert error.value.messages == [
        "Voting is not open yet; it opens on 24 June 2026, 12:00 (Geneva time)."
    ]


def test_only_nominees_receive_votes(nominee):
    eligible = PrizeEntryFactory(contest=nominee.contest, status=PrizeEntryStatus.ELIGIBLE)
    with pytest.raises(ValidationError) as error:
        services.vote_cast(user=UserFactory(verified=True), entry=eligible, ip="::1", now=NOW)
    assert error.value.messages == ["Only nominees can receive votes."]


def test_network_hash_groups_addresses_of_one_network():
    assert services.network_of("203.0.113.7") == services.network_of("203.0.113.200")
    assert services.network_of("203.0.113.7") != services.network_of("198.51.100.7")
    assert services.network_of("2001:db8:1:2::1") == "2001:db8:1::/48"


def _nominees_with_votes(counts):
    contest = ContestFactory(in_phase=Phase.VOTING_CLOSED)
    category = contest.categories.first()
    entries = []
    for count in counts:
        entry = PrizeEntryFactory(
            contest=contest, category=category, status=PrizeEntryStatus.NOMINEE
        )
        VoteFactory.create_batch(count, entry=entry)
        entries.append(entry)
    return category, entries


def test_finalists_are_the_top_five_with_ties_at_the_fifth_place():
    category, entries = _nominees_with_votes([9, 8, 7, 6, 3, 3, 2, 0])
    assert [e.pk for e in finalists_for_category(category)] == [e.pk for e in entries[:6]]


def test_finalists_without_ties_are_five():
    category, entries = _nominees_with_votes([9, 8, 7, 6, 5, 4])
    assert [e.pk for e in finalists_for_category(category)] == [e.pk for e in entries[:5]]


def test_quarantined_votes_do_not_count_but_stay_visible():
    category, entries = _nominees_with_votes([2, 1])
    suspect = list(entries[0].votes.all())
    assert services.votes_quarantine(votes=suspect, reason="Burst", by=secretariat_user()) == 2
    tally = {row["id"]: (row["counted"], row["quarantined"]) for row in vote_tally(category)}
    assert tally == {entries[0].pk: (0, 2), entries[1].pk: (1, 0)}
    assert Vote.objects.count() == 3
    assert AuditEntry.objects.filter(action="prize_vote.quarantine").count() == 2
    assert [e.pk for e in finalists_for_category(category)] == [entries[1].pk]


def test_finalists_publish_moves_the_top_nominees():
    category, entries = _nominees_with_votes([3, 1, 0])
    chosen = services.finalists_publish(contest=category.contest, by=secretariat_user(), now=NOW)
    assert chosen[category.pk] == [entries[0].pk, entries[1].pk]
    entries[2].refresh_from_db()
    assert entries[2].status == "nominee"


def test_integrity_report_flags_networks_new_accounts_and_bursts():
    category, (entry, _other) = _nominees_with_votes([0, 1])
    for _ in range(3):
        VoteFactory(entry=entry, network_hash="n1", account_age_days=0)
    report = selectors.vote_integrity_report(
        category.contest, network_threshold=3, burst_threshold=3
    )
    assert [(r["network_hash"], r["entry_id"], r["votes"]) for r in report.networks] == [
        ("n1", entry.pk, 3)
    ]
    assert [(r["entry_id"], r["votes"]) for r in report.new_accounts] == [(entry.pk, 3)]
    assert [(r["entry_id"], r["votes"]) for r in report.bursts] == [(entry.pk, 3)]
    count = services.votes_quarantine_network(
        contest=category.contest,
        network_hash="n1",
        entry=entry,
        reason="Cluster",
        by=secretariat_user(),
    )
    assert count == 3
    assert selectors.vote_integrity_report(category.contest, network_threshold=3).networks == []


def test_results_and_anonymised_tally_csv(client):
    category, (entry,) = _nominees_with_votes([2])
    entry.status = PrizeEntryStatus.WINNER
    entry.save()
    year = category.contest.year
    results = client.get(f"/prizes/{year}/results.csv").content.decode().splitlines()
    assert results == [
        "category_number,category,title,organisation,country,result",
        f"1,{category.name},{entry.title},{entry.organisation.name},CH,winner",
    ]
    client.force_login(secretariat_user())
    tally = client.get(f"/prizes/{year}/manage/tally.csv").content.decode().splitlines()
    assert tally == [
        "category_number,category,nominee,organisation,status,counted,quarantined",
        f"1,{category.name},{entry.title},{entry.organisation.name},winner,2,0",
    ]


def test_stocktaking_entries_know_their_prize_results():
    contest = ContestFactory(in_phase=Phase.WINNERS_ANNOUNCED)
    winner = PrizeEntryFactory(contest=contest, status=PrizeEntryStatus.WINNER)
    nominee = PrizeEntryFactory(contest=contest, status=PrizeEntryStatus.NOMINEE)
    results = selectors.prize_results_of_stocktaking_entries(
        [winner.stocktaking_entry_id, nominee.stocktaking_entry_id], now=NOW
    )
    assert results == {winner.stocktaking_entry_id: [winner]}
