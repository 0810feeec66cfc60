"""Every read of the links and Questions: what each public page shows of them, in a fixed
number of queries whatever their number, and only what is public at both ends."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import CharField, Count, Exists, F, OuterRef, Prefetch, Q, QuerySet, Value
from django.db.models.functions import Coalesce, NullIf
from django.utils import timezone
from django.utils.translation import get_language

from events.enums import OUTCOME_PUBLIC_STATES
from events.models import OutcomeDocument, Session
from evidence.enums import PROPOSAL_OPEN_STATES, PROPOSAL_PUBLIC_STATES
from evidence.models import (
    EntrySessionLink,
    OutcomeClauseLink,
    OutcomeEntryLink,
    QuestionEntryLink,
    QuestionPrizeEntryLink,
    RepositoryProposal,
    StudyGroupQuestion,
    ThematicRepository,
)
from roadmaps.enums import PUBLIC_STATES as VERSION_PUBLIC_STATES
from roadmaps.enums import VersionStatus
from roadmaps.models import Clause, ClauseCitation
from roadmaps.selectors import PUBLIC_CITATION, citations_of
from stocktaking.enums import PUBLIC_STATES as ENTRY_PUBLIC_STATES
from stocktaking.models import Entry
from stocktaking.prizes.enums import RESULT_STATES
from stocktaking.prizes.models import PrizeEntry
from wsis.models import translation_suffix

CANDIDATES = 20
ENTRY_PUBLIC = {"status__in": ENTRY_PUBLIC_STATES, "revision_of__isnull": True}
# What a link to an entry needs of it (its texts are long and never shown here).
ENTRY_LINK_FIELDS = ("id", "slug", "title", "organisation__id", "organisation__name")


def _public_entries(prefix: str = "") -> Q:
    return Q(**{f"{prefix}{key}": value for key, value in ENTRY_PUBLIC.items()})


def public_results() -> QuerySet[PrizeEntry]:
    """Winners and champions of contests whose winners are announced."""
    return (
        PrizeEntry.objects.filter(
            status__in=RESULT_STATES, contest__winners_announced_at__lte=timezone.now()
        )
        .select_related("organisation", "category", "contest")
        .order_by("-contest__year", "category__number", "status", "title")
    )


# --- what each page shows --------------------------------------------------------------------


@dataclass
class EntryEvidence:
    """What an entry's page shows of its links: the sessions where it was presented, the
    published outcome documents that name it, the Questions it informs and the published
    roadmap clauses that cite it."""

    sessions: list[Session] = field(default_factory=list)
    outcomes: list[OutcomeDocument] = field(default_factory=list)
    questions: list[StudyGroupQuestion] = field(default_factory=list)
    citations: list[ClauseCitation] = field(default_factory=list)
    repositories: list[ThematicRepository] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(
            self.sessions or self.outcomes or self.questions or self.citations or self.repositories
        )


def _in_reader_language(name: str):
    """A translated column of ThematicRepository as its attribute reads it: the active
    language's text when there is one, else the English (wsis.models.TranslatedAttribute)."""
    language = get_language()
    if not language or language == settings.LANGUAGE_CODE:
        return F(name)
    return Coalesce(
        NullIf(F(f"{name}_{translation_suffix(language)}"), Value("")),
        F(name),
        output_field=CharField(),
    )


