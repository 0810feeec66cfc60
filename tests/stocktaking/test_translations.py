"""Entries in more than one language: the text declares its language, members and the
secretariat add translations (marked as such, with translator and date), public pages show the
reader's language when there is one and say which language they show, search finds an entry by
its translations."""

import datetime as dt

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape

from stocktaking.enums import EntryStatus
from stocktaking.models import EntryTranslation
from stocktaking.selectors import entry_text
from stocktaking.services import entry_translation_save
from tests.query_counts import MAX_QUERIES, uncached_queries
from tests.stocktaking.factories import EntryFactory
from wsis.models import AuditEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def entry(organisation):
    return EntryFactory(
        organisation=organisation,
        status=EntryStatus.APPROVED,
        title="Rural broadband for schools",
        summary="Connects rural schools to broadband internet.",
    )


def _in(language: str, entry) -> str:
    with translation.override(language):
        return entry.get_absolute_url()


def _translate(entry, by, language="fr", **overrides):
    values = {
        "title": "Haut débit rural pour les écoles",
        "summary": "Relie les écoles rurales à l'internet à haut débit.",
        "description": "",
        "translator": "Service de traduction de l'UIT",
    }
    return entry_translation_save(entry=entry, language=language, by=by, **{**values, **overrides})


def test_an_entry_is_written_in_english_unless_it_says_otherwise(entry):
    assert entry.text_language == "en"


def test_a_member_adds_a_translation_dated_and_audited(entry, people):
    before = timezone.now()
    saved = _translate(entry, people["member"])
    assert (saved.language, saved.translator, saved.added_by) == (
        "fr",
        "Service de traduction de l'UIT",
        people["member"],
    )
    assert saved.translated_at >= before
    audit = AuditEntry.objects.get(action="stocktaking_entry.translation_add")
    assert audit.after == {
        "language": "fr",
        "title": "Haut débit rural pour les écoles",
        "translator": "Service de traduction de l'UIT",
    }
    _translate(entry, people["secretariat"], title="Haut débit rural")
    assert EntryTranslation.objects.get(entry=entry).title == "Haut débit rural"
    assert AuditEntry.objects.filter(action="stocktaking_entry.translation_change").count() == 1


@pytest.mark.parametrize("role", ["other_org", "expert"])
def test_only_members_and_the_secretariat_translate(entry, people, role):
    with pytest.raises(PermissionDenied):
        _translate(entry, people[role])
    assert EntryTranslation.objects.count() == 0


def test_no_translation_into_the_entrys_own_language(entry, people):
    with pytest.raises(ValidationError):
        _translate(entry, people["member"], language="en")


def test_the_readers_language_is_shown_and_marked_as_a_translation(client, entry, people):
    _translate(entry, people["member"])
    EntryTranslation.objects.update(translated_at=dt.datetime(2026, 12, 1, 9, tzinfo=dt.UTC))
    html = client.get(_in("fr", entry)).content.decode()
    assert '<h1 dir="auto" lang="fr">Haut débit rural pour les écoles</h1>' in html
    assert "Relie les écoles rurales à l&#x27;internet à haut débit." in html
    with translation.override("fr"):
        note = translation.gettext("Translated from %(original)s by %(translator)s on %(date)s.")
        english = translation.get_language_info("en")["name_translated"]
    expected = note % {
        "original": english,
        "translator": "Service de traduction de l'UIT",
        "date": "1 décembre 2026",
    }
    assert escape(expected) in html


def test_the_original_is_shown_where_there_is_no_translation_and_says_so(client, entry, people):
    _translate(entry, people["member"])
    html = client.get(_in("ru", entry)).content.decode()
    assert '<h1 dir="auto" lang="en">Rural broadband for schools</h1>' in html
    with translation.override("ru"):
        note = translation.gettext(
            "This entry is written in %(original)s; it has no translation into this page’s "
            "language yet."
        ) % {"original": translation.get_language_info("en")["name_translated"]}
    assert note in html
    english = client.get(_in("en", entry)).content.decode()
    assert 'class="language-note">This entry is written in' not in english
    assert english.count('class="language-note"') == 1  # only "Also available in"
    french_link = f'<a href="{_in("fr", entry)}" hreflang="fr" lang="fr">français</a>'
    assert french_link in english


def test_entry_text_prefers_the_readers_language(entry, people):
    _translate(entry, people["member"], language="es", title="Banda ancha rural")
    entry.refresh_from_db()
    spanish = entry_text(entry, "es")
    assert (spanish.title, spanish.language, spanish.languages) == (
        "Banda ancha rural",
        "es",
        ("en", "es"),
    )
    arabic = entry_text(entry, "ar")
    assert (arabic.title, arabic.translation, arabic.is_in_readers_language) == (
        "Rural broadband for schools",
        None,
        False,
    )


