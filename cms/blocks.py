"""The StreamField blocks of the portal's pages.

Rich text is cleaned on save (`SanitisedRichTextBlock`), an image is accepted only with its alt
text, embeds come from the providers of WAGTAILEMBEDS_FINDERS alone. The live blocks of the home
page (calls to action, latest entries, sessions, outcomes, news, figures) read through
`cms.selectors`, which read through the apps' own selectors.
"""

from django.core.exceptions import ValidationError
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock
from wagtail.models import Page

from cms.sanitising import rich_text_sanitise

RICH_TEXT_FEATURES = ["h2", "h3", "h4", "bold", "italic", "ol", "ul", "link", "superscript", "hr"]


class SanitisedRichTextBlock(blocks.RichTextBlock):
    """Rich text stored through the portal's allow-list, whatever produced it."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("features", RICH_TEXT_FEATURES)
        super().__init__(*args, **kwargs)

    def get_prep_value(self, value):
        return rich_text_sanitise(super().get_prep_value(value))

    class Meta:
        icon = "pilcrow"


class AltTextImageBlock(ImageChooserBlock):
    """An image of the library, only once it has its alt text."""

    def clean(self, value):
        value = super().clean(value)
        if value is not None and not (value.alt_text or "").strip():
            raise ValidationError(
                _("“%(title)s” has no alt text yet: add it in the image library first."),
                params={"title": value.title},
            )
        return value


class LinkedPage(SimpleLazyObject):
    """A page chosen for a link, known by its id and live address (all a link shows); the page
    itself is loaded only when anything else of it is asked (the editor's form)."""

    def __init__(self, pk: int, url: str):
        super().__init__(lambda: Page.objects.get(pk=pk).specific)
        self.__dict__["pk"] = self.__dict__["id"] = pk
        self.__dict__["url"] = url


class LinkedPageChooserBlock(blocks.PageChooserBlock):
    """Wagtail's page chooser whose live pages are read from the index of live pages' addresses
    (`cms.caching.cms_live_pages`, one query per "cms" generation) instead of a query per block:
    a page's links cost nothing on a cache miss. A page that is not live is loaded as usual."""

    def bulk_to_python(self, values):
        # The page models import the blocks, and the caching module reads the page models.
        from cms.caching import cms_live_pages

        index = cms_live_pages().by_id
        unknown = [value for value in values if value is not None and int(value) not in index]
        loaded = dict(zip(unknown, super().bulk_to_python(unknown), strict=True))
        return [
            None
            if value is None
            else LinkedPage(int(value), index[int(value)].url)
            if int(value) in index
            else loaded[value]
            for value in values
        ]

    def to_python(self, value):
        return self.bulk_to_python([value])[0]


class LinkBlock(blocks.StructBlock):
    label = blocks.CharBlock(label=_("Label"), max_length=120)
    page = LinkedPageChooserBlock(label=_("Page"), required=False)
    url = blocks.CharBlock(
        label=_("Or address"),
        required=False,
        max_length=500,
        help_text=_("A path of the portal (/stocktaking/) or a full https:// address."),
    )

    def clean(self, value):
        value = super().clean(value)
        url = value.get("url") or ""
        if not value.get("page") and not url:
            raise blocks.StructBlockValidationError(
                {"url": ValidationError(_("Choose a page or give an address."))}
            )
        if url and not url.startswith(("/", "https://", "http://")):
            raise blocks.StructBlockValidationError(
                {"url": ValidationError(_("Give a path starting with / or an http(s):// address."))}
            )
        return value

    class Meta:
        icon = "link"
        template = "cms/blocks/link.html"


class HeroBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), max_length=200)
    text = blocks.TextBlock(label=_("Text"), required=False)
    image = AltTextImageBlock(label=_("Image"), required=False)
    links = blocks.ListBlock(LinkBlock(), label=_("Links"), default=[])

    class Meta:
        icon = "title"
        template = "cms/blocks/hero.html"


