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
from django.utils.text import slugify
from django.utils.translation import get_language

from events.enums import COMMITMENT_SETTLED, OUTCOME_PUBLIC_STATES, CommitmentStatus
from events.models import (
    OUTCOME_CONTENT_FIELDS,
    Commitment,
    Event,
    ForumOutcomeVersion,
    OutcomeDocument,
    OutcomeTranslation,
    QuestionnaireAnswer,
    QuestionnaireBlock,
    QuestionnaireSection,
    Session,
    Speaker,
)
from stocktaking.models import Entry
from wsis.i18n import search_config
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
    """Sessions of public events with what an agenda row shows (GDC objectives are not: a
    single session's page reads them, the API lists prefetch them with `sessions_api`)."""
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


def sessions_api() -> QuerySet[Session]:
    """`sessions_public` with the sessions' GDC objectives, which the API represents."""
    return sessions_public().prefetch_related("gdc_objectives")


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
    Lines, SDGs) and the titles of their translations: four queries, whatever their number."""
    prefetch_related_objects(
        outcomes,
        Prefetch("session__organisers", queryset=Organisation.objects.order_by("name")),
        "session__action_lines",
        "session__sdgs",
        Prefetch(
            "translations", queryset=OutcomeTranslation.objects.only("outcome", "language", "title")
        ),
    )


def outcomes_search(queryset: QuerySet[OutcomeDocument], text: str) -> QuerySet[OutcomeDocument]:
    """Outcome documents matching `text`, best first: session-title matches before any other,
    then by rank. A paginated page (KnownCountPaginator) ranks only the newest
    OUTCOME_RANKED_CANDIDATES matches and lists every other match newest first after them (see
    `outcomes_ranked_slice`).

    PostgreSQL matches and ranks the stored, GIN-indexed `search_vector` (each text stemmed in
    its language, the query in English and the reader's language; no vector is recomputed per
    query), Chinese by substring too; SQLite falls back to: every word appears in `search_text`
    or a translation's, newest first.
    """
    text = " ".join((text or "").split())
    if not text:
        return queryset
    if settings.IS_POSTGRESQL:
        # English stemming and the reader's language's (the vector holds the document in its
        # language and each translation in its own); Chinese by substring (trigram indexes).
        language = get_language()
        query = SearchQuery(text, config="english", search_type="websearch")
        if search_config(language) not in ("english", "simple"):
            query = query | SearchQuery(
                text, config=search_config(language), search_type="websearch"
            )
        matches = Q(search_vector=query)
        if language == "zh-hans" or any("\u3400" <= char <= "\u9fff" for char in text):
            matches |= _outcome_substring_matches(text)
        searched = queryset.filter(matches).annotate(
            title_rank=SearchRank(F("search_vector"), query, weights=[0.0, 0.0, 0.0, 1.0]),
            rank=SearchRank(F("search_vector"), query),
        )
        return rank_bounded(searched, OUTCOME_RELEVANCE_ORDER, outcomes_ranked_slice)
    return queryset.filter(_outcome_substring_matches(text))


def _outcome_substring_matches(text: str) -> Q:
    """Outcome documents whose text, or a translation's, holds every word of `text`; a word
    without case (Chinese) as it is, which the trigram indexes serve (migration 0009)."""
    condition = Q()
    for word in text.split():
        lookup = (
            "search_text__contains" if word.lower() == word.upper() else "search_text__icontains"
        )
        condition &= Q(**{lookup: word}) | Exists(
            OutcomeTranslation.objects.filter(outcome_id=OuterRef("pk"), **{lookup: word})
        )
    return condition


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
    outcome = OutcomeDocument.objects.filter(session=session).first()
    if outcome is not None:
        # The caller's session, with what it prefetched: the page reads it again otherwise.
        outcome.session = session
    return outcome


def outcome_page() -> QuerySet[OutcomeDocument]:
    """Outcome documents with what their page shows besides the text's sections: the session,
    its event and organisers, and the translations (a constant number of queries)."""
    return OutcomeDocument.objects.select_related("session__event").prefetch_related(
        "translations",
        Prefetch("session__organisers", queryset=Organisation.objects.order_by("name")),
    )


def forum_outcome_versions(event: Event) -> QuerySet[ForumOutcomeVersion]:
    # The event too: each version's address names it (one query per version otherwise).
    return (
        ForumOutcomeVersion.objects.filter(event=event)
        .select_related("event")
        .order_by("-major", "-minor")
    )


def organisers_of_event(event: Event) -> QuerySet[Organisation]:
    return Organisation.objects.filter(organised_sessions__event=event).distinct().order_by("name")


def event_days_and_rooms(event: Event) -> tuple[list[dt.date], list[str]]:
    """The days (in the event's time zone) and rooms of an event's public sessions (one
    query): the choices of the agenda's day and room filters."""
    days: set[dt.date] = set()
    rooms: set[str] = set()
    for starts_at, room in sessions_public().filter(event=event).values_list("starts_at", "room"):
        days.add(starts_at.astimezone(event.zone).date())
        if room:
            rooms.add(room)
    return sorted(days), sorted(rooms, key=str.casefold)


def speaker_key(name: str) -> str:
    """The address of a speaker's page within an event: their name as a slug (the agenda
    names people, it does not identify them; two sessions' "Ana Silva" are one page)."""
    return slugify(" ".join(name.split())) or "speaker"


def event_people(event: Event) -> tuple[list[dict], list[tuple[Organisation, int]]]:
    """The speakers (name, key, number of sessions) and organisers (with their number of
    sessions) of an event's public sessions, by name: two queries."""
    public = sessions_public().filter(event=event).values("pk")
    speakers: dict[str, dict] = {}
    for name, session_id in Speaker.objects.filter(session__in=public).values_list(
        "name", "session_id"
    ):
        person = speakers.setdefault(
            speaker_key(name), {"key": speaker_key(name), "name": name, "sessions": set()}
        )
        person["sessions"].add(session_id)
    people = sorted(speakers.values(), key=lambda person: person["name"].casefold())
    for person in people:
        person["sessions"] = len(person["sessions"])
    organisers = (
        Organisation.objects.filter(organised_sessions__in=public)
        .annotate(session_count=Count("organised_sessions", distinct=True))
        .order_by("name")
    )
    return people, [(organisation, organisation.session_count) for organisation in organisers]


def speaker_sessions(event: Event, key: str) -> tuple[str, list[tuple[Session, list[Speaker]]]]:
    """A speaker's public sessions at an event with the rows naming them there (their title,
    organisation and role in that session), in time order; ("", []) when nobody has that key."""
    rows = [
        speaker
        for speaker in Speaker.objects.filter(
            session__in=sessions_public().filter(event=event).values("pk")
        ).only("name", "title", "organisation", "role", "session_id")
        if speaker_key(speaker.name) == key
    ]
    if not rows:
        return "", []
    by_session: dict[int, list[Speaker]] = {}
    for speaker in rows:
        by_session.setdefault(speaker.session_id, []).append(speaker)
    sessions = sessions_public().filter(pk__in=by_session).order_by("starts_at", "number")
    return rows[0].name, [(session, by_session[session.pk]) for session in sessions]


def organiser_sessions(event: Event, organisation: Organisation) -> list[Session]:
    return list(
        sessions_public()
        .filter(event=event, organisers=organisation)
        .order_by("starts_at", "number")
    )


def outcomes_of_sessions(sessions) -> dict[int, OutcomeDocument]:
    """The published outcome document of each of `sessions`, by session id (one query)."""
    return {
        outcome.session_id: outcome
        for outcome in outcomes_published()
        .filter(session__in=[session.pk for session in sessions])
        .select_related(None)
        .defer("search_text", *OUTCOME_CONTENT_FIELDS)
    }


def outcomes_per_action_line() -> dict[str, int]:
    """The number of published outcome documents per Action Line code (lines without any are
    absent): one grouped query. Names are the reader's language's, so the page joins them."""
    return dict(
        OutcomeDocument.objects.filter(status__in=OUTCOME_PUBLIC_STATES)
        .values_list("session__action_lines__code")
        .annotate(documents=Count("id", distinct=True))
        .order_by()
        .values_list("session__action_lines__code", "documents")
    )


@dataclass(frozen=True)
class TimetableDay:
    """One day of an event's timetable: its rooms (columns) and its start times (rows), each row
    holding the sessions that start then, room by room."""

    day: dt.date
    rooms: list[str]
    rows: list[tuple[dt.datetime, list[list[Session]]]]


def event_timetable(event: Event, sessions) -> list[TimetableDay]:
    """The sessions (already read, in any order) as a grid per day of start times × rooms, in
    the event's time zone; rooms named alphabetically, a session without a room last. No query."""
    by_day: dict[dt.date, list[Session]] = {}
    for session in sessions:
        by_day.setdefault(session.starts_at.astimezone(event.zone).date(), []).append(session)
    days = []
    for day in sorted(by_day):
        day_sessions = by_day[day]
        rooms = sorted(
            {session.room for session in day_sessions},
            key=lambda room: (room == "", room.casefold()),
        )
        starts: dict[dt.datetime, dict[str, list[Session]]] = {}
        for session in sorted(day_sessions, key=lambda item: (item.starts_at, item.number)):
            local = session.starts_at.astimezone(event.zone)
            starts.setdefault(local, {}).setdefault(session.room, []).append(session)
        rows = [(start, [cells.get(room, []) for room in rooms]) for start, cells in starts.items()]
        days.append(TimetableDay(day, rooms, rows))
    return days


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
        .order_by(
            "-outcome__session__starts_at", "outcome__session__number", "section", "position", "id"
        )
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
