"""Rate limits of the portal's writes, one mechanism for the pages and the API.

A throttle is a DRF `SimpleRateThrottle` whose rate is a setting read at every request, counted
per person (per address for anonymous clients) in the shared cache. The API adds it to the
actions a viewset names (`SubmissionThrottledMixin`); a page wears `@throttle_writes(...)`. Past
the limit the API answers 429 with the portal's error body and a page answers 429 with an
explanation; both send Retry-After. Only writes count: reading a form is never throttled.

With the Redis cache each throttle is a sliding window kept in a sorted set, and every throttle
of a request is checked and recorded by one script in one round trip (`throttle_waits`): atomic,
so concurrent requests cannot slip past the limit together, and its cost does not grow with the
rate (DRF's own throttle reads and writes back the whole pickled history of a key twice per
request). Without Redis (the local default) DRF's own mechanism counts, with the same rule.
While the cache's Redis cannot be reached every throttle lets requests through (fail open; see
docs/operations-cache-outage.md). Clients are told apart by `wsis.network.client_address`.
"""

import uuid
from collections.abc import Iterable
from functools import wraps
from math import ceil

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from django.shortcuts import render
from rest_framework.permissions import SAFE_METHODS
from rest_framework.throttling import AnonRateThrottle, SimpleRateThrottle, UserRateThrottle

from wsis.cache_backend import FailOpenRedisCache
from wsis.network import client_address

# KEYS: one sorted set per throttle. ARGV: now, a member unique to this request, then the limit
# and the window (seconds) of each key. A key whose window holds `limit` hits refuses, and its
# wait is when its oldest hit leaves the window; otherwise the hit is recorded. Returns one wait
# per key as a string (Lua numbers would be truncated to integers), "-1" when allowed.
_SLIDING_WINDOWS = """
local now = tonumber(ARGV[1])
local waits = {}
for i, key in ipairs(KEYS) do
  local limit = tonumber(ARGV[1 + 2 * i])
  local window = tonumber(ARGV[2 + 2 * i])
  redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
  if redis.call('ZCARD', key) >= limit then
    local oldest = redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')
    local since = oldest[2] and tonumber(oldest[2]) or now
    waits[i] = tostring(since + window - now)
  else
    redis.call('ZADD', key, now, ARGV[2])
    redis.call('EXPIRE', key, math.ceil(window))
    waits[i] = '-1'
  end
end
return waits
"""


class ClientAddressIdentMixin:
    """Counts anonymous clients by `wsis.network.client_address` (DRF's own `get_ident` believes
    any X-Forwarded-For header unless NUM_PROXIES is set)."""

    def get_ident(self, request) -> str:
        return client_address(request)


class AnonThrottle(ClientAddressIdentMixin, AnonRateThrottle):
    """The API's rate for anonymous clients (API_THROTTLE_ANON)."""


class UserThrottle(ClientAddressIdentMixin, UserRateThrottle):
    """The API's rate for signed-in and token clients (API_THROTTLE_USER)."""


class SettingRateThrottle(ClientAddressIdentMixin, SimpleRateThrottle):
    """A throttle whose rate ("30/hour") is the setting named by `rate_setting`."""

    rate_setting: str

    def get_rate(self) -> str:
        return getattr(settings, self.rate_setting)

    def get_cache_key(self, request, view) -> str:
        user = getattr(request, "user", None)
        ident = user.pk if user is not None and user.is_authenticated else self.get_ident(request)
        return self.cache_format % {"scope": self.scope, "ident": ident}

    def allow_request(self, request, view) -> bool:
        waits = throttle_waits(request, [self], view)
        self.refused_wait = waits[0] if waits else None
        return not waits

    def wait(self) -> float | None:
        return getattr(self, "refused_wait", None)


def throttle_waits(request, throttles: Iterable[SettingRateThrottle], view=None) -> list[float]:
    """Counts this request against every throttle that has room left and returns the wait, in
    seconds, of each one that has none (an empty list: the request may proceed). With Redis,
    one round trip for all of them."""
    counted = []
    for throttle in throttles:
        key = throttle.get_cache_key(request, view) if throttle.rate is not None else None
        if key is not None:
            counted.append((throttle, key))
    if not counted:
        return []
    cache = caches["default"]
    if not isinstance(cache, RedisCache):
        return [
            SimpleRateThrottle.wait(throttle) or 0.0
            for throttle, _key in counted
            if not SimpleRateThrottle.allow_request(throttle, request, view)
        ]
    # Django's Redis cache has no public way to run a script; its client is the documented
    # redis-py client, and keys get the cache's prefix and version like every cache key, plus
    # their own prefix: a key DRF's throttle left (a pickled list) is never read as a window.
    client = cache._cache.get_client(write=True)
    now = counted[0][0].timer()
    arguments = [now, uuid.uuid4().hex]
    for throttle, _key in counted:
        arguments += [throttle.num_requests, throttle.duration]

    def run_windows() -> list:
        return client.register_script(_SLIDING_WINDOWS)(
            keys=[cache.make_and_validate_key(f"window:{key}") for _throttle, key in counted],
            args=arguments,
            client=client,
        )

    # Without Redis every throttle lets the request through (docs/operations-cache-outage.md).
    answers = (
        cache.guarded(run_windows, []) if isinstance(cache, FailOpenRedisCache) else run_windows()
    )
    return [wait for answer in answers if (wait := float(answer)) >= 0]


class OneTripThrottlesMixin:
    """An API view whose throttles are all checked and recorded in one round trip."""

    def check_throttles(self, request) -> None:
        throttles = self.get_throttles()
        shared = [t for t in throttles if isinstance(t, SettingRateThrottle)]
        waits = throttle_waits(request, shared, self)
        for throttle in throttles:
            if not isinstance(throttle, SettingRateThrottle) and not throttle.allow_request(
                request, self
            ):
                waits.append(throttle.wait() or 0.0)
        if waits:
            self.throttled(request, max(waits))


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
                waits = throttle_waits(request, [cls() for cls in throttle_classes])
                if waits:
                    seconds = ceil(max(waits))
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
