"""WSIS Stocktaking: entries (with their pending revisions) and their PDF attachments."""

import uuid

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from stocktaking.enums import OPEN_STATES, ActivityStatus, Coverage, EntryKind, EntryStatus
from wsis.models import ChoiceLabels

# Where entries' images are stored (served by `stocktaking.views.entry_image`, which checks who
# may see them); attachments are stored elsewhere and only ever served by `attachment_download`.
ENTRY_IMAGE_FOLDER = "stocktaking/images/"


def entry_image_path(instance, filename: str) -> str:
    # Never the uploader's name: images are re-encoded to PNG/JPEG by the service.
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "png"
    return f"{ENTRY_IMAGE_FOLDER}{uuid.uuid4().hex}.{extension}"


def entry_attachment_path(instance, filename: str) -> str:
    return f"stocktaking/attachments/{uuid.uuid4().hex}.pdf"


class Entry(ChoiceLabels, models.Model):
    """One activity in the WSIS Stocktaking database.

    A row with `revision_of` set is a pending change of a published entry: the published row
    stays public while the revision is moderated; approving the revision copies its content into
    the published row (see `services.entry_revision_apply`).
    """

    organisation = models.ForeignKey(
        "wsis.Organisation",
        on_delete=models.PROTECT,
        related_name="stocktaking_entries",
        verbose_name=_("organisation"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    revision_of = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="revisions",
        verbose_name=_("revision of"),
    )
    status = models.CharField(
        _("moderation status"),
        max_length=20,
        choices=EntryStatus.choices,
        default=EntryStatus.DRAFT,
        db_index=True,
    )
    lock_version = models.PositiveIntegerField(_("version"), default=1)
    decision_reason = models.TextField(_("reason of the last decision"), blank=True)

    kind = models.CharField(_("kind"), max_length=20, choices=EntryKind.choices)
    title = models.CharField(_("title"), max_length=255)
    slug = models.SlugField(_("slug"), max_length=80, blank=True)
    summary = models.TextField(_("summary"), help_text=_("At most 150 words."))
    text_language = models.CharField(
        _("language of the text"),
        max_length=10,
        choices=settings.LANGUAGES,
        default="en",
        help_text=_("The language the title, summary and description are written in."),
    )
    description = models.TextField(_("description"), blank=True)

    coverage = models.CharField(
        _("coverage"), max_length=10, choices=Coverage.choices, default=Coverage.NATIONAL
    )
    countries = models.ManyToManyField(
        "wsis.CountryRegion",
        blank=True,
        related_name="stocktaking_entries",
        verbose_name=_("countries"),
    )
    regions = models.ManyToManyField(
        "wsis.ItuRegion",
        blank=True,
        related_name="stocktaking_entries",
        verbose_name=_("ITU regions"),
        help_text=_("The regions chosen for regional coverage plus the regions of the countries."),
    )

    action_lines = models.ManyToManyField(
        "wsis.ActionLine", related_name="stocktaking_entries", verbose_name=_("Action Lines")
    )
    primary_action_line = models.ForeignKey(
        "wsis.ActionLine",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("primary Action Line"),
    )
    sdgs = models.ManyToManyField(
        "wsis.Sdg", related_name="stocktaking_entries", verbose_name=_("SDGs")
    )
    gdc_objectives = models.ManyToManyField(
        "wsis.GdcObjective",
        blank=True,
        related_name="stocktaking_entries",
        verbose_name=_("Global Digital Compact objectives"),
    )

    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    activity_status = models.CharField(
        _("status"), max_length=10, choices=ActivityStatus.choices, default=ActivityStatus.ONGOING
    )
    partners = models.TextField(_("partners"), blank=True)
    target_beneficiaries = models.TextField(_("target beneficiaries"), blank=True)
    languages = models.CharField(_("languages"), max_length=255, blank=True)
    website = models.URLField(_("website"), max_length=500)
    other_links = models.JSONField(_("other links"), default=list, blank=True)
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    image = models.ImageField(
        _("image or logo"), upload_to=entry_image_path, blank=True, max_length=200
    )

    search_vector = SearchVectorField(null=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True, db_index=True)
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True, db_index=True)

    class Meta:
        ordering = ("-approved_at", "-id")
        verbose_name = _("stocktaking entry")
        verbose_name_plural = _("stocktaking entries")
        indexes = [
            models.Index(fields=("status", "-approved_at"), name="stocktaking_status_approved"),
            models.Index(fields=("status", "submitted_at"), name="stocktaking_status_submitted"),
            # The public list's sort orders, over published entries only (partial indexes: a
            # page deep in the list walks the index, never sorts 100,000 rows).
            models.Index(
                fields=("-approved_at", "-id"),
                condition=models.Q(status="approved", revision_of__isnull=True),
                name="stocktaking_public_newest",
            ),
            models.Index(
                fields=("title", "id"),
                condition=models.Q(status="approved", revision_of__isnull=True),
                name="stocktaking_public_title",
            ),
            models.Index(
                fields=("-start_date", "-id"),
                condition=models.Q(status="approved", revision_of__isnull=True),
                name="stocktaking_public_start",
            ),
            # The secretariat's moderation queue: waiting entries, oldest first.
            models.Index(
                fields=("submitted_at", "id"),
                condition=models.Q(status__in=("submitted", "resubmitted")),
                name="stocktaking_moderation_queue",
            ),
            # Created on PostgreSQL only (migration 0002); SQLite searches with icontains.
            GinIndex(fields=("search_vector",), name="stocktaking_search_gin"),
            # Created on PostgreSQL only (migration 0005): the search for Chinese, by substring.
            GinIndex(fields=("title",), opclasses=("gin_trgm_ops",), name="stocktaking_title_trgm"),
            GinIndex(
                fields=("summary",), opclasses=("gin_trgm_ops",), name="stocktaking_summary_trgm"
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=("revision_of",),
                condition=models.Q(revision_of__isnull=False, status__in=OPEN_STATES),
                name="stocktaking_one_open_revision",
            ),
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(start_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="stocktaking_end_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.title)[:80] or "entry"
        super().save(*args, **kwargs)

    # The fields a translation of the entry holds (wsis/text_languages.py).
    TRANSLATED_FIELDS = ("title", "summary", "description")

    def get_absolute_url(self) -> str:
        return reverse("stocktaking:detail", kwargs={"pk": self.pk, "slug": self.slug or "entry"})

    @property
    def is_revision(self) -> bool:
        return self.revision_of_id is not None


class EntryTranslation(models.Model):
    """The entry's title, summary and description in another language, added by a member of
    its organisation or the secretariat; the entry itself is the original (`text_language`)."""

    entry = models.ForeignKey(
        Entry, on_delete=models.CASCADE, related_name="translations", verbose_name=_("entry")
    )
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    title = models.CharField(_("title"), max_length=255)
    summary = models.TextField(_("summary"))
    description = models.TextField(_("description"), blank=True)
    translator = models.CharField(
        _("translator"), max_length=200, help_text=_("Who translated it: a person or a service.")
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("added by"),
    )
    translated_at = models.DateTimeField(_("translated on"))

    class Meta:
        ordering = ("language",)
        verbose_name = _("translation of an entry")
        verbose_name_plural = _("translations of entries")
        constraints = [
            models.UniqueConstraint(fields=("entry", "language"), name="entry_translation_unique"),
        ]
        indexes = [
            # Created on PostgreSQL only (migration 0005): the search for Chinese, by substring.
            GinIndex(
                fields=("title",), opclasses=("gin_trgm_ops",), name="stocktaking_tr_title_trgm"
            ),
            GinIndex(
                fields=("summary",), opclasses=("gin_trgm_ops",), name="stocktaking_tr_summary_trgm"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.entry_id} [{self.language}] {self.title}"


class EntryAttachment(models.Model):
    """A PDF attached to an entry (checked by content, stored under a server-generated name)."""

    entry = models.ForeignKey(
        Entry, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("entry")
    )
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to=entry_attachment_path, max_length=200)
    size = models.PositiveIntegerField(_("size in bytes"))
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        ordering = ("created_at", "id")
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.title