def test_a_translation_shows_at_once_on_the_cached_page(
    client, entry, people, django_capture_on_commit_callbacks
):
    client.get(_in("fr", entry))
    with django_capture_on_commit_callbacks(execute=True):
        _translate(entry, people["member"])
    assert "Haut débit rural pour les écoles" in client.get(_in("fr", entry)).content.decode()


def test_search_finds_an_entry_by_its_translation(client, entry, people):
    _translate(entry, people["member"])
    EntryFactory(status=EntryStatus.APPROVED, title="Something else entirely")
    response = client.get(_in("fr", entry).split("entries")[0], {"q": "écoles"})
    assert [row.pk for row in response.context["page_obj"]] == [entry.pk]


@pytest.mark.skipif(not settings.IS_POSTGRESQL, reason="stemming is PostgreSQL's")
def test_search_stems_each_language(client, entry, people):
    _translate(entry, people["member"])
    _translate(entry, people["member"], language="ru", title="Сельский широкополосный доступ")
    french = client.get("/fr/stocktaking/", {"q": "école"})
    russian = client.get("/ru/stocktaking/", {"q": "сельские"})
    assert [row.pk for row in french.context["page_obj"]] == [entry.pk]
    assert [row.pk for row in russian.context["page_obj"]] == [entry.pk]


