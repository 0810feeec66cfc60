"""Rich text is cleaned like everywhere else in the portal, embeds come only from the allowed
providers, and an image needs its alt text."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PillowImage
from wagtail.blocks import StreamBlockValidationError
from wagtail.embeds.embeds import get_embed
from wagtail.embeds.exceptions import EmbedUnsupportedProviderException
from wagtail.embeds.finders import get_finders
from wagtail.images.forms import get_image_form
from wagtail.rich_text import RichText

from cms.blocks import AltTextImageBlock, ContentEmbedBlock
from cms.models import PortalImage, StandardPage
from cms.sanitising import rich_text_sanitise
from tests.cms.builders import standard_page

HOSTILE = (
    '<p data-block-key="k1">Hello<script>alert(1)</script> '
    '<a href="javascript:alert(1)" onclick="steal()">bad</a> '
    '<a href="https://www.itu.int" style="color:red" target="_blank">ITU</a>'
    '<img src=x onerror="alert(2)"><iframe src="https://evil.example"></iframe></p>'
)
CLEAN = '<p data-block-key="k1">Hello <a>bad</a> <a href="https://www.itu.int">ITU</a></p>'


def _png() -> bytes:
    buffer = io.BytesIO()
    PillowImage.new("RGB", (4, 3), "navy").save(buffer, format="PNG")
    return buffer.getvalue()


def test_sanitiser_strips_scripts_handlers_and_foreign_attributes():
    assert rich_text_sanitise(HOSTILE) == CLEAN


def test_sanitiser_keeps_wagtails_own_rich_text_format():
    stored = (
        '<h2 data-block-key="a">Title</h2><p data-block-key="b">See <a linktype="page" id="3">'
        'this page</a> and <a href="mailto:wsis@itu.int">write</a>.</p>'
        '<embed embedtype="image" id="7" format="left" alt="A map"/>'
    )
    assert rich_text_sanitise(stored) == stored


@pytest.mark.django_db
def test_rich_text_of_a_page_is_stored_clean():
    page = standard_page(live=False)
    page.body = [("paragraph", RichText(HOSTILE))]
    revision = page.save_revision()
    assert revision.as_object().body.raw_data[0]["value"] == CLEAN
    revision.publish()
    assert StandardPage.objects.get(pk=page.pk).body.raw_data[0]["value"] == CLEAN


def test_embeds_come_only_from_the_allowed_providers():
    def accepted(url):
        return any(finder.accept(url) for finder in get_finders())

    assert accepted("https://www.youtube.com/watch?v=abcdefghijk") is True
    assert accepted("https://vimeo.com/123456") is True
    assert accepted("https://evil.example/watch?v=1") is False
    assert accepted("https://twitter.com/itu/status/1") is False


@pytest.mark.django_db
def test_an_embed_from_elsewhere_is_refused_without_any_request():
    with pytest.raises(EmbedUnsupportedProviderException):
        get_embed("https://evil.example/video/1")
    block = ContentEmbedBlock()
    with pytest.raises(ValidationError):
        block.clean(block.to_python("https://evil.example/video/1"))


@pytest.mark.django_db
def test_an_image_needs_its_alt_text():
    form_class = get_image_form(PortalImage)
    form = form_class(
        data={"title": "Forum", "alt_text": ""},
        files={"file": SimpleUploadedFile("forum.png", _png(), content_type="image/png")},
    )
    assert form.is_valid() is False
    assert form.errors["alt_text"] == ["This field is required."]

    image = PortalImage.objects.create(
        title="Forum", file=SimpleUploadedFile("forum.png", _png()), width=4, height=3
    )
    with pytest.raises(ValidationError) as error:
        AltTextImageBlock().clean(image)
    assert error.value.messages == [
        "“Forum” has no alt text yet: add it in the image library first."
    ]
    image.alt_text = "The WSIS Forum's main hall"
    image.save()
    assert AltTextImageBlock().clean(image) == image


@pytest.mark.django_db
def test_a_page_with_an_image_without_alt_text_cannot_be_saved_from_the_editor():
    image = PortalImage.objects.create(
        title="Forum", file=SimpleUploadedFile("forum.png", _png()), width=4, height=3
    )
    body = StandardPage._meta.get_field("body").stream_block
    value = body.to_python([{"type": "image", "value": {"image": image.pk, "caption": ""}}])
    with pytest.raises(StreamBlockValidationError):
        body.clean(value)
