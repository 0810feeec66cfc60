"""The image library: Wagtail's image with alt text that cannot be left out."""

from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.images.models import (
    AbstractImage,
    AbstractRendition,
    Image,
    WagtailImageField,
    get_upload_to,
)


def public_storage():
    """The storage of what anyone may fetch (`STORAGES["public"]`): the public bucket of the
    object storage in production (long cache headers, no signature), `MEDIA_ROOT/public/` served
    at `/media/public/` in local development. The library's images are published content; their
    renditions go there too (`WAGTAILIMAGES_RENDITION_STORAGE`)."""
    return storages["public"]


class PortalImage(AbstractImage):
    """Required in every form of the library. Wagtail's multiple upload saves the file first and
    asks for the details after, so a page's image blocks refuse an image still without its alt
    text (see cms/blocks.py)."""

    file = WagtailImageField(
        verbose_name=_("file"),
        upload_to=get_upload_to,
        width_field="width",
        height_field="height",
        storage=public_storage,
    )
    alt_text = models.CharField(
        _("alt text"),
        max_length=255,
        help_text=_("What the image shows, for people who cannot see it. Required."),
    )

    admin_form_fields = (*Image.admin_form_fields, "alt_text")

    def generate_rendition_file(self, filter, *, source=None):
        """Wagtail's rendition, read out of the temporary file that Wagtail leaves open (one
        unclosed file per rendition, a ResourceWarning, an error in the tests): renditions are
        small, the bytes are kept in memory until saved."""
        generated = super().generate_rendition_file(filter, source=source)
        with generated.file as spooled:
            spooled.seek(0)
            return ContentFile(spooled.read(), name=generated.name)

    class Meta(AbstractImage.Meta):
        verbose_name = _("image")
        verbose_name_plural = _("images")


class PortalRendition(AbstractRendition):
    image = models.ForeignKey(PortalImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)
