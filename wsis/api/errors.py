"""One error body for every API error:

{"error": {"status": 400, "code": "invalid", "message": "...", "fields": {"title": ["..."]}}}
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse
from django.utils.translation import gettext as _
from django.views import defaults
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler

from wsis.locking import StaleVersion


class Conflict(exceptions.APIException):
    """409: the request collides with the resource's current state (a stale `lock_version`, a
    move no longer allowed, a second vote). The one conflict error of every app's API; `extra`
    adds keys to the error body (e.g. the stored object beside the refused values)."""

    status_code = status.HTTP_409_CONFLICT
    default_code = "conflict"
    default_detail = "Conflict."

    def __init__(self, detail=None, code=None, *, extra: dict | None = None) -> None:
        super().__init__(detail, code)
        self.extra = dict(extra or {})


def portal_exception_handler(exc, context) -> Response | None:
    # Django's own exceptions become their DRF equivalents first, so they get a proper code.
    if isinstance(exc, Http404):
        exc = exceptions.NotFound(str(exc) or None)
    elif isinstance(exc, StaleVersion):
        # Optimistic locking's one exception (wsis.locking) is the API's one 409.
        exc = Conflict(str(exc))
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or None)
    response = exception_handler(exc, context)
    if response is None:
        return None
    detail = response.data
    fields: dict = {}
    if isinstance(exc, exceptions.ValidationError):
        code = "invalid"
        message = _("The request has invalid values; see fields.")
        fields = detail if isinstance(detail, dict) else {"non_field_errors": detail}
    else:
        codes = exc.get_codes()
        code = codes if isinstance(codes, str) else exc.default_code
        message = str(detail.get("detail", detail)) if isinstance(detail, dict) else str(detail)
    body = {"error": {"status": response.status_code, "code": code, "message": message}}
    if fields:
        body["error"]["fields"] = fields
    body["error"].update(getattr(exc, "extra", {}))
    response.data = body
    return response


def page_not_found(request, exception):
    """The project's 404: under /api/ (a path no route matches, e.g. `entries/0.5/`) the API's
    error body, elsewhere Django's page."""
    if request.path.startswith("/api/"):
        body = {"error": {"status": 404, "code": "not_found", "message": _("Not found.")}}
        return JsonResponse(body, status=404)
    return defaults.page_not_found(request, exception)
