"""The image library's files: originals and renditions in the "public" storage, served at
/media/public/ in local development and from the object storage's public bucket in production;
renditions made and shown with their alt text on a page."""

import io

import pytest
from django.core.files.storage import FileSystemStorage, storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory, override_settings
from PIL import Image as PillowImage

from cms.models import PortalImage, PortalRendition
from cms.models.images import public_storage
from cms.urls import public_media_urlpatterns
from tests.cms.builders import standard_page
from wsis.object_storage import s3_storages

pytestmark = pytest.mark.django_db


def _png(width=40, height=30) -> bytes:
    buffer = io.BytesIO()
    PillowImage.new("RGB", (width, height), (0, 85, 140)).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def public_folder(settings, tmp_path, monkeypatch):
    settings.STORAGES = settings.STORAGES | {
        "public": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path), "base_url": "/media/public/"},
        }
    }
    # The storages of the originals and renditions were chosen when the models were loaded:
    # follow the test's.
    for model in (PortalImage, PortalRendition):
        monkeypatch.setattr(model._meta.get_field("file"), "storage", storages["public"])
    return tmp_path


def _image() -> PortalImage:
    return PortalImage.objects.create(
        title="Forum hall",
        alt_text="The main hall of the WSIS Forum",
        file=SimpleUploadedFile("hall.png", _png()),
    )


def test_an_image_and_its_renditions_go_to_the_public_storage(public_folder):
    image = _image()
    assert (public_folder / image.file.name).is_file()
    rendition = image.get_rendition("width-20")
    assert rendition.width == 20
    assert rendition.height == 15
    assert (public_folder / rendition.file.name).is_file()
    assert rendition.url == f"/media/public/{rendition.file.name}"


def test_a_page_shows_the_rendition_with_its_alt_text(public_folder, client):
    image = _image()
    page = standard_page(
        body=[{"type": "image", "value": {"image": image.pk, "caption": "The hall"}}]
    )
    html = client.get(page.url).content.decode()
    rendition = image.renditions.get()
    assert (
        f'<img alt="The main hall of the WSIS Forum" height="{rendition.height}" '
        f'src="/media/public/{rendition.file.name}" width="{rendition.width}">'
    ) in html
    assert "<figcaption>The hall</figcaption>" in html


def test_local_development_serves_the_public_files(public_folder):
    image = _image()
    rendition = image.get_rendition("width-20")
    patterns = public_media_urlpatterns()
    assert len(patterns) == 1
    url = f"/media/public/{rendition.file.name}"
    match = patterns[0].resolve(url.lstrip("/"))
    response = match.func(RequestFactory().get(url), **match.kwargs)
    assert response.status_code == 200
    served = b"".join(response.streaming_content)
    response.close()
    with rendition.file.open("rb") as stored:
        assert served == stored.read()
    # Only GET; and in production nothing is served from a folder.
    assert match.func(RequestFactory().post(url), **match.kwargs).status_code == 405
    with override_settings(PRODUCTION=True):
        assert public_media_urlpatterns() == []


def test_in_production_the_public_bucket_holds_them(settings):
    settings.STORAGES = settings.STORAGES | s3_storages(
        endpoint_url="http://127.0.0.1:8333",
        access_key="key",
        secret_key="secret",
        private_bucket="wsis-private",
        public_bucket="wsis-public",
    )
    storage = public_storage()
    assert storage.bucket_name == "wsis-public"
    assert storage.querystring_auth is False
    assert storage.url("images/hall.width-20.png") == (
        "http://127.0.0.1:8333/wsis-public/images/hall.width-20.png"
    )
    assert public_media_urlpatterns() == []
    assert not isinstance(storage, FileSystemStorage)
