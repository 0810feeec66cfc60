"""Mail faults against a real SMTP server on loopback: down, back, slow, and a worker killed."""

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.db import connection, transaction

from tests.conftest import BROKER_IS_REAL
from tests.factories import NotificationFactory, secretariat_user
from tests.smtp_sink import SmtpSink, free_port
from wsis import services
from wsis.enums import NotificationStatus
from wsis.models import Notification

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def smtp(settings):
    """Points Django's SMTP backend at a port where the sink can be started and stopped."""
    port = free_port()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_TIMEOUT = 5
    sink = SmtpSink(port)
    yield sink
    sink.stop()


def _queue(key: str, recipient: str = "faults@example.org") -> Notification:
    return services.notification_queue(
        recipient=recipient,
        template="membership_added",
        context={"organisation": "Fault Org", "added_by": "Test"},
        idempotency_key=key,
    )


def _wait_until(predicate, timeout: float = 30.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return False


@pytest.mark.django_db
def test_smtp_down_then_back_message_delivered_once(smtp):
    notification = _queue("smtp-down-back")
    outcome = services.notification_send(notification_id=notification.pk)
    assert (outcome.status, outcome.retry_in_seconds) == ("retrying", 30)
    notification.refresh_from_db()
    assert notification.last_error.startswith("ConnectionRefusedError")

    smtp.start()
    assert services.notification_send(notification_id=notification.pk).status == "sent"
    assert services.notification_send(notification_id=notification.pk).status == "sent"
    assert smtp.message_ids == ["<smtp-down-back@wsis-portal>"]


@pytest.mark.django_db
def test_smtp_connection_reused_and_replaced_when_dead(smtp):
    smtp.start()
    for key in ("reuse-1", "reuse-2", "reuse-3"):
        services.notification_send(notification_id=_queue(key).pk)
    assert smtp.connections == 1
    smtp.stop()
    smtp.start()  # the open connection is now dead: the next message replaces it at once
    assert services.notification_send(notification_id=_queue("reuse-4").pk).status == "sent"
    assert smtp.connections == 2
    assert smtp.message_ids == [f"<reuse-{n}@wsis-portal>" for n in (1, 2, 3, 4)]


@pytest.mark.django_db
def test_smtp_down_past_last_retry_is_failed_in_admin_and_resend_delivers(
    smtp, settings, client, django_capture_on_commit_callbacks
):
    settings.NOTIFICATION_MAX_ATTEMPTS = 2
    notification = _queue("smtp-failed")
    for _ in range(2):
        services.notification_send(notification_id=notification.pk)
    notification.refresh_from_db()
    assert (notification.status, notification.attempts) == (NotificationStatus.FAILED, 2)

    client.force_login(secretariat_user())
    listing = client.get("/admin/wsis/notification/", {"status__exact": "failed"})
    assert listing.status_code == 200
    assert list(listing.context["cl"].result_list) == [notification]

    smtp.start()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/admin/wsis/notification/",
            {"action": "send_again", "_selected_action": [notification.pk]},
        )
    assert response.status_code == 302
    notification.refresh_from_db()
    assert notification.status == NotificationStatus.SENT
    assert smtp.message_ids == ["<smtp-failed@wsis-portal>"]


def _statuses(notifications: list[Notification]) -> list[tuple[str, int]]:
    return [
        Notification.objects.values_list("status", "attempts").get(pk=notification.pk)
        for notification in notifications
    ]


@pytest.mark.django_db
def test_batch_is_sent_over_one_connection(smtp):
    smtp.start()
    ids = [_queue(f"batch-{n}").pk for n in (1, 2, 3, 4, 5)]
    outcome = services.notification_send_batch(notification_ids=ids)
    assert outcome == services.BatchOutcome(sent=ids, retry={}, failed=[], left_over=[])
    assert smtp.connections == 1
    assert smtp.message_ids == [f"<batch-{n}@wsis-portal>" for n in (1, 2, 3, 4, 5)]


