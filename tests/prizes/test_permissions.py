"""Who sees and does what, as tables of role × state (or phase) → expected answer. Each test
creates the data that could leak before asking for it."""

import pytest
from django.utils import timezone

from stocktaking.prizes.enums import Phase, PrizeEntryStatus
from stocktaking.prizes.models import PrizeEntry, Vote
from tests.factories import MembershipFactory, UserFactory, secretariat_user
from tests.prizes.factories import (
    ConflictOfInterestFactory,
    ContestFactory,
    ExpertAssignmentFactory,
    PrizeEntryFactory,
)

pytestmark = pytest.mark.django_db

ROLES = (
    "anonymous",
    "unverified",
    "member",
    "other_org",
    "expert",
    "expert_conflicted",
    "secretariat",
)


def make_user(role: str, entry: PrizeEntry):
    if role == "anonymous":
        return None
    if role == "unverified":
        return UserFactory(verified=False)
    if role == "member":
        return MembershipFactory(organisation=entry.organisation).user
    if role == "other_org":
        return MembershipFactory().user
    if role in ("expert", "expert_conflicted"):
        expert = ExpertAssignmentFactory(category=entry.category).expert
        if role == "expert_conflicted":
            ConflictOfInterestFactory(
                contest=entry.contest, expert=expert, organisation=entry.organisation
            )
        return expert
    return secretariat_user()


def client_as(client, user):
    if user is not None:
        client.force_login(user)
    return client


PRIVATE = {"member": 200, "secretariat": 200}
REVIEWABLE = {"member": 200, "secretariat": 200, "expert": 200}
ENTRY_PAGE = {
    PrizeEntryStatus.DRAFT: PRIVATE,
    PrizeEntryStatus.SUBMITTED: PRIVATE,
    PrizeEntryStatus.INELIGIBLE: PRIVATE,
    PrizeEntryStatus.NOT_SHORTLISTED: PRIVATE,
    PrizeEntryStatus.ELIGIBLE: REVIEWABLE,
    PrizeEntryStatus.NOMINEE: dict.fromkeys(ROLES, 200),
    PrizeEntryStatus.WINNER: dict.fromkeys(ROLES, 200),
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("state", ENTRY_PAGE)
def test_entry_page(client, role, state):
    entry = PrizeEntryFactory(status=state, title="Secret project")
    user = make_user(role, entry)
    response = client_as(client, user).get(entry.get_absolute_url())
    expected = ENTRY_PAGE[state].get(role, 404)
    assert response.status_code == expected
    assert ("Secret project" in response.content.decode()) is (expected == 200)


REVIEW_PAGE = {
    PrizeEntryStatus.SUBMITTED: {"anonymous": 302},
    PrizeEntryStatus.ELIGIBLE: {"anonymous": 302, "expert": 200},
    PrizeEntryStatus.NOMINEE: {"anonymous": 302},
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("state", REVIEW_PAGE)
def test_review_page(client, role, state):
    entry = PrizeEntryFactory(status=state)
    user = make_user(role, entry)
    response = client_as(client, user).get(f"/prizes/entries/{entry.pk}/review/")
    is_an_expert = role in ("expert", "expert_conflicted")
    expected = REVIEW_PAGE[state].get(role, 404 if is_an_expert else 403)
    assert response.status_code == expected


# Unverified people are refused before anything is looked up.
EDIT = {
    PrizeEntryStatus.DRAFT: {"member": 200, "unverified": 403},
    PrizeEntryStatus.SUBMITTED: {"member": 403, "unverified": 403},
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("state", EDIT)
def test_edit_page(client, role, state):
    entry = PrizeEntryFactory(
        status=state, contest=ContestFactory(at=timezone.now(), in_phase=Phase.ENTRIES_OPEN)
    )
    user = make_user(role, entry)
    response = client_as(client, user).get(f"/prizes/entries/{entry.pk}/edit/")
    assert response.status_code == EDIT[state].get(role, 302 if user is None else 404)


SUBMIT = {
    Phase.ENTRIES_OPEN: {"member": "submitted"},
    Phase.ELIGIBILITY_CHECK: {},
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("phase", SUBMIT)
def test_submit(client, role, phase):
    entry = PrizeEntryFactory(contest=ContestFactory(at=timezone.now(), in_phase=phase))
    user = make_user(role, entry)
    response = client_as(client, user).post(f"/prizes/entries/{entry.pk}/submit/")
    entry.refresh_from_db()
    assert entry.status == SUBMIT[phase].get(role, "draft")
    if user is None or role in ("member",):
        assert response.status_code == 302
    else:
        assert response.status_code == 404


VOTE = {
    Phase.NOMINEES_PUBLISHED: {},
    Phase.VOTING_OPEN: {
        "member": 1,
        "other_org": 1,
        "expert": 1,
        "expert_conflicted": 1,
        "secretariat": 1,
    },
    Phase.VOTING_CLOSED: {},
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("phase", VOTE)
def test_vote(client, role, phase):
    entry = PrizeEntryFactory(
        status=PrizeEntryStatus.NOMINEE, contest=ContestFactory(at=timezone.now(), in_phase=phase)
    )
    user = make_user(role, entry)
    response = client_as(client, user).post(
        f"/prizes/{entry.contest.year}/vote/{entry.pk}/", {"confirm": "yes"}
    )
    assert response.status_code == 302
    assert Vote.objects.count() == VOTE[phase].get(role, 0)


MANAGE_PAGES = (
    "manage/",
    "manage/coverage/",
    "manage/votes/",
    "manage/tally.csv",
    "manage/{slug}/ranking/",
    "manage/{slug}/winners/",
)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("page", MANAGE_PAGES)
def test_secretariat_pages(client, role, page):
    entry = PrizeEntryFactory(status=PrizeEntryStatus.ELIGIBLE)
    user = make_user(role, entry)
    url = f"/prizes/{entry.contest.year}/" + page.format(slug=entry.category.slug)
    response = client_as(client, user).get(url)
    expected = {"anonymous": 302, "secretariat": 200}.get(role, 403)
    assert response.status_code == expected


@pytest.mark.parametrize("role", ROLES)
def test_expert_review_list_never_lists_conflicted_entries(client, role):
    entry = PrizeEntryFactory(status=PrizeEntryStatus.ELIGIBLE, title="Conflicted project")
    user = make_user(role, entry)
    response = client_as(client, user).get(f"/prizes/{entry.contest.year}/review/")
    expected = {"anonymous": 302, "expert": 200, "expert_conflicted": 200}.get(role, 403)
    assert response.status_code == expected
    if expected == 200:
        listed = "Conflicted project" in response.content.decode()
        assert listed is (role == "expert")


def test_secretariat_decision_needs_the_secretariat(client):
    entry = PrizeEntryFactory(status=PrizeEntryStatus.SUBMITTED)
    member = make_user("member", entry)
    client.force_login(member)
    response = client.post(f"/prizes/entries/{entry.pk}/decide/", {"decision": "eligible"})
    assert response.status_code == 403
    client.force_login(secretariat_user())
    client.post(f"/prizes/entries/{entry.pk}/decide/", {"decision": "eligible"})
    entry.refresh_from_db()
    assert entry.status == "eligible"
