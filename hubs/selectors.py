"""What a hub shows, read from every part of the portal in a bounded number of queries.

A hub is an Action Line, an SDG or a GDC objective seen from the four sides of the portal: the
roadmap clauses that name it, the stocktaking entries tagged with it (counted by region, year and
SDG or Action Line in one grouped query, with the latest ones), the prize winners and champions
of its categories, the sessions and outcome documents of the WSIS Forum tagged with it, and the
commitments of those outcome documents with their organisers' latest answers. Each selector runs
a fixed number of queries, whatever the number of items."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import Count, F, IntegerField, Prefetch, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce, JSONObject
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from events.enums import OUTCOME_PUBLIC_STATES
from events.models import Commitment, OutcomeDocument, Session
from roadmaps.enums import VersionStatus
from roadmaps.models import Clause
from stocktaking import selectors as stocktaking_selectors
from stocktaking.models import Entry, EntryTranslation
from stocktaking.prizes.enums import RESULT_STATES
from stocktaking.prizes.models import PrizeEntry, PrizeEntryTranslation
from wsis.models import ActionLine, FacilitatorAssignment, GdcObjective, Organisation, Sdg

LATEST = 6


@dataclass(frozen=True)
class Facilitator:
    """An organisation facilitating an Action Line, as a hub names and links it."""

    name: str
    slug: str


@dataclass
class Hub:
    """One hub's content; `filter_query` is the query string of the stocktaking list it links to,
    `commitments_query` that of the commitments list."""

    kind: str
    subject: ActionLine | Sdg | GdcObjective
    filter_query: str
    commitments_query: str
    entries_total: int = 0
    entries_by_region: dict[str, int] = field(default_factory=dict)
    entries_by_year: list[tuple[str, int]] = field(default_factory=list)
    entries_by_other: dict[str, int] = field(default_factory=dict)
    latest_entries: list[Entry] = field(default_factory=list)
    clauses: list[Clause] = field(default_factory=list)
    clauses_total: int = 0
    results: list[PrizeEntry] = field(default_factory=list)
    sessions: list[Session] = field(default_factory=list)
    sessions_total: int = 0
    outcomes: list[OutcomeDocument] = field(default_factory=list)
    outcomes_total: int = 0
    commitments: list[Commitment] = field(default_factory=list)
    commitments_total: int = 0
    commitments_answered: int = 0
    facilitators: list[Facilitator] = field(default_factory=list)


def _count(queryset: QuerySet) -> Subquery:
    return Coalesce(
        Subquery(
            queryset.order_by().annotate(one=Value(1)).values("one")
            .annotate(n=Count("*")).values("n")[:1],
            output_field=IntegerField(),
        ),
        0,
    )  # fmt: skip


COUNTED = ("clauses", "sessions", "outcomes", "commitments", "answered")


def _counts(subject: QuerySet, clauses, sessions, outcomes, **more) -> dict:
    """The counts in one query, as subqueries beside the subject's row: clauses, sessions,
    published outcome documents, their commitments and how many of those were answered, and the
    latest commitments themselves (with `more` subqueries, under their own names)."""
    commitments = _commitments_of(outcomes)
    row = (
        subject.annotate(
            n_clauses=_count(clauses),
            n_sessions=_count(sessions),
            n_outcomes=_count(outcomes),
            n_commitments=_count(commitments),
            n_answered=_count(commitments.filter(answered_at__isnull=False)),
            latest_commitments=_latest_commitments(commitments),
            **more,
        )
        .values(*(f"n_{name}" for name in COUNTED), "latest_commitments", *more)
        .get()
    )
    return {name: row[f"n_{name}"] for name in COUNTED} | {
        name: row[name] for name in ("latest_commitments", *more)
    }


def _commitments_of(outcomes: QuerySet[OutcomeDocument]) -> QuerySet[Commitment]:
    """The commitments of the hub's published outcome documents: those carrying the Action Line,
    SDG or GDC objective of their session (or, for a GDC objective, of their document)."""
    return Commitment.objects.filter(outcome__in=outcomes.values("pk"))


def _latest_commitments(commitments: QuerySet[Commitment]) -> ArraySubquery:
    """The latest answered commitments first, then the newest sessions', as JSON rows beside the
    counts (no query of their own)."""
    return ArraySubquery(
        commitments.order_by(
            F("answered_at").desc(nulls_last=True), "-outcome__session__starts_at", "position",
            "id",
        ).values(
            json=JSONObject(
                id="id", text="text", status="status", answer="answer",
                answer_link="answer_link", answered_at="answered_at",
                withdrawn_at="withdrawn_at", target_date="target_date", outcome_id="outcome_id",
                session_id="outcome__session_id", session_title="outcome__session__title",
            )
        )[:LATEST]
    )  # fmt: skip


def _fill_commitments(hub: Hub, counts: dict) -> None:
    """The counts, and the latest commitments as model instances (read from the counts' row)."""
    hub.commitments_total, hub.commitments_answered = counts["commitments"], counts["answered"]
    hub.commitments = []
    for row in counts["latest_commitments"]:
        session = Session(id=row["session_id"], title=row["session_title"])
        hub.commitments.append(
            Commitment(
                id=row["id"], text=row["text"], status=row["status"], answer=row["answer"],
                answer_link=row["answer_link"],
                answered_at=row["answered_at"] and parse_datetime(row["answered_at"]),
                withdrawn_at=row["withdrawn_at"] and parse_datetime(row["withdrawn_at"]),
                target_date=row["target_date"] and parse_date(row["target_date"]),
                outcome=OutcomeDocument(id=row["outcome_id"], session=session),
            )
        )  # fmt: skip


def _fill_entries(hub: Hub, entries: QuerySet[Entry], other: str) -> None:
    """Counts (one grouped query) and the latest entries (one query)."""
    summary = stocktaking_selectors.entries_summary(entries)
    hub.entries_total = summary.total
    hub.entries_by_region = summary.of("region")
    hub.entries_by_year = sorted(
        ((year, n) for year, n in summary.of("year").items() if year and year != "None"),
        reverse=True,
    )
    hub.entries_by_other = summary.of(other)
    # The titles of their translations too: the hub shows each in the reader's language.
    hub.latest_entries = list(
        entries.prefetch_related(
            Prefetch(
                "translations",
                queryset=EntryTranslation.objects.only("entry", "language", "title"),
            )
        )[:LATEST]
    )


def _public_results() -> QuerySet[PrizeEntry]:
    return (
        PrizeEntry.objects.filter(
            status__in=RESULT_STATES, contest__winners_announced_at__lte=timezone.now()
        )
        .select_related("organisation", "category", "contest")
        .prefetch_related(
            Prefetch(
                "translations",
                queryset=PrizeEntryTranslation.objects.only("prize_entry", "language", "title"),
            )
        )
        .order_by("-contest__year", "category__number", "status", "title")
    )


def _sessions_and_outcomes(
    hub: Hub, session_condition: Q, outcome_condition: Q | None = None
) -> tuple[QuerySet, QuerySet]:
    """The latest sessions and published outcomes (two queries); their querysets to count.
    Outcomes are those of the sessions, or those `outcome_condition` selects."""
    sessions = Session.objects.filter(session_condition)
    of_sessions = Q(session__in=sessions.values("pk"))
    outcomes = OutcomeDocument.objects.filter(
        of_sessions | outcome_condition if outcome_condition else of_sessions,
        status__in=OUTCOME_PUBLIC_STATES,
    )
    hub.sessions = list(sessions.select_related("event").order_by("-starts_at", "-number")[:LATEST])
    hub.outcomes = list(
        outcomes.select_related("session__event")
        .defer("search_vector")
        .order_by("-session__starts_at", "-session__number")[:LATEST]
    )
    return sessions, outcomes


def hub_for_action_line(action_line: ActionLine) -> Hub:
    """An Action Line's hub: 8 queries (the page looks its subject up in the cached reference
    lists, so this is all it makes on a miss)."""
    hub = Hub(
        "action_line",
        action_line,
        f"action_line={action_line.slug}",
        f"action_line={action_line.code}",
    )
    entries = stocktaking_selectors.entries_related(
        stocktaking_selectors.entries_public_listed(), "action_lines", actionline_id=action_line.pk
    )
    _fill_entries(hub, entries, "sdg")
    clauses = Clause.objects.filter(
        version__roadmap__action_line=action_line, version__status=VersionStatus.PUBLISHED
    )
    sessions, outcomes = _sessions_and_outcomes(hub, Q(action_lines=action_line))
    # Its facilitators (name and address) come with the counts, as one more subquery.
    facilitators = ArraySubquery(
        Organisation.objects.filter(
            pk__in=FacilitatorAssignment.objects.filter(action_line=action_line).values(
                "organisation"
            )
        )
        .order_by("name")
        .values(json=JSONObject(name="name", slug="slug"))
    )
    counts = _counts(
        ActionLine.objects.filter(pk=action_line.pk),
        clauses,
        sessions,
        outcomes,
        facilitators=facilitators,
    )
    hub.clauses_total = counts["clauses"]
    hub.sessions_total, hub.outcomes_total = counts["sessions"], counts["outcomes"]
    _fill_commitments(hub, counts)
    hub.facilitators = [Facilitator(**found) for found in counts["facilitators"]]
    hub.results = list(_public_results().filter(category__action_line=action_line)[:12])
    return hub


def hub_for_sdg(sdg: Sdg) -> Hub:
    """An SDG's hub: 8 queries, 9 when prize results are shown (their translations)."""
    hub = Hub("sdg", sdg, f"sdg={sdg.number}", f"sdg={sdg.number}")
    entries = stocktaking_selectors.entries_related(
        stocktaking_selectors.entries_public_listed(), "sdgs", sdg_id=sdg.pk
    )
    _fill_entries(hub, entries, "action_line")
    clauses = Clause.objects.filter(sdgs=sdg, version__status=VersionStatus.PUBLISHED)
    sessions, outcomes = _sessions_and_outcomes(hub, Q(sdgs=sdg))
    counts = _counts(Sdg.objects.filter(pk=sdg.pk), clauses, sessions, outcomes)
    hub.clauses_total = counts["clauses"]
    hub.sessions_total, hub.outcomes_total = counts["sessions"], counts["outcomes"]
    _fill_commitments(hub, counts)
    hub.clauses = list(
        clauses.select_related("group", "version__roadmap__action_line").order_by(
            "version__roadmap__action_line__position", "group__position", "position"
        )[:12]
    )
    hub.results = list(_public_results().filter(sdgs=sdg)[:12])
    return hub


def hub_for_gdc_objective(objective: GdcObjective) -> Hub:
    """A GDC objective's hub: 8 queries, 9 when prize results are shown. Its outcome documents
    are those tagged with it and those of its sessions."""
    hub = Hub("gdc", objective, f"gdc={objective.number}", f"gdc={objective.number}")
    entries = stocktaking_selectors.entries_related(
        stocktaking_selectors.entries_public_listed(),
        "gdc_objectives",
        gdcobjective_id=objective.pk,
    )
    _fill_entries(hub, entries, "action_line")
    clauses = Clause.objects.filter(
        gdc_objectives=objective, version__status=VersionStatus.PUBLISHED
    )
    sessions, outcomes = _sessions_and_outcomes(
        hub, Q(gdc_objectives=objective), Q(gdc_objectives=objective)
    )
    counts = _counts(GdcObjective.objects.filter(pk=objective.pk), clauses, sessions, outcomes)
    hub.clauses_total = counts["clauses"]
    hub.sessions_total, hub.outcomes_total = counts["sessions"], counts["outcomes"]
    _fill_commitments(hub, counts)
    hub.clauses = list(
        clauses.select_related("group", "version__roadmap__action_line").order_by(
            "version__roadmap__action_line__position", "group__position", "position"
        )[:12]
    )
    hub.results = list(_public_results().filter(gdc_objectives=objective)[:12])
    return hub


@dataclass(frozen=True)
class MatrixCell:
    count: int
    query: str


def action_lines_by_gdc_objective() -> dict[tuple[int, int], int]:
    """Approved entries per (Action Line id, GDC objective number): one grouped query."""
    rows = (
        Entry.objects.filter(pk__in=stocktaking_selectors.entries_public_listed().values("pk"))
        .order_by()
        .values("action_lines", "gdc_objectives")
        .annotate(n=Count("pk", distinct=True))
        .filter(action_lines__isnull=False, gdc_objectives__isnull=False)
        .values_list("action_lines", "gdc_objectives", "n")
    )
    return {(line, objective): n for line, objective, n in rows}
