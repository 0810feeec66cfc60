"""Every non-trivial read of WSIS Stocktaking: public querysets, search, facets and charts."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVector
from django.db.models import Count, F, Prefetch, Q, QuerySet
from django.db.models.functions import ExtractYear
from django.utils import timezone
from django.utils.translation import gettext as _

from stocktaking.enums import MODERATION_STATES, PUBLIC_STATES, ActivityStatus, EntryKind
from stocktaking.models import Entry, EntryAttachment
from wsis.models import ActionLine, ItuRegion, Organisation, Sdg, StakeholderType, User

# Markers around highlighted words: never valid in user text, so escaping stays simple.
HIGHLIGHT_START = "\x02"
HIGHLIGHT_STOP = "\x03"


def _with_relations(queryset: QuerySet[Entry]) -> QuerySet[Entry]:
    return queryset.select_related(
        "organisation__stakeholder_type", "primary_action_line"
    ).prefetch_related(
        Prefetch("action_lines", queryset=ActionLine.objects.order_by("position")),
        "sdgs",
        "gdc_objectives",
        "countries__region",
        "regions",
    )


def entries_public() -> QuerySet[Entry]:
    """Approved, published entries (never revisions), with what lists show prefetched."""
    return _with_relations(
        Entry.objects.filter(status__in=PUBLIC_STATES, revision_of__isnull=True)
    ).order_by("-approved_at", "-id")


def entry_public_detail(pk: int) -> Entry | None:
    return _with_relations(Entry.objects.filter(pk=pk)).prefetch_related("attachments").first()


def entry_for_owner(pk: int) -> Entry | None:
    return (
        _with_relations(Entry.objects.filter(pk=pk))
        .prefetch_related("attachments", "revisions")
        .first()
    )


def entries_of_user_organisations(user: User) -> QuerySet[Entry]:
    """Every entry (and open revision) of the organisations the user belongs to."""
    return (
        Entry.objects.filter(organisation__memberships__user=user)
        .select_related("organisation", "revision_of", "primary_action_line")
        .order_by("organisation__name", "-updated_at", "-id")
    )


def organisations_for_entries(user: User) -> QuerySet[Organisation]:
    return Organisation.objects.filter(memberships__user=user).order_by("name")


def entries_search(queryset: QuerySet[Entry], text: str) -> QuerySet[Entry]:
    """Entries matching `text`, best first: title matches before any other, then by rank.

    PostgreSQL uses the stored, GIN-indexed vector (English stemming) and adds `headline`, a
    snippet of the summary with the matches between HIGHLIGHT_START/STOP; SQLite falls back to
    a case-insensitive substring search.
    """
    text = (text or "").strip()
    if not text:
        return queryset
    if not settings.IS_POSTGRESQL:
        return queryset.filter(
            Q(title__icontains=text)
            | Q(summary__icontains=text)
            | Q(description__icontains=text)
            | Q(partners__icontains=text)
            | Q(organisation__name__icontains=text)
        )
    query = SearchQuery(text, config="english", search_type="websearch")
    return (
        queryset.filter(search_vector=query)
        .annotate(
            title_rank=SearchRank(F("search_vector"), query, weights=[0.0, 0.0, 0.0, 1.0]),
            rank=SearchRank(F("search_vector"), query),
            headline=SearchHeadline(
                "summary",
                query,
                config="english",
                start_sel=HIGHLIGHT_START,
                stop_sel=HIGHLIGHT_STOP,
                max_words=35,
                min_words=15,
            ),
        )
        .order_by("-title_rank", "-rank", "-approved_at", "-id")
    )


def search_vector_expression():
    """The weighting of `Entry.search_vector` (title A, summary B, the rest C)."""
    return (
        SearchVector("title", weight="A", config="english")
        + SearchVector("summary", weight="B", config="english")
        + SearchVector("description", "partners", weight="C", config="english")
    )


@dataclass(frozen=True)
class FacetValue:
    value: str
    label: str
    count: int


def _counts(base: QuerySet[Entry], field: str) -> dict:
    rows = base.order_by().values(field).annotate(n=Count("pk", distinct=True))
    return {row[field]: row["n"] for row in rows}


def entries_facets(queryset: QuerySet[Entry]) -> dict[str, list[FacetValue]]:
    """Counts per value of each filter over the current result (a fixed number of queries)."""
    base = Entry.objects.filter(pk__in=queryset.order_by().values("pk"))
    action_lines = _counts(base, "action_lines__slug")
    sdgs = _counts(base, "sdgs__number")
    regions = _counts(base, "regions__code")
    stakeholders = _counts(base, "organisation__stakeholder_type__code")
    kinds = _counts(base, "kind")
    statuses = _counts(base, "activity_status")
    years = _counts(base.annotate(year=ExtractYear("start_date")), "year")
    return {
        "action_line": [
            FacetValue(a.slug, str(a), action_lines.get(a.slug, 0))
            for a in ActionLine.objects.order_by("position")
        ],
        "sdg": [
            FacetValue(str(s.number), str(s), sdgs.get(s.number, 0)) for s in Sdg.objects.all()
        ],
        "region": [
            FacetValue(r.code, r.name, regions.get(r.code, 0)) for r in ItuRegion.objects.all()
        ],
        "stakeholder_type": [
            FacetValue(t.code, t.name, stakeholders.get(t.code, 0))
            for t in StakeholderType.objects.all()
        ],
        "kind": [FacetValue(k.value, str(k.label), kinds.get(k.value, 0)) for k in EntryKind],
        "status": [
            FacetValue(s.value, str(s.label), statuses.get(s.value, 0)) for s in ActivityStatus
        ],
        "year": [
            FacetValue(str(year), str(year), count)
            for year, count in sorted(years.items(), key=lambda item: -(item[0] or 0))
            if year is not None
        ],
    }


@dataclass(frozen=True)
class MatrixCell:
    count: int
    level: int  # 0 (none) … 5 (the maximum of the matrix): a CSS class, never an inline style


@dataclass(frozen=True)
class MatrixRow:
    action_line: ActionLine
    cells: list[MatrixCell]
    total: int


def _level(count: int, maximum: int) -> int:
    if count == 0 or maximum == 0:
        return 0
    return max(1, min(5, -(-count * 5 // maximum)))


def entries_matrix(queryset: QuerySet[Entry]) -> tuple[list[Sdg], list[MatrixRow]]:
    """The WSIS-SDG matrix of the result: entries per Action Line × SDG (three queries)."""
    base = Entry.objects.filter(pk__in=queryset.order_by().values("pk"))
    counts: dict[tuple, int] = defaultdict(int)
    for row in (
        base.order_by()
        .values("action_lines__code", "sdgs__number")
        .annotate(n=Count("pk", distinct=True))
    ):
        counts[(row["action_lines__code"], row["sdgs__number"])] = row["n"]
    sdgs = list(Sdg.objects.all())
    action_lines = list(ActionLine.objects.order_by("position"))
    maximum = max(counts.values(), default=0)
    rows = []
    for action_line in action_lines:
        cells = [MatrixCell(counts[(action_line.code, sdg.number)], 0) for sdg in sdgs]
        cells = [MatrixCell(c.count, _level(c.count, maximum)) for c in cells]
        rows.append(MatrixRow(action_line, cells, sum(c.count for c in cells)))
    return sdgs, rows


@dataclass(frozen=True)
class RegionShare:
    code: str
    name: str
    count: int
    percent: int
    level: int


def entries_by_region(queryset: QuerySet[Entry]) -> list[RegionShare]:
    """Entries of the result per ITU region; global entries form their own row."""
    base = Entry.objects.filter(pk__in=queryset.order_by().values("pk"))
    counts = _counts(base, "regions__code")
    total = base.count()
    shares = [
        (region.code, region.name, counts.get(region.code, 0)) for region in ItuRegion.objects.all()
    ]
    shares.append(("global", _("Global"), counts.get(None, 0)))
    maximum = max((count for _code, _name, count in shares), default=0)
    return [
        RegionShare(
            code,
            name,
            count,
            round(100 * count / total) if total else 0,
            _level(count, maximum),
        )
        for code, name, count in shares
    ]


def entries_moderation_queue() -> QuerySet[Entry]:
    """What waits for the secretariat, oldest first."""
    return (
        Entry.objects.filter(status__in=MODERATION_STATES)
        .select_related("organisation__stakeholder_type", "primary_action_line", "revision_of")
        .order_by("submitted_at", "id")
    )


@dataclass(frozen=True)
class QueueSummary:
    total: int
    older_than_week: int
    oldest: list[Entry]


def moderation_queue_summary(*, now=None) -> QueueSummary:
    now = now or timezone.now()
    queue = entries_moderation_queue()
    return QueueSummary(
        total=queue.count(),
        older_than_week=queue.filter(submitted_at__lt=now - timedelta(days=7)).count(),
        oldest=list(queue[:50]),
    )


def attachment_public(pk: int) -> EntryAttachment | None:
    return EntryAttachment.objects.select_related("entry__organisation").filter(pk=pk).first()
