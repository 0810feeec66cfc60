"""The roadmap pages: permissions per role and state, public reads, exports, diff, editor."""

import csv
import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from docx import Document
from pypdf import PdfReader

import wsis.pdf
from roadmaps import services
from roadmaps.enums import VersionStatus
from roadmaps.models import Clause, RoadmapVersion
from tests.factories import secretariat_user
from tests.query_counts import MAX_QUERIES, uncached_queries
from tests.roadmaps.factories import ClauseFactory, RoadmapFactory, version_with_clauses
from tests.roadmaps.helpers import ROLES, SEED_FILE, login, read_sample, user_for
from wsis.models import ActionLine
from wsis.rich_text import html_to_text

pytestmark = pytest.mark.django_db

STATES = tuple(VersionStatus.values)


def url(name: str, version: RoadmapVersion, **extra) -> str:
    return reverse(
        f"roadmaps:{name}",
        kwargs={"slug": version.roadmap.action_line.slug, "number": version.number, **extra},
    )


# --- permissions: role x state ---------------------------------------------------------------

# Who may read a version in each state: the public reads published and superseded versions;
# drafts, submitted and returned versions are a 404 for everyone but the Action Line's
# facilitators and the secretariat.
READ_TABLE = {
    "anonymous": {
        "draft": 404,
        "submitted": 404,
        "returned": 404,
        "published": 200,
        "superseded": 200,
    },
    "facilitator_here": dict.fromkeys(STATES, 200),
    "facilitator_other": {
        "draft": 404,
        "submitted": 404,
        "returned": 404,
        "published": 200,
        "superseded": 200,
    },
    "secretariat": dict.fromkeys(STATES, 200),
}

