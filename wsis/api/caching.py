"""Whole-response caching of public API lists for anonymous clients.

The API's counterpart of the page cache (`wsis.caching.cache_public_page`): a list's rendered JSON
is kept under the current generation of each content namespace it shows, the language, the full
URL (so every filter combination and page is its own answer, and absolute links never cross
hosts), and the negotiated media type. A service that publishes or changes content moves the
generation on, so the change shows at once.

It runs inside DRF's `list`, after `initial()`: authentication, permissions and throttles have
already run, so a cached answer still counts against the anonymous rate. Signed-in and token
clients, and any format other than JSON (the browsable API holds forms), always get a fresh answer.
"""

from __future__ import annotations

from django.core.cache import cache
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language

from wsis.caching import (
    StoredPage,
    namespace_names,
    public_cache_etag,
    public_cache_generations,
    public_cache_lifetime,
    public_cache_response,
    public_cache_url_hash,
)

API_PREFIX = "public-api:"


class PublicCachedListMixin:
    """For a viewset whose list is the same for every anonymous client. A view that renders
    content that changes by itself at a known moment (a prize result announced) calls
    `wsis.caching.public_cache_until(request._request, moment)` while it builds the answer."""

    public_cache_namespaces: tuple[str, ...] = ()
    public_cache_timeout = 600

    def list(self, request, *args, **kwargs):
        if (
            request.user.is_authenticated
            or request.auth is not None
            or request.accepted_renderer.format != "json"
        ):
            return super().list(request, *args, **kwargs)
        generations = public_cache_generations(self.public_cache_namespaces)
        url_hash = public_cache_url_hash(request._request)
        media_type = request.accepted_media_type
        key = f"{API_PREFIX}{generations}:{get_language()}:{media_type}:{url_hash}"
        stored = cache.get(key)
        if stored is None:
            response = super().list(request, *args, **kwargs)
            if response.status_code != 200:
                return response
            content = request.accepted_renderer.render(
                response.data, media_type, self.get_renderer_context()
            )
            stored = StoredPage(
                namespaces=namespace_names(self.public_cache_namespaces),
                generations=generations,
                content=content,
                headers={"Content-Type": media_type},
                etag=public_cache_etag(content),
            )
            lifetime = public_cache_lifetime(request._request, self.public_cache_timeout)
            if lifetime > 0:
                cache.set(key, stored, timeout=lifetime)
        answer = public_cache_response(request, stored)
        patch_vary_headers(answer, ("Authorization",))
        return answer