def _questions_and_repositories(
    entry: Entry,
) -> tuple[list[StudyGroupQuestion], list[ThematicRepository]]:
    """The Questions an entry informs and, when it is public, the published repositories it is
    in: one query (UNION ALL of the two, each row as much as the entry page shows)."""
    questions = (
        StudyGroupQuestion.objects.filter(questionentrylink__entry=entry)
        .order_by()
        .annotate(
            kind=Value("question"), key=F("study_period"), group=F("study_group"),
            position=F("number"), name=F("title"),
        )
        .values_list("kind", "id", "key", "group", "position", "name")
    )  # fmt: skip
    if entry.status in ENTRY_PUBLIC_STATES and entry.revision_of_id is None:
        repositories = (
            ThematicRepository.objects.filter(
                is_published=True,
                proposals__entry=entry,
                proposals__status__in=PROPOSAL_PUBLIC_STATES,
            )
            .order_by()
            .annotate(
                kind=Value("repository"), key=F("slug"), group=Value(0), position=Value(0),
                name=_in_reader_language("title"),
            )
            .values_list("kind", "id", "key", "group", "position", "name")
        )  # fmt: skip
        rows = questions.union(repositories, all=True)
    else:
        rows = questions
    found_questions, found_repositories = [], []
    for kind, pk, key, group, position, name in rows:
        if kind == "question":
            found_questions.append(
                StudyGroupQuestion(
                    id=pk, study_period=key, study_group=group, number=position, title=name
                )
            )
        else:
            found_repositories.append(ThematicRepository(id=pk, slug=key, title=name))
    found_questions.sort(key=lambda q: (-int(q.study_period[:4]), q.study_group, q.number))
    found_repositories.sort(key=lambda repository: (repository.title, repository.pk))
    return found_questions, found_repositories


def entry_evidence(entry: Entry) -> EntryEvidence:
    """Four queries."""
    questions, repositories = _questions_and_repositories(entry)
    return EntryEvidence(
        sessions=list(
            Session.objects.filter(entry_links__entry=entry)
            .select_related("event")
            .order_by("-starts_at", "number")
        ),
        outcomes=list(
            OutcomeDocument.objects.filter(
                entry_links__entry=entry, status__in=OUTCOME_PUBLIC_STATES
            )
            .select_related("session__event")
            .defer("search_vector", "search_text")
            .order_by("-session__starts_at")
        ),
        questions=questions,
        citations=citations_of(entry=entry),
        repositories=repositories,
    )


@dataclass
class SessionEvidence:
    entries: list[Entry] = field(default_factory=list)
    citations: list[ClauseCitation] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.entries or self.citations)


def session_evidence(session: Session) -> SessionEvidence:
    """The public entries presented at a session and the clauses citing it: two queries."""
    return SessionEvidence(
        entries=list(
            Entry.objects.filter(_public_entries(), session_links__session=session)
            .select_related("organisation")
            .only(*ENTRY_LINK_FIELDS)
            .order_by("title")
        ),
        citations=citations_of(session=session),
    )


@dataclass
class OutcomeEvidence:
    entries: list[Entry] = field(default_factory=list)
    clauses: list[Clause] = field(default_factory=list)
    citations: list[ClauseCitation] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.entries or self.clauses or self.citations)


def _clauses_linked() -> QuerySet[Clause]:
    return Clause.objects.select_related("group", "version__roadmap__action_line").order_by(
        "version__roadmap__action_line__position", "-version__number", "group__position",
        "position",
    )  # fmt: skip


def outcome_evidence(outcome: OutcomeDocument) -> OutcomeEvidence:
    """The public entries and the clauses of public roadmap versions an outcome names, and the
    clauses citing it: three queries."""
    return OutcomeEvidence(
        entries=list(
            Entry.objects.filter(_public_entries(), outcome_links__outcome=outcome)
            .select_related("organisation")
            .only(*ENTRY_LINK_FIELDS)
            .order_by("title")
        ),
        clauses=list(
            _clauses_linked().filter(
                outcome_links__outcome=outcome, version__status__in=VERSION_PUBLIC_STATES
            )
        ),
        citations=citations_of(outcome=outcome),
    )


def outcomes_by_clause(clause_ids: list[int]) -> dict[int, list[OutcomeDocument]]:
    """The published outcome documents naming each of these clauses: one query."""
    links = (
        OutcomeClauseLink.objects.filter(
            clause_id__in=clause_ids, outcome__status__in=OUTCOME_PUBLIC_STATES
        )
        .select_related("outcome__session__event")
        .defer("outcome__search_vector", "outcome__search_text")
        .order_by("outcome__session__starts_at")
    )
    found: dict[int, list[OutcomeDocument]] = defaultdict(list)
    for link in links:
        found[link.clause_id].append(link.outcome)
    return dict(found)


