"""The pages of the portal's shell."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import render
from django.templatetags.static import static
from django.utils import timezone
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_safe

from portal.selectors import my_wsis as my_wsis_read


@require_safe
@cache_control(max_age=86400, public=True)
def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers ask /favicon.ico whatever the page says: the one icon is the SVG in static/
    (its hashed name in production, so the redirect is resolved per request, not at import)."""
    return HttpResponsePermanentRedirect(static("img/favicon.svg"))


@require_safe
def design_system(request: HttpRequest) -> HttpResponse:
    """Every component of the portal's design system, as the templates use it."""
    return render(request, "portal/design.html", {"sdg_numbers": range(1, 18)})


@require_safe
@never_cache
@login_required
def my_wsis(request: HttpRequest) -> HttpResponse:
    """My WSIS, where signing in lands: the person's work and what they own, per role."""
    now = timezone.now()
    return render(
        request,
        "portal/my_wsis.html",
        {"section": "my_wsis", "mine": my_wsis_read(request.user, now=now), "now": now},
    )
