"""Demo content of the publications: the current year's WSIS Stocktaking Report, one featured
entry, compiled and published (idempotent)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from publications import services
from publications.models import ReportVersion, StocktakingReport
from stocktaking.enums import PUBLIC_STATES
from stocktaking.models import Entry
from wsis.models import User


def seed_demo_content(stdout) -> None:
    year = timezone.localdate().year
    report, _created = StocktakingReport.objects.get_or_create(
        year=year,
        defaults={
            "title": f"WSIS Stocktaking Report {year}",
            "period_start": dt.date(year, 1, 1),
            "period_end": dt.date(year, 12, 31),
            "introduction": (
                "This report presents the projects that stakeholders reported to the WSIS "
                "Stocktaking database this year, by region, Action Line and SDG (demo text)."
            ),
            "conclusions": (
                "Connectivity, digital skills and trust remain the most reported themes "
                "(demo text)."
            ),
        },
    )
    if ReportVersion.objects.filter(report=report).exists():
        return
    secretariat = User.objects.get(email="secretariat@demo.wsis.test")
    entry = Entry.objects.filter(status__in=PUBLIC_STATES, revision_of__isnull=True).first()
    if entry is not None:
        services.featured_entry_set(
            report=report, entry=entry, reason="A clear, replicable model (demo).", by=secretariat
        )
    version = services.report_compile(report=report, by=secretariat)
    services.report_version_publish(version=version, by=secretariat)
    stdout.write(f"  publications: the WSIS Stocktaking Report {year}, version 1 published")
