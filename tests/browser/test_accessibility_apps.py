"""WCAG 2.1 A/AA checks (axe-core) of every HTML page type of the apps, with the forms' error
states and the states a page only reaches by use (filters, a vote cast, a conflict).

The pages come from the route matrix (tests/<app>/routes.py): every URL name whose GET answers
200 for some role is opened as that role, in one world of data per app, so a new page is
checked as soon as it has its row. A page whose empty POST answers 200 (a form shown again with
its errors) is also submitted empty and checked with its errors.
"""

from importlib import import_module

import pytest
from django.utils import timezone

from tests.browser.axe import axe_violations
from tests.browser.conftest import sign_in_as
from tests.conftest import FIGURES
from tests.route_matrix import build_world

pytestmark = [pytest.mark.browser]

APPS = (
    "wsis",
    "stocktaking",
    "prizes",
    "roadmaps",
    "events",
    "hubs",
    "evidence",
    "publications",
)
# The role a page is opened as: the one who sees the most of it (controls, drafts) first.
ROLE_ORDER = ("owner", "secretariat", "facilitator", "expert", "other", "anonymous", "unverified")
# Pages that are not ours to fix, with the reason.
EXCLUDED = {
    # Swagger UI (drf-spectacular-sidecar, served as is) fails axe in markup it renders itself:
    # nested-interactive (a button inside each operation's summary control), color-contrast of
    # its version badges and the base URL, html-has-lang in its page template. None of it is in
    # our templates or CSS; the schema it shows is /api/schema/, checked by the API fuzz suite.
    "api-docs": "third-party Swagger UI",
}
CHECKED: dict[str, int] = {"pages": 0, "violations": 0}


@pytest.fixture(scope="module", autouse=True)
def _figure():
    yield
    FIGURES["accessibility"] = (
        f"{CHECKED['pages']} pages and states, {CHECKED['violations']} violations of WCAG 2.1 A/AA"
    )


def _fresh_roadmaps() -> None:
    from roadmaps.models import Roadmap

    Roadmap.objects.all().delete()


# The route rows of some apps each make the same object (version 1 of C2's roadmap); in one world
# they would collide, so those objects are removed before each row.
BEFORE_EACH_ROW = {"roadmaps": _fresh_roadmaps}

# Submits the page's largest POST form emptied (no browser validation), as a careless person
# would, so the server answers with its error state.
SUBMIT_EMPTY = """() => {
    const forms = [...document.querySelectorAll('main form[method=post]')];
    const form = forms.sort((a, b) => b.elements.length - a.elements.length)[0];
    if (!form) return false;
    form.noValidate = true;
    for (const el of form.elements) {
        if (el.type === 'hidden' || el.type === 'submit' || el.tagName === 'BUTTON') continue;
        if (el.type === 'checkbox' || el.type === 'radio') el.checked = false;
        else if (el.tagName === 'SELECT') el.selectedIndex = el.multiple ? -1 : 0;
        else if (el.type !== 'file') el.value = '';
    }
    form.requestSubmit(form.querySelector('[type=submit]'));
    return true;
}"""


def _role_for(route) -> str | None:
    statuses = route.methods.get("GET", {})
    return next((role for role in ROLE_ORDER if statuses.get(role) == 200), None)


def _check(page, label: str, found: dict) -> None:
    violations = axe_violations(page)
    CHECKED["pages"] += 1
    CHECKED["violations"] += sum(len(violation["targets"]) for violation in violations)
    if violations:
        found[label] = violations


@pytest.mark.parametrize("app", APPS)
def test_every_page_of_the_app_has_no_axe_violations(browser_page, live_server, app):
    page = browser_page
    world = build_world()
    found: dict[str, list] = {}
    for route in import_module(f"tests.{app}.routes").ROUTES:
        role = _role_for(route)
        if role is None or route.name in EXCLUDED:
            continue
        if app in BEFORE_EACH_ROW:
            BEFORE_EACH_ROW[app]()
        path = route.path(world)
        sign_in_as(page, world.users[role], live_server.url)
        # Exports, feeds, files and the API are not pages (a browser would download them).
        if route.name.startswith(("api-",)) or path.startswith("/api/v1/"):
            continue
        head = page.request.get(path, max_redirects=0)
        if not head.headers.get("content-type", "").startswith("text/html"):
            continue
        response = page.goto(path)
        assert response.status == 200, f"{path} as {role}: {response.status}"
        _check(page, f"{route.name} {path} as {role}", found)
        if route.methods.get("POST", {}).get(role) == 200 and page.evaluate(SUBMIT_EMPTY):
            page.wait_for_load_state()
            page.locator(".errorlist, .form-errors, .messages").first.wait_for()
            _check(page, f"{route.name} {path} as {role}, after an empty POST", found)
    assert found == {}


