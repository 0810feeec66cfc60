"""The benchmark's scenarios: each is one kind of request driven by wrk at a fixed concurrency.

`floor` must stay first: every other scenario's throughput is reported as a ratio to it.
`path` may name objects of the scale data set as `{name}`: bench/run.py looks them up after
seeding (see TARGETS_SCRIPT there) and fills them in. `user` names the account whose session the
requests carry (signed in through the real form); `voters` marks the vote-casting scenario, whose
every request is a different voter and category (a list of API tokens and nominees that
bench/report.lua walks); `uncached` makes every request's URL distinct (an extra `_bench=N`
parameter, which no filter reads), so the whole-page cache never answers and the view, its
queries and its template run each time (the facet counts, keyed by the filters only, stay warm,
as they are for real visitors between publications). `target` names the issue's target the
scenario is judged against:

- "cached": an anonymous public page that can be cached, at least 60% of the floor's req/s;
- "filtered": an uncached filtered list, p95 under 150 ms;
- "search": a full-text search, p95 under 150 ms and p95 server time under 50 ms;
- "votes": at least 300 votes a second with no error (issue 21: 1,000);
- "signed_in": a signed-in page, server p95 under 30 ms and at most 10 queries (issue 21);
- None: measured and reported (queries per request at most 10 holds for every page).

`user` may also name a target (`{organiser_email}`), filled in as `path` is.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Scenario:
    name: str
    path: str
    cacheable: bool = False
    user: str | None = None
    method: str = "GET"
    body: str = ""
    target: str | None = None
    voters: bool = False
    uncached: bool = False


SECRETARIAT = "scale-secretariat-1@scale.wsis.test"
VOTER = "scale-voter-1@scale.wsis.test"
MEMBER = "scale-member-1@scale.wsis.test"
EXPERT = "scale-expert-1@scale.wsis.test"
FACILITATOR = "scale-facilitator-1@scale.wsis.test"

SCENARIOS: tuple[Scenario, ...] = (
    Scenario("floor", "/bench/floor"),
    Scenario("home page", "/", cacheable=True, target="cached"),
    Scenario("stocktaking list", "/stocktaking/", cacheable=True, target="cached"),
    Scenario(
        "stocktaking list, two filters",
        "/stocktaking/?action_line=c5&sdg=4",
        cacheable=True,
        target="cached",
    ),
    Scenario(
        "stocktaking list, page 200", "/stocktaking/?page=200", cacheable=True, target="cached"
    ),
    Scenario("search, common word", "/stocktaking/?q=digital", cacheable=True, target="cached"),
    Scenario("search, rare word", "/stocktaking/?q=quilombola", cacheable=True, target="cached"),
    Scenario(
        "search, two words", "/stocktaking/?q=rural+broadband", cacheable=True, target="cached"
    ),
    Scenario(
        "stocktaking list, two filters (uncached)",
        "/stocktaking/?action_line=c5&sdg=4",
        target="filtered",
        uncached=True,
    ),
    Scenario(
        "stocktaking list, page 200 (uncached)",
        "/stocktaking/?page=200",
        target="filtered",
        uncached=True,
    ),
    Scenario(
        "search, common word (uncached)", "/stocktaking/?q=digital", target="search", uncached=True
    ),
    Scenario(
        "search, rare word (uncached)", "/stocktaking/?q=quilombola", target="search", uncached=True
    ),
    Scenario(
        "search, two words (uncached)",
        "/stocktaking/?q=rural+broadband",
        target="search",
        uncached=True,
    ),
    Scenario("stocktaking entry detail", "{entry_path}", cacheable=True, target="cached"),
    Scenario("stocktaking entry detail (uncached)", "{entry_path}", uncached=True),
    # Cached whole for anonymous clients, but answered after DRF's authentication and throttles
    # (which must count every request): not a page, so not held to the pages' 60% of the floor.
    Scenario(
        "API entries, filtered",
        "/api/v1/stocktaking/entries/?action_line=c2&country=KE&kind=project",
        cacheable=True,
    ),
    Scenario(
        "API entries, filtered (uncached)",
        "/api/v1/stocktaking/entries/?action_line=c2&country=KE&kind=project",
        target="filtered",
        uncached=True,
    ),
    Scenario("outcome list", "/events/outcomes/", cacheable=True, target="cached"),
    Scenario(
        "outcome search",
        "/events/outcomes/?q=broadband+connectivity",
        cacheable=True,
        target="cached",
    ),
    Scenario(
        "outcome search (uncached)",
        "/events/outcomes/?q=broadband+connectivity",
        target="search",
        uncached=True,
    ),
    Scenario("published roadmap", "{roadmap_path}", cacheable=True, target="cached"),
    # The content management (cms/): a standard page, the news list, a document of the library,
    # and the home page in Arabic (its live blocks); the English home page is "home page" above.
    Scenario("CMS home page, Arabic", "/ar/", cacheable=True, target="cached"),
    Scenario("CMS standard page", "/about/", cacheable=True, target="cached"),
    Scenario("CMS news list", "/news/", cacheable=True, target="cached"),
    Scenario("CMS news list (uncached)", "/news/", uncached=True),
    Scenario("CMS library document", "{document_path}", cacheable=True, target="cached"),
    Scenario("voting page (signed-in voter)", "{vote_page_path}", user=VOTER, target="signed_in"),
    # The page of the busiest category the voter has not voted in: a form for each nominee.
    Scenario(
        "category vote forms (signed-in voter)",
        "{vote_category_path}",
        user=VOTER,
        target="signed_in",
    ),
    # My WSIS, where each role lands after signing in (issue 21).
    Scenario("My WSIS (stakeholder)", "/my/", user=MEMBER, target="signed_in"),
    Scenario("My WSIS (organiser)", "/my/", user="{organiser_email}", target="signed_in"),
    Scenario("My WSIS (expert)", "/my/", user=EXPERT, target="signed_in"),
    Scenario("My WSIS (facilitator)", "/my/", user=FACILITATOR, target="signed_in"),
    Scenario("My WSIS (secretariat)", "/my/", user=SECRETARIAT, target="signed_in"),
    Scenario("My WSIS (voter)", "/my/", user=VOTER, target="signed_in"),
    Scenario("stakeholder's entry list", "/stocktaking/mine/", user=MEMBER, target="signed_in"),
    Scenario("stakeholder's edit form", "{entry_edit_path}", user=MEMBER, target="signed_in"),
    Scenario("roadmap editor", "{roadmap_edit_path}", user=FACILITATOR, target="signed_in"),
    Scenario("roadmap review queue", "/roadmaps/review/", user=SECRETARIAT, target="signed_in"),
    Scenario(
        "casting votes (distinct voters)",
        "/api/v1/prizes/votes/",
        method="POST",
        target="votes",
        voters=True,
    ),
    Scenario(
        "admin moderation queue", "/admin/stocktaking/entry/", user=SECRETARIAT, target="signed_in"
    ),
    Scenario("API reference list (countries)", "/api/v1/reference/countries/", cacheable=True),
    Scenario("readiness probe", "/readyz"),
)

# The main uncached scenarios of the cost curve (issue 21, bench/curve.py), measured at each
# profile's size. Page 200 is the last page where a profile has fewer pages (the small one).
CURVE: tuple[str, ...] = (
    "stocktaking list, two filters (uncached)",
    "stocktaking list, page 200 (uncached)",
    "search, common word (uncached)",
    "search, rare word (uncached)",
    "API entries, filtered (uncached)",
    "stocktaking entry detail (uncached)",
    "category vote forms (signed-in voter)",
    "My WSIS (stakeholder)",
)
