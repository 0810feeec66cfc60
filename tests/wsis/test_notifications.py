import smtplib

import pytest
from django.core import mail
from django.db import transaction

from wsis import services
from wsis.enums import NotificationStatus
from wsis.models import AuditEntry, Notification, Organisation

pytestmark = pytest.mark.django_db


def _queue(key: str = "test-key-1") -> Notification:
    return services.notification_queue(
        recipient="someone@example.org",
        template="membership_added",
        context={"organisation": "Open Schools", "added_by": "Ana"},
        idempotency_key=key,
    )


def test_notification_queued_is_sent_after_commit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        notification = _queue()
        assert len(mail.outbox) == 0
    assert len(callbacks) == 1
    notification.refresh_from_db()
    assert notification.status == NotificationStatus.SENT
    assert notification.attempts == 1
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject == "[WSIS] You were added to Open Schools"
    assert mail.outbox[0].to == ["someone@example.org"]
    assert mail.outbox[0].extra_headers["Message-ID"] == "<test-key-1@wsis-portal>"


def test_notification_in_rolled_back_transaction_is_never_sent(django_capture_on_commit_callbacks):
    class Abort(Exception):
        pass

    @transaction.atomic
    def queue_then_fail():
        _queue()
        raise Abort

    with django_capture_on_commit_callbacks(execute=True) as callbacks, pytest.raises(Abort):
        queue_then_fail()
    assert callbacks == []
    assert Notification.objects.count() == 0
    assert len(mail.outbox) == 0


def test_notification_same_key_twice_is_stored_and_sent_once(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = _queue("same-key")
        second = _queue("same-key")
    assert first.pk == second.pk
    assert Notification.objects.count() == 1
    assert len(mail.outbox) == 1


def test_notification_send_twice_mails_once(django_capture_on_commit_callbacks):
    notification = _queue()  # on_commit callbacks are not run: nothing sent yet
    assert services.notification_send(notification_id=notification.pk).status == "sent"
    assert services.notification_send(notification_id=notification.pk).status == "sent"
    assert len(mail.outbox) == 1


def test_notification_failure_retries_with_backoff_then_fails(settings, monkeypatch):
    settings.NOTIFICATION_MAX_ATTEMPTS = 3
    settings.NOTIFICATION_RETRY_BASE_SECONDS = 10
    notification = _queue()

    def refuse(self, *args, **kwargs):
        raise smtplib.SMTPServerDisconnected("connection refused by test server")

    monkeypatch.setattr("django.core.mail.message.EmailMessage.send", refuse)
    outcomes = [services.notification_send(notification_id=notification.pk) for _ in range(3)]
    assert [(o.status, o.retry_in_seconds) for o in outcomes] == [
        ("retrying", 10),
        ("retrying", 20),
        ("failed", None),
    ]
    notification.refresh_from_db()
    assert notification.status == NotificationStatus.FAILED
    assert notification.attempts == 3
    assert notification.last_error == "SMTPServerDisconnected: connection refused by test server"
    assert services.notification_send(notification_id=notification.pk).status == "failed"
    assert len(mail.outbox) == 0


def test_notification_requeue_resends_a_failed_message(django_capture_on_commit_callbacks):
    notification = _queue()
    Notification.objects.filter(pk=notification.pk).update(
        status=NotificationStatus.FAILED, attempts=6
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert services.notification_requeue(notification_ids=[notification.pk]) == 1
    notification.refresh_from_db()
    assert notification.status == NotificationStatus.SENT
    assert len(mail.outbox) == 1


def test_audit_record_keeps_actor_action_and_change(verified_user):
    organisation = Organisation.objects.create(
        name="Audited", slug="audited", stakeholder_type_id=1, country="FR"
    )
    entry = services.audit_record(
        actor=verified_user,
        action="organisation.rename",
        obj=organisation,
        before={"name": "Old"},
        after={"name": "Audited"},
        reason="typo",
    )
    stored = AuditEntry.objects.get(pk=entry.pk)
    assert (stored.actor, stored.action, stored.object_id, stored.object_repr) == (
        verified_user,
        "organisation.rename",
        str(organisation.pk),
        "Audited",
    )
    assert (stored.before, stored.after, stored.reason) == (
        {"name": "Old"},
        {"name": "Audited"},
        "typo",
    )
