"""Demo content of the publications (idempotent): the current year's WSIS Stocktaking Report with
one featured entry, compiled and published; the Success Stories of the latest contest with
winners, compiled and published; the combined roadmaps document of the published roadmaps."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from publications import services
from publications.models import (
    ReportVersion,
    RoadmapsDocumentVersion,
    StocktakingReport,
    SuccessStoriesBook,
)
from stocktaking.enums import PUBLIC_STATES
from stocktaking.models import Entry
from stocktaking.prizes.enums import RESULT_STATES
from stocktaking.prizes.models import Contest
from wsis.models import User


def seed_demo_content(stdout) -> None:
    made = [part for part in (_seed_report(), _seed_success_stories(), _seed_roadmaps())
            if part]  # fmt: skip
    if made:
        stdout.write(f"  publications: {'; '.join(made)}")


def _seed_success_stories() -> str:
    contest = Contest.objects.filter(entries__status__in=RESULT_STATES).order_by("-year").first()
    if contest is None:
        return ""
    book, _created = SuccessStoriesBook.objects.get_or_create(
        contest=contest,
        defaults={
            "year": contest.year,
            "title": f"WSIS Prizes {contest.year} Success Stories",
            "introduction": (
                "Each year the WSIS Prizes recognise projects that put the WSIS Action Lines "
                "into practice. This book tells the stories of the winners and champions, "
                "category by category, in their own words (demo text)."
            ),
        },
    )
    if book.versions.exists():
        return ""
    secretariat = User.objects.get(email="secretariat@demo.wsis.test")
    version = services.success_stories_compile(book=book, by=secretariat)
    services.success_stories_version_publish(version=version, by=secretariat)
    return f"the WSIS Prizes {book.year} Success Stories ({version.story_count} stories) published"


def _seed_roadmaps() -> str:
    if RoadmapsDocumentVersion.objects.exists():
        return ""
    document = services.roadmaps_document_current()
    if not document.introduction:
        document.introduction = (
            "The Action Line facilitators keep a roadmap for each WSIS Action Line: the "
            "clauses of the WSIS outcome documents with their timing, goals, links to the "
            "SDGs, the current situation and the results expected. This document gathers "
            "every published roadmap (demo text)."
        )
        document.save(update_fields=["introduction"])
    secretariat = User.objects.get(email="secretariat@demo.wsis.test")
    version, _created = services.roadmaps_document_compile(document=document, by=secretariat)
    return f"the combined roadmaps document ({len(version.content['chapters'])} Action Lines)"


def _seed_report() -> str:
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
        return ""
    secretariat = User.objects.get(email="secretariat@demo.wsis.test")
    entry = Entry.objects.filter(status__in=PUBLIC_STATES, revision_of__isnull=True).first()
    if entry is not None:
        services.featured_entry_set(
            report=report, entry=entry, reason="A clear, replicable model (demo).", by=secretariat
        )
    version = services.report_compile(report=report, by=secretariat)
    services.report_version_publish(version=version, by=secretariat)
    return f"the WSIS Stocktaking Report {year} published"
