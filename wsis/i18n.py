"""The language of a request, of its URL and of the pages it links to.

The HTML pages carry their language in the URL (`/fr/stocktaking/`), English without a prefix
(`/stocktaking/`), through `i18n_patterns(prefix_default_language=False)`. What a page shows
therefore depends on its URL alone, which is what lets the whole-page cache key a page by its
path: an English URL never gets a French page. The visitor's wishes (the language cookie set by
the switcher, else the browser's Accept-Language) decide only where an unprefixed page *redirects*
to, and the language of what has no language in its URL: the API, the admin, the health probes.
"""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.middleware.locale import LocaleMiddleware
from django.urls import is_valid_path, translate_url
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import check_for_language, get_language_from_path
from django.views.decorators.csrf import csrf_exempt
from django.views.i18n import set_language as django_set_language

# Paths outside `i18n_patterns` (see wsis/urls.py; tests/wsis/test_i18n.py keeps the two in step):
# their language is negotiated (cookie, then Accept-Language) rather than read from the URL.
NEGOTIATED_PATHS = (
    "/api/",
    "/admin/",
    "/i18n/",
    "/healthz",
    "/readyz",
    "/media/",
    "/bench/",
    # The CMS's admin, its password-form utilities, its documents and the crawlers' files.
    "/cms-admin/",
    "/_util/",
    "/documents/",
    "/sitemap",
    "/robots.txt",
)


# PostgreSQL's text-search configuration for each language: stemming for five of them; Chinese
# has no word boundaries to stem, so it is matched by substring instead (see stocktaking's
# `entries_search`).
SEARCH_CONFIGS = {
    "en": "english",
    "fr": "french",
    "es": "spanish",
    "ru": "russian",
    "ar": "arabic",
    "zh-hans": "simple",
}


def search_config(language: str | None) -> str:
    return SEARCH_CONFIGS.get(language or "", "english")


def is_page_path(path: str) -> bool:
    """Whether `path` is one of the HTML pages, whose URL carries the language."""
    return not path.startswith(NEGOTIATED_PATHS)


def visitor_language(request: HttpRequest) -> str:
    """The language the visitor asks for: the switcher's cookie, else Accept-Language, else the
    default (English)."""
    return translation.get_language_from_request(request, check_path=False)


def request_language(request: HttpRequest) -> str:
    """The language a request is answered in: its URL's prefix, English for a page without one,
    the visitor's language for what has no language in its URL (API, admin)."""
    path = request.path_info
    from_path = get_language_from_path(path)
    if from_path:
        return from_path
    if is_page_path(path):
        return settings.LANGUAGE_CODE
    return visitor_language(request)


def url_in_language(url: str, language: str) -> str:
    """`url` (a path with its query, or an absolute URL) as the same page in `language`; `url`
    itself when it names no page of the portal."""
    source = get_language_from_path(urlsplit(url).path) or settings.LANGUAGE_CODE
    # A prefixed path resolves only while its own language is active.
    with translation.override(source):
        return translate_url(url, language)


class LanguageRedirectMiddleware:
    """Sends a visitor who wants another language than English from an unprefixed page to the
    same page in their language (`/stocktaking/` → `/fr/stocktaking/`): the switcher's cookie
    decides, else the browser's Accept-Language on a first visit. Runs before the page cache,
    which then only ever sees URLs that already name the language they are answered in."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        path = request.path_info
        if not is_page_path(path) or get_language_from_path(path):
            return self.get_response(request)
        if request.method in ("GET", "HEAD"):
            wanted = visitor_language(request)
            if wanted != settings.LANGUAGE_CODE:
                prefixed = f"/{wanted}{path}"
                with translation.override(wanted):
                    valid = is_valid_path(prefixed)
                if valid:
                    target = request.get_full_path().replace(path, prefixed, 1)
                    response = HttpResponseRedirect(target)
                    patch_vary_headers(response, ("Accept-Language", "Cookie"))
                    return response
        response = self.get_response(request)
        # The same English URL redirects a French browser: shared caches must know.
        patch_vary_headers(response, ("Accept-Language", "Cookie"))
        return response


class PortalLocaleMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware, except that what lies outside `i18n_patterns` (the API, the
    admin) follows the visitor's language instead of falling back to English."""

    def process_request(self, request: HttpRequest) -> None:
        translation.activate(request_language(request))
        request.LANGUAGE_CODE = translation.get_language()


@csrf_exempt
def set_language(request: HttpRequest) -> HttpResponse:
    """Django's `set_language` (sets the language cookie and redirects to `next`), sending the
    visitor to `next` *in the chosen language*: `/fr/stocktaking/` becomes `/stocktaking/` for
    English, whatever language the request itself was negotiated in. Signed-in people also keep
    the choice as their preferred language (their mails follow it)."""
    response = django_set_language(request)
    language = request.POST.get("language", "") if request.method == "POST" else ""
    if not (language and check_for_language(language)):
        return response
    if isinstance(response, HttpResponseRedirect):
        target = url_in_language(response.url, language)
        if url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            response["Location"] = target
    if request.user.is_authenticated and request.user.preferred_language != language:
        # wsis.services imports this module (url_in_language): a top-level import is circular.
        from wsis.services import user_set_preferred_language

        user_set_preferred_language(user=request.user, language=language)
    return response


def page_alternates(request: HttpRequest) -> list[dict[str, str]]:
    """The current page in every language: code, local name and absolute URL (for `hreflang`
    links and the switcher's links). Empty for a page the URLconf does not resolve."""
    if getattr(request, "resolver_match", None) is None or not is_page_path(request.path_info):
        return []
    full_path = request.get_full_path()
    alternates = []
    for code, _name in settings.LANGUAGES:
        url = url_in_language(full_path, code)
        info = translation.get_language_info(code)
        alternates.append(
            {
                "code": code,
                "name_local": info["name_local"],
                "url": request.build_absolute_uri(url),
                "path": url,
                "is_default": code == settings.LANGUAGE_CODE,
            }
        )
    return alternates


def canonical_url(request: HttpRequest) -> str:
    """The page's own address without tracking noise: its path in its language, with the query
    (filters and page numbers make different pages)."""
    parts = urlsplit(request.build_absolute_uri(request.get_full_path()))
    return urlunsplit((parts.scheme, parts.netloc, parts.path, parts.query, ""))
