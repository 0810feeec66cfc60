"""Every mail in its recipient's language: the profile's preference (set at sign-up to the
language signed up in), the subject and body rendered in it, links to the portal in it."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.template import engines

from tests.factories import PASSWORD, UserFactory
from wsis.models import Notification, User
from wsis.services import notification_queue, portal_paths_in_language, recipient_language

pytestmark = pytest.mark.django_db


@pytest.fixture
def weekday_template(settings, tmp_path):
    """A notification whose only words come from Django's own catalogues ("Monday")."""
    folder = tmp_path / "notifications"
    folder.mkdir()
    (folder / "weekday_subject.txt").write_text('{% load i18n %}{% translate "Monday" %}')
    (folder / "weekday_body.txt").write_text(
        '{% load i18n portal_links %}{% translate "Monday" %}: {{ path|absolute_url }}'
    )
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}
    ]
    settings.PORTAL_BASE_URL = "https://wsis.example.org"
    return "weekday"


@pytest.mark.parametrize(
    ("language", "weekday", "prefix"),
    [("fr", "lundi", "/fr"), ("ru", "Понедельник", "/ru"), ("en", "Monday", "")],
)
def test_a_mail_is_written_in_the_recipients_preferred_language(
    weekday_template, language, weekday, prefix
):
    reader = UserFactory(preferred_language=language)
    notification = notification_queue(
        recipient=reader.email,
        template=weekday_template,
        context={"path": "/stocktaking/"},
        idempotency_key=f"weekday-{language}",
    )
    assert notification.subject == f"[WSIS] {weekday}"
    assert notification.body_text == f"{weekday}: https://wsis.example.org{prefix}/stocktaking/"
    assert notification.context == {"path": "/stocktaking/"}


def test_an_address_without_an_account_gets_the_default_language(weekday_template):
    notification = notification_queue(
        recipient="nobody@example.org",
        template=weekday_template,
        context={},
        idempotency_key="weekday-nobody",
    )
    assert notification.subject == "[WSIS] Monday"
    assert recipient_language("NOBODY@example.org") == "en"


def test_a_language_given_by_the_caller_wins(weekday_template):
    reader = UserFactory(preferred_language="fr")
    notification = notification_queue(
        recipient=reader.email,
        template=weekday_template,
        context={},
        idempotency_key="weekday-given",
        language="es",
    )
    assert notification.subject == "[WSIS] lunes"


def test_portal_paths_are_put_in_the_language():
    context = {"path": "/fr/events/", "public_path": "/roadmaps/", "title": "/not/a/key"}
    assert portal_paths_in_language(context, "ar") == {
        "path": "/ar/events/",
        "public_path": "/ar/roadmaps/",
    }


def test_signing_up_keeps_the_language_signed_up_in(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/ru/accounts/signup/",
            {"email": "new.reader@example.org", "password1": PASSWORD, "password2": PASSWORD},
        )
    assert response.status_code == 302
    assert User.objects.get(email="new.reader@example.org").preferred_language == "ru"
    message = mail.outbox[-1]
    assert message.subject == "[WSIS] Пожалуйста, подтвердите Ваш адрес электронной почты"
    assert re.search(r"https?://[^/]+/ru/accounts/confirm-email/[^\s]+/", message.body)


def test_account_mails_follow_the_preference_not_the_request(
    client, django_capture_on_commit_callbacks
):
    UserFactory(email="lecteur@example.org", verified=True, preferred_language="fr")
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/accounts/password/reset/", {"email": "lecteur@example.org"})
    notification = Notification.objects.get(recipient="lecteur@example.org")
    links = re.findall(r"https?://[^/\s]+(/\S*/password/reset/key/)", notification.body_text)
    assert links == ["/fr/accounts/password/reset/key/"]


def _notification_templates() -> list[Path]:
    folders = []
    for engine in engines.all():
        folders.extend(Path(folder) for folder in engine.template_dirs)
    found = set()
    for folder in folders:
        found.update((folder / "notifications").glob("*_subject.txt"))
    return sorted(found)


def test_every_mail_has_one_template_for_all_six_languages():
    """Mail templates are not written per language: each subject has its body, and neither is
    a language's copy (the text is translated by the catalogues)."""
    subjects = _notification_templates()
    assert len(subjects) >= 20
    languages = {code.split("-")[0] for code, _name in settings.LANGUAGES}
    for subject in subjects:
        body = subject.with_name(subject.name.replace("_subject.txt", "_body.txt"))
        assert body.exists(), body
        assert subject.name.split("_")[-2] not in languages, subject
        assert "{% load i18n %}" in subject.read_text() + body.read_text(), subject
