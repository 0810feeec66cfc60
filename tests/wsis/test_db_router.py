"""Where a request reads: the replica for anonymous safe requests, the primary for writers.

The router is active only with DATABASE_REPLICA_URL (the cluster, `make cluster`); its decisions
are checked here through the middleware, and against a real streaming replica by the cluster's
fault test (scripts/cluster/faults.py)."""

import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from wsis.db_router import STICKY_COOKIE, PrimaryReplicaRouter, ReplicaReadsMiddleware
from wsis.models import User

router = PrimaryReplicaRouter()


def _reads_during(request) -> tuple[str, HttpResponse]:
    seen = {}

    def view(request):
        seen["read"] = router.db_for_read(User)
        seen["write"] = router.db_for_write(User)
        return HttpResponse("ok")

    response = ReplicaReadsMiddleware(view)(request)
    assert seen["write"] == "default"
    return seen["read"], response


@pytest.mark.parametrize("method", ["get", "head", "options"])
def test_an_anonymous_safe_request_reads_from_the_replica(method):
    read, response = _reads_during(getattr(RequestFactory(), method)("/stocktaking/"))
    assert read == "replica"
    assert STICKY_COOKIE not in response.cookies


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_a_write_reads_from_the_primary_and_sticks_there(method, settings):
    settings.DB_PRIMARY_STICKY_SECONDS = 15
    read, response = _reads_during(getattr(RequestFactory(), method)("/stocktaking/mine/new/"))
    assert read == "default"
    assert response.cookies[STICKY_COOKIE]["max-age"] == 15
    assert response.cookies[STICKY_COOKIE]["httponly"] is True


def test_after_a_write_the_writer_reads_their_write_from_the_primary():
    request = RequestFactory().get("/stocktaking/mine/")
    request.COOKIES[STICKY_COOKIE] = "1"
    assert _reads_during(request)[0] == "default"


def test_a_token_client_always_reads_from_the_primary():
    request = RequestFactory().get("/api/v1/stocktaking/entries/", HTTP_AUTHORIZATION="Token x")
    assert _reads_during(request)[0] == "default"


def test_outside_a_request_everything_is_on_the_primary():
    assert router.db_for_read(User) == "default"
    assert router.allow_migrate("replica", "wsis") is False
    assert router.allow_migrate("default", "wsis") is True


def test_a_failing_replica_is_answered_from_the_primary_and_paused(monkeypatch):
    from django.db import OperationalError

    from wsis import db_router

    monkeypatch.setattr(db_router, "_replica_paused_until", 0.0)
    monkeypatch.setattr(db_router, "connections", {"replica": _Closable()})
    reads = []

    def view(request):
        reads.append(router.db_for_read(User))
        if reads[-1] == "replica":
            raise OperationalError("the replica is restarting")
        return HttpResponse("from the primary")

    handler = _handler_with(view)
    middleware = ReplicaReadsMiddleware(handler)
    handler.middleware = middleware
    response = middleware(RequestFactory().get("/stocktaking/"))
    assert response.status_code == 200
    assert response.content == b"from the primary"
    assert reads == ["replica", "default"]
    # The next anonymous request goes straight to the primary while the replica is paused.
    assert _reads_during(RequestFactory().get("/stocktaking/"))[0] == "default"


class _Closable:
    def close(self):
        pass


def _handler_with(view):
    """What Django's handler does below the outermost middleware: a view's exception goes to
    the middleware's process_exception, then becomes a 500 response."""

    def handler(request):
        try:
            return view(request)
        except Exception as exc:  # noqa: BLE001 - the handler turns any exception into a 500
            handler.middleware.process_exception(request, exc)
            return HttpResponse(status=500)

    return handler
