"""Route-matrix rows of the WSIS Prizes (see tests/route_matrix.py).

Contests, categories, nominees and results are public. A prize entry belongs to `owner_org`:
until it is a nominee it exists only for the organisation's members (`owner`, and `unverified`
as a reader) and the secretariat. Experts review the entries of the categories they are
assigned to (here `expert`, a member of `other_org`, so without a conflict); the secretariat
manages the contest. Contests are dated around the real clock: the pages decide the phase from
the dates and `timezone.now()`.
"""

import json

from django.utils import timezone

from stocktaking.prizes.enums import Phase, PrizeEntryStatus
from stocktaking.prizes.services import conflict_declare
from tests.prizes.factories import ContestFactory, ExpertAssignmentFactory, PrizeEntryFactory
from tests.route_matrix import Route, expect

# A read-only page: everybody reads it; a POST is the wrong method.
PUBLIC_PAGE = {"GET": expect(200), "POST": expect(405)}
# A secretariat page: anonymous people are asked to sign in, everybody else is refused.
SECRETARIAT = expect(403, anonymous=302, secretariat=200)
# A read-only API route (IsAuthenticatedOrReadOnly: anonymous writers are asked to sign in).
API_WRONG_METHOD = expect(405, anonymous=401)
PUBLIC_API_LIST = {"GET": expect(200), "POST": API_WRONG_METHOD}
PUBLIC_API_DETAIL = {
    "GET": expect(200),
    "POST": API_WRONG_METHOD,
    "PUT": API_WRONG_METHOD,
    "PATCH": API_WRONG_METHOD,
    "DELETE": API_WRONG_METHOD,
}


def fixed(path: str):
    return lambda world: path


def _contest(phase=Phase.ENTRIES_OPEN):
    return ContestFactory(in_phase=phase, at=timezone.now())


def _entry(world, status=PrizeEntryStatus.DRAFT, phase=Phase.ENTRIES_OPEN):
    """A prize entry of owner_org (with its own approved stocktaking entry)."""
    return PrizeEntryFactory(contest=_contest(phase), organisation=world.owner_org, status=status)


def _year(suffix: str = "", phase=Phase.ENTRIES_OPEN):
    return lambda world: f"/prizes/{_contest(phase).year}/{suffix}"


def _category(suffix: str = ""):
    def path(world) -> str:
        category = _contest().categories.order_by("number").first()
        return f"/prizes/{category.contest.year}/{suffix.format(slug=category.slug)}"

    return path


def _entry_page(suffix: str = "", status=PrizeEntryStatus.DRAFT):
    return lambda world: f"/prizes/entries/{_entry(world, status).pk}/{suffix}"


def _review_page(world) -> str:
    """An eligible entry of owner_org; both experts are assigned to its category, and
    `expert_conflict` declared a conflict with owner_org in this contest."""
    entry = _entry(world, PrizeEntryStatus.ELIGIBLE, Phase.EXPERT_REVIEW)
    for role in ("expert", "expert_conflict"):
        ExpertAssignmentFactory(category=entry.category, expert=world.users[role])
    conflict_declare(
        contest=entry.contest,
        expert=world.users["expert_conflict"],
        organisation=world.owner_org,
        reason="Sits on the board of the organisation.",
    )
    return f"/prizes/entries/{entry.pk}/review/"


def _nominee(world):
    """A nominee of owner_org in a contest whose public voting is open."""
    nominee = _entry(world, PrizeEntryStatus.NOMINEE, Phase.VOTING_OPEN)
    world.extra["nominee"] = nominee
    return nominee


def _vote_cast_path(world) -> str:
    nominee = _nominee(world)
    return f"/prizes/{nominee.contest.year}/vote/{nominee.pk}/"


def _vote_api_path(world) -> str:
    _nominee(world)
    return "/api/v1/prizes/votes/"


def _vote_integrity_path(world) -> str:
    return f"/prizes/{_nominee(world).contest.year}/manage/votes/"


def _quarantine_body(world) -> dict:
    return {
        "entry": world.extra["nominee"].pk,
        "network_hash": "0" * 64,
        "reason": "A burst of votes from one network.",
    }


def _quarantine_burst_path(world) -> str:
    return f"/prizes/{_nominee(world).contest.year}/manage/votes/quarantine-burst/"


def _quarantine_new_accounts_path(world) -> str:
    return f"/prizes/{_nominee(world).contest.year}/manage/votes/quarantine-new-accounts/"


