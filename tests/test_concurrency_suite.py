"""50 people's browsers (or API clients) hand in the same thing at the same moment, through the
real pages and API on PostgreSQL: real threads, each with its own database connection, released
together by a barrier. The row lock of the workflow decides: exactly one state change, one audit
row and one set of notifications; every other request gets an ordinary answer, never a 5xx.
(Votes: tests/prizes/test_concurrency.py.)"""

import threading
from collections import Counter

import pytest
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test import Client
from django.utils import timezone

from stocktaking.models import Entry
from stocktaking.prizes.enums import Phase, PrizeEntryStatus
from stocktaking.prizes.models import PrizeEntry
from tests.conftest import FIGURES
from tests.factories import MembershipFactory
from tests.prizes.factories import ContestFactory, PrizeEntryFactory
from tests.stocktaking.factories import EntryFactory
from wsis.models import AuditEntry, Notification

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not settings.IS_POSTGRESQL,
        reason="SQLite serialises every write with one database lock, so it cannot show a race",
    ),
]
THREADS = 50
RUNS: dict[str, str] = {}


def send_together(clients: list[Client], send) -> Counter:
    """Every client sends at once (`send(client)` returns the response); their statuses."""
    barrier = threading.Barrier(len(clients))
    statuses: list = []
    lock = threading.Lock()

    def worker(client):
        try:
            barrier.wait()
            status = send(client).status_code
        except Exception as error:  # noqa: BLE001 - an exception is an outcome the test counts
            status = type(error).__name__
        finally:
            connection.close()
        with lock:
            statuses.append(status)

    threads = [threading.Thread(target=worker, args=(client,)) for client in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return Counter(statuses)


def _signed_in(user) -> list[Client]:
    clients = []
    for _ in range(THREADS):
        client = Client()
        client.force_login(user)
        clients.append(client)
    return clients


def _audit_actions(obj) -> list[str]:
    return list(
        AuditEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk)
        ).values_list("action", flat=True)
    )


def _figure(name: str, statuses: Counter) -> None:
    RUNS[name] = ", ".join(f"{count}× {status}" for status, count in sorted(statuses.items()))
    FIGURES["concurrent submissions"] = "; ".join(
        f"{THREADS} {run}: {answers}" for run, answers in RUNS.items()
    )


def test_50_concurrent_page_submissions_of_one_prize_entry_record_one():
    contest = ContestFactory(in_phase=Phase.ENTRIES_OPEN, at=timezone.now())
    member = MembershipFactory().user
    entry = PrizeEntryFactory(contest=contest, organisation=member.memberships.get().organisation)

    statuses = send_together(
        _signed_in(member), lambda client: client.post(f"/prizes/entries/{entry.pk}/submit/")
    )

    # Each browser is sent back to the entry: one told it is submitted, the others that it
    # already was.
    assert statuses == {302: THREADS}
    assert PrizeEntry.objects.get(pk=entry.pk).status == PrizeEntryStatus.SUBMITTED
    assert _audit_actions(entry) == ["prize_entry.submit"]
    received = Notification.objects.filter(template="prizes_entry_received")
    assert sorted(received.values_list("recipient", flat=True)) == sorted(
        [member.email, settings.SECRETARIAT_EMAIL]
    )
    _figure("page submissions of one prize entry", statuses)


def test_50_concurrent_api_submissions_of_one_stocktaking_entry_record_one():
    member = MembershipFactory().user
    entry = EntryFactory(organisation=member.memberships.get().organisation)

    statuses = send_together(
        _signed_in(member),
        lambda client: client.post(f"/api/v1/stocktaking/entries/{entry.pk}/submit/"),
    )

    assert statuses == {200: 1, 409: THREADS - 1}
    stored = Entry.objects.get(pk=entry.pk)
    # One transition: the status moved once and the version grew by one.
    assert (stored.status, stored.lock_version) == ("submitted", entry.lock_version + 1)
    assert _audit_actions(entry) == ["stocktaking_entry.submit"]
    # The secretariat learns of it in the daily digest; the submitter gets one receipt, once.
    assert list(Notification.objects.values_list("template", flat=True)) == [
        "stocktaking_entry_submit"
    ]
    _figure("API submissions of one stocktaking entry", statuses)
