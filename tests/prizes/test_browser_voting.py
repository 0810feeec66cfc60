"""The voter's journey in Chromium: sign in on the voting page, open a category, vote, see the
vote recorded on the voting page and the category page, cannot vote twice."""

import pytest
from django.utils import timezone

from stocktaking.prizes.enums import Phase, PrizeEntryStatus
from stocktaking.prizes.models import Vote
from tests.factories import PASSWORD, UserFactory
from tests.prizes.factories import ContestFactory, PrizeEntryFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("reference_data"),
]


def test_voter_signs_in_votes_once_and_sees_the_vote(page):
    contest = ContestFactory(in_phase=Phase.VOTING_OPEN, at=timezone.now())
    category = contest.categories.get(number=1)
    chosen, other = (
        PrizeEntryFactory(
            contest=contest, category=category, status=PrizeEntryStatus.NOMINEE, title=title
        )
        for title in ("Mesh for all", "Open clinics")
    )
    voter = UserFactory(verified=True, email="voter@example.org")

    page.goto(f"/prizes/{contest.year}/vote/")
    page.get_by_role("link", name="Sign in to vote").click()
    page.get_by_label("Email").fill(voter.email)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.get_by_text("You voted in 0 of 18 categories.").wait_for()

    page.get_by_role("cell", name="Not voted yet").first.wait_for()
    page.get_by_role("link", name=f"1. {category.name}").click()
    page.get_by_role("heading", name=f"1. {category.name}").wait_for()
    page.get_by_role("button", name="Vote for Mesh for all").click()
    page.get_by_role("button", name="Confirm my vote").click()
    page.get_by_text(f"Your vote for “Mesh for all” in “{category.name}” is recorded.").wait_for()
    assert page.get_by_text("You voted in 1 of 18 categories.").is_visible()
    assert page.locator(f"#category-{category.slug}").get_by_role("link").all_inner_texts() == [
        f"1. {category.name}",
        "Mesh for all",
    ]
    page.get_by_role("link", name=f"1. {category.name}").click()
    page.get_by_text("You have voted in this category; a vote is final.").wait_for()
    assert page.get_by_role("button", name="Vote for Open clinics").count() == 0
    assert page.get_by_role("button", name="Vote for Mesh for all").count() == 0

    # Re-sending the vote form (an old tab, a double click) changes nothing.
    page.goto(f"/prizes/{contest.year}/vote/")
    page.evaluate(
        """([url, token]) => fetch(url, {
            method: 'POST', headers: {'X-CSRFToken': token}, redirect: 'manual'})""",
        [
            f"/prizes/{contest.year}/vote/{other.pk}/",
            next(c["value"] for c in page.context.cookies() if c["name"] == "csrftoken"),
        ],
    )
    page.reload()
    page.get_by_text(
        f"You have already voted in the category “{category.name}”; a vote is final."
    ).wait_for()
    assert list(Vote.objects.values_list("user__email", "entry")) == [
        ("voter@example.org", chosen.pk)
    ]
