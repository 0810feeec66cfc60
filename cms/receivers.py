"""Invalidation and side effects of content changes, declared once (connected in `ready()`):
publishing, unpublishing (by hand, by the schedule or by the workflow), moving and deleting a
page move the "cms" cache generation on; saving or deleting the menu (in any language) moves
every page's; Wagtail's page log is repeated in the portal's audit log; a news item marked for it
is mailed to subscribers when first published; the renditions the portal shows of an image are
made when it is saved and when a page showing it is published."""

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.models import Locale, Page, PageLogEntry, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from cms.caching import cms_cache_bump, cms_cache_bump_everywhere
from cms.models import Navigation, NewsPage, PortalImage
from cms.selectors import LOCALES_KEY, VIEW_RESTRICTIONS_KEY, images_shown_by
from cms.services import (
    news_subscribers_notify,
    page_log_audit,
    page_translation_sources_update,
    site_navigation_store,
)
from cms.tasks import task_image_renditions_make


def _renditions_make(image_ids: list[int]) -> None:
    """The renditions of these images are made once the transaction commits (a task): never
    by the first visitor's GET."""
    if image_ids:
        transaction.on_commit(lambda: task_image_renditions_make.delay(image_ids), robust=True)


def _page_changed(sender, **kwargs) -> None:
    cms_cache_bump()
    # A page of the menu may have a new address, or none.
    transaction.on_commit(site_navigation_store, robust=True)


def _page_published(sender, instance, **kwargs) -> None:
    _page_changed(sender)
    # Translators see at once what changed in a source page since they translated it.
    page_translation_sources_update(page=instance)
    if isinstance(instance, NewsPage) and instance.notify_subscribers:
        news_subscribers_notify(page=instance)
    # An image chosen before its renditions existed (or with a focal point moved since).
    _renditions_make(images_shown_by(instance))


def _image_saved(sender, instance, **kwargs) -> None:
    _renditions_make([instance.pk])


def _navigation_saved(sender, **kwargs) -> None:
    transaction.on_commit(site_navigation_store, robust=True)
    cms_cache_bump_everywhere()


def _view_restrictions_changed(sender, **kwargs) -> None:
    cache.delete(VIEW_RESTRICTIONS_KEY)
    _page_changed(sender)


def _locales_changed(sender, **kwargs) -> None:
    cache.delete(LOCALES_KEY)


def _page_logged(sender, instance, created, **kwargs) -> None:
    if created:
        page_log_audit(instance)


def connect() -> None:
    page_published.connect(_page_published, dispatch_uid="cms_page_published")
    page_unpublished.connect(_page_changed, dispatch_uid="cms_page_unpublished")
    post_page_move.connect(_page_changed, dispatch_uid="cms_page_moved")
    # Deleting a page deletes its subclass row too; the base row is enough to know of it.
    post_delete.connect(_page_changed, sender=Page, dispatch_uid="cms_page_deleted")
    for signal in (post_save, post_delete):
        # A translation of the menu saved or deleted: every page shows the menu.
        signal.connect(
            _navigation_saved,
            sender=Navigation,
            dispatch_uid=f"cms_navigation_{signal is post_save}",
        )
    for signal in (post_save, post_delete):
        signal.connect(
            _view_restrictions_changed,
            sender=PageViewRestriction,
            dispatch_uid=f"cms_view_restrictions_{signal is post_save}",
        )
    for signal in (post_save, post_delete):
        signal.connect(
            _locales_changed, sender=Locale, dispatch_uid=f"cms_locales_{signal is post_save}"
        )
    post_save.connect(_page_logged, sender=PageLogEntry, dispatch_uid="cms_page_log_audit")
    post_save.connect(_image_saved, sender=PortalImage, dispatch_uid="cms_image_renditions")
