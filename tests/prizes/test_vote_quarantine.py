"""One-click quarantine of the groups the vote-integrity report flags (a network cluster, a
burst, votes by brand-new accounts): one POST by the secretariat with a reason, all or nothing,
audited, never deleting a vote; the tally then shows counted and quarantined votes."""

import re
from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError

from stocktaking.prizes import selectors, services
from stocktaking.prizes.enums import Phase, PrizeEntryStatus
from stocktaking.prizes.models import Vote
from tests.factories import MembershipFactory, UserFactory, secretariat_user
from tests.prizes.factories import (
    NOW,
    ContestFactory,
    ExpertAssignmentFactory,
    PrizeEntryFactory,
    VoteFactory,
)
from wsis.models import AuditEntry

pytestmark = pytest.mark.django_db
SECOND = timedelta(seconds=1)


@pytest.fixture
def nominees():
    contest = ContestFactory(in_phase=Phase.VOTING_OPEN)
    category = contest.categories.order_by("number").first()
    return [
        PrizeEntryFactory(contest=contest, category=category, status=PrizeEntryStatus.NOMINEE)
        for _ in range(2)
    ]


def _burst(nominee, other):
    """Four votes for `nominee` in the minute starting at NOW, one in the next minute, one for
    `other` in the same minute, one already quarantined."""
    burst = [VoteFactory(entry=nominee, created_at=NOW + s * SECOND) for s in (0, 10, 30, 59)]
    VoteFactory(entry=nominee, created_at=NOW + 60 * SECOND)
    VoteFactory(entry=other, created_at=NOW + 5 * SECOND)
    VoteFactory(entry=nominee, created_at=NOW + SECOND, quarantined=True, quarantine_reason="Old")
    return burst


def _counts(entry):
    return (
        entry.votes.filter(quarantined=False).count(),
        entry.votes.filter(quarantined=True).count(),
    )


def test_a_flagged_burst_is_quarantined_and_audited(nominees):
    nominee, other = nominees
    burst = _burst(nominee, other)
    secretariat = secretariat_user()
    report = selectors.vote_integrity_report(nominee.contest, burst_threshold=4)
    assert [(r["minute"], r["entry_id"], r["votes"]) for r in report.bursts] == [
        (NOW, nominee.pk, 4)
    ]
    count = services.votes_quarantine_burst(
        contest=nominee.contest, entry=nominee, minute=NOW, reason="Bot burst", by=secretariat
    )
    assert count == 4
    assert (_counts(nominee), _counts(other)) == ((1, 5), (1, 0))
    assert Vote.objects.count() == 7
    assert sorted(
        Vote.objects.filter(quarantine_reason="Bot burst").values_list("pk", flat=True)
    ) == sorted(vote.pk for vote in burst)
    per_vote = AuditEntry.objects.filter(action="prize_vote.quarantine")
    assert sorted(per_vote.values_list("object_id", flat=True)) == sorted(
        str(vote.pk) for vote in burst
    )
    assert list(
        per_vote.order_by().values_list("actor", "reason", "before", "after").distinct()
    ) == [(secretariat.pk, "Bot burst", {"quarantined": False}, {"quarantined": True})]
    group = AuditEntry.objects.get(action="prize_vote.quarantine_group")
    assert (group.object_id, group.actor, group.reason, group.after) == (
        str(nominee.contest.pk),
        secretariat,
        "Bot burst",
        {"group": "burst", "entry": nominee.pk, "minute": NOW.isoformat(), "votes": 4},
    )
    assert selectors.vote_integrity_report(nominee.contest, burst_threshold=4).bursts == []
    # Once more: nothing left to quarantine, nothing audited again.
    assert (
        services.votes_quarantine_burst(
            contest=nominee.contest, entry=nominee, minute=NOW, reason="Again", by=secretariat
        )
        == 0
    )
    assert AuditEntry.objects.filter(action__startswith="prize_vote.").count() == 5


