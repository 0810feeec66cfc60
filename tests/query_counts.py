"""Counting the SQL queries of public pages as an uncached request makes them: the page cache of
their namespaces is moved on first (as a publication would), while the reference lists stay
cached, as they are on a running site."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wsis.caching import PUBLIC_NAMESPACES, public_cache_bump_now

# The most queries a public page or API list may make (issue 7).
MAX_QUERIES = 10


def uncached_queries(client, url: str, params: dict | None = None, **extra) -> int:
    """The number of queries of one uncached GET of `url` (which must answer 200)."""
    public_cache_bump_now(*PUBLIC_NAMESPACES[1:])
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params or {}, **extra)
    assert response.status_code == 200, (url, response.status_code)
    return len(queries)


def cached_queries(client, url: str, params: dict | None = None) -> int:
    """The number of queries of a GET of `url` right after the same GET (served from cache)."""
    assert client.get(url, params or {}).status_code == 200
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params or {})
    assert response.status_code == 200
    return len(queries)


def signed_in_queries(client, user, url: str, params: dict | None = None) -> int:
    """The number of queries of a GET of `url` by `user`, signed in (never from the page cache),
    after a first GET has filled what is cached per generation (the reference lists), as on a
    running site."""
    client.force_login(user)
    assert client.get(url, params or {}).status_code == 200, url
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params or {})
    assert response.status_code == 200, (url, response.status_code)
    return len(queries)
