"""Every non-trivial read of the roadmaps, with constant query counts."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet
from django.http import Http404

from roadmaps.enums import OPEN_STATES, PUBLIC_STATES, VersionStatus
from roadmaps.models import Clause, Roadmap, RoadmapVersion, SourceGroup
from roadmaps.rules import is_roadmap_editor
from wsis.models import ActionLine, Sdg, User


def _clauses_prefetch() -> Prefetch:
    return Prefetch(
        "groups",
        queryset=SourceGroup.objects.order_by("position").prefetch_related(
            Prefetch(
                "clauses",
                queryset=Clause.objects.order_by("position").prefetch_related(
                    Prefetch("sdgs", queryset=Sdg.objects.order_by("number"))
                ),
            )
        ),
    )


def action_lines_with_published_roadmap() -> QuerySet[ActionLine]:
    """Every Action Line, each with `published_versions` (a list of zero or one version)."""
    return ActionLine.objects.order_by("position").prefetch_related(
        Prefetch(
            "roadmap__versions",
            queryset=RoadmapVersion.objects.filter(status=VersionStatus.PUBLISHED),
            to_attr="published_versions",
        )
    )


def roadmap_for_action_line(*, slug: str) -> Roadmap:
    roadmap = (
        Roadmap.objects.select_related("action_line", "facilitator_organisation")
        .filter(action_line__slug=slug)
        .first()
    )
    if roadmap is None:
        raise Http404("No roadmap for this Action Line.")
    return roadmap


def versions_visible_to(*, roadmap: Roadmap, user: User) -> QuerySet[RoadmapVersion]:
    """The versions `user` may read, newest first: public ones, and all for editors."""
    versions = roadmap.versions.select_related("author", "approver").order_by("-number")
    if not is_roadmap_editor(user, roadmap):
        versions = versions.filter(status__in=PUBLIC_STATES)
    return versions


def version_with_clauses(
    *, roadmap: Roadmap, user: User, number: int | None = None
) -> RoadmapVersion:
    """A version with its groups, clauses and SDGs prefetched (4 queries whatever its size).

    Without `number`, the published version. A version the user may not read is a 404, so that
    drafts are indistinguishable from versions that do not exist.
    """
    versions = versions_visible_to(roadmap=roadmap, user=user).prefetch_related(_clauses_prefetch())
    if number is None:
        versions = versions.filter(status=VersionStatus.PUBLISHED)
    else:
        versions = versions.filter(number=number)
    version = versions.first()
    if version is None:
        raise Http404("No such roadmap version.")
    version.roadmap = roadmap
    return version


def open_version(*, roadmap: Roadmap) -> RoadmapVersion | None:
    return roadmap.versions.filter(status__in=OPEN_STATES).order_by("-number").first()


def versions_awaiting_review() -> QuerySet[RoadmapVersion]:
    return (
        RoadmapVersion.objects.filter(status=VersionStatus.SUBMITTED)
        .select_related("roadmap__action_line", "author")
        .order_by("submitted_at")
    )


def clauses_for_sdg(*, number: int) -> QuerySet[Clause]:
    """Clauses of published roadmaps that link to SDG `number`, by Action Line and position."""
    return (
        Clause.objects.filter(sdgs__number=number, version__status=VersionStatus.PUBLISHED)
        .select_related("group", "version__roadmap__action_line")
        .order_by("version__roadmap__action_line__position", "group__position", "position")
    )