def _visit(page, base_url, user, path, found, label=None) -> None:
    sign_in_as(page, user, base_url)
    response = page.goto(path)
    assert response.status == 200, f"{path}: {response.status}"
    _check(page, label or path, found)


def test_stocktaking_lists_with_data_have_no_axe_violations(browser_page, live_server):
    """A full result: every heatmap level, several regions, a search, filters, a bad filter."""
    from stocktaking.enums import EntryStatus
    from tests.stocktaking.factories import EntryFactory
    from wsis.models import ActionLine, Sdg

    page, url = browser_page, live_server.url
    world = build_world()
    c2, c3 = ActionLine.objects.filter(code__in=["C2", "C3"]).order_by("code")
    sdg4, sdg9 = Sdg.objects.get(number=4), Sdg.objects.get(number=9)
    for index in range(10):
        EntryFactory(
            organisation=world.owner_org,
            status=EntryStatus.APPROVED,
            primary_action_line=c2 if index < 8 else c3,
            relations__sdgs=[sdg9] if index % 3 else [sdg4, sdg9],
            relations__country=("KE", "CH", "BR", "IN")[index % 4],
        )
    EntryFactory(organisation=world.owner_org, status=EntryStatus.DRAFT, title="My draft")
    found: dict[str, list] = {}
    for path in (
        "/stocktaking/",
        "/stocktaking/?q=broadband",
        "/stocktaking/?q=nothing-like-this",
        "/stocktaking/?sdg=4&region=africa&kind=project&sort=title",
        "/stocktaking/?sdg=999&year=abc",
    ):
        _visit(page, url, None, path, found)
    _visit(page, url, world.users["owner"], "/stocktaking/mine/", found)
    # The secretariat's confirmation page of a decision is ours (the admin around it is
    # Django's: its changelist fails link-in-text-block in Django's own breadcrumbs).
    submitted = EntryFactory(organisation=world.owner_org, status=EntryStatus.SUBMITTED)
    sign_in_as(page, world.users["secretariat"], url)
    page.goto("/admin/stocktaking/entry/")
    page.locator(f"input[name=_selected_action][value='{submitted.pk}']").check()
    page.locator("select[name=action]").select_option("request_changes_selected")
    page.get_by_role("button", name="Go").click()
    page.get_by_role("table", name="What will change").wait_for()
    _check(page, "admin decision confirmation", found)
    page.get_by_role("button", name="Request changes").click()
    page.locator(".errorlist").first.wait_for()
    _check(page, "admin decision confirmation without its required reason", found)
    assert found == {}


