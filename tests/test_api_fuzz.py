"""Schemathesis against the project's own OpenAPI schema, with every check it has (`--checks
all`: server errors, status codes, content types, headers and bodies as documented, invalid data
refused, valid data accepted, unsupported methods, authentication honoured, use after free,
resources available) and all its phases: the schema's examples, the coverage phase (boundary
and invalid values of every parameter and body), fuzzing, and the stateful phase (sequences of
calls linked through the ids they return). Anonymous and with a stakeholder's token; 0 failures.

Bounded in time: fuzzing makes at most FUZZ_EXAMPLES cases per operation, the stateful phase
STATEFUL_EXAMPLES sequences of at most STATEFUL_STEPS calls; `derandomize` makes every run the
same. The schema is loaded inside the test (its filters list the values the database holds),
over the same data each time.
"""

from __future__ import annotations

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.utils import timezone
from hypothesis import HealthCheck, settings
from rest_framework.throttling import AnonRateThrottle

from events.enums import OutcomeStatus
from events.services import commitments_sync
from stocktaking.enums import EntryStatus
from stocktaking.prizes.enums import Phase, PrizeEntryStatus
from tests.api_auth import api_auth_headers
from tests.events.factories import EventFactory, OutcomeDocumentFactory, SessionFactory
from tests.evidence.factories import RepositoryProposalFactory, ThematicRepositoryFactory
from tests.factories import MembershipFactory, OrganisationFactory
from tests.prizes.factories import ContestFactory, PrizeEntryFactory
from tests.roadmaps.factories import version_with_clauses
from tests.stocktaking.factories import EntryFactory
from wsis.wsgi import application

FUZZ_EXAMPLES = 25
STATEFUL_EXAMPLES = 15
STATEFUL_STEPS = 6
SETTINGS = {
    "deadline": None,
    "derandomize": True,
    "database": None,
    "suppress_health_check": [
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
        HealthCheck.data_too_large,
    ],
}


@pytest.fixture(autouse=True)
def _keep_test_connection():
    """The WSIS app is called in-process, as a server would: Django would then close the database
    connection after each request, and with it the test's transaction. Django's own test client
    avoids this the same way."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture(autouse=True)
def _node_id_for_schemathesis(request):
    # Schemathesis 4.32's lazy schema reads `node._nodeid`, which pytest 9 no longer has.
    request.node._nodeid = request.node.nodeid


@pytest.fixture(autouse=True)
def _no_throttling(monkeypatch):
    # The throttle's 429 is tested elsewhere; here it would only hide the operations' own answers.
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": None, "user": None})


@pytest.fixture
def stakeholder(db):
    """A stakeholder (contact person) of an organisation with public and draft entries, and the
    rest of a small portal: a contest with nominees, an event with a published outcome and its
    commitments, a published roadmap. Names and slugs are fixed, so the schema's lists are the
    same each run."""
    organisation = OrganisationFactory(name="Fuzz Ministry", slug="fuzz-ministry")
    member = MembershipFactory(organisation=organisation, is_contact=True).user
    public = EntryFactory(
        organisation=organisation, status=EntryStatus.APPROVED, title="Public entry"
    )
    RepositoryProposalFactory(
        repository=ThematicRepositoryFactory(title="Fuzz repository", slug="fuzz-repository"),
        entry=public,
        status="accepted",
    )
    EntryFactory(organisation=organisation, status=EntryStatus.DRAFT, title="Draft entry")
    contest = ContestFactory(year=2031, in_phase=Phase.VOTING_OPEN, at=timezone.now())
    PrizeEntryFactory(contest=contest, organisation=organisation, status=PrizeEntryStatus.NOMINEE)
    event = EventFactory(
        name="Fuzz Forum",
        slug="fuzz-forum",
        dates_note="Hybrid Week",
        places=[{"city": "Nairobi", "country": "KE"}, {"city": "Quito", "country": "EC"}],
        more_websites=["https://example.org/second/"],
    )
    session = SessionFactory(event=event, number=7, organisers=[organisation])
    outcome = OutcomeDocumentFactory(session=session, status=OutcomeStatus.PUBLISHED)
    commitments_sync(outcome=outcome)
    version_with_clauses(clauses=2)
    return member


@pytest.fixture
def api_schema(stakeholder):
    return schemathesis.openapi.from_wsgi("/api/schema/?format=json", application)


schema = schemathesis.pytest.from_fixture("api_schema")


@pytest.mark.django_db
@schema.parametrize()
@settings(max_examples=FUZZ_EXAMPLES, **SETTINGS)
def test_api_fuzz_anonymous(case):
    case.call_and_validate()


@pytest.mark.django_db
@schema.parametrize()
@settings(max_examples=FUZZ_EXAMPLES, **SETTINGS)
def test_api_fuzz_with_a_token(case, stakeholder):
    case.call_and_validate(headers=api_auth_headers(stakeholder))


def _stateful(api, headers: dict[str, str]) -> None:
    machine = api.as_state_machine()

    class Workflow(machine):
        def get_call_kwargs(self, case):
            return {"headers": headers}

    Workflow.run(
        settings=settings(
            max_examples=STATEFUL_EXAMPLES, stateful_step_count=STATEFUL_STEPS, **SETTINGS
        )
    )


def test_api_stateful_anonymous(api_schema):
    _stateful(api_schema, {})


def test_api_stateful_with_a_token(api_schema, stakeholder):
    _stateful(api_schema, api_auth_headers(stakeholder))
