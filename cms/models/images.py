"""The image library: Wagtail's image with alt text that cannot be left out."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.images.models import AbstractImage, AbstractRendition, Image


class PortalImage(AbstractImage):
    """Required in every form of the library. Wagtail's multiple upload saves the file first and
    asks for the details after, so a page's image blocks refuse an image still without its alt
    text (see cms/blocks.py)."""

    alt_text = models.CharField(
        _("alt text"),
        max_length=255,
        help_text=_("What the image shows, for people who cannot see it. Required."),
    )

    admin_form_fields = (*Image.admin_form_fields, "alt_text")

    class Meta(AbstractImage.Meta):
        verbose_name = _("image")
        verbose_name_plural = _("images")


class PortalRendition(AbstractRendition):
    image = models.ForeignKey(PortalImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)
