import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wsis.caching import public_cache_bump
from wsis.models import ActionLine

pytestmark = pytest.mark.django_db


def test_public_page_cached_for_anonymous_with_etag(client):
    first = client.get("/")
    assert first.status_code == 200
    with CaptureQueriesContext(connection) as queries:
        second = client.get("/")
    assert len(queries) == 0
    assert second.content == first.content
    assert second["ETag"] == first["ETag"]
    assert client.get("/", headers={"If-None-Match": first["ETag"]}).status_code == 304


def test_public_page_change_appears_at_once_after_bump(client, django_capture_on_commit_callbacks):
    client.get("/")
    ActionLine.objects.filter(code="C9").update(name="Media and journalism")
    assert "Media and journalism" not in client.get("/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        public_cache_bump("core")
    assert "Media and journalism" in client.get("/").content.decode()


def test_public_page_not_cached_for_signed_in_people(client, verified_user):
    client.get("/")
    client.force_login(verified_user)
    ActionLine.objects.filter(code="C9").update(name="Media and journalism")
    response = client.get("/")
    assert "Media and journalism" in response.content.decode()
    assert "ETag" not in response


def test_language_switch_works_from_a_cached_page_without_token(client):
    client.get("/")
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    assert response["Location"] == "/"