# The editor page: anonymous goes to sign in (302); who may read but not edit gets 403.
EDIT_TABLE = {
    "anonymous": dict.fromkeys(STATES, 302),
    "facilitator_here": {
        "draft": 200,
        "submitted": 403,
        "returned": 200,
        "published": 403,
        "superseded": 403,
    },
    "facilitator_other": {
        "draft": 404,
        "submitted": 404,
        "returned": 404,
        "published": 403,
        "superseded": 403,
    },
    "secretariat": {
        "draft": 200,
        "submitted": 403,
        "returned": 200,
        "published": 403,
        "superseded": 403,
    },
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("page", ["version_detail", "version_print", "download_csv"])
def test_read_permissions(client, role: str, state: str, page: str) -> None:
    version = version_with_clauses(status=state)
    login(client, user_for(role))

    if page == "download_csv":
        address = url("version_download", version, fmt="csv")
    else:
        address = url(page, version)

    assert client.get(address).status_code == READ_TABLE[role][state]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("state", STATES)
def test_edit_permissions(client, role: str, state: str) -> None:
    version = version_with_clauses(status=state)
    login(client, user_for(role))

    assert client.get(url("version_edit", version)).status_code == EDIT_TABLE[role][state]
    assert (
        client.get(reverse("roadmaps:clause_edit", args=[version.clauses.get().pk])).status_code
        == EDIT_TABLE[role][state]
    )


# Which workflow move each role may make from each state, as (to, expected resulting status).
MOVE_TABLE = [
    # role, from, to, allowed
    ("facilitator_here", "draft", "submitted", True),
    ("facilitator_here", "returned", "submitted", True),
    ("facilitator_here", "submitted", "published", False),
    ("facilitator_here", "submitted", "returned", False),
    ("facilitator_other", "draft", "submitted", False),
    ("facilitator_other", "submitted", "published", False),
    ("secretariat", "draft", "submitted", True),
    ("secretariat", "submitted", "published", True),
    ("secretariat", "submitted", "returned", True),
    ("secretariat", "draft", "published", False),
    ("secretariat", "published", "superseded", False),
    ("anonymous", "submitted", "published", False),
]


@pytest.mark.parametrize(("role", "source", "target", "allowed"), MOVE_TABLE)
def test_workflow_moves_through_the_page(
    client, role: str, source: str, target: str, allowed: bool
) -> None:
    version = version_with_clauses(status=source)
    login(client, user_for(role))

    client.post(url("version_transition", version), {"to": target, "reason": "Please revise."})

    version.refresh_from_db()
    assert version.status == (target if allowed else source)


@pytest.mark.parametrize(
    ("role", "expected_status", "versions"),
    [
        ("anonymous", 302, 1),
        ("facilitator_here", 302, 2),
        ("facilitator_other", 403, 1),
        ("secretariat", 302, 2),
    ],
)
def test_start_draft_permissions(client, role: str, expected_status: int, versions: int) -> None:
    version = version_with_clauses()
    login(client, user_for(role))

    response = client.post(
        reverse("roadmaps:draft_start", kwargs={"slug": version.roadmap.action_line.slug})
    )

    assert response.status_code == expected_status
    assert RoadmapVersion.objects.count() == versions


def test_draft_clause_is_a_404_for_the_public(client) -> None:
    draft = version_with_clauses(status=VersionStatus.DRAFT)
    version_with_clauses(status=VersionStatus.PUBLISHED, roadmap=draft.roadmap)

    response = client.get(reverse("roadmaps:roadmap_detail", args=["c2"]))

    assert response.status_code == 200
    assert draft.clauses.get().outcome_text not in response.content.decode()


# --- public pages ----------------------------------------------------------------------------


def test_roadmap_detail_shows_the_published_table_grouped_by_source(client) -> None:
    version = version_with_clauses(clauses=2, number=3)
    ClauseFactory(
        group__version=version,
        group__title="WSIS+10 Outcome Documents",
        group__position=2,
        label="a",
        outcome_text="<p>Plus ten outcome</p>",
    )

    response = client.get(reverse("roadmaps:roadmap_detail", args=["c2"]))

    html = response.content.decode()
    assert response.status_code == 200
    assert [g.title for g in response.context["version"].groups.all()] == [
        "Geneva Plan of Action and Tunis Agenda for the Information Society",
        "WSIS+10 Outcome Documents",
    ]
    assert html.count('<tr id="clause-') == 3
    assert version.as_of.isoformat() in html


def test_roadmap_detail_query_count_is_the_same_for_1_and_30_clauses(client) -> None:
    def count_queries(code: str, clauses: int) -> int:
        roadmap = RoadmapFactory(action_line=ActionLine.objects.get(code=code))
        version_with_clauses(clauses=clauses, roadmap=roadmap)
        address = reverse("roadmaps:roadmap_detail", args=[roadmap.action_line.slug])
        count = uncached_queries(client, address)
        assert client.get(address).content.decode().count('<tr id="clause-') == clauses
        assert count <= MAX_QUERIES
        return count

    assert count_queries("C2", 1) == count_queries("C4", 30)


def test_roadmap_index_query_count_is_the_same_for_1_and_4_roadmaps(client) -> None:
    def count_queries() -> int:
        count = uncached_queries(client, reverse("roadmaps:roadmap_index"))
        assert count <= MAX_QUERIES
        return count

    version_with_clauses(roadmap=RoadmapFactory(action_line=ActionLine.objects.get(code="C2")))
    one = count_queries()
    for code in ("C4", "C5", "C6"):
        version_with_clauses(roadmap=RoadmapFactory(action_line=ActionLine.objects.get(code=code)))

    assert count_queries() == one


def test_version_history_lists_only_public_versions_to_the_public(client) -> None:
    first = version_with_clauses(status=VersionStatus.SUPERSEDED, number=1)
    version_with_clauses(status=VersionStatus.PUBLISHED, number=2, roadmap=first.roadmap)
    version_with_clauses(status=VersionStatus.DRAFT, number=3, roadmap=first.roadmap)

    response = client.get(reverse("roadmaps:version_list", args=["c2"]))

    assert [v.number for v in response.context["versions"]] == [2, 1]


def test_diff_of_two_versions(client) -> None:
    old = version_with_clauses(status=VersionStatus.SUPERSEDED, number=1, clauses=3)
    new = version_with_clauses(
        status=VersionStatus.PUBLISHED, number=2, roadmap=old.roadmap, clauses=2
    )
    changed = new.clauses.get(label="B")
    changed.current_situation = "<p>Current situation improved a lot</p>"
    changed.save()
    new.clauses.filter(label="A").update(outcome_text=old.clauses.get(label="A").outcome_text)
    new.clauses.filter(label="B").update(outcome_text=old.clauses.get(label="B").outcome_text)
    added_group = new.groups.get()
    ClauseFactory(group=added_group, version=new, label="Z", position=9, outcome_text="New clause")

    response = client.get(reverse("roadmaps:version_compare", args=["c2"]) + "?from=1&to=2")

    changes = response.context["changes"]
    assert [(c.kind.value, c.label) for c in changes] == [
        ("changed", "B"),
        ("added", "Z"),
        ("removed", "C"),
    ]
    assert [
        (col.field, [(s.kind, s.text) for s in col.segments]) for col in changes[0].columns
    ] == [
        (
            "current_situation",
            [("equal", "Current situation"), ("insert", "improved a lot")],
        )
    ]
    assert "<ins>improved a lot</ins>" in response.content.decode()


def test_diff_with_a_draft_is_a_404_for_the_public(client) -> None:
    old = version_with_clauses(number=1)
    version_with_clauses(status=VersionStatus.DRAFT, number=2, roadmap=old.roadmap)

    response = client.get(reverse("roadmaps:version_compare", args=["c2"]) + "?from=1&to=2")

    assert response.status_code == 404


def test_sdg_page_lists_linked_clauses_of_published_roadmaps_only(client) -> None:
    published = version_with_clauses(clauses=2)
    draft = version_with_clauses(status=VersionStatus.DRAFT, roadmap=published.roadmap)

    response = client.get(reverse("roadmaps:sdg_detail", args=[9]))

    assert sorted(c.pk for c in response.context["clauses"]) == sorted(
        published.clauses.values_list("pk", flat=True)
    )
    assert draft.clauses.first().outcome_text not in response.content.decode()
    assert client.get(reverse("roadmaps:sdg_detail", args=[18])).status_code == 404


def test_sdg_page_query_count_is_the_same_for_1_and_several_clauses(client) -> None:
    def count_queries() -> int:
        count = uncached_queries(client, reverse("roadmaps:sdg_detail", args=[9]))
        assert count <= MAX_QUERIES
        return count

    version = version_with_clauses(clauses=1)
    one = count_queries()
    for index in range(5):
        ClauseFactory(group=version.groups.get(), position=10 + index, sdg_numbers=[9])
    version_with_clauses(
        roadmap=RoadmapFactory(action_line=ActionLine.objects.get(code="C5")), clauses=3
    )

    assert count_queries() == one


# --- exports ---------------------------------------------------------------------------------


@pytest.fixture
def imported_version() -> RoadmapVersion:
    """A published version made from the sample document, with every column filled somewhere."""
    services.roadmap_import(text=read_sample("two_action_lines.txt"), by=None)
    version = RoadmapVersion.objects.get(roadmap__action_line__code="C2")
    RoadmapVersion.objects.filter(pk=version.pk).update(status=VersionStatus.PUBLISHED)
    return version


def test_docx_export_contains_every_clause(client, imported_version) -> None:
    response = client.get(url("version_download", imported_version, fmt="docx"))

    document = Document(io.BytesIO(response.content))
    first_cells = [
        table.rows[i].cells[0].text for table in document.tables for i in range(1, len(table.rows))
    ]
    assert response["Content-Disposition"] == 'attachment; filename="roadmap-c2-v1.docx"'
    assert first_cells == [
        "A: Build a sample shared backbone",
        "B: Open sample public access points",
        "a: Share sample spectrum data",
    ]
    assert [h.text for h in document.paragraphs if h.style.name == "Heading 2"] == [
        "Geneva Plan of Action and Tunis Agenda for the Information Society",
        "WSIS+10 Outcome Documents (Sample Statement)",
    ]
    assert document.tables[0].rows[1].cells[5].text == "\u2022 Sample plan"


def test_pdf_export_contains_every_clause(client, imported_version) -> None:
    response = client.get(url("version_download", imported_version, fmt="pdf"))

    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert response["Content-Type"] == "application/pdf"
    words = " ".join(text.split())
    for clause in Clause.objects.filter(version=imported_version):
        assert f"{clause.label}: " in words
    assert (
        "Build a sample shared backbone" in words,
        "Open sample public access points" in words,
        "Share sample spectrum data" in words,
        "Roadmap for WSIS Action Line C2" in words,
    ) == (True, True, True, True)


def test_docx_and_pdf_of_every_seed_roadmap_contain_every_clause(client) -> None:
    if not SEED_FILE.is_file():
        pytest.skip(f"../shared/seeds/ is absent (fresh clone): {SEED_FILE} not found")
    services.roadmap_import(text=SEED_FILE.read_text(encoding="utf-8"), by=None)
    RoadmapVersion.objects.update(status=VersionStatus.PUBLISHED)

    for version in RoadmapVersion.objects.select_related("roadmap__action_line"):
        clauses = list(
            Clause.objects.filter(version=version).order_by("group__position", "position")
        )
        docx = Document(
            io.BytesIO(client.get(url("version_download", version, fmt="docx")).content)
        )
        pdf = PdfReader(io.BytesIO(client.get(url("version_download", version, fmt="pdf")).content))
        pdf_words = " ".join(" ".join(page.extract_text() for page in pdf.pages).split())
        openings = [" ".join(html_to_text(clause.outcome_text).split()[:6]) for clause in clauses]

        docx_rows = [row.cells[0].text for table in docx.tables for row in table.rows[1:]]
        assert [" ".join(text.split()[1:7]) for text in docx_rows] == openings
        assert [opening for opening in openings if opening not in pdf_words] == []


def test_pdf_without_a_system_font_uses_a_core_font(client, imported_version, monkeypatch) -> None:
    monkeypatch.setattr(wsis.pdf, "PDF_FONT_CANDIDATES", ())
    Clause.objects.filter(version=imported_version, label="B").update(
        outcome_text="Open points \u2013 \u201cfast\u201d \u2192 now"
    )

    response = client.get(url("version_download", imported_version, fmt="pdf"))

    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert 'B: Open points - "fast" ? now' in " ".join(text.split())


def test_csv_and_json_exports(client, imported_version) -> None:
    csv_response = client.get(url("version_download", imported_version, fmt="csv"))
    json_response = client.get(url("version_download", imported_version, fmt="json"))

    rows = list(csv.DictReader(io.StringIO(csv_response.content.decode())))
    assert [(r["source"][:6], r["label"], r["sdg_numbers"]) for r in rows] == [
        ("Geneva", "A", "9 11"),
        ("Geneva", "B", "4 5"),
        ("WSIS+1", "a", "17"),
    ]
    body = json.loads(json_response.content)
    assert [[c["label"] for c in g["clauses"]] for g in body["groups"]] == [["A", "B"], ["a"]]


def test_unknown_download_format_is_a_404(client, imported_version) -> None:
    assert client.get(url("version_download", imported_version, fmt="xlsx")).status_code == 404


# --- the editor ------------------------------------------------------------------------------


def form_data(clause: Clause, lock_version: int, **changes: str) -> dict[str, str]:
    return {
        **{name: getattr(clause, name) for name in services.CLAUSE_FIELDS},
        "lock_version": str(lock_version),
        **changes,
    }


def test_stale_clause_save_shows_both_versions_with_409(client) -> None:
    draft = version_with_clauses(status=VersionStatus.DRAFT)
    clause = draft.clauses.get()
    address = reverse("roadmaps:clause_edit", args=[clause.pk])
    first, second = user_for("facilitator_here"), secretariat_user()
    client.force_login(first)
    assert client.post(address, form_data(clause, 0, proposed_timing="2027")).status_code == 302
    client.force_login(second)

    response = client.post(address, form_data(clause, 0, proposed_timing="2031"))

    html = response.content.decode()
    assert response.status_code == 409
    assert response.context["conflict_rows"][2] == ("Proposed timing", "2031", "2027")
    assert 'name="lock_version" value="1"' in html
    assert Clause.objects.get(pk=clause.pk).proposed_timing == "2027"


def test_editor_adds_moves_and_removes_clauses(client) -> None:
    draft = version_with_clauses(status=VersionStatus.DRAFT, clauses=2)
    group = draft.groups.get()
    client.force_login(user_for("facilitator_here"))

    response = client.post(
        url("clause_add", draft, group_id=group.pk),
        {"label": "C", "outcome_text": "<p>Third</p>", "lock_version": "0"},
    )
    added = group.clauses.get(label="C")
    client.post(reverse("roadmaps:clause_move", args=[added.pk]), {"direction": "up"})
    first = group.clauses.get(label="A")
    client.post(
        reverse("roadmaps:clause_remove", args=[first.pk]), {"lock_version": "0", "confirm": "yes"}
    )

    assert response.status_code == 302
    assert list(group.clauses.order_by("position").values_list("label", flat=True)) == ["C", "B"]


def test_editor_saves_version_details_and_adds_a_source(client) -> None:
    draft = version_with_clauses(status=VersionStatus.DRAFT)
    client.force_login(user_for("facilitator_here"))

    client.post(
        url("version_edit", draft),
        {"form": "details", "as_of": "2025-06-01", "change_summary": "Updated C", "notes": ""},
    )
    client.post(url("version_edit", draft), {"form": "group", "title": "WSIS+20 Outcome"})

    draft.refresh_from_db()
    assert (str(draft.as_of), draft.change_summary) == ("2025-06-01", "Updated C")
    assert list(draft.groups.values_list("title", flat=True)) == [
        "Geneva Plan of Action and Tunis Agenda for the Information Society",
        "WSIS+20 Outcome",
    ]


def test_review_queue_is_for_the_secretariat(client) -> None:
    version_with_clauses(status=VersionStatus.SUBMITTED)
    client.force_login(user_for("facilitator_here"))
    assert client.get(reverse("roadmaps:review_queue")).status_code == 403
    client.force_login(secretariat_user())

    response = client.get(reverse("roadmaps:review_queue"))

    assert [v.status for v in response.context["versions"]] == ["submitted"]


# --- admin import ----------------------------------------------------------------------------


def upload(text: str, name: str = "roadmap.txt") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/plain")


def test_admin_import_dry_run_then_real(client) -> None:
    client.force_login(secretariat_user(is_superuser=True))
    address = reverse("admin:roadmaps_roadmapversion_import")
    text = read_sample("two_action_lines.txt")

    dry = client.post(address, {"document": upload(text), "dry_run": "on"})
    assert (dry.status_code, RoadmapVersion.objects.count()) == (200, 0)
    real = client.post(address, {"document": upload(text), "as_of": "2024-10-11"})

    assert real.status_code == 200
    assert (
        "Action Line C2 (Information and Communication Infrastructure): created draft version 1"
        in real.content.decode()
    )
    assert sorted(RoadmapVersion.objects.values_list("roadmap__action_line__code", "as_of")) == [
        ("C2", __import__("datetime").date(2024, 10, 11)),
        ("C4", __import__("datetime").date(2024, 10, 11)),
    ]


def test_admin_import_of_a_malformed_file_names_the_line(client) -> None:
    client.force_login(secretariat_user(is_superuser=True))
    lines = read_sample("two_action_lines.txt").split("\n")
    lines[21] = "\t".join(lines[21].split("\t")[:3])

    response = client.post(
        reverse("admin:roadmaps_roadmapversion_import"), {"document": upload("\n".join(lines))}
    )

    assert response.status_code == 400
    assert (
        response.context["form"]
        .errors["document"][0]
        .startswith("Line 22: found 3 cells, expected 7")
    )
    assert RoadmapVersion.objects.count() == 0


def test_admin_import_is_refused_to_facilitators(client) -> None:
    user = user_for("facilitator_here")
    user.is_staff = True
    user.save()
    client.force_login(user)

    response = client.get(reverse("admin:roadmaps_roadmapversion_import"))

    assert response.status_code == 403


@pytest.mark.parametrize(
    ("role", "page_status", "draft_status"),
    [
        ("anonymous", 404, 302),
        ("facilitator_here", 200, 302),
        ("facilitator_other", 404, 403),
        ("secretariat", 200, 302),
    ],
)
def test_first_draft_of_an_action_line_without_roadmap(
    client, role: str, page_status: int, draft_status: int
) -> None:
    login(client, user_for(role))

    page = client.get(reverse("roadmaps:roadmap_detail", args=["c2"]))
    response = client.post(reverse("roadmaps:draft_start", args=["c2"]))

    assert (page.status_code, response.status_code) == (page_status, draft_status)
    expected = 1 if role in ("facilitator_here", "secretariat") else 0
    assert RoadmapVersion.objects.filter(roadmap__action_line__code="C2").count() == expected
