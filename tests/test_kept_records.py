"""Admin deletes never cascade away published or audited records (issue 13, item 9).

Deleting an event, a session, a roadmap or a version in the admin, one or several at once, is
refused with the list of what is in the way when it would take a published outcome document, a
Forum Outcome Document version, a published roadmap version or anything the audit log speaks of;
what holds nothing of the kind is still deleted.
"""

from __future__ import annotations

import pytest

from events.enums import OutcomeStatus
from events.models import Event, ForumOutcomeVersion, OutcomeDocument, Session
from roadmaps.enums import VersionStatus
from roadmaps.models import Roadmap, RoadmapVersion
from tests.events.factories import (
    EventFactory,
    ForumOutcomeVersionFactory,
    OutcomeDocumentFactory,
    SessionFactory,
)
from tests.factories import secretariat_user
from tests.roadmaps.factories import version_with_clauses
from wsis.services import audit_record

pytestmark = pytest.mark.django_db

REFUSED = "would require deleting the following protected related objects"


@pytest.fixture
def admin_client(client):
    client.force_login(secretariat_user())
    return client


def _delete(client, url: str):
    page = client.get(url)
    answer = client.post(url, {"post": "yes"})
    return page, answer


def test_an_event_with_a_published_outcome_document_is_not_deleted(admin_client):
    outcome = OutcomeDocumentFactory(status=OutcomeStatus.PUBLISHED)
    event = outcome.session.event

    page, answer = _delete(admin_client, f"/admin/events/event/{event.pk}/delete/")

    assert REFUSED in page.content.decode()
    assert f"Outcome document: {outcome} (published)" in page.content.decode()
    assert answer.status_code == 200
    assert REFUSED in answer.content.decode()
    assert OutcomeDocument.objects.filter(pk=outcome.pk).exists()
    assert Session.objects.filter(pk=outcome.session_id).exists()


def test_a_session_with_an_audited_draft_outcome_is_not_deleted(admin_client):
    outcome = OutcomeDocumentFactory(status=OutcomeStatus.DRAFT)
    audit_record(actor=None, action="events_outcome.create", obj=outcome, after={})

    page, _answer = _delete(admin_client, f"/admin/events/session/{outcome.session_id}/delete/")

    assert "(in the audit log)" in page.content.decode()
    assert OutcomeDocument.objects.filter(pk=outcome.pk).exists()


def test_an_event_with_forum_outcome_versions_is_not_deleted(admin_client):
    version = ForumOutcomeVersionFactory()

    _page, answer = _delete(admin_client, f"/admin/events/event/{version.event_id}/delete/")

    assert REFUSED in answer.content.decode()
    assert ForumOutcomeVersion.objects.filter(pk=version.pk).exists()


def test_an_event_holding_nothing_kept_is_deleted(admin_client):
    session = SessionFactory()
    OutcomeDocumentFactory(session=SessionFactory(event=session.event), status=OutcomeStatus.DRAFT)

    _page, answer = _delete(admin_client, f"/admin/events/event/{session.event_id}/delete/")

    assert answer.status_code == 302
    assert not Event.objects.filter(pk=session.event_id).exists()


def test_the_bulk_delete_of_events_is_refused_too(admin_client):
    kept = OutcomeDocumentFactory(status=OutcomeStatus.PUBLISHED).session.event
    free = EventFactory()

    answer = admin_client.post(
        "/admin/events/event/",
        {"action": "delete_selected", "_selected_action": [kept.pk, free.pk], "post": "yes"},
    )

    assert answer.status_code == 200
    assert "protected related objects" in answer.content.decode()
    assert Event.objects.filter(pk__in=[kept.pk, free.pk]).count() == 2


@pytest.mark.parametrize("status", [VersionStatus.PUBLISHED, VersionStatus.SUPERSEDED])
def test_a_roadmap_with_a_published_version_is_not_deleted(admin_client, status):
    version = version_with_clauses(status=status)

    roadmap_page, _answer = _delete(
        admin_client, f"/admin/roadmaps/roadmap/{version.roadmap_id}/delete/"
    )
    version_page, _answer = _delete(
        admin_client, f"/admin/roadmaps/roadmapversion/{version.pk}/delete/"
    )

    assert REFUSED in roadmap_page.content.decode()
    assert REFUSED in version_page.content.decode()
    assert RoadmapVersion.objects.filter(pk=version.pk).exists()
    assert Roadmap.objects.filter(pk=version.roadmap_id).exists()


def test_an_audited_draft_version_is_not_deleted_and_a_bare_one_is(admin_client):
    audited = version_with_clauses(status=VersionStatus.DRAFT)
    audit_record(actor=None, action="roadmap_version.draft", obj=audited, after={})
    bare = version_with_clauses(status=VersionStatus.DRAFT, roadmap=audited.roadmap)

    _page, refused = _delete(admin_client, f"/admin/roadmaps/roadmapversion/{audited.pk}/delete/")
    _page, deleted = _delete(admin_client, f"/admin/roadmaps/roadmapversion/{bare.pk}/delete/")

    assert REFUSED in refused.content.decode()
    assert deleted.status_code == 302
    assert list(RoadmapVersion.objects.values_list("pk", flat=True)) == [audited.pk]