# --- what the owners' pages show -------------------------------------------------------------


def entry_links_for_owner(entry: Entry) -> tuple[list[EntrySessionLink], set[int]]:
    """An entry's session links and the ids of its Questions (for its owners): two queries."""
    links = list(
        EntrySessionLink.objects.filter(entry=entry)
        .select_related("session__event")
        .order_by("session__starts_at")
    )
    questions = set(
        QuestionEntryLink.objects.filter(entry=entry).values_list("question_id", flat=True)
    )
    return links, questions


def outcome_links_for_owner(
    outcome: OutcomeDocument,
) -> tuple[list[OutcomeEntryLink], list[OutcomeClauseLink]]:
    entries = list(
        OutcomeEntryLink.objects.filter(outcome=outcome)
        .select_related("entry__organisation")
        .only("id", "outcome_id", "entry_id", *(f"entry__{name}" for name in ENTRY_LINK_FIELDS))
        .order_by("entry__title")
    )
    clauses = list(
        OutcomeClauseLink.objects.filter(outcome=outcome)
        .select_related("clause__group", "clause__version__roadmap__action_line")
        .order_by("clause__version__roadmap__action_line__position", "clause__position")
    )
    return entries, clauses


def _words(text: str) -> list[str]:
    return (text or "").split()[:8]


def session_candidates(text: str) -> list[Session]:
    """Sessions whose title holds every word (or whose number is one of them), newest first."""
    condition = Q()
    for word in _words(text):
        part = Q(title__icontains=word)
        if word.isdigit() and len(word) < 9:
            part |= Q(number=int(word))
        condition &= part
    if not condition:
        return []
    return list(
        Session.objects.filter(condition)
        .select_related("event")
        .order_by("-starts_at", "-number")[:CANDIDATES]
    )


def entry_candidates(text: str) -> list[Entry]:
    """Public entries whose title or organisation holds every word, newest first."""
    condition = Q()
    for word in _words(text):
        condition &= Q(title__icontains=word) | Q(organisation__name__icontains=word)
    if not condition:
        return []
    return list(
        Entry.objects.filter(condition, _public_entries())
        .select_related("organisation")
        .only(*ENTRY_LINK_FIELDS)
        .order_by("-approved_at", "-id")[:CANDIDATES]
    )


def clause_candidates(text: str) -> list[Clause]:
    """Clauses of the published roadmaps whose Action Line code, label or text holds every
    word ("C5 B2", "capacity")."""
    condition = Q()
    for word in _words(text):
        condition &= (
            Q(version__roadmap__action_line__code__iexact=word)
            | Q(label__iexact=word)
            | Q(label__iexact=f"{word}:")
            | Q(outcome_text__icontains=word)
            | Q(results_and_targets__icontains=word)
        )
    if not condition:
        return []
    return list(
        _clauses_linked().filter(condition, version__status=VersionStatus.PUBLISHED)[:CANDIDATES]
    )


# --- the study-group Questions ---------------------------------------------------------------


def questions_by_period() -> list[tuple[str, list[tuple[int, list[StudyGroupQuestion]]]]]:
    """Every Question, newest study period first, grouped by study group: one query."""
    periods: dict[str, dict[int, list[StudyGroupQuestion]]] = {}
    for question in StudyGroupQuestion.objects.order_by("-study_period", "study_group", "number"):
        periods.setdefault(question.study_period, {}).setdefault(question.study_group, []).append(
            question
        )
    return [(period, list(groups.items())) for period, groups in periods.items()]


