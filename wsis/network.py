"""The client's address: one rule, one setting (PROXY_COUNT), for every reader.

The API throttles, the vote throttles, the vote integrity hashes, django-axes and the audit log
all ask `client_address(request)`; nothing else reads REMOTE_ADDR or X-Forwarded-For.

PROXY_COUNT is the number of reverse proxies of our own in front of the portal, each of which
appends the address it received the connection from to X-Forwarded-For. With 0 (the default)
the header is ignored entirely: anyone can send it, so it is never believed. With N, the client
is the Nth address from the right of the header: the one our outermost proxy saw. Addresses to
the left of it were written by the client itself and are ignored. A request that carries fewer
addresses than that did not come through every proxy (a probe on the host itself): REMOTE_ADDR.
"""

from __future__ import annotations

import ipaddress
from contextvars import ContextVar

from django.conf import settings
from django.http import HttpRequest, HttpResponse

# The address of the request being answered, for writers that are not handed the request (the
# audit log); None outside a request (tasks, management commands).
_current_client_address: ContextVar[str | None] = ContextVar("current_client_address", default=None)


def _valid(address: str) -> str | None:
    address = address.strip()
    if address.startswith("[") and "]" in address:  # "[2001:db8::1]:443"
        address = address[1 : address.index("]")]
    elif address.count(":") == 1:  # "203.0.113.9:51234"
        address = address.split(":", 1)[0]
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return None


def client_address(request: HttpRequest) -> str:
    """The client's IP address as far as the portal can trust it (see the module's docstring);
    "" when even REMOTE_ADDR is not an address."""
    remote = _valid(request.META.get("REMOTE_ADDR", "")) or ""
    proxies = settings.PROXY_COUNT
    if proxies <= 0:
        return remote
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
    if len(forwarded) < proxies:
        return remote
    return _valid(forwarded[-proxies]) or remote


def current_client_address() -> str | None:
    """The client address of the request being answered in this context, if any."""
    return _current_client_address.get()


def axes_client_address(request: HttpRequest) -> str:
    """django-axes' AXES_CLIENT_IP_CALLABLE: the same address as everywhere else."""
    return client_address(request)


class ClientAddressMiddleware:
    """Makes the request's client address known to code that is not handed the request (the
    audit log) for the time of the request."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = _current_client_address.set(client_address(request) or None)
        try:
            return self.get_response(request)
        finally:
            _current_client_address.reset(token)
