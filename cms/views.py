"""The public side of the content management: Wagtail pages through the whole-page cache, news
subscriptions, the site-wide search, the sitemap and robots.txt."""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db.models import Exists, OuterRef
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods
from wagtail import hooks
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page, Site
from wagtail.views import serve_chain
from wagtail.wagtail_hooks import check_view_restrictions

from cms import selectors, services
from cms.caching import cms_cache_page
from cms.enums import CMS_NAMESPACE
from cms.models import NewsSubscription
from wsis.filter_chips import FilterChip
from wsis.rules import is_verified
from wsis.spelling import spelling_suggestion

SEARCH_LIMIT = 10


def _serve_page(request: HttpRequest, page, args, kwargs) -> HttpResponse:
    """Wagtail's serve, with its hooks; the view-restriction check (two queries) only when some
    page of the portal is restricted at all."""
    restricted = selectors.view_restrictions_exist()
    chain = serve_chain
    for hook in reversed(hooks.get_hooks("on_serve_page")):
        if hook is check_view_restrictions and not restricted:
            continue
        chain = hook(chain)
    for hook in hooks.get_hooks("before_serve_page"):
        result = hook(page, request, args, kwargs)
        if isinstance(result, HttpResponse):
            return result
    return chain(page, request, args, kwargs)


ROUTE_PREFIX = "cms-route-v2"
ROUTE_TIMEOUT = 24 * 3600


def _route(request: HttpRequest, path: str):
    """Wagtail's routing (site, locale, the tree walked from the root: four queries or more),
    remembered per host, language and path as the page it found and what remains of the path
    for a routable page (a news index's `feed/`, a document's `print/`). A remembered page is
    loaded in one query and used only while it is still live at the same place in the tree
    (and, for a page shown in another language, while it has no live translation into the
    address's language); anything else is routed afresh.

    A page not translated into the address's language (`/ru/about/` while About has no Russian
    version) is the page in the portal's default language: the interface is Russian, the page
    says that its text is English, and its canonical address is the English one."""
    language = get_language()
    active = selectors.locale_ids().get(language)
    key = f"{ROUTE_PREFIX}:{request.get_host()}:{language}:{path}"
    known = cache.get(key)
    if known is not None:
        content_type_id, page_id, url_path, locale_id, remaining = known
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        pages = model.objects.filter(pk=page_id, live=True, url_path=url_path)
        if locale_id != active:
            pages = pages.annotate(
                translated=Exists(
                    Page.objects.filter(
                        translation_key=OuterRef("translation_key"), locale_id=active, live=True
                    )
                )
            ).filter(translated=False)
        page = pages.first()
        if page is not None:
            if isinstance(page, RoutablePageMixin):
                # The sub-route is resolved from the URL patterns of the page alone: no query.
                return page.route(request, list(remaining))
            return page, [], {}
    route = Page.route_for_request(request, path)
    if route is None and language != settings.LANGUAGE_CODE:
        # Wagtail remembers the failed route on the request.
        del request._wagtail_route_for_request
        with translation.override(settings.LANGUAGE_CODE):
            route = Page.route_for_request(request, path)
    if route is None:
        return None
    page, args, kwargs = route
    site = Site.find_for_request(request)  # remembered on the request by the routing
    components = [component for component in path.split("/") if component]
    remaining = components[page.depth - site.root_page.depth :]
    if not remaining or isinstance(page, RoutablePageMixin):
        cache.set(
            key,
            (page.content_type_id, page.pk, page.url_path, page.locale_id, remaining),
            timeout=ROUTE_TIMEOUT,
        )
    return page, args, kwargs


@require_GET
def serve(request: HttpRequest, path: str = "") -> HttpResponse:
    """A page of the tree (the home page at `/`), stored whole for anonymous visitors under the
    namespaces of what it shows, like every public page of the portal."""
    if cache.get(selectors.NAVIGATION_KEY) is None:
        # The cache was emptied: the menu is read back for every page's layout.
        services.site_navigation_store()
    route = _route(request, path)
    if route is None:
        raise Http404
    page, args, kwargs = route
    namespaces = getattr(page, "cache_namespaces", (CMS_NAMESPACE,))
    cached = cms_cache_page(*namespaces)(lambda request: _serve_page(request, page, args, kwargs))
    return cached(request)


@login_required
@require_http_methods(["GET", "POST"])
def news_subscribe(request: HttpRequest) -> HttpResponse:
    if not is_verified(request.user):
        messages.error(request, _("Confirm your e-mail address before subscribing."))
        return redirect("account_email")
    subscription = NewsSubscription.objects.filter(user=request.user).first()
    if request.method == "POST":
        if request.POST.get("consent") != "yes":
            return render(
                request,
                "cms/news_subscribe.html",
                {
                    "consent_text": services.CONSENT_TEXT,
                    "subscription": subscription,
                    "error": _("Tick the box to agree, or leave this page."),
                },
            )
        services.news_subscribe(user=request.user, consent_text=str(services.CONSENT_TEXT))
        messages.success(request, _("You will receive the portal's news by e-mail."))
        return redirect("cms:news_subscribe")
    return render(
        request,
        "cms/news_subscribe.html",
        {"consent_text": services.CONSENT_TEXT, "subscription": subscription},
    )


@require_http_methods(["GET", "POST"])
def news_unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """The link of every news mail: a confirmation page, then no more mail (no sign-in needed)."""
    subscription = get_object_or_404(NewsSubscription, token=token)
    if request.method == "POST":
        services.news_unsubscribe(subscription=subscription)
        return render(request, "cms/news_unsubscribe.html", {"done": True})
    return render(request, "cms/news_unsubscribe.html", {"done": not subscription.is_active})


@require_GET
def search(request: HttpRequest) -> HttpResponse:
    """One search over the portal: pages, news and documents of the CMS, then stocktaking
    entries, outcome documents, sessions and roadmaps, grouped by kind."""
    query = request.GET.get("q", "").strip()[:200]
    groups = selectors.site_search(query, limit=SEARCH_LIMIT) if query else []
    # One kind of result only (a chip removes it); an unknown kind is no filter.
    kinds = {group.kind: group for group in groups}
    kind = request.GET.get("kind", "")
    chosen = kinds.get(kind)
    shown = [chosen] if chosen else groups
    total = sum(len(group.results) for group in shown)
    chips = (
        [FilterChip(_("Kind"), str(chosen.label), f"{request.path}?{urlencode({'q': query})}")]
        if chosen
        else []
    )
    suggestion = spelling_suggestion(query) if query and not total else None
    return render(
        request,
        "cms/search.html",
        {
            "query": query,
            "groups": shown,
            "all_groups": groups,
            "kind": kind if chosen else "",
            "total": total,
            "chips": chips,
            "suggestion": suggestion,
            "suggestion_query": urlencode({"q": suggestion}) if suggestion else "",
        },
    )


@require_GET
def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /cms-admin/",
        "Disallow: /accounts/",
        "Disallow: /api/",
        "Disallow: /search/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