class LiveBlock(blocks.StructBlock):
    """A block whose content follows the portal: `selector` names the function of
    `cms.selectors` that reads it (given the block's `count` when `counted`), or of `cms.caching`
    when its read is cached on its own (`"caching.cms_live_figures"`), which returns a
    `LiveContent`: the items its template shows, and the moment they change by themselves (a
    prize phase starts, the first session begins), when the cached page expires. Every kind of
    live block is this one block with its own selector and template (`LIVE_BLOCKS`)."""

    heading = blocks.CharBlock(label=_("Heading"), max_length=200)

    def __init__(self, selector: str, *, counted: bool = False, local_blocks=None, **kwargs):
        self.selector = selector
        self.counted = counted
        count = [
            (
                "count",
                blocks.IntegerBlock(label=_("How many"), default=4, min_value=1, max_value=12),
            )
        ]
        super().__init__(
            local_blocks=[*(count if counted else []), *(local_blocks or [])], **kwargs
        )

    def reader(self):
        """The function `selector` names: of `cms.selectors`, or of `cms.caching` when prefixed
        with "caching."."""
        # The page models import the blocks; the selectors and caching read the page models.
        from cms import caching, selectors

        module, _dot, name = self.selector.rpartition(".")
        return getattr(caching if module == "caching" else selectors, name)

    def read(self, value, parent_context):
        read = self.reader()
        return read(value["count"]) if self.counted else read()

    def get_context(self, value, parent_context=None):
        # The page models import the blocks, and the caching module reads the page models.
        from cms.caching import cms_cache_until

        context = super().get_context(value, parent_context=parent_context)
        content = self.read(value, parent_context or {})
        request = (parent_context or {}).get("request")
        if request is not None and content.until is not None:
            cms_cache_until(request, content.until)
        context["items"] = content.items
        return context


def _hub_subjects():
    """The hubs a block can show, as choices: every Action Line, SDG and GDC objective."""
    # The blocks load with the page models, while the app registry is being filled.
    from wsis.models import ActionLine, GdcObjective, Sdg

    return [
        ("", _("The page's Action Line")),
        *(
            (f"action_line:{line.slug}", str(line))
            for line in ActionLine.objects.order_by("position")
        ),
        *((f"sdg:{sdg.number}", str(sdg)) for sdg in Sdg.objects.order_by("number")),
        *((f"gdc:{goal.number}", str(goal)) for goal in GdcObjective.objects.order_by("number")),
    ]


class HubSubjectBlock(blocks.ChoiceBlock):
    """The choice of a hub, kept as its key ("sdg:4"): reading a saved page does not list the
    choices (three queries of reference data on every render of a page with a hub); the editor's
    form lists them."""

    def to_python(self, value):
        return value or ""


HUB_SECTIONS = [
    ("entries", _("Stocktaking entries")),
    ("roadmaps", _("Roadmap clauses")),
    ("prizes", _("Prize winners and champions")),
    ("forum", _("Sessions and outcome documents")),
]


class HubBlock(LiveBlock):
    """The sections of an Action Line's, SDG's or GDC objective's hub (hubs/), read through the
    hubs' selectors, on any standard page: an Action Line's page shows its own line's hub when
    no subject is chosen. The hub is read once per generation of what it shows."""

    def __init__(self, **kwargs):
        super().__init__(
            "hub_live",
            local_blocks=[
                (
                    "subject",
                    HubSubjectBlock(label=_("Hub"), choices=_hub_subjects, required=False),
                ),
                (
                    "sections",
                    blocks.MultipleChoiceBlock(
                        label=_("Sections"),
                        choices=HUB_SECTIONS,
                        default=[code for code, _label in HUB_SECTIONS],
                    ),
                ),
            ],
            **kwargs,
        )

    def read(self, value, parent_context):
        # The page models import the blocks, and the caching module reads the page models.
        from cms.caching import cms_hub_live

        page = parent_context.get("page")
        line_id = getattr(page, "action_line_id", None)
        subject = value.get("subject") or (f"action_line_id:{line_id}" if line_id else "")
        return cms_hub_live(subject)

    class Meta:
        icon = "site"
        template = "cms/blocks/hub.html"
        label = _("Hub of an Action Line, SDG or GDC objective (live)")


def live_block(selector: str, template: str, label, icon: str, *, counted: bool = True):
    return LiveBlock(selector, counted=counted, template=template, label=label, icon=icon)


class FeaturedItemBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=200)
    text = blocks.TextBlock(label=_("Text"), required=False)
    image = AltTextImageBlock(label=_("Image"), required=False)
    link = LinkBlock(label=_("Link"))

    class Meta:
        icon = "pick"


class FeaturedBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), max_length=200)
    items = blocks.ListBlock(FeaturedItemBlock(), label=_("Featured items"))

    class Meta:
        icon = "pick"
        template = "cms/blocks/featured.html"
        label = _("Featured content")


class ImageBlock(blocks.StructBlock):
    image = AltTextImageBlock(label=_("Image"))
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=300)

    class Meta:
        icon = "image"
        template = "cms/blocks/image.html"


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Heading"), max_length=300)
    level = blocks.ChoiceBlock(
        label=_("Level"), choices=[("2", _("Section")), ("3", _("Subsection"))], default="2"
    )

    class Meta:
        icon = "title"
        template = "cms/blocks/heading.html"


class ContentEmbedBlock(EmbedBlock):
    class Meta:
        icon = "media"
        template = "cms/blocks/embed.html"
        help_text = _("A video address of YouTube or Vimeo; other sites are not embedded.")


STANDARD_BLOCKS = [
    ("heading", HeadingBlock()),
    ("paragraph", SanitisedRichTextBlock(label=_("Paragraph"))),
    ("image", ImageBlock()),
    ("embed", ContentEmbedBlock(label=_("Video"))),
    ("links", blocks.ListBlock(LinkBlock(), label=_("Links"), template="cms/blocks/links.html")),
    ("hub", HubBlock()),
]

# The live blocks: (name, selector of cms.selectors, template, label, icon, has a count).
LIVE_BLOCKS = [
    (
        "calls_to_action",
        live_block(
            "live_calls_to_action",
            "cms/blocks/calls_to_action.html",
            _("Calls to action (live)"),
            "pick",
            counted=False,
        ),
    ),
    (
        "latest_entries",
        live_block(
            "live_latest_entries",
            "cms/blocks/latest_entries.html",
            _("Latest stocktaking entries (live)"),
            "list-ul",
        ),
    ),
    (
        "upcoming_sessions",
        live_block(
            "live_upcoming_sessions",
            "cms/blocks/upcoming_sessions.html",
            _("Upcoming sessions (live)"),
            "date",
        ),
    ),
    (
        "latest_outcomes",
        live_block(
            "live_latest_outcomes",
            "cms/blocks/latest_outcomes.html",
            _("Latest outcome documents (live)"),
            "doc-full",
        ),
    ),
    (
        "latest_news",
        live_block(
            "live_latest_news", "cms/blocks/latest_news.html", _("Latest news (live)"), "openquote"
        ),
    ),
    (
        "figures",
        live_block(
            "caching.cms_live_figures",
            "cms/blocks/figures.html",
            _("Figures (live)"),
            "table",
            counted=False,
        ),
    ),
]

HOME_BLOCKS = [
    ("hero", HeroBlock()),
    *LIVE_BLOCKS,
    ("featured", FeaturedBlock()),
    ("paragraph", SanitisedRichTextBlock(label=_("Paragraph"))),
]


class DocumentHeadingBlock(blocks.StructBlock):
    number = blocks.CharBlock(label=_("Number"), required=False, max_length=20)
    text = blocks.CharBlock(label=_("Heading"), max_length=500)
    level = blocks.ChoiceBlock(
        label=_("Level"), choices=[("2", _("Section")), ("3", _("Subsection"))], default="2"
    )

    class Meta:
        icon = "title"
        template = "cms/blocks/document_heading.html"


class DocumentParagraphBlock(blocks.StructBlock):
    number = blocks.CharBlock(
        label=_("Number"), required=False, max_length=20, help_text=_("As printed: 1, 2.3, a")
    )
    text = SanitisedRichTextBlock(label=_("Text"))

    class Meta:
        icon = "pilcrow"
        template = "cms/blocks/document_paragraph.html"


class DocumentAnnexBlock(blocks.StructBlock):
    number = blocks.CharBlock(label=_("Number"), max_length=20)
    title = blocks.CharBlock(label=_("Title"), max_length=500)

    class Meta:
        icon = "folder-open-inverse"
        template = "cms/blocks/document_annex.html"


DOCUMENT_BLOCKS = [
    ("heading", DocumentHeadingBlock()),
    ("paragraph", DocumentParagraphBlock()),
    ("annex", DocumentAnnexBlock()),
]
