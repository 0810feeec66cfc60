"""Every write of the content management: the audit trail of Wagtail's page log, news mails,
subscriptions and the import of policy documents."""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.models import Locale, Page
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)

from cms.enums import ADMIN_RENDITION_SPECS, PUBLIC_RENDITION_SPECS
from cms.importers.policy_text import ParsedDocument, parse_policy_text
from cms.models import (
    DocumentLibraryPage,
    NewsPage,
    NewsSubscription,
    PolicyDocumentFootnote,
    PolicyDocumentPage,
)
from cms.sanitising import rich_text_sanitise
from cms.selectors import NAVIGATION_KEY, site_navigation_read
from wsis.models import User
from wsis.services import audit_record, notification_queue

logger = logging.getLogger(__name__)

# Wagtail's page log actions that the portal's audit log repeats: publication and the moderation
# workflow (drafts saved along the way stay in Wagtail's own history).
AUDITED_PAGE_ACTIONS = frozenset(
    {
        "wagtail.publish",
        "wagtail.publish.scheduled",
        "wagtail.unpublish",
        "wagtail.unpublish.scheduled",
        "wagtail.schedule.publish",
        "wagtail.schedule.cancel",
        "wagtail.workflow.start",
        "wagtail.workflow.approve",
        "wagtail.workflow.reject",
        "wagtail.workflow.resume",
        "wagtail.workflow.cancel",
        "wagtail.revert",
        "wagtail.move",
        "wagtail.delete",
    }
)


def page_log_audit(log_entry) -> None:
    """Repeats one entry of Wagtail's page log in the portal's audit log (same transaction),
    as "cms:<action>" with who did it, the revision and Wagtail's own details."""
    if log_entry.action not in AUDITED_PAGE_ACTIONS or log_entry.page_id is None:
        return
    data = log_entry.data or {}
    # A moderator's comment on approving or rejecting is the reason.
    comment = (data.get("comment") if isinstance(data, dict) else "") or ""
    audit_record(
        actor=log_entry.user,
        action=f"cms:{log_entry.action}",
        obj=log_entry.page,
        after={"revision": log_entry.revision_id, "title": log_entry.label, "details": data},
        reason=comment,
    )


# --- Translations of pages ---


def _translation_with_strings(instance, language: str, strings: dict[str, str]):
    """wagtail-localize's translation of `instance` (a page or a translatable snippet) into
    `language`, each text of it (its segments) whose source is a key of `strings` translated as a
    translator would in its editor; any other keeps the source's text until translated."""
    locale = Locale.objects.get(language_code=language)
    source, _created = TranslationSource.get_or_create_from_instance(instance)
    translation, _created = Translation.objects.get_or_create(
        source=source, target_locale=locale, defaults={"enabled": True}
    )
    segments = StringSegment.objects.filter(source=source).select_related("string", "context")
    for segment in segments:
        text = strings.get(segment.string.data)
        if text:
            StringTranslation.objects.update_or_create(
                translation_of=segment.string,
                locale=locale,
                context=segment.context,
                defaults={
                    "data": text,
                    "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL,
                },
            )
    return translation


def page_translate(
    *, page: Page, language: str, strings: dict[str, str], by: User | None = None
) -> Page:
    """Translates `page` into `language` through wagtail-localize, as a translator would in its
    editor: each text of the page (its segments) whose source is a key of `strings` gets that
    translation; any other keeps the source's text until translated. The translation is
    published at once (its own revision, logged and audited like any publication; the page
    cache moves on at the commit), and the page's parents are copied into the language with it
    when they are not there yet. Returns the translated page."""
    translation = _translation_with_strings(page, language, strings)
    # Saved as a draft, then published here and now: wagtail-localize's own publication waits
    # for the commit with the page as it was, which would undo the children added meanwhile to
    # a parent translated in the same transaction (the seed translates a tree at once).
    translation.save_target(user=by, publish=False)
    translated = page.get_translation(translation.target_locale)
    translated.get_latest_revision().publish(user=by)
    translated.refresh_from_db()
    return translated


def page_translation_sources_update(*, page: Page) -> bool:
    """After the source of translations is published again: its texts are read afresh into
    wagtail-localize, so that each translator's editor shows what changed since the last
    translation (a changed or new text untranslated, the others kept). Returns whether the page
    is the source of translations at all."""
    source = TranslationSource.objects.filter(
        object_id=page.translation_key, locale_id=page.locale_id
    ).first()
    if source is None:
        return False
    source.update_from_db()
    return True