@pytest.mark.django_db
def test_batch_failure_in_the_middle_leaves_the_others_sent_and_retries_it(smtp):
    smtp.refused_recipients.add("refused@example.org")
    smtp.start()
    first = _queue("middle-1")
    refused = _queue("middle-2", recipient="refused@example.org")
    last = _queue("middle-3")
    ids = [first.pk, refused.pk, last.pk]
    outcome = services.notification_send_batch(notification_ids=ids)
    assert outcome == services.BatchOutcome(
        sent=[first.pk, last.pk], retry={30: [refused.pk]}, failed=[], left_over=[]
    )
    refused.refresh_from_db()
    assert (refused.status, refused.attempts) == (NotificationStatus.RETRYING, 1)
    assert refused.last_error.startswith("SMTPRecipientsRefused")
    assert smtp.message_ids == ["<middle-1@wsis-portal>", "<middle-3@wsis-portal>"]

    smtp.refused_recipients.clear()  # the retry, the whole batch delivered again by mistake too
    outcome = services.notification_send_batch(notification_ids=ids)
    assert outcome == services.BatchOutcome(sent=[refused.pk], retry={}, failed=[], left_over=[])
    assert _statuses([first, refused, last]) == [
        (NotificationStatus.SENT, 1),
        (NotificationStatus.SENT, 2),
        (NotificationStatus.SENT, 1),
    ]
    assert smtp.message_ids == [
        "<middle-1@wsis-portal>",
        "<middle-3@wsis-portal>",
        "<middle-2@wsis-portal>",
    ]


needs_postgresql = pytest.mark.skipif(
    not django_settings.IS_POSTGRESQL,
    reason="row locks between connections need PostgreSQL (CI runs this)",
)


@needs_postgresql
@pytest.mark.django_db(transaction=True)
def test_batch_skips_the_message_another_worker_is_sending(smtp):
    smtp.start()
    notifications = NotificationFactory.create_batch(3)
    held = notifications[1]
    locked, release = threading.Event(), threading.Event()

    def other_worker_sending() -> None:
        try:
            with transaction.atomic():
                Notification.objects.select_for_update().get(pk=held.pk)
                locked.set()
                release.wait(timeout=30)
        finally:
            connection.close()

    other = threading.Thread(target=other_worker_sending)
    other.start()
    try:
        assert locked.wait(timeout=10)
        ids = [notification.pk for notification in notifications]
        outcome = services.notification_send_batch(notification_ids=ids)
    finally:
        release.set()
        other.join(timeout=30)
    assert outcome == services.BatchOutcome(
        sent=[ids[0], ids[2]], retry={}, failed=[], left_over=[]
    )
    # Skipped, not failed: untouched, and sent once by whoever sends it next.
    assert _statuses([held]) == [(NotificationStatus.QUEUED, 0)]
    assert services.notification_send_batch(notification_ids=ids).sent == [held.pk]
    assert smtp.message_ids == [
        f"<{notifications[n].idempotency_key}@wsis-portal>" for n in (0, 2, 1)
    ]


@needs_postgresql
@pytest.mark.django_db(transaction=True)
def test_two_batches_of_the_same_messages_at_once_send_each_once(smtp):
    smtp.start()
    notifications = NotificationFactory.create_batch(30)
    ids = [notification.pk for notification in notifications]
    start = threading.Barrier(2)
    outcomes: list[services.BatchOutcome] = []

    def worker() -> None:
        try:
            start.wait(timeout=10)
            outcomes.append(services.notification_send_batch(notification_ids=ids))
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(outcomes[0].sent + outcomes[1].sent) == ids
    assert sorted(smtp.message_ids) == sorted(
        f"<{n.idempotency_key}@wsis-portal>" for n in notifications
    )
    assert len(smtp.message_ids) == 30
    assert _statuses(notifications) == [(NotificationStatus.SENT, 1)] * 30


needs_broker = pytest.mark.skipif(
    not BROKER_IS_REAL, reason="needs a real broker: set CELERY_BROKER_URL (CI does)"
)


