"""The site-wide menu and footer, edited by the secretariat (Wagtail settings)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.fields import StreamField

from cms.blocks import LinkBlock


@register_setting(icon="list-ul")
class Navigation(BaseGenericSetting):
    menu = StreamField(
        [("link", LinkBlock())],
        blank=True,
        verbose_name=_("main menu"),
        help_text=_("Shown in the header of every page, after the portal's own sections."),
    )
    footer_links = StreamField([("link", LinkBlock())], blank=True, verbose_name=_("footer links"))
    footer_text = models.CharField(_("footer text"), max_length=300, blank=True)

    panels = [FieldPanel("menu"), FieldPanel("footer_links"), FieldPanel("footer_text")]

    class Meta:
        verbose_name = _("menu and footer")
