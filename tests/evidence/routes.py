"""Route-matrix rows of the evidence app (see tests/route_matrix.py).

The study-group Questions' pages and CSV are public. An entry's links belong to `owner_org`
(the world's `owner`; `unverified` is a member who never confirmed the address); the entry is a
draft, so for everybody else it does not exist (404). An outcome document's links belong to the
organisers of its session (owner_org): an unconfirmed member reads the draft outcome but may not
change its links (403). A prize entry's Questions: a draft of owner_org.

The thematic repositories' pages are public. An entry's repositories page: an approved entry of
owner_org, which everybody may read but only its verified members and the secretariat may
open (403 for the others); an empty POST fails the form (400). Withdrawing a pending proposal
of that entry: POST only, by its verified members (redirected); the secretariat declines
instead (403).
"""

from events.enums import OutcomeStatus
from evidence.models import EntrySessionLink, OutcomeEntryLink, StudyGroupQuestion
from roadmaps.enums import VersionStatus
from stocktaking.enums import EntryStatus
from tests.events.factories import OutcomeDocumentFactory, SessionFactory
from tests.evidence.factories import RepositoryProposalFactory, ThematicRepositoryFactory
from tests.prizes.factories import ContestFactory, PrizeEntryFactory
from tests.roadmaps.factories import RoadmapFactory, version_with_clauses
from tests.route_matrix import Route, expect
from tests.stocktaking.factories import EntryFactory
from wsis.models import ActionLine

READ_ONLY = {"GET": expect(200), "POST": expect(405)}
OWNERS = expect(404, anonymous=302, owner=302, secretariat=302)
OUTCOME_OWNERS = expect(404, anonymous=302, unverified=403, owner=302, secretariat=302)
POST_ONLY = expect(405, anonymous=302)


def fixed(path: str):
    return lambda world: path


def _with(path, **makers):
    """`path`, after making the objects a request's body names (a body is built for every
    method, so nothing is created there: the GETs' writes are counted)."""

    def build(world):
        for name, make in makers.items():
            world.extra[name] = make()
        return path(world)

    return build


def _question():
    """Q5/1 of 2022-2025 (seeded by a migration; made again where a test flushed the tables)."""
    question, _created = StudyGroupQuestion.objects.get_or_create(
        study_period="2022-2025",
        study_group=1,
        number=5,
        defaults={"title": "Telecommunications/ICTs for rural and remote areas"},
    )
    return question


def _entry(world):
    entry = EntryFactory(organisation=world.owner_org, status=EntryStatus.DRAFT)
    world.extra["entry"] = entry
    return entry


def _outcome(world):
    session = SessionFactory(organisers=[world.owner_org])
    outcome = OutcomeDocumentFactory(session=session, status=OutcomeStatus.DRAFT)
    world.extra["outcome"] = outcome
    return outcome


def _published_clause():
    roadmap = RoadmapFactory(action_line=ActionLine.objects.get(code="C5"))
    version = version_with_clauses(status=VersionStatus.PUBLISHED, roadmap=roadmap)
    return version.clauses.get()


def _entry_session_remove(world):
    entry = _entry(world)
    link = EntrySessionLink.objects.create(entry=entry, session=SessionFactory())
    return f"/evidence/entries/{entry.pk}/sessions/{link.pk}/remove/"


def _outcome_entry_remove(world):
    outcome = _outcome(world)
    public = EntryFactory(status=EntryStatus.APPROVED)
    link = OutcomeEntryLink.objects.create(outcome=outcome, entry=public)
    return f"/evidence/outcomes/{outcome.pk}/entries/{link.pk}/remove/"


def _prize_entry(world):
    contest = ContestFactory()
    return PrizeEntryFactory(contest=contest, organisation=world.owner_org)


def _repository():
    return ThematicRepositoryFactory()


def _approved_entry(world):
    entry = EntryFactory(organisation=world.owner_org, status=EntryStatus.APPROVED)
    world.extra["entry"] = entry
    return entry


def _pending_proposal_withdraw(world):
    proposal = RepositoryProposalFactory(entry=_approved_entry(world))
    return f"/evidence/entries/{proposal.entry_id}/repositories/{proposal.pk}/withdraw/"


