"""The one optimistic lock of the portal (`wsis.locking`): the compare-and-increment edit, the
version check of a workflow move, the 409 page that keeps what was typed and the API's 409."""

import pytest
from django.test import Client

from events import services as events_services
from events.enums import OutcomeStatus
from events.models import OutcomeDocument
from roadmaps.workflow import VERSION_WORKFLOW
from stocktaking import services as stocktaking_services
from stocktaking.enums import EntryStatus
from stocktaking.models import Entry
from tests.events.factories import OutcomeDocumentFactory, SessionFactory, complete_content
from tests.factories import MembershipFactory, secretariat_user
from tests.roadmaps.factories import version_with_clauses
from tests.stocktaking.factories import EntryFactory, entry_form_data
from wsis.locking import StaleVersion, versioned_delete, versioned_update
from wsis.models import AuditEntry
from wsis.workflow import workflow_transition

pytestmark = pytest.mark.django_db


def test_versioned_update_refuses_a_stale_version_with_the_stored_row():
    entry = EntryFactory(title="Stored")
    version = entry.lock_version
    versioned_update(entry, expected=version, values={"title": "First"})

    with pytest.raises(StaleVersion) as refused:
        versioned_update(entry, expected=version, values={"title": "Second"}, message="Changed.")

    stored = Entry.objects.get(pk=entry.pk)
    assert (stored.title, stored.lock_version) == ("First", version + 1)
    assert (str(refused.value), refused.value.code) == ("Changed.", "conflict")
    assert (refused.value.current.title, refused.value.attempted) == ("First", {"title": "Second"})


def test_versioned_delete_refuses_a_stale_version_and_passes_over_a_row_already_gone():
    entry = EntryFactory(title="Stored")
    version = entry.lock_version
    versioned_update(entry, expected=version, values={"title": "Saved meanwhile"})

    with pytest.raises(StaleVersion) as refused:
        versioned_delete(entry, expected=version, message="Changed.")

    assert refused.value.current.title == "Saved meanwhile"
    assert versioned_delete(entry, expected=version + 1) is True
    assert not Entry.objects.filter(pk=entry.pk).exists()
    assert versioned_delete(entry, expected=version + 1) is False


def test_versioned_update_refuses_a_row_no_longer_in_the_state_asked_for():
    entry = EntryFactory(status=EntryStatus.SUBMITTED)

    with pytest.raises(StaleVersion):
        versioned_update(
            entry,
            expected=entry.lock_version,
            values={"title": "Late"},
            where={"status__in": (EntryStatus.DRAFT,)},
        )

    assert Entry.objects.get(pk=entry.pk).title == entry.title


def test_a_move_grows_the_version_in_the_row_and_on_the_object():
    member = MembershipFactory().user
    entry = EntryFactory(organisation=member.memberships.get().organisation)
    version = entry.lock_version

    stocktaking_services.entry_submit(entry=entry, by=member)

    stored = Entry.objects.get(pk=entry.pk)
    assert (entry.status, entry.lock_version) == ("submitted", version + 1)
    assert (stored.status, stored.lock_version) == ("submitted", version + 1)


def test_a_move_with_a_stale_expected_version_changes_nothing():
    outcome = OutcomeDocumentFactory(
        status=OutcomeStatus.SUBMITTED, lock_version=4, **complete_content()
    )

    with pytest.raises(StaleVersion) as refused:
        events_services.outcome_publish(outcome=outcome, by=secretariat_user(), lock_version=3)

    stored = OutcomeDocument.objects.get(pk=outcome.pk)
    assert (stored.status, stored.lock_version) == ("submitted", 4)
    assert str(refused.value).startswith("Somebody else changed this outcome document")
    assert not AuditEntry.objects.filter(action="events_outcome.approve").exists()


def test_a_move_with_the_current_version_goes_through():
    outcome = OutcomeDocumentFactory(
        status=OutcomeStatus.SUBMITTED, lock_version=4, **complete_content()
    )

    events_services.outcome_publish(outcome=outcome, by=secretariat_user(), lock_version=4)

    stored = OutcomeDocument.objects.get(pk=outcome.pk)
    assert (stored.status, stored.lock_version) == ("published", 5)


def test_expected_version_on_a_workflow_without_versions_is_a_programming_error():
    version = version_with_clauses(status="draft")

    with pytest.raises(ValueError, match="carry no version") as error:
        workflow_transition(
            workflow=VERSION_WORKFLOW,
            obj=version,
            to="submitted",
            by=secretariat_user(),
            expected_version=1,
        )

    assert str(error.value) == "roadmap_version: its objects carry no version to compare"


def test_the_409_page_keeps_what_was_typed_and_links_the_current_version():
    member = MembershipFactory().user
    entry = EntryFactory(organisation=member.memberships.get().organisation)
    address = f"/stocktaking/mine/{entry.pk}/edit/"
    client = Client()
    client.force_login(member)
    read = entry.lock_version
    assert client.post(address, entry_form_data(read, "First writer")).status_code == 302

    refused = client.post(address, entry_form_data(read, "My careful rewrite"))

    page = refused.content.decode()
    assert (refused.status_code, refused.context["form"]["title"].value()) == (
        409,
        "My careful rewrite",
    )
    assert refused.context["form"].non_field_errors() == [
        (
            "Somebody else changed this entry while you were editing it. "
            "Reload it to see their changes, then apply yours again."
        )
    ]
    assert (
        f'<a href="{address}" target="_blank" rel="noopener">'
        "Open the current version in a new tab</a>" in page
    )
    assert 'value="My careful rewrite"' in page
    assert Entry.objects.get(pk=entry.pk).title == "First writer"


def test_the_api_answers_a_stale_writer_with_its_one_conflict_error():
    organisation_member = MembershipFactory()
    session = SessionFactory(organisers=[organisation_member.organisation])
    OutcomeDocumentFactory(session=session, lock_version=2)
    client = Client()
    client.force_login(organisation_member.user)

    refused = client.put(
        f"/api/v1/events/sessions/{session.pk}/outcome/",
        {"thematic_suggestions": "Late", "lock_version": 1},
        "application/json",
    )

    assert (refused.status_code, refused.json()["error"]["code"]) == (409, "conflict")
    assert refused.json()["error"]["message"].startswith(
        "Somebody else changed this outcome document"
    )
