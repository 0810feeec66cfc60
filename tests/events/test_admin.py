import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core import mail
from django.urls import reverse

from events import services
from events.enums import OutcomeStatus
from events.models import OutcomeDocument
from tests.events.factories import (
    EventFactory,
    SessionFactory,
    complete_content,
    member,
    secretariat,
)

pytestmark = pytest.mark.django_db
CHANGELIST = reverse("admin:events_outcomedocument_changelist")


@pytest.fixture
def submitted():
    organiser = member()
    outcomes = []
    for number in (1, 2):
        session = SessionFactory(number=number, organisers=[organiser.organisations.get()])
        outcomes.append(
            services.outcome_submit(session=session, by=organiser, content=complete_content())
        )
    return outcomes


@pytest.fixture
def staff_client(client):
    client.force_login(secretariat())
    return client


def test_admin_bulk_publish(staff_client, submitted, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            CHANGELIST,
            {"action": "publish", ACTION_CHECKBOX_NAME: [o.pk for o in submitted]},
        )
    assert response.status_code == 302
    assert set(OutcomeDocument.objects.values_list("status", flat=True)) == {"published"}
    assert len(mail.outbox) == 2


def test_admin_request_changes_asks_for_the_reason(staff_client, submitted):
    ids = [o.pk for o in submitted]
    page = staff_client.post(CHANGELIST, {"action": "request_changes", ACTION_CHECKBOX_NAME: ids})
    assert page.status_code == 200
    assert "Reason (the organisers will read it)" in page.content.decode()
    assert set(OutcomeDocument.objects.values_list("status", flat=True)) == {"submitted"}
    done = staff_client.post(
        CHANGELIST,
        {
            "action": "request_changes",
            "apply": "1",
            "reason": "Add figures.",
            ACTION_CHECKBOX_NAME: ids,
        },
    )
    assert done.status_code == 302
    assert set(OutcomeDocument.objects.values_list("status", "change_reason")) == {
        (OutcomeStatus.CHANGES_REQUESTED, "Add figures.")
    }


def test_admin_change_page_shows_the_diff(staff_client, submitted):
    outcome = submitted[0]
    staff = secretariat()
    services.outcome_request_changes(outcome=outcome, by=staff, reason="More.")
    organiser = outcome.session.organisers.get().memberships.get().user
    services.outcome_submit(
        session=outcome.session,
        by=organiser,
        content=complete_content(action_plan=["Plan A", "Plan B", "Plan C"]),
    )
    page = staff_client.get(
        reverse("admin:events_outcomedocument_change", args=[outcome.pk])
    ).content.decode()
    assert "+Plan A" in page
    assert "-Recommendation 1" in page


def test_admin_pages_load(staff_client, submitted):
    EventFactory()
    for name in ("event", "session", "outcomedocument", "forumoutcomeversion"):
        assert staff_client.get(reverse(f"admin:events_{name}_changelist")).status_code == 200
    assert (
        staff_client.get(
            reverse("admin:events_session_change", args=[submitted[0].session.pk])
        ).status_code
        == 200
    )


def test_admin_compile_action(staff_client, submitted):
    services.outcome_publish(outcome=submitted[0], by=secretariat())
    event = submitted[0].session.event
    response = staff_client.post(
        reverse("admin:events_event_changelist"),
        {"action": "compile_outcome_document", ACTION_CHECKBOX_NAME: [event.pk]},
    )
    assert response.status_code == 302
    assert [v.label for v in event.outcome_versions.all()] == ["v1.0"]


def test_admin_edit_goes_through_the_service_with_the_lock(staff_client, submitted):
    outcome = submitted[0]
    url = reverse("admin:events_outcomedocument_change", args=[outcome.pk])
    data = {
        "key_issues": "\n".join(f"Edited {i}" for i in range(5)),
        "views_wsis20": "\n".join(outcome.views_wsis20),
        "tangible_outcomes": "\n".join(outcome.tangible_outcomes),
        "action_plan": "\n".join(outcome.action_plan),
        "thematic_suggestions": "Edited paragraph.",
        "lock_version_seen": outcome.lock_version,
        "revisions-TOTAL_FORMS": "1",
        "revisions-INITIAL_FORMS": "1",
        "revisions-MIN_NUM_FORMS": "0",
        "revisions-MAX_NUM_FORMS": "1000",
        "revisions-0-id": outcome.revisions.get().pk,
        "revisions-0-outcome": outcome.pk,
    }
    assert staff_client.post(url, data).status_code == 302
    outcome.refresh_from_db()
    assert (outcome.key_issues[0], outcome.thematic_suggestions) == (
        "Edited 0",
        "Edited paragraph.",
    )
    stale = staff_client.post(url, {**data, "thematic_suggestions": "Stale."})
    assert stale.status_code == 200
    assert "Somebody else changed this outcome document" in stale.content.decode()
    outcome.refresh_from_db()
    assert outcome.thematic_suggestions == "Edited paragraph."
