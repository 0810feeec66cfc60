"""The secretariat's moderation in the admin: queue, bulk decisions, diff, history, CSV."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from stocktaking import services
from stocktaking.enums import EntryStatus
from tests.stocktaking.factories import EntryFactory

pytestmark = pytest.mark.django_db

S = EntryStatus
QUEUE = "/admin/stocktaking/entry/"


@pytest.fixture
def secretariat_client(client, people):
    client.force_login(people["secretariat"])
    return client


def test_queue_shows_waiting_entries_by_default(secretariat_client):
    EntryFactory(status=S.SUBMITTED, title="Waiting one")
    EntryFactory(status=S.RESUBMITTED, title="Waiting two")
    EntryFactory(status=S.APPROVED, title="Done already")
    response = secretariat_client.get(QUEUE)
    assert response.status_code == 200
    titles = sorted(e.title for e in response.context["cl"].result_list)
    assert titles == ["Waiting one", "Waiting two"]
    response = secretariat_client.get(QUEUE, {"state": "all"})
    assert len(response.context["cl"].result_list) == 3


def test_queue_filters_by_action_line_region_type_and_age(secretariat_client):
    EntryFactory(status=S.SUBMITTED, title="In Kenya", relations__country="KE")
    EntryFactory(status=S.SUBMITTED, title="In Peru", relations__country="PE")
    response = secretariat_client.get(QUEUE, {"age": "week"})
    assert len(response.context["cl"].result_list) == 2
    from wsis.models import ItuRegion

    africa = ItuRegion.objects.get(code="africa")
    response = secretariat_client.get(QUEUE, {"regions__id__exact": africa.pk})
    assert [e.title for e in response.context["cl"].result_list] == ["In Kenya"]
    response = secretariat_client.get(QUEUE, {"age": "older"})
    assert list(response.context["cl"].result_list) == []


def test_queue_query_count_is_constant(secretariat_client):
    EntryFactory(status=S.SUBMITTED)
    with CaptureQueriesContext(connection) as one:
        assert secretariat_client.get(QUEUE).status_code == 200
    for _ in range(24):
        EntryFactory(status=S.SUBMITTED, relations__country="PE")
    with CaptureQueriesContext(connection) as many:
        response = secretariat_client.get(QUEUE)
    assert response.context["cl"].result_count == 25
    assert len(many) == len(one)


def test_bulk_request_changes_asks_reason_then_applies(
    secretariat_client, django_capture_on_commit_callbacks
):
    first = EntryFactory(status=S.SUBMITTED, title="First")
    second = EntryFactory(status=S.SUBMITTED, title="Second")
    selection = {
        "action": "request_changes_selected",
        ACTION_CHECKBOX_NAME: [first.pk, second.pk],
    }
    response = secretariat_client.post(QUEUE, selection)
    assert response.status_code == 200
    assert b"What will change" in response.content
    first.refresh_from_db()
    assert first.status == S.SUBMITTED
    response = secretariat_client.post(QUEUE, {**selection, "confirm": "yes", "reason": ""})
    assert response.status_code == 200
    assert response.context["form"].errors["reason"] == [
        "A reason is required: the submitter will see it."
    ]
    with django_capture_on_commit_callbacks(execute=True):
        response = secretariat_client.post(
            QUEUE, {**selection, "confirm": "yes", "reason": "Add your partners."}
        )
    assert response.status_code == 302
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == (S.CHANGES_REQUESTED, S.CHANGES_REQUESTED)
    assert first.decision_reason == "Add your partners."
    assert len(mail.outbox) == 0  # factory entries have no submitter to mail


def test_bulk_approve_skips_entries_not_waiting(secretariat_client):
    waiting = EntryFactory(status=S.SUBMITTED)
    draft = EntryFactory(status=S.DRAFT)
    response = secretariat_client.post(
        QUEUE + "?state=all",
        {
            "action": "approve_selected",
            ACTION_CHECKBOX_NAME: [waiting.pk, draft.pk],
            "confirm": "yes",
            "reason": "",
        },
        follow=True,
    )
    waiting.refresh_from_db()
    draft.refresh_from_db()
    assert (waiting.status, draft.status) == (S.APPROVED, S.DRAFT)
    messages = [str(m) for m in response.context["messages"]]
    assert messages[0] == "1 entry is now “Approved”."
    assert messages[1].startswith(f"{draft.title}: This item is “draft”")


def test_change_page_shows_revision_diff_and_history(secretariat_client, people, organisation):
    member = people["member"]
    published = EntryFactory(organisation=organisation, status=S.APPROVED, title="Old title")
    revision = services.entry_revision_start(entry=published, by=member)
    services.entry_update(entry=revision, by=member, content={"title": "New title"}, lock_version=1)
    services.entry_submit(entry=revision, by=member)
    response = secretariat_client.get(f"{QUEUE}{revision.pk}/change/")
    assert response.status_code == 200
    content = response.content.decode()
    assert "<del>Old title</del>" in content
    assert "<ins>New title</ins>" in content
    assert "stocktaking_entry.submit" in content
    assert "stocktaking_entry.update" in content


def test_csv_export_of_the_filtered_list(secretariat_client):
    EntryFactory(status=S.SUBMITTED, title="Waiting")
    EntryFactory(status=S.APPROVED, title="Public")
    response = secretariat_client.get(QUEUE + "export-csv/", {"state": "approved"})
    lines = response.content.decode().splitlines()
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert len(lines) == 2
    assert lines[1].split(",")[1] == "Public"
    assert lines[0].endswith("moderation_status,submitted_at")


@pytest.mark.parametrize("role", ["member", "other_org", "expert"])
def test_admin_queue_is_for_staff_only(client, people, role):
    EntryFactory(status=S.SUBMITTED)
    client.force_login(people[role])
    assert client.get(QUEUE).status_code == 302


def test_archive_takes_a_published_entry_off_the_list(secretariat_client, client):
    published = EntryFactory(status=S.APPROVED, title="Old news")
    waiting = EntryFactory(status=S.SUBMITTED)
    response = secretariat_client.post(
        QUEUE + "?state=all",
        {"action": "archive_selected", ACTION_CHECKBOX_NAME: [published.pk, waiting.pk]},
        follow=True,
    )
    published.refresh_from_db()
    waiting.refresh_from_db()
    assert (published.status, waiting.status) == (S.ARCHIVED, S.SUBMITTED)
    assert [str(m) for m in response.context["messages"]] == [
        "1 entry archived.",
        f"{waiting.title}: This item is “submitted” and cannot be moved to “archived”.",
    ]
    client.logout()
    assert client.get(published.get_absolute_url()).status_code == 404
