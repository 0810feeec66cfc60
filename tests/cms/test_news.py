"""News by e-mail: people subscribe with their consent stored; a news item marked for it is
mailed through the outbox when first published, once, each mail with its unsubscribe link;
unsubscribing needs no sign-in and stops the mails."""

import pytest
from django.test import Client

from cms.models import NewsSubscription
from cms.services import CONSENT_TEXT, news_subscribe
from tests.cms.builders import news_index, news_page, publish
from tests.factories import UserFactory
from wsis.models import Notification

pytestmark = pytest.mark.django_db


def test_a_verified_person_subscribes_with_the_consent_stored():
    person = UserFactory(verified=True)
    client = Client()
    client.force_login(person)
    refused = client.post("/news/subscription/", {})
    assert "Tick the box to agree, or leave this page." in refused.content.decode()
    assert NewsSubscription.objects.count() == 0
    response = client.post("/news/subscription/", {"consent": "yes"})
    assert response.status_code == 302
    subscription = NewsSubscription.objects.get()
    assert (subscription.user, subscription.consent_text, subscription.is_active) == (
        person,
        str(CONSENT_TEXT),
        True,
    )


def test_published_news_is_mailed_once_to_active_subscribers_with_an_unsubscribe_link(settings):
    settings.WAGTAILADMIN_BASE_URL = "https://wsis.example.org"
    reader = UserFactory(verified=True, email="reader@example.org")
    subscription = news_subscribe(user=reader, consent_text="I agree.")
    gone = news_subscribe(user=UserFactory(verified=True), consent_text="I agree.")
    gone.unsubscribed_at = gone.consented_at
    gone.save()
    index = news_index()
    quiet = news_page(index, title="Quiet item")
    assert Notification.objects.count() == 0

    item = news_page(index, title="Prize call open", notify_subscribers=True)
    mails = list(Notification.objects.all())
    assert [(mail.recipient, mail.subject) for mail in mails] == [
        ("reader@example.org", "[WSIS] Prize call open")
    ]
    body = mails[0].body_text
    assert "https://wsis.example.org/news/prize-call-open/" in body
    assert f"https://wsis.example.org/news/unsubscribe/{subscription.token}/" in body

    item.summary = "Updated summary."
    publish(item)
    publish(quiet)
    assert Notification.objects.count() == 1


def test_unsubscribing_through_the_link_stops_the_mails():
    subscription = news_subscribe(user=UserFactory(verified=True), consent_text="I agree.")
    url = f"/news/unsubscribe/{subscription.token}/"
    client = Client()
    assert "Stop the portal's news mails" in client.get(url).content.decode()
    subscription.refresh_from_db()
    assert subscription.is_active is True
    done = client.post(url)
    assert "You will receive no more news mails" in done.content.decode()
    subscription.refresh_from_db()
    assert subscription.is_active is False
    news_page(news_index(), title="After leaving", notify_subscribers=True)
    assert Notification.objects.count() == 0
