"""The WSIS Stocktaking Report: compiled from approved entries into versions that keep their data,
reviewed and published by the secretariat, read and downloaded by everyone."""

import datetime as dt
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from docx import Document
from pypdf import PdfReader

from publications import services
from publications.diffing import report_versions_diff
from publications.enums import ReportVersionStatus
from publications.models import StocktakingReport
from publications.tasks import task_report_compile
from stocktaking import services as stocktaking_services
from stocktaking.enums import EntryStatus
from stocktaking.prizes.enums import PrizeEntryStatus
from tests.factories import UserFactory, secretariat_user
from tests.prizes.factories import ContestFactory, PrizeEntryFactory
from tests.query_counts import MAX_QUERIES, uncached_queries
from tests.stocktaking.factories import EntryFactory
from wsis.diffing import FigureChange
from wsis.models import ActionLine, AuditEntry

pytestmark = pytest.mark.django_db
YEAR = timezone.localdate().year


@pytest.fixture
def report():
    return StocktakingReport.objects.create(
        year=YEAR,
        title=f"WSIS Stocktaking Report {YEAR}",
        period_start=dt.date(YEAR, 1, 1),
        period_end=dt.date(YEAR, 12, 31),
        introduction="The year in ICT for development.",
        conclusions="What the secretariat concludes.",
    )


@pytest.fixture
def entries():
    c5 = ActionLine.objects.get(code="C5")
    featured = EntryFactory(
        status=EntryStatus.APPROVED, title="Cyber clinic", primary_action_line=c5
    )
    other = EntryFactory(status=EntryStatus.APPROVED, title="Broadband for schools")
    EntryFactory(status=EntryStatus.DRAFT, title="A draft nobody may read")
    return featured, other


def test_a_version_holds_figures_chapters_featured_entries_and_prize_results(report, entries):
    featured, _other = entries
    secretariat = secretariat_user()
    services.featured_entry_set(
        report=report, entry=featured, reason="A model for others.", by=secretariat
    )
    contest = ContestFactory(year=YEAR)
    PrizeEntryFactory(contest=contest, status=PrizeEntryStatus.WINNER, title="Prize winner")

    version = services.report_compile(report=report, by=secretariat)

    content = version.content
    assert (version.number, version.status, version.entry_count) == (1, "draft", 2)
    assert [c["code"] for c in content["chapters"]] == ["C2", "C5"]
    c5 = content["chapters"][1]
    assert [(e["title"], e["reason"]) for e in c5["featured"]] == [
        ("Cyber clinic", "A model for others.")
    ]
    assert [e["title"] for e in content["chapters"][0]["others"]] == ["Broadband for schools"]
    assert dict(content["figures"]["action_line"]) == {
        str(ActionLine.objects.get(code="C2")): 1,
        str(ActionLine.objects.get(code="C5")): 1,
    }
    assert dict(content["figures"]["country"]) == {"Switzerland": 2}
    assert [p["title"] for p in content["prizes"]] == ["Prize winner"]
    assert "A draft nobody may read" not in str(content)
    assert AuditEntry.objects.filter(action="publications_report.compile").count() == 1


def test_a_later_approval_never_changes_a_published_version(report, entries, client):
    secretariat = secretariat_user()
    published = services.report_version_publish(
        version=services.report_compile(report=report, by=secretariat), by=secretariat
    )
    late = EntryFactory(status=EntryStatus.SUBMITTED, title="Approved after publication")
    stocktaking_services.entry_approve(entry=late, by=secretariat)

    published.refresh_from_db()
    assert "Approved after publication" not in str(published.content)
    assert (
        "Approved after publication"
        not in client.get(f"/publications/stocktaking-reports/{YEAR}/").content.decode()
    )
    second = services.report_compile(report=report, by=secretariat)
    assert "Approved after publication" in str(second.content)


def test_publishing_supersedes_the_previous_version_and_shows_at_once(
    report, entries, client, django_capture_on_commit_callbacks
):
    secretariat = secretariat_user()
    assert client.get(f"/publications/stocktaking-reports/{YEAR}/").status_code == 404
    with django_capture_on_commit_callbacks(execute=True):
        first = services.report_version_publish(
            version=services.report_compile(report=report, by=secretariat), by=secretariat
        )
    assert client.get(f"/publications/stocktaking-reports/{YEAR}/").status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        second = services.report_version_publish(
            version=services.report_compile(report=report, by=secretariat), by=secretariat
        )
    first.refresh_from_db()
    assert (first.status, second.status) == (
        ReportVersionStatus.SUPERSEDED,
        ReportVersionStatus.PUBLISHED,
    )
    page = client.get(f"/publications/stocktaking-reports/{YEAR}/").content.decode()
    assert "Version 2: entries approved" in page
    with pytest.raises(ValidationError):
        services.report_version_publish(version=second, by=secretariat)


