"""The pages this round added, at 1,280 and 390 px: no sideways scroll, axe at 0, screenshots to
look at; the chips by keyboard alone (Tab to a chip, Enter removes its filter, the others stay)."""

import datetime as dt
from importlib import import_module

import pytest
from django.apps import apps as django_apps

from events.enums import OutcomeStatus, SessionType
from stocktaking.enums import EntryStatus
from stocktaking.prizes.enums import PrizeEntryStatus
from tests.browser.axe import axe_violations
from tests.browser.conftest import sign_in_as
from tests.events.factories import (
    EventFactory,
    OutcomeDocumentFactory,
    SessionFactory,
    SpeakerFactory,
)
from tests.factories import OrganisationFactory, secretariat_user
from tests.prizes.factories import PrizeEntryFactory, VoteFactory
from tests.stocktaking.factories import EntryFactory
from wsis.models import ActionLine

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NO_SIDEWAYS = "() => document.documentElement.scrollWidth <= window.innerWidth"
WIDTHS = {"desktop": (1280, 900), "phone": (390, 844)}


@pytest.fixture(autouse=True)
def _reference_data(transactional_db) -> None:
    for migration, loader in (
        ("0002_reference_data", "load_reference_data"),
        ("0003_roles", "create_roles"),
    ):
        getattr(import_module(f"wsis.migrations.{migration}"), loader)(django_apps, None)


def _world():
    event = EventFactory(slug="forum", name="WSIS Forum 2026")
    organisation = OrganisationFactory(name="International Agency of Long Examples")
    line = ActionLine.objects.get(code="C2")
    for index, (room, kind) in enumerate(
        (
            ("Popov Room", SessionType.THEMATIC_WORKSHOP),
            ("Room K, Centre International de Conférences", SessionType.KNOWLEDGE_CAFE),
            ("Popov Room", SessionType.THEMATIC_WORKSHOP),
        )
    ):
        start = dt.datetime(2026, 5, 27 + index, 9, tzinfo=dt.UTC)
        session = SessionFactory(
            event=event,
            starts_at=start,
            ends_at=start + dt.timedelta(hours=1),
            room=room,
            session_type=kind,
            title=f"Meaningful connectivity for rural communities, part {index + 1}",
            organisers=[organisation],
        )
        session.action_lines.set([line])
        SpeakerFactory(
            session=session,
            name="Ana Maria Silva-Oliveira",
            title="Director of Digital Infrastructure",
            organisation="Ministry of Communications",
        )
        OutcomeDocumentFactory(session=session, status=OutcomeStatus.PUBLISHED)
    EntryFactory(status=EntryStatus.APPROVED)
    nominee = PrizeEntryFactory(status=PrizeEntryStatus.NOMINEE)
    for day in range(5):
        VoteFactory(entry=nominee, created_at=dt.datetime(2026, 3, 1 + day, tzinfo=dt.UTC))
    return organisation, nominee


def test_new_pages_fit_both_widths_with_no_axe_violations(browser_page, live_server):
    page = browser_page
    organisation, nominee = _world()
    pages = {
        "people": "/events/forum/people/",
        "speaker": "/events/forum/speakers/ana-maria-silva-oliveira/",
        "organiser": f"/events/forum/organisers/{organisation.slug}/",
        "agenda-filtered": "/events/forum/?session_type=thematic_workshop&room=Popov+Room",
        "rooms-filtered": "/events/forum/rooms/?session_type=thematic_workshop",
        "timetable": "/events/forum/timetable/",
        "outcomes-chart": "/events/outcomes/?q=connectivity",
        "stocktaking-chips": "/stocktaking/?action_line=c2&country=CH&sdg=9&q=broadband",
        "stocktaking-no-results": "/stocktaking/?q=broadbnd+kenia&country=CH",
        "hub-sdg-table": "/hubs/action-lines/c2/",
    }
    found = {}
    for name, path in pages.items():
        for width_name, (width, height) in WIDTHS.items():
            page.set_viewport_size({"width": width, "height": height})
            response = page.goto(path)
            assert response.status == 200, path
            assert page.evaluate(NO_SIDEWAYS) is True, f"{path} scrolls sideways at {width}"
            page.screenshot(
                path=f"tests/browser/screenshots/{name}-{width_name}.png", full_page=True
            )
            if width_name == "desktop":
                violations = axe_violations(page)
                if violations:
                    found[path] = violations
    # The timetable is a grid of rooms on a laptop and a list of start times on a phone.
    for (width, height), grid, listed in (
        (WIDTHS["desktop"], True, False),
        (WIDTHS["phone"], False, True),
    ):
        page.set_viewport_size({"width": width, "height": height})
        page.goto("/events/forum/timetable/")
        assert page.locator(".timetable-grid").first.is_visible() is grid
        assert page.locator(".timetable-list").first.is_visible() is listed
    # The hub's column heading is one line on a phone, never broken inside the word.
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/hubs/action-lines/c2/")
    lines = page.evaluate(
        """() => [...document.querySelectorAll('.hub-figures th[scope=col].numeric')].map(th => {
            const range = document.createRange(); range.selectNodeContents(th);
            return range.getClientRects().length; })"""
    )
    assert lines
    assert set(lines) == {1}
    sign_in_as(page, secretariat_user(), live_server.url)
    for width_name, (width, height) in WIDTHS.items():
        page.set_viewport_size({"width": width, "height": height})
        page.goto(f"/prizes/{nominee.contest.year}/manage/votes/")
        assert page.evaluate(NO_SIDEWAYS) is True
        page.screenshot(
            path=f"tests/browser/screenshots/votes-over-time-{width_name}.png", full_page=True
        )
    page.get_by_text("The figures as a table").click()
    violations = axe_violations(page)
    if violations:
        found["votes"] = violations
    assert found == {}


def test_a_chip_is_removed_with_the_keyboard_and_the_other_filters_stay(browser_page):
    page = browser_page
    _world()
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto("/events/forum/?session_type=thematic_workshop&room=Popov+Room")
    for _ in range(80):
        page.keyboard.press("Tab")
        label = page.evaluate("() => document.activeElement.getAttribute('aria-label') || ''")
        if label.startswith("Remove the filter Room"):
            break
    else:
        raise AssertionError("the room's chip is not reachable with the keyboard")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("/events/forum/?session_type=thematic_workshop")
    assert page.locator("#id_session_type").input_value() == "thematic_workshop"
    assert page.locator("#id_room").input_value() == ""
    assert page.locator(".chip").count() == 1
