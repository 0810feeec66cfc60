import pytest
from django.core.management import call_command

from events.demo import KENYA_WAITING, MULTILINGUAL_OUTCOMES, PAST_SLUG, PUBLISHED, UPCOMING_SLUG
from events.enums import OutcomeStatus
from events.models import Event, OutcomeDocument, Session


@pytest.mark.django_db
def test_seed_demo_creates_forums_idempotently():
    call_command("seed_demo", stdout=None)
    call_command("seed_demo", stdout=None)
    past = Event.objects.get(slug=PAST_SLUG)
    assert past.sessions.count() == 20
    assert Event.objects.get(slug=UPCOMING_SLUG).sessions.count() == 7
    assert sorted(
        OutcomeDocument.objects.filter(status=OutcomeStatus.PUBLISHED).values_list(
            "session__number", flat=True
        )
    ) == sorted((*PUBLISHED, *MULTILINGUAL_OUTCOMES))
    in_other_languages = OutcomeDocument.objects.filter(session__number__in=MULTILINGUAL_OUTCOMES)
    assert sorted(in_other_languages.values_list("text_language", flat=True)) == ["ar", "fr"]
    assert [o.translations.get().language for o in in_other_languages] == ["en", "en"]
    waiting = Session.objects.get(event=past, number=KENYA_WAITING)
    assert [o.slug for o in waiting.organisers.all()] == ["ministry-digital-kenya"]
    assert not OutcomeDocument.objects.filter(session=waiting).exists()
    assert [v.label for v in past.outcome_versions.all()] == ["v1.0"]
