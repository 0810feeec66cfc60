"""Rate limits of the portal's writes, one mechanism for the pages and the API.

A throttle is a DRF `SimpleRateThrottle` whose rate is a setting read at every request, counted
per person (per address for anonymous clients) in the shared cache. The API adds it to the
actions a viewset names (`SubmissionThrottledMixin`); a page wears `@throttle_writes(...)`. Past
the limit the API answers 429 with the portal's error body and a page answers 429 with an
explanation; both send Retry-After. Only writes count: reading a form is never throttled.
"""

from functools import wraps
from math import ceil

from django.conf import settings
from django.shortcuts import render
from rest_framework.permissions import SAFE_METHODS
from rest_framework.throttling import SimpleRateThrottle


class SettingRateThrottle(SimpleRateThrottle):
    """A throttle whose rate ("30/hour") is the setting named by `rate_setting`."""

    rate_setting: str

    def get_rate(self) -> str:
        return getattr(settings, self.rate_setting)

    def get_cache_key(self, request, view) -> str:
        user = getattr(request, "user", None)
        ident = user.pk if user is not None and user.is_authenticated else self.get_ident(request)
        return self.cache_format % {"scope": self.scope, "ident": ident}


class SubmissionThrottle(SettingRateThrottle):
    """Creating and handing in stocktaking entries, prize entries and outcome documents."""

    scope = "submission"
    rate_setting = "SUBMISSION_THROTTLE_RATE"


def throttle_writes(*throttle_classes: type[SettingRateThrottle]):
    """A page's POST past any of the throttles' limits answers 429 and does nothing."""

    def decorator(view):
        @wraps(view)
        def throttled_view(request, *args, **kwargs):
            if request.method not in SAFE_METHODS:
                waits = [
                    throttle.wait()
                    for throttle in (cls() for cls in throttle_classes)
                    if not throttle.allow_request(request, None)
                ]
                if waits:
                    seconds = ceil(max(wait or 0 for wait in waits))
                    response = render(
                        request,
                        "wsis/too_many_requests.html",
                        {"retry_after": seconds},
                        status=429,
                    )
                    response.headers["Retry-After"] = str(seconds)
                    return response
            return view(request, *args, **kwargs)

        return throttled_view

    return decorator


class SubmissionThrottledMixin:
    """A viewset whose `submission_actions` also pass SubmissionThrottle when they write."""

    submission_actions: tuple[str, ...] = ()

    def get_throttles(self):
        throttles = super().get_throttles()
        if self.action in self.submission_actions and self.request.method not in SAFE_METHODS:
            throttles.append(SubmissionThrottle())
        return throttles
