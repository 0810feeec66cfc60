import smtplib

import pytest
from django.core import mail
from django.core.mail import EmailMessage
from django.db import transaction

from tests.factories import NotificationFactory
from wsis import services
from wsis.enums import NotificationStatus
from wsis.models import AuditEntry, Notification, Organisation
from wsis.tasks import task_send_notifications

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


def _message_ids() -> list[str]:
    return [message.extra_headers["Message-ID"] for message in mail.outbox]


def test_notifications_of_one_transaction_are_sent_by_one_batch(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with transaction.atomic():
            for n in (1, 2, 3):
                _queue(f"one-batch-{n}")
        assert len(mail.outbox) == 0
    assert len(callbacks) == 1
    assert _message_ids() == [f"<one-batch-{n}@wsis-portal>" for n in (1, 2, 3)]
    assert (
        list(Notification.objects.order_by("pk").values_list("status", "attempts"))
        == [(NotificationStatus.SENT, 1)] * 3
    )


def test_notification_batches_hold_at_most_the_batch_size(
    settings, django_capture_on_commit_callbacks
):
    settings.NOTIFICATION_SEND_BATCH_SIZE = 2
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        for n in (1, 2, 3, 4, 5):
            _queue(f"sized-{n}")
    assert [callback.notification_ids for callback in callbacks] == [
        list(
            Notification.objects.filter(idempotency_key__in=keys)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        for keys in (["sized-1", "sized-2"], ["sized-3", "sized-4"], ["sized-5"])
    ]
    assert _message_ids() == [f"<sized-{n}@wsis-portal>" for n in (1, 2, 3, 4, 5)]


def test_notification_in_rolled_back_savepoint_leaves_the_batch_of_the_others(
    django_capture_on_commit_callbacks,
):
    class Abort(Exception):
        pass

    @transaction.atomic
    def queue_then_fail():
        _queue("rolled-back")
        raise Abort

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        _queue("kept-before")
        with pytest.raises(Abort):
            queue_then_fail()
        _queue("kept-after")
    assert len(callbacks) == 1
    assert list(Notification.objects.order_by("pk").values_list("idempotency_key", flat=True)) == [
        "kept-before",
        "kept-after",
    ]
    assert _message_ids() == ["<kept-before@wsis-portal>", "<kept-after@wsis-portal>"]


def test_notification_queued_after_its_batch_was_handed_over_goes_in_a_new_one(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True) as first:
        _queue("handed-over-1")
    with django_capture_on_commit_callbacks(execute=True) as second:
        _queue("handed-over-2")
    assert (len(first), len(second)) == (1, 1)
    assert _message_ids() == ["<handed-over-1@wsis-portal>", "<handed-over-2@wsis-portal>"]


def test_notification_send_batch_skips_what_is_sent_failed_or_gone():
    sent, failed, queued = NotificationFactory.create_batch(3)
    Notification.objects.filter(pk=sent.pk).update(status=NotificationStatus.SENT, attempts=1)
    Notification.objects.filter(pk=failed.pk).update(status=NotificationStatus.FAILED, attempts=6)
    outcome = services.notification_send_batch(
        notification_ids=[queued.pk, sent.pk, failed.pk, queued.pk + 1000]
    )
    assert outcome == services.BatchOutcome(sent=[queued.pk], retry={}, failed=[], left_over=[])
    assert _message_ids() == [f"<{queued.idempotency_key}@wsis-portal>"]


def test_notification_send_batch_failure_is_retried_alone_then_failed(settings, monkeypatch):
    settings.NOTIFICATION_MAX_ATTEMPTS = 2
    settings.NOTIFICATION_RETRY_BASE_SECONDS = 10
    first, refused, last = NotificationFactory.create_batch(3)
    send = EmailMessage.send

    def refuse_one(self, *args, **kwargs):
        if self.to == [refused.recipient]:
            raise smtplib.SMTPRecipientsRefused({refused.recipient: (550, b"No such mailbox")})
        return send(self, *args, **kwargs)

    monkeypatch.setattr("django.core.mail.message.EmailMessage.send", refuse_one)
    ids = [first.pk, refused.pk, last.pk]
    assert services.notification_send_batch(notification_ids=ids) == services.BatchOutcome(
        sent=[first.pk, last.pk], retry={10: [refused.pk]}, failed=[], left_over=[]
    )
    assert services.notification_send_batch(notification_ids=ids) == services.BatchOutcome(
        sent=[], retry={}, failed=[refused.pk], left_over=[]
    )
    refused.refresh_from_db()
    assert (refused.status, refused.attempts) == (NotificationStatus.FAILED, 2)
    assert _message_ids() == [
        f"<{first.idempotency_key}@wsis-portal>",
        f"<{last.idempotency_key}@wsis-portal>",
    ]


def test_notification_send_batch_out_of_time_returns_the_rest(settings):
    settings.NOTIFICATION_SEND_BATCH_SECONDS = 0
    notifications = NotificationFactory.create_batch(3)
    ids = [notification.pk for notification in notifications]
    assert services.notification_send_batch(notification_ids=ids) == services.BatchOutcome(
        sent=ids[:1], retry={}, failed=[], left_over=ids[1:]
    )
    # The task hands the rest to a new batch at once (here, inline: tasks run eagerly).
    task_send_notifications.delay(ids)
    assert _message_ids() == [f"<{n.idempotency_key}@wsis-portal>" for n in notifications]


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
