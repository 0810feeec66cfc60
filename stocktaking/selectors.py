"""Every non-trivial read of WSIS Stocktaking: public querysets, search, facets and charts."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVector
from django.db.models import (
    Count,
    Exists,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    TextField,
    Value,
    prefetch_related_objects,
)
from django.db.models.functions import Cast, Concat, ExtractYear
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from stocktaking.enums import MODERATION_STATES, PUBLIC_STATES, ActivityStatus, EntryKind
from stocktaking.models import ENTRY_IMAGE_FOLDER, Entry, EntryAttachment, EntryTranslation
from wsis.i18n import search_config
from wsis.models import ActionLine, CountryRegion, Organisation, Sdg, User
from wsis.search import HIGHLIGHT_START, HIGHLIGHT_STOP, bounded_ranked_slice
from wsis.selectors import ReferenceLists, reference_relations_fetch
from wsis.text_languages import TextInLanguages, text_in

# Markers around highlighted words: never valid in user text, so escaping stays simple.


def _with_relations(queryset: QuerySet[Entry]) -> QuerySet[Entry]:
    return queryset.select_related(
        "organisation__stakeholder_type", "primary_action_line"
    ).prefetch_related(*_entry_relations())


def _entry_relations() -> tuple:
    """The many-to-many relations an entry's page and API representation show."""
    return (
        Prefetch("action_lines", queryset=ActionLine.objects.order_by("position")),
        "sdgs",
        "gdc_objectives",
        # One query for the countries and their regions, not two.
        Prefetch("countries", queryset=CountryRegion.objects.select_related("region")),
        "regions",
    )


def entries_public_listed() -> QuerySet[Entry]:
    """Approved, published entries with only what the list page shows of each (the organisation;
    their Action Lines, SDGs and countries come from `entries_listed_relations_fetch`, for the
    rows that are not already rendered)."""
    return (
        Entry.objects.filter(status__in=PUBLIC_STATES, revision_of__isnull=True)
        # The stored search vector and the long texts are large (TOAST) and never listed.
        .defer("search_vector", "description", "partners", "target_beneficiaries")
        .select_related("organisation")
        .order_by("-approved_at", "-id")
    )


def entries_related(queryset: QuerySet[Entry], relation: str, **condition) -> QuerySet[Entry]:
    """The entries of `queryset` related through the many-to-many `relation` ("action_lines") to
    a row its through table's `condition` selects: `id IN (SELECT entry_id FROM <its table>
    WHERE ...)`. A semi-join, so an entry matching several rows is listed once without DISTINCT
    (which made PostgreSQL sort whole rows), and deep pages can use the deferred join."""
    field = Entry._meta.get_field(relation)
    rows = field.remote_field.through.objects.filter(**condition)
    return queryset.filter(pk__in=rows.values(field.m2m_column_name()))


def entries_listed_relations_fetch(entries: list[Entry]) -> None:
    """Fetches what a list row shows of these entries (Action Lines, SDGs, countries and the
    translations of their text): four queries, whatever their number."""
    prefetch_related_objects(
        entries,
        Prefetch("action_lines", queryset=ActionLine.objects.order_by("position")),
        "sdgs",
        "countries",
        "translations",
    )


def entries_public() -> QuerySet[Entry]:
    """Approved, published entries (never revisions), with what lists show prefetched."""
    return _with_relations(
        Entry.objects.filter(status__in=PUBLIC_STATES, revision_of__isnull=True)
    ).order_by("-approved_at", "-id")


# The many-to-many relations of an entry to reference rows (what its page and API show).
ENTRY_REFERENCE_RELATIONS = ("action_lines", "sdgs", "gdc_objectives", "countries", "regions")


def _entry_with(queryset: QuerySet[Entry], reference: ReferenceLists | None) -> Entry | None:
    """The entry of `queryset` with its relations: with the cached reference lists, its five
    relations to reference rows cost one query (`reference_relations_fetch`), else five."""
    if reference is None:
        return _with_relations(queryset).first()
    entry = queryset.select_related("organisation__stakeholder_type", "primary_action_line").first()
    if entry is not None:
        reference_relations_fetch([entry], reference, ENTRY_REFERENCE_RELATIONS)
    return entry


