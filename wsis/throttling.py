"""Rate limits of the portal's writes, one mechanism for the pages and the API.

A throttle is a DRF `SimpleRateThrottle` whose rate is a setting read at every request, counted
per person (per address for anonymous clients) in the shared cache. The API adds it to the
actions a viewset names (`SubmissionThrottledMixin`); a page wears `@throttle_writes(...)`. Past
the limit the API answers 429 with the portal's error body and a page answers 429 with its form
and everything typed in it (or an explanation); both send Retry-After. Only successful writes
count: reading a form is never throttled, and a write that did not happen (invalid, refused,
stale) gives its hit back.

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
from django.db import transaction
from django.shortcuts import render
from django.utils.translation import gettext as _
from rest_framework.permissions import SAFE_METHODS
from rest_framework.throttling import AnonRateThrottle, SimpleRateThrottle, UserRateThrottle

from wsis.cache_backend import FailOpenRedisCache
from wsis.form_holds import WriteHold, write_hold, write_hold_set
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
        waits = []
        for throttle, _key in counted:
            if SimpleRateThrottle.allow_request(throttle, request, view):
                throttle.hit = (throttle.key, throttle.now)
            else:
                waits.append(SimpleRateThrottle.wait(throttle) or 0.0)
        return waits
    # Django's Redis cache has no public way to run a script; its client is the documented
    # redis-py client, and keys get the cache's prefix and version like every cache key, plus
    # their own prefix: a key DRF's throttle left (a pickled list) is never read as a window.
    client = cache._cache.get_client(write=True)
    now = counted[0][0].timer()
    arguments = [now, uuid.uuid4().hex]
    for throttle, _key in counted:
        arguments += [throttle.num_requests, throttle.duration]
    windows = [cache.make_and_validate_key(f"window:{key}") for _throttle, key in counted]

    def run_windows() -> list:
        return client.register_script(_SLIDING_WINDOWS)(keys=windows, args=arguments, client=client)

    # Without Redis every throttle lets the request through (docs/operations-cache-outage.md).
    answers = (
        cache.guarded(run_windows, []) if isinstance(cache, FailOpenRedisCache) else run_windows()
    )
    # No answers when Redis is down (fail open): then nothing was recorded to give back.
    for (throttle, _key), window, answer in zip(counted, windows, answers, strict=False):
        if float(answer) < 0:
            throttle.hit = (window, arguments[1])
    return [wait for answer in answers if (wait := float(answer)) >= 0]


def throttle_hits_release(throttles: Iterable[SettingRateThrottle]) -> None:
    """Gives back the hits `throttle_waits` recorded for this request: the write they allowed
    did not happen (invalid, refused, stale), and only successful writes count."""
    cache = caches["default"]
    for throttle in throttles:
        hit = getattr(throttle, "hit", None)
        if hit is None:
            continue
        throttle.hit = None
        key, member = hit
        if isinstance(cache, RedisCache):

            def give_back(key=key, member=member) -> None:
                cache._cache.get_client(write=True).zrem(key, member)

            if isinstance(cache, FailOpenRedisCache):
                cache.guarded(give_back, None)
            else:
                give_back()
        else:
            history = list(throttle.cache.get(key, []))
            if member in history:
                history.remove(member)
                throttle.cache.set(key, history, throttle.duration)


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


_NOT_DONE = "_wsis_write_not_done"


def write_not_done(request) -> None:
    """Marks a throttled page's POST whose write did not happen although the page redirects
    (e.g. a refused move, told in a message): its hit is given back."""
    setattr(request, _NOT_DONE, True)


def _write_done(request, response) -> bool:
    # Pages answer a successful POST with a redirect (post/redirect/get); a form shown again
    # (its errors, a conflict) or a refusal wrote nothing.
    return 300 <= response.status_code < 400 and not getattr(request, _NOT_DONE, False)


def _too_many_requests(request, seconds: int):
    response = render(request, "wsis/too_many_requests.html", {"retry_after": seconds}, status=429)
    response.headers["Retry-After"] = str(seconds)
    return response


def throttle_writes(*throttle_classes: type[SettingRateThrottle], keeps_form: bool = False):
    """A page's POST within the throttles' limits. Only successful writes count: the hit of a
    POST that wrote nothing is given back.

    Past a limit, a page without a form answers 429 and does nothing. A page with a form
    (`keeps_form`) still runs, but `wsis.form_holds.write_allowed` is false: the form comes back
    with everything typed and the reason, with 429 and Retry-After. Should such a view forget to
    ask, whatever it wrote is rolled back and the 429 page answers."""

    def decorator(view):
        @wraps(view)
        def throttled_view(request, *args, **kwargs):
            if request.method in SAFE_METHODS or write_hold(request) is not None:
                return view(request, *args, **kwargs)
            throttles = [cls() for cls in throttle_classes]
            waits = throttle_waits(request, throttles)
            if not waits:
                response = view(request, *args, **kwargs)
                if not _write_done(request, response):
                    throttle_hits_release(throttles)
                return response
            seconds = ceil(max(waits))
            if not keeps_form:
                return _too_many_requests(request, seconds)
            hold = WriteHold(
                message=_(
                    "You have sent many submissions in a short time, so this one was not saved. "
                    "Everything you typed is still here: try again in %(minutes)s minutes."
                )
                % {"minutes": ceil(seconds / 60)},
                status=429,
                retry_after=seconds,
            )
            write_hold_set(request, hold)
            with transaction.atomic():
                response = view(request, *args, **kwargs)
                if not hold.consulted:
                    transaction.set_rollback(True)
            if not hold.consulted or _write_done(request, response):
                return _too_many_requests(request, seconds)
            response.status_code = 429
            response.headers["Retry-After"] = str(seconds)
            return response

        return throttled_view

    return decorator


class SubmissionThrottledMixin:
    """A viewset whose `submission_actions` also pass SubmissionThrottle when they write."""

    submission_actions: tuple[str, ...] = ()

    def get_throttles(self):
        throttles = super().get_throttles()
        if self.action in self.submission_actions and self.request.method not in SAFE_METHODS:
            self.submission_throttle = SubmissionThrottle()
            throttles.append(self.submission_throttle)
        return throttles

    def finalize_response(self, request, response, *args, **kwargs):
        # Only successful writes count: an invalid, refused or stale one gives its hit back.
        throttle = getattr(self, "submission_throttle", None)
        if throttle is not None and not 200 <= response.status_code < 300:
            throttle_hits_release([throttle])
        return super().finalize_response(request, response, *args, **kwargs)
