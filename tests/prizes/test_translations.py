"""Prize entries in more than one language: the entry stays in English (the contest's rule),
members and the secretariat add translations of its title and description for readers, and the
public pages show the reader's language, saying so."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from stocktaking.prizes import services
from stocktaking.prizes.enums import Phase, PrizeEntryStatus
from stocktaking.prizes.models import PrizeEntryTranslation
from tests.factories import MembershipFactory, UserFactory, secretariat_user
from tests.prizes.factories import ContestFactory, PrizeEntryFactory
from tests.query_counts import MAX_QUERIES, uncached_queries
from wsis.models import AuditEntry

pytestmark = pytest.mark.django_db

TITLE_FR = "Des écoles connectées dans les villages"
DESCRIPTION_FR = "Le projet relie les écoles de village à l'internet et forme leurs enseignants."
TITLE_AR = "مدارس متصلة في القرى"
DESCRIPTION_AR = "يربط المشروع مدارس القرى بالإنترنت ويدرب معلميها على التعليم الرقمي."


@pytest.fixture
def nominee():
    contest = ContestFactory(in_phase=Phase.NOMINEES_PUBLISHED, at=timezone.now())
    return PrizeEntryFactory(
        contest=contest,
        category=contest.categories.get(number=1),
        status=PrizeEntryStatus.NOMINEE,
        title="Connected village schools",
    )


@pytest.fixture
def member(nominee):
    return MembershipFactory(organisation=nominee.organisation).user


def _translate(entry, by, language="fr", title=TITLE_FR, description=DESCRIPTION_FR):
    return services.prize_entry_translation_save(
        entry=entry,
        language=language,
        title=title,
        description=description,
        translator="Service de traduction",
        by=by,
    )


def _in(language, name, *args):
    with translation.override(language):
        return reverse(name, args=args)


def test_a_member_translates_a_prize_entry_dated_and_audited(nominee, member):
    saved = _translate(nominee, member)
    assert (saved.language, saved.title, saved.added_by) == ("fr", TITLE_FR, member)
    assert AuditEntry.objects.filter(action="prize_entry.translation_add").count() == 1
    _translate(nominee, secretariat_user(), title="Écoles connectées")
    assert PrizeEntryTranslation.objects.get().title == "Écoles connectées"
    assert AuditEntry.objects.filter(action="prize_entry.translation_change").count() == 1


def test_no_translation_into_english_the_contests_language(nominee, member):
    with pytest.raises(ValidationError) as error:
        _translate(nominee, member, language="en")
    assert list(error.value.message_dict) == ["language"]


def test_another_organisation_may_not_translate(nominee):
    with pytest.raises(PermissionDenied):
        _translate(nominee, UserFactory(verified=True))
    assert PrizeEntryTranslation.objects.count() == 0


def test_the_entry_page_shows_the_readers_language_and_says_so(client, nominee, member):
    _translate(nominee, member)
    html = client.get(_in("fr", "prizes:entry", nominee.pk)).content.decode()
    assert f'<h1 dir="auto" lang="fr">{TITLE_FR}</h1>' in html
    with translation.override("fr"):
        rule = translation.gettext(
            "The WSIS Prizes judge each entry in English, the language it was written in; this "
            "translation is for readers."
        )
    assert rule in html
    arabic = client.get(_in("ar", "prizes:entry", nominee.pk)).content.decode()
    assert '<h1 dir="auto" lang="en">Connected village schools</h1>' in arabic
    french_link = f'href="{_in("fr", "prizes:entry", nominee.pk)}" hreflang="fr" lang="fr"'
    assert french_link in arabic


def test_the_nominee_cards_show_the_readers_language_at_once(
    client, nominee, member, django_capture_on_commit_callbacks
):
    url = _in("ar", "prizes:category", nominee.contest.year, nominee.category.slug)
    assert TITLE_AR not in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        _translate(nominee, member, language="ar", title=TITLE_AR, description=DESCRIPTION_AR)
    html = client.get(url).content.decode()
    assert f'<h3 id="nominee-{nominee.pk}" dir="auto" lang="ar">' in html
    assert DESCRIPTION_AR in html


def test_the_category_page_makes_as_many_queries_with_translations(client, nominee, member):
    url = _in("fr", "prizes:category", nominee.contest.year, nominee.category.slug)
    client.get(url)
    one = uncached_queries(client, url)
    for number in range(5):
        other = PrizeEntryFactory(
            contest=nominee.contest, category=nominee.category, status=PrizeEntryStatus.NOMINEE
        )
        _translate(other, secretariat_user(), title=f"Projet {number}")
    assert uncached_queries(client, url) == one
    assert one <= MAX_QUERIES


def test_a_member_adds_a_translation_on_the_form(client, nominee, member):
    client.force_login(member)
    url = reverse("prizes:entry_translation", args=[nominee.pk])
    assert "en" not in dict(client.get(url).context["form"].fields["language"].choices)
    empty = client.post(url, {"language": "ru", "title": "Школы", "translator": "X"})
    assert empty.status_code == 400
    assert list(empty.context["form"].errors) == ["description"]
    response = client.post(
        url,
        {
            "language": "ru",
            "title": "Подключённые сельские школы",
            "description": "Проект подключает сельские школы к интернету.",
            "translator": "Служба переводов",
        },
    )
    assert response.status_code == 302
    assert PrizeEntryTranslation.objects.get().language == "ru"
    removed = client.post(reverse("prizes:entry_translation_remove", args=[nominee.pk, "ru"]))
    assert removed.status_code == 302
    assert PrizeEntryTranslation.objects.count() == 0