def entry_public_detail(pk: int, reference: ReferenceLists | None = None) -> Entry | None:
    return _entry_with(
        Entry.objects.filter(pk=pk).prefetch_related("attachments", "translations"), reference
    )


# What a reader is shown of an entry's text (`entry_text`).
EntryText = TextInLanguages


def entry_text(entry: Entry, language: str) -> EntryText:
    """The entry's text for a reader of `language`: the translation into their language when
    there is one, else the original (its translations prefetched or read here)."""
    return text_in(entry, language)


def entry_for_owner(pk: int, reference: ReferenceLists | None = None) -> Entry | None:
    return _entry_with(
        Entry.objects.filter(pk=pk).prefetch_related("attachments", "revisions", "translations"),
        reference,
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


def _has_unspaced_script(text: str) -> bool:
    """Whether `text` holds characters of a script written without spaces between words
    (Chinese, Japanese), which no text-search configuration can split into words."""
    return any("\u3400" <= char <= "\u9fff" or "\uf900" <= char <= "\ufaff" for char in text)


def _contains(field: str, word: str) -> Q:
    # A word without case (Chinese) is matched as it is, which the trigram indexes serve
    # (migration 0005); a word with case, whatever its case.
    lookup = "contains" if word.lower() == word.upper() else "icontains"
    return Q(**{f"{field}__{lookup}": word})


def _in_a_translation(word: str) -> Exists:
    return Exists(
        EntryTranslation.objects.filter(entry_id=OuterRef("pk")).filter(
            _contains("title", word) | _contains("summary", word)
        )
    )


def substring_matches(text: str) -> Q:
    """Entries whose title or summary, or a translation's, holds every word of `text` (words
    split at spaces; a Chinese query without spaces is one word): the search for Chinese, served
    by the trigram indexes of pg_trgm on PostgreSQL."""
    condition = Q()
    for word in text.split():
        condition &= _contains("title", word) | _contains("summary", word) | _in_a_translation(word)
    return condition


def entries_search(queryset: QuerySet[Entry], text: str) -> QuerySet[Entry]:
    """Entries matching `text`, best first: title matches before any other, then by rank. A
    paginated page (KnownCountPaginator) ranks only the newest RANKED_CANDIDATES matches and lists
    the others newest first after them (see `ranked_search_slice`).

    PostgreSQL uses the stored, GIN-indexed vector (each text stemmed in its language; the query
    in English and in the reader's language) and, for Chinese, substrings through trigram
    indexes; it adds `headline`, a snippet of the summary with the matches between
    HIGHLIGHT_START/STOP. SQLite falls back to a case-insensitive substring search of every word,
    in the entry and its translations.
    """
    text = (text or "").strip()
    if not text:
        return queryset
    if not settings.IS_POSTGRESQL:
        # Every word somewhere (as PostgreSQL's websearch matches "broadband kenya"), not the
        # whole phrase in one field; in the entry or in one of its translations.
        condition = Q()
        for word in text.split():
            condition &= (
                Q(title__icontains=word)
                | Q(summary__icontains=word)
                | Q(description__icontains=word)
                | Q(partners__icontains=word)
                | Q(organisation__name__icontains=word)
                | _in_a_translation(word)
            )
        return queryset.filter(condition)
    # English stemming, and the reader's language's too (the vector holds every translation
    # stemmed in its own language); Chinese, without word boundaries, by substring.
    language = get_language()
    query = SearchQuery(text, config="english", search_type="websearch")
    if search_config(language) not in ("english", "simple"):
        query = query | SearchQuery(text, config=search_config(language), search_type="websearch")
    matches = Q(search_vector=query)
    if language == "zh-hans" or _has_unspaced_script(text):
        matches |= substring_matches(text)
    searched = (
        queryset.filter(matches)
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
        .order_by(*RELEVANCE_ORDER)
    )
    # Pages of it come from `ranked_search_slice` while it keeps this order (KnownCountPaginator;
    # a Query's attributes follow its clones).
    searched.query.ordered_slice = (RELEVANCE_ORDER, ranked_search_slice)
    return searched


# A page of a search sorted by relevance ranks only this many matches, the newest ones (found
# through the newest-first partial index): ranking every match of a common word (86% of 100,000
# entries) took seconds. Title matches come first, then by rank, within these; every later match
# follows in newest order. A multiple of every usual page size (10, 20, 25, 50, 100), so that a
# page rarely straddles the boundary (one that does is fetched in two queries).
RANKED_CANDIDATES = 200
RELEVANCE_ORDER = ("-title_rank", "-rank", "-approved_at", "-id")
NEWEST_ORDER = ("-approved_at", "-id")


def ranked_search_slice(queryset: QuerySet[Entry], bottom: int, top: int) -> list[Entry]:
    """Rows [bottom, top) of a relevance-sorted search (`entries_search`): the newest
    RANKED_CANDIDATES matches sorted by rank (title matches first), then every other match newest
    first. Each match has exactly one position, so pages never repeat or lose one; the rank (and
    the headline) is computed for the candidates (and the page's rows) only."""
    return bounded_ranked_slice(
        queryset, bottom, top, candidates=RANKED_CANDIDATES, newest=NEWEST_ORDER
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


# Facet → what its values group by. Every facet, the WSIS-SDG matrix, the regions and the total
# of a result come from one grouped query (`entries_summary`), which `stocktaking.caching`
# keeps per filter combination and generation.
FACET_GROUPS = {
    "action_line": "action_lines__slug",
    "sdg": "sdgs__number",
    "gdc": "gdc_objectives__number",
    "region": "regions__code",
    "stakeholder_type": "organisation__stakeholder_type__code",
    "kind": "kind",
    "status": "activity_status",
    "year": ExtractYear("start_date"),
}
MATRIX = "matrix"
TOTAL = "total"


@dataclass(frozen=True)
class ResultSummary:
    """The counts of one result: {facet: {value: entries}}, the matrix and the total."""

    total: int
    counts: dict[str, dict[str, int]]

    def of(self, facet: str) -> dict[str, int]:
        return self.counts.get(facet, {})


def _grouped(base: QuerySet[Entry], facet: str, expression) -> QuerySet:
    if isinstance(expression, str):
        expression = F(expression)
    return (
        base.order_by()
        .annotate(facet=Value(facet), value=Cast(expression, TextField()))
        .values("facet", "value")
        .annotate(n=Count("pk", distinct=True))
        .values_list("facet", "value", "n")
    )


def entries_summary(queryset: QuerySet[Entry]) -> ResultSummary:
    """The result's counts per facet value, its matrix and its total, in one grouped query."""
    base = Entry.objects.filter(pk__in=queryset.order_by().values("pk"))
    parts = [_grouped(base, facet, expression) for facet, expression in FACET_GROUPS.items()]
    parts.append(
        _grouped(
            base,
            MATRIX,
            Concat(
                F("action_lines__code"),
                Value("|"),
                Cast(F("sdgs__number"), TextField()),
                output_field=TextField(),
            ),
        )
    )
    parts.append(_grouped(base, TOTAL, Value("")))
    counts: dict[str, dict[str, int]] = defaultdict(dict)
    for facet, value, n in parts[0].union(*parts[1:], all=True):
        counts[facet][value] = n
    total = counts.pop(TOTAL, {}).get("", 0)
    return ResultSummary(total=total, counts=dict(counts))


def entries_facets(
    summary: ResultSummary, reference: ReferenceLists
) -> dict[str, list[FacetValue]]:
    """Counts per value of each filter over the current result (no query: see `entries_summary`)."""
    action_lines = summary.of("action_line")
    sdgs = summary.of("sdg")
    goals = summary.of("gdc")
    regions = summary.of("region")
    stakeholders = summary.of("stakeholder_type")
    kinds = summary.of("kind")
    statuses = summary.of("status")
    years = {int(year): n for year, n in summary.of("year").items() if year is not None}
    return {
        "action_line": [
            FacetValue(a.slug, str(a), action_lines.get(a.slug, 0)) for a in reference.action_lines
        ],
        "sdg": [
            FacetValue(str(s.number), str(s), sdgs.get(str(s.number), 0)) for s in reference.sdgs
        ],
        "gdc": [
            FacetValue(str(g.number), str(g), goals.get(str(g.number), 0))
            for g in reference.gdc_objectives
        ],
        "region": [FacetValue(r.code, r.name, regions.get(r.code, 0)) for r in reference.regions],
        "stakeholder_type": [
            FacetValue(t.code, t.name, stakeholders.get(t.code, 0))
            for t in reference.stakeholder_types
        ],
        "kind": [FacetValue(k.value, str(k.label), kinds.get(k.value, 0)) for k in EntryKind],
        "status": [
            FacetValue(s.value, str(s.label), statuses.get(s.value, 0)) for s in ActivityStatus
        ],
        "year": [
            FacetValue(str(year), str(year), count)
            for year, count in sorted(years.items(), key=lambda item: -item[0])
        ],
    }


@dataclass(frozen=True)
class MatrixCell:
    count: int
    level: int  # 0 (none) … 5 (the maximum of the matrix): a CSS class, never an inline style
    sdg_number: int = 0


@dataclass(frozen=True)
class MatrixRow:
    action_line: ActionLine
    cells: list[MatrixCell]
    total: int


def _level(count: int, maximum: int) -> int:
    if count == 0 or maximum == 0:
        return 0
    return max(1, min(5, -(-count * 5 // maximum)))


def entries_matrix(
    summary: ResultSummary, reference: ReferenceLists
) -> tuple[list[Sdg], list[MatrixRow]]:
    """The WSIS-SDG matrix of the result: entries per Action Line × SDG."""
    counts = summary.of(MATRIX)
    maximum = max(counts.values(), default=0)
    rows = []
    for action_line in reference.action_lines:
        cells = []
        for sdg in reference.sdgs:
            count = counts.get(f"{action_line.code}|{sdg.number}", 0)
            cells.append(MatrixCell(count, _level(count, maximum), sdg.number))
        rows.append(MatrixRow(action_line, cells, sum(c.count for c in cells)))
    return reference.sdgs, rows


@dataclass(frozen=True)
class RegionShare:
    code: str
    name: str
    count: int
    percent: int
    level: int


def entries_by_region(summary: ResultSummary, reference: ReferenceLists) -> list[RegionShare]:
    """Entries of the result per ITU region; global entries form their own row."""
    counts = summary.of("region")
    total = summary.total
    shares = [
        (region.code, region.name, counts.get(region.code, 0)) for region in reference.regions
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


def entries_with_image(name: str) -> list[Entry]:
    """The entries (published ones, drafts, revisions) that show the stored image `name`: a
    revision shares its published entry's image until it uploads its own."""
    return list(
        Entry.objects.filter(image=f"{ENTRY_IMAGE_FOLDER}{name}")
        .select_related("organisation")
        .only("id", "status", "revision_of_id", "image", "organisation")
    )


def attachment_public(pk: int) -> EntryAttachment | None:
    return EntryAttachment.objects.select_related("entry__organisation").filter(pk=pk).first()


def entries_public_unfetched() -> QuerySet[Entry]:
    """Approved, published entries (never revisions) with their organisation and primary Action
    Line but not their many-to-many relations: the API's list fetches those
    (`entries_api_relations_fetch`) only for the entries whose representation is not cached."""
    return (
        Entry.objects.filter(status__in=PUBLIC_STATES, revision_of__isnull=True)
        # The stored search vector is large (TOAST) and never shown.
        .defer("search_vector")
        .select_related("organisation__stakeholder_type", "primary_action_line")
        .order_by("-approved_at", "-id")
    )


def entries_api_relations_fetch(entries: list[Entry]) -> None:
    """Fetches the relations the API shows of these entries: five queries, whatever their
    number (none for no entries)."""
    if entries:
        prefetch_related_objects(entries, *_entry_relations())


def image_shown_publicly(name: str) -> bool:
    """Whether a public entry (approved, not a revision) shows the stored image `name`."""
    return Entry.objects.filter(
        image=name, status__in=PUBLIC_STATES, revision_of__isnull=True
    ).exists()


def entry_images_public() -> list[str]:
    """The stored names of the images that public entries show."""
    return list(
        Entry.objects.filter(status__in=PUBLIC_STATES, revision_of__isnull=True)
        .exclude(image="")
        .values_list("image", flat=True)
        .distinct()
    )
