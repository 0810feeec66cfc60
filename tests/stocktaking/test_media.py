"""Uploaded files in production and development alike (issue 13, item 10): an entry's image is
public, with caching headers, while a published entry shows it, and otherwise only for those who
may see the entry; an attachment never has a public URL, only the permission-checked view."""

import importlib
import io

import pytest
from django.core.files.base import ContentFile
from django.urls import Resolver404, clear_url_caches, resolve
from PIL import Image

from stocktaking.enums import EntryStatus
from stocktaking.views import attachment_download, entry_image
from tests.stocktaking.factories import EntryAttachmentFactory, EntryFactory

pytestmark = pytest.mark.django_db


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (2, 2), (200, 30, 30)).save(buffer, format="PNG")
    return buffer.getvalue()


def with_image(entry):
    entry.image.save("logo.png", ContentFile(png_bytes()), save=True)
    return entry


def test_a_published_entrys_image_is_public_with_caching_headers(client):
    entry = with_image(EntryFactory(status=EntryStatus.APPROVED))
    assert entry.image.url.startswith("/media/stocktaking/images/")
    response = client.get(entry.image.url)
    assert response.status_code == 200
    assert response.content == png_bytes()
    assert (response["Content-Type"], response["Cache-Control"]) == (
        "image/png",
        "public, max-age=86400",
    )


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("anonymous", 404),
        ("other_org", 404),
        ("expert", 404),
        ("member", 200),
        ("secretariat", 200),
    ],
)
def test_a_drafts_image_only_for_who_may_see_the_draft(people, login, role, status):
    entry = with_image(EntryFactory(organisation=people["member"].memberships.get().organisation))
    response = login(people[role]).get(entry.image.url)
    assert response.status_code == status
    if status == 200:
        assert response["Cache-Control"] == "private, no-cache, max-age=0"


def test_a_revisions_image_shared_with_its_published_entry_is_public(client):
    published = with_image(EntryFactory(status=EntryStatus.APPROVED))
    EntryFactory(
        status=EntryStatus.DRAFT,
        revision_of=published,
        organisation=published.organisation,
        image=published.image.name,
    )
    assert client.get(published.image.url).status_code == 200


def test_a_new_image_of_a_pending_revision_stays_private(client):
    published = EntryFactory(status=EntryStatus.APPROVED)
    revision = with_image(
        EntryFactory(
            status=EntryStatus.SUBMITTED, revision_of=published, organisation=published.organisation
        )
    )
    assert client.get(revision.image.url).status_code == 404


@pytest.mark.parametrize("status", [EntryStatus.DRAFT, EntryStatus.APPROVED])
def test_an_attachment_has_no_public_url(people, login, status):
    entry = EntryFactory(
        organisation=people["member"].memberships.get().organisation, status=status
    )
    attachment = EntryAttachmentFactory(entry=entry)
    member = login(people["member"])
    assert member.get(f"/media/{attachment.file.name}").status_code == 404
    assert login(None).get(f"/media/{attachment.file.name}").status_code == 404
    # Only through the view that checks who may see the entry.
    assert (
        login(people["member"]).get(f"/stocktaking/attachments/{attachment.pk}/").status_code == 200
    )
    anonymous = login(None).get(f"/stocktaking/attachments/{attachment.pk}/").status_code
    assert anonymous == (200 if status == EntryStatus.APPROVED else 404)


@pytest.mark.parametrize("debug", [True, False])
def test_media_urls_are_the_same_with_debug_on_and_off(settings, debug):
    """The URLconf is built once, with the DEBUG of the process: built either way, an image
    goes to the checking view and an attachment's stored name resolves to nothing."""
    import wsis.urls

    settings.DEBUG = debug
    try:
        importlib.reload(wsis.urls)
        clear_url_caches()
        assert resolve("/media/stocktaking/images/0123abcd.png").func is entry_image
        assert resolve("/stocktaking/attachments/1/").func is attachment_download
        for path in ("/media/stocktaking/attachments/0123abcd.pdf", "/media/other/file.txt"):
            with pytest.raises(Resolver404):
                resolve(path)
    finally:
        settings.DEBUG = False
        importlib.reload(wsis.urls)
        clear_url_caches()
