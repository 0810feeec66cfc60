"""What of the content management is cached, and when it is invalidated.

Every page served by Wagtail is stored whole for anonymous visitors under the "cms" namespace
and the namespaces of what it shows (`PortalPage.cache_namespaces`), see `cms.views.serve`.
Publishing, unpublishing, scheduled publication, moving or deleting a page moves the "cms"
generation on (`cms.receivers`); the menu and footer appear on every page of the portal, so
saving them moves every namespace on. This module is the one place that calls the core's cache
library, so the core can be reorganised without touching the receivers.
"""

from cms.enums import CMS_NAMESPACE
from wsis import caching as core_caching


def cms_cache_bump() -> None:
    """Every cached CMS page is rendered afresh once the current transaction commits."""
    core_caching.public_cache_bump(CMS_NAMESPACE)


def cms_cache_bump_everywhere() -> None:
    """Every cached page of the portal is rendered afresh (the menu or footer changed)."""
    core_caching.public_cache_bump(*core_caching.PUBLIC_NAMESPACES)


def cms_cache_page(*namespaces: str):
    """The core's whole-page cache for a page showing these namespaces."""
    return core_caching.cache_public_page(*namespaces)


def cms_cache_until(request, moment) -> None:
    """The page being rendered changes by itself at `moment` (a prize phase starts)."""
    core_caching.public_cache_until(request, moment)


def cms_cache_computed(prefix: str, namespaces, key: str, compute, *, timeout: int):
    return core_caching.public_cache_computed(prefix, namespaces, key, compute, timeout=timeout)
