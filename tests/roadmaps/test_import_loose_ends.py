"""Roadmap imports without a loose end: a misread clause label is stored as the label the
alphabetical run requires (the printed one kept beside it, in the report and on the draft), and a
file cut at a row boundary is refused by its own table of contents, writing nothing."""

from __future__ import annotations

import pytest

from roadmaps import services
from roadmaps.importers.roadmap_text import RoadmapFormatError, parse_roadmap_document
from roadmaps.models import Clause, RoadmapVersion
from tests.factories import secretariat_user
from tests.roadmaps.helpers import SEED_FILE, read_sample

pytestmark = pytest.mark.django_db


def _counts() -> tuple[int, int]:
    return RoadmapVersion.objects.count(), Clause.objects.count()


def test_misread_label_is_stored_as_the_run_requires_with_the_printed_form_beside_it():
    document = parse_roadmap_document(read_sample("sub_items.txt"))
    clause = document.action_lines[0].groups[0].clauses[8]
    assert (clause.label, clause.printed_label) == ("I", "l")
    report = services.roadmap_import(text=read_sample("sub_items.txt"), by=None)
    stored = Clause.objects.get(version__roadmap__action_line__code="C2", label="I")
    assert (stored.label, stored.printed_label) == ("I", "l")
    assert Clause.objects.exclude(printed_label="").count() == 1
    assert report.action_lines[0].groups[0].labels[8] == "I (printed “l”)"
    assert (
        "  Geneva Plan of Action and Tunis Agenda for the Information Society: 10 clauses: "
        "A B C D E F G H I (printed “l”) J" in report.lines()
    )


def test_misread_label_is_shown_on_the_draft_to_the_secretariat(client):
    services.roadmap_import(text=read_sample("sub_items.txt"), by=None)
    version = RoadmapVersion.objects.get(roadmap__action_line__code="C2")
    client.force_login(secretariat_user())
    page = client.get(f"/roadmaps/{version.roadmap.action_line.slug}/versions/1/edit/")
    assert page.status_code == 200
    assert "(printed “l”, stored as “I” as the alphabetical run requires)" in page.content.decode()
    public = client.get(f"/roadmaps/{version.roadmap.action_line.slug}/versions/1/")
    assert "printed “l”" not in public.content.decode()


def test_file_cut_before_a_listed_action_line_is_refused_naming_it():
    lines = read_sample("two_action_lines.txt").split("\n")
    cut = "\n".join(lines[:16])  # C2 complete, C4 (listed in the contents) gone
    with pytest.raises(RoadmapFormatError) as caught:
        services.roadmap_import(text=cut, by=None)
    assert str(caught.value) == (
        "line 16: the file looks cut short: the table of contents (line 6) lists C2, C4; the "
        "file has no section for C4; Action Line C2 (line 9), the last section in the file, may "
        "be cut short too; nothing was written"
    )
    assert _counts() == (0, 0)


def test_file_cut_after_a_source_group_title_is_refused():
    lines = read_sample("two_action_lines.txt").split("\n")
    heading = next(n for n, line in enumerate(lines) if line.startswith("WSIS+10 Outcome"))
    with pytest.raises(RoadmapFormatError) as caught:
        parse_roadmap_document("\n".join(lines[: heading + 1]))
    assert "Action Line C2 (line 9) is short: its source group 'WSIS+10 Outcome Documents" in str(
        caught.value
    )


def test_file_without_a_table_of_contents_is_not_checked_against_one():
    document = parse_roadmap_document(read_sample("minimal.txt"))
    assert [line.code for line in document.action_lines] == ["C2"]


@pytest.mark.skipif(not SEED_FILE.exists(), reason="../shared/seeds/ is absent (fresh clone)")
@pytest.mark.parametrize(
    ("cut", "message"),
    [
        (
            300,
            (
                "line 299: the file looks cut short: the table of contents (line 12) lists C2, "
                "C4, C5, C6; the file has no section for C6; Action Line C5 (line 252), the last "
                "section in the file, may be cut short too; nothing was written"
            ),
        ),
        (
            400,
            (
                "line 400: the file looks cut short: Action Line C6 (line 379), the last section, "
                "is short: 1 source group(s) where each of C2, C4, C5 has 2; nothing was written"
            ),
        ),
    ],
)
def test_seed_cut_at_a_row_boundary_is_refused_and_writes_nothing(cut, message):
    lines = SEED_FILE.read_text(encoding="utf-8").split("\n")
    with pytest.raises(RoadmapFormatError) as caught:
        services.roadmap_import(text="\n".join(lines[:cut]), by=None)
    assert str(caught.value) == message
    assert _counts() == (0, 0)