def test_prize_pages_in_use_have_no_axe_violations(browser_page, live_server):
    """The voting page before and after a vote, a category's vote forms and the category once
    voted, a ranking with reviews, results and the archive."""
    from stocktaking.prizes.enums import Phase, PrizeEntryStatus
    from tests.factories import UserFactory
    from tests.prizes.factories import (
        ContestFactory,
        PrizeEntryFactory,
        ReviewFactory,
        VoteFactory,
    )

    page, url = browser_page, live_server.url
    world = build_world()
    now = timezone.now()
    voting = ContestFactory(in_phase=Phase.VOTING_OPEN, at=now)
    category = voting.categories.get(number=1)
    nominees = [
        PrizeEntryFactory(contest=voting, category=category, status=PrizeEntryStatus.NOMINEE)
        for _ in range(3)
    ]
    VoteFactory(entry=nominees[1])
    review = ContestFactory(in_phase=Phase.EXPERT_REVIEW, at=now)
    reviewed = PrizeEntryFactory(
        contest=review, category=review.categories.get(number=1), status=PrizeEntryStatus.ELIGIBLE
    )
    ReviewFactory(entry=reviewed)
    past = ContestFactory(in_phase=Phase.WINNERS_ANNOUNCED, at=now)
    PrizeEntryFactory(
        contest=past, category=past.categories.get(number=1), status=PrizeEntryStatus.WINNER
    )
    voter = UserFactory(verified=True)
    secretariat = world.users["secretariat"]
    found: dict[str, list] = {}

    _visit(page, url, voter, f"/prizes/{voting.year}/vote/", found, "vote page, before a vote")
    _visit(page, url, voter, f"/prizes/{voting.year}/{category.slug}/", found, "vote forms")
    page.get_by_role("button", name=f"Vote for {nominees[0].title}").click()
    page.get_by_role("heading", name="Confirm your vote").wait_for()
    _check(page, "confirm the vote", found)
    page.get_by_role("button", name="Confirm my vote").click()
    page.get_by_text("You voted in 1 of 18 categories.").wait_for()
    _check(page, "vote page, after a vote", found)
    _visit(page, url, voter, f"/prizes/{voting.year}/{category.slug}/", found, "voted category")
    _visit(page, url, None, f"/prizes/{voting.year}/{category.slug}/", found)
    _visit(page, url, None, "/prizes/", found, "contests and archive")
    _visit(page, url, None, f"/prizes/{past.year}/", found)
    _visit(page, url, None, f"/prizes/{past.year}/results/", found)
    for path in (
        f"/prizes/{review.year}/manage/",
        f"/prizes/{review.year}/manage/{reviewed.category.slug}/ranking/",
        f"/prizes/{review.year}/manage/coverage/",
        f"/prizes/{voting.year}/manage/votes/",
        f"/prizes/entries/{reviewed.pk}/",
    ):
        _visit(page, url, secretariat, path, found)
    assert found == {}


def test_roadmap_pages_in_use_have_no_axe_violations(browser_page, live_server):
    """A published roadmap with its history, the editor, a clause with errors and the 409 view."""
    from roadmaps.enums import VersionStatus
    from roadmaps.models import Clause
    from tests.roadmaps.factories import version_with_clauses

    page, url = browser_page, live_server.url
    world = build_world()
    first = version_with_clauses(clauses=2, number=1, status=VersionStatus.SUPERSEDED)
    roadmap = first.roadmap
    version_with_clauses(clauses=3, number=2, roadmap=roadmap, based_on=first)
    draft = version_with_clauses(
        clauses=3, number=3, roadmap=roadmap, status=VersionStatus.DRAFT, based_on=first
    )
    slug = roadmap.action_line.code.lower()
    facilitator = world.users["facilitator"] if slug == "c2" else world.users["secretariat"]
    found: dict[str, list] = {}
    for path in (
        "/roadmaps/",
        f"/roadmaps/{slug}/",
        f"/roadmaps/{slug}/versions/",
        f"/roadmaps/{slug}/compare/?from=1&to=2",
        f"/roadmaps/{slug}/versions/2/print/",
        "/roadmaps/sdgs/9/",
    ):
        _visit(page, url, None, path, found)
    _visit(page, url, None, f"/roadmaps/{slug}/versions/2/print/", found, "print view on screen")
    page.emulate_media(media="print")
    _check(page, "print view with the print styles", found)
    page.emulate_media(media="screen")
    _visit(page, url, facilitator, f"/roadmaps/{slug}/versions/3/edit/", found, "editor")
    clause = draft.clauses.order_by("position").first()
    _visit(page, url, facilitator, f"/roadmaps/clauses/{clause.pk}/edit/", found)
    # A label longer than its 10 characters (past the browser's own maxlength).
    page.locator("#id_label").evaluate(
        "el => { el.form.noValidate = true; el.removeAttribute('maxlength');"
        " el.value = 'L'.repeat(11) }"
    )
    page.get_by_role("button", name="Save clause").click()
    page.locator(".errorlist").first.wait_for()
    _check(page, "clause form with errors", found)
    page.goto(f"/roadmaps/clauses/{clause.pk}/edit/")
    Clause.objects.filter(pk=clause.pk).update(lock_version=clause.lock_version + 1)
    page.get_by_role("button", name="Save clause").click()
    page.locator(".conflict").wait_for()
    _check(page, "clause form, 409 conflict", found)
    _visit(page, url, world.users["secretariat"], "/roadmaps/review/", found)
    assert found == {}