def test_a_flagged_group_of_new_accounts_is_quarantined(nominees):
    nominee, other = nominees
    new = [VoteFactory(entry=nominee, account_age_days=0) for _ in range(3)]
    VoteFactory(entry=nominee, account_age_days=1)
    VoteFactory(entry=other, account_age_days=0)
    secretariat = secretariat_user()
    report = selectors.vote_integrity_report(nominee.contest)
    assert [(r["entry_id"], r["votes"]) for r in report.new_accounts] == [
        (nominee.pk, 3),
        (other.pk, 1),
    ]
    count = services.votes_quarantine_new_accounts(
        contest=nominee.contest, entry=nominee, reason="Fresh accounts", by=secretariat
    )
    assert count == 3
    assert (_counts(nominee), _counts(other)) == ((1, 3), (1, 0))
    assert set(Vote.objects.filter(quarantined=True).values_list("pk", flat=True)) == {
        vote.pk for vote in new
    }
    assert AuditEntry.objects.filter(action="prize_vote.quarantine").count() == 3
    assert AuditEntry.objects.get(action="prize_vote.quarantine_group").after == {
        "group": "new_accounts",
        "entry": nominee.pk,
        "max_age_days": 1,
        "votes": 3,
    }
    assert [
        r["entry_id"] for r in selectors.vote_integrity_report(nominee.contest).new_accounts
    ] == [other.pk]


def test_a_reason_is_required_and_nothing_changes_without_one(nominees):
    nominee, other = nominees
    _burst(nominee, other)
    with pytest.raises(ValidationError) as error:
        services.votes_quarantine_burst(
            contest=nominee.contest, entry=nominee, minute=NOW, reason="  ", by=secretariat_user()
        )
    assert error.value.message_dict == {"reason": ["A reason is required to quarantine votes."]}
    assert _counts(nominee) == (5, 1)
    assert AuditEntry.objects.filter(action__startswith="prize_vote.").count() == 0


def test_quarantine_is_all_or_nothing(nominees, monkeypatch):
    nominee, other = nominees
    _burst(nominee, other)

    def failing_audit(**kwargs):
        raise RuntimeError("the audit log is unavailable")

    monkeypatch.setattr(services.votes, "audit_record", failing_audit)
    with pytest.raises(RuntimeError):
        services.votes_quarantine_burst(
            contest=nominee.contest,
            entry=nominee,
            minute=NOW,
            reason="Burst",
            by=secretariat_user(),
        )
    assert _counts(nominee) == (5, 1)
    assert AuditEntry.objects.filter(action="prize_vote.quarantine").count() == 0


def test_a_minute_not_of_the_report_is_refused(nominees):
    nominee, _other = nominees
    with pytest.raises(ValidationError) as error:
        services.votes_quarantine_burst(
            contest=nominee.contest,
            entry=nominee,
            minute=NOW + 30 * SECOND,
            reason="Burst",
            by=secretariat_user(),
        )
    assert error.value.messages == ["Choose a burst of the report."]


# --- The integrity report page ---


def _page(client, contest):
    response = client.get(f"/prizes/{contest.year}/manage/votes/")
    assert response.status_code == 200
    return response.content.decode()


def test_the_secretariat_quarantines_a_burst_in_one_click(client, nominees):
    nominee, other = nominees
    contest = nominee.contest
    _burst(nominee, other)
    VoteFactory.create_batch(26, entry=nominee, created_at=NOW + 20 * SECOND)  # 30 in the minute
    client.force_login(secretariat_user())
    page = _page(client, contest)
    assert '<dd id="votes-counted">32</dd>' in page
    assert '<dd id="votes-quarantined">1</dd>' in page
    form = re.search(
        r'<form method="post" action="/prizes/\d+/manage/votes/quarantine-burst/">.*?</form>',
        page,
        re.S,
    ).group(0)
    minute = re.search(r'name="minute" value="([^"]+)"', form).group(1)
    assert minute == "2026-06-15T12:00:00+02:00"  # the minute in Geneva time
    response = client.post(
        f"/prizes/{contest.year}/manage/votes/quarantine-burst/",
        {"entry": nominee.pk, "minute": minute, "reason": "Scripted votes"},
    )
    assert (response.status_code, response["Location"]) == (
        302,
        f"/prizes/{contest.year}/manage/votes/",
    )
    assert [str(m) for m in get_messages(response.wsgi_request)] == ["30 votes quarantined."]
    assert _counts(nominee) == (1, 31)
    assert Vote.objects.count() == 33
    page = _page(client, contest)
    assert '<dd id="votes-counted">2</dd>' in page
    assert '<dd id="votes-quarantined">31</dd>' in page
    assert (
        f'<tr id="tally-{nominee.pk}"><th scope="row">{nominee.title}</th>'
        f"<td>{nominee.category.name}</td><td>1</td><td>31</td></tr>"
    ) in page


