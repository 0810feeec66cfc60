"""The portal in Arabic, right to left: nothing scrolls sideways at 1,280 and 390 px, axe finds no
WCAG 2.1 A/AA violation, and a screenshot of each page is kept for a person to look at
(test-artifacts/arabic/, not in git).

Every page type is opened: those of the route matrix (every URL name whose GET answers 200 for
some role, opened as that role, as tests/browser/test_accessibility_apps.py does in English),
the CMS's pages (home, news, documents) and the main pages with content in several languages.
"""

import re
from importlib import import_module
from pathlib import Path

import pytest
from django.conf import settings

from tests.browser.axe import axe_violations
from tests.browser.conftest import sign_in_as
from tests.conftest import FIGURES
from tests.route_matrix import build_world
from wsis.i18n import is_page_path

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


APPS = ("wsis", "stocktaking", "prizes", "roadmaps", "events", "hubs", "publications", "portal")
ROLE_ORDER = ("owner", "secretariat", "facilitator", "expert", "other", "anonymous", "unverified")
# Pages that are not ours to fix, with the reason (as in test_accessibility_apps.py).
EXCLUDED = {"api-docs": "third-party Swagger UI"}
CMS_PAGES = ("/", "/about/", "/action-lines/", "/action-lines/c2/", "/news/", "/documents/")
CHECKED: dict[str, int] = {"pages": 0}


@pytest.fixture(scope="module", autouse=True)
def _figure():
    yield
    FIGURES["arabic"] = (
        f"{CHECKED['pages']} Arabic pages at 1,280 and 390 px: no sideways scrolling, "
        "no axe violation"
    )


def _role_for(route) -> str | None:
    statuses = route.methods.get("GET", {})
    return next((role for role in ROLE_ORDER if statuses.get(role) == 200), None)


def _check_in_arabic(page, name: str, path: str, wide: dict, violations: dict) -> None:
    """Opens `path` (an Arabic address) at both widths: its width, a screenshot of each, axe."""
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        response = page.goto(path)
        assert response.status == 200, path
        assert page.evaluate("document.documentElement.dir") == "rtl", path
        scroll = page.evaluate("document.documentElement.scrollWidth")
        if scroll > width:
            wide[f"{name} {path} at {width}px"] = scroll
        page.screenshot(path=str(SCREENSHOTS / f"{name}-{width}.png"), full_page=True)
    found = axe_violations(page)
    if found:
        violations[f"{name} {path}"] = found
    CHECKED["pages"] += 1


@pytest.mark.parametrize("app", APPS)
def test_every_page_of_the_app_reads_right_to_left(browser_page, live_server, app):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page = browser_page
    world = build_world()
    wide: dict[str, int] = {}
    violations: dict[str, list] = {}
    for route in import_module(f"tests.{app}.routes").ROUTES:
        role = _role_for(route)
        if role is None or route.name in EXCLUDED or route.name.startswith("api-"):
            continue
        # Some rows of an app each make the same object (C2's roadmap, the forum "forum"); in one
        # world they would collide, so it is removed before each row.
        if app == "roadmaps":
            from roadmaps.models import Roadmap

            Roadmap.objects.all().delete()
        if app == "portal":
            from events.models import Event

            Event.objects.all().delete()
        path = route.path(world)
        if path.startswith("/api/") or not is_page_path(path):
            continue  # the API and the admin have no language in their address
        sign_in_as(page, world.users[role], live_server.url)
        arabic = "/ar" + path
        head = page.request.get(arabic, max_redirects=0)
        if not head.headers.get("content-type", "").startswith("text/html"):
            continue  # exports, feeds, files
        name = f"{app}-" + re.sub(r"[^a-z0-9]+", "-", route.name.split(":")[-1].lower())
        _check_in_arabic(page, name, arabic, wide, violations)
    assert wide == {}
    assert violations == {}


def test_cms_and_multilingual_pages_read_right_to_left(browser_page, live_server):
    """The CMS's pages, and entries, prize entries and outcome documents with translations and
    mixed-direction titles."""
    from io import StringIO

    from django.utils import timezone

    from cms.demo import seed_demo_content
    from events.enums import OutcomeStatus
    from stocktaking.enums import EntryStatus
    from stocktaking.prizes.enums import Phase, PrizeEntryStatus
    from tests.events.factories import OutcomeDocumentFactory
    from tests.prizes.factories import ContestFactory, PrizeEntryFactory
    from tests.stocktaking.factories import EntryFactory

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    seed_demo_content(StringIO())
    page = browser_page
    wide: dict[str, int] = {}
    violations: dict[str, list] = {}
    untranslated = []
    for path in CMS_PAGES:
        name = "cms-" + (re.sub(r"[^a-z0-9]+", "-", path.strip("/")) or "home")
        if page.request.get("/ar" + path).status == 404:
            # A CMS page exists in Arabic once it is translated (wagtail-localize's trees).
            untranslated.append(path)
            continue
        _check_in_arabic(page, name, "/ar" + path, wide, violations)
    FIGURES["arabic-cms"] = f"CMS pages not yet in Arabic: {', '.join(untranslated) or 'none'}"
    assert "/" not in untranslated
    translated = EntryFactory(
        status=EntryStatus.APPROVED, title="Rural broadband for schools (C2, SDG 9)"
    )
    translated.translations.create(
        language="ar",
        title="النطاق العريض للمدارس الريفية",
        summary="يربط المدارس الريفية بالإنترنت.",
        translator="الأمانة",
        translated_at=timezone.now(),
    )
    contest = ContestFactory(in_phase=Phase.NOMINEES_PUBLISHED, at=timezone.now())
    nominee = PrizeEntryFactory(
        contest=contest,
        category=contest.categories.get(number=1),
        status=PrizeEntryStatus.NOMINEE,
        title="Connected village schools → 2030",
    )
    outcome = OutcomeDocumentFactory(status=OutcomeStatus.PUBLISHED, text_language="fr")
    for name, path in (
        ("translated-entry", translated.get_absolute_url()),
        ("translated-list", "/stocktaking/?q=broadband"),
        ("prize-entry-english", nominee.get_absolute_url()),
        ("prize-category", nominee.category.get_absolute_url()),
        ("outcome-in-french", outcome.get_absolute_url()),
        ("outcome-list", "/events/outcomes/"),
    ):
        _check_in_arabic(page, name, "/ar" + path, wide, violations)
    assert wide == {}
    assert violations == {}
