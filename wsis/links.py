"""Absolute links to the portal, for what is read away from it (mails): one setting,
PORTAL_BASE_URL, the portal's public address, never the host a request happened to name."""

from urllib.parse import urlsplit

from django.conf import settings


def absolute_url(location: str) -> str:
    """`/stocktaking/entries/66-x/` → `https://wsis.example.org/stocktaking/entries/66-x/`. An
    absolute URL (from a library that built it from the request) keeps its path, query and
    fragment and takes the portal's scheme and host."""
    parts = urlsplit(location)
    path = parts.path if parts.path.startswith("/") else f"/{parts.path}"
    query = f"?{parts.query}" if parts.query else ""
    fragment = f"#{parts.fragment}" if parts.fragment else ""
    return f"{settings.PORTAL_BASE_URL.rstrip('/')}{path}{query}{fragment}"
