"""Whole-page caching of anonymous public pages, with invalidation the moment content changes.

A cached page's key contains the current *generation* of each content namespace it shows
("stocktaking", "roadmaps", ...). A service that publishes or changes public content calls
`public_cache_bump("stocktaking")` (it defers itself to the commit), which moves the generation on:
every key built from the old generation is simply never read again and expires by itself. So a
change appears at once, without listing or deleting keys.

Only anonymous GET/HEAD requests without pending messages are served from or stored in the
cache; signed-in people always get a fresh page. Responses carry an ETag, and a matching
If-None-Match gets 304.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import wraps

from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import get_language

GENERATION_PREFIX = "public-generation:"
PAGE_PREFIX = "public-page:"


def public_cache_generation(namespace: str) -> int:
    return cache.get_or_set(f"{GENERATION_PREFIX}{namespace}", 1, timeout=None)


def public_cache_bump(*namespaces: str) -> None:
    """Invalidates every cached page of these namespaces once the current transaction commits."""

    def bump() -> None:
        for namespace in namespaces:
            key = f"{GENERATION_PREFIX}{namespace}"
            try:
                cache.incr(key)
            except ValueError:
                cache.set(key, 2, timeout=None)

    transaction.on_commit(bump, robust=True)


def _cacheable(request: HttpRequest) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and not request.user.is_authenticated
        and "messages" not in request.COOKIES
    )


def _etag(content: bytes) -> str:
    return '"' + hashlib.blake2b(content, digest_size=16).hexdigest() + '"'


def cache_public_page(*namespaces: str, timeout: int = 600) -> Callable:
    """Caches a view's 200 responses for anonymous visitors, keyed by the namespaces' generations,
    the language and the full path (so every filter combination in the URL is its own page)."""

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if not _cacheable(request):
                return view(request, *args, **kwargs)
            generations = ":".join(f"{ns}{public_cache_generation(ns)}" for ns in namespaces)
            path_hash = hashlib.blake2b(
                request.get_full_path().encode(), digest_size=16
            ).hexdigest()
            key = f"{PAGE_PREFIX}{generations}:{get_language()}:{path_hash}"
            stored = cache.get(key)
            if stored is None:
                response = view(request, *args, **kwargs)
                if hasattr(response, "render") and callable(response.render):
                    response = response.render()
                # A page that set a cookie or used a CSRF token is personal: never share it.
                personal = response.cookies or request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
                if response.status_code != 200 or response.streaming or personal:
                    return response
                stored = (response.content, response["Content-Type"])
                cache.set(key, stored, timeout=timeout)
            content, content_type = stored
            etag = _etag(content)
            if etag in request.headers.get("If-None-Match", ""):
                response = HttpResponseNotModified()
            else:
                response = HttpResponse(content, content_type=content_type)
            response["ETag"] = etag
            patch_cache_control(response, public=True, max_age=0, must_revalidate=True)
            patch_vary_headers(response, ("Cookie",))
            return response

        return wrapped

    return decorator
