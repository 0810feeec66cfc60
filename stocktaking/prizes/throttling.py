"""Vote throttles per person and per IP address, shared by the voting page and the API; the
core's rate mechanism (wsis/throttling.py) with the rates PRIZES_VOTE_RATE_USER and _IP."""

from wsis.throttling import SettingRateThrottle, throttle_waits


class VoteUserThrottle(SettingRateThrottle):
    scope = "prize_vote_user"
    rate_setting = "PRIZES_VOTE_RATE_USER"

    def get_cache_key(self, request, view):
        if not request.user.is_authenticated:
            return None
        return self.cache_format % {"scope": self.scope, "ident": request.user.pk}


class VoteIpThrottle(SettingRateThrottle):
    # A school or company network shares one address, hence its higher rate.
    scope = "prize_vote_ip"
    rate_setting = "PRIZES_VOTE_RATE_IP"

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


def vote_throttled(request) -> bool:
    """True when the person or their address has voted too often lately (HTML voting page)."""
    return bool(throttle_waits(request, [VoteUserThrottle(), VoteIpThrottle()]))
