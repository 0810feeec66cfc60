"""Signed-in pages make at most 10 queries whatever the number of items (issue 21): each page is
built at two sizes and must make the same number of queries for both. My WSIS has its own
table of roles in tests/portal/test_my_wsis.py, the admin's moderation queue its own in
tests/stocktaking/test_admin.py."""

import pytest
from django.utils import timezone

from evidence.enums import ProposalStatus
from roadmaps.enums import VersionStatus
from stocktaking.enums import EntryStatus
from stocktaking.prizes.enums import Phase, PrizeEntryStatus
from tests.evidence.factories import RepositoryProposalFactory, ThematicRepositoryFactory
from tests.factories import FacilitatorAssignmentFactory, MembershipFactory, secretariat_user
from tests.prizes.factories import ContestFactory, PrizeEntryFactory, VoteFactory
from tests.query_counts import MAX_QUERIES, signed_in_queries
from tests.roadmaps.factories import RoadmapFactory, version_with_clauses
from tests.stocktaking.factories import EntryAttachmentFactory, EntryFactory
from wsis.models import ActionLine, CountryRegion, Sdg

pytestmark = pytest.mark.django_db
SIZES = (1, 8)


def _voting(items: int):
    """A verified voter in a contest whose first category has `items` nominees, who has voted
    in `items` other categories."""
    contest = ContestFactory(in_phase=Phase.VOTING_OPEN, at=timezone.now())
    voter = MembershipFactory().user
    category = contest.categories.get(number=1)
    PrizeEntryFactory.create_batch(
        items, contest=contest, category=category, status=PrizeEntryStatus.NOMINEE
    )
    for number in range(2, items + 2):
        entry = PrizeEntryFactory(
            contest=contest,
            category=contest.categories.get(number=number),
            status=PrizeEntryStatus.NOMINEE,
        )
        VoteFactory(user=voter, entry=entry)
    return contest, category, voter


def category_with_vote_forms(items: int):
    _contest, category, voter = _voting(items)
    return voter, category.get_absolute_url()


def voting_page(items: int):
    contest, _category, voter = _voting(items)
    return voter, f"/prizes/{contest.year}/vote/"


def _stakeholder_entries(items: int):
    """A member of an organisation with `items` entries in each open state, each with `items`
    SDGs, countries and attachments."""
    membership = MembershipFactory()
    sdgs = list(Sdg.objects.order_by("number")[:items])
    countries = list(CountryRegion.objects.order_by("country")[:items])
    entries = []
    for status in (EntryStatus.DRAFT, EntryStatus.SUBMITTED, EntryStatus.APPROVED):
        for _number in range(items):
            entry = EntryFactory(organisation=membership.organisation, status=status)
            entry.sdgs.set(sdgs)
            entry.countries.set(countries)
            EntryAttachmentFactory.create_batch(items, entry=entry)
            entries.append(entry)
    return membership.user, entries[0]


def stakeholder_entry_list(items: int):
    user, _entry = _stakeholder_entries(items)
    return user, "/stocktaking/mine/"


def stakeholder_entry_page(items: int):
    user, entry = _stakeholder_entries(items)
    return user, f"/stocktaking/mine/{entry.pk}/"


def stakeholder_edit_form(items: int):
    user, entry = _stakeholder_entries(items)
    return user, f"/stocktaking/mine/{entry.pk}/edit/"


def stakeholder_new_entry_form(items: int):
    user, _entry = _stakeholder_entries(items)
    return user, "/stocktaking/mine/new/"


def stakeholder_prize_entries(items: int):
    membership = MembershipFactory()
    contest = ContestFactory(in_phase=Phase.VOTING_OPEN, at=timezone.now())
    for number in range(1, items + 1):
        PrizeEntryFactory(
            contest=contest,
            organisation=membership.organisation,
            category=contest.categories.get(number=number),
            status=PrizeEntryStatus.NOMINEE,
        )
    return membership.user, "/prizes/my-entries/"


def roadmap_editor(items: int):
    """A facilitator's draft of `items` clauses."""
    line = ActionLine.objects.get(code="C4")
    user = FacilitatorAssignmentFactory(action_line=line).user
    version = version_with_clauses(
        status=VersionStatus.DRAFT, roadmap=RoadmapFactory(action_line=line), clauses=items
    )
    return user, f"/roadmaps/{line.slug}/versions/{version.number}/edit/"


def roadmap_review_queue(items: int):
    """The secretariat's queue of `items` submitted versions."""
    lines = ActionLine.objects.order_by("position")[:items]
    for line in lines:
        version_with_clauses(
            status=VersionStatus.SUBMITTED,
            roadmap=RoadmapFactory(action_line=line),
            submitted_at=timezone.now(),
        )
    return secretariat_user(), "/roadmaps/review/"


def stakeholder_entry_repositories(items: int):
    """An approved entry proposed for `items` repositories (accepted, declined, pending), with
    `items` more repositories still open to it."""
    membership = MembershipFactory()
    entry = EntryFactory(organisation=membership.organisation, status=EntryStatus.APPROVED)
    states = list(ProposalStatus)
    for number in range(items):
        RepositoryProposalFactory(entry=entry, status=states[number % len(states)])
        ThematicRepositoryFactory()
    return membership.user, f"/evidence/entries/{entry.pk}/repositories/"


PAGES = {
    "category with vote forms": category_with_vote_forms,
    "voting page": voting_page,
    "stakeholder's entry list": stakeholder_entry_list,
    "stakeholder's entry": stakeholder_entry_page,
    "stakeholder's edit form": stakeholder_edit_form,
    "stakeholder's new entry form": stakeholder_new_entry_form,
    "stakeholder's prize entries": stakeholder_prize_entries,
    "stakeholder's entry repositories": stakeholder_entry_repositories,
    "roadmap editor": roadmap_editor,
    "roadmap review queue": roadmap_review_queue,
}


@pytest.mark.parametrize("page", PAGES)
def test_signed_in_page_queries_do_not_grow_with_items(client, page):
    counts = []
    for items in SIZES:
        user, url = PAGES[page](items)
        counts.append(signed_in_queries(client, user, url))
        client.logout()
    assert counts[0] == counts[1], counts
    assert counts[0] <= MAX_QUERIES, counts


def test_the_stakeholder_entry_list_is_paged(client, settings):
    """However many entries an organisation has, one page shows 50 of them."""
    membership = MembershipFactory()
    EntryFactory.create_batch(51, organisation=membership.organisation)
    client.force_login(membership.user)
    first = client.get("/stocktaking/mine/")
    second = client.get("/stocktaking/mine/", {"page": 2})
    assert (len(first.context["entries"]), len(second.context["entries"])) == (50, 1)
    assert 'href="?page=2" rel="next"' in first.content.decode()
    assert "Page 2 of 2" in second.content.decode()
