"""The workflow of a publication's version as data (see wsis.workflow): the secretariat
approves a draft, which publishes it; the version published before is superseded in the same
transaction. The Stocktaking Report and the Success Stories follow the same table, each under
its own name in the audit log."""

from __future__ import annotations

from publications.enums import ReportVersionStatus
from publications.rules import is_publication_reviewer, never_on_its_own
from wsis.workflow import Transition, Workflow


def _version_workflow(name: str) -> Workflow:
    return Workflow(
        name=name,
        transitions=(
            Transition(
                ReportVersionStatus.DRAFT,
                ReportVersionStatus.PUBLISHED,
                may=is_publication_reviewer,
                action="approve",
            ),
            # Only as part of approving the next version (check_permission=False there).
            Transition(
                ReportVersionStatus.PUBLISHED,
                ReportVersionStatus.SUPERSEDED,
                may=never_on_its_own,
                action="supersede",
            ),
        ),
    )


REPORT_VERSION_WORKFLOW = _version_workflow("publications_report_version")
STORIES_VERSION_WORKFLOW = _version_workflow("publications_stories_version")
