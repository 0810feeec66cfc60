"""Uploads within bounds (issue 13, item 8): an entry carries at most
STOCKTAKING_ATTACHMENTS_MAX_COUNT PDFs of at most STOCKTAKING_ATTACHMENTS_MAX_TOTAL_MB together,
uploads pass the submission throttle (tests/wsis/test_throttling.py), and the owner removes an
attachment of a draft (its file goes too)."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from stocktaking.enums import EntryStatus
from stocktaking.models import EntryAttachment
from tests.factories import MembershipFactory, secretariat_user
from tests.stocktaking.factories import EntryAttachmentFactory, EntryFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def pdf_of(size: int) -> bytes:
    """A harmless PDF of `size` bytes (a comment pads it)."""
    padding = size - len(PDF) - 2
    return PDF.replace(b"%%EOF", b"%" + b"x" * padding + b"\n%%EOF")


@pytest.fixture
def media_root(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def owner(db):
    return MembershipFactory(is_contact=True).user


@pytest.fixture
def draft(owner):
    return EntryFactory(organisation=owner.memberships.get().organisation)


def _upload(client, entry, n: int, content: bytes = PDF):
    return client.post(
        f"/stocktaking/mine/{entry.pk}/attachments/",
        {"title": f"Report {n}", "file": SimpleUploadedFile(f"r{n}.pdf", content)},
    )


def _files(root: Path) -> list[Path]:
    return sorted(path for path in root.rglob("*") if path.is_file()) if root.exists() else []


def test_the_defaults_are_ten_attachments_and_thirty_megabytes(settings):
    assert settings.STOCKTAKING_ATTACHMENTS_MAX_COUNT == 10
    assert settings.STOCKTAKING_ATTACHMENTS_MAX_TOTAL_MB == 30


def test_an_entry_carries_at_most_the_count_of_attachments(
    client, owner, draft, settings, media_root
):
    settings.STOCKTAKING_ATTACHMENTS_MAX_COUNT = 3
    client.force_login(owner)

    statuses = [_upload(client, draft, n).status_code for n in range(5)]

    assert statuses == [302, 302, 302, 400, 400]
    assert EntryAttachment.objects.filter(entry=draft).count() == 3
    assert len(_files(media_root)) == 3
    refused = _upload(client, draft, 6).content.decode()
    assert "An entry has at most 3 attachments: remove one first." in refused


def test_an_entry_carries_at_most_the_total_size(client, owner, draft, settings, media_root):
    settings.STOCKTAKING_ATTACHMENTS_MAX_TOTAL_MB = 1
    client.force_login(owner)
    six_tenths = pdf_of(600 * 1024)

    statuses = [_upload(client, draft, n, six_tenths).status_code for n in range(3)]

    assert statuses == [302, 400, 400]
    assert list(EntryAttachment.objects.filter(entry=draft).values_list("size", flat=True)) == [
        600 * 1024
    ]
    refused = _upload(client, draft, 4, six_tenths).content.decode()
    assert (
        "The attachments of an entry take at most 1 MB together; with this file they would "
        "take 1.2 MB."
    ) in refused
    # A smaller one still fits.
    assert _upload(client, draft, 5, pdf_of(300 * 1024)).status_code == 302


def test_the_owner_removes_an_attachment_of_a_draft(
    client, owner, draft, media_root, django_capture_on_commit_callbacks
):
    client.force_login(owner)
    assert _upload(client, draft, 1).status_code == 302
    attachment = EntryAttachment.objects.get(entry=draft)
    assert len(_files(media_root)) == 1
    page = client.get(f"/stocktaking/mine/{draft.pk}/").content.decode()
    remove = f"/stocktaking/mine/{draft.pk}/attachments/{attachment.pk}/remove/"
    assert f'action="{remove}"' in page

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(remove)

    assert response.status_code == 302
    assert response["Location"] == f"/stocktaking/mine/{draft.pk}/"
    assert EntryAttachment.objects.filter(entry=draft).count() == 0
    assert _files(media_root) == []


@pytest.mark.parametrize("remover", ["other", "secretariat"])
def test_nobody_else_removes_an_attachment(client, draft, media_root, remover):
    attachment = EntryAttachmentFactory(entry=draft)
    client.force_login(MembershipFactory().user if remover == "other" else secretariat_user())

    response = client.post(f"/stocktaking/mine/{draft.pk}/attachments/{attachment.pk}/remove/")

    assert response.status_code == 404
    assert EntryAttachment.objects.filter(pk=attachment.pk).exists()


def test_an_attachment_of_a_submitted_entry_stays(client, owner, media_root):
    entry = EntryFactory(
        organisation=owner.memberships.get().organisation, status=EntryStatus.SUBMITTED
    )
    attachment = EntryAttachmentFactory(entry=entry)
    client.force_login(owner)

    response = client.post(
        f"/stocktaking/mine/{entry.pk}/attachments/{attachment.pk}/remove/", follow=True
    )

    assert response.status_code == 200
    assert "This entry cannot be edited now." in response.content.decode()
    assert EntryAttachment.objects.filter(pk=attachment.pk).exists()


def test_an_attachment_of_another_entry_is_not_found(client, owner, draft, media_root):
    other = EntryAttachmentFactory(entry=EntryFactory(organisation=draft.organisation))
    client.force_login(owner)

    response = client.post(f"/stocktaking/mine/{draft.pk}/attachments/{other.pk}/remove/")

    assert response.status_code == 404
    assert EntryAttachment.objects.filter(pk=other.pk).exists()
