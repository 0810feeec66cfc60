import pytest
from drf_spectacular.validation import validate_schema
from rest_framework.throttling import AnonRateThrottle

from tests.factories import api_token_key

pytestmark = pytest.mark.django_db


def test_api_schema_is_valid_openapi_3(client):
    response = client.get("/api/schema/", {"format": "json"})
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    validate_schema(schema)  # raises on any violation of the OpenAPI 3 JSON schema
    assert "/api/v1/reference/action-lines/" in schema["paths"]


def test_api_docs_served_from_local_static_files(client):
    response = client.get("/api/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in html
    assert "cdn" not in html.lower()


def test_api_reference_action_lines_in_order(client):
    response = client.get("/api/v1/reference/action-lines/")
    assert response.status_code == 200
    body = response.json()
    assert len(body) == 18
    assert body[6] == {
        "code": "C7.1",
        "slug": "c7-1",
        "name": "ICT applications: E-government",
        "position": 7,
    }


def test_api_reference_country_has_region(client):
    response = client.get("/api/v1/reference/countries/EG/")
    assert response.json() == {"code": "EG", "name": "Egypt", "region": "arab_states"}


def test_api_error_body_is_consistent_for_not_found(client):
    response = client.get("/api/v1/reference/action-lines/c99/")
    assert response.status_code == 404
    assert response.json() == {
        "error": {
            "status": 404,
            "code": "not_found",
            "message": "No ActionLine matches the given query.",
        }
    }


def test_api_writes_refused_for_anonymous_with_error_body(client):
    response = client.post("/api/v1/reference/sdgs/", {"number": 18, "name": "x"})
    assert response.status_code == 401
    assert response.json() == {
        "error": {
            "status": 401,
            "code": "not_authenticated",
            "message": "Authentication credentials were not provided.",
        }
    }


def test_api_token_authentication_identifies_user(client, verified_user):
    key = api_token_key(verified_user)
    response = client.get("/api/v1/reference/sdgs/", headers={"Authorization": f"Token {key}"})
    assert response.status_code == 200
    bad = client.get("/api/v1/reference/sdgs/", headers={"Authorization": "Token not-a-token"})
    assert bad.status_code == 401
    assert bad.json()["error"]["code"] == "authentication_failed"


def test_api_throttle_answers_429_with_error_body(client, monkeypatch):
    monkeypatch.setattr(
        AnonRateThrottle, "THROTTLE_RATES", {"anon": "3/minute", "user": "3/minute"}
    )
    statuses = [client.get("/api/v1/reference/sdgs/").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    body = client.get("/api/v1/reference/sdgs/").json()
    assert body["error"]["status"] == 429
    assert body["error"]["code"] == "throttled"
