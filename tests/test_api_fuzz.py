"""Schemathesis against the project's own OpenAPI schema: every operation, anonymous and signed
in, up to 100 generated requests each. No server error, no response that breaks the schema."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from rest_framework.throttling import AnonRateThrottle
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from tests.factories import MembershipFactory, api_token_key
from wsis.wsgi import application

schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", application)

FUZZ_SETTINGS = settings(
    max_examples=100,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
    ],
)
CHECKS = (not_a_server_error, response_schema_conformance)


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
def _no_throttling(monkeypatch):
    # The throttle's 429 is tested elsewhere; here it would only hide the operations' own answers.
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": None, "user": None})


@pytest.fixture
def stakeholder_token(db) -> str:
    membership = MembershipFactory(is_contact=True)
    return api_token_key(membership.user)


@pytest.mark.django_db
@schema.parametrize()
@FUZZ_SETTINGS
def test_api_fuzz_anonymous(case):
    response = case.call()
    case.validate_response(response, checks=CHECKS)


@pytest.mark.django_db
@schema.parametrize()
@FUZZ_SETTINGS
def test_api_fuzz_signed_in_stakeholder(case, stakeholder_token):
    response = case.call(headers={"Authorization": f"Token {stakeholder_token}"})
    case.validate_response(response, checks=CHECKS)
