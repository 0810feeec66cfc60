"""The pages of the portal's shell."""

from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import render
from django.templatetags.static import static
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe


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
