import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse
from django.test.utils import CaptureQueriesContext

from wsis.caching import (
    GENERATION_PREFIX,
    PublicPageCacheMiddleware,
    public_cache_bump,
    public_cache_bump_now,
    public_cache_generations,
)
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


def _must_not_run(request):
    raise AssertionError("the request went down the middleware stack")


def test_cached_page_answered_before_the_session_middleware(client, rf):
    first = client.get("/")
    middleware = PublicPageCacheMiddleware(_must_not_run)
    with CaptureQueriesContext(connection) as queries:
        hit = middleware(rf.get("/"))
    assert len(queries) == 0
    assert hit.status_code == 200
    assert hit.content == first.content
    assert hit["ETag"] == first["ETag"]
    assert hit["Content-Language"] == "en"
    assert hit["Content-Length"] == str(len(first.content))
    assert hit["Vary"] == "Cookie, Accept-Language"
    conditional = middleware(rf.get("/", headers={"If-None-Match": first["ETag"]}))
    assert conditional.status_code == 304


def test_early_hit_carries_the_same_headers_as_the_full_stack(client):
    first = client.get("/")
    second = client.get("/")
    for name in ("Content-Type", "Content-Language", "ETag", "Cache-Control", "X-Frame-Options"):
        assert second[name] == first[name]
    assert set(second["Vary"].split(", ")) == set(first["Vary"].split(", "))
    assert "Content-Security-Policy" in second


def test_early_cache_passes_sessions_messages_and_writes_down_the_stack(client, rf):
    client.get("/")
    passed = []
    middleware = PublicPageCacheMiddleware(lambda request: passed.append(request) or "stack")
    with_session = rf.get("/")
    with_session.COOKIES[settings.SESSION_COOKIE_NAME] = "abc"
    with_messages = rf.get("/")
    with_messages.COOKIES["messages"] = "pending"
    for request in (with_session, with_messages, rf.post("/"), rf.get("/?never-cached=1")):
        assert middleware(request) == "stack"
    assert len(passed) == 4


def test_early_cache_misses_once_the_generation_moves_on(client, rf):
    client.get("/")
    public_cache_bump_now("core")
    passed = []
    PublicPageCacheMiddleware(lambda request: passed.append(request) or "stack")(rf.get("/"))
    assert len(passed) == 1
    client.get("/")
    assert PublicPageCacheMiddleware(_must_not_run)(rf.get("/")).status_code == 200


def test_early_cache_keeps_each_language_apart(client, rf):
    english = client.get("/")
    french = client.get("/fr/")
    assert (english["Content-Language"], french["Content-Language"]) == ("en", "fr")
    middleware = PublicPageCacheMiddleware(_must_not_run)
    assert middleware(rf.get("/fr/")).content == french.content
    assert middleware(rf.get("/")).content == english.content
    assert english.content != french.content


def test_early_cache_never_answers_an_english_url_with_a_french_page(client, rf):
    """The page cache keys a page by its URL's language, not by the browser's: a French
    browser's request for an English URL that reaches it (the language redirect is the step
    before) gets the English page."""
    client.get("/fr/")
    english = client.get("/", headers={"Accept-Language": "en"})
    middleware = PublicPageCacheMiddleware(_must_not_run)
    answer = middleware(rf.get("/", headers={"Accept-Language": "fr"}))
    assert answer.content == english.content
    assert answer["Content-Language"] == "en"


def _generation_reads(calls) -> int:
    return sum(1 for keys in calls if any(key.startswith(GENERATION_PREFIX) for key in keys))


def test_a_request_reads_the_generations_once(client, monkeypatch):
    calls = []
    real_get_many = cache.get_many
    monkeypatch.setattr(cache, "get_many", lambda keys: calls.append(keys) or real_get_many(keys))
    client.get("/stocktaking/?sdg=9")  # per-generation caches filled
    calls.clear()
    response = client.get("/stocktaking/?sdg=9&unread=1")
    assert response.status_code == 200
    assert "ETag" in response
    # The middleware's one read (the page and every generation) serves the whole request: the
    # page cache, the counts, the filter panel and the reference lists.
    assert _generation_reads(calls) == 1


def test_a_bump_inside_a_request_is_seen_by_the_rest_of_it(rf):
    seen = []

    def view(request):
        seen.append(public_cache_generations(["stocktaking"]))
        public_cache_bump_now("stocktaking")
        seen.append(public_cache_generations(["stocktaking"]))
        return HttpResponse("ok")

    PublicPageCacheMiddleware(view)(rf.post("/"))
    assert seen == ["stocktaking1", "stocktaking2"]
