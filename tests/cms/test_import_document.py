"""import_document: plain-text policy documents into draft pages of the document library, with
a report; a malformed file names its line and writes nothing; the same file twice creates one
page. On our own samples (tests/cms/samples/) and on seed 002 when ../shared/seeds/ is there."""

from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import Client

from cms.importers.policy_text import PolicyTextError, parse_policy_text
from cms.models import PolicyDocumentPage
from cms.services import policy_document_import
from tests.cms.builders import document_library
from tests.factories import UserFactory
from wsis.models import AuditEntry

SAMPLES = Path(__file__).parent / "samples"
SEED_002 = Path(__file__).resolve().parents[3] / "shared" / "seeds" / "002_e408e2ac97c67776.txt"


def _sample(name: str) -> str:
    return (SAMPLES / name).read_text(encoding="utf-8")


def test_sample_is_read_into_its_structure():
    parsed = parse_policy_text(_sample("small_policy.txt"))
    assert parsed.title == "A SMALL POLICY ON OPEN DATA"
    assert [(block.kind, block.number, block.level, block.text) for block in parsed.blocks] == [
        (
            "paragraph",
            "",
            2,
            (
                '<p>An opening paragraph that mentions a note<sup><a href="#footnote-1">1</a></sup>'
                " and <i>an emphasis</i>.</p>"
            ),
        ),
        ("heading", "1", 2, "OPEN BY DEFAULT"),
        ("paragraph", "", 2, "<p>Public data should be published in open formats.</p>"),
        ("heading", "1.1", 3, "PRINCIPLES"),
        (
            "paragraph",
            "",
            2,
            (
                "<ul><li><b>Findable:</b> every data set has an address.</li>"
                "<li><b>Reusable:</b> a licence says what may be done"
                '<sup><a href="#footnote-2">2</a></sup>.</li></ul>'
            ),
        ),
        ("heading", "2", 2, "PRIVACY"),
        ("paragraph", "1", 2, "<p>Personal data is never published.</p>"),
        ("paragraph", "2", 2, "<p>Aggregates hide small groups.</p>"),
        ("annex", "1", 2, "THE LICENCE"),
        (
            "paragraph",
            "",
            2,
            (
                '<p>The licence is <a href="https://example.org/licence">an open licence</a> with '
                "attribution.</p>"
            ),
        ),
        ("annex", "2", 2, "CONTACTS"),
        ("paragraph", "", 2, "<p>Write to the data office.</p>"),
    ]
    assert [(note.number, note.text) for note in parsed.footnotes] == [
        ("1", "The note's text, with a link that is only text."),
        ("2", "A second note."),
    ]
    assert parsed.warnings == []


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("missing_footnote.txt", "Line 5: footnote 3 is referenced but its text is missing."),
        ("duplicate_footnote.txt", "Line 6: footnote 1 is given twice (first on line 5)."),
        (
            "no_title.txt",
            "Line 2: expected the document's title (one short line) before anything else.",
        ),
        ("nul_byte.txt", "Line 4: a control character (such as NUL): not a text file."),
    ],
)
def test_malformed_file_is_refused_naming_the_line(name, message):
    with pytest.raises(PolicyTextError) as error:
        parse_policy_text(_sample(name))
    assert str(error.value) == message


@pytest.mark.django_db
def test_import_creates_a_draft_with_a_report_and_twice_creates_nothing():
    library = document_library()
    editor = UserFactory(is_staff=True, verified=True)
    report = policy_document_import(text=_sample("small_policy.txt"), library=library, by=editor)
    page = PolicyDocumentPage.objects.get()
    assert (page.title, page.live, page.get_parent().pk) == (
        "A SMALL POLICY ON OPEN DATA",
        False,
        library.pk,
    )
    assert page.has_unpublished_changes is True
    assert page.get_latest_revision().user == editor
    assert [block.block_type for block in page.body] == [
        "paragraph", "heading", "paragraph", "heading", "paragraph", "heading",
        "paragraph", "paragraph", "annex", "paragraph", "annex", "paragraph",
    ]  # fmt: skip
    assert [(note.number, note.text) for note in page.footnotes.all()] == [
        ("1", "The note's text, with a link that is only text."),
        ("2", "A second note."),
    ]
    assert report.lines() == [
        "Title: A SMALL POLICY ON OPEN DATA",
        "Headings: 3",
        "Paragraphs: 7 (2 numbered)",
        "Annexes: 2",
        "  1: THE LICENCE",
        "  2: CONTACTS",
        "Footnotes: 2",
        f"Created the draft page {page.pk} at {page.url_path}.",
    ]
    assert (
        AuditEntry.objects.filter(action="cms:document_import", object_id=str(page.pk)).count() == 1
    )

    again = policy_document_import(text=_sample("small_policy.txt"), library=library, by=editor)
    assert (again.already_imported, again.page.pk) == (True, page.pk)
    assert PolicyDocumentPage.objects.count() == 1
    assert again.lines()[-1] == (
        f"Already imported as “A SMALL POLICY ON OPEN DATA” (page {page.pk}): nothing created."
    )


