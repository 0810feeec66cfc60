"""CMS pages in six languages (wagtail-localize): each under its language's prefix, with its
hreflang alternates and canonical address; a page not translated yet is shown in English under
the visitor's language and says so; the switcher, the menu, the news and the search follow the
language; a translator sees what changed in the source since the last translation."""

import pytest
from django.conf import settings
from django.test import Client
from wagtail.models import Locale
from wagtail_localize.models import StringSegment, Translation

from cms.models import Navigation, NewsPage, PolicyDocumentFootnote, StandardPage
from cms.services import navigation_translate
from tests.cms.builders import (
    document_library,
    home_page,
    news_index,
    news_page,
    policy_document,
    publish,
    standard_page,
    translate,
)

pytestmark = pytest.mark.django_db

ABOUT_FR = {
    "About WSIS": "À propos du SMSI",
    "The summit and its follow-up.": "Le Sommet et son suivi.",
}


def _about() -> StandardPage:
    return standard_page(title="About WSIS", intro="The summit and its follow-up.")


def test_every_language_of_the_portal_has_a_wagtail_locale():
    assert sorted(Locale.objects.values_list("language_code", flat=True)) == sorted(
        code for code, _name in settings.LANGUAGES
    )


def test_a_translated_page_is_served_under_its_language_prefix(client):
    about = _about()
    french = translate(about, "fr", ABOUT_FR)
    assert french.live is True
    assert french.url == "/fr/about/"
    page = client.get("/fr/about/")
    html = page.content.decode()
    assert page.status_code == 200
    assert page["Content-Language"] == "fr"
    assert '<html lang="fr" dir="ltr">' in html
    assert "<h1>À propos du SMSI</h1>" in html
    assert '<p class="lead">Le Sommet et son suivi.</p>' in html
    assert "language-note" not in html
    assert "<h1>About WSIS</h1>" in client.get("/about/").content.decode()


def test_a_translated_page_names_its_versions_and_its_canonical_address(client):
    about = _about()
    translate(about, "fr", ABOUT_FR)
    html = client.get("/fr/about/").content.decode()
    assert '<link rel="canonical" href="http://testserver/fr/about/">' in html
    assert '<link rel="alternate" hreflang="en" href="http://testserver/about/">' in html
    assert '<link rel="alternate" hreflang="fr" href="http://testserver/fr/about/">' in html
    assert '<link rel="alternate" hreflang="x-default" href="http://testserver/about/">' in html
    # Not translated into Spanish: no Spanish alternate.
    assert 'hreflang="es"' not in html


