"""The main journeys with the keyboard alone: Tab, Shift+Tab, Enter, Space, arrow keys and
typing; no mouse, no element.click(). page.goto only opens a journey's first page.

At every Tab the focused element must be a real control (never the body) and show a visible
focus indicator (an outline or a box shadow), so a keyboard user always sees where they are.
"""

import re

import pytest
from django.utils import timezone

from tests.conftest import FIGURES
from tests.factories import PASSWORD, MembershipFactory, UserFactory, secretariat_user

pytestmark = [pytest.mark.browser]

MAX_TABS = 250
STEPS = {"tabs": 0, "journeys": 0}

FOCUS_STATE = """() => {
    const el = document.activeElement;
    if (!el || el === document.body || el === document.documentElement) return {lost: true};
    const style = getComputedStyle(el);
    const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
    const shadow = style.boxShadow !== 'none';
    return {
        lost: false,
        visible: outline || shadow,
        tag: el.tagName.toLowerCase(),
        name: el.getAttribute('name') || '',
        id: el.id,
        value: el.value || '',
        text: (el.innerText || el.value || el.getAttribute('aria-label') || '').trim(),
        label: el.labels && el.labels.length ? el.labels[0].innerText.trim() : '',
        href: el.getAttribute('href') || '',
    };
}"""


@pytest.fixture(scope="module", autouse=True)
def _figure():
    yield
    FIGURES["keyboard journeys"] = (
        f"{STEPS['journeys']} journeys by keyboard alone, {STEPS['tabs']} Tab stops, each with "
        "a visible focus indicator and none lost to the body"
    )


def _matches(state: dict, want: dict) -> bool:
    for key, value in want.items():
        found = state.get(key, "")
        if isinstance(value, re.Pattern):
            if not value.search(found):
                return False
        elif found != value:
            return False
    return True


def tab_to(page, backwards: bool = False, **want) -> dict:
    """Press Tab (or Shift+Tab) until the focused element matches `want` (tag, name, id, value,
    text, label or href: a string or a compiled pattern); check every stop on the way."""
    for _ in range(MAX_TABS):
        page.keyboard.press("Shift+Tab" if backwards else "Tab")
        state = page.evaluate(FOCUS_STATE)
        STEPS["tabs"] += 1
        assert state["lost"] is False, f"focus lost to the body looking for {want}"
        assert state["visible"] is True, f"no visible focus on {state}"
        if _matches(state, want):
            return state
    raise AssertionError(f"{want} not reachable with the keyboard on {page.url}")


def press_and_wait(page, key: str = "Enter") -> None:
    """Press a key that submits a form or follows a link, and wait for the next page."""
    with page.expect_navigation():
        page.keyboard.press(key)


def type_into(page, text: str, **want) -> None:
    tab_to(page, **want)
    page.keyboard.press("ControlOrMeta+a")
    page.keyboard.type(text)


def sign_in(page, email: str, start: str = "/accounts/login/") -> None:
    page.goto(start)
    type_into(page, email, name="login")
    type_into(page, PASSWORD, name="password")
    press_and_wait(page)  # Enter in a field submits its form
    assert "/accounts/login/" not in page.url


def test_skip_link_and_sign_in_by_keyboard(browser_page):
    page = browser_page
    UserFactory(email="keys@example.org", verified=True)
    page.goto("/accounts/login/")
    page.keyboard.press("Tab")
    state = page.evaluate(FOCUS_STATE)
    assert (state["text"], state["visible"]) == ("Skip to main content", True)
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    # From main, the next Tab goes into the content, not back to the header.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('main') !== null") is True
    type_into(page, "keys@example.org", name="login")
    type_into(page, PASSWORD, name="password")
    tab_to(page, tag="button", text="Sign In")
    press_and_wait(page)
    page.get_by_role("heading", name="My WSIS").wait_for()
    STEPS["journeys"] += 1


def test_my_wsis_by_keyboard_from_sign_in_to_the_entry_to_fix(browser_page):
    """Signing in lands on My WSIS; the entry the secretariat returned, with its reason, is one
    Tab stop among the tasks; Enter opens it; the header's My WSIS link comes back."""
    from stocktaking.enums import EntryStatus
    from tests.stocktaking.factories import EntryFactory

    page = browser_page
    membership = MembershipFactory(user__email="mine@example.org")
    EntryFactory(
        organisation=membership.organisation,
        status=EntryStatus.CHANGES_REQUESTED,
        title="Solar telecentres",
        decision_reason="Name your partners.",
    )
    sign_in(page, "mine@example.org")
    page.get_by_role("heading", name="My WSIS").wait_for()
    assert page.get_by_text("Name your partners.").is_visible()
    tab_to(page, tag="a", text="Solar telecentres")
    press_and_wait(page)
    page.get_by_role("heading", name="Solar telecentres", level=1).wait_for()
    tab_to(page, tag="a", text="My WSIS")
    press_and_wait(page)
    assert page.url.endswith("/my/")
    STEPS["journeys"] += 1


