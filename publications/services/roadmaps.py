"""The Action Line Roadmaps as one document: compiling a version from every published roadmap."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from django.db import transaction
from django.db.models import Prefetch
from django.utils.translation import gettext as _

from publications.models import RoadmapsDocument, RoadmapsDocumentVersion
from publications.services.versions import next_version_number
from roadmaps.enums import CLAUSE_COLUMNS, VersionStatus
from roadmaps.models import Clause, RoadmapVersion, SourceGroup
from wsis.rich_text import html_to_text
from wsis.services import audit_record


def roadmaps_document_current() -> RoadmapsDocument:
    """The one combined document, made with its default title the first time."""
    document = RoadmapsDocument.objects.order_by("pk").first()
    if document is None:
        document = RoadmapsDocument.objects.create(title=_("WSIS Action Line Roadmaps"))
    return document


def _published_versions() -> list[RoadmapVersion]:
    return list(
        RoadmapVersion.objects.filter(status=VersionStatus.PUBLISHED)
        .select_related("roadmap__action_line", "roadmap__facilitator_organisation")
        .prefetch_related(
            Prefetch(
                "groups",
                queryset=SourceGroup.objects.order_by("position").prefetch_related(
                    Prefetch("clauses", queryset=Clause.objects.order_by("position"))
                ),
            )
        )
        .order_by("roadmap__action_line__position")
    )


def _chapter(version: RoadmapVersion) -> dict[str, Any]:
    action_line = version.roadmap.action_line
    facilitator = version.roadmap.facilitator_organisation
    return {
        "code": action_line.code,
        "name": action_line.name,
        "slug": action_line.slug,
        "version": version.number,
        "as_of": version.as_of.isoformat() if version.as_of else "",
        "facilitator": facilitator.name if facilitator else "",
        "notes": version.notes,
        "groups": [
            {
                "title": group.title,
                "clauses": [
                    {
                        "label": clause.label,
                        "outcome": html_to_text(clause.outcome_text),
                        "columns": {
                            name: html_to_text(getattr(clause, name))
                            for name, _heading in CLAUSE_COLUMNS
                        },
                    }
                    for clause in group.clauses.all()
                ],
            }
            for group in version.groups.all()
        ],
    }


def roadmaps_document_compile(
    *, document: RoadmapsDocument | None = None, by: Any = None
) -> tuple[RoadmapsDocumentVersion, bool]:
    """Compiles the published roadmaps of every Action Line, in the Action Lines' order, into a
    new version of the combined document, and returns it with True; when neither the set of
    roadmap versions nor the introduction changed since the latest version, returns that one
    with False and writes nothing. Each version is public at once (its roadmaps are published);
    audited."""
    document = document or roadmaps_document_current()
    versions = _published_versions()
    fingerprint = hashlib.sha256(
        json.dumps(
            {
                "roadmaps": sorted(v.pk for v in versions),
                "title": document.title,
                "introduction": document.introduction,
            }
        ).encode()
    ).hexdigest()
    with transaction.atomic():
        latest = (
            RoadmapsDocumentVersion.objects.select_for_update()
            .filter(document=document)
            .order_by("-number")
            .first()
        )
        if latest is not None and latest.fingerprint == fingerprint:
            return latest, False
        chapters = [_chapter(version) for version in versions]
        version = RoadmapsDocumentVersion.objects.create(
            document=document,
            number=next_version_number(RoadmapsDocumentVersion.objects.filter(document=document)),
            content={
                "title": document.title,
                "introduction": document.introduction,
                "chapters": chapters,
                "clauses": sum(len(g["clauses"]) for c in chapters for g in c["groups"]),
            },
            fingerprint=fingerprint,
            created_by=by if getattr(by, "is_authenticated", False) else None,
        )
        version.roadmap_versions.set(versions)
        audit_record(
            actor=by, action="publications_roadmaps.compile", obj=document,
            after={
                "version": version.number,
                "roadmaps": {c["code"]: c["version"] for c in chapters},
            },
        )  # fmt: skip
    return version, True
