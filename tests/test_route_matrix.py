"""Every URL of the project × every method it answers × every role → the expected status.

The URLconf is enumerated; a URL name without a row fails the suite, so no route can be added
unchecked. The Django admin is checked separately (staff only). A 2xx that the table does not
expect is a leak; a 404 where the table says 404 proves that another organisation's draft does
not even exist for that role.
"""

from importlib import import_module
from importlib.util import find_spec

import pytest
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from tests.route_matrix import ROLES, Route, build_world

APPS = ("wsis", "stocktaking", "prizes", "events", "roadmaps")
# Served only with DEBUG on, by django.views.static, for local development.
UNNAMED_DEBUG_ONLY = ("media/<path:path>",)
COVERED = {"routes": 0, "requests": 0}


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
            if str(pattern.pattern).startswith("admin/"):
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
    names = set(_url_names(get_resolver().url_patterns)) - set(UNNAMED_DEBUG_ONLY)
    assert sorted(names - set(ROWS)) == []
    assert sorted(set(ROWS) - names) == []


def _request(client: Client, method: str, path: str, route: Route, world):
    data = route.data(world) if route.data else {}
    if route.content_type:
        return client.generic(method, path, data=data, content_type=route.content_type)
    return getattr(client, method.lower())(path, data=data)


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(ROWS))
def test_route_matrix(name):
    route = ROWS[name]
    mismatches = []
    for method, expected in route.methods.items():
        for role in ROLES:
            # Each request meets a fresh world, so one role's successful POST cannot change
            # what the next role finds.
            with transaction.atomic():
                world = build_world()
                path = route.path(world)
                client = Client()
                user = world.users[role]
                if user is not None:
                    client.force_login(user)
                status = _request(client, method, path, route, world).status_code
                transaction.set_rollback(True)
            COVERED["requests"] += 1
            if status != expected[role]:
                mismatches.append(f"{method} {path} as {role}: {status}, expected {expected[role]}")
    COVERED["routes"] += 1
    assert mismatches == []
