"""Shared fixtures. The database, cache, Celery and the mail outbox are real; in CI the database is
PostgreSQL and the broker Redis (see .ci/run)."""

import pytest
from django.conf import settings

from wsis.celery import app as celery_app

BROKER_IS_REAL = not settings.CELERY_BROKER_URL.startswith("memory://")


@pytest.fixture(autouse=True)
def _celery_eager_unless_worker(request):
    """Tasks run inline in ordinary tests; tests marked `worker` get a real worker instead."""
    eager = request.node.get_closest_marker("worker") is None
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = eager
    yield
    celery_app.conf.task_always_eager = previous


@pytest.fixture(autouse=True)
def _reference_data_in_transactional_tests(request):
    """A transactional test empties every table when it ends, the data migrations' rows too; the
    next one finds them back here, as a fresh database would have them."""
    if not {"transactional_db", "live_server"} & set(request.fixturenames):
        marker = request.node.get_closest_marker("django_db")
        if marker is None or not marker.kwargs.get("transaction"):
            return
    request.getfixturevalue("transactional_db")
    from django.apps import apps

    from cms.setup import cms_defaults_ensure
    from wsis.apps import grant_secretariat_permissions
    from wsis.reference_loader import create_roles, load_reference_data

    load_reference_data(apps)
    create_roles(apps)
    grant_secretariat_permissions(sender=None)
    cms_defaults_ensure(apps)


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # PBKDF2's deliberate slowness protects real passwords; test users need none of it.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _submission_throttle_out_of_the_way(settings):
    # The route matrix and the concurrency suites send far more submissions than a person
    # would; the throttle tests (tests/wsis/test_throttling.py) set the real limit themselves.
    settings.SUBMISSION_THROTTLE_RATE = "100000/minute"


@pytest.fixture(autouse=True)
def _close_mail_connection():
    yield
    from wsis.services import mail_connection_close

    mail_connection_close()


@pytest.fixture(autouse=True)
def _fresh_cache():
    from django.core.cache import cache

    from wsis.caching.reference import reference_memo_clear

    reference_memo_clear()
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def verified_user(db):
    from tests.factories import UserFactory

    return UserFactory(verified=True)


# Figures the suites report at the end of a run ("routes × roles covered", "fuzz cases", ...).
FIGURES: dict[str, str] = {}


def pytest_terminal_summary(terminalreporter):
    from tests.route_matrix import ROLES
    from tests.test_route_matrix import COVERED

    if COVERED["routes"]:
        FIGURES["route matrix"] = (
            f"{COVERED['routes']} URL names × their methods × {len(ROLES)} roles = "
            f"{COVERED['requests']} requests, each against a fresh world"
        )
    if COVERED["csrf"]:
        FIGURES["csrf"] = (
            f"{COVERED['csrf']} state-changing route × method pairs sent without a CSRF token: "
            f"403 ({COVERED['csrf'] - COVERED['csrf_api']} pages, {COVERED['csrf_api']} "
            f"session-authenticated API); {COVERED['csrf_exempt']} documented exemption "
            "(the language switcher) answered as before"
        )
    if COVERED["get_watched"]:
        FIGURES["no state change through GET"] = (
            f"{COVERED['get_watched']} GET requests (every GET route as the secretariat and the "
            "owner): 0 rows inserted, updated or deleted"
        )
    if FIGURES:
        terminalreporter.section("figures")
        for name, figure in FIGURES.items():
            terminalreporter.write_line(f"{name}: {figure}")
