"""Scale data of the roadmaps (seed_scale): the secretariat's seed file of the four Action Line
roadmaps (C2, C4, C5, C6) imported by the roadmap importer, submitted by the scale facilitator
and published by the scale secretariat, all through the services. Without the seed file (a
fresh clone has no ../shared/seeds/) the project's own two-roadmap sample is used instead."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings

from roadmaps.enums import VersionStatus
from roadmaps.models import RoadmapVersion
from roadmaps.services import roadmap_import, roadmap_version_transition
from wsis import scale
from wsis.models import User

SEED_FILE = settings.BASE_DIR.parent / "shared" / "seeds" / "003_b2b236b508fc1d93.txt"
SAMPLE_FILE = settings.BASE_DIR / "tests" / "roadmaps" / "samples" / "two_action_lines.txt"


def roadmap_file() -> Path:
    return SEED_FILE if SEED_FILE.is_file() else SAMPLE_FILE


def seed_scale_content(plan: scale.Plan, stdout) -> None:
    path = roadmap_file()
    with scale.timed(stdout, f"roadmaps ({path.name})"):
        secretariat = User.objects.get(email=scale.email_of("secretariat", 1))
        facilitator = User.objects.get(email=scale.email_of("facilitator", 1))
        report = roadmap_import(text=path.read_text(encoding="utf-8-sig"), by=secretariat)
        for line in report.action_lines:
            version = RoadmapVersion.objects.get(
                roadmap__action_line__code=line.code, number=line.version_number
            )
            if version.status == VersionStatus.DRAFT:
                version = roadmap_version_transition(
                    version=version, to=VersionStatus.SUBMITTED, by=facilitator
                )
            if version.status == VersionStatus.SUBMITTED:
                roadmap_version_transition(
                    version=version, to=VersionStatus.PUBLISHED, by=secretariat
                )
