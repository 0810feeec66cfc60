"""The portal's page types: the home page, standard pages, news and the document library.

Every page is served through `cms.views.serve`, from the whole-page cache for anonymous
visitors; `cache_namespaces` names what a page shows besides its own content, so that a change
there (an entry approved, a session added) renders it afresh.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.paginator import Paginator
from django.db import models
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from cms.blocks import DOCUMENT_BLOCKS, HOME_BLOCKS, STANDARD_BLOCKS
from cms.enums import CMS_NAMESPACE

NEWS_PER_PAGE = 10


class PortalPage(Page):
    """What every page type of the portal shares: its cache namespaces, and its versions in the
    six languages (wagtail-localize). A page has the same address in every language but for the
    language prefix (`/about/`, `/fr/about/`): its slug is the source's, so the language switcher
    and a link from one language to another land on the same page."""

    # The cache namespaces of what the page shows besides its blocks (its own content: "cms").
    shown_namespaces: tuple[str, ...] = (CMS_NAMESPACE,)
    override_translatable_fields = [SynchronizedField("slug", overridable=False)]

    class Meta:
        abstract = True

    @property
    def cache_namespaces(self) -> tuple[str, ...]:
        """What the page shows: its own namespaces, and a hub's when a block embeds one (a hub
        change renders the page afresh)."""
        # The selectors read the page models (HUB_NAMESPACES is the hubs' list of namespaces).
        from cms.selectors import HUB_NAMESPACES

        body = getattr(self, "body", None)
        kinds = {block.get("type") for block in body.raw_data} if body is not None else set()
        if "hub" in kinds:
            return tuple(dict.fromkeys((*self.shown_namespaces, *HUB_NAMESPACES)))
        return self.shown_namespaces

    def get_context(self, request, *args, **kwargs):
        # A page's context is a view's work: the caching module sits above the models.
        from cms.caching import cms_page_languages

        context = super().get_context(request, *args, **kwargs)
        context.update(cms_page_languages(self, request))
        return context


class HomePage(PortalPage):
    # The home pages of the six languages are siblings under the tree's root: their slugs differ
    # (and never show in an address).
    override_translatable_fields: list = []

    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(HOME_BLOCKS, blank=True, verbose_name=_("blocks"))

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    parent_page_types = ["wagtailcore.Page"]
    max_count = 1
    template = "cms/home_page.html"
    # The live blocks show stocktaking entries, prize phases, sessions and outcomes.
    shown_namespaces = (CMS_NAMESPACE, "core", "stocktaking", "prizes", "events")

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        if not self.body:
            # A page's context is a view's work: selectors sit above the models.
            from wsis import selectors

            context["action_lines"] = selectors.action_lines_all()
        return context


class StandardPage(PortalPage):
    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(STANDARD_BLOCKS, blank=True, verbose_name=_("content"))
    action_line = models.ForeignKey(
        "wsis.ActionLine",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Action Line"),
        help_text=_(
            "For an Action Line's page: it then links to the line's stocktaking entries, prize "
            "category, roadmap and sessions."
        ),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("action_line"),
        FieldPanel("body"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]
    template = "cms/standard_page.html"

    def get_context(self, request, *args, **kwargs):
        # A page's context is a view's work: the selectors sit above the models.
        from cms import selectors

        context = super().get_context(request, *args, **kwargs)
        # A leaf in the default language has no subpages in any language (translations are of
        # the default language's pages): no query.
        leaf = self.numchild == 0 and self.locale_id == selectors.locale_ids().get(
            settings.LANGUAGE_CODE
        )
        context["subpages"] = (
            []
            if leaf
            else list(selectors.children_in_visitor_language(self, Page).order_by("path"))
        )
        return context

    class Meta:
        verbose_name = _("standard page")


class NewsIndexPage(RoutablePageMixin, PortalPage):
    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    subpage_types = ["cms.NewsPage"]
    template = "cms/news_index_page.html"

    class Meta:
        verbose_name = _("news index")

    def news_items(self):
        # A page's context is a view's work: the selectors sit above the models.
        from cms import selectors

        return selectors.news_of_index(self)

    @path("")
    def news_list(self, request):
        items = self.news_items()
        topic = request.GET.get("topic", "")
        if topic:
            items = items.filter(topics__slug=topic)
        page = Paginator(items, NEWS_PER_PAGE).get_page(request.GET.get("page"))
        return self.render(request, context_overrides={"news_page": page, "topic": topic})

    @path("feed/", name="feed")
    def feed(self, request):
        feed = Atom1Feed(
            title=self.title,
            link=self.get_full_url(request),
            description=self.intro,
            language=get_language(),
            feed_url=self.get_full_url(request) + "feed/",
        )
        for item in self.news_items()[:20]:
            published = item.first_published_at or timezone.now()
            feed.add_item(
                title=item.title,
                link=item.get_full_url(request),
                description=item.summary,
                pubdate=published,
                updateddate=item.last_published_at or published,
                unique_id=item.get_full_url(request),
                categories=[tag.name for tag in item.topics.all()],
            )
        response = HttpResponse(content_type="application/atom+xml; charset=utf-8")
        feed.write(response, "utf-8")
        return response


class NewsPageTopic(TaggedItemBase):
    content_object = ParentalKey(
        "cms.NewsPage", on_delete=models.CASCADE, related_name="tagged_topics"
    )


class NewsPage(PortalPage):
    date = models.DateField(_("date"), default=dt.date.today)
    summary = models.TextField(
        _("summary"), max_length=400, help_text=_("Shown in lists, the feed and the mail.")
    )
    body = StreamField(STANDARD_BLOCKS, blank=True, verbose_name=_("content"))
    topics = ClusterTaggableManager(through=NewsPageTopic, blank=True, verbose_name=_("topics"))
    action_lines = ParentalManyToManyField(
        "wsis.ActionLine", blank=True, related_name="+", verbose_name=_("Action Lines")
    )
    sdgs = ParentalManyToManyField("wsis.Sdg", blank=True, related_name="+", verbose_name=_("SDGs"))
    notify_subscribers = models.BooleanField(
        _("notify subscribers"),
        default=False,
        help_text=_(
            "When first published, mail the summary to everyone who subscribed to the news."
        ),
    )
    subscribers_notified_at = models.DateTimeField(
        _("subscribers notified"), null=True, blank=True, editable=False
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("date"),
        FieldPanel("summary"),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("topics"), FieldPanel("action_lines"), FieldPanel("sdgs")],
            heading=_("Tags"),
        ),
        FieldPanel("notify_subscribers"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("summary"), index.SearchField("body")]
    parent_page_types = ["cms.NewsIndexPage"]
    subpage_types: list[str] = []
    template = "cms/news_page.html"
    exclude_fields_in_copy = ["subscribers_notified_at"]

    class Meta:
        verbose_name = _("news item")
        verbose_name_plural = _("news items")


class DocumentLibraryPage(PortalPage):
    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    subpage_types = ["cms.PolicyDocumentPage"]
    template = "cms/document_library_page.html"

    class Meta:
        verbose_name = _("document library")

    def get_context(self, request, *args, **kwargs):
        # A page's context is a view's work: cms.selectors imports these models.
        from cms import selectors

        context = super().get_context(request, *args, **kwargs)
        query = request.GET.get("q", "").strip()[:200]
        context["query"] = query
        context["documents"] = selectors.policy_documents_of_library(self, query=query)
        return context


class PolicyDocumentPage(RoutablePageMixin, PortalPage):
    summary = models.TextField(_("summary"), blank=True)
    document_date = models.DateField(_("date of the document"), null=True, blank=True)
    body = StreamField(DOCUMENT_BLOCKS, blank=True, verbose_name=_("text"))
    action_lines = ParentalManyToManyField(
        "wsis.ActionLine", blank=True, related_name="+", verbose_name=_("Action Lines")
    )
    sdgs = ParentalManyToManyField("wsis.Sdg", blank=True, related_name="+", verbose_name=_("SDGs"))
    gdc_objectives = ParentalManyToManyField(
        "wsis.GdcObjective", blank=True, related_name="+", verbose_name=_("GDC objectives")
    )
    # The SHA-256 of the imported text file: importing the same file again finds this page.
    source_sha256 = models.CharField(_("source file"), max_length=64, blank=True, editable=False)

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("document_date"),
        FieldPanel("body"),
        InlinePanel("footnotes", label=_("Footnotes")),
        MultiFieldPanel(
            [FieldPanel("action_lines"), FieldPanel("sdgs"), FieldPanel("gdc_objectives")],
            heading=_("Tags"),
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.RelatedFields("footnotes", [index.SearchField("text")]),
    ]
    parent_page_types = ["cms.DocumentLibraryPage"]
    subpage_types: list[str] = []
    template = "cms/policy_document_page.html"
    exclude_fields_in_copy = ["source_sha256"]

    class Meta:
        verbose_name = _("policy document")
        constraints = [
            models.UniqueConstraint(
                fields=("source_sha256",),
                condition=~models.Q(source_sha256=""),
                name="cms_policy_document_source_once",
            )
        ]

    def table_of_contents(self) -> list[dict]:
        """The headings and annexes, in order, with their anchors (`section-<n>`)."""
        entries = []
        for position, block in enumerate(self.body):
            if block.block_type in ("heading", "annex"):
                value = block.value
                entries.append(
                    {
                        "anchor": f"section-{position}",
                        "kind": block.block_type,
                        "number": value.get("number", ""),
                        "text": value.get("text") or value.get("title"),
                        "level": int(value.get("level") or 2),
                    }
                )
        return entries

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["toc"] = self.table_of_contents()
        context["footnote_list"] = list(self.footnotes.all())
        return context

    @path("print/", name="print")
    def print_view(self, request):
        return TemplateResponse(
            request, "cms/policy_document_print.html", self.get_context(request)
        )

    @path("pdf/", name="pdf")
    def pdf_view(self, request):
        # A routable path is a view: cms.documents imports these models.
        from cms.documents import policy_document_pdf

        response = HttpResponse(policy_document_pdf(self), content_type="application/pdf")
        filename = slugify(self.title)[:80] or "document"
        response["Content-Disposition"] = f'attachment; filename="{filename}.pdf"'
        return response


class PolicyDocumentFootnote(TranslatableMixin, Orderable):
    """A note of a policy document: translated with its page (wagtail-localize), each
    translation of the page has its own."""

    page = ParentalKey(PolicyDocumentPage, on_delete=models.CASCADE, related_name="footnotes")
    number = models.CharField(_("number"), max_length=10)
    text = models.TextField(_("text"))

    panels = [FieldPanel("number"), FieldPanel("text")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("footnote")

    def __str__(self) -> str:
        return f"{self.number} {self.text[:60]}"
