"""Public answers carry only public fields (issue 13, item 5).

For every GET operation of the API schema that an anonymous visitor may call, the exact set of
fields an anonymous visitor receives is pinned here (a new operation without a row fails the
suite), after creating the data that could leak: the secretariat's internal reasons on an entry,
a prize entry and an outcome document. Those reasons reach the entry's own organisation and the
secretariat only, in the API and on the pages.
"""

from __future__ import annotations

import json

import pytest
from django.test import Client
from django.utils import timezone

from events.enums import OutcomeStatus
from events.services import commitment_answer, commitments_sync
from evidence.enums import ProposalStatus
from evidence.models import (
    EntrySessionLink,
    OutcomeClauseLink,
    OutcomeEntryLink,
    QuestionEntryLink,
    QuestionPrizeEntryLink,
    StudyGroupQuestion,
)
from roadmaps.models import ClauseCitation
from stocktaking.enums import EntryStatus
from stocktaking.prizes.enums import Phase, PrizeEntryStatus
from tests.events.factories import EventFactory, OutcomeDocumentFactory, SessionFactory
from tests.evidence.factories import RepositoryProposalFactory, ThematicRepositoryFactory
from tests.factories import MembershipFactory, UserFactory, secretariat_user
from tests.prizes.factories import ContestFactory, PrizeEntryFactory
from tests.roadmaps.factories import version_with_clauses
from tests.stocktaking.factories import EntryFactory

pytestmark = pytest.mark.django_db

SECRET = "INTERNAL: the organisation is under investigation"