ROUTES = (
    Route("evidence:repository_index", fixed("/repositories/"), READ_ONLY),
    Route(
        "evidence:repository_detail",
        lambda world: _repository().get_absolute_url(),
        READ_ONLY,
    ),
    Route(
        "evidence:entry_repositories",
        lambda world: (
            _repository(),
            f"/evidence/entries/{_approved_entry(world).pk}/repositories/",
        )[1],
        {
            "GET": expect(403, anonymous=302, owner=200, secretariat=200),
            "POST": expect(403, anonymous=302, owner=400, secretariat=400),
        },
    ),
    Route(
        "evidence:entry_proposal_withdraw",
        _pending_proposal_withdraw,
        {"GET": POST_ONLY, "POST": expect(403, anonymous=302, owner=302)},
    ),
    Route("repository-list", fixed("/api/v1/repositories/"), READ_ONLY),
    Route(
        "repository-detail",
        lambda world: f"/api/v1/repositories/{_repository().pk}/",
        READ_ONLY,
    ),
    Route("evidence:question_index", fixed("/study-groups/"), READ_ONLY),
    Route("evidence:question_detail", lambda world: _question().get_absolute_url(), READ_ONLY),
    Route(
        "evidence:study_group_csv",
        lambda world: (_question(), "/study-groups/2022-2025/sg1.csv")[1],
        READ_ONLY,
    ),
    Route(
        "evidence:entry_links",
        lambda world: f"/evidence/entries/{_entry(world).pk}/",
        {
            "GET": expect(404, anonymous=302, owner=200, secretariat=200),
            "POST": expect(405, anonymous=302),
        },
    ),
    Route(
        "evidence:entry_session_add",
        _with(
            lambda world: f"/evidence/entries/{_entry(world).pk}/sessions/", session=SessionFactory
        ),
        {"GET": POST_ONLY, "POST": OWNERS},
        data=lambda world: {"session": world.extra["session"].pk},
    ),
    Route(
        "evidence:entry_session_remove",
        _entry_session_remove,
        {"GET": POST_ONLY, "POST": OWNERS},
    ),
    Route(
        "evidence:entry_questions",
        lambda world: f"/evidence/entries/{_entry(world).pk}/questions/",
        {"GET": POST_ONLY, "POST": OWNERS},
    ),
    Route(
        "evidence:outcome_links",
        lambda world: f"/evidence/outcomes/{_outcome(world).pk}/",
        {
            "GET": expect(404, anonymous=302, unverified=403, owner=200, secretariat=200),
            "POST": expect(405, anonymous=302),
        },
    ),
    Route(
        "evidence:outcome_entry_add",
        _with(
            lambda world: f"/evidence/outcomes/{_outcome(world).pk}/entries/",
            public_entry=lambda: EntryFactory(status=EntryStatus.APPROVED),
        ),
        {"GET": POST_ONLY, "POST": OUTCOME_OWNERS},
        data=lambda world: {"entry": world.extra["public_entry"].pk},
    ),
    Route(
        "evidence:outcome_clause_add",
        _with(
            lambda world: f"/evidence/outcomes/{_outcome(world).pk}/clauses/",
            clause=_published_clause,
        ),
        {"GET": POST_ONLY, "POST": OUTCOME_OWNERS},
        data=lambda world: {"clause": world.extra["clause"].pk},
    ),
    Route(
        "evidence:outcome_link_remove",
        _outcome_entry_remove,
        {"GET": POST_ONLY, "POST": OUTCOME_OWNERS},
    ),
    # --- API: public lists, read only ----------------------------------------------------------
    Route("study-question-list", fixed("/api/v1/study-questions/"), READ_ONLY),
    Route(
        "study-question-detail",
        lambda world: f"/api/v1/study-questions/{_question().pk}/",
        READ_ONLY,
    ),
    Route("citation-list", fixed("/api/v1/citations/"), READ_ONLY),
    Route("entry-session-list", fixed("/api/v1/links/entry-sessions/"), READ_ONLY),
    Route("outcome-entry-list", fixed("/api/v1/links/outcome-entries/"), READ_ONLY),
    Route("outcome-clause-list", fixed("/api/v1/links/outcome-clauses/"), READ_ONLY),
    # A draft prize entry of owner_org: an unconfirmed member sees it but may not link it; an
    # empty POST saves no Question (the form is valid: redirected).
    Route(
        "evidence:prize_entry_questions",
        lambda world: f"/evidence/prize-entries/{_prize_entry(world).pk}/questions/",
        {
            "GET": expect(404, anonymous=302, unverified=403, owner=200, secretariat=200),
            "POST": expect(404, anonymous=302, unverified=403, owner=302, secretariat=302),
        },
    ),
)