def _quarantine_burst_body(world) -> dict:
    return {
        "entry": world.extra["nominee"].pk,
        "minute": "2026-06-15T12:00:00+02:00",
        "reason": "A burst of votes in one minute.",
    }


def _quarantine_new_accounts_body(world) -> dict:
    return {"entry": world.extra["nominee"].pk, "reason": "Votes by accounts made today."}


def _api_contest(suffix: str):
    return lambda world: f"/api/v1/prizes/contests/{_contest().year}/{suffix}"


def _api_category_detail(world) -> str:
    category = _contest().categories.order_by("number").first()
    return f"/api/v1/prizes/contests/{category.contest.year}/categories/{category.slug}/"


def _api_entry(collection: str, status, phase):
    def path(world) -> str:
        entry = _entry(world, status, phase)
        return f"/api/v1/prizes/contests/{entry.contest.year}/{collection}/{entry.pk}/"

    return path


ROUTES = (
    # --- public pages ---------------------------------------------------------------------------
    Route("prizes:index", fixed("/prizes/"), PUBLIC_PAGE),
    Route("prizes:contest", _year(), PUBLIC_PAGE),
    Route("prizes:category", _category("{slug}/"), PUBLIC_PAGE),
    Route("prizes:vote", _year("vote/", Phase.VOTING_OPEN), PUBLIC_PAGE),
    Route("prizes:results", _year("results/", Phase.WINNERS_ANNOUNCED), PUBLIC_PAGE),
    Route("prizes:results_csv", _year("results.csv", Phase.WINNERS_ANNOUNCED), PUBLIC_PAGE),
    # A vote for a nominee while voting is open: anonymous people are sent to sign in; the
    # unverified member is sent back, told to confirm the address first; everybody else is asked
    # to confirm (a vote is final), and the confirmed vote is cast (see tests/portal).
    Route(
        "prizes:vote_cast",
        _vote_cast_path,
        # A verified person's first press shows the confirmation page (a vote is final).
        {"GET": expect(405), "POST": expect(200, anonymous=302, unverified=302)},
    ),
    # A draft entry: its page exists for the organisation's members and the secretariat only.
    Route(
        "prizes:entry",
        _entry_page(),
        {"GET": expect(404, unverified=200, owner=200, secretariat=200), "POST": expect(405)},
    ),
    # --- stakeholders ---------------------------------------------------------------------------
    Route(
        "prizes:my_entries",
        fixed("/prizes/my-entries/"),
        {"GET": expect(200, anonymous=302), "POST": expect(405, anonymous=302)},
    ),
    # Entering needs a confirmed address; an empty POST shows the form again with its errors.
    Route(
        "prizes:entry_create",
        _year("enter/"),
        {
            "GET": expect(200, anonymous=302, unverified=403),
            "POST": expect(200, anonymous=302, unverified=403),
        },
    ),
    # The owner's draft: the unverified member may read it but not change it (as for creating);
    # for everybody else, the secretariat included, the edit page does not exist.
    Route(
        "prizes:entry_edit",
        _entry_page("edit/"),
        {
            "GET": expect(404, anonymous=302, unverified=403, owner=200),
            "POST": expect(404, anonymous=302, unverified=403, owner=200),
        },
    ),
    # A member translates the entry for readers of other languages (an empty POST: 400, the form).
    Route(
        "prizes:entry_translation",
        _entry_page("translation/"),
        {
            "GET": expect(404, anonymous=302, unverified=403, owner=200),
            "POST": expect(404, anonymous=302, unverified=403, owner=400),
        },
    ),
    Route(
        "prizes:entry_translation_remove",
        _entry_page("translation/fr/remove/"),
        {"GET": expect(405), "POST": expect(404, anonymous=302, unverified=403, owner=302)},
    ),
    # Submitting redirects to the entry with a message (the unverified member is told to confirm
    # the address first); for non-members the entry does not exist.
    Route(
        "prizes:entry_submit",
        _entry_page("submit/"),
        {"GET": expect(405), "POST": expect(404, anonymous=302, unverified=302, owner=302)},
    ),
    # --- experts --------------------------------------------------------------------------------
    # An eligible entry of a category `expert` is assigned to; an empty POST shows the form again.
    # For the conflicted expert, assigned to the same category, the entry does not exist.
    Route(
        "prizes:review",
        _review_page,
        {
            "GET": expect(403, anonymous=302, expert=200, expert_conflict=404),
            "POST": expect(403, anonymous=302, expert=200, expert_conflict=404),
        },
    ),
    # The expert's queue and conflict-of-interest form (an empty POST shows the form again).
    Route(
        "prizes:review_list",
        _year("review/", Phase.EXPERT_REVIEW),
        {
            "GET": expect(403, anonymous=302, expert=200),
            "POST": expect(403, anonymous=302, expert=200),
        },
    ),
    # --- secretariat ----------------------------------------------------------------------------
    # The eligibility decision on a submitted entry: an empty form redirects to the entry with
    # a message ("choose a decision").
    Route(
        "prizes:entry_decide",
        _entry_page("decide/", PrizeEntryStatus.SUBMITTED),
        {"GET": expect(405), "POST": expect(403, anonymous=302, secretariat=302)},
    ),
    # Phase moves, nominee selection, winners: an empty POST shows the form again (200).
    Route("prizes:manage", _year("manage/"), {"GET": SECRETARIAT, "POST": SECRETARIAT}),
    Route(
        "prizes:ranking",
        _category("manage/{slug}/ranking/"),
        {"GET": SECRETARIAT, "POST": SECRETARIAT},
    ),
    Route(
        "prizes:winners",
        _category("manage/{slug}/winners/"),
        {"GET": SECRETARIAT, "POST": SECRETARIAT},
    ),
    Route(
        "prizes:coverage",
        _year("manage/coverage/", Phase.EXPERT_REVIEW),
        {"GET": SECRETARIAT, "POST": expect(405)},
    ),
    Route(
        "prizes:tally_csv",
        _year("manage/tally.csv", Phase.VOTING_CLOSED),
        {"GET": SECRETARIAT, "POST": expect(405)},
    ),
    # Quarantining one network's votes for a nominee: done, and back to the report (302).
    Route(
        "prizes:vote_integrity",
        _vote_integrity_path,
        {"GET": SECRETARIAT, "POST": expect(403, anonymous=302, secretariat=302)},
        data=_quarantine_body,
    ),
    # Quarantining a flagged burst or group of new-account votes: POST only, back to the report.
    Route(
        "prizes:vote_quarantine_burst",
        _quarantine_burst_path,
        {"GET": expect(405), "POST": expect(403, anonymous=302, secretariat=302)},
        data=_quarantine_burst_body,
    ),
    Route(
        "prizes:vote_quarantine_new_accounts",
        _quarantine_new_accounts_path,
        {"GET": expect(405), "POST": expect(403, anonymous=302, secretariat=302)},
        data=_quarantine_new_accounts_body,
    ),
    # Publishing the finalists redirects to the management page with the outcome as a message.
    Route(
        "prizes:finalists_publish",
        _year("manage/finalists/", Phase.FINALISTS),
        {"GET": expect(405), "POST": expect(403, anonymous=302, secretariat=302)},
    ),
    # --- API (read-only, but for votes) ----------------------------------------------------------
    Route("prize-contest-list", fixed("/api/v1/prizes/contests/"), PUBLIC_API_LIST),
    Route(
        "prize-contest-detail",
        lambda world: f"/api/v1/prizes/contests/{_contest().year}/",
        PUBLIC_API_DETAIL,
    ),
    Route("prize-category-list", _api_contest("categories/"), PUBLIC_API_LIST),
    Route("prize-category-detail", _api_category_detail, PUBLIC_API_DETAIL),
    Route("prize-nominee-list", _api_contest("nominees/"), PUBLIC_API_LIST),
    # A draft is no nominee: it does not exist for anybody here, its own members included.
    Route(
        "prize-nominee-detail",
        _api_entry("nominees", PrizeEntryStatus.DRAFT, Phase.ENTRIES_OPEN),
        {**PUBLIC_API_DETAIL, "GET": expect(404)},
    ),
    Route("prize-result-list", _api_contest("results/"), PUBLIC_API_LIST),
    Route(
        "prize-result-detail",
        _api_entry("results", PrizeEntryStatus.WINNER, Phase.WINNERS_ANNOUNCED),
        PUBLIC_API_DETAIL,
    ),
    # Voting needs an account (401) with a confirmed address (403); there is nothing to list.
    Route(
        "prize-vote-list",
        _vote_api_path,
        {
            "GET": expect(405, anonymous=401),
            "POST": expect(201, anonymous=401, unverified=403),
        },
        data=lambda world: json.dumps({"nominee": world.extra["nominee"].pk}),
        content_type="application/json",
    ),
)
