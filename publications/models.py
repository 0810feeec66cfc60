"""What the secretariat publishes from the portal's data, each compiled into versions that keep
the exact data they were built from:

- the WSIS Stocktaking Report (yearly): introduction and conclusions the secretariat writes, the
  entries it features, compiled from approved entries; one version is published;
- the WSIS Prizes Success Stories (yearly): the contest's winners and champions with an
  introduction; one version is published;
- the Action Line Roadmaps as one document: every published roadmap, versioned by the set of
  roadmap versions it holds (each version is public at once: its roadmaps are published).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from publications.enums import ReportVersionStatus


class StocktakingReport(models.Model):
    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    title = models.CharField(_("title"), max_length=200)
    period_start = models.DateField(_("entries approved from"))
    period_end = models.DateField(_("entries approved until"))
    introduction = models.TextField(_("introduction"), blank=True)
    conclusions = models.TextField(_("conclusions"), blank=True)

    class Meta:
        ordering = ("-year",)
        verbose_name = _("WSIS Stocktaking Report")
        verbose_name_plural = _("WSIS Stocktaking Reports")
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")),
                name="report_period_in_order",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("publications:report", kwargs={"year": self.year})


class FeaturedEntry(models.Model):
    """An entry the secretariat features in a report's chapter of its primary Action Line."""

    report = models.ForeignKey(
        StocktakingReport,
        on_delete=models.CASCADE,
        related_name="featured",
        verbose_name=_("report"),
    )
    entry = models.ForeignKey(
        "stocktaking.Entry", on_delete=models.CASCADE, related_name="+", verbose_name=_("entry")
    )
    reason = models.TextField(_("reason"))
    featured_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    featured_at = models.DateTimeField(_("featured"), auto_now_add=True)

    class Meta:
        ordering = ("report", "entry")
        verbose_name = _("featured entry")
        verbose_name_plural = _("featured entries")
        constraints = [
            models.UniqueConstraint(fields=("report", "entry"), name="report_entry_featured_once")
        ]

    def __str__(self) -> str:
        return str(self.entry)


class PublicationVersion(models.Model):
    """A compiled version of a reviewed publication: `content` is the snapshot of everything it
    shows; only `publications.services.publication_version_publish` changes `status`."""

    number = models.PositiveIntegerField(_("number"))
    status = models.CharField(
        _("status"), max_length=12, choices=ReportVersionStatus.choices,
        default=ReportVersionStatus.DRAFT,
    )  # fmt: skip
    content = models.JSONField(_("content"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("compiled"), auto_now_add=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)

    class Meta:
        abstract = True

    @property
    def is_public(self) -> bool:
        return self.status == ReportVersionStatus.PUBLISHED


class ReportVersion(PublicationVersion):
    """A compiled version of a WSIS Stocktaking Report."""

    report = models.ForeignKey(
        StocktakingReport,
        on_delete=models.PROTECT,
        related_name="versions",
        verbose_name=_("report"),
    )
    entry_count = models.PositiveIntegerField(_("entries"), default=0)

    class Meta:
        ordering = ("report", "-number")
        verbose_name = _("report version")
        verbose_name_plural = _("report versions")
        constraints = [
            models.UniqueConstraint(fields=("report", "number"), name="report_version_number"),
            models.UniqueConstraint(
                fields=("report",),
                condition=Q(status=ReportVersionStatus.PUBLISHED),
                name="report_one_published_version",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.report} v{self.number}"


class SuccessStoriesBook(models.Model):
    """The WSIS Prizes Success Stories of one contest: its winners and champions, per category."""

    contest = models.OneToOneField(
        "prizes.Contest",
        on_delete=models.PROTECT,
        related_name="success_stories",
        verbose_name=_("contest"),
    )
    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    title = models.CharField(_("title"), max_length=200)
    introduction = models.TextField(_("introduction"), blank=True)

    class Meta:
        ordering = ("-year",)
        verbose_name = _("WSIS Prizes Success Stories")
        verbose_name_plural = _("WSIS Prizes Success Stories")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("publications:stories", kwargs={"year": self.year})


class SuccessStoriesVersion(PublicationVersion):
    """A compiled version of a Success Stories book; its images are copied beside it (see
    `services.success_stories_compile`), so a later change of an entry's image does not reach it."""

    book = models.ForeignKey(
        SuccessStoriesBook,
        on_delete=models.PROTECT,
        related_name="versions",
        verbose_name=_("Success Stories"),
    )
    story_count = models.PositiveIntegerField(_("stories"), default=0)

    class Meta:
        ordering = ("book", "-number")
        verbose_name = _("Success Stories version")
        verbose_name_plural = _("Success Stories versions")
        constraints = [
            models.UniqueConstraint(fields=("book", "number"), name="stories_version_number"),
            models.UniqueConstraint(
                fields=("book",),
                condition=Q(status=ReportVersionStatus.PUBLISHED),
                name="stories_one_published_version",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.book} v{self.number}"


class RoadmapsDocument(models.Model):
    """The published roadmaps of every Action Line as one document, with the secretariat's
    introduction. There is one; its versions follow the roadmaps."""

    title = models.CharField(_("title"), max_length=200)
    introduction = models.TextField(_("introduction"), blank=True)

    class Meta:
        verbose_name = _("combined roadmaps document")
        verbose_name_plural = _("combined roadmaps documents")

    def __str__(self) -> str:
        return self.title


class RoadmapsDocumentVersion(models.Model):
    """One compiled version: the snapshot of the roadmap versions it holds (`roadmap_versions`)
    and of the introduction. A compile makes a new version only when that set or the
    introduction changed."""

    document = models.ForeignKey(
        RoadmapsDocument,
        on_delete=models.CASCADE,
        related_name="versions",
        verbose_name=_("document"),
    )
    number = models.PositiveIntegerField(_("number"))
    content = models.JSONField(_("content"))
    roadmap_versions = models.ManyToManyField(
        "roadmaps.RoadmapVersion", related_name="+", verbose_name=_("roadmap versions")
    )
    # The roadmap versions' ids and the introduction, hashed: what makes two compiles the same.
    fingerprint = models.CharField(_("fingerprint"), max_length=64)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("compiled"), auto_now_add=True)

    class Meta:
        ordering = ("document", "-number")
        verbose_name = _("combined roadmaps version")
        verbose_name_plural = _("combined roadmaps versions")
        constraints = [
            models.UniqueConstraint(
                fields=("document", "number"), name="roadmaps_document_version_number"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.document} v{self.number}"

    def get_absolute_url(self) -> str:
        return reverse("publications:roadmaps_version", kwargs={"number": self.number})


class OpenDataArchive(models.Model):
    """The yearly open-data dump: one ZIP archive per year in the public storage (every public
    record as JSON Lines and CSV, a README of the fields, a manifest with counts and checksums),
    written by `publications.services.open_data_build`. A rebuild in the same year replaces that
    year's archive; previous years' archives are kept."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    file_name = models.CharField(_("file"), max_length=255)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    sha256 = models.CharField(_("SHA-256 checksum"), max_length=64)
    record_counts = models.JSONField(_("records per file"), default=dict)
    made_at = models.DateTimeField(_("made"))
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ("-year",)
        verbose_name = _("open-data archive")
        verbose_name_plural = _("open-data archives")

    def __str__(self) -> str:
        return f"{self.year}: {self.file_name}"

    @property
    def record_total(self) -> int:
        return sum(self.record_counts.values())
