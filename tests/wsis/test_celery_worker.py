"""A real Celery worker, in a thread of this process, consuming the real Redis broker."""

import time

import pytest
from celery.contrib.testing.worker import start_worker
from celery.signals import task_postrun
from django.core import mail
from django.db import connections, transaction

from tests.conftest import BROKER_IS_REAL
from wsis import services
from wsis.celery import app as celery_app
from wsis.enums import NotificationStatus
from wsis.models import Notification

pytestmark = [
    pytest.mark.worker,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not BROKER_IS_REAL,
        reason="needs a real broker: set CELERY_BROKER_URL=redis://... (CI does)",
    ),
]


def _close_worker_connections(**kwargs):
    # The worker thread's own database connection must not outlive the test: PostgreSQL refuses
    # to drop the test database while any session is still open.
    connections.close_all()


@pytest.fixture
def worker():
    task_postrun.connect(_close_worker_connections, weak=False)
    try:
        with start_worker(celery_app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
            yield
    finally:
        task_postrun.disconnect(_close_worker_connections)


def _wait_until(predicate, timeout: float = 15.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return False


def _queue(key: str) -> Notification:
    return services.notification_queue(
        recipient="worker@example.org",
        template="membership_added",
        context={"organisation": "Worker Org", "added_by": "Celery"},
        idempotency_key=key,
    )


def test_worker_sends_notification_queued_in_committed_transaction(worker):
    with transaction.atomic():
        notification = _queue("worker-commit")
    assert _wait_until(
        lambda: Notification.objects.get(pk=notification.pk).status == NotificationStatus.SENT
    )
    assert [message.to for message in mail.outbox] == [["worker@example.org"]]


def test_worker_sends_nothing_for_rolled_back_transaction(worker):
    class Abort(Exception):
        pass

    @transaction.atomic
    def queue_then_fail():
        _queue("worker-rollback")
        raise Abort

    with pytest.raises(Abort):
        queue_then_fail()
    # A committed marker queued afterwards is processed in order; once it is sent, the rolled-back
    # one would have been sent already had it ever been queued.
    with transaction.atomic():
        marker = _queue("worker-marker")
    assert _wait_until(
        lambda: Notification.objects.get(pk=marker.pk).status == NotificationStatus.SENT
    )
    assert Notification.objects.filter(idempotency_key="worker-rollback").count() == 0
    assert [message.extra_headers["Message-ID"] for message in mail.outbox] == [
        "<worker-marker@wsis-portal>"
    ]


def test_worker_sends_same_notification_queued_twice_once(worker):
    with transaction.atomic():
        first = _queue("worker-twice")
    with transaction.atomic():
        second = _queue("worker-twice")
    # Deliver the task a second time too, as a redelivery after a lost acknowledgement would.
    from wsis.tasks import task_send_notification

    task_send_notification.delay(first.pk)
    assert first.pk == second.pk
    # The solo worker takes tasks in order: once the marker is sent, both deliveries have run.
    with transaction.atomic():
        marker = _queue("worker-twice-marker")
    assert _wait_until(
        lambda: Notification.objects.get(pk=marker.pk).status == NotificationStatus.SENT
    )
    assert [message.extra_headers["Message-ID"] for message in mail.outbox] == [
        "<worker-twice@wsis-portal>",
        "<worker-twice-marker@wsis-portal>",
    ]


def test_worker_sends_a_transactions_batch_once_even_delivered_twice(worker):
    with transaction.atomic():
        batch = [_queue(f"worker-batch-{n}") for n in (1, 2, 3)]
    # Deliver the batch a second time, as a redelivery after a lost acknowledgement would.
    from wsis.tasks import task_send_notifications

    task_send_notifications.delay([notification.pk for notification in batch])
    # The solo worker takes tasks in order: once the marker is sent, both deliveries have run.
    with transaction.atomic():
        marker = _queue("worker-batch-marker")
    assert _wait_until(
        lambda: Notification.objects.get(pk=marker.pk).status == NotificationStatus.SENT
    )
    assert [message.extra_headers["Message-ID"] for message in mail.outbox] == [
        "<worker-batch-1@wsis-portal>",
        "<worker-batch-2@wsis-portal>",
        "<worker-batch-3@wsis-portal>",
        "<worker-batch-marker@wsis-portal>",
    ]
    assert (
        list(Notification.objects.order_by("pk").values_list("status", "attempts"))
        == [(NotificationStatus.SENT, 1)] * 4
    )
