"""The secretariat's moderation in the admin: queue, bulk decisions, diff, history, CSV."""

import pytest
from django.conf import settings
from django.contrib import admin
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from stocktaking import services
from stocktaking.enums import EntryStatus
from stocktaking.models import Entry
from tests.factories import OrganisationFactory
from tests.query_counts import MAX_QUERIES
from tests.stocktaking.factories import EntryFactory
from wsis.models import ActionLine, ItuRegion, StakeholderType

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


QUEUE_VIEWS = {
    "queue": {},
    "filtered": {
        "action_lines__id__exact": "C2",
        "regions__id__exact": "americas",
        "organisation__stakeholder_type__id__exact": "government",
        "age": "week",
    },
    "searched": {"q": "broadband"},
    "all states": {"state": "all"},
}


def _ids(params: dict) -> dict:
    """The admin's filter parameters name reference rows by id."""
    rows = {
        "action_lines__id__exact": lambda code: ActionLine.objects.get(code=code),
        "regions__id__exact": lambda code: ItuRegion.objects.get(code=code),
        "organisation__stakeholder_type__id__exact": lambda code: StakeholderType.objects.get(
            code=code
        ),
    }
    return {name: rows[name](value).pk if name in rows else value for name, value in params.items()}


@pytest.mark.parametrize("view", QUEUE_VIEWS)
def test_queue_query_count_is_constant(secretariat_client, view):
    government = StakeholderType.objects.get(code="government")
    organisation = OrganisationFactory(stakeholder_type=government)
    params = _ids(QUEUE_VIEWS[view])
    EntryFactory(status=S.SUBMITTED, organisation=organisation, relations__country="PE")
    secretariat_client.get(QUEUE, params)  # the reference lists are read once, then cached
    with CaptureQueriesContext(connection) as one:
        assert secretariat_client.get(QUEUE, params).status_code == 200
    for _ in range(24):
        EntryFactory(status=S.SUBMITTED, organisation=organisation, relations__country="PE")
    with CaptureQueriesContext(connection) as many:
        response = secretariat_client.get(QUEUE, params)
    assert len(response.context["cl"].result_list) == 25
    assert len(many) == len(one)
    assert len(one) <= MAX_QUERIES


def test_queue_filters_by_action_line_and_stakeholder_type(secretariat_client):
    government = OrganisationFactory(
        stakeholder_type=StakeholderType.objects.get(code="government")
    )
    EntryFactory(status=S.SUBMITTED, title="Broadband")  # a civil society organisation's
    EntryFactory(
        status=S.SUBMITTED,
        title="Skills",
        organisation=government,
        primary_action_line=ActionLine.objects.get(code="C4"),
    )
    for params, titles in [
        ({"action_lines__id__exact": "C4"}, ["Skills"]),
        ({"action_lines__id__exact": "C2"}, ["Broadband"]),
        ({"organisation__stakeholder_type__id__exact": "civil_society"}, ["Broadband"]),
        ({"organisation__stakeholder_type__id__exact": "government"}, ["Skills"]),
    ]:
        response = secretariat_client.get(QUEUE, _ids(params))
        assert [e.title for e in response.context["cl"].result_list] == titles, params


@pytest.mark.parametrize("value", ["999999", "C4", "", "1e309"])
def test_queue_filter_values_that_name_no_row_list_nothing(secretariat_client, value):
    EntryFactory(status=S.SUBMITTED)
    response = secretariat_client.get(QUEUE, {"action_lines__id__exact": value})
    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == []


def test_queue_filter_choices_come_from_the_reference_lists(secretariat_client):
    response = secretariat_client.get(QUEUE)
    choices = {
        spec.title: [title for _value, title in spec.lookup_choices]
        for spec in response.context["cl"].filter_specs
    }
    assert choices["Action Lines"][1:4] == [
        "C2 Information and communication infrastructure",
        "C3 Access to information and knowledge",
        "C4 Capacity building",
    ]
    assert len(choices["Action Lines"]) == 18
    assert choices["ITU regions"][:2] == ["Africa", "Americas"]
    assert len(choices["ITU regions"]) == 6
    assert choices["stakeholder type"][:2] == ["Government", "Private sector"]


@pytest.mark.skipif(not settings.IS_POSTGRESQL, reason="the estimate is PostgreSQL's statistics")
def test_every_entry_in_every_state_is_estimated_not_counted(secretariat_client):
    for state in (S.SUBMITTED, S.APPROVED, S.DRAFT):
        EntryFactory(status=state)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE stocktaking_entry")
    with CaptureQueriesContext(connection) as queries:
        response = secretariat_client.get(QUEUE, {"state": "all"})
    assert not [q for q in queries.captured_queries if "COUNT(" in q["sql"].upper()]
    assert response.context["cl"].result_count == 3
    assert len(response.context["cl"].result_list) == 3
    assert (
        "about 3 stocktaking entries (an estimate from the database's statistics, not a count)"
        in response.content.decode()
    )
    waiting = secretariat_client.get(QUEUE)
    assert waiting.context["cl"].result_count == 1
    assert "1 stocktaking entry" in waiting.content.decode()


@pytest.mark.skipif(not settings.IS_POSTGRESQL, reason="the estimate is PostgreSQL's statistics")
def test_selecting_every_entry_in_every_state_names_the_estimate(secretariat_client, monkeypatch):
    monkeypatch.setattr(admin.site._registry[Entry], "list_per_page", 2)
    for state in (S.SUBMITTED, S.APPROVED, S.DRAFT):
        EntryFactory(status=state)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE stocktaking_entry")
    content = secretariat_client.get(QUEUE, {"state": "all"}).content.decode()
    assert "Select all of about 3 stocktaking entries (an estimate)" in content
    assert "All of about 3 stocktaking entries selected (an estimate)" in content
    assert "Select all 3" not in content


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
