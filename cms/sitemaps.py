"""/sitemap.xml: every public page of the portal, one section per kind (an index of sections,
each split into pages of at most 50,000 addresses, as the sitemap protocol allows)."""

from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import reverse
from wagtail.models import Page

from cms.selectors import roadmap_published
from events.selectors import events_public, outcomes_published, sessions_public
from roadmaps.selectors import action_lines_with_published_roadmap
from stocktaking.selectors import entries_public_listed


class CmsPagesSitemap(Sitemap):
    def items(self):
        pages = list(
            Page.objects.live()
            .filter(depth__gt=1, view_restrictions__isnull=True)
            .order_by("path")
            .only("id", "url_path", "last_published_at", "depth", "path", "locale_id")
        )
        # A page outside every site (a tree without a site) has no address to list.
        return [page for page in pages if page.get_url_parts()]

    def location(self, page):
        parts = page.get_url_parts()
        return parts[2] if parts else None

    def lastmod(self, page):
        return page.last_published_at


class EntriesSitemap(Sitemap):
    def items(self):
        return entries_public_listed().select_related(None).only("id", "slug", "approved_at")

    def lastmod(self, entry):
        return entry.approved_at

    def get_latest_lastmod(self):
        return self.items().aggregate(latest=Max("approved_at"))["latest"]


class OutcomesSitemap(Sitemap):
    def items(self):
        return outcomes_published().select_related(None).only("id", "published_at")

    def lastmod(self, outcome):
        return outcome.published_at

    def get_latest_lastmod(self):
        return self.items().aggregate(latest=Max("published_at"))["latest"]


class SessionsSitemap(Sitemap):
    def items(self):
        return sessions_public().prefetch_related(None).only("id", "number", "event__slug")


class EventsSitemap(Sitemap):
    def items(self):
        return events_public().prefetch_related(None).only("id", "slug").order_by("pk")


class RoadmapsSitemap(Sitemap):
    def items(self):
        return [line for line in action_lines_with_published_roadmap() if roadmap_published(line)]

    def location(self, line):
        return reverse("roadmaps:roadmap_detail", kwargs={"slug": line.slug})


class PortalSectionsSitemap(Sitemap):
    """The lists and indexes of the apps."""

    def items(self):
        return [
            "stocktaking:list",
            "prizes:index",
            "events:event_list",
            "events:outcome_list",
            "roadmaps:roadmap_index",
        ]

    def location(self, name):
        return reverse(name)


SITEMAPS = {
    "sections": PortalSectionsSitemap,
    "pages": CmsPagesSitemap,
    "entries": EntriesSitemap,
    "outcomes": OutcomesSitemap,
    "events": EventsSitemap,
    "sessions": SessionsSitemap,
    "roadmaps": RoadmapsSitemap,
}
