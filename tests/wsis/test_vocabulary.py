"""One vocabulary of workflow actions: the workflows keep to it, and the data migrations rename
what was recorded under the old names."""

from importlib import import_module

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType

from events.workflow import OUTCOME_WORKFLOW
from evidence.workflow import PROPOSAL_WORKFLOW
from roadmaps.workflow import VERSION_WORKFLOW
from stocktaking.prizes.workflow import PRIZE_ENTRY_WORKFLOW
from stocktaking.workflow import ENTRY_WORKFLOW
from tests.factories import NotificationFactory
from wsis.accounts.workflow import INVITATION_WORKFLOW
from wsis.enums import WorkflowAction
from wsis.models import AuditEntry, Notification
from wsis.workflow import Transition, Workflow


def test_every_workflow_speaks_the_one_vocabulary():
    workflows = (
        ENTRY_WORKFLOW,
        PRIZE_ENTRY_WORKFLOW,
        VERSION_WORKFLOW,
        OUTCOME_WORKFLOW,
        INVITATION_WORKFLOW,
        PROPOSAL_WORKFLOW,
    )
    used = {t.action for workflow in workflows for t in workflow.transitions}
    assert used == set(WorkflowAction.values)
    # The secretariat's acceptance and its request for changes have one name everywhere.
    assert {t.action for t in OUTCOME_WORKFLOW.transitions} == {
        "submit",
        "resubmit",
        "approve",
        "request_changes",
    }
    assert {t.action for t in VERSION_WORKFLOW.transitions} == {
        "submit",
        "request_changes",
        "approve",
        "supersede",
    }


def test_a_move_outside_the_vocabulary_is_refused_when_the_workflow_is_defined():
    with pytest.raises(ValueError, match="'published' is not in WorkflowAction"):
        Workflow(
            name="events_outcome",
            transitions=(Transition("waiting", "published", may=bool, action="published"),),
        )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("migration", "workflow", "renames", "mail_prefix"),
    [
        (
            "events.migrations.0006_workflow_action_vocabulary",
            "events_outcome",
            {"published": "approve", "changes_requested": "request_changes"},
            "events_outcome_",
        ),
        (
            "roadmaps.migrations.0002_workflow_action_vocabulary",
            "roadmap_version",
            {"return": "request_changes"},
            "roadmaps_version_",
        ),
    ],
)
def test_the_data_migration_renames_audit_rows_and_queued_mails(
    migration, workflow, renames, mail_prefix
):
    content_type = ContentType.objects.get_for_model(AuditEntry)
    for old in [*renames, "submit"]:
        AuditEntry.objects.create(
            action=f"{workflow}.{old}", content_type=content_type, object_id="1", object_repr="x"
        )
        NotificationFactory(template=f"{mail_prefix}{old}")
    module = import_module(migration)
    module.forwards(apps, None)
    expected = sorted(f"{workflow}.{new}" for new in [*renames.values(), "submit"])
    assert sorted(AuditEntry.objects.values_list("action", flat=True)) == expected
    assert sorted(Notification.objects.values_list("template", flat=True)) == sorted(
        f"{mail_prefix}{new}" for new in [*renames.values(), "submit"]
    )
    module.backwards(apps, None)
    assert sorted(AuditEntry.objects.values_list("action", flat=True)) == sorted(
        f"{workflow}.{old}" for old in [*renames, "submit"]
    )
