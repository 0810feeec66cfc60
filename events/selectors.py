"""Every non-trivial read of the events app; querysets prefetch, so query counts are constant."""

from __future__ import annotations

import datetime as dt
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db.models import (
    Count,
    Exists,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    prefetch_related_objects,
)

from events.enums import COMMITMENT_SETTLED, OUTCOME_PUBLIC_STATES, CommitmentStatus
from events.models import (
    OUTCOME_CONTENT_FIELDS,
    Commitment,
    Event,
    ForumOutcomeVersion,
    OutcomeDocument,
    QuestionnaireAnswer,
    QuestionnaireBlock,
    QuestionnaireSection,
    Session,
    Speaker,
)
from wsis.models import Organisation
from wsis.search import HIGHLIGHT_START, HIGHLIGHT_STOP, bounded_ranked_slice, rank_bounded


def events_public() -> QuerySet[Event]:
    """Events the public may see: not the drafts that an import left incomplete."""
    return (
        Event.objects.filter(is_draft=False)
        .prefetch_related("sdgs", "organisers")
        .annotate(session_count=Count("sessions", distinct=True))
    )


def sessions_public() -> QuerySet[Session]:
    published = OutcomeDocument.objects.filter(
        session=OuterRef("pk"), status__in=OUTCOME_PUBLIC_STATES
    )
    return (
        Session.objects.select_related("event")
        .prefetch_related(
            Prefetch("organisers", queryset=Organisation.objects.order_by("name")),
            "action_lines",
            "sdgs",
            Prefetch("speakers", queryset=Speaker.objects.order_by("position", "id")),
        )
        .annotate(has_published_outcome=Exists(published))
        .order_by("starts_at", "number")
    )


def event_agenda_days(event: Event, sessions) -> list[tuple[dt.date, list[Session]]]:
    """The sessions grouped by their day in the event's time zone, in time order."""
    days: OrderedDict[dt.date, list[Session]] = OrderedDict()
    for session in sessions:
        days.setdefault(session.starts_at.astimezone(event.zone).date(), []).append(session)
    return list(days.items())


# The public outcome list's order: newest session first. Total (a session has one outcome
# document), so a page never repeats or loses a row; the sessions' index "events_session_newest"
# provides it, so a page reads its own rows only.
OUTCOME_NEWEST_ORDER = ("-session__starts_at", "session__number", "session_id")
# A search sorts session-title matches first, then by rank; ties newest first.
OUTCOME_RELEVANCE_ORDER = ("-title_rank", "-rank", *OUTCOME_NEWEST_ORDER)
# A page of a search ranks only this many matches, the newest ones (as stocktaking does): a common
# phrase matches 80% of the 5,000 outcome documents of 20 forums, and ranking them all read every
# stored vector (40 ms of the page's SQL). A multiple of the usual page sizes (25, 50, 100).
OUTCOME_RANKED_CANDIDATES = 200


def outcomes_published() -> QuerySet[OutcomeDocument]:
    """Published outcome documents with their session and event, newest session first (what the
    API lists of each)."""
    return (
        OutcomeDocument.objects.filter(status__in=OUTCOME_PUBLIC_STATES)
        .defer("search_vector")
        .select_related("session__event")
        .order_by(*OUTCOME_NEWEST_ORDER)
    )


def outcomes_public() -> QuerySet[OutcomeDocument]:
    """Published outcome documents with their session's organisers, Action Lines and SDGs too."""
    return outcomes_published().prefetch_related(
        Prefetch("session__organisers", queryset=Organisation.objects.order_by("name")),
        "session__action_lines",
        "session__sdgs",
    )


def outcomes_public_listed() -> QuerySet[OutcomeDocument]:
    """Published outcome documents with only what the list page shows of each (its session and
    event; the organisers, Action Lines and SDGs come from `outcomes_listed_relations_fetch`, for
    the rows not already rendered): the sections' texts are long and never listed."""
    return outcomes_published().defer(
        "search_text",
        *OUTCOME_CONTENT_FIELDS,
        "change_reason",
        "session__description",
        "session__links",
        "session__event__description",
    )


def outcomes_listed_relations_fetch(outcomes: list[OutcomeDocument]) -> None:
    """Fetches what a list row shows of these outcome documents' sessions (organisers, Action
    Lines, SDGs): three queries, whatever their number."""
    prefetch_related_objects(
        outcomes,
        Prefetch("session__organisers", queryset=Organisation.objects.order_by("name")),
        "session__action_lines",
        "session__sdgs",
    )