def test_event_pages_in_use_have_no_axe_violations(browser_page, live_server):
    """An agenda with sessions, the outcome form with errors, a search, the forum's outcome."""
    from events.enums import OutcomeStatus
    from tests.events.factories import (
        EventFactory,
        OutcomeDocumentFactory,
        SessionFactory,
        SpeakerFactory,
    )

    page, url = browser_page, live_server.url
    world = build_world()
    event = EventFactory(slug="forum")
    sessions = [SessionFactory(event=event, organisers=[world.owner_org]) for _ in range(3)]
    SpeakerFactory(session=sessions[0])
    OutcomeDocumentFactory(session=sessions[0], status=OutcomeStatus.PUBLISHED)
    found: dict[str, list] = {}
    for path in (
        "/events/",
        "/events/forum/",
        f"/events/forum/sessions/{sessions[0].number}/",
        "/events/outcomes/?q=issue",
        "/events/outcomes/?q=nothing-like-this",
    ):
        _visit(page, url, None, path, found)
    _visit(
        page,
        url,
        world.users["owner"],
        f"/events/forum/sessions/{sessions[1].number}/outcome/",
        found,
    )
    page.get_by_label("Key issues discussed").fill("Only one")
    page.get_by_role("button", name="Submit to the secretariat").click()
    page.locator(".errorlist, .form-errors").first.wait_for()
    _check(page, "outcome form with errors", found)
    assert found == {}


def test_evidence_pages_in_use_have_no_axe_violations(browser_page, live_server):
    """Citations searched and shown, links searched and shown both ways, a Question with its
    entries: the states the route rows (empty pages) do not reach."""
    from events.enums import OutcomeStatus
    from evidence.models import (
        EntrySessionLink,
        OutcomeEntryLink,
        QuestionEntryLink,
        StudyGroupQuestion,
    )
    from roadmaps import services
    from roadmaps.enums import VersionStatus
    from stocktaking.enums import EntryStatus
    from tests.events.factories import OutcomeDocumentFactory, SessionFactory
    from tests.roadmaps.factories import RoadmapFactory, version_with_clauses
    from tests.stocktaking.factories import EntryFactory
    from wsis.models import ActionLine

    page, url = browser_page, live_server.url
    world = build_world()
    entry = EntryFactory(
        organisation=world.owner_org, status=EntryStatus.APPROVED, title="Cyber clinic"
    )
    session = SessionFactory(title="Cyber trust session", organisers=[world.owner_org])
    outcome = OutcomeDocumentFactory(session=session, status=OutcomeStatus.PUBLISHED)
    EntrySessionLink.objects.create(entry=entry, session=session)
    OutcomeEntryLink.objects.create(outcome=outcome, entry=entry)
    question, _created = StudyGroupQuestion.objects.get_or_create(
        study_period="2022-2025", study_group=2, number=3, defaults={"title": "Cybersecurity"}
    )
    QuestionEntryLink.objects.create(question=question, entry=entry)
    roadmap = RoadmapFactory(action_line=ActionLine.objects.get(code="C2"))
    draft = version_with_clauses(status=VersionStatus.DRAFT, roadmap=roadmap)
    clause = draft.clauses.get()
    services.clause_citation_add(
        clause=clause, by=world.users["secretariat"], kind="entry", target_id=entry.pk
    )
    found: dict[str, list] = {}
    facilitator = world.users["facilitator"]
    _visit(
        page, url, facilitator, f"/roadmaps/clauses/{clause.pk}/citations/?kind=session&q=cyber",
        found, "citations with search results",
    )  # fmt: skip
    _visit(page, url, facilitator, f"/roadmaps/c2/versions/{draft.number}/", found, "clause")
    owner = world.users["owner"]
    _visit(page, url, owner, f"/evidence/entries/{entry.pk}/?q=cyber", found, "entry links")
    _visit(
        page, url, owner, f"/evidence/outcomes/{outcome.pk}/?find=entry&q=cyber", found,
        "outcome links with results",
    )  # fmt: skip
    for path in (
        entry.get_absolute_url(),
        session.get_absolute_url(),
        outcome.get_absolute_url(),
        question.get_absolute_url(),
        "/study-groups/",
    ):
        _visit(page, url, None, path, found)
    assert found == {}


