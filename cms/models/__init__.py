"""The models of the portal's content management (see docs/cms.md)."""

from cms.models.images import PortalImage, PortalRendition
from cms.models.navigation import Navigation
from cms.models.pages import (
    DocumentLibraryPage,
    HomePage,
    NewsIndexPage,
    NewsPage,
    NewsPageTopic,
    PolicyDocumentFootnote,
    PolicyDocumentPage,
    PortalPage,
    StandardPage,
)
from cms.models.subscriptions import NewsSubscription

__all__ = [
    "DocumentLibraryPage",
    "HomePage",
    "Navigation",
    "NewsIndexPage",
    "NewsPage",
    "NewsPageTopic",
    "NewsSubscription",
    "PolicyDocumentFootnote",
    "PolicyDocumentPage",
    "PortalImage",
    "PortalPage",
    "PortalRendition",
    "StandardPage",
]
