"""Outcome documents in more than one language: the organisers declare the language of the text,
the organisers or the secretariat add translations (title and sections, translator and date),
the public pages show the reader's language and say so, and the search finds a document by its
translations, Chinese included."""

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import translation

from events import services
from events.enums import OutcomeStatus
from events.models import OutcomeDocument, OutcomeTranslation
from events.selectors import outcomes_search
from tests.events.factories import OutcomeDocumentFactory, SessionFactory, secretariat
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory
from tests.query_counts import MAX_QUERIES, uncached_queries
from wsis.models import AuditEntry

pytestmark = pytest.mark.django_db

ARABIC = {
    "title": "الشمول الرقمي في المناطق الريفية",
    "key_issues": "توسيع شبكات الاتصالات في القرى\nتدريب النساء على المهارات الرقمية",
}
CHINESE = {
    "title": "农村地区的数字包容",
    "key_issues": "扩大农村通信网络\n培训妇女掌握数字技能",
}
RUSSIAN = {
    "title": "Цифровая интеграция в сельских районах",
    "key_issues": "Расширение сетей связи в деревнях\nОбучение женщин цифровым навыкам",
}


@pytest.fixture
def outcome():
    session = SessionFactory(
        title="Digital inclusion in rural areas", organisers=[OrganisationFactory()]
    )
    return OutcomeDocumentFactory(
        session=session,
        status=OutcomeStatus.PUBLISHED,
        text_language="fr",
        key_issues=["Étendre les réseaux de télécommunication dans les villages"],
        search_text="Étendre les réseaux de télécommunication dans les villages",
    )


@pytest.fixture
def organiser(outcome):
    return MembershipFactory(organisation=outcome.session.organisers.first()).user


def _translate(outcome, by, language, texts):
    with_sections = {"key_issues": texts["key_issues"]}
    return services.outcome_translation_save(
        outcome=outcome,
        language=language,
        title=texts["title"],
        content=with_sections,
        translator="Service de traduction",
        by=by,
    )


def _in(language, name, **kwargs):
    with translation.override(language):
        return reverse(name, kwargs=kwargs)


def test_the_organisers_translate_dated_and_audited(outcome, organiser):
    saved = _translate(outcome, organiser, "ar", ARABIC)
    assert (saved.language, saved.title, saved.added_by) == ("ar", ARABIC["title"], organiser)
    assert saved.key_issues == [
        "توسيع شبكات الاتصالات في القرى",
        "تدريب النساء على المهارات الرقمية",
    ]
    assert AuditEntry.objects.filter(action="events_outcome.translation_add").count() == 1
    _translate(outcome, secretariat(), "ar", {**ARABIC, "title": "الشمول الرقمي"})
    assert OutcomeTranslation.objects.get().title == "الشمول الرقمي"


def test_no_translation_into_the_documents_own_language(outcome, organiser):
    with pytest.raises(ValidationError) as error:
        _translate(outcome, organiser, "fr", ARABIC)
    assert list(error.value.message_dict) == ["language"]


def test_people_outside_the_session_may_not_translate(outcome):
    with pytest.raises(PermissionDenied):
        _translate(outcome, UserFactory(verified=True), "ar", ARABIC)


def test_the_detail_shows_the_readers_language_and_the_others(client, outcome, organiser):
    _translate(outcome, organiser, "ar", ARABIC)
    url = _in("ar", "events:outcome_detail", pk=outcome.pk)
    html = client.get(url).content.decode()
    assert f"<bdi>{ARABIC['title']}</bdi>" in html
    assert '<ul dir="auto" lang="ar"><li>توسيع شبكات الاتصالات في القرى</li>' in html
    # A section the translation left empty is shown in the original, marked as French.
    assert '<ul dir="auto" lang="fr">' in html
    english = client.get(_in("en", "events:outcome_detail", pk=outcome.pk)).content.decode()
    note = (
        "This outcome document is written in French; it has no translation into this "
        "page’s language yet."
    )
    assert note in english
    assert f'href="{url}" hreflang="ar" lang="ar"' in english


