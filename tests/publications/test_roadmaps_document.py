"""The Action Line Roadmaps as one document: every published roadmap, compiled into versions
that follow the set of roadmap versions they hold; read and downloaded by everyone."""

import io

import pytest
from docx import Document
from pypdf import PdfReader

from publications import services
from publications.tasks import task_roadmaps_document_compile
from roadmaps.enums import VersionStatus
from roadmaps.models import RoadmapVersion
from roadmaps.services import roadmap_import, roadmap_version_transition
from tests.factories import secretariat_user
from tests.query_counts import MAX_QUERIES, uncached_queries
from tests.roadmaps.helpers import SEED_FILE, read_sample
from wsis.models import AuditEntry

pytestmark = pytest.mark.django_db


def _publish_everything(text: str) -> list[RoadmapVersion]:
    secretariat = secretariat_user()
    roadmap_import(text=text, by=secretariat)
    drafts = list(RoadmapVersion.objects.filter(status=VersionStatus.DRAFT))
    for version in drafts:
        roadmap_version_transition(version=version, to=VersionStatus.SUBMITTED, by=secretariat)
        roadmap_version_transition(version=version, to=VersionStatus.PUBLISHED, by=secretariat)
    return drafts


@pytest.fixture
def published():
    """C2 and C4 published from the project's own sample, and a draft of C5 nobody may read."""
    versions = _publish_everything(read_sample("two_action_lines.txt"))
    document = services.roadmaps_document_current()
    document.introduction = "The roadmaps of the Action Lines ITU facilitates."
    document.save()
    return versions


def _texts(client, number: int) -> tuple[str, str, str]:
    page = client.get(f"/publications/roadmaps/v{number}/").content.decode()
    word = Document(
        io.BytesIO(client.get(f"/publications/roadmaps/v{number}/roadmaps.docx").content)
    )
    docx_text = " ".join(" ".join(p.text for p in word.paragraphs).split())
    pdf = client.get(f"/publications/roadmaps/v{number}/roadmaps.pdf")
    pdf_text = " ".join(
        " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages).split()
    )
    return page, docx_text, pdf_text


def test_the_document_holds_every_published_roadmap_in_the_action_lines_order(published):
    version, created = services.roadmaps_document_compile(by=secretariat_user())

    content = version.content
    assert created
    assert [(c["code"], c["version"]) for c in content["chapters"]] == [("C2", 1), ("C4", 1)]
    c2 = content["chapters"][0]
    assert [g["title"] for g in c2["groups"]] == [
        "Geneva Plan of Action and Tunis Agenda for the Information Society",
        "WSIS+10 Outcome Documents (Sample Statement)",
    ]
    assert [c["label"] for c in c2["groups"][0]["clauses"]] == ["A", "B"]
    assert c2["groups"][0]["clauses"][0]["columns"]["proposed_timing"] == "2025-2027"
    assert "<script>" not in str(content)
    assert sorted(version.roadmap_versions.values_list("pk", flat=True)) == sorted(
        v.pk for v in published
    )
    assert AuditEntry.objects.filter(action="publications_roadmaps.compile").count() == 1


def test_a_new_version_only_when_a_roadmap_or_the_introduction_changed(
    published, client, django_capture_on_commit_callbacks
):
    secretariat = secretariat_user()
    first, _created = services.roadmaps_document_compile(by=secretariat)
    again, created = services.roadmaps_document_compile(by=secretariat)
    assert (again.pk, created) == (first.pk, False)
    assert task_roadmaps_document_compile.delay(None, secretariat.pk).get() == 1

    c2 = published[0]
    draft = c2.roadmap.versions.create(number=2, status=VersionStatus.DRAFT)
    draft.groups.create(title="A new source", position=1)
    again, created = services.roadmaps_document_compile(by=secretariat)
    assert (again.number, created) == (1, False)  # a draft changes nothing
    roadmap_version_transition(version=draft, to=VersionStatus.SUBMITTED, by=secretariat)
    roadmap_version_transition(version=draft, to=VersionStatus.PUBLISHED, by=secretariat)

    client.get("/publications/roadmaps/")  # cached with version 1
    with django_capture_on_commit_callbacks(execute=True):
        second, created = services.roadmaps_document_compile(by=secretariat)
    assert (second.number, created) == (2, True)
    assert "<strong>Version 2</strong>" in client.get("/publications/roadmaps/").content.decode()
    assert [(c["code"], c["version"]) for c in second.content["chapters"]] == [
        ("C2", 2),
        ("C4", 1),
    ]
    first.refresh_from_db()
    assert [(c["code"], c["version"]) for c in first.content["chapters"]] == [
        ("C2", 1),
        ("C4", 1),
    ]


