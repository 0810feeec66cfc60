"""The content management's addresses.

`urlpatterns` (namespace "cms"): news subscriptions and the site-wide search.
`site_urlpatterns`: the Wagtail admin (staff only, signed in through the portal's own sign-in),
Wagtail's document downloads, /sitemap.xml and /robots.txt.
`serve_urlpatterns`: Wagtail's pages; the catch-all, so it comes last in wsis/urls.py.
"""

from functools import wraps

from csp.decorators import csp_update
from django.conf import settings
from django.contrib.sitemaps import views as sitemap_views
from django.core.exceptions import PermissionDenied
from django.core.files.storage import FileSystemStorage, storages
from django.urls import include, path, re_path
from django.views.decorators.http import require_GET
from django.views.generic import RedirectView
from django.views.static import serve as static_serve
from wagtail import views as wagtail_views
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.utils.urlpatterns import decorate_urlpatterns

from cms import views
from cms.caching import cms_cache_page
from cms.sitemaps import SITEMAPS

app_name = "cms"


# Wagtail's admin has inline scripts (the page editor's set-up) and sets styles inline; the
# portal's own pages keep the strict policy.
WAGTAIL_ADMIN_CSP = {"script-src": ["'unsafe-inline'"], "style-src": ["'unsafe-inline'"]}


def staff_only(view):
    """Signed-in people who are not staff never reach the Wagtail admin, whatever group they
    are in; signed-out people go on to Wagtail, which sends them to the sign-in page."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.user.is_authenticated and not request.user.is_staff:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return csp_update(WAGTAIL_ADMIN_CSP)(wrapped)


urlpatterns = [
    path("news/subscription/", views.news_subscribe, name="news_subscribe"),
    path("news/unsubscribe/<str:token>/", views.news_unsubscribe, name="news_unsubscribe"),
    path("search/", views.search, name="search"),
]

# Every public page's namespace: the sitemap lists them all.
_ALL = ("core", "stocktaking", "prizes", "events", "roadmaps", "cms")

site_urlpatterns = [
    # One sign-in: Wagtail's own sign-in page is the portal's.
    path(
        "cms-admin/login/",
        require_GET(RedirectView.as_view(pattern_name="account_login", query_string=True)),
        name="cms_admin_login",
    ),
    path("cms-admin/", include(decorate_urlpatterns(wagtailadmin_urls.urlpatterns, staff_only))),
    # Wagtail's front-end sign-in (for private pages) is the portal's too.
    path(
        "_util/login/",
        require_GET(RedirectView.as_view(pattern_name="account_login", query_string=True)),
        name="wagtailcore_login",
    ),
    path(
        "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
        wagtail_views.authenticate_with_password,
        name="wagtailcore_authenticate_with_password",
    ),
    path("documents/", include(wagtaildocs_urls)),
    path(
        "sitemap.xml",
        require_GET(cms_cache_page(*_ALL)(sitemap_views.index)),
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap_section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        require_GET(cms_cache_page(*_ALL)(sitemap_views.sitemap)),
        {"sitemaps": SITEMAPS},
        name="sitemap_section",
    ),
    path("robots.txt", views.robots_txt, name="robots_txt"),
]


def public_media_urlpatterns() -> list:
    """Outside production, the files of the "public" storage at `/media/public/` when it is the
    local file system: the image library's originals and renditions. Registered whatever DEBUG
    says when the URLconf is read (so the routes are the same in every run); in production the
    object storage's public bucket serves them (wsis/object_storage.py), or the web server."""
    public = storages["public"]
    if (
        settings.PRODUCTION
        or not isinstance(public, FileSystemStorage)
        or not public.base_url.startswith("/")
    ):
        return []
    return [
        path(
            f"{public.base_url.lstrip('/')}<path:path>",
            require_GET(static_serve),
            {"document_root": public.location},
            name="public_media",
        )
    ]


# Never under /api/: an unknown API path answers the API's JSON 404, not a CMS page (whose
# POST would meet the CSRF check's HTML page).
serve_urlpatterns = [re_path(r"^(?!api/)((?:[\w\-]+/)*)$", views.serve, name="wagtail_serve")]
