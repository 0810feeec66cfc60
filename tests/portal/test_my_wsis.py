"""My WSIS: where signing in lands; each role's work, in at most 10 queries whatever the number
of items."""

import datetime as dt

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from events.enums import OutcomeStatus
from roadmaps.enums import VersionStatus
from stocktaking.enums import EntryStatus
from stocktaking.prizes.enums import Phase, PrizeEntryStatus
from tests.events.factories import EventFactory, OutcomeDocumentFactory, SessionFactory
from tests.factories import (
    PASSWORD,
    FacilitatorAssignmentFactory,
    MembershipFactory,
    UserFactory,
    secretariat_user,
)
from tests.prizes.factories import ContestFactory, PrizeEntryFactory, VoteFactory
from tests.roadmaps.factories import RoadmapFactory, version_with_clauses
from tests.stocktaking.factories import EntryFactory
from wsis.enums import Role
from wsis.models import ActionLine

pytestmark = pytest.mark.django_db
MAX_QUERIES = 10
URL = "/my/"


def _get(client, user):
    client.force_login(user)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(URL)
    assert response.status_code == 200
    return response, len(queries)


def _stakeholder_world(items: int):
    membership = MembershipFactory(user__password=None)
    organisation, user = membership.organisation, membership.user
    for number in range(items):
        EntryFactory(organisation=organisation, status=EntryStatus.DRAFT, title=f"Draft {number}")
        EntryFactory(
            organisation=organisation,
            status=EntryStatus.CHANGES_REQUESTED,
            title=f"Returned {number}",
            decision_reason=f"Name the partners ({number}).",
        )
        EntryFactory(organisation=organisation, status=EntryStatus.SUBMITTED)
        EntryFactory(organisation=organisation, status=EntryStatus.APPROVED)
    contest = ContestFactory(in_phase=Phase.VOTING_OPEN, at=timezone.now())
    event = EventFactory()
    for number in range(items):
        PrizeEntryFactory(
            contest=contest,
            organisation=organisation,
            category=contest.categories.get(number=number % 18 + 1),
            status=PrizeEntryStatus.NOMINEE,
        )
        VoteFactory(
            user=user,
            entry=PrizeEntryFactory(
                contest=contest,
                category=contest.categories.get(number=number % 18 + 1),
                status=PrizeEntryStatus.NOMINEE,
            ),
        )
        SessionFactory(
            event=event,
            number=100 + number,
            organisers=[organisation],
            starts_at=timezone.now() - dt.timedelta(days=3, hours=2),
            ends_at=timezone.now() - dt.timedelta(days=3),
        )
    return user