def test_the_page_and_downloads_hold_every_part(published, client):
    services.roadmaps_document_compile()
    page, docx_text, pdf_text = _texts(client, 1)
    for part in (
        "WSIS Action Line Roadmaps",
        "Introduction",
        "The roadmaps of the Action Lines ITU facilitates.",
        "Contents",
        "Roadmap for WSIS Action Line C2: Information and communication infrastructure",
        "Roadmap for WSIS Action Line C4: Capacity building",
        "Geneva Plan of Action and Tunis Agenda for the Information Society",
        "WSIS+10 Outcome Documents (Sample Statement)",
        "Open sample public access points",
        "Share sample spectrum data",
        "Sample Resolution 3",
        "Ten points opened.",
    ):
        assert part in page, part
        assert part in docx_text, part
        assert part in pdf_text, part
    latest = client.get("/publications/roadmaps/").content.decode()
    assert "<strong>Version 1</strong>" in latest


def test_no_document_is_a_404(client):
    assert client.get("/publications/roadmaps/").status_code == 404
    assert client.get("/publications/roadmaps/v1/roadmaps.pdf").status_code == 404


def test_the_page_makes_as_many_queries_for_one_roadmap_as_for_several(client):
    _publish_everything(read_sample("minimal.txt"))
    services.roadmaps_document_compile()
    one = uncached_queries(client, "/publications/roadmaps/")
    _publish_everything(read_sample("two_action_lines.txt"))
    services.roadmaps_document_compile()
    many = uncached_queries(client, "/publications/roadmaps/")
    assert one == many
    assert many <= MAX_QUERIES


@pytest.mark.skipif(not SEED_FILE.is_file(), reason="the shared seeds folder is absent")
def test_the_seed_roadmaps_make_one_document_with_every_clause(client):
    versions = _publish_everything(SEED_FILE.read_text(encoding="utf-8"))
    version, _created = services.roadmaps_document_compile()
    assert [c["code"] for c in version.content["chapters"]] == ["C2", "C4", "C5", "C6"]
    clauses = sum(v.clauses.count() for v in versions)
    assert version.content["clauses"] == clauses
    _page, docx_text, pdf_text = _texts(client, 1)
    for chapter in version.content["chapters"]:
        for group in chapter["groups"]:
            for clause in group["clauses"]:
                opening = " ".join(clause["outcome"].split()[:6])
                assert opening in docx_text, opening
                assert opening in pdf_text, opening


def test_two_versions_are_compared_introduction_roadmaps_and_clauses(published, client):
    """Version 1 → 2: the introduction rewritten, C2's roadmap moved to version 2 in which
    clause B is reworded and clause a removed; the diff names each, and not C4."""
    from publications.diffing import roadmaps_document_versions_diff
    from roadmaps.models import Clause
    from roadmaps.services import roadmap_draft_start

    secretariat = secretariat_user()
    first, _created = services.roadmaps_document_compile(by=secretariat)
    assert roadmaps_document_versions_diff(first, first).unchanged
    document = services.roadmaps_document_current()
    document.introduction = "The roadmaps of every Action Line ITU facilitates."
    document.save()
    draft = roadmap_draft_start(roadmap=published[0].roadmap, by=secretariat)
    Clause.objects.filter(version=draft, label="B").update(
        outcome_text="Open sample public access points in villages"
    )
    Clause.objects.filter(version=draft, label="a").delete()
    roadmap_version_transition(version=draft, to=VersionStatus.SUBMITTED, by=secretariat)
    roadmap_version_transition(version=draft, to=VersionStatus.PUBLISHED, by=secretariat)
    second, _created = services.roadmaps_document_compile(by=secretariat)

    diff = roadmaps_document_versions_diff(first, second)
    assert (diff.old_number, diff.new_number) == (1, 2)
    assert [text.label for text in diff.texts] == [
        "Introduction",
        "Roadmap C2 (version 2), clause B",
    ]
    assert ("insert", "in villages") in [(s.kind, s.text) for s in diff.texts[1].segments]
    roadmaps, clauses = diff.items
    c2 = "Roadmap for WSIS Action Line C2: Information and communication infrastructure"
    assert roadmaps.changed == (f"{c2} (Roadmap version 2)",)
    assert (roadmaps.added, roadmaps.removed) == ((), ())
    assert clauses.removed == ("Roadmap C2 (version 1), clause a",)
    assert clauses.changed == ("Roadmap C2 (version 2), clause B",)
    assert clauses.added == ()

    url = "/publications/roadmaps/v1/compare/v2/"
    latest = client.get("/publications/roadmaps/").content.decode()
    assert f'href="{url}">Compare with the previous version</a>' in latest
    assert f'href="{url}">changes from version 1 to 2</a>' in latest
    assert "Compare with the previous version" not in (
        client.get("/publications/roadmaps/v1/").content.decode()
    )
    page = client.get(url)  # public, as every version is
    assert page.status_code == 200
    html = page.content.decode()
    assert "WSIS Action Line Roadmaps: changes from version 1 to 2" in html
    assert "<ins>in villages</ins>" in html
    assert "<del><bdi>Roadmap C2 (version 1), clause a</bdi></del>" in html
    assert 'href="/publications/roadmaps/v2/">Back to version 2</a>' in html
    assert client.get("/publications/roadmaps/v1/compare/v3/").status_code == 404
