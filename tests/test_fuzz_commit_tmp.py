# Temporary: the fuzz suite on the commitments' operations only (not committed).
import pytest
import schemathesis
from hypothesis import settings
from tests.test_api_fuzz import SETTINGS, FUZZ_EXAMPLES, stakeholder, _keep_test_connection, _node_id_for_schemathesis, _no_throttling, _stateful  # noqa
from tests.api_auth import api_auth_headers
from wsis.wsgi import application

@pytest.fixture
def api_schema(stakeholder):
    return schemathesis.openapi.from_wsgi("/api/schema/?format=json", application)

schema = schemathesis.pytest.from_fixture("api_schema").include(path_regex="commitments")

@pytest.mark.django_db
@schema.parametrize()
@settings(max_examples=FUZZ_EXAMPLES, **SETTINGS)
def test_fuzz_anon(case):
    case.call_and_validate()

@pytest.mark.django_db
@schema.parametrize()
@settings(max_examples=FUZZ_EXAMPLES, **SETTINGS)
def test_fuzz_token(case, stakeholder):
    case.call_and_validate(headers=api_auth_headers(stakeholder))
