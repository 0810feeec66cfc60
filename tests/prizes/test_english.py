"""The "in English" eligibility rule: real texts in English, French, Spanish, Arabic and Chinese,
English full of foreign proper names, short texts and mixed paragraphs; at saving, at submission
and on the secretariat's eligibility view."""

import pytest
from django.core.exceptions import ValidationError

from stocktaking.prizes import language, services
from stocktaking.prizes.enums import PrizeEntryStatus
from stocktaking.prizes.language import Reading
from tests.factories import MembershipFactory, secretariat_user
from tests.prizes.factories import NOW, ContestFactory, PrizeEntryFactory, StocktakingEntryFactory
from tests.prizes.texts import (
    ARABIC,
    CHINESE,
    ENGLISH,
    ENGLISH_THEN_FRENCH,
    ENGLISH_WITH_FRENCH_NAMES,
    ENGLISH_WITH_MANY_NAMES,
    FRENCH,
    SPANISH,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (ENGLISH, None),
        (FRENCH, "fr"),
        (SPANISH, "es"),
        (ARABIC, "ar"),
        (CHINESE, "zh"),
        (ENGLISH_WITH_FRENCH_NAMES, None),
        (ENGLISH_WITH_MANY_NAMES, None),
        (ENGLISH_THEN_FRENCH, "fr"),
        (FRENCH + "\n" + ENGLISH, "fr"),
    ],
    ids=["en", "fr", "es", "ar", "zh", "en-french-names", "en-many-names", "en+fr", "fr+en"],
)
def test_foreign_reading_of_real_texts(text, expected):
    reading = language.foreign_reading(text)
    assert (reading.language if reading else None) == expected
    if reading:
        assert reading.confidence >= language.MIN_CONFIDENCE


def test_proper_names_are_left_out_before_identifying():
    # Without leaving the names out, the identifier reads this English sentence as French.
    assert language._identifier().classify(ENGLISH_WITH_FRENCH_NAMES)[0] == "fr"
    assert language.without_names(ENGLISH_WITH_FRENCH_NAMES) == (
        "The run the programme with the numérique and the training young people in every region "
        "of the country."
    )
    assert language.reading_of(ENGLISH_WITH_FRENCH_NAMES).language == "en"


@pytest.mark.parametrize(
    "text",
    [
        "Partners.",
        "C2.",
        "UNESCO, ITU and Orange.",
        "Ministère de la Santé du Sénégal",
        "Nous travaillons avec le ministère.",
        "- 12,000 users\n- 45 villages\n- 3 MW solar\n- 80% women",
        "中国电信",
    ],
)
def test_short_texts_are_not_judged(text):
    assert language.reading_of(text) is None
    assert language.foreign_reading(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "We work with schools, libraries and local governments in the region.",
        "Funding gaps, limited broadband in rural areas and a shortage of trained staff.",
        "Reduced travel costs by 30 % and CO2 emissions by 1,200 tonnes a year; 4,000 jobs.",
        "Action Line C7 e-learning: the project brings ICT-based learning to remote schools.",
    ],
)
def test_short_english_texts_pass(text):
    assert language.reading_of(text).language == "en"
    assert language.foreign_reading(text) is None


def test_the_reading_is_deterministic():
    readings = {language.foreign_reading(FRENCH) for _ in range(5)}
    assert readings == {Reading(language="fr", confidence=1.0)}


def test_the_message_names_the_field_and_the_language():
    assert language.english_errors(
        {
            "description": ("description", FRENCH),
            "impact": ("impact", ENGLISH),
            "future_plans": ("future plans", CHINESE),
        }
    ) == {
        "description": ["The description must be in English; it reads as French."],
        "future_plans": ["The future plans must be in English; it reads as Chinese."],
    }


# --- The rule in the services and pages ---

# 187 words of English, some of them French names.
DESCRIPTION = " ".join([ENGLISH, ENGLISH, ENGLISH, ENGLISH_WITH_FRENCH_NAMES])


def _content(**changes):
    values = {
        "title": "Escuelas conectadas",
        "description": DESCRIPTION,
        "impact": ENGLISH,
        "partnerships": ENGLISH_WITH_MANY_NAMES,
        "action_line_link": "C2.",
        "challenges": "Funding gaps, limited broadband in rural areas and a shortage of staff.",
        "future_plans": "Scale to 20 more districts by 2027 and open-source the platform.",
        "sdgs": [4],
        "gdc_objectives": [],
    }
    values.update(changes)
    return values


def _create(**changes):
    member = MembershipFactory().user
    organisation = member.memberships.get().organisation
    contest = ContestFactory()
    return services.prize_entry_create(
        by=member,
        contest=contest,
        organisation=organisation,
        category=contest.categories.get(number=2),
        stocktaking_entry=StocktakingEntryFactory(organisation=organisation),
        content=_content(**changes),
        now=NOW,
    )


@pytest.mark.django_db
def test_an_english_entry_with_a_spanish_title_and_french_names_is_saved():
    assert len(DESCRIPTION.split()) == 187
    assert _create().title == "Escuelas conectadas"


@pytest.mark.django_db
def test_texts_in_other_languages_are_refused_field_by_field():
    with pytest.raises(ValidationError) as error:
        _create(impact=SPANISH, partnerships=ARABIC, challenges=ENGLISH_THEN_FRENCH)
    assert error.value.message_dict == {
        "impact": ["The impact must be in English; it reads as Spanish."],
        "partnerships": ["The partnerships must be in English; it reads as Arabic."],
        "challenges": ["The challenges must be in English; it reads as French."],
    }


@pytest.mark.django_db
def test_a_french_description_gets_both_the_word_count_and_the_language():
    with pytest.raises(ValidationError) as error:
        _create(description=FRENCH)
    assert error.value.message_dict == {
        "description": [
            "The description must have 150 to 200 words; it has 42.",
            "The description must be in English; it reads as French.",
        ]
    }


@pytest.mark.django_db
def test_submission_refuses_an_entry_not_in_english():
    # A draft saved before the rule (or changed in the admin) is caught at submission.
    entry = PrizeEntryFactory(contest=ContestFactory(), description=DESCRIPTION, impact=FRENCH)
    member = MembershipFactory(organisation=entry.organisation).user
    with pytest.raises(ValidationError) as error:
        services.prize_entry_submit(entry=entry, by=member, now=NOW)
    assert error.value.message_dict == {
        "impact": ["The impact must be in English; it reads as French."]
    }
    entry.refresh_from_db()
    assert entry.status == PrizeEntryStatus.DRAFT


@pytest.mark.django_db
def test_the_eligibility_view_shows_the_check(client):
    entry = PrizeEntryFactory(
        status=PrizeEntryStatus.SUBMITTED,
        description=DESCRIPTION,
        impact=CHINESE,
        partnerships="Partners.",
    )
    client.force_login(secretariat_user())
    page = client.get(entry.get_absolute_url()).content.decode()
    assert '<td id="language-description">In English</td>' in page
    assert '<td id="language-impact"><strong>Not in English: reads as Chinese</strong></td>' in page
    assert '<td id="language-partnerships">Too short to judge: accepted</td>' in page


@pytest.mark.django_db
def test_the_check_is_not_shown_to_the_submitter(client):
    entry = PrizeEntryFactory(status=PrizeEntryStatus.SUBMITTED, impact=CHINESE)
    member = MembershipFactory(organisation=entry.organisation).user
    client.force_login(member)
    page = client.get(entry.get_absolute_url()).content.decode()
    assert "Automatic check: in English" not in page
