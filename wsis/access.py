"""Role-gated pages: one decorator for every app's views that only some people may open."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _


def role_required(may: Callable[[object], bool] | None = None) -> Callable:
    """Guards a view: an anonymous visitor is sent to the sign-in page (and back afterwards); a
    signed-in person for whom `may(user)` is false (a rules predicate such as `is_secretariat`)
    gets 403. Without `may`, being signed in is enough (Django's `login_required`, written once
    with the role check)."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def guarded(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if may is not None and not may(request.user):
                raise PermissionDenied(_("You may not open this page."))
            return view(request, *args, **kwargs)

        return guarded

    return decorator
