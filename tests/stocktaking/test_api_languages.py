"""The API answers in the language of `Accept-Language` (its addresses carry none): reference
labels, error messages and validation messages, with `Content-Language` and `Vary` saying so."""

import pytest
from django.utils import translation
from rest_framework.test import APIClient

from tests.stocktaking.test_api import NEW_ENTRY
from wsis.models import ActionLine

pytestmark = pytest.mark.django_db

URL = "/api/v1/stocktaking/entries/"


def _client(user=None):
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def _translated(message: str, language: str) -> str:
    with translation.override(language):
        translated = translation.gettext(message)
    assert translated != message, (language, message)  # the catalogue has it
    return translated


@pytest.mark.parametrize("language", ["ar", "zh-hans", "fr", "ru", "es"])
def test_reference_labels_follow_accept_language(language):
    c2 = ActionLine.objects.get(code="C2")
    response = _client().get("/api/v1/reference/action-lines/c2/", HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    expected = getattr(c2, f"name_{language.replace('-', '_')}")
    assert expected
    assert response.json()["name"] == expected
    assert response["Content-Language"] == language
    assert "Accept-Language" in response["Vary"]
    english = _client().get("/api/v1/reference/action-lines/c2/", HTTP_ACCEPT_LANGUAGE="en")
    with translation.override("en"):
        assert english.json()["name"] == c2.name


@pytest.mark.parametrize("language", ["ar", "zh-hans", "fr", "ru", "es"])
def test_error_messages_follow_accept_language(language, people):
    english = _client().post(URL, {}, format="json", HTTP_ACCEPT_LANGUAGE="en")
    assert english.status_code == 401
    message = english.json()["error"]["message"]
    response = _client().post(URL, {}, format="json", HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 401
    assert response.json()["error"]["message"] == _translated(message, language)
    missing = _client().get(f"{URL}999999/", HTTP_ACCEPT_LANGUAGE=language)
    assert missing.status_code == 404
    english_missing = _client().get(f"{URL}999999/", HTTP_ACCEPT_LANGUAGE="en")
    assert missing.json()["error"]["message"] == _translated(
        english_missing.json()["error"]["message"], language
    )


@pytest.mark.parametrize("language", ["ar", "fr"])
def test_validation_messages_follow_accept_language(language, people, organisation):
    body = {**NEW_ENTRY, "action_lines": [], "organisation": organisation.pk}
    response = _client(people["member"]).post(
        URL, body, format="json", HTTP_ACCEPT_LANGUAGE=language
    )
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["message"] == _translated("The request has invalid values; see fields.", language)
    assert error["fields"]["action_lines"] == [
        _translated("Choose at least one Action Line.", language)
    ]