def question_public(*, period: str, group: int, number: int) -> StudyGroupQuestion | None:
    """A Question with its public entries (organisation) and its announced winners and
    champions prefetched: three queries."""
    return (
        StudyGroupQuestion.objects.filter(study_period=period, study_group=group, number=number)
        .prefetch_related(
            Prefetch(
                "entries",
                queryset=Entry.objects.filter(_public_entries())
                .select_related("organisation")
                .only(*ENTRY_LINK_FIELDS, "approved_at")
                .order_by("title"),
                to_attr="public_entries",
            ),
            Prefetch("prize_entries", queryset=public_results(), to_attr="public_results"),
        )
        .first()
    )


def questions_public(
    *, period: str | None = None, group: int | None = None
) -> QuerySet[StudyGroupQuestion]:
    """Questions (filtered by period and study group) with their public entries and announced
    results prefetched: three queries, whatever their number."""
    questions = StudyGroupQuestion.objects.order_by("-study_period", "study_group", "number")
    if period:
        questions = questions.filter(study_period=period)
    if group:
        questions = questions.filter(study_group=group)
    return questions.prefetch_related(
        Prefetch(
            "entries",
            queryset=Entry.objects.filter(_public_entries())
            .select_related("organisation")
            .only(*ENTRY_LINK_FIELDS, "approved_at")
            .order_by("title"),
            to_attr="public_entries",
        ),
        Prefetch("prize_entries", queryset=public_results(), to_attr="public_results"),
    )


@dataclass(frozen=True)
class StudyGroupRow:
    """One line of a study group's CSV: a public entry or an announced result, per Question."""

    question: StudyGroupQuestion
    kind: str
    item_id: int
    title: str
    organisation: str
    detail: str
    path: str


def study_group_rows(*, period: str, group: int) -> list[StudyGroupRow]:
    """The lines of a study group's CSV: three queries, whatever their number."""
    rows = []
    for question in questions_public(period=period, group=group):
        rows += [
            StudyGroupRow(
                question, "entry", entry.pk, entry.title, entry.organisation.name,
                entry.approved_at.date().isoformat() if entry.approved_at else "",
                entry.get_absolute_url(),
            )
            for entry in question.public_entries
        ]  # fmt: skip
        rows += [
            StudyGroupRow(
                question, "prize", result.pk, result.title, result.organisation.name,
                f"{result.contest.year} {result.get_status_display()}: {result.category}",
                result.get_absolute_url(),
            )
            for result in question.public_results
        ]  # fmt: skip
    return rows


def question_links_of_prize_entry(prize_entry: PrizeEntry) -> set[int]:
    return set(
        QuestionPrizeEntryLink.objects.filter(prize_entry=prize_entry).values_list(
            "question_id", flat=True
        )
    )


def study_periods() -> list[str]:
    return list(
        StudyGroupQuestion.objects.order_by("-study_period")
        .values_list("study_period", flat=True)
        .distinct()
    )


# --- the API's public lists ------------------------------------------------------------------


def citations_public_published() -> QuerySet[ClauseCitation]:
    """Citations of the published version of each roadmap whose target is public."""
    return (
        ClauseCitation.objects.filter(
            PUBLIC_CITATION, clause__version__status=VersionStatus.PUBLISHED
        )
        .select_related(
            "entry", "outcome", "session__event", "clause__group",
            "clause__version__roadmap__action_line",
        )
        .defer(
            "entry__search_vector", "entry__description", "outcome__search_vector",
            "outcome__search_text",
        )
        .order_by("clause__version__roadmap__action_line__position", "clause__group__position",
                  "clause__position", "position", "id")
    )  # fmt: skip


def entry_session_links_public() -> QuerySet[EntrySessionLink]:
    return (
        EntrySessionLink.objects.filter(_public_entries("entry__"))
        .select_related("entry", "session__event")
        .only("id", "entry__id", "entry__slug", "entry__title", "session__id",
              "session__number", "session__title", "session__event__id", "session__event__slug")
        .order_by("id")
    )  # fmt: skip


