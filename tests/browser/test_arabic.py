"""The portal in Arabic, right to left: nothing scrolls sideways at 1,280 and 390 px, axe finds no
WCAG 2.1 A/AA violation, and a screenshot of each page is kept for a person to look at
(test-artifacts/arabic/, not in git)."""

from pathlib import Path

import pytest
from django.conf import settings

from tests.browser.axe import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = Path(settings.BASE_DIR) / "test-artifacts" / "arabic"
WIDTHS = (1280, 390)


@pytest.fixture
def arabic_world():
    """An approved entry with an English title (mixed direction) and a regional one."""
    from stocktaking.enums import EntryStatus
    from tests.stocktaking.factories import EntryFactory

    english = EntryFactory(status=EntryStatus.APPROVED, title="Rural broadband for schools")
    arabic = EntryFactory(
        status=EntryStatus.APPROVED,
        title="الحكومة الإلكترونية في المناطق الريفية",
        relations__country="EG",
    )
    return {"english": english, "arabic": arabic}


def _in_arabic(entry) -> str:
    from django.utils import translation

    with translation.override("ar"):
        return entry.get_absolute_url()


def _pages(world) -> dict[str, str]:
    return {
        "home": "/ar/",
        "stocktaking-list": "/ar/stocktaking/",
        "stocktaking-entry-english": _in_arabic(world["english"]),
        "stocktaking-entry-arabic": _in_arabic(world["arabic"]),
        "prizes": "/ar/prizes/",
        "events": "/ar/events/",
        "roadmaps": "/ar/roadmaps/",
        "sign-in": "/ar/accounts/login/",
    }


def test_arabic_pages_read_right_to_left_without_sideways_scrolling(page, arabic_world):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    wide: dict[str, int] = {}
    violations: dict[str, list] = {}
    for name, path in _pages(arabic_world).items():
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 900})
            response = page.goto(path)
            assert response.status == 200, path
            assert page.evaluate("document.documentElement.dir") == "rtl"
            assert page.evaluate("document.documentElement.lang") == "ar"
            scroll = page.evaluate("document.documentElement.scrollWidth")
            if scroll > width:
                wide[f"{name} at {width}px"] = scroll
            page.screenshot(path=str(SCREENSHOTS / f"{name}-{width}.png"), full_page=True)
        found = axe_violations(page)
        if found:
            violations[name] = found
    assert wide == {}
    assert violations == {}


def test_the_skip_link_stays_inside_an_arabic_page_until_focused(page):
    page.set_viewport_size({"width": 390, "height": 800})
    page.goto("/ar/")
    link = page.locator(".skip-link")
    box = link.bounding_box()
    assert box is not None
    assert box["x"] >= 0
    assert box["y"] + box["height"] <= 0
    page.keyboard.press("Tab")
    box = link.bounding_box()
    assert box is not None
    assert box["y"] >= 0
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
