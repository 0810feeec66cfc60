"""Every write of the publications: featuring an entry, compiling a report version, publishing
one. Each is audited; compiling and publishing invalidate the public pages of the reports."""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from publications.enums import ReportVersionStatus
from publications.models import FeaturedEntry, ReportVersion, StocktakingReport
from stocktaking.enums import PUBLIC_STATES as ENTRY_PUBLIC_STATES
from stocktaking.models import Entry
from stocktaking.prizes.enums import RESULT_STATES
from stocktaking.prizes.models import PrizeEntry
from wsis.models import ActionLine
from wsis.rules import is_secretariat
from wsis.services import audit_record


def _require_secretariat(by) -> None:
    if not is_secretariat(by):
        raise PermissionDenied(_("Only the secretariat may do this."))


def featured_entry_set(
    *, report: StocktakingReport, entry: Entry, reason: str, by
) -> FeaturedEntry:
    """Features an approved entry in the report (its primary Action Line's chapter), with the
    reason the secretariat gives; audited. The next compiled version shows it."""
    _require_secretariat(by)
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
    _require_secretariat(by)
    with transaction.atomic():
        audit_record(
            actor=by, action="publications_report.unfeature", obj=featured.report,
            before={"entry": featured.entry_id, "reason": featured.reason},
        )  # fmt: skip
        featured.delete()


def _entry_row(entry: Entry) -> dict[str, Any]:
    return {
        "id": entry.pk,
        "title": entry.title,
        "organisation": entry.organisation.name,
        "countries": [c.country.name for c in entry.countries.all()],
        "url": entry.get_absolute_url(),
    }


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
                    _entry_row(e) | {"summary": e.summary, "reason": reasons[e.pk]}
                    for e in own
                    if e.pk in reasons
                ],
                "others": [_entry_row(e) for e in own if e.pk not in reasons],
            }
        )
    results = (
        PrizeEntry.objects.filter(contest__year=report.year, status__in=RESULT_STATES)
        .select_related("organisation", "category")
        .order_by("category__number", "status", "title")
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
        "prizes": [
            {
                "category": r.category.name,
                "title": r.title,
                "organisation": r.organisation.name,
                "result": r.get_status_display(),
            }
            for r in results
        ],
    }


def report_compile(*, report: StocktakingReport, by=None) -> ReportVersion:
    """Compiles a new draft version (1, 2, …) from the data as it is now; earlier versions keep
    what they were built from, so a later approval never changes a published report. Audited."""
    content = report_snapshot(report)
    with transaction.atomic():
        latest = (
            ReportVersion.objects.select_for_update()
            .filter(report=report)
            .order_by("-number")
            .first()
        )
        version = ReportVersion.objects.create(
            report=report,
            number=1 if latest is None else latest.number + 1,
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
    """Publishes a draft version; the version published before it is superseded. Audited; the
    public report pages show it at once."""
    _require_secretariat(by)
    with transaction.atomic():
        version = ReportVersion.objects.select_for_update().get(pk=version.pk)
        if version.status != ReportVersionStatus.DRAFT:
            raise ValidationError(_("Only a draft version can be published."))
        previous = ReportVersion.objects.filter(
            report=version.report_id, status=ReportVersionStatus.PUBLISHED
        ).first()
        if previous is not None:
            previous.status = ReportVersionStatus.SUPERSEDED
            previous.save(update_fields=["status"])
        version.status = ReportVersionStatus.PUBLISHED
        version.published_at = timezone.now()
        version.save(update_fields=["status", "published_at"])
        audit_record(
            actor=by, action="publications_report.publish", obj=version.report,
            before={"published": previous.number if previous else None},
            after={"published": version.number},
        )  # fmt: skip
    return version