def test_a_page_not_translated_yet_is_shown_in_english_under_the_visitors_language(client):
    about = _about()
    translate(about, "fr", ABOUT_FR)
    response = client.get("/es/about/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="es" dir="ltr">' in html
    assert '<p class="language-note">' in html
    assert '<article lang="en" dir="ltr">' in html
    assert "<h1>About WSIS</h1>" in html
    assert '<link rel="canonical" href="http://testserver/about/">' in html
    assert '<link rel="alternate" hreflang="fr" href="http://testserver/fr/about/">' in html


def test_an_english_page_in_arabic_is_left_to_right_inside_the_arabic_layout(client):
    _about()
    html = client.get("/ar/about/").content.decode()
    assert '<html lang="ar" dir="rtl">' in html
    assert '<article lang="en" dir="ltr">' in html


def test_the_switcher_keeps_the_visitor_on_the_translated_page(client):
    about = _about()
    translate(about, "fr", ABOUT_FR)
    response = client.post("/i18n/setlang/", {"language": "fr", "next": "/about/"})
    assert response["Location"] == "/fr/about/"
    assert "<h1>À propos du SMSI</h1>" in client.get(response["Location"]).content.decode()
    back = client.post("/i18n/setlang/", {"language": "en", "next": "/fr/about/"})
    assert back["Location"] == "/about/"


def test_the_page_cache_is_keyed_by_language(django_assert_num_queries):
    about = _about()
    translate(about, "fr", ABOUT_FR)
    client = Client()
    for path, title in (("/about/", "About WSIS"), ("/fr/about/", "À propos du SMSI")):
        assert f"<h1>{title}</h1>" in client.get(path).content.decode()
    for path, title in (("/about/", "About WSIS"), ("/fr/about/", "À propos du SMSI")):
        with django_assert_num_queries(0):
            assert f"<h1>{title}</h1>" in client.get(path).content.decode()


def test_a_published_translation_shows_at_once(client):
    about = _about()
    assert "<h1>About WSIS</h1>" in client.get("/fr/about/").content.decode()
    translate(about, "fr", ABOUT_FR)
    assert "<h1>À propos du SMSI</h1>" in client.get("/fr/about/").content.decode()


def test_news_are_listed_once_each_in_the_visitors_language(client):
    index = news_index()
    translate(index, "fr", {"News": "Actualités"})
    call = news_page(index, title="Prize call open", summary="The call is open.")
    news_page(index, title="Forum dates", summary="The dates are set.")
    translate(call, "fr", {"Prize call open": "Appel à candidatures ouvert"})
    html = client.get("/fr/news/").content.decode()
    assert "<h1>Actualités</h1>" in html
    assert html.count("Appel à candidatures ouvert") == 1
    assert "Prize call open" not in html
    assert html.count("Forum dates") == 1
    english = client.get("/news/").content.decode()
    assert "Appel à candidatures ouvert" not in english
    assert english.count("Prize call open") == 1
    assert NewsPage.objects.count() == 3


def test_the_menu_follows_the_language(django_capture_on_commit_callbacks):
    about = _about()
    translate(about, "fr", ABOUT_FR)
    navigation = Navigation.load()
    navigation.menu = [{"type": "link", "value": {"label": "About", "page": about.pk, "url": ""}}]
    navigation.footer_links = [
        {"type": "link", "value": {"label": "Entries", "page": None, "url": "/stocktaking/"}}
    ]
    with django_capture_on_commit_callbacks(execute=True):
        navigation.save()
    client = Client()
    french = client.get("/fr/stocktaking/").content.decode()
    assert '<li><a href="/fr/about/" >À propos du SMSI</a></li>' in french
    assert '<li><a href="/fr/stocktaking/">Entries</a></li>' in french
    # Not translated into Russian: the English page under the Russian prefix, the menu's label.
    assert (
        '<li><a href="/ru/about/" >About</a></li>'
        in client.get("/ru/stocktaking/").content.decode()
    )
    assert '<li><a href="/about/" >About</a></li>' in client.get("/stocktaking/").content.decode()


def test_the_search_gives_a_page_in_the_visitors_language(client):
    about = _about()
    translate(about, "fr", ABOUT_FR)
    french = client.get("/fr/search/", {"q": "summit"}).content.decode()
    assert '<a href="/fr/about/">À propos du SMSI</a>' in french
    assert "About WSIS" not in french


def test_a_translator_sees_what_changed_in_the_source_since_the_last_translation():
    about = _about()
    translate(about, "fr", ABOUT_FR)
    translation = Translation.objects.get(target_locale__language_code="fr")
    assert translation.get_progress() == (2, 2)  # the title and the intro
    about.intro = "The summit, its Action Lines and its follow-up."
    publish(about)
    # The source was read afresh on publication: the changed text waits for its translation,
    # the unchanged title keeps its own.
    translation.refresh_from_db()
    assert translation.get_progress() == (2, 1)
    texts = {
        segment.string.data: segment.string.translations.filter(locale__language_code="fr")
        .values_list("data", flat=True)
        .first()
        for segment in StringSegment.objects.filter(source=translation.source)
    }
    assert texts["About WSIS"] == "À propos du SMSI"
    assert texts["The summit, its Action Lines and its follow-up."] is None
    # The French page keeps its published text until the translator syncs it.
    assert about.get_translation(Locale.objects.get(language_code="fr")).specific.intro == (
        "Le Sommet et son suivi."
    )


def test_the_home_page_is_translated_with_its_blocks(client):
    home = home_page()
    home.body = [
        {
            "type": "hero",
            "value": {"heading": "World Summit", "text": "", "image": None, "links": []},
        }
    ]
    publish(home)
    translate(home, "ar", {"World Summit": "القمة العالمية"})
    html = client.get("/ar/").content.decode()
    assert '<h1 id="hero-title" dir="auto">القمة العالمية</h1>' in html
    assert '<link rel="alternate" hreflang="ar" href="http://testserver/ar/">' in html


def _menu(about) -> Navigation:
    navigation = Navigation.load()
    navigation.menu = [{"type": "link", "value": {"label": "About", "page": about.pk, "url": ""}}]
    navigation.footer_links = [
        {"type": "link", "value": {"label": "Entries", "page": None, "url": "/stocktaking/"}}
    ]
    navigation.footer_text = "The WSIS secretariat, Geneva."
    navigation.save()
    return navigation


def test_the_menu_and_footer_are_translated_per_language(django_capture_on_commit_callbacks):
    about = _about()
    translate(about, "fr", ABOUT_FR)
    with django_capture_on_commit_callbacks(execute=True):
        navigation = _menu(about)
        arabic = navigation_translate(
            navigation=navigation,
            language="ar",
            strings={
                "About": "نبذة عن القمة",
                "Entries": "المشاريع",
                "The WSIS secretariat, Geneva.": "أمانة القمة العالمية، جنيف.",
            },
        )
    assert arabic.locale.language_code == "ar"
    assert arabic.translation_key == navigation.translation_key
    client = Client()
    html = client.get("/ar/stocktaking/").content.decode()
    # The translator's labels; the page not translated into Arabic: the English page there.
    assert '<li><a href="/ar/about/" >نبذة عن القمة</a></li>' in html
    assert '<li><a href="/ar/stocktaking/">المشاريع</a></li>' in html
    assert "<p>أمانة القمة العالمية، جنيف.</p>" in html
    # French has no menu of its own: the English one, the page named by its French title.
    french = client.get("/fr/stocktaking/").content.decode()
    assert '<li><a href="/fr/about/" >À propos du SMSI</a></li>' in french
    assert "<p>The WSIS secretariat, Geneva.</p>" in french
    english = client.get("/stocktaking/").content.decode()
    assert '<li><a href="/about/" >About</a></li>' in english
    # A translation edited later shows at once on every page (a new generation).
    with django_capture_on_commit_callbacks(execute=True):
        arabic.footer_text = "أمانة القمة العالمية لمجتمع المعلومات."
        arabic.save()
    assert (
        "<p>أمانة القمة العالمية لمجتمع المعلومات.</p>"
        in client.get("/ar/stocktaking/").content.decode()
    )


def test_a_language_has_one_menu():
    from django.core.exceptions import ValidationError

    navigation = Navigation.load()
    assert Navigation.load() == navigation
    second = Navigation(locale=navigation.locale)
    with pytest.raises(ValidationError, match="has its menu and footer already"):
        second.full_clean()


def test_a_translated_policy_document_shows_its_translated_footnotes(client):
    library = document_library()
    document = policy_document(
        library,
        title="Input to the Global Digital Compact",
        footnotes=[
            PolicyDocumentFootnote(number="1", text="See the Tunis Agenda, paragraph 9."),
            PolicyDocumentFootnote(number="2", text="Resolution 70/125 of the General Assembly."),
        ],
    )
    translate(library, "fr", {"Document library": "Bibliothèque de documents"})
    french = translate(
        document,
        "fr",
        {
            "Input to the Global Digital Compact": "Contribution au Pacte numérique mondial",
            "See the Tunis Agenda, paragraph 9.": "Voir l'Agenda de Tunis, paragraphe 9.",
        },
    )
    notes = list(french.footnotes.all())
    assert [note.locale.language_code for note in notes] == ["fr", "fr"]
    source_keys = [note.translation_key for note in document.footnotes.all()]
    assert [note.translation_key for note in notes] == source_keys
    html = client.get(french.url).content.decode()
    assert "Voir l&#x27;Agenda de Tunis, paragraphe 9." in html
    # Not translated yet: the source's text until a translator gives it.
    assert "Resolution 70/125 of the General Assembly." in html
    english = client.get(document.url).content.decode()
    assert "See the Tunis Agenda, paragraph 9." in english
    assert "Voir l" not in english


def test_seed_demo_translates_the_home_page_about_and_a_news_item_into_every_language(client):
    from io import StringIO

    from cms.demo import seed_demo_content

    seed_demo_content(StringIO())
    seed_demo_content(StringIO())  # idempotent: nothing translated twice
    expected = {
        "ar": "القمة العالمية لمجتمع المعلومات",
        "zh-hans": "信息社会世界峰会",
        "fr": "Sommet mondial sur la société de l&#x27;information",
        "ru": "Всемирная встреча на высшем уровне по вопросам информационного общества",
        "es": "Cumbre Mundial sobre la Sociedad de la Información",
    }
    for language, hero in expected.items():
        assert (
            f'<h1 id="hero-title" dir="auto">{hero}</h1>'
            in client.get(f"/{language}/").content.decode()
        )
        for path in ("/about/", "/news/", "/news/prizes-call-open/"):
            html = client.get(f"/{language}{path}").content.decode()
            assert "language-note" not in html, (language, path)
        # The four pages and the menu and footer.
        assert Translation.objects.filter(target_locale__language_code=language).count() == 5
    assert NewsPage.objects.filter(slug="prizes-call-open").count() == 6
    assert Navigation.objects.count() == 6
    arabic = client.get("/ar/stocktaking/").content.decode()
    for label in ("نبذة عن القمة", "الوثائق", "الأسئلة الشائعة", "الاتصال بنا"):
        assert f">{label}</a></li>" in arabic, label
    assert ">Frequently asked questions</a></li>" not in arabic
    assert ">FAQ</a></li>" in client.get("/stocktaking/").content.decode()


def test_the_hero_and_calls_to_action_isolate_mixed_direction_text(client):
    """An Arabic page whose hero was not translated, and a call to action naming an event by
    its English name: each text keeps its own direction inside the right-to-left layout."""
    import datetime as dt

    from django.utils import timezone

    from tests.events.factories import EventFactory

    today = timezone.localdate()
    EventFactory(
        name="WSIS Forum <2027>",
        start_date=today - dt.timedelta(days=3),
        end_date=today - dt.timedelta(days=1),
        outcome_deadline=today + dt.timedelta(days=10),
    )
    home = home_page()
    home.body = [
        {
            "type": "hero",
            "value": {
                "heading": "World Summit",
                "text": "Open to all.",
                "image": None,
                "links": [{"label": "About WSIS", "page": None, "url": "/about/"}],
            },
        },
        {"type": "calls_to_action", "value": {"heading": "Now on the portal"}},
    ]
    publish(home)
    html = client.get("/ar/").content.decode()
    assert '<html lang="ar" dir="rtl">' in html
    assert '<h1 id="hero-title" dir="auto">World Summit</h1>' in html
    assert '<p class="lead" dir="auto">Open to all.</p>' in html
    assert '<a href="/ar/about/" dir="auto">About WSIS</a>' in html
    assert '<h2 dir="auto">Now on the portal</h2>' in html
    # The event's name isolated inside the sentence, and escaped.
    assert "<bdi>WSIS Forum &lt;2027&gt;</bdi>" in html
    assert "<2027>" not in html
