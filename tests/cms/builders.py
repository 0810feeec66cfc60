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