ENTRY = {
    "id", "url", "kind", "title", "summary", "description", "organisation", "coverage",
    "countries", "regions", "action_lines", "primary_action_line", "sdgs", "gdc_objectives",
    "start_date", "end_date", "status", "partners", "target_beneficiaries", "languages",
    "website", "other_links", "contact_name", "approved_at", "prizes", "text_language",
}  # fmt: skip
ENTRY_MODERATION = {"moderation_status", "revision_of", "lock_version", "decision_reason"}
ORGANISATION = {"id", "name", "country", "stakeholder_type"}
PRIZE_RESULT = {"year", "category", "result"}
CONTEST = {
    "year", "title", "entries_open_at", "entries_close_at", "nominees_published_at",
    "voting_opens_at", "voting_closes_at", "finalists_at", "winners_announced_at",
}  # fmt: skip
CATEGORY = {"number", "slug", "name", "action_line", "is_special", "special_rules"}
NOMINEE = {
    "id", "contest", "category", "title", "organisation", "description", "sdgs", "status",
    "stocktaking_entry",
}  # fmt: skip
EVENT = {
    "id", "slug", "name", "kind", "dates_text", "dates_note", "start_date", "end_date",
    "is_open_ended", "separate_dates", "time_zone", "location_mode", "city", "country",
    "location_text", "places", "sdgs", "description", "website", "more_websites", "organisers",
}  # fmt: skip
SESSION = {
    "id", "event", "number", "title", "session_type", "organisers", "starts_at", "ends_at",
    "time_display", "participation_mode", "room", "action_lines", "sdgs", "gdc_objectives",
    "description", "speakers", "links", "has_published_outcome",
}  # fmt: skip
OUTCOME = {
    "id", "session", "session_number", "session_title", "event", "status", "key_issues",
    "views_wsis20", "tangible_outcomes", "action_plan", "thematic_suggestions", "text_language",
    "gdc_objectives", "lock_version", "published_at", "url",
}  # fmt: skip
# A commitment: never who answered it (`answered_by`).
COMMITMENT = {
    "id", "url", "text", "section", "target_date", "status", "answer", "answer_link",
    "answered_at", "withdrawn", "withdrawn_at", "outcome", "outcome_url", "session",
    "session_number", "session_title", "event", "action_lines", "organisers",
}  # fmt: skip
ROADMAP = {"code", "slug", "name", "published_version"}
VERSION_SUMMARY = {"number", "status", "as_of", "change_summary", "published_at"}
VERSION = {
    "action_line", "number", "status", "as_of", "change_summary", "notes", "published_at",
    "groups",
}  # fmt: skip
CLAUSE = {
    "id", "source", "position", "label", "outcome_text", "proposed_timing", "strategic_goals",
    "sdg_linkages_text", "current_situation", "results_and_targets", "covid_response",
    "sdg_numbers", "gdc_objective_numbers", "citations", "lock_version",
}  # fmt: skip
# A clause's citation: what it cites, by kind, id, title and public address.
CITATION = {"kind", "id", "title", "url"}
DIFF = {"from", "to", "changes"}
QUESTION = {
    "id", "label", "study_period", "study_group", "number", "title", "rapporteur_group",
    "is_active", "entries", "results", "url",
}  # fmt: skip
PUBLIC_CITATION = {
    "id", "action_line", "version", "clause", "clause_label", "source", "kind", "target",
    "title", "target_url", "clause_url",
}  # fmt: skip
ENTRY_SESSION = {
    "id", "entry", "entry_title", "entry_url", "session", "session_title", "session_url",
}  # fmt: skip
OUTCOME_ENTRY = {
    "id", "outcome", "outcome_title", "outcome_url", "entry", "entry_title", "entry_url",
}  # fmt: skip
OUTCOME_CLAUSE = {
    "id", "outcome", "outcome_title", "outcome_url", "clause", "action_line", "version",
    "clause_label", "clause_url",
}  # fmt: skip
REPOSITORY = {
    "id", "slug", "title", "summary", "criteria", "entry_count", "entries", "url",
}  # fmt: skip
REPOSITORY_ENTRY = {"id", "title", "organisation", "url"}
HUB_SUMMARY = {"kind", "key", "name", "url", "api_url"}
HUB = {
    "kind", "key", "name", "url", "entries_list_url", "entries_total", "entries_by_region",
    "entries_by_year", "latest_entries", "clauses_total", "clauses", "results",
    "sessions_total", "sessions", "outcomes_total", "outcomes", "commitments_list_url",
    "commitments_total", "commitments_answered", "commitments", "facilitators",
}  # fmt: skip
PAGE = {"count", "next", "previous", "results"}
CODE_NAME = {"code", "name"}
NUMBER_NAME = {"number", "name"}
ACTION_LINE = {"code", "slug", "name", "position"}
COUNTRY = {"code", "name", "region"}


