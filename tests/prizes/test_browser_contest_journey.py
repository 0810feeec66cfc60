"""A whole contest in Chromium: a stakeholder enters a project, the secretariat marks it
eligible, an expert scores it, it is nominated, a voter votes, the secretariat records the
winner, and the public sees the result. Phases are moved by the secretariat's own form."""

import pytest
from django.utils import timezone

from stocktaking.prizes.enums import CRITERIA, Phase
from stocktaking.prizes.models import PrizeEntry
from tests.factories import PASSWORD, MembershipFactory, UserFactory, secretariat_user
from tests.prizes.factories import (
    DESCRIPTION,
    ContestFactory,
    ExpertAssignmentFactory,
    StocktakingEntryFactory,
)
from tests.prizes.texts import ENGLISH, FRENCH

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("reference_data"),
]

CRITERION_LABELS = (
    "Relevance to the Action Line",
    "Results and impact",
    "Community empowerment",
    "SDG relevance",
    "Replicability",
    "Sustainability",
    "Partnerships",
    "WSIS values",
)


def sign_in(page, email):
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.get_by_role("heading", name="My WSIS").wait_for()


def sign_out(page):
    page.get_by_role("button", name="Sign out").click()


def move_phase(page, year, phase):
    page.goto(f"/prizes/{year}/manage/")
    page.get_by_label("Move to phase").select_option(phase)
    page.get_by_label("Reason").fill("Journey test.")
    page.get_by_role("button", name="Move the phase").click()
    page.get_by_text("The phase is moved and the change recorded.").wait_for()


def test_a_contest_from_entry_to_result(page):
    contest = ContestFactory(in_phase=Phase.ENTRIES_OPEN, at=timezone.now())
    category = contest.categories.get(number=2)
    membership = MembershipFactory()
    StocktakingEntryFactory(organisation=membership.organisation, title="Village mesh")
    expert = ExpertAssignmentFactory(category=category).expert
    secretariat = secretariat_user()
    voter = UserFactory(verified=True)
    year = contest.year

    # The stakeholder enters and submits a project.
    sign_in(page, membership.user.email)
    page.goto(f"/prizes/{year}/enter/")
    page.get_by_label("Category").select_option(str(category.pk))
    page.get_by_label("Stocktaking entry").select_option(label="Village mesh")
    page.get_by_label("Project title").fill("Mesh for all")
    page.get_by_label("Description", exact=True).fill(DESCRIPTION)
    for label in ("Impact", "Partnerships", "Link to the Action Line", "Challenges"):
        page.get_by_label(label, exact=True).fill(f"{label} text.")
    page.get_by_label("Future plans").fill("Plans.")
    page.locator("input[name=sdgs][value='4']").check()
    # Impact pasted in French: refused with the field and the language named, then corrected.
    page.get_by_label("Impact", exact=True).fill(FRENCH)
    page.get_by_role("button", name="Save the draft").click()
    page.get_by_role("link", name="The impact must be in English; it reads as French.").wait_for()
    page.get_by_label("Impact", exact=True).fill(ENGLISH)
    page.get_by_role("button", name="Save the draft").click()
    page.get_by_role("button", name="Submit the entry").click()
    page.get_by_text("Your entry is submitted.").wait_for()
    entry = PrizeEntry.objects.get()
    sign_out(page)

    # The secretariat closes entries and declares the entry eligible.
    sign_in(page, secretariat.email)
    move_phase(page, year, Phase.ELIGIBILITY_CHECK)
    page.goto(f"/prizes/entries/{entry.pk}/")
    assert page.locator("#language-impact").inner_text() == "In English"
    page.get_by_label("Eligible", exact=True).check()
    page.get_by_role("button", name="Record the decision").click()
    page.get_by_text("The decision is recorded and the submitter told.").wait_for()
    move_phase(page, year, Phase.EXPERT_REVIEW)
    sign_out(page)

    # The expert scores it.
    sign_in(page, expert.email)
    page.goto(f"/prizes/{year}/review/")
    page.get_by_role("link", name="Mesh for all").click()
    for label in CRITERION_LABELS:
        page.get_by_label(label, exact=True).fill("8")
    page.get_by_label("Comment").fill("Convincing.")
    page.get_by_role("button", name="Submit the review (final)").click()
    page.get_by_text("Your review is recorded.").wait_for()
    assert entry.reviews.get().total == 8 * len(CRITERIA)
    sign_out(page)

    # The secretariat previews and publishes the nominee, then opens voting.
    sign_in(page, secretariat.email)
    page.goto(f"/prizes/{year}/manage/{category.slug}/ranking/")
    page.get_by_label("Mesh for all").check()
    page.get_by_role("button", name="Preview the selection").click()
    page.get_by_role("button", name="Publish the nominees and notify").click()
    page.get_by_role("heading", name="Nominees").wait_for()
    move_phase(page, year, Phase.VOTING_OPEN)
    sign_out(page)

    # A voter votes.
    sign_in(page, voter.email)
    page.goto(f"/prizes/{year}/vote/")
    page.get_by_role("link", name=f"{category.number}. {category.name}").click()
    page.get_by_role("button", name="Vote for Mesh for all").click()
    page.get_by_role("button", name="Confirm my vote").click()
    page.get_by_text("You voted in 1 of 18 categories.").wait_for()
    sign_out(page)

    # The secretariat closes voting, publishes finalists and records the winner.
    sign_in(page, secretariat.email)
    move_phase(page, year, Phase.VOTING_CLOSED)
    page.get_by_role("button", name="Publish the finalists (top five by votes)").click()
    page.get_by_text("1 finalists are published.").wait_for()
    page.goto(f"/prizes/{year}/manage/{category.slug}/winners/")
    page.locator(f"input[name=winners][value='{entry.pk}']").check()
    page.get_by_role("button", name="Record the results").click()
    page.get_by_role("heading", name=f"Results of the {contest.title}").wait_for()
    move_phase(page, year, Phase.WINNERS_ANNOUNCED)
    sign_out(page)

    # The public sees the result.
    page.goto(f"/prizes/{year}/results/")
    row = page.get_by_role("row", name="Mesh for all")
    assert row.get_by_role("cell", name="Winner").is_visible()
