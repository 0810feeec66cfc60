"""Every non-trivial read of the events app; querysets prefetch, so query counts are constant."""

from __future__ import annotations

import datetime as dt
from collections import OrderedDict

from django.conf import settings
from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, QuerySet

from events.enums import OUTCOME_PUBLIC_STATES
from events.models import Event, ForumOutcomeVersion, OutcomeDocument, Session, Speaker
from wsis.models import Organisation


def events_public() -> QuerySet[Event]:
    return Event.objects.prefetch_related("sdgs", "organisers").annotate(
        session_count=Count("sessions", distinct=True)
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


def outcomes_public() -> QuerySet[OutcomeDocument]:
    return (
        OutcomeDocument.objects.filter(status__in=OUTCOME_PUBLIC_STATES)
        .defer("search_vector")
        .select_related("session__event")
        .prefetch_related(
            Prefetch("session__organisers", queryset=Organisation.objects.order_by("name")),
            "session__action_lines",
            "session__sdgs",
        )
        .order_by("-session__starts_at", "session__number")
    )


def outcomes_search(queryset: QuerySet[OutcomeDocument], text: str) -> QuerySet[OutcomeDocument]:
    """Outcome documents matching `text`, best first: session-title matches before any other,
    then by rank.

    PostgreSQL matches and ranks the stored, GIN-indexed `search_vector` (English stemming; no
    vector is recomputed per query); SQLite falls back to: every word appears in `search_text`.
    """
    text = " ".join((text or "").split())
    if not text:
        return queryset
    if settings.IS_POSTGRESQL:
        from django.contrib.postgres.search import SearchQuery, SearchRank

        query = SearchQuery(text, config="english", search_type="websearch")
        return (
            queryset.filter(search_vector=query)
            .annotate(
                title_rank=SearchRank(F("search_vector"), query, weights=[0.0, 0.0, 0.0, 1.0]),
                rank=SearchRank(F("search_vector"), query),
            )
            .order_by("-title_rank", "-rank", "session__number", "pk")
        )
    condition = Q()
    for word in text.split():
        condition &= Q(search_text__icontains=word)
    return queryset.filter(condition)


def outcome_snippets(outcomes, text: str) -> dict[int, str]:
    """A snippet of each given outcome document's text with `text`'s matches between
    stocktaking's HIGHLIGHT_START/STOP, by id: one query over these rows only (the page shown),
    never over every match. Empty without a search or on SQLite."""
    text = " ".join((text or "").split())
    ids = [outcome.pk for outcome in outcomes]
    if not (text and ids and settings.IS_POSTGRESQL):
        return {}
    from django.contrib.postgres.search import SearchHeadline, SearchQuery

    from stocktaking.selectors import HIGHLIGHT_START, HIGHLIGHT_STOP

    query = SearchQuery(text, config="english", search_type="websearch")
    return dict(
        OutcomeDocument.objects.filter(pk__in=ids)
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
