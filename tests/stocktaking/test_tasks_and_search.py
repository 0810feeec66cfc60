"""The daily digest task and PostgreSQL full-text search."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.core import mail
from django.utils import timezone

from stocktaking import selectors
from stocktaking.enums import EntryStatus
from stocktaking.tasks import task_send_moderation_digest
from tests.stocktaking.factories import EntryFactory
from wsis.models import Notification

pytestmark = pytest.mark.django_db


def test_digest_lists_the_queue_once_a_day(django_capture_on_commit_callbacks):
    EntryFactory(
        status=EntryStatus.SUBMITTED,
        title="Old submission",
        submitted_at=timezone.now() - timedelta(days=9),
    )
    EntryFactory(status=EntryStatus.RESUBMITTED, title="New resubmission")
    EntryFactory(status=EntryStatus.DRAFT, title="Not in the queue")
    with django_capture_on_commit_callbacks(execute=True):
        assert task_send_moderation_digest.delay().get() is True
        task_send_moderation_digest.delay()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [settings.SECRETARIAT_EMAIL]
    assert message.subject == "[WSIS] Stocktaking: 2 entries wait for moderation"
    assert "2 entries wait in the moderation queue (1 for more than a week)." in message.body
    assert "- Old submission (" in message.body
    assert "waiting 9 days" in message.body
    assert "Not in the queue" not in message.body


def test_no_digest_when_the_queue_is_empty():
    EntryFactory(status=EntryStatus.APPROVED)
    assert task_send_moderation_digest.delay().get() is False
    assert Notification.objects.count() == 0


@pytest.mark.skipif(
    not settings.IS_POSTGRESQL,
    reason="full-text search (stems, ranks, headlines) needs PostgreSQL; SQLite uses icontains",
)
def test_postgres_search_by_stem_ranks_title_first():
    EntryFactory(
        status=EntryStatus.APPROVED,
        title="Health records for clinics",
        summary="Digital records for rural clinics.",
        description="Nurses are connected to doctors in town.",
    )
    EntryFactory(
        status=EntryStatus.APPROVED,
        title="Rural villages online",
        summary="Connecting villages and farmers.",
    )
    EntryFactory(
        status=EntryStatus.APPROVED,
        title="Connected schools programme",
        summary="Laptops for pupils.",
    )
    EntryFactory(status=EntryStatus.DRAFT, title="Connections in a draft")
    results = list(selectors.entries_search(selectors.entries_public(), "connect"))
    assert [e.title for e in results] == [
        "Connected schools programme",
        "Rural villages online",
        "Health records for clinics",
    ]
    assert selectors.HIGHLIGHT_START + "Connecting" in results[1].headline


@pytest.mark.skipif(not settings.IS_POSTGRESQL, reason="the stored search vector is PostgreSQL's")
def test_postgres_search_vector_follows_edits(people, organisation):
    from stocktaking import services

    entry = EntryFactory(organisation=organisation, title="Solar kiosks")
    services.entry_update(
        entry=entry, by=people["member"], content={"title": "Telemedicine vans"}, lock_version=1
    )
    entry.refresh_from_db()
    assert "telemedicin" in str(entry.search_vector)
    assert "solar" not in str(entry.search_vector)
