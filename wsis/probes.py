"""The liveness probe, answered before anything that could touch the cache, the database or a
session: an orchestrator must never restart a web process because Redis or PostgreSQL is down
(that is the readiness probe's business, `/readyz`)."""

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.cache import add_never_cache_headers

LIVENESS_PATH = "/healthz"


class LivenessProbeMiddleware:
    """GET or HEAD /healthz: 200 {"status": "ok"} at once. Placed after the middleware whose
    headers every response carries (security, CSP, X-Frame-Options) and before the page cache."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path == LIVENESS_PATH and request.method in ("GET", "HEAD"):
            response = JsonResponse({"status": "ok"})
            add_never_cache_headers(response)
            return response
        return self.get_response(request)