def test_stakeholder_writes_fixes_previews_and_submits_an_entry(browser_page):
    from stocktaking.enums import EntryStatus
    from stocktaking.models import Entry

    page = browser_page
    stakeholder = MembershipFactory(user__email="stella@example.org").user
    sign_in(page, stakeholder.email, "/accounts/login/?next=/stocktaking/mine/")
    tab_to(page, text="Add a new entry")
    press_and_wait(page)
    tab_to(page, name="kind")
    page.keyboard.type("Project")
    assert page.locator("#id_kind").input_value() == "project"
    type_into(page, "Solar-powered community telecentres", name="title")
    type_into(page, "Brings solar-powered internet centres to villages.", name="summary")
    tab_to(page, name="countries")
    page.keyboard.type("Kenya")
    tab_to(page, name="action_lines", label=re.compile("^C2 "))
    page.keyboard.press("Space")
    tab_to(page, name="primary_action_line")
    page.keyboard.type("C2")
    tab_to(page, name="sdgs", label="SDG 7: Affordable and clean energy")
    page.keyboard.press("Space")
    type_into(page, "example dot org", name="website")
    # The server refuses the draft and says why.
    tab_to(page, tag="button", text="Save draft")
    press_and_wait(page)
    page.get_by_role("link", name="Enter a valid URL.").wait_for()
    assert Entry.objects.count() == 0

    # The fields kept their values; the address is typed again.
    type_into(page, "https://example.org/telecentres", name="website")
    tab_to(page, tag="button", text="Save draft")
    press_and_wait(page)
    page.get_by_role("heading", name="Preview").wait_for()
    tab_to(page, tag="button", text="Submit for review")
    press_and_wait(page)
    assert page.locator("#entry-state").inner_text() == "Submitted"
    assert Entry.objects.get().status == EntryStatus.SUBMITTED
    STEPS["journeys"] += 1


def sign_out(page) -> None:
    tab_to(page, tag="button", text="Sign out")
    press_and_wait(page)


def test_voter_votes_in_a_category(browser_page):
    from stocktaking.prizes.enums import Phase, PrizeEntryStatus
    from stocktaking.prizes.models import Vote
    from tests.prizes.factories import ContestFactory, PrizeEntryFactory

    page = browser_page
    contest = ContestFactory(in_phase=Phase.VOTING_OPEN, at=timezone.now())
    category = contest.categories.get(number=1)
    chosen, _other = (
        PrizeEntryFactory(
            contest=contest, category=category, status=PrizeEntryStatus.NOMINEE, title=title
        )
        for title in ("Mesh for all", "Open clinics")
    )
    UserFactory(verified=True, email="voter@example.org")
    page.goto(f"/prizes/{contest.year}/vote/")
    tab_to(page, text="Sign in to vote")
    press_and_wait(page)
    type_into(page, "voter@example.org", name="login")
    type_into(page, PASSWORD, name="password")
    press_and_wait(page)
    page.get_by_text("You voted in 0 of 18 categories.").wait_for()
    tab_to(page, tag="a", text=f"1. {category.name}")
    press_and_wait(page)
    tab_to(page, tag="button", text="Vote for Mesh for all")
    press_and_wait(page, "Space")
    page.get_by_role("heading", name="Confirm your vote").wait_for()
    tab_to(page, tag="button", text="Confirm my vote")
    press_and_wait(page, "Space")
    page.get_by_text(f"Your vote for “Mesh for all” in “{category.name}” is recorded.").wait_for()
    assert list(Vote.objects.values_list("user__email", "entry")) == [
        ("voter@example.org", chosen.pk)
    ]
    STEPS["journeys"] += 1


def test_facilitator_edits_a_clause_and_submits_the_secretariat_approves(browser_page):
    from roadmaps.enums import VersionStatus
    from roadmaps.models import RoadmapVersion
    from tests.roadmaps.factories import version_with_clauses
    from tests.roadmaps.helpers import user_for

    page = browser_page
    version_with_clauses(clauses=2, number=1)
    facilitator = user_for("facilitator_here")
    secretariat = secretariat_user()

    sign_in(page, facilitator.email, "/accounts/login/?next=/roadmaps/c2/")
    tab_to(page, tag="button", text="Start a new draft from the published version")
    press_and_wait(page)
    page.get_by_role("heading", name="Edit the roadmap of C2, version 2").wait_for()
    tab_to(page, text="Edit A")
    press_and_wait(page)
    type_into(page, "2026-2031", label="Proposed timing (optional)")
    tab_to(page, tag="button", text="Save clause")
    press_and_wait(page)
    page.get_by_text("Clause A was saved.").wait_for()
    tab_to(page, tag="button", text="Submit for approval")
    press_and_wait(page)
    page.get_by_text("Version 2 is now “Submitted for approval”.").wait_for()
    sign_out(page)

    sign_in(page, secretariat.email, "/accounts/login/?next=/roadmaps/review/")
    tab_to(page, text="C2, version 2")
    press_and_wait(page)
    tab_to(page, tag="button", text="Approve and publish")
    press_and_wait(page)
    page.get_by_text("Version 2 is now “Approved and published”.").wait_for()
    assert list(RoadmapVersion.objects.order_by("number").values_list("status", flat=True)) == [
        VersionStatus.SUPERSEDED,
        VersionStatus.PUBLISHED,
    ]
    STEPS["journeys"] += 1


