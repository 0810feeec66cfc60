"""Demo roadmaps for the demo facilitator's Action Lines (idempotent; called by seed_demo).

The text is invented, in the format of the secretariat's documents, and goes through the same
import and workflow services as real content: each Action Line gets a published version 1 and a
draft version 2 with one edited clause.
"""

from __future__ import annotations

from datetime import date

from django.db import transaction

from roadmaps.enums import OPEN_STATES, VersionStatus
from roadmaps.importers.roadmap_text import EXPECTED_COLUMNS
from roadmaps.models import Roadmap
from roadmaps.services import clause_update, roadmap_draft_start, roadmap_import
from roadmaps.services import roadmap_version_transition as transition
from wsis.models import ActionLine, User

DEMO_AS_OF = date(2025, 3, 14)
DEMO_ACTION_LINES = ("C2", "C4", "C5", "C6")
GENEVA = "Geneva Plan of Action and Tunis Agenda for the Information Society"
PLUS10 = "WSIS+10 Outcome Documents (demo excerpt)"

# (label, outcome, timing, goals, SDG linkages, situation, results, COVID-19 response)
DEMO_CLAUSES = {
    GENEVA: (
        (
            "A",
            "Demo outcome: connect every district centre to an open-access backbone.",
            "2025-2030",
            "Demo Resolution 12",
            "SDG 9, 11",
            "<p>Half of the demo districts have a backbone link.</p>",
            "Expected Results <ul><li>Forty links built</li><li>Open tariffs published</li></ul>",
            "<p>Demo emergency links to clinics.</p>",
        ),
        (
            "B",
            "Demo outcome: train local teams to run community networks.",
            "2025-2027",
            "Demo Resolution 7",
            "SDGs 4 and 5",
            "Few demo teams are trained.",
            "<p>Twelve teams trained, half of them led by women.</p>",
            "",
        ),
    ),
    PLUS10: (
        (
            "a",
            "Demo outcome: publish open data on connectivity gaps.",
            "2026",
            "",
            "SDG 17",
            "<p>Data are scattered over demo agencies.</p>",
            "<em>One open dataset per year.</em>",
            "",
        ),
    ),
}


def demo_document(code: str, name: str) -> str:
    header = "\t".join([f"WSIS Outcomes (WSIS AL {code})", *EXPECTED_COLUMNS[1:]])
    lines = [
        f"*WSIS Action Lines Roadmaps {code} (Draft as of {DEMO_AS_OF:%d %B %Y})*",
        "",
        f"1. Roadmap for WSIS Action Line {code}: {name}",
        "",
        header,
    ]
    for title, clauses in DEMO_CLAUSES.items():
        lines.append("\t".join([title, *[""] * 6]))
        for label, outcome, *columns in clauses:
            lines.append("\t".join([f"{label}: {outcome}", *columns]))
    return "\n".join(lines) + "\n"


def seed_demo_content(stdout) -> None:
    secretariat = User.objects.filter(email="secretariat@demo.wsis.test").first()
    facilitator = User.objects.filter(email="facilitator@demo.wsis.test").first()
    if secretariat is None or facilitator is None:
        return
    with transaction.atomic():
        for action_line in ActionLine.objects.filter(code__in=DEMO_ACTION_LINES):
            roadmap = Roadmap.objects.filter(action_line=action_line).first()
            if roadmap is not None and roadmap.versions.exists():
                continue
            _seed_action_line(action_line, secretariat, facilitator)
    stdout.write(f"Demo roadmaps ready for {', '.join(DEMO_ACTION_LINES)}.")


def _seed_action_line(action_line: ActionLine, secretariat: User, facilitator: User) -> None:
    roadmap_import(
        text=demo_document(action_line.code, action_line.name), by=secretariat, as_of=DEMO_AS_OF
    )
    roadmap = Roadmap.objects.get(action_line=action_line)
    version = roadmap.versions.get(number=1)
    transition(version=version, to=VersionStatus.SUBMITTED, by=facilitator)
    transition(version=version, to=VersionStatus.PUBLISHED, by=secretariat)
    if roadmap.versions.filter(status__in=OPEN_STATES).exists():
        return
    draft = roadmap_draft_start(roadmap=roadmap, by=facilitator)
    clause = draft.clauses.get(group__position=1, label="B")
    clause_update(
        clause=clause,
        by=facilitator,
        expected_lock_version=clause.lock_version,
        values={
            **{
                name: getattr(clause, name) for name in ("label", "outcome_text", "strategic_goals")
            },
            "proposed_timing": "2025-2028",
            "sdg_linkages_text": clause.sdg_linkages_text,
            "current_situation": "<p>Six demo teams are trained; four more start in 2026.</p>",
            "results_and_targets": clause.results_and_targets,
            "covid_response": clause.covid_response,
        },
    )
