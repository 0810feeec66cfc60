"""Whole-page caching of anonymous public pages, with invalidation the moment content changes.

A cached page's key contains the current *generation* of each content namespace it shows
("stocktaking", "roadmaps", ...). A service that publishes or changes public content calls
`public_cache_bump("stocktaking")` (it defers itself to the commit), which moves the generation on:
every key built from the old generation is simply never read again and expires by itself. So a
change appears at once, without listing or deleting keys.

Only anonymous GET/HEAD requests without pending messages are served from or stored in the
cache; signed-in people always get a fresh page. Responses carry an ETag, and a matching
If-None-Match gets 304.

Pages whose content changes by itself at a known moment (a prize phase starts, winners are
announced) call `public_cache_until(request, moment)` while they render: the stored page then
expires at that moment, so the new phase shows at once without any service running.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from datetime import datetime
from functools import wraps

from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.utils import timezone
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import get_language

GENERATION_PREFIX = "public-generation:"
PAGE_PREFIX = "public-page:"
# What a stored page keeps of its response's headers (never Set-Cookie or Vary).
STORED_HEADERS = ("Content-Type", "Content-Disposition", "Content-Language")


def public_cache_generations(namespaces: Iterable[str]) -> str:
    """ "stocktaking3:prizes1": the current generations of these namespaces in one cache round
    trip (a namespace never bumped yet starts at 1)."""
    keys = [f"{GENERATION_PREFIX}{namespace}" for namespace in namespaces]
    found = cache.get_many(keys)
    missing = {key: 1 for key in keys if key not in found}
    if missing:
        cache.set_many(missing, timeout=None)
        found.update(missing)
    return ":".join(
        f"{namespace}{found[key]}" for namespace, key in zip(namespaces, keys, strict=True)
    )


def public_cache_until(request: HttpRequest, moment: datetime | None) -> None:
    """The page being rendered changes by itself at `moment`: never serve it cached after then."""
    if moment is None:
        return
    current = getattr(request, "_public_cache_until", None)
    if current is None or moment < current:
        request._public_cache_until = moment


def public_cache_bump_now(*namespaces: str) -> None:
    """Moves the generations on at once (outside a transaction: tests, management commands)."""
    for namespace in namespaces:
        key = f"{GENERATION_PREFIX}{namespace}"
        try:
            cache.incr(key)
        except ValueError:
            cache.set(key, 2, timeout=None)


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
            generations = public_cache_generations(namespaces)
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
                stored = (
                    response.content,
                    {name: response[name] for name in STORED_HEADERS if name in response},
                    _etag(response.content),
                )
                lifetime = timeout
                until = getattr(request, "_public_cache_until", None)
                if until is not None:
                    lifetime = min(timeout, int((until - timezone.now()).total_seconds()))
                if lifetime > 0:
                    cache.set(key, stored, timeout=lifetime)
            content, headers, etag = stored
            if etag in request.headers.get("If-None-Match", ""):
                response = HttpResponseNotModified()
            else:
                response = HttpResponse(content)
                for name, value in headers.items():
                    response[name] = value
            response["ETag"] = etag
            patch_cache_control(response, public=True, max_age=0, must_revalidate=True)
            patch_vary_headers(response, ("Cookie",))
            return response

        return wrapped

    return decorator


# Every namespace of public pages; reference data ("core") appears on all of them.
PUBLIC_NAMESPACES = ("core", "stocktaking", "prizes", "events", "roadmaps")


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
