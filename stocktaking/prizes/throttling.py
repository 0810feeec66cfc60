"""Vote throttles per person and per IP address, shared by the voting page and the API."""

from django.conf import settings
from rest_framework.throttling import SimpleRateThrottle

# Overridable in settings; a school or company network shares one address, hence the IP margin.
VOTE_RATE_USER = getattr(settings, "PRIZES_VOTE_RATE_USER", "30/minute")
VOTE_RATE_IP = getattr(settings, "PRIZES_VOTE_RATE_IP", "300/minute")


class VoteUserThrottle(SimpleRateThrottle):
    scope = "prize_vote_user"

    def get_rate(self):
        return VOTE_RATE_USER

    def get_cache_key(self, request, view):
        if not request.user.is_authenticated:
            return None
        return self.cache_format % {"scope": self.scope, "ident": request.user.pk}


class VoteIpThrottle(SimpleRateThrottle):
    scope = "prize_vote_ip"

    def get_rate(self):
        return VOTE_RATE_IP

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


def vote_throttled(request) -> bool:
    """True when the person or their address has voted too often lately (HTML voting page)."""
    return any(
        not throttle.allow_request(request, None)
        for throttle in (VoteUserThrottle(), VoteIpThrottle())
    )


def client_ip(request) -> str:
    return request.META.get("REMOTE_ADDR", "")
