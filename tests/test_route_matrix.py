"""Every URL of the project × every method it answers × every role → the expected status.

The URLconf is enumerated; a URL name without a row fails the suite, so no route can be added
unchecked. The Django admin is checked separately (staff only). A 2xx that the table does not
expect is a leak; a 404 where the table says 404 proves that another organisation's draft does
not even exist for that role.

Two more promises ride on the same requests, in the same fresh worlds:
- CSRF is enforced on every state-changing request: for each write method of a row, the first
  role the row lets through (signed in if any) first sends it from a browser without a CSRF
  token, which must be refused with 403 before the view runs (pages and session-authenticated
  API alike; token authentication is exempt by design, see test_api_token_needs_no_csrf_token).
- GET never changes state: every GET as the secretariat and as the owner leaves every table as
  it was, counted by PostgreSQL's per-transaction counters (no row inserted, updated, deleted).
"""

from importlib import import_module
from importlib.util import find_spec

import pytest
from django.conf import settings
from django.db import connection, transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from tests.factories import api_token_key
from tests.route_matrix import ROLES, SIGNED_IN, Route, build_world

APPS = (
    "wsis",
    "stocktaking",
    "prizes",
    "events",
    "roadmaps",
    "hubs",
    "evidence",
    "publications",
    "cms",
    "portal",
)
COVERED = {"routes": 0, "requests": 0, "csrf": 0, "csrf_api": 0, "csrf_exempt": 0, "get_watched": 0}
WRITES = ("POST", "PUT", "PATCH", "DELETE")
# Answers that mean the request did not get through to the view's work.
REFUSED = {401, 403, 404, 405}
# Deliberately without CSRF protection (wsis/urls.py says why): the language switcher only sets
# the visitor's language cookie, so anonymous pages can be cached whole. Checked to stay so.
CSRF_EXEMPT = ("set_language",)
# GETs whose database writes are counted (PostgreSQL only: per-transaction table counters).
GET_WATCHED = ("secretariat", "owner") if settings.IS_POSTGRESQL else ()


def _rows() -> dict[str, Route]:
    rows: dict[str, Route] = {}
    for app in APPS:
        module = f"tests.{app}.routes"
        if find_spec(f"tests.{app}") is None or find_spec(module) is None:
            continue
        for route in import_module(module).ROUTES:
            if route.name in rows:
                raise ValueError(f"two rows for {route.name}")
            rows[route.name] = route
    return rows


def _url_names(patterns, namespace: str | None = None, prefix: str = ""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            # The Django admin and the Wagtail admin have suites of their own
            # (tests/test_admin_staff_only.py, tests/cms/test_admin_access.py).
            if str(pattern.pattern).startswith(("admin/", "cms-admin/")):
                continue
            inner = pattern.namespace or namespace
            if namespace and pattern.namespace:
                inner = f"{namespace}:{pattern.namespace}"
            yield from _url_names(pattern.url_patterns, inner, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            if pattern.name is None:
                yield prefix + str(pattern.pattern)
            else:
                yield f"{namespace}:{pattern.name}" if namespace else pattern.name


ROWS = _rows()


def test_route_matrix_has_a_row_for_every_url():
    names = set(_url_names(get_resolver().url_patterns))
    assert sorted(names - set(ROWS)) == []
    assert sorted(set(ROWS) - names) == []


def _request(client: Client, method: str, path: str, route: Route, world):
    data = route.data(world) if route.data else {}
    if route.content_type:
        return client.generic(method, path, data=data, content_type=route.content_type)
    return getattr(client, method.lower())(path, data=data)


def _csrf_role(expected: dict[str, int]) -> str | None:
    """The role that proves CSRF for a write: the first signed-in role the row lets through,
    else anonymous (sign-in and sign-up forms)."""
    for role in (*SIGNED_IN, "anonymous"):
        if expected[role] not in REFUSED:
            return role
    return None


def _writes_so_far() -> dict[str, tuple[int, int, int]]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relname, n_tup_ins, n_tup_upd, n_tup_del FROM pg_stat_xact_user_tables"
        )
        return {table: tuple(counts) for table, *counts in cursor.fetchall()}


def _role_of(world, user) -> str:
    return next(role for role, member in world.users.items() if member == user)


def _csrf_refused(method: str, path: str, route: Route, world, user) -> str | None:
    """None when a request without a CSRF token is refused as it must be; else what happened."""
    client = Client(enforce_csrf_checks=True)
    if user is not None:
        client.force_login(user)
    response = _request(client, method, path, route, world)
    if route.name in CSRF_EXEMPT:
        expected = route.methods[method]["anonymous" if user is None else _role_of(world, user)]
        return None if response.status_code == expected else f"status {response.status_code}"
    if response.status_code != 403:
        return f"status {response.status_code}"
    if path.startswith("/api/"):
        code = response.json()["error"]["code"]
        return None if code == "permission_denied" else f"error code {code}"
    return None if b"CSRF" in response.content else "a 403 that is not the CSRF refusal"


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(ROWS))
def test_route_matrix(name):
    route = ROWS[name]
    mismatches = []
    world = build_world()
    for method, expected in route.methods.items():
        csrf_role = _csrf_role(expected) if method in WRITES else None
        for role in ROLES:
            # Each request meets a fresh world: the row's objects are made anew in a savepoint
            # that is rolled back afterwards, so one role's successful POST cannot change what
            # the next role finds.
            with transaction.atomic():
                path = route.path(world)
                client = Client()
                user = world.users[role]
                api = path.startswith("/api/")
                # An anonymous API write has no session to forge: nothing for CSRF to guard.
                if role == csrf_role and not (api and user is None):
                    # Refused before the view runs, so the request below meets the same world.
                    failure = _csrf_refused(method, path, route, world, user)
                    if failure:
                        mismatches.append(f"{method} {path} as {role} without CSRF: {failure}")
                    if route.name in CSRF_EXEMPT:
                        COVERED["csrf_exempt"] += 1
                    else:
                        COVERED["csrf"] += 1
                        COVERED["csrf_api"] += api
                if user is not None:
                    client.force_login(user)
                watched = method == "GET" and role in GET_WATCHED
                before = _writes_so_far() if watched else {}
                status = _request(client, method, path, route, world).status_code
                if watched:
                    changed = sorted(set(_writes_so_far().items()) - set(before.items()))
                    if changed:
                        mismatches.append(f"GET {path} as {role} wrote rows: {changed}")
                    COVERED["get_watched"] += 1
                transaction.set_rollback(True)
            COVERED["requests"] += 1
            if status != expected[role]:
                mismatches.append(f"{method} {path} as {role}: {status}, expected {expected[role]}")
    COVERED["routes"] += 1
    assert mismatches == []


@pytest.mark.django_db
def test_api_token_needs_no_csrf_token():
    """Token authentication carries no cookie a third-party page could ride: exempt by design."""
    route = ROWS["stocktaking-entry-submit"]
    world = build_world()
    path = route.path(world)
    key = api_token_key(world.users["owner"])
    client = Client(enforce_csrf_checks=True, headers={"Authorization": f"Token {key}"})
    assert client.post(path).status_code == route.methods["POST"]["owner"] == 200
