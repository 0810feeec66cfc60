"""Expert review: assignments, conflicts of interest, hidden scores, rankings and coverage."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from stocktaking.prizes import selectors, services
from stocktaking.prizes.enums import CRITERIA, Phase, PrizeEntryStatus
from tests.factories import MembershipFactory, UserFactory, secretariat_user
from tests.prizes.factories import (
    NOW,
    ConflictOfInterestFactory,
    ContestFactory,
    ExpertAssignmentFactory,
    PrizeEntryFactory,
    ReviewFactory,
)

pytestmark = pytest.mark.django_db

SCORES = dict.fromkeys(CRITERIA, 7)


@pytest.fixture
def contest():
    return ContestFactory(in_phase=Phase.EXPERT_REVIEW)


@pytest.fixture
def category(contest):
    return contest.categories.first()


def expert_of(category):
    return ExpertAssignmentFactory(category=category).expert


def eligible(category, **kwargs):
    return PrizeEntryFactory(
        contest=category.contest, category=category, status=PrizeEntryStatus.ELIGIBLE, **kwargs
    )


def test_only_experts_can_be_assigned(category):
    person = UserFactory(verified=True)
    with pytest.raises(ValidationError) as error:
        services.expert_assign(category=category, expert=person, by=secretariat_user())
    assert error.value.message_dict == {
        "expert": [f"{person} is not a member of the Expert Group."]
    }


def test_experts_never_see_entries_of_their_own_or_declared_organisations(contest, category):
    expert = expert_of(category)
    own = eligible(category)
    MembershipFactory(organisation=own.organisation, user=expert)
    declared = eligible(category)
    services.conflict_declare(
        contest=contest, expert=expert, organisation=declared.organisation, reason="Adviser."
    )
    free = eligible(category)
    eligible(contest.categories.get(number=2))  # another category: not the expert's
    PrizeEntryFactory(contest=contest, category=category, status=PrizeEntryStatus.SUBMITTED)
    assert list(selectors.entries_for_expert(expert, contest)) == [free]
    for conflicted in (own, declared):
        with pytest.raises(PermissionDenied) as error:
            services.review_submit(
                entry=conflicted, expert=expert, scores=SCORES, comment="x", now=NOW
            )
        assert str(error.value) == "You have a conflict of interest with this organisation."


def test_experts_see_others_scores_only_after_their_own(client, category):
    entry = eligible(category)
    first, second = expert_of(category), expert_of(category)
    services.review_submit(entry=entry, expert=first, scores=SCORES, comment="Great", now=NOW)
    assert selectors.reviews_visible_to(second, entry) == []
    client.force_login(second)
    page = client.get(f"/prizes/entries/{entry.pk}/review/").content.decode()
    assert "Great" not in page
    services.review_submit(
        entry=entry, expert=second, scores=dict.fromkeys(CRITERIA, 3), comment="Weak", now=NOW
    )
    assert [r.total for r in selectors.reviews_visible_to(second, entry)] == [56, 24]
    page = client.get(f"/prizes/entries/{entry.pk}/review/").content.decode()
    assert "Great" in page


def test_a_review_is_final_and_scores_are_checked(category):
    entry, expert = eligible(category), expert_of(category)
    with pytest.raises(ValidationError) as error:
        services.review_submit(
            entry=entry, expert=expert, scores={**SCORES, "impact": 11}, comment="", now=NOW
        )
    assert error.value.message_dict == {
        "impact": ["Give a score from 0 to 10."],
        "comment": ["This field is required."],
    }
    services.review_submit(entry=entry, expert=expert, scores=SCORES, comment="ok", now=NOW)
    with pytest.raises(ValidationError) as error:
        services.review_submit(entry=entry, expert=expert, scores=SCORES, comment="ok", now=NOW)
    assert error.value.messages == ["You have already reviewed this entry; a review is final."]


def test_reviews_outside_the_review_phase_are_refused():
    contest = ContestFactory(in_phase=Phase.NOMINEES_PUBLISHED)
    category = contest.categories.first()
    with pytest.raises(ValidationError) as error:
        services.review_submit(
            entry=eligible(category),
            expert=expert_of(category),
            scores=SCORES,
            comment="x",
            now=NOW,
        )
    assert error.value.messages == ["Reviews are accepted only during the expert review phase."]


def test_ranking_gives_mean_median_count_and_disagreement(category):
    top, low, unreviewed = eligible(category), eligible(category), eligible(category)
    for value in (10, 6, 8):
        ReviewFactory(entry=top, **dict.fromkeys(CRITERIA, value))
    ReviewFactory(entry=low, **dict.fromkeys(CRITERIA, 2))
    rows = [
        (r.entry.pk, r.review_count, r.mean, r.median, r.stdev)
        for r in selectors.category_ranking(category)
    ]
    assert rows == [
        (top.pk, 3, 64.0, 64, 13.06),
        (low.pk, 1, 16.0, 16, 0.0),
        (unreviewed.pk, 0, None, None, None),
    ]


def test_coverage_report_lists_entries_lacking_conflict_free_reviews(contest, category):
    contest.min_reviews = 2
    contest.save()
    covered, lacking = eligible(category), eligible(category)
    experts = [expert_of(category) for _ in range(3)]
    ReviewFactory(entry=covered, expert=experts[0])
    ReviewFactory(entry=covered, expert=experts[1])
    ReviewFactory(entry=lacking, expert=experts[0])
    ConflictOfInterestFactory(contest=contest, expert=experts[1], organisation=lacking.organisation)
    rows = [
        (r.entry.pk, r.review_count, r.available_experts)
        for r in selectors.coverage_report(contest)
    ]
    assert rows == [(lacking.pk, 1, 1)]


def test_nominee_selection_preview_then_publish(client, django_capture_on_commit_callbacks):
    category = ContestFactory(in_phase=Phase.EXPERT_REVIEW, at=timezone.now()).categories.first()
    chosen, other = eligible(category), eligible(category)
    client.force_login(secretariat_user())
    url = f"/prizes/{category.contest.year}/manage/{category.slug}/ranking/"
    preview = client.post(url, {"entries": [chosen.pk], "preview": "1"})
    assert preview.status_code == 200
    assert "Preview of the selection" in preview.content.decode()
    chosen.refresh_from_db()
    assert chosen.status == "eligible"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"entries": [chosen.pk], "confirm": "1"})
    assert response.status_code == 302
    chosen.refresh_from_db()
    other.refresh_from_db()
    assert (chosen.status, other.status) == ("nominee", "not_shortlisted")
