"""The workflow of a roadmap version as data: who may move it where, and who is told."""

from __future__ import annotations

from typing import Any

import rules
from django.contrib.auth import get_user_model
from django.urls import reverse

from roadmaps.enums import VersionStatus
from roadmaps.rules import is_roadmap_editor, is_roadmap_reviewer
from wsis.enums import Role
from wsis.services import notification_queue
from wsis.workflow import Transition, Workflow


def _context(version: Any, by: Any, reason: str) -> dict[str, Any]:
    action_line = version.roadmap.action_line
    return {
        "action_line": action_line.code,
        "action_line_name": action_line.name,
        "number": version.number,
        "by": str(by) if by is not None else "",
        "reason": reason,
        "path": reverse(
            "roadmaps:version_detail", kwargs={"slug": action_line.slug, "number": version.number}
        ),
    }


def _facilitator_addresses(version: Any) -> list[str]:
    addresses = set(
        get_user_model()
        .objects.filter(
            facilitations__action_line_id=version.roadmap.action_line_id, is_active=True
        )
        .values_list("email", flat=True)
    )
    if version.author is not None:
        addresses.add(version.author.email)
    return sorted(addresses)


def _secretariat_addresses() -> list[str]:
    return sorted(
        get_user_model()
        .objects.filter(groups__name=Role.SECRETARIAT, is_active=True, is_staff=True)
        .values_list("email", flat=True)
        .distinct()
    )


def notify_secretariat(*, obj: Any, transition: Transition, by: Any, reason: str) -> None:
    for address in _secretariat_addresses():
        notification_queue(
            recipient=address,
            template="roadmaps_version_submitted",
            context=_context(obj, by, reason),
            idempotency_key=f"roadmap-version-{obj.pk}-submit-{obj.review_round}-{address}",
        )


def notify_facilitators(*, obj: Any, transition: Transition, by: Any, reason: str) -> None:
    for address in _facilitator_addresses(obj):
        notification_queue(
            recipient=address,
            template=f"roadmaps_version_{transition.action}",
            context=_context(obj, by, reason),
            idempotency_key=(
                f"roadmap-version-{obj.pk}-{transition.action}-{obj.review_round}-{address}"
            ),
        )


@rules.predicate
def only_when_approving_the_next_version(user, version) -> bool:
    return False


VERSION_WORKFLOW = Workflow(
    name="roadmap_version",
    transitions=(
        Transition(
            (VersionStatus.DRAFT, VersionStatus.RETURNED),
            VersionStatus.SUBMITTED,
            may=is_roadmap_editor,
            action="submit",
            notify=notify_secretariat,
        ),
        Transition(
            VersionStatus.SUBMITTED,
            VersionStatus.RETURNED,
            may=is_roadmap_reviewer,
            action="request_changes",
            reason_required=True,
            notify=notify_facilitators,
        ),
        Transition(
            VersionStatus.SUBMITTED,
            VersionStatus.PUBLISHED,
            may=is_roadmap_reviewer,
            action="approve",
            notify=notify_facilitators,
        ),
        # Never on its own: only as part of approving the next version, which passes
        # check_permission=False after checking that the approver may approve.
        Transition(
            VersionStatus.PUBLISHED,
            VersionStatus.SUPERSEDED,
            may=only_when_approving_the_next_version,
            action="supersede",
        ),
    ),
)
