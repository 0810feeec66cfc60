from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from cms import urls as cms_urls
from cms import views as cms_views
from events.api.urls import commitment_urlpatterns, outcome_urlpatterns
from stocktaking import views as stocktaking_views
from wsis import views
from wsis.accounts import views as account_views
from wsis.i18n import set_language

admin.site.site_header = _("WSIS Secretariat")
admin.site.site_title = _("WSIS Portal administration")
admin.site.index_title = _("Moderation and reference data")

# Without a language in the URL (wsis.i18n.NEGOTIATED_PATHS): answered in the visitor's language.
# Unmatched paths under /api/ answer with the API's error body.
handler404 = "wsis.api.errors.page_not_found"

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("readyz", views.readyz, name="readyz"),
    # Without a CSRF token, so that pages for anonymous visitors hold nothing personal and can be
    # cached whole; the worst a forged request can do here is change a visitor's language.
    path("i18n/setlang/", set_language, name="set_language"),
    path("admin/", admin.site.urls),
    path("api/v1/", include("wsis.api.urls")),
    path("api/v1/stocktaking/", include("stocktaking.api.urls")),
    path("api/v1/prizes/", include("stocktaking.prizes.api.urls")),
    path("api/v1/events/", include("events.api.urls")),
    path("api/v1/outcomes/", include(outcome_urlpatterns)),
    path("api/v1/commitments/", include(commitment_urlpatterns)),
    path("api/v1/roadmaps/", include("roadmaps.api.urls")),
    path("api/v1/hubs/", include("hubs.api_urls")),
    path("api/v1/", include("evidence.api.urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
    # The Wagtail admin, its documents and images, the sitemap and robots.txt (cms/urls.py).
    *cms_urls.site_urlpatterns,
]

if settings.BENCH_INSTRUMENTATION:
    # The floor of the benchmark: the cheapest view behind the full middleware stack.
    urlpatterns += [path("bench/floor", views.bench_floor, name="bench-floor")]

# Uploaded files are never served from a public folder, in development neither: an entry's image
# by the view that checks who may see it, an attachment only by `stocktaking:attachment`.
if settings.MEDIA_URL.startswith("/"):
    urlpatterns += [
        path(
            f"{settings.MEDIA_URL.lstrip('/')}stocktaking/images/<str:name>",
            stocktaking_views.entry_image,
            name="entry_image",
        )
    ]

# The CMS's public images in local development (DEBUG), at /media/public/ (cms/urls.py).
urlpatterns += cms_urls.public_media_urlpatterns()

# The pages: /stocktaking/ in English, /fr/stocktaking/ in French (wsis/i18n.py).
urlpatterns += i18n_patterns(
    # The home page is the CMS home page (cms/): Wagtail serves it.
    path("", cms_views.serve, name="home"),
    path("", include("portal.urls")),
    path("accounts/", include("allauth.urls")),
    path("accounts/profile/", views.profile, name="profile"),
    path("accounts/tokens/", account_views.api_tokens, name="api_tokens"),
    path(
        "accounts/tokens/<uuid:public_id>/revoke/",
        account_views.api_token_revoke,
        name="api_token_revoke",
    ),
    path("invitations/", account_views.invitations, name="invitations"),
    path(
        "invitations/<uuid:public_id>/<slug:move>/",
        account_views.invitation_move,
        name="invitation_move",
    ),
    path("organisations/new/", views.organisation_create, name="organisation_create"),
    path("organisations/<slug:slug>/", views.organisation_detail, name="organisation_detail"),
    path("stocktaking/", include("stocktaking.urls")),
    path("prizes/", include("stocktaking.prizes.urls")),
    path("events/", include("events.urls")),
    path("roadmaps/", include("roadmaps.urls")),
    path("hubs/", include("hubs.urls")),
    path("", include("evidence.urls")),
    path("publications/", include("publications.urls")),
    path("open-data/", include("publications.open_data_urls")),
    # The site-wide search and news subscriptions (cms/urls.py).
    path("", include("cms.urls")),
    # Last: Wagtail's pages (the catch-all), each in its language (`/fr/about/`).
    *cms_urls.serve_urlpatterns,
    prefix_default_language=False,
)
