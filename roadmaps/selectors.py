"""Every non-trivial read of the roadmaps, with constant query counts."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404

from events.enums import OUTCOME_PUBLIC_STATES
from events.models import OutcomeDocument, Session
from roadmaps.enums import OPEN_STATES, PUBLIC_STATES, CitationKind, VersionStatus
from roadmaps.models import Clause, ClauseCitation, Roadmap, RoadmapVersion, SourceGroup
from roadmaps.rules import is_roadmap_editor
from stocktaking.enums import PUBLIC_STATES as ENTRY_PUBLIC_STATES
from stocktaking.models import Entry
from wsis.models import ActionLine, GdcObjective, Sdg, User

# A citation is shown to the public while what it cites is public: an approved entry (never a
# pending revision), a published outcome document, or a session (sessions are public).
PUBLIC_CITATION = (
    Q(entry__status__in=ENTRY_PUBLIC_STATES, entry__revision_of__isnull=True)
    | Q(outcome__status__in=OUTCOME_PUBLIC_STATES)
    | Q(session__isnull=False)
)
# What a citation's link needs of its target, and no more (an entry's texts are long).
CITATION_FIELDS = (
    "id",
    "clause_id",
    "kind",
    "title",
    "position",
    "entry_id",
    "outcome_id",
    "session_id",
    "entry__id",
    "entry__slug",
    "outcome__id",
    "session__id",
    "session__number",
    "session__event__id",
    "session__event__slug",
)


def citations_public() -> QuerySet[ClauseCitation]:
    """Citations whose target is public, with what their links need."""
    return (
        ClauseCitation.objects.filter(PUBLIC_CITATION)
        .select_related("entry", "outcome", "session__event")
        .only(*CITATION_FIELDS)
        .order_by("position", "id")
    )


def _clauses_prefetch() -> Prefetch:
    return Prefetch(
        "groups",
        queryset=SourceGroup.objects.order_by("position").prefetch_related(
            Prefetch(
                "clauses",
                queryset=Clause.objects.order_by("position").prefetch_related(
                    Prefetch("sdgs", queryset=Sdg.objects.order_by("number")),
                    Prefetch("gdc_objectives", queryset=GdcObjective.objects.order_by("number")),
                    Prefetch("citations", queryset=citations_public()),
                ),
            )
        ),
    )


def action_lines_with_published_roadmap() -> QuerySet[ActionLine]:
    """Every Action Line, each with `published_versions` (a list of zero or one version)."""
    return ActionLine.objects.order_by("position").prefetch_related(
        Prefetch(
            "roadmap__versions",
            queryset=RoadmapVersion.objects.filter(status=VersionStatus.PUBLISHED),
            to_attr="published_versions",
        )
    )


def roadmap_for_action_line(*, slug: str) -> Roadmap:
    roadmap = (
        Roadmap.objects.select_related("action_line", "facilitator_organisation")
        .filter(action_line__slug=slug)
        .first()
    )
    if roadmap is None:
        raise Http404("No roadmap for this Action Line.")
    return roadmap


def versions_visible_to(*, roadmap: Roadmap, user: User) -> QuerySet[RoadmapVersion]:
    """The versions `user` may read, newest first: public ones, and all for editors."""
    versions = roadmap.versions.select_related("author", "approver").order_by("-number")
    if not is_roadmap_editor(user, roadmap):
        versions = versions.filter(status__in=PUBLIC_STATES)
    return versions


def version_with_clauses(
    *, roadmap: Roadmap, user: User, number: int | None = None
) -> RoadmapVersion:
    """A version with its groups, clauses, SDGs, GDC objectives and public citations prefetched
    (6 queries whatever its size).

    Without `number`, the published version. A version the user may not read is a 404, so that
    drafts are indistinguishable from versions that do not exist.
    """
    versions = versions_visible_to(roadmap=roadmap, user=user).prefetch_related(_clauses_prefetch())
    if number is None:
        versions = versions.filter(status=VersionStatus.PUBLISHED)
    else:
        versions = versions.filter(number=number)
    version = versions.first()
    if version is None:
        raise Http404("No such roadmap version.")
    version.roadmap = roadmap
    return version


def versions_with_clauses(
    *, roadmap: Roadmap, user: User, numbers: tuple[int, int]
) -> tuple[RoadmapVersion, RoadmapVersion]:
    """Two versions (by number, in the order asked) read as `version_with_clauses` reads one, in
    one go: the prefetches run once for both (6 queries, not 12). A version the user may not read
    is a 404."""
    found = {
        version.number: version
        for version in versions_visible_to(roadmap=roadmap, user=user)
        .prefetch_related(_clauses_prefetch())
        .filter(number__in=numbers)
    }
    if any(number not in found for number in numbers):
        raise Http404("No such roadmap version.")
    for version in found.values():
        version.roadmap = roadmap
    return found[numbers[0]], found[numbers[1]]


def open_version(*, roadmap: Roadmap) -> RoadmapVersion | None:
    return roadmap.versions.filter(status__in=OPEN_STATES).order_by("-number").first()


def versions_awaiting_review() -> QuerySet[RoadmapVersion]:
    return (
        RoadmapVersion.objects.filter(status=VersionStatus.SUBMITTED)
        .select_related("roadmap__action_line", "author")
        .order_by("submitted_at")
    )


def clauses_for_sdg(*, number: int) -> QuerySet[Clause]:
    """Clauses of published roadmaps that link to SDG `number`, by Action Line and position."""
    return (
        Clause.objects.filter(sdgs__number=number, version__status=VersionStatus.PUBLISHED)
        .select_related("group", "version__roadmap__action_line")
        .order_by("version__roadmap__action_line__position", "group__position", "position")
    )


def clauses_for_gdc_objective(*, number: int) -> QuerySet[Clause]:
    """Clauses of published roadmaps tagged with GDC objective `number`."""
    return (
        Clause.objects.filter(
            gdc_objectives__number=number, version__status=VersionStatus.PUBLISHED
        )
        .select_related("group", "version__roadmap__action_line")
        .order_by("version__roadmap__action_line__position", "group__position", "position")
    )


# --- citations ------------------------------------------------------------------------------


def clause_citations(clause: Clause) -> list[ClauseCitation]:
    """Every citation of a clause (for its editors: also those whose target is no longer
    public), each with `is_public`."""
    public_ids = set(clause.citations.filter(PUBLIC_CITATION).values_list("pk", flat=True))
    citations = list(
        clause.citations.select_related("entry", "outcome", "session__event")
        .only(*CITATION_FIELDS)
        .order_by("position", "id")
    )
    for citation in citations:
        citation.is_public = citation.pk in public_ids
    return citations


def citation_target_public(*, kind: str, pk: int) -> Entry | OutcomeDocument | Session | None:
    """The public entry, outcome document or session a citation may name, else None."""
    if kind == CitationKind.ENTRY:
        return Entry.objects.filter(
            pk=pk, status__in=ENTRY_PUBLIC_STATES, revision_of__isnull=True
        ).first()
    if kind == CitationKind.OUTCOME:
        return (
            OutcomeDocument.objects.filter(pk=pk, status__in=OUTCOME_PUBLIC_STATES)
            .select_related("session")
            .first()
        )
    if kind == CitationKind.SESSION:
        return Session.objects.filter(pk=pk).first()
    return None


@dataclass(frozen=True)
class CitationCandidate:
    kind: str
    pk: int
    title: str
    detail: str
    url: str


CANDIDATES = 20


def citation_candidates(*, kind: str, text: str) -> list[CitationCandidate]:
    """Public items of `kind` whose title (or organisation, or session number) holds every word
    of `text`: at most CANDIDATES, newest first; one query."""
    words = (text or "").split()[:8]
    if not words or kind not in CitationKind.values:
        return []
    if kind == CitationKind.ENTRY:
        condition = Q()
        for word in words:
            condition &= Q(title__icontains=word) | Q(organisation__name__icontains=word)
        entries = (
            Entry.objects.filter(condition, status__in=ENTRY_PUBLIC_STATES, revision_of=None)
            .select_related("organisation")
            .only("id", "slug", "title", "organisation__name")
            .order_by("-approved_at", "-id")[:CANDIDATES]
        )
        return [
            CitationCandidate(kind, e.pk, e.title, e.organisation.name, e.get_absolute_url())
            for e in entries
        ]
    condition = Q()
    prefix = "session__" if kind == CitationKind.OUTCOME else ""
    for word in words:
        part = Q(**{f"{prefix}title__icontains": word})
        if word.isdigit():
            part |= Q(**{f"{prefix}number": int(word)})
        condition &= part
    if kind == CitationKind.OUTCOME:
        outcomes = (
            OutcomeDocument.objects.filter(condition, status__in=OUTCOME_PUBLIC_STATES)
            .select_related("session__event")
            .only("id", "session__id", "session__title", "session__number", "session__event__name")
            .order_by("-session__starts_at", "-session__number")[:CANDIDATES]
        )
        return [
            CitationCandidate(
                kind,
                o.pk,
                o.session.title,
                f"{o.session.event.name}, {o.session.number}",
                o.get_absolute_url(),
            )
            for o in outcomes
        ]
    sessions = (
        Session.objects.filter(condition)
        .select_related("event")
        .only("id", "title", "number", "event__name", "event__slug")
        .order_by("-starts_at", "-number")[:CANDIDATES]
    )
    return [
        CitationCandidate(kind, s.pk, s.title, f"{s.event.name}, {s.number}", s.get_absolute_url())
        for s in sessions
    ]


def citations_of(
    *,
    entry: Entry | None = None,
    outcome: OutcomeDocument | None = None,
    session: Session | None = None,
) -> list[ClauseCitation]:
    """The citations of one item in the published version of each roadmap ("cited by roadmap C5,
    clause B2"): one query. Drafts, submitted and superseded versions do not count."""
    target = (
        {"entry": entry} if entry else {"outcome": outcome} if outcome else {"session": session}
    )
    return list(
        ClauseCitation.objects.filter(**target, clause__version__status=VersionStatus.PUBLISHED)
        .select_related("clause__group", "clause__version__roadmap__action_line")
        .order_by(
            "clause__version__roadmap__action_line__position",
            "clause__group__position",
            "clause__position",
        )
    )  # fmt: skip
