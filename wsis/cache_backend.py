"""A Redis cache that fails open: an outage of Redis slows the portal down, never takes it down.

`FailOpenRedisCache` is Django's own `RedisCache` whose every operation, when Redis cannot be
reached (refused, reset, timed out), answers what an empty cache would: a miss for reads, nothing
stored for writes, `delta` for `incr`, and True for `add` (a lock taken with it never waits).
Everything the portal caches (pages, generations, rows, counts, throttle windows) therefore falls
back to computing afresh, and writes whose integrity matters live in PostgreSQL anyway (one vote
per category, sessions, sign-in lockouts).

What the outage costs, and how the cache comes back (see docs/operations-cache-outage.md):

- One warning per process per minute (how many operations failed, and why), never a traceback
  per request.
- A circuit breaker: after a failure, operations skip Redis for RETRY_SECONDS (an OPTIONS entry,
  default 5) instead of each waiting for a connection timeout; then one operation tries again.
- Invalidations that could not reach Redis are kept in the process and replayed, before anything
  is read, by the first operation that reaches Redis again, and by a background timer every
  RETRY_SECONDS (a process may seldom use the cache): an `incr` (a generation bump) is
  incremented again, a `delete` deleted again. So a Redis that was only unreachable, and kept
  pages stored under the old generation, does not serve them after the content changed. A Redis
  that restarted empty has nothing stale to serve; its generations are seeded anew from
  `generation_seed()`, which is larger than any generation handed out before (see there).
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TypeVar

import redis.exceptions
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache

T = TypeVar("T")

logger = logging.getLogger("wsis.cache")

# What "Redis cannot be reached" looks like: refused or reset connections, timeouts, a server
# still loading its data (BusyLoadingError is a ConnectionError), DNS failures (OSError). Errors
# of our own making (a wrong command, a value of the wrong type) are not swallowed.
CACHE_UNAVAILABLE = (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError, OSError)

WARNING_INTERVAL_SECONDS = 60.0


def generation_seed() -> int:
    """A starting value for a generation counter that is missing from the cache: the wall clock in
    microseconds. A counter is only ever incremented by one per bump, so a counter seeded at time
    t stays below any seed taken later, until it has been bumped once per microsecond since t:
    a generation seeded after Redis lost its data is always larger than every generation handed
    out before, and no page, row or in-process memo stored under an old one can match it again.
    (The hosts' clocks are assumed to be kept by NTP; a skew only matters if it is larger than the
    time between the old seed and the restart.)"""
    return time.time_ns() // 1000


@dataclass
class _Health:
    """What this process knows about one Redis location (shared by every thread's backend)."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    skip_until: float = 0.0
    down: bool = False
    failures: int = 0
    last_warning: float = float("-inf")
    pending_incr: set[str] = field(default_factory=set)
    pending_delete: set[str] = field(default_factory=set)
    pending_clear: bool = False
    # Held for the whole of a replay: an operation waits for a replay under way to finish.
    replay_lock: threading.Lock = field(default_factory=threading.Lock)
    replay_timer: threading.Timer | None = None
    forgotten: bool = False

    def has_pending(self) -> bool:
        return bool(self.pending_incr or self.pending_delete or self.pending_clear)


_HEALTH: dict[str, _Health] = {}
_HEALTH_LOCK = threading.Lock()


def forget_outages() -> None:
    """Forgets what this process knows of every location and stops its replay timers (tests)."""
    with _HEALTH_LOCK:
        for health in _HEALTH.values():
            health.forgotten = True
            if health.replay_timer is not None:
                health.replay_timer.cancel()
        _HEALTH.clear()


def _health_of(location: str) -> _Health:
    with _HEALTH_LOCK:
        return _HEALTH.setdefault(location, _Health())


class FailOpenRedisCache(RedisCache):
    """Django's RedisCache, failing open (see the module's docstring). OPTIONS take, besides
    redis-py's connection options (`socket_connect_timeout`, `socket_timeout`), RETRY_SECONDS:
    how long after a failure Redis is left alone before the next try."""

    def __init__(self, server, params):
        params = dict(params)
        options = dict(params.get("OPTIONS") or {})
        self.retry_seconds = float(options.pop("RETRY_SECONDS", 5))
        params["OPTIONS"] = options
        super().__init__(server, params)
        location = server if isinstance(server, str) else ",".join(server)
        self._health = _health_of(f"{location}|{self.key_prefix}")

    # --- The guard ---

    def _guarded(
        self,
        call: Callable[[], T],
        fallback: T,
        *,
        incr: Iterable[str] = (),
        delete: Iterable[str] = (),
        clear: bool = False,
    ) -> T:
        """`call()`, or `fallback` when Redis cannot be reached; an invalidation that failed
        (`incr`, `delete`, `clear`: already made keys) is kept to be replayed on recovery."""
        health = self._health
        if health.down and time.monotonic() < health.skip_until:
            self._failed(None, incr=incr, delete=delete, clear=clear)
            return fallback
        try:
            if health.has_pending() or health.replay_lock.locked():
                self._replay()
            result = call()
        except CACHE_UNAVAILABLE as exc:
            self._failed(exc, incr=incr, delete=delete, clear=clear)
            return fallback
        if health.down:
            with health.lock:
                health.down = False
            logger.info("Cache reachable again: caching resumes.")
        return result

    def _failed(
        self,
        exc: BaseException | None,
        *,
        incr: Iterable[str] = (),
        delete: Iterable[str] = (),
        clear: bool = False,
    ) -> None:
        health = self._health
        now = time.monotonic()
        with health.lock:
            if exc is not None:
                health.down = True
                health.skip_until = now + self.retry_seconds
            health.failures += 1
            health.pending_incr.update(incr)
            health.pending_delete.update(delete)
            health.pending_clear = health.pending_clear or clear
            self._schedule_replay()
            warn = now - health.last_warning >= WARNING_INTERVAL_SECONDS and exc is not None
            if warn:
                failures, health.failures = health.failures, 0
                health.last_warning = now
        if warn:
            # No traceback: the cause is outside the portal, and one line a minute says it all.
            logger.warning(
                "Cache unreachable (%s: %s): serving uncached; %d cache operations failed since "
                "the last warning; next warning in a minute at the earliest.",
                type(exc).__name__,
                exc,
                failures,
            )

    def _replay(self) -> None:
        """Replays the invalidations that failed during the outage, before anything is read."""
        health = self._health
        with health.replay_lock:
            with health.lock:
                incr, health.pending_incr = health.pending_incr, set()
                delete, health.pending_delete = health.pending_delete, set()
                clear, health.pending_clear = health.pending_clear, False
            try:
                if clear:
                    self._cache.clear()
                if delete:
                    self._cache.delete_many(list(delete))
                for key in incr:
                    # Gone (Redis restarted empty): it is seeded anew when next read.
                    with contextlib.suppress(ValueError):
                        self._cache.incr(key, 1)
            except Exception:
                with health.lock:
                    health.pending_incr |= incr
                    health.pending_delete |= delete
                    health.pending_clear = health.pending_clear or clear
                raise

    def _schedule_replay(self) -> None:
        """With invalidations pending, tries them again every RETRY_SECONDS in the background
        until they reach Redis: a process that seldom uses the cache (a Celery worker that bumped
        a generation) must not leave pages stale until its next cache operation. Called with the
        health lock held."""
        health = self._health
        if not health.has_pending() or health.forgotten:
            return
        if health.replay_timer is not None and health.replay_timer.is_alive():
            return
        timer = threading.Timer(max(self.retry_seconds, 0.5), self._replay_in_background)
        timer.daemon = True
        health.replay_timer = timer
        timer.start()

    def _replay_in_background(self) -> None:
        health = self._health
        if health.forgotten or not health.has_pending():
            return
        try:
            self._replay()
        except CACHE_UNAVAILABLE:
            with health.lock:
                health.replay_timer = None
                self._schedule_replay()
            return
        except Exception:
            # Not an outage: left to the next operation, which raises it where it can be seen.
            logger.exception("Replaying the cache invalidations of an outage failed.")
            return
        if health.down:
            with health.lock:
                health.down = False
            logger.info("Cache reachable again: caching resumes.")

    def guarded(self, call: Callable[[], T], fallback: T) -> T:
        """For a caller that talks to the redis-py client itself (the throttles' script)."""
        return self._guarded(call, fallback)

    def ping(self) -> bool:
        """Whether Redis answers, asked for real (the readiness probe); raises when it does not."""
        return bool(self._cache.get_client(write=True).ping())

    # --- Django's cache API ---

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        # True, as if stored: a lock built on `add` (allauth's rate limits take one) must not
        # wait for a Redis that is down and then refuse the sign-in.
        return self._guarded(
            lambda: super(FailOpenRedisCache, self).add(key, value, timeout, version), True
        )

    def get(self, key, default=None, version=None):
        return self._guarded(
            lambda: super(FailOpenRedisCache, self).get(key, default, version), default
        )

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self._guarded(
            lambda: super(FailOpenRedisCache, self).set(key, value, timeout, version), None
        )

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guarded(
            lambda: super(FailOpenRedisCache, self).touch(key, timeout, version), False
        )

    def delete(self, key, version=None):
        made = self.make_and_validate_key(key, version=version)
        return self._guarded(
            lambda: super(FailOpenRedisCache, self).delete(key, version), False, delete=[made]
        )

    def get_many(self, keys, version=None):
        return self._guarded(lambda: super(FailOpenRedisCache, self).get_many(keys, version), {})

    def has_key(self, key, version=None):
        return self._guarded(lambda: super(FailOpenRedisCache, self).has_key(key, version), False)

    def incr(self, key, delta=1, version=None):
        made = self.make_and_validate_key(key, version=version)
        return self._guarded(
            lambda: super(FailOpenRedisCache, self).incr(key, delta, version), delta, incr=[made]
        )

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guarded(
            lambda: super(FailOpenRedisCache, self).set_many(data, timeout, version), list(data)
        )

    def delete_many(self, keys, version=None):
        keys = list(keys)
        made = [self.make_and_validate_key(key, version=version) for key in keys]
        self._guarded(
            lambda: super(FailOpenRedisCache, self).delete_many(keys, version), None, delete=made
        )

    def clear(self):
        return self._guarded(lambda: super(FailOpenRedisCache, self).clear(), False, clear=True)
