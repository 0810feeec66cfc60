"""The WSIS Stocktaking Report: one per year, written by the secretariat (introduction,
conclusions, the entries it features), compiled from approved entries into versions that keep the
exact data they were built from; one version is published."""

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


class ReportVersion(models.Model):
    """A compiled version: `content` is the snapshot of everything it shows."""

    report = models.ForeignKey(
        StocktakingReport,
        on_delete=models.PROTECT,
        related_name="versions",
        verbose_name=_("report"),
    )
    number = models.PositiveIntegerField(_("number"))
    status = models.CharField(
        _("status"), max_length=12, choices=ReportVersionStatus.choices,
        default=ReportVersionStatus.DRAFT,
    )  # fmt: skip
    content = models.JSONField(_("content"))
    entry_count = models.PositiveIntegerField(_("entries"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("compiled"), auto_now_add=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)

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