def test_the_secretariat_quarantines_new_accounts_in_one_click(client, nominees):
    nominee, _other = nominees
    contest = nominee.contest
    VoteFactory.create_batch(3, entry=nominee, account_age_days=0)
    client.force_login(secretariat_user())
    assert f'action="/prizes/{contest.year}/manage/votes/quarantine-new-accounts/"' in _page(
        client, contest
    )
    response = client.post(
        f"/prizes/{contest.year}/manage/votes/quarantine-new-accounts/",
        {"entry": nominee.pk, "reason": "Accounts made during the vote"},
    )
    assert response.status_code == 302
    assert [str(m) for m in get_messages(response.wsgi_request)] == ["3 votes quarantined."]
    assert _counts(nominee) == (0, 3)


def test_without_a_reason_the_page_says_so_and_nothing_changes(client, nominees):
    nominee, _other = nominees
    VoteFactory.create_batch(2, entry=nominee, account_age_days=0)
    client.force_login(secretariat_user())
    response = client.post(
        f"/prizes/{nominee.contest.year}/manage/votes/quarantine-new-accounts/",
        {"entry": nominee.pk, "reason": ""},
    )
    assert response.status_code == 302
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "A reason is required to quarantine votes."
    ]
    assert _counts(nominee) == (2, 0)


@pytest.mark.parametrize(
    "minute", ["", "yesterday", "2026-06-15T12:00:00"], ids=["empty", "text", "naive"]
)
def test_a_malformed_burst_is_not_found(client, nominees, minute):
    nominee, _other = nominees
    client.force_login(secretariat_user())
    response = client.post(
        f"/prizes/{nominee.contest.year}/manage/votes/quarantine-burst/",
        {"entry": nominee.pk, "minute": minute, "reason": "Burst"},
    )
    assert response.status_code == 404


def _people(nominee):
    expert = ExpertAssignmentFactory(category=nominee.category).expert
    return {
        "anonymous": None,
        "unverified": UserFactory(verified=False),
        "stakeholder": UserFactory(verified=True),
        "member of the nominee's organisation": MembershipFactory(
            organisation=nominee.organisation
        ).user,
        "expert": expert,
    }


@pytest.mark.parametrize("group", ["quarantine-burst", "quarantine-new-accounts"])
@pytest.mark.parametrize(
    ("person", "status"),
    [
        ("anonymous", 302),
        ("unverified", 403),
        ("stakeholder", 403),
        ("member of the nominee's organisation", 403),
        ("expert", 403),
    ],
)
def test_only_the_secretariat_may_quarantine(client, nominees, group, person, status):
    nominee, other = nominees
    _burst(nominee, other)
    VoteFactory.create_batch(2, entry=nominee, account_age_days=0, created_at=NOW)
    user = _people(nominee)[person]
    if user is not None:
        client.force_login(user)
    response = client.post(
        f"/prizes/{nominee.contest.year}/manage/votes/{group}/",
        {"entry": nominee.pk, "minute": "2026-06-15T12:00:00+02:00", "reason": "Mine"},
    )
    assert response.status_code == status
    if status == 302:
        assert response["Location"].startswith("/accounts/login/")
    assert _counts(nominee) == (7, 1)
    assert AuditEntry.objects.filter(action__startswith="prize_vote.").count() == 0
