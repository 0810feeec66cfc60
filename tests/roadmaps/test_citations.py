"""Citations: a facilitator cites public entries, outcome documents and sessions from a clause's
results; the public sees them on the clause and "cited by" on each item once the version is
published; they belong to the version (copied, diffed, exported). Every test that checks what
must not show first creates it."""

import csv
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from events.enums import OutcomeStatus
from roadmaps import services
from roadmaps.diffing import version_diff
from roadmaps.enums import CitationKind, VersionStatus
from roadmaps.models import ClauseCitation
from roadmaps.selectors import roadmap_for_action_line, version_with_clauses
from stocktaking.enums import EntryStatus
from tests.events.factories import OutcomeDocumentFactory, SessionFactory
from tests.factories import secretariat_user
from tests.query_counts import MAX_QUERIES, uncached_queries
from tests.roadmaps.factories import RoadmapFactory
from tests.roadmaps.factories import version_with_clauses as make_version
from tests.roadmaps.helpers import user_for
from tests.stocktaking.factories import EntryFactory
from wsis.models import ActionLine, GdcObjective

pytestmark = pytest.mark.django_db


def _draft(code: str = "C2", clauses: int = 1):
    roadmap = RoadmapFactory(action_line=ActionLine.objects.get(code=code))
    return make_version(status=VersionStatus.DRAFT, roadmap=roadmap, clauses=clauses)


def _publish(version):
    secretariat = secretariat_user()
    for state in (VersionStatus.SUBMITTED, VersionStatus.PUBLISHED):
        services.roadmap_version_transition(version=version, to=state, by=secretariat)


def test_a_facilitator_finds_and_cites_an_entry_without_javascript(client):
    version = _draft()
    clause = version.clauses.get()
    entry = EntryFactory(status=EntryStatus.APPROVED, title="Community networks in the Andes")
    EntryFactory(status=EntryStatus.DRAFT, title="Community networks draft plan")
    facilitator = user_for("facilitator_here")
    client.force_login(facilitator)
    page = client.get(
        f"/roadmaps/clauses/{clause.pk}/citations/", {"kind": "entry", "q": "community networks"}
    ).content.decode()
    assert "Community networks in the Andes" in page
    assert "Community networks draft plan" not in page
    response = client.post(
        f"/roadmaps/clauses/{clause.pk}/citations/add/",
        {"kind": "entry", "target": entry.pk, "q": "community networks"},
    )
    assert response.status_code == 302
    assert response["Location"] == (
        f"/roadmaps/clauses/{clause.pk}/citations/?kind=entry&q=community+networks"
    )
    assert [(c.kind, c.entry_id, c.title) for c in clause.citations.all()] == [
        ("entry", entry.pk, "Community networks in the Andes")
    ]
    # Citing it again keeps one citation.
    client.post(
        f"/roadmaps/clauses/{clause.pk}/citations/add/", {"kind": "entry", "target": entry.pk}
    )
    assert clause.citations.count() == 1


def test_a_draft_entry_or_unpublished_outcome_cannot_be_cited():
    clause = _draft().clauses.get()
    draft = EntryFactory(status=EntryStatus.SUBMITTED)
    outcome = OutcomeDocumentFactory(status=OutcomeStatus.SUBMITTED)
    secretariat = secretariat_user()
    for kind, target in ((CitationKind.ENTRY, draft.pk), (CitationKind.OUTCOME, outcome.pk)):
        with pytest.raises(ValidationError) as error:
            services.clause_citation_add(clause=clause, by=secretariat, kind=kind, target_id=target)
        assert error.value.message_dict == {
            "target": ["Only a published entry, outcome document or session can be cited."]
        }
    assert ClauseCitation.objects.count() == 0


# Who may cite from a clause of a draft (and of a published version): role x state.
CITE_TABLE = {
    ("facilitator_here", VersionStatus.DRAFT): "allowed",
    ("facilitator_here", VersionStatus.PUBLISHED): "refused",
    ("facilitator_other", VersionStatus.DRAFT): "refused",
    ("facilitator_other", VersionStatus.PUBLISHED): "refused",
    ("secretariat", VersionStatus.DRAFT): "allowed",
    ("secretariat", VersionStatus.SUBMITTED): "refused",
}


@pytest.mark.parametrize(("role", "state"), CITE_TABLE)
def test_who_may_cite_by_role_and_state(role, state):
    roadmap = RoadmapFactory(action_line=ActionLine.objects.get(code="C2"))
    clause = make_version(status=state, roadmap=roadmap).clauses.get()
    session = SessionFactory()
    try:
        services.clause_citation_add(
            clause=clause, by=user_for(role), kind=CitationKind.SESSION, target_id=session.pk
        )
        outcome = "allowed"
    except (PermissionDenied, ValidationError):
        outcome = "refused"
    assert outcome == CITE_TABLE[(role, state)]
    assert ClauseCitation.objects.count() == (1 if outcome == "allowed" else 0)


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("anonymous", 302),
        ("facilitator_other", 404),
        ("facilitator_here", 200),
        ("secretariat", 200),
    ],
)
def test_the_citation_page_per_role(client, role, status):
    clause = _draft().clauses.get()
    user = user_for(role)
    if user.is_authenticated:
        client.force_login(user)
    assert client.get(f"/roadmaps/clauses/{clause.pk}/citations/").status_code == status