@pytest.mark.django_db
def test_command_reports_and_names_the_line_of_a_malformed_file():
    document_library()
    out = StringIO()
    call_command("import_document", str(SAMPLES / "small_policy.txt"), stdout=out)
    assert out.getvalue().splitlines()[:4] == [
        "Title: A SMALL POLICY ON OPEN DATA",
        "Headings: 3",
        "Paragraphs: 7 (2 numbered)",
        "Annexes: 2",
    ]
    with pytest.raises(CommandError) as error:
        call_command("import_document", str(SAMPLES / "missing_footnote.txt"), stdout=StringIO())
    assert str(error.value) == "Line 5: footnote 3 is referenced but its text is missing."
    with pytest.raises(CommandError) as error:
        call_command("import_document", str(SAMPLES / "latin1.txt"), stdout=StringIO())
    assert str(error.value) == (
        "Line 3: the file is not UTF-8 text; it looks like Latin-1 or Windows-1252 (“Café in "
        "Latin-1.”). Save it as UTF-8 (in a word processor: Save as, Plain text, Unicode UTF-8) "
        "and import it again."
    )
    assert PolicyDocumentPage.objects.count() == 1


@pytest.mark.django_db
def test_dry_run_creates_nothing():
    document_library()
    out = StringIO()
    call_command("import_document", str(SAMPLES / "small_policy.txt"), "--dry-run", stdout=out)
    assert out.getvalue().splitlines()[-1] == "Dry run: nothing created."
    assert PolicyDocumentPage.objects.count() == 0


@pytest.mark.django_db
def test_upload_form_in_the_wagtail_admin():
    library = document_library()
    editor = UserFactory(is_staff=True, verified=True)
    editor.groups.add(Group.objects.get(name="Editors"))
    client = Client()
    client.force_login(editor)
    upload = SimpleUploadedFile("policy.txt", _sample("small_policy.txt").encode())
    response = client.post("/cms-admin/import-document/", {"file": upload, "library": library.pk})
    page = PolicyDocumentPage.objects.get()
    assert response.status_code == 200
    assert f"Created the draft page {page.pk} at {page.url_path}." in response.content.decode()
    broken = SimpleUploadedFile("broken.txt", _sample("duplicate_footnote.txt").encode())
    response = client.post("/cms-admin/import-document/", {"file": broken, "library": library.pk})
    assert "Line 6: footnote 1 is given twice (first on line 5)." in response.content.decode()
    assert PolicyDocumentPage.objects.count() == 1


@pytest.mark.django_db
@pytest.mark.skipif(not SEED_002.exists(), reason="seed 002 is in ../shared/seeds/, absent here")
def test_seed_002_is_imported_with_its_annexes_and_footnotes():
    library = document_library()
    text = SEED_002.read_text(encoding="utf-8")
    report = policy_document_import(text=text, library=library)
    assert report.title == "ITU'S INPUTS TO THE GLOBAL DIGITAL COMPACT"
    assert [annex.split(":")[0] for annex in report.annexes] == ["1", "2", "4"]
    assert report.footnotes == 3
    assert report.headings == 17
    assert report.numbered_paragraphs == 20
    assert report.warnings == [
        "Line 33: heading number 1.2 was used already on line 17.",
        "Line 222: annex 4 follows annex 2.",
    ]
    page = report.page
    assert [note.number for note in page.footnotes.all()] == ["1", "2", "3"]
    assert page.table_of_contents()[0]["text"] == (
        "CONNECT ALL PEOPLE TO THE INTERNET, INCLUDING ALL SCHOOLS"
    )
    assert policy_document_import(text=text, library=library).already_imported is True
    assert PolicyDocumentPage.objects.count() == 1