def test_signing_in_lands_on_my_wsis_linked_from_the_navigation(client):
    UserFactory(verified=True, email="person@example.org")
    response = client.post(
        reverse("account_login"), {"login": "person@example.org", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == URL
    page = client.get(reverse("stocktaking:list")).content.decode()
    assert f'<li><a href="{URL}" >My WSIS</a></li>' in page


def test_anonymous_people_are_sent_to_sign_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={URL}"


def test_stakeholder_sees_drafts_returned_entries_with_the_reason_and_counts(client):
    user = _stakeholder_world(1)
    response, _queries = _get(client, user)
    mine = response.context["mine"]
    assert [e.title for e in mine.entries_todo] == ["Returned 0", "Draft 0"]
    assert len(mine.entries_waiting) == 1
    # The approved entry, and the one the prize entry was made from.
    assert mine.published_count == 2
    assert len(mine.prize_entries) == 1
    assert [row["count"] for row in mine.votes] == [1]
    assert len(mine.outcomes_due) == 1
    page = response.content.decode()
    assert "Name the partners (0)." in page
    assert "2 published entries." in page
    assert "you voted in 1 category." in page


@pytest.mark.parametrize(
    "world",
    ["stakeholder", "organiser", "expert", "facilitator", "secretariat"],
)
def test_my_wsis_query_count_is_the_same_with_one_and_many_items(client, world):
    counts = []
    for items in (1, 6):
        user = WORLDS[world](items)
        _response, queries = _get(client, user)
        counts.append(queries)
        client.logout()
    assert counts[0] == counts[1]
    assert counts[0] <= MAX_QUERIES, counts


def _expert_world(items: int):
    from stocktaking.prizes.models import ExpertAssignment

    expert = UserFactory(verified=True, password=None, roles=[Role.EXPERT])
    contest = ContestFactory(in_phase=Phase.EXPERT_REVIEW, at=timezone.now())
    category = contest.categories.get(number=1)
    ExpertAssignment.objects.create(category=category, expert=expert)
    for _number in range(items):
        PrizeEntryFactory(contest=contest, category=category, status=PrizeEntryStatus.ELIGIBLE)
    return expert


def test_expert_sees_reviews_due_with_the_deadline(client):
    expert = _expert_world(2)
    response, _queries = _get(client, expert)
    mine = response.context["mine"]
    assert len(mine.reviews_due) == 2
    deadline = date_format(
        timezone.localtime(mine.review_contest.nominees_published_at), "DATETIME_FORMAT"
    )
    assert f"{mine.review_contest.title}: review before {deadline} (Geneva time)." in (
        response.content.decode()
    )


def _facilitator_world(items: int):
    # Action Lines without an open version yet (one open version per roadmap).
    lines = list(
        ActionLine.objects.exclude(roadmap__versions__status=VersionStatus.RETURNED).order_by(
            "position"
        )[:items]
    )
    user = FacilitatorAssignmentFactory(action_line=lines[0]).user
    for line in lines:
        if line != lines[0]:
            FacilitatorAssignmentFactory(user=user, action_line=line)
        version_with_clauses(
            status=VersionStatus.RETURNED,
            roadmap=RoadmapFactory(action_line=line),
            review_comments="Cite the resolution.",
        )
    return user


def test_facilitator_sees_returned_versions_with_the_comments(client):
    user = _facilitator_world(1)
    response, _queries = _get(client, user)
    (version,) = response.context["mine"].roadmap_versions
    assert version.status == VersionStatus.RETURNED
    assert "Cite the resolution." in response.content.decode()


def _secretariat_world(items: int):
    user = secretariat_user(password=None)
    for _number in range(items):
        EntryFactory(status=EntryStatus.SUBMITTED)
        PrizeEntryFactory(status=PrizeEntryStatus.SUBMITTED, submitted_at=timezone.now())
        OutcomeDocumentFactory(status=OutcomeStatus.SUBMITTED, submitted_at=timezone.now())
    return user


def test_secretariat_sees_its_queues_with_counts_and_the_oldest(client):
    user = _secretariat_world(3)
    oldest = timezone.now() - dt.timedelta(days=4)
    EntryFactory(status=EntryStatus.RESUBMITTED, submitted_at=oldest)
    response, _queries = _get(client, user)
    queues = {queue.key: queue for queue in response.context["mine"].queues}
    assert (queues["entries"].count, queues["entries"].oldest) == (4, oldest)
    assert queues["prizes"].count == 3
    assert queues["outcomes"].count == 3
    assert queues["roadmaps"].count == 0
    assert "4\xa0days" in response.content.decode()


def _organiser_world(items: int):
    """A member of an organisation that organised `items` sessions now over: one without an
    outcome document, the others with a draft or one returned for changes."""
    membership = MembershipFactory(user__password=None)
    event = EventFactory()
    for number in range(items):
        session = SessionFactory(
            event=event,
            number=200 + number,
            organisers=[membership.organisation],
            starts_at=timezone.now() - dt.timedelta(days=2, hours=2),
            ends_at=timezone.now() - dt.timedelta(days=2),
        )
        if number:
            OutcomeDocumentFactory(
                session=session,
                status=(OutcomeStatus.DRAFT, OutcomeStatus.CHANGES_REQUESTED)[number % 2],
            )
    return membership.user


def test_organiser_sees_the_outcome_documents_due(client):
    user = _organiser_world(3)
    response, _queries = _get(client, user)
    assert len(response.context["mine"].outcomes_due) == 3


WORLDS = {
    "stakeholder": _stakeholder_world,
    "organiser": _organiser_world,
    "expert": _expert_world,
    "facilitator": _facilitator_world,
    "secretariat": _secretariat_world,
}


def test_roles_without_organisation_get_a_way_in(client):
    user = UserFactory(verified=True, password=None)
    Group.objects.get(name=Role.STAKEHOLDER)
    response, _queries = _get(client, user)
    assert "Register an organisation" in response.content.decode()
