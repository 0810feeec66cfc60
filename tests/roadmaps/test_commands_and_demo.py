"""`manage.py import_roadmap` and the demo roadmaps."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from roadmaps.enums import VersionStatus
from roadmaps.models import RoadmapVersion
from tests.roadmaps.helpers import SAMPLES

pytestmark = pytest.mark.django_db


def run_import(*args: str) -> str:
    out = io.StringIO()
    call_command("import_roadmap", *args, stdout=out)
    return out.getvalue()


def test_import_command_reports_and_is_idempotent() -> None:
    path = str(SAMPLES / "two_action_lines.txt")

    first = run_import(path, "--as-of", "2024-10-11")
    second = run_import(path, "--as-of", "2024-10-11")

    assert first.splitlines()[:3] == [
        "As of: 2024-10-11",
        "Action Line C2 (Information and Communication Infrastructure): created draft version 1",
        "  Geneva Plan of Action and Tunis Agenda for the Information Society: 2 clauses: A B",
    ]
    assert second.splitlines()[1] == (
        "Action Line C2 (Information and Communication Infrastructure): "
        "unchanged: already imported as version 1"
    )
    assert RoadmapVersion.objects.count() == 2


def test_import_command_dry_run_writes_nothing() -> None:
    output = run_import(str(SAMPLES / "minimal.txt"), "--dry-run")

    assert output.splitlines()[-1] == "Dry run: nothing was written."
    assert RoadmapVersion.objects.count() == 0


def test_import_command_malformed_file(tmp_path) -> None:
    lines = (SAMPLES / "minimal.txt").read_text(encoding="utf-8").split("\n")
    lines[16] = lines[16].replace("COVID-19 Response", "Budget")
    path = tmp_path / "bad.txt"
    path.write_text("\n".join(lines), encoding="utf-8")

    with pytest.raises(CommandError) as excinfo:
        run_import(str(path))

    assert str(excinfo.value) == (
        f"{path}, line 17: unknown header row: column 7 is 'Budget', expected "
        "'COVID-19 Response'; nothing was imported"
    )
    assert RoadmapVersion.objects.count() == 0


def test_import_command_bad_date() -> None:
    with pytest.raises(CommandError) as excinfo:
        run_import(str(SAMPLES / "minimal.txt"), "--as-of", "11/10/2024")

    assert "expected a date as YYYY-MM-DD" in str(excinfo.value)


def test_seed_demo_gives_a_published_version_and_a_draft_per_action_line() -> None:
    call_command("seed_demo", stdout=io.StringIO())
    call_command("seed_demo", stdout=io.StringIO())

    assert sorted(
        RoadmapVersion.objects.values_list("roadmap__action_line__code", "number", "status")
    ) == [
        (code, number, status)
        for code in ("C2", "C4", "C5", "C6")
        for number, status in ((1, VersionStatus.PUBLISHED), (2, VersionStatus.DRAFT))
    ]
    draft = RoadmapVersion.objects.get(roadmap__action_line__code="C2", number=2)
    assert draft.clauses.get(label="B").proposed_timing == "2025-2028"
