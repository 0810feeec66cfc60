from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from cms.selectors import site_navigation


def navigation(request: HttpRequest) -> dict:
    """The menu and footer the secretariat edits, from the cache when a template shows them
    (see `cms.selectors.site_navigation`)."""
    return {"cms_navigation": SimpleLazyObject(site_navigation)}
