"""Whole pages: anonymous public pages cached under their language, full URL (scheme, host,
path and query: absolute links never cross hosts) and the generations of the namespaces they
show, and the early middleware that answers them.

Only anonymous GET/HEAD requests without pending messages are served from or stored in the
cache; signed-in people always get a fresh page. Visitors without a session cookie are answered by
`PublicPageCacheMiddleware` before the session, CSRF and authentication middleware run: the page
and every generation come back in one cache round trip. Responses carry an ETag, and a matching
If-None-Match gets 304.

Pages whose content changes by itself at a known moment (a prize phase starts, winners are
announced) call `public_cache_until(request, moment)` while they render: the stored page then
expires at that moment, so the new phase shows at once without any service running.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.utils import timezone
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import get_language

from wsis.caching.generations import (
    GENERATION_PREFIX,
    PUBLIC_NAMESPACES,
    namespace_names,
    public_cache_generations,
    request_generations,
)
from wsis.i18n import request_language

PAGE_PREFIX = "public-page:"
# What a stored page keeps of its response's headers (never Set-Cookie or Vary).
STORED_HEADERS = ("Content-Type", "Content-Disposition", "Content-Language")


def public_cache_until(request: HttpRequest, moment: datetime | None) -> None:
    """The page being rendered changes by itself at `moment`: never serve it cached after then."""
    if moment is None:
        return
    current = getattr(request, "_public_cache_until", None)
    if current is None or moment < current:
        request._public_cache_until = moment


def _cacheable(request: HttpRequest) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and not request.user.is_authenticated
        and "messages" not in request.COOKIES
    )


def public_cache_etag(content: bytes) -> str:
    return '"' + hashlib.blake2b(content, digest_size=16).hexdigest() + '"'


def public_cache_lifetime(request: HttpRequest, timeout: int) -> int:
    """Seconds a page rendered for `request` may be kept: `timeout`, or less when it changes by
    itself sooner (`public_cache_until`); 0 or less: not at all."""
    until = getattr(request, "_public_cache_until", None)
    if until is None:
        return timeout
    return min(timeout, int((until - timezone.now()).total_seconds()))


def public_cache_url_hash(request: HttpRequest) -> str:
    """The request's scheme, host and full path, hashed: a page or API answer with absolute links
    (the feed, the API's next/previous) rendered for one host or scheme is never served to
    another."""
    url = request.build_absolute_uri()
    return hashlib.blake2b(url.encode(), digest_size=16).hexdigest()


def _page_key(request: HttpRequest, language: str) -> str:
    return f"{PAGE_PREFIX}{language}:{public_cache_url_hash(request)}"


@dataclass(frozen=True)
class StoredPage:
    """A cached page: valid while every namespace it shows is still at the generation it was
    rendered under (`generations`, as `public_cache_generations` spells them)."""

    namespaces: tuple[str, ...]
    generations: str
    content: bytes
    headers: dict[str, str]
    etag: str


def _current(stored: StoredPage | None, found: dict) -> StoredPage | None:
    if stored is None:
        return None
    generations = []
    for namespace in stored.namespaces:
        generation = found.get(f"{GENERATION_PREFIX}{namespace}")
        if generation is None:
            return None
        generations.append(f"{namespace}{generation}")
    return stored if ":".join(generations) == stored.generations else None


def public_cache_response(request: HttpRequest, stored: StoredPage) -> HttpResponse:
    """The stored answer (304 when the client holds it already), public but revalidated."""
    if stored.etag in request.headers.get("If-None-Match", ""):
        response = HttpResponseNotModified()
    else:
        response = HttpResponse(stored.content)
        for name, value in stored.headers.items():
            response[name] = value
    response["ETag"] = stored.etag
    patch_cache_control(response, public=True, max_age=0, must_revalidate=True)
    patch_vary_headers(response, ("Cookie",))
    return response


def cache_public_page(*namespaces: str, timeout: int = 600) -> Callable:
    """Caches a view's 200 responses for anonymous visitors, keyed by the language and the full
    path (so every filter combination in the URL is its own page) and valid while the namespaces'
    generations stay as they were. Cookie-less visitors are answered earlier still, before the
    session middleware, by `PublicPageCacheMiddleware`."""

    namespaces = namespace_names(namespaces)

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if not _cacheable(request):
                return view(request, *args, **kwargs)
            key = _page_key(request, get_language())
            stored = None
            if getattr(request, "_public_page_missed", None) != key:
                generation_keys = [f"{GENERATION_PREFIX}{namespace}" for namespace in namespaces]
                found = cache.get_many([key, *generation_keys])
                stored = _current(found.get(key), found)
            if stored is None:
                generations = public_cache_generations(namespaces)
                response = view(request, *args, **kwargs)
                if hasattr(response, "render") and callable(response.render):
                    response = response.render()
                # A page that set a cookie or used a CSRF token is personal: never share it.
                personal = response.cookies or request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
                if response.status_code != 200 or response.streaming or personal:
                    return response
                stored = StoredPage(
                    namespaces=namespaces,
                    generations=generations,
                    content=response.content,
                    headers={name: response[name] for name in STORED_HEADERS if name in response},
                    etag=public_cache_etag(response.content),
                )
                lifetime = public_cache_lifetime(request, timeout)
                if lifetime > 0:
                    cache.set(key, stored, timeout=lifetime)
            return public_cache_response(request, stored)

        return wrapped

    return decorator


class PublicPageCacheMiddleware:
    """Answers a cached public page before the session, CSRF, authentication and message
    middleware run, for visitors who carry no session or message cookie (so are anonymous and
    have nothing pending): one cache round trip reads the page and every generation together.
    Anything else (a miss, a stale page, a signed-in visitor) goes down the stack as usual, where
    `cache_public_page` renders and stores it. Placed after the middleware whose headers every
    response needs (security, CSP, X-Frame-Options); adds what the locale and common middleware
    would have added (Content-Language, Vary: Accept-Language, Content-Length)."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response
        self.generation_keys = [f"{GENERATION_PREFIX}{name}" for name in PUBLIC_NAMESPACES]

    def __call__(self, request: HttpRequest) -> HttpResponse:
        generations: dict[str, int] = {}
        token = request_generations.set(generations)
        try:
            return self._answer(request, generations)
        finally:
            request_generations.reset(token)

    def _answer(self, request: HttpRequest, generations: dict[str, int]) -> HttpResponse:
        if (
            request.method not in ("GET", "HEAD")
            or settings.SESSION_COOKIE_NAME in request.COOKIES
            or "messages" in request.COOKIES
        ):
            return self.get_response(request)
        # The language the page will be answered in: its URL's (wsis/i18n.py), never a guess
        # from the browser, so an English URL is never answered with a French page.
        language = request_language(request)
        key = _page_key(request, language)
        found = cache.get_many([key, *self.generation_keys])
        generations.update(
            {
                namespace: found[f"{GENERATION_PREFIX}{namespace}"]
                for namespace in PUBLIC_NAMESPACES
                if f"{GENERATION_PREFIX}{namespace}" in found
            }
        )
        stored = _current(found.get(key), found)
        if stored is None:
            # The view's own page-cache lookup would find the same: it is told to skip it.
            request._public_page_missed = key
            return self.get_response(request)
        response = public_cache_response(request, stored)
        patch_vary_headers(response, ("Accept-Language",))
        response.headers.setdefault("Content-Language", language)
        if not response.has_header("Content-Length"):
            response["Content-Length"] = str(len(response.content))
        return response
