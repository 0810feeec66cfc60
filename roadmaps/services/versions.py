"""A roadmap and its versions: a new draft started as a copy of the published version, its date
and notes, and the workflow's moves (submit, return with comments, approve and supersede)."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import ProhibitNullCharactersValidator
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from roadmaps.enums import (
    OPEN_STATES,
    VersionStatus,
)
from roadmaps.models import Clause, ClauseCitation, Roadmap, RoadmapVersion, SourceGroup
from roadmaps.rules import is_roadmap_reviewer
from roadmaps.services.common import CLAUSE_FIELDS, _check_editable, _check_editor, _next_number
from roadmaps.workflow import VERSION_WORKFLOW
from wsis.models import ActionLine, FacilitatorAssignment, User
from wsis.services import audit_record
from wsis.workflow import workflow_transition


def roadmap_get_or_create(*, action_line: ActionLine) -> Roadmap:
    """The roadmap of `action_line`, created with its facilitators' organisation if missing."""
    organisation_id = (
        FacilitatorAssignment.objects.filter(action_line=action_line, organisation__isnull=False)
        .order_by("pk")
        .values_list("organisation_id", flat=True)
        .first()
    )
    roadmap, _created = Roadmap.objects.get_or_create(
        action_line=action_line, defaults={"facilitator_organisation_id": organisation_id}
    )
    return roadmap


def roadmap_draft_start(*, roadmap: Roadmap, by: User) -> RoadmapVersion:
    """Starts a new draft as a copy of the latest published version (or an empty one).

    Refused when the roadmap already has an open version (draft, submitted or returned), so
    there is one place where the next version is prepared. Audited.
    """
    _check_editor(by, roadmap)
    with transaction.atomic():
        Roadmap.objects.select_for_update().get(pk=roadmap.pk)
        if roadmap.versions.filter(status__in=OPEN_STATES).exists():
            raise ValidationError(
                _("This roadmap already has a version in preparation."), code="open_version"
            )
        published = roadmap.versions.filter(status=VersionStatus.PUBLISHED).first()
        draft = RoadmapVersion.objects.create(
            roadmap=roadmap,
            number=_next_number(roadmap),
            status=VersionStatus.DRAFT,
            as_of=timezone.localdate(),
            notes=published.notes if published else "",
            based_on=published,
            author=by,
        )
        if published is not None:
            _copy_clauses(source=published, target=draft)
        audit_record(
            actor=by,
            action="roadmap_version.start_draft",
            obj=draft,
            after={"number": draft.number, "based_on": published.number if published else None},
        )
    return draft


CITATION_COPIED_FIELDS = ("kind", "entry_id", "outcome_id", "session_id", "title", "position")


def _copy_clauses(*, source: RoadmapVersion, target: RoadmapVersion) -> None:
    """Copies the groups and clauses of `source` into `target` with everything that belongs to
    a clause: its SDGs, GDC objectives and citations (a fixed number of queries per group)."""
    sdg_links, gdc_links, citations = [], [], []
    for group in source.groups.prefetch_related(
        "clauses__sdgs", "clauses__gdc_objectives", "clauses__citations"
    ):
        new_group = SourceGroup.objects.create(
            version=target, title=group.title, position=group.position
        )
        for clause in group.clauses.all():
            new_clause = Clause.objects.create(
                version=target,
                group=new_group,
                position=clause.position,
                **{name: getattr(clause, name) for name in CLAUSE_FIELDS},
            )
            sdg_links += [
                Clause.sdgs.through(clause_id=new_clause.pk, sdg_id=sdg.pk)
                for sdg in clause.sdgs.all()
            ]
            gdc_links += [
                Clause.gdc_objectives.through(clause_id=new_clause.pk, gdcobjective_id=goal.pk)
                for goal in clause.gdc_objectives.all()
            ]
            citations += [
                ClauseCitation(
                    clause=new_clause,
                    **{name: getattr(citation, name) for name in CITATION_COPIED_FIELDS},
                )
                for citation in clause.citations.all()
            ]
    Clause.sdgs.through.objects.bulk_create(sdg_links)
    Clause.gdc_objectives.through.objects.bulk_create(gdc_links)
    ClauseCitation.objects.bulk_create(citations)


def roadmap_version_update(
    *,
    version: RoadmapVersion,
    by: User,
    as_of: date | None,
    change_summary: str,
    notes: str,
) -> RoadmapVersion:
    """Changes the date, change summary and notes of an editable version (audited)."""
    _check_editor(by, version)
    _check_editable(version)
    before = {"as_of": str(version.as_of), "change_summary": version.change_summary}
    with transaction.atomic():
        version.as_of = as_of
        version.change_summary = change_summary.strip()
        version.notes = notes.strip()
        version.save(update_fields=["as_of", "change_summary", "notes"])
        audit_record(
            actor=by,
            action="roadmap_version.update",
            obj=version,
            before=before,
            after={"as_of": str(as_of), "change_summary": version.change_summary},
        )
    return version


def roadmap_version_transition(
    *, version: RoadmapVersion, to: str, by: User, reason: str = ""
) -> RoadmapVersion:
    """Moves a version along VERSION_WORKFLOW (submit, return with comments, approve).

    Approving publishes the version and supersedes the previously published one in the same
    transaction, so a roadmap always shows exactly one published version. Every move is audited
    and notified (mails leave after commit); raises TransitionNotAllowed, ReasonRequired or
    PermissionDenied and then changes nothing.
    """
    # The reason comes straight from a request; PostgreSQL cannot store a NUL byte in text.
    ProhibitNullCharactersValidator()(reason or "")
    update_fields: list[str] = []
    with transaction.atomic():
        if to == VersionStatus.SUBMITTED:
            version.review_round += 1
            version.submitted_at = timezone.now()
            update_fields = ["review_round", "submitted_at"]
        elif to == VersionStatus.RETURNED:
            version.review_comments = (reason or "").strip()
            update_fields = ["review_comments"]
        elif to == VersionStatus.PUBLISHED:
            previous = (
                RoadmapVersion.objects.select_for_update()
                .filter(roadmap_id=version.roadmap_id, status=VersionStatus.PUBLISHED)
                .exclude(pk=version.pk)
                .first()
            )
            if previous is not None and version.status == VersionStatus.SUBMITTED:
                if not is_roadmap_reviewer(by, version):
                    raise PermissionDenied(_("Only the secretariat approves roadmap versions."))
                workflow_transition(
                    workflow=VERSION_WORKFLOW,
                    obj=previous,
                    to=VersionStatus.SUPERSEDED,
                    by=by,
                    reason=_("Superseded by version %(number)s") % {"number": version.number},
                    check_permission=False,
                )
            version.approver = by if by is not None and by.is_authenticated else None
            version.published_at = timezone.now()
            if version.as_of is None:
                version.as_of = timezone.localdate()
            update_fields = ["approver", "published_at", "as_of"]
        workflow_transition(
            workflow=VERSION_WORKFLOW,
            obj=version,
            to=to,
            by=by,
            reason=reason,
            update_fields=update_fields,
        )
    return version
