"""The WSIS Stocktaking Report: featuring an entry, compiling a version, publishing one. Each is
audited; compiling and publishing invalidate the public pages of the reports."""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from publications.models import FeaturedEntry, ReportVersion, StocktakingReport
from publications.services.versions import (
    next_version_number,
    publication_version_publish,
    require_secretariat,
)
from publications.workflow import REPORT_VERSION_WORKFLOW
from stocktaking.enums import PUBLIC_STATES as ENTRY_PUBLIC_STATES
from stocktaking.models import Entry
from stocktaking.prizes.enums import RESULT_STATES, PrizeEntryStatus
from stocktaking.prizes.models import PrizeEntry
from wsis.models import ActionLine
from wsis.services import audit_record


def featured_entry_set(
    *, report: StocktakingReport, entry: Entry, reason: str, by
) -> FeaturedEntry:
    """Features an approved entry in the report (its primary Action Line's chapter), with the
    reason the secretariat gives; audited. The next compiled version shows it."""
    require_secretariat(by)
    if not reason.strip():
        raise ValidationError({"reason": _("Say why this entry is featured.")})
    if entry.status not in ENTRY_PUBLIC_STATES or entry.revision_of_id:
        raise ValidationError({"entry": _("Only approved entries can be featured.")})
    with transaction.atomic():
        featured, _created = FeaturedEntry.objects.update_or_create(
            report=report, entry=entry, defaults={"reason": reason.strip(), "featured_by": by}
        )
        audit_record(
            actor=by, action="publications_report.feature", obj=report,
            after={"entry": entry.pk, "reason": featured.reason},
        )  # fmt: skip
    return featured


def featured_entry_remove(*, featured: FeaturedEntry, by) -> None:
    require_secretariat(by)
    with transaction.atomic():
        audit_record(
            actor=by, action="publications_report.unfeature", obj=featured.report,
            before={"entry": featured.entry_id, "reason": featured.reason},
        )  # fmt: skip
        featured.delete()


def _entry_row(entry: Entry, prizes: dict[int, str]) -> dict[str, Any]:
    return {
        "id": entry.pk,
        "title": entry.title,
        "organisation": entry.organisation.name,
        "countries": [c.country.name for c in entry.countries.all()],
        "url": entry.get_absolute_url(),
        # "winner" or "champion" when the entry won a prize of the report's year.
        "prize": prizes.get(entry.pk, ""),
    }


def _prize_rows(year: int) -> list[dict[str, Any]]:
    """The year's winners and champions, by category number, winners first."""
    results = (
        PrizeEntry.objects.filter(contest__year=year, status__in=RESULT_STATES)
        .select_related("organisation", "category")
        .order_by("category__number", "status", "title")
    )
    return [
        {
            "category_number": r.category.number,
            "category": r.category.name,
            "title": r.title,
            "organisation": r.organisation.name,
            "country": r.organisation.country.name if r.organisation.country else "",
            "status": r.status,
            "result": r.get_status_display(),
            "entry_id": r.stocktaking_entry_id,
            "url": r.get_absolute_url(),
        }
        for r in sorted(
            results,
            key=lambda r: (r.category.number, r.status != PrizeEntryStatus.WINNER, r.title),
        )
    ]


def _ranked(counter: Counter, labels: dict) -> list[list]:
    return [[labels.get(key, str(key)), n] for key, n in counter.most_common()]


def report_snapshot(report: StocktakingReport) -> dict[str, Any]:
    """Everything a version shows, read now: the figures, a chapter per Action Line (its featured
    entries with their reasons, then every other entry), the year's prize results."""
    entries = list(
        Entry.objects.filter(
            status__in=ENTRY_PUBLIC_STATES,
            revision_of__isnull=True,
            approved_at__date__gte=report.period_start,
            approved_at__date__lte=report.period_end,
        )
        .select_related("organisation__stakeholder_type", "primary_action_line")
        .prefetch_related("countries", "regions", "action_lines", "sdgs", "gdc_objectives")
        .order_by("title", "pk")
    )
    reasons = dict(FeaturedEntry.objects.filter(report=report).values_list("entry_id", "reason"))
    prizes = _prize_rows(report.year)
    prize_of = {}
    for prize in prizes:
        # An entry that won in one category and was a champion in another shows as a winner.
        if prize_of.get(prize["entry_id"]) != PrizeEntryStatus.WINNER:
            prize_of[prize["entry_id"]] = prize["status"]
    counts: dict[str, Counter] = {name: Counter() for name in (
        "region", "country", "action_line", "sdg", "gdc", "stakeholder_type")}  # fmt: skip
    labels: dict[str, dict] = {name: {} for name in counts}
    for entry in entries:
        for region in entry.regions.all():
            counts["region"][region.code] += 1
            labels["region"][region.code] = region.name
        for country in entry.countries.all():
            counts["country"][country.country.code] += 1
            labels["country"][country.country.code] = country.country.name
        for line in entry.action_lines.all():
            counts["action_line"][line.code] += 1
            labels["action_line"][line.code] = str(line)
        for sdg in entry.sdgs.all():
            counts["sdg"][sdg.number] += 1
            labels["sdg"][sdg.number] = str(sdg)
        for objective in entry.gdc_objectives.all():
            counts["gdc"][objective.number] += 1
            labels["gdc"][objective.number] = str(objective)
        kind = entry.organisation.stakeholder_type
        if kind is not None:
            counts["stakeholder_type"][kind.code] += 1
            labels["stakeholder_type"][kind.code] = kind.name
    chapters = []
    for line in ActionLine.objects.order_by("position"):
        own = [e for e in entries if e.primary_action_line_id == line.pk]
        if not own:
            continue
        chapters.append(
            {
                "code": line.code,
                "name": line.name,
                "featured": [
                    _entry_row(e, prize_of) | {"summary": e.summary, "reason": reasons[e.pk]}
                    for e in own
                    if e.pk in reasons
                ],
                "others": [_entry_row(e, prize_of) for e in own if e.pk not in reasons],
            }
        )
    return {
        "title": report.title,
        "year": report.year,
        "period": [report.period_start.isoformat(), report.period_end.isoformat()],
        "introduction": report.introduction,
        "conclusions": report.conclusions,
        "total": len(entries),
        "figures": {name: _ranked(counter, labels[name]) for name, counter in counts.items()},
        "chapters": chapters,
        "prizes": prizes,
    }


def report_compile(*, report: StocktakingReport, by=None) -> ReportVersion:
    """Compiles a new draft version (1, 2, …) from the data as it is now; earlier versions keep
    what they were built from, so a later approval never changes a published report. Audited."""
    content = report_snapshot(report)
    with transaction.atomic():
        version = ReportVersion.objects.create(
            report=report,
            number=next_version_number(ReportVersion.objects.filter(report=report)),
            content=content,
            entry_count=content["total"],
            created_by=by if getattr(by, "is_authenticated", False) else None,
        )
        audit_record(
            actor=by, action="publications_report.compile", obj=report,
            after={"version": version.number, "entries": version.entry_count},
        )  # fmt: skip
    return version


def report_version_publish(*, version: ReportVersion, by) -> ReportVersion:
    """Publishes a draft version through the workflow table; the version published before it is
    superseded. Audited; the public report pages show it at once."""
    return publication_version_publish(
        version=version, parent_field="report", workflow=REPORT_VERSION_WORKFLOW, by=by
    )
