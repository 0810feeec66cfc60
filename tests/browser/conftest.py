"""Playwright on Debian's Chromium (/usr/bin/chromium); never a downloaded browser."""

import os
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.db import connections

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _require_chromium() -> None:
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail("/usr/bin/chromium is missing in CI: .ci/run should have installed it")
        pytest.skip("Debian's chromium is not installed (apt-get install -y chromium)")


@contextmanager
def _chromium_page(base_url: str):
    """A Chromium page on the live server, closed with its browser and Playwright's loop."""
    from playwright.sync_api import sync_playwright

    # The ORM calls a test makes between browser steps are synchronous and safe; Django's guard
    # against async contexts would refuse them while Playwright's loop runs.
    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        # bypass_csp lets the tests inject axe-core; the pages themselves keep their policy.
        context = browser.new_context(base_url=base_url, bypass_csp=True)
        page = context.new_page()
        page.set_default_timeout(15_000)
        yield page
        context.close()
        browser.close()
        # While Playwright's loop runs, Django keeps this thread's connections in a context of
        # their own; close them here, or PostgreSQL cannot drop the test database at the end.
        connections.close_all()
    connections.close_all()


@pytest.fixture
def page(live_server):
    """A fresh Chromium page on the live server. Playwright is started per test: its sync API runs
    an event loop in this thread, which must be gone before other tests touch the database."""
    _require_chromium()
    with _chromium_page(live_server.url) as page:
        yield page


@pytest.fixture(scope="module")
def module_page(live_server):
    """One Chromium and one context for a whole module (the axe and keyboard suites visit many
    pages; starting a browser per page would cost more than the checks)."""
    _require_chromium()
    with _chromium_page(live_server.url) as page:
        yield page


@pytest.fixture
def browser_page(module_page, transactional_db):
    """The module's page, signed out, for one test; the database is reset after it."""
    module_page.context.clear_cookies()
    yield module_page
    connections.close_all()


def sign_in_as(page, user, base_url: str) -> None:
    """Sign `user` in by handing the browser a session made on the server (the sign-in form
    itself has its own checks and journeys); None signs out."""
    from django.conf import settings
    from django.test import Client

    page.context.clear_cookies()
    if user is None:
        return
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": base_url,
            }
        ]
    )
