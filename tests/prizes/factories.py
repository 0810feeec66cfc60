"""Factories of the WSIS Prizes. Contest dates are relative to a fixed moment, NOW, so a test
chooses a phase by choosing the contest's dates, never by waiting."""

from datetime import UTC, datetime, timedelta

import factory

from stocktaking.models import Entry
from stocktaking.prizes.enums import Phase, PrizeEntryStatus
from stocktaking.prizes.models import (
    Category,
    ConflictOfInterest,
    Contest,
    ExpertAssignment,
    PrizeEntry,
    Review,
    Vote,
)
from stocktaking.prizes.services import contest_categories_create
from tests.factories import OrganisationFactory, UserFactory

NOW = datetime(2026, 6, 15, 10, 0, tzinfo=UTC)
DAY = timedelta(days=1)

# Offsets (in days from NOW) of each phase's start; a contest "in phase P" has P's start in the
# past and the next phase's start in the future.
_OFFSETS = {
    "entries_open_at": 0,
    "entries_close_at": 10,
    "review_starts_at": 20,
    "nominees_published_at": 30,
    "voting_opens_at": 40,
    "voting_closes_at": 50,
    "finalists_at": 60,
    "winners_announced_at": 70,
}
_PHASE_AT = dict(zip(Contest.PHASE_DATE_FIELDS, _OFFSETS.values(), strict=True))


def dates_for(phase: str, now: datetime = NOW) -> dict[str, datetime]:
    """Phase dates that put a contest in `phase` at `now` (one day into it)."""
    shift = -2 if phase == Phase.UPCOMING else _PHASE_AT[phase]
    return {field: now + (offset - shift) * DAY - DAY for field, offset in _OFFSETS.items()}


DESCRIPTION = " ".join(["word"] * 160)


class ContestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contest
        skip_postgeneration_save = True

    year = factory.Sequence(lambda n: 2030 + n)
    title = factory.LazyAttribute(lambda o: f"WSIS Prizes {o.year}")

    @classmethod
    def _create(cls, model_class, *args, in_phase=Phase.ENTRIES_OPEN, at=NOW, **kwargs):
        # `at`: the moment the contest is in `in_phase`; pages use the real clock, so their
        # tests pass `at=timezone.now()`.
        for field, value in dates_for(in_phase, at).items():
            kwargs.setdefault(field, value)
        return super()._create(model_class, *args, **kwargs)

    @factory.post_generation
    def categories(self, create, extracted, **kwargs):
        if create and extracted is not False:
            contest_categories_create(contest=self)


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category

    contest = factory.SubFactory(ContestFactory, categories=False)
    number = factory.Sequence(lambda n: 100 + n)
    slug = factory.Sequence(lambda n: f"special-{n}")
    name = factory.Sequence(lambda n: f"Special prize {n}")
    is_special = True


class StocktakingEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Entry

    organisation = factory.SubFactory(OrganisationFactory)
    kind = "project"
    title = factory.Sequence(lambda n: f"Project {n}")
    summary = "A project."
    website = "https://example.org/"
    status = "approved"


class PrizeEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PrizeEntry
        skip_postgeneration_save = True

    contest = factory.SubFactory(ContestFactory)
    category = factory.LazyAttribute(lambda o: o.contest.categories.order_by("number").first())
    organisation = factory.SubFactory(OrganisationFactory)
    stocktaking_entry = factory.SubFactory(
        StocktakingEntryFactory, organisation=factory.SelfAttribute("..organisation")
    )
    title = factory.Sequence(lambda n: f"Prize project {n}")
    description = DESCRIPTION
    impact = "Impact."
    partnerships = "Partners."
    action_line_link = "Link."
    challenges = "Challenges."
    future_plans = "Plans."
    status = PrizeEntryStatus.DRAFT

    @factory.post_generation
    def sdgs(self, create, extracted, **kwargs):
        if create:
            self.sdgs.set(extracted or [4])


class ExpertAssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExpertAssignment

    category = factory.SubFactory(CategoryFactory)
    expert = factory.SubFactory(UserFactory, verified=True, roles=["Expert"])


class ConflictOfInterestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ConflictOfInterest

    contest = factory.SubFactory(ContestFactory)
    expert = factory.SubFactory(UserFactory, verified=True, roles=["Expert"])
    organisation = factory.SubFactory(OrganisationFactory)
    reason = "Former employer."


class ReviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Review

    entry = factory.SubFactory(PrizeEntryFactory, status=PrizeEntryStatus.ELIGIBLE)
    expert = factory.SubFactory(UserFactory, verified=True, roles=["Expert"])
    relevance = 5
    impact = 5
    empowerment = 5
    sdg_relevance = 5
    replicability = 5
    sustainability = 5
    partnerships = 5
    wsis_values = 5
    comment = "Solid."


class VoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Vote

    entry = factory.SubFactory(PrizeEntryFactory, status=PrizeEntryStatus.NOMINEE)
    contest = factory.SelfAttribute("entry.contest")
    category = factory.SelfAttribute("entry.category")
    user = factory.SubFactory(UserFactory, verified=True)
    created_at = NOW
    ip_hash = "0" * 64
    network_hash = "0" * 64
    account_age_days = 100