@pytest.fixture
def world():
    """One of everything public, each carrying what must not leak."""
    member = MembershipFactory(is_contact=True)
    entry = EntryFactory(
        status=EntryStatus.APPROVED,
        organisation=member.organisation,
        decision_reason=SECRET,
        contact_email="private@example.org",
    )
    contest = ContestFactory(in_phase=Phase.WINNERS_ANNOUNCED, at=timezone.now())
    category = contest.categories.order_by("number").first()
    prize_entry = PrizeEntryFactory(
        contest=contest,
        category=category,
        status=PrizeEntryStatus.WINNER,
        stocktaking_entry=entry,
        organisation=member.organisation,
        decision_reason=SECRET,
    )
    event = EventFactory()
    session = SessionFactory(event=event)
    outcome = OutcomeDocumentFactory(
        session=session, status=OutcomeStatus.PUBLISHED, change_reason=SECRET
    )
    commitments_sync(outcome=outcome)
    commitment = outcome.commitments.first()
    commitment_answer(
        commitment=commitment, by=secretariat_user(), status="in_progress", answer="Under way."
    )
    version = version_with_clauses(clauses=1)
    version_with_clauses(clauses=2, roadmap=version.roadmap, status="superseded")
    clause = version.clauses.get()
    ClauseCitation.objects.create(clause=clause, kind="entry", entry=entry, title=entry.title)
    # A citation of a draft entry, and links of it, that must not show.
    draft = EntryFactory(status=EntryStatus.DRAFT, title=SECRET)
    ClauseCitation.objects.create(clause=clause, kind="entry", entry=draft, title=SECRET)
    for linked in (entry, draft):
        EntrySessionLink.objects.create(entry=linked, session=session)
        OutcomeEntryLink.objects.create(outcome=outcome, entry=linked)
    OutcomeClauseLink.objects.create(outcome=outcome, clause=clause)
    question = StudyGroupQuestion.objects.get(study_period="2022-2025", study_group=1, number=1)
    QuestionEntryLink.objects.create(question=question, entry=entry)
    QuestionEntryLink.objects.create(question=question, entry=draft)
    QuestionPrizeEntryLink.objects.create(question=question, prize_entry=prize_entry)
    # A repository with the public entry accepted, the draft's proposal declined (with a reason
    # that must not show) and a pending proposal's note.
    repository = ThematicRepositoryFactory()
    RepositoryProposalFactory(
        repository=repository, entry=entry, status=ProposalStatus.ACCEPTED, note=SECRET
    )
    RepositoryProposalFactory(
        repository=repository, entry=draft, status=ProposalStatus.DECLINED, decision_reason=SECRET
    )
    return {
        "member": member.user,
        "entry": entry,
        "contest": contest,
        "category": category,
        "prize_entry": prize_entry,
        "event": event,
        "session": session,
        "outcome": outcome,
        "commitment": commitment,
        "version": version,
        "clause": clause,
        "question": question,
        "repository": repository,
    }


def _list(fields):
    return ("list", fields)


# Schema path → (how to fill its parameters, what an anonymous visitor gets: a list of objects
# with these fields, or one object).
def _v(world):
    return world["version"]


