"""The image library's files: originals and renditions in the "public" storage, served at
/media/public/ in local development and from the object storage's public bucket in production;
renditions made when an image is saved or a page showing it is published (never by a GET) and
shown with their alt text on a page."""

import io
import re
from pathlib import Path

import pytest
from django.core.files.storage import FileSystemStorage, storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client, RequestFactory, override_settings
from django.test.utils import CaptureQueriesContext
from PIL import Image as PillowImage

from cms.enums import ADMIN_RENDITION_SPECS, PUBLIC_RENDITION_SPECS
from cms.models import PortalImage, PortalRendition
from cms.models.images import public_storage
from cms.urls import public_media_urlpatterns
from tests.cms.builders import home_page, publish, standard_page
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


def _image(width=40, height=30) -> PortalImage:
    return PortalImage.objects.create(
        title="Forum hall",
        alt_text="The main hall of the WSIS Forum",
        file=SimpleUploadedFile("hall.png", _png(width, height)),
    )


def _specs(image) -> set[str]:
    return set(image.renditions.values_list("filter_spec", flat=True))


def test_the_templates_show_only_the_renditions_made_in_advance():
    root = Path(__file__).resolve().parents[2]
    used = set()
    for template in [*root.glob("*/templates/**/*.html"), *root.glob("templates/**/*.html")]:
        used |= set(re.findall(r"{%\s*image\s+\S+\s+([a-z0-9x-]+)", template.read_text()))
    assert used, "no {% image %} found: the search is wrong"
    assert used <= set(PUBLIC_RENDITION_SPECS), used - set(PUBLIC_RENDITION_SPECS)


def test_saving_an_image_makes_its_renditions(public_folder, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        image = _image(1400, 900)
    assert _specs(image) == {*PUBLIC_RENDITION_SPECS, *ADMIN_RENDITION_SPECS}
    assert image.renditions.get(filter_spec="width-400").width == 400


def _writes(queries) -> list[str]:
    return [
        query["sql"]
        for query in queries
        if query["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
    ]


def test_a_public_get_of_a_page_with_images_writes_nothing(
    public_folder, django_capture_on_commit_callbacks
):
    image = _image(1400, 900)
    # An image whose renditions went (or that predates them): publishing the page makes them.
    PortalRendition.objects.filter(image=image).delete()
    link = {"label": "The Forum", "page": None, "url": "/events/"}
    with django_capture_on_commit_callbacks(execute=True):
        page = standard_page(
            body=[{"type": "image", "value": {"image": image.pk, "caption": "The hall"}}]
        )
        home = home_page()
        home.body = [
            {
                "type": "hero",
                "value": {"heading": "The Forum", "text": "", "image": image.pk, "links": []},
            },
            {
                "type": "featured",
                "value": {
                    "heading": "Featured",
                    "items": [{"title": "Hall", "text": "", "image": image.pk, "link": link}],
                },
            },
        ]
        publish(home)
    assert set(PUBLIC_RENDITION_SPECS) <= _specs(image)
    client = Client()
    for url, images in ((page.url, 1), (home.url, 2)):
        with CaptureQueriesContext(connection) as queries:
            html = client.get(url).content.decode()
        assert _writes(queries.captured_queries) == [], url
        assert html.count('<img alt="The main hall of the WSIS Forum"') == images, url


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
    rendition = image.renditions.get(filter_spec="width-1000")
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
