"""Every non-trivial read of the publications; pure (the pages that show them are cached in
views.py under the generations of publications/caching.py)."""

from __future__ import annotations

from django.db.models import QuerySet

from publications.enums import ReportVersionStatus
from publications.models import (
    OpenDataArchive,
    ReportVersion,
    RoadmapsDocumentVersion,
    SuccessStoriesVersion,
)
from stocktaking.prizes.enums import RESULT_STATES
from stocktaking.prizes.models import PrizeEntry
from wsis.rules import is_secretariat


def report_versions_published() -> QuerySet[ReportVersion]:
    """Each year's published report version, newest year first."""
    return (
        ReportVersion.objects.filter(status=ReportVersionStatus.PUBLISHED)
        .select_related("report")
        .defer("content")
        .order_by("-report__year")
    )


def report_version_published(year: int) -> ReportVersion | None:
    return (
        ReportVersion.objects.filter(status=ReportVersionStatus.PUBLISHED, report__year=year)
        .select_related("report")
        .first()
    )


def stories_versions_published() -> QuerySet[SuccessStoriesVersion]:
    """Each year's published Success Stories version, newest year first."""
    return (
        SuccessStoriesVersion.objects.filter(status=ReportVersionStatus.PUBLISHED)
        .select_related("book")
        .defer("content")
        .order_by("-book__year")
    )


def stories_version_published(year: int) -> SuccessStoriesVersion | None:
    return (
        SuccessStoriesVersion.objects.filter(status=ReportVersionStatus.PUBLISHED, book__year=year)
        .select_related("book")
        .first()
    )


def roadmaps_document_versions() -> QuerySet[RoadmapsDocumentVersion]:
    """The combined roadmaps document's versions, newest first, without their content."""
    return (
        RoadmapsDocumentVersion.objects.select_related("document")
        .defer("content")
        .order_by("-number")
    )


def roadmaps_document_version(number: int | None = None) -> RoadmapsDocumentVersion | None:
    """Version `number`, or the latest."""
    versions = RoadmapsDocumentVersion.objects.select_related("document").order_by("-number")
    if number is not None:
        versions = versions.filter(number=number)
    return versions.first()


def certificates_for(user) -> QuerySet[PrizeEntry]:
    """The winners and champions whose certificates `user` may download: those of the
    organisations the user belongs to (every one for the secretariat), newest contest first."""
    entries = PrizeEntry.objects.filter(status__in=RESULT_STATES)
    if not is_secretariat(user):
        entries = entries.filter(organisation__memberships__user=user)
    return entries.select_related("contest", "category", "organisation").order_by(
        "-contest__year", "category__number", "title"
    )


def open_data_archives() -> QuerySet[OpenDataArchive]:
    """The yearly open-data archives, newest year first."""
    return OpenDataArchive.objects.order_by("-year")