def test_the_secretariat_adds_a_translation_in_the_admin(client, entry, people):
    client.force_login(people["secretariat"])
    url = f"/admin/stocktaking/entry/{entry.pk}/change/"
    page = client.get(url)
    assert page.status_code == 200
    form = page.context["adminform"].form
    data = {
        key: value
        for key, value in form.initial.items()
        if key in form.fields and value is not None and not hasattr(value, "__iter__")
    }
    data.update(
        {
            "attachments-TOTAL_FORMS": "0",
            "attachments-INITIAL_FORMS": "0",
            "translations-TOTAL_FORMS": "1",
            "translations-INITIAL_FORMS": "0",
            "translations-0-language": "es",
            "translations-0-title": "Banda ancha rural para escuelas",
            "translations-0-summary": "Conecta escuelas rurales.",
            "translations-0-description": "",
            "translations-0-translator": "Secretaría de la CMSI",
        }
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.context["errors"] if response.context else ""
    saved = EntryTranslation.objects.get(entry=entry)
    assert (saved.language, saved.added_by) == ("es", people["secretariat"])
    assert AuditEntry.objects.filter(action="stocktaking_entry.translation_add").count() == 1


def _owner_client(client, people):
    client.force_login(people["member"])
    return client


def test_a_member_adds_a_translation_on_the_entrys_page(client, entry, people):
    owner = _owner_client(client, people)
    url = reverse("stocktaking:translation_edit", args=[entry.pk])
    form = owner.get(url)
    assert [code for code, _name in form.context["form"].fields["language"].choices] == [
        "ar",
        "zh-hans",
        "fr",
        "ru",
        "es",
    ]
    response = owner.post(
        url,
        {
            "language": "ru",
            "title": "Сельский широкополосный доступ для школ",
            "summary": "Подключает сельские школы к широкополосному интернету.",
            "description": "",
            "translator": "Служба переводов",
        },
    )
    assert response.status_code == 302
    saved = EntryTranslation.objects.get(entry=entry)
    assert (saved.language, saved.translator, saved.added_by) == (
        "ru",
        "Служба переводов",
        people["member"],
    )
    page = owner.get(reverse("stocktaking:mine_detail", args=[entry.pk])).content.decode()
    assert "Сельский широкополосный доступ для школ" in page
    edit = owner.get(url, {"language": "ru"})
    assert edit.context["form"].initial["title"] == "Сельский широкополосный доступ для школ"


def test_a_translation_form_without_a_title_keeps_what_was_typed(client, entry, people):
    owner = _owner_client(client, people)
    url = reverse("stocktaking:translation_edit", args=[entry.pk])
    response = owner.post(
        url, {"language": "fr", "title": "", "summary": "Relie les écoles.", "translator": "X"}
    )
    assert response.status_code == 400
    assert response.context["form"].errors["title"] == ["This field is required."]
    assert "Relie les écoles.</textarea>" in response.content.decode()
    assert EntryTranslation.objects.count() == 0


def test_no_translation_into_the_original_language_from_the_form(client, entry, people):
    owner = _owner_client(client, people)
    response = owner.post(
        reverse("stocktaking:translation_edit", args=[entry.pk]),
        {"language": "en", "title": "T", "summary": "S", "translator": "X"},
    )
    assert response.status_code == 400
    assert list(response.context["form"].errors) == ["language"]


def test_a_member_removes_a_translation(client, entry, people):
    _translate(entry, people["member"])
    owner = _owner_client(client, people)
    response = owner.post(reverse("stocktaking:translation_remove", args=[entry.pk, "fr"]))
    assert response.status_code == 302
    assert EntryTranslation.objects.count() == 0
    assert AuditEntry.objects.filter(action="stocktaking_entry.translation_remove").count() == 1


def test_another_organisation_cannot_translate_from_the_form(client, entry, people):
    client.force_login(people["other_org"])
    response = client.post(
        reverse("stocktaking:translation_edit", args=[entry.pk]),
        {"language": "fr", "title": "T", "summary": "S", "translator": "X"},
    )
    assert response.status_code == 404
    assert EntryTranslation.objects.count() == 0


def test_the_result_list_shows_the_readers_language(client, entry, people):
    _translate(entry, people["member"])
    with translation.override("fr"):
        url = reverse("stocktaking:list")
    html = client.get(url).content.decode()
    assert "Haut débit rural pour les écoles</a></h3>" in html
    assert '<h3 dir="auto" lang="fr">' in html
    russian = client.get(url.replace("/fr/", "/ru/")).content.decode()
    assert '<h3 dir="auto" lang="en"><a' in russian
    with translation.override("ru"):
        note = translation.gettext("Written in %(language)s") % {
            "language": translation.get_language_info("en")["name_translated"]
        }
    assert f'<p class="language-note">{note}</p>' in russian


def test_the_list_makes_as_many_queries_with_translations(client, entry, people):
    with translation.override("fr"):
        url = reverse("stocktaking:list")
    client.get(url)
    one = uncached_queries(client, url)
    for number in range(6):
        other = EntryFactory(status=EntryStatus.APPROVED, title=f"Entry {number}")
        _translate(other, people["secretariat"], language="fr", title=f"Fiche {number}")
    _translate(entry, people["member"])
    assert uncached_queries(client, url) == one
    assert one <= MAX_QUERIES


ZH_TITLE = "农村学校宽带接入计划"
ZH_SUMMARY = "为偏远地区的农村学校提供宽带互联网接入。"


@pytest.mark.parametrize(
    ("language", "title", "summary", "query"),
    [
        ("zh-hans", "农村学校宽带接入计划", "为偏远地区的农村学校提供宽带互联网接入。", "学校宽带"),
        (
            "zh-hans",
            "农村学校宽带接入计划",
            "为偏远地区的农村学校提供宽带互联网接入。",
            "偏远 互联网",
        ),
        ("ar", "النطاق العريض للمدارس الريفية", "يربط المدارس الريفية بالإنترنت.", "الريفية"),
        ("ru", "Широкополосный доступ для сельских школ", "Подключает школы.", "сельских"),
        ("fr", "Haut débit rural pour les écoles", "Relie les écoles rurales.", "écoles"),
    ],
)
def test_search_finds_an_entry_by_a_translation_in_each_language(
    entry, people, language, title, summary, query
):
    from stocktaking.models import Entry
    from stocktaking.selectors import entries_search

    _translate(entry, people["member"], language=language, title=title, summary=summary)
    EntryFactory(status=EntryStatus.APPROVED, title="Something else entirely")
    with translation.override(language):
        assert [e.pk for e in entries_search(Entry.objects.all(), query)] == [entry.pk]


def test_search_finds_an_entry_written_in_chinese_from_an_english_page(people, organisation):
    from stocktaking.models import Entry
    from stocktaking.selectors import entries_search

    chinese = EntryFactory(
        organisation=organisation,
        status=EntryStatus.APPROVED,
        title="农村学校宽带接入计划",
        summary="为偏远地区的农村学校提供宽带互联网接入和数字教学资源。",
        text_language="zh-hans",
    )
    EntryFactory(status=EntryStatus.APPROVED, title="Rural schools")
    with translation.override("en"):
        assert [e.pk for e in entries_search(Entry.objects.all(), "数字教学")] == [chinese.pk]


@pytest.mark.skipif(not settings.IS_POSTGRESQL, reason="stemming is PostgreSQL's")
def test_search_stems_a_translation_in_its_language(entry, people):
    from stocktaking.models import Entry
    from stocktaking.selectors import entries_search

    _translate(
        entry,
        people["member"],
        language="ru",
        title="Широкополосный доступ для сельских школ",
        summary="Подключает сельские школы к интернету.",
    )
    with translation.override("ru"):
        # Neither word is in the text as written; their stems are.
        assert [e.pk for e in entries_search(Entry.objects.all(), "сельская школа")] == [entry.pk]
