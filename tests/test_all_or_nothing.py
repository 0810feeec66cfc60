"""Every multi-row change is all or nothing: a fault on the second item of a batch (the audit
write made to raise, the one place where patching our own code is the point: it injects the
fault) leaves every item of the batch as it was, with no audit row and no notification.

Expected refusals are another matter: bulk moderation skips the entries that are not waiting and
says so (tests/stocktaking/test_admin.py); what it must never do is keep half a batch when
something breaks in the middle. Imports are covered by tests/test_importer_properties.py.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.auth.models import Group
from django.test import Client
from django.utils import timezone

from events import services as event_services
from events.enums import OutcomeStatus
from events.models import ForumOutcomeVersion, OutcomeDocument
from roadmaps.enums import VersionStatus
from roadmaps.models import RoadmapVersion
from stocktaking.enums import EntryStatus
from stocktaking.models import Entry
from stocktaking.prizes import services as prize_services
from stocktaking.prizes.enums import Phase, PrizeEntryStatus
from stocktaking.prizes.models import Contest, PrizeEntry
from tests.conftest import FIGURES
from tests.events.factories import EventFactory, OutcomeDocumentFactory, SessionFactory
from tests.factories import MembershipFactory, UserFactory
from tests.prizes.factories import ContestFactory, PrizeEntryFactory, VoteFactory
from tests.roadmaps.factories import RoadmapFactory, version_with_clauses
from tests.stocktaking.factories import EntryFactory
from wsis.enums import Role
from wsis.models import ActionLine, AuditEntry, Notification

pytestmark = pytest.mark.django_db
SCENARIOS: set[str] = set()


def _done(scenario: str) -> None:
    SCENARIOS.add(scenario)
    FIGURES["all or nothing"] = (
        f"{len(SCENARIOS)} batch changes with a fault injected mid-way, 0 partial writes"
    )


class InjectedFault(Exception):
    pass


@pytest.fixture
def fail_on_second(monkeypatch):
    """Makes the audit write at `target` raise on its second call in the test."""

    def install(target: str) -> None:
        module_name, name = target.rsplit(".", 1)
        module = __import__(module_name, fromlist=[name])
        original = getattr(module, name)
        calls = {"count": 0}

        def faulty(*args, **kwargs):
            calls["count"] += 1
            if calls["count"] == 2:
                raise InjectedFault(target)
            return original(*args, **kwargs)

        monkeypatch.setattr(module, name, faulty)

    return install


@pytest.fixture
def secretariat():
    user = UserFactory(is_staff=True, verified=True)
    user.groups.add(Group.objects.get(name=Role.SECRETARIAT))
    return user


@pytest.fixture
def staff_client(secretariat):
    client = Client()
    client.force_login(secretariat)
    return client


def _written() -> tuple[int, int]:
    return AuditEntry.objects.count(), Notification.objects.count()


def _statuses(model, objects) -> list[str]:
    return list(
        model.objects.filter(pk__in=[o.pk for o in objects])
        .order_by("pk")
        .values_list("status", flat=True)
    )


def _submitter_entry():
    member = MembershipFactory()
    entry = EntryFactory(organisation=member.organisation, status=EntryStatus.SUBMITTED)
    Entry.objects.filter(pk=entry.pk).update(created_by=member.user, submitted_by=member.user)
    return entry


@pytest.mark.parametrize("action", ["approve_selected", "reject_selected"])
def test_bulk_moderation_in_the_admin_is_all_or_nothing(staff_client, fail_on_second, action):
    entries = [_submitter_entry() for _ in range(3)]
    before = _written()
    fail_on_second("wsis.workflow.audit_record")
    with pytest.raises(InjectedFault):
        staff_client.post(
            "/admin/stocktaking/entry/",
            {
                "action": action,
                ACTION_CHECKBOX_NAME: [e.pk for e in entries],
                "confirm": "yes",
                "reason": "Not about the information society.",
            },
        )
    assert (_statuses(Entry, entries), _written()) == ([EntryStatus.SUBMITTED] * 3, before)
    _done(f"stocktaking admin {action}")


def test_outcome_publication_in_the_admin_is_all_or_nothing(staff_client, fail_on_second):
    outcomes = [
        OutcomeDocumentFactory(session=SessionFactory(), status=OutcomeStatus.SUBMITTED)
        for _ in range(3)
    ]
    before = _written()
    fail_on_second("wsis.workflow.audit_record")
    with pytest.raises(InjectedFault):
        staff_client.post(
            "/admin/events/outcomedocument/",
            {"action": "publish", ACTION_CHECKBOX_NAME: [o.pk for o in outcomes]},
        )
    statuses = _statuses(OutcomeDocument, outcomes)
    assert (statuses, _written()) == ([OutcomeStatus.SUBMITTED] * 3, before)
    _done("outcome documents admin publish")


def test_roadmap_approval_in_the_admin_is_all_or_nothing(staff_client, fail_on_second):
    versions = [
        version_with_clauses(
            status=VersionStatus.SUBMITTED,
            roadmap=RoadmapFactory(action_line=ActionLine.objects.get(code=code)),
        )
        for code in ("C1", "C2", "C3")
    ]
    before = _written()
    fail_on_second("wsis.workflow.audit_record")
    with pytest.raises(InjectedFault):
        staff_client.post(
            "/admin/roadmaps/roadmapversion/",
            {"action": "approve", ACTION_CHECKBOX_NAME: [v.pk for v in versions]},
        )
    statuses = _statuses(RoadmapVersion, versions)
    assert (statuses, _written()) == ([VersionStatus.SUBMITTED] * 3, before)
    _done("roadmap versions admin approve")


def test_contest_phases_recorded_together_or_not_at_all(fail_on_second):
    now = timezone.now()
    contests = [ContestFactory(in_phase=Phase.VOTING_OPEN, at=now) for _ in range(3)]
    Contest.objects.update(phase=Phase.UPCOMING)
    before = _written()
    fail_on_second("stocktaking.prizes.services.contests.audit_record")
    with pytest.raises(InjectedFault):
        prize_services.contests_phase_record(now=now)
    phases = list(
        Contest.objects.filter(pk__in=[c.pk for c in contests]).values_list("phase", flat=True)
    )
    assert (phases, _written()) == ([Phase.UPCOMING] * 3, before)
    _done("contests_phase_record")


def test_nominee_publication_is_all_or_nothing(secretariat, fail_on_second):
    now = timezone.now()
    contest = ContestFactory(in_phase=Phase.EXPERT_REVIEW, at=now)
    entries = [
        PrizeEntryFactory(contest=contest, status=PrizeEntryStatus.ELIGIBLE) for _ in range(3)
    ]
    before = _written()
    fail_on_second("wsis.workflow.audit_record")
    with pytest.raises(InjectedFault):
        prize_services.nominees_publish(
            category=entries[0].category, entries=entries[:2], by=secretariat, now=now
        )
    statuses = _statuses(PrizeEntry, entries)
    assert (statuses, _written()) == ([PrizeEntryStatus.ELIGIBLE] * 3, before)
    _done("nominees_publish")


def test_finalist_publication_is_all_or_nothing(secretariat, fail_on_second):
    now = timezone.now()
    contest = ContestFactory(in_phase=Phase.VOTING_CLOSED, at=now)
    nominees = [
        PrizeEntryFactory(contest=contest, status=PrizeEntryStatus.NOMINEE) for _ in range(3)
    ]
    for nominee in nominees:
        VoteFactory(entry=nominee, created_at=now - dt.timedelta(days=1))
    before = _written()
    fail_on_second("wsis.workflow.audit_record")
    with pytest.raises(InjectedFault):
        prize_services.finalists_publish(contest=contest, by=secretariat, now=now)
    statuses = _statuses(PrizeEntry, nominees)
    assert (statuses, _written()) == ([PrizeEntryStatus.NOMINEE] * 3, before)
    _done("finalists_publish")


def test_winners_recorded_together_or_not_at_all(secretariat, fail_on_second):
    contest = ContestFactory(in_phase=Phase.FINALISTS, at=timezone.now())
    finalists = [
        PrizeEntryFactory(contest=contest, status=PrizeEntryStatus.FINALIST) for _ in range(3)
    ]
    before = _written()
    fail_on_second("wsis.workflow.audit_record")
    with pytest.raises(InjectedFault):
        prize_services.winners_record(
            category=finalists[0].category,
            winners=finalists[:1],
            champions=finalists[1:],
            by=secretariat,
        )
    statuses = _statuses(PrizeEntry, finalists)
    assert (statuses, _written()) == ([PrizeEntryStatus.FINALIST] * 3, before)
    _done("winners_record")


def test_forum_outcome_compile_writes_no_version_when_the_audit_fails(secretariat, monkeypatch):
    event = EventFactory()
    OutcomeDocumentFactory(session=SessionFactory(event=event), status=OutcomeStatus.PUBLISHED)
    before = _written()

    def broken_audit(**kwargs):
        raise InjectedFault("audit")

    monkeypatch.setattr(event_services.forum, "audit_record", broken_audit)
    with pytest.raises(InjectedFault):
        event_services.forum_outcome_compile(event=event, by=secretariat)
    assert (ForumOutcomeVersion.objects.filter(event=event).count(), _written()) == (0, before)
    _done("forum_outcome_compile")