def outcomes_search(queryset: QuerySet[OutcomeDocument], text: str) -> QuerySet[OutcomeDocument]:
    """Outcome documents matching `text`, best first: session-title matches before any other,
    then by rank. A paginated page (KnownCountPaginator) ranks only the newest
    OUTCOME_RANKED_CANDIDATES matches and lists every other match newest first after them (see
    `outcomes_ranked_slice`).

    PostgreSQL matches and ranks the stored, GIN-indexed `search_vector` (English stemming; no
    vector is recomputed per query); SQLite falls back to: every word appears in `search_text`,
    newest first.
    """
    text = " ".join((text or "").split())
    if not text:
        return queryset
    if settings.IS_POSTGRESQL:
        query = SearchQuery(text, config="english", search_type="websearch")
        searched = queryset.filter(search_vector=query).annotate(
            title_rank=SearchRank(F("search_vector"), query, weights=[0.0, 0.0, 0.0, 1.0]),
            rank=SearchRank(F("search_vector"), query),
        )
        return rank_bounded(searched, OUTCOME_RELEVANCE_ORDER, outcomes_ranked_slice)
    condition = Q()
    for word in text.split():
        condition &= Q(search_text__icontains=word)
    return queryset.filter(condition)


def outcomes_ranked_slice(
    queryset: QuerySet[OutcomeDocument], bottom: int, top: int
) -> list[OutcomeDocument]:
    """Rows [bottom, top) of a relevance-sorted outcome search: the newest
    OUTCOME_RANKED_CANDIDATES matches by rank (session-title matches first), then every other
    match newest first; each match on exactly one page."""
    return bounded_ranked_slice(
        queryset,
        bottom,
        top,
        candidates=OUTCOME_RANKED_CANDIDATES,
        newest=OUTCOME_NEWEST_ORDER,
    )


@dataclass(frozen=True)
class OutcomeFilterChoices:
    """The values the outcome filters offer: (slug, name) of every event with sessions, newest
    first, and of every organisation that organised a session, by name."""

    events: list[tuple[str, str]]
    organisers: list[tuple[str, str]]


def outcome_filter_choices() -> OutcomeFilterChoices:
    """The outcome filters' choices (two queries; `events.caching` keeps them per generation)."""
    return OutcomeFilterChoices(
        events=list(
            Event.objects.filter(Exists(Session.objects.filter(event=OuterRef("pk"))))
            .order_by("-start_date", "name")
            .values_list("slug", "name")
        ),
        organisers=list(
            Organisation.objects.filter(
                Exists(Session.organisers.through.objects.filter(organisation=OuterRef("pk")))
            )
            .order_by("name", "slug")
            .values_list("slug", "name")
        ),
    )


def outcome_snippets(outcome_ids: list[int], text: str) -> dict[int, str]:
    """A snippet of each given outcome document's text with `text`'s matches between
    HIGHLIGHT_START/STOP, by id, in one query over these rows only (ts_headline reads the whole
    text of a document: half a millisecond each at 6,000 characters). PostgreSQL only."""
    query = SearchQuery(text, config="english", search_type="websearch")
    return dict(
        OutcomeDocument.objects.filter(pk__in=outcome_ids)
        .order_by()
        .annotate(
            snippet=SearchHeadline(
                "search_text",
                query,
                config="english",
                start_sel=HIGHLIGHT_START,
                stop_sel=HIGHLIGHT_STOP,
                max_words=35,
                min_words=15,
            )
        )
        .values_list("pk", "snippet")
    )


def outcome_for_session(session: Session) -> OutcomeDocument | None:
    return OutcomeDocument.objects.filter(session=session).first()


def forum_outcome_versions(event: Event) -> QuerySet[ForumOutcomeVersion]:
    # The event too: each version's address names it (one query per version otherwise).
    return (
        ForumOutcomeVersion.objects.filter(event=event)
        .select_related("event")
        .order_by("-major", "-minor")
    )


def organisers_of_event(event: Event) -> QuerySet[Organisation]:
    return Organisation.objects.filter(organised_sessions__event=event).distinct().order_by("name")


def forum_participation(event: Event) -> dict[str, Any]:
    """The participation figures of a forum, computed from its public sessions: sessions held,
    distinct organisers, their countries, and organisers per stakeholder type (most first)."""
    sessions = Session.objects.filter(event=event)
    organisers = list(
        Organisation.objects.filter(organised_sessions__event=event)
        .distinct()
        .select_related("stakeholder_type")
        .order_by("name")
    )
    countries = sorted({o.country.name for o in organisers if o.country})
    kinds: dict[str, int] = {}
    for organisation in organisers:
        kind = organisation.stakeholder_type
        name = kind.name if kind is not None else ""
        kinds[name] = kinds.get(name, 0) + 1
    return {
        "sessions": sessions.count(),
        "organisers": len(organisers),
        "countries": len(countries),
        "country_names": countries,
        "stakeholder_types": sorted(
            ([name, count] for name, count in kinds.items() if name),
            key=lambda row: (-row[1], row[0]),
        ),
    }


