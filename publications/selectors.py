from __future__ import annotations

from django.db.models import QuerySet

from publications.enums import ReportVersionStatus
from publications.models import ReportVersion


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