@needs_broker
@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_worker_retries_with_backoff_until_smtp_returns(smtp, settings):
    from celery.contrib.testing.worker import start_worker

    from tests.wsis.test_celery_worker import _close_worker_connections
    from wsis.celery import app as celery_app

    settings.NOTIFICATION_RETRY_BASE_SECONDS = 1
    from celery.signals import task_postrun

    task_postrun.connect(_close_worker_connections, weak=False)
    try:
        with start_worker(celery_app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
            with transaction.atomic():
                notification = _queue("worker-backoff")
            assert _wait_until(lambda: Notification.objects.get(pk=notification.pk).attempts >= 2)
            smtp.start()
            assert _wait_until(
                lambda: (
                    Notification.objects.get(pk=notification.pk).status == NotificationStatus.SENT
                )
            )
    finally:
        task_postrun.disconnect(_close_worker_connections)
    notification.refresh_from_db()
    assert notification.attempts >= 3
    assert notification.last_error == ""
    assert smtp.message_ids == ["<worker-backoff@wsis-portal>"]


def _start_worker_process(name: str, email_port: int) -> subprocess.Popen:
    database = django_settings.DATABASES["default"]
    env = os.environ | {
        "DATABASE_URL": (
            f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/{database['NAME']}"
        ),
        "EMAIL_URL": f"smtp://127.0.0.1:{email_port}",
        "CELERY_BROKER_URL": django_settings.CELERY_BROKER_URL,
    }
    return subprocess.Popen(
        [
            sys.executable, "-m", "celery", "-A", "wsis", "worker", "--pool", "prefork",
            "--concurrency", "1", "--hostname", f"{name}@%h", "--loglevel", "WARNING",
            "--without-mingle", "--without-gossip",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip


def _pool_children(worker: subprocess.Popen) -> list[int]:
    found = subprocess.run(
        ["pgrep", "-P", str(worker.pid)], capture_output=True, text=True, check=False
    )
    return [int(pid) for pid in found.stdout.split()]


@needs_broker
@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    not django_settings.IS_POSTGRESQL,
    reason="worker processes reach the test database only on PostgreSQL (CI runs this)",
)
def test_worker_killed_mid_task_task_runs_again_and_mails_once():
    port = free_port()
    # The first connection hangs in EHLO: the worker is killed while it is there, mid-task.
    sink = SmtpSink(port, slow_connections=1, delay_seconds=20)
    sink.start()
    workers = [_start_worker_process(name, port) for name in ("first", "second")]
    try:
        with transaction.atomic():
            notification = _queue("worker-killed")
        assert sink.ehlo_seen.wait(timeout=60)
        for worker in workers:
            for pid in _pool_children(worker):
                os.kill(pid, signal.SIGKILL)
        assert _wait_until(
            lambda: Notification.objects.get(pk=notification.pk).status == NotificationStatus.SENT,
            timeout=60,
        )
    finally:
        for worker in workers:
            worker.terminate()
        for worker in workers:
            worker.wait(timeout=30)
        sink.stop()
    assert sink.connections == 2
    assert sink.message_ids == ["<worker-killed@wsis-portal>"]


@needs_broker
@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    not django_settings.IS_POSTGRESQL,
    reason="worker processes reach the test database only on PostgreSQL (CI runs this)",
)
def test_worker_killed_mid_batch_sends_each_message_once():
    port = free_port()
    # The second message hangs at its recipient, once: the worker is killed there, mid-batch,
    # after the first message went out.
    sink = SmtpSink(port, slow_recipients=frozenset({"slow@example.org"}), delay_seconds=20)
    sink.start()
    workers = [_start_worker_process(name, port) for name in ("first", "second")]
    try:
        with transaction.atomic():
            batch = [
                _queue("killed-batch-1"),
                _queue("killed-batch-2", recipient="slow@example.org"),
                _queue("killed-batch-3"),
            ]
        assert sink.slow_recipient_seen.wait(timeout=60)
        assert _statuses(batch) == [
            (NotificationStatus.SENT, 1),
            (NotificationStatus.QUEUED, 0),
            (NotificationStatus.QUEUED, 0),
        ]
        for worker in workers:
            for pid in _pool_children(worker):
                os.kill(pid, signal.SIGKILL)
        assert _wait_until(
            lambda: all(status == NotificationStatus.SENT for status, _ in _statuses(batch)),
            timeout=60,
        )
    finally:
        for worker in workers:
            worker.terminate()
        for worker in workers:
            worker.wait(timeout=30)
        sink.stop()
    assert _statuses(batch) == [(NotificationStatus.SENT, 1)] * 3
    assert sink.connections == 2
    assert sink.message_ids == [f"<killed-batch-{n}@wsis-portal>" for n in (1, 2, 3)]
