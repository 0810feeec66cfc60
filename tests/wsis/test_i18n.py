"""Languages in URLs: the prefix decides the page's language, a first visit follows the browser,
the switcher keeps the visitor on the same page, the API follows Accept-Language (wsis/i18n.py)."""

import pytest
from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import LocalePrefixPattern

from tests.factories import UserFactory
from wsis.i18n import NEGOTIATED_PATHS, is_page_path, url_in_language

pytestmark = pytest.mark.django_db

SIX = ["ar", "zh-hans", "en", "fr", "ru", "es"]


def test_the_portal_speaks_the_six_un_languages():
    assert [code for code, _name in settings.LANGUAGES] == SIX


def test_negotiated_paths_are_exactly_what_lies_outside_the_language_prefix():
    prefixed, unprefixed = [], []
    for pattern in get_resolver().url_patterns:
        if isinstance(pattern, URLResolver) and isinstance(pattern.pattern, LocalePrefixPattern):
            prefixed.extend("/" + str(inner.pattern) for inner in pattern.url_patterns)
        else:
            assert isinstance(pattern, URLPattern | URLResolver)
            unprefixed.append("/" + str(pattern.pattern))
    # The CMS's pages (its search, news subscriptions and Wagtail's catch-all) are prefixed too.
    assert [path for path in unprefixed if is_page_path(path)] == []
    assert [path for path in prefixed if not is_page_path(path)] == []
    assert len(NEGOTIATED_PATHS) == 12


@pytest.mark.parametrize("code", SIX)
def test_a_prefixed_page_is_in_its_language(client, code):
    prefix = "" if code == "en" else f"/{code}"
    response = client.get(f"{prefix}/stocktaking/")
    assert response.status_code == 200
    assert response["Content-Language"] == code
    direction = "rtl" if code == "ar" else "ltr"
    assert f'<html lang="{code}" dir="{direction}">' in response.content.decode()


def test_a_first_visit_follows_accept_language_to_the_prefixed_url(client):
    response = client.get("/stocktaking/?q=water", headers={"Accept-Language": "fr-CH,fr;q=0.9"})
    assert response.status_code == 302
    assert response["Location"] == "/fr/stocktaking/?q=water"
    assert set(response["Vary"].split(", ")) >= {"Accept-Language", "Cookie"}


def test_chinese_browsers_reach_the_simplified_chinese_pages(client):
    response = client.get("/events/", headers={"Accept-Language": "zh-CN,zh;q=0.9"})
    assert response["Location"] == "/zh-hans/events/"


def test_an_english_or_unknown_browser_stays_on_the_english_url(client):
    assert client.get("/stocktaking/", headers={"Accept-Language": "en-GB"}).status_code == 200
    assert client.get("/stocktaking/", headers={"Accept-Language": "de-DE"}).status_code == 200
    assert client.get("/stocktaking/").status_code == 200


def test_the_switchers_cookie_wins_over_the_browser(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert client.get("/", headers={"Accept-Language": "fr"}).status_code == 200
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "es"
    assert client.get("/roadmaps/", headers={"Accept-Language": "fr"})["Location"] == (
        "/es/roadmaps/"
    )


def test_only_pages_are_redirected(client):
    french = {"Accept-Language": "fr"}
    assert client.get("/healthz", headers=french).status_code == 200
    assert client.get("/api/v1/reference/sdgs/", headers=french).status_code == 200
    # Any unprefixed path may be a CMS page (Wagtail's catch-all): it goes to its French
    # address, which answers 404 when there is no such page.
    assert client.get("/no-such-page/", headers=french, follow=True).status_code == 404


def test_switching_language_keeps_the_visitor_on_the_same_page(client):
    response = client.post(
        "/i18n/setlang/", {"language": "ar", "next": "/stocktaking/?sdg=4&page=2"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/ar/stocktaking/?sdg=4&page=2"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "ar"


def test_switching_back_to_english_leaves_the_prefix_whatever_the_browser_says(client):
    response = client.post(
        "/i18n/setlang/",
        {"language": "en", "next": "/fr/events/"},
        headers={"Accept-Language": "ru"},
    )
    assert response["Location"] == "/events/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    # Then the English URL stays English for this visitor.
    assert client.get("/events/", headers={"Accept-Language": "ru"}).status_code == 200


def test_switching_keeps_a_signed_in_persons_preference(client):
    user = UserFactory(preferred_language="en")
    client.force_login(user)
    client.post("/i18n/setlang/", {"language": "ru", "next": "/"})
    user.refresh_from_db()
    assert user.preferred_language == "ru"


def test_switching_refuses_another_site_as_next(client):
    response = client.post("/i18n/setlang/", {"language": "fr", "next": "https://evil.example/"})
    assert response["Location"] == "/fr/"  # the home page, in the language chosen


def test_url_in_language_translates_between_any_two_languages():
    assert url_in_language("/ru/prizes/", "zh-hans") == "/zh-hans/prizes/"
    assert url_in_language("/prizes/", "es") == "/es/prizes/"
    assert url_in_language("/es/prizes/", "en") == "/prizes/"
    assert url_in_language("/api/v1/reference/sdgs/", "fr") == "/api/v1/reference/sdgs/"


def test_pages_name_their_alternates_and_canonical_address(client):
    html = client.get("/fr/stocktaking/?sdg=4").content.decode()
    assert '<link rel="canonical" href="http://testserver/fr/stocktaking/?sdg=4">' in html
    for code in SIX:
        path = "/stocktaking/?sdg=4" if code == "en" else f"/{code}/stocktaking/?sdg=4"
        assert f'<link rel="alternate" hreflang="{code}" href="http://testserver{path}">' in html
    assert (
        '<link rel="alternate" hreflang="x-default" href="http://testserver/stocktaking/?sdg=4">'
        in html
    )


def test_the_switcher_works_without_javascript(client):
    html = client.get("/ru/roadmaps/").content.decode()
    assert '<form action="/i18n/setlang/" method="post" class="language-form">' in html
    assert '<input name="next" type="hidden" value="/ru/roadmaps/">' in html
    assert html.count('<option value="') >= len(SIX)
    assert '<option value="ru" lang="ru" selected>' in html


def test_the_api_follows_accept_language_for_its_errors(client):
    response = client.post("/api/v1/reference/sdgs/", headers={"Accept-Language": "fr"})
    assert response.status_code == 401
    assert response.json()["error"]["message"] == ("Informations d'authentification non fournies.")
    assert response["Content-Language"] == "fr"
    english = client.post("/api/v1/reference/sdgs/")
    assert english.json()["error"]["message"] == "Authentication credentials were not provided."


def test_the_admin_follows_the_visitors_language(admin_client):
    response = admin_client.get("/admin/", headers={"Accept-Language": "es"})
    assert response["Content-Language"] == "es"
