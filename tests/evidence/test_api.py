"""The evidence and hubs API: public lists only carry what is public at both ends, filter,
and make as many queries for one row as for many."""

import pytest

from events.enums import OutcomeStatus
from evidence.models import (
    EntrySessionLink,
    OutcomeEntryLink,
    QuestionEntryLink,
    StudyGroupQuestion,
)
from roadmaps import services
from roadmaps.enums import VersionStatus
from stocktaking.enums import EntryStatus
from tests.events.factories import OutcomeDocumentFactory, SessionFactory
from tests.factories import secretariat_user
from tests.query_counts import MAX_QUERIES, uncached_queries
from tests.roadmaps.factories import RoadmapFactory, version_with_clauses
from tests.stocktaking.factories import EntryFactory
from wsis.models import ActionLine

pytestmark = pytest.mark.django_db


def _cited(n: int, *, code: str = "C5"):
    """`n` approved entries cited by a clause of a published C5 roadmap, linked to a session,
    an outcome and Q1/1; and a draft entry linked everywhere too."""
    roadmap = RoadmapFactory(action_line=ActionLine.objects.get(code=code))
    version = roadmap.versions.filter(status=VersionStatus.PUBLISHED).first()
    if version is None:
        version = version_with_clauses(status=VersionStatus.PUBLISHED, roadmap=roadmap)
    clause = version.clauses.first()
    question = StudyGroupQuestion.objects.get(study_period="2022-2025", study_group=1, number=1)
    session = SessionFactory()
    outcome = OutcomeDocumentFactory(status=OutcomeStatus.PUBLISHED)
    draft = EntryFactory(status=EntryStatus.DRAFT, title="Draft never shown")
    entries = [EntryFactory(status=EntryStatus.APPROVED) for _ in range(n)]
    for entry in [*entries, draft]:
        # Written directly: the service refuses drafts, the data must exist to prove no leak.
        clause.citations.create(kind="entry", entry=entry, title=entry.title)
        EntrySessionLink.objects.create(entry=entry, session=session)
        OutcomeEntryLink.objects.create(outcome=outcome, entry=entry)
        QuestionEntryLink.objects.create(question=question, entry=entry)
    return entries, draft


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/citations/",
        "/api/v1/links/entry-sessions/",
        "/api/v1/links/outcome-entries/",
        "/api/v1/study-questions/",
    ],
)
def test_lists_show_no_draft_and_make_constant_queries(client, url):
    _cited(1)
    client.get(url)
    one = uncached_queries(client, url)
    _cited(4)
    many = uncached_queries(client, url)
    assert one == many
    assert many <= MAX_QUERIES
    assert "Draft never shown" not in client.get(url).content.decode()


def test_citations_filter_by_entry_and_action_line(client):
    entries, _draft = _cited(2)
    body = client.get("/api/v1/citations/", {"entry": entries[0].pk}).json()
    assert [(row["action_line"], row["kind"], row["target"]) for row in body["results"]] == [
        ("C5", "entry", entries[0].pk)
    ]
    assert client.get("/api/v1/citations/", {"action_line": "C2"}).json()["count"] == 0
    assert client.get("/api/v1/citations/", {"action_line": "Z9"}).status_code == 400


def test_only_published_versions_count_in_the_citations_list(client):
    roadmap = RoadmapFactory(action_line=ActionLine.objects.get(code="C2"))
    draft = version_with_clauses(status=VersionStatus.DRAFT, roadmap=roadmap)
    entry = EntryFactory(status=EntryStatus.APPROVED)
    services.clause_citation_add(
        clause=draft.clauses.get(), by=secretariat_user(), kind="entry", target_id=entry.pk
    )
    assert client.get("/api/v1/citations/").json()["count"] == 0


def test_a_question_lists_only_public_entries(client):
    entries, _draft = _cited(2)
    body = client.get("/api/v1/study-questions/", {"study_period": "2022-2025", "study_group": 1})
    first = body.json()["results"][0]
    assert first["label"] == "Q1/1"
    assert sorted(row["id"] for row in first["entries"]) == sorted(e.pk for e in entries)


@pytest.mark.parametrize(
    "url", ["/api/v1/hubs/", "/api/v1/hubs/action-lines/c5/", "/api/v1/hubs/gdc/3/"]
)
def test_hubs_api_makes_as_many_queries_for_one_item_as_for_many(client, url):
    _cited(1)
    client.get(url)
    one = uncached_queries(client, url)
    _cited(4)
    many = uncached_queries(client, url)
    assert one == many
    assert many <= MAX_QUERIES
    assert "Draft never shown" not in client.get(url).content.decode()