def outcome_entry_links_public() -> QuerySet[OutcomeEntryLink]:
    return (
        OutcomeEntryLink.objects.filter(
            _public_entries("entry__"), outcome__status__in=OUTCOME_PUBLIC_STATES
        )
        .select_related("entry", "outcome__session")
        .only("id", "entry__id", "entry__slug", "entry__title", "outcome__id",
              "outcome__session__id", "outcome__session__title")
        .order_by("id")
    )  # fmt: skip


def outcome_clause_links_public() -> QuerySet[OutcomeClauseLink]:
    return (
        OutcomeClauseLink.objects.filter(
            outcome__status__in=OUTCOME_PUBLIC_STATES,
            clause__version__status__in=VERSION_PUBLIC_STATES,
        )
        .select_related("outcome__session", "clause__version__roadmap__action_line")
        .only("id", "outcome__id", "outcome__session__id", "outcome__session__title",
              "clause__id", "clause__label", "clause__version__id", "clause__version__number",
              "clause__version__roadmap__id", "clause__version__roadmap__action_line__id",
              "clause__version__roadmap__action_line__code",
              "clause__version__roadmap__action_line__slug")
        .order_by("id")
    )  # fmt: skip


# --- thematic repositories -------------------------------------------------------------------


def _accepted_public_entries() -> Q:
    """Of a repository's proposals: the accepted ones of approved, published entries."""
    return Q(proposals__status__in=PROPOSAL_PUBLIC_STATES) & _public_entries("proposals__entry__")


def repositories_public() -> QuerySet[ThematicRepository]:
    """Published repositories with the number of their public entries (`entry_count`): one
    query, whatever their number."""
    return (
        ThematicRepository.objects.filter(is_published=True)
        .annotate(entry_count=Count("proposals", filter=_accepted_public_entries()))
        .order_by("title", "id")
    )


def repository_public(slug: str) -> ThematicRepository | None:
    return ThematicRepository.objects.filter(slug=slug, is_published=True).first()


def repository_entries_public(repository: ThematicRepository) -> QuerySet[Entry]:
    """A repository's entries as readers see them: approved and published, accepted into it,
    most recently approved first (one query a page, the organisation joined)."""
    return (
        Entry.objects.filter(
            _public_entries(),
            repository_proposals__repository=repository,
            repository_proposals__status__in=PROPOSAL_PUBLIC_STATES,
        )
        .select_related("organisation")
        .only(*ENTRY_LINK_FIELDS, "summary", "text_language", "approved_at")
        .order_by("-approved_at", "-id")
    )


def repositories_public_with_entries() -> QuerySet[ThematicRepository]:
    """Published repositories, each with its public entries prefetched (`public_entries`) and
    counted (`entry_count`): two queries, whatever their number (the API)."""
    return repositories_public().prefetch_related(
        Prefetch(
            "proposals",
            queryset=RepositoryProposal.objects.filter(
                _public_entries("entry__"), status__in=PROPOSAL_PUBLIC_STATES
            )
            .select_related("entry__organisation")
            .only(
                "id", "repository_id", "entry_id",
                *(f"entry__{name}" for name in ENTRY_LINK_FIELDS), "entry__approved_at",
            )
            .order_by("-entry__approved_at", "-entry_id"),
            to_attr="public_proposals",
        )
    )  # fmt: skip


def entry_proposals(entry: Entry) -> list[RepositoryProposal]:
    """Every proposal of an entry, newest first, with its repository (for its owners)."""
    return list(
        RepositoryProposal.objects.filter(entry=entry)
        .select_related("repository")
        .order_by("-proposed_at", "-id")
    )


def repositories_open_to(entry: Entry) -> QuerySet[ThematicRepository]:
    """The published repositories `entry` can be proposed for now: those without a pending or
    accepted proposal of it."""
    return (
        ThematicRepository.objects.filter(is_published=True)
        .exclude(
            Exists(
                RepositoryProposal.objects.filter(
                    repository=OuterRef("pk"), entry=entry, status__in=PROPOSAL_OPEN_STATES
                )
            )
        )
        .order_by("title")
    )