def test_thematic_repository_pages_have_no_axe_violations(browser_page, live_server):
    """The list, a repository with two pages of entries, an entry naming its repository, and
    the owner's page with an accepted, a declined (with its reason) and a pending proposal and
    the form; nothing scrolls sideways on a phone. A screenshot of the repository at each width
    goes to tests/browser/screenshots/."""
    from pathlib import Path

    from evidence.enums import ProposalStatus
    from stocktaking.enums import EntryStatus
    from tests.evidence.factories import RepositoryProposalFactory, ThematicRepositoryFactory
    from tests.stocktaking.factories import EntryFactory

    page, url = browser_page, live_server.url
    world = build_world()
    women = ThematicRepositoryFactory(title="Women in ICT")
    emergency = ThematicRepositoryFactory(title="Emergency telecommunications")
    ThematicRepositoryFactory(title="Open data for development")
    entry = EntryFactory(
        organisation=world.owner_org, status=EntryStatus.APPROVED, title="Girls code club"
    )
    RepositoryProposalFactory(repository=women, entry=entry, status=ProposalStatus.ACCEPTED)
    RepositoryProposalFactory(
        repository=emergency,
        entry=entry,
        status=ProposalStatus.DECLINED,
        decision_reason="It does not deal with emergencies.",
    )
    for index in range(27):
        RepositoryProposalFactory(
            repository=women,
            entry__title=f"Digital skills for women {index}",
            status=ProposalStatus.ACCEPTED,
        )
    shots = Path(__file__).resolve().parent / "screenshots"
    shots.mkdir(exist_ok=True)
    found: dict[str, list] = {}
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        for path in (
            "/repositories/",
            women.get_absolute_url(),
            f"{women.get_absolute_url()}?page=2",
            entry.get_absolute_url(),
        ):
            _visit(page, url, None, path, found, f"{path} {width}")
            assert page.evaluate("document.documentElement.scrollWidth") <= width, path
        page.goto(women.get_absolute_url())
        page.screenshot(path=str(shots / f"thematic-repository-{width}.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})
    owner_page = f"/evidence/entries/{entry.pk}/repositories/"
    _visit(page, url, world.users["owner"], owner_page, found, "entry repositories")
    page.get_by_label("Why it belongs").fill("Half of the learners are women.")
    page.get_by_role("button", name="Propose the entry").click()
    page.locator(".message").first.wait_for()
    _check(page, "entry repositories after a proposal", found)
    assert found == {}


def test_the_open_data_page_with_archives_has_no_axe_violations(
    browser_page, live_server, settings, tmp_path
):
    """Two yearly archives listed (checksums wrap on a phone), in English and in Arabic; a
    screenshot of each width goes to tests/browser/screenshots/."""
    import datetime as dt
    from pathlib import Path

    from publications.services import open_data_build

    settings.STORAGES = {
        **settings.STORAGES,
        "public": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "public", "base_url": "/media/public/"},
        },
    }
    open_data_build(now=timezone.now() - dt.timedelta(days=366))
    open_data_build()
    page, url = browser_page, live_server.url
    shots = Path(__file__).resolve().parent / "screenshots"
    shots.mkdir(exist_ok=True)
    found: dict[str, list] = {}
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        for prefix in ("", "/ar"):
            _visit(page, url, None, f"{prefix}/open-data/", found, f"{prefix}/open-data/ {width}")
            name = f"open-data{prefix.replace('/', '-')}-{width}.png"
            page.screenshot(path=str(shots / name), full_page=True)
            # Nothing scrolls sideways but the table's own region.
            assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.set_viewport_size({"width": 1280, "height": 900})
    assert found == {}


def test_hubs_with_commitments_have_no_axe_violations(browser_page, live_server):
    """An Action Line, SDG and GDC hub showing commitments with their answers, at 1,280 and
    390 px and in Arabic, with nothing scrolling sideways; the screenshots are kept."""
    from pathlib import Path

    from tests.hubs.test_hubs import _world

    _world(items=2)
    page, url = browser_page, live_server.url
    shots = Path(__file__).resolve().parent / "screenshots"
    shots.mkdir(exist_ok=True)
    found: dict[str, list] = {}
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        for prefix in ("", "/ar"):
            for path in ("/hubs/action-lines/c5/", "/hubs/sdgs/16/"):
                _visit(page, url, None, f"{prefix}{path}", found, f"{prefix}{path} {width}")
                assert page.locator("#hub-commitments ~ ul.commitments li").count() > 0
                assert page.evaluate("document.documentElement.scrollWidth") <= width
            name = f"hub-commitments{prefix.replace('/', '-')}-{width}.png"
            page.screenshot(path=str(shots / name), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})
    assert found == {}
