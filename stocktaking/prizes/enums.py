"""Phases, entry states and review criteria of the WSIS Prizes."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Phase(models.TextChoices):
    """A contest's phases in calendar order. Each starts at its date on the contest (see
    `Contest.PHASE_DATE_FIELDS`); the current phase is the last one whose date has passed."""

    UPCOMING = "upcoming", _("Upcoming")
    ENTRIES_OPEN = "entries_open", _("Entries open")
    ELIGIBILITY_CHECK = "eligibility_check", _("Entries closed: eligibility check")
    EXPERT_REVIEW = "expert_review", _("Expert review")
    NOMINEES_PUBLISHED = "nominees_published", _("Nominees published")
    VOTING_OPEN = "voting_open", _("Public voting open")
    VOTING_CLOSED = "voting_closed", _("Public voting closed")
    FINALISTS = "finalists", _("Finalists announced")
    WINNERS_ANNOUNCED = "winners_announced", _("Winners announced")


PHASE_ORDER: tuple[str, ...] = tuple(Phase.values)


class PrizeEntryStatus(models.TextChoices):
    """State of a prize entry; the moves are in `workflow.PRIZE_ENTRY_WORKFLOW`."""

    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    ELIGIBLE = "eligible", _("Eligible")
    INELIGIBLE = "ineligible", _("Not eligible")
    NOMINEE = "nominee", _("Nominee")
    NOT_SHORTLISTED = "not_shortlisted", _("Not shortlisted")
    FINALIST = "finalist", _("Finalist")
    WINNER = "winner", _("Winner")
    CHAMPION = "champion", _("Champion")


# The stakeholder may still change the content.
EDITABLE_STATES = (PrizeEntryStatus.DRAFT,)
# Shown to the public (nominee pages, results).
PUBLIC_STATES = (
    PrizeEntryStatus.NOMINEE,
    PrizeEntryStatus.FINALIST,
    PrizeEntryStatus.WINNER,
    PrizeEntryStatus.CHAMPION,
)
# Reviewed by the experts of the category.
REVIEWABLE_STATES = (PrizeEntryStatus.ELIGIBLE,)
# A stocktaking entry that reached one of these is not eligible in a later contest.
WINNING_STATES = (PrizeEntryStatus.WINNER,)
# Terminal results shown on the results page.
RESULT_STATES = (PrizeEntryStatus.WINNER, PrizeEntryStatus.CHAMPION)


class Criterion(models.TextChoices):
    """The published review criteria; each scored 0-10."""

    RELEVANCE = "relevance", _("Relevance to the Action Line")
    IMPACT = "impact", _("Results and impact")
    EMPOWERMENT = "empowerment", _("Community empowerment")
    SDG_RELEVANCE = "sdg_relevance", _("SDG relevance")
    REPLICABILITY = "replicability", _("Replicability")
    SUSTAINABILITY = "sustainability", _("Sustainability")
    PARTNERSHIPS = "partnerships", _("Partnerships")
    WSIS_VALUES = "wsis_values", _("WSIS values")


CRITERIA: tuple[str, ...] = tuple(Criterion.values)
SCORE_MIN = 0
SCORE_MAX = 10
DESCRIPTION_MIN_WORDS = 150
DESCRIPTION_MAX_WORDS = 200
FINALISTS_PER_CATEGORY = 5
MAX_WINNERS_PER_CATEGORY = 2
CHAMPIONS_PER_CATEGORY = 4


# The content of a prize entry, as its form, the API and the services name it.
CONTENT_FIELDS = (
    "title",
    "description",
    "impact",
    "partnerships",
    "action_line_link",
    "challenges",
    "future_plans",
)
# The texts that must be in English (the title is often a proper name and is not judged).
ENGLISH_FIELDS = CONTENT_FIELDS[1:]
