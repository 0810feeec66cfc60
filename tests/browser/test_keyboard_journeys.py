"""The main journeys with the keyboard alone: Tab, Shift+Tab, Enter, Space, arrow keys and
typing; no mouse, no element.click(). page.goto only opens a journey's first page.

At every Tab the focused element must be a real control (never the body) and show a visible
focus indicator (an outline or a box shadow), so a keyboard user always sees where they are.
"""

import re

import pytest

from tests.conftest import FIGURES
from tests.factories import PASSWORD, MembershipFactory, UserFactory

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
    page.get_by_role("heading", name="My account").wait_for()
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
    page.get_by_text("Enter a valid URL.").wait_for()
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
