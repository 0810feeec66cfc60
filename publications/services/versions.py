"""What every reviewed publication shares: numbering its versions and publishing one through the
workflow table."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from publications.enums import ReportVersionStatus
from wsis.rules import is_secretariat
from wsis.workflow import Workflow, workflow_transition


def require_secretariat(by: Any) -> None:
    if not is_secretariat(by):
        raise PermissionDenied(_("Only the secretariat may do this."))


def next_version_number(queryset: models.QuerySet) -> int:
    """The next number of a publication's versions; call inside a transaction (locks them)."""
    latest = queryset.select_for_update().order_by("-number").first()
    return 1 if latest is None else latest.number + 1


def publication_version_publish(*, version: Any, parent_field: str, workflow: Workflow, by: Any):
    """Publishes a draft version through `workflow` (audited as "<workflow>.approve"); the
    version published before it is superseded in the same transaction ("<workflow>.supersede").
    Raises PermissionDenied for anyone but the secretariat, ValidationError for a version that
    is not a draft, and then changes nothing. The transition signal and the saves invalidate the
    public pages."""
    require_secretariat(by)
    model = type(version)
    with transaction.atomic():
        version = model.objects.select_for_update().get(pk=version.pk)
        if version.status != ReportVersionStatus.DRAFT:
            raise ValidationError(_("Only a draft version can be published."))
        previous = (
            model.objects.select_for_update()
            .filter(
                **{parent_field: getattr(version, f"{parent_field}_id")},
                status=ReportVersionStatus.PUBLISHED,
            )
            .first()
        )
        if previous is not None:
            workflow_transition(
                workflow=workflow,
                obj=previous,
                to=ReportVersionStatus.SUPERSEDED,
                by=by,
                check_permission=False,
            )
        version.published_at = timezone.now()
        workflow_transition(
            workflow=workflow,
            obj=version,
            to=ReportVersionStatus.PUBLISHED,
            by=by,
            update_fields=("published_at",),
        )
    return version