# --- Images ---


def image_renditions_make(image) -> int:
    """Makes the renditions of `image` that the portal's templates and the Wagtail admin show
    (those missing: an existing one is kept), so that no public GET writes one. Returns how
    many there are; none when the image's file cannot be read (logged)."""
    try:
        return len(image.get_renditions(*PUBLIC_RENDITION_SPECS, *ADMIN_RENDITION_SPECS))
    except OSError:  # Wagtail's SourceImageIOError among them
        logger.warning("Image %s: its file cannot be read, no rendition made.", image.pk)
        return 0


# --- Menu and footer ---


def navigation_translate(
    *, navigation, language: str, strings: dict[str, str], by: User | None = None
):
    """Translates the menu and footer into `language` through wagtail-localize, as a
    translator would (see `page_translate`): their labels and footer text; a link keeps its
    page, shown in the visitor's language when translated. Every page shows the new menu once
    the transaction commits (`cms.receivers`). Returns the translated menu."""
    translation = _translation_with_strings(navigation, language, strings)
    translation.save_target(user=by)
    return navigation.get_translation(translation.target_locale)


def site_navigation_store() -> None:
    """Reads the menu and footer with their pages' current addresses into the cache that every
    page's layout reads (see `cms.selectors.site_navigation`)."""
    cache.set(NAVIGATION_KEY, site_navigation_read(), timeout=None)


# --- News by e-mail ---

CONSENT_TEXT = _(
    "I agree that the WSIS Portal mails me its news and announcements. I can unsubscribe at any "
    "time through the link in every mail."
)


def news_subscribe(*, user: User, consent_text: str) -> NewsSubscription:
    """Subscribes `user` to the news with the consent as shown to them (stored with its time);
    a former subscriber is subscribed again with the new consent."""
    subscription, _created = NewsSubscription.objects.update_or_create(
        user=user,
        defaults={
            "consented_at": timezone.now(),
            "consent_text": consent_text,
            "unsubscribed_at": None,
        },
    )
    audit_record(actor=user, action="cms:news_subscribe", obj=subscription)
    return subscription


def news_unsubscribe(*, subscription: NewsSubscription) -> None:
    """Stops every news mail to this subscriber from now on (the consent record stays)."""
    if subscription.unsubscribed_at is None:
        subscription.unsubscribed_at = timezone.now()
        subscription.save(update_fields=["unsubscribed_at"])
        audit_record(actor=None, action="cms:news_unsubscribe", obj=subscription)


def news_subscribers_notify(*, page: NewsPage) -> int:
    """Mails a published news item to every active subscriber, once: the page is marked in the
    same transaction and each message has its idempotency key, so publishing again (or a second
    call) mails nobody twice. Every mail carries the subscriber's unsubscribe link. Returns the
    number of messages queued."""
    claimed = NewsPage.objects.filter(
        pk=page.pk, notify_subscribers=True, subscribers_notified_at__isnull=True
    ).update(subscribers_notified_at=timezone.now())
    if not claimed:
        return 0
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    queued = 0
    subscriptions = NewsSubscription.objects.filter(
        unsubscribed_at__isnull=True, user__is_active=True
    ).select_related("user")
    for subscription in subscriptions:
        notification_queue(
            recipient=subscription.user.email,
            template="cms_news",
            context={
                "title": page.title,
                "summary": page.summary,
                "url": base + page.url,
                "unsubscribe_url": base
                + reverse("cms:news_unsubscribe", kwargs={"token": subscription.token}),
            },
            idempotency_key=f"cms-news:{page.pk}:{subscription.pk}",
        )
        queued += 1
    return queued


# --- Importing policy documents ---


class NoDocumentLibraryError(Exception):
    """A policy document needs a document library page to be created in."""