def test_organiser_writes_and_submits_an_outcome(browser_page):
    from events.enums import OutcomeStatus
    from events.models import OutcomeDocument
    from tests.events.factories import EventFactory, SessionFactory

    page = browser_page
    organiser = MembershipFactory(user__email="organiser@example.org").user
    session = SessionFactory(
        event=EventFactory(slug="forum"), number=464, organisers=[organiser.organisations.get()]
    )
    sign_in(page, organiser.email, "/accounts/login/?next=/events/forum/sessions/464/outcome/")
    type_into(page, "\n".join(f"Issue {i}" for i in range(1, 5)), label="Key issues discussed")
    tab_to(page, tag="button", text="Submit to the secretariat")
    press_and_wait(page)
    page.get_by_role("link", name="4 bullets given; at least 5 are needed (5-8).").wait_for()
    type_into(page, "\n".join(f"Issue {i}" for i in range(1, 6)), label="Key issues discussed")
    type_into(page, "\n".join(f"View {i}" for i in range(1, 6)), label=re.compile("^Towards WSIS"))
    type_into(page, "Launch\nCommitment\n40 villages", label=re.compile("^Tangible outcomes"))
    type_into(page, "Publish a licence\nTrain technicians", label=re.compile("^Actionable plan"))
    type_into(page, "A community networks track.", label=re.compile("^Suggestions"))
    tab_to(page, tag="button", text="Submit to the secretariat")
    press_and_wait(page)
    page.get_by_text("Submitted: the secretariat will review it.").wait_for()
    assert OutcomeDocument.objects.get(session=session).status == OutcomeStatus.SUBMITTED
    STEPS["journeys"] += 1


def test_secretariat_decides_eligibility_with_arrow_keys(browser_page):
    from stocktaking.prizes.enums import Phase, PrizeEntryStatus
    from tests.prizes.factories import ContestFactory, PrizeEntryFactory

    page = browser_page
    contest = ContestFactory(in_phase=Phase.ELIGIBILITY_CHECK, at=timezone.now())
    entry = PrizeEntryFactory(contest=contest, status=PrizeEntryStatus.SUBMITTED)
    secretariat = secretariat_user()
    sign_in(page, secretariat.email, f"/accounts/login/?next=/prizes/entries/{entry.pk}/")
    tab_to(page, name="decision", value="eligible")
    page.keyboard.press("ArrowDown")  # a radio group: arrows move and choose
    page.keyboard.press("ArrowUp")
    assert page.locator("input[name=decision]:checked").input_value() == "eligible"
    tab_to(page, tag="button", text="Record the decision")
    press_and_wait(page)
    page.get_by_text("The decision is recorded and the submitter told.").wait_for()
    entry.refresh_from_db()
    assert entry.status == PrizeEntryStatus.ELIGIBLE
    STEPS["journeys"] += 1


def test_focus_check_catches_an_invisible_focus(browser_page):
    page = browser_page
    page.goto("/")
    page.add_style_tag(content="*:focus, *:focus-visible { outline: none; box-shadow: none; }")
    with pytest.raises(AssertionError, match="no visible focus"):
        tab_to(page, text="Skip to main content")


def test_secretariat_approves_an_entry_in_the_admin_by_keyboard(browser_page):
    """The stocktaking decision is an admin action (Django's admin, with our confirmation page):
    select the row with Space, choose the action by typing, Go, then confirm."""
    from stocktaking.enums import EntryStatus
    from tests.stocktaking.factories import EntryFactory

    page = browser_page
    entry = EntryFactory(status=EntryStatus.SUBMITTED, title="Village mesh")
    secretariat = secretariat_user()
    sign_in(page, secretariat.email, "/accounts/login/?next=/admin/stocktaking/entry/")
    tab_to(page, name="_selected_action", value=str(entry.pk))
    page.keyboard.press("Space")
    tab_to(page, backwards=True, name="action")
    page.keyboard.type("Approve")
    assert page.locator("select[name=action]").input_value() == "approve_selected"
    tab_to(page, tag="button", text="Go")
    press_and_wait(page)
    page.get_by_role("table", name="What will change").wait_for()
    tab_to(page, text="Approve entries")  # an <input type=submit>
    press_and_wait(page)
    page.locator(".messagelist").wait_for()
    entry.refresh_from_db()
    assert entry.status == EntryStatus.APPROVED
    STEPS["journeys"] += 1
