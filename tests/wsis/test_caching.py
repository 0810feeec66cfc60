import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse
from django.test.utils import CaptureQueriesContext

from wsis.caching import (
    GENERATION_PREFIX,
    PUBLIC_NAMESPACES,
    PublicPageCacheMiddleware,
    cache_public_page,
    public_cache_bump,
    public_cache_bump_now,
    public_cache_generations,
)
from wsis.enums import CacheNamespace
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
    # A first generation is seeded from the clock (wsis.cache_backend.generation_seed).
    first = int(seen[0].removeprefix("stocktaking"))
    assert seen == [f"stocktaking{first}", f"stocktaking{first + 1}"]


# --- Namespaces are one enum; invalidation is declared once per app ---


def _generation(namespace: str) -> int:
    public_cache_generations([namespace])  # a namespace never read starts at generation_seed()
    return cache.get(f"{GENERATION_PREFIX}{namespace}")


@pytest.mark.parametrize(
    "call",
    [
        lambda: public_cache_bump("stocktakin"),
        lambda: public_cache_bump_now("event"),
        lambda: public_cache_generations(["core", "prize"]),
        lambda: cache_public_page("roadmap"),
    ],
)
def test_a_misspelt_namespace_is_an_error(call):
    with pytest.raises(ValueError, match="is not a valid CacheNamespace"):
        call()


def test_the_namespaces_are_the_enum():
    assert PUBLIC_NAMESPACES == (
        "core",
        "stocktaking",
        "prizes",
        "events",
        "roadmaps",
        "cms",
        "opendata",
    )
    assert [namespace.value for namespace in CacheNamespace] == list(PUBLIC_NAMESPACES)


def test_saving_reference_data_bumps_every_namespace(django_capture_on_commit_callbacks):
    before = {namespace: _generation(namespace) for namespace in PUBLIC_NAMESPACES}
    with django_capture_on_commit_callbacks(execute=True):
        line = ActionLine.objects.get(code="C9")
        line.name = "Media and journalism"
        line.save()
    assert {namespace: _generation(namespace) for namespace in PUBLIC_NAMESPACES} == {
        namespace: generation + 1 for namespace, generation in before.items()
    }


def test_a_draft_saved_bumps_nothing_a_public_entry_saved_bumps_stocktaking(
    django_capture_on_commit_callbacks,
):
    from stocktaking.enums import EntryStatus
    from tests.stocktaking.factories import EntryFactory

    draft = EntryFactory(status=EntryStatus.DRAFT)
    public = EntryFactory(status=EntryStatus.APPROVED)
    before = _generation("stocktaking")
    prizes_before = _generation("prizes")
    with django_capture_on_commit_callbacks(execute=True):
        draft.title = "A draft nobody sees yet"
        draft.save()
    assert _generation("stocktaking") == before
    with django_capture_on_commit_callbacks(execute=True):
        public.title = "A corrected title"
        public.save()
    assert _generation("stocktaking") == before + 1
    assert _generation("prizes") == prizes_before


def test_a_move_into_and_out_of_a_public_state_bumps_once_each(
    django_capture_on_commit_callbacks,
):
    from stocktaking.enums import EntryStatus
    from stocktaking.workflow import ENTRY_WORKFLOW
    from tests.factories import secretariat_user
    from tests.stocktaking.factories import EntryFactory
    from wsis.workflow import workflow_transition

    secretariat = secretariat_user()
    entry = EntryFactory(status=EntryStatus.SUBMITTED)
    before = _generation("stocktaking")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        workflow_transition(
            workflow=ENTRY_WORKFLOW, obj=entry, to=EntryStatus.APPROVED, by=secretariat
        )
    assert _generation("stocktaking") == before + 1
    bumps = [c for c in callbacks if getattr(c, "__qualname__", "").startswith("public_cache")]
    assert len(bumps) == 1
    with django_capture_on_commit_callbacks(execute=True):
        workflow_transition(
            workflow=ENTRY_WORKFLOW, obj=entry, to=EntryStatus.ARCHIVED, by=secretariat
        )
    assert _generation("stocktaking") == before + 2


def test_a_load_of_many_rows_bumps_once(django_capture_on_commit_callbacks):
    from wsis.caching import public_cache_bumps_coalesced

    before = {namespace: _generation(namespace) for namespace in PUBLIC_NAMESPACES}
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        public_cache_bumps_coalesced(),
    ):
        for line in ActionLine.objects.order_by("position")[:3]:
            line.save()
        public_cache_bump("events")
    assert len(callbacks) == 1
    assert {namespace: _generation(namespace) for namespace in PUBLIC_NAMESPACES} == {
        namespace: generation + 1 for namespace, generation in before.items()
    }