def questionnaire_answers() -> QuerySet[QuestionnaireAnswer]:
    """Answers with everything their export reads: sections, blocks, and the blocks' events and
    stocktaking entries with their SDGs (a constant number of queries whatever their size)."""
    from stocktaking.models import Entry

    blocks = QuestionnaireBlock.objects.order_by("position").prefetch_related(
        Prefetch("event", queryset=Event.objects.prefetch_related("sdgs")),
        Prefetch("entry", queryset=Entry.objects.prefetch_related("sdgs")),
    )
    sections = QuestionnaireSection.objects.order_by("number").prefetch_related(
        Prefetch("blocks", queryset=blocks)
    )
    return QuestionnaireAnswer.objects.select_related("organisation").prefetch_related(
        Prefetch("sections", queryset=sections)
    )


def questionnaire_answer_previous(answer: QuestionnaireAnswer) -> QuestionnaireAnswer | None:
    """The same organisation's answer of the latest earlier year, prefetched for its export."""
    return (
        questionnaire_answers()
        .filter(organisation=answer.organisation_id, year__lt=answer.year)
        .order_by("-year")
        .first()
    )


# --- Commitments ---


def commitments_public() -> QuerySet[Commitment]:
    """Commitments of published outcome documents, with their session, event and the session's
    organisers and Action Lines (two prefetch queries), newest session first."""
    return (
        Commitment.objects.filter(outcome__status__in=OUTCOME_PUBLIC_STATES)
        .select_related("outcome__session__event")
        .only(
            "id",
            "text",
            "section",
            "position",
            "target_date",
            "status",
            "answer",
            "answer_link",
            "answered_at",
            "withdrawn_at",
            "outcome_id",
            "outcome__status",
            "outcome__session_id",
            "outcome__session__number",
            "outcome__session__title",
            "outcome__session__event_id",
            "outcome__session__event__name",
            "outcome__session__event__slug",
        )
        .prefetch_related(
            Prefetch(
                "outcome__session__organisers", queryset=Organisation.objects.order_by("name")
            ),
            "outcome__session__action_lines",
        )
        .order_by("-outcome__session__starts_at", "outcome__session__number", "section", "position")
    )


def commitments_of_user(user) -> QuerySet[Commitment]:
    """The commitments a person may answer for: those of sessions their organisations organised
    (everything public for the secretariat is reached from each commitment's page instead)."""
    return (
        commitments_public()
        .filter(outcome__session__organisers__memberships__user=user, withdrawn_at__isnull=True)
        .distinct()
    )


@dataclass(frozen=True)
class ForumFollowUp:
    event: Event
    total: int
    answered: int
    settled: int

    @property
    def rate(self) -> int:
        """The share of commitments answered at least once, in per cent."""
        return round(100 * self.answered / self.total) if self.total else 0


def commitment_followup_by_forum() -> list[ForumFollowUp]:
    """Per event (Forum): its commitments still in the document, how many were answered at
    least once and how many are settled (done or dropped). One query."""
    rows = (
        Event.objects.filter(
            sessions__outcome__commitments__isnull=False,
            sessions__outcome__status__in=OUTCOME_PUBLIC_STATES,
        )
        .annotate(
            total=Count(
                "sessions__outcome__commitments",
                filter=Q(sessions__outcome__commitments__withdrawn_at__isnull=True),
            ),
            answered=Count(
                "sessions__outcome__commitments",
                filter=Q(
                    sessions__outcome__commitments__withdrawn_at__isnull=True,
                    sessions__outcome__commitments__answered_at__isnull=False,
                ),
            ),
            settled=Count(
                "sessions__outcome__commitments",
                filter=Q(
                    sessions__outcome__commitments__withdrawn_at__isnull=True,
                    sessions__outcome__commitments__status__in=COMMITMENT_SETTLED,
                ),
            ),
        )
        .order_by("-start_date", "name")
    )
    return [
        ForumFollowUp(event=e, total=e.total, answered=e.answered, settled=e.settled) for e in rows
    ]


COMMITMENT_STATUS_CHOICES = CommitmentStatus.choices