def test_the_list_shows_the_readers_language(client, outcome, organiser):
    _translate(outcome, organiser, "ru", RUSSIAN)
    html = client.get(_in("ru", "events:outcome_list")).content.decode()
    assert f'<bdi lang="ru">{RUSSIAN["title"]}</bdi>' in html
    english = client.get(_in("en", "events:outcome_list")).content.decode()
    assert '<bdi lang="fr">Digital inclusion in rural areas</bdi>' in english
    assert '<span class="language-note">Written in French</span>' in english


def test_the_list_makes_as_many_queries_with_translations(client, outcome, organiser):
    url = _in("fr", "events:outcome_list")
    client.get(url)
    one = uncached_queries(client, url)
    for _number in range(5):
        other = OutcomeDocumentFactory(status=OutcomeStatus.PUBLISHED)
        _translate(other, secretariat(), "ar", ARABIC)
    _translate(outcome, organiser, "ar", ARABIC)
    assert uncached_queries(client, url) == one
    assert one <= MAX_QUERIES


@pytest.mark.parametrize(
    ("language", "texts", "query"),
    [
        ("ar", ARABIC, "الريفية"),
        ("zh-hans", CHINESE, "数字包容"),
        ("zh-hans", CHINESE, "通信网络"),
        ("ru", RUSSIAN, "сельских"),
    ],
)
def test_the_search_finds_a_document_by_its_translation(outcome, organiser, language, texts, query):
    OutcomeDocumentFactory(status=OutcomeStatus.PUBLISHED)
    _translate(outcome, organiser, language, texts)
    with translation.override(language):
        assert [o.pk for o in outcomes_search(OutcomeDocument.objects.all(), query)] == [outcome.pk]


@pytest.mark.skipif(not settings.IS_POSTGRESQL, reason="stemming is PostgreSQL's")
def test_the_search_stems_in_the_readers_language(outcome, organiser):
    _translate(outcome, organiser, "ru", RUSSIAN)
    with translation.override("ru"):
        # "сельский" is not in the text; its stem is ("сельских").
        assert [o.pk for o in outcomes_search(OutcomeDocument.objects.all(), "сельский")] == [
            outcome.pk
        ]
    with translation.override("fr"):
        # The original, stemmed in French: "village" finds "villages".
        assert [o.pk for o in outcomes_search(OutcomeDocument.objects.all(), "village")] == [
            outcome.pk
        ]


def test_the_organiser_declares_the_language_and_translates_on_the_pages(
    client, outcome, organiser
):
    client.force_login(organiser)
    session = outcome.session
    url = reverse(
        "events:outcome_translation",
        kwargs={"slug": session.event.slug, "number": session.number},
    )
    form = client.get(url).context["form"]
    assert "fr" not in dict(form.fields["language"].choices)
    response = client.post(
        url,
        {
            "language": "zh-hans",
            "title": CHINESE["title"],
            "key_issues": CHINESE["key_issues"],
            "translator": "联合国翻译处",
        },
    )
    assert response.status_code == 302
    saved = OutcomeTranslation.objects.get()
    assert saved.key_issues == ["扩大农村通信网络", "培训妇女掌握数字技能"]
    empty = client.post(url, {"language": "ar", "title": "", "translator": "X"})
    assert empty.status_code == 400
    assert list(empty.context["form"].errors) == ["title"]
    remove = reverse(
        "events:outcome_translation_remove",
        kwargs={"slug": session.event.slug, "number": session.number, "language": "zh-hans"},
    )
    assert client.post(remove).status_code == 302
    assert OutcomeTranslation.objects.count() == 0


def test_the_api_takes_and_shows_the_declared_language(client, organiser):
    session = SessionFactory(organisers=[organiser.memberships.get().organisation])
    client.force_login(organiser)
    url = f"/api/v1/events/sessions/{session.pk}/outcome/"
    saved = client.put(
        url,
        {"key_issues": ["Élargir l'accès"], "text_language": "fr"},
        content_type="application/json",
    )
    assert saved.status_code == 200
    assert saved.json()["text_language"] == "fr"
    kept = client.put(
        url, {"key_issues": ["Élargir l'accès à l'internet"]}, content_type="application/json"
    )
    assert kept.json()["text_language"] == "fr"
    bad = client.put(url, {"text_language": "de"}, content_type="application/json")
    assert bad.status_code == 400
    assert list(bad.json()["error"]["fields"]) == ["text_language"]