@dataclass
class DocumentImportReport:
    title: str
    headings: int = 0
    paragraphs: int = 0
    numbered_paragraphs: int = 0
    annexes: list[str] = field(default_factory=list)
    footnotes: int = 0
    warnings: list[str] = field(default_factory=list)
    page: PolicyDocumentPage | None = None
    already_imported: bool = False
    dry_run: bool = False

    def lines(self) -> list[str]:
        """The report as the command and the upload form show it."""
        if self.already_imported:
            state = _("Already imported as “%(title)s” (page %(id)s): nothing created.") % {
                "title": self.page.title,
                "id": self.page.pk,
            }
        elif self.dry_run:
            state = _("Dry run: nothing created.")
        else:
            state = _("Created the draft page %(id)s at %(path)s.") % {
                "id": self.page.pk,
                "path": self.page.url_path,
            }
        lines = [
            _("Title: %(title)s") % {"title": self.title},
            _("Headings: %(count)s") % {"count": self.headings},
            _("Paragraphs: %(count)s (%(numbered)s numbered)")
            % {"count": self.paragraphs, "numbered": self.numbered_paragraphs},
            _("Annexes: %(count)s") % {"count": len(self.annexes)},
            *(f"  {annex}" for annex in self.annexes),
            _("Footnotes: %(count)s") % {"count": self.footnotes},
            *(_("Warning: %(warning)s") % {"warning": warning} for warning in self.warnings),
            state,
        ]
        return lines


def _source_digest(text: str) -> str:
    normalised = "\n".join(line.rstrip() for line in text.replace("\r\n", "\n").split("\n"))
    return hashlib.sha256(normalised.strip().encode()).hexdigest()


def _stream(parsed: ParsedDocument) -> list[dict]:
    stream = []
    for block in parsed.blocks:
        if block.kind == "heading":
            value = {"number": block.number, "text": block.text[:500], "level": str(block.level)}
        elif block.kind == "annex":
            value = {"number": block.number, "title": block.text[:500]}
        else:
            value = {"number": block.number, "text": rich_text_sanitise(block.text)}
        stream.append({"type": block.kind, "value": value})
    return stream


def _free_slug(library: DocumentLibraryPage, title: str) -> str:
    base = slugify(title)[:70] or "document"
    taken = set(library.get_children().values_list("slug", flat=True))
    slug, suffix = base, 2
    while slug in taken:
        slug, suffix = f"{base}-{suffix}", suffix + 1
    return slug


def policy_document_import(
    *,
    text: str,
    library: DocumentLibraryPage | None = None,
    by: User | None = None,
    dry_run: bool = False,
) -> DocumentImportReport:
    """Reads a plain-text policy document and creates it as a draft page (never published: it
    goes through the moderation workflow like any page) in `library` (the first document library
    when not given), with a first revision by `by`.

    Raises `PolicyTextError` (cms.importers.policy_text) naming the line for a file that cannot
    be read; then nothing is written. The same text imported again creates nothing and reports
    the page made before.
    """
    parsed = parse_policy_text(text)
    digest = _source_digest(text)
    report = DocumentImportReport(
        title=parsed.title,
        headings=parsed.count("heading"),
        paragraphs=parsed.count("paragraph"),
        numbered_paragraphs=parsed.numbered_paragraphs,
        annexes=[f"{annex.number}: {annex.text}" for annex in parsed.annexes],
        footnotes=len(parsed.footnotes),
        warnings=list(parsed.warnings),
        dry_run=dry_run,
    )
    existing = PolicyDocumentPage.objects.filter(source_sha256=digest).first()
    if existing is not None:
        report.page, report.already_imported = existing, True
        return report
    if dry_run:
        return report
    if library is None:
        library = DocumentLibraryPage.objects.order_by("path").first()
        if library is None:
            raise NoDocumentLibraryError(
                _("There is no document library yet: create one in the Wagtail admin first.")
            )
    with transaction.atomic():
        page = PolicyDocumentPage(
            title=parsed.title[:255],
            slug=_free_slug(library, parsed.title),
            live=False,
            body=_stream(parsed),
            source_sha256=digest,
            owner=by,
        )
        page.footnotes = [
            PolicyDocumentFootnote(number=note.number, text=note.text, sort_order=position)
            for position, note in enumerate(parsed.footnotes)
        ]
        try:
            with transaction.atomic():
                library.add_child(instance=page)
        except IntegrityError:
            # Imported at the same moment by someone else: theirs is the one.
            report.page = PolicyDocumentPage.objects.get(source_sha256=digest)
            report.already_imported = True
            return report
        page.save_revision(user=by, log_action=True)
        audit_record(
            actor=by,
            action="cms:document_import",
            obj=page,
            after={"source_sha256": digest, "blocks": len(parsed.blocks)},
        )
    report.page = page
    return report
