"""Signals of the core that apps listen to."""

from django.dispatch import Signal

# Sent by `wsis.workflow.workflow_transition` inside the move's transaction, after the save and
# the audit record, with sender=the model and workflow, obj, source, target, transition, by.
workflow_transitioned = Signal()
