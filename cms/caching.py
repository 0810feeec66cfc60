"""What of the content management is cached, and when it is invalidated.

Every page served by Wagtail is stored whole for anonymous visitors under the "cms" namespace
and the namespaces of what it shows (`PortalPage.cache_namespaces`), see `cms.views.serve`.
Publishing, unpublishing, scheduled publication, moving or deleting a page moves the "cms"
generation on (`cms.receivers`); the menu and footer appear on every page of the portal, so
saving them moves every namespace on. This module is the one place that calls the core's cache
library, so the core can be reorganised without touching the receivers. The costly reads of the
live blocks and of every page's languages are cached here, around the pure selectors they wrap.
"""

from django.utils.translation import get_language

from cms import selectors
from cms.enums import CMS_NAMESPACE
from cms.selectors import HUB_NAMESPACES, LiveContent, LivePages
from hubs import selectors as hubs
from wsis import caching as core_caching
from wsis.caching.reference import reference_lists


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


def cms_live_pages() -> LivePages:
    """The live pages' addresses (`selectors.live_pages`), read once per "cms" generation: the
    links of blocks and the `hreflang` alternates of every page cost no query."""
    return cms_cache_computed(
        "cms-live-pages", [CMS_NAMESPACE], "all", selectors.live_pages, timeout=3600
    )


def cms_page_languages(page, request) -> dict:
    """What the layout says of a page's languages (`selectors.page_languages`), from the cached
    live pages' addresses."""
    return selectors.page_languages(page, request, cms_live_pages())


def cms_portal_figures() -> dict[str, int]:
    """The portal's figures (`selectors.portal_figures`), counted once per stocktaking
    generation."""
    return cms_cache_computed(
        "cms-figures", ["stocktaking"], "all", selectors.portal_figures, timeout=3600
    )


def cms_live_figures() -> LiveContent:
    """What the figures block shows."""
    return LiveContent(cms_portal_figures())


def cms_hub_live(subject: str):
    """The hub of `subject` ("action_line:<slug>", "action_line_id:<id>", "sdg:<number>",
    "gdc:<number>") for a hub block, through the hubs' selectors, read once per generation of
    what it shows and language; no hub (None) for a subject that does not exist. The subject is
    found in the cached reference lists (no query)."""
    kind, _sep, key = subject.partition(":")
    reference = reference_lists()
    lines_by_slug = {line.slug: line for line in reference.action_lines}
    subjects = {
        "action_line": (lines_by_slug, hubs.hub_for_action_line),
        "action_line_id": (
            {str(line.pk): line for line in reference.action_lines},
            hubs.hub_for_action_line,
        ),
        "sdg": ({str(sdg.number): sdg for sdg in reference.sdgs}, hubs.hub_for_sdg),
        "gdc": (
            {str(goal.number): goal for goal in reference.gdc_objectives},
            hubs.hub_for_gdc_objective,
        ),
    }
    found, read = subjects.get(kind, ({}, None))
    if key not in found:
        return LiveContent(None)
    target = found[key]
    name = f"{type(target).__name__}:{target.pk}:{get_language()}"
    return LiveContent(
        cms_cache_computed("cms-hub", HUB_NAMESPACES, name, lambda: read(target), timeout=3600)
    )