def test_citations_show_on_the_clause_and_cited_by_only_once_published(
    client, django_capture_on_commit_callbacks
):
    version = _draft()
    clause = version.clauses.get()
    entry = EntryFactory(status=EntryStatus.APPROVED, title="Cyber clinic")
    outcome = OutcomeDocumentFactory(status=OutcomeStatus.PUBLISHED)
    session = SessionFactory(title="Open space on trust")
    secretariat = secretariat_user()
    for kind, target in (("entry", entry), ("outcome", outcome), ("session", session)):
        services.clause_citation_add(clause=clause, by=secretariat, kind=kind, target_id=target.pk)
    # A draft's citations count for nobody.
    assert "Cited by roadmap" not in client.get(entry.get_absolute_url()).content.decode()
    # The entry's cached page shows the citation at once: publishing bumps "roadmaps".
    with django_capture_on_commit_callbacks(execute=True):
        _publish(version)
    cited = "Cited by roadmap C2, clause A"
    for url in (entry.get_absolute_url(), outcome.get_absolute_url(), session.get_absolute_url()):
        assert cited in client.get(url).content.decode(), url
    page = client.get(f"/roadmaps/c2/versions/{version.number}/").content.decode()
    assert "Cyber clinic" in page
    assert "Open space on trust" in page


def test_a_citation_of_an_entry_no_longer_public_is_hidden_from_readers(client):
    version = _draft()
    clause = version.clauses.get()
    entry = EntryFactory(status=EntryStatus.APPROVED, title="Withdrawn later")
    services.clause_citation_add(
        clause=clause, by=secretariat_user(), kind="entry", target_id=entry.pk
    )
    _publish(version)
    entry.status = EntryStatus.WITHDRAWN
    entry.save(update_fields=["status"])
    page = client.get(f"/roadmaps/c2/versions/{version.number}/").content.decode()
    assert "Withdrawn later" not in page
    api = client.get("/api/v1/roadmaps/c2/").json()
    assert api["groups"][0]["clauses"][0]["citations"] == []


def test_citations_and_gdc_objectives_belong_to_the_version(client):
    version = _draft()
    clause = version.clauses.get()
    secretariat = secretariat_user()
    entry = EntryFactory(status=EntryStatus.APPROVED, title="Digital skills bus")
    services.clause_citation_add(clause=clause, by=secretariat, kind="entry", target_id=entry.pk)
    clause.gdc_objectives.set([GdcObjective.objects.get(number=2)])
    _publish(version)
    roadmap = roadmap_for_action_line(slug="c2")
    draft = services.roadmap_draft_start(roadmap=roadmap, by=secretariat)
    copied = draft.clauses.get()
    assert [c.entry_id for c in copied.citations.all()] == [entry.pk]
    assert [g.number for g in copied.gdc_objectives.all()] == [2]
    session = SessionFactory(title="Skills workshop")
    services.clause_citation_add(
        clause=copied, by=secretariat, kind="session", target_id=session.pk
    )
    old = version_with_clauses(roadmap=roadmap, user=secretariat, number=version.number)
    new = version_with_clauses(roadmap=roadmap, user=secretariat, number=draft.number)
    [change] = version_diff(old, new)
    assert [(c.field, c.old_text, c.new_text) for c in change.columns] == [
        (
            "citations",
            "Stocktaking entry: Digital skills bus",
            "Stocktaking entry: Digital skills bus; Session: Skills workshop",
        )
    ]
    client.force_login(secretariat)
    response = client.get(f"/roadmaps/c2/versions/{draft.number}/download.csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert rows[0]["citations"] == "Stocktaking entry: Digital skills bus; Session: Skills workshop"
    assert rows[0]["gdc_objective_numbers"] == "2"


def test_the_clause_editor_tags_gdc_objectives(client):
    clause = _draft().clauses.get()
    client.force_login(user_for("facilitator_here"))
    response = client.post(
        f"/roadmaps/clauses/{clause.pk}/edit/",
        {"label": "A", "lock_version": clause.lock_version, "gdc_objectives": ["1", "3"]},
    )
    assert response.status_code == 302
    assert sorted(clause.gdc_objectives.values_list("number", flat=True)) == [1, 3]


def test_removing_a_citation(client):
    clause = _draft().clauses.get()
    session = SessionFactory()
    citation = services.clause_citation_add(
        clause=clause, by=secretariat_user(), kind="session", target_id=session.pk
    )
    client.force_login(user_for("facilitator_other"))
    url = f"/roadmaps/clauses/{clause.pk}/citations/{citation.pk}/remove/"
    # Another line's draft does not exist for its facilitators.
    assert client.post(url).status_code == 404
    client.force_login(user_for("facilitator_here"))
    assert client.post(url).status_code == 302
    assert clause.citations.count() == 0


def test_a_version_page_makes_as_many_queries_with_many_citations(client):
    version = _draft(clauses=3)
    secretariat = secretariat_user()

    def cite(n):
        for clause in version.clauses.all():
            for _ in range(n):
                entry = EntryFactory(status=EntryStatus.APPROVED)
                services.clause_citation_add(
                    clause=clause, by=secretariat, kind="entry", target_id=entry.pk
                )
                outcome = OutcomeDocumentFactory(status=OutcomeStatus.PUBLISHED)
                services.clause_citation_add(
                    clause=clause, by=secretariat, kind="outcome", target_id=outcome.pk
                )

    cite(1)
    _publish(version)
    url = f"/roadmaps/c2/versions/{version.number}/"
    client.get(url)
    one = uncached_queries(client, url)
    version.status = VersionStatus.DRAFT
    version.save(update_fields=["status"])
    cite(4)
    version.status = VersionStatus.PUBLISHED
    version.save(update_fields=["status"])
    many = uncached_queries(client, url)
    assert one == many
    assert many <= MAX_QUERIES
