"""Reads that may lag a little go to the streaming replica; everything else to the primary.

`ReplicaReadsMiddleware` decides per request, before anything reads: a GET or HEAD from a visitor
who has not written in the last `DB_PRIMARY_STICKY_SECONDS` (no `wsis_primary` cookie) and sends
no API token may read from the replica: anonymous pages, public API lists, exports. A request
that writes (any other method) reads and writes on the primary and leaves the cookie behind, so
the person who just wrote reads their own write on the next pages (read-your-writes). Token
clients always read from the primary: they carry no cookie to remember their writes by. Celery
tasks, management commands and the shell never pass the middleware and use the primary.

Active only when `DATABASE_REPLICA_URL` is set (settings add the router then)."""

from __future__ import annotations

import contextvars
import logging
import time

from django.conf import settings
from django.db import InterfaceError, OperationalError, connections

logger = logging.getLogger(__name__)

STICKY_COOKIE = "wsis_primary"
# After the replica fails a request, reads stay on the primary this long (per process).
REPLICA_PAUSE_SECONDS = 10.0
_replica_paused_until = 0.0
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

_reads_from: contextvars.ContextVar[str] = contextvars.ContextVar(
    "wsis_reads_from", default="default"
)


class PrimaryReplicaRouter:
    """The database router: reads where the current request may read, writes on the primary."""

    def db_for_read(self, model, **hints):
        return _reads_from.get()

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        # The replica holds the primary's rows: objects of both are the same data.
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == "default"


def request_may_read_replica(request) -> bool:
    return (
        time.monotonic() >= _replica_paused_until
        and request.method in SAFE_METHODS
        and STICKY_COOKIE not in request.COOKIES
        and "HTTP_AUTHORIZATION" not in request.META
    )


class ReplicaReadsMiddleware:
    """Sets where this request reads (see the module's docstring) and remembers a writer."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        global _replica_paused_until  # one pause per process, read by every request
        token = _reads_from.set("replica" if request_may_read_replica(request) else "default")
        try:
            response = self.get_response(request)
            if getattr(request, "_wsis_replica_failed", False):
                # The replica is down or restarting: answer this safe request from the primary
                # and keep reads there for a while, so a replica outage costs no error.
                logger.warning("the replica failed a read; reads go to the primary for a while")
                _replica_paused_until = time.monotonic() + REPLICA_PAUSE_SECONDS
                connections["replica"].close()
                _reads_from.set("default")
                response = self.get_response(request)
        finally:
            _reads_from.reset(token)
        if request.method not in SAFE_METHODS:
            response.set_cookie(
                STICKY_COOKIE,
                "1",
                max_age=settings.DB_PRIMARY_STICKY_SECONDS,
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
        return response

    def process_exception(self, request, exception):
        if _reads_from.get() == "replica" and isinstance(
            exception, OperationalError | InterfaceError
        ):
            request._wsis_replica_failed = True


def replica_lag_seconds() -> float | None:
    """How far the replica's replay is behind, for operators (`/readyz`); None without one."""
    if "replica" not in settings.DATABASES:
        return None
    with connections["replica"].cursor() as cursor:
        cursor.execute(
            "SELECT CASE WHEN pg_is_in_recovery() THEN COALESCE(EXTRACT(EPOCH FROM "
            "now() - pg_last_xact_replay_timestamp()), 0) ELSE 0 END"
        )
        return float(cursor.fetchone()[0])
