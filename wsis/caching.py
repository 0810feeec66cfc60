"""Whole-page caching of anonymous public pages, with invalidation the moment content changes.

A cached page is stored under its language and full path together with the *generation* of each
content namespace it shows ("stocktaking", "roadmaps", ...), and is served only while those
generations are still current. A service that publishes or changes public content calls
`public_cache_bump("stocktaking")` (it defers itself to the commit), which moves the generation on:
every page stored under the old generation is simply never served again (the next visitor's
rendering replaces it). So a change appears at once, without listing or deleting keys.

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
from collections.abc import Callable, Iterable
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import datetime
from functools import wraps
from typing import TypeVar

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.template.loader import get_template
from django.utils import timezone
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from wsis.i18n import request_language

T = TypeVar("T")

GENERATION_PREFIX = "public-generation:"
PAGE_PREFIX = "public-page:"
# What a stored page keeps of its response's headers (never Set-Cookie or Vary).
STORED_HEADERS = ("Content-Type", "Content-Disposition", "Content-Language")
# Every namespace of public pages; reference data ("core") appears on all of them.
PUBLIC_NAMESPACES = ("core", "stocktaking", "prizes", "events", "roadmaps")


# The generations a request has read, kept for the rest of it (set by
# `PublicPageCacheMiddleware`): its page, counts and reference lists then agree on one snapshot
# and cost one cache round trip, not one each. None outside a request (tasks, commands).
_request_generations: ContextVar[dict[str, int] | None] = ContextVar(
    "public_cache_request_generations", default=None
)


def public_cache_generations(namespaces: Iterable[str]) -> str:
    """ "stocktaking3:prizes1": the current generations of these namespaces in one cache round
    trip, none if the request read them already (a namespace never bumped yet starts at 1)."""
    namespaces = tuple(namespaces)
    known = _request_generations.get()
    if known is None:
        known = {}
    unread = [namespace for namespace in namespaces if namespace not in known]
    if unread:
        keys = {f"{GENERATION_PREFIX}{namespace}": namespace for namespace in unread}
        found = cache.get_many(list(keys))
        missing = {key: 1 for key in keys if key not in found}
        if missing:
            cache.set_many(missing, timeout=None)
            found.update(missing)
        known.update({keys[key]: generation for key, generation in found.items()})
    return ":".join(f"{namespace}{known[namespace]}" for namespace in namespaces)


def public_cache_computed(
    prefix: str, namespaces: Iterable[str], key: str, compute: Callable[[], T], *, timeout: int
) -> T:
    """`compute()` (a count, a result's facet counts), computed once per `key` and generation of
    `namespaces`, then taken from the cache until the generation moves on."""
    cache_key = f"{prefix}:{public_cache_generations(namespaces)}:{key}"
    value = cache.get(cache_key)
    if value is None:
        value = compute()
        cache.set(cache_key, value, timeout=timeout)
    return value


def public_cache_computed_store(
    prefix: str, namespaces: Iterable[str], key: str, value: object, *, timeout: int
) -> None:
    """Stores what `public_cache_computed` would compute (a warmer that knows it already)."""
    cache.set(f"{prefix}:{public_cache_generations(namespaces)}:{key}", value, timeout=timeout)


def public_cache_until(request: HttpRequest, moment: datetime | None) -> None:
    """The page being rendered changes by itself at `moment`: never serve it cached after then."""
    if moment is None:
        return
    current = getattr(request, "_public_cache_until", None)
    if current is None or moment < current:
        request._public_cache_until = moment


def public_cache_bump_now(*namespaces: str) -> None:
    """Moves the generations on at once (outside a transaction: tests, management commands)."""
    known = _request_generations.get()
    for namespace in namespaces:
        key = f"{GENERATION_PREFIX}{namespace}"
        try:
            cache.incr(key)
        except ValueError:
            cache.set(key, 2, timeout=None)
        if known is not None:
            known.pop(namespace, None)  # what the request reads next is the new generation


# namespace → what to call right after its generation moves on (e.g. schedule a task that counts
# again what the next visitor's page would otherwise count). Filled by the apps' `ready()`.
PUBLIC_CACHE_WARMERS: dict[str, list[Callable[[], object]]] = {}


def public_cache_warm_on_bump(namespace: str, warmer: Callable[[], object]) -> None:
    """Registers `warmer` to be called once the generation of `namespace` is bumped on commit."""
    warmers = PUBLIC_CACHE_WARMERS.setdefault(namespace, [])
    if warmer not in warmers:
        warmers.append(warmer)


def _bump_and_warm(namespaces: tuple[str, ...]) -> None:
    public_cache_bump_now(*namespaces)
    for namespace in dict.fromkeys(namespaces):
        for warmer in PUBLIC_CACHE_WARMERS.get(namespace, ()):
            warmer()


def public_cache_bump(*namespaces: str) -> None:
    """Invalidates every cached page of these namespaces once the current transaction commits,
    then calls their warmers (see `public_cache_warm_on_bump`)."""
    transaction.on_commit(lambda: _bump_and_warm(namespaces), robust=True)


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


def _page_key(request: HttpRequest, language: str) -> str:
    path_hash = hashlib.blake2b(request.get_full_path().encode(), digest_size=16).hexdigest()
    return f"{PAGE_PREFIX}{language}:{path_hash}"


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


def public_cache_each(
    objects: list,
    make: Callable[[object], T],
    *,
    prefix: str,
    namespaces: Iterable[str],
    marks: Callable[[object], tuple] = lambda obj: (),
    fetch: Callable[[list], object] = lambda objects: None,
    timeout: int = 3600,
) -> list[T]:
    """`make(object)` for each object (a rendered row, an API representation), made once per
    object, language, generation of `namespaces` and `marks(object)` (what else it shows that is
    not the object's own: a highlighted snippet, prize results), then taken from the cache in one
    round trip. `fetch(objects)` fetches what `make` needs beyond the object itself (its
    prefetches): called for the objects to make only. For anonymous visitors only: signed-in
    people always get fresh content, as with the page cache."""
    generations = public_cache_generations(namespaces)
    language = get_language()
    keys = {}
    for obj in objects:
        digest = hashlib.blake2b(
            repr((obj._meta.label, obj.pk, marks(obj))).encode(), digest_size=16
        ).hexdigest()
        keys[obj.pk] = f"{prefix}:{generations}:{language}:{digest}"
    found = cache.get_many(list(keys.values())) if keys else {}
    missing = [obj for obj in objects if keys[obj.pk] not in found]
    if missing:
        fetch(missing)
        made = {keys[obj.pk]: make(obj) for obj in missing}
        cache.set_many(made, timeout=timeout)
        found.update(made)
    return [found[keys[obj.pk]] for obj in objects]


def public_cache_rows(
    request: HttpRequest,
    objects: list,
    *,
    template_name: str,
    namespaces: tuple[str, ...],
    marks: Callable[[object], tuple] = lambda obj: (),
    fetch: Callable[[list], object] = lambda objects: None,
) -> list[str]:
    """Each object's row of a public list, rendered by `template_name` (with `object`): for
    anonymous visitors once per object and generation (`public_cache_each`), for signed-in people
    always afresh."""
    template = get_template(template_name)
    if request.user.is_authenticated:
        fetch(objects)
        return [template.render({"object": obj}) for obj in objects]
    rows = public_cache_each(
        objects,
        lambda obj: template.render({"object": obj}),
        prefix="public-row",
        namespaces=namespaces,
        marks=marks,
        fetch=fetch,
    )
    # Rendered by an escaping template, here or when stored.
    return [mark_safe(row) for row in rows]  # noqa: S308


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
        token = _request_generations.set(generations)
        try:
            return self._answer(request, generations)
        finally:
            _request_generations.reset(token)

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


class PublicCacheAdminMixin:
    """For a ModelAdmin whose saves and deletions change public pages directly (reference data,
    contest dates, event details): each one bumps `public_cache_namespaces` on commit. Moves
    through services (approve, publish, ...) bump by themselves."""

    public_cache_namespaces: tuple[str, ...] = PUBLIC_NAMESPACES

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        public_cache_bump(*self.public_cache_namespaces)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        public_cache_bump(*self.public_cache_namespaces)

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        public_cache_bump(*self.public_cache_namespaces)

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        public_cache_bump(*self.public_cache_namespaces)
