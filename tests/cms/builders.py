"""Pages of the CMS tree for tests: each published through a revision, as an editor would."""

from __future__ import annotations

import datetime as dt

from wagtail.models import Page

from cms.models import (
    DocumentLibraryPage,
    HomePage,
    NewsIndexPage,
    NewsPage,
    PolicyDocumentPage,
    StandardPage,
)


def home_page() -> HomePage:
    return HomePage.objects.get(locale__language_code="en")


def publish(page: Page, user=None) -> Page:
    page.save_revision(user=user).publish(user=user)
    page.refresh_from_db()
    return page


def add_page(parent: Page, page: Page, *, live: bool = True, user=None) -> Page:
    page.live = False
    parent.add_child(instance=page)
    if live:
        publish(page, user=user)
    return page


def standard_page(parent=None, *, title="About WSIS", slug="about", live=True, **fields):
    return add_page(
        parent or home_page(), StandardPage(title=title, slug=slug, **fields), live=live
    )


def news_index(parent=None, *, title="News", slug="news") -> NewsIndexPage:
    return add_page(parent or home_page(), NewsIndexPage(title=title, slug=slug))


def news_page(index: NewsIndexPage, *, title="Prize call open", slug=None, live=True, **fields):
    fields.setdefault("summary", f"Summary of {title}.")
    fields.setdefault("date", dt.date(2026, 11, 2))
    page = NewsPage(title=title, slug=slug or title.lower().replace(" ", "-"), **fields)
    return add_page(index, page, live=live)


def document_library(parent=None, *, title="Document library", slug="documents"):
    return add_page(parent or home_page(), DocumentLibraryPage(title=title, slug=slug))


def policy_document(library, *, title="A policy", slug="a-policy", live=True, **fields):
    return add_page(library, PolicyDocumentPage(title=title, slug=slug, **fields), live=live)


def translate(page: Page, language: str, strings: dict[str, str]) -> Page:
    """`page` translated into `language` through wagtail-localize and published (the commit's
    callbacks, the cache's among them, run at once, as after a real request)."""
    from django.test import TestCase

    from cms.services import page_translate

    with TestCase.captureOnCommitCallbacks(execute=True):
        translated = page_translate(page=page, language=language, strings=strings)
    translated.refresh_from_db()
    return translated.specific


def every_block_page(parent=None, *, slug="every-block") -> StandardPage:
    """A standard page with a block of every kind a standard page offers but the video (its
    embed is fetched from YouTube or Vimeo): heading, paragraph, image, links and a hub."""
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image as PillowImage

    from cms.models import PortalImage
    from wsis.models import ActionLine

    buffer = io.BytesIO()
    PillowImage.new("RGB", (48, 32), (0, 85, 140)).save(buffer, "PNG")
    image = PortalImage.objects.create(
        title="Forum hall",
        alt_text="The main hall of the WSIS Forum",
        file=SimpleUploadedFile("hall.png", buffer.getvalue()),
    )
    # Made when first shown otherwise (a write during a GET, which the route matrix watches).
    image.get_rendition("width-1000")
    hub = {
        "heading": "C2 in numbers",
        "subject": "",
        "sections": ["entries", "roadmaps", "prizes", "forum"],
    }
    body = [
        {"type": "heading", "value": {"text": "Infrastructure", "level": "2"}},
        {"type": "paragraph", "value": "<p>Broadband for <b>everyone</b>.</p>"},
        {"type": "image", "value": {"image": image.pk, "caption": "The main hall"}},
        {
            "type": "links",
            "value": [
                {"label": "Stocktaking", "page": None, "url": "/stocktaking/"},
                {"label": "Home", "page": home_page().pk, "url": ""},
            ],
        },
        {"type": "hub", "value": hub},
    ]
    return standard_page(
        parent,
        title="C2 Information and communication infrastructure",
        slug=slug,
        intro="Every block of a standard page.",
        action_line=ActionLine.objects.get(code="C2"),
        body=body,
    )
