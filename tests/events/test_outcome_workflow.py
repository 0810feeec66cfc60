import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from events import services
from events.enums import OutcomeStatus
from events.models import OutcomeDocument
from tests.events.factories import SessionFactory, complete_content, member, secretariat
from wsis.locking import StaleVersion
from wsis.models import AuditEntry
from wsis.workflow import ReasonRequired, TransitionNotAllowed

pytestmark = pytest.mark.django_db


@pytest.fixture
def organiser():
    return member()


@pytest.fixture
def session(organiser):
    return SessionFactory(organisers=[organiser.organisations.get()])


def test_outcome_submit_with_4_key_issues_names_the_limit(session, organiser):
    content = complete_content(key_issues=["a", "b", "c", "d"])
    with pytest.raises(ValidationError) as caught:
        services.outcome_submit(session=session, by=organiser, content=content)
    assert caught.value.message_dict == {
        "key_issues": ["4 bullets given; at least 5 are needed (5-8)."]
    }
    assert OutcomeDocument.objects.count() == 0


def test_outcome_submit_with_9_key_issues_names_the_limit(session, organiser):
    content = complete_content(key_issues=[f"issue {i}" for i in range(9)])
    with pytest.raises(ValidationError) as caught:
        services.outcome_submit(session=session, by=organiser, content=content)
    assert caught.value.message_dict == {
        "key_issues": ["9 bullets given; at most 8 are allowed (5-8)."]
    }


def test_outcome_submit_checks_every_section(session, organiser):
    content = {"key_issues": ["only one"]}
    with pytest.raises(ValidationError) as caught:
        services.outcome_submit(session=session, by=organiser, content=content)
    assert sorted(caught.value.message_dict) == [
        "action_plan",
        "key_issues",
        "tangible_outcomes",
        "thematic_suggestions",
        "views_wsis20",
    ]


def test_outcome_draft_may_be_incomplete(session, organiser):
    outcome = services.outcome_save(
        session=session, by=organiser, content={"key_issues": "- one\n\n- two"}, lock_version=0
    )
    assert outcome.status == OutcomeStatus.DRAFT
    assert outcome.key_issues == ["one", "two"]
    assert outcome.lock_version == 0


def test_outcome_save_with_stale_lock_version_is_refused(session, organiser):
    outcome = services.outcome_save(session=session, by=organiser, content={}, lock_version=0)
    services.outcome_save(
        session=session, by=organiser, content={"key_issues": ["first"]}, lock_version=0
    )
    with pytest.raises(StaleVersion):
        services.outcome_save(
            session=session, by=organiser, content={"key_issues": ["second"]}, lock_version=0
        )
    outcome.refresh_from_db()
    assert outcome.key_issues == ["first"]
    assert outcome.lock_version == 1


def test_outcome_before_the_session_ends_is_refused(organiser):
    session = SessionFactory(
        organisers=[organiser.organisations.get()],
        starts_at=timezone.now() + dt.timedelta(hours=1),
    )
    with pytest.raises(PermissionDenied):
        services.outcome_save(session=session, by=organiser, content={}, lock_version=None)


def test_outcome_journey_submit_changes_resubmit_publish(
    session, organiser, django_capture_on_commit_callbacks
):
    staff = secretariat()
    with django_capture_on_commit_callbacks(execute=True):
        outcome = services.outcome_submit(
            session=session, by=organiser, content=complete_content(), lock_version=None
        )
    assert outcome.status == OutcomeStatus.SUBMITTED
    assert [m.to for m in mail.outbox] == [["wsis-secretariat@localhost"]]
    with pytest.raises(ReasonRequired):
        services.outcome_request_changes(outcome=outcome, by=staff, reason=" ")
    with django_capture_on_commit_callbacks(execute=True):
        outcome = services.outcome_request_changes(outcome=outcome, by=staff, reason="Add figures.")
    assert outcome.status == OutcomeStatus.CHANGES_REQUESTED
    assert outcome.change_reason == "Add figures."
    assert mail.outbox[-1].to == [organiser.email]
    assert "Add figures." in mail.outbox[-1].body
    outcome = services.outcome_submit(
        session=session,
        by=organiser,
        content=complete_content(tangible_outcomes=["10 schools", "20 teachers", "3 laws"]),
        lock_version=outcome.lock_version,
    )
    assert outcome.status == OutcomeStatus.RESUBMITTED
    diff = {label: lines for label, _kind, lines in services.outcome_revision_diff(outcome)}
    assert diff[
        "Tangible outcomes: achievements, announcements, launches, agreements, commitments, figures"
    ] == ["-Outcome 1", "-Outcome 2", "-Outcome 3", "+10 schools", "+20 teachers", "+3 laws"]
    outcome = services.outcome_publish(outcome=outcome, by=staff)
    assert outcome.status == OutcomeStatus.PUBLISHED
    assert outcome.published_at is not None
    actions = list(
        AuditEntry.objects.filter(object_id=str(outcome.pk))
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == [
        "events_outcome.create",
        "events_outcome.submit",
        "events_outcome.request_changes",
        "events_outcome.edit",
        "events_outcome.resubmit",
        "events_outcome.approve",
    ]


def test_outcome_organiser_may_not_edit_after_submission(session, organiser):
    outcome = services.outcome_submit(session=session, by=organiser, content=complete_content())
    with pytest.raises(PermissionDenied):
        services.outcome_save(
            session=session, by=organiser, content={}, lock_version=outcome.lock_version
        )


def test_outcome_secretariat_may_edit_after_publication(session, organiser):
    staff = secretariat()
    outcome = services.outcome_submit(session=session, by=organiser, content=complete_content())
    outcome = services.outcome_publish(outcome=outcome, by=staff)
    outcome = services.outcome_save(
        session=session,
        by=staff,
        content=complete_content(thematic_suggestions="Corrected."),
        lock_version=outcome.lock_version,
    )
    assert outcome.thematic_suggestions == "Corrected."
    assert outcome.status == OutcomeStatus.PUBLISHED


def test_outcome_organiser_may_not_publish(session, organiser):
    outcome = services.outcome_submit(session=session, by=organiser, content=complete_content())
    with pytest.raises(PermissionDenied):
        services.outcome_publish(outcome=outcome, by=organiser)
    with pytest.raises(TransitionNotAllowed):
        services.outcome_submit(session=session, by=organiser)