def test_only_the_secretariat_features_and_publishes(report, entries):
    featured, _other = entries
    stakeholder = UserFactory(verified=True)
    with pytest.raises(PermissionDenied):
        services.featured_entry_set(report=report, entry=featured, reason="Mine", by=stakeholder)
    version = services.report_compile(report=report)
    with pytest.raises(PermissionDenied):
        services.report_version_publish(version=version, by=stakeholder)


def test_a_draft_entry_cannot_be_featured_and_a_reason_is_required(report, entries):
    draft = EntryFactory(status=EntryStatus.DRAFT)
    with pytest.raises(ValidationError) as error:
        services.featured_entry_set(report=report, entry=draft, reason="x", by=secretariat_user())
    assert error.value.message_dict == {"entry": ["Only approved entries can be featured."]}
    with pytest.raises(ValidationError) as error:
        services.featured_entry_set(
            report=report, entry=entries[0], reason="  ", by=secretariat_user()
        )
    assert error.value.message_dict == {"reason": ["Say why this entry is featured."]}


def test_the_downloads_open_and_hold_every_part(report, entries, client):
    featured, _other = entries
    secretariat = secretariat_user()
    services.featured_entry_set(report=report, entry=featured, reason="A model.", by=secretariat)
    services.report_version_publish(
        version=services.report_compile(report=report, by=secretariat), by=secretariat
    )
    docx = client.get(f"/publications/stocktaking-reports/{YEAR}/report.docx")
    text = "\n".join(p.text for p in Document(io.BytesIO(docx.content)).paragraphs)
    pdf = client.get(f"/publications/stocktaking-reports/{YEAR}/report.pdf")
    pdf_text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    for part in (
        f"WSIS Stocktaking Report {YEAR}",
        "Introduction",
        "The year in ICT for development.",
        "Entries by ITU region",
        "Cyber clinic",
        "Why it is featured: A model.",
        "Other entries",
        "Broadband for schools",
        "Conclusions",
        "What the secretariat concludes.",
    ):
        assert part in text, part
        assert part in pdf_text, part


def test_the_compile_task_makes_a_version(report, entries):
    secretariat = secretariat_user()
    assert task_report_compile.delay(report.pk, secretariat.pk).get() == 1
    assert report.versions.get().created_by == secretariat


def test_a_draft_is_previewed_by_the_secretariat_only(report, entries, client):
    services.report_compile(report=report)
    url = f"/publications/stocktaking-reports/{YEAR}/versions/1/"
    assert client.get(url).status_code == 302
    client.force_login(UserFactory(verified=True))
    assert client.get(url).status_code == 403
    client.force_login(secretariat_user())
    assert "Preview of version 1 (Draft)." in client.get(url).content.decode()


def test_report_pages_make_as_many_queries_for_one_entry_as_for_many(report, client):
    secretariat = secretariat_user()
    EntryFactory(status=EntryStatus.APPROVED)
    services.report_version_publish(
        version=services.report_compile(report=report, by=secretariat), by=secretariat
    )
    client.get("/publications/stocktaking-reports/")
    urls = ("/publications/stocktaking-reports/", f"/publications/stocktaking-reports/{YEAR}/")
    one = [uncached_queries(client, url) for url in urls]
    for _n in range(5):
        EntryFactory(status=EntryStatus.APPROVED)
    services.report_version_publish(
        version=services.report_compile(report=report, by=secretariat), by=secretariat
    )
    many = [uncached_queries(client, url) for url in urls]
    assert one == many
    assert max(many) <= MAX_QUERIES


def test_publishing_is_a_move_of_the_workflow_table_audited_as_such(report, entries):
    secretariat = secretariat_user()
    for _round in range(2):
        services.report_version_publish(
            version=services.report_compile(report=report, by=secretariat), by=secretariat
        )
    assert list(
        AuditEntry.objects.filter(action__startswith="publications_report_version.")
        .order_by("pk")
        .values_list("action", "before", "after")
    ) == [
        ("publications_report_version.approve", {"status": "draft"}, {"status": "published"}),
        (
            "publications_report_version.supersede",
            {"status": "published"},
            {"status": "superseded"},
        ),
        ("publications_report_version.approve", {"status": "draft"}, {"status": "published"}),
    ]


