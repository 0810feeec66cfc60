"""One Celery beat sends, however many run: django-celery-beat's scheduler behind a Redis lock.

Every host may start a beat process; each tick, a process renews (or tries to take) the lock
`<cache key prefix>:beat:leader` in Redis for `BEAT_LOCK_SECONDS`. Only the holder sends due
tasks; the others wait and take over when the holder stops renewing (a crash, a host lost). The
leader writes each entry's last run to the database as soon as it sends it
(`sync_every_tasks = 1`), and a new leader reads the schedule from the database before its first
send, so a takeover does not send again what the last leader sent. Without Redis (the local
default) there is one beat and no lock.
"""

from __future__ import annotations

import logging
import os
import socket
import uuid

import redis
from django.conf import settings
from django_celery_beat.schedulers import DatabaseScheduler

logger = logging.getLogger(__name__)

# Take the lock if free; renew it if this process holds it. Returns 1 when held afterwards.
_ACQUIRE_OR_RENEW = """
local holder = redis.call('GET', KEYS[1])
if holder == false then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
  return 1
elseif holder == ARGV[1] then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return 1
end
return 0
"""
_RELEASE = """
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
"""


class LockedDatabaseScheduler(DatabaseScheduler):
    """`DatabaseScheduler` that sends only while it holds the beat lock."""

    sync_every_tasks = 1

    def __init__(self, *args, **kwargs):
        # One lock per site sharing a Redis (the cache's key prefix names the site).
        self._lock_key = f"{settings.CACHES['default'].get('KEY_PREFIX') or 'wsis'}:beat:leader"
        self._lock_id = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
        self._leader = False
        redis_url = settings.REDIS_URL
        self._redis = redis.Redis.from_url(redis_url) if redis_url else None
        super().__init__(*args, **kwargs)

    def _hold_lock(self) -> bool:
        if self._redis is None:
            return True
        try:
            held = bool(
                self._redis.eval(
                    _ACQUIRE_OR_RENEW,
                    1,
                    self._lock_key,
                    self._lock_id,
                    settings.BEAT_LOCK_SECONDS * 1000,
                )
            )
        except redis.RedisError as exc:
            # Without Redis nobody can prove leadership: send nothing rather than twice.
            logger.warning("beat: the lock is unreachable (%s); not sending", type(exc).__name__)
            held = False
        if held and not self._leader:
            logger.info("beat: %s holds the lock and sends", self._lock_id)
            # Read what the previous leader recorded before sending anything.
            self._initial_read = True
            self._heap = None
        elif not held and self._leader:
            logger.info("beat: %s lost the lock", self._lock_id)
        self._leader = held
        return held

    def tick(self, *args, **kwargs):
        if not self._hold_lock():
            return min(self.max_interval, max(settings.BEAT_LOCK_SECONDS / 3, 1))
        # Never sleep past the lock's renewal.
        return min(super().tick(*args, **kwargs), settings.BEAT_LOCK_SECONDS / 3)

    def close(self):
        if self._redis is not None and self._leader:
            try:
                self._redis.eval(_RELEASE, 1, self._lock_key, self._lock_id)
            except redis.RedisError:
                logger.warning("beat: could not release the lock; it expires by itself")
        super().close()