PUBLIC_READS = {
    "/api/v1/stocktaking/entries/": (lambda w: {}, _list(ENTRY)),
    "/api/v1/stocktaking/entries/{id}/": (lambda w: {"id": w["entry"].pk}, ENTRY),
    "/api/v1/prizes/contests/": (lambda w: {}, _list(CONTEST)),
    "/api/v1/prizes/contests/{year}/": (lambda w: {"year": w["contest"].year}, CONTEST),
    "/api/v1/prizes/contests/{contest_year}/categories/": (
        lambda w: {"contest_year": w["contest"].year},
        _list(CATEGORY),
    ),
    "/api/v1/prizes/contests/{contest_year}/categories/{slug}/": (
        lambda w: {"contest_year": w["contest"].year, "slug": w["category"].slug},
        CATEGORY,
    ),
    "/api/v1/prizes/contests/{contest_year}/nominees/": (
        lambda w: {"contest_year": w["contest"].year},
        _list(NOMINEE),
    ),
    "/api/v1/prizes/contests/{contest_year}/nominees/{id}/": (
        lambda w: {"contest_year": w["contest"].year, "id": w["prize_entry"].pk},
        NOMINEE,
    ),
    "/api/v1/prizes/contests/{contest_year}/results/": (
        lambda w: {"contest_year": w["contest"].year},
        _list(NOMINEE),
    ),
    "/api/v1/prizes/contests/{contest_year}/results/{id}/": (
        lambda w: {"contest_year": w["contest"].year, "id": w["prize_entry"].pk},
        NOMINEE,
    ),
    "/api/v1/events/": (lambda w: {}, _list(EVENT)),
    "/api/v1/events/{id}/": (lambda w: {"id": w["event"].pk}, EVENT),
    "/api/v1/events/{id}/sessions/": (lambda w: {"id": w["event"].pk}, _list(SESSION)),
    "/api/v1/events/sessions/": (lambda w: {}, _list(SESSION)),
    "/api/v1/events/sessions/{id}/": (lambda w: {"id": w["session"].pk}, SESSION),
    "/api/v1/outcomes/": (lambda w: {}, _list(OUTCOME)),
    "/api/v1/outcomes/{id}/": (lambda w: {"id": w["outcome"].pk}, OUTCOME),
    "/api/v1/commitments/": (lambda w: {}, _list(COMMITMENT)),
    "/api/v1/commitments/{id}/": (lambda w: {"id": w["commitment"].pk}, COMMITMENT),
    "/api/v1/roadmaps/": (lambda w: {}, _list(ROADMAP)),
    "/api/v1/roadmaps/{slug}/": (lambda w: {"slug": _v(w).roadmap.action_line.slug}, VERSION),
    "/api/v1/roadmaps/{slug}/versions/": (
        lambda w: {"slug": _v(w).roadmap.action_line.slug},
        _list(VERSION_SUMMARY),
    ),
    "/api/v1/roadmaps/{slug}/diff/": (
        lambda w: {
            "slug": _v(w).roadmap.action_line.slug,
            "?": f"from={_v(w).number}&to={_v(w).number}",
        },
        DIFF,
    ),
    "/api/v1/roadmaps/clauses/{id}/": (lambda w: {"id": w["clause"].pk}, CLAUSE),
    "/api/v1/study-questions/": (lambda w: {}, _list(QUESTION)),
    "/api/v1/study-questions/{id}/": (lambda w: {"id": w["question"].pk}, QUESTION),
    "/api/v1/citations/": (lambda w: {}, _list(PUBLIC_CITATION)),
    "/api/v1/links/entry-sessions/": (lambda w: {}, _list(ENTRY_SESSION)),
    "/api/v1/links/outcome-entries/": (lambda w: {}, _list(OUTCOME_ENTRY)),
    "/api/v1/links/outcome-clauses/": (lambda w: {}, _list(OUTCOME_CLAUSE)),
    "/api/v1/repositories/": (lambda w: {}, _list(REPOSITORY)),
    "/api/v1/repositories/{id}/": (lambda w: {"id": w["repository"].pk}, REPOSITORY),
    "/api/v1/hubs/": (lambda w: {}, _list(HUB_SUMMARY)),
    "/api/v1/hubs/action-lines/{slug}/": (lambda w: {"slug": "c2"}, HUB),
    "/api/v1/hubs/sdgs/{number}/": (lambda w: {"number": 9}, HUB),
    "/api/v1/hubs/gdc/{number}/": (lambda w: {"number": 1}, HUB),
    "/api/v1/reference/action-lines/": (lambda w: {}, _list(ACTION_LINE)),
    "/api/v1/reference/action-lines/{slug}/": (lambda w: {"slug": "c2"}, ACTION_LINE),
    "/api/v1/reference/countries/": (lambda w: {}, _list(COUNTRY)),
    "/api/v1/reference/countries/{code}/": (lambda w: {"code": "CH"}, COUNTRY),
    "/api/v1/reference/gdc-objectives/": (lambda w: {}, _list(NUMBER_NAME)),
    "/api/v1/reference/gdc-objectives/{number}/": (lambda w: {"number": 1}, NUMBER_NAME),
    "/api/v1/reference/regions/": (lambda w: {}, _list(CODE_NAME)),
    "/api/v1/reference/regions/{code}/": (lambda w: {"code": "europe"}, CODE_NAME),
    "/api/v1/reference/sdgs/": (lambda w: {}, _list(NUMBER_NAME)),
    "/api/v1/reference/sdgs/{number}/": (lambda w: {"number": 4}, NUMBER_NAME),
    "/api/v1/reference/stakeholder-types/": (lambda w: {}, _list(CODE_NAME)),
    "/api/v1/reference/stakeholder-types/{code}/": (
        lambda w: {"code": "government"},
        CODE_NAME,
    ),
}
# GET operations that need a signed-in person (an anonymous visitor gets 401).
SIGNED_IN_READS = ("/api/v1/events/sessions/{id}/outcome/",)