def test_winners_and_champions_are_highlighted_and_charts_drawn(report, entries, client):
    featured, other = entries
    secretariat = secretariat_user()
    services.featured_entry_set(report=report, entry=featured, reason="A model.", by=secretariat)
    contest = ContestFactory(year=YEAR)
    PrizeEntryFactory(
        contest=contest,
        status=PrizeEntryStatus.WINNER,
        title="Clinic prize",
        stocktaking_entry=featured,
        organisation=featured.organisation,
    )
    PrizeEntryFactory(
        contest=contest,
        status=PrizeEntryStatus.CHAMPION,
        title="Schools prize",
        stocktaking_entry=other,
        organisation=other.organisation,
    )
    services.report_version_publish(
        version=services.report_compile(report=report, by=secretariat), by=secretariat
    )
    content = report.versions.get().content
    assert [(p["title"], p["status"]) for p in content["prizes"]] == [
        ("Clinic prize", "winner"),
        ("Schools prize", "champion"),
    ]
    assert content["chapters"][1]["featured"][0]["prize"] == "winner"
    assert content["chapters"][0]["others"][0]["prize"] == "champion"
    page = client.get(f"/publications/stocktaking-reports/{YEAR}/").content.decode()
    assert page.count('class="prize-highlight"') == 2
    # Each in the highlights and on its entry in its chapter.
    assert page.count('<span class="status status-winner">WSIS Prize winner</span>') == 2
    assert page.count('<span class="status status-champion">WSIS Prize champion</span>') == 2
    # Six breakdowns; no entry names a GDC objective, so that chart is left out.
    assert page.count('<table class="bar-chart">') == 5
    assert "<caption>Entries by ITU region</caption>" in page
    assert '<rect width="100.0" height="10"/>' in page
    pdf = client.get(f"/publications/stocktaking-reports/{YEAR}/report.pdf")
    pdf_text = " ".join(
        " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages).split()
    )
    word = Document(
        io.BytesIO(client.get(f"/publications/stocktaking-reports/{YEAR}/report.docx").content)
    )
    cells = [cell.text for table in word.tables for row in table.rows for cell in row.cells]
    for part in ("Clinic prize", "Schools prize", "Winner", "Champion"):
        assert part in pdf_text, part
        assert part in cells, part
    assert "WSIS Prize winner" in pdf_text


def test_two_versions_compare_texts_figures_and_entries(report, entries, client):
    featured, _other = entries
    secretariat = secretariat_user()
    services.report_compile(report=report, by=secretariat)
    report.introduction = "The year in ICT for sustainable development."
    report.save()
    services.featured_entry_set(report=report, entry=featured, reason="A model.", by=secretariat)
    EntryFactory(status=EntryStatus.APPROVED, title="Late arrival")
    first, second = report.versions.get(number=1), services.report_compile(report=report)

    diff = report_versions_diff(first, second)

    assert [(t.label, [(s.kind, s.text) for s in t.segments]) for t in diff.texts] == [
        (
            "Introduction",
            [
                ("equal", "The year in ICT for"),
                ("insert", "sustainable"),
                ("equal", "development."),
            ],
        ),
    ]
    assert [(i.label, i.added, i.removed) for i in diff.items] == [
        ("Entries", ("C2: Late arrival",), ()),
        ("Featured entries", ("C5: Cyber clinic",), ()),
        ("WSIS Prizes winners and champions", (), ()),
    ]
    assert (
        "Entries by Action Line",
        [FigureChange(str(ActionLine.objects.get(code="C2")), 1, 2)],
    ) in diff.figures
    url = f"/publications/stocktaking-reports/{YEAR}/versions/1/compare/2/"
    assert client.get(url).status_code == 302
    client.force_login(UserFactory(verified=True))
    assert client.get(url).status_code == 403
    client.force_login(secretariat)
    page = client.get(url).content.decode()
    assert "<ins>sustainable</ins>" in page
    assert "<ins><bdi>C2: Late arrival</bdi></ins>" in page
    assert (
        client.get(f"/publications/stocktaking-reports/{YEAR}/versions/1/compare/9/").status_code
        == 404
    )