def _schema_reads() -> set[str]:
    schema = Client().get("/api/schema/?format=json").json()
    return {path for path, operations in schema["paths"].items() if "get" in operations}


def test_every_public_read_is_pinned():
    assert sorted(_schema_reads() - set(SIGNED_IN_READS)) == sorted(PUBLIC_READS)


def _url(template: str, parameters: dict) -> str:
    query = parameters.pop("?", "")
    url = template.format(**parameters)
    return f"{url}?{query}" if query else url


@pytest.mark.parametrize("template", sorted(PUBLIC_READS))
def test_anonymous_fields(client, world, template):
    parameters, expected = PUBLIC_READS[template]
    response = client.get(_url(template, parameters(world)))
    assert response.status_code == 200
    body = response.json()
    assert SECRET not in json.dumps(body)
    assert "private@example.org" not in json.dumps(body)
    if isinstance(expected, tuple):
        items = body["results"] if isinstance(body, dict) else body
        if isinstance(body, dict):
            assert set(body) == PAGE
        assert items != []
        assert [set(item) for item in items] == [expected[1]] * len(items)
    else:
        assert set(body) == expected


def test_repository_entries_carry_public_fields_only(client, world):
    body = client.get(f"/api/v1/repositories/{world['repository'].pk}/").json()
    assert [set(entry) for entry in body["entries"]] == [REPOSITORY_ENTRY]
    assert [entry["id"] for entry in body["entries"]] == [world["entry"].pk]


def test_entry_nested_fields(client, world):
    body = client.get(f"/api/v1/stocktaking/entries/{world['entry'].pk}/").json()
    assert set(body["organisation"]) == ORGANISATION
    assert [set(result) for result in body["prizes"]] == [PRIZE_RESULT]
    listed = client.get("/api/v1/stocktaking/entries/").json()["results"]
    assert [set(entry["organisation"]) for entry in listed] == [ORGANISATION]


@pytest.mark.parametrize(
    ("reader", "sees_moderation"),
    [("anonymous", False), ("other", False), ("member", True), ("secretariat", True)],
)
def test_entry_moderation_fields_only_for_owner_and_secretariat(
    client, world, reader, sees_moderation
):
    users = {
        "anonymous": None,
        "other": MembershipFactory().user,
        "member": world["member"],
        "secretariat": secretariat_user(),
    }
    if users[reader] is not None:
        client.force_login(users[reader])
    entry = world["entry"]
    body = client.get(f"/api/v1/stocktaking/entries/{entry.pk}/").json()
    assert set(body) == (ENTRY | ENTRY_MODERATION if sees_moderation else ENTRY)
    assert (body.get("decision_reason") == SECRET) is sees_moderation
    listed = client.get("/api/v1/stocktaking/entries/").json()["results"]
    assert [set(item) for item in listed] == [ENTRY]


@pytest.mark.parametrize("reader", ["anonymous", "other", "signed_in_without_organisation"])
def test_public_pages_show_no_reason(client, world, reader):
    users = {
        "anonymous": None,
        "other": MembershipFactory().user,
        "signed_in_without_organisation": UserFactory(verified=True),
    }
    if users[reader] is not None:
        client.force_login(users[reader])
    entry, prize_entry, session = world["entry"], world["prize_entry"], world["session"]
    pages = [
        entry.get_absolute_url(),
        "/stocktaking/",
        prize_entry.get_absolute_url(),
        f"/prizes/{world['contest'].year}/results/",
        session.get_absolute_url(),
        world["outcome"].get_absolute_url(),
    ]
    for page in pages:
        response = client.get(page)
        assert response.status_code == 200, page
        assert SECRET not in response.content.decode(), page


def test_owner_pages_show_the_reason(client, world):
    client.force_login(world["member"])
    entry = world["entry"]
    assert SECRET in client.get(f"/stocktaking/mine/{entry.pk}/").content.decode()
    assert SECRET in client.get("/stocktaking/mine/").content.decode()
